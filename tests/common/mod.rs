//! Shared test helpers: one fresh build of the seeds per test binary, and the external tools of
//! `tests/setup.sh` (its venv first, then the PATH), whose absence skips a check visibly (or, with
//! NEWSGRAPH_REQUIRE_TOOLS=1 as on CI, fails it).

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The embedded knowledge, loaded once per test binary (a load parses the whole gazetteer).
pub fn knowledge() -> &'static newsgraph::Knowledge {
    static K: OnceLock<newsgraph::Knowledge> = OnceLock::new();
    K.get_or_init(newsgraph::Knowledge::embedded)
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

/// The folder `tests/setup.sh` installs the test tools into: a Python venv (`bin/`) and the npm
/// packages (`node_modules/`). Tools found there are used before those on the PATH.
pub fn tools_dir() -> PathBuf {
    root().join(".venv")
}

/// The PATH for test tools: the venv's `bin/` first, then the inherited PATH.
fn tool_path() -> std::ffi::OsString {
    let mut dirs = vec![tools_dir().join("bin")];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap_or_default()
}

/// A command for an external test tool, found in the venv of `tests/setup.sh` or on the PATH, with
/// that PATH and the venv's npm packages (NODE_PATH) in its environment.
pub fn command(tool: &str) -> Command {
    let local = tools_dir().join("bin").join(tool);
    let mut c = Command::new(if local.exists() {
        local.into_os_string()
    } else {
        tool.into()
    });
    c.env("PATH", tool_path());
    let mut node = vec![tools_dir().join("node_modules")];
    node.extend(std::env::split_paths(
        &std::env::var_os("NODE_PATH").unwrap_or_default(),
    ));
    c.env("NODE_PATH", std::env::join_paths(node).unwrap_or_default());
    c
}

/// Whether `tool` is in the venv of `tests/setup.sh` or on the PATH; when it is not, reports the
/// check as skipped (see [`skip`]), or fails the test when NEWSGRAPH_REQUIRE_TOOLS is set.
pub fn have(tool: &str) -> bool {
    let found = tools_dir().join("bin").join(tool).exists()
        || Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {tool}"))
            .env("PATH", tool_path())
            .output()
            .is_ok_and(|o| o.status.success());
    if !found {
        skip(&format!("{tool} not found"));
    }
    found
}

/// The file where this `cargo test` run's skipped checks are listed for `tests/zz_skipped.rs`,
/// which prints them at the end: one file per cargo process (the parent of every test binary).
pub fn skip_log() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "skipped-checks-{}.txt",
        std::os::unix::process::parent_id()
    ))
}

/// Reports a check that did not run because `why` (a missing tool or folder): printed at once,
/// past the test harness's capture, and listed again at the end of the run; under
/// NEWSGRAPH_REQUIRE_TOOLS (as on CI) the test fails instead.
pub fn skip(why: &str) {
    if std::env::var_os("NEWSGRAPH_REQUIRE_TOOLS").is_some() {
        panic!("{why}, and NEWSGRAPH_REQUIRE_TOOLS is set (install it: bash tests/setup.sh)");
    }
    report_skip(why);
}

/// Prints a skipped check past the harness's capture and appends it to [`skip_log`].
fn report_skip(why: &str) {
    let test = std::thread::current().name().unwrap_or("?").to_string();
    let bin = std::env::args()
        .next()
        .and_then(|a| {
            Path::new(&a)
                .file_name()
                .map(|f| f.to_string_lossy().to_string())
        })
        .unwrap_or_default();
    let bin = bin
        .rsplit_once('-')
        .map_or(bin.as_str(), |(b, _)| b)
        .to_string();
    let line = format!("{bin}::{test}: {why}");
    // straight to the file descriptor: the harness captures eprintln! of passing tests
    let _ = std::io::stderr().write_all(format!("\nskipped: {line}\n").as_bytes());
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(skip_log())
    {
        let _ = writeln!(f, "{line}");
    }
}

/// Reports a check that did not run because the evaluation corpus beside the repository
/// (`../shared`) is absent: listed as [`skip`] does, but never a failure, since a plain clone has
/// no `../shared` and CI's checkout has it.
pub fn skip_without_shared(why: &str) {
    report_skip(&format!(
        "{why} (the evaluation corpus lives in ../shared, beside the repository)"
    ));
}

/// Runs the Python validators (`tests/validate.py`: rdflib, pySHACL, networkx) over an output
/// folder and returns what they printed; `None` when they are not installed (skipped, or a failure
/// on CI). Fails the test when a check fails.
pub fn validate(out: &Path) -> Option<String> {
    if !have("python3") {
        return None;
    }
    let r = command("python3")
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
