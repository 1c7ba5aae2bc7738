//! The last test binary of a `cargo test` run (cargo runs them in the order of their names): lists
//! the checks the earlier binaries skipped for a missing tool or corpus, and the one command that
//! installs what they need, so a green run never hides a check that did not run.

mod common;

use std::io::Write;

#[test]
fn list_the_checks_that_did_not_run() {
    let log = common::skip_log();
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    let mut lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    lines.sort();
    lines.dedup();
    let mut msg = String::new();
    if lines.is_empty() {
        msg.push_str("\nnewsgraph tests: every check ran (no tool or corpus was missing).\n");
    } else {
        msg.push_str(&format!(
            "\nnewsgraph tests: {} check(s) did NOT run:\n",
            lines.len()
        ));
        for l in &lines {
            msg.push_str(&format!("  - {l}\n"));
        }
        let tools = lines.iter().any(|l| !l.contains("../shared"));
        if tools {
            msg.push_str(
                "Install what they need with `bash tests/setup.sh` (a Python venv and playwright-core in \
                 .venv/, and the apt line for Graphviz, Raptor and Chromium), then run the tests again.\n",
            );
        }
        if lines.iter().any(|l| l.contains("../shared")) {
            msg.push_str(
                "The real-news checks need the evaluation corpus in ../shared beside the repository; \
                 a plain clone has none, and those checks say so above.\n",
            );
        }
    }
    // past the harness's capture, so it shows on a passing run
    let _ = std::io::stderr().write_all(msg.as_bytes());
    // CI (NEWSGRAPH_REQUIRE_TOOLS) fails a skip in the test itself; this catches any that got by
    let tools_missing = lines.iter().filter(|l| !l.contains("../shared")).count();
    assert!(
        tools_missing == 0 || std::env::var_os("NEWSGRAPH_REQUIRE_TOOLS").is_none(),
        "{tools_missing} check(s) skipped for a missing tool under NEWSGRAPH_REQUIRE_TOOLS"
    );
}
