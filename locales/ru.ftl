# Строки интерфейса на русском языке. Недостающие строки берутся из английского файла.
# `language-name` — название языка на нём самом; `language-direction` — ltr или rtl.
language-name = Русский
language-direction = ltr

skip-to-content = Перейти к содержанию
site-nav-label = Сайт
nav-home = Главная
nav-overview = Обзор
nav-glossary = Глоссарий
language-label = Язык
language-translated = переведено
language-not-translated = перевод пока не готов
breadcrumb-label = Вы находитесь здесь
pager-label = Предыдущая и следующая страницы
previous = Назад
next = Далее
on-this-page = На этой странице

kind-home = Главная
kind-principle = Принцип
kind-standard = Стандарт
kind-indicator = Индикатор
kind-guide = Подробное руководство
kind-department = Smart Operations
kind-term = Термин глоссария
kind-page = Страница

applies-to = Применимо к
product-all = Все продукты
product-credit = Кредиты
product-savings = Сбережения
product-payments = Платежи
product-insurance = Страхование

evidence-heading = Что проверяет оценщик
evidence-documents = Документы
evidence-interviews = Интервью
evidence-observation = Наблюдение

principles-heading = Семь принципов
standards-heading = Стандарты
indicators-heading = Индикаторы
related-heading = См. также
glossary-used-heading = Термины глоссария на этой странице
referenced-by-heading = Ссылки на эту страницу
guides-heading = Подробное руководство
departments-heading = Smart Operations
pages-heading = Об этом руководстве

overview-title = Обзор системы стандартов
overview-intro = Все принципы, стандарты и индикаторы на одной странице.
overview-number = Номер
overview-item = Принцип, стандарт или индикатор
overview-products = Продукты
glossary-title = Глоссарий
glossary-intro = Термины, которые используются в руководстве, и их определения.

not-translated = Эта страница ещё не переведена, поэтому она показана на языке оригинала.
read-original = Открыть оригинал
landing-title = Выберите язык
footer-note = Независимое руководство, основанное на открытых публикациях Smart Campaign и Cerise+SPTF о защите клиентов и изложенное нашими словами; оно не является ни одной из этих публикаций.
header-independent = Независимое руководство по Принципам защиты клиентов (не официальная публикация)

indicator-count = { $count ->
    [one] { $count } индикатор
    [few] { $count } индикатора
    [many] { $count } индикаторов
   *[other] { $count } индикатора
}
standard-count = { $count ->
    [one] { $count } стандарт
    [few] { $count } стандарта
    [many] { $count } стандартов
   *[other] { $count } стандарта
}

body-not-translated = Текст этой страницы ещё не переведён, поэтому он показан на языке оригинала.
translation-outdated = Оригинал этой страницы изменился после того, как она была переведена.
nav-translations = Состояние перевода
translations-title = Состояние перевода
translations-intro = Какая часть руководства переведена на каждый язык и какие страницы ждут переводчика.
translations-language = Язык
translations-current = Актуально
translations-outdated = Устарело
translations-title-only = Только заголовок
translations-missing = Не переведено

search-label = Поиск по руководству
search-placeholder = Номер, заголовок или слова
search-results = Результаты
search-none = Подходящих страниц нет.
search-loading = Загрузка поискового индекса…
search-corrected = Показаны результаты для
search-more = Показать ещё результаты
print-title = Всё руководство
print-contents = Содержание
nav-print = Всё руководство (для печати)
exports-label = Скачать систему стандартов

pack-readme = Подробное руководство по защите клиентов, офлайн-копия. Откройте файл index.html в этой папке в любом браузере: всё работает без интернета, включая поиск.

# Site name, print title page, menu, overview filter, landing (session 6)
site-title = Подробное руководство по защите клиентов
print-edition = Издание
print-built = Дата сборки
print-language = Язык
print-not-translated = Ещё не переведено: показано на языке оригинала.
menu = Меню
contents-label = Содержание руководства
on-this-page = На этой странице
statement-label = Полная формулировка
overview-filter = Показать только
overview-all-products = Все продукты
overview-all-principles = Все принципы
landing-continue = Продолжить на языке
