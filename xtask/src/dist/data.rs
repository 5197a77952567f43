//! The corpus as a data file of the hosted build: indexed natively here (never
//! compiled into the app), written under a name that is a hash of its bytes, so a
//! host may cache it forever and a page never mixes two editions.

use crate::Result;
use clippings_core::codec;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Where data files go inside a build, and how their names start.
pub const DIR: &str = "data";
const PREFIX: &str = "index-";
const SUFFIX: &str = ".bin";

/// The corpus encoded both ways: whole (for the single file) and parted (the
/// hosted build's start file and part files), with a one-line summary.
pub struct Encoded {
    pub whole: Vec<u8>,
    pub start: Vec<u8>,
    /// `(file name, bytes)` of each part, to go beside the start file.
    pub parts: Vec<(String, Vec<u8>)>,
    pub summary: String,
}

/// Indexes the corpus in `dir`, every format of [`clippings_formats`] mixed.
/// Every problem is named (with its file and line or record) at once, as the
/// last thing printed.
pub fn encode(dir: &Path) -> Result<Encoded> {
    let mut corpus = match clippings_formats::load(dir) {
        Ok(c) => c,
        Err(problems) => {
            let mut files: Vec<&Path> = problems.iter().map(|p| p.place.path.as_path()).collect();
            files.dedup();
            let mut message = format!(
                "the corpus in {} has {} bad file(s) ({} problem(s)):",
                dir.display(),
                files.len(),
                problems.len()
            );
            for p in &problems {
                message.push_str(&format!("\n  {p}"));
            }
            return Err(message.into());
        }
    };
    let count = corpus.articles.len();
    let index = corpus.index();
    let whole = codec::encode(&index);
    let (start, parts) = codec::encode_parted(&index);
    let summary = corpus.summary(count, whole.len());
    Ok(Encoded { whole, start, parts, summary })
}

/// The part files a start file lists (none if it cannot be read).
pub fn parts_of(start: &[u8]) -> Vec<String> {
    let Ok(index) = codec::decode(start) else { return Vec::new() };
    index.part_tables().iter().flat_map(|t| t.names.iter().map(|n| format!("{DIR}/{n}"))).collect()
}

/// The site-relative name of a data file: `data/index-<first 16 hex digits of its SHA-256>.bin`.
pub fn name(bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{DIR}/{PREFIX}{hex}{SUFFIX}")
}

/// Whether `name` (site-relative) is a data file of some edition.
pub fn is_data_file(name: &str) -> bool {
    name.strip_prefix(DIR)
        .and_then(|n| n.strip_prefix('/'))
        .and_then(|n| n.strip_prefix(PREFIX))
        .and_then(|n| n.strip_suffix(SUFFIX))
        .is_some_and(|hex| hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The inline script that starts downloading the data while the browser is still
/// fetching the app shell: the page's wasm picks up `window.clippingsData.bytes`
/// (an `ArrayBuffer`, or the `Error` that stopped it) and fetches `url` itself
/// for a retry. A failure is kept as a value, so the console never reports an
/// unhandled rejection before the app is there to show it.
pub fn early_fetch_script(name: &str) -> String {
    format!(
        "window.clippingsData=(function(u){{return{{url:u,bytes:fetch(u).then(function(r){{\
         if(!r.ok)throw new Error('HTTP '+r.status+' for '+u);return r.arrayBuffer()}})\
         .catch(function(e){{return e instanceof Error?e:new Error(String(e))}})}}}})('{name}');"
    )
}

/// The data file a script written by [`early_fetch_script`] names, if it is one.
pub fn named_by_early_fetch(script: &str) -> Option<&str> {
    let rest = &script[script.rfind("('")? + 2..];
    let name = &rest[..rest.find('\'')?];
    is_data_file(name).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_content_hashes_that_look_like_data_files() {
        let a = name(b"one edition");
        assert!(is_data_file(&a), "{a}");
        assert_eq!(a, name(b"one edition"), "the same bytes, the same name");
        assert_ne!(a, name(b"another edition"));
        for not in ["data/index-xyz.bin", "index-0123456789abcdef.bin", "data/index-0123456789abcdef.bin.gz"] {
            assert!(!is_data_file(not), "{not}");
        }
    }

    #[test]
    fn the_early_fetch_names_the_file_and_never_rejects() {
        let s = early_fetch_script("data/index-0123456789abcdef.bin");
        assert!(s.contains("('data/index-0123456789abcdef.bin')"), "{s}");
        assert!(s.contains(".catch("), "a failed fetch becomes a value: {s}");
        assert!(!s.contains("</"), "{s}");
        assert_eq!(named_by_early_fetch(&s), Some("data/index-0123456789abcdef.bin"));
        assert_eq!(named_by_early_fetch("go('data/elsewhere.bin');"), None);
    }

    #[test]
    fn a_bad_corpus_names_every_bad_file() {
        let dir = std::env::temp_dir().join(format!("clippings-data-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("good.txt"), "A title\n\nSome text.\n").unwrap();
        std::fs::write(dir.join("latin1.txt"), b"A title\n\nCaf\xe9 text.\n").unwrap();
        std::fs::write(dir.join("broken.txt"), b"Another\n\xff\xfe\n").unwrap();
        let err = encode(&dir).err().expect("a bad corpus").to_string();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(err.contains("2 bad file(s)") && err.contains("latin1.txt") && err.contains("broken.txt"), "{err}");
        assert!(!err.contains("good.txt"), "{err}");
    }
}
