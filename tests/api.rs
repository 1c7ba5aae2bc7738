//! The Rust API as README's "The Rust API" describes it: symmetric relations found from either end
//! with the direction the articles state, the same direction as the RDF, and verb edges dated by
//! their sentence.

mod common;

use newsgraph::{build_graph, Article, Date, Direction};

fn graph(text: &str, published: Date) -> newsgraph::KnowledgeGraph {
    let a = Article::new("a", format!("Talks\n\n{text}\n")).published(published);
    build_graph(&[a], common::knowledge())
}

#[test]
fn a_symmetric_edge_is_found_from_both_ends_and_says_who_called_whom() {
    let g = graph(
        "British Prime Minister Keir Starmer spoke by phone with Canadian Prime Minister Mark Carney on Monday.",
        Date::new(2025, 3, 18).unwrap(),
    );
    let starmer = g.find("Keir Starmer").unwrap();
    let carney = g.find("Mark Carney").unwrap();
    // (asked from, direction asked, other end, direction stated)
    let cases = [
        (
            starmer,
            Direction::Outgoing,
            "Mark Carney",
            Direction::Outgoing,
        ),
        (
            starmer,
            Direction::Incoming,
            "Mark Carney",
            Direction::Outgoing,
        ),
        (
            carney,
            Direction::Outgoing,
            "Keir Starmer",
            Direction::Incoming,
        ),
        (
            carney,
            Direction::Incoming,
            "Keir Starmer",
            Direction::Incoming,
        ),
    ];
    for (from, asked, other, stated) in cases {
        let n = g.neighbors(&from.id, Some("called"), asked);
        assert_eq!(n.len(), 1, "{} {asked:?}", from.label);
        assert_eq!(n[0].node.label, other);
        assert_eq!(n[0].direction, stated, "{} {asked:?}", from.label);
    }
    assert!(g.edge(&carney.id, "called", &starmer.id).is_some());
    // the API's edge is the RDF's one triple
    let (s, _, o) = g.edges().find(|(_, e, _)| e.relation == "called").unwrap();
    assert_eq!(
        (s.label.as_str(), o.label.as_str()),
        ("Keir Starmer", "Mark Carney")
    );
    let mut ttl = Vec::new();
    newsgraph::write_turtle(&g, newsgraph::DEFAULT_BASE, &mut ttl).unwrap();
    let ttl = String::from_utf8(ttl).unwrap();
    assert!(
        ttl.contains("id:person\\/keir_starmer ng:called id:person\\/mark_carney"),
        "{ttl}"
    );
    assert!(!ttl.contains("id:person\\/mark_carney ng:called"), "{ttl}");
    // a relation that is not symmetric answers one way only
    assert!(g
        .neighbors(&carney.id, Some("leader_of"), Direction::Incoming)
        .is_empty());
}

#[test]
fn verb_edges_take_the_day_their_clause_gives() {
    // name, sentence, relation, expected date (published Saturday 2022-03-12)
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "day after the object",
            "Scholz warned Macron on Tuesday that the plan could fail.",
            "warned",
            Some("2022-03-08"),
        ),
        (
            "day opening the sentence",
            "On Sunday, Scholz warned Macron about the plan.",
            "warned",
            Some("2022-03-06"),
        ),
        (
            "written date",
            "Scholz urged Macron on March 3 to act.",
            "urged",
            Some("2022-03-03"),
        ),
        (
            "no day",
            "Scholz warned Macron that the plan could fail.",
            "warned",
            None,
        ),
        (
            "day of the report, not the act",
            "Scholz urged Macron to act, the ministry said on Friday.",
            "urged",
            None,
        ),
    ];
    for (name, text, rel, want) in cases {
        let g = graph(
            &format!("German Chancellor Olaf Scholz met French President Emmanuel Macron. {text}"),
            Date::new(2022, 3, 12).unwrap(),
        );
        let (_, e, _) = g
            .edges()
            .find(|(_, e, _)| e.relation == *rel)
            .unwrap_or_else(|| panic!("{name}: no {rel} edge"));
        assert_eq!(e.date.map(|d| d.to_string()).as_deref(), *want, "{name}");
    }
}
