//! The navigation menu of a language: its entries, each page's place in it,
//! and `partials/menu.html` rendered once per menu state.

use super::context::summary;
use super::functions::Summary;
use crate::resolve::Site;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Mutex;
use tera::{Context, Tera};

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
    cache: Option<Mutex<HashMap<Vec<MenuPlace>, String>>>,
}

impl Menu {
    /// The menu of `lang`; `partial` when the theme has [`MENU_PARTIAL`].
    pub(crate) fn new(site: &Site, lang: &str, partial: bool) -> Menu {
        let mut entries: Vec<Summary> = site
            .index
            .get(&("_index".to_string(), lang.to_string()))
            .map(|&home| {
                site.pages[home]
                    .children
                    .iter()
                    .filter(|&&i| site.in_menu(i))
                    .map(|&i| summary(site, &site.pages[i]))
                    .collect()
            })
            .unwrap_or_default();
        entries.sort_by_key(|s| s.weight);
        Menu {
            entries,
            cache: partial.then(Default::default),
        }
    }

    /// The menu as one page shows it: each entry knows if it is this page (`current`) or
    /// a section this page is in (`active`), so templates need no string tests per entry.
    pub(crate) fn for_page(&self, page_url: &str) -> Value {
        Value::Array(
            self.entries
                .iter()
                .map(|s| {
                    let mut m = serde_json::Map::new();
                    m.insert("key".into(), Value::String(s.key.clone()));
                    m.insert("title".into(), Value::String(s.title.clone()));
                    m.insert("url".into(), Value::String(s.url.clone()));
                    m.insert("weight".into(), s.weight.map_or(Value::Null, Value::from));
                    let place = menu_place(page_url, &s.url);
                    m.insert("current".into(), Value::Bool(place == MenuPlace::Current));
                    m.insert("active".into(), Value::Bool(place == MenuPlace::Active));
                    Value::Object(m)
                })
                .collect(),
        )
    }

    /// [`MENU_PARTIAL`] for a page at `page_url`: the same for every page in the same menu
    /// state, so it is rendered once per state, like Hugo's `partialCached`. `None` when
    /// the theme has no such partial.
    pub(crate) fn html(
        &self,
        tera: &Tera,
        lang: &str,
        site_value: &Value,
        page_url: &str,
    ) -> Result<Option<String>, tera::Error> {
        let Some(cache) = &self.cache else {
            return Ok(None);
        };
        let state: Vec<MenuPlace> = self
            .entries
            .iter()
            .map(|s| menu_place(page_url, &s.url))
            .collect();
        if let Some(html) = cache.lock().ok().and_then(|c| c.get(&state).cloned()) {
            return Ok(Some(html));
        }
        let mut m = serde_json::Map::new();
        m.insert("lang".into(), Value::String(lang.to_string()));
        m.insert("site".into(), site_value.clone());
        m.insert("menu".into(), self.for_page(page_url));
        let cx = Context::from_value(Value::Object(m)).unwrap_or_default();
        let html = tera.render(MENU_PARTIAL, &cx)?;
        if let Ok(mut c) = cache.lock() {
            c.insert(state, html.clone());
        }
        Ok(Some(html))
    }
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
}
