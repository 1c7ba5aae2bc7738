//! Text layer: articles, page-chrome removal, sentences and tokens, all as byte spans into the
//! original text so that every fact can point back at its evidence.

use std::borrow::Cow;

use crate::date::Date;
use crate::knowledge::Knowledge;

/// A byte range `[start, end)` into an article's original text.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// One input article, as read: its text is never rewritten, only annotated.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Article {
    /// Stable identifier (file stem, or the `id` of a JSON Lines record).
    pub id: String,
    /// Where it came from (a path, or `path:line` for JSON Lines), for messages.
    pub source: String,
    /// The original text.
    pub text: String,
    /// Publication date, when given by metadata or found in the text.
    pub published: Option<Date>,
    /// Whether `published` was inferred rather than given.
    pub published_inferred: bool,
    /// Optional URL from metadata.
    pub url: Option<String>,
    /// Optional title from metadata.
    pub title: Option<String>,
}

impl Article {
    /// An article with this id and text, no date and no metadata.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        let id = id.into();
        Article {
            source: id.clone(),
            id,
            text: text.into(),
            published: None,
            published_inferred: false,
            url: None,
            title: None,
        }
    }

    /// Sets the publication date, against which "on Thursday" and "December 30" are resolved.
    pub fn published(mut self, date: Date) -> Self {
        self.published = Some(date);
        self.published_inferred = false;
        self
    }

    /// Sets the URL.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Sets the title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }
}

/// Whether a line is body text, a headline-like line (title case) or page chrome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Running text.
    Body,
    /// A title-case line: only known names are taken from it.
    Headline,
    /// Page furniture (comment forms, "See also" links, tags, credits): ignored.
    Chrome,
}

/// A sentence of an article, borrowing its text.
#[derive(Clone, Debug)]
pub struct Sentence<'a> {
    /// Byte span in the article.
    pub span: Span,
    /// Tokens in order.
    pub tokens: Vec<Token<'a>>,
    /// Whether it comes from a headline-like line.
    pub headline: bool,
}

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
    /// The lexicon's classes of `lower` ([`Knowledge::lex`]); 0 until the sentence splitter, which
    /// knows the lexicon, sets it.
    pub lex: u64,
    /// The id of `lower` among the words of gazetteer names ([`Knowledge::word`]), 0 for none; set
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

/// Splits text into lines with their byte offsets (line terminator excluded; `\r` stripped).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    text.split_inclusive('\n').map(move |l| {
        let start = pos;
        pos += l.len();
        (start, l.trim_end_matches(['\n', '\r']))
    })
}

/// Classifies one line using the chrome patterns of the lexicon and shape heuristics.
/// `lowered` is the line with its ASCII letters lowercased, when the caller has it.
fn classify(line: &str, lowered: Option<&str>, k: &Knowledge) -> LineKind {
    let t = line.trim();
    if t.is_empty() {
        return LineKind::Chrome;
    }
    // lowercasing ASCII letters moves no byte, so the lowered line trims to the same range
    if k.is_chrome(t, lowered.map(str::trim), || t.to_lowercase()) {
        return LineKind::Chrome;
    }
    let ascii = t.is_ascii();
    if ascii {
        if !t.bytes().any(|b| b.is_ascii_alphabetic()) {
            return LineKind::Chrome;
        }
    } else {
        let (mut letters, mut latin) = (0usize, 0usize);
        for c in t.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            latin += usize::from(c.is_ascii_alphabetic() || (c as u32) < 0x250);
        }
        if letters == 0 {
            return LineKind::Chrome;
        }
        // Mostly non-Latin script: a tag line or link in another language.
        if latin * 2 < letters {
            return LineKind::Chrome;
        }
    }
    // A quoted string of very short fragments is an author bio.
    let quoted =
        (t.starts_with('"') || t.starts_with('“')) && (t.ends_with('"') || t.ends_with('”'));
    if quoted {
        let frags: Vec<&str> = t
            .split(['.', '!'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if frags.len() >= 3 && frags.iter().all(|f| f.split_whitespace().count() <= 5) {
            return LineKind::Chrome;
        }
    }
    if ends_with_photo_credit(t) {
        return LineKind::Chrome;
    }
    // running text (it ends with a full stop and has no "|") needs no word counts: the checks
    // below that use them do not apply to it
    let full_stop = t.ends_with('.');
    let bar = t.contains('|');
    if full_stop && !bar {
        return LineKind::Body;
    }
    // one pass over the words: how many, how many capitalised, how many lowercase
    let (mut words, mut caps, mut lowercase_words) = (0usize, 0usize, 0usize);
    if ascii {
        // the same words as split_whitespace, without decoding: ASCII whitespace includes \x0B
        let mut in_word = false;
        for b in t.bytes() {
            let space = BYTE_CLASS[usize::from(b)] & SPACE != 0;
            if !space && !in_word {
                words += 1;
                caps += usize::from(b.is_ascii_uppercase());
                lowercase_words += usize::from(b.is_ascii_lowercase());
            }
            in_word = !space;
        }
    } else {
        for w in t.split_whitespace() {
            words += 1;
            match w.chars().next() {
                Some(c) if c.is_uppercase() => caps += 1,
                Some(c) if c.is_lowercase() => lowercase_words += 1,
                _ => {}
            }
        }
    }
    // a byline or date line: short, with "|" separators and a clock time ("By Desk | 11:42 IST")
    if words <= 14 && bar {
        let clock = t.as_bytes().windows(5).any(|w| {
            w[0].is_ascii_digit()
                && w[1].is_ascii_digit()
                && w[2] == b':'
                && w[3].is_ascii_digit()
                && w[4].is_ascii_digit()
        });
        if clock {
            return LineKind::Chrome;
        }
    }
    // A list of short comma-separated phrases with no sentence end is a tag line.
    if !full_stop
        && t.split(',').count() >= 4
        && t.split(',').all(|p| p.split_whitespace().count() <= 3)
    {
        return LineKind::Chrome;
    }
    // a title-case line without a full stop is a headline ("Leaders Agree To Meet In Spring")
    if words >= 3 && caps * 10 >= words * 7 && lowercase_words <= words / 5 && !full_stop {
        return LineKind::Headline;
    }
    // a line with no closing punctuation is a headline or a subheading, not running text
    let closed = t.ends_with(['.', '!', '?', '"', '”', '’', '»', ':', ';', ')']);
    if !closed && words <= 25 {
        return LineKind::Headline;
    }
    LineKind::Body
}

/// Whether a line ends with a photo credit in brackets, "(Name/Agency via AP)": a caption.
fn ends_with_photo_credit(t: &str) -> bool {
    let Some(inner) = t.strip_suffix(')') else {
        return false;
    };
    let Some(open) = inner.rfind('(') else {
        return false;
    };
    let credit = &inner[open + 1..];
    credit.contains('/')
        && credit.split_whitespace().count() <= 12
        && credit.chars().next().is_some_and(char::is_uppercase)
}

/// Whether token `i` is a middle initial: one capital letter after a given name, with a
/// full stop of its own ("Janet L. Yellen"), which ends no sentence.
fn is_middle_initial(tokens: &[Token], i: usize, k: &Knowledge) -> bool {
    let t = &tokens[i];
    t.text.len() == 1
        && t.text.as_bytes()[0].is_ascii_uppercase()
        && i > 0
        && tokens[i - 1].span.end < t.span.start
        && k.first_names.contains(tokens[i - 1].text)
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
fn tokenize_lowered<'a>(text: &'a str, lowered: Option<&'a str>, offset: usize) -> Vec<Token<'a>> {
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

/// [`tokenize`], with each token's lexicon classes set.
pub fn tokens<'a>(text: &'a str, offset: usize, k: &Knowledge) -> Vec<Token<'a>> {
    tokens_lowered(text, None, offset, k)
}

/// [`tokens`], given `text` with its ASCII letters lowercased (see [`tokenize_lowered`]).
fn tokens_lowered<'a>(
    text: &'a str,
    lowered: Option<&'a str>,
    offset: usize,
    k: &Knowledge,
) -> Vec<Token<'a>> {
    let mut tokens = tokenize_lowered(text, lowered, offset);
    for t in &mut tokens {
        (t.lex, t.word) = k.word(&t.lower);
    }
    tokens
}

/// Byte classes for [`tokenize_ascii`]: letter or digit, uppercase letter, whitespace.
const ALNUM: u8 = 1;
const UPPER: u8 = 2;
const SPACE: u8 = 4;
const BYTE_CLASS: [u8; 256] = {
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

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The longest sentence, in tokens; longer runs of text are cut into pieces this long.
pub const MAX_SENTENCE_TOKENS: usize = 250;

/// An article's text with its ASCII letters lowercased: one copy for the whole article serves every
/// line's chrome test and every capitalised word's lowercase form, which are slices of it (ASCII
/// lowercasing moves no byte).
pub struct Lowered(String);

impl Lowered {
    /// The lowered text of `article`.
    pub fn of(article: &Article) -> Lowered {
        Lowered(article.text.to_ascii_lowercase())
    }
}

/// Splits an article into sentences, skipping page chrome; `lowered` is `Lowered::of` the article.
pub fn sentences<'a>(
    article: &'a Article,
    lowered: &'a Lowered,
    k: &Knowledge,
) -> Vec<Sentence<'a>> {
    let text = &article.text;
    // the lowered text of another article would give wrong words: then each word is lowercased
    let lowered = Some(lowered.0.as_str()).filter(|l| l.len() == text.len());
    let mut out = Vec::new();
    let mut first = true;
    // whether the page is one line, asked only of a first line that could be a headline
    let lone = || {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .take(2)
            .count()
            == 1
    };
    for (start, line) in lines(text) {
        let low = lowered.map(|l| &l[start..start + line.len()]);
        let mut kind = classify(line, low, k);
        if kind == LineKind::Chrome {
            continue;
        }
        // the first line of a page is its headline when it is short and ends without a full stop
        let t = line.trim_end();
        if std::mem::take(&mut first)
            && !t.ends_with(['.', '!', '?'])
            && t.split_whitespace().count() <= 20
            && !lone()
        {
            kind = LineKind::Headline;
        }
        let tokens = tokens_lowered(line, low, start, k);
        // sentence ends as token indices first, then the tokens are moved, not copied
        let n = tokens.len();
        let mut ends = Vec::new();
        let mut idx = 0;
        while idx < n {
            let t = &tokens[idx];
            idx += 1;
            let ends_here = matches!(t.text, "." | "!" | "?")
                || (t.text.ends_with('.') && t.text.len() > 1 && !k.is_abbreviation(t.text));
            if !ends_here {
                continue;
            }
            let prev_abbrev = t.text == "."
                && idx >= 2
                && tokens[idx - 2].span.end == t.span.start
                && (k.is_abbreviation(&text[tokens[idx - 2].span.start..t.span.end])
                    || is_middle_initial(&tokens, idx - 2, k));
            // closing quotes and brackets attached to the full stop belong to this sentence
            let mut j = idx;
            while j < n
                && matches!(tokens[j].text, "\"" | "”" | "’" | "»" | ")")
                && tokens[j].span.start == tokens[j - 1].span.end
            {
                j += 1;
            }
            let Some(next) = tokens.get(j) else { continue };
            let starts_new = next.is_capitalised()
                || next.text.chars().next().is_some_and(|c| c.is_numeric())
                || matches!(next.text, "\"" | "“" | "«" | "–" | "—" | "-");
            if starts_new && !prev_abbrev {
                ends.push(j);
                idx = j;
            }
        }
        ends.push(n);
        // a run-on "sentence" (a page with no full stops) is cut into pieces: no news sentence is
        // this long, and the relation patterns look at pairs of tokens within one
        let mut cut = Vec::with_capacity(ends.len());
        let mut from = 0;
        for e in ends {
            while e - from > MAX_SENTENCE_TOKENS {
                from += MAX_SENTENCE_TOKENS;
                cut.push(from);
            }
            cut.push(e);
            from = e;
        }
        let ends = cut;
        // the sentences are split off the line's tokens from the last, so the first keeps the
        // line's own vector and only the others are moved
        let mut tokens = tokens;
        let mut pieces: Vec<Vec<Token<'a>>> = Vec::with_capacity(ends.len());
        for w in ends.windows(2).rev() {
            pieces.push(tokens.split_off(w[0]));
        }
        pieces.push(tokens);
        for mut cur in pieces.into_iter().rev() {
            flush(&mut cur, &mut out, kind);
        }
    }
    out
}

fn flush<'a>(cur: &mut Vec<Token<'a>>, out: &mut Vec<Sentence<'a>>, kind: LineKind) {
    if cur.is_empty() {
        return;
    }
    let span = Span::new(cur[0].span.start, cur[cur.len() - 1].span.end);
    out.push(Sentence {
        span,
        tokens: std::mem::take(cur),
        headline: kind == LineKind::Headline,
    });
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

    #[test]
    fn sentences_split_at_ends_not_abbreviations_and_skip_chrome() {
        let k = Knowledge::embedded();
        let cases: &[(&str, &str, &[&str])] = &[
            ("two sentences", "Scholz spoke. Macron listened.", &["Scholz spoke.", "Macron listened."]),
            ("title abbreviation", "Gen. Milley spoke to Mr. Smith today.", &["Gen. Milley spoke to Mr. Smith today."]),
            ("middle initial", "Ruth K. Abelard spoke. Ruto listened.", &["Ruth K. Abelard spoke.", "Ruto listened."]),
            ("a capital after no given name ends a sentence", "He backed Plan B. Ruto listened.", &["He backed Plan B.", "Ruto listened."]),
            ("U.S. mid-sentence", "The U.S. Navy sailed. It returned.", &["The U.S. Navy sailed.", "It returned."]),
            ("comment form dropped", "Talks ended in Doha on Monday.\nLeave a Reply\nYour email address will not be published.", &["Talks ended in Doha on Monday."]),
            ("see-also link dropped", "The minister resigned on Friday.\nSee also  Storm hits the coast\n", &["The minister resigned on Friday."]),
            ("windows line ends", "One thing happened.\r\nAnother thing happened.\r\n", &["One thing happened.", "Another thing happened."]),
            ("quote opens the next sentence", "He spoke with Ruto. \"We agreed,\" Ruto wrote.", &["He spoke with Ruto.", "\"We agreed,\" Ruto wrote."]),
            ("quote closes this sentence", "He said: \"We agreed.\" Ruto nodded.", &["He said: \"We agreed.\"", "Ruto nodded."]),
        ];
        for (name, input, want) in cases {
            let a = Article::new("t", *input);
            let got: Vec<&str> = sentences(&a, &Lowered::of(&a), &k)
                .iter()
                .map(|s| &input[s.span.start..s.span.end])
                .collect();
            assert_eq!(got, *want, "{name}");
        }
    }

    #[test]
    fn line_classes() {
        let k = Knowledge::embedded();
        let cases = [
            (
                "tag line",
                "NATO, Russia, USA, President, Russian aggression, Kim",
                LineKind::Chrome,
            ),
            (
                "bio",
                "“Proud thinker. Coffee fan. Web nerd. Music lover.”",
                LineKind::Chrome,
            ),
            (
                "other script",
                "Больше новостей о политике",
                LineKind::Chrome,
            ),
            (
                "headline",
                "Leaders Agree To Meet Again In Spring",
                LineKind::Headline,
            ),
            (
                "body",
                "The foreign ministers met in Oslo on Tuesday to discuss the accord.",
                LineKind::Body,
            ),
            (
                "byline",
                "Anna Kowalska | 11.01.2024, 14:05 | updated 15:30",
                LineKind::Chrome,
            ),
            (
                "read also in another language",
                "Czytaj także: Nowy rząd w Pradze",
                LineKind::Chrome,
            ),
            (
                "photo caption with its credit",
                "The minister arrives at the summit in Oslo on Monday.  (Erik Lund/Pool via AP)",
                LineKind::Chrome,
            ),
            (
                "credit line",
                "Reuters' Anna Berg and Tom Hale contributed reporting.",
                LineKind::Chrome,
            ),
            (
                "a bracket that is no credit",
                "Prices rose to 90 dollars a barrel (Brent).",
                LineKind::Body,
            ),
        ];
        for (name, input, want) in cases {
            assert_eq!(classify(input, None, &k), want, "{name}");
        }
    }
}
