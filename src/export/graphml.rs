//! GraphML export, for Gephi, yEd and Cytoscape: every node and edge attribute declared with its
//! type, text escaped for XML (and characters XML 1.0 forbids replaced), ids from the graph's slugs.

use std::borrow::Cow;
use std::io::Write;

use crate::graph::KnowledgeGraph;

/// (id, for, attr.name, attr.type) of every attribute written.
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("n_type", "node", "type", "string"),
    ("n_label", "node", "label", "string"),
    ("n_aliases", "node", "aliases", "string"),
    ("n_iri", "node", "iri", "string"),
    ("n_wikidata", "node", "wikidata", "string"),
    ("n_lat", "node", "lat", "double"),
    ("n_lon", "node", "lon", "double"),
    ("n_geonames", "node", "geonames", "long"),
    ("n_kind", "node", "kind", "string"),
    ("n_date", "node", "date", "string"),
    ("n_date_end", "node", "date_end", "string"),
    ("n_status", "node", "status", "string"),
    ("n_articles", "node", "article_count", "long"),
    ("e_relation", "edge", "relation", "string"),
    ("e_confidence", "edge", "confidence", "double"),
    ("e_date", "edge", "date", "string"),
    ("e_articles", "edge", "article_count", "long"),
    ("e_evidence", "edge", "evidence", "string"),
    ("e_rules", "edge", "rules", "string"),
];

/// Escapes text for an XML element or attribute; characters XML 1.0 cannot carry become U+FFFD.
/// Borrowed when nothing needs escaping, as for nearly every id and label; otherwise the stretches
/// between escapes are copied whole.
fn xml(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    // the bytes that may need a change: markup, controls other than tab and line ends, and the
    // lead byte of U+FFFE and U+FFFF (EF BF BE, EF BF BF)
    let special = |c: u8| {
        matches!(c, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xEF)
            || (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r'))
    };
    let Some(first) = b.iter().position(|&c| special(c)) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 16);
    let (mut run, mut i) = (0, first);
    while i < b.len() {
        let c = b[i];
        if !special(c) {
            i += 1;
            continue;
        }
        let (rep, len) = match c {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            0xEF if b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)) => {
                ("\u{FFFD}", 3)
            }
            // another character led by EF is kept
            0xEF => {
                i += 1;
                continue;
            }
            _ => ("\u{FFFD}", 1),
        };
        out.push_str(&s[run..i]);
        out.push_str(rep);
        i += len;
        run = i;
    }
    out.push_str(&s[run..]);
    Cow::Owned(out)
}

/// Writes the graph as GraphML.
pub fn write_graphml(g: &KnowledgeGraph, base: &str, mut w: impl Write) -> std::io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, domain, name, ty) in KEYS {
        writeln!(
            w,
            r#"  <key id="{id}" for="{domain}" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(w, r#"  <graph id="newsgraph" edgedefault="directed">"#)?;
    let data = |w: &mut dyn Write, key: &str, v: &str| -> std::io::Result<()> {
        writeln!(w, r#"      <data key="{key}">{}</data>"#, xml(v))
    };
    for n in g.nodes() {
        writeln!(w, r#"    <node id="{}">"#, xml(&n.id))?;
        data(&mut w, "n_type", n.node_type.as_str())?;
        data(&mut w, "n_label", &n.label)?;
        if !n.aliases.is_empty() {
            let aliases: Vec<&str> = n.aliases.iter().map(String::as_str).collect();
            data(&mut w, "n_aliases", &aliases.join("; "))?;
        }
        data(&mut w, "n_iri", &format!("{base}{}", n.id))?;
        if let Some(q) = &n.wikidata {
            data(&mut w, "n_wikidata", q)?;
        }
        if let Some(p) = g.position(n) {
            data(&mut w, "n_lat", &p.lat.to_string())?;
            data(&mut w, "n_lon", &p.lon.to_string())?;
        }
        if let Some(id) = n.geo.and_then(|p| p.geonames) {
            data(&mut w, "n_geonames", &id.to_string())?;
        }
        if let Some(m) = &n.meeting {
            data(&mut w, "n_kind", &m.kind)?;
            if let Some(d) = m.date {
                data(&mut w, "n_date", &d.to_string())?;
            }
            if let Some(d) = m.end {
                data(&mut w, "n_date_end", &d.to_string())?;
            }
            data(&mut w, "n_status", &m.status)?;
        }
        data(&mut w, "n_articles", &n.article_count.to_string())?;
        writeln!(w, "    </node>")?;
    }
    for (i, (a, e, b)) in g.edges().enumerate() {
        writeln!(
            w,
            r#"    <edge id="e{i}" source="{}" target="{}">"#,
            xml(&a.id),
            xml(&b.id)
        )?;
        data(&mut w, "e_relation", &e.relation)?;
        data(&mut w, "e_confidence", &format!("{:.3}", e.confidence))?;
        if let Some(d) = e.date {
            data(&mut w, "e_date", &d.to_string())?;
        }
        data(&mut w, "e_articles", &e.article_count.to_string())?;
        if let Some(ev) = e.evidence.first() {
            data(&mut w, "e_evidence", &ev.text)?;
        }
        let rules: Vec<&str> = e.rules().into_iter().collect();
        data(&mut w, "e_rules", &rules.join(" "))?;
        writeln!(w, "    </edge>")?;
    }
    writeln!(w, "  </graph>")?;
    writeln!(w, "</graphml>")?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Escaping in stretches gives what escaping one character at a time gave.
    #[test]
    fn xml_escapes_as_character_by_character() {
        let by_char = |s: &str| {
            let mut out = String::new();
            for c in s.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    '\'' => out.push_str("&apos;"),
                    '\t' | '\n' | '\r' => out.push(c),
                    c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                        out.push('\u{FFFD}')
                    }
                    c => out.push(c),
                }
            }
            out
        };
        let table = [
            ("plain", "Emmanuel Macron"),
            ("empty", ""),
            ("markup", r#"<a href="x">Tom & 'Jerry'</a>"#),
            ("controls", "a\u{0}b\u{1F}c\td\ne\rf\u{7F}"),
            ("noncharacters", "x\u{FFFE}y\u{FFFF}z\u{FFFD}"),
            ("other characters led by EF", "\u{F000}\u{FEFF}\u{FFFC}"),
            ("non-ASCII", "Zelenskyy’s «visit» 北京 🙂 &"),
        ];
        for (name, s) in table {
            assert_eq!(xml(s), by_char(s), "{name}");
        }
    }
}
