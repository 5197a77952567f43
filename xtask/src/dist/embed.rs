//! The two ways into a host page: `embed/embed.js` (sizes `<iframe data-clippings>`)
//! is copied as it is; `embed/clippings-viewer.js` (the `<clippings-viewer>`
//! element) gets this build's hashed file names filled in, the data file's too,
//! and its languages (each one's table file, direction and page-* messages).

use super::i18n::{self, Languages};
use super::{html, single_file::Loader};
use crate::{root, Result};
use std::path::Path;

pub const HOST_SCRIPT: &str = "embed.js";
pub const ELEMENT_MODULE: &str = "clippings-viewer.js";
/// Where the module's languages and default language go (each a JavaScript
/// expression standing in for the placeholder, which is one too).
const LANGS: &str = "{ /* __CLIPPINGS_LANGS__ */ }";
const DEFAULT_LANG: &str = "null /* __CLIPPINGS_DEFAULT_LANG__ */";

/// Writes both into `dist`, reading the file names from Trunk's `page`.
pub fn write(dist: &Path, page: &str, data_name: &str, langs: &Languages) -> Result {
    let Loader { js, wasm, .. } = Loader::of(page)?;
    let links = html::elements(page, "link")?;
    let css = links
        .iter()
        .find(|l| l.attr("rel") == Some("stylesheet"))
        .and_then(|l| l.attr("href"))
        .ok_or("Trunk's page links no stylesheet")?;

    let source = root().join("embed");
    std::fs::copy(source.join(HOST_SCRIPT), dist.join(HOST_SCRIPT))?;
    let template = std::fs::read_to_string(source.join(ELEMENT_MODULE))?;
    let mut module = template.clone();
    for (placeholder, name) in [("__CLIPPINGS_JS__", js), ("__CLIPPINGS_WASM__", wasm), ("__CLIPPINGS_CSS__", css)] {
        let name = name.strip_prefix("./").unwrap_or(name);
        if !template.contains(placeholder) || name.contains(['\'', '\\', '/']) {
            return Err(format!("cannot fill {placeholder} in embed/{ELEMENT_MODULE} with {name:?}").into());
        }
        module = module.replace(placeholder, name);
    }
    if !template.contains("__CLIPPINGS_DATA__") || !super::data::is_data_file(data_name) {
        return Err(format!("cannot fill __CLIPPINGS_DATA__ in embed/{ELEMENT_MODULE} with {data_name:?}").into());
    }
    module = module.replace("__CLIPPINGS_DATA__", data_name);
    let (map, default) = i18n::viewer_map(langs);
    for (placeholder, value) in [(LANGS, map), (DEFAULT_LANG, default)] {
        if !template.contains(placeholder) {
            return Err(format!("cannot fill {placeholder} in embed/{ELEMENT_MODULE}").into());
        }
        module = module.replace(placeholder, &value);
    }
    std::fs::write(dist.join(ELEMENT_MODULE), module)?;
    Ok(())
}
