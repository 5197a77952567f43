//! The interface's languages: every `i18n/<lang>.txt` checked against the
//! reference `i18n/en.txt` and compiled to the table the app receives (the format
//! of both: i18n/README.md). A table that misses a key, has one English does not,
//! names a value English does not, picks a plural form its language does not
//! have, or is not well formed stops the build, with the file and line of every
//! problem at once.
//!
//! What goes into the pages: [`page_script`] (inline in index.html and
//! clippings.html) chooses the reader's language before the app has loaded and
//! starts fetching its table (or resolves it from inside the page), and
//! [`viewer_map`] is the same choice's data for `<clippings-viewer>`.

use crate::{root, Result};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::Path;

/// Where the tables are, in the repository and in a hosted build.
pub const DIR: &str = "i18n";
/// The reference table's language.
pub const REFERENCE: &str = "en";
const SUFFIX: &str = ".txt";
/// The compiled format's first word and version.
const MAGIC: &str = "clippings-i18n 1";
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The CLDR plural categories of a language's cardinal numbers
/// (`Intl.PluralRules`), for the languages that have a table.
fn plural_categories(lang: &str) -> Option<&'static [&'static str]> {
    Some(match lang {
        "en" | "hy" | "ka" => &["one", "other"],
        "ru" => &["one", "few", "many", "other"],
        "ar" => &["zero", "one", "two", "few", "many", "other"],
        _ => return None,
    })
}

/// One language, checked and compiled.
#[derive(Debug, Clone)]
pub struct Language {
    /// The file name's code: `en`, `ru`, …
    pub lang: String,
    /// `@name`: the language's own name.
    pub name: String,
    /// `@dir`: `ltr` or `rtl`.
    pub dir: String,
    /// The compiled table (i18n/README.md, "What the app receives").
    pub compiled: String,
    /// The `page-*` messages as written, values still by name, in en.txt's order.
    pub page: Vec<(String, String)>,
}

impl Language {
    /// The compiled table's name in a hosted build: `i18n/<lang>-<first 16 hex
    /// digits of its SHA-256>.txt`, so a host may cache it forever.
    pub fn file_name(&self) -> String {
        let hash = Sha256::digest(self.compiled.as_bytes());
        let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
        format!("{DIR}/{}-{hex}{SUFFIX}", self.lang)
    }
}

/// Whether `name` (site-relative) is a compiled table of some build.
pub fn is_table_file(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(DIR).and_then(|n| n.strip_prefix('/')).and_then(|n| n.strip_suffix(SUFFIX))
    else {
        return false;
    };
    let Some((lang, hex)) = rest.rsplit_once('-') else { return false };
    is_lang_code(lang) && hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

fn is_lang_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// The languages of a build: every table, English first, and the language a
/// page picks when its address names none (`--lang`), if any.
#[derive(Debug, Clone)]
pub struct Languages {
    pub all: Vec<Language>,
    pub default: Option<String>,
}

impl Languages {
    /// Every table of the repository's i18n/, checked and compiled, with the
    /// default `lang` (an error, listing the languages there are, if it has no table).
    pub fn load(default: Option<&str>) -> Result<Languages> {
        let all = load_dir(&root().join(DIR), DIR)?;
        let default = match default {
            None => None,
            Some(lang) if all.iter().any(|l| l.lang == lang) => Some(lang.to_string()),
            Some(lang) => {
                let codes: Vec<&str> = all.iter().map(|l| l.lang.as_str()).collect();
                return Err(format!(
                    "--lang {lang}: there is no i18n/{lang}.txt; the languages are {}",
                    codes.join(", ")
                )
                .into());
            }
        };
        Ok(Languages { all, default })
    }
}

/// The tables in `dir` (named `label/<lang>.txt` in problems), English first,
/// then by code; an error naming every problem of every table.
pub fn load_dir(dir: &Path, label: &str) -> Result<Vec<Language>> {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read the interface's tables in {} ({e})", dir.display()))?
        .collect::<std::io::Result<Vec<_>>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(lang) = file.strip_suffix(SUFFIX) else { continue };
        let place = format!("{label}/{file}");
        if !is_lang_code(lang) {
            problems.push(format!("{place}: the file name should be a language code of 2 or 3 letters (ru.txt)"));
            continue;
        }
        match std::fs::read(entry.path()).map(String::from_utf8) {
            Ok(Ok(text)) => sources.push(Source { lang: lang.to_string(), place, text }),
            Ok(Err(e)) => problems.push(format!("{place}: not UTF-8 ({e})")),
            Err(e) => problems.push(format!("{place}: cannot be read ({e})")),
        }
    }
    match compile(&sources) {
        Ok(all) if problems.is_empty() => Ok(all),
        Ok(_) => Err(report(&problems)),
        Err(more) => Err(report(&[problems, more].concat())),
    }
}

fn report(problems: &[String]) -> Box<dyn std::error::Error> {
    format!("the interface's tables have {} problem(s):\n  {}", problems.len(), problems.join("\n  ")).into()
}

/// One table's source: its language code, where it is (for problems) and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub lang: String,
    pub place: String,
    pub text: String,
}

/// One message of a table, parsed.
#[derive(Debug, Clone, PartialEq)]
enum Part {
    Text(String),
    Value(String),
    /// `{name|cat:…|…}`: the number's name and each (category, form) as written.
    Plural(String, Vec<(String, Vec<Part>)>),
}

#[derive(Debug)]
struct Message {
    key: String,
    line: usize,
    /// As written, values by name.
    text: String,
    parts: Vec<Part>,
}

#[derive(Debug, Default)]
struct Table {
    name: Option<String>,
    dir: Option<String>,
    locale: Option<String>,
    messages: Vec<Message>,
}

/// Checks every table against the English one (which must be among them) and
/// compiles each: English first, then the others in the order given; or every
/// problem found, as `place:line: what`.
pub fn compile(sources: &[Source]) -> std::result::Result<Vec<Language>, Vec<String>> {
    let mut problems = Vec::new();
    let Some(english_source) = sources.iter().find(|s| s.lang == REFERENCE) else {
        return Err(vec![format!("{DIR}/{REFERENCE}{SUFFIX}: missing (the reference table every other one follows)")]);
    };
    let ordered = std::iter::once(english_source).chain(sources.iter().filter(|s| s.lang != REFERENCE));
    let tables: Vec<(&Source, Table)> = ordered.map(|s| (s, parse(s, &mut problems))).collect();
    let english = &tables[0].1;
    // Each English message's value names, in the order they first appear.
    let names: Vec<Vec<String>> = english.messages.iter().map(|m| names_of(&m.parts)).collect();

    let mut out = Vec::new();
    for (source, table) in &tables {
        let place = &source.place;
        let before = problems.len();
        for m in &table.messages {
            match english.messages.iter().position(|e| e.key == m.key) {
                None => {
                    problems.push(format!("{place}:{}: '{}' is not a key of {}", m.line, m.key, english_source.place))
                }
                Some(i) => {
                    for name in names_of(&m.parts) {
                        if !names[i].contains(&name) {
                            problems.push(format!(
                                "{place}:{}: '{}' names {{{name}}}, which the English message ({}:{}) does not have",
                                m.line, m.key, english_source.place, english.messages[i].line
                            ));
                        }
                    }
                }
            }
        }
        for e in &english.messages {
            if !table.messages.iter().any(|m| m.key == e.key) {
                problems.push(format!("{place}: no '{}' ({}:{} has it)", e.key, english_source.place, e.line));
            }
        }
        let (Some(name), Some(dir), Some(locale)) = (&table.name, &table.dir, &table.locale) else { continue };
        if problems.len() != before {
            continue;
        }
        let mut compiled = format!("{MAGIC} {} {dir} {locale} {}\n", source.lang, english.messages.len());
        for (e, names) in english.messages.iter().zip(&names) {
            let m = table.messages.iter().find(|m| m.key == e.key).expect("every key was checked");
            write_parts(&mut compiled, &m.parts, names);
            compiled.push('\n');
        }
        let page = english
            .messages
            .iter()
            .filter(|e| e.key.starts_with("page-"))
            .filter_map(|e| table.messages.iter().find(|m| m.key == e.key))
            .map(|m| (m.key.clone(), m.text.clone()))
            .collect();
        out.push(Language { lang: source.lang.clone(), name: name.clone(), dir: dir.clone(), compiled, page });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Reads one table, adding what is wrong with it to `problems`.
fn parse(source: &Source, problems: &mut Vec<String>) -> Table {
    let place = &source.place;
    let categories = plural_categories(&source.lang);
    if categories.is_none() {
        problems.push(format!(
            "{place}: no plural rules are known for '{}' (add its CLDR categories to xtask/src/dist/i18n.rs)",
            source.lang
        ));
    }
    let mut table = Table::default();
    let mut seen: HashSet<String> = HashSet::new();
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            problems.push(format!("{place}:{n}: not a comment, nor key = text"));
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if let Some(directive) = key.strip_prefix('@') {
            let slot = match directive {
                "name" => &mut table.name,
                "dir" => &mut table.dir,
                "locale" => &mut table.locale,
                _ => {
                    problems.push(format!("{place}:{n}: unknown @{directive} (there are @name, @dir and @locale)"));
                    continue;
                }
            };
            let bad = match directive {
                "dir" => (!matches!(value, "ltr" | "rtl")).then_some("ltr or rtl"),
                "locale" => (value.is_empty() || !value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
                    .then_some("a locale such as ru or en-GB"),
                _ => value.is_empty().then_some("the language's own name"),
            };
            if slot.is_some() {
                problems.push(format!("{place}:{n}: a second @{directive}"));
                continue;
            }
            if let Some(should) = bad {
                problems.push(format!("{place}:{n}: @{directive} = '{value}' should be {should}"));
            }
            // Kept even when bad, so it is not also reported missing.
            *slot = Some(value.to_string());
            continue;
        }
        if !is_key(key) {
            problems.push(format!("{place}:{n}: '{key}' is not a key (a-z, 0-9 and '-', starting with a letter)"));
            continue;
        }
        if !seen.insert(key.to_string()) {
            problems.push(format!("{place}:{n}: a second '{key}'"));
            continue;
        }
        if value.is_empty() {
            problems.push(format!("{place}:{n}: '{key}' has no text"));
            continue;
        }
        match parse_text(value, categories.unwrap_or(&CATEGORIES), &source.lang, true) {
            Ok(parts) => table.messages.push(Message { key: key.to_string(), line: n, text: value.to_string(), parts }),
            Err(why) => {
                problems.push(format!("{place}:{n}: '{key}': {why}"));
                // Still a key: a broken message is not also a missing one.
                table.messages.push(Message { key: key.to_string(), line: n, text: String::new(), parts: Vec::new() });
            }
        }
    }
    for (directive, value) in [("name", &table.name), ("dir", &table.dir), ("locale", &table.locale)] {
        if value.is_none() {
            problems.push(format!("{place}: no @{directive}"));
        }
    }
    table
}

fn is_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// A message's text as parts; `plurals` says whether `{n|…}` may stand here
/// (not inside a plural's form).
fn parse_text(text: &str, categories: &[&str], lang: &str, plurals: bool) -> std::result::Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        if rest[at..].starts_with('}') {
            return Err(format!("a '}}' that no '{{' opened, at '{}'", excerpt(&rest[at..])));
        }
        if at > 0 {
            parts.push(Part::Text(rest[..at].to_string()));
        }
        let inner = &rest[at + 1..];
        let mut depth = 0usize;
        let close = inner.char_indices().find_map(|(i, c)| match c {
            '{' => {
                depth += 1;
                None
            }
            '}' if depth == 0 => Some(i),
            '}' => {
                depth -= 1;
                None
            }
            _ => None,
        });
        let Some(close) = close else {
            return Err(format!("a '{{' that no '}}' closes, at '{}'", excerpt(&rest[at..])));
        };
        parts.push(parse_braces(&inner[..close], categories, lang, plurals)?);
        rest = &inner[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest.to_string()));
    }
    Ok(parts)
}

fn excerpt(s: &str) -> String {
    s.chars().take(24).collect()
}

/// What stands between a pair of braces: `name`, or `name|cat:form|…`.
fn parse_braces(body: &str, categories: &[&str], lang: &str, plurals: bool) -> std::result::Result<Part, String> {
    let mut pieces = split_top(body).into_iter();
    let name = pieces.next().unwrap_or_default();
    if !is_name(name) {
        return Err(format!("'{{{body}}}': '{name}' is not a value's name (letters, digits, '_')"));
    }
    let forms: Vec<&str> = pieces.collect();
    if forms.is_empty() {
        return Ok(Part::Value(name.to_string()));
    }
    if !plurals {
        return Err(format!("'{{{body}}}': a plural inside a plural's form"));
    }
    let mut out: Vec<(String, Vec<Part>)> = Vec::new();
    for form in forms {
        let Some((category, text)) = form.split_once(':') else {
            return Err(format!("'{{{name}|…}}': the form '{form}' has no category (one:…, other:…, =0:…)"));
        };
        let exact = category.strip_prefix('=').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if !exact && !categories.contains(&category) {
            let known = if CATEGORIES.contains(&category) {
                format!("'{lang}' has no plural form '{category}'")
            } else {
                format!("'{category}' is not a plural category")
            };
            return Err(format!(
                "'{{{name}|…}}': {known} (its forms: {}, and exact numbers =0, =1, …)",
                categories.join(", ")
            ));
        }
        if out.iter().any(|(c, _)| c == category) {
            return Err(format!("'{{{name}|…}}': a second '{category}' form"));
        }
        out.push((category.to_string(), parse_text(text, categories, lang, false)?));
    }
    if !out.iter().any(|(c, _)| c == "other") {
        return Err(format!("'{{{name}|…}}': no 'other' form (it is required)"));
    }
    Ok(Part::Plural(name.to_string(), out))
}

/// `body` cut at each `|` outside braces (a form's own braces hold a value).
fn split_top(body: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0usize, 0);
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '|' if depth == 0 => {
                out.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&body[start..]);
    out
}

/// The value names of a message, in the order they first appear.
fn names_of(parts: &[Part]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |name: &String| {
        if !out.contains(name) {
            out.push(name.clone());
        }
    };
    for part in parts {
        match part {
            Part::Text(_) => {}
            Part::Value(name) => add(name),
            Part::Plural(name, forms) => {
                add(name);
                for (_, form) in forms {
                    for part in form {
                        if let Part::Value(name) = part {
                            add(name);
                        }
                    }
                }
            }
        }
    }
    out
}

/// The compiled message: each `{name}` as `{N}`, N its place in `names`.
fn write_parts(out: &mut String, parts: &[Part], names: &[String]) {
    let index = |name: &String| names.iter().position(|n| n == name).expect("checked against English");
    for part in parts {
        match part {
            Part::Text(text) => out.push_str(text),
            Part::Value(name) => out.push_str(&format!("{{{}}}", index(name))),
            Part::Plural(name, forms) => {
                out.push_str(&format!("{{{}", index(name)));
                for (category, form) in forms {
                    out.push_str(&format!("|{category}:"));
                    write_parts(out, form, names);
                }
                out.push('}');
            }
        }
    }
}

/// The language script's source (comment lines dropped when it goes inline).
const PAGE_SCRIPT: &str = include_str!("lang.js");

/// Where a page finds its languages' compiled tables.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Carry {
    /// Fetched beside the page, `i18n/<lang>-<hash>.txt` (the hosted build).
    Files,
    /// Inside the page, as strings (the single file and the folder edition).
    Inline,
}

/// Each language's entry for a page script or the viewer: its direction, its
/// page-* messages and its table (its file name, or its text inside).
fn entries(langs: &Languages, carry: Carry) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = langs
        .all
        .iter()
        .map(|l| {
            let page: serde_json::Map<String, serde_json::Value> =
                l.page.iter().map(|(k, v)| (k.clone(), v.clone().into())).collect();
            let mut entry = serde_json::json!({ "dir": l.dir, "page": page });
            match carry {
                Carry::Files => entry["file"] = l.file_name().into(),
                Carry::Inline => entry["table"] = l.compiled.clone().into(),
            }
            (l.lang.clone(), entry)
        })
        .collect();
    map.into()
}

/// JSON as a JavaScript literal that no `</script>` or `<!--` can end.
fn literal(value: &serde_json::Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

/// The inline script that chooses a page's language and starts getting its
/// table (xtask/src/dist/lang.js says what it does), for `langs`.
pub fn page_script(langs: &Languages, carry: Carry) -> String {
    let config = serde_json::json!({
        "default": langs.default,
        "languages": langs.all.iter().map(|l| [l.lang.as_str(), l.name.as_str()]).collect::<Vec<_>>(),
        "langs": entries(langs, carry),
    });
    let body: Vec<&str> = PAGE_SCRIPT.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
    body.join("\n").trim().replace("__CONFIG__", &literal(&config))
}

/// The build's default language as a page script written by [`page_script`]
/// names it (`cargo xtask offline` keeps the default of the site it is made from).
pub fn default_of_script(script: &str) -> Option<String> {
    let at = script.find("({\"default\":")? + 1;
    let mut stream = serde_json::Deserializer::from_str(&script[at..]).into_iter::<serde_json::Value>();
    stream.next()?.ok()?.get("default")?.as_str().map(str::to_string)
}

/// The compiled tables a page script names, for the files a site keeps.
pub fn named_by_script(script: &str) -> Vec<&str> {
    script
        .match_indices(&format!("\"{DIR}/"))
        .filter_map(|(at, _)| {
            let rest = &script[at + 1..];
            let name = &rest[..rest.find('"')?];
            is_table_file(name).then_some(name)
        })
        .collect()
}

/// `<clippings-viewer>`'s languages: `{ code: { dir, page, file } }` as a
/// JavaScript literal, and the default language as one (`null` without).
pub fn viewer_map(langs: &Languages) -> (String, String) {
    (literal(&entries(langs, Carry::Files)), literal(&serde_json::json!(langs.default)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "\
# English
@name = English
@dir = ltr
@locale = en-GB

page-loading = Loading the archive…
count = {shown} of {total} {total|one:article|other:articles}
relaxed = {found|=0:No article has|other:Only {found} articles have} all {words} words
plain = either word; | works too
";

    fn source(lang: &str, text: &str) -> Source {
        Source { lang: lang.into(), place: format!("i18n/{lang}.txt"), text: text.into() }
    }

    fn problems(tables: &[(&str, &str)]) -> Vec<String> {
        let sources: Vec<Source> = tables.iter().map(|(l, t)| source(l, t)).collect();
        compile(&sources).err().unwrap_or_default()
    }

    /// A Russian table of EN's keys with `count` as given.
    fn ru_with(line: &str) -> String {
        format!(
            "@name = Русский\n@dir = ltr\n@locale = ru\npage-loading = Архив загружается…\n{line}\n\
             relaxed = {{found|=0:Ни в одной статье нет|one:Только в {{found}} статье есть|few:Только в {{found}} статьях есть|many:Только в {{found}} статьях есть|other:Только в {{found}} статьи есть}} всех {{words}} слов\n\
             plain = любое слово; | тоже\n"
        )
    }

    #[test]
    fn english_compiles_with_values_numbered_by_first_appearance() {
        let all = compile(&[source("en", EN)]).unwrap();
        let en = &all[0];
        assert_eq!((en.lang.as_str(), en.name.as_str(), en.dir.as_str()), ("en", "English", "ltr"));
        assert_eq!(
            en.compiled,
            "clippings-i18n 1 en ltr en-GB 4\n\
             Loading the archive…\n\
             {0} of {1} {1|one:article|other:articles}\n\
             {0|=0:No article has|other:Only {0} articles have} all {1} words\n\
             either word; | works too\n"
        );
        assert_eq!(en.page, [("page-loading".to_string(), "Loading the archive…".to_string())]);
        let name = en.file_name();
        assert!(is_table_file(&name), "{name}");
        assert!(name.starts_with("i18n/en-") && name.len() == "i18n/en-0123456789abcdef.txt".len());
    }

    #[test]
    fn a_translation_is_numbered_by_the_english_order() {
        let ru = ru_with("count = {total|one:{shown} статья из {total}|few:{shown} статьи из {total}|many:{shown} статей из {total}|other:{shown} статьи из {total}}");
        let all = compile(&[source("ru", &ru), source("en", EN)]).unwrap();
        assert_eq!(all.iter().map(|l| l.lang.as_str()).collect::<Vec<_>>(), ["en", "ru"], "English first");
        let lines: Vec<&str> = all[1].compiled.lines().collect();
        assert_eq!(lines[0], "clippings-i18n 1 ru ltr ru 4");
        assert_eq!(
            lines[2],
            "{1|one:{0} статья из {1}|few:{0} статьи из {1}|many:{0} статей из {1}|other:{0} статьи из {1}}"
        );
        assert!(lines[3].starts_with("{0|=0:Ни в одной статье нет|one:Только в {0} статье есть|"), "{}", lines[3]);
        assert!(lines[3].ends_with("} всех {1} слов"), "{}", lines[3]);
        assert_ne!(all[0].file_name(), all[1].file_name());
    }

    #[test]
    fn broken_tables_name_every_problem_with_file_and_line() {
        let ok_count = "count = {shown} из {total} {total|one:статьи|few:статей|many:статей|other:статьи}";
        let cases: &[(&str, String, &[&str])] = &[
            ("a missing key", ru_with(ok_count).replace("plain = любое слово; | тоже\n", ""), &["i18n/ru.txt: no 'plain' (i18n/en.txt:9 has it)"]),
            ("an extra key", ru_with(ok_count) + "extra = лишнее\n", &["i18n/ru.txt:8: 'extra' is not a key of i18n/en.txt"]),
            ("a value English lacks", ru_with("count = {shown} из {all}"), &["i18n/ru.txt:5: 'count' names {all}, which the English message (i18n/en.txt:7) does not have"]),
            ("a value English lacks, inside a form", ru_with("count = {total|one:{shown} из {many}|other:x}"), &["names {many}"]),
            ("a category Russian lacks", ru_with("count = {total|one:a|two:b|other:c}"), &["i18n/ru.txt:5: 'count': '{total|…}': 'ru' has no plural form 'two' (its forms: one, few, many, other"]),
            ("no other", ru_with("count = {total|one:a|few:b}"), &["i18n/ru.txt:5: 'count': '{total|…}': no 'other' form"]),
            ("not a category", ru_with("count = {total|one:a|lots:b|other:c}"), &["'lots' is not a plural category"]),
            ("a form without a category", ru_with("count = {total|a|other:c}"), &["the form 'a' has no category"]),
            ("a second form", ru_with("count = {total|one:a|one:b|other:c}"), &["a second 'one' form"]),
            ("exact numbers are always allowed", ru_with("count = {total|=0:нет|=12:дюжина|other:{total}}"), &[]),
            ("an unclosed brace", ru_with("count = {shown из {total}"), &["i18n/ru.txt:5: 'count': a '{' that no '}' closes, at '{shown из {total}'"]),
            ("a brace never opened", ru_with("count = {shown} из} {total}"), &["i18n/ru.txt:5: 'count': a '}' that no '{' opened"]),
            ("a brace never closed", ru_with("count = {shown} из {total"), &["a '{' that no '}' closes"]),
            ("a plural in a plural", ru_with("count = {total|one:{shown|one:a|other:b}|other:c}"), &["a plural inside a plural's form"]),
            ("no @locale", ru_with(ok_count).replace("@locale = ru\n", ""), &["i18n/ru.txt: no @locale"]),
            ("a bad @dir", ru_with(ok_count).replace("@dir = ltr", "@dir = up"), &["i18n/ru.txt:2: @dir = 'up' should be ltr or rtl"]),
            ("an unknown directive", ru_with(ok_count) + "@font = x\n", &["i18n/ru.txt:8: unknown @font"]),
            ("a second key", ru_with(ok_count) + "plain = снова\n", &["i18n/ru.txt:8: a second 'plain'"]),
            ("not a line of the format", ru_with(ok_count) + "just words\n", &["i18n/ru.txt:8: not a comment, nor key = text"]),
            ("a bad key", ru_with(ok_count) + "Bad_Key = x\n", &["i18n/ru.txt:8: 'Bad_Key' is not a key"]),
        ];
        for (what, ru, expected) in cases {
            let found = problems(&[("en", EN), ("ru", ru)]);
            assert_eq!(found.len(), expected.len(), "{what}: {found:#?}");
            for (f, e) in found.iter().zip(expected.iter()) {
                assert!(f.contains(e), "{what}: {f:?} should contain {e:?}");
            }
        }
    }

    #[test]
    fn every_problem_of_every_table_at_once() {
        let ru = ru_with("count = {shown} из {all}").replace("@dir = ltr\n", "") + "extra = x\n";
        let ar = "@name = العربية\n@dir = rtl\n@locale = ar\npage-loading = {n}\ncount = {total|two:a|other:b}\n";
        let found = problems(&[("en", EN), ("ru", &ru), ("ar", ar)]);
        let summary = found.join("\n");
        for e in [
            "i18n/ru.txt: no @dir",
            "i18n/ru.txt:7: 'extra' is not a key",
            "i18n/ru.txt:4: 'count' names {all}",
            "i18n/ar.txt:4: 'page-loading' names {n}",
            "i18n/ar.txt: no 'relaxed'",
            "i18n/ar.txt: no 'plain'",
        ] {
            assert!(summary.contains(e), "{e} missing from:\n{summary}");
        }
        assert!(!summary.contains("'two'"), "Arabic has a dual: {summary}");
        assert_eq!(found.len(), 6, "{summary}");
    }

    #[test]
    fn english_itself_is_checked_and_required() {
        assert!(problems(&[("ru", &ru_with("count = x"))])[0].contains("i18n/en.txt: missing"));
        let found = problems(&[("en", &EN.replace("one:article", "few:article"))]);
        assert!(
            found[0].starts_with("i18n/en.txt:7: 'count': '{total|…}': 'en' has no plural form 'few'"),
            "{found:?}"
        );
        let found = problems(&[("en", EN), ("de", "@name = Deutsch\n")]);
        assert!(found[0].contains("i18n/de.txt: no plural rules are known for 'de'"), "{found:?}");
    }

    fn langs(default: Option<&str>) -> Languages {
        let ar = "@name = العربية\n@dir = rtl\n@locale = ar\npage-loading = </script> جار التحميل\n\
                  count = {shown} {total|zero:a|other:b}\nrelaxed = x\nplain = y\n";
        Languages { all: compile(&[source("en", EN), source("ar", ar)]).unwrap(), default: default.map(String::from) }
    }

    #[test]
    fn the_page_script_carries_each_language_safely() {
        let langs = langs(Some("ar"));
        let hosted = page_script(&langs, Carry::Files);
        assert!(hosted.starts_with("window.clippingsLang = (function (c) {"), "{hosted}");
        assert!(!hosted.contains("</") && !hosted.contains("\n//") && !hosted.contains("__CONFIG__"), "{hosted}");
        assert!(hosted.contains("\"dir\":\"rtl\""), "{hosted}");
        let files = named_by_script(&hosted);
        assert_eq!(files, [langs.all[1].file_name(), langs.all[0].file_name()], "ar, en (sorted)");
        assert!(!hosted.contains("clippings-i18n 1"), "no table inside: {hosted}");
        assert_eq!(default_of_script(&hosted).as_deref(), Some("ar"));

        let inline = page_script(&Languages { default: None, ..langs }, Carry::Inline);
        assert!(inline.contains("\"table\":\"clippings-i18n 1 ar rtl ar 4\\n"), "{inline}");
        assert!(named_by_script(&inline).is_empty());
        assert_eq!(default_of_script(&inline), None);
    }

    #[test]
    fn an_unknown_default_names_the_languages_there_are() {
        let err = Languages::load(Some("xx")).unwrap_err().to_string();
        assert!(err.starts_with("--lang xx: there is no i18n/xx.txt; the languages are en"), "{err}");
    }

    /// The tables the app ships with: a language that misses a key of en.txt
    /// (or any other problem) fails `cargo test -p xtask`.
    #[test]
    fn the_shipped_tables_are_valid() {
        let all = load_dir(&root().join(DIR), DIR).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(all[0].lang, REFERENCE);
        let count = all[0].compiled.lines().count();
        for l in &all {
            assert_eq!(l.compiled.lines().count(), count, "{}", l.lang);
            assert!(l.page.iter().any(|(k, _)| k == "page-loading"), "{}", l.lang);
        }
    }
}
