//! The editors' CMS at `/admin/`: Decap CMS, configured from the site itself.
//!
//! Decap rather than Sveltia: Decap's local backend (`decap-server`, on npm)
//! lets a headless browser drive the real editor against a copy of the site,
//! so what the CMS writes is tested end to end (tests/cms/); Sveltia edits
//! local files only through the browser's folder picker, which no headless
//! browser can answer. Both write ocaq's `name.az.md` / `name.en.md` layout
//! (`i18n.structure: multiple_files`).
//!
//! The editor's JavaScript comes from unpkg at a pinned version, checked by
//! its Subresource Integrity hash, so nothing is vendored into the repository;
//! `/admin/` gets its own Content-Security-Policy that allows it (and the
//! inline styles the editor makes), and every other page keeps the site's.

use super::headers::Override;
use crate::load::config::{Cms, Config, Localized};
use crate::markdown::components::Catalog;
use crate::resolve::Site;
use serde_json::{json, Value};

/// Decap CMS version loaded by `/admin/`; tests/cms/ installs the same one.
pub(crate) const DECAP_VERSION: &str = "3.16.3";
/// Where `/admin/` loads Decap CMS from.
pub(crate) const DECAP_URL: &str = "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js";
/// Subresource Integrity hash of [`DECAP_URL`] (sha384 of the npm package's file).
pub(crate) const DECAP_INTEGRITY: &str =
    "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p";
/// The folder of the CMS.
pub(crate) const ADMIN: &str = "/admin/";

/// The Content-Security-Policy of `/admin/`.
///
/// Decap's code and its lazily loaded parts come from unpkg; its styles are
/// made at run time (`'unsafe-inline'` for styles only, never for scripts);
/// photos being uploaded are shown from `blob:`; it talks to GitHub's API, and
/// on the editor's own computer to `decap-server` on port 8081.
pub(crate) const ADMIN_CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-eval' https://unpkg.com; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https://avatars.githubusercontent.com https://raw.githubusercontent.com; font-src 'self' data:; connect-src 'self' blob: https://api.github.com http://localhost:8081; frame-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// The login window GitHub's OAuth service opens must be able to answer the
/// editor's page, which the site-wide `same-origin` would cut off.
pub(crate) const ADMIN_OPENER_POLICY: &str = "same-origin-allow-popups";

/// The `_headers` rule of `/admin/`, when the site has a CMS.
pub(crate) fn admin_override(config: &Config) -> Option<Override> {
    config.cms.as_ref()?;
    Some(Override {
        folder: ADMIN.into(),
        cache_control: None,
        csp: Some(ADMIN_CSP.into()),
        opener_policy: Some(ADMIN_OPENER_POLICY.into()),
        page: false,
    })
}

/// `/admin/components.js`: registers the theme's components (`catalog`) as Decap
/// editor components. A file, not inline: the `/admin/` policy runs scripts from
/// `'self'` and unpkg only.
pub(crate) fn components_js(catalog: &Catalog) -> String {
    // `</` cannot occur in JSON that ends up in a script file, but keep it harmless anyway.
    let list = catalog.for_editors().to_string().replace("</", "<\\/");
    include_str!("cms_components.js").replacen("/*COMPONENTS*/[]", &list, 1)
}

/// `/admin/index.html`: loads Decap CMS, which reads `config.yml` beside it, then the
/// site's editor components.
pub(crate) fn index_html() -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>Content Manager</title>\n\
         <link href=\"config.yml\" type=\"text/yaml\" rel=\"cms-config-url\">\n</head>\n<body>\n\
         <script src=\"{DECAP_URL}\" integrity=\"{DECAP_INTEGRITY}\" crossorigin=\"anonymous\"></script>\n\
         <script src=\"components.js\"></script>\n\
         </body>\n</html>\n"
    )
}

/// One section of the site as the CMS shows it: a folder with `_index` pages.
#[derive(Debug, Clone, PartialEq)]
struct Section {
    /// Folder under `content/`, `""` for the home page's.
    dir: String,
    /// Its title in the default language.
    title: String,
}

/// Every section of `site` with a page in the default language, home first.
fn sections(site: &Site) -> Vec<Section> {
    let default = &site.config.default_language;
    let mut out: Vec<Section> = site
        .pages
        .iter()
        .filter(|p| p.source.is_section && &p.source.lang == default)
        .map(|p| Section {
            dir: p.source.dir().to_string(),
            title: p.source.front.title.clone(),
        })
        .collect();
    out.sort_by(|a, b| a.dir.cmp(&b.dir));
    out
}

/// `/admin/config.yml` for `site`, whose settings have a `cms` block.
pub(crate) fn config_yml(site: &Site, cms: &Cms) -> String {
    let value = config_value(&site.config, cms, &sections(site));
    let yaml = serde_saphyr::to_string(&value).unwrap_or_default();
    format!(
        "# Written by ocaq from site.yaml and content/ at every build: edit those, not this.\n\
         # Decap CMS {DECAP_VERSION} configuration (docs/editing.md).\n{yaml}"
    )
}

/// The whole configuration: backend, languages, one collection per section, and
/// one collection of the home and section pages.
fn config_value(config: &Config, cms: &Cms, sections: &[Section]) -> Value {
    let mut backend = json!({
        "name": "github",
        "repo": cms.repo,
        "branch": cms.branch,
    });
    if let Some(url) = &cms.auth_url {
        backend["base_url"] = json!(url);
    }
    let mut collections: Vec<Value> = sections
        .iter()
        .map(|s| folder_collection(config, s))
        .collect();
    collections.push(sections_collection(config, sections));
    json!({
        "backend": backend,
        // The editor's changes become a pull request, which the publish workflow
        // checks and comments on before anything is published.
        "publish_mode": "editorial_workflow",
        // Used only when the CMS is opened on localhost with `npx decap-server` running.
        "local_backend": true,
        "site_url": config.base_url,
        "display_url": config.base_url,
        "media_folder": "content",
        "public_folder": "/",
        // File names keep Azerbaijani letters; ocaq turns them into addresses
        // (`gənclər-evi.az.md` → `/gencler-evi/`).
        "slug": {"encoding": "unicode", "clean_accents": false, "sanitize_replacement": "-"},
        "i18n": {
            "structure": "multiple_files",
            "locales": config.languages,
            "default_locale": config.default_language,
        },
        "collections": collections,
    })
}

/// The collection name of a section folder: `pages` for the top level.
fn collection_name(dir: &str) -> String {
    if dir.is_empty() {
        "pages".into()
    } else {
        dir.replace('/', "-")
    }
}

/// `content/` joined with a section folder.
fn content_path(dir: &str) -> String {
    if dir.is_empty() {
        "content".into()
    } else {
        format!("content/{dir}")
    }
}

/// The pages of one section folder (the top level's are the site's own pages).
fn folder_collection(config: &Config, section: &Section) -> Value {
    let label = if section.dir.is_empty() {
        "Pages · Səhifələr".to_string()
    } else {
        section.title.clone()
    };
    json!({
        "name": collection_name(&section.dir),
        "label": label,
        "folder": content_path(&section.dir),
        "create": true,
        "delete": true,
        "extension": "md",
        "format": "yaml-frontmatter",
        "i18n": true,
        "slug": "{{slug}}",
        "summary": "{{title}}",
        "sortable_fields": ["title", "date", "weight"],
        // Photos go beside the page, where ocaq looks for them: `![…](photo.jpg)`.
        "media_folder": "",
        "public_folder": "",
        "fields": fields(config),
    })
}

/// The home page and every section's own page (`_index`), one file per language:
/// Decap takes one file per language (`multiple_files`) only in folder collections.
fn sections_collection(config: &Config, sections: &[Section]) -> Value {
    let mut files = Vec::new();
    for s in sections {
        for lang in &config.languages {
            let (name, label) = if s.dir.is_empty() {
                (
                    format!("home-{lang}"),
                    format!("Home · Ana səhifə ({lang})"),
                )
            } else {
                (
                    format!("{}-{lang}", collection_name(&s.dir)),
                    format!("{} ({lang})", s.title),
                )
            };
            files.push(json!({
                "name": name,
                "label": label,
                "file": format!("{}/_index.{lang}.md", content_path(&s.dir)),
                "media_folder": "",
                "public_folder": "",
                "fields": without_i18n(fields(config)),
            }));
        }
    }
    json!({
        "name": "sections",
        "label": "Home and section pages · Bölmələr",
        "extension": "md",
        "format": "yaml-frontmatter",
        "files": files,
    })
}

/// `fields` for a collection of one file per language: no field is translated there.
fn without_i18n(mut fields: Value) -> Value {
    for f in fields.as_array_mut().into_iter().flatten() {
        if let Some(f) = f.as_object_mut() {
            f.remove("i18n");
        }
    }
    fields
}

/// The slugs ocaq accepts (see `front_matter::slug_problem`).
pub(crate) const SLUG_PATTERN: &str = "^[a-z0-9-]+$";

/// What the Markdown editor's hint says the page text may hold beyond text.
const BODY_HINT: &str = "Links to other pages: [text](other-page.md), without the language. \
Photos: ![what the picture shows](photo.jpg) — the text in brackets is required. \
A photo with a caption, a video, a document, the donate or contact box: the + button \
of the text field (Photo, Video, Document, Donate, Contact). \
A statistics table: a code block with the language `stats` and the lines `table: <id>` \
and, optionally, `by: <dimension>`; one figure in a sentence: {{stat <table-id>}}.";

/// A label in every language of the site, as the CMS's own labels are written
/// (`Alternativ qayğı · Alternative care · Альтернативный уход`), each text once.
fn all_languages(text: &Localized, config: &Config) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for lang in &config.languages {
        let t = text.get(lang, &config.default_language);
        if !t.is_empty() && !parts.contains(&t) {
            parts.push(t);
        }
    }
    parts.join(" · ")
}

/// One field per taxonomy of site.yaml (topics, cities): a choice of its declared
/// terms, several at once, the same in every language (terms are keys, not text),
/// so an editor can only pick a term the build accepts.
fn taxonomy_fields(config: &Config) -> Vec<Value> {
    config
        .taxonomies
        .iter()
        .map(|(key, tax)| {
            let options: Vec<Value> = tax
                .terms
                .iter()
                .map(|(term, label)| json!({"label": all_languages(label, config), "value": term}))
                .collect();
            json!({
                "name": key, "label": all_languages(&tax.name, config), "widget": "select",
                "multiple": true, "required": false, "options": options, "i18n": "duplicate",
            })
        })
        .collect()
}

/// The front-matter fields, with ocaq's rules: title required, dates as
/// `YYYY-MM-DD`, slugs of a–z, 0–9 and `-`, a photo's text alternative, the
/// declared terms of each taxonomy.
///
/// Texts are translated (`i18n: true`); date, order, draft, photo and terms are
/// the same in every language (`duplicate`).
fn fields(config: &Config) -> Value {
    let date = |name: &str, label: &str, hint: &str| {
        json!({
            "name": name, "label": label, "widget": "datetime", "required": false,
            "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": false,
            "picker_utc": true, "i18n": "duplicate", "hint": hint,
        })
    };
    let mut fields = json!([
        {"name": "title", "label": "Title · Başlıq", "widget": "string", "required": true,
         "i18n": true},
        {"name": "description", "label": "Description · Təsvir", "widget": "text",
         "required": false, "i18n": true,
         "hint": "One or two sentences for search engines and link previews."},
        date("date", "Date · Tarix", "The day it happened or was published (YYYY-MM-DD)."),
        date("updated", "Updated · Yenilənib", "Only when the page was changed in substance."),
        {"name": "slug", "label": "Address · Ünvan (slug)", "widget": "string",
         "required": false, "i18n": true,
         "pattern": [SLUG_PATTERN, "Only lowercase letters a–z, digits and hyphens, like gencler-evi"],
         "hint": "The last part of the page's address in this language. Empty: made from the file name."},
        {"name": "weight", "label": "Order · Sıra", "widget": "number", "value_type": "int",
         "required": false, "i18n": "duplicate",
         "hint": "Lower numbers come first; a top-level page with an order appears in the menu."},
        {"name": "draft", "label": "Draft · Qaralama", "widget": "boolean", "required": false,
         "default": false, "i18n": "duplicate",
         "hint": "A draft is not published."},
        {"name": "image", "label": "Photo for link previews · Şəkil", "widget": "image",
         "required": false, "choose_url": false, "i18n": "duplicate",
         "hint": "JPEG or PNG. Needs a text alternative below."},
        {"name": "image_alt", "label": "What the photo shows · Şəklin təsviri", "widget": "string",
         "required": false, "i18n": true,
         "hint": "Required when there is a photo: what a reader who cannot see it should know."},
    ]);
    let body = json!({"name": "body", "label": "Text · Mətn", "widget": "markdown",
        "required": false, "i18n": true, "hint": BODY_HINT});
    // After the fields before them, so their places in the form stay where they were.
    if let Value::Array(list) = &mut fields {
        list.extend(taxonomy_fields(config));
        // Not shown; declared so the CMS keeps what `ocaq translated` wrote when it saves.
        list.push(
            json!({"name": "translated_from", "label": "Translated from", "widget": "hidden",
            "required": false, "i18n": true}),
        );
        list.push(body);
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let yaml = "title: S\nbase_url: https://e.org\ndefault_language: az\nlanguages: [en, az, ru]\ncms:\n  repo: sos-az/website\n  auth_url: https://auth.e.org\n";
        Config::parse(std::path::Path::new("site.yaml"), yaml).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn cms(config: &Config) -> Cms {
        config.cms.clone().unwrap_or_else(|| panic!("no cms"))
    }

    fn site_sections() -> Vec<Section> {
        ["", "news", "programmes", "programmes/youth"]
            .iter()
            .map(|d| Section {
                dir: d.to_string(),
                title: format!("T {d}"),
            })
            .collect()
    }

    /// The configuration as Decap reads it: YAML parsed back.
    fn generated() -> Value {
        let c = config();
        let value = config_value(&c, &cms(&c), &site_sections());
        let text = serde_saphyr::to_string(&value).unwrap_or_default();
        serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    fn field<'a>(collection: &'a Value, name: &str) -> &'a Value {
        collection["fields"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["name"] == name))
            .unwrap_or_else(|| panic!("no field {name}"))
    }

    #[test]
    fn every_language_is_listed_default_first_as_one_file_each() {
        let v = generated();
        assert_eq!(v["i18n"]["structure"], "multiple_files");
        assert_eq!(v["i18n"]["locales"], json!(["az", "en", "ru"]));
        assert_eq!(v["i18n"]["default_locale"], "az");
    }

    #[test]
    fn every_section_is_a_folder_collection_and_its_index_a_file() {
        let v = generated();
        let collections = v["collections"].as_array().cloned().unwrap_or_default();
        let folders: Vec<(&str, &str)> = collections
            .iter()
            .filter_map(|c| Some((c["name"].as_str()?, c["folder"].as_str()?)))
            .collect();
        assert_eq!(
            folders,
            [
                ("pages", "content"),
                ("news", "content/news"),
                ("programmes", "content/programmes"),
                ("programmes-youth", "content/programmes/youth"),
            ]
        );
        for c in collections.iter().filter(|c| c.get("folder").is_some()) {
            assert_eq!(c["i18n"], true);
            assert_eq!(c["create"], true);
            assert_eq!(
                (&c["media_folder"], &c["public_folder"]),
                (&json!(""), &json!(""))
            );
        }
        let files = &collections[4]["files"];
        assert_eq!(collections[4].get("i18n"), None);
        let paths: Vec<&str> = files
            .as_array()
            .map(|f| f.iter().filter_map(|f| f["file"].as_str()).collect())
            .unwrap_or_default();
        let mut expected = Vec::new();
        for dir in [
            "content",
            "content/news",
            "content/programmes",
            "content/programmes/youth",
        ] {
            for lang in ["az", "en", "ru"] {
                expected.push(format!("{dir}/_index.{lang}.md"));
            }
        }
        assert_eq!(paths, expected);
        assert_eq!(files[0]["name"], "home-az");
        assert_eq!(files[4]["label"], "T news (en)");
        assert!(files[4]["fields"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|f| f.get("i18n").is_none()));
    }

    #[test]
    fn fields_carry_ocaqs_rules() {
        let v = generated();
        for c in v["collections"].as_array().into_iter().flatten() {
            let holders: Vec<&Value> = match c["files"].as_array() {
                Some(files) => files.iter().collect(),
                None => vec![c],
            };
            for h in holders {
                let title = field(h, "title");
                assert_eq!(title["required"], true);
                if c.get("folder").is_some() {
                    assert_eq!(title["i18n"], true);
                    assert_eq!(field(h, "date")["i18n"], "duplicate");
                }
                for d in ["date", "updated"] {
                    assert_eq!(field(h, d)["format"], "YYYY-MM-DD", "{d}");
                    assert_eq!(field(h, d)["time_format"], false, "{d}");
                }
                let pattern = field(h, "slug")["pattern"][0].as_str().unwrap_or("");
                assert_eq!(pattern, SLUG_PATTERN);
                assert_eq!(field(h, "image")["widget"], "image");
                assert!(field(h, "image_alt")["hint"]
                    .as_str()
                    .is_some_and(|h| h.contains("Required when there is a photo")));
                assert!(field(h, "body")["hint"]
                    .as_str()
                    .is_some_and(|h| h.contains("stats")));
                // Every field is one ocaq knows (anything else would stop the build).
                for f in h["fields"].as_array().into_iter().flatten() {
                    let name = f["name"].as_str().unwrap_or("");
                    assert!(
                        [
                            "translated_from",
                            "title",
                            "description",
                            "date",
                            "updated",
                            "slug",
                            "weight",
                            "draft",
                            "image",
                            "image_alt",
                            "body"
                        ]
                        .contains(&name),
                        "{name}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_slug_pattern_is_ocaqs_rule() {
        let matches = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        assert_eq!(SLUG_PATTERN, "^[a-z0-9-]+$");
        assert!(matches("gencler-evi") && !matches("Gənclər") && !matches("a/b"));
    }

    #[test]
    fn the_backend_is_the_sites_repository_through_its_login_service() {
        let v = generated();
        assert_eq!(
            v["backend"],
            json!({"name": "github", "repo": "sos-az/website", "branch": "main", "base_url": "https://auth.e.org"})
        );
        assert_eq!(v["publish_mode"], "editorial_workflow");
        assert_eq!(v["local_backend"], true);
    }

    #[test]
    fn the_admin_page_loads_the_pinned_editor_with_its_hash() {
        let html = index_html();
        assert!(html.contains(&format!(
            "src=\"{DECAP_URL}\" integrity=\"{DECAP_INTEGRITY}\" crossorigin=\"anonymous\""
        )));
        assert!(DECAP_URL.contains(DECAP_VERSION));
        assert!(html.contains("rel=\"cms-config-url\""));
        // The editor components come after Decap, from the site itself, which the policy allows.
        assert!(html.contains("</script>\n<script src=\"components.js\"></script>"));
        // The admin policy lets in unpkg's script, and nothing inline runs.
        let script_src = ADMIN_CSP
            .split("; ")
            .find(|d| d.starts_with("script-src"))
            .unwrap_or("");
        assert_eq!(
            script_src,
            "script-src 'self' 'unsafe-eval' https://unpkg.com"
        );
    }

    #[test]
    fn taxonomies_are_choices_of_their_declared_terms_the_same_in_every_language() {
        let yaml = "title: S\nbase_url: https://e.org\ndefault_language: az\nlanguages: [az, en]\ncms:\n  repo: a/b\ntaxonomies:\n  topics:\n    name: {az: Mövzular, en: Topics}\n    terms:\n      education: {az: Təhsil, en: Education}\n      young-people: {az: Gənclər, en: Young people}\n";
        let c = Config::parse(std::path::Path::new("site.yaml"), yaml)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let value = config_value(&c, &cms(&c), &site_sections());
        let folder = &value["collections"][1];
        let topics = field(folder, "topics");
        assert_eq!(topics["widget"], "select");
        assert_eq!(topics["multiple"], true);
        assert_eq!(topics["i18n"], "duplicate");
        assert_eq!(topics["label"], "Mövzular · Topics");
        assert_eq!(
            topics["options"],
            json!([
                {"label": "Təhsil · Education", "value": "education"},
                {"label": "Gənclər · Young people", "value": "young-people"}
            ])
        );
        // Before the text, after the fields the CMS test finds by their place.
        let names: Vec<&str> = folder["fields"]
            .as_array()
            .map(|f| f.iter().filter_map(|f| f["name"].as_str()).collect())
            .unwrap_or_default();
        // (translated_from is hidden: the form shows no field for it.)
        assert_eq!(
            &names[names.len() - 4..],
            ["image_alt", "topics", "translated_from", "body"]
        );
    }

    #[test]
    fn the_editor_components_write_blocks_the_build_reads_back() {
        use crate::markdown::components::{check, tests::catalog};
        let catalog = catalog();
        let js = components_js(&catalog);
        assert!(
            js.contains("\"label\":\"Photo · Şəkil\",\"name\":\"figure\""),
            "{js}"
        );
        assert!(!js.contains("/*COMPONENTS*/"));
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("run.js");
        let run = format!(
            "const got = {{}};\nglobalThis.window = {{ CMS: {{ registerEditorComponent: (c) => {{ got[c.id] = c; }} }} }};\n{js}\n\
             const f = got.figure;\n\
             const block = f.toBlock({{ image: 'bağ.jpg', alt: 'Bakı: 2019', caption: 'yes', credit: '' }});\n\
             const back = f.fromBlock(block.match(f.pattern));\n\
             console.log(JSON.stringify({{ block, back, widgets: f.fields.map((x) => x.widget + (x.required ? '!' : '')) }}));\n"
        );
        std::fs::write(&file, run).unwrap_or_else(|e| panic!("{e}"));
        let Ok(out) = std::process::Command::new("node").arg(&file).output() else {
            eprintln!("\n*** SKIPPED: node not found, the CMS's components.js not run ***\n");
            return;
        };
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
        let block = got["block"].as_str().unwrap_or_default();
        assert_eq!(
            block,
            "```figure\nimage: bağ.jpg\nalt: \"Bakı: 2019\"\ncaption: \"yes\"\n```"
        );
        assert_eq!(
            got["back"],
            json!({"alt": "Bakı: 2019", "caption": "yes", "image": "bağ.jpg"})
        );
        assert_eq!(
            got["widgets"],
            json!(["image!", "string!", "string", "string"])
        );
        // What the CMS wrote is what the build reads.
        let body = block
            .strip_prefix("```figure\n")
            .and_then(|b| b.strip_suffix("```"))
            .unwrap_or_default();
        let checked = check(&catalog, "figure", body, 1, &[]).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(checked.component.args["alt"], "Bakı: 2019");
        assert_eq!(checked.component.args["caption"], "yes");
    }

    #[test]
    fn a_site_without_a_cms_block_has_no_admin_rule() {
        let mut c = config();
        assert!(admin_override(&c).is_some());
        c.cms = None;
        assert_eq!(admin_override(&c), None);
    }
}
