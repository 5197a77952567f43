//! Entities a source declares — ninjs `people`, `places` and `organisations`,
//! the Clippings schema's keys of those names — join the People, Places and
//! Organisations facets that `clippings_core::facets` finds in the text, with
//! no change to the index's format: the facets are built as for any corpus,
//! then each declared name is added to its article, as the value of its kind
//! that has that label (or folds that spelling), else as a value of its own.
//! A declared entity counts from one article on (the text's must be found in
//! `clippings_core::facets::MIN_DOCS`): the source names it, nothing is guessed.

use std::collections::HashMap;

use clippings_core::facets::{FacetKind, FacetValue, Facets};

/// Adds `declared` (article number, kind, name) to `facets`, keeping its values
/// sorted by kind, then label, as `Facets::build` leaves them.
pub fn declare(facets: &mut Facets, declared: &[(u32, FacetKind, String)]) {
    if declared.is_empty() {
        return;
    }
    let mut values = std::mem::take(&mut facets.values);
    let mut known: HashMap<(FacetKind, String), usize> = HashMap::new();
    for (i, v) in values.iter().enumerate() {
        for name in std::iter::once(&v.label).chain(&v.aliases) {
            known.entry((v.kind, name.clone())).or_insert(i);
        }
    }
    let mut added: Vec<(u32, usize)> = Vec::with_capacity(declared.len());
    for (doc, kind, name) in declared {
        let i = *known.entry((*kind, name.clone())).or_insert_with(|| {
            values.push(FacetValue { kind: *kind, label: name.clone(), aliases: Vec::new() });
            values.len() - 1
        });
        added.push((*doc, i));
    }
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| (values[a].kind, &values[a].label).cmp(&(values[b].kind, &values[b].label)));
    let mut new_id = vec![0u32; values.len()];
    for (position, &i) in order.iter().enumerate() {
        new_id[i] = position as u32;
    }
    for ids in facets.doc_values.iter_mut() {
        for id in ids.iter_mut() {
            *id = new_id[*id as usize];
        }
    }
    for (doc, i) in added {
        if let Some(ids) = facets.doc_values.get_mut(doc as usize) {
            ids.push(new_id[i]);
        }
    }
    for ids in facets.doc_values.iter_mut() {
        ids.sort_unstable();
        ids.dedup();
    }
    let mut slots: Vec<Option<FacetValue>> = values.into_iter().map(Some).collect();
    facets.values = order.iter().map(|&i| slots[i].take().expect("each value once")).collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use clippings_core::article::parse;

    fn labels(f: &Facets, doc: usize) -> Vec<String> {
        f.doc_values[doc]
            .iter()
            .map(|&v| format!("{}:{}", f.values[v as usize].kind, f.values[v as usize].label))
            .collect()
    }

    #[test]
    fn declared_entities_join_the_facets_found_in_the_text() {
        let texts = [
            "Talks in Geneva\nSergey Lavrov met Ararat Mirzoyan in Geneva on Tuesday.\nBy Ann Lee",
            "More talks\nSergei Lavrov and Ararat Mirzoyan met again, in Geneva.\nBy Bo Chen",
            "A quiet day\nNothing happened in the harbour at all.",
        ];
        let articles: Vec<_> = texts.iter().enumerate().map(|(i, t)| parse(&format!("a{i}"), t).unwrap()).collect();
        let mut f = Facets::build(&articles);
        let before = f.clone();
        let lavrov = f.find(FacetKind::Person, "Sergei Lavrov").expect("the text's Lavrov");
        assert_eq!(f.values[lavrov as usize].aliases, ["Sergey Lavrov"], "{:?}", f.values);
        let declared = [
            // Already a value, by its label and by a spelling folded into it.
            (2, FacetKind::Person, "Ararat Mirzoyan".to_string()),
            (2, FacetKind::Person, "Sergey Lavrov".to_string()),
            // New values, in one article only: they count all the same.
            (2, FacetKind::Organisation, "Harbour Trust".to_string()),
            (0, FacetKind::Place, "Aaland".to_string()),
            (0, FacetKind::Place, "Aaland".to_string()),
            // An article out of range is passed over.
            (9, FacetKind::Place, "Nowhere".to_string()),
        ];
        declare(&mut f, &declared);
        let mut sorted = f.values.clone();
        sorted.sort_by(|a, b| (a.kind, &a.label).cmp(&(b.kind, &b.label)));
        assert_eq!(f.values, sorted, "values stay sorted by kind and label");
        assert_eq!(f.values.len(), before.values.len() + 3, "{:?}", f.values);
        let lavrov = f.find(FacetKind::Person, "Sergei Lavrov").unwrap();
        assert!(f.doc_values[2].contains(&lavrov), "a folded spelling is its value's: {:?}", labels(&f, 2));
        for doc in 0..3 {
            let mut want = labels(&before, doc);
            match doc {
                0 => want.push("place:Aaland".into()),
                2 => want
                    .extend(["person:Ararat Mirzoyan", "person:Sergei Lavrov", "org:Harbour Trust"].map(String::from)),
                _ => {}
            }
            let mut got = labels(&f, doc);
            want.sort();
            got.sort();
            assert_eq!(got, want, "article {doc}");
        }
        assert!(f.find(FacetKind::Place, "Nowhere").is_some(), "named, though no article holds it");
    }
}
