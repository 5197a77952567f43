//! Generates the app's `Msg` enum from `i18n/en.txt`: one variant per message
//! key, in the table's order, which is the order of the compiled tables the app
//! receives (i18n/README.md). The shell holds no interface text of its own.

use std::fmt::Write as _;

fn main() {
    println!("cargo:rerun-if-changed=i18n/en.txt");
    let source = std::fs::read_to_string("i18n/en.txt").expect("i18n/en.txt is readable");
    let mut variants = String::new();
    let mut count = 0usize;
    for line in source.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with('@') {
            continue;
        }
        let Some((key, text)) = line.split_once('=') else { continue };
        let key = key.trim();
        let name: String = key
            .split('-')
            .map(|part| {
                let mut chars = part.chars();
                chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
            })
            .collect();
        let doc = text.trim().replace('\\', "\\\\").replace('"', "\\\"");
        let _ = writeln!(variants, "    #[doc = \"`{key}`: {doc}\"]\n    {name},");
        count += 1;
    }
    let code = format!(
        "/// An interface message: a key of `i18n/en.txt`, in its order.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq)]\n\
         pub enum Msg {{\n{variants}}}\n\n\
         /// How many messages a compiled table has.\n\
         pub const MESSAGES: usize = {count};\n\
         /// [`MESSAGES`] as a compiled table's first line writes it.\n\
         pub const MESSAGES_TEXT: &str = \"{count}\";\n"
    );
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("messages.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
