//! Indexes the corpus folder at compile time: `CLIPPINGS_CORPUS` or `seeds/`.
use std::path::PathBuf;

use clippings_core::{codec, corpus, Index};

fn main() {
    println!("cargo:rerun-if-env-changed=CLIPPINGS_CORPUS");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dir = std::env::var_os("CLIPPINGS_CORPUS").map(PathBuf::from).unwrap_or_else(|| manifest.join("seeds"));
    let mut corpus = match corpus::load(&dir) {
        Ok(c) => c,
        Err(errors) => {
            eprintln!("error: the corpus in {} has {} bad file(s):", dir.display(), errors.len());
            for e in &errors {
                eprintln!("  {e}");
            }
            std::process::exit(1);
        }
    };
    for path in &corpus.watched {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    let articles = std::mem::take(&mut corpus.articles);
    let count = articles.len();
    let bytes = codec::encode(&Index::build(articles));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("index.bin");
    std::fs::write(&out, &bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    println!("cargo:warning=Clippings: {}", corpus.summary(count, bytes.len()));
}
