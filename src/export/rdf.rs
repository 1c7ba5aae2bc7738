//! RDF export: Turtle (one graph) and N-Quads (one named graph per article). IRIs are built from ids
//! that are already percent-encoded slugs, never from raw article text; literals are escaped by oxttl.

use std::io::Write;

use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{GraphName, Literal, NamedNode, Quad, Term, Triple};
use oxttl::{NQuadsSerializer, TurtleSerializer};

use crate::graph::{fnv, KnowledgeGraph, NodeType};

/// The vocabulary namespace.
pub const NG: &str = "https://w3id.org/newsgraph/ns#";
/// The default base for data IRIs.
pub const DEFAULT_BASE: &str = "https://w3id.org/newsgraph/id/";

const SCHEMA: &str = "https://schema.org/";
const PROV: &str = "http://www.w3.org/ns/prov#";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const OWL: &str = "http://www.w3.org/2002/07/owl#";
const WD: &str = "http://www.wikidata.org/entity/";

fn nn(s: String) -> NamedNode {
    // every IRI here is a fixed namespace plus a slug, so it is valid by construction
    NamedNode::new_unchecked(s)
}
fn ng(local: &str) -> NamedNode {
    nn(format!("{NG}{local}"))
}
fn string(s: &str) -> Term {
    Literal::new_simple_literal(s).into()
}
fn typed(s: String, t: oxrdf::NamedNodeRef<'_>) -> Term {
    Literal::new_typed_literal(s, t).into()
}

/// The RDF of a graph, handed to `out` one (graph name, triple) pair at a time (`None` is the
/// default graph), in an order fixed by the graph: articles, nodes and edges by id, each one's
/// triples together. Nothing is collected, so a large graph streams to disk.
fn quads(
    g: &KnowledgeGraph,
    base: &str,
    mut out: impl FnMut(Option<String>, Triple) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let iri = |id: &str| nn(format!("{base}{id}"));
    let art = |id: &str| nn(format!("{base}article/{}", crate::graph::slug(id)));
    let mut result = Ok(());
    let mut push = |graph: Option<String>, s: NamedNode, p: NamedNode, o: Term| {
        if result.is_ok() {
            result = out(graph, Triple::new(s, p, o));
        }
    };
    for a in g.articles() {
        let s = art(&a.id);
        push(None, s.clone(), rdf::TYPE.into(), ng("Article").into());
        push(None, s.clone(), rdfs::LABEL.into(), string(&a.id));
        if let Some(d) = a.published {
            push(
                None,
                s.clone(),
                nn(format!("{SCHEMA}datePublished")),
                typed(d.to_string(), xsd::DATE),
            );
        }
        if let Some(u) = &a.url {
            push(
                None,
                s.clone(),
                nn(format!("{SCHEMA}url")),
                typed(u.clone(), xsd::ANY_URI),
            );
        }
        if let Some(t) = &a.title {
            push(None, s.clone(), nn(format!("{SCHEMA}headline")), string(t));
        }
    }
    for n in g.nodes() {
        let s = iri(&n.id);
        let class = match n.node_type {
            NodeType::Person => "Person",
            NodeType::Organization => "Organization",
            NodeType::Place => "Place",
            NodeType::Meeting => "Meeting",
        };
        push(None, s.clone(), rdf::TYPE.into(), ng(class).into());
        push(None, s.clone(), rdfs::LABEL.into(), string(&n.label));
        for a in &n.aliases {
            push(None, s.clone(), nn(format!("{SKOS}altLabel")), string(a));
        }
        if let Some(q) = &n.wikidata {
            if q.starts_with('Q') && q[1..].chars().all(|c| c.is_ascii_digit()) {
                push(
                    None,
                    s.clone(),
                    nn(format!("{OWL}sameAs")),
                    nn(format!("{WD}{q}")).into(),
                );
            }
        }
        for a in &n.articles {
            push(None, s.clone(), ng("mentionedIn"), art(a).into());
        }
        push(
            None,
            s.clone(),
            ng("articleCount"),
            typed(n.article_count.to_string(), xsd::NON_NEGATIVE_INTEGER),
        );
        if let Some(m) = &n.meeting {
            let sub = if m.kind == "Other" {
                "OtherMeeting".to_string()
            } else {
                m.kind.clone()
            };
            push(None, s.clone(), rdf::TYPE.into(), ng(&sub).into());
            push(None, s.clone(), ng("kind"), string(&m.kind));
            push(None, s.clone(), ng("status"), string(&m.status));
            if let Some(d) = m.date {
                push(None, s.clone(), ng("date"), typed(d.to_string(), xsd::DATE));
                push(
                    None,
                    s.clone(),
                    ng("dateInferred"),
                    typed(m.date_inferred.to_string(), xsd::BOOLEAN),
                );
            }
            if let Some(d) = m.end {
                push(
                    None,
                    s.clone(),
                    ng("endDate"),
                    typed(d.to_string(), xsd::DATE),
                );
            }
        }
    }
    for (a, e, b) in g.edges() {
        let (s, o) = (iri(&a.id), iri(&b.id));
        let p = ng(&e.relation);
        // the direct triple, in the graph of every article that supports it
        for art_id in e.articles() {
            push(
                Some(art(art_id).into_string()),
                s.clone(),
                p.clone(),
                o.clone().into(),
            );
        }
        // the statement node with its provenance
        let st = nn(format!(
            "{base}assertion/{:016x}",
            fnv(&format!("{} {} {}", a.id, e.relation, b.id))
        ));
        push(None, st.clone(), rdf::TYPE.into(), ng("Assertion").into());
        push(None, st.clone(), rdf::SUBJECT.into(), s.into());
        push(None, st.clone(), rdf::PREDICATE.into(), p.into());
        push(None, st.clone(), rdf::OBJECT.into(), o.into());
        push(
            None,
            st.clone(),
            ng("confidence"),
            typed(format!("{:.3}", e.confidence), xsd::DECIMAL),
        );
        push(
            None,
            st.clone(),
            ng("articleCount"),
            typed(e.article_count.to_string(), xsd::NON_NEGATIVE_INTEGER),
        );
        if let Some(d) = e.date {
            push(
                None,
                st.clone(),
                ng("date"),
                typed(d.to_string(), xsd::DATE),
            );
        }
        for r in e.rules() {
            push(None, st.clone(), ng("rule"), string(r));
        }
        for art_id in e.articles() {
            push(
                None,
                st.clone(),
                nn(format!("{PROV}wasDerivedFrom")),
                art(art_id).into(),
            );
        }
        for ev in &e.evidence {
            let en = nn(format!(
                "{base}evidence/{:016x}",
                fnv(&format!(
                    "{} {} {} {} {}",
                    st.as_str(),
                    ev.article,
                    ev.span.start,
                    ev.span.end,
                    ev.rule
                ))
            ));
            push(None, st.clone(), ng("evidence"), en.clone().into());
            let g_art = Some(art(&ev.article).into_string());
            push(
                g_art.clone(),
                en.clone(),
                rdf::TYPE.into(),
                ng("Evidence").into(),
            );
            push(
                g_art.clone(),
                en.clone(),
                ng("article"),
                art(&ev.article).into(),
            );
            push(g_art.clone(), en.clone(), ng("text"), string(&ev.text));
            push(
                g_art.clone(),
                en.clone(),
                ng("start"),
                typed(ev.span.start.to_string(), xsd::NON_NEGATIVE_INTEGER),
            );
            push(
                g_art.clone(),
                en.clone(),
                ng("end"),
                typed(ev.span.end.to_string(), xsd::NON_NEGATIVE_INTEGER),
            );
            push(g_art, en, ng("rule"), string(&ev.rule));
        }
    }
    result
}

/// Writes Turtle with prefixes.
pub fn write_turtle(g: &KnowledgeGraph, base: &str, w: impl Write) -> std::io::Result<()> {
    let mut ser = TurtleSerializer::new();
    for (p, i) in [
        ("ng", NG),
        ("id", base),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ("owl", OWL),
        ("skos", SKOS),
        ("schema", SCHEMA),
        ("prov", PROV),
        ("wd", WD),
    ] {
        ser = ser.with_prefix(p, i).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("base IRI {i:?}: {e}"),
            )
        })?;
    }
    let mut w = ser.for_writer(w);
    let mut last: Option<Triple> = None;
    quads(g, base, |_, t| {
        // a direct triple comes once for each article that states it
        if last.as_ref() == Some(&t) {
            return Ok(());
        }
        w.serialize_triple(&t)?;
        last = Some(t);
        Ok(())
    })?;
    w.finish()?.flush()
}

/// Writes N-Quads: descriptions in the default graph, statements in each article's named graph.
pub fn write_nquads(g: &KnowledgeGraph, base: &str, w: impl Write) -> std::io::Result<()> {
    let mut w = NQuadsSerializer::new().for_writer(w);
    quads(g, base, |graph, t| {
        let gn = match graph {
            Some(iri) => GraphName::NamedNode(nn(iri)),
            None => GraphName::DefaultGraph,
        };
        let Triple {
            subject,
            predicate,
            object,
        } = t;
        w.serialize_quad(&Quad::new(subject, predicate, object, gn))
    })?;
    w.finish().flush()
}
