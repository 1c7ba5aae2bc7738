//! Builds the graph of `seeds/` and walks it: who warned whom, the meetings of each person with
//! their dates and places, and the evidence of one edge.
//!
//! `cargo run --release --example traverse [FOLDER]`

use newsgraph::{build_graph, load_articles, Direction, Knowledge, NodeType};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = std::env::args().nth(1).unwrap_or_else(|| "seeds".into());
    let k = Knowledge::embedded();
    let (articles, skipped) = load_articles(&[folder.into()], &k)?;
    for s in skipped {
        eprintln!("skipped {}: {}", s.source, s.reason);
    }
    let g = build_graph(&articles, &k);
    println!(
        "{} nodes, {} edges from {} articles\n",
        g.node_count(),
        g.edge_count(),
        articles.len()
    );

    println!("Who warned whom:");
    for (a, e, b) in g.edges().filter(|(_, e, _)| e.relation == "warned") {
        println!(
            "  {} -> {}  ({} article(s), confidence {})",
            a.label,
            b.label,
            e.articles().len(),
            e.confidence
        );
    }

    println!("\nMeetings of each person:");
    for p in g.nodes().filter(|n| n.node_type == NodeType::Person) {
        let ms = g.meetings_of(&p.id);
        if ms.is_empty() {
            continue;
        }
        println!("  {}", p.label);
        for (m, place) in ms {
            let info = m
                .meeting
                .as_ref()
                .expect("a meeting node has meeting details");
            let date = info.date.map_or("undated".to_string(), |d| d.to_string());
            let place = place.map_or(String::new(), |p| format!(" in {}", p.label));
            println!("    {date} {} ({}){place}", info.kind, info.status);
        }
    }

    if let Some(biden) = g.find("Biden") {
        if let Some(n) = g
            .neighbors(&biden.id, Some("warned"), Direction::Outgoing)
            .into_iter()
            .next()
        {
            println!("\nEvidence that {} warned {}:", biden.label, n.node.label);
            for ev in &n.edge.evidence {
                println!(
                    "  [{} bytes {}..{}, rule {}] {}",
                    ev.article, ev.span.start, ev.span.end, ev.rule, ev.text
                );
            }
        }
    }

    // a symmetric relation is found from either end, and says who called whom
    if let Some(putin) = g.find("Putin") {
        println!("\nCalls of {}:", putin.label);
        for n in g.neighbors(&putin.id, Some("called"), Direction::Outgoing) {
            let (from, to) = match n.direction {
                Direction::Outgoing => (&putin.label, &n.node.label),
                Direction::Incoming => (&n.node.label, &putin.label),
            };
            println!("  {from} called {to}");
        }
    }
    Ok(())
}
