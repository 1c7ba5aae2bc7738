//! The RDF of a graph, as the two writers share it. In: a [`KnowledgeGraph`] and the base of data
//! IRIs; out: its (graph, triple) pairs, one at a time: each article's description, each node's
//! (with a meeting's details), then each edge's direct triple, statement node and evidence.

use std::fmt::Write as _;

use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{LiteralRef, NamedNodeRef, TripleRef};

use super::{To, GEO, GEONAMES, NG, OWL, PROV, SCHEMA, SKOS, WD, WGS};
use crate::extract::Evidence;
use crate::graph::{fnv, ArticleInfo, Edge, KnowledgeGraph, MeetingInfo, Node, NodeType};
use crate::knowledge::Geo;

/// Where the triples go, one at a time: [`quads`]'s `out`.
trait Out: FnMut(To<'_>, TripleRef<'_>) -> std::io::Result<()> {}
impl<F: FnMut(To<'_>, TripleRef<'_>) -> std::io::Result<()>> Out for F {}

/// The RDF of a graph, handed to `out` one (graph, triple) pair at a time, in an order fixed by the
/// graph: articles, nodes and edges by id, each one's triples together. Terms are borrowed from a
/// few reused buffers and nothing is collected, so a large graph streams to disk without an
/// allocation per triple. With `per_article` false (Turtle has one graph), the direct triple of an
/// edge comes once instead of once per supporting article.
pub(super) fn quads(
    g: &KnowledgeGraph,
    base: &str,
    per_article: bool,
    mut out: impl FnMut(To<'_>, TripleRef<'_>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let v = Vocab::new(base);
    let mut b = Buffers::default();
    for a in g.articles() {
        article_quads(&v, &mut b, a, &mut out)?;
    }
    for n in g.nodes() {
        node_quads(&v, &mut b, n, &mut out)?;
    }
    for (a, e, o) in g.edges() {
        edge_quads(&v, &mut b, (a, e, o), per_article, &mut out)?;
    }
    Ok(())
}

/// A term of the vocabulary: its local name in the `ng:` namespace.
fn ng(local: &str) -> String {
    format!("{NG}{local}")
}

/// The IRIs of the vocabulary, made once a graph, and the base of data IRIs.
struct Vocab<'b> {
    base: &'b str,
    article_c: String,
    assertion_c: String,
    evidence_c: String,
    mentioned_in: String,
    article_count: String,
    kind: String,
    status: String,
    date: String,
    date_inferred: String,
    end_date: String,
    confidence: String,
    day_as_written: String,
    rule: String,
    evidence: String,
    article_p: String,
    text: String,
    start: String,
    end: String,
    published: String,
    url: String,
    headline: String,
    alt_label: String,
    same_as: String,
    derived: String,
    lat: String,
    long: String,
    has_geometry: String,
    geometry_c: String,
    as_wkt: String,
    wkt_literal: String,
}

impl<'b> Vocab<'b> {
    fn new(base: &'b str) -> Vocab<'b> {
        Vocab {
            base,
            article_c: ng("Article"),
            assertion_c: ng("Assertion"),
            evidence_c: ng("Evidence"),
            mentioned_in: ng("mentionedIn"),
            article_count: ng("articleCount"),
            kind: ng("kind"),
            status: ng("status"),
            date: ng("date"),
            date_inferred: ng("dateInferred"),
            end_date: ng("endDate"),
            confidence: ng("confidence"),
            day_as_written: ng("dayAsWritten"),
            rule: ng("rule"),
            evidence: ng("evidence"),
            article_p: ng("article"),
            text: ng("text"),
            start: ng("start"),
            end: ng("end"),
            published: format!("{SCHEMA}datePublished"),
            url: format!("{SCHEMA}url"),
            headline: format!("{SCHEMA}headline"),
            alt_label: format!("{SKOS}altLabel"),
            same_as: format!("{OWL}sameAs"),
            derived: format!("{PROV}wasDerivedFrom"),
            lat: format!("{WGS}lat"),
            long: format!("{WGS}long"),
            has_geometry: format!("{GEO}hasGeometry"),
            geometry_c: format!("{GEO}Geometry"),
            as_wkt: format!("{GEO}asWKT"),
            wkt_literal: format!("{GEO}wktLiteral"),
        }
    }

    /// Rebuilds `buf` as the IRI of an article.
    fn article_into(&self, buf: &mut String, id: &str) {
        buf.clear();
        buf.push_str(self.base);
        buf.push_str("article/");
        crate::graph::article_segment_into(buf, id);
    }

    /// Rebuilds `buf` as the IRI of a node.
    fn id_into(&self, buf: &mut String, id: &str) {
        buf.clear();
        buf.push_str(self.base);
        buf.push_str(id);
    }
}

/// The IRIs of one description, rebuilt in place for each: a serializer borrows them only for
/// the call, so a few buffers serve a graph of any size without an allocation per triple.
#[derive(Default)]
struct Buffers {
    /// The subject.
    s: String,
    /// The object.
    o: String,
    /// The named graph, or an article.
    g: String,
    /// Literals and hash input.
    x: String,
    /// The statement node of an edge.
    st: String,
    /// An evidence node.
    en: String,
    /// The predicate of an edge.
    p: String,
}

fn iri(s: &str) -> NamedNodeRef<'_> {
    // every IRI here is a fixed namespace plus a slug, so it is valid by construction
    NamedNodeRef::new_unchecked(s)
}

/// An article's type, label, and its date, URL and headline when known.
fn article_quads(
    v: &Vocab<'_>,
    b: &mut Buffers,
    a: &ArticleInfo,
    out: &mut impl Out,
) -> std::io::Result<()> {
    let d = To::Default;
    let Buffers { s, x, .. } = b;
    v.article_into(s, &a.id);
    let s = iri(s);
    out(d, TripleRef::new(s, rdf::TYPE, iri(&v.article_c)))?;
    let label = LiteralRef::new_simple_literal(&a.id);
    out(d, TripleRef::new(s, rdfs::LABEL, label))?;
    if let Some(day) = a.published {
        x.clear();
        let _ = write!(x, "{day}");
        let o = LiteralRef::new_typed_literal(x, xsd::DATE);
        out(d, TripleRef::new(s, iri(&v.published), o))?;
    }
    if let Some(u) = &a.url {
        let o = LiteralRef::new_typed_literal(u, xsd::ANY_URI);
        out(d, TripleRef::new(s, iri(&v.url), o))?;
    }
    if let Some(t) = &a.title {
        let o = LiteralRef::new_simple_literal(t);
        out(d, TripleRef::new(s, iri(&v.headline), o))?;
    }
    Ok(())
}

/// A node's type, label, aliases, Wikidata id, articles and their count, and a meeting's details.
fn node_quads(v: &Vocab<'_>, b: &mut Buffers, n: &Node, out: &mut impl Out) -> std::io::Result<()> {
    let d = To::Default;
    let Buffers { s, o, x, .. } = b;
    v.id_into(s, &n.id);
    let s = iri(s);
    let class = ng(match n.node_type {
        NodeType::Person => "Person",
        NodeType::Organization => "Organization",
        NodeType::Place => "Place",
        NodeType::Meeting => "Meeting",
    });
    out(d, TripleRef::new(s, rdf::TYPE, iri(&class)))?;
    let label = LiteralRef::new_simple_literal(&n.label);
    out(d, TripleRef::new(s, rdfs::LABEL, label))?;
    for a in &n.aliases {
        let o = LiteralRef::new_simple_literal(a);
        out(d, TripleRef::new(s, iri(&v.alt_label), o))?;
    }
    if let Some(q) = &n.wikidata {
        if q.starts_with('Q') && q[1..].chars().all(|c| c.is_ascii_digit()) {
            o.clear();
            o.push_str(WD);
            o.push_str(q);
            out(d, TripleRef::new(s, iri(&v.same_as), iri(o)))?;
        }
    }
    for a in &n.articles {
        v.article_into(o, a);
        out(d, TripleRef::new(s, iri(&v.mentioned_in), iri(o)))?;
    }
    x.clear();
    push_u64(x, n.article_count);
    let c = LiteralRef::new_typed_literal(x, xsd::NON_NEGATIVE_INTEGER);
    out(d, TripleRef::new(s, iri(&v.article_count), c))?;
    if let Some(m) = &n.meeting {
        meeting_quads(v, s, m, out)?;
    }
    if let Some(geo) = n.geo {
        let geometry = format!("{}geometry/{}", v.base, n.id);
        geo_quads(v, (s, NamedNodeRef::new_unchecked(&geometry)), geo, out)?;
    }
    Ok(())
}

/// Where a place is: its latitude and longitude (W3C WGS84), a GeoSPARQL point geometry, and
/// the GeoNames feature it is.
fn geo_quads(
    v: &Vocab<'_>,
    (s, geometry): (NamedNodeRef<'_>, NamedNodeRef<'_>),
    geo: Geo,
    out: &mut impl Out,
) -> std::io::Result<()> {
    let d = To::Default;
    let (lat, lon) = (geo.lat.to_string(), geo.lon.to_string());
    for (p, x) in [(&v.lat, &lat), (&v.long, &lon)] {
        let o = LiteralRef::new_typed_literal(x, xsd::DECIMAL);
        out(d, TripleRef::new(s, iri(p), o))?;
    }
    out(d, TripleRef::new(s, iri(&v.has_geometry), geometry))?;
    out(d, TripleRef::new(geometry, rdf::TYPE, iri(&v.geometry_c)))?;
    let wkt = format!("POINT({lon} {lat})");
    let o = LiteralRef::new_typed_literal(&wkt, iri(&v.wkt_literal));
    out(d, TripleRef::new(geometry, iri(&v.as_wkt), o))?;
    if let Some(id) = geo.geonames {
        let feature = format!("{GEONAMES}{id}/");
        out(d, TripleRef::new(s, iri(&v.same_as), iri(&feature)))?;
    }
    Ok(())
}

/// A meeting node's kind (as a class and a literal), status and days.
fn meeting_quads(
    v: &Vocab<'_>,
    s: NamedNodeRef<'_>,
    m: &MeetingInfo,
    out: &mut impl Out,
) -> std::io::Result<()> {
    let d = To::Default;
    let sub = ng(if m.kind == "Other" {
        "OtherMeeting"
    } else {
        &m.kind
    });
    out(d, TripleRef::new(s, rdf::TYPE, iri(&sub)))?;
    let o = LiteralRef::new_simple_literal(&m.kind);
    out(d, TripleRef::new(s, iri(&v.kind), o))?;
    let o = LiteralRef::new_simple_literal(&m.status);
    out(d, TripleRef::new(s, iri(&v.status), o))?;
    // (property, lexical form, datatype) of the meeting's dates
    let days = [
        m.date.map(|x| (&v.date, x.to_string(), xsd::DATE)),
        m.date
            .map(|_| (&v.date_inferred, m.date_inferred.to_string(), xsd::BOOLEAN)),
        m.end.map(|x| (&v.end_date, x.to_string(), xsd::DATE)),
        m.when.clone().map(|x| (&v.day_as_written, x, xsd::STRING)),
    ];
    for (p, value, datatype) in days.into_iter().flatten() {
        let o = LiteralRef::new_typed_literal(&value, datatype);
        out(d, TripleRef::new(s, iri(p), o))?;
    }
    Ok(())
}

/// An edge: its direct triple (in the graph of every article that supports it, or once), and its
/// statement node with confidence, count, date, rules, sources and evidence.
fn edge_quads(
    v: &Vocab<'_>,
    b: &mut Buffers,
    (a, e, o): (&Node, &Edge, &Node),
    per_article: bool,
    out: &mut impl Out,
) -> std::io::Result<()> {
    let d = To::Default;
    let Buffers {
        s: sbuf,
        o: obuf,
        g: gbuf,
        x,
        st,
        en,
        p: pbuf,
    } = b;
    v.id_into(sbuf, &a.id);
    v.id_into(obuf, &o.id);
    let (s, o_ref) = (iri(sbuf), iri(obuf));
    pbuf.clear();
    pbuf.push_str(NG);
    pbuf.push_str(&e.relation);
    let p = iri(pbuf);
    let arts = e.articles();
    // the direct triple, in the graph of every article that supports it
    if per_article {
        for art_id in &arts {
            v.article_into(gbuf, art_id);
            out(To::Article(gbuf), TripleRef::new(s, p, o_ref))?;
        }
    } else if !arts.is_empty() {
        out(d, TripleRef::new(s, p, o_ref))?;
    }
    // the statement node with its provenance
    x.clear();
    for part in [&a.id, " ", &e.relation, " ", &o.id] {
        x.push_str(part);
    }
    st.clear();
    st.push_str(v.base);
    st.push_str("assertion/");
    push_hex16(st, fnv(x));
    let st_ref = iri(st);
    out(d, TripleRef::new(st_ref, rdf::TYPE, iri(&v.assertion_c)))?;
    out(d, TripleRef::new(st_ref, rdf::SUBJECT, s))?;
    out(d, TripleRef::new(st_ref, rdf::PREDICATE, p))?;
    out(d, TripleRef::new(st_ref, rdf::OBJECT, o_ref))?;
    let values = [
        Some((&v.confidence, format!("{:.3}", e.confidence), xsd::DECIMAL)),
        Some((
            &v.article_count,
            e.article_count.to_string(),
            xsd::NON_NEGATIVE_INTEGER,
        )),
        e.date.map(|x| (&v.date, x.to_string(), xsd::DATE)),
    ];
    for (p, value, datatype) in values.into_iter().flatten() {
        let o = LiteralRef::new_typed_literal(&value, datatype);
        out(d, TripleRef::new(st_ref, iri(p), o))?;
    }
    for r in e.rules() {
        let r = LiteralRef::new_simple_literal(r);
        out(d, TripleRef::new(st_ref, iri(&v.rule), r))?;
    }
    for art_id in &arts {
        v.article_into(gbuf, art_id);
        out(d, TripleRef::new(st_ref, iri(&v.derived), iri(gbuf)))?;
    }
    for ev in &e.evidence {
        evidence_quads(v, st, ev, (x, en, gbuf), out)?;
    }
    Ok(())
}

/// One evidence sentence of the statement node `st`: the link to it, and in its article's graph
/// its type, article, text, span and rule.
fn evidence_quads(
    v: &Vocab<'_>,
    st: &str,
    ev: &Evidence,
    (x, en, gbuf): (&mut String, &mut String, &mut String),
    out: &mut impl Out,
) -> std::io::Result<()> {
    x.clear();
    for part in [st, " ", &*ev.article, " "] {
        x.push_str(part);
    }
    push_u64(x, ev.span.start as u64);
    x.push(' ');
    push_u64(x, ev.span.end as u64);
    x.push(' ');
    x.push_str(&ev.rule);
    en.clear();
    en.push_str(v.base);
    en.push_str("evidence/");
    push_hex16(en, fnv(x));
    let en = iri(en);
    out(To::Default, TripleRef::new(iri(st), iri(&v.evidence), en))?;
    v.article_into(gbuf, &ev.article);
    let to = To::Article(gbuf);
    out(to, TripleRef::new(en, rdf::TYPE, iri(&v.evidence_c)))?;
    out(to, TripleRef::new(en, iri(&v.article_p), iri(gbuf)))?;
    let t = LiteralRef::new_simple_literal(&ev.text);
    out(to, TripleRef::new(en, iri(&v.text), t))?;
    x.clear();
    push_u64(x, ev.span.start as u64);
    let n = LiteralRef::new_typed_literal(x, xsd::NON_NEGATIVE_INTEGER);
    out(to, TripleRef::new(en, iri(&v.start), n))?;
    x.clear();
    push_u64(x, ev.span.end as u64);
    let n = LiteralRef::new_typed_literal(x, xsd::NON_NEGATIVE_INTEGER);
    out(to, TripleRef::new(en, iri(&v.end), n))?;
    let r = LiteralRef::new_simple_literal(&ev.rule);
    out(to, TripleRef::new(en, iri(&v.rule), r))?;
    Ok(())
}

/// Appends the decimal digits of `n`, as `{}` prints it.
fn push_u64(buf: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend(digits[i..].iter().map(|&d| char::from(d)));
}

/// Appends `h` as sixteen lowercase hex digits, as `{:016x}` prints it.
fn push_hex16(buf: &mut String, h: u64) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    buf.extend(
        (0..16)
            .rev()
            .map(|k| char::from(HEX[((h >> (4 * k)) & 15) as usize])),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The number writers print what `{}` and `{:016x}` print.
    #[test]
    fn numbers_print_as_format_does() {
        for n in [0, 1, 9, 10, 99, 100, 12345, u64::from(u32::MAX), u64::MAX] {
            let (mut d, mut h) = (String::from("x"), String::from("x"));
            push_u64(&mut d, n);
            push_hex16(&mut h, n);
            assert_eq!(d, format!("x{n}"));
            assert_eq!(h, format!("x{n:016x}"));
        }
    }
}
