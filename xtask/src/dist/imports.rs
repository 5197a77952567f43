//! Short names for the functions the shell's wasm imports from its JS glue, and
//! for the closure shims it exports to it.
//!
//! wasm-bindgen names each import after what it calls and a hash,
//! `__wbg_appendChild_7465eba84213c75f`, and writes each name twice: in the
//! wasm's import section and as a key of the glue's import object. The 176
//! names of the shell took 6 KB, and their 16 hex digits each are what gzip
//! cannot shrink: 3.4 KB gzip in the wasm and 2.3 KB in the glue. Here they
//! become `$a`, `$b`, … `$cT` in both files, which only have to agree with
//! each other (no other code names an import). So do the exports that call a
//! Rust closure (`wasm_bindgen_<hash>___convert__closures_____invoke…`, up to
//! 300 characters each; 0.4 KB gzip): only the glue calls them. The exports
//! the page calls by name (`clippings_mount`, …) keep their names.

use crate::Result;

/// (wasm-bindgen's name, the short one) of each renamed import.
pub type Renamed = Vec<(String, String)>;

/// The wasm with every import whose name wasm-bindgen wrote (`__wbg_…`,
/// `__wbindgen_…`) and every closure shim it exports (`wasm_bindgen_…`)
/// renamed short; the new bytes and the (old, new) names.
pub fn shorten(wasm: &[u8]) -> Result<(Vec<u8>, Renamed)> {
    let mut names = Vec::new();
    let out = rewrite(wasm, |section, field| {
        let ours = match section {
            Section::Imports => field.starts_with("__wbg_") || field.starts_with("__wbindgen_"),
            Section::Exports => field.starts_with("wasm_bindgen_"),
        };
        Some(match ours {
            true => {
                let short = short_name(names.len());
                names.push((field.to_string(), short.clone()));
                short
            }
            false => field.to_string(),
        })
    })?;
    Ok((out, names))
}

/// The wasm without the exports named by `unused`. Their code stays until
/// wasm-opt next runs, which drops what nothing calls any more.
pub fn drop_exports(wasm: &[u8], unused: impl Fn(&str) -> bool) -> Result<Vec<u8>> {
    rewrite(wasm, |section, field| match section {
        Section::Exports if unused(field) => None,
        _ => Some(field.to_string()),
    })
}

/// The two sections whose entries are named.
#[derive(Clone, Copy, PartialEq)]
enum Section {
    /// (module, name, descriptor)
    Imports,
    /// (name, kind, index)
    Exports,
}

/// The wasm with each import's and export's name replaced by what `name` gives
/// for it, and the entries it gives `None` for left out; every other byte as
/// it was.
fn rewrite(wasm: &[u8], mut rename: impl FnMut(Section, &str) -> Option<String>) -> Result<Vec<u8>> {
    let bad = || "the shell's wasm does not read as WebAssembly".to_string();
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err(bad().into());
    }
    let mut out = wasm[..8].to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, body) = leb(wasm, at + 1).ok_or_else(bad)?;
        let end = body.checked_add(size as usize).filter(|&e| e <= wasm.len()).ok_or_else(bad)?;
        let section = match id {
            2 => Section::Imports,
            7 => Section::Exports,
            _ => {
                out.extend_from_slice(&wasm[at..end]);
                at = end;
                continue;
            }
        };
        let section_bytes = &wasm[body..end];
        let (count, mut p) = leb(section_bytes, 0).ok_or_else(bad)?;
        let (mut kept, mut entries) = (0u32, Vec::new());
        for _ in 0..count {
            let mut module = None;
            if section == Section::Imports {
                let (m, q) = name(section_bytes, p).ok_or_else(bad)?;
                module = Some(m);
                p = q;
            }
            let (field, q) = name(section_bytes, p).ok_or_else(bad)?;
            let end = match section {
                Section::Imports => descriptor_end(section_bytes, q),
                Section::Exports => leb(section_bytes, q + 1).map(|(_, e)| e),
            };
            let end = end.filter(|&e| e <= section_bytes.len()).ok_or_else(bad)?;
            if let Some(new_name) = rename(section, field) {
                for text in module.into_iter().chain([new_name.as_str()]) {
                    write_leb(&mut entries, text.len() as u32);
                    entries.extend_from_slice(text.as_bytes());
                }
                entries.extend_from_slice(&section_bytes[q..end]);
                kept += 1;
            }
            p = end;
        }
        if p != section_bytes.len() {
            return Err(bad().into());
        }
        let mut new = Vec::new();
        write_leb(&mut new, kept);
        new.extend_from_slice(&entries);
        out.push(id);
        write_leb(&mut out, new.len() as u32);
        out.extend_from_slice(&new);
        at = end;
    }
    Ok(out)
}

/// The glue with each name renamed as [`shorten`] renamed it in the wasm (whole
/// identifiers only); an error if the glue lacks one of them (a glue of
/// another build).
pub fn rename_in_glue(glue: &str, names: &[(String, String)]) -> Result<String> {
    let index: std::collections::HashMap<&str, usize> =
        names.iter().enumerate().map(|(i, (old, _))| (old.as_str(), i)).collect();
    let word_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut out = String::with_capacity(glue.len());
    let mut rest = glue;
    let mut seen = vec![false; names.len()];
    while let Some(at) = rest.find(word_char) {
        out.push_str(&rest[..at]);
        let len = rest[at..].find(|c: char| !word_char(c)).unwrap_or(rest.len() - at);
        let word = &rest[at..at + len];
        match index.get(word) {
            Some(&i) => {
                seen[i] = true;
                out.push_str(&names[i].1);
            }
            None => out.push_str(word),
        }
        rest = &rest[at + len..];
    }
    out.push_str(rest);
    match seen.iter().position(|s| !s) {
        Some(i) => {
            Err(format!("the JS glue does not name the wasm's import or export {}: not the same build", names[i].0)
                .into())
        }
        None => Ok(out),
    }
}

/// `$a` … `$Z`, `$ba` …: the `i`th short name (a JS identifier).
fn short_name(i: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let (mut n, mut tail) = (i, Vec::new());
    loop {
        tail.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
    }
    tail.reverse();
    format!("${}", String::from_utf8(tail).expect("ASCII"))
}

/// A name (length and UTF-8 bytes) at `at`, and where it ends.
fn name(bytes: &[u8], at: usize) -> Option<(&str, usize)> {
    let (len, start) = leb(bytes, at)?;
    let end = start.checked_add(len as usize)?;
    Some((std::str::from_utf8(bytes.get(start..end)?).ok()?, end))
}

/// Where the import descriptor (kind and type) starting at `at` ends.
fn descriptor_end(bytes: &[u8], at: usize) -> Option<usize> {
    let kind = *bytes.get(at)?;
    let limits = |at: usize| -> Option<usize> {
        let flags = *bytes.get(at)?;
        let (_, mut p) = leb(bytes, at + 1)?;
        if flags & 1 == 1 {
            p = leb(bytes, p)?.1;
        }
        Some(p)
    };
    match kind {
        0 => Some(leb(bytes, at + 1)?.1),
        1 => limits(at + 2),
        2 => limits(at + 1),
        3 => Some(at + 3),
        4 => Some(leb(bytes, at + 2)?.1),
        _ => None,
    }
}

fn leb(bytes: &[u8], mut at: usize) -> Option<(u32, usize)> {
    let mut value = 0u32;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(at)?;
        at += 1;
        value |= u32::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some((value, at));
        }
    }
    None
}

fn write_leb(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let b = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing a function, a memory and a global from "./x_bg.js",
    /// and exporting functions named `exports`.
    fn module(imports: &[&str], exports: &[&str]) -> Vec<u8> {
        let mut section = Vec::new();
        write_leb(&mut section, imports.len() as u32);
        for (i, n) in imports.iter().enumerate() {
            for text in ["./x_bg.js", n] {
                write_leb(&mut section, text.len() as u32);
                section.extend_from_slice(text.as_bytes());
            }
            match i % 3 {
                0 => section.extend_from_slice(&[0, 0x81, 0x01]), // function of type 129
                1 => section.extend_from_slice(&[2, 1, 17, 0x80, 0x02]), // memory 17..256
                _ => section.extend_from_slice(&[3, 0x7f, 1]),    // mutable i32 global
            }
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // a type section before it
        wasm.push(2);
        write_leb(&mut wasm, section.len() as u32);
        wasm.extend_from_slice(&section);
        let mut section = Vec::new();
        write_leb(&mut section, exports.len() as u32);
        for n in exports {
            write_leb(&mut section, n.len() as u32);
            section.extend_from_slice(n.as_bytes());
            section.extend_from_slice(&[0, 0x85, 0x01]); // function 133
        }
        wasm.push(7);
        write_leb(&mut wasm, section.len() as u32);
        wasm.extend_from_slice(&section);
        wasm.extend_from_slice(&[0, 3, 2, b'h', b'i']); // a custom section after them
        wasm
    }

    #[test]
    fn imports_and_closure_shims_are_renamed_in_both_files_and_nothing_else_changes() {
        let shim = "wasm_bindgen_b7f2e6c3da60cfb2___convert__closures_____invoke_______true_";
        let (wasm, names) = shorten(&module(
            &["__wbg_appendChild_7465eba84213c75f", "memory", "__wbindgen_init_externref_table"],
            &["clippings_mount", shim],
        ))
        .unwrap();
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            names,
            [
                pair("__wbg_appendChild_7465eba84213c75f", "$a"),
                pair("__wbindgen_init_externref_table", "$b"),
                pair(shim, "$c"),
            ]
        );
        assert_eq!(
            wasm,
            module(&["$a", "memory", "$b"], &["clippings_mount", "$c"]),
            "only the names differ, and the sections' lengths"
        );
        let glue = format!(
            "const i={{__wbg_appendChild_7465eba84213c75f:function(e,t){{e.appendChild(t)}},\
             __wbindgen_init_externref_table:function(){{}},__wbg_ptr:1}};this.__wbg_ptr=0;\
             function f(){{B.{shim}(1)}}export function clippings_mount(){{B.clippings_mount()}}\
             const x=1,y__wbg_appendChild_7465eba84213c75f=2;"
        );
        assert_eq!(
            rename_in_glue(&glue, &names).unwrap(),
            "const i={$a:function(e,t){e.appendChild(t)},$b:function(){},__wbg_ptr:1};this.__wbg_ptr=0;\
             function f(){B.$c(1)}export function clippings_mount(){B.clippings_mount()}\
             const x=1,y__wbg_appendChild_7465eba84213c75f=2;"
        );
        let err = rename_in_glue("const i={__wbg_ptr:1}", &names).unwrap_err().to_string();
        assert!(err.contains("__wbg_appendChild_7465eba84213c75f"), "{err}");
    }

    #[test]
    fn dropped_exports_go_and_nothing_else_changes() {
        let wasm = module(&["__wbg_a_1", "memory"], &["clippings_mount", "intounderlyingsink_write", "x_free"]);
        let dropped = drop_exports(&wasm, |n| n.starts_with("intounderlying") || n == "x_free").unwrap();
        assert_eq!(dropped, module(&["__wbg_a_1", "memory"], &["clippings_mount"]));
        assert_eq!(drop_exports(&wasm, |_| false).unwrap(), wasm);
        assert!(drop_exports(b"<html>", |_| true).is_err());
    }

    #[test]
    fn short_names_are_distinct_identifiers() {
        let all: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!((all[0].as_str(), all[51].as_str(), all[52].as_str()), ("$a", "$Z", "$ba"));
        let mut sorted = all.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), all.len());
    }

    #[test]
    fn what_is_not_webassembly_is_refused() {
        assert!(shorten(b"<html>").is_err());
        let mut cut = module(&["__wbg_a_1"], &[]);
        cut.truncate(cut.len() - 9);
        assert!(shorten(&cut).is_err());
    }
}
