//! Random soups of real news words, punctuation and odd characters: extraction never panics, and every
//! edge joins nodes of the types its relation allows (the rule the SHACL shapes check on CI).

mod common;

use newsgraph::{build_graph, Article, Date, NodeType};

/// A small deterministic generator (xorshift), so a failure reproduces.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

#[test]
fn random_articles_give_well_typed_graphs() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut corpus = String::new();
    for dir in ["seeds", "tests/fixtures/dev2", "tests/fixtures/articles"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                corpus.push_str(&std::fs::read_to_string(p).unwrap());
            }
        }
    }
    let words: Vec<&str> = corpus.split_whitespace().collect();
    let odd = [
        "\"",
        "“",
        "”",
        "’s",
        "(",
        ")",
        "-",
        "–",
        ",",
        ".",
        "?",
        ":",
        "\u{200b}",
        "\u{202e}",
        "日本",
        "\n",
        "\n\n",
        "\r\n",
        "|",
        "12:30",
        "2021-12-31",
        "Dec",
        "9-10",
        "U.S.",
        "Secretary-General",
        "Jean-Pierre",
        "met",
        "called on",
        "warned",
        "said",
        "will",
        "not",
        "Thursday",
        "next week",
        "a day later",
        "the same day",
        "afterwards",
        "his",
        "President",
        "Minister",
    ];
    let k = common::knowledge();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut articles = Vec::new();
    for i in 0..300 {
        let n = (rng.next() % 300) as usize;
        let text: Vec<&str> = (0..n)
            .map(|_| {
                if rng.next().is_multiple_of(4) {
                    rng.pick(&odd)
                } else {
                    rng.pick(&words)
                }
            })
            .collect();
        let sep = rng.pick(&[" ", " ", "\n", ""]);
        let a = Article::new(format!("soup{i}"), text.join(sep));
        articles.push(if i % 2 == 0 {
            a.published(Date::new(2022, 1, 3).unwrap())
        } else {
            a
        });
    }
    let g = build_graph(&articles, k);
    assert!(g.edge_count() > 0);
    let actor = |t: NodeType| t != NodeType::Meeting;
    for (a, e, b) in g.edges() {
        let (s, o) = (a.node_type, b.node_type);
        let ok = match e.relation.as_str() {
            "participated_in" | "scheduled" => actor(s) && o == NodeType::Meeting,
            "held_in" => s == NodeType::Meeting && o == NodeType::Place,
            "leader_of" => {
                s == NodeType::Person && matches!(o, NodeType::Organization | NodeType::Place)
            }
            "adviser_to" => s == NodeType::Person && o == NodeType::Person,
            "member_of" => actor(s) && matches!(o, NodeType::Organization | NodeType::Place),
            "located_in" => {
                matches!(s, NodeType::Place | NodeType::Organization) && o == NodeType::Place
            }
            "called" | "met" | "consulted" => actor(s) && actor(o),
            _ => actor(s),
        };
        assert!(
            ok,
            "{} {} {} joins {:?} to {:?}",
            a.id, e.relation, b.id, s, o
        );
        for ev in &e.evidence {
            let art = articles.iter().find(|x| *x.id == *ev.article).unwrap();
            assert_eq!(&art.text[ev.span.start..ev.span.end], &*ev.text);
        }
    }
}
