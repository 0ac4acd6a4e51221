//! Taxonomies: the terms pages list (`topics: [childrens-rights]`), checked against
//! the terms site.yaml declares, and the pages of each term.

use super::site::{display_order, Site};
use crate::diagnostic::{Diagnostic, Problems};

/// Every term a page lists must be declared in site.yaml; an unknown one is an error
/// at its line, with the closest declared key suggested.
pub(crate) fn check_terms(site: &Site, problems: &mut Problems) {
    for page in &site.pages {
        for (name, terms) in &page.source.front.taxonomies {
            let Some(taxonomy) = site.config.taxonomies.get(name) else {
                continue;
            };
            for term in terms {
                if taxonomy.terms.contains_key(&term.value) {
                    continue;
                }
                let hint = match did_you_mean(&term.value, taxonomy.terms.keys()) {
                    Some(close) => format!(
                        "did you mean `{close}`? Otherwise declare `{}` under `taxonomies: {name}: terms:` in site.yaml, with a label per language",
                        term.value
                    ),
                    None => format!(
                        "use one of: {}; or declare it under `taxonomies: {name}: terms:` in site.yaml",
                        taxonomy.terms.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                };
                problems.push(Diagnostic::error(
                    &page.source.file,
                    term.line,
                    term.column,
                    format!("`{}` is not a declared term of `{name}`", term.value),
                    hint,
                ));
            }
        }
    }
}

/// The pages in `lang` that list `term` of taxonomy `name`, in display order.
pub(crate) fn pages_of(site: &Site, name: &str, term: &str, lang: &str) -> Vec<usize> {
    let mut pages: Vec<usize> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.source.lang == lang
                && p.source
                    .front
                    .taxonomies
                    .get(name)
                    .is_some_and(|ts| ts.iter().any(|t| t.value == term))
        })
        .map(|(i, _)| i)
        .collect();
    pages.sort_by(|&a, &b| display_order(&site.pages[a], &site.pages[b]));
    pages
}

/// The declared term closest to `word`, when close enough to be a typo: the site's
/// one rule for suggestions ([`crate::suggest::nearest`]).
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a String>,
) -> Option<&'a str> {
    crate::suggest::nearest(word, candidates.into_iter().map(String::as_str))
        .first()
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_near_miss_suggests_the_closest_key_and_a_far_one_nothing() {
        let keys: Vec<String> = ["childrens-rights", "education", "ganja"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            did_you_mean("childrens-right", &keys),
            Some("childrens-rights")
        );
        assert_eq!(did_you_mean("eductaion", &keys), Some("education"));
        assert_eq!(did_you_mean("weather", &keys), None);
        // Azerbaijani letters fold as in slugs: a term typed without them is found.
        let cities: Vec<String> = ["gence", "baki"].map(String::from).to_vec();
        assert_eq!(did_you_mean("gəncə", &cities), Some("gence"));
    }
}
