//! `cargo xtask corpus --docs N --out DIR`: a deterministic synthetic news corpus
//! for benchmarks. Same N, same files, on every machine.
//!
//! Articles are 300–12,000 characters (log-normal, median ~600), words drawn from a Zipfian
//! vocabulary (common English words first, then generated words), with headlines
//! (10% missing), dates over 2015–2024 (10% undated), bylines at the end (70%),
//! named entities with spelling variants, curly quotes and diacritics.

use std::fmt::Write as _;
use std::path::Path;

/// SplitMix64: small, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const COMMON: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "is",
    "for",
    "on",
    "was",
    "with",
    "said",
    "as",
    "by",
    "it",
    "at",
    "from",
    "his",
    "an",
    "be",
    "has",
    "have",
    "are",
    "which",
    "were",
    "not",
    "this",
    "but",
    "its",
    "will",
    "had",
    "government",
    "minister",
    "president",
    "country",
    "security",
    "talks",
    "agreement",
    "foreign",
    "relations",
    "economic",
    "region",
    "peace",
    "treaty",
    "border",
    "officials",
    "statement",
    "meeting",
    "cooperation",
    "trade",
    "policy",
    "military",
    "support",
    "parliament",
    "election",
    "week",
    "year",
    "new",
    "also",
    "after",
    "more",
];
const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "ten", "sar", "lo", "vi", "dan", "el", "ur", "po", "gra", "ni", "shta", "bel", "mor", "ze",
    "tri", "an", "ko", "ves", "lu", "dor", "fa", "hin", "qu", "ya", "pel", "ost", "rin",
];
const PEOPLE: &[(&str, &str)] = &[
    ("Sergey Lavrov", "Sergei Lavrov"),
    ("Nikol Pashinyan", "Nikol Pashinian"),
    ("Ilham Aliyev", "Ilham Aliev"),
    ("Recep Erdoğan", "Recep Erdogan"),
    ("Ararat Mirzoyan", "Ararat Mirzoian"),
    ("Maria Zakharova", "Mariya Zakharova"),
];
const PLACES: &[&str] = &["Yerevan", "Baku", "Tbilisi", "Moscow", "Ankara", "Türkiye", "Brussels", "Tehran", "Gyumri"];
const ORGS: &[&str] = &["CSTO", "European Union", "United Nations", "OSCE", "Eurasian Economic Union", "NATO"];
const BYLINES: &[&str] = &[
    "Naila Huseynova",
    "Emil Lazarian",
    "Ani Grigoryan",
    "Lucía Pérez",
    "Tom Becker",
    "Søren Holm",
    "Zaruhi Mejlumyan",
];

/// A Zipfian vocabulary: word `r` (0-based) has weight 1 / (r + 1)^1.07.
pub struct Vocabulary {
    pub words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    pub fn new(size: usize, rng: &mut Rng) -> Self {
        let mut words: Vec<String> = COMMON.iter().map(|w| w.to_string()).collect();
        let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
        while words.len() < size {
            let n = 2 + rng.below(3);
            let w: String = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|r| {
                total += 1.0 / ((r + 1) as f64).powf(1.07);
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    pub fn sample(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = rng.unit() * total;
        let i = self.cumulative.partition_point(|&c| c < x).min(self.words.len() - 1);
        &self.words[i]
    }
}

fn sentence(vocab: &Vocabulary, rng: &mut Rng, out: &mut String) {
    let n = 8 + rng.below(18);
    for i in 0..n {
        let r = rng.below(100);
        let word: String = if r < 3 {
            let (a, b) = *rng.pick(PEOPLE);
            if rng.below(4) == 0 {
                b.to_string()
            } else {
                a.to_string()
            }
        } else if r < 6 {
            rng.pick(PLACES).to_string()
        } else if r < 8 {
            rng.pick(ORGS).to_string()
        } else if r < 9 {
            format!("{}", 1990 + rng.below(35))
        } else {
            vocab.sample(rng).to_string()
        };
        if i == 0 {
            let mut c = word.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(&word);
        }
        if i + 1 < n && rng.below(14) == 0 {
            out.push(',');
        }
    }
    out.push('.');
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// The text of article `i`.
pub fn article(i: usize, vocab: &Vocabulary, seed: u64) -> String {
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    // Log-normal length between 300 and 12,000 characters: median ~600 after the last paragraph,
    // so 50,000 articles make about 33 M characters, like the peers' benchmark corpus.
    let normal = (0..12).map(|_| rng.unit()).sum::<f64>() - 6.0;
    let target = (330.0 * (1.3 * normal).exp2()).clamp(300.0, 12_000.0) as usize;
    let mut out = String::with_capacity(target + 200);
    if rng.below(10) != 0 {
        let mut title = String::new();
        sentence(vocab, &mut rng, &mut title);
        title.pop();
        let words: Vec<&str> = title.split(' ').take(6 + rng.below(6)).collect();
        let _ = writeln!(out, "{}", words.join(" "));
        if rng.below(10) != 0 {
            let _ = writeln!(out, "\n{} {} {}\n", MONTHS[rng.below(12)], 1 + rng.below(28), 2015 + rng.below(10));
        }
    }
    while out.len() < target {
        let mut para = String::new();
        for _ in 0..(2 + rng.below(4)) {
            if rng.below(6) == 0 {
                para.push('“');
                sentence(vocab, &mut rng, &mut para);
                para.push_str("” ");
            } else {
                sentence(vocab, &mut rng, &mut para);
                para.push(' ');
            }
        }
        out.push_str(para.trim_end());
        out.push('\n');
    }
    if rng.below(10) < 7 {
        let _ = writeln!(out, "By {}", rng.pick(BYLINES));
    }
    out
}

/// The benchmark corpus's vocabulary.
pub fn vocabulary() -> Vocabulary {
    Vocabulary::new(40_000, &mut Rng::new(0xC11F))
}

/// Writes `docs` articles into `dir` (100 per folder) and returns total bytes.
/// Files that already hold the right text are left alone (so their times do not
/// change and a build that reads them is not disturbed); other `.txt` files
/// below `dir` are removed.
pub fn write(docs: usize, dir: &Path) -> std::io::Result<u64> {
    let vocab = vocabulary();
    let mut bytes = 0;
    let mut wanted = std::collections::HashSet::new();
    for i in 0..docs {
        let sub = dir.join(format!("{:04}", i / 100));
        if i % 100 == 0 {
            std::fs::create_dir_all(&sub)?;
        }
        let text = article(i, &vocab, 0x5EED);
        bytes += text.len() as u64;
        let path = sub.join(format!("{i:06}.txt"));
        if std::fs::read(&path).ok().as_deref() != Some(text.as_bytes()) {
            std::fs::write(&path, text)?;
        }
        wanted.insert(path);
    }
    remove_others(dir, &wanted)?;
    Ok(bytes)
}

fn remove_others(dir: &Path, keep: &std::collections::HashSet<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            remove_others(&path, keep)?;
        } else if path.extension().is_some_and(|e| e == "txt") && !keep.contains(&path) {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_deterministic_and_within_bounds() {
        let mut rng = Rng::new(1);
        let vocab = Vocabulary::new(2000, &mut rng);
        let a = article(7, &vocab, 3);
        assert_eq!(a, article(7, &vocab, 3));
        assert_ne!(a, article(8, &vocab, 3));
        for i in 0..200 {
            let len = article(i, &vocab, 3).len();
            assert!((300..13_000).contains(&len), "article {i} has {len} bytes");
        }
    }

    #[test]
    fn zipf_puts_common_words_first() {
        let mut rng = Rng::new(2);
        let vocab = Vocabulary::new(5000, &mut rng);
        let the = (0..10_000).filter(|_| vocab.sample(&mut rng) == "the").count();
        assert!(the > 700, "'the' drawn {the} times of 10,000");
    }
}
