//! Hostile input, end to end through the binary: a fixture folder made at run time (no committed
//! binaries) with every kind of bad file a scraper produces. The run goes on past each, reports each
//! on one line naming the file, exits 1, and what it writes still loads in Oxigraph and renders with
//! Graphviz. Then each fixture alone, table-driven, with its exit code and message.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use oxigraph::io::RdfFormat;
use oxigraph::store::Store;

const GOOD: &str = "Indian Prime Minister Narendra Modi spoke by phone with Japanese Prime Minister Fumio Kishida on Tuesday. Modi warned Kishida that the plan could fail.";

fn dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn newsgraph(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .current_dir(cwd)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// A fixture: file name, what to write (None: made specially below), and, alone, the exit code and
/// a phrase of its message.
struct Fixture {
    name: &'static str,
    bytes: Option<Vec<u8>>,
    code: i32,
    says: &'static str,
}

fn fixtures() -> Vec<Fixture> {
    let dated = |text: &str| format!("NEW DELHI, May 9, 2023 -\n{text}\n");
    let mut big = String::from("NEW DELHI, May 9, 2023 -\n");
    while big.len() < 50 << 20 {
        big.push_str(GOOD);
        big.push_str(" Officials gave no details of the talks.\n\n");
    }
    let mut line = String::from("NEW DELHI, May 9, 2023 - ");
    while line.len() < 10 << 20 {
        line.push_str(GOOD);
        line.push(' ');
    }
    // ten megabytes with no sentence end at all: one "sentence" of two million tokens
    let mut run_on = String::from("NEW DELHI, May 9, 2023 - ");
    while run_on.len() < 10 << 20 {
        run_on.push_str("Modi and Kishida and Biden met and talked and warned ");
    }
    let mut binary: Vec<u8> = b"\x7fELF\x02\x01\x01\0\0\0".to_vec();
    binary.extend((0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(
        format!(
            "{{\"id\":\"z1\",\"published\":\"2023-05-09\",\"text\":{:?}}}\n",
            GOOD
        )
        .as_bytes(),
    )
    .unwrap();
    let gz = gz.finish().unwrap();
    let jsonl = [
        format!("{{\"id\":\"j1\",\"published\":\"2023-05-09\",\"text\":{GOOD:?}}}"),
        "not json at all".to_string(),
        "{\"id\":\"j2\"}".to_string(),
        format!("{{\"id\":\"j3\",\"published\":\"9 May\",\"text\":{GOOD:?}}}"),
        format!("{{\"id\":\"j1\",\"published\":\"2023-05-09\",\"text\":{GOOD:?}}}"),
        "[1, 2, 3]".to_string(),
    ]
    .join("\n");
    let f = |name, bytes: Vec<u8>, code, says| Fixture {
        name,
        bytes: Some(bytes),
        code,
        says,
    };
    vec![
        f("good.txt", dated(GOOD).into(), 0, ""),
        f("empty.txt", vec![], 2, "empty file"),
        f("blank.txt", b" \n\t\r\n  \n".to_vec(), 2, "empty file"),
        f("latin1.txt", b"Caf\xe9 au lait in Bogot\xe1.\n".to_vec(), 2, "not UTF-8"),
        f("utf16.txt", "\u{FEFF}Modi met Kishida."
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect(), 2, "binary file"),
        f("binary.txt", binary, 2, "binary file"),
        f("bom-crlf.txt", format!("\u{FEFF}{}", dated(GOOD).replace('\n', "\r\n")).into(), 0, ""),
        f(
            "invisible.txt",
            dated(&GOOD.replace("Modi spoke", "Mo\u{200B}di spoke").replace("Japanese", "Japa\u{200D}nese"))
                .into(),
            0,
            "",
        ),
        f(
            "rtl-and-marks.txt",
            dated(&format!(
                "{GOOD} \u{202E}\u{0627}\u{0644}\u{0639}\u{0631}\u{0628}\u{064A}\u{0629}\u{202C} Cafe\u{0301} Zo\u{0308}e \u{05E9}\u{05DC}\u{05D5}\u{05DD}."
            ))
            .into(),
            0,
            "",
        ),
        f(
            "markup.txt",
            dated(&format!(
                "{GOOD} The \"<b>Bureau</b>\" {{x}} #tag \\n said: </script><script>alert(1)</script> ]]> --> \"\"\"."
            ))
            .into(),
            0,
            "",
        ),
        f("big.txt", big.into(), 0, ""),
        f("one-line.txt", line.into(), 0, ""),
        f("run-on.txt", run_on.into(), 0, ""),
        f("lines.jsonl", jsonl.into(), 1, "lines.jsonl:2"),
        f("feed.jsonl.gz", gz.clone(), 0, ""),
        f("cut.jsonl.gz", gz[..gz.len() / 2].to_vec(), 2, "cut.jsonl.gz"),
        Fixture {
            name: "broken-link.txt",
            bytes: None,
            code: 2,
            says: "broken-link.txt",
        },
        Fixture {
            name: "socket.txt",
            bytes: None,
            code: 2,
            says: "socket.txt",
        },
    ]
}

fn make(at: &Path, fx: &Fixture) {
    let p = at.join(fx.name);
    match (&fx.bytes, fx.name) {
        (Some(b), _) => std::fs::write(p, b).unwrap(),
        (None, "broken-link.txt") => std::os::unix::fs::symlink(at.join("gone.txt"), p).unwrap(),
        // a socket is a file that cannot be read, even by root
        (None, _) => {
            std::mem::forget(std::os::unix::net::UnixListener::bind(p).unwrap());
        }
    }
}

#[test]
fn each_hostile_file_alone() {
    let base = dir("alone");
    for fx in fixtures() {
        let at = base.join(fx.name.replace('.', "_"));
        std::fs::create_dir_all(&at).unwrap();
        make(&at, &fx);
        let input = if fx.name == "broken-link.txt" {
            // given by name, a broken link is not there: an error, not a skip
            at.to_str().unwrap().to_string()
        } else {
            at.join(fx.name).to_str().unwrap().to_string()
        };
        let (code, _, err) = newsgraph(&["build", &input, "-o", "out", "-q", "--no-svg"], &at, &[]);
        assert_eq!(code, fx.code, "{}: exit code; stderr:\n{err}", fx.name);
        assert!(
            err.contains(fx.says),
            "{}: stderr lacks {:?}:\n{err}",
            fx.name,
            fx.says
        );
        assert!(!err.contains("panicked"), "{}: {err}", fx.name);
        for line in err.lines() {
            // one line per problem, each naming the file or saying there is nothing to read
            assert!(
                line.contains(fx.name)
                    || line.starts_with("  skipped")
                    || line.contains("no articles found"),
                "{}: a message that names no file: {line}",
                fx.name
            );
        }
        // nothing written, or everything: never a half-written folder
        let out = at.join("out");
        if fx.code == 2 {
            assert!(!out.join("graph.json").exists(), "{}", fx.name);
        } else {
            let leftovers: Vec<_> = std::fs::read_dir(&out)
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .filter(|n| n.contains(".tmp"))
                .collect();
            assert!(leftovers.is_empty(), "{}: {leftovers:?}", fx.name);
        }
    }
}

#[test]
fn a_folder_of_every_hostile_file_still_gives_loadable_exports() {
    let base = dir("folder");
    let input = base.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    let all = fixtures();
    for fx in &all {
        make(&input, fx);
    }
    // a link to a file is read, a link back up the tree is not followed round
    std::os::unix::fs::symlink(input.join("good.txt"), input.join("sub/linked.txt")).unwrap();
    std::os::unix::fs::symlink(&input, input.join("sub/loop")).unwrap();
    let (code, out, err) = newsgraph(&["build", "in", "-o", "out"], &base, &[]);
    assert_eq!(code, 1, "stdout:\n{out}\nstderr:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    for fx in all.iter().filter(|f| f.code == 2) {
        assert!(err.contains(fx.name), "{} not reported:\n{err}", fx.name);
    }
    for line in err.lines() {
        assert!(
            line.starts_with("newsgraph: skipped "),
            "not one line per skip: {line}"
        );
    }
    // the good ones, the link, the gzip feed and the JSON Lines' good line are all in
    let g: serde_json::Value =
        serde_json::from_slice(&std::fs::read(base.join("out/graph.json")).unwrap()).unwrap();
    let ids: Vec<&str> = g["graph"]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    // (a file in a subfolder is named by its path below the input folder)
    for id in [
        "good",
        "sub/linked",
        "bom-crlf",
        "big",
        "one-line",
        "run-on",
        "j1",
        "z1",
        "markup",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["label"] == "Narendra Modi"));
    for (file, format) in [
        ("graph.ttl", RdfFormat::Turtle),
        ("graph.nq", RdfFormat::NQuads),
    ] {
        let store = Store::new().unwrap();
        store
            .load_from_reader(
                format,
                std::fs::read(base.join("out").join(file))
                    .unwrap()
                    .as_slice(),
            )
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(store.len().unwrap() > 50, "{file}");
    }
    if common::have("dot") {
        let r = common::command("dot")
            .args(["-Tsvg", "-o", "/dev/null", "out/graph.dot"])
            .current_dir(&base)
            .output()
            .unwrap();
        assert!(
            r.status.success() && r.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&r.stderr)
        );
    }
    // rdflib, pySHACL and networkx (JSON and GraphML) accept it too
    if let Some(text) = common::validate(&base.join("out")) {
        assert!(
            text.contains("ok pySHACL") && text.contains("graph.graphml"),
            "{text}"
        );
    }
    // the same input under another locale and time zone gives the same bytes
    let (code, _, _) = newsgraph(
        &[
            "build",
            "in",
            "-o",
            "out-locale",
            "--no-svg",
            "-q",
            "-j",
            "1",
        ],
        &base,
        &[
            ("LC_ALL", "tr_TR.UTF-8"),
            ("LANG", "tr_TR.UTF-8"),
            ("TZ", "Pacific/Kiritimati"),
        ],
    );
    assert_eq!(code, 1);
    for f in newsgraph::Format::ALL {
        let a = std::fs::read(base.join("out").join(f.file_name())).unwrap();
        let b = std::fs::read(base.join("out-locale").join(f.file_name())).unwrap();
        assert!(a == b, "{} depends on locale or threads", f.file_name());
    }
}

#[test]
fn a_hundred_thousand_small_files() {
    let base = dir("many");
    let input = base.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for i in 0..100_000 {
        std::fs::write(
            input.join(format!("a{i:06}.txt")),
            format!("PARIS, March {}, 2024 -\nFrench President Emmanuel Macron warned Russia on Monday, officials said in report {i}.\n", 1 + i % 28),
        )
        .unwrap();
    }
    let (code, out, err) = newsgraph(&["build", "in", "-o", "out", "--no-svg"], &base, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("articles: 100000 read"), "{out}");
    let g: serde_json::Value =
        serde_json::from_slice(&std::fs::read(base.join("out/graph.json")).unwrap()).unwrap();
    let warned = g["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["relation"] == "warned")
        .unwrap();
    assert_eq!(warned["article_count"], 100_000);
}

#[test]
fn files_newsgraph_did_not_write_are_kept_without_force() {
    let base = dir("force");
    std::fs::write(
        base.join("a.txt"),
        format!("NEW DELHI, May 9, 2023 -\n{GOOD}\n"),
    )
    .unwrap();
    std::fs::create_dir_all(base.join("out")).unwrap();
    std::fs::write(base.join("out/graph.json"), "my own notes").unwrap();
    let (code, _, err) = newsgraph(&["build", "a.txt", "-o", "out", "-q"], &base, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("graph.json") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(base.join("out/graph.json")).unwrap(),
        "my own notes"
    );
    let (code, _, err) = newsgraph(
        &["build", "a.txt", "-o", "out", "-q", "--force"],
        &base,
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(base.join("out/graph.json"))
        .unwrap()
        .contains("Modi"));
    // once written by newsgraph, a file is replaced by the next run without --force
    let (code, _, err) = newsgraph(&["build", "a.txt", "-o", "out", "-q"], &base, &[]);
    assert_eq!(code, 0, "{err}");
    // and nothing is written outside the output folder
    let mut top: Vec<String> = std::fs::read_dir(&base)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    top.sort();
    assert_eq!(top, ["a.txt", "out"]);
}

// ---- round 2 (issue 18): each test is named after what it guards

/// The articles of a build's graph.json: their ids.
fn article_ids(out: &Path) -> Vec<String> {
    let g: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("graph.json")).unwrap()).unwrap();
    let mut ids: Vec<String> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|n| n["articles"].as_array().cloned().unwrap_or_default())
        .filter_map(|a| a.as_str().map(String::from))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn a_fifo_in_a_folder_is_skipped_not_waited_on() {
    let base = dir("fifo");
    std::fs::create_dir_all(base.join("in")).unwrap();
    std::fs::write(base.join("in/a.txt"), format!("{GOOD}\n")).unwrap();
    let made = Command::new("mkfifo")
        .arg(base.join("in/pipe.txt"))
        .status()
        .unwrap();
    assert!(made.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["build", "in", "-o", "out", "--no-svg"])
        .current_dir(&base)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("the build waited on the FIFO for a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(
        err.contains("pipe.txt") && err.contains("not a regular file"),
        "{err}"
    );
    assert_eq!(article_ids(&base.join("out")), ["a"]);
    // named directly, it is a skip too
    let (code, _, err) = newsgraph(
        &["build", "in/pipe.txt", "-o", "out2", "--no-svg"],
        &base,
        &[],
    );
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn extensions_in_any_case_are_read() {
    let base = dir("case");
    std::fs::create_dir_all(base.join("in")).unwrap();
    std::fs::write(base.join("in/A.TXT"), format!("{GOOD}\n")).unwrap();
    std::fs::write(
        base.join("in/b.Txt.GZ"),
        gzip(format!("{GOOD}\n").as_bytes()),
    )
    .unwrap();
    let (code, _, err) = newsgraph(&["build", "in", "-o", "out", "--no-svg"], &base, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(article_ids(&base.join("out")), ["A", "b"]);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_read_with_a_lossless_id() {
    use std::os::unix::ffi::OsStrExt;
    let base = dir("nonutf8");
    std::fs::create_dir_all(base.join("in")).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9 100%.txt");
    std::fs::write(base.join("in").join(name), format!("{GOOD}\n")).unwrap();
    // its sidecar, named by the same bytes, still gives the date
    let meta = std::ffi::OsStr::from_bytes(b"caf\xe9 100%.meta.json");
    std::fs::write(base.join("in").join(meta), r#"{"published": "2023-05-10"}"#).unwrap();
    let (code, _, err) = newsgraph(&["build", "in", "-o", "out", "--no-svg"], &base, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(article_ids(&base.join("out")), ["caf%E9 100%25"]);
    let json = std::fs::read_to_string(base.join("out/graph.json")).unwrap();
    assert!(
        json.contains("\"2023-05-09\""),
        "the sidecar's date dates Tuesday's call"
    );
    // named directly (a path that is not UTF-8 goes as an OsStr), the same id
    let direct = Path::new("in").join(name);
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .arg("build")
        .arg(&direct)
        .args(["-o", "out3", "--no-svg"])
        .current_dir(&base)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(article_ids(&base.join("out3")), ["caf%E9 100%25"]);
}

#[test]
fn more_threads_than_the_cap_are_refused() {
    let base = dir("threads");
    std::fs::write(base.join("a.txt"), format!("{GOOD}\n")).unwrap();
    for j in ["100000", "18446744073709551615"] {
        let (code, _, err) = newsgraph(&["build", "a.txt", "-o", "out", "-j", j], &base, &[]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("at most 256"), "{err}");
    }
}

#[test]
fn eval_refuses_an_empty_or_mistyped_gold_file() {
    let base = dir("gold");
    std::fs::write(base.join("a.txt"), format!("{GOOD}\n")).unwrap();
    let (code, _, err) = newsgraph(&["build", "a.txt", "-o", "out", "--no-svg"], &base, &[]);
    assert_eq!(code, 0, "{err}");
    let cases = [
        ("empty object", "{}", "no \"entities\""),
        ("an array", "[1, 2]", "not a JSON object"),
        (
            "entities of the wrong type",
            r#"{"entities": [{"id": 3}]}"#,
            "entities[0]",
        ),
        (
            "relations not an array",
            r#"{"entities": [{"id": "a", "type": "Person"}], "relations": 5}"#,
            "\"relations\"",
        ),
    ];
    for (name, gold, says) in cases {
        std::fs::write(base.join("gold.json"), gold).unwrap();
        let (code, _, err) = newsgraph(&["eval", "--gold", "gold.json", "out"], &base, &[]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(
            err.contains("gold.json") && err.contains(says),
            "{name}: {err}"
        );
    }
}

#[test]
fn a_publication_date_outside_1900_to_next_year_is_refused() {
    let base = dir("published");
    std::fs::create_dir_all(base.join("in")).unwrap();
    std::fs::write(base.join("in/a.txt"), format!("{GOOD}\n")).unwrap();
    std::fs::write(
        base.join("in/a.meta.json"),
        r#"{"published": "9999-12-31"}"#,
    )
    .unwrap();
    let lines = [
        format!(r#"{{"id": "old", "text": "{GOOD}", "published": "0001-01-01"}}"#),
        format!(r#"{{"id": "fine", "text": "{GOOD}", "published": "2023-05-10"}}"#),
    ];
    std::fs::write(base.join("in/b.jsonl"), lines.join("\n")).unwrap();
    let (code, _, err) = newsgraph(&["build", "in", "-o", "out", "--no-svg"], &base, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("a.meta.json") && err.contains("\"9999-12-31\" is outside"),
        "{err}"
    );
    assert!(
        err.contains("b.jsonl:1") && err.contains("\"0001-01-01\" is outside"),
        "{err}"
    );
    assert_eq!(article_ids(&base.join("out")), ["fine"]);
    // and no year 10000 or 0 reaches the RDF
    let ttl = std::fs::read_to_string(base.join("out/graph.ttl")).unwrap();
    assert!(!ttl.contains("10000-") && !ttl.contains("\"0000-"));
}

/// The temporaries newsgraph writes in an output folder (`.NAME.tmpPID`).
fn temporaries(out: &Path) -> Vec<String> {
    std::fs::read_dir(out)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.starts_with('.') && n.contains(".tmp"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_build_sweeps_the_temporaries_a_killed_run_left() {
    let base = dir("sweep");
    std::fs::write(base.join("a.txt"), format!("{GOOD}\n")).unwrap();
    std::fs::create_dir_all(base.join("out")).unwrap();
    // a pid no process has (above the kernel's pid_max), and pid 1, which always runs
    std::fs::write(base.join("out/.graph.json.tmp4294967295"), "stale").unwrap();
    std::fs::write(base.join("out/.graph.ttl.tmp1"), "another run's").unwrap();
    std::fs::write(base.join("out/.notes.tmp4294967295"), "not ours").unwrap();
    let (code, _, err) = newsgraph(&["build", "a.txt", "-o", "out", "--no-svg"], &base, &[]);
    assert_eq!(code, 0, "{err}");
    let mut left = temporaries(&base.join("out"));
    left.sort();
    assert_eq!(left, [".graph.ttl.tmp1", ".notes.tmp4294967295"]);
}

#[cfg(unix)]
#[test]
fn a_signal_while_writing_leaves_no_temporaries() {
    let base = dir("signal");
    let lines: Vec<String> = (0..30_000)
        .map(|i| format!(r#"{{"id": "a{i}", "text": "Kenyan President William Ruto{i} spoke by phone with Ugandan President Yoweri Museveni on Monday. Ruto{i} warned Sudan.", "published": "2023-05-10"}}"#))
        .collect();
    std::fs::write(base.join("in.jsonl"), lines.join("\n")).unwrap();
    for signal in ["INT", "TERM", "HUP"] {
        let out = base.join(format!("out-{signal}"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .args(["build", "in.jsonl", "-o"])
            .arg(&out)
            .args(["--no-svg", "-q"])
            .current_dir(&base)
            .spawn()
            .unwrap();
        // wait until the exports are being written, then interrupt
        let start = std::time::Instant::now();
        while temporaries(&out).is_empty()
            && child.try_wait().unwrap().is_none()
            && start.elapsed() < std::time::Duration::from_secs(120)
        {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        let _ = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        assert!(
            temporaries(&out).is_empty(),
            "{signal}: {:?} ({status:?})",
            temporaries(&out)
        );
    }
}

#[test]
fn binary_heads_and_oversized_articles_are_skipped_without_reading_them_whole() {
    let base = dir("oversized");
    std::fs::create_dir_all(base.join("in")).unwrap();
    std::fs::write(base.join("in/good.txt"), format!("{GOOD}\n")).unwrap();
    // 2 GB of zeros (sparse: nothing is written to disk) and a gzip bomb: binary by their head
    let zeros = std::fs::File::create(base.join("in/zeros.txt")).unwrap();
    zeros.set_len(2 << 30).unwrap();
    let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![0u8; 1 << 20];
    for _ in 0..256 {
        bomb.write_all(&block).unwrap();
    }
    std::fs::write(base.join("in/bomb.txt.gz"), bomb.finish().unwrap()).unwrap();
    // text over the limit, as a file and as one JSON Lines record between two good ones
    let big = "word ".repeat((newsgraph::MAX_ARTICLE_BYTES / 5) + 10);
    std::fs::write(base.join("in/big.txt"), &big).unwrap();
    let jsonl = format!(
        "{{\"id\": \"before\", \"text\": \"{GOOD}\"}}\n{{\"id\": \"huge\", \"text\": \"{big}\"}}\n{{\"id\": \"after\", \"text\": \"{GOOD}\"}}\n"
    );
    std::fs::write(base.join("in/lines.jsonl"), jsonl).unwrap();
    let (code, _, err) = newsgraph(&["build", "in", "-o", "out", "--no-svg"], &base, &[]);
    assert_eq!(code, 1, "{err}");
    for (file, says) in [
        ("zeros.txt", "binary"),
        ("bomb.txt.gz", "binary"),
        ("big.txt", "larger than 64 MB"),
        ("lines.jsonl:2", "more than 64 MB"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(file) && l.contains(says)),
            "{file}: {err}"
        );
    }
    assert_eq!(article_ids(&base.join("out")), ["after", "before", "good"]);
}

#[test]
fn different_article_ids_never_share_an_article_iri() {
    let base = dir("iris");
    let ids = ["Foo", "foo", "a b", "a-b", "a.b", "a_b", "x%20y", "x y"];
    let mut lines: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"id": "{id}", "text": "{GOOD}", "published": "2023-05-10"}}"#))
        .collect();
    lines.push(format!(r#"{{"id": "  ", "text": "{GOOD}"}}"#));
    std::fs::write(base.join("in.jsonl"), lines.join("\n")).unwrap();
    let (code, _, err) = newsgraph(&["build", "in.jsonl", "-o", "out", "--no-svg"], &base, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("in.jsonl:9") && err.contains("blank \"id\""),
        "{err}"
    );
    let store = Store::new().unwrap();
    store
        .load_from_reader(
            RdfFormat::NQuads,
            std::fs::read(base.join("out/graph.nq")).unwrap().as_slice(),
        )
        .unwrap();
    // one named graph, and one article resource with one label, per id
    let q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    let oxigraph::sparql::QueryResults::Solutions(mut rows) =
        oxigraph::sparql::SparqlEvaluator::new()
            .parse_query(q)
            .unwrap()
            .on_store(&store)
            .execute()
            .unwrap()
    else {
        panic!("not a SELECT");
    };
    let n = rows.next().unwrap().unwrap().get("n").unwrap().to_string();
    assert_eq!(
        n,
        format!(
            "\"{}\"^^<http://www.w3.org/2001/XMLSchema#integer>",
            ids.len()
        )
    );
}

#[test]
fn a_tampered_shard_is_refused_with_its_path_and_field() {
    let base = dir("shard");
    std::fs::write(base.join("a.txt"), format!("{GOOD}\n")).unwrap();
    std::fs::write(base.join("a.meta.json"), r#"{"published": "2023-05-10"}"#).unwrap();
    let (code, _, err) = newsgraph(
        &[
            "build",
            "a.txt",
            "-o",
            "good",
            "-f",
            "json,shard",
            "--no-svg",
        ],
        &base,
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let read = |p: &Path| -> serde_json::Value {
        let mut s = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(std::fs::File::open(p).unwrap()),
            &mut s,
        )
        .unwrap();
        serde_json::from_str(&s).unwrap()
    };
    let shard = read(&base.join("good/shard.json.gz"));
    type Tamper = fn(&mut serde_json::Value);
    let cases: &[(&str, Tamper, &str)] = &[
        (
            "a relation that injects triples",
            |s| s["builder"]["edges"][0][0][1] = "evil> <x".into(),
            "relation \"evil> <x\"",
        ),
        (
            "an entity key with > and \"",
            |s| s["builder"]["edges"][0][0][0]["Entity"] = "gaz:x> \"y".into(),
            "edge end",
        ),
        (
            "a month 13",
            |s| {
                let a = s["builder"]["articles"]
                    .as_object_mut()
                    .unwrap()
                    .values_mut()
                    .next()
                    .unwrap();
                a["published"] = serde_json::json!({"year": 2022, "month": 13, "day": 99});
            },
            "published",
        ),
        (
            "a confidence of 5",
            |s| {
                let best = s["builder"]["edges"][0][1]["sources"]["best"]
                    .as_object_mut()
                    .unwrap();
                let k = best.keys().next().unwrap().clone();
                best[&k] = 5.0.into();
            },
            "confidence 5",
        ),
    ];
    for (name, tamper, says) in cases {
        let mut bad = shard.clone();
        tamper(&mut bad);
        std::fs::write(base.join("bad.json.gz"), gzip(bad.to_string().as_bytes())).unwrap();
        let (code, _, err) = newsgraph(
            &["merge", "bad.json.gz", "-o", "merged", "--no-svg"],
            &base,
            &[],
        );
        assert_eq!(code, 2, "{name}: {err}");
        assert!(
            err.contains("bad.json.gz") && err.contains(says),
            "{name}: {err}"
        );
        assert!(
            !base.join("merged/graph.ttl").exists(),
            "{name}: wrote a graph"
        );
    }
    // the untouched shard still merges
    let (code, _, err) = newsgraph(
        &["merge", "good/shard.json.gz", "-o", "merged", "--no-svg"],
        &base,
        &[],
    );
    assert_eq!(code, 0, "{err}");
}

#[test]
fn control_characters_never_reach_the_terminal_raw() {
    let base = dir("escapes");
    std::fs::create_dir_all(base.join("in")).unwrap();
    // an empty file whose name retitles the terminal window, and a title with escapes and a NUL
    std::fs::write(base.join("in/\u{1b}]0;owned\u{7}.txt"), "").unwrap();
    let record = format!(
        r#"{{"id": "t", "title": "Clear\u001b[2J\u0000screen", "text": "{GOOD}", "published": "2023-05-10"}}"#
    );
    std::fs::write(base.join("in/t.jsonl"), record).unwrap();
    let (code, _, err) = newsgraph(&["build", "in", "-o", "out", "--no-svg"], &base, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("\\u{1b}]0;owned\\u{7}.txt"), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    let (code, out, err) = newsgraph(
        &[
            "query",
            "out",
            "SELECT ?t WHERE { ?a <https://schema.org/headline> ?t }",
        ],
        &base,
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Clear\\u{1b}[2J\\u{0}screen"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\0'), "{out:?}");
}

#[test]
fn a_second_run_into_a_folder_being_written_stops_and_says_so() {
    let base = dir("lock");
    std::fs::write(base.join("a.txt"), format!("{GOOD}\n")).unwrap();
    std::fs::create_dir_all(base.join("out")).unwrap();
    // another run holds the folder
    let held = std::fs::File::create(base.join("out/.newsgraph.lock")).unwrap();
    held.lock().unwrap();
    let (code, _, err) = newsgraph(&["build", "a.txt", "-o", "out", "--no-svg"], &base, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("out") && err.contains("another newsgraph run"),
        "{err}"
    );
    assert!(!base.join("out/graph.json").exists());
    drop(held);
    let (code, _, err) = newsgraph(&["build", "a.txt", "-o", "out", "--no-svg"], &base, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !base.join("out/.newsgraph.lock").exists(),
        "the lock is released with its file"
    );
    // a failed run leaves no folder of its own making
    let (code, _, _) = newsgraph(&["build", "missing.txt", "-o", "new"], &base, &[]);
    assert_eq!(code, 2);
    assert!(!base.join("new").exists());
}

#[test]
fn merge_help_tells_its_own_inputs_and_flags() {
    let base = dir("mergehelp");
    let (code, out, err) = newsgraph(&["merge", "--help"], &base, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("<SHARDS>") && out.contains("shard.json.gz"),
        "{out}"
    );
    assert!(
        !out.contains("--update") && !out.contains("standard input"),
        "{out}"
    );
}

#[test]
fn a_query_stops_at_its_timeout_and_its_row_cap() {
    let base = dir("query-limits");
    std::fs::write(base.join("a.txt"), format!("{GOOD}\n")).unwrap();
    let (code, _, err) = newsgraph(&["build", "a.txt", "-o", "out", "--no-svg"], &base, &[]);
    assert_eq!(code, 0, "{err}");
    let product = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    let (code, _, err) = newsgraph(&["query", "out", product, "--timeout", "0.5"], &base, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("stopped after 0.5 s") && err.contains("--timeout"),
        "{err}"
    );
    let rows = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f }";
    let (code, _, err) = newsgraph(&["query", "out", rows, "--max-rows", "10"], &base, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("more than 10 rows"), "{err}");
    let (code, _, err) = newsgraph(
        &[
            "query",
            "out",
            "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5",
            "--timeout",
            "0",
        ],
        &base,
        &[],
    );
    assert_eq!(code, 2, "{err}");
    // an ordinary query is untouched by the defaults
    let (code, out, err) = newsgraph(
        &["query", "out", "SELECT ?s WHERE { ?s ng:warned ?o }"],
        &base,
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(1 row)"), "{out}");
}

#[test]
fn a_folder_a_thousand_levels_deep_is_read() {
    let base = dir("deep");
    let mut p = base.join("in");
    for _ in 0..1000 {
        p.push("a");
    }
    std::fs::create_dir_all(&p).unwrap();
    std::fs::write(p.join("x.txt"), format!("{GOOD}\n")).unwrap();
    // and a link back up the tree is still read once
    #[cfg(unix)]
    std::os::unix::fs::symlink(base.join("in"), p.join("loop")).unwrap();
    let (code, _, err) = newsgraph(&["build", "in", "-o", "out", "--no-svg"], &base, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        article_ids(&base.join("out")),
        [format!("{}x", "a/".repeat(1000))]
    );
}

/// A made-up surname for `i`: four letters of base 26, so no two are near spellings of each other
/// by a last letter (which resolution would merge).
fn surname(mut i: usize) -> String {
    let mut s = String::new();
    for _ in 0..4 {
        s.push((b'a' + (i % 26) as u8) as char);
        i /= 26;
    }
    s[..1].to_uppercase() + &s[1..]
}

#[test]
fn meetings_in_one_city_on_one_day_with_other_sides_stay_apart() {
    // 50,000 meetings in Geneva on one day, each between two people no other meeting has: a shared
    // city and day do not make them one (they made one node of 100,000 participants, in 36.9 s, as
    // every telling was compared with every group of its day); a telling with no sides joins one of
    // them, not all, and one that shares a side joins that one
    let base = dir("meetings");
    let n = 50_000;
    let mut jsonl = String::new();
    let mut line = |id: String, text: String| {
        let a = serde_json::json!({"id": id, "text": text, "published": "2022-03-02"});
        jsonl.push_str(&format!("{a}\n"));
    };
    for i in 0..n {
        let (x, y) = (surname(i), surname(i));
        line(
            format!("m{i}"),
            format!("Peter {x}ski met Anna {y}ova in Geneva on Monday."),
        );
    }
    line("s1".into(), "Talks were held in Geneva on Monday.".into());
    line(
        "s2".into(),
        "Peter Aaaaski met Maria Zzzzic in Geneva on Monday.".into(),
    );
    std::fs::write(base.join("in.jsonl"), jsonl).unwrap();
    let (code, _, err) = newsgraph(
        &["build", "in.jsonl", "-o", "out", "--no-svg", "-f", "json"],
        &base,
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let g: serde_json::Value =
        serde_json::from_slice(&std::fs::read(base.join("out/graph.json")).unwrap()).unwrap();
    let meetings = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["type"] == "Meeting")
        .count();
    assert_eq!(meetings, n);
    let mut sides: std::collections::BTreeMap<&str, usize> = Default::default();
    for l in g["links"].as_array().unwrap() {
        if l["relation"] == "participated_in" {
            *sides.entry(l["target"].as_str().unwrap()).or_default() += 1;
        }
    }
    // every meeting has its two sides, and the one Maria Zzzzic joined a third
    let mut counts: Vec<usize> = sides.values().copied().collect();
    counts.sort_unstable();
    assert_eq!(counts.len(), n);
    assert_eq!((counts[0], counts[n - 2], counts[n - 1]), (2, 2, 3));
}

#[test]
fn a_file_name_repeated_in_two_folders_is_two_articles_named_by_their_paths() {
    // in/x/a.txt and in/y/a.txt were both id `a`, and the second was skipped as a duplicate
    let base = dir("relative-ids");
    for sub in ["in/x", "in/y"] {
        std::fs::create_dir_all(base.join(sub)).unwrap();
    }
    std::fs::write(base.join("in/x/a.txt"), GOOD).unwrap();
    std::fs::write(
        base.join("in/y/a.txt"),
        "German Chancellor Olaf Scholz warned Russia on Monday.",
    )
    .unwrap();
    std::fs::write(base.join("in/b.txt"), GOOD.replace("Tuesday", "Monday")).unwrap();
    let (code, _, err) = newsgraph(
        &["build", "in", "-o", "out", "--no-svg", "-f", "json,nq"],
        &base,
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(article_ids(&base.join("out")), ["b", "x/a", "y/a"]);
    // the article IRIs percent-encode the `/`: one IRI per id, none a path of the id space
    let nq = std::fs::read_to_string(base.join("out/graph.nq")).unwrap();
    for iri in ["id/article/x%2Fa>", "id/article/y%2Fa>", "id/article/b>"] {
        assert!(nq.contains(iri), "{iri}");
    }
    // named directly, a file is named by its name alone: two of one name are one id, and the
    // skip names both paths
    let (code, _, err) = newsgraph(
        &[
            "build",
            "in/y/a.txt",
            "in/x/a.txt",
            "-o",
            "out2",
            "--no-svg",
        ],
        &base,
        &[],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("skipped in/y/a.txt: article id \"a\" already used by in/x/a.txt"),
        "{err}"
    );
}

#[test]
fn the_article_size_cap_is_a_flag() {
    // the 64 MB cap had no flag: an article of 2 MB could not be refused, nor one of 100 MB read
    let base = dir("max-article-mb");
    let text = format!("{GOOD} {}", "word ".repeat(2 << 20 >> 2));
    std::fs::write(base.join("big.txt"), &text).unwrap();
    let line = serde_json::json!({"id": "line", "text": text});
    std::fs::write(base.join("big.jsonl"), format!("{line}\n")).unwrap();
    std::fs::write(base.join("small.txt"), GOOD).unwrap();
    let build = |mb: &str, out: &str| {
        let args = [
            "build",
            "big.txt",
            "big.jsonl",
            "small.txt",
            "-o",
            out,
            "--no-svg",
        ];
        newsgraph(&[&args[..], &["--max-article-mb", mb]].concat(), &base, &[])
    };
    let (code, _, err) = build("2", "out-2");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("skipped big.txt: larger than 2 MB"), "{err}");
    assert!(
        err.contains("skipped big.jsonl:1: a line of more than 2 MB"),
        "{err}"
    );
    let (code, _, err) = build("3", "out-3");
    assert_eq!(code, 0, "{err}");
    assert_eq!(article_ids(&base.join("out-3")), ["big", "line", "small"]);
    for mb in ["0", "1025", "x"] {
        let (code, _, err) = build(mb, "out-bad");
        assert_eq!(code, 2, "{mb}: {err}");
        assert!(err.contains("--max-article-mb"), "{err}");
    }
    let (_, help, _) = newsgraph(&["build", "--help"], &base, &[]);
    assert!(help.contains("--max-article-mb <N>"), "{help}");
}

/// The peak resident memory of a run of newsgraph, in bytes (Linux: its `VmHWM`, read until it
/// exits), with its exit code.
#[cfg(target_os = "linux")]
fn peak_memory(args: &[&str], cwd: &Path) -> (i32, u64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .current_dir(cwd)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Some(code) = child.try_wait().unwrap() {
            return (code.code().unwrap_or(-1), peak);
        }
        // (the file is gone, or reads empty, once the process has exited)
        let s = std::fs::read_to_string(&status).unwrap_or_default();
        let hwm = s.lines().find_map(|l| l.strip_prefix("VmHWM:"));
        let kb: Option<u64> = hwm.and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok());
        peak = peak.max(kb.unwrap_or(0) * 1024);
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
#[cfg(target_os = "linux")]
fn a_page_on_one_line_peaks_under_ten_times_its_size() {
    // the seed articles on one line, 20 MB: its tokens were held whole and then copied sentence by
    // sentence (40 times its size at the peak; 1.7 GB for 45.7 MB of news), then held sentence by
    // sentence until the article's facts were made (28 times: 72 bytes a token, one for about
    // five bytes of text); now a page over `PIECE_BYTES` is read a piece at a time
    let base = dir("one-line");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(common::root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    let text: String = seeds
        .iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .replace(['\n', '\r'], " ")
        })
        .collect::<Vec<_>>()
        .join(" ");
    let page = text.repeat(20_000_000 / text.len() + 1);
    std::fs::write(base.join("page.txt"), &page).unwrap();
    let (code, peak) = peak_memory(
        &["build", "page.txt", "-o", "out", "--no-svg", "-f", "json"],
        &base,
    );
    assert_eq!(code, 0);
    // what any run holds (the knowledge, the threads) is measured on one copy of the text
    std::fs::write(base.join("one.txt"), &text).unwrap();
    let (one_code, fixed) = peak_memory(
        &["build", "one.txt", "-o", "out1", "--no-svg", "-f", "json"],
        &base,
    );
    assert_eq!(one_code, 0);
    let times = peak.saturating_sub(fixed) as f64 / page.len() as f64;
    eprintln!("peak {peak} bytes, {fixed} for one copy: the page adds {times:.1} times its size");
    assert!(
        times < 10.0,
        "peak {peak} bytes, {fixed} for one copy: {times:.1} times"
    );
}
