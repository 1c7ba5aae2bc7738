//! No article text can break an export: quotes, backslashes, brackets, braces, `#`, newlines and
//! non-ASCII names give valid Turtle, N-Quads, DOT and JSON, and IRIs are percent-encoded slugs.

mod common;

use newsgraph::{build_graph, write_all, Article, Date, Format};
use oxigraph::io::RdfFormat;
use oxigraph::store::Store;

const HOSTILE: &str = "Kenyan President William Ruto warned Uganda about \"fake\" <script>alert('x')</script> claims {a} #tag \\ C:\\path.\r\n\
The Żółć Ñandú Agency said Ruto's aide Dennis O'Brien-Itumbi met Uganda's envoy in Kampala on Monday.\n\
Łukasz Wąsowski, a spokesman for the Polish Foreign Ministry, said \"no\" \u{202E}reversed\u{202C} and\u{200B}zero-width.\n";

#[test]
fn hostile_text_gives_valid_exports() {
    let k = common::knowledge();
    let a = Article::new("hostile <id> \"#1\"", HOSTILE).published(Date::new(2023, 5, 3).unwrap());
    let g = build_graph(std::slice::from_ref(&a), k);
    assert!(
        g.find("Żółć Ñandú Agency").is_some(),
        "{:?}",
        g.nodes().map(|n| &n.label).collect::<Vec<_>>()
    );
    assert!(g.find("Łukasz Wąsowski").is_some());
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("hostile-{}", std::process::id()));
    write_all(&g, &dir, &Format::ALL, newsgraph::DEFAULT_BASE, false).unwrap();

    for (file, format) in [
        ("graph.ttl", RdfFormat::Turtle),
        ("graph.nq", RdfFormat::NQuads),
    ] {
        let store = Store::new().unwrap();
        let bytes = std::fs::read(dir.join(file)).unwrap();
        store
            .load_from_reader(format, bytes.as_slice())
            .unwrap_or_else(|e| panic!("{file} does not parse: {e}"));
        assert!(store.len().unwrap() > 20, "{file}");
        // every IRI is ASCII: names are percent-encoded, never pasted raw
        let text = String::from_utf8(bytes).unwrap();
        for iri in text
            .split('<')
            .skip(1)
            .filter_map(|x| x.split_once('>'))
            .map(|(i, _)| i)
        {
            assert!(
                iri.is_ascii() && !iri.contains(' ') && !iri.contains('"'),
                "raw IRI {iri:?} in {file}"
            );
        }
    }

    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("graph.json")).unwrap()).unwrap();
    for l in v["links"].as_array().unwrap() {
        for e in l["evidence"].as_array().unwrap() {
            let (s, en) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                &HOSTILE[s..en],
                e["sentence"].as_str().unwrap(),
                "evidence span"
            );
        }
    }
    serde_json::from_slice::<serde_json::Value>(&std::fs::read(dir.join("merges.json")).unwrap())
        .unwrap();

    let dot = std::fs::read_to_string(dir.join("graph.dot")).unwrap();
    // every quoted string closes on its line (an unescaped quote or newline would break this)
    for line in dot.lines() {
        let unescaped = line.replace("\\\\", "").replace("\\\"", "");
        assert_eq!(
            unescaped.matches('"').count() % 2,
            0,
            "broken DOT line: {line}"
        );
    }
    if common::have("dot") {
        let out = common::command("dot")
            .arg("-Tsvg")
            .arg(dir.join("graph.dot"))
            .output()
            .unwrap();
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let svg = String::from_utf8_lossy(&out.stdout);
        assert!(
            !svg.contains("<script>"),
            "markup from the article reached the SVG"
        );
    }
}

/// graph.ttl is assembled by newsgraph, not by oxttl: for any base IRI, even one that is another
/// prefix's namespace or that holds it, oxttl reading it back and writing it again with the same
/// prefixes gives the same bytes.
#[test]
fn turtle_is_what_oxttl_would_write_for_any_base() {
    let k = common::knowledge();
    let a = Article::new("hostile <id> \"#1\"", HOSTILE).published(Date::new(2023, 5, 3).unwrap());
    let g = build_graph(std::slice::from_ref(&a), k);
    for base in [
        newsgraph::DEFAULT_BASE,
        "http://www.wikidata.org/entity/",
        newsgraph::NG,
        "http://example.org/",
        "http://example.org/a#",
    ] {
        let mut ours = Vec::new();
        newsgraph::write_turtle(&g, base, &mut ours).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&common::turtle_by_oxttl(&ours)),
            "base {base}"
        );
    }
}
