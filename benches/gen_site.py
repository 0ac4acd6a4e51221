#!/usr/bin/env python3
"""Deterministic synthetic bilingual site for ocaq's performance benchmark.

    python3 benches/gen_site.py --pages 1000 --out /tmp/site-1000
    python3 benches/gen_site.py --pages 1000 --out /tmp/site-1000-zola --flavour zola
    python3 benches/gen_site.py --pages 1000 --out /tmp/site-1000-hugo --flavour hugo

`--pages N` is the number of pages PER LANGUAGE (az, the default, and en),
spread over 20 sections; each language also has a home page and 20 section
pages. Every page is ~1.5 KB of Markdown: front matter (title, description,
date, weight; az pages also a slug), `##` headings with Azerbaijani letters
(some repeated, so ids get `-1`), a list, a pipe table, a ```rust block, a
footnote on some, and 2-3 links to other pages' `.md` files, some with an
`#anchor` that exists in the target page in the same language. One page has
a ```stats block and a `{{stat ...}}` figure (ocaq only; the peers get the
block as plain code and the figure as a number).

Flavours (the same pages, words, links and code in each peer's layout):
  ocaq  site.yaml, content/**/<name>.<lang>.md (YAML front matter, relative
        links), content/statistics.yaml, and a copy of the repo's themes/
        and locales/.
  zola  config.toml ([languages.en], class-based highlighting), content/
        <section>/_index.md + _index.en.md, <name>.md + <name>.en.md with
        TOML front matter, links as `@/section/name.md#anchor`, a minimal
        templates/ (base, index, section, page).
  hugo  hugo.toml (languages az/en, az at the root), content/<section>/
        _index.az.md ..., links as `{{< ref "/section/name.md#anchor" >}}`
        (checked by Hugo like ocaq and Zola check theirs), layouts/_default/
        {baseof,single,list}.html + layouts/index.html, default highlighting.

Heading ids: ocaq derives them from the heading text (az-aware slug). Zola
(deunicode: `ə` -> `@`) and Hugo would derive different ids from the same
text, so their flavours write the same id explicitly (`## Heading {#id}`,
which both support): links and anchors are identical in all three sites.

`--listings` (ocaq only) makes every section `paginate_by: 10` and puts
every page in one of 15 topics, a taxonomy declared in site.yaml (paginated by
10, a feed per term): the cost of listings. The peers' sites stay as they are.

Only the Python standard library is used; the output depends only on
--pages and --seed.
"""

import argparse
import os
import random
import shutil
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANGS = ["az", "en"]

# (folder, az title, en title): 20 sections; `programmes` is listed on ocaq's home page.
SECTIONS = [
    ("programmes", "Proqramlar", "Programmes"),
    ("news", "Xəbərlər", "News"),
    ("family-care", "Ailə əsaslı qayğı", "Family-based care"),
    ("youth", "Gənclər", "Youth"),
    ("education", "Təhsil", "Education"),
    ("health", "Sağlamlıq", "Health"),
    ("day-care", "Günərzi qayğı", "Day care"),
    ("short-term-care", "Qısa müddətli qayğı", "Short-term care"),
    ("advocacy", "İctimai vəkillik", "Advocacy"),
    ("partners", "Tərəfdaşlar", "Partners"),
    ("volunteers", "Könüllülər", "Volunteers"),
    ("stories", "Hekayələr", "Stories"),
    ("reports", "Hesabatlar", "Reports"),
    ("events", "Tədbirlər", "Events"),
    ("villages", "Uşaq kəndləri", "Children's villages"),
    ("training", "Təlimlər", "Training"),
    ("research", "Araşdırmalar", "Research"),
    ("campaigns", "Kampaniyalar", "Campaigns"),
    ("careers", "İş imkanları", "Careers"),
    ("resources", "Mənbələr", "Resources"),
]

CITIES_AZ = ["Bakı", "Gəncə", "Sumqayıt", "Şəki", "Lənkəran", "Şirvan", "Quba", "Göyçay", "İsmayıllı", "Ağdaş"]
TOPICS_AZ = [
    "Uşaqların təhsili", "Gənclər evi", "Ailə əsaslı qayğı", "Könüllü işi", "Sağlamlıq proqramı",
    "Peşə təlimi", "Məktəbəqədər hazırlıq", "Psixoloji dəstək", "İcma işi", "Uşaq hüquqları",
    "Qış düşərgəsi", "Yay məktəbi", "Ailələrin gücləndirilməsi", "Gənc liderlər", "Şəffaflıq hesabatı",
]
TOPICS_EN = [
    "Children's education", "Youth house", "Family-based care", "Volunteering", "Health programme",
    "Vocational training", "Pre-school preparation", "Psychological support", "Community work", "Children's rights",
    "Winter camp", "Summer school", "Family strengthening", "Young leaders", "Transparency report",
]
HEAD_AZ = [
    "{c} şəhərində fəaliyyət", "Uşaqlar üçün üstünlüklər", "Gənclərin iştirakı", "Ailələrə dəstək",
    "Nəticələr və göstəricilər", "Görüləcək işlər", "Tərəfdaşlıq", "Öyrəndiklərimiz",
    "İştirak qaydaları", "Əlaqə və sual-cavab",
]
HEAD_EN = [
    "Work in {c}", "What children gain", "Young people's part", "Support for families",
    "Results and indicators", "Next steps", "Partnership", "What we learned",
    "How to take part", "Contact and questions",
]
WORDS_AZ = (
    "uşaq ailə qayğı kənd təhsil gənc dəstək proqram layihə icma sağlamlıq məktəb müəllim "
    "könüllü tərəfdaş hüquq gələcək ev həyat şəhər dövlət xidmət inkişaf öyrənmə iş bacarıq "
    "şərait güvən mühit sevgi birlikdə hər gün üçün ilə və də bu o bir çox yeni əsas"
).split()
WORDS_EN = (
    "child family care village education young support programme project community health "
    "school teacher volunteer partner right future home life city service growth learning work "
    "skill safe trust together every day for with and also this one many new main"
).split()
LIST_AZ = ["Məsləhət xidməti", "Dərslərə kömək", "İdman və incəsənət", "Peşə yönümü", "Qidalanma dəstəyi", "Ailə görüşləri"]
LIST_EN = ["Counselling", "Help with lessons", "Sport and arts", "Career guidance", "Food support", "Family meetings"]
TABLE_HEAD = {"az": ("İl", "Şəhər", "Uşaqlar"), "en": ("Year", "City", "Children")}

CITIES = [  # statistics labels: (key, az, en)
    ("baku", "Bakı", "Baku"), ("ganja", "Gəncə", "Ganja"), ("sumgait", "Sumqayıt", "Sumgait"),
    ("sheki", "Şəki", "Sheki"), ("lankaran", "Lənkəran", "Lankaran"),
]
PROGRAMMES = [
    ("family-care", "Ailə əsaslı qayğı", "Family-based care"), ("youth-house", "Gənclər evi", "Youth house"),
    ("day-care", "Günərzi qayğı", "Day care"), ("short-term", "Qısa müddətli qayğı", "Short-term care"),
]

AZ_MAP = {"ə": "e", "Ə": "e", "ı": "i", "I": "i", "İ": "i", "i": "i", "ş": "s", "Ş": "s",
          "ç": "c", "Ç": "c", "ğ": "g", "Ğ": "g", "ö": "o", "Ö": "o", "ü": "u", "Ü": "u"}


def slugify(text):
    """ocaq's slug (src/slug.rs) for the letters this generator uses."""
    out, dash = [], False
    for c in text:
        m = AZ_MAP.get(c)
        if m is None and c.isascii() and c.isalnum():
            m = c.lower()
        if m is not None:
            if dash and out:
                out.append("-")
            dash = False
            out.append(m)
        else:
            dash = True
    return "".join(out)


class Ids:
    """Heading ids of one page: slug, then -1, -2 on repeats (src/slug.rs IdAllocator)."""

    def __init__(self):
        self.used = set()

    def allocate(self, text):
        base = slugify(text) or "section"
        cand, n = base, 1
        while cand in self.used:
            cand, n = f"{base}-{n}", n + 1
        self.used.add(cand)
        return cand


def sentence(rng, words, n):
    s = " ".join(rng.choice(words) for _ in range(n))
    first = "İ" if s[0] == "i" else s[0].upper()  # Azerbaijani capital of i is İ
    return first + s[1:] + "."


def paragraph(rng, words, sentences):
    return " ".join(sentence(rng, words, rng.randint(7, 13)) for _ in range(sentences))


class Page:
    """One page's language-independent plan plus its per-language texts."""

    def __init__(self, idx, section, local, rng):
        self.idx, self.section, self.local = idx, section, local
        self.name = f"page-{idx:05d}"
        self.topic = rng.randrange(len(TOPICS_AZ))
        self.city = rng.randrange(len(CITIES_AZ))
        self.date = f"{rng.randint(2012, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        self.weight = local + 1
        # 3 headings, sometimes the first one repeated (its id then gets `-1`).
        picks = rng.sample(range(len(HEAD_AZ)), 3)
        if rng.random() < 0.3:
            picks.append(picks[0])
        self.heads = picks
        self.footnote = rng.random() < 0.2
        self.seed = rng.randrange(1 << 30)
        self.headings = {}  # lang -> [(text, id)]
        for lang in LANGS:
            ids = Ids()
            table = HEAD_AZ if lang == "az" else HEAD_EN
            city = CITIES_AZ[self.city]
            self.headings[lang] = [(t, ids.allocate(t)) for t in (table[h].format(c=city) for h in picks)]

    def title(self, lang):
        return (TOPICS_AZ if lang == "az" else TOPICS_EN)[self.topic] + f" — {CITIES_AZ[self.city]} {self.idx + 1}"

    def az_slug(self):
        return slugify(self.title("az"))


def plan(n, seed):
    rng = random.Random(seed)
    pages = []
    per = [0] * len(SECTIONS)
    for i in range(n):
        s = i % len(SECTIONS)
        pages.append(Page(i, s, per[s], rng))
        per[s] += 1
    # 2-3 links per page to other pages; the same targets in every language.
    for p in pages:
        k = rng.choice([2, 3]) if n > 3 else min(n - 1, 2)
        targets = []
        while len(targets) < k:
            t = rng.randrange(n)
            if t != p.idx and t not in [x for x, _ in targets]:
                # about half the links carry an anchor: index of the target's heading
                anchor = rng.randrange(len(pages[t].heads)) if rng.random() < 0.5 else None
                targets.append((t, anchor))
        p.links = targets
    return pages


def link_dest(flavour, src, dst, anchor_id, lang):
    frag = f"#{anchor_id}" if anchor_id else ""
    sec = SECTIONS[dst.section][0]
    if flavour == "ocaq":
        if dst.section == src.section:
            return f"{dst.name}.md{frag}"
        return f"../{sec}/{dst.name}.md{frag}"
    if flavour == "zola":  # Zola links name the file, so the translation's own file
        return f"@/{sec}/{file_name('zola', dst.name, lang)}{frag}"
    return '{{< ref "/%s/%s.md%s" >}}' % (sec, dst.name, frag)


STATS_TABLE = "children-in-care"


def body(page, lang, pages, flavour, stats_page):
    rng = random.Random(page.seed)  # same shapes in both languages
    words = WORDS_AZ if lang == "az" else WORDS_EN
    heads = page.headings[lang]
    out = []
    out.append(paragraph(rng, words, 3))
    out.append("")
    link_texts = []
    for t, a in page.links:
        dst = pages[t]
        aid = dst.headings[lang][a][1] if a is not None else None
        link_texts.append(f"[{dst.title(lang)}]({link_dest(flavour, page, dst, aid, lang)})")
    see = "Bax:" if lang == "az" else "See"
    out.append(f"{see} {', '.join(link_texts[:2])}.")
    out.append("")

    def heading(i):
        text, hid = heads[i]
        return f"## {text}" + (f" {{#{hid}}}" if flavour != "ocaq" else "")

    out.append(heading(0))
    out.append("")
    out.append(paragraph(rng, words, 2))
    out.append("")
    items = LIST_AZ if lang == "az" else LIST_EN
    for it in rng.sample(items, 4):
        out.append(f"- {it}: {sentence(rng, words, 5)}")
    out.append("")
    out.append(heading(1))
    out.append("")
    h = TABLE_HEAD[lang]
    out.append(f"| {h[0]} | {h[1]} | {h[2]} |")
    out.append("|---|---|---:|")
    for _ in range(4):
        out.append(f"| {rng.randint(2015, 2025)} | {rng.choice(CITIES_AZ)} | {rng.randint(10, 400)} |")
    out.append("")
    if len(link_texts) > 2:
        more = "Həmçinin" if lang == "az" else "Also"
        out.append(f"{more}: {link_texts[2]}.")
        out.append("")
    out.append(heading(2))
    out.append("")
    fn = "[^1]" if page.footnote else ""
    out.append(paragraph(rng, words, 1) + fn)
    out.append("")
    n = rng.randint(10, 99)
    out.append("```rust")
    out.append("/// Counts the children in one village.")
    out.append(f"fn count_children(village: &Village) -> usize {{")
    out.append(f"    let homes = village.homes.iter().filter(|h| h.open).count();")
    out.append(f"    let limit = {n}usize;")
    out.append(f'    println!("{{}} homes, limit {{}}", homes, limit);')
    out.append("    homes.min(limit) * 8")
    out.append("}")
    out.append("```")
    out.append("")
    if page.idx == stats_page:
        if flavour == "ocaq":
            fig = f"{{{{stat {STATS_TABLE}}}}}"
        else:
            fig = "1.234" if lang == "az" else "1,234"
        out.append(("Cəmi uşaqlar: " if lang == "az" else "Children in all: ") + fig + ".")
        out.append("")
        out.append("```stats")
        out.append(f"table: {STATS_TABLE}")
        out.append("by: city")
        out.append("```")
        out.append("")
    for i in range(3, len(heads)):
        out.append(heading(i))
        out.append("")
        out.append(paragraph(rng, words, 1))
        out.append("")
    if page.footnote:
        out.append(f"[^1]: {sentence(rng, words, 6)}")
        out.append("")
    return "\n".join(out)


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_str(s):
    return yaml_str(s)


def front(flavour, fields):
    """fields: list of (key, value, kind) with kind 'str' | 'int' | 'date' | 'raw' (as written)."""
    if flavour == "zola":
        lines = ["+++"]
        for k, v, kind in fields:
            lines.append(f"{k} = {toml_str(v) if kind == 'str' else v}")
        lines.append("+++")
    else:
        lines = ["---"]
        for k, v, kind in fields:
            lines.append(f"{k}: {yaml_str(v) if kind == 'str' else v}")
        lines.append("---")
    return "\n".join(lines) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def file_name(flavour, base, lang):
    """`base` is `_index` or a page name."""
    if flavour == "zola" and lang == "az":
        return f"{base}.md"
    return f"{base}.{lang}.md"


def statistics_yaml():
    rng = random.Random(7)
    lines = [
        "# Synthetic aggregated counts for the benchmark.",
        "as_of: 2026-06-30",
        'source: {az: "Sintetik məlumat", en: "Synthetic data"}',
        "suppress_below: 10",
        "labels:",
        "  city:",
    ]
    for k, az, en in CITIES:
        lines.append(f"    {k}: {{az: {yaml_str(az)}, en: {yaml_str(en)}}}")
    lines.append("  programme:")
    for k, az, en in PROGRAMMES:
        lines.append(f"    {k}: {{az: {yaml_str(az)}, en: {yaml_str(en)}}}")
    lines.append("tables:")
    lines.append(f"  - id: {STATS_TABLE}")
    lines.append('    title: {az: "Qayğıda olan uşaqlar", en: "Children in care"}')
    lines.append("    dimensions: [programme, city]")
    lines.append("    rows:")
    small = {(1, 3): 4, (3, 4): 7}  # a few small counts: suppressed, with secondary suppression
    for pi, (pk, _, _) in enumerate(PROGRAMMES):
        for ci, (ck, _, _) in enumerate(CITIES):
            count = small.get((pi, ci), rng.randint(12, 240))
            lines.append(f"      - {{programme: {pk}, city: {ck}, count: {count}}}")
    lines.append("  - id: villages")
    lines.append('    title: {az: "Kəndlərdə yaşayan uşaqlar", en: "Children living in villages"}')
    lines.append("    dimensions: [city]")
    lines.append("    rows:")
    for ck, _, _ in CITIES:
        lines.append(f"      - {{city: {ck}, count: {rng.randint(20, 150)}}}")
    return "\n".join(lines) + "\n"


def copy_tree(src, dst):
    if os.path.isdir(dst):
        shutil.rmtree(dst)
    shutil.copytree(src, dst)


ZOLA_BASE = """<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
<meta name="description" content="{% block description %}{{ config.description }}{% endblock description %}">
<link rel="stylesheet" href="{{ get_url(path='giallo.css') }}">
</head>
<body>
<header>
<a href="{{ get_url(path='/', lang=lang) }}">{{ config.title }}</a>
{%- set home = get_section(path="_index.md", lang=lang, metadata_only=true) %}
<nav><ul>
{%- for s in home.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}
<li><a href="{{ sub.permalink }}">{{ sub.title }}</a></li>
{%- endfor %}
</ul></nav>
</header>
<main>
{% block content %}{% endblock content %}
</main>
</body>
</html>
"""

ZOLA_INDEX = """{% extends "base.html" %}
{% block content %}
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
{% endblock content %}
"""

ZOLA_SECTION = """{% extends "base.html" %}
{% block title %}{{ section.title }} — {{ config.title }}{% endblock title %}
{% block description %}{{ section.description }}{% endblock description %}
{% block content %}
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ul>
{%- for p in section.pages %}
<li><h2><a href="{{ p.permalink }}">{{ p.title }}</a></h2>{% if p.date %}<time datetime="{{ p.date }}">{{ p.date | date(format="%Y-%m-%d") }}</time>{% endif %}<p>{{ p.description }}</p></li>
{%- endfor %}
</ul>
{% endblock content %}
"""

ZOLA_PAGE = """{% extends "base.html" %}
{% block title %}{{ page.title }} — {{ config.title }}{% endblock title %}
{% block description %}{{ page.description }}{% endblock description %}
{% block content %}
<article>
<h1>{{ page.title }}</h1>
{% if page.date %}<time datetime="{{ page.date }}">{{ page.date | date(format="%Y-%m-%d") }}</time>{% endif %}
<nav>{% for t in page.translations %}<a href="{{ t.permalink }}" hreflang="{{ t.lang }}">{{ t.lang }}</a> {% endfor %}</nav>
{{ page.content | safe }}
</article>
{% endblock content %}
"""

HUGO_BASEOF = """<!doctype html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} — {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
</head>
<body>
<header>
<a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav><ul>
{{- range site.Sections }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul></nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"""

HUGO_SINGLE = """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Date }}<time datetime="{{ .Format "2006-01-02" }}">{{ .Format "2006-01-02" }}</time>{{ end }}
<nav>{{ range .AllTranslations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Lang }}</a> {{ end }}</nav>
{{ .Content }}
</article>
{{ end }}
"""

HUGO_LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{- range .Pages }}
<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>{{ with .Date }}<time datetime="{{ .Format "2006-01-02" }}">{{ .Format "2006-01-02" }}</time>{{ end }}<p>{{ .Description }}</p></li>
{{- end }}
</ul>
{{ end }}
"""

HUGO_INDEX = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ end }}
"""

SITE_TITLE = {"az": "SOS Uşaq Kəndləri Azərbaycan (sınaq)", "en": "SOS Children's Villages Azerbaijan (benchmark)"}
SITE_DESC = {"az": "Sintetik sınaq saytı.", "en": "A synthetic benchmark site."}
BASE_URL = "https://www.example.org"


def topic_key(i):
    """The taxonomy key of topic i: its English name as a slug (`childrens-education`)."""
    return slugify(TOPICS_EN[i].replace("'", ""))


def taxonomy_yaml():
    """site.yaml lines declaring the `topics` taxonomy, paginated, with a feed per term."""
    lines = ["taxonomies:", "  topics:", "    name: {az: Mövzular, en: Topics}",
             "    paginate_by: 10", "    feed: true", "    terms:"]
    for i, (az, en) in enumerate(zip(TOPICS_AZ, TOPICS_EN)):
        lines.append(f"      {topic_key(i)}: {{az: {yaml_str(az)}, en: {yaml_str(en)}}}")
    return lines


def generate(n, out, flavour, seed, listings=False):
    if n < 1:
        sys.exit("--pages must be at least 1")
    if os.path.exists(out):
        if not os.path.isdir(out) or (os.listdir(out) and not os.path.exists(os.path.join(out, ".gen_site"))):
            sys.exit(f"{out} exists and was not made by gen_site.py; refusing to overwrite it")
        shutil.rmtree(out)
    os.makedirs(out)
    write(os.path.join(out, ".gen_site"), f"pages={n} seed={seed} flavour={flavour}\n")
    pages = plan(n, seed)
    content = os.path.join(out, "content")
    stats_page = 0

    # Home pages.
    for lang in LANGS:
        title = SITE_TITLE[lang]
        intro = ("Sintetik sayt: hər dildə {} səhifə, 20 bölmə." if lang == "az"
                 else "A synthetic site: {} pages per language in 20 sections.").format(n)
        first = pages[0]
        # From content/_index: relative `programmes/page-00000.md` for ocaq.
        dest = link_dest(flavour, first, first, None, lang)
        if flavour == "ocaq":
            dest = f"{SECTIONS[first.section][0]}/{dest}"
        link = f"[{first.title(lang)}]({dest})"
        text = front(flavour, [("title", title, "str"), ("description", SITE_DESC[lang], "str")])
        text += f"{intro} {link}\n"
        write(os.path.join(content, file_name(flavour, "_index", lang)), text)

    # Sections.
    for si, (folder, az, en) in enumerate(SECTIONS):
        for lang in LANGS:
            title = az if lang == "az" else en
            desc = (f"{az} bölməsinin səhifələri." if lang == "az" else f"Pages of the {en} section.")
            fields = [("title", title, "str"), ("description", desc, "str")]
            if flavour == "ocaq":
                fields.append(("weight", si + 1, "int"))
                if lang == "az":
                    fields.append(("slug", slugify(az), "str"))
                if listings:
                    fields.append(("paginate_by", 10, "int"))
            elif flavour == "zola":
                fields += [("sort_by", "weight", "str"), ("weight", si + 1, "int")]
            else:
                fields.append(("weight", si + 1, "int"))
            rng = random.Random(si * 31 + (lang == "en"))
            body_text = paragraph(rng, WORDS_AZ if lang == "az" else WORDS_EN, 2)
            write(os.path.join(content, folder, file_name(flavour, "_index", lang)),
                  front(flavour, fields) + body_text + "\n")

    # Pages.
    for p in pages:
        folder = SECTIONS[p.section][0]
        for lang in LANGS:
            rng = random.Random(p.seed + 1)
            desc = sentence(rng, WORDS_AZ if lang == "az" else WORDS_EN, 12)
            fields = [("title", p.title(lang), "str"), ("description", desc, "str")]
            fields.append(("date", p.date, "date"))  # a bare date in YAML and in TOML
            fields.append(("weight", p.weight, "int"))
            if lang == "az":
                fields.append(("slug", p.az_slug(), "str"))
            if listings and flavour == "ocaq":
                fields.append(("topics", f"[{topic_key(p.topic)}]", "raw"))
            text = front(flavour, fields) + body(p, lang, pages, flavour, stats_page)
            write(os.path.join(content, folder, file_name(flavour, p.name, lang)), text)

    if flavour == "ocaq":
        write(os.path.join(content, "statistics.yaml"), statistics_yaml())
        write(os.path.join(out, "site.yaml"), "\n".join([
            "# Synthetic benchmark site written by benches/gen_site.py.",
            "title:",
            f"  az: {yaml_str(SITE_TITLE['az'])}",
            f"  en: {yaml_str(SITE_TITLE['en'])}",
            "description:",
            f"  az: {yaml_str(SITE_DESC['az'])}",
            f"  en: {yaml_str(SITE_DESC['en'])}",
            f"base_url: {BASE_URL}",
            "default_language: az",
            "languages: [az, en]",
            "theme: default",
        ] + (taxonomy_yaml() if listings else [])) + "\n")
        copy_tree(os.path.join(REPO, "themes"), os.path.join(out, "themes"))
        copy_tree(os.path.join(REPO, "locales"), os.path.join(out, "locales"))
    elif flavour == "zola":
        write(os.path.join(out, "config.toml"), "\n".join([
            f'base_url = "{BASE_URL}"',
            f"title = {toml_str(SITE_TITLE['az'])}",
            f"description = {toml_str(SITE_DESC['az'])}",
            'default_language = "az"',
            "compile_sass = false",
            "build_search_index = false",
            "",
            "[markdown.highlighting]",
            '# Zola 0.22 replaced `highlight_code = true` with this table (giallo); classes, like ocaq.',
            'theme = "github-light"',
            'style = "class"',
            "",
            "[languages.en]",
            f"title = {toml_str(SITE_TITLE['en'])}",
            f"description = {toml_str(SITE_DESC['en'])}",
            "",
        ]))
        tpl = os.path.join(out, "templates")
        write(os.path.join(tpl, "base.html"), ZOLA_BASE)
        write(os.path.join(tpl, "index.html"), ZOLA_INDEX)
        write(os.path.join(tpl, "section.html"), ZOLA_SECTION)
        write(os.path.join(tpl, "page.html"), ZOLA_PAGE)
    else:
        write(os.path.join(out, "hugo.toml"), "\n".join([
            f'baseURL = "{BASE_URL}/"',
            'defaultContentLanguage = "az"',
            "defaultContentLanguageInSubdir = false",
            '# No RSS or taxonomy pages: ocaq and Zola write neither for this site.',
            'disableKinds = ["rss", "taxonomy", "term"]',
            "",
            "[languages.az]",
            "weight = 1",
            f"title = {toml_str(SITE_TITLE['az'])}",
            "[languages.az.params]",
            f"description = {toml_str(SITE_DESC['az'])}",
            "[languages.en]",
            "weight = 2",
            f"title = {toml_str(SITE_TITLE['en'])}",
            "[languages.en.params]",
            f"description = {toml_str(SITE_DESC['en'])}",
            "",
        ]))
        lay = os.path.join(out, "layouts")
        write(os.path.join(lay, "_default", "baseof.html"), HUGO_BASEOF)
        write(os.path.join(lay, "_default", "single.html"), HUGO_SINGLE)
        write(os.path.join(lay, "_default", "list.html"), HUGO_LIST)
        write(os.path.join(lay, "index.html"), HUGO_INDEX)
    return pages


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, required=True, help="pages per language")
    ap.add_argument("--out", required=True, help="folder to write (replaced if gen_site.py made it)")
    ap.add_argument("--flavour", choices=["ocaq", "zola", "hugo"], default="ocaq")
    ap.add_argument("--seed", type=int, default=20260630)
    ap.add_argument("--listings", action="store_true",
                    help="ocaq only: sections paginated by 10, and each page in one of 15 topics "
                         "(a taxonomy paginated by 10, with a feed per term)")
    a = ap.parse_args()
    generate(a.pages, a.out, a.flavour, a.seed, a.listings)
    md = sum(len(fs) for _, _, fs in os.walk(os.path.join(a.out, "content")))
    print(f"{a.flavour}: {a.pages} pages per language, {md} content files in {a.out}")


if __name__ == "__main__":
    main()
