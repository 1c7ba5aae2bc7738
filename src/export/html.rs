//! `index.html`: a self-contained page that draws the graph (Cytoscape.js, vendored from npm, MIT,
//! see `viewer/`) and a map of its places and meetings (country outlines from Natural Earth via
//! world-atlas), with a search box, a date filter and the evidence of a clicked edge or node. The
//! data sits in a JSON script element with `<` escaped, and the page sets every text with
//! `textContent`, so nothing in an article can become markup; a content security policy forbids any
//! network access.

use std::io::Write;

use serde::Serialize;

use crate::graph::KnowledgeGraph;

const TEMPLATE: &str = include_str!("viewer/index.html");

/// The scripts the template's `{{NAME}}` placeholders stand for, vendored unchanged (see
/// `viewer/README.md`), and the page's own; `WORLD` is the map's country outlines (world-atlas's
/// TopoJSON, unchanged), set in a JSON script element as it is: it holds no `<`
/// (`tests/viewer.rs` checks), so nothing in it can close the element.
const ASSETS: &[(&str, &str)] = &[
    ("WORLD", include_str!("viewer/countries-110m.json")),
    ("CYTOSCAPE", include_str!("viewer/cytoscape.min.js")),
    ("LAYOUT_BASE", include_str!("viewer/layout-base.js")),
    ("COSE_BASE", include_str!("viewer/cose-base.js")),
    ("FCOSE", include_str!("viewer/cytoscape-fcose.js")),
    ("VIEWER", include_str!("viewer/viewer.js")),
];

#[derive(Serialize)]
struct Doc<'a> {
    nodes: Vec<NodeOut<'a>>,
    edges: Vec<EdgeOut<'a>>,
    articles: Vec<ArticleOut<'a>>,
}

#[derive(Serialize)]
struct NodeOut<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    node_type: &'a str,
    label: &'a str,
    aliases: Vec<&'a str>,
    date: Option<String>,
    article_count: u64,
    /// Where it is on the map: a place's position, or a meeting's place's.
    #[serde(skip_serializing_if = "Option::is_none")]
    lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lon: Option<f64>,
}

#[derive(Serialize)]
struct EdgeOut<'a> {
    source: &'a str,
    target: &'a str,
    relation: &'a str,
    confidence: f64,
    date: Option<String>,
    article_count: u64,
    evidence: Vec<EvidenceOut<'a>>,
}

#[derive(Serialize)]
struct EvidenceOut<'a> {
    article: &'a str,
    sentence: &'a str,
    rule: &'a str,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    id: &'a str,
    title: Option<&'a str>,
    url: Option<&'a str>,
    published: Option<String>,
}

/// Writes the graph as a self-contained HTML page.
pub fn write_html(g: &KnowledgeGraph, mut w: impl Write) -> std::io::Result<()> {
    let doc = Doc {
        nodes: g
            .nodes()
            .map(|n| NodeOut {
                id: &n.id,
                node_type: n.node_type.as_str(),
                label: &n.label,
                aliases: n.aliases.iter().map(String::as_str).collect(),
                date: n
                    .meeting
                    .as_ref()
                    .and_then(|m| m.date)
                    .map(|d| d.to_string()),
                article_count: n.article_count,
                lat: g.position(n).map(|p| p.lat),
                lon: g.position(n).map(|p| p.lon),
            })
            .collect(),
        edges: g
            .edges()
            .map(|(a, e, b)| EdgeOut {
                source: &a.id,
                target: &b.id,
                relation: &e.relation,
                confidence: e.confidence,
                date: e.date.map(|d| d.to_string()),
                article_count: e.article_count,
                evidence: e
                    .evidence
                    .iter()
                    .map(|x| EvidenceOut {
                        article: &x.article,
                        sentence: &x.text,
                        rule: &x.rule,
                    })
                    .collect(),
            })
            .collect(),
        articles: g
            .articles()
            .iter()
            .map(|a| ArticleOut {
                id: &a.id,
                title: a.title.as_deref(),
                url: a.url.as_deref(),
                published: a.published.map(|d| d.to_string()),
            })
            .collect(),
    };
    let mut rest = TEMPLATE;
    while let Some((before, after)) = rest.split_once("{{") {
        w.write_all(before.as_bytes())?;
        let (name, after) = after.split_once("}}").unwrap_or((after, ""));
        if name == "DATA" {
            // streamed, not made into one string: on a large corpus it is hundreds of megabytes
            doc.serialize(&mut serde_json::Serializer::with_formatter(
                &mut w, ScriptSafe,
            ))?;
        } else if let Some((_, asset)) = ASSETS.iter().find(|(n, _)| *n == name) {
            w.write_all(asset.as_bytes())?;
        }
        rest = after;
    }
    w.write_all(rest.as_bytes())?;
    w.flush()
}

/// Compact JSON that can sit inside a `<script>` element: no `<` at all (so neither `</script>`
/// nor `<!--` in a name can end the element), and the line separators that old JavaScript
/// parsers reject in strings escaped.
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        script_safe(w, fragment)
    }
}

/// Writes `fragment` with `<`, U+2028 and U+2029 as `\uXXXX`: found by a byte search for `<` and
/// for E2, the first byte of both separators, and copied whole between them.
fn script_safe<W: ?Sized + Write>(w: &mut W, fragment: &str) -> std::io::Result<()> {
    let b = fragment.as_bytes();
    let (mut run, mut from) = (0, 0);
    while let Some(p) = memchr::memchr2(b'<', 0xE2, &b[from..]) {
        let i = from + p;
        let len = if b[i] == b'<' {
            1
        } else if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) {
            3
        } else {
            // another character that starts with E2 (a dash, a curly quote): kept
            from = i + 1;
            continue;
        };
        w.write_all(&b[run..i])?;
        let c = fragment[i..].chars().next().unwrap_or('<');
        write!(w, "\\u{:04x}", c as u32)?;
        run = i + len;
        from = run;
    }
    w.write_all(&b[run..])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte search escapes what the character search did, and only that.
    #[test]
    fn script_safe_escapes_as_a_character_search() {
        let by_chars = |fragment: &str| {
            let mut out = String::new();
            let mut rest = fragment;
            while let Some(i) = rest.find(['<', '\u{2028}', '\u{2029}']) {
                out.push_str(&rest[..i]);
                let c = rest[i..].chars().next().unwrap_or('<');
                out.push_str(&format!("\\u{:04x}", c as u32));
                rest = &rest[i + c.len_utf8()..];
            }
            out + rest
        };
        let table = [
            ("plain", "Putin met Xi"),
            ("empty", ""),
            ("script end", "</script><!-- x <b>"),
            ("separators", "a\u{2028}b\u{2029}c"),
            (
                "other E2 characters",
                "\u{2014} \u{201C}quoted\u{201D} \u{2027}\u{202A}\u{20AC}",
            ),
            ("at the ends", "<\u{2028}"),
        ];
        for (name, s) in table {
            let mut out = Vec::new();
            script_safe(&mut out, s).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), by_chars(s), "{name}");
        }
    }
}
