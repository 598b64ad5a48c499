language-name = Français
nav-home Accueil
