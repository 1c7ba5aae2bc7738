//! How terms print, as both writers print them. In: an IRI, a literal, or a whole triple and the
//! graph it goes to; out: its bytes (an N-Quads line for a triple), as oxttl's serializers print
//! them.

use std::io::Write;

use oxrdf::vocab::xsd;
use oxrdf::{NamedOrBlankNodeRef, TermRef, TripleRef};

use super::To;

/// Appends one N-Quads line, as oxttl's serializer prints it.
pub(super) fn nquad(buf: &mut Vec<u8>, t: TripleRef<'_>, to: To<'_>) {
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
pub(super) fn fmt_term(buf: &mut Vec<u8>, term: impl std::fmt::Display) {
    // writing to a Vec cannot fail
    let _ = write!(buf, "{term}");
}

/// `<iri>`: the IRIs here are valid by construction, so nothing in them needs escaping.
pub(super) fn iri_term(buf: &mut Vec<u8>, iri: &str) {
    buf.push(b'<');
    buf.extend_from_slice(iri.as_bytes());
    buf.push(b'>');
}

/// A quoted string with oxrdf's escapes (`print_quoted_str`): the named escapes of `\b \t \n \f
/// \r " \\`, `\uXXXX` for other control characters and the noncharacters U+FFFE and U+FFFF; runs
/// of other text are copied whole.
pub(super) fn quoted(buf: &mut Vec<u8>, s: &str) {
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
    use oxrdf::{GraphNameRef, LiteralRef, NamedNodeRef};
    use oxttl::NQuadsSerializer;

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
}
