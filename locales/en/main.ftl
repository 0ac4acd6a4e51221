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
# The button that opens the menu on small screens.
menu-toggle = Menu
language-switcher = Choose a language
breadcrumbs = You are here
home = Home
no-translation = no translation – links to the home page
donate = Donate

## Pages
updated = Updated:
section-count = { $count ->
    [one] { $count } page
   *[other] { $count } pages
}
# When a section has no pages yet.
section-empty = Nothing has been published in this section yet.
feed = Atom feed
programmes-heading = Our programmes
# Heading of the short summary at the top of the home page (hidden on screen).
glance-heading = At a glance
figures-heading = Figures
figures-more = More on the statistics page
timeline = Timeline
timeline-more = Read more

## Contact, donations and help
contact-heading = Contact
contact-address = Address
contact-phone = Telephone
contact-email = Email
# Instead of a value site.yaml does not know yet (PLACEHOLDER).
placeholder = Not yet available
placeholder-note = Where it says “Not yet available”, the association has not yet published that information; it will appear here once it has.
# At the top of a page whose main text is not ready yet.
page-placeholder = The main text of this page is not yet available: it will appear here once the association has published it.
donate-how = How to donate
donate-account = Bank account
donate-bank = Bank
donate-tax-number = Tax number (VÖEN)
donate-iban = IBAN
donate-swift = SWIFT
donate-online = Donate online
donate-accountability = Donations and reports
donate-use-of-funds = How donations are used
donate-reports = Annual reports and audit
help-how-heading = How to ask for help
help-how-to-ask = How to ask
help-eligibility = Who can ask
help-cost = Cost
help-confidentiality = Confidentiality
locations-heading = Addresses of our villages and centres
footer-about = Family-based care for children who have lost parental care or are at risk of losing it.
footer-policies = Policies

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
## Listings: pages of a long list, topics, contents, reading time
# The URL segment of a list's later pages (/en/news/page/2/); made a slug as written.
url-page = page
pagination = Pages
pagination-previous = Previous
pagination-next = Next
pagination-page = Page { $number }
pagination-of = Page { $number } of { $total }
toc = Contents
# Silent reading of non-fiction by adults, in words a minute: Brysbaert, M. (2019),
# "How many words do we read per minute? A review and meta-analysis of reading rate",
# Journal of Memory and Language 109, 104047 (English: 238).
reading-words-per-minute = 238
reading-time = { $minutes ->
    [one] { $minutes } minute read
   *[other] { $minutes } minutes read
}
taxonomy-count = { $count ->
    [one] { $count } page
   *[other] { $count } pages
}
