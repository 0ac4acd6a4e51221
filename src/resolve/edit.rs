//! Edits: applying changed pages to a resolved site, for `serve`.
//!
//! An edit that keeps the site's shape (the same addresses, order keys and
//! files) is applied in place: only the edited pages' links are resolved
//! again, with the same [`Lookup`] a full resolve uses. Any other edit is
//! resolved again in full, and only the pages it affects are rendered. What a
//! front-matter field changes is decided field by field in [`reach`], which
//! names every field, so a new one does not compile until someone decides.

use super::links::{missing_anchor, Lookup};
use super::site::Site;
use crate::diagnostic::Diagnostic;
use crate::load::front_matter::{FrontMatter, Located, Rare};
use crate::load::page::SourcePage;
use crate::markdown::LinkTarget;
use std::collections::BTreeSet;

/// How far an edit to a page reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Reach {
    /// Only the page itself and the pages linking to it.
    Page,
    /// Also every listing of the page: its sections, the menu, feeds.
    Listings,
    /// The site's shape: addresses, order or files; the site is resolved again.
    Shape,
}

/// How far the edit from `old` to `new` of one page reaches.
pub(crate) fn reach(old: &SourcePage, new: &SourcePage) -> Reach {
    let FrontMatter {
        title,
        description: _,
        date,
        updated,
        draft,
        // Changes only the search index, which `serve` rebuilds on a full render.
        noindex: _,
        weight,
        slug,
        image,
        taxonomies,
        extra,
        // Where keys are written: a message's place, not the page.
        lines: _,
        rare: _,
    } = &old.front;
    let Rare {
        aliases,
        image_alt,
        template,
        paginate_by,
        // Only `check`'s translation table reads it.
        translated_from: _,
    } = old.front.rare();
    let n = &new.front;
    let nr = new.front.rare();
    let value = |l: &Option<Located<String>>| l.as_ref().map(|x| x.value.clone());
    let values = |v: &[Located<String>]| v.iter().map(|x| x.value.clone()).collect::<Vec<_>>();
    let terms = |t: &std::collections::BTreeMap<String, Vec<Located<String>>>| {
        t.iter()
            .map(|(k, v)| (k.clone(), values(v)))
            .collect::<Vec<_>>()
    };
    // Order keys, addresses, files and template data: the site must be resolved again.
    let shape = *date != n.date
        || *updated != n.updated
        || *draft != n.draft
        || *weight != n.weight
        || value(slug) != value(&n.slug)
        || values(aliases) != values(&nr.aliases)
        || value(image) != value(&n.image)
        || *image_alt != nr.image_alt
        || value(template) != value(&nr.template)
        // A section's pages per listing page, and a page's terms: which listing pages
        // exist and which pages each shows.
        || paginate_by.as_ref().map(|p| p.value) != nr.paginate_by.as_ref().map(|p| p.value)
        || terms(taxonomies) != terms(&n.taxonomies)
        || *extra != n.extra
        || shows_new_image(old, new);
    // What lists show (the description as a list shows it: its own, else the first
    // paragraph).
    let listed = *title != n.title || old.summary_text() != new.summary_text();
    if shape {
        Reach::Shape
    } else if listed {
        Reach::Listings
    } else {
        Reach::Page
    }
}

/// True when `new` shows an image `old` did not: its copies must be made first.
fn shows_new_image(old: &SourcePage, new: &SourcePage) -> bool {
    let targets = |p: &SourcePage| -> Vec<LinkTarget> {
        p.doc
            .images
            .iter()
            .filter_map(|im| p.doc.links.get(im.slot).map(|l| l.target.clone()))
            .collect()
    };
    let before = targets(old);
    !targets(new).iter().all(|t| before.contains(t))
}

/// True when the edit shows in listings: sections, menus and feeds.
fn listed_differently(old: &SourcePage, new: &SourcePage) -> bool {
    old.front.title != new.front.title
        || old.summary_text() != new.summary_text()
        || old.front.date != new.front.date
        || old.front.weight != new.front.weight
        || old.front.extra != new.front.extra
}

/// What an edit applied in place changed.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    /// The edited pages.
    pub(crate) edited: Vec<usize>,
    /// Pages whose output can change, the edited ones included.
    pub(crate) affected: Vec<usize>,
    /// True when some edit shows in listings (the template data must be made again).
    pub(crate) relisted: bool,
    /// True when a page shown on every page changed, a menu entry or a page the
    /// templates ask for by key (every page of its language, and the 404 pages).
    pub(crate) menu_changed: bool,
}

/// Applies edits that keep the site's shape ([`reach`] below [`Reach::Shape`]) to
/// `site`; on an error the site is left as it was. The theme's templates ask for the
/// pages `fetched` by key, wherever they are shown.
pub(crate) fn apply_in_place(
    site: &mut Site,
    edits: Vec<SourcePage>,
    fetched: &BTreeSet<String>,
) -> Result<(Changes, Vec<Diagnostic>), Vec<Diagnostic>> {
    let lookup = Lookup {
        config: &site.config,
        index: &site.index,
        asset_urls: &site.asset_urls,
    };
    let mut diags = Vec::new();
    let mut updates = Vec::new();
    for source in edits {
        let Some(i) = site.index.get(&source.key, &source.lang) else {
            continue;
        };
        let (urls, targets) = lookup.links(&site.pages, &source, i, &mut diags);
        check_incoming_anchors(site, i, &source, &mut diags);
        updates.push((i, source, urls, targets));
    }
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    // Nothing can fail from here on: change the site.
    let mut changes = Changes::default();
    let mut affected = BTreeSet::new();
    for (i, source, urls, targets) in updates {
        let listed = listed_differently(&site.pages[i].source, &source);
        site.set_links(i, urls, targets);
        site.pages[i].source = std::sync::Arc::new(source);
        affected.insert(i);
        affected.extend(site.backlinks[i].iter().copied());
        changes.edited.push(i);
        if listed {
            changes.relisted = true;
            if let Some(p) = site.pages[i].parent {
                // A title can decide the order of a section's list.
                site.sort_children(p);
            }
            let everywhere = on_every_page(site, i, fetched);
            changes.menu_changed |= everywhere;
            add_listings(site, i, everywhere, &mut affected);
        }
    }
    changes.affected = affected.into_iter().collect();
    Ok((changes, diags))
}

/// Links from other pages to an anchor on page `i` must still find their heading in its
/// new version.
fn check_incoming_anchors(site: &Site, i: usize, new: &SourcePage, diags: &mut Vec<Diagnostic>) {
    for &j in site.backlinks[i].iter().filter(|&&j| j != i) {
        let from = &site.pages[j];
        for (link, t) in from.source.doc.links.iter().zip(&from.link_targets) {
            if *t != Some(i) {
                continue;
            }
            if let LinkTarget::Page {
                path,
                anchor: Some(a),
            } = &link.target
            {
                if !new.doc.headings.iter().any(|h| &h.id == a) {
                    diags.push(missing_anchor(
                        &from.source.file,
                        link,
                        path,
                        a,
                        &new.doc.headings,
                    ));
                }
            }
        }
    }
}

/// True when page `i` may show on every page of its language: a menu entry, or a page
/// the templates ask for by key (`fetched`), such as the footer's policies.
fn on_every_page(site: &Site, i: usize, fetched: &BTreeSet<String>) -> bool {
    site.in_menu(i) || fetched.contains(&site.pages[i].source.key)
}

/// Adds the pages that list page `i` to `out`: its sections up to the home page, the
/// pages under it when it is a section (their breadcrumbs name it), and every page of
/// its language when it shows on every page.
fn add_listings(site: &Site, i: usize, everywhere: bool, out: &mut BTreeSet<usize>) {
    let mut parent = site.pages[i].parent;
    while let Some(p) = parent {
        out.insert(p);
        parent = site.pages[p].parent;
    }
    if site.pages[i].source.is_section {
        out.extend((0..site.pages.len()).filter(|&j| is_under(site, j, i)));
    }
    if everywhere {
        let lang = &site.pages[i].source.lang;
        out.extend(
            site.pages
                .iter()
                .enumerate()
                .filter(|(_, p)| &p.source.lang == lang)
                .map(|(j, _)| j),
        );
    }
}

/// True when page `j` is in section `section`, directly or in a section under it.
fn is_under(site: &Site, j: usize, section: usize) -> bool {
    let mut parent = site.pages[j].parent;
    while let Some(p) = parent {
        if p == section {
            return true;
        }
        parent = site.pages[p].parent;
    }
    false
}

/// Pages whose output can change when the pages `changed` of `old` became those of
/// `new` (resolved again, at the same addresses): the pages themselves, pages linking
/// to them, and, when the edit shows in listings, the sections listing them and every
/// page of the language if the page shows on every page (`fetched` as for
/// [`apply_in_place`]).
pub(crate) fn affected_pages(
    (old, new): (&Site, &Site),
    changed: &BTreeSet<(String, String)>,
    fetched: &BTreeSet<String>,
) -> Vec<usize> {
    let mut out: BTreeSet<usize> = BTreeSet::new();
    for (key, lang) in changed {
        let Some(i) = new.index.get(key, lang) else {
            continue;
        };
        out.insert(i);
        out.extend(new.backlinks[i].iter().copied());
        if listed_differently(&old.pages[i].source, &new.pages[i].source) {
            let everywhere = on_every_page(old, i, fetched) || on_every_page(new, i, fetched);
            add_listings(new, i, everywhere, &mut out);
        }
    }
    out.into_iter().collect()
}
