//! RDF export: Turtle (one graph) and N-Quads (one named graph per article). IRIs are built from ids
//! that are already percent-encoded slugs, never from raw article text. Both are assembled here,
//! byte for byte as oxttl's serializers write them (tests compare the two).

use std::io::Write;

use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{LiteralRef, NamedNodeRef, NamedOrBlankNodeRef, TermRef, TripleRef};
use std::borrow::Cow;

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

/// Where a triple goes: the default graph, or the named graph of an article.
#[derive(Clone, Copy, PartialEq, Eq)]
enum To<'a> {
    Default,
    Article(&'a str),
}

/// The RDF of a graph, handed to `out` one (graph, triple) pair at a time, in an order fixed by the
/// graph: articles, nodes and edges by id, each one's triples together. Terms are borrowed from a
/// few reused buffers and nothing is collected, so a large graph streams to disk without an
/// allocation per triple. With `per_article` false (Turtle has one graph), the direct triple of an
/// edge comes once instead of once per supporting article.
fn quads(
    g: &KnowledgeGraph,
    base: &str,
    per_article: bool,
    mut out: impl FnMut(To<'_>, TripleRef<'_>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let v = |local: &str| format!("{NG}{local}");
    let (article_c, assertion_c, evidence_c) = (v("Article"), v("Assertion"), v("Evidence"));
    let (mentioned_in, article_count, kind, status) =
        (v("mentionedIn"), v("articleCount"), v("kind"), v("status"));
    let (date, date_inferred, end_date, confidence) =
        (v("date"), v("dateInferred"), v("endDate"), v("confidence"));
    let day_as_written = v("dayAsWritten");
    let (rule, evidence, article_p, text, start, end) = (
        v("rule"),
        v("evidence"),
        v("article"),
        v("text"),
        v("start"),
        v("end"),
    );
    let (published, url, headline) = (
        format!("{SCHEMA}datePublished"),
        format!("{SCHEMA}url"),
        format!("{SCHEMA}headline"),
    );
    let (alt_label, same_as, derived) = (
        format!("{SKOS}altLabel"),
        format!("{OWL}sameAs"),
        format!("{PROV}wasDerivedFrom"),
    );
    // the IRIs of one description, rebuilt in place for each: a serializer borrows them only for
    // the call, so a few buffers serve a graph of any size without an allocation per triple
    let art_into = |buf: &mut String, id: &str| {
        buf.clear();
        buf.push_str(base);
        buf.push_str("article/");
        crate::graph::article_segment_into(buf, id);
    };
    let id_into = |buf: &mut String, id: &str| {
        buf.clear();
        buf.push_str(base);
        buf.push_str(id);
    };
    use std::fmt::Write as _;
    let (mut s, mut o, mut gbuf, mut x) =
        (String::new(), String::new(), String::new(), String::new());
    fn iri(s: &str) -> NamedNodeRef<'_> {
        // every IRI here is a fixed namespace plus a slug, so it is valid by construction
        NamedNodeRef::new_unchecked(s)
    }
    let d = To::Default;
    for a in g.articles() {
        art_into(&mut s, &a.id);
        let s = iri(&s);
        out(d, TripleRef::new(s, rdf::TYPE, iri(&article_c)))?;
        let label = LiteralRef::new_simple_literal(&a.id);
        out(d, TripleRef::new(s, rdfs::LABEL, label))?;
        if let Some(day) = a.published {
            x.clear();
            let _ = write!(x, "{day}");
            let o = LiteralRef::new_typed_literal(&x, xsd::DATE);
            out(d, TripleRef::new(s, iri(&published), o))?;
        }
        if let Some(u) = &a.url {
            let o = LiteralRef::new_typed_literal(u, xsd::ANY_URI);
            out(d, TripleRef::new(s, iri(&url), o))?;
        }
        if let Some(t) = &a.title {
            let o = LiteralRef::new_simple_literal(t);
            out(d, TripleRef::new(s, iri(&headline), o))?;
        }
    }
    for n in g.nodes() {
        id_into(&mut s, &n.id);
        let s = iri(&s);
        let class = v(match n.node_type {
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
            out(d, TripleRef::new(s, iri(&alt_label), o))?;
        }
        if let Some(q) = &n.wikidata {
            if q.starts_with('Q') && q[1..].chars().all(|c| c.is_ascii_digit()) {
                o.clear();
                o.push_str(WD);
                o.push_str(q);
                out(d, TripleRef::new(s, iri(&same_as), iri(&o)))?;
            }
        }
        for a in &n.articles {
            art_into(&mut o, a);
            out(d, TripleRef::new(s, iri(&mentioned_in), iri(&o)))?;
        }
        x.clear();
        push_u64(&mut x, n.article_count);
        let c = LiteralRef::new_typed_literal(&x, xsd::NON_NEGATIVE_INTEGER);
        out(d, TripleRef::new(s, iri(&article_count), c))?;
        if let Some(m) = &n.meeting {
            let sub = v(if m.kind == "Other" {
                "OtherMeeting"
            } else {
                &m.kind
            });
            out(d, TripleRef::new(s, rdf::TYPE, iri(&sub)))?;
            let o = LiteralRef::new_simple_literal(&m.kind);
            out(d, TripleRef::new(s, iri(&kind), o))?;
            let o = LiteralRef::new_simple_literal(&m.status);
            out(d, TripleRef::new(s, iri(&status), o))?;
            // (property, lexical form, datatype) of the meeting's dates
            let days = [
                m.date.map(|x| (&date, x.to_string(), xsd::DATE)),
                m.date
                    .map(|_| (&date_inferred, m.date_inferred.to_string(), xsd::BOOLEAN)),
                m.end.map(|x| (&end_date, x.to_string(), xsd::DATE)),
                m.when.clone().map(|x| (&day_as_written, x, xsd::STRING)),
            ];
            for (p, value, datatype) in days.into_iter().flatten() {
                let o = LiteralRef::new_typed_literal(&value, datatype);
                out(d, TripleRef::new(s, iri(p), o))?;
            }
        }
    }
    let (mut st, mut en, mut pbuf) = (String::new(), String::new(), String::new());
    for (a, e, b) in g.edges() {
        id_into(&mut s, &a.id);
        id_into(&mut o, &b.id);
        let (s, o) = (iri(&s), iri(&o));
        pbuf.clear();
        pbuf.push_str(NG);
        pbuf.push_str(&e.relation);
        let p = iri(&pbuf);
        let arts = e.articles();
        // the direct triple, in the graph of every article that supports it
        if per_article {
            for art_id in &arts {
                art_into(&mut gbuf, art_id);
                out(To::Article(&gbuf), TripleRef::new(s, p, o))?;
            }
        } else if !arts.is_empty() {
            out(d, TripleRef::new(s, p, o))?;
        }
        // the statement node with its provenance
        x.clear();
        for part in [&a.id, " ", &e.relation, " ", &b.id] {
            x.push_str(part);
        }
        st.clear();
        st.push_str(base);
        st.push_str("assertion/");
        push_hex16(&mut st, fnv(&x));
        let st_ref = iri(&st);
        out(d, TripleRef::new(st_ref, rdf::TYPE, iri(&assertion_c)))?;
        out(d, TripleRef::new(st_ref, rdf::SUBJECT, s))?;
        out(d, TripleRef::new(st_ref, rdf::PREDICATE, p))?;
        out(d, TripleRef::new(st_ref, rdf::OBJECT, o))?;
        let values = [
            Some((&confidence, format!("{:.3}", e.confidence), xsd::DECIMAL)),
            Some((
                &article_count,
                e.article_count.to_string(),
                xsd::NON_NEGATIVE_INTEGER,
            )),
            e.date.map(|x| (&date, x.to_string(), xsd::DATE)),
        ];
        for (p, value, datatype) in values.into_iter().flatten() {
            let o = LiteralRef::new_typed_literal(&value, datatype);
            out(d, TripleRef::new(st_ref, iri(p), o))?;
        }
        for r in e.rules() {
            let r = LiteralRef::new_simple_literal(r);
            out(d, TripleRef::new(st_ref, iri(&rule), r))?;
        }
        for art_id in &arts {
            art_into(&mut gbuf, art_id);
            out(d, TripleRef::new(st_ref, iri(&derived), iri(&gbuf)))?;
        }
        for ev in &e.evidence {
            x.clear();
            for part in [&st, " ", &*ev.article, " "] {
                x.push_str(part);
            }
            push_u64(&mut x, ev.span.start as u64);
            x.push(' ');
            push_u64(&mut x, ev.span.end as u64);
            x.push(' ');
            x.push_str(&ev.rule);
            en.clear();
            en.push_str(base);
            en.push_str("evidence/");
            push_hex16(&mut en, fnv(&x));
            let en = iri(&en);
            out(d, TripleRef::new(st_ref, iri(&evidence), en))?;
            art_into(&mut gbuf, &ev.article);
            let to = To::Article(&gbuf);
            out(to, TripleRef::new(en, rdf::TYPE, iri(&evidence_c)))?;
            out(to, TripleRef::new(en, iri(&article_p), iri(&gbuf)))?;
            let t = LiteralRef::new_simple_literal(&ev.text);
            out(to, TripleRef::new(en, iri(&text), t))?;
            x.clear();
            push_u64(&mut x, ev.span.start as u64);
            let n = LiteralRef::new_typed_literal(&x, xsd::NON_NEGATIVE_INTEGER);
            out(to, TripleRef::new(en, iri(&start), n))?;
            x.clear();
            push_u64(&mut x, ev.span.end as u64);
            let n = LiteralRef::new_typed_literal(&x, xsd::NON_NEGATIVE_INTEGER);
            out(to, TripleRef::new(en, iri(&end), n))?;
            let r = LiteralRef::new_simple_literal(&ev.rule);
            out(to, TripleRef::new(en, iri(&rule), r))?;
        }
    }
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

/// A Turtle writer of one graph, printing what oxttl's `TurtleSerializer` prints: the prefixes
/// before the first triple, then each subject's triples joined by `;` and repeated objects by `,`.
struct Turtle<'p, W: Write> {
    prefixes: Vec<(&'p str, &'p str)>,
    w: W,
    buf: Vec<u8>,
    /// The subject and predicate of the triple being written, when there is one.
    open: Option<(String, String)>,
    started: bool,
}

impl<'p, W: Write> Turtle<'p, W> {
    /// A writer with these (name, namespace) prefixes.
    fn new(named: &[(&'p str, &'p str)], w: W) -> Self {
        // in oxttl's order: by name, then longest namespace first, which also makes the longest
        // namespace that can spell an IRI the one that does
        let mut prefixes: Vec<(&str, &str)> = named
            .iter()
            .copied()
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_iter()
            .collect();
        prefixes.sort_unstable_by_key(|(_, i)| std::cmp::Reverse(i.len()));
        Turtle {
            prefixes,
            w,
            buf: Vec::with_capacity(1 << 16),
            open: None,
            started: false,
        }
    }

    fn triple(&mut self, t: TripleRef<'_>) -> std::io::Result<()> {
        if !std::mem::replace(&mut self.started, true) {
            for (p, i) in &self.prefixes {
                let _ = writeln!(self.buf, "@prefix {p}: <{i}> .");
            }
        }
        // a blank node's key starts with "_:", which no absolute IRI does
        let subject = match t.subject {
            NamedOrBlankNodeRef::NamedNode(n) => Cow::Borrowed(n.as_str()),
            other => Cow::Owned(other.to_string()),
        };
        let predicate = t.predicate.as_str();
        match &mut self.open {
            Some((s, p)) if *s == *subject => {
                if p == predicate {
                    self.buf.extend_from_slice(b" , ");
                } else {
                    p.clear();
                    p.push_str(predicate);
                    self.buf.extend_from_slice(b" ;\n\t");
                    self.predicate(t.predicate);
                    self.buf.push(b' ');
                }
            }
            open => {
                match open {
                    Some((s, p)) => {
                        s.clear();
                        s.push_str(&subject);
                        p.clear();
                        p.push_str(predicate);
                        self.buf.extend_from_slice(b" .\n");
                    }
                    None => *open = Some((subject.into_owned(), predicate.to_string())),
                }
                self.term(t.subject.into());
                self.buf.push(b' ');
                self.predicate(t.predicate);
                self.buf.push(b' ');
            }
        }
        self.term(t.object);
        if self.buf.len() >= 1 << 16 {
            self.w.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<()> {
        if self.open.is_some() {
            self.buf.extend_from_slice(b" .\n");
        }
        self.w.write_all(&self.buf)?;
        self.w.flush()
    }

    fn predicate(&mut self, p: NamedNodeRef<'_>) {
        if p == rdf::TYPE {
            self.buf.push(b'a');
        } else {
            self.name(p.as_str());
        }
    }

    fn term(&mut self, term: TermRef<'_>) {
        match term {
            TermRef::NamedNode(n) => self.name(n.as_str()),
            TermRef::Literal(l) => {
                let value = l.value();
                if let Some(lang) = l.language() {
                    quoted(&mut self.buf, value);
                    self.buf.push(b'@');
                    self.buf.extend_from_slice(lang.as_bytes());
                    return;
                }
                let inline = match l.datatype() {
                    xsd::STRING => {
                        quoted(&mut self.buf, value);
                        return;
                    }
                    xsd::BOOLEAN => matches!(value, "true" | "false"),
                    xsd::INTEGER => turtle_number(value, Number::Integer),
                    xsd::DECIMAL => turtle_number(value, Number::Decimal),
                    xsd::DOUBLE => turtle_number(value, Number::Double),
                    _ => false,
                };
                if inline {
                    self.buf.extend_from_slice(value.as_bytes());
                } else {
                    quoted(&mut self.buf, value);
                    self.buf.extend_from_slice(b"^^");
                    self.name(l.datatype().as_str());
                }
            }
            other => fmt_term(&mut self.buf, other),
        }
    }

    /// An IRI as the first prefixed name that can spell it, else `<iri>`.
    fn name(&mut self, iri: &str) {
        for &(p, ns) in &self.prefixes {
            // the namespace's last byte first: it turns most prefixes away without a comparison
            let ends = ns.len().checked_sub(1).map(|l| iri.as_bytes().get(l));
            if ends.is_some_and(|b| b != ns.as_bytes().last()) {
                continue;
            }
            let Some(local) = iri.strip_prefix(ns) else {
                continue;
            };
            let mark = self.buf.len();
            self.buf.extend_from_slice(p.as_bytes());
            self.buf.push(b':');
            if local.is_empty() || local_name(&mut self.buf, local) {
                return;
            }
            self.buf.truncate(mark);
        }
        iri_term(&mut self.buf, iri);
    }
}

/// The numbers Turtle writes bare, without quotes or datatype.
#[derive(Clone, Copy, PartialEq)]
enum Number {
    /// `[+-]? [0-9]+`
    Integer,
    /// `[+-]? [0-9]* '.' [0-9]+`
    Decimal,
    /// `[+-]? ([0-9]+ '.' [0-9]* | '.' [0-9]+ | [0-9]+) [eE] [+-]? [0-9]+`
    Double,
}

/// Whether `value` is written bare as this kind of Turtle number.
fn turtle_number(value: &str, kind: Number) -> bool {
    fn unsigned(s: &str) -> &str {
        s.strip_prefix(['+', '-']).unwrap_or(s)
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let v = unsigned(value);
    match kind {
        Number::Integer => digits(v),
        Number::Decimal => v
            .split_once('.')
            .is_some_and(|(int, frac)| (int.is_empty() || digits(int)) && digits(frac)),
        Number::Double => {
            let Some((mantissa, exp)) = v.split_once(['e', 'E']) else {
                return false;
            };
            let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
            let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
            all_digits(int)
                && all_digits(frac)
                && !(int.is_empty() && frac.is_empty())
                && digits(unsigned(exp))
        }
    }
}

/// Classes of ASCII bytes in a prefixed name's local part: may start it, may follow in it, may be
/// escaped with a backslash (PN_LOCAL_ESC).
const LOCAL_FIRST: u8 = 1;
const LOCAL_REST: u8 = 2;
const LOCAL_ESC: u8 = 4;
const LOCAL_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'_' || c == b':' {
            t[b] |= LOCAL_FIRST | LOCAL_REST;
        }
        if c == b'-' {
            t[b] |= LOCAL_REST;
        }
        b += 1;
    }
    let esc = b"_~.-!$&'()*+,;=/?#@%";
    let mut i = 0;
    while i < esc.len() {
        t[esc[i] as usize] |= LOCAL_ESC;
        i += 1;
    }
    t
};

/// Appends `local` as the local part of a prefixed name (PN_LOCAL), escaping what may be escaped;
/// false when it cannot be one (the caller then takes the bytes back).
fn local_name(buf: &mut Vec<u8>, local: &str) -> bool {
    let pn_chars_u = |c: char| {
        matches!(c,
        'A'..='Z' | 'a'..='z' | '_'
        | '\u{00C0}'..='\u{00D6}' | '\u{00D8}'..='\u{00F6}' | '\u{00F8}'..='\u{02FF}'
        | '\u{0370}'..='\u{037D}' | '\u{037F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
    };
    let pn_chars = |c: char| {
        pn_chars_u(c)
            || matches!(c, '-' | '0'..='9' | '\u{00B7}' | '\u{0300}'..='\u{036F}' | '\u{203F}'..='\u{2040}')
    };
    let b = local.as_bytes();
    // plain stretches are copied whole; an escaped byte starts the next stretch after its backslash
    let (mut i, mut run) = (0, 0);
    while i < b.len() {
        // the common case first: ASCII that may follow in a name (letters, digits, '_', '-', ':')
        if i > 0 && LOCAL_CLASS[usize::from(b[i])] & LOCAL_REST != 0 {
            i += 1;
            continue;
        }
        let c = b[i];
        if c.is_ascii() {
            let class = LOCAL_CLASS[usize::from(c)];
            let plain = if i == 0 {
                class & LOCAL_FIRST != 0
            } else {
                c == b'.' && i + 1 < b.len()
            };
            if !plain {
                if class & LOCAL_ESC == 0 {
                    return false;
                }
                buf.extend_from_slice(&b[run..i]);
                buf.push(b'\\');
                run = i;
            }
            i += 1;
        } else {
            // no character beyond ASCII may be escaped
            let Some(ch) = local[i..].chars().next() else {
                return false;
            };
            if !(if i == 0 { pn_chars_u(ch) } else { pn_chars(ch) }) {
                return false;
            }
            i += ch.len_utf8();
        }
    }
    buf.extend_from_slice(&b[run..]);
    !b.is_empty()
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

/// Appends one N-Quads line, as oxttl's serializer prints it.
fn nquad(buf: &mut Vec<u8>, t: TripleRef<'_>, to: To<'_>) {
    match t.subject {
        NamedOrBlankNodeRef::NamedNode(n) => iri_term(buf, n.as_str()),
        other => fmt_term(buf, other),
    }
    buf.push(b' ');
    iri_term(buf, t.predicate.as_str());
    buf.push(b' ');
    match t.object {
        TermRef::NamedNode(n) => iri_term(buf, n.as_str()),
        TermRef::Literal(l) => {
            quoted(buf, l.value());
            if let Some(lang) = l.language() {
                buf.push(b'@');
                buf.extend_from_slice(lang.as_bytes());
            } else if l.datatype() != xsd::STRING {
                buf.extend_from_slice(b"^^");
                iri_term(buf, l.datatype().as_str());
            }
        }
        other => fmt_term(buf, other),
    }
    if let To::Article(g) = to {
        buf.push(b' ');
        iri_term(buf, g);
    }
    buf.extend_from_slice(b" .\n");
}

/// A term this writer does not print itself, printed by oxrdf.
fn fmt_term(buf: &mut Vec<u8>, term: impl std::fmt::Display) {
    // writing to a Vec cannot fail
    let _ = write!(buf, "{term}");
}

/// `<iri>`: the IRIs here are valid by construction, so nothing in them needs escaping.
fn iri_term(buf: &mut Vec<u8>, iri: &str) {
    buf.push(b'<');
    buf.extend_from_slice(iri.as_bytes());
    buf.push(b'>');
}

/// A quoted string with oxrdf's escapes (`print_quoted_str`): the named escapes of `\b \t \n \f
/// \r " \\`, `\uXXXX` for other control characters and the noncharacters U+FFFE and U+FFFF; runs
/// of other text are copied whole.
fn quoted(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // a table lookup passes the ordinary bytes, nearly all of them
        let b = bytes[i];
        if !QUOTE_SPECIAL[usize::from(b)] {
            i += 1;
            continue;
        }
        let escape: Option<&[u8]> = match b {
            0x08 => Some(b"\\b"),
            b'\t' => Some(b"\\t"),
            b'\n' => Some(b"\\n"),
            0x0C => Some(b"\\f"),
            b'\r' => Some(b"\\r"),
            b'"' => Some(b"\\\""),
            b'\\' => Some(b"\\\\"),
            0x00..=0x1F | 0x7F => None,
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8
            0xEF if bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) =>
            {
                None
            }
            _ => {
                i += 1;
                continue;
            }
        };
        buf.extend_from_slice(&bytes[run..i]);
        match escape {
            Some(e) => {
                buf.extend_from_slice(e);
                i += 1;
            }
            None => {
                let c = s[i..].chars().next().map_or(0, u32::from);
                let _ = write!(buf, "\\u{c:04X}");
                i += s[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
        run = i;
    }
    buf.extend_from_slice(&bytes[run..]);
    buf.push(b'"');
}

/// The bytes [`quoted`] must look at: control characters, `"`, `\\`, DEL, and the lead byte of
/// U+FFFE and U+FFFF.
const QUOTE_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b < 0x20 || b == 0x7F || b == b'"' as usize || b == b'\\' as usize || b == 0xEF;
        b += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::GraphNameRef;
    use oxttl::{NQuadsSerializer, TurtleSerializer};

    /// Each literal as this writer prints it and as oxttl does, which must be the same bytes.
    #[test]
    fn nquads_lines_match_oxttl() {
        let table: &[(&str, &str)] = &[
            ("plain", "Putin met Xi in Beijing."),
            ("empty", ""),
            ("quote and backslash", r#"He said "no" \ twice"#),
            ("named escapes", "a\u{8}b\tc\nd\u{C}e\rf"),
            ("other controls", "\u{0}\u{1}\u{1B}\u{1F}\u{7F}"),
            ("noncharacters", "x\u{FFFE}y\u{FFFF}z\u{FFFD}"),
            ("non-ASCII", "Zelenskyy’s visit to Kyiv — «ça» 北京 🙂"),
            ("escape at the ends", "\"quoted\""),
        ];
        let s = NamedNodeRef::new_unchecked("https://example.org/s");
        let p = NamedNodeRef::new_unchecked("https://example.org/p");
        for &(name, value) in table {
            let objects = [
                LiteralRef::new_simple_literal(value),
                LiteralRef::new_typed_literal(value, xsd::DATE),
                LiteralRef::new_typed_literal(value, xsd::STRING),
                LiteralRef::new_language_tagged_literal_unchecked(value, "en"),
            ];
            for o in objects {
                for to in [To::Default, To::Article("https://example.org/article/a")] {
                    let t = TripleRef::new(s, p, o);
                    let mut ours = Vec::new();
                    nquad(&mut ours, t, to);
                    let gn = match to {
                        To::Article(g) => GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(g)),
                        To::Default => GraphNameRef::DefaultGraph,
                    };
                    let mut theirs = NQuadsSerializer::new().for_writer(Vec::new());
                    theirs.serialize_quad(t.in_graph(gn)).unwrap();
                    assert_eq!(
                        String::from_utf8_lossy(&ours),
                        String::from_utf8_lossy(&theirs.finish()),
                        "{name}: {o}"
                    );
                }
            }
        }
    }

    /// Runs of triples as this writer prints them and as oxttl does, which must be the same bytes:
    /// prefixed names (escaped, refused, empty local parts), bare numbers, grouping by subject and
    /// predicate.
    #[test]
    fn turtle_matches_oxttl() {
        let prefixes = [
            ("ex", "https://example.org/"),
            ("exl", "https://example.org/long/"),
            ("xsd", "http://www.w3.org/2001/XMLSchema#"),
            ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ];
        let n = NamedNodeRef::new_unchecked;
        let lit = LiteralRef::new_simple_literal;
        let typed = LiteralRef::new_typed_literal;
        let (s1, s2) = (
            n("https://example.org/s1"),
            n("https://example.org/long/s2"),
        );
        let (p, q) = (n("https://example.org/p"), n("https://example.org/q"));
        let o = |x: &'static str| TermRef::from(n(x));
        let table: &[(&str, Vec<TripleRef<'_>>)] = &[
            ("nothing", vec![]),
            (
                "one subject, two predicates, repeated objects",
                vec![
                    TripleRef::new(s1, rdf::TYPE, o("https://example.org/C")),
                    TripleRef::new(s1, p, lit("a")),
                    TripleRef::new(s1, p, lit("b \"quoted\"\n")),
                    TripleRef::new(s1, q, lit("c")),
                    TripleRef::new(s2, q, lit("d")),
                    TripleRef::new(s1, q, lit("e")),
                ],
            ),
            (
                "local names",
                [
                    "https://example.org/",
                    "https://example.org/a%20b",
                    "https://example.org/article/x_1",
                    "https://example.org/-lead",
                    "https://example.org/ends.",
                    "https://example.org/mid.dle",
                    "https://example.org/9lives",
                    "https://example.org/a:b",
                    "https://example.org/Zürich·x",
                    "https://example.org/sp ace",
                    "https://example.org/q?x=1&y=(2)",
                    "https://example.org/long/",
                    "https://example.org/long/deep/er",
                    "https://other.org/x",
                    "https://example.org/caf\u{e9}\u{301}",
                    "https://example.org/\u{1F600}",
                    "https://example.org/a\u{2014}b",
                    "https://example.org/.x",
                ]
                .iter()
                .map(|x| TripleRef::new(s1, p, o(x)))
                .collect(),
            ),
            (
                "typed literals",
                [
                    ("12", xsd::INTEGER),
                    ("-3", xsd::INTEGER),
                    ("+", xsd::INTEGER),
                    ("0.750", xsd::DECIMAL),
                    (".5", xsd::DECIMAL),
                    ("5.", xsd::DECIMAL),
                    ("1.5e3", xsd::DOUBLE),
                    (".5E-2", xsd::DOUBLE),
                    ("7e", xsd::DOUBLE),
                    ("e7", xsd::DOUBLE),
                    ("1.e2", xsd::DOUBLE),
                    ("true", xsd::BOOLEAN),
                    ("yes", xsd::BOOLEAN),
                    ("2024-01-05", xsd::DATE),
                    ("42", xsd::NON_NEGATIVE_INTEGER),
                    ("x", xsd::STRING),
                    ("x", n("https://other.org/type")),
                ]
                .into_iter()
                .map(|(v, d)| TripleRef::new(s2, q, typed(v, d)))
                .collect(),
            ),
            (
                "language tag",
                vec![TripleRef::new(
                    s1,
                    p,
                    LiteralRef::new_language_tagged_literal_unchecked("hallo", "de"),
                )],
            ),
        ];
        for (name, triples) in table {
            let mut ours = Vec::new();
            let mut t = Turtle::new(&prefixes, &mut ours);
            for &triple in triples {
                t.triple(triple).unwrap();
            }
            t.finish().unwrap();
            let mut ser = TurtleSerializer::new();
            for (p, i) in prefixes {
                ser = ser.with_prefix(p, i).unwrap();
            }
            let mut theirs = ser.for_writer(Vec::new());
            for &triple in triples {
                theirs.serialize_triple(triple).unwrap();
            }
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs.finish().unwrap()),
                "{name}"
            );
        }
    }

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
