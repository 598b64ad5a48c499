# Textos da interface em português. As mensagens em falta são mostradas em inglês.
# `language-name` é o nome da língua nela mesma; `language-direction` é ltr ou rtl.
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
breadcrumb-label = Está aqui
pager-label = Páginas anterior e seguinte
previous = Anterior
next = Seguinte
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
glossary-used-heading = Termos do glossário utilizados
referenced-by-heading = Referido por
guides-heading = Orientações detalhadas
departments-heading = Smart Operations
pages-heading = Sobre este guia

overview-title = Visão geral do quadro de referência
overview-intro = Todos os princípios, padrões e indicadores numa só página.
overview-number = Número
overview-item = Princípio, padrão ou indicador
overview-products = Produtos
glossary-title = Glossário
glossary-intro = Termos usados ao longo das orientações, com a definição de cada um.

not-translated = Esta página ainda não foi traduzida e, por isso, é apresentada na língua original.
read-original = Abrir o original
landing-title = Escolha um idioma
footer-note = Paráfrase própria do quadro público de Proteção ao Cliente. Não é uma publicação oficial.

indicator-count = { $count ->
    [one] { $count } indicador
   *[other] { $count } indicadores
}
standard-count = { $count ->
    [one] { $count } padrão
   *[other] { $count } padrões
}

body-not-translated = O texto desta página ainda não foi traduzido e, por isso, é apresentado na língua original.
translation-outdated = O original desta página foi alterado depois de ter sido traduzido.
nav-translations = Estado das traduções
translations-title = Estado das traduções
translations-intro = Que parte do guia está disponível em cada língua e que páginas precisam de tradução.
translations-language = Idioma
translations-current = Atualizada
translations-outdated = Desatualizada
translations-title-only = Só o título
translations-missing = Não traduzida

search-label = Pesquisar no guia
search-placeholder = Número, título ou palavras
search-results = Resultados
search-none = Nenhuma página corresponde à pesquisa.
search-loading = Carregamento do índice de pesquisa em curso…
print-title = O guia completo
print-contents = Índice
nav-print = Guia completo (impressão)
exports-label = Download do quadro de referência

pack-readme = Orientações Detalhadas sobre Proteção ao Cliente, cópia para consulta sem internet. Abra index.html, nesta pasta, em qualquer navegador: tudo funciona sem internet, incluindo a pesquisa.
