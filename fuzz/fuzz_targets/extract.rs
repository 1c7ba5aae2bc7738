//! Extraction of any text: no panic, every span inside the text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::{extract, Article, Date, Knowledge};
use std::sync::OnceLock;

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(Knowledge::embedded)
}

fuzz_target!(|text: &str| {
    let a = Article::new("fuzz", text).published(Date::new(2022, 1, 10).unwrap());
    let facts = extract(&a, knowledge());
    for e in &facts.edges {
        let sp = e.evidence.span;
        assert!(sp.start <= sp.end && sp.end <= text.len());
        assert_eq!(text.get(sp.start..sp.end), Some(&*e.evidence.text));
    }
});
