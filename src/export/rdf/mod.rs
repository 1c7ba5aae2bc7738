//! RDF export: in, a [`KnowledgeGraph`] and the base of data IRIs (its ids are percent-encoded
//! slugs, never raw article text); out, Turtle (one graph) or N-Quads (one named graph per
//! article), byte for byte as oxttl's serializers write them (tests compare the two).

mod quads;
mod terms;
mod turtle;

use std::io::Write;

use self::quads::quads;
use self::terms::nquad;
use self::turtle::Turtle;
use crate::graph::KnowledgeGraph;

/// The vocabulary namespace.
pub const NG: &str = "https://w3id.org/newsgraph/ns#";
/// The default base for data IRIs.
pub const DEFAULT_BASE: &str = "https://w3id.org/newsgraph/id/";

const SCHEMA: &str = "https://schema.org/";
const PROV: &str = "http://www.w3.org/ns/prov#";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const OWL: &str = "http://www.w3.org/2002/07/owl#";
const WD: &str = "http://www.wikidata.org/entity/";
/// The W3C WGS84 vocabulary: a place's `lat` and `long`.
const WGS: &str = "http://www.w3.org/2003/01/geo/wgs84_pos#";
/// GeoSPARQL: a place's geometry as a WKT point.
const GEO: &str = "http://www.opengis.net/ont/geosparql#";
/// GeoNames features, by id.
const GEONAMES: &str = "https://sws.geonames.org/";

/// Where a triple goes: the default graph, or the named graph of an article.
#[derive(Clone, Copy, PartialEq, Eq)]
enum To<'a> {
    Default,
    Article(&'a str),
}

/// Writes Turtle with prefixes.
///
/// The text is assembled here rather than by oxttl's `TurtleSerializer`, whose output it matches
/// byte for byte (tests compare the two): oxttl tries every prefix on every IRI through a new
/// string and prints literals a character at a time, which made this the slowest file of a large
/// build.
// called once per file: kept out of line so that profiles (benches/instructions.py) name it
#[inline(never)]
pub fn write_turtle(g: &KnowledgeGraph, base: &str, w: impl Write) -> std::io::Result<()> {
    let named = [
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
        ("wgs", WGS),
        ("geo", GEO),
    ];
    // the other namespaces are constants; the base comes from the caller
    if let Err(e) = oxrdf::NamedNode::new(base) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("base IRI {base:?}: {e}"),
        ));
    }
    let mut t = Turtle::new(&named, w);
    quads(g, base, false, |_, triple| t.triple(triple))?;
    t.finish()
}

/// Writes N-Quads: descriptions in the default graph, statements in each article's named graph.
///
/// The lines are assembled here rather than by oxttl's `NQuadsSerializer`, whose output they match
/// byte for byte (a test compares the two): oxrdf prints a literal one character at a time through
/// the formatting machinery, which made this the slowest file of a large build, while nearly every
/// literal here is plain text that can be copied whole.
// called once per file: kept out of line so that profiles (benches/instructions.py) name it
#[inline(never)]
pub fn write_nquads(g: &KnowledgeGraph, base: &str, mut w: impl Write) -> std::io::Result<()> {
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    quads(g, base, true, |to, t| {
        nquad(&mut buf, t, to);
        if buf.len() >= 1 << 16 {
            w.write_all(&buf)?;
            buf.clear();
        }
        Ok(())
    })?;
    w.write_all(&buf)?;
    w.flush()
}
