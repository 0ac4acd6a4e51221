//! Escaping text for HTML and XML: the site's one escaper.
//!
//! Every text that reaches a page, a feed or the sitemap goes through here, so
//! one fix reaches them all.

/// Escapes text for HTML element content (`'` is left as it is).
pub(crate) fn html_into(out: &mut String, text: &str) {
    escape_with(out, text, None);
}

/// Escapes text for an HTML attribute value (and content).
pub(crate) fn attr(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 8);
    escape_with(&mut s, text, Some("&#39;"));
    s
}

/// Escapes text for XML (feeds, the sitemap), where `&apos;` is the apostrophe's name.
pub(crate) fn xml(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 8);
    xml_into(&mut s, text);
    s
}

/// Escapes text for XML into `out`.
pub(crate) fn xml_into(out: &mut String, text: &str) {
    escape_with(out, text, Some("&apos;"));
}

/// Writes `text` escaped for an HTML attribute value (and content) to `out`: what
/// templates print, most of it with nothing to escape, so written with no copy.
pub(crate) fn attr_to(out: &mut dyn std::io::Write, text: &str) -> std::io::Result<()> {
    let mut result = Ok(());
    escape_runs(text, Some("&#39;"), |run| {
        if result.is_ok() && !run.is_empty() {
            result = out.write_all(run.as_bytes());
        }
    });
    result
}

/// Copies `text` into `out` a run at a time, replacing only the characters that need it.
fn escape_with(out: &mut String, text: &str, apostrophe: Option<&str>) {
    escape_runs(text, apostrophe, |run| out.push_str(run));
}

/// Gives `text` to `emit` a run at a time, each character that needs it replaced.
fn escape_runs(text: &str, apostrophe: Option<&str>, mut emit: impl FnMut(&str)) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let rep = match (b, apostrophe) {
            (b'&', _) => "&amp;",
            (b'<', _) => "&lt;",
            (b'>', _) => "&gt;",
            (b'"', _) => "&quot;",
            (b'\'', Some(a)) => a,
            _ => continue,
        };
        emit(&text[last..i]);
        emit(rep);
        last = i + 1;
    }
    emit(&text[last..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_replaces_only_markup_characters() {
        assert_eq!(
            attr("Uşaq <b> & \"ev\" 'kənd'"),
            "Uşaq &lt;b&gt; &amp; &quot;ev&quot; &#39;kənd&#39;"
        );
        let mut written = Vec::new();
        attr_to(&mut written, "Uşaq <b> & \"ev\" 'kənd'").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(written, attr("Uşaq <b> & \"ev\" 'kənd'").into_bytes());
        let mut s = String::new();
        html_into(&mut s, "a'b<ə>");
        assert_eq!(s, "a'b&lt;ə&gt;");
    }

    #[test]
    fn xml_names_the_apostrophe() {
        assert_eq!(xml("a'b&c<\"ə\">"), "a&apos;b&amp;c&lt;&quot;ə&quot;&gt;");
    }
}
