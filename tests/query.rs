//! `newsgraph query`: the five analyst questions of the README, run exactly as written there, in
//! every result format.

mod common;

use std::path::Path;
use std::process::Command;

fn readme_queries() -> Vec<String> {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    readme
        .split("```sparql\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap().to_string())
        .collect()
}

fn query(graph: &Path, q: &str, extra: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .arg("query")
        .arg(graph)
        .arg(q)
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn the_readme_questions_answer() {
    let qs = readme_queries();
    assert_eq!(qs.len(), 6, "the README has six questions");
    // the last build, before the fifth seed article came in
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("query-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut seeds: Vec<_> = std::fs::read_dir(common::root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    seeds.pop();
    let previous = dir.join("previous");
    newsgraph::build(&newsgraph::BuildConfig::new(seeds, &previous).svg(false)).unwrap();
    let out = common::fresh_build();
    // question, extra arguments, expected in the table, rows
    let cases: [(&str, Vec<&str>, &[&str], &str); 6] = [
        (
            "who warned whom",
            vec![],
            &["Joe Biden      | Vladimir Putin"],
            "(3 rows)",
        ),
        (
            "January meetings",
            vec![],
            &["2022-01-09 | Geneva", "2022-01-12 | Brussels"],
            "(5 rows)",
        ),
        (
            "articles of an edge",
            vec![],
            &["Biden warned Putin that the United States may impose more sanctions"],
            "(3 rows)",
        ),
        ("talked to both", vec![], &["Joe Biden"], "(1 row)"),
        (
            "changed since the last build",
            vec!["--previous", previous.to_str().unwrap()],
            &["Wendy Sherman", "held_in", "Geneva"],
            "rows)",
        ),
        (
            "meetings in a box on the map",
            vec![],
            &["2022-01-09 | Geneva", "2022-01-12 | Brussels"],
            "rows)",
        ),
    ];
    for ((name, extra, expect, rows), q) in cases.iter().zip(&qs) {
        let (code, table, err) = query(out, q, extra);
        assert_eq!(code, 0, "{name}: {err}");
        for e in *expect {
            assert!(table.contains(e), "{name}: {e:?} not in\n{table}");
        }
        assert!(table.trim_end().ends_with(rows), "{name}: {table}");
        // the other formats carry the same rows
        let n = table.lines().count() - 3;
        let (_, csv, _) = query(out, q, &[&["-f", "csv"], extra.as_slice()].concat());
        assert_eq!(csv.lines().count(), n + 1, "{name}: csv\n{csv}");
        let (_, tsv, _) = query(out, q, &[&["-f", "tsv"], extra.as_slice()].concat());
        assert_eq!(tsv.lines().count(), n + 1, "{name}: tsv");
        let (_, json, _) = query(out, q, &[&["-f", "json"], extra.as_slice()].concat());
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            v["results"]["bindings"].as_array().unwrap().len(),
            n,
            "{name}: json"
        );
    }
    // the N-Quads load too, with the statements in one graph per article
    let (code, table, err) = query(
        &out.join("graph.nq"),
        "SELECT (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ng:warned ?o } }",
        &[],
    );
    assert_eq!(code, 0, "{err}");
    // the warned edges are stated in five article graphs of the seeds
    assert_eq!(table.lines().nth(2), Some("5"), "{table}");
    // and every README question answers the same over graph.nq as over graph.ttl: the default
    // graph is the merge of the article graphs (the --previous one aside, which needs a folder)
    for (q, name) in qs.iter().zip(["who", "meetings", "articles", "both"]) {
        let (_, ttl, _) = query(out, q, &[]);
        let (code, nq, err) = query(&out.join("graph.nq"), q, &[]);
        assert_eq!(code, 0, "{name}: {err}");
        assert_eq!(nq, ttl, "{name}: graph.nq and graph.ttl answer apart");
    }
}

#[test]
fn bad_queries_and_paths_are_one_line_errors() {
    // name, graph, query, text expected on stderr
    let out = common::fresh_build().to_str().unwrap().to_string();
    let cases = [
        ("syntax", out.as_str(), "SELECT WHERE {", "query:"),
        (
            "undefined prefix",
            out.as_str(),
            "SELECT * WHERE { ?a foo:warned ?b }",
            "the prefix foo: is not declared; declare it (PREFIX foo: <...>) or use one of ng: id:",
        ),
        (
            "cut off",
            out.as_str(),
            "SELECT * WHERE { ?a ng:warned ?b ",
            "syntax error at 1:",
        ),
        ("no build", "/nonexistent", "ASK {}", "/nonexistent"),
        ("unknown format", out.as_str(), "ASK {}", "--format"),
    ];
    for (name, graph, q, says) in cases {
        let extra: &[&str] = if name == "unknown format" {
            &["-f", "xml"]
        } else {
            &[]
        };
        let (code, _, err) = query(Path::new(graph), q, extra);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains(says), "{name}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{name}: {err}");
    }
    let (code, table, _) = query(Path::new(&out), "ASK { ?a ng:warned ?b }", &[]);
    assert_eq!((code, table.trim()), (0, "true"));
}
