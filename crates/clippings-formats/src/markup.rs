//! Markup never survives: HTML in any field (WXR `content:encoded`, REST
//! `content.rendered`, feed descriptions, CSV cells, titles with entities)
//! becomes plain paragraphs, parsed by html5ever as a browser would.
//!
//! - tags are dropped, entities decoded, comments dropped;
//! - `<script>`, `<style>`, `<template>`, forms, navigation, headers and footers
//!   are dropped with their content;
//! - block elements (`<p>`, `<div>`, `<li>`, `<h2>`, …) and blank lines in the
//!   text (WordPress stores paragraphs as blank lines) end a paragraph;
//! - text without markup keeps one paragraph per non-blank line, as a `.txt` file.

use ego_tree::NodeRef;
use scraper::node::Node;
use scraper::Html;

use crate::one_line;

/// Elements dropped with everything inside them.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "iframe", "object", "embed", "svg", "math", "canvas",
    "button", "form", "input", "select", "textarea", "nav", "aside", "footer", "header",
];

/// Elements that stand on lines of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "hr",
    "address",
    "details",
    "summary",
    "body",
    "html",
];

/// Whether `s` holds markup or entities worth a parse.
pub fn has_markup(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
        || (s.contains('&') && s.contains(';'))
}

/// The paragraphs of `s`, HTML or plain text.
pub fn paragraphs(s: &str) -> Vec<String> {
    if !has_markup(s) {
        return s.lines().map(one_line).filter(|l| !l.is_empty()).collect();
    }
    let html = Html::parse_fragment(s);
    let mut out = Paragraphs::default();
    out.walk(html.tree.root());
    out.flush();
    out.done
}

/// `s` as one line of plain text (a title, a name, a tag).
pub fn text(s: &str) -> String {
    if !has_markup(s) {
        return one_line(s);
    }
    one_line(&paragraphs(s).join(" "))
}

/// Paragraphs of the element `node` and what it holds.
pub fn paragraphs_of(node: NodeRef<'_, Node>) -> Vec<String> {
    let mut out = Paragraphs::default();
    out.walk(node);
    out.flush();
    out.done
}

#[derive(Default)]
struct Paragraphs {
    done: Vec<String>,
    /// Text since the last block boundary, newlines kept.
    open: String,
}

impl Paragraphs {
    fn walk(&mut self, node: NodeRef<'_, Node>) {
        match node.value() {
            Node::Text(t) => self.open.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if DROPPED.contains(&name) {
                    return;
                }
                if name == "br" {
                    self.open.push('\n');
                    return;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    self.flush();
                }
                for child in node.children() {
                    self.walk(child);
                }
                if block {
                    self.flush();
                }
            }
            Node::Document | Node::Fragment => {
                for child in node.children() {
                    self.walk(child);
                }
            }
            _ => {}
        }
    }

    /// Ends the open text: a paragraph per run of non-blank lines.
    fn flush(&mut self) {
        let mut para = String::new();
        for line in self.open.lines().chain([""]) {
            if line.trim().is_empty() {
                let p = one_line(&para);
                if !p.is_empty() {
                    self.done.push(p);
                }
                para.clear();
            } else {
                para.push(' ');
                para.push_str(line);
            }
        }
        self.open.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_plain_paragraphs() {
        let rows: &[(&str, &[&str])] = &[
            ("<p>One &amp; two</p><p>Three&nbsp;four &#8217;five&#8217;</p>", &["One & two", "Three four ’five’"]),
            ("First para\nstill first.\n\nSecond <em>para</em>.", &["First para still first.", "Second para."]),
            ("<script>alert(1)</script><style>p{}</style><!-- note --><p>Kept</p>", &["Kept"]),
            ("<div>a<br><br>b</div><ul><li>x</li><li>y</li></ul>", &["a", "b", "x", "y"]),
            ("<p>Broken <b>markup", &["Broken markup"]),
            ("Plain line one\nPlain line two", &["Plain line one", "Plain line two"]),
            ("<img src=x onerror=alert(1)><p>After</p>", &["After"]),
        ];
        for (html, want) in rows {
            assert_eq!(paragraphs(html), *want, "{html}");
        }
        assert_eq!(text("Talks &#8211; <i>again</i>"), "Talks – again");
        assert_eq!(text("AT&T wins"), "AT&T wins");
    }
}
