# UI strings for English. Every other language falls back to these.
# `language-name` is the language's name in itself; `language-direction` is ltr or rtl.
language-name = English
language-direction = ltr

skip-to-content = Skip to content
site-nav-label = Site
nav-home = Home
nav-overview = Overview
nav-glossary = Glossary
language-label = Language
language-translated = translated
language-not-translated = not yet translated
breadcrumb-label = You are here
pager-label = Previous and next pages
previous = Previous
next = Next
on-this-page = On this page

kind-home = Home
kind-principle = Principle
kind-standard = Standard
kind-indicator = Indicator
kind-guide = Detailed guidance
kind-department = Smart Operations
kind-term = Glossary term
kind-page = Page

applies-to = Applies to
product-all = All products
product-credit = Credit
product-savings = Savings
product-payments = Payments
product-insurance = Insurance

evidence-heading = Evidence an assessor reviews
evidence-documents = Documents
evidence-interviews = Interviews
evidence-observation = Observation

principles-heading = The seven principles
standards-heading = Standards
indicators-heading = Indicators
related-heading = Related
glossary-used-heading = Glossary terms used
referenced-by-heading = Referenced by
guides-heading = Detailed guidance
departments-heading = Smart Operations
pages-heading = About this guide

overview-title = Overview of the framework
overview-intro = Every principle, standard and indicator on one page.
overview-number = Number
overview-item = Principle, standard or indicator
overview-products = Products
glossary-title = Glossary
glossary-intro = Terms used across the guidance, with their definitions.

not-translated = This page is not translated yet, so it is shown in its original language.
read-original = Open the original
landing-title = Choose a language
footer-note = An independent guide built on the public Client Protection publications of the Smart Campaign and Cerise+SPTF, in our own words, and not one of those publications.
header-independent = An independent guide to the Client Protection Principles, not an official publication

indicator-count = { $count ->
    [one] { $count } indicator
   *[other] { $count } indicators
}
standard-count = { $count ->
    [one] { $count } standard
   *[other] { $count } standards
}

body-not-translated = The text of this page is not translated yet, so it is shown in its original language.
translation-outdated = The original of this page has changed since it was translated.
nav-translations = Translation status
translations-title = Translation status
translations-intro = How much of the guide each language has, and the pages that need a translator.
translations-language = Language
translations-current = Up to date
translations-outdated = Out of date
translations-title-only = Title only
translations-missing = Not translated

search-label = Search the guide
search-placeholder = Number, title or words
search-results = Results
search-none = No pages match.
search-loading = Loading the search index…
search-corrected = Showing results for
search-more = Show more results
print-title = The whole guide
print-contents = Contents
nav-print = Whole guide (print)
exports-label = Download the framework

pack-readme = Client Protection Detailed Guidance, offline copy. Open the file index.html in this folder with any web browser: everything works without internet, including search.

# Site name, print title page, menu, overview filter, landing (session 6)
site-title = Client Protection Detailed Guidance
print-edition = Edition
print-built = Built on
print-language = Language
print-not-translated = Not translated yet: shown in its original language.
menu = Menu
contents-label = Contents of the guide
on-this-page = On this page
statement-label = Full statement
overview-filter = Show only
overview-all-products = All products
overview-all-principles = All principles
landing-continue = Continue in
