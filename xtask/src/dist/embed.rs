//! The two ways into a host page: `embed/embed.js` (sizes `<iframe data-clippings>`)
//! is copied as it is; `embed/clippings-viewer.js` (the `<clippings-viewer>`
//! element) gets this build's hashed file names filled in.

use super::{html, single_file::quoted_after};
use crate::{root, Result};
use std::path::Path;

pub const HOST_SCRIPT: &str = "embed.js";
pub const ELEMENT_MODULE: &str = "clippings-viewer.js";

/// Writes both into `dist`, reading the file names from Trunk's `page`.
pub fn write(dist: &Path, page: &str) -> Result {
    let loader = html::elements(page, "script")?
        .into_iter()
        .find(|s| s.attr("src").is_none())
        .map(|s| &page[s.inner.clone()])
        .ok_or("Trunk's page has no inline loader script")?;
    let js = quoted_after(loader, " from ").ok_or("the loader imports no module")?;
    let wasm = quoted_after(loader, "module_or_path: ").ok_or("the loader names no wasm file")?;
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
    std::fs::write(dist.join(ELEMENT_MODULE), module)?;
    Ok(())
}
