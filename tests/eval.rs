//! `newsgraph eval` agrees with the evaluation's own `score.py`, number for number, on both dev sets.

mod common;

use std::path::Path;
use std::process::Command;

fn json_of(text: &str) -> serde_json::Value {
    serde_json::from_str(&text[text.find('{').unwrap()..text.rfind('}').unwrap() + 1]).unwrap()
}

fn compare(gold: &Path, graph: &Path) {
    let scorer = common::root().join("../shared/eval/score.py");
    if !scorer.exists() || !gold.exists() {
        // the evaluation folder sits beside the repository (as for tests/golden.rs), not in it
        common::skip_without_shared(
            "../shared/eval/score.py not found: the comparison with score.py did not run",
        );
        return;
    }
    if !common::have("python3") {
        return;
    }
    let ours = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["eval", "--json", "--gold"])
        .arg(gold)
        .arg(graph)
        .output()
        .unwrap();
    assert!(
        ours.status.success(),
        "{}",
        String::from_utf8_lossy(&ours.stderr)
    );
    let ours = String::from_utf8(ours.stdout).unwrap();
    let theirs = common::command("python3")
        .arg(&scorer)
        .arg(gold)
        .arg(graph.join("graph.json"))
        .arg("--json")
        .output()
        .unwrap();
    let theirs = String::from_utf8(theirs.stdout).unwrap();
    // the summary lines are the same text
    assert_eq!(
        ours.lines().last(),
        theirs.lines().last(),
        "summary lines differ"
    );
    let (a, b) = (json_of(&ours), json_of(&theirs));
    for part in ["entities", "meetings", "relations"] {
        for k in ["p", "r", "f1", "tp", "fp", "fn"] {
            assert_eq!(a[part][k], b[part][k], "{part}.{k}");
        }
    }
    assert_eq!(a["entity_splits"], b["entities"]["splits"]);
    assert_eq!(a["entity_type_errors"], b["entities"]["type_errors"]);
    assert_eq!(a["meeting_splits"], b["meetings"]["splits"]);
    assert_eq!(a["unscored_links"], b["relations"]["unscored_links"]);
    let per = b["by_predicate"].as_object().unwrap();
    assert_eq!(per.len(), a["by_relation"].as_object().unwrap().len());
    for (rel, s) in per {
        for k in ["p", "r", "f1", "tp", "fp", "fn"] {
            assert_eq!(a["by_relation"][rel][k], s[k], "{rel}.{k}");
        }
    }
}

#[test]
fn eval_agrees_with_score_py_on_the_seeds() {
    compare(
        &common::root().join("../shared/eval/gold/seeds.json"),
        common::fresh_build(),
    );
}

#[test]
fn eval_agrees_with_score_py_on_dev2() {
    let out = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("eval-dev2-{}", std::process::id()));
    let cfg = newsgraph::BuildConfig::new(vec![common::root().join("tests/fixtures/dev2")], &out)
        .svg(false)
        .formats(vec![newsgraph::Format::Json]);
    newsgraph::build(&cfg).unwrap();
    compare(&common::root().join("tests/fixtures/dev2/gold.json"), &out);
}

#[test]
fn names_normalise_as_score_py_itself_does() {
    // the inputs of src/eval.rs's table, and more, through score.py's own norm()
    let dir = common::root().join("../shared/eval");
    if !dir.join("score.py").exists() {
        common::skip_without_shared(
            "../shared/eval/score.py not found: the comparison with score.py did not run",
        );
        return;
    }
    if !common::have("python3") {
        return;
    }
    let inputs = [
        "OPEC+",
        "OPEC",
        "OPEC +",
        "OPEC+’s",
        "the OPEC+",
        "C++",
        "G7+",
        "the Kremlin's",
        "The Kremlin’s",
        "O’Brien",
        "‘Hamas’",
        "Jones' s",
        "it's",
        "McDonald'sville",
        "U.S.",
        "Rees-Mogg",
        "Rees-Mogg’s",
        "Al-Shabaab’s leader",
        "Élysée Palace",
        "Łukasz WĄSOWSKI",
        "Zelenskyy, Volodymyr",
        "Smith & Wesson",
        "AT&T",
        "9/11",
        "The U.S. State-Department",
        "ﬁnance",
        "Ⅻ",
        "Ｔｈｅ\u{3000}ＵＮ",
        "snake_case",
        "ΟΔΥΣΣΕΑΣ",
        "Σ",
        "\u{939}\u{93F}\u{928}\u{94D}\u{926}\u{940}",
        "Ⓐ",
        "\u{1F150}",
        "x\u{1C}y\u{1F}z",
        "a\u{A0}b\u{2009}c",
        "Theresa May",
        "the",
        "  the  ",
        "",
    ];
    let script = "import json, sys\nsys.path.insert(0, sys.argv[1])\nimport score\n\
                  print(json.dumps([score.norm(s) for s in json.load(sys.stdin)]))";
    let mut child = common::command("python3")
        .args(["-c", script])
        .arg(&dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    serde_json::to_writer(child.stdin.take().unwrap(), &inputs[..]).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "python3 failed");
    let theirs: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(theirs.len(), inputs.len());
    for (input, expected) in inputs.iter().zip(&theirs) {
        assert_eq!(&newsgraph::name_key(input), expected, "{input:?}");
    }
}
