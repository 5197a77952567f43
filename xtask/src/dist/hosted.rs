//! What only the hosted build has: offline after a first visit and installable.
//! `hosted/sw.js` (the service worker), the web app manifest and its icon are
//! copied as they are; `hosted/edition.js` (registers the worker, offers a new
//! edition) goes inline into dist/index.html with the manifest's link. The
//! single file, the folder edition and the embeds are made from Trunk's page,
//! not this one, so none of them registers a worker.

use crate::{root, Result};
use std::path::Path;

pub const WORKER: &str = "sw.js";
pub const MANIFEST: &str = "manifest.webmanifest";
const ICON: &str = "icon.svg";
const SCRIPT: &str = "edition.js";

/// Copies the worker, the manifest and its icon into `dist`.
pub fn write(dist: &Path) -> Result {
    let source = root().join("hosted");
    for file in [WORKER, MANIFEST, ICON] {
        std::fs::copy(source.join(file), dist.join(file))?;
    }
    Ok(())
}

/// The tags for index.html's `<head>`, after the script that starts the data
/// download (the script reads the data file's name from it).
pub fn head_tags() -> Result<String> {
    let source = std::fs::read_to_string(root().join("hosted").join(SCRIPT))?;
    Ok(format!("<link rel=\"manifest\" href=\"{MANIFEST}\" />\n    <script>{}</script>\n    ", script_body(&source)?))
}

/// The script without its comment lines, checked to be safe inline.
fn script_body(source: &str) -> Result<String> {
    let body: Vec<&str> = source.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
    let body = body.join("\n");
    if body.to_ascii_lowercase().contains("</script") || body.contains("<!--") {
        return Err(format!("hosted/{SCRIPT} cannot go inline: it contains </script or <!--").into());
    }
    Ok(body.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inline_script_loses_its_comment_lines_only() {
        let body = script_body("// why\n(function () {\n  // how\n  var a = 'x//y';\n})();\n").unwrap();
        assert_eq!(body, "(function () {\n  var a = 'x//y';\n})();");
        assert!(script_body("var s = '</script>';").is_err());
    }

    #[test]
    fn the_real_script_registers_the_worker_for_its_own_folder() {
        let tags = head_tags().unwrap();
        assert!(tags.starts_with("<link rel=\"manifest\" href=\"manifest.webmanifest\" />"), "{tags}");
        assert!(tags.contains("register('sw.js', { scope: './' })"), "{tags}");
        assert!(!tags.contains("\n//"), "{tags}");
    }
}
