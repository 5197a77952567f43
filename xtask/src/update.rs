//! `cargo xtask bench --update [--docs N]`: what a corpus update costs a
//! returning reader (issue 14: adding 1 % more articles should change at most
//! 5 % of the bytes a reader downloads for the same search).
//!
//! The synthetic corpus of N articles (edition A) and the same with N / 100
//! more (edition B), in two ways: the new articles dated after all others (a
//! day's news added to an archive) and dated as the generator dates them, over
//! the whole decade (a back-fill of older articles). Each edition is indexed and
//! written as the hosted build writes it (start file and part files, named by
//! their content), natively. For each of the benchmark's queries, the files a
//! search reads are found as the app finds them: its own search run on the
//! start file, each part it misses taken from the parts written, until nothing
//! is missing; then the facet values, which the app fetches once the first
//! results are on screen. A reader who made the search in A holds those files
//! in the browser's cache; of B's files for the same search, those with a name
//! A's search did not fetch are downloaded again. The app shell is the same in
//! both editions and not counted (with it, every share below would be smaller);
//! `index.html` (about 12 KB gzip) changes with every edition and is not
//! counted either.

use crate::{corpus, dist, step, Result};
use clippings_core::{codec, search_rows, Index, Sort, Sources, PAGE};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// The date every added article gets in the daily update: after the
/// generator's (2015–2024).
const NEWEST: &str = "Jan 1 2025";

/// An edition as the hosted build writes it: the start file's name and every
/// data file's bytes gzipped, by name.
struct Edition {
    start: String,
    start_bytes: Vec<u8>,
    parts: Vec<(String, Vec<u8>)>,
    gzip: HashMap<String, u64>,
}

impl Edition {
    fn of(dir: &Path) -> Result<Edition> {
        let encoded = dist::data::encode(dir)?;
        let start = dist::data::name(&encoded.start);
        let mut gzip = HashMap::new();
        gzip.insert(start.clone(), dist::gzip(&encoded.start)?.len() as u64);
        for (name, bytes) in &encoded.parts {
            gzip.insert(name.clone(), dist::gzip(bytes)?.len() as u64);
        }
        Ok(Edition { start, start_bytes: encoded.start, parts: encoded.parts, gzip })
    }

    /// The data files a search for `query` reads, the start file first: its
    /// first page (ranking and the rows' text), then the facet values.
    fn files_for(&self, query: &str) -> Result<BTreeSet<String>> {
        let index: Index = codec::decode(&self.start_bytes)?;
        let by_name: HashMap<&str, &[u8]> = self.parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
        let mut files = BTreeSet::from([self.start.clone()]);
        let fetch = |index: &Index, files: &mut BTreeSet<String>| -> Result<bool> {
            let missed = index.take_misses();
            for &id in &missed {
                let name = index.part_name(id).ok_or("a part the start file does not name")?.to_string();
                let bytes = by_name.get(name.as_str()).ok_or_else(|| format!("no part file {name}"))?;
                let (got, streams) = codec::decode_part(bytes)?;
                if got != id {
                    return Err(format!("{name} is another part").into());
                }
                index.insert_part(id, streams)?;
                files.insert(name);
            }
            Ok(!missed.is_empty())
        };
        // A ranking's posting lists, then its rows' text: a few rounds.
        for round in 0.. {
            if round == 8 {
                return Err(format!("{query:?} still misses parts after {round} rounds").into());
            }
            index.clear_misses();
            search_rows(Sources::new(&index, None), query, Sort::Relevance, PAGE, Some(&[]));
            if !fetch(&index, &mut files)? {
                break;
            }
        }
        index.clear_misses();
        index.facets.miss_all_absent();
        fetch(&index, &mut files)?;
        Ok(files)
    }
}

/// Writes the three corpora under `work`, indexes them and prints the table.
pub fn run(docs: usize, work: &Path) -> Result {
    let added = (docs / 100).max(1);
    let work = work.join(format!("update-{docs}"));
    let (old, daily, backfill) = (work.join("a"), work.join("b-daily"), work.join("b-backfill"));
    step(&format!("bench --update: {docs} articles, then {added} more, dated after all others and over the decade"));
    corpus::write(docs, &old)?;
    corpus::write(docs + added, &backfill)?;
    corpus::write(docs + added, &daily)?;
    let mut dated = 0;
    for i in docs..docs + added {
        let path = daily.join(format!("{:04}", i / 100)).join(format!("{i:06}.txt"));
        let text = std::fs::read_to_string(&path)?;
        let mut lines: Vec<&str> = text.split('\n').collect();
        // The date line (the generator's `Mon D YYYY`, after the title), if any.
        if let Some(line) = lines.iter_mut().take(4).find(|l| is_date_line(l)) {
            *line = NEWEST;
            dated += 1;
        }
        std::fs::write(&path, lines.join("\n"))?;
    }
    println!(
        "{dated} of the {added} added articles dated {NEWEST} in the daily update (the rest undated, as generated)"
    );

    let a = Edition::of(&old)?;
    let editions = [
        ("daily (new articles newest)", Edition::of(&daily)?),
        ("back-fill (dated over the decade)", Edition::of(&backfill)?),
    ];
    // Two queries of each kind, and the files each read in the old edition (what
    // the returning reader holds), found once for both new editions.
    let queries: Vec<String> =
        crate::bench::queries(false).into_iter().flat_map(|(_, qs)| qs.into_iter().take(2)).collect();
    let held = queries.iter().map(|q| a.files_for(q)).collect::<Result<Vec<_>>>()?;
    for (label, b) in &editions {
        let kept = b.gzip.keys().filter(|n| a.gzip.contains_key(*n)).count();
        let kept_bytes: u64 = b.gzip.iter().filter(|(n, _)| a.gzip.contains_key(*n)).map(|(_, g)| g).sum();
        let all_bytes: u64 = b.gzip.values().sum();
        println!(
            "\n### {label}: {kept} of {} data files unchanged ({} of {} KB gzip)",
            b.gzip.len(),
            kept_bytes / 1000,
            all_bytes / 1000
        );
        // Which kinds of part stayed as they were.
        let index = codec::decode(&b.start_bytes)?;
        let kinds: Vec<String> = index
            .part_tables()
            .iter()
            .map(|t| {
                let same = t.names.iter().filter(|n| a.gzip.contains_key(*n)).count();
                format!("{:?} {same} of {}", t.kind, t.names.len())
            })
            .collect();
        println!("unchanged by kind: {}; the start file always changes\n", kinds.join(", "));
        println!("| query | files (B) | KB gzip (B) | downloaded again: files, KB | share of the search's bytes |");
        println!("|---|---|---|---|---|");
        let (mut total, mut again) = (0u64, 0u64);
        for (q, before) in queries.iter().zip(&held) {
            let after = b.files_for(q)?;
            let bytes: u64 = after.iter().map(|n| b.gzip[n]).sum();
            let new: Vec<&String> = after.iter().filter(|n| !before.contains(*n)).collect();
            let new_bytes: u64 = new.iter().map(|n| b.gzip[*n]).sum();
            total += bytes;
            again += new_bytes;
            println!(
                "| `{q}` | {} | {:.1} | {}, {:.1} | {:.0} % |",
                after.len(),
                bytes as f64 / 1000.0,
                new.len(),
                new_bytes as f64 / 1000.0,
                100.0 * new_bytes as f64 / bytes.max(1) as f64
            );
        }
        println!(
            "| **all** | | {:.1} | {:.1} | **{:.0} %** (target ≤ 5 %) |",
            total as f64 / 1000.0,
            again as f64 / 1000.0,
            100.0 * again as f64 / total.max(1) as f64
        );
    }
    Ok(())
}

/// Whether `line` is the generator's date line: `Mon D YYYY`.
fn is_date_line(line: &str) -> bool {
    let parts: Vec<&str> = line.split(' ').collect();
    parts.len() == 3
        && corpus::MONTHS.contains(&parts[0])
        && parts[1].parse::<u8>().is_ok()
        && parts[2].len() == 4
        && parts[2].parse::<u16>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_generators_date_lines_are_dates() {
        for (line, date) in [
            ("Mar 7 2019", true),
            ("Dec 28 2024", true),
            ("Mar 7 2019 ", false),
            ("March 7 2019", false),
            ("Mar 7", false),
            ("Mar seven 2019", false),
            ("", false),
            ("By Anna Smith", false),
        ] {
            assert_eq!(is_date_line(line), date, "{line:?}");
        }
    }
}
