//! The command line, table-driven: inputs, exit codes, and error messages that name the file.

use std::path::{Path, PathBuf};
use std::process::Command;

fn dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

const GOOD: &str = "Indian Prime Minister Narendra Modi spoke by phone with Japanese Prime Minister Fumio Kishida on Tuesday.";

fn run(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// name, files to create (name, bytes), arguments, expected exit code, text expected on stderr
type Case<'a> = (&'a str, Vec<(&'a str, Vec<u8>)>, Vec<&'a str>, i32, &'a str);

#[test]
fn inputs_and_exit_codes() {
    let jsonl = format!(
        "{{\"id\": \"a1\", \"text\": \"{GOOD}\", \"published\": \"2023-05-10\", \"extra\": 1}}\n"
    );
    let cases: Vec<Case> = vec![
        (
            "plain text file",
            vec![("a.txt", GOOD.into())],
            vec!["build", "a.txt", "-o", "o"],
            0,
            "",
        ),
        (
            "folder",
            vec![
                ("in/a.txt", GOOD.into()),
                ("in/sub/b.txt", GOOD.replace("Tuesday", "Monday").into()),
            ],
            vec!["build", "in", "-o", "o"],
            0,
            "",
        ),
        (
            "json lines",
            vec![("a.jsonl", jsonl.clone().into())],
            vec!["build", "a.jsonl", "-o", "o"],
            0,
            "",
        ),
        (
            "json lines with a broken line",
            vec![("a.jsonl", format!("{jsonl}{{not json\n").into())],
            vec!["build", "a.jsonl", "-o", "o"],
            1,
            "a.jsonl:2",
        ),
        (
            "json lines without text",
            vec![("a.jsonl", format!("{jsonl}{{\"id\": \"x\"}}\n").into())],
            vec!["build", "a.jsonl", "-o", "o"],
            1,
            "missing \"id\" or \"text\"",
        ),
        (
            "json lines with a bad date",
            vec![(
                "a.jsonl",
                "{\"id\": \"x\", \"text\": \"Hi.\", \"published\": \"May 5\"}\n".into(),
            )],
            vec!["build", "a.jsonl", "-o", "o"],
            2,
            "YYYY-MM-DD",
        ),
        (
            "non-UTF-8 file beside a good one",
            vec![
                ("a.txt", GOOD.into()),
                ("b.txt", vec![0x66, 0xff, 0xfe, 0x20]),
            ],
            vec!["build", "a.txt", "b.txt", "-o", "o"],
            1,
            "b.txt: not UTF-8",
        ),
        (
            "empty file beside a good one",
            vec![("a.txt", GOOD.into()), ("e.txt", b"  \n".to_vec())],
            vec!["build", ".", "-o", "o"],
            1,
            "e.txt: empty file",
        ),
        (
            "duplicate ids",
            vec![("x/a.txt", GOOD.into()), ("y/a.txt", GOOD.into())],
            vec!["build", "x", "y", "-o", "o"],
            1,
            "already used",
        ),
        (
            "missing input",
            vec![],
            vec!["build", "nope.txt", "-o", "o"],
            2,
            "nope.txt",
        ),
        (
            "no articles at all",
            vec![("e.txt", b"".to_vec())],
            vec!["build", "e.txt", "-o", "o"],
            2,
            "no articles found",
        ),
        (
            "bad base IRI",
            vec![("a.txt", GOOD.into())],
            vec!["build", "a.txt", "-o", "o", "--base", "not an iri"],
            2,
            "--base",
        ),
        (
            "unknown format",
            vec![("a.txt", GOOD.into())],
            vec!["build", "a.txt", "-o", "o", "-f", "xml"],
            2,
            "unknown format",
        ),
        (
            "bad sidecar",
            vec![
                ("a.txt", GOOD.into()),
                ("a.meta.json", b"{\"published\": 5".to_vec()),
            ],
            vec!["build", "a.txt", "-o", "o"],
            2,
            "a.meta.json",
        ),
    ];
    for (name, files, args, code, stderr) in cases {
        let d = dir(&name.replace(' ', "_"));
        for (f, bytes) in &files {
            let p = d.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        let (got, out, err) = run(&args, &d);
        assert_eq!(got, code, "{name}: exit code; stdout {out}; stderr {err}");
        assert!(
            err.contains(stderr),
            "{name}: stderr {err:?} lacks {stderr:?}"
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
        let written = d.join("o/graph.json").exists();
        assert_eq!(
            written,
            code < 2,
            "{name}: graph.json written only when the exit code is 0 or 1"
        );
        if code < 2 {
            assert!(
                out.contains("articles:") && out.contains("wrote:"),
                "{name}: summary {out}"
            );
        }
    }
}

#[test]
fn formats_flag_writes_only_those_files() {
    let d = dir("formats");
    std::fs::write(d.join("a.txt"), GOOD).unwrap();
    let (code, _, err) = run(
        &[
            "build", "a.txt", "-o", "o", "-f", "json,ttl", "--no-svg", "-q",
        ],
        &d,
    );
    assert_eq!(code, 0, "{err}");
    let mut names: Vec<String> = std::fs::read_dir(d.join("o"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    names.sort();
    // and the manifest of what newsgraph wrote there
    assert_eq!(names, [".newsgraph", "graph.json", "graph.ttl"]);
}

#[test]
fn a_rebuild_replaces_every_file_and_leaves_no_temporary() {
    let d = dir("rebuild");
    std::fs::write(d.join("a.txt"), GOOD).unwrap();
    let other =
        "German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Monday.";
    std::fs::write(d.join("b.txt"), other).unwrap();
    assert_eq!(
        run(&["build", "a.txt", "-o", "o", "--no-svg", "-q"], &d).0,
        0
    );
    // the second build goes over the first's files (swapped into place, the old ones removed)
    assert_eq!(
        run(&["build", "b.txt", "-o", "o", "--no-svg", "-q"], &d).0,
        0
    );
    assert_eq!(
        run(&["build", "b.txt", "-o", "fresh", "--no-svg", "-q"], &d).0,
        0
    );
    let names = |o: &str| {
        let mut v: Vec<String> = std::fs::read_dir(d.join(o))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into())
            .collect();
        v.sort();
        v
    };
    assert_eq!(names("o"), names("fresh"));
    assert!(
        names("o").iter().all(|n| !n.contains(".tmp")),
        "{:?}",
        names("o")
    );
    for n in names("fresh") {
        assert_eq!(
            std::fs::read(d.join("o").join(&n)).unwrap(),
            std::fs::read(d.join("fresh").join(&n)).unwrap(),
            "{n}"
        );
    }
}

#[test]
fn a_failed_run_leaves_the_previous_output() {
    let d = dir("atomic");
    std::fs::write(d.join("a.txt"), GOOD).unwrap();
    assert_eq!(run(&["build", "a.txt", "-o", "o", "-q"], &d).0, 0);
    let before = std::fs::read(d.join("o/graph.json")).unwrap();
    assert_eq!(run(&["build", "missing", "-o", "o", "-q"], &d).0, 2);
    assert_eq!(std::fs::read(d.join("o/graph.json")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(d.join("o"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".tmp")
        })
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn no_arguments_outside_the_repository_says_what_they_mean() {
    // a plain `newsgraph` builds seeds/ into out/; in a folder without seeds/ it says so and
    // points to `build --help`, instead of "seeds: No such file or directory"
    let d = dir("no-args");
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .current_dir(&d)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    for says in ["builds seeds/ into out/", "newsgraph build --help"] {
        assert!(err.contains(says), "{says:?} not in {err}");
    }
    assert!(!d.join("out").exists(), "nothing is written");
}

#[test]
fn the_summary_says_what_the_graph_left_out_and_why() {
    // an article without a publication date, one meeting told by a bare noun: the summary
    // counts what was left out by reason and says how to give the date
    let d = dir("left-out");
    std::fs::write(
        d.join("a.txt"),
        "Leaders talk\n\nThe call went well, officials said. Indian Prime Minister Narendra Modi met Japanese Prime Minister Fumio Kishida in Tokyo.\n",
    )
    .unwrap();
    let (code, out, err) = run(&["build", "a.txt", "-o", "out", "--no-svg"], &d);
    assert_eq!(code, 0, "{err}");
    for says in [
        "left out: 1 × meeting with no day, sides or place told (each listed in merges.json",
        "undated:  1 article(s) without a publication date",
        "give `published` (NAME.meta.json beside NAME.txt",
    ] {
        assert!(out.contains(says), "{says:?} not in\n{out}");
    }
    // with the date given, nothing is undated
    std::fs::write(d.join("a.meta.json"), r#"{"published": "2023-05-10"}"#).unwrap();
    let (_, out, _) = run(&["build", "a.txt", "-o", "out", "--no-svg"], &d);
    assert!(!out.contains("undated:"), "{out}");
}

#[test]
fn an_output_folder_inside_the_input_is_never_read_back() {
    // name, output folder (under the input `in`), articles read
    let d = dir("inside");
    std::fs::create_dir_all(d.join("in")).unwrap();
    std::fs::write(d.join("in/a.txt"), GOOD).unwrap();
    for (name, first) in [("first run", true), ("second run", false)] {
        let (code, out, err) = run(&["build", "in", "-o", "in/out", "--no-svg"], &d);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(out.contains("articles: 1 read"), "{name}: {out}");
        assert!(
            out.contains("note:     the output folder in/out is inside the input folder in"),
            "{name}: {out}"
        );
        if first {
            // an article-looking file left in the output folder is not read either
            std::fs::write(d.join("in/out/stray.txt"), GOOD).unwrap();
        }
    }
}
