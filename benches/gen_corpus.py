#!/usr/bin/env python3
"""Deterministic synthetic corpus generator for static-site-generator benchmarks.

Adapted from shared/bench/gen_corpus.py with a `guidesite` layout added, so guidesite and Hugo
build the same text from one seed.

One spec (seed, page count, languages) produces the SAME content for every
tool; only the file layout, the front-matter syntax, the link syntax and a
minimal template set differ.

Hierarchy
---------
    7 principles -> S standards per principle -> I indicators per standard
By default S and I are derived from --pages (total content pages per
language, principles + standards + indicators; the home page is extra), e.g.
--pages 1000 -> 7 x 12 x 11 (1015 pages), --pages 10000 -> 7 x 38 x 37
(10115), --pages 50000 -> 7 x 85 x 83 (49987), --pages 2000 -> 7 x 17 x 16
(2030). --standards/--indicators override the derivation.

Every page (principle, standard, indicator) has a 300-800 word body of varied
Markdown: headings, paragraphs with emphasis/strong/inline code, bullet and
numbered lists, tables, block quotes, a fenced code block (python, rust, yaml,
json, bash, toml) in ~10% of pages, and 3-5 internal cross-links to other
indicators (same language). The random generator is seeded per
(seed, language, page id), so output is byte-identical between runs.

Languages: --langs 1 (en) or --langs 6 (en fr es ru ar pt). The default
language is en; other languages use the `name.LANG.md` file naming.

Output layouts (--tool)
-----------------------
zola    config.toml, templates/{base,index,section,page}.html, content/ with
        _index.md sections (TOML front matter, id under [extra]) and
        cross-links as [text](@/p1/s01/i01.md) (@/p1/s01/i01.fr.md for fr).
hugo    config.toml (multilingual when --langs 6), layouts/ (baseof, index,
        list, single), content/ with _index.md branch bundles (YAML front
        matter) and cross-links as [text]({{< ref "/p1/s01/i01.md" >}}).
        RSS and taxonomy kinds are disabled (zola emits neither by default).
mdbook  book.toml (search and print page disabled), theme/index.hbs (minimal),
        src/SUMMARY.md, src/README.md, src/p1/index.md, src/p1/s01/index.md,
        src/p1/s01/i01.md. mdBook has no front matter: the title is the first
        `# heading`, order comes from SUMMARY.md. Single language only.
guidesite  this repository's format: content/site.yaml, locales/<lang>.ftl, content/home.md,
        content/p1/_index.md (id "1"), content/p1/s01/_index.md (id "1.1"),
        content/p1/s01/i01.md (id "1.1.1"), translations beside them as NAME.LANG.md
        (title only in the front matter), cross-links as [text](id:1.1.1).
neutral the input format for our own generator, described below.

Neutral format
--------------
    site.yaml                          languages (first = default), title
    content/_index.md                  home page
    content/<principle>/_index.md      principle page, e.g. content/p1/_index.md
    content/<principle>/<standard>/_index.md          e.g. content/p1/s01/_index.md
    content/<principle>/<standard>/<indicator>.md     e.g. content/p1/s01/i01.md
    Translations sit next to the default-language file as NAME.LANG.md
    (content/p1/s01/i01.fr.md, content/p1/_index.ar.md).
    Each file starts with YAML front matter between `---` lines:
        id: "1.1.1"        dotted id: principle, standard, indicator number
        title: "..."       page title
        weight: 1          order among siblings
        kind: indicator    principle | standard | indicator | home
        lang: en           language code of this file
    Cross-links in the body are written [text](@/1.1.1): `@/` followed by
    the target id; the generator resolves them to the target page in the
    same language.

Usage
-----
    python3 gen_corpus.py --tool zola --pages 10000 --out DIR
    python3 gen_corpus.py --tool hugo --pages 2000 --langs 6 --out DIR
Prints one JSON line with the layout and the page counts.
"""

import argparse
import json
import math
import os
import random
import shutil
import sys

LANGS6 = ["en", "fr", "es", "ru", "ar", "pt"]
LANG_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ru": "Русский",
              "ar": "العربية", "pt": "Português"}
LABELS = {  # principle, standard, indicator, see, related
    "en": ("Principle", "Standard", "Indicator", "see", "Related"),
    "fr": ("Principe", "Norme", "Indicateur", "voir", "Voir aussi"),
    "es": ("Principio", "Norma", "Indicador", "ver", "Relacionado"),
    "ru": ("Принцип", "Стандарт", "Индикатор", "см.", "Связанные"),
    "ar": ("مبدأ", "معيار", "مؤشر", "انظر", "ذو صلة"),
    "pt": ("Princípio", "Norma", "Indicador", "ver", "Relacionado"),
}
VOCAB = {
    "en": """assessment evidence practice guidance quality review staff learners provider
      leadership governance safeguarding curriculum outcome planning resource support
      monitoring improvement policy procedure record feedback training responsibility
      risk assurance compliance standard principle indicator objective strategy
      community partner engagement consultation evaluation data report progress target
      framework criteria expectation requirement example context approach method
      inclusion access equality wellbeing health safety welfare protection culture
      ethos values mission vision purpose decision action review cycle annual termly
      regular consistent effective robust clear documented shared agreed appropriate
      relevant timely accurate reliable secure transparent accountable responsive
      the a of and to in for with on by that which is are be should must can may
      will provides ensures demonstrates maintains supports develops reviews records
      identifies communicates monitors evaluates improves implements establishes""",
    "fr": """évaluation preuve pratique orientation qualité examen personnel apprenants
      prestataire direction gouvernance protection programme résultat planification
      ressource soutien suivi amélioration politique procédure registre retour
      formation responsabilité risque assurance conformité norme principe indicateur
      objectif stratégie communauté partenaire engagement consultation données rapport
      progrès cible cadre critère attente exigence exemple contexte approche méthode
      inclusion accès égalité bien-être santé sécurité culture valeurs mission vision
      le la les de des du et à en pour avec sur par que qui est sont être doit peut
      assure démontre maintient soutient développe examine identifie communique""",
    "es": """evaluación evidencia práctica orientación calidad revisión personal alumnos
      proveedor liderazgo gobernanza protección currículo resultado planificación
      recurso apoyo seguimiento mejora política procedimiento registro comentarios
      formación responsabilidad riesgo garantía cumplimiento norma principio indicador
      objetivo estrategia comunidad socio participación consulta datos informe
      progreso meta marco criterio expectativa requisito ejemplo contexto enfoque
      inclusión acceso igualdad bienestar salud seguridad cultura valores misión
      el la los las de del y a en para con sobre por que es son ser debe puede
      asegura demuestra mantiene apoya desarrolla revisa identifica comunica""",
    "ru": """оценка доказательство практика руководство качество проверка персонал
      учащиеся поставщик лидерство управление защита программа результат планирование
      ресурс поддержка мониторинг улучшение политика процедура запись отзыв обучение
      ответственность риск гарантия соответствие стандарт принцип индикатор цель
      стратегия сообщество партнёр участие консультация данные отчёт прогресс рамка
      критерий ожидание требование пример контекст подход метод инклюзия доступ
      равенство благополучие здоровье безопасность культура ценности миссия видение
      и в на с по для что который это должен может обеспечивает демонстрирует
      поддерживает развивает проверяет определяет сообщает отслеживает улучшает""",
    "ar": """تقييم دليل ممارسة إرشاد جودة مراجعة موظفون متعلمون مزود قيادة حوكمة حماية
      منهج نتيجة تخطيط مورد دعم رصد تحسين سياسة إجراء سجل تغذية تدريب مسؤولية خطر
      ضمان امتثال معيار مبدأ مؤشر هدف استراتيجية مجتمع شريك مشاركة استشارة بيانات
      تقرير تقدم إطار معايير توقع متطلب مثال سياق نهج طريقة شمول وصول مساواة رفاه
      صحة سلامة ثقافة قيم رسالة رؤية في من على إلى مع عن أن هو هي يجب يمكن يضمن
      يظهر يحافظ يدعم يطور يراجع يحدد يتواصل يرصد يحسن ينفذ""",
    "pt": """avaliação evidência prática orientação qualidade revisão pessoal alunos
      prestador liderança governação proteção currículo resultado planeamento recurso
      apoio acompanhamento melhoria política procedimento registo comentário formação
      responsabilidade risco garantia conformidade norma princípio indicador objetivo
      estratégia comunidade parceiro participação consulta dados relatório progresso
      meta quadro critério expectativa requisito exemplo contexto abordagem método
      inclusão acesso igualdade bem-estar saúde segurança cultura valores missão
      o a os as de do da e em para com sobre por que é são ser deve pode assegura
      demonstra mantém apoia desenvolve revê identifica comunica monitoriza""",
}
VOCAB = {k: v.split() for k, v in VOCAB.items()}

CODE_SNIPPETS = {
    "python": "def score(evidence, weights):\n    total = 0\n    for key, value in evidence.items():\n        total += weights.get(key, 1) * value\n    return total / max(len(evidence), 1)\n\nprint(score({'a': 3, 'b': 4}, {'a': 2}))",
    "rust": "fn score(evidence: &[(u32, f64)]) -> f64 {\n    let total: f64 = evidence.iter().map(|(w, v)| *w as f64 * v).sum();\n    total / evidence.len().max(1) as f64\n}\n\nfn main() {\n    println!(\"{}\", score(&[(2, 3.0), (1, 4.0)]));\n}",
    "yaml": "indicator:\n  id: \"1.2.3\"\n  evidence:\n    - type: record\n      required: true\n    - type: interview\n      required: false\n  review_cycle: annual",
    "json": "{\n  \"indicator\": \"1.2.3\",\n  \"evidence\": [\"record\", \"interview\"],\n  \"weight\": 3,\n  \"mandatory\": true\n}",
    "bash": "#!/bin/sh\nset -eu\nfor f in evidence/*.csv; do\n  echo \"checking $f\"\n  wc -l \"$f\"\ndone",
    "toml": "[indicator]\nid = \"1.2.3\"\nweight = 3\nevidence = [\"record\", \"interview\"]\n\n[review]\ncycle = \"annual\"",
}

LINK = "\x00{}\x00"  # placeholder for a cross-link to an indicator id


def derive_shape(pages, principles):
    per = pages / principles
    s = max(1, math.ceil(math.sqrt(per)))
    i = max(1, round((per - 1 - s) / s))
    return s, i


class Corpus:
    def __init__(self, seed, principles, standards, indicators, langs):
        self.seed, self.P, self.S, self.I, self.langs = seed, principles, standards, indicators, langs
        self.indicator_ids = [(p, s, i) for p in range(1, principles + 1)
                              for s in range(1, standards + 1) for i in range(1, indicators + 1)]

    def rng(self, lang, key):
        return random.Random(f"{self.seed}:{lang}:{key}")

    def title(self, lang, ident):
        r = self.rng(lang, "title:" + ".".join(map(str, ident)))
        label = LABELS[lang][len(ident) - 1]
        words = " ".join(r.choice(VOCAB[lang]) for _ in range(r.randint(3, 6)))
        return f"{label} {'.'.join(map(str, ident))}: {words.capitalize()}"

    def body(self, lang, ident):
        """Markdown body with LINK placeholders; returns (text, word_count)."""
        r = self.rng(lang, "body:" + ".".join(map(str, ident)))
        vocab = VOCAB[lang]
        target_words = r.randint(300, 800)
        words = 0

        def phrase(n):
            nonlocal words
            out = []
            for _ in range(n):
                w = r.choice(vocab)
                x = r.random()
                if x < 0.03:
                    w = f"*{w}*"
                elif x < 0.05:
                    w = f"**{w}**"
                elif x < 0.06:
                    w = f"`{w}`"
                out.append(w)
            words += n
            return " ".join(out)

        def sentence():
            s = phrase(r.randint(8, 18))
            return s[0].upper() + s[1:] + "."

        def paragraph():
            return " ".join(sentence() for _ in range(r.randint(2, 5)))

        blocks = [paragraph()]
        para_idx = [0]
        has_code = r.random() < 0.10
        code_at = None
        while words < target_words:
            x = r.random()
            if x < 0.25:
                lvl = "##" if r.random() < 0.6 else "###"
                blocks.append(f"{lvl} {phrase(r.randint(2, 5)).replace('*', '').replace('`', '').capitalize()}")
                para_idx.append(len(blocks))
                blocks.append(paragraph())
            elif x < 0.55:
                para_idx.append(len(blocks))
                blocks.append(paragraph())
            elif x < 0.70:
                blocks.append("\n".join(f"- {phrase(r.randint(4, 10))}" for _ in range(r.randint(3, 6))))
            elif x < 0.80:
                blocks.append("\n".join(f"{k}. {phrase(r.randint(4, 10))}" for k in range(1, r.randint(3, 6) + 1)))
            elif x < 0.92:
                cols = r.randint(2, 4)
                head = "| " + " | ".join(phrase(1).replace("*", "").replace("`", "").capitalize() for _ in range(cols)) + " |"
                sep = "|" + "|".join("---" for _ in range(cols)) + "|"
                rows = ["| " + " | ".join(phrase(r.randint(1, 3)) for _ in range(cols)) + " |"
                        for _ in range(r.randint(3, 6))]
                blocks.append("\n".join([head, sep] + rows))
            else:
                blocks.append("> " + sentence())
            if has_code and code_at is None and words > target_words // 2:
                code_at = len(blocks)
                lang_code = r.choice(sorted(CODE_SNIPPETS))
                blocks.append(f"```{lang_code}\n{CODE_SNIPPETS[lang_code]}\n```")
        # 3-5 cross-links to other indicators: some inline, the rest in a list
        own = tuple(ident)
        targets = []
        n_links = min(r.randint(3, 5), len(self.indicator_ids) - 1)
        while len(targets) < n_links:
            t = r.choice(self.indicator_ids)
            if t != own and t not in targets:
                targets.append(t)
        n_inline = r.randint(1, len(targets) - 1)
        see = LABELS[lang][3]
        for t in targets[:n_inline]:
            k = r.choice(para_idx)
            blocks[k] += f" {see.capitalize()} [{self.title(lang, t)}]({LINK.format('.'.join(map(str, t)))})."
        rel = "\n".join(f"- [{self.title(lang, t)}]({LINK.format('.'.join(map(str, t)))})"
                        for t in targets[n_inline:])
        blocks.append(f"## {LABELS[lang][4]}\n\n{rel}")
        return "\n\n".join(blocks) + "\n", words

    def pages(self, lang):
        """Yield (ident, parent_ident, weight) in document order, principles first."""
        for p in range(1, self.P + 1):
            yield (p,), p
            for s in range(1, self.S + 1):
                yield (p, s), s
                for i in range(1, self.I + 1):
                    yield (p, s, i), i


def relpath(ident):
    """Directory-style path segments for an id: (1,)->p1, (1,2)->p1/s02, (1,2,3)->p1/s02/i03."""
    segs = [f"p{ident[0]}"]
    if len(ident) > 1:
        segs.append(f"s{ident[1]:02d}")
    if len(ident) > 2:
        segs.append(f"i{ident[2]:02d}")
    return "/".join(segs)


def sfx(lang, default):
    return "" if lang == default else f".{lang}"


def content_file(ident, lang, default, index_name="_index"):
    """Zola/Hugo/neutral file path for a page id."""
    if len(ident) < 3:
        return f"{relpath(ident)}/{index_name}{sfx(lang, default)}.md"
    return f"{relpath(ident)}{sfx(lang, default)}.md"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def q(s):
    return json.dumps(s, ensure_ascii=False)  # valid YAML and TOML basic string


ZOLA_TEMPLATES = {
    "base.html": """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock %}</title></head>
<body>{% block content %}{% endblock %}</body></html>
""",
    "index.html": """{% extends "base.html" %}
{% block content %}<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ul>{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href="{{ sub.permalink }}">{{ sub.title }}</a></li>{% endfor %}</ul>
{% endblock %}
""",
    "section.html": """{% extends "base.html" %}
{% block title %}{{ section.title }}{% endblock %}
{% block content %}{% set parent = get_section(path=section.ancestors | last, metadata_only=true) %}
<nav><a href="{{ parent.permalink }}">{{ parent.title }}</a></nav>
<article><h1>{{ section.title }}</h1>
{{ section.content | safe }}</article>
<ul>{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href="{{ sub.permalink }}">{{ sub.title }}</a></li>{% endfor %}
{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>
{% endblock %}
""",
    "page.html": """{% extends "base.html" %}
{% block title %}{{ page.title }}{% endblock %}
{% block content %}{% set parent = get_section(path=page.ancestors | last, metadata_only=true) %}
<nav><a href="{{ parent.permalink }}">{{ parent.title }}</a></nav>
<article><h1>{{ page.title }}</h1>
{{ page.content | safe }}</article>
<p>{% if page.lower %}<a href="{{ page.lower.permalink }}">{{ page.lower.title }}</a>{% endif %}
{% if page.higher %}<a href="{{ page.higher.permalink }}">{{ page.higher.title }}</a>{% endif %}</p>
{% endblock %}
""",
}

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>{{ block "main" . }}{{ end }}</body></html>
""",
    "index.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Sections.ByWeight }}<li><a href="{{ .Permalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}{{ with .Parent }}<nav><a href="{{ .Permalink }}">{{ .Title }}</a></nav>{{ end }}
<article><h1>{{ .Title }}</h1>
{{ .Content }}</article>
<ul>{{ range .Sections.ByWeight }}<li><a href="{{ .Permalink }}">{{ .Title }}</a></li>{{ end }}
{{ range .RegularPages.ByWeight }}<li><a href="{{ .Permalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
    "_default/single.html": """{{ define "main" }}{{ with .Parent }}<nav><a href="{{ .Permalink }}">{{ .Title }}</a></nav>{{ end }}
<article><h1>{{ .Title }}</h1>
{{ .Content }}</article>
<p>{{ with .PrevInSection }}<a href="{{ .Permalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .Permalink }}">{{ .Title }}</a>{{ end }}</p>
{{ end }}
""",
}

MDBOOK_INDEX_HBS = """<!DOCTYPE html>
<html lang="{{ language }}"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
<nav>{{#if previous}}<a rel="prev" href="{{ path_to_root }}{{previous.link}}">prev</a>{{/if}}
{{#if next}}<a rel="next" href="{{ path_to_root }}{{next.link}}">next</a>{{/if}}</nav>
<article>{{{ content }}}</article>
</body></html>
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tool", required=True, choices=["zola", "hugo", "mdbook", "neutral", "guidesite"])
    ap.add_argument("--pages", type=int, default=1000, help="content pages per language (approximate)")
    ap.add_argument("--principles", type=int, default=7)
    ap.add_argument("--standards", type=int, help="standards per principle (default: derived from --pages)")
    ap.add_argument("--indicators", type=int, help="indicators per standard (default: derived from --pages)")
    ap.add_argument("--langs", type=int, default=1, choices=[1, 6])
    ap.add_argument("--seed", type=int, default=20240501)
    ap.add_argument("--out", required=True)
    ap.add_argument("--force", action="store_true", help="replace --out if it exists")
    a = ap.parse_args()

    s, i = derive_shape(a.pages, a.principles)
    s = a.standards or s
    i = a.indicators or i
    langs = LANGS6 if a.langs == 6 else ["en"]
    if a.tool == "mdbook" and len(langs) > 1:
        sys.exit("mdbook layout is single-language only")
    if os.path.exists(a.out):
        if not a.force:
            sys.exit(f"{a.out} exists (use --force)")
        shutil.rmtree(a.out)
    c = Corpus(a.seed, a.principles, s, i, langs)
    default = langs[0]
    out = a.out
    total_words = 0
    npages = 0
    site_title = "Guidance"

    if a.tool == "zola":
        def link(lang, tid):
            ident = tuple(int(x) for x in tid.split("."))
            return "@/" + content_file(ident, lang, default)
        cfg = [f'base_url = "https://example.org"', f'title = "{site_title}"', "compile_sass = false",
               "build_search_index = false", "generate_feeds = false", f'default_language = "{default}"', ""]
        cfg += ["[markdown.highlighting]", 'theme = "catppuccin-frappe"', ""]
        for lg in langs[1:]:
            cfg += [f"[languages.{lg}]", f'title = "{site_title} ({lg})"', ""]
        write(f"{out}/config.toml", "\n".join(cfg))
        for name, t in ZOLA_TEMPLATES.items():
            write(f"{out}/templates/{name}", t)
    elif a.tool == "hugo":
        def link(lang, tid):
            ident = tuple(int(x) for x in tid.split("."))
            return '{{< ref "/' + content_file(ident, default, default) + '" >}}'
        cfg = ['baseURL = "https://example.org/"', f'title = "{site_title}"',
               'disableKinds = ["taxonomy", "term", "RSS"]', f'defaultContentLanguage = "{default}"', ""]
        if len(langs) > 1:
            for n, lg in enumerate(langs, 1):
                cfg += [f"[languages.{lg}]", f"weight = {n}", f"languageName = {q(LANG_NAMES[lg])}",
                        f"title = \"{site_title} ({lg})\""]
                if lg == "ar":
                    cfg += ['languageDirection = "rtl"']
                cfg += [""]
        write(f"{out}/config.toml", "\n".join(cfg))
        for name, t in HUGO_LAYOUTS.items():
            write(f"{out}/layouts/{name}", t)
    elif a.tool == "mdbook":
        def link(lang, tid):
            ident = tuple(int(x) for x in tid.split("."))
            return "/" + mdbook_file(ident)  # made relative at write time
        write(f"{out}/book.toml", f'[book]\ntitle = "{site_title}"\nlanguage = "en"\nsrc = "src"\n\n'
              "[output.html]\n\n[output.html.search]\nenable = false\n\n[output.html.print]\nenable = false\n")
        write(f"{out}/theme/index.hbs", MDBOOK_INDEX_HBS)
    elif a.tool == "guidesite":
        def link(lang, tid):
            return "id:" + tid
        write(f"{out}/content/site.yaml", f"title: {q(site_title)}\ndefault_language: {default}\n"
              f"languages: [{', '.join(langs)}]\n")
        for lg in langs:
            direction = "rtl" if lg == "ar" else "ltr"
            write(f"{out}/locales/{lg}.ftl", f"language-name = {LANG_NAMES[lg]}\nlanguage-direction = {direction}\n")
    else:
        def link(lang, tid):
            return "@/" + tid
        write(f"{out}/site.yaml", f"title: {q(site_title)}\nlanguages: [{', '.join(langs)}]\n")

    def render(text, lang, here=None):
        parts = text.split("\x00")
        for k in range(1, len(parts), 2):
            target = link(lang, parts[k])
            if a.tool == "mdbook":
                target = os.path.relpath(target, "/" + os.path.dirname(here))
            parts[k] = target
        return "".join(parts)

    summary = ["# Summary", "", "[Introduction](README.md)", ""]
    for lang in langs:
        home_title = f"{site_title} ({lang})"
        home_body = f"{LABELS[lang][0]}s 1-{a.principles}.\n"
        if a.tool == "zola":
            write(f"{out}/content/_index{sfx(lang, default)}.md",
                  f'+++\ntitle = {q(home_title)}\nsort_by = "weight"\n+++\n\n{home_body}')
        elif a.tool == "hugo":
            write(f"{out}/content/_index{sfx(lang, default)}.md", f"---\ntitle: {q(home_title)}\n---\n\n{home_body}")
        elif a.tool == "mdbook":
            write(f"{out}/src/README.md", f"# {home_title}\n\n{home_body}")
        elif a.tool == "guidesite":
            head = "id: home\nkind: home\n" if lang == default else ""
            write(f"{out}/content/home{sfx(lang, default)}.md", f"---\n{head}title: {q(home_title)}\n---\n\n{home_body}")
        else:
            write(f"{out}/content/_index{sfx(lang, default)}.md",
                  f"---\nid: \"\"\ntitle: {q(home_title)}\nweight: 0\nkind: home\nlang: {lang}\n---\n\n{home_body}")
        for ident, weight in c.pages(lang):
            title = c.title(lang, ident)
            body, nw = c.body(lang, ident)
            total_words += nw
            npages += 1
            pid = ".".join(map(str, ident))
            kind = ("principle", "standard", "indicator")[len(ident) - 1]
            if a.tool == "zola":
                fm = f"+++\ntitle = {q(title)}\nweight = {weight}\n"
                if len(ident) < 3:
                    fm += 'sort_by = "weight"\n'
                fm += f'\n[extra]\nid = "{pid}"\n+++\n\n'
                write(f"{out}/content/{content_file(ident, lang, default)}", fm + render(body, lang))
            elif a.tool == "hugo":
                fm = f"---\ntitle: {q(title)}\nid: \"{pid}\"\nweight: {weight}\n---\n\n"
                write(f"{out}/content/{content_file(ident, lang, default)}", fm + render(body, lang))
            elif a.tool == "guidesite":
                head = f"id: \"{pid}\"\n" if lang == default else ""
                fm = f"---\n{head}title: {q(title)}\n---\n\n"
                write(f"{out}/content/{content_file(ident, lang, default)}", fm + render(body, lang))
            elif a.tool == "mdbook":
                f = mdbook_file(ident)
                write(f"{out}/src/{f}", f"# {title}\n\n" + render(body, lang, f))
                summary.append("  " * (len(ident) - 1) + f"- [{title}]({f})")
            else:
                fm = f"---\nid: \"{pid}\"\ntitle: {q(title)}\nweight: {weight}\nkind: {kind}\nlang: {lang}\n---\n\n"
                write(f"{out}/content/{content_file(ident, lang, default)}", fm + render(body, lang))
    if a.tool == "mdbook":
        write(f"{out}/src/SUMMARY.md", "\n".join(summary) + "\n")
    print(json.dumps({"tool": a.tool, "out": out, "principles": a.principles, "standards": s,
                      "indicators": i, "langs": langs, "pages_per_lang": npages // len(langs),
                      "pages_total": npages, "avg_words": round(total_words / max(npages, 1))}))


def mdbook_file(ident):
    if len(ident) < 3:
        return f"{relpath(ident)}/index.md"
    return f"{relpath(ident)}.md"


if __name__ == "__main__":
    main()
