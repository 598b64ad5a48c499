# Textos de la interfaz en español. Las claves que falten se toman del inglés.
# `language-name` es el nombre del idioma en el propio idioma; `language-direction` es ltr o rtl.
language-name = Español
language-direction = ltr

skip-to-content = Ir al contenido
site-nav-label = Sitio
nav-home = Inicio
nav-overview = Vista general
nav-glossary = Glosario
language-label = Idioma
language-translated = traducido
language-not-translated = aún sin traducir
breadcrumb-label = Usted está aquí
pager-label = Páginas anterior y siguiente
previous = Anterior
next = Siguiente
on-this-page = En esta página

kind-home = Inicio
kind-principle = Principio
kind-standard = Estándar
kind-indicator = Indicador
kind-guide = Guía detallada
kind-department = Smart Operations
kind-term = Término del glosario
kind-page = Página

applies-to = Se aplica a
product-all = Todos los productos
product-credit = Crédito
product-savings = Ahorro
product-payments = Pagos
product-insurance = Seguros

evidence-heading = Evidencias que revisa el evaluador
evidence-documents = Documentos
evidence-interviews = Entrevistas
evidence-observation = Observación

principles-heading = Los siete principios
standards-heading = Estándares
indicators-heading = Indicadores
related-heading = Páginas relacionadas
glossary-used-heading = Términos del glosario utilizados
referenced-by-heading = Citado en
guides-heading = Guía detallada
departments-heading = Smart Operations
pages-heading = Acerca de esta guía

overview-title = Vista general del marco
overview-intro = Todos los principios, estándares e indicadores en una sola página.
overview-number = Número
overview-item = Principio, estándar o indicador
overview-products = Productos
glossary-title = Glosario
glossary-intro = Términos que se utilizan en toda la guía, con sus definiciones.

not-translated = Esta página aún no está traducida, por lo que se muestra en su idioma original.
read-original = Ver el original
landing-title = Elija un idioma
footer-note = Una guía independiente basada en las publicaciones públicas sobre protección al cliente de la Smart Campaign y de Cerise+SPTF, redactada con nuestras propias palabras, y que no es una de esas publicaciones.
header-independent = Una guía independiente sobre los Principios de Protección al Cliente, no una publicación oficial

indicator-count = { $count ->
    [one] { $count } indicador
   *[other] { $count } indicadores
}
standard-count = { $count ->
    [one] { $count } estándar
   *[other] { $count } estándares
}

body-not-translated = El texto de esta página aún no está traducido, por lo que se muestra en su idioma original.
translation-outdated = El original de esta página ha cambiado desde que se tradujo.
nav-translations = Estado de las traducciones
translations-title = Estado de las traducciones
translations-intro = Qué parte de la guía está disponible en cada idioma y qué páginas necesitan un traductor.
translations-language = Idioma
translations-current = Actualizada
translations-outdated = Desactualizada
translations-title-only = Solo el título
translations-missing = Sin traducir

search-label = Buscar en la guía
search-placeholder = Número, título o palabras
search-results = Resultados
search-none = Ninguna página coincide.
search-loading = Cargando el índice de búsqueda…
search-corrected = Resultados para
search-more = Mostrar más resultados
print-title = La guía completa
print-contents = Índice
nav-print = Guía completa (para imprimir)
exports-label = Descargar el marco
pack-readme = Guía detallada de protección al cliente, copia sin conexión. Abra el archivo index.html de esta carpeta con cualquier navegador: todo funciona sin internet, incluida la búsqueda.

# Site name, print title page, menu, overview filter, landing (session 6)
site-title = Guía detallada de protección al cliente
print-edition = Edición
print-built = Generada el
print-language = Idioma
print-not-translated = Aún sin traducir: se muestra en su idioma original.
menu = Menú
contents-label = Índice de la guía
on-this-page = En esta página
statement-label = Enunciado completo
overview-filter = Mostrar solo
overview-all-products = Todos los productos
overview-all-principles = Todos los principios
landing-continue = Continuar en
