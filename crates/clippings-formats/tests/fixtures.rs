//! The fixture exports of tests/corpora/formats (one folder, every format mixed)
//! index to the records they declare; each broken sibling in
//! tests/corpora/formats-broken is named with its file and line or record.

use std::path::{Path, PathBuf};

use clippings_core::Article;
use clippings_formats::{load, load_files, Stamp};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpora").join(name)
}

/// What a record should declare: id, title, authors, published, section, tags,
/// URL, source, and its paragraphs' count and first words.
struct Want {
    id: &'static str,
    title: &'static str,
    bylines: &'static [&'static str],
    published: &'static str,
    section: &'static str,
    tags: &'static [&'static str],
    url: &'static str,
    source: &'static str,
    paragraphs: usize,
    starts: &'static str,
}

const WANT: &[(&str, &[Want])] = &[
    (
        "wordpress-export.xml",
        &[
            Want {
                id: "ledger.example.com-p-101",
                title: "Ferry strike ends after night of talks",
                bylines: &["Mariam Karapetyan"],
                published: "2024-03-05T07:30:00Z",
                section: "Transport",
                tags: &["ferries", "strikes"],
                url: "https://ledger.example.com/2024/03/ferry-strike-ends/",
                source: "Harbour Ledger",
                paragraphs: 4,
                starts: "Ferry crews returned to the quay on Tuesday after negotiators agreed a new rota & a pay rise",
            },
            Want {
                id: "ledger.example.com-p-102",
                title: "Council votes to rebuild the old fish market",
                bylines: &["Daniel Novak", "Mariam Karapetyan"],
                published: "2024-03-07T16:05:00Z",
                section: "Politics",
                tags: &["council", "markets"],
                url: "https://ledger.example.com/2024/03/fish-market-vote/",
                source: "Harbour Ledger",
                paragraphs: 2,
                starts: "The city council voted eleven to four",
            },
        ],
    ),
    (
        "wire.rss",
        &[
            Want {
                id: "wire.example.org-news-storm-lighthouse-road",
                title: "Storm closes the northern lighthouse road",
                bylines: &["Ines Alvarez"],
                published: "2024-03-09T18:45:00+01:00",
                section: "",
                tags: &["weather", "roads"],
                url: "https://wire.example.org/news/storm-lighthouse-road",
                source: "Coastal Wire",
                paragraphs: 2,
                starts: "Gales of up to ninety kilometres",
            },
            Want {
                id: "wire.example.org-news-lifeboat-crew-honoured",
                title: "Lifeboat crew honoured for winter rescue",
                bylines: &["Tomas Berg"],
                published: "2024-03-10T09:00:00Z",
                section: "",
                tags: &["rescue"],
                url: "https://wire.example.org/news/lifeboat-crew-honoured",
                source: "Coastal Wire",
                paragraphs: 1,
                starts: "The volunteer crew",
            },
        ],
    ),
    (
        "gazette.atom",
        &[
            Want {
                id: "gazette.example.net-2024-shipyard-orders",
                title: "Shipyard wins three new orders",
                bylines: &["Leila Haddad", "Piotr Zielinski"],
                published: "2024-03-11T14:20:00+01:00",
                section: "",
                tags: &["shipbuilding", "jobs"],
                url: "https://gazette.example.net/business/shipyard-orders",
                source: "Harbour Gazette",
                paragraphs: 2,
                starts: "The shipyard on the east quay",
            },
            Want {
                id: "gazette.example.net-2024-tide-tables",
                title: "Tide tables move online",
                bylines: &["Leila Haddad"],
                published: "2024-03-12T08:00:00Z",
                section: "",
                tags: &[],
                url: "https://gazette.example.net/local/tide-tables-online",
                source: "Harbour Gazette",
                paragraphs: 2,
                starts: "The harbour master will publish",
            },
        ],
    ),
    (
        "ninjs.json",
        &[Want {
            id: "newsagency.example.com-2024-03-13-lighthouse-keeper",
            title: "Last lighthouse keeper retires after forty years",
            bylines: &["Sofia Marchetti"],
            published: "2024-03-13T06:00:00Z",
            section: "Culture",
            tags: &["heritage", "lighthouses"],
            url: "http://newsagency.example.com/2024/03/13/lighthouse-keeper",
            source: "Example News Agency",
            paragraphs: 2,
            starts: "The last keeper of the harbour lighthouse",
        }],
    ),
    (
        "wp-posts.json",
        &[Want {
            id: "bay.example.com-p-311",
            title: "Night market opens on the quay – with lanterns",
            bylines: &["Hana Sato"],
            published: "2024-03-14T10:00:00Z",
            section: "Culture",
            tags: &["markets", "nightlife"],
            url: "https://bay.example.com/2024/03/14/night-market-opens/",
            source: "",
            paragraphs: 2,
            starts: "Forty stalls opened on the quay",
        }],
    ),
    (
        "briefs.jsonl",
        &[
            Want {
                id: "brief-2024-03-15-bridge",
                title: "Swing bridge repairs finish early",
                bylines: &["Omar Farouk", "Ines Alvarez"],
                published: "2024-03-15T12:00:00+01:00",
                section: "Transport",
                tags: &["bridges", "roads"],
                url: "https://briefs.example.org/bridge-repairs",
                source: "Harbour Briefs",
                paragraphs: 2,
                starts: "The swing bridge reopened",
            },
            Want {
                id: "brief-2024-03-16-library",
                title: "Harbour library extends opening hours",
                bylines: &["Omar Farouk"],
                published: "2024-03-16",
                section: "Culture",
                tags: &["libraries", "reading"],
                url: "",
                source: "",
                paragraphs: 2,
                starts: "The library will open until nine",
            },
        ],
    ),
    (
        "archive.csv",
        &[
            Want {
                id: "arch-1987-0412",
                title: "Fishing fleet returns with record catch",
                bylines: &["Grace O'Neill", "Martin Kowalski"],
                published: "1987-04-12",
                section: "Business",
                tags: &["fishing", "archive"],
                url: "https://archive.example.com/1987/fleet-record-catch",
                source: "",
                paragraphs: 2,
                starts: "The fleet returned on Sunday",
            },
            Want {
                id: "arch-1991-0803",
                title: "Harbour wall breached in August gale",
                bylines: &["Martin Kowalski"],
                published: "1991-08-03",
                section: "Weather",
                tags: &["storms", "archive"],
                url: "https://archive.example.com/1991/harbour-wall-gale",
                source: "",
                paragraphs: 2,
                starts: "A section of the harbour wall collapsed",
            },
        ],
    ),
    (
        "regatta.html",
        &[Want {
            id: "regatta",
            title: "Regatta returns after five years",
            bylines: &["Erik Lindqvist", "Amara Okafor"],
            published: "2024-03-17T09:15:00+01:00",
            section: "Sport",
            tags: &["sailing", "regatta"],
            url: "https://herald.example.com/sport/regatta-returns",
            source: "Harbour Herald",
            paragraphs: 2,
            starts: "Sixty yachts will race across the bay",
        }],
    ),
    (
        "dredging-plan.md",
        &[Want {
            id: "dredging-plan",
            title: "Dredging plan would deepen the harbour channel",
            bylines: &["Noor Rahman", "Daniel Novak"],
            published: "2024-03-18T08:00:00+01:00",
            section: "Politics",
            tags: &["harbour", "dredging"],
            url: "https://notes.example.com/dredging-plan",
            source: "Harbour Notes",
            paragraphs: 5,
            starts: "The port authority wants to deepen",
        }],
    ),
    (
        // Declares German: its words are stemmed as German (crates/clippings-core/tests/languages.rs).
        "neue-haeuser.md",
        &[Want {
            id: "neue-haeuser",
            title: "Neue Häuser am alten Hafen",
            bylines: &["Lena Vogel"],
            published: "2024-03-20T10:00:00+01:00",
            section: "",
            tags: &[],
            url: "",
            source: "",
            paragraphs: 2,
            starts: "Die Stadt baut neue Häuser",
        }],
    ),
    (
        "seawall-letter.txt",
        &[Want {
            id: "seawall-letter",
            title: "Readers write about the new seawall",
            bylines: &["Helen Ward"],
            published: "2024-03-19",
            section: "",
            tags: &[],
            url: "",
            source: "",
            paragraphs: 2,
            starts: "The new seawall has made the promenade safer",
        }],
    ),
];

fn check(file: &str, got: &Article, want: &Want) {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let at = format!("{file} {}", want.id);
    let meta = &got.meta;
    assert_eq!(got.id, want.id, "{at}");
    assert_eq!(got.title, want.title, "{at}");
    assert!(!got.title_derived, "{at}");
    if file.ends_with(".txt") {
        assert_eq!(got.byline.as_deref(), Some(want.bylines[0]), "{at}: a text file's byline");
    } else {
        assert_eq!(meta.authors, want.bylines, "{at}");
        assert_eq!(got.byline.as_deref(), Some(want.bylines.join(", ").as_str()), "{at}: the co-authors, joined");
    }
    let published = got.date.map(|date| Stamp { date, time: meta.time }.to_string());
    assert_eq!(published.unwrap_or_default(), want.published, "{at}");
    assert_eq!(opt(&meta.section), want.section, "{at}");
    assert_eq!(meta.tags, want.tags, "{at}");
    assert_eq!(opt(&meta.url), want.url, "{at}");
    assert_eq!(opt(&meta.source), want.source, "{at}");
    let paragraphs: Vec<&str> = got.paragraphs.iter().map(|r| &got.text[r.clone()]).collect();
    assert_eq!(paragraphs.len(), want.paragraphs, "{at}: {paragraphs:?}");
    assert!(paragraphs[0].starts_with(want.starts), "{at}: {paragraphs:?}");
    for p in paragraphs {
        assert!(!p.contains('<') && !p.contains("&amp;") && !p.contains("&#"), "{at}: markup left in {p:?}");
        assert!(!p.contains("trackReader") && !p.contains("window.ads") && !p.contains("Advertisement"), "{p:?}");
    }
}

#[test]
fn each_fixture_reads_to_the_records_it_declares() {
    for (file, wants) in WANT {
        let loaded = load_files(vec![corpus("formats").join(file)]).unwrap_or_else(|e| panic!("{file}: {e:?}"));
        assert_eq!(loaded.articles.len(), wants.len(), "{file}: {:?}", loaded.articles);
        for (got, want) in loaded.articles.iter().zip(*wants) {
            check(file, got, want);
        }
    }
}

#[test]
fn a_mixed_folder_loads_as_one_corpus() {
    let loaded = load(&corpus("formats")).unwrap_or_else(|e| panic!("{e:?}"));
    let expected: usize = WANT.iter().map(|(_, w)| w.len()).sum();
    assert_eq!(loaded.articles.len(), expected);
    let summary = loaded.summary(loaded.articles.len(), 1234);
    assert!(summary.starts_with(&format!("{expected} articles indexed, 1234 bytes of index")), "{summary}");
    for part in ["6 feed/WXR", "2 CSV", "1 HTML", "2 Markdown", "1 text", "1 records without text skipped"] {
        assert!(summary.contains(part), "{part} in {summary}");
    }
    assert!(summary.contains("archive.csv: line 5"), "the empty row is named: {summary}");
    let passed: Vec<String> = loaded.passed.iter().map(|(p, why)| format!("{}: {why}", p.at)).collect();
    assert_eq!(passed, ["line 58: WordPress attachment", "line 66: WordPress status draft"]);
    assert!(loaded.watched.iter().any(|p| p.ends_with("archive.columns.json")), "the mapping is watched");
    let german = loaded.articles.iter().find(|a| a.id == "neue-haeuser").expect("the German article");
    assert_eq!(german.meta.language.as_deref(), Some("de"), "front matter's language");
}

#[test]
fn every_broken_sibling_is_named_at_once() {
    let problems = load(&corpus("formats-broken")).expect_err("a broken corpus");
    let text: Vec<String> = problems
        .iter()
        .map(|p| {
            format!("{}: {}", p.place.path.file_name().unwrap().to_string_lossy(), p)
                .replace(&p.place.path.display().to_string(), "")
        })
        .collect();
    let want: &[(&str, &str)] = &[
        ("archive.csv", ": line 4: date 'March the somethingth' does not parse"),
        ("briefs.jsonl", ": line 2: malformed JSON at column 56"),
        ("briefs.jsonl", ": line 3: JSON record of the wrong shape (Clippings schema): unknown field `bdoy`"),
        ("dredging-plan.md", ": line 5: malformed YAML front matter"),
        ("gazette.atom", ": line 4: URL 'javascript:alert(document.cookie)' refused"),
        ("ninjs.json", ": line 3: JSON record of the wrong shape (ninjs): invalid type: string"),
        ("regatta.html", ": line 6: malformed JSON-LD (script 1): trailing comma"),
        ("seawall-letter.txt", ": line 2: invalid UTF-8 at byte offset 28"),
        ("wire.rss", ": line 5: date 'last Tuesday, around noon' does not parse"),
        ("wordpress-export.xml", ": line 10: malformed XML"),
        ("wp-posts.json", ": record 2: date '2024-13-45T99:00:00' does not parse"),
    ];
    assert_eq!(text.len(), want.len(), "{text:#?}");
    for (got, (file, message)) in text.iter().zip(want) {
        assert!(got.starts_with(file) && got.contains(message), "{got:?} should be {file}{message}");
    }
}

#[test]
fn duplicate_ids_and_urls_name_both_places() {
    let dir = std::env::temp_dir().join(format!("clippings-formats-dup-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let line = |id: &str, url: &str| format!(r#"{{"id": "{id}", "title": "T", "url": "{url}", "body": "Text."}}"#);
    let jsonl = [line("one", "https://x.org/1"), line("two", "https://x.org/1"), line("one", "https://x.org/3")];
    std::fs::write(dir.join("a.jsonl"), jsonl.join("\n")).unwrap();
    std::fs::write(dir.join("one.md"), "---\ntitle: Same id as a.jsonl's first\n---\nText.\n").unwrap();
    let problems: Vec<String> = load(&dir).unwrap_err().iter().map(|p| p.to_string()).collect();
    std::fs::remove_dir_all(&dir).unwrap();
    let a = dir.join("a.jsonl").display().to_string();
    assert_eq!(
        problems,
        [
            format!("{a}: line 2: duplicate URL 'https://x.org/1' (also {a}: line 1)"),
            format!("{a}: line 3: duplicate article id 'one' (also {a}: line 1)"),
            format!("{}: duplicate article id 'one' (also {a}: line 1)", dir.join("one.md").display()),
        ]
    );
}

#[test]
fn the_mixed_folder_indexes_with_its_metadata_as_facets() {
    use clippings_core::codec;
    use clippings_core::facets::FacetKind;
    let mut loaded = load(&corpus("formats")).unwrap_or_else(|e| panic!("{e:?}"));
    let index = codec::decode(&codec::encode(&loaded.index())).unwrap();
    let docs_with = |kind: FacetKind, label: &str| -> Vec<String> {
        let id = index.facets.find(kind, label).unwrap_or_else(|| panic!("no {kind} {label}"));
        let docs = (0..index.len()).filter(|&d| index.facets.doc_values[d].contains(&id));
        // In date order, as the index numbers them; compared as sets.
        let mut ids: Vec<String> = docs.map(|d| index.id(d as u32)).collect();
        ids.sort();
        ids
    };
    assert_eq!(docs_with(FacetKind::Section, "Transport"), ["brief-2024-03-15-bridge", "ledger.example.com-p-101"]);
    assert_eq!(docs_with(FacetKind::Tag, "markets"), ["bay.example.com-p-311", "ledger.example.com-p-102"]);
    assert_eq!(docs_with(FacetKind::Author, "Mariam Karapetyan").len(), 2, "each co-author counts");
    assert_eq!(docs_with(FacetKind::Source, "Harbour Herald"), ["regatta"]);
    // The entities ninjs declares, each in one article only; its author is no entity.
    let keeper = ["newsagency.example.com-2024-03-13-lighthouse-keeper"];
    assert_eq!(docs_with(FacetKind::Person, "Ines Albrecht"), keeper);
    assert_eq!(docs_with(FacetKind::Organisation, "Harbour Lights Trust"), keeper);
    assert_eq!(docs_with(FacetKind::Place, "Harbour City"), keeper);
    assert_eq!(index.facets.find(FacetKind::Person, "Sofia Marchetti"), None);
    let regatta = index.article(index.find("regatta").unwrap());
    assert_eq!(regatta.meta.url.as_deref(), Some("https://herald.example.com/sport/regatta-returns"));
    assert_eq!(regatta.meta.time.map(|t| t.to_string()).as_deref(), Some("09:15 UTC+01:00"));
    assert_eq!(regatta.byline.as_deref(), Some("Erik Lindqvist, Amara Okafor"));
}
