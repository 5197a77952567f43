//! `cargo xtask data` and `cargo xtask dist` on a corpus of broken exports
//! (tests/corpora/formats-broken): the build fails, and its last lines name
//! every problem at once, each with its file and line; nothing is built first
//! (no setup, no Trunk, whose output would bury the list).

use std::path::Path;
use std::process::Command;

#[test]
fn a_bad_corpus_is_the_last_thing_printed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace");
    let corpus = root.join("tests/corpora/formats-broken");
    let dist = std::env::temp_dir().join(format!("clippings-bad-corpus-{}", std::process::id()));
    // Each problem of the corpus, in the order printed: file, where.
    let want = [
        ("archive.csv", "line 4"),
        ("briefs.jsonl", "line 2"),
        ("briefs.jsonl", "line 3"),
        ("dredging-plan.md", "line 5"),
        ("gazette.atom", "line 4"),
        ("ninjs.json", "line 3"),
        ("regatta.html", "line 6"),
        ("seawall-letter.txt", "line 2"),
        ("wire.rss", "line 5"),
        ("wordpress-export.xml", "line 10"),
        ("wp-posts.json", "record 2"),
    ];
    for command in ["data", "dist"] {
        // Both streams into one pipe, so the order is the order printed.
        let out = Command::new("sh")
            .args(["-c", &format!("exec \"$0\" {command} 2>&1")])
            .arg(env!("CARGO_BIN_EXE_xtask"))
            .env("CLIPPINGS_CORPUS", &corpus)
            .env("CLIPPINGS_DIST", &dist)
            .output()
            .expect("xtask runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!out.status.success(), "{command}: a bad corpus must fail the build:\n{text}");
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() > want.len(), "{command}:\n{text}");
        let tail = &lines[lines.len() - want.len() - 1..];
        assert!(
            tail[0].starts_with("xtask: the corpus in") && tail[0].contains("10 bad file(s) (11 problem(s))"),
            "{command}: the list's heading: {:?}\n{text}",
            tail[0]
        );
        for (line, (file, at)) in tail[1..].iter().zip(want) {
            let place = format!("{}: {at}: ", corpus.join(file).display());
            assert!(line.trim_start().starts_with(&place), "{command}: {line:?} should name {place:?}\n{text}");
        }
        for built in ["trunk", "wasm", "npm"] {
            assert!(!text.contains(built), "{command}: nothing is built before the corpus is read:\n{text}");
        }
        assert!(!dist.exists(), "{command}: no site is written");
    }
}
