//! Components at render time: each `<ocaq-component:K>` mark the Markdown pass
//! wrote becomes the HTML of the theme's component, rendered with the page
//! language's templates (so `t()` and `@lang` are that language's), before the
//! photos are placed and the link slots filled (a component's HTML carries both).

use crate::diagnostic::Diagnostic;
use crate::load::locale::{Arg, Locale, Locales};
use crate::load::theme::Theme;
use crate::markdown::components::{ComponentUse, MARK};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};

/// What rendering a page's components needs.
pub(crate) struct Components<'a> {
    /// The page language's templates.
    pub(crate) tera: &'a Tera,
    /// The theme, for locating template errors.
    pub(crate) theme: &'a Theme,
    /// Every language's strings: a document names its language in that language.
    pub(crate) locales: &'a Locales,
    /// The page's language.
    pub(crate) lang: &'a str,
    /// Published address → file on disk, for the sizes of documents.
    pub(crate) files: &'a HashMap<String, PathBuf>,
}

impl Components<'_> {
    /// `html` with each component mark replaced by the component's HTML; `urls` are the
    /// page's link slots, resolved; `page_file` is named in a template's error.
    pub(crate) fn place(
        &self,
        html: &str,
        uses: &[ComponentUse],
        urls: &[String],
        (page_file, mut text): (&Path, Option<&mut String>),
    ) -> Result<String, Diagnostic> {
        if uses.is_empty() {
            return Ok(html.to_string());
        }
        let mut out = String::with_capacity(html.len() + uses.len() * 800);
        let mut rest = html;
        while let Some(pos) = rest.find(MARK) {
            out.push_str(&rest[..pos]);
            let after = &rest[pos + MARK.len()..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let found = after[..digits]
                .parse::<usize>()
                .ok()
                .and_then(|k| uses.get(k))
                .filter(|_| after[digits..].starts_with('>'));
            match found {
                Some(component) => {
                    let shown = self.render(component, urls, page_file)?;
                    if let Some(text) = text.as_deref_mut() {
                        crate::search::push_html_text(text, &shown);
                    }
                    out.push_str(&shown);
                    rest = &after[digits + 1..];
                }
                None => {
                    out.push_str(MARK);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        Ok(out)
    }

    /// One component's HTML.
    fn render(
        &self,
        component: &ComponentUse,
        urls: &[String],
        page_file: &Path,
    ) -> Result<String, Diagnostic> {
        let mut cx = Context::new();
        for (name, value) in &component.args {
            let value = match value.as_str() {
                Some(html) if component.html_args.contains(name) => tera::Value::safe_string(html),
                _ => tera::Value::from_serializable(value),
            };
            cx.insert_value(name.clone(), value);
        }
        if component.name == "document" {
            self.document(component, urls, &mut cx);
        }
        // `@lang`, `@site` and `@data` come from the language's global context.
        self.tera
            .render_component_with_implicits(&component.name, &cx, &Context::new(), None, true)
            .map_err(|e| super::context::template_failure(self.theme, &e, page_file))
    }

    /// A document's size (read from its file) and language, in the page's language.
    fn document(&self, component: &ComponentUse, urls: &[String], cx: &mut Context) {
        let Some(locale) = self.locales.get(self.lang) else {
            return;
        };
        let bytes = component
            .sized_slot
            .and_then(|slot| urls.get(slot))
            .and_then(|url| self.files.get(url))
            .and_then(|file| std::fs::metadata(file).ok())
            .map(|m| m.len());
        if let Some(bytes) = bytes {
            cx.insert("size", &size_text(bytes, locale));
        }
        let code = component
            .args
            .get("language")
            .and_then(|l| l.as_str())
            .filter(|l| !l.is_empty())
            .unwrap_or(self.lang);
        let name = self
            .locales
            .get(code)
            .map(|l| l.text("language-name"))
            .unwrap_or_default();
        cx.insert("language", code);
        cx.insert("language_name", &name);
    }
}

/// A file size as readers see it, in SI units as the label says (1 MB = 1,000,000
/// bytes): whole kilobytes below a megabyte (at least 1), else megabytes to one
/// decimal, with the language's decimal separator (`2,4 MB` in az and ru).
pub(crate) fn size_text(bytes: u64, locale: &Locale) -> String {
    let (key, size) = if bytes < 999_500 {
        ("document-size-kb", bytes.div_ceil(1000).max(1).to_string())
    } else {
        let tenths = (bytes + 50_000) / 100_000;
        let separator = locale.text("decimal-separator");
        (
            "document-size-mb",
            format!(
                "{}{separator}{}",
                locale.format_number(tenths / 10),
                tenths % 10
            ),
        )
    };
    locale
        .message(key, &[("size", Arg::Text(size.clone()))])
        .unwrap_or(size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_whole_kilobytes_or_megabytes_to_a_tenth_in_the_page_language() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let langs: Vec<String> = ["az", "en", "ru"].iter().map(|s| s.to_string()).collect();
        let locales = Locales::load(root, &langs).unwrap_or_else(|e| panic!("{e:?}"));
        let size = |lang: &str, bytes: u64| {
            locales
                .get(lang)
                .map(|l| size_text(bytes, l))
                .unwrap_or_default()
        };
        assert_eq!(size("en", 0), "1 KB");
        assert_eq!(size("en", 1_001), "2 KB");
        assert_eq!(size("en", 999_499), "1000 KB");
        assert_eq!(size("en", 999_500), "1.0 MB");
        assert_eq!(size("en", 2_449_999), "2.4 MB");
        assert_eq!(size("en", 2_450_000), "2.5 MB");
        assert_eq!(size("az", 2_450_000), "2,5 MB");
        assert_eq!(size("ru", 2_450_000), "2,5 МБ");
        assert_eq!(size("en", 1_234_000_000), "1,234.0 MB");
    }
}
