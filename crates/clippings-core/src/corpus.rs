//! A folder of `*.txt` files (searched recursively) → articles, in path order.
//!
//! What happens to each kind of file:
//! - `*.txt` that decodes and has text: an article whose id is the file stem;
//! - `*.txt` with invalid UTF-8 or in UTF-16: an error naming file, line and byte;
//! - `*.txt` that is empty or only white space: skipped, and named in the summary;
//! - two files with the same stem in different folders: an error naming both;
//! - any other file: skipped and counted; symbolic links to folders are not
//!   followed (so link loops cannot hang the build) and are counted as skipped.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::article::{decode, parse, Article, ParseError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

#[derive(Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    /// Every folder and file read, for build-script change tracking.
    pub watched: Vec<PathBuf>,
    /// Files passed over, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
}

impl Corpus {
    /// One line for the build log.
    pub fn summary(&self, articles: usize, index_bytes: usize) -> String {
        let not_txt = self.skipped.iter().filter(|(_, why)| why == NOT_TXT).count();
        let others: Vec<String> = self
            .skipped
            .iter()
            .filter(|(_, why)| why != NOT_TXT)
            .map(|(p, why)| format!("{} ({why})", p.display()))
            .collect();
        let mut line = format!("{articles} articles indexed, {index_bytes} bytes of index");
        if not_txt > 0 {
            line += &format!(", {not_txt} non-.txt files ignored");
        }
        if !others.is_empty() {
            line += &format!(", skipped: {}", others.join("; "));
        }
        line
    }
}

const NOT_TXT: &str = "not a .txt file";

/// Reads every article below `dir`. All problems are collected, not just the first.
pub fn load(dir: &Path) -> Result<Corpus, Vec<CorpusError>> {
    let mut corpus = Corpus::default();
    let mut errors = Vec::new();
    let mut files = Vec::new();
    walk(dir, &mut files, &mut corpus, &mut errors);
    files.sort();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for path in files {
        corpus.watched.push(path.clone());
        let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if let Some(first) = seen.get(&id) {
            errors.push(CorpusError {
                path: path.clone(),
                message: format!("line 1: duplicate article id '{id}' (also {}); rename one file", first.display()),
            });
            continue;
        }
        seen.insert(id.clone(), path.clone());
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                errors.push(CorpusError { path, message: format!("cannot be read: {e}") });
                continue;
            }
        };
        match decode(&bytes).and_then(|text| parse(&id, &text)) {
            Ok(a) => corpus.articles.push(a),
            Err(ParseError::Empty) => corpus.skipped.push((path, "empty".into())),
            Err(e) => errors.push(CorpusError { path, message: e.to_string() }),
        }
    }
    if errors.is_empty() {
        Ok(corpus)
    } else {
        Err(errors)
    }
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, corpus: &mut Corpus, errors: &mut Vec<CorpusError>) {
    corpus.watched.push(dir.to_path_buf());
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(CorpusError { path: dir.to_path_buf(), message: format!("folder cannot be read: {e}") });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, files, corpus, errors);
        } else if path.extension().is_some_and(|e| e == "txt") && (kind.is_file() || path.is_file()) {
            files.push(path);
        } else if kind.is_symlink() {
            corpus.skipped.push((path, "symbolic link not followed".into()));
        } else {
            corpus.skipped.push((path, NOT_TXT.into()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_the_seeds_in_order() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let c = load(&dir).unwrap();
        let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids.len(), 5);
        assert_eq!(ids[0], "000_3247808d51f1ef9c");
        assert_eq!(ids[4], "004_7291d5aacb49dd9a");
        assert!(c.skipped.is_empty());
    }

    #[test]
    fn bad_files_are_named() {
        let dir = std::env::temp_dir().join(format!("clippings-corpus-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("good.txt"), "Title\nBody text.").unwrap();
        std::fs::write(dir.join("sub/good.txt"), "Title\nBody text.").unwrap();
        std::fs::write(dir.join("bad.txt"), b"Title\nbroken \xC3(").unwrap();
        std::fs::write(dir.join("empty.txt"), "  \n").unwrap();
        std::fs::write(dir.join("notes.md"), "# not an article").unwrap();
        let errors = load(&dir).unwrap_err();
        let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(text.iter().any(|e| e.contains("bad.txt: line 2: invalid UTF-8 at byte offset 13")), "{text:?}");
        assert!(text.iter().any(|e| e.contains("sub/good.txt: line 1: duplicate article id 'good'")), "{text:?}");
        std::fs::remove_file(dir.join("bad.txt")).unwrap();
        std::fs::remove_file(dir.join("sub/good.txt")).unwrap();
        let c = load(&dir).unwrap();
        assert_eq!(c.articles.len(), 1);
        assert!(c.summary(1, 10).contains("1 non-.txt files ignored"), "{}", c.summary(1, 10));
        assert!(c.summary(1, 10).contains("empty.txt (empty)"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
