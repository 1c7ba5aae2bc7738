//! Shared test helpers: one fresh build of the seeds per test binary, and external tools that are
//! skipped (or, with NEWSGRAPH_REQUIRE_TOOLS=1 as on CI, required).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder with a fresh build of `seeds/`, made once per test binary.
pub fn fresh_build() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("seeds-build-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let cfg = newsgraph::BuildConfig::new(vec![root().join("seeds")], &dir).svg(false);
        newsgraph::build(&cfg).expect("the seeds build");
        dir
    })
}

/// Whether `tool` is on the PATH; when it is not, says "skipped: <tool> not found", or fails the test
/// when NEWSGRAPH_REQUIRE_TOOLS is set.
pub fn have(tool: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var_os("NEWSGRAPH_REQUIRE_TOOLS").is_some() {
            panic!(
                "{tool} not found, and NEWSGRAPH_REQUIRE_TOOLS is set (install it: see .ci/run)"
            );
        }
        eprintln!("skipped: {tool} not found");
    }
    found
}

/// Skips (or fails under NEWSGRAPH_REQUIRE_TOOLS) for a missing dependency other than a program.
pub fn skip(what: &str) {
    if std::env::var_os("NEWSGRAPH_REQUIRE_TOOLS").is_some() {
        panic!("{what} not found, and NEWSGRAPH_REQUIRE_TOOLS is set (install it: see .ci/run)");
    }
    eprintln!("skipped: {what} not found");
}

/// Runs the Python validators (`tests/validate.py`: rdflib, pySHACL, networkx) over an output
/// folder and returns what they printed; `None` when they are not installed (skipped, or a failure
/// on CI). Fails the test when a check fails.
pub fn validate(out: &Path) -> Option<String> {
    if !have("python3") {
        return None;
    }
    let r = Command::new("python3")
        .arg(root().join("tests/validate.py"))
        .arg(out)
        .arg(root().join("ontology"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&r.stdout).to_string() + &String::from_utf8_lossy(&r.stderr);
    if r.status.code() == Some(3) {
        skip(text.trim());
        return None;
    }
    assert!(
        r.status.success(),
        "validate.py {} failed:\n{text}",
        out.display()
    );
    Some(text)
}

/// The Turtle `ttl` as oxttl writes it after reading it back, with the prefixes `ttl` declares:
/// newsgraph assembles its Turtle itself, and must match this byte for byte.
#[allow(dead_code)]
pub fn turtle_by_oxttl(ttl: &[u8]) -> Vec<u8> {
    let mut ser = oxttl::TurtleSerializer::new();
    for line in String::from_utf8_lossy(ttl).lines() {
        if let Some((name, iri)) = line
            .strip_prefix("@prefix ")
            .and_then(|l| l.strip_suffix("> ."))
            .and_then(|l| l.split_once(": <"))
        {
            ser = ser.with_prefix(name, iri).unwrap();
        }
    }
    let mut ser = ser.for_writer(Vec::new());
    for t in oxttl::TurtleParser::new().for_slice(ttl) {
        ser.serialize_triple(&t.unwrap()).unwrap();
    }
    ser.finish().unwrap()
}
