//! Clippings core: everything between a folder of plain-text articles and a ranked,
//! highlighted result list, with no web dependencies.
//!
//! Data flow: [`article`] (file → Article) → [`analysis`] (text → tokens with byte
//! spans) → [`index`] (postings, dictionary, stems; the text as words in [`text`])
//! ↔ [`codec`] (bytes) →
//! [`query`] (string → tree + hints) → [`search`] (ranked hits + [`highlight::Matcher`])
//! → [`highlight`] (snippets as text + ranges).
#![forbid(unsafe_code)]

pub mod analysis;
pub mod article;
pub mod batch;
pub mod codec;
pub mod collocates;
pub mod common;
pub mod common_walk;
pub mod corpus;
pub mod currency;
pub mod facets;
pub mod fields;
pub mod fuzzy;
pub mod highlight;
pub mod index;
pub mod keyed;
pub mod keywords;
#[cfg(feature = "marks")]
pub mod marks;
pub mod numbers;
pub mod parts;
pub mod postings;
pub mod query;
pub mod search;
pub mod sort;
pub mod text;
pub mod timeline;
mod unicode;
mod varint;
pub mod versions;
mod wordbreak;

pub use article::{Article, Date};
pub use highlight::{Matcher, Snippet};
pub use index::{Doc, Field, Index};
pub use search::{
    search, search_page, search_ranked, search_rows, search_top, Hit, Ranking, Results, Sort, Sources, PAGE,
};
