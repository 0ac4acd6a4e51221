//! Minified HTML and CSS for `build` (`serve` and `--no-minify` keep them readable).

use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};

/// True for elements around whose tags whitespace never shows: it is dropped, not collapsed.
fn is_block(name: &[u8]) -> bool {
    let mut buf = [0u8; 10];
    if name.len() > buf.len() {
        return false;
    }
    for (d, s) in buf.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    matches!(
        &buf[..name.len()],
        b"!doctype"
            | b"address"
            | b"article"
            | b"aside"
            | b"base"
            | b"blockquote"
            | b"body"
            | b"br"
            | b"caption"
            | b"col"
            | b"colgroup"
            | b"dd"
            | b"details"
            | b"dialog"
            | b"div"
            | b"dl"
            | b"dt"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"head"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"html"
            | b"li"
            | b"link"
            | b"main"
            | b"menu"
            | b"meta"
            | b"nav"
            | b"noscript"
            | b"ol"
            | b"optgroup"
            | b"option"
            | b"p"
            | b"picture"
            | b"pre"
            | b"script"
            | b"section"
            | b"source"
            | b"style"
            | b"summary"
            | b"table"
            | b"tbody"
            | b"td"
            | b"template"
            | b"tfoot"
            | b"th"
            | b"thead"
            | b"title"
            | b"tr"
            | b"track"
            | b"ul"
    )
}

/// Elements whose content is copied as it is: whitespace there is meaningful or not HTML.
fn is_verbatim(name: &[u8]) -> bool {
    ["pre", "textarea", "script", "style"]
        .iter()
        .any(|v| v.as_bytes().eq_ignore_ascii_case(name))
}

/// Minifies a whole HTML document: comments go, whitespace between blocks goes, runs of
/// whitespace in text become one space; tags, attributes, `<pre>` and scripts are untouched.
///
/// One linear pass with no recursion, so any page, however deeply nested, is safe, and a
/// page costs about as much as copying it (a full HTML minifier here cost more than
/// rendering the page itself). Stylesheets still go through `minify-html` in [`css`].
pub(crate) fn html(text: &[u8]) -> Vec<u8> {
    let n = text.len();
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    // Whitespace seen and not yet written; written as one space only between inline things.
    let mut pending = false;
    let mut prev_block = true;
    loop {
        i = text_run(text, i, &mut out, &mut pending, &mut prev_block);
        if i >= n {
            break;
        }
        if text[i..].starts_with(b"<!--") {
            match memchr::memmem::find(&text[i + 4..], b"-->") {
                Some(end) => i += 4 + end + 3,
                None => {
                    flush(&mut out, &mut pending, prev_block, false);
                    out.extend_from_slice(&text[i..]);
                    break;
                }
            }
            continue;
        }
        let starts_tag = text
            .get(i + 1)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!');
        if !starts_tag {
            flush(&mut out, &mut pending, prev_block, false);
            out.push(b'<');
            prev_block = false;
            i += 1;
            continue;
        }
        let Some(end) = tag_end(text, i) else {
            flush(&mut out, &mut pending, prev_block, false);
            out.extend_from_slice(&text[i..]);
            break;
        };
        let closing = text[i + 1] == b'/';
        let name_start = if closing { i + 2 } else { i + 1 };
        let name_len = text[name_start..end]
            .iter()
            .position(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
            .unwrap_or(end - name_start);
        let name = &text[name_start..name_start + name_len];
        let block = is_block(name);
        flush(&mut out, &mut pending, prev_block, block);
        out.extend_from_slice(&text[i..=end]);
        prev_block = block;
        i = end + 1;
        if !closing && is_verbatim(name) {
            let mut close = b"</".to_vec();
            close.extend_from_slice(name);
            let stop = find_ignore_case(text, i, &close).unwrap_or(n);
            out.extend_from_slice(&text[i..stop]);
            i = stop;
        }
    }
    out
}

/// Copies the text from `from` up to the next `<` (returned): whitespace at its ends
/// is left pending (a block tag may follow), and inside it every run of whitespace
/// becomes one space.
///
/// One walk that finds the `<` and copies words with the single spaces between them
/// in runs: text between tags is mostly a few bytes long, where searching for the
/// `<` first and then walking the text again cost more in setting up than in work.
fn text_run(
    text: &[u8],
    from: usize,
    out: &mut Vec<u8>,
    pending: &mut bool,
    prev_block: &mut bool,
) -> usize {
    let n = text.len();
    let ends = |k: usize| k == n || text[k] == b'<';
    let mut k = from;
    while k < n && text[k].is_ascii_whitespace() {
        k += 1;
    }
    *pending |= k > from;
    if ends(k) {
        return k;
    }
    flush(out, pending, *prev_block, false);
    *prev_block = false;
    loop {
        let run = k;
        // Bytes that are neither `<` nor whitespace, and single spaces between them:
        // the walk stops only at bytes that may be either (see [`text_stop`]).
        loop {
            let Some(at) = text_stop(&text[k..]) else {
                k = n;
                break;
            };
            k += at;
            let c = text[k];
            if c == b'<' {
                break;
            }
            if c.is_ascii_whitespace() {
                let word_follows = c == b' '
                    && text
                        .get(k + 1)
                        .is_some_and(|&d| d != b'<' && !d.is_ascii_whitespace());
                if !word_follows {
                    break;
                }
            }
            // A single space, or a control byte that is text.
            k += 1;
        }
        out.extend_from_slice(&text[run..k]);
        if ends(k) {
            return k;
        }
        while k < n && text[k].is_ascii_whitespace() {
            k += 1;
        }
        if ends(k) {
            *pending = true;
            return k;
        }
        out.push(b' ');
    }
}

/// Writes the pending whitespace as one space, unless a block tag is on either side.
fn flush(out: &mut Vec<u8>, pending: &mut bool, prev_block: bool, next_block: bool) {
    if *pending && !prev_block && !next_block {
        out.push(b' ');
    }
    *pending = false;
}

/// The index of the `>` that ends the tag starting at `start`, skipping quoted values.
fn tag_end(text: &[u8], start: usize) -> Option<usize> {
    // From the `<` itself, which is none of the bytes looked for.
    let mut k = start;
    loop {
        let at = k + find_near(
            text.get(k..)?,
            |x| eq_bytes(x, b'>') | eq_bytes(x, b'"') | eq_bytes(x, b'\''),
            |hay| memchr::memchr3(b'>', b'"', b'\'', hay),
        )?;
        match text[at] {
            b'>' => return Some(at),
            quote => {
                let hay = &text[at + 1..];
                k = at
                    + 1
                    + find_near(hay, |x| eq_bytes(x, quote), |h| memchr::memchr(quote, h))?
                    + 1;
            }
        }
    }
}

/// Bytes looked at eight at a time, as one number (the first byte lowest).
const LANES: usize = 8;
/// One in every byte.
const ONES: u64 = u64::from_ne_bytes([1; LANES]);
/// The high bit of every byte: where the masks below flag a byte.
const HIGHS: u64 = u64::from_ne_bytes([0x80; LANES]);

/// The eight bytes of `hay` from `at`, the first one lowest, if there are eight.
fn lanes(hay: &[u8], at: usize) -> Option<u64> {
    let bytes: [u8; LANES] = hay.get(at..at + LANES)?.try_into().ok()?;
    Some(u64::from_le_bytes(bytes))
}

/// The high bit of each byte of `x` equal to `b`. Only the lowest flag is sure to be
/// right (a borrow can flag a byte after a match), and only the lowest is used.
fn eq_bytes(x: u64, b: u8) -> u64 {
    let t = x ^ (ONES * u64::from(b));
    t.wrapping_sub(ONES) & !t & HIGHS
}

/// The high bit of each byte of `x` below 0x21 (whitespace and control bytes), the
/// lowest flag sure as in [`eq_bytes`].
fn below_bang(x: u64) -> u64 {
    x.wrapping_sub(ONES * 0x21) & !x & HIGHS
}

/// The first byte of `hay` that the byte mask `flags` flags ([`eq_bytes`]): a few
/// bytes at a time near the start, where a tag's end or a short value's quote mostly
/// is, then `far`, a vector search that costs more to start than a short loop does to
/// finish.
fn find_near(
    hay: &[u8],
    flags: impl Fn(u64) -> u64,
    far: impl Fn(&[u8]) -> Option<usize>,
) -> Option<usize> {
    const NEAR: usize = 2 * LANES;
    let mut k = 0;
    while k < NEAR {
        let Some(x) = lanes(hay, k) else {
            // Fewer than eight bytes left: one at a time.
            return hay[k..]
                .iter()
                .position(|&c| flags(u64::from(c)) & 0x80 != 0)
                .map(|p| k + p);
        };
        let f = flags(x);
        if f != 0 {
            return Some(k + f.trailing_zeros() as usize / 8);
        }
        k += LANES;
    }
    far(&hay[k..]).map(|p| p + k)
}

/// Where text may stop: the first `<` or byte below 0x21 in `hay` (whitespace is
/// among them; the caller tells which), eight bytes at a time.
fn text_stop(hay: &[u8]) -> Option<usize> {
    let flags = |x: u64| eq_bytes(x, b'<') | below_bang(x);
    let mut k = 0;
    while let Some(x) = lanes(hay, k) {
        let f = flags(x);
        if f != 0 {
            return Some(k + f.trailing_zeros() as usize / 8);
        }
        k += LANES;
    }
    hay[k..]
        .iter()
        .position(|&c| c == b'<' || c < 0x21)
        .map(|p| k + p)
}

/// The first `needle` (which starts with `<`) at or after `from`, in any case (for
/// `</script` and friends). Highlighted code is full of `</span>`: each `<` is checked
/// where it is found, a search that costs little to start again.
fn find_ignore_case(text: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut k = from;
    loop {
        let at = k + memchr::memchr(b'<', text.get(k..)?)?;
        if text
            .get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(at);
        }
        k = at + 1;
    }
}

/// Minifies a stylesheet with lightningcss; when it cannot (a syntax it does not
/// read) or would not make it smaller, the stylesheet is kept as written, trimmed.
pub(crate) fn css(text: &str) -> String {
    let minified = StyleSheet::parse(text, ParserOptions::default())
        .ok()
        .and_then(|mut sheet| {
            sheet.minify(MinifyOptions::default()).ok()?;
            let printer = PrinterOptions {
                minify: true,
                ..PrinterOptions::default()
            };
            sheet.to_css(printer).ok().map(|out| out.code)
        });
    match minified {
        Some(min) if min.len() < text.len() => min,
        _ => {
            // Never publish an empty stylesheet in place of a real one.
            let trimmed = text.trim_matches(|c: char| c.is_ascii_whitespace());
            if trimmed.is_empty() { text } else { trimmed }.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn min(page: &str) -> String {
        String::from_utf8(html(page.as_bytes())).unwrap_or_default()
    }

    #[test]
    fn html_loses_whitespace_but_keeps_pre_and_lang() {
        let page = "<!doctype html>\n<html lang=\"az\">\n<head>\n  <title>A</title>\n</head>\n<body>\n  <p>  Salam  </p>\n<pre>a\n  b</pre>\n</body>\n</html>\n";
        assert_eq!(
            min(page),
            "<!doctype html><html lang=\"az\"><head><title>A</title></head><body><p>Salam</p><pre>a\n  b</pre></body></html>"
        );
    }

    #[test]
    fn spaces_between_words_and_inline_elements_stay() {
        assert_eq!(
            min("<p>Uşaq   kəndi\n <a href=\"/x\">SOS</a> <em>ev</em>\n</p>\n<ul>\n <li> bir </li>\n</ul>"),
            "<p>Uşaq kəndi <a href=\"/x\">SOS</a> <em>ev</em></p><ul><li>bir</li></ul>"
        );
    }

    #[test]
    fn attributes_scripts_and_comments() {
        assert_eq!(
            min("<a title=\"a  > b\"  href='x'>t</a>\n<!-- note -->\n<script type=\"application/ld+json\">{\"a\":  \"<b>\"}</script>\n<textarea>\n  x</TEXTAREA>"),
            "<a title=\"a  > b\"  href='x'>t</a><script type=\"application/ld+json\">{\"a\":  \"<b>\"}</script><textarea>\n  x</TEXTAREA>"
        );
        // Text that only looks like markup is text; an unclosed comment or tag is kept.
        assert_eq!(min("<p>a < b</p>"), "<p>a < b</p>");
        assert_eq!(min("<p>a</p> <!-- open"), "<p>a</p><!-- open");
        assert_eq!(min("<p>a <b"), "<p>a <b");
    }

    #[test]
    fn a_lone_less_than_is_text_and_its_spaces_collapse() {
        // `<` then a space opens no tag: what follows is text, so its spaces collapse
        // (copied as a tag it would keep them).
        assert_eq!(min("<p>a <\n   b</p>"), "<p>a < b</p>");
        assert_eq!(min("<p>1 <  2</p>"), "<p>1 < 2</p>");
    }

    #[test]
    fn a_self_closed_block_tag_is_still_a_block() {
        // The name stops at `/`: `<br/>` is `br`, around which spaces go.
        assert_eq!(min("<p>a <br/> b</p>"), "<p>a<br/>b</p>");
        assert_eq!(min("<p>a <hr/> b</p>"), "<p>a<hr/>b</p>");
        assert_eq!(min("<p>a <em/> b</p>"), "<p>a <em/> b</p>");
    }

    #[test]
    fn a_stylesheet_is_minified_only_when_that_makes_it_smaller() {
        assert_eq!(css(".a{margin:0 0 0 0}"), ".a{margin:0}");
        // lightningcss would add a space here: what is written is kept.
        assert_eq!(
            css("@media(width>=1px){a{color:red}}"),
            "@media(width>=1px){a{color:red}}"
        );
        // Not smaller, only different: kept as written too.
        assert_eq!(css("a{color:#FFF}"), "a{color:#FFF}");
    }

    /// The text rule as written: a segment's whitespace at its ends is left pending,
    /// and each run of whitespace inside it becomes one space.
    fn text_by_rule(seg: &[u8], out: &mut Vec<u8>, pending: &mut bool, prev_block: &mut bool) {
        let Some(lead) = seg.iter().position(|c| !c.is_ascii_whitespace()) else {
            *pending |= !seg.is_empty();
            return;
        };
        *pending |= lead > 0;
        let end = seg
            .iter()
            .rposition(|c| !c.is_ascii_whitespace())
            .map_or(seg.len(), |p| p + 1);
        flush(out, pending, *prev_block, false);
        *prev_block = false;
        let mut in_space = false;
        for &c in &seg[lead..end] {
            if c.is_ascii_whitespace() {
                in_space = true;
            } else {
                if in_space {
                    out.push(b' ');
                    in_space = false;
                }
                out.push(c);
            }
        }
        *pending = end < seg.len();
    }

    #[test]
    fn text_keeps_single_spaces_and_collapses_the_rest() {
        let run = |t: &[u8]| {
            let (mut out, mut pending, mut prev_block) = (Vec::new(), false, false);
            let stop = text_run(t, 0, &mut out, &mut pending, &mut prev_block);
            (String::from_utf8(out).unwrap_or_default(), pending, stop)
        };
        assert_eq!(run(b"Us kendi 2011<"), ("Us kendi 2011".into(), false, 13));
        assert_eq!(run(b"  a  b\n\tc \x0c<p>"), (" a b c".into(), true, 11));
        assert_eq!(run(b"a <b"), ("a".into(), true, 2));
        assert_eq!(run(b" \n "), ("".into(), true, 3));
    }

    #[test]
    fn pathological_nesting_is_fine() {
        let page = format!(
            "<!doctype html><html><body>{}x{}</body></html>",
            "<blockquote>\n".repeat(20_000),
            "</blockquote>\n".repeat(20_000)
        );
        let out = html(page.as_bytes());
        let want = format!(
            "<!doctype html><html><body>{}x{}</body></html>",
            "<blockquote>".repeat(20_000),
            "</blockquote>".repeat(20_000)
        );
        assert!(
            out == want.as_bytes(),
            "deep nesting loses only its newlines"
        );
    }

    /// The page without ASCII whitespace: what minifying must never change.
    fn visible(page: &[u8]) -> Vec<u8> {
        page.iter()
            .copied()
            .filter(|c| !c.is_ascii_whitespace())
            .collect()
    }

    /// The contents of every `<PRE class=x>` of the page, in order.
    fn pres(page: &[u8]) -> Vec<Vec<u8>> {
        let text = String::from_utf8_lossy(page);
        text.split("<PRE class=x>")
            .skip(1)
            .map(|rest| {
                rest.split("</PRE>")
                    .next()
                    .unwrap_or("")
                    .as_bytes()
                    .to_vec()
            })
            .collect()
    }

    fn part() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            "[ \n\ta-zə\u{a0}&]{0,8}",
            Just("<p>".to_string()),
            Just("</p>".to_string()),
            Just("<a href=\"x  y\">".to_string()),
            Just("</a>".to_string()),
            Just("<li class=x>".to_string()),
            Just("</li>".to_string()),
            "[ \n\ta-zə\u{a0}<>&]{0,12}".prop_map(|s| format!("<PRE class=x>{s}</PRE>")),
        ]
    }

    proptest::proptest! {
        #![proptest_config(crate::proptest_config::fixed("proptest-regressions/minify.txt"))]

        /// The one walk copies text as the rule says, from any state it is entered in.
        #[test]
        fn text_follows_its_rule(
            // Words longer than the eight bytes looked at together, and the control
            // bytes that stop that look but are text (\x0b is not ASCII whitespace).
            seg in "([ab \t\n\x0b\x0c\x01<é]|abcdefghijk){0,24}",
            pending in proptest::bool::ANY,
            prev_block in proptest::bool::ANY,
        ) {
            let seg = seg.as_bytes();
            let stop = memchr::memchr(b'<', seg).unwrap_or(seg.len());
            let (mut out, mut p, mut b) = (b"x".to_vec(), pending, prev_block);
            text_by_rule(&seg[..stop], &mut out, &mut p, &mut b);
            let (mut out2, mut p2, mut b2) = (b"x".to_vec(), pending, prev_block);
            let stop2 = text_run(seg, 0, &mut out2, &mut p2, &mut b2);
            proptest::prop_assert_eq!((out, p, b, stop), (out2, p2, b2, stop2));
        }

        /// A tag ends at its first `>` outside quotes, however long its values are.
        #[test]
        fn a_tag_ends_at_its_first_unquoted_greater_than(
            tag in "<a( [a-z]{1,3}=(\"[^\"]{0,40}\"|'[^']{0,40}'|[a-z>]{0,20}))*[ /]{0,2}(>[a-z\"'>]{0,20})?"
        ) {
            let text = tag.as_bytes();
            let (mut quote, mut naive) = (None, None);
            for (i, &c) in text.iter().enumerate() {
                match (quote, c) {
                    (None, b'>') => {
                        naive = Some(i);
                        break;
                    }
                    (None, b'"' | b'\'') => quote = Some(c),
                    (Some(q), _) if c == q => quote = None,
                    _ => {}
                }
            }
            proptest::prop_assert_eq!(tag_end(text, 0), naive);
        }

        #[test]
        fn any_text_minifies_without_panic_and_a_second_pass_changes_nothing(
            page in "(<[/!a-zA-Z]{0,3}[ a-z=\"'>-]{0,6}|[ \n\ta-zə\u{a0}<>&\"'-]{0,8}|<!--|-->|</pre>|<pre>|<PRE class=x>|<script>){0,40}"
        ) {
            let once = html(page.as_bytes());
            proptest::prop_assert_eq!(html(&once), once.clone());
            proptest::prop_assert!(once.len() <= page.len());
            proptest::prop_assert!(String::from_utf8(once).is_ok());
        }

        #[test]
        fn minifying_keeps_every_visible_character_and_pre_byte_for_byte(
            parts in proptest::collection::vec(part(), 0..30)
        ) {
            let page = parts.concat();
            let out = html(page.as_bytes());
            proptest::prop_assert_eq!(visible(&out), visible(page.as_bytes()));
            proptest::prop_assert_eq!(pres(&out), pres(page.as_bytes()));
            proptest::prop_assert_eq!(html(&out), out);
        }
    }

    #[test]
    fn css_is_smaller_and_keeps_rules() {
        let text = "/* c */\n.a {\n  color: red;\n}\n@media (prefers-color-scheme: dark) {\n  .a { color: blue; }\n}\n";
        let out = css(text);
        assert!(out.len() < text.len(), "{out}");
        assert!(
            out.contains(".a{color:red}") || out.contains(".a{color:red;}"),
            "{out}"
        );
        assert!(out.contains("prefers-color-scheme:dark"), "{out}");
    }
}
