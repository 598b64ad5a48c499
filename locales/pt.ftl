# Textos da interface em português do Brasil. As mensagens que faltarem são mostradas em inglês.
# `language-name` é o nome do idioma nele mesmo; `language-direction` é ltr ou rtl.
language-name = Português
language-direction = ltr

skip-to-content = Ir para o conteúdo
site-nav-label = Site
nav-home = Início
nav-overview = Visão geral
nav-glossary = Glossário
language-label = Idioma
language-translated = traduzido
language-not-translated = ainda não traduzido
breadcrumb-label = Você está aqui
pager-label = Páginas anterior e seguinte
previous = Anterior
next = Próxima
on-this-page = Nesta página

kind-home = Início
kind-principle = Princípio
kind-standard = Padrão
kind-indicator = Indicador
kind-guide = Orientações detalhadas
kind-department = Smart Operations
kind-term = Termo do glossário
kind-page = Página

applies-to = Aplica-se a
product-all = Todos os produtos
product-credit = Crédito
product-savings = Poupança
product-payments = Pagamentos
product-insurance = Seguros

evidence-heading = Evidências analisadas pelo avaliador
evidence-documents = Documentos
evidence-interviews = Entrevistas
evidence-observation = Observação

principles-heading = Os sete princípios
standards-heading = Padrões
indicators-heading = Indicadores
related-heading = Relacionados
glossary-used-heading = Termos do glossário usados
referenced-by-heading = Referenciado por
guides-heading = Orientações detalhadas
departments-heading = Smart Operations
pages-heading = Sobre este guia

overview-title = Visão geral do quadro de referência
overview-intro = Todos os princípios, padrões e indicadores em uma única página.
overview-number = Número
overview-item = Princípio, padrão ou indicador
overview-products = Produtos
glossary-title = Glossário
glossary-intro = Termos usados ao longo das orientações, com a definição de cada um.

not-translated = Esta página ainda não foi traduzida e, por isso, é exibida no idioma original.
read-original = Abrir o original
landing-title = Escolha um idioma
footer-note = Um guia independente baseado nas publicações públicas sobre proteção ao cliente da Smart Campaign e da Cerise+SPTF, escrito com palavras nossas, e que não é uma dessas publicações.
header-independent = Um guia independente sobre os Princípios de Proteção ao Cliente, não uma publicação oficial

indicator-count = { $count ->
    [one] { $count } indicador
   *[other] { $count } indicadores
}
standard-count = { $count ->
    [one] { $count } padrão
   *[other] { $count } padrões
}

body-not-translated = O texto desta página ainda não foi traduzido e, por isso, é exibido no idioma original.
translation-outdated = O original desta página foi alterado depois que ela foi traduzida.
nav-translations = Situação das traduções
translations-title = Situação das traduções
translations-intro = Quanto do guia está disponível em cada idioma e quais páginas precisam de tradução.
translations-language = Idioma
translations-current = Atualizada
translations-outdated = Desatualizada
translations-title-only = Só o título
translations-missing = Não traduzida

search-label = Buscar no guia
search-placeholder = Número, título ou palavras
search-results = Resultados
search-none = Nenhuma página corresponde à busca.
search-loading = Carregando o índice de busca…
search-corrected = Mostrando resultados para
search-more = Mostrar mais resultados
print-title = O guia completo
print-contents = Sumário
nav-print = Guia completo (impressão)
exports-label = Baixar o quadro de referência

pack-readme = Orientações Detalhadas sobre Proteção ao Cliente, cópia para consulta sem internet. Abra o arquivo index.html desta pasta em qualquer navegador: tudo funciona sem internet, inclusive a busca.

# Site name, print title page, menu, overview filter, landing (session 6)
site-title = Orientações Detalhadas sobre Proteção ao Cliente
print-edition = Edição
print-built = Gerada em
print-language = Idioma
print-not-translated = Ainda não traduzido: exibido no idioma original.
menu = Menu
contents-label = Sumário do guia
on-this-page = Nesta página
statement-label = Enunciado completo
overview-filter = Mostrar somente
overview-all-products = Todos os produtos
overview-all-principles = Todos os princípios
landing-continue = Continuar em
