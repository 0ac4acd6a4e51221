# Azərbaycanca: redaktorların səhifələrə qoyduğu komponentlərin mətnləri (themes/default/templates/components.html).

# Faylın ölçüsündə tam hissə ilə onda birlər arasında (2,4 MB).
decimal-separator = ,
# Fotonun altında: kim çəkib.
figure-credit = Foto: { $name }
# Videonun örtük şəklində: videonu başladan keçid.
video-play = Videoya baxın: { $title }
# Videonun altında: oxucu istəməyənə qədər video saytından heç nə yüklənmir.
video-privacy = Video { $provider } saytından yalnız siz başlatdıqdan sonra yüklənir; bundan sonra { $provider } kukilər saxlaya bilər.
# Sənədin adından sonra: növü və ölçüsü (PDF, 2,4 MB).
document-meta = { $type }, { $size }
document-size-kb = { $size } KB
document-size-mb = { $size } MB
