//! Graphviz DOT export: one style per node type, labelled edges, a legend. All text is escaped as
//! DOT quoted strings, so no article text can break the file.

use std::io::Write;

use crate::graph::{KnowledgeGraph, Node, NodeType};

/// Escapes a DOT quoted string (backslash, quote, newlines; nothing else is special inside quotes).
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn style(t: NodeType) -> (&'static str, &'static str) {
    match t {
        NodeType::Person => ("ellipse", "#8dd3c7"),
        NodeType::Organization => ("box", "#ffffb3"),
        NodeType::Place => ("house", "#bebada"),
        NodeType::Meeting => ("octagon", "#fb8072"),
    }
}

/// Writes one node statement.
fn write_node(w: &mut impl Write, n: &Node, indent: &str) -> std::io::Result<()> {
    let (shape, color) = style(n.node_type);
    let mut label = n.label.clone();
    if let Some(m) = &n.meeting {
        label = format!(
            "{}\n{}",
            m.kind,
            m.date.map_or("undated".to_string(), |d| d.to_string())
        );
        if m.status == "scheduled" {
            label.push_str(" (scheduled)");
        }
    }
    writeln!(
        w,
        "{indent}{} [label={}, shape={shape}, fillcolor=\"{color}\", tooltip={}];",
        quote(&n.id),
        quote(&label),
        quote(&n.label)
    )
}

/// How many unconnected nodes one row of their block holds.
const ROW: usize = 6;

/// The nodes no edge touches (bodies and places named once), packed in a block of rows held
/// together by invisible edges, so that they do not take a column the height of the picture.
fn write_unconnected(w: &mut impl Write, alone: &[&Node]) -> std::io::Result<()> {
    if alone.is_empty() {
        return Ok(());
    }
    writeln!(w, "  subgraph cluster_unconnected {{")?;
    writeln!(
        w,
        "    label=\"Named, with no edge\"; fontsize=10; style=dashed;"
    )?;
    for n in alone {
        write_node(w, n, "    ")?;
    }
    for row in alone.chunks(ROW) {
        for pair in row.windows(2) {
            writeln!(
                w,
                "    {} -> {} [style=invis];",
                quote(&pair[0].id),
                quote(&pair[1].id)
            )?;
        }
    }
    writeln!(w, "  }}")
}

/// Writes the graph as DOT.
pub fn write_dot(g: &KnowledgeGraph, mut w: impl Write) -> std::io::Result<()> {
    writeln!(w, "digraph newsgraph {{")?;
    writeln!(w, "  graph [rankdir=LR, fontname=\"Helvetica\", overlap=false, label=\"newsgraph\", labelloc=t];")?;
    writeln!(
        w,
        "  node [fontname=\"Helvetica\", style=filled, fontsize=10];"
    )?;
    writeln!(w, "  edge [fontname=\"Helvetica\", fontsize=8];")?;
    writeln!(w, "  subgraph cluster_legend {{")?;
    writeln!(w, "    label=\"Legend\"; fontsize=10; style=dashed;")?;
    for t in [
        NodeType::Person,
        NodeType::Organization,
        NodeType::Place,
        NodeType::Meeting,
    ] {
        let (shape, color) = style(t);
        writeln!(
            w,
            "    {} [label={}, shape={shape}, fillcolor=\"{color}\"];",
            quote(&format!("legend_{}", t.as_str())),
            quote(t.as_str())
        )?;
    }
    writeln!(w, "  }}")?;
    let mut linked = std::collections::BTreeSet::new();
    for (a, _, b) in g.edges() {
        linked.insert(a.id.as_str());
        linked.insert(b.id.as_str());
    }
    let (connected, alone): (Vec<&Node>, Vec<&Node>) =
        g.nodes().partition(|n| linked.contains(n.id.as_str()));
    for n in connected {
        write_node(&mut w, n, "  ")?;
    }
    write_unconnected(&mut w, &alone)?;
    for (a, e, b) in g.edges() {
        let dir = if crate::graph::SYMMETRIC.contains(&e.relation.as_str()) {
            ", dir=both"
        } else {
            ""
        };
        writeln!(
            w,
            "  {} -> {} [label={}, penwidth={:.1}{dir}];",
            quote(&a.id),
            quote(&b.id),
            quote(&e.relation),
            0.5 + 2.0 * e.confidence
        )?;
    }
    writeln!(w, "}}")?;
    w.flush()
}
