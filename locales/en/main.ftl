# English: every string of the site.
language-name = English
og-locale = en_GB

## Dates and numbers
date-day-month-year = { $day } { $month } { $year }
date-month-year = { $month } { $year }
number-group-separator = ,
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Navigation
skip-to-content = Skip to main content
main-navigation = Main menu
language-switcher = Choose a language
breadcrumbs = You are here
home = Home
no-translation = not translated, goes to the home page
donate = Donate

## Pages
updated = Updated:
section-count = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
feed = Atom feed
programmes-heading = Our programmes
key-figures = Key figures
timeline = Time line

## Contact and donations
contact-heading = Contact
contact-address = Address
contact-phone = Telephone
contact-email = E-mail
placeholder = To be added soon
donate-how = How to give
donate-account = Bank account
donate-online = Give online
footer-about = Family-based care for children who have lost parental care or are at risk of losing it.

## Not found
not-found-title = Page not found
not-found-text = The page you are looking for does not exist or has moved.
not-found-home = Go to the home page

## Search (the search page and the field in the header)
search-title = Search
search-label = Search the site
search-button = Search
search-no-js = Search needs JavaScript, which is turned off in your browser. Every page can be reached through the menu.
search-found = Results found:
search-none = Nothing found. Try another form of the word, or fewer letters.
search-error = The search index could not be loaded. Please try again later.
search-more = More results
