# Русский язык: все тексты сайта.
language-name = Русский
og-locale = ru_RU

## Даты и числа
# С числом месяц стоит в родительном падеже (30 июня 2026), без числа — в именительном
# (ноябрь 2000): генератор передаёт номер месяца в $month_number.
date-day-month-year = { $day } { $month } { $year } г.
date-month-year = { $month_number ->
    [1] январь
    [2] февраль
    [3] март
    [4] апрель
    [5] май
    [6] июнь
    [7] июль
    [8] август
    [9] сентябрь
    [10] октябрь
    [11] ноябрь
    [12] декабрь
   *[other] { $month }
} { $year } г.
# Неразрывный пробел: 1 234.
number-group-separator = { "\u00A0" }
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря

## Навигация
skip-to-content = Перейти к основному содержанию
main-navigation = Главное меню
# Кнопка, открывающая меню на маленьких экранах.
menu-toggle = Меню
language-switcher = Выбор языка
breadcrumbs = Вы здесь
home = Главная
no-translation = перевода нет, ссылка ведёт на главную страницу
donate = Пожертвовать

## Страницы
updated = Обновлено:
section-count = { $count ->
    [one] { $count } страница
    [few] { $count } страницы
    [many] { $count } страниц
   *[other] { $count } страницы
}
# Если в разделе ещё нет страниц.
section-empty = В этом разделе пока ничего не опубликовано.
feed = Лента Atom
programmes-heading = Наши программы
# Заголовок краткой сводки вверху главной страницы (на экране скрыт).
glance-heading = Коротко
figures-heading = Цифры
figures-more = Подробнее на странице статистики
timeline = Хронология
timeline-more = Подробнее

## Контакты, пожертвования и помощь
contact-heading = Контакты
contact-address = Адрес
contact-phone = Телефон
contact-email = Электронная почта
# Вместо значения, которое в site.yaml ещё не известно (PLACEHOLDER).
placeholder = Пока не опубликовано
placeholder-note = Сведения с пометкой «Пока не опубликовано» ассоциация ещё не опубликовала; они появятся здесь, как только будут опубликованы.
# Вверху страницы, основной текст которой ещё не готов.
page-placeholder = Основной текст этой страницы пока не опубликован: он появится здесь, когда ассоциация его опубликует.
donate-how = Как сделать пожертвование
donate-account = Банковский счёт
donate-bank = Банк
donate-tax-number = ИНН (VÖEN)
donate-iban = IBAN
donate-swift = SWIFT
donate-online = Пожертвовать онлайн
donate-accountability = Пожертвования и отчёты
donate-use-of-funds = Как используются пожертвования
donate-reports = Годовые отчёты и аудит
help-how-heading = Как обратиться за помощью
help-how-to-ask = Как обратиться
help-eligibility = Кто может обратиться
help-cost = Стоимость
help-confidentiality = Конфиденциальность
locations-heading = Адреса деревень и центров
footer-about = Семейный уход для детей, оставшихся без попечения родителей или рискующих его лишиться.
footer-policies = Правила и политика

## Страница не найдена
not-found-title = Страница не найдена
not-found-text = Страницы, которую вы ищете, нет, или она перенесена по другому адресу.
not-found-home = Вернуться на главную страницу

## Поиск (страница поиска и поле в шапке)
search-title = Поиск
search-label = Поиск по сайту
search-button = Найти
search-no-js = Поиск работает с JavaScript, а он выключен в вашем браузере. Все страницы доступны через меню.
search-found = Найдено результатов:
search-none = Ничего не найдено. Попробуйте другую форму слова или меньше букв.
search-error = Не удалось загрузить поисковый индекс. Попробуйте позже.
search-more = Ещё результаты
## Списки: страницы длинного списка, темы, содержание, время чтения
# Часть адреса следующих страниц списка (/ru/novosti/stranica/2/); пишется как slug.
url-page = страница
pagination = Страницы
pagination-previous = Предыдущая
pagination-next = Следующая
pagination-page = Страница { $number }
pagination-of = Страница { $number } из { $total }
toc = Содержание
# Words a minute: Trauzettel-Klosinski, S. and Dietz, K. (2012), "Standardized
# assessment of reading performance: the new International Reading Speed Texts
# IReST", Investigative Ophthalmology & Visual Science 53(9), 5452–5461 (Russian: 184).
reading-words-per-minute = 184
reading-time = { $minutes ->
    [one] { $minutes } минута чтения
    [few] { $minutes } минуты чтения
   *[many] { $minutes } минут чтения
}
taxonomy-count = { $count ->
    [one] { $count } страница
    [few] { $count } страницы
   *[many] { $count } страниц
}
