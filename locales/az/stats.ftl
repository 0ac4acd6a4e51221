# Statistika cədvəlləri (`stats` blokları) və mətndaxili rəqəmlər (`{{stat …}}`).
# Arqumentlər: $n saytın `suppress_below` həddi (adətən 10), $max = $n - 1.
#
# "10-dan az" yazmaq olmur: şəkilçi ədədin oxunuşuna görə dəyişir
# (5-dən, 6-dan, 10-dan, 20-dən), Fluent isə bunu istənilən ədəd üçün
# seçə bilmir. "ən çoxu 9" hər ədədlə düzgündür və eyni mənanı verir
# (sıfır həmişə 0 kimi göstərilir).

# 1-dən $max-a qədər olan say əvəzinə göstərilir.
stats-fewer-than = ən çoxu { $max }
# Kiçik sayın hesablanmaması üçün gizlədilmiş say əvəzinə göstərilir.
stats-hidden = göstərilmir
# Cəmi sətri və sütununun başlığı.
stats-total = Cəmi
# Birölçülü cədvəldə say sütununun başlığı.
stats-count = Say
# Cədvəlin altındakı qeydlər (* və † işarələrindən sonra).
stats-note-primary = Ən çoxu { $max }: heç bir uşağın tanınmaması üçün dəqiq say göstərilmir.
stats-note-secondary = Göstərilmir, çünki əks halda gizlədilmiş saylar digər rəqəmlərdən hesablana bilərdi.
# "Məlumatların tarixi: 30 iyun 2026. Mənbə: …"
stats-as-of = Məlumatların tarixi
stats-source = Mənbə
# Diaqramın əlçatan adının əvvəli: "Diaqram: Qayğıdakı uşaqlar".
stats-chart = Diaqram
# Mənbə tarix göstərmədikdə, tarixin əvəzinə.
stats-undated = Mənbə bu rəqəmlərin tarixini göstərmir
