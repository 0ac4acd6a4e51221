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
language-switcher = Dil seçimi
breadcrumbs = Siz buradasınız
home = Ana səhifə
no-translation = tərcümə yoxdur, ana səhifəyə keçid
donate = İanə et

## Səhifələr
updated = Yenilənib:
section-count = { $count ->
    [one] { $count } yazı
   *[other] { $count } yazı
}
feed = Atom lenti
programmes-heading = Proqramlarımız
key-figures = Əsas rəqəmlər
timeline = Xronologiya

## Əlaqə və ianə
contact-heading = Əlaqə
contact-address = Ünvan
contact-phone = Telefon
contact-email = E-poçt
placeholder = Tezliklə əlavə olunacaq
donate-how = Necə ianə etmək olar
donate-account = Bank hesabı
donate-online = Onlayn ianə
footer-about = Valideyn himayəsindən məhrum olmuş və ya onu itirmək riski olan uşaqlar üçün ailə əsaslı qayğı.

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
