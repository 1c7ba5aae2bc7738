//! Every export is read by a real, independent consumer: Oxigraph answers SPARQL over the Turtle and
//! the N-Quads, pySHACL validates against ontology/shapes.ttl, rdflib and rapper parse the RDF,
//! Graphviz renders the DOT without warnings, networkx loads the JSON.

mod common;

use std::collections::BTreeSet;

use oxigraph::io::RdfFormat;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

fn store(file: &str, format: RdfFormat) -> Store {
    let store = Store::new().unwrap();
    let bytes = std::fs::read(common::fresh_build().join(file)).unwrap();
    store
        .load_from_reader(format, bytes.as_slice())
        .unwrap_or_else(|e| panic!("oxigraph loads {file}: {e}"));
    store
}

fn select(store: &Store, query: &str) -> Vec<Vec<String>> {
    let q = format!(
        "PREFIX ng: <https://w3id.org/newsgraph/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> \
         PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX prov: <http://www.w3.org/ns/prov#> {query}"
    );
    let QueryResults::Solutions(sols) = SparqlEvaluator::new()
        .parse_query(&q)
        .unwrap()
        .on_store(store)
        .execute()
        .unwrap()
    else {
        panic!("not a SELECT: {query}");
    };
    let mut rows = Vec::new();
    for s in sols {
        let s = s.unwrap();
        rows.push(
            s.values()
                .iter()
                .map(|v| {
                    v.as_ref().map_or(String::new(), |t| match t {
                        oxigraph::model::Term::Literal(l) => l.value().to_string(),
                        t => t.to_string(),
                    })
                })
                .collect(),
        );
    }
    rows.sort();
    rows
}

#[test]
fn sparql_answers_analyst_questions_over_turtle() {
    let st = store("graph.ttl", RdfFormat::Turtle);
    // whom did Biden warn?
    let warned = select(&st, "SELECT ?name WHERE { ?b rdfs:label \"Joe Biden\" . ?b ng:warned ?x . ?x rdfs:label ?name }");
    assert!(
        warned.iter().any(|r| r[0] == "Vladimir Putin"),
        "Biden warned: {warned:?}"
    );
    // which meetings are held in Geneva, and when?
    let geneva = select(
        &st,
        "SELECT ?date WHERE { ?m ng:held_in ?p . ?p rdfs:label \"Geneva\" . ?m ng:date ?date }",
    );
    assert!(!geneva.is_empty(), "no meeting held in Geneva");
    assert!(
        geneva.iter().all(|r| r[0].starts_with("2022-01-")),
        "Geneva dates: {geneva:?}"
    );
    // every assertion has its evidence and provenance
    let orphans = select(&st, "SELECT ?a WHERE { ?a a ng:Assertion . FILTER NOT EXISTS { ?a ng:evidence ?e . ?e ng:text ?t . ?a prov:wasDerivedFrom ?art } }");
    assert!(
        orphans.is_empty(),
        "assertions without evidence: {orphans:?}"
    );
}

#[test]
fn sparql_over_nquads_tells_which_article_says_it() {
    let st = store("graph.nq", RdfFormat::NQuads);
    let rows = select(&st, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?b ng:warned ?p } ?b rdfs:label \"Joe Biden\" . ?p rdfs:label \"Vladimir Putin\" }");
    assert!(
        !rows.is_empty(),
        "no article graph holds Biden warned Putin"
    );
    assert!(rows.iter().all(|r| r[0].contains("/article/")), "{rows:?}");
    // the graphs are articles described in the default graph
    let arts = select(
        &st,
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ng:Article }",
    );
    assert_eq!(arts, vec![vec!["5".to_string()]]);
}

#[test]
fn python_validators_accept_every_export() {
    // pySHACL against ontology/shapes.ttl, rdflib parsing, networkx node_link_graph and read_graphml
    let Some(text) = common::validate(common::fresh_build()) else {
        return;
    };
    for check in [
        "ok pySHACL",
        "ok rdflib parsed graph.ttl",
        "ok rdflib parsed graph.nq",
        "ok networkx loaded graph.json",
        "ok networkx read graph.graphml",
    ] {
        assert!(text.contains(check), "missing {check:?} in:\n{text}");
    }
}

#[test]
fn shapes_reject_a_broken_graph() {
    // the shapes are not vacuous: the invalid fixture fails validation
    if !common::have("pyshacl") {
        return;
    }
    let root = common::root();
    let run = |file: &str| {
        common::command("pyshacl")
            .args([
                "-s",
                "ontology/shapes.ttl",
                "-e",
                "ontology/newsgraph.ttl",
                "-i",
                "rdfs",
            ])
            .arg(file)
            .current_dir(&root)
            .output()
            .unwrap()
    };
    assert!(run("tests/fixtures/shapes/valid.ttl").status.success());
    let bad = run("tests/fixtures/shapes/invalid.ttl");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stdout).contains("Conforms: False"));
    // each broken position is reported on its own node
    let geo = run("tests/fixtures/shapes/geo_invalid.ttl");
    let report = String::from_utf8_lossy(&geo.stdout);
    assert!(!geo.status.success(), "{report}");
    for node in ["north_of_the_pole", "half_placed", "line_town", "web_town"] {
        assert!(
            report.contains(&format!(
                "Focus Node: <https://w3id.org/newsgraph/id/place/{node}>"
            )) || report.contains(&format!(
                "Focus Node: <https://w3id.org/newsgraph/id/geometry/place/{node}>"
            )),
            "{node} not reported:\n{report}"
        );
    }
}

#[test]
fn rapper_parses_turtle_and_nquads() {
    if !common::have("rapper") {
        return;
    }
    for (file, syntax) in [("graph.ttl", "turtle"), ("graph.nq", "nquads")] {
        let out = common::command("rapper")
            .args(["-i", syntax, "-c"])
            .arg(common::fresh_build().join(file))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "rapper {file}: {err}");
        assert!(
            err.contains("returned") && !err.contains("returned 0 "),
            "rapper {file}: {err}"
        );
    }
}

#[test]
fn graphviz_renders_dot_without_warnings() {
    if !common::have("dot") {
        return;
    }
    let out = common::command("dot")
        .arg("-Tsvg")
        .arg(common::fresh_build().join("graph.dot"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "dot warned: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = String::from_utf8_lossy(&out.stdout);
    assert!(svg.contains("<svg") && svg.contains("Vladimir Putin"));
    // the nodes no edge touches are packed in rows of a block, not a column as tall as the
    // picture: their positions (dot -Tplain) take at most one line for every six of them
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(common::fresh_build().join("graph.json")).unwrap())
            .unwrap();
    let mut linked = BTreeSet::new();
    for l in json["links"].as_array().unwrap() {
        linked.insert(l["source"].as_str().unwrap().to_string());
        linked.insert(l["target"].as_str().unwrap().to_string());
    }
    let alone: BTreeSet<String> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .filter(|id| !linked.contains(id))
        .collect();
    assert!(alone.len() > 6, "the seed graph has unconnected nodes");
    let plain = common::command("dot")
        .arg("-Tplain")
        .arg(common::fresh_build().join("graph.dot"))
        .output()
        .unwrap();
    let plain = String::from_utf8_lossy(&plain.stdout);
    let rows: BTreeSet<&str> = plain
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            // node NAME X Y ...: the quoted name has no spaces (ids are slugs)
            (f.first() == Some(&"node") && alone.contains(f[1].trim_matches('"'))).then(|| f[3])
        })
        .collect();
    assert!(
        !rows.is_empty() && rows.len() <= alone.len().div_ceil(6),
        "{} unconnected nodes on {} lines",
        alone.len(),
        rows.len()
    );
}

#[test]
fn json_has_the_node_link_layout_and_evidence() {
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(common::fresh_build().join("graph.json")).unwrap())
            .unwrap();
    assert_eq!(v["directed"], true);
    let nodes = v["nodes"].as_array().unwrap();
    let ids: BTreeSet<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), nodes.len(), "node ids are unique");
    for n in nodes {
        for key in ["id", "type", "label", "aliases", "iri"] {
            assert!(!n[key].is_null(), "node without {key}: {n}");
        }
        if n["type"] == "Meeting" {
            assert!(
                n["kind"].is_string() && n["date"].is_string(),
                "meeting without kind or date: {n}"
            );
        }
    }
    let text: std::collections::BTreeMap<String, String> =
        std::fs::read_dir(common::root().join("seeds"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| {
                (
                    p.file_stem().unwrap().to_string_lossy().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
    for l in v["links"].as_array().unwrap() {
        assert!(
            ids.contains(l["source"].as_str().unwrap())
                && ids.contains(l["target"].as_str().unwrap())
        );
        let c = l["confidence"].as_f64().unwrap();
        assert!(c > 0.0 && c <= 1.0);
        let evs = l["evidence"].as_array().unwrap();
        assert!(!evs.is_empty(), "link without evidence: {l}");
        for e in evs {
            // the byte span points at the evidence sentence in the original article
            let t = &text[e["article"].as_str().unwrap()];
            let (s, en) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&t[s..en], e["sentence"].as_str().unwrap());
        }
    }
}
