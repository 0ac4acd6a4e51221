//! The navigation menu of a language: its entries, each page's place in it,
//! and `partials/menu.html` rendered once per menu state.

use super::context::summary;
use super::functions::Summary;
use crate::resolve::Site;
use std::collections::HashMap;
use std::sync::Mutex;
use tera::{Context, Map, Tera, Value};

/// The theme partial rendered once per language and menu state, given to pages as `menu_html`.
pub(crate) const MENU_PARTIAL: &str = "partials/menu.html";

/// Where a page stands relative to a menu entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum MenuPlace {
    /// The entry is another part of the site.
    Elsewhere,
    /// The entry is this page.
    Current,
    /// The entry is a section this page is in.
    Active,
}

/// Where the page at `page_url` stands relative to the menu entry at `entry_url`.
fn menu_place(page_url: &str, entry_url: &str) -> MenuPlace {
    if page_url == entry_url {
        MenuPlace::Current
    } else if page_url.starts_with(entry_url) {
        MenuPlace::Active
    } else {
        MenuPlace::Elsewhere
    }
}

/// The menu of one language.
pub(crate) struct Menu {
    /// Top-level pages and sections with a weight, by weight.
    entries: Vec<Summary>,
    /// `partials/menu.html` as rendered for each menu state (which entry is current or
    /// active), when the theme has that partial.
    html: Option<Mutex<HashMap<Vec<MenuPlace>, String>>>,
    /// The `menu` value of each menu state: every page is given one, and building it
    /// afresh (a map per entry) cost 6% of a build. Values share their data, so a
    /// page's copy is a reference count.
    values: Mutex<HashMap<Vec<MenuPlace>, Value>>,
}

impl Menu {
    /// The menu of `lang`; `partial` when the theme has [`MENU_PARTIAL`].
    pub(crate) fn new(site: &Site, lang: &str, partial: bool) -> Menu {
        let mut entries: Vec<Summary> = site
            .index
            .get("_index", lang)
            .map(|home| {
                site.pages[home]
                    .children
                    .iter()
                    .filter(|&&i| site.in_menu(i))
                    .map(|&i| summary(site, &site.pages[i]))
                    .collect()
            })
            .unwrap_or_default();
        entries.sort_by_key(|s| s.weight());
        Menu {
            entries,
            html: partial.then(Default::default),
            values: Mutex::default(),
        }
    }

    /// The menu as one page shows it: [`MENU_PARTIAL`] rendered (`None` when the theme
    /// has no such partial), and the `menu` value, in which each entry knows if it is
    /// this page (`current`) or a section this page is in (`active`), so templates need
    /// no string tests per entry. Both are the same for every page in the same menu
    /// state, so each is made once per state, like Hugo's `partialCached`.
    pub(crate) fn for_page(
        &self,
        tera: &Tera,
        page_url: &str,
    ) -> Result<(Option<String>, Value), tera::Error> {
        let state: Vec<MenuPlace> = self
            .entries
            .iter()
            .map(|s| menu_place(page_url, s.url()))
            .collect();
        let value = cached(&self.values, &state, || {
            Ok::<_, tera::Error>(self.value(&state))
        })?;
        let Some(html) = &self.html else {
            return Ok((None, value));
        };
        let html = cached(html, &state, || {
            // `site` and `lang` come from the language's global context.
            let mut cx = Context::new();
            cx.insert_value("menu", value.clone());
            tera.render(MENU_PARTIAL, &cx)
        })?;
        Ok((Some(html), value))
    }

    /// The `menu` value of one menu state.
    fn value(&self, state: &[MenuPlace]) -> Value {
        Value::from(
            self.entries
                .iter()
                .zip(state)
                .map(|(s, place)| {
                    let mut m = Map::default();
                    m.insert("key".into(), Value::from(s.key()));
                    m.insert("title".into(), Value::from(s.title()));
                    m.insert("url".into(), Value::from(s.url()));
                    m.insert("weight".into(), Value::from(s.weight()));
                    m.insert("current".into(), Value::from(*place == MenuPlace::Current));
                    m.insert("active".into(), Value::from(*place == MenuPlace::Active));
                    Value::from(m)
                })
                .collect::<Vec<Value>>(),
        )
    }
}

/// What `cache` holds for `state`, made by `make` the first time it is asked for.
fn cached<T: Clone, E>(
    cache: &Mutex<HashMap<Vec<MenuPlace>, T>>,
    state: &[MenuPlace],
    make: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    if let Some(v) = cache.lock().ok().and_then(|c| c.get(state).cloned()) {
        return Ok(v);
    }
    let v = make()?;
    if let Ok(mut c) = cache.lock() {
        c.insert(state.to_vec(), v.clone());
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_current_in_its_entry_and_active_in_its_sections() {
        assert_eq!(menu_place("/en/about/", "/en/about/"), MenuPlace::Current);
        assert_eq!(
            menu_place("/en/programmes/youth-house/", "/en/programmes/"),
            MenuPlace::Active
        );
        assert_eq!(menu_place("/en/", "/en/programmes/"), MenuPlace::Elsewhere);
    }

    fn entry(key: &str, url: &str) -> Summary {
        let mut page = crate::load::page::SourcePage {
            key: key.into(),
            ..Default::default()
        };
        page.front.title = key.into();
        Summary::new(
            std::sync::Arc::new(page),
            ("https://x.az", url),
            String::new,
        )
    }

    #[test]
    fn each_page_gets_the_menu_of_its_own_state_even_when_cached() {
        let menu = Menu {
            entries: vec![entry("a", "/en/about/"), entry("p", "/en/programmes/")],
            html: None,
            values: Mutex::default(),
        };
        let tera = Tera::default();
        let flags = |url: &str| {
            let v = menu.for_page(&tera, url).map(|(_, v)| v);
            let v: serde_json::Value = v
                .ok()
                .and_then(|v| serde_json::to_value(&v).ok())
                .unwrap_or_default();
            v.as_array()
                .map(|a| {
                    a.iter()
                        .map(|e| (e["current"].as_bool(), e["active"].as_bool()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        };
        let about = vec![(Some(true), Some(false)), (Some(false), Some(false))];
        let youth = vec![(Some(false), Some(false)), (Some(false), Some(true))];
        assert_eq!(flags("/en/about/"), about);
        assert_eq!(flags("/en/programmes/youth-house/"), youth);
        // From the cache now, and still each page's own.
        assert_eq!(flags("/en/about/"), about);
        assert_eq!(flags("/en/programmes/family/"), youth);
        assert_eq!(menu.values.lock().map(|c| c.len()).unwrap_or(0), 2);
    }
}
