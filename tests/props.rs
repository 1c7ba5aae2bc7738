//! Property tests over random and adversarial text (the fuzz targets of `fuzz/`, run on stable):
//! extraction never panics, every span lies inside its article on character boundaries and is the
//! evidence it claims, and every export re-parses (oxttl for Turtle and N-Quads, serde_json for the
//! JSON, a DOT lexer for quoting). `NEWSGRAPH_PROPTEST_CASES` sets the number of cases (default 256).

mod common;

use newsgraph::{build_graph, write_all, Article, Date, Format};
use proptest::prelude::*;

/// Pieces news text is made of, and pieces that break naive exporters.
const PIECES: &[&str] = &[
    "Joe Biden",
    "Vladimir Putin",
    "Emmanuel Macron",
    "Narendra Modi",
    "NATO",
    "the European Union",
    "Kyiv",
    "Geneva",
    "Russian President",
    "Foreign Minister",
    "Olaf",
    "Scholz",
    "Biden's",
    "US",
    "warned",
    "met",
    "urged",
    "accused",
    "held a phone call with",
    "talks",
    "summit",
    "on Monday",
    "on December 30",
    "next week",
    "said",
    "that",
    "and",
    "with",
    "in",
    "of",
    "by",
    "the",
    "a",
    ".",
    ",",
    ";",
    ":",
    "?",
    "!",
    "(",
    ")",
    "\"",
    "'",
    "“",
    "”",
    "’s",
    "-",
    "–",
    "—",
    "/",
    "\\",
    "<",
    ">",
    "{",
    "}",
    "[",
    "]",
    "#",
    "%",
    "&",
    "@",
    "|",
    "`",
    "$",
    "\n",
    "\r\n",
    "\n\n",
    "\t",
    "\u{FEFF}",
    "\u{200B}",
    "\u{200D}",
    "\u{202E}",
    "\u{202C}",
    "\u{00AD}",
    "e\u{0301}",
    "\u{0308}",
    "日本",
    "Москва",
    "القاهرة",
    "שלום",
    "Żółć",
    "İstanbul",
    "ß",
    "ﬁ",
    "😀",
    "\u{0}",
    "\u{7}",
    "https://example.org/a?b=c#d",
    "<script>alert(1)</script>",
    "]]>",
    "-->",
    "\"\"\"",
    "@prefix",
    "_:b0",
    "^^xsd:date",
    "1,200",
    "3.5",
    "2022-01-10",
    "U.S.",
    "Dr.",
    "Mr.",
    "12:30",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => "\\PC{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(16).collect()),
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|v| {
        let mut s = String::new();
        for (i, p) in v.iter().enumerate() {
            if i > 0 && !p.starts_with(['.', ',', '\n']) {
                s.push(' ');
            }
            s.push_str(p);
        }
        s
    })
}

fn cases() -> u32 {
    std::env::var("NEWSGRAPH_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

/// Checks DOT quoting: outside quotes no stray quote, inside quotes only escaped quotes, and every
/// quoted string closed on its line.
fn dot_lexes(dot: &str) -> Result<(), String> {
    for (n, raw) in dot.lines().enumerate() {
        // edge arrows are the one bracket allowed outside strings
        let line = &raw.replace("->", "  ");
        let mut inside = false;
        let mut escaped = false;
        for c in line.chars() {
            match (inside, escaped, c) {
                (true, true, _) => escaped = false,
                (true, false, '\\') => escaped = true,
                (_, false, '"') => inside = !inside,
                (false, _, '<' | '>') if !line.contains("label=<") => {
                    return Err(format!("line {}: markup outside a string: {line}", n + 1))
                }
                _ => {}
            }
        }
        if inside {
            return Err(format!("line {}: unclosed string: {line}", n + 1));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_breaks_extraction_or_exports(texts in proptest::collection::vec(text(), 1..4)) {
        let k = common::knowledge();
        let articles: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Article::new(format!("p{i} <\"#\\>"), t.as_str()).published(Date::new(2022, 1, 10).unwrap()))
            .collect();
        let g = build_graph(&articles, k);
        for n in g.nodes() {
            for (a, sp) in &n.mentions {
                let art = articles.iter().find(|x| &x.id == a).unwrap();
                prop_assert!(sp.start <= sp.end && sp.end <= art.text.len(), "mention {sp:?} outside {a}");
                prop_assert!(art.text.is_char_boundary(sp.start) && art.text.is_char_boundary(sp.end));
            }
        }
        for (_, e, _) in g.edges() {
            for ev in &e.evidence {
                let art = articles.iter().find(|x| *x.id == *ev.article).unwrap();
                prop_assert_eq!(art.text.get(ev.span.start..ev.span.end), Some(&*ev.text));
            }
        }
        let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("props-{}-{:?}", std::process::id(), std::thread::current().id()));
        let _ = std::fs::remove_dir_all(&dir);
        write_all(&g, &dir, &Format::ALL, newsgraph::DEFAULT_BASE, false).unwrap();
        let ttl = std::fs::read(dir.join("graph.ttl")).unwrap();
        for t in oxttl::TurtleParser::new().for_slice(&ttl) {
            prop_assert!(t.is_ok(), "Turtle: {:?}", t.err());
        }
        // the Turtle is written here, not by oxttl: read back and written again by oxttl with the
        // same prefixes, it must come out byte for byte the same
        let again = common::turtle_by_oxttl(&ttl);
        prop_assert!(again == ttl, "Turtle differs from oxttl's:\n{}\n---\n{}",
            String::from_utf8_lossy(&ttl), String::from_utf8_lossy(&again));
        let nq = std::fs::read(dir.join("graph.nq")).unwrap();
        for q in oxttl::NQuadsParser::new().for_slice(&nq) {
            prop_assert!(q.is_ok(), "N-Quads: {:?}", q.err());
        }
        for f in ["graph.json", "merges.json"] {
            let r = serde_json::from_slice::<serde_json::Value>(&std::fs::read(dir.join(f)).unwrap());
            prop_assert!(r.is_ok(), "{f}: {:?}", r.err());
        }
        let dot = std::fs::read_to_string(dir.join("graph.dot")).unwrap();
        prop_assert!(dot_lexes(&dot).is_ok(), "{:?}", dot_lexes(&dot));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn any_bytes_are_read_or_refused_never_crash(bytes in proptest::collection::vec(any::<u8>(), 0..2000), gz in any::<bool>()) {
        let k = common::knowledge();
        let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("props-bytes-{}-{:?}", std::process::id(), std::thread::current().id()));
        std::fs::create_dir_all(&dir).unwrap();
        for name in ["x.txt", "x.jsonl"] {
            let p = dir.join(if gz { format!("{name}.gz") } else { name.to_string() });
            let data = if gz {
                use std::io::Write;
                let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                e.write_all(&bytes).unwrap();
                e.finish().unwrap()
            } else {
                bytes.clone()
            };
            std::fs::write(&p, data).unwrap();
            let (arts, skips) = newsgraph::read_file(&p, k).unwrap();
            for a in &arts {
                let g = build_graph(std::slice::from_ref(a), k);
                prop_assert!(g.node_count() < 10_000);
            }
            for s in &skips {
                prop_assert!(s.source.contains("x."), "a skip must name the file: {s:?}");
            }
        }
    }
}

/// Inputs the fuzzer once crashed on, kept so that they never come back.
#[test]
fn fuzzer_findings_stay_fixed() {
    let k = common::knowledge();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
        let a = Article::new("regression", text).published(Date::new(2022, 1, 10).unwrap());
        let g = build_graph(std::slice::from_ref(&a), k);
        for n in g.nodes().filter_map(|n| n.meeting.as_ref()) {
            assert!(
                n.end.is_none_or(|e| Some(e) > n.date),
                "{}: an end before the start",
                p.display()
            );
        }
        n += 1;
    }
    assert!(n > 0);
}

/// The JSON of a real shard (the seeds'), for the mutations below.
fn seed_shard() -> Vec<u8> {
    static SHARD: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    SHARD
        .get_or_init(|| {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            let out = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("props-shard-{}", std::process::id()));
            let cfg = newsgraph::BuildConfig::new(vec![root.join("seeds")], out.clone())
                .formats(vec![Format::Shard])
                .svg(false);
            newsgraph::build(&cfg).unwrap();
            let mut json = Vec::new();
            std::io::Read::read_to_end(
                &mut flate2::read::GzDecoder::new(
                    std::fs::File::open(out.join("shard.json.gz")).unwrap(),
                ),
                &mut json,
            )
            .unwrap();
            json
        })
        .clone()
}

#[test]
fn a_real_shard_passes_its_check() {
    assert_eq!(newsgraph::check_shard(&seed_shard()), Ok(()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    // the fuzz target `shard`, on stable: a shard with bytes changed is accepted or refused with a
    // reason, never a panic
    #[test]
    fn a_shard_with_bytes_changed_never_panics(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8)) {
        let mut json = seed_shard();
        for (at, b) in edits {
            let i = at % json.len();
            json[i] = b;
        }
        match newsgraph::check_shard(&json) {
            Ok(()) => {}
            Err((_, why)) => prop_assert!(!why.is_empty()),
        }
    }
}
