# Statistika cədvəlləri (`stats` blokları) və mətndaxili rəqəmlər (`{{stat …}}`).
# Arqumentlər: $n saytın `suppress_below` həddi (adətən 10), $max = $n - 1.
#
# "10-dan az": şəkilçi ədədin oxunuşunun son sözünə görə seçilir (5-dən,
# 6-dan, 10-dan, 20-dən, 100-dən, 1000-dən, 1 000 000-dan). Bunu generatorun
# AZ_ABLATIVE funksiyası istənilən ədəd üçün edir: { $n }-{ AZ_ABLATIVE($n) }.

# 1-dən $max-a qədər olan say əvəzinə göstərilir.
stats-fewer-than = { $n }-{ AZ_ABLATIVE($n) } az
# Kiçik sayın hesablanmaması üçün gizlədilmiş say əvəzinə göstərilir.
stats-hidden = göstərilmir
# Cəmi sətri və sütununun başlığı.
stats-total = Cəmi
# Birölçülü cədvəldə say sütununun başlığı.
stats-count = Say
# Cədvəlin altındakı qeydlər (* və † işarələrindən sonra).
stats-note-primary = { $n }-{ AZ_ABLATIVE($n) } az: heç bir uşaq tanınmasın deyə dəqiq say göstərilmir.
stats-note-secondary = Göstərilmir, çünki əks halda gizlədilmiş saylar digər rəqəmlərdən hesablana bilərdi.
# "Məlumatların tarixi: 30 iyun 2026. Mənbə: …"
stats-as-of = Məlumatların tarixi
stats-source = Mənbə
# Diaqramın əlçatan adının əvvəli: "Sütunlu diaqram: Qayğıdakı uşaqlar".
stats-chart = Sütunlu diaqram
# Mənbə tarix göstərmədikdə, tarixin əvəzinə.
stats-undated = Bu rəqəmlərin tarixi göstərilməyib
