# Azərbaycan dili: saytın bütün mətnləri.
language-name = Azərbaycanca
og-locale = az_AZ

## Tarix və rəqəmlər
date-day-month-year = { $day } { $month } { $year }
date-month-year = { $month } { $year }
number-group-separator = .
month-1 = yanvar
month-2 = fevral
month-3 = mart
month-4 = aprel
month-5 = may
month-6 = iyun
month-7 = iyul
month-8 = avqust
month-9 = sentyabr
month-10 = oktyabr
month-11 = noyabr
month-12 = dekabr

## Naviqasiya
skip-to-content = Əsas məzmuna keç
main-navigation = Əsas menyu
# Kiçik ekranlarda menyunu açan düymə.
menu-toggle = Menyu
language-switcher = Dil seçimi
breadcrumbs = Siz buradasınız
home = Ana səhifə
no-translation = tərcümə yoxdur, ana səhifəyə keçid
donate = İanə edin

## Səhifələr
updated = Yenilənib:
# Say sözündən sonra isim təkdə qalır: "6 səhifə".
section-count = { $count } səhifə
# Bölmədə hələ heç bir səhifə olmadıqda.
section-empty = Bu bölmədə hələ heç nə dərc olunmayıb.
feed = Atom lenti
programmes-heading = Proqramlarımız
# Ana səhifədə, ilk baxışda görünən qısa xülasənin başlığı (ekranda gizli).
glance-heading = Qısaca
figures-heading = Rəqəmlər
figures-more = Statistika səhifəsində ətraflı
timeline = Xronologiya
timeline-more = Ətraflı

## Əlaqə, ianə və kömək
contact-heading = Əlaqə
contact-address = Ünvan
contact-phone = Telefon
contact-email = E-poçt
# site.yaml-da dəyəri hələ məlum olmayan (PLACEHOLDER) məlumatın yerində.
placeholder = Hələ əlavə olunmayıb
placeholder-note = “Hələ əlavə olunmayıb” yazılan məlumatları assosiasiya hələ dərc etməyib; dərc olunduqda burada göstəriləcək.
# Mətni hələ hazır olmayan səhifənin yuxarısında.
page-placeholder = Bu səhifənin əsas mətni hələ əlavə olunmayıb: assosiasiya onu dərc etdikdə burada yer alacaq.
donate-how = Necə ianə etmək olar
donate-account = Bank hesabı
donate-bank = Bank
donate-tax-number = VÖEN
donate-iban = IBAN
donate-swift = SWIFT
donate-online = Onlayn ianə
donate-accountability = İanələr və hesabatlar
donate-use-of-funds = İanələrin necə istifadə olunduğu
donate-reports = İllik hesabatlar və audit
help-how-heading = Necə müraciət etmək olar
help-how-to-ask = Müraciət qaydası
help-eligibility = Kim müraciət edə bilər
help-cost = Ödəniş
help-confidentiality = Məxfilik
locations-heading = Kəndlərin və mərkəzlərin ünvanları
footer-about = Valideyn himayəsini itirmiş və ya onu itirmək təhlükəsi ilə üzləşən uşaqlar üçün ailə əsaslı qayğı.
footer-policies = Siyasətlər

## Tapılmadı
not-found-title = Səhifə tapılmadı
not-found-text = Axtardığınız səhifə yoxdur və ya başqa ünvana köçürülüb.
not-found-home = Ana səhifəyə qayıdın

## Axtarış (axtarış səhifəsi və başlıqdakı sahə)
search-title = Axtarış
search-label = Saytda axtar
search-button = Axtar
search-no-js = Axtarış JavaScript ilə işləyir, brauzerinizdə isə JavaScript söndürülüb. Bütün səhifələri menyudan tapa bilərsiniz.
search-found = Tapılan nəticələr:
search-none = Heç nə tapılmadı. Sözü başqa formada və ya daha qısa yazın.
search-error = Axtarış indeksi yüklənmədi. Bir az sonra yenidən cəhd edin.
search-more = Daha çox nəticə
## Siyahılar: uzun siyahının səhifələri, mövzular, mündəricat, oxu vaxtı
# Siyahının sonrakı səhifələrinin ünvan hissəsi (/xeberler/sehife/2/); slug kimi yazılır.
url-page = səhifə
pagination = Səhifələr
pagination-previous = Əvvəlki
pagination-next = Növbəti
pagination-page = Səhifə { $number }
pagination-of = Səhifə { $number } / { $total }
toc = Mündəricat
# Words a minute. No published rate for Azerbaijani readers is known to us; this is
# the Turkish rate (the closest language measured) of Trauzettel-Klosinski, S. and
# Dietz, K. (2012), "Standardized assessment of reading performance: the new
# International Reading Speed Texts IReST", Investigative Ophthalmology & Visual
# Science 53(9), 5452–5461 (Turkish: 166).
reading-words-per-minute = 166
reading-time = Oxu müddəti: { $minutes } dəqiqə
taxonomy-count = { $count } səhifə
