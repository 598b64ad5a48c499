# Chaînes d'interface en français. Toute chaîne absente retombe sur l'anglais.
# `language-name` est le nom de la langue dans la langue elle-même ; `language-direction` vaut ltr ou rtl.
language-name = Français
language-direction = ltr

skip-to-content = Aller au contenu
site-nav-label = Site
nav-home = Accueil
nav-overview = Vue d'ensemble
nav-glossary = Glossaire
language-label = Langue
language-translated = traduit
language-not-translated = pas encore traduit
breadcrumb-label = Vous êtes ici
pager-label = Pages précédente et suivante
previous = Précédent
next = Suivant
on-this-page = Sur cette page

kind-home = Accueil
kind-principle = Principe
kind-standard = Norme
kind-indicator = Indicateur
kind-guide = Conseils détaillés
kind-department = Smart Operations
kind-term = Terme du glossaire
kind-page = Page

applies-to = S'applique à
product-all = Tous les produits
product-credit = Crédit
product-savings = Épargne
product-payments = Paiements
product-insurance = Assurance

evidence-heading = Éléments de preuve examinés par l'évaluateur
evidence-documents = Documents
evidence-interviews = Entretiens
evidence-observation = Observation

principles-heading = Les sept principes
standards-heading = Normes
indicators-heading = Indicateurs
related-heading = Voir aussi
glossary-used-heading = Termes du glossaire utilisés
referenced-by-heading = Pages qui renvoient ici
guides-heading = Conseils détaillés
departments-heading = Smart Operations
pages-heading = À propos de ce guide

overview-title = Vue d'ensemble du référentiel
overview-intro = Tous les principes, normes et indicateurs sur une seule page.
overview-number = Numéro
overview-item = Principe, norme ou indicateur
overview-products = Produits
glossary-title = Glossaire
glossary-intro = Les termes employés dans ce guide, avec leur définition.

not-translated = Cette page n'est pas encore traduite ; elle est affichée dans sa langue d'origine.
read-original = Ouvrir l'original
landing-title = Choisissez une langue
footer-note = Un guide indépendant, rédigé dans nos propres mots à partir des publications publiques de la Smart Campaign et de Cerise+SPTF sur la protection des clients, et qui ne fait pas partie de ces publications.
header-independent = Un guide indépendant sur les Principes de protection des clients, et non une publication officielle

indicator-count = { $count ->
    [one] { $count } indicateur
   *[other] { $count } indicateurs
}
standard-count = { $count ->
    [one] { $count } norme
   *[other] { $count } normes
}

body-not-translated = Le texte de cette page n'est pas encore traduit ; il est affiché dans sa langue d'origine.
translation-outdated = L'original de cette page a changé depuis sa traduction.
nav-translations = État des traductions
translations-title = État des traductions
translations-intro = Ce que chaque langue couvre déjà, et les pages qui attendent un traducteur.
translations-language = Langue
translations-current = À jour
translations-outdated = À mettre à jour
translations-title-only = Titre seulement
translations-missing = Non traduites
search-label = Rechercher dans le guide
search-placeholder = Numéro, titre ou mots
search-results = Résultats
search-none = Aucune page ne correspond.
search-loading = Chargement de l'index de recherche…
search-corrected = Résultats pour
search-more = Afficher plus de résultats
print-title = Le guide complet
print-contents = Sommaire
nav-print = Guide complet (impression)
exports-label = Télécharger le référentiel
pack-readme = Conseils détaillés sur la protection des clients, copie hors ligne. Ouvrez le fichier index.html de ce dossier avec n'importe quel navigateur : tout fonctionne sans internet, y compris la recherche.

# Site name, print title page, menu, overview filter, landing (session 6)
site-title = Conseils détaillés sur la protection des clients
print-edition = Édition
print-built = Générée le
print-language = Langue
print-not-translated = Pas encore traduit : affiché dans sa langue d’origine.
menu = Menu
contents-label = Sommaire du guide
on-this-page = Sur cette page
statement-label = Énoncé complet
overview-filter = Afficher seulement
overview-all-products = Tous les produits
overview-all-principles = Tous les principes
landing-continue = Continuer en
