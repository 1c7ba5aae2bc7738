//! The Turtle writer. In: the triples of one graph, in the order the graph gives them; out: Turtle
//! text with prefixed names, byte for byte what oxttl's `TurtleSerializer` writes.

use std::borrow::Cow;
use std::io::Write;

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{NamedNodeRef, NamedOrBlankNodeRef, TermRef, TripleRef};

use super::terms::{fmt_term, iri_term, quoted};

/// A Turtle writer of one graph, printing what oxttl's `TurtleSerializer` prints: the prefixes
/// before the first triple, then each subject's triples joined by `;` and repeated objects by `,`.
pub(super) struct Turtle<'p, W: Write> {
    prefixes: Vec<(&'p str, &'p str)>,
    w: W,
    buf: Vec<u8>,
    /// The subject and predicate of the triple being written, when there is one.
    open: Option<(String, String)>,
    started: bool,
}

impl<'p, W: Write> Turtle<'p, W> {
    /// A writer with these (name, namespace) prefixes.
    pub(super) fn new(named: &[(&'p str, &'p str)], w: W) -> Self {
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

    pub(super) fn triple(&mut self, t: TripleRef<'_>) -> std::io::Result<()> {
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

    pub(super) fn finish(mut self) -> std::io::Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::LiteralRef;
    use oxttl::TurtleSerializer;

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
}
