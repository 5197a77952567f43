//! The corpus as a data file of the hosted build: indexed natively here (never
//! compiled into the app), written under a name that is a hash of its bytes, so a
//! host may cache it forever and a page never mixes two editions.

use crate::Result;
use clippings_core::codec;
use clippings_core::parts::PartKind;
use clippings_core::{search_rows, Index, Sort, Sources, PAGE};
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

/// What the page's inline script ([`early_fetch_script`]) may ask for before the
/// app shell has arrived: per kind of part looked up by key — posting lists
/// and the stem table by word, the id table by article id — each part's first
/// key and its file name, in order; then the parts the app reads to draw its
/// first list for the bare address ([`first_page_parts`]).
#[derive(Default, serde::Serialize)]
pub struct EarlyParts(pub Vec<(String, String)>, pub Vec<(String, String)>, pub Vec<(String, String)>, pub Vec<String>);

/// Past this many bytes of table the page does without early parts (a
/// newsroom's million articles: some 5,000 posting-list parts): the table would
/// cost every visit more than it saves a `#q=` link.
const EARLY_PARTS_MAX: usize = 24 * 1024;

/// The posting-list, stem-table and id-table parts of the start file `start`,
/// by first key (none past [`EARLY_PARTS_MAX`], or if it cannot be read), and
/// the parts of `parts` that the first list needs.
pub fn early_parts(start: &[u8], parts: &[(String, Vec<u8>)]) -> EarlyParts {
    let Ok(index) = codec::decode(start) else { return Default::default() };
    let tables = index.part_tables();
    let table = |kind: PartKind| tables.iter().find(|t| t.kind == kind);
    // A posting-list part's first word is the term its first list is of.
    let postings: Vec<(String, String)> = table(PartKind::Postings)
        .map(|t| {
            t.cut
                .iter()
                .zip(&t.names)
                .filter_map(|(&first, name)| Some((index.terms.get(first as usize)?.clone(), name.clone())))
                .collect()
        })
        .unwrap_or_default();
    let stems: Vec<(String, String)> = table(PartKind::Stems)
        .map(|t| index.stems.firsts.iter().cloned().zip(t.names.iter().cloned()).collect())
        .unwrap_or_default();
    let size = |t: &[(String, String)]| t.iter().map(|(w, n)| w.len() + n.len() + 8).sum::<usize>();
    // An id-table part's first id: for a link to an article (`#a=…`), whose
    // text part can only be found once the id table's part is in.
    let mut ids: Vec<(String, String)> = table(PartKind::Ids)
        .map(|t| index.ids.firsts.iter().cloned().zip(t.names.iter().cloned()).collect())
        .unwrap_or_default();
    let first = first_page_parts(&index, parts);
    if size(&postings) + size(&stems) > EARLY_PARTS_MAX {
        return EarlyParts(Vec::new(), Vec::new(), Vec::new(), first);
    }
    if size(&ids) > EARLY_PARTS_MAX / 4 {
        ids.clear();
    }
    EarlyParts(postings, stems, ids, first)
}

/// The part files the app reads to draw its first list at the bare address (the
/// empty query, no filter, the first [`PAGE`] rows' text), in the order it asks
/// for them: the app's own search run on the start file's `index`, each part it
/// misses taken from `parts` as the page would fetch it, until nothing is
/// missing. None if a part cannot be found or read (the page then fetches as
/// it would without this list).
fn first_page_parts(index: &Index, parts: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut names = Vec::new();
    // Each round brings in what the last one missed; the app needs two at most
    // (a ranking's posting lists, then its rows' text).
    for _ in 0..4 {
        index.clear_misses();
        search_rows(Sources::new(index, None), "", Sort::default(), PAGE, Some(&[]));
        let missed = index.take_misses();
        if missed.is_empty() {
            return names;
        }
        for id in missed {
            let name = index.part_name(id).unwrap_or_default();
            let Some((_, bytes)) = parts.iter().find(|(n, _)| n == name) else { return Vec::new() };
            let inserted = codec::decode_part(bytes)
                .is_ok_and(|(got, streams)| got == id && index.insert_part(id, streams).is_ok());
            if !inserted {
                return Vec::new();
            }
            names.push(name.to_string());
        }
    }
    Vec::new()
}

/// The inline script that starts downloading the data while the browser is still
/// fetching the app shell: the page's wasm picks up `window.clippingsData.bytes`
/// (an `ArrayBuffer`, or the `Error` that stopped it) and fetches `url` itself
/// for a retry. A failure is kept as a value, so the console never reports an
/// unhandled rejection before the app is there to show it.
///
/// For a link with a query (`#q=…`), it also starts downloading the parts that
/// the query's words most likely need, found in `early` by first word: the
/// posting lists of each word and of the words it begins (up to three parts:
/// "time" finds "times" and "timed", which its stem brings in too), and the
/// stem-table part of each word. For a link to an article (`#a=…`), the part of
/// the id table that holds its id. For the bare address (no fragment, or only a
/// language), the parts of the first list (the newest articles' text). The
/// page's `clippingsLoad(url)`, which the app asks for its data files when a
/// page has one (`src/fetch.rs`), hands those downloads over (once each) and
/// fetches anything else. The words are only
/// folded and lowercased here, not analyzed as the app does: a wrong guess
/// costs a part downloaded for nothing, never a wrong answer.
pub fn early_fetch_script(name: &str, early: &EarlyParts) -> String {
    // JSON is a JavaScript literal; "<" escaped so that no "</script>" ends it.
    let tables = serde_json::to_string(early).unwrap_or_else(|_| "[[],[],[],[]]".into()).replace('<', "\\u003c");
    format!(
        "window.clippingsData=(function(u,e){{function get(a){{return fetch(a).then(function(r){{\
         if(!r.ok)throw new Error('HTTP '+r.status+' for '+a);return r.arrayBuffer()}})\
         .catch(function(x){{return x instanceof Error?x:new Error(String(x))}})}}\
         var d={{url:u,bytes:get(u),parts:{{}}}};\
         function at(p,t){{var lo=0,hi=p.length;while(lo<hi){{var m=(lo+hi)>>1;if(p[m][0]<=t)lo=m+1;else hi=m}}return lo-1}}\
         function load(f){{var n=new URL(u.slice(0,u.lastIndexOf('/')+1)+f,document.baseURI).href;\
         if(!d.parts[n])d.parts[n]=get(n)}}function take(p,i){{load(p[i][1])}}\
         try{{var q=/[#&]q=([^&]*)/.exec(location.hash);\
         var w=q?decodeURIComponent(q[1]).replace(/[a-z]+:/g,' ').normalize('NFKD')\
         .replace(/\\p{{M}}/gu,'').toLowerCase().match(/[\\p{{L}}\\p{{N}}]+/gu)||[]:[];\
         w.slice(0,8).forEach(function(t){{var p=e[0],i=Math.max(at(p,t),0),j=Math.min(at(p,t+'\\uffff'),i+2);\
         for(;i<=j&&i<p.length;i++)take(p,i);i=at(e[1],t);if(i>=0)take(e[1],i)}});\
         var a=/[#&]a=([^&]*)/.exec(location.hash);if(a&&e[2]){{var k=at(e[2],decodeURIComponent(a[1]));if(k>=0)take(e[2],k)}}\
         if(/^#?(lang=[^&]*)?$/.test(location.hash))e[3].forEach(load)}}catch(x){{}}\
         window.clippingsLoad=function(a){{var p=d.parts[a];delete d.parts[a];\
         return(p||get(a)).then(function(b){{if(b instanceof Error)throw b;return b}})}};return d}})('{name}',{tables});"
    )
}

/// The data file a script written by [`early_fetch_script`] names, if it is one.
pub fn named_by_early_fetch(script: &str) -> Option<&str> {
    script.match_indices("('").map(|(at, _)| &script[at + 2..]).find_map(|rest| {
        let name = &rest[..rest.find('\'')?];
        is_data_file(name).then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clippings_core::search_page;

    /// [`encode`] over a corpus folder of `files` (name, bytes), made for it and removed.
    fn encode_files(label: &str, files: &[(String, Vec<u8>)]) -> Result<Encoded> {
        let dir = std::env::temp_dir().join(format!("clippings-{label}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in files {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        let encoded = encode(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        encoded
    }

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
        let early = EarlyParts(
            vec![("a".into(), "p-1.bin".into()), ("</script>".into(), "p-2.bin".into())],
            vec![],
            vec![],
            vec!["p-3.bin".into()],
        );
        let s = early_fetch_script("data/index-0123456789abcdef.bin", &early);
        assert!(s.contains("('data/index-0123456789abcdef.bin',[[[\"a\",\"p-1.bin\"]"), "{s}");
        assert!(s.contains(".catch("), "a failed fetch becomes a value: {s}");
        assert!(!s.contains("</"), "{s}");
        assert!(s.contains(",[\"p-3.bin\"]]);"), "the first list's parts come last: {s}");
        assert_eq!(named_by_early_fetch(&s), Some("data/index-0123456789abcdef.bin"));
        assert_eq!(named_by_early_fetch("go('data/elsewhere.bin');"), None);
    }

    #[test]
    fn the_first_lists_parts_are_the_text_parts_of_its_rows() {
        let words = ["harbour", "council", "ferry", "budget", "strike", "school", "election", "flood"];
        let files: Vec<(String, Vec<u8>)> = (0..60)
            .map(|i| {
                let body: Vec<&str> = (0..80).map(|k| words[(i * 7 + k * 3) % words.len()]).collect();
                let text = format!("Report {i} on the {}\n\nThe {} {}.\n", words[i % 8], words[i % 5], body.join(" "));
                (format!("{i:03}.txt"), text.into_bytes())
            })
            .collect();
        let encoded = encode_files("first-page", &files).unwrap();
        let early = early_parts(&encoded.start, &encoded.parts);
        // What the whole archive shows first, found in the parted archive's text parts.
        let whole = codec::decode(&encoded.whole).unwrap();
        let rows = search_page(Sources::new(&whole, None), "", Sort::default(), PAGE, Some(&[]));
        let parted = codec::decode(&encoded.start).unwrap();
        let tables = parted.part_tables();
        let text = tables.iter().find(|t| t.kind == PartKind::Text).unwrap();
        let mut want: Vec<&str> =
            rows.hits.iter().take(PAGE).map(|h| text.names[text.part_of(h.doc as usize)].as_str()).collect();
        want.sort();
        want.dedup();
        let mut got: Vec<&str> = early.3.iter().map(String::as_str).collect();
        got.sort();
        assert_eq!(got, want);
        assert!(want.len() > 1 && want.len() < text.len(), "{} of {} text parts", want.len(), text.len());
        // Every name is a part file that was written.
        assert!(early.3.iter().all(|n| encoded.parts.iter().any(|(p, _)| p == n)));
    }

    #[test]
    fn a_bad_corpus_names_every_bad_file() {
        let files = [
            ("good.txt".to_string(), b"A title\n\nSome text.\n".to_vec()),
            ("latin1.txt".to_string(), b"A title\n\nCaf\xe9 text.\n".to_vec()),
            ("broken.txt".to_string(), b"Another\n\xff\xfe\n".to_vec()),
        ];
        let err = encode_files("bad-corpus", &files).err().expect("a bad corpus").to_string();
        assert!(err.contains("2 bad file(s)") && err.contains("latin1.txt") && err.contains("broken.txt"), "{err}");
        assert!(!err.contains("good.txt"), "{err}");
    }
}
