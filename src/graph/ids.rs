//! Ids and IRI segments: a name in, the slug or hash that names its node or article out, stable
//! across runs and releases.

/// FNV-1a, for short stable ids (std's hashers are not promised to be stable across releases).
pub fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

/// A slug for ids: lowercase ASCII letters, digits and `_`; other characters percent-encoded.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    slug_into(&mut out, s);
    out
}

/// Appends [`slug`]`(s)` to `out`, for writers that build many ids in one buffer.
pub fn slug_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let start = out.len();
    for c in s.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' || c == '.' {
            if !out.ends_with('_') && out.len() > start {
                out.push('_');
            }
        } else {
            let mut buf = [0u8; 4];
            for b in c
                .to_lowercase()
                .next()
                .unwrap_or(c)
                .encode_utf8(&mut buf)
                .bytes()
            {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
    while out.len() > start && out.ends_with('_') {
        out.pop();
    }
    if out.len() == start {
        use std::fmt::Write;
        // writing to a String cannot fail
        let _ = write!(out, "x{:08x}", fnv(s) as u32);
    }
}

/// Appends an article id as an IRI segment, one to one: ASCII letters and digits, `-`, `.`, `_`
/// and `~` as they are, every other byte (`%` too) as `%XX`. Unlike [`slug_into`], two ids never
/// share it (`Foo`/`foo`, `a b`/`a_b`), so two articles never share a named graph.
pub fn article_segment_into(out: &mut String, id: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_segments_are_one_to_one() {
        let cases = [
            ("kept", "rb_05-nyt.2022~x", "rb_05-nyt.2022~x"),
            ("case kept", "Foo", "Foo"),
            ("space encoded", "a b", "a%20b"),
            ("percent encoded", "100%", "100%25"),
            ("non-ASCII bytes", "Zürich", "Z%C3%BCrich"),
        ];
        let mut seen = std::collections::BTreeSet::new();
        for (name, input, want) in cases {
            let mut buf = String::new();
            article_segment_into(&mut buf, input);
            assert_eq!(buf, want, "{name}");
            assert!(seen.insert(buf), "{name}: shared");
        }
        // ids that one slug would join stay apart
        let ids = ["Foo", "foo", "a b", "a-b", "a.b", "a_b", "x%20y", "x y"];
        let segs: std::collections::BTreeSet<String> = ids
            .iter()
            .map(|id| {
                let mut b = String::new();
                article_segment_into(&mut b, id);
                b
            })
            .collect();
        assert_eq!(segs.len(), ids.len());
    }

    #[test]
    fn slugs() {
        let cases = [
            ("words", "Emmanuel Macron", "emmanuel_macron"),
            (
                "joiners fold into one underscore",
                "Jean-Pierre  O.Smith",
                "jean_pierre_o_smith",
            ),
            ("ends trimmed", "  _NATO_ ", "nato"),
            (
                "other characters percent-encoded, lowercased",
                "Erdoğan İ",
                "erdo%C4%9Fan_%69",
            ),
            ("nothing left: a hash", "---", "xde1b3246"),
            ("ASCII punctuation encoded", "AT&T (US)", "at%26t_%28us%29"),
            ("non-ASCII space joins", "a\u{A0}b\u{2003}c", "a_b_c"),
            ("non-ASCII letters between ASCII", "Zürich", "z%C3%BCrich"),
        ];
        for (name, input, want) in cases {
            assert_eq!(slug(input), want, "{name}");
            // appended after other text, the same slug follows it
            let mut buf = String::from("article/");
            slug_into(&mut buf, input);
            assert_eq!(buf, format!("article/{want}"), "{name}");
        }
    }
}
