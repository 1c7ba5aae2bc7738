//! Tokens: a line of text in, its tokens out (words, numbers, single punctuation characters),
//! each borrowing the text and carrying its lowercase form. The one part of `text` that needs no
//! knowledge, so that `knowledge` tokenizes its phrases with it; `sentences` sets the classes.

use std::borrow::Cow;

use super::Span;

/// A token: a word, a number or one punctuation character. It borrows the article's text, and
/// its lowercase form too unless that differs (a capitalised word), so most tokens allocate
/// nothing.
#[derive(Clone, Debug)]
pub struct Token<'a> {
    /// Byte span in the article.
    pub span: Span,
    /// The token text, as in the article.
    pub text: &'a str,
    /// Lowercased text, with typographic apostrophes folded.
    pub lower: Lower<'a>,
    /// The lexicon's classes of `lower` (`Knowledge::lex`); 0 until the sentence splitter, which
    /// knows the lexicon, sets it.
    pub lex: u64,
    /// The id of `lower` among the words of gazetteer names (`Knowledge::word`), 0 for none; set
    /// with `lex`.
    pub word: u32,
}

impl Token<'_> {
    /// Whether the lowercased token is in any of these classes.
    pub fn is(&self, classes: u64) -> bool {
        self.lex & classes != 0
    }
}

/// The lowercase form of a token: borrowed from the text when it is the same.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Lower<'a>(Cow<'a, str>);

impl Lower<'_> {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Lower<'_> {
    fn eq(&self, o: &str) -> bool {
        *self.0 == *o
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, o: &&str) -> bool {
        *self.0 == **o
    }
}

impl PartialEq<String> for Lower<'_> {
    fn eq(&self, o: &String) -> bool {
        *self.0 == **o
    }
}

impl PartialEq<Lower<'_>> for String {
    fn eq(&self, o: &Lower<'_>) -> bool {
        **self == *o.0
    }
}

impl PartialEq<Lower<'_>> for &str {
    fn eq(&self, o: &Lower<'_>) -> bool {
        **self == *o.0
    }
}

impl Token<'_> {
    /// Whether the first character is an uppercase letter.
    pub fn is_capitalised(&self) -> bool {
        // asked of every token by several passes: an ASCII first byte decides without decoding
        match self.text.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => self.text.chars().next().is_some_and(char::is_uppercase),
        }
    }
    /// Whether the token is a word (starts with a letter).
    pub fn is_word(&self) -> bool {
        match self.text.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_alphabetic(),
            _ => self.text.chars().next().is_some_and(char::is_alphabetic),
        }
    }
    /// Whether the token is a single punctuation character.
    pub fn is_punct(&self) -> bool {
        !self
            .text
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric())
    }
}

/// The character at byte `i` of `s` (a character boundary) and its length; ASCII without decoding.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    s[i..].chars().next().map(|c| (c, c.len_utf8()))
}

/// Tokenises `text[range]`, giving spans relative to the whole text.
pub fn tokenize(text: &str, offset: usize) -> Vec<Token<'_>> {
    tokenize_lowered(text, None, offset)
}

/// [`tokenize`], given `text` with its ASCII letters lowercased: an ASCII token's lowercase form
/// is then a slice of it instead of a string of its own.
pub(super) fn tokenize_lowered<'a>(
    text: &'a str,
    lowered: Option<&'a str>,
    offset: usize,
) -> Vec<Token<'a>> {
    let mut out = Vec::with_capacity(text.len() / 5);
    if text.is_ascii() {
        tokenize_ascii_into(text, lowered, offset, &mut out);
        return out;
    }
    let b = text.as_bytes();
    // news text is mostly ASCII with a few curly quotes and dashes: the words holding other
    // characters go the character way and the stretches between them the byte way. A token never
    // crosses ASCII whitespace, nor looks past it, so cutting there changes no token
    let space = |c: &u8| BYTE_CLASS[usize::from(*c)] & SPACE != 0;
    let low = |r: std::ops::Range<usize>| lowered.map(|l| &l[r]);
    let mut done = 0;
    let mut i = 0;
    while let Some(p) = b[i..].iter().position(|c| !c.is_ascii()) {
        let at = i + p;
        let start = b[done..at]
            .iter()
            .rposition(space)
            .map_or(done, |q| done + q + 1);
        let end = b[at..].iter().position(space).map_or(b.len(), |q| at + q);
        tokenize_ascii_into(
            &text[done..start],
            low(done..start),
            offset + done,
            &mut out,
        );
        tokenize_chars_into(&text[start..end], offset + start, &mut out);
        (done, i) = (end, end);
    }
    tokenize_ascii_into(&text[done..], low(done..b.len()), offset + done, &mut out);
    out
}

/// [`tokenize`] on characters, for any text.
#[cfg(test)]
fn tokenize_chars(text: &str, offset: usize) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    tokenize_chars_into(text, offset, &mut out);
    out
}

/// Appends the tokens of `text` to `out`, deciding on characters.
fn tokenize_chars_into<'a>(text: &'a str, offset: usize, out: &mut Vec<Token<'a>>) {
    let mut i = 0;
    while let Some((c, len)) = char_at(text, i) {
        if c.is_whitespace() || is_invisible(c) {
            i += len;
            continue;
        }
        let mut end = i + len;
        if matches!(c, '\'' | '’') {
            // the possessive "'s" is one token
            let mut r = text[end..].chars();
            if matches!(r.next(), Some('s' | 'S')) && !r.next().is_some_and(|x| x.is_alphanumeric())
            {
                end += 1;
            }
        } else if c.is_alphanumeric() {
            // a word: letters, digits, and inner apostrophes, hyphens and dots (U.S., Co-operation)
            while let Some((d, dlen)) = char_at(text, end) {
                if d.is_alphanumeric() || is_combining(d) {
                    end += dlen;
                    continue;
                }
                if !matches!(d, '\'' | '’' | '-' | '.' | '‐') {
                    break;
                }
                // keep the joiner only when a letter or digit follows it (or "U.S." style)
                let j = end;
                let rest = &text[j + dlen..];
                let next = rest.chars().next();
                let joins = match d {
                    '.' => {
                        next.is_some_and(|n| n.is_alphabetic())
                            && text[i..j].chars().all(|x| x.is_uppercase() || x == '.')
                            && text[i..j].chars().filter(|x| x.is_alphabetic()).count() <= 3
                    }
                    '\'' | '’' => {
                        // possessive 's stays a separate token
                        let n1 = next.map(|n| n.to_ascii_lowercase());
                        let after = rest.chars().nth(1);
                        let possessive =
                            n1 == Some('s') && !after.is_some_and(|a| a.is_alphanumeric());
                        !possessive && next.is_some_and(|n| n.is_alphabetic())
                    }
                    // "Co-operation", "9-10" join; "US-Russian", "Russia-NATO" split into names
                    _ => next.is_some_and(|n| n.is_lowercase() || n.is_numeric()),
                };
                if !joins {
                    break;
                }
                end = j + dlen;
            }
            // "U.S." keeps its final dot
            if text[i..end].contains('.') && text[end..].starts_with('.') {
                end += 1;
            }
        }
        let t = &text[i..end];
        out.push(Token {
            span: Span::new(offset + i, offset + end),
            text: t,
            lower: lowercase(t),
            lex: 0,
            word: 0,
        });
        i = end;
    }
}

/// Byte classes for [`tokenize_ascii`]: letter or digit, uppercase letter, whitespace.
const ALNUM: u8 = 1;
const UPPER: u8 = 2;
pub(super) const SPACE: u8 = 4;
pub(super) const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] |= ALNUM;
        }
        if c.is_ascii_uppercase() {
            t[b] |= UPPER;
        }
        // the ASCII characters of char::is_whitespace, \x0B included
        if matches!(c, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') {
            t[b] |= SPACE;
        }
        b += 1;
    }
    t
};

/// [`tokenize`] for ASCII text: the same tokens, decided on bytes.
#[cfg(test)]
fn tokenize_ascii<'a>(text: &'a str, lowered: Option<&'a str>, offset: usize) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    tokenize_ascii_into(text, lowered, offset, &mut out);
    out
}

/// Appends the tokens of the ASCII `text` to `out`, deciding on bytes; `lowered` is `text` with its
/// letters lowercased, when the caller has it.
fn tokenize_ascii_into<'a>(
    text: &'a str,
    lowered: Option<&'a str>,
    offset: usize,
    out: &mut Vec<Token<'a>>,
) {
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let class = |c: u8| BYTE_CLASS[usize::from(c)];
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let cc = class(c);
        if cc & SPACE != 0 {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        let mut upper = cc & UPPER != 0;
        if c == b'\'' {
            // the possessive "'s" is one token
            if matches!(at(end), b's' | b'S') && class(at(end + 1)) & ALNUM == 0 {
                upper = at(end) == b'S';
                end += 1;
            }
        } else if cc & ALNUM != 0 {
            // a word: letters, digits, and inner apostrophes, hyphens and dots (U.S., Co-operation)
            let mut dots = false;
            loop {
                let mut seen = 0;
                for &d in &b[end..] {
                    let dc = class(d);
                    if dc & ALNUM == 0 {
                        break;
                    }
                    seen |= dc;
                    end += 1;
                }
                upper |= seen & UPPER != 0;
                let d = at(end);
                let next = at(end + 1);
                let joins = match d {
                    b'.' => {
                        let w = &b[i..end];
                        next.is_ascii_alphabetic()
                            && w.iter().all(|x| x.is_ascii_uppercase() || *x == b'.')
                            && w.iter().filter(|x| x.is_ascii_alphabetic()).count() <= 3
                    }
                    // possessive 's stays a separate token
                    b'\'' => {
                        let possessive =
                            next.eq_ignore_ascii_case(&b's') && class(at(end + 2)) & ALNUM == 0;
                        !possessive && next.is_ascii_alphabetic()
                    }
                    // "Co-operation", "9-10" join; "US-Russian", "Russia-NATO" split into names
                    b'-' => next.is_ascii_lowercase() || next.is_ascii_digit(),
                    _ => false,
                };
                if !joins {
                    break;
                }
                dots |= d == b'.';
                end += 1;
            }
            // "U.S." keeps its final dot
            if dots && at(end) == b'.' {
                end += 1;
            }
        }
        // ASCII: every byte is a character boundary
        let t = &text[i..end];
        out.push(Token {
            span: Span::new(offset + i, offset + end),
            text: t,
            lower: Lower(match (upper, lowered) {
                (false, _) => Cow::Borrowed(t),
                (true, Some(l)) => Cow::Borrowed(&l[i..end]),
                (true, None) => Cow::Owned(t.to_ascii_lowercase()),
            }),
            lex: 0,
            word: 0,
        });
        i = end;
    }
}

/// The lowercase form of a token, borrowed when it is the token itself.
fn lowercase(t: &str) -> Lower<'_> {
    Lower(if t.is_ascii() {
        if t.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(t.to_ascii_lowercase())
        } else {
            Cow::Borrowed(t)
        }
    } else {
        let l = t.to_lowercase().replace('’', "'");
        if l == t {
            Cow::Borrowed(t)
        } else {
            Cow::Owned(l)
        }
    })
}

/// Whether a character is an invisible format character (zero-width space, soft hyphen): no token.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
}

/// Whether a character is a combining mark, part of the letter before it.
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_byte_spans_and_names_whole() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "abbreviation keeps its dots",
                "The U.S. envoy left.",
                &["The", "U.S.", "envoy", "left", "."],
            ),
            (
                "hyphenated names split",
                "US-Russian talks",
                &["US", "-", "Russian", "talks"],
            ),
            (
                "lowercase hyphen joins",
                "Co-operation in 9-10 days",
                &["Co-operation", "in", "9-10", "days"],
            ),
            (
                "possessive splits",
                "Merkel’s aide",
                &["Merkel", "’s", "aide"],
            ),
            (
                "non-ASCII letters",
                "Erdoğan met Łukasz",
                &["Erdoğan", "met", "Łukasz"],
            ),
            (
                "zero-width space ignored",
                "Oslo\u{200B} talks",
                &["Oslo", "talks"],
            ),
        ];
        for (name, input, want) in cases {
            let toks = tokenize(input, 0);
            let got: Vec<&str> = toks.iter().map(|t| t.text).collect();
            assert_eq!(got, *want, "{name}");
            for t in &toks {
                assert_eq!(
                    &input[t.span.start..t.span.end],
                    t.text,
                    "{name}: span of {}",
                    t.text
                );
            }
        }
    }

    // the byte tokeniser is a fast path: on ASCII it must give what the character one gives, and
    // so must its lowercase forms sliced from the lowered text
    proptest::proptest! {
        #[test]
        fn ascii_tokens_are_the_character_tokens(
            s in "([A-Za-z0-9]{1,5}([-.'][A-Za-z0-9]{0,3})*|[A-Z][.][A-Z][.]|'[sS]|[ ]|[-.,':;()\"!?|]|\\x0B|\t|\r|\n){0,30}"
        ) {
            let key = |t: &Token| (t.span, t.text.to_string(), t.lower.to_string());
            let fast: Vec<_> = tokenize_ascii(&s, None, 7).iter().map(key).collect();
            let slow: Vec<_> = tokenize_chars(&s, 7).iter().map(key).collect();
            proptest::prop_assert_eq!(&fast, &slow);
            // lowercase forms sliced from the lowered text are the ones made word by word
            let lowered = s.to_ascii_lowercase();
            let sliced: Vec<_> = tokenize_ascii(&s, Some(&lowered), 7).iter().map(key).collect();
            proptest::prop_assert_eq!(sliced, slow);
        }

        // mixed text is cut at ASCII whitespace into byte and character stretches: the tokens
        // must be those of the character tokeniser over the whole text
        #[test]
        fn mixed_tokens_are_the_character_tokens(
            s in "([A-Za-z0-9]{1,5}([-.'][A-Za-z0-9]{0,3})*|[A-Z][.][A-Z][.]|'[sS]|[ ]|[-.,':;()\"!?|]|\x0B|\t|\n|[’‘“”—–‐…éŁğİΣ\u{A0}\u{200B}\u{301}\u{212A}]|[A-Za-z]{1,3}[’é‐][A-Za-z]{0,3}){0,30}"
        ) {
            let key = |t: &Token| (t.span, t.text.to_string(), t.lower.to_string());
            let lowered = s.to_ascii_lowercase();
            let mixed: Vec<_> = tokenize_lowered(&s, Some(&lowered), 7).iter().map(key).collect();
            let slow: Vec<_> = tokenize_chars(&s, 7).iter().map(key).collect();
            proptest::prop_assert_eq!(&mixed, &slow);
            let unlowered: Vec<_> = tokenize_lowered(&s, None, 7).iter().map(key).collect();
            proptest::prop_assert_eq!(unlowered, slow);
        }
    }
}
