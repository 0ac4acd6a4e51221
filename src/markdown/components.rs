//! Components: what editors put on a page with a fenced block of YAML,
//!
//! ````markdown
//! ```figure
//! image: children.jpg
//! alt: Children planting trees in the village garden
//! ```
//! ````
//!
//! checked here, at the block's lines, and rendered later by the theme's Tera
//! component of the same name (`themes/default/templates/components.html`).
//!
//! Which blocks are components is the theme's to say: a Tera component
//! declared with the metadata `{"markdown": true}` can be used from Markdown,
//! and its arguments are the fields an editor may write (those without a
//! default are required). So a site adds a component by defining one in its own
//! `templates/`, and removes one by overriding the file. For the built-in
//! components ocaq does more than pass the fields on: `figure`'s photo and
//! `video`'s poster become responsive pictures, `document`'s file gets its
//! address, size and type, and `video`'s address becomes a privacy-respecting
//! player address (see [`video`]).

use crate::load::yaml::{self, At, Entries, Node};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// Marks where a page shows a component: `<ocaq-component:K>` for the page's K-th
/// [`ComponentUse`]. Like the image mark, only the Markdown pass can write one.
pub(crate) const MARK: &str = "<ocaq-component:";

/// The fenced block of statistics: built in, rendered by ocaq itself, not a theme component.
pub(crate) const STATS: &str = "stats";

/// A component pages can use, as its theme declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spec {
    /// The fields an editor may write, in the order the theme declares them.
    fields: Vec<String>,
    /// The fields an editor must write.
    required: Vec<String>,
    /// The fields that are yes or no (their default is `true` or `false`).
    switches: Vec<String>,
}

/// The components of a theme that pages can use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Catalog {
    specs: BTreeMap<String, Spec>,
}

/// Fields of the built-in components that ocaq fills in itself (an editor never writes them).
fn computed(name: &str) -> &'static [&'static str] {
    match name {
        "document" => &["url", "size", "type", "language_name"],
        "video" => &["embed", "watch", "provider"],
        _ => &[],
    }
}

/// Fields the built-in components need whatever the theme declares: a photo
/// without its description, or a video without a poster, is never published.
fn always_required(name: &str) -> &'static [&'static str] {
    match name {
        "figure" => &["image", "alt"],
        "video" => &["url", "title", "poster"],
        "document" => &["file", "title"],
        _ => &[],
    }
}

impl Catalog {
    /// The components of `tera` marked `{"markdown": true}`.
    pub(crate) fn from_tera(tera: &tera::Tera) -> Catalog {
        let mut specs = BTreeMap::new();
        for name in tera.get_component_names() {
            let Some(info) = tera.get_component_definition(name) else {
                continue;
            };
            if info.metadata().get("markdown") != Some(&tera::Value::from(true)) {
                continue;
            }
            let own = computed(name);
            let args = info
                .args()
                .iter()
                .filter(|a| !a.is_implicit() && !own.contains(&a.name()));
            let fields: Vec<String> = args.clone().map(|a| a.name().to_string()).collect();
            let mut required: Vec<String> = args
                .filter(|a| a.is_required())
                .map(|a| a.name().to_string())
                .collect();
            for f in always_required(name) {
                if !required.iter().any(|r| r == f) {
                    required.push(f.to_string());
                }
            }
            let switches = info
                .args()
                .iter()
                .filter(|a| a.default().is_some_and(|d| d.as_bool().is_some()))
                .map(|a| a.name().to_string())
                .collect();
            specs.insert(
                name.to_string(),
                Spec {
                    fields,
                    required,
                    switches,
                },
            );
        }
        Catalog { specs }
    }

    /// True if pages can use a component of this name.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.specs.contains_key(name)
    }

    /// Every block name a page can use, `stats` included, in name order.
    pub(crate) fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.specs.keys().map(String::as_str).collect();
        names.push(STATS);
        names.sort_unstable();
        names
    }
}

/// How the editors' CMS offers a component's field: a photo or file beside the page
/// (`image`, `file`), yes or no (`boolean`), or text (`string`).
fn widget(component: &str, field: &str, spec: &Spec) -> &'static str {
    match (component, field) {
        ("figure", "image") | ("video", "poster") => "image",
        ("document", "file") => "file",
        _ if spec.switches.iter().any(|s| s == field) => "boolean",
        _ => "string",
    }
}

/// What an editor sees a component called, in English and Azerbaijani as the CMS's
/// other labels; a site's own components by their name.
fn label(component: &str) -> String {
    match component {
        "figure" => "Photo · Şəkil".into(),
        "video" => "Video".into(),
        "document" => "Document · Sənəd".into(),
        "donate" => "Donate · İanə".into(),
        "contact" => "Contact · Əlaqə".into(),
        other => other.into(),
    }
}

impl Catalog {
    /// The components as the editors' CMS registers them: name, label, and each field
    /// with its widget and whether it is required.
    pub(crate) fn for_editors(&self) -> Value {
        self.specs
            .iter()
            .map(|(name, spec)| {
                // Tera lists arguments by name; editors read a form top down.
                let first = always_required(name);
                let mut names: Vec<&String> = spec.fields.iter().collect();
                names.sort_by_key(|f| first.iter().position(|r| r == f).unwrap_or(first.len()));
                let fields: Vec<Value> = names
                    .into_iter()
                    .map(|f| {
                        serde_json::json!({
                            "name": f,
                            "widget": widget(name, f, spec),
                            "required": spec.required.contains(f),
                        })
                    })
                    .collect();
                serde_json::json!({"name": name, "label": label(name), "fields": fields})
            })
            .collect()
    }
}

/// One component a page shows, checked: what its theme component is given.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ComponentUse {
    /// The component's name.
    pub(crate) name: String,
    /// The arguments, as written (a photo's field holds its `<ocaq-image:K>` mark).
    pub(crate) args: Map<String, Value>,
    /// Arguments that hold HTML ocaq wrote (photo marks): passed to Tera as safe.
    pub(crate) html_args: Vec<String>,
    /// The link slot of a file whose size the component shows (`document`).
    pub(crate) sized_slot: Option<usize>,
    /// The origin of a third-party player the page must allow in frames (`video`).
    pub(crate) frame_src: Option<&'static str>,
    /// File line of the block's opening fence.
    pub(crate) line: usize,
}

/// A problem in a block: line inside the block's text (1 = its first line; 0 = the
/// fence), column, what is wrong, what to do.
pub(crate) type Gap = (usize, usize, String, String);

/// A file a component names: the field, the path as written, its place, and the
/// text alternative when it is shown as a picture.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FileField {
    /// The field that names it (`image`, `poster`, `file`).
    pub(crate) field: String,
    /// The path as written, relative to the page.
    pub(crate) path: String,
    /// Line inside the block's text.
    pub(crate) line: usize,
    /// Column.
    pub(crate) column: usize,
    /// `Some(alt)` for a picture (placed as a responsive photo), `None` for a file
    /// linked to (a document).
    pub(crate) picture: Option<String>,
}

/// A block read and checked, before its files have slots.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Checked {
    /// The component as far as the block alone says.
    pub(crate) component: ComponentUse,
    /// Files beside the page it shows or links to.
    pub(crate) files: Vec<FileField>,
}

/// Reads the block of component `name` (`body`, the text between the fences; the
/// fence is on file line `line`) and checks it against `catalog`; `languages` are the
/// site's, which a document's `language` must be one of.
pub(crate) fn check(
    catalog: &Catalog,
    name: &str,
    body: &str,
    line: usize,
    languages: &[String],
) -> Result<Checked, Vec<Gap>> {
    let Some(spec) = catalog.specs.get(name) else {
        return Err(vec![unknown(catalog, name)]);
    };
    let entries = read_fields(name, body)?;
    let mut gaps = Vec::new();
    for (key, _) in &entries {
        if !spec.fields.contains(&key.value) {
            gaps.push(unknown_field(name, spec, key));
        }
    }
    for field in &spec.required {
        let given = entries.iter().find(|(k, _)| &k.value == field);
        if given.is_none_or(|(_, v)| is_empty(&v.value)) {
            let at = given.map_or((0, 1), |(k, _)| (k.line, k.column));
            gaps.push(missing_field(name, field, at));
        }
    }
    if !gaps.is_empty() {
        return Err(gaps);
    }
    let mut component = ComponentUse {
        name: name.to_string(),
        args: Map::new(),
        html_args: Vec::new(),
        sized_slot: None,
        frame_src: None,
        line,
    };
    for (key, value) in &entries {
        component
            .args
            .insert(key.value.clone(), value.value.to_json());
    }
    let files = builtin(&mut component, &entries, languages)?;
    Ok(Checked { component, files })
}

/// The text of field `name` of a block, if written as text.
fn text_of(entries: &[(At<String>, At<Node>)], name: &str) -> Option<(String, usize, usize)> {
    entries
        .iter()
        .find(|(k, _)| k.value == name)
        .and_then(|(k, v)| Some((v.value.as_text()?, k.line, k.column)))
}

/// What ocaq adds to the built-in components: their files, a video's player, a
/// document's language.
fn builtin(
    component: &mut ComponentUse,
    entries: &[(At<String>, At<Node>)],
    languages: &[String],
) -> Result<Vec<FileField>, Vec<Gap>> {
    let file = |field: &str, picture: Option<String>| -> Result<Option<FileField>, Gap> {
        let Some((path, line, column)) = text_of(entries, field) else {
            return Ok(None);
        };
        if path.contains("://") || path.starts_with("//") || path.starts_with("data:") {
            return Err((
                line,
                column,
                format!("`{field}` must be a file beside the page, not a web address"),
                format!(
                    "put the file in the page's folder and write its name: `{field}: photo.jpg`"
                ),
            ));
        }
        Ok(Some(FileField {
            field: field.to_string(),
            path,
            line,
            column,
            picture,
        }))
    };
    let alt = text_of(entries, "alt")
        .map(|(a, _, _)| a)
        .unwrap_or_default();
    let found = match component.name.as_str() {
        "figure" => vec![file("image", Some(alt))],
        // The poster sits inside the link that names the video, so it says nothing itself.
        "video" => vec![file("poster", Some(String::new()))],
        "document" => vec![file("file", None)],
        _ => Vec::new(),
    };
    let mut files = Vec::new();
    let mut gaps = Vec::new();
    for f in found {
        match f {
            Ok(Some(f)) => files.push(f),
            Ok(None) => {}
            Err(g) => gaps.push(g),
        }
    }
    match component.name.as_str() {
        "video" => {
            if let Some((url, line, column)) = text_of(entries, "url") {
                match video(&url) {
                    Some(v) => {
                        component.args.insert("embed".into(), v.embed.into());
                        component.args.insert("watch".into(), v.watch.into());
                        component.args.insert("provider".into(), v.provider.into());
                        component.frame_src = Some(v.origin);
                    }
                    None => gaps.push((
                        line,
                        column,
                        format!("`{url}` is not a YouTube or Vimeo video"),
                        "copy the video's address from YouTube (https://www.youtube.com/watch?v=…) or Vimeo (https://vimeo.com/…)".into(),
                    )),
                }
            }
        }
        "document" => document_fields(component, entries, languages, &files, &mut gaps),
        _ => {}
    }
    if gaps.is_empty() {
        Ok(files)
    } else {
        Err(gaps)
    }
}

/// A document's language (one of the site's, the page's when not given) and type
/// (from its file name: `PDF`).
fn document_fields(
    component: &mut ComponentUse,
    entries: &[(At<String>, At<Node>)],
    languages: &[String],
    files: &[FileField],
    gaps: &mut Vec<Gap>,
) {
    if let Some((lang, line, column)) = text_of(entries, "language") {
        if !languages.contains(&lang) {
            gaps.push((
                line,
                column,
                format!("`{lang}` is not a language of the site"),
                crate::suggest::hint_with(
                    crate::suggest::did_you_mean(&lang, languages.iter().map(String::as_str)),
                    &format!("write one of: {}", languages.join(", ")),
                    &format!("write one of: {}", languages.join(", ")),
                ),
            ));
        }
    }
    let kind = files
        .first()
        .and_then(|f| Path::new(&f.path).extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_uppercase)
        .unwrap_or_default();
    component.args.insert("type".into(), kind.into());
}

/// Reads a block's YAML: a map of fields, each at its line.
fn read_fields(name: &str, body: &str) -> Result<Entries, Vec<Gap>> {
    if body.trim().is_empty() {
        return Ok(Vec::new());
    }
    let node = yaml::parse_node(Path::new(""), body, 1)
        .map_err(|d| vec![(d.line, d.column.max(1), d.message, d.hint)])?;
    match node {
        Node::Map(entries) => Ok(entries),
        Node::Scalar(Value::Null) => Ok(Vec::new()),
        _ => Err(vec![(
            1,
            1,
            format!("a `{name}` block holds settings, one `name: value` per line"),
            "write each field on its own line, like `title: …`".into(),
        )]),
    }
}

/// True for a value that says nothing: empty, blank text or no value.
fn is_empty(node: &Node) -> bool {
    match node {
        Node::Scalar(Value::Null) => true,
        Node::Scalar(Value::String(s)) => s.trim().is_empty(),
        _ => false,
    }
}

/// The problem of a block name that is not a component.
pub(crate) fn unknown(catalog: &Catalog, name: &str) -> Gap {
    let names = catalog.names();
    let list = format!("the components are: {}", names.join(", "));
    (
        0,
        1,
        format!("there is no component `{name}`"),
        crate::suggest::hint_with(
            crate::suggest::did_you_mean(name, names.iter().copied()),
            &list,
            &format!("{list}; for a block of code, name its language (```text for plain text)"),
        ),
    )
}

/// The problem of a field the component does not have.
fn unknown_field(name: &str, spec: &Spec, key: &At<String>) -> Gap {
    let list = format!("`{name}` has: {}", spec.fields.join(", "));
    (
        key.line,
        key.column,
        format!("`{name}` has no field `{}`", key.value),
        crate::suggest::hint_with(
            crate::suggest::did_you_mean(&key.value, spec.fields.iter().map(String::as_str)),
            &list,
            &format!("check the spelling; {list}"),
        ),
    )
}

/// The problem of a required field that is missing or empty.
fn missing_field(name: &str, field: &str, (line, column): (usize, usize)) -> Gap {
    let what = match (name, field) {
        ("figure", "alt") => " (what the picture shows, for readers who cannot see it)",
        (_, "title") => " (what readers see as its name)",
        ("video", "poster") => {
            " (a picture beside the page, shown until the reader starts the video)"
        }
        _ => "",
    };
    (
        line,
        column,
        format!("this `{name}` has no `{field}`{what}"),
        format!("add a line `{field}: …` inside the block"),
    )
}

/// A video as the page shows it: a link to watch it on its site, and the address of
/// a player that is loaded only when the reader asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Video {
    /// `YouTube` or `Vimeo`, named to readers before they start the player.
    pub(crate) provider: &'static str,
    /// The player's address, starting at once when loaded on request.
    pub(crate) embed: String,
    /// The video's own page, for readers without JavaScript.
    pub(crate) watch: String,
    /// The player's origin, which the page's Content-Security-Policy allows in frames.
    pub(crate) origin: &'static str,
}

/// Origin of YouTube's player without cookies until played ("privacy-enhanced mode").
pub(crate) const YOUTUBE_PLAYER: &str = "https://www.youtube-nocookie.com";
/// Origin of Vimeo's player (`dnt=1`: no tracking cookies).
pub(crate) const VIMEO_PLAYER: &str = "https://player.vimeo.com";

/// The video at a YouTube or Vimeo address, as editors copy it from the browser:
/// `youtube.com/watch?v=ID`, `youtu.be/ID`, `youtube.com/shorts/ID`, `vimeo.com/123`
/// (and `vimeo.com/123/hash` for an unlisted one). `None` for anything else.
pub(crate) fn video(url: &str) -> Option<Video> {
    let rest = url
        .trim()
        .strip_prefix("https://")
        .or_else(|| url.trim().strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.strip_prefix("www.").unwrap_or(host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match host {
        "youtube.com" | "youtube-nocookie.com" => {
            let id = match segments.as_slice() {
                ["watch"] => query
                    .split('&')
                    .find_map(|p| p.strip_prefix("v="))
                    .unwrap_or(""),
                ["shorts" | "embed" | "live", id] => id,
                _ => "",
            };
            youtube(id)
        }
        "youtu.be" => youtube(segments.first().copied().unwrap_or("")),
        "vimeo.com" | "player.vimeo.com" => {
            let ids: Vec<&str> = segments.into_iter().filter(|s| *s != "video").collect();
            let (id, hash) = match ids.as_slice() {
                [id] => (*id, None),
                [id, hash] => (*id, Some(*hash)),
                _ => return None,
            };
            let alnum = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric());
            if !id.chars().all(|c| c.is_ascii_digit()) || id.is_empty() || !hash.is_none_or(alnum) {
                return None;
            }
            let h = hash.map(|h| format!("h={h}&")).unwrap_or_default();
            Some(Video {
                provider: "Vimeo",
                embed: format!("{VIMEO_PLAYER}/video/{id}?{h}dnt=1&autoplay=1"),
                watch: match hash {
                    Some(h) => format!("https://vimeo.com/{id}/{h}"),
                    None => format!("https://vimeo.com/{id}"),
                },
                origin: VIMEO_PLAYER,
            })
        }
        _ => None,
    }
}

/// A YouTube video by its 11-character id.
fn youtube(id: &str) -> Option<Video> {
    let ok = id.len() == 11
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then(|| Video {
        provider: "YouTube",
        embed: format!("{YOUTUBE_PLAYER}/embed/{id}?autoplay=1"),
        watch: format!("https://www.youtube.com/watch?v={id}"),
        origin: YOUTUBE_PLAYER,
    })
}

/// True when a fenced block that is neither a component nor code in a known
/// language looks meant as a component: its name is close to one, or it holds
/// `name: value` settings. Anything else stays code, as before components.
pub(crate) fn looks_like_component(catalog: &Catalog, name: &str, body: &str) -> bool {
    if !crate::suggest::nearest(name, catalog.names()).is_empty() {
        return true;
    }
    matches!(
        yaml::parse_node(Path::new(""), body, 1),
        Ok(Node::Map(entries)) if !entries.is_empty()
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const THEME: &str = r#"
{% component figure(image, alt, caption="", credit="", @lang) {"markdown": true} %}{{ image }}{% endcomponent figure %}
{% component video(url, title, poster, embed="", watch="", provider="") {"markdown": true} %}x{% endcomponent video %}
{% component document(file, title, language="", url="", size="", type="", language_name="") {"markdown": true} %}x{% endcomponent document %}
{% component value(v, @lang) %}{{ v }}{% endcomponent value %}
"#;

    pub(crate) fn catalog() -> Catalog {
        let mut tera = tera::Tera::default();
        tera.add_raw_template("components.html", THEME)
            .unwrap_or_else(|e| panic!("{e}"));
        Catalog::from_tera(&tera)
    }

    fn langs() -> Vec<String> {
        vec!["az".into(), "en".into(), "ru".into()]
    }

    fn gaps(name: &str, body: &str) -> Vec<Gap> {
        check(&catalog(), name, body, 10, &langs())
            .err()
            .unwrap_or_default()
    }

    #[test]
    fn the_catalog_is_the_themes_markdown_components_and_stats() {
        assert_eq!(catalog().names(), ["document", "figure", "stats", "video"]);
        let c = catalog();
        let doc = &c.specs["document"];
        // Tera lists a component's arguments by name.
        assert_eq!(doc.fields, ["file", "language", "title"]);
        assert_eq!(doc.required, ["file", "title"]);
    }

    #[test]
    fn a_figure_gives_its_photo_with_its_alt() {
        let c = check(
            &catalog(),
            "figure",
            "image: a.jpg\nalt: Uşaqlar\ncaption: Bağda\n",
            10,
            &langs(),
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(c.files.len(), 1);
        assert_eq!(c.files[0].picture.as_deref(), Some("Uşaqlar"));
        assert_eq!((c.files[0].line, c.files[0].column), (1, 1));
        assert_eq!(c.component.args["caption"], "Bağda");
        assert_eq!(c.component.line, 10);
    }

    #[test]
    fn each_missing_required_field_is_named_at_the_block() {
        let g = gaps("figure", "caption: x\n");
        let what: Vec<&str> = g.iter().map(|g| g.2.as_str()).collect();
        assert_eq!(
            what,
            [
                "this `figure` has no `alt` (what the picture shows, for readers who cannot see it)",
                "this `figure` has no `image`"
            ]
        );
        // An empty value is missing too, and is found at its own line.
        let g = gaps("figure", "image: a.jpg\nalt: \"\"\n");
        assert_eq!((g[0].0, g[0].2.as_str()), (2, "this `figure` has no `alt` (what the picture shows, for readers who cannot see it)"));
        for (name, body, field) in [
            ("video", "title: t\nposter: p.jpg\n", "url"),
            (
                "video",
                "url: https://youtu.be/dQw4w9WgXcQ\nposter: p.jpg\n",
                "title",
            ),
            (
                "video",
                "url: https://youtu.be/dQw4w9WgXcQ\ntitle: t\n",
                "poster",
            ),
            ("document", "title: t\n", "file"),
            ("document", "file: a.pdf\n", "title"),
        ] {
            let g = gaps(name, body);
            assert_eq!(g.len(), 1, "{g:?}");
            assert!(
                g[0].2
                    .starts_with(&format!("this `{name}` has no `{field}`")),
                "{g:?}"
            );
        }
    }

    #[test]
    fn an_unknown_field_is_located_with_a_suggestion() {
        let g = gaps("figure", "image: a.jpg\nalt: x\ncaptoin: y\n");
        assert_eq!(g.len(), 1);
        assert_eq!((g[0].0, g[0].1), (3, 1));
        assert_eq!(g[0].2, "`figure` has no field `captoin`");
        assert!(g[0].3.starts_with("did you mean `caption`?"), "{}", g[0].3);
        // What ocaq computes is not the editor's to write.
        let g = gaps("document", "file: a.pdf\ntitle: t\nsize: 3 MB\n");
        assert_eq!(g[0].2, "`document` has no field `size`");
    }

    #[test]
    fn an_unknown_component_names_the_known_ones() {
        let (line, _, what, hint) = unknown(&catalog(), "figur");
        assert_eq!(line, 0);
        assert_eq!(what, "there is no component `figur`");
        assert_eq!(
            hint,
            "did you mean `figure`? The components are: document, figure, stats, video"
        );
        assert!(looks_like_component(&catalog(), "figur", "x"));
        assert!(looks_like_component(
            &catalog(),
            "gallery",
            "images: [a.jpg]\n"
        ));
        assert!(!looks_like_component(&catalog(), "toml", "a = 1\n"));
        assert!(!looks_like_component(&catalog(), "console", "$ ls\n"));
    }

    #[test]
    fn files_are_beside_the_page_and_bad_yaml_is_located() {
        let g = gaps("figure", "image: https://e.org/a.jpg\nalt: x\n");
        assert_eq!(g[0].0, 1);
        assert!(g[0].2.contains("not a web address"), "{g:?}");
        let g = gaps("figure", "image: a.jpg\nalt: 'x\n");
        assert_eq!(g.len(), 1);
        assert!(g[0].2.contains("never closed"), "{g:?}");
        let g = gaps("figure", "- a\n");
        assert!(g[0].2.contains("holds settings"), "{g:?}");
    }

    #[test]
    fn a_document_knows_its_type_and_checks_its_language() {
        let c = check(
            &catalog(),
            "document",
            "file: report.pdf\ntitle: R\nlanguage: en\n",
            1,
            &langs(),
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(c.component.args["type"], "PDF");
        assert_eq!(c.files[0].picture, None);
        let g = gaps("document", "file: r.pdf\ntitle: R\nlanguage: ur\n");
        assert_eq!(g[0].0, 3);
        assert!(g[0].3.starts_with("did you mean `ru`?"), "{g:?}");
    }

    #[test]
    fn videos_come_from_youtube_or_vimeo_through_their_privacy_players() {
        for url in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ",
            "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
            "https://youtube.com/shorts/dQw4w9WgXcQ",
        ] {
            let v = video(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!(
                v.embed,
                "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
            );
            assert_eq!(v.watch, "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
            assert_eq!(v.origin, YOUTUBE_PLAYER);
        }
        let v = video("https://vimeo.com/76979871").unwrap_or_else(|| panic!("vimeo"));
        assert_eq!(
            v.embed,
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"
        );
        let v = video("https://vimeo.com/76979871/abc123").unwrap_or_else(|| panic!("vimeo"));
        assert_eq!(
            v.embed,
            "https://player.vimeo.com/video/76979871?h=abc123&dnt=1&autoplay=1"
        );
        for bad in [
            "https://example.org/watch?v=dQw4w9WgXcQ",
            "https://www.youtube.com/watch?v=short",
            "https://www.youtube.com/watch?v=dQw4w9WgXc\"",
            "https://vimeo.com/channels/staff",
            "javascript:alert(1)",
        ] {
            assert_eq!(video(bad), None, "{bad}");
        }
        let g = gaps(
            "video",
            "url: https://example.org/v.mp4\ntitle: t\nposter: p.jpg\n",
        );
        assert_eq!(
            (g[0].0, g[0].2.as_str()),
            (
                1,
                "`https://example.org/v.mp4` is not a YouTube or Vimeo video"
            )
        );
    }
}
