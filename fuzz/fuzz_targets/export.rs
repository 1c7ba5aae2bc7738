//! Every export of a graph built from any text re-parses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::{build_graph, write_dot, write_json, write_nquads, write_turtle, Article, Date, Knowledge};
use std::sync::OnceLock;

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(Knowledge::embedded)
}

fuzz_target!(|text: &str| {
    let a = Article::new("fuzz <\"#>", text).published(Date::new(2022, 1, 10).unwrap());
    let g = build_graph(std::slice::from_ref(&a), knowledge());
    let (mut ttl, mut nq, mut json, mut dot) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    write_turtle(&g, newsgraph::DEFAULT_BASE, &mut ttl).unwrap();
    write_nquads(&g, newsgraph::DEFAULT_BASE, &mut nq).unwrap();
    write_json(&g, newsgraph::DEFAULT_BASE, &mut json).unwrap();
    write_dot(&g, &mut dot).unwrap();
    serde_json::from_slice::<serde_json::Value>(&json).unwrap();
    assert!(std::str::from_utf8(&ttl).is_ok() && std::str::from_utf8(&nq).is_ok());
    assert!(std::str::from_utf8(&dot).is_ok());
});
