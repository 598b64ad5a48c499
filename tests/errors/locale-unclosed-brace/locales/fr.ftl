language-name = Français
language-direction = ltr
nav-home = Accueil
nav-overview = { $x
nav-glossary = Glossaire
not-translated = Cette page n'est pas encore traduite ; elle est affichée dans sa langue d'origine.
indicator-count = { $count ->
    [one] { $count } indicateur
   *[other] { $count } indicateurs
}
