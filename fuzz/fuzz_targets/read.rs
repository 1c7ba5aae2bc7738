//! Any bytes as a .txt or .jsonl file: read or refused with a skip, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::{read_file, Knowledge};
use std::sync::OnceLock;

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(Knowledge::embedded)
}

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("newsgraph-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["a.txt", "a.jsonl"] {
        let p = dir.join(name);
        std::fs::write(&p, data).unwrap();
        let _ = read_file(&p, knowledge());
    }
});
