//! Broken and hostile corpora (`tests/corpora/`): each case has a decided outcome.

use std::path::{Path, PathBuf};

use clippings_core::{corpus, search, Field, Index, Sort};

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpora").join(name)
}

fn errors(name: &str) -> Vec<String> {
    corpus::load(&case(name)).expect_err("this corpus must fail the build").iter().map(|e| e.to_string()).collect()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("clippings-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn encoding_errors_name_file_line_and_byte() {
    let e = errors("invalid-utf8");
    assert_eq!(e.len(), 1);
    assert!(e[0].ends_with("cp1252.txt: line 2: invalid UTF-8 at byte offset 31 (save the file as UTF-8)"), "{e:?}");
    let e = errors("utf16");
    assert!(e[0].ends_with("utf16le.txt: line 1: file is UTF-16 (save it as UTF-8)"), "{e:?}");
}

#[test]
fn duplicate_stems_name_both_files() {
    let e = errors("duplicate-stems");
    assert_eq!(e.len(), 1);
    assert!(e[0].contains("b/same.txt: line 1: duplicate article id 'same'") && e[0].contains("a/same.txt"), "{e:?}");
}

#[test]
fn empty_files_are_skipped_and_named() {
    let c = corpus::load(&case("empty")).unwrap();
    assert_eq!(c.articles.len(), 1);
    let summary = c.summary(1, 100);
    assert!(summary.contains("empty.txt (empty)") && summary.contains("whitespace_only.txt (empty)"), "{summary}");
}

#[test]
fn other_files_are_counted_and_deep_folders_read() {
    let c = corpus::load(&case("mixed-files")).unwrap();
    assert_eq!(c.articles.len(), 1);
    assert!(c.summary(1, 1).contains("2 non-.txt files ignored"), "{}", c.summary(1, 1));
    let c = corpus::load(&case("deep")).unwrap();
    assert_eq!(c.articles[0].id, "deep");
}

#[test]
fn hostile_text_is_kept_verbatim_as_text() {
    let c = corpus::load(&case("browser/hostile")).unwrap();
    let a = c.articles.iter().find(|a| a.id == "markup_in_text").unwrap();
    assert_eq!(a.title, "<script>alert(\"title\")</script> Markup in a headline </article>");
    assert!(a.text.contains("\"><img src=x onerror=alert(2)>"));
    assert_eq!(a.byline.as_deref(), Some("Mallory O'Brien"));
    let ix = Index::build(c.articles);
    let r = search(&ix, "zebra", Sort::Relevance);
    assert_eq!(r.hits.len(), 1);
    let a = &ix.article(r.hits[0].doc);
    let marks: Vec<&str> = r.matcher.find(&a.text, Field::Body).into_iter().map(|s| &a.text[s]).collect();
    assert_eq!(marks, ["zebra", "zebra"]);
}

#[test]
fn invisible_and_right_to_left_characters() {
    let c = corpus::load(&case("browser/hostile")).unwrap();
    let a = c.articles.iter().find(|a| a.id == "invisible_characters").unwrap();
    assert!(!a.text.contains('\0') && !a.text.contains('\r'));
    let paragraphs: Vec<&str> = a.paragraphs.iter().map(|r| &a.text[r.clone()]).collect();
    assert_eq!(paragraphs.len(), 3, "CRLF and lone CR both end lines: {paragraphs:?}");
    let ix = Index::build(c.articles);
    for q in ["مرحبا", "שלום", "cafe", "zurich", "zero", "width", "nul", "byte"] {
        assert_eq!(search(&ix, q, Sort::Relevance).hits.len(), 1, "{q}");
    }
}

#[test]
fn a_five_megabyte_line_and_twenty_thousand_files() {
    let dir = temp_dir("big");
    let line = "word ".repeat(1_000_000);
    std::fs::write(dir.join("huge.txt"), format!("Huge\n{line}needle\n")).unwrap();
    let c = corpus::load(&dir).unwrap();
    let ix = Index::build(c.articles);
    assert_eq!(search(&ix, "needle", Sort::Relevance).hits.len(), 1);
    let snippet = clippings_core::highlight::snippet(&ix.article(0), &search(&ix, "needle", Sort::Relevance).matcher);
    assert!(snippet.text.len() < 400, "a snippet stays short: {} bytes", snippet.text.len());
    std::fs::remove_dir_all(&dir).unwrap();

    let dir = temp_dir("many");
    for i in 0..20_000 {
        let sub = dir.join(format!("{:03}", i % 200));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("a{i:05}.txt")), format!("Tiny {i}\nbody {i} text")).unwrap();
    }
    let c = corpus::load(&dir).unwrap();
    assert_eq!(c.articles.len(), 20_000);
    let ix = Index::build(c.articles);
    assert_eq!(search(&ix, "body", Sort::Relevance).hits.len(), 20_000);
    assert_eq!(search(&ix, "\"body 19999\"", Sort::Relevance).hits.len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang() {
    let dir = temp_dir("loop");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/a.txt"), "Title\nBody.").unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("sub/back")).unwrap();
    let c = corpus::load(&dir).unwrap();
    assert_eq!(c.articles.len(), 1);
    assert!(c.summary(1, 1).contains("symbolic link not followed"), "{}", c.summary(1, 1));
    std::fs::remove_dir_all(&dir).unwrap();
}
