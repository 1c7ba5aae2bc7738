//! Sentences: an article (and its lowered copy) in, its sentences out, each a vector of tokens
//! with its byte span; chrome lines are skipped and headline-like lines marked.

use super::chrome::{classify, LineKind};
use super::tokens::{tokenize_lowered, BYTE_CLASS, SPACE};
use super::{Article, Span, Token};
use crate::knowledge::Knowledge;
use std::ops::Range;

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
    sentences_in(article, lowered, 0..article.text.len(), k)
}

/// The sentences of the piece `range` of an article (one of its [`pieces`]), as [`sentences`]
/// gives them for the whole; only the piece at the article's start can begin with a headline.
pub fn sentences_in<'a>(
    article: &'a Article,
    lowered: &'a Lowered,
    range: Range<usize>,
    k: &Knowledge,
) -> Vec<Sentence<'a>> {
    let text = &article.text;
    // the lowered text of another article would give wrong words: then each word is lowercased
    let lowered = Some(lowered.0.as_str()).filter(|l| l.len() == text.len());
    let mut out = Vec::new();
    let mut first = range.start == 0;
    // whether the page is one line, asked only of a first line that could be a headline
    let lone = || {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .take(2)
            .count()
            == 1
    };
    for (start, line) in lines(&text[range.clone()]) {
        let start = start + range.start;
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
        let line = Line {
            text: line,
            low,
            start,
            kind,
        };
        if line.text.len() > LINE_WINDOW {
            windowed(line, text, k, LINE_WINDOW, &mut out);
        } else {
            whole(line, text, k, &mut out);
        }
    }
    out
}

/// Where to cut a text into pieces of about `size` bytes or a little more, read one at a time so
/// that no more than a piece's tokens are held at once: at the end of the line that reaches `size`,
/// or, within a longer line, at the first space after a full stop past `size` (else the first
/// space, else the first character boundary). A text of `size` bytes or less is one piece.
pub fn pieces(text: &str, size: usize) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while b.len() - from > size {
        let reach = from + size;
        // no further than a window past `reach`, so that a line of one word is cut too
        let window = &b[reach..(reach + LINE_WINDOW).min(b.len())];
        let cut = memchr::memchr(b'\n', window)
            .or_else(|| memchr::memmem::find(window, b". ").map(|q| q + 1))
            .or_else(|| memchr::memchr(b' ', window))
            .map(|q| reach + q + 1)
            .unwrap_or_else(|| {
                (reach..b.len())
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(b.len())
            });
        out.push(from..cut);
        from = cut;
    }
    if from < b.len() || out.is_empty() {
        out.push(from..b.len());
    }
    out
}

/// The longest line tokenized at once, in bytes; a longer one is tokenized a window of about this
/// size at a time (see [`windowed`]). No line of news is this long.
const LINE_WINDOW: usize = 1 << 16;

/// A line of an article, kept (not chrome).
struct Line<'a> {
    /// Its text, line end excluded.
    text: &'a str,
    /// The same, lowered, when the article's lowered copy is at hand.
    low: Option<&'a str>,
    /// Its first byte in the article.
    start: usize,
    kind: LineKind,
}

/// Adds the sentences of a line, tokenized whole, to `out`.
fn whole<'a>(line: Line<'a>, text: &str, k: &Knowledge, out: &mut Vec<Sentence<'a>>) {
    let tokens = tokens_lowered(line.text, line.low, line.start, k);
    // sentence ends as token indices first, then the tokens are moved, not copied
    let ends = sentence_ends(&tokens, 0, text, k);
    // the sentences are split off the line's tokens from the last, so the first keeps the
    // line's own vector and only the others are moved
    let mut tokens = tokens;
    let mut pieces: Vec<Vec<Token<'a>>> = Vec::with_capacity(ends.len());
    for w in ends.windows(2).rev() {
        pieces.push(tokens.split_off(w[0]));
    }
    pieces.push(tokens);
    for mut cur in pieces.into_iter().rev() {
        flush(&mut cur, out, line.kind);
    }
}

/// Adds the sentences of a long line to `out` as [`whole`] would, tokenizing it a window of
/// about `window` bytes at a time, cut at ASCII whitespace (where no token starts or ends
/// otherwise than in the whole line), and moving each sentence out as it ends. Whole, a line's
/// tokens were held at once and then copied sentence by sentence into vectors of their own, while
/// the first kept the line's: a 45.7 MB page on one line peaked at 1.7 GB.
fn windowed<'a>(
    line: Line<'a>,
    text: &str,
    k: &Knowledge,
    window: usize,
    out: &mut Vec<Sentence<'a>>,
) {
    let b = line.text.as_bytes();
    // the tokens of the sentence under way, after `context` tokens of the one before it (the
    // abbreviation and middle-initial tests look two tokens back)
    let mut buf: Vec<Token<'a>> = Vec::new();
    let mut context = 0;
    let mut pos = 0;
    while pos < b.len() {
        let cut = (pos + window).min(b.len());
        let space = |c: &u8| BYTE_CLASS[usize::from(*c)] & SPACE != 0;
        let end = b[cut..].iter().position(space).map_or(b.len(), |q| cut + q);
        let low = line.low.map(|l| &l[pos..end]);
        buf.extend(tokens_lowered(
            &line.text[pos..end],
            low,
            line.start + pos,
            k,
        ));
        let ends = sentence_ends(&buf, context, text, k);
        // the last piece is whole only at the line's end: the sentence may go on
        let whole = match end == b.len() {
            true => &ends[..],
            false => &ends[..ends.len() - 1],
        };
        let mut from = context;
        for &e in whole {
            let mut cur: Vec<Token<'a>> = buf[from..e].to_vec();
            flush(&mut cur, out, line.kind);
            from = e;
        }
        let keep = from.saturating_sub(2);
        buf.drain(..keep);
        context = from - keep;
        pos = end;
    }
}

/// Where the sentences of a line's tokens from `start` on end, as token indices (the last is the
/// line's end): at a full stop or mark that no abbreviation or initial explains, before a word that
/// starts a sentence. The tokens before `start` are context only: the end of the sentence before.
fn sentence_ends(tokens: &[Token], start: usize, text: &str, k: &Knowledge) -> Vec<usize> {
    let n = tokens.len();
    let mut ends = Vec::new();
    let mut idx = start;
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
                || is_middle_initial(tokens, idx - 2, k));
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
    let mut from = start;
    for e in ends {
        while e - from > MAX_SENTENCE_TOKENS {
            from += MAX_SENTENCE_TOKENS;
            cut.push(from);
        }
        cut.push(e);
        from = e;
    }
    cut
}

/// Moves the tokens of a sentence, if any, into `out`, of the line's kind.
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

/// Splits text into lines with their byte offsets (line terminator excluded; `\r` stripped).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    text.split_inclusive('\n').map(move |l| {
        let start = pos;
        pos += l.len();
        (start, l.trim_end_matches(['\n', '\r']))
    })
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

/// [`tokenize`](super::tokenize), with each token's lexicon classes set.
pub fn tokens<'a>(text: &'a str, offset: usize, k: &Knowledge) -> Vec<Token<'a>> {
    tokens_lowered(text, None, offset, k)
}

/// [`tokens`], given `text` with its ASCII letters lowercased (its lowercase forms then slice it).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_end_at_a_line_else_a_sentence_else_a_space_else_a_character() {
        let cases: &[(&str, &str, usize, &[&str])] = &[
            (
                "short text, one piece",
                "Talks ended.",
                100,
                &["Talks ended."],
            ),
            ("empty text, one piece", "", 10, &[""]),
            (
                "the line that reaches the size ends it",
                "aaaa bbbb\ncccc dddd\neeee",
                10,
                &["aaaa bbbb\ncccc dddd\n", "eeee"],
            ),
            (
                "a long line, after a full stop",
                "One two. Three four. Five",
                5,
                &["One two. ", "Three four. ", "Five"],
            ),
            (
                "no full stop, after a space",
                "one two three four",
                5,
                &["one two ", "three ", "four"],
            ),
            (
                "no space, at a character's end",
                "ééééé",
                3,
                &["éé", "éé", "é"],
            ),
        ];
        for (name, text, size, want) in cases {
            let got: Vec<&str> = pieces(text, *size).into_iter().map(|r| &text[r]).collect();
            assert_eq!(&got, want, "{name}");
        }
    }

    #[test]
    fn the_pieces_of_an_article_give_its_sentences() {
        let k = Knowledge::embedded();
        let a = Article::new(
            "t",
            "Talks in Doha\nScholz spoke. Macron listened.\nRuto left. He returned.\n",
        );
        let lowered = Lowered::of(&a);
        let whole: Vec<Span> = sentences(&a, &lowered, &k).iter().map(|s| s.span).collect();
        let pieced: Vec<Span> = pieces(&a.text, 20)
            .into_iter()
            .flat_map(|r| sentences_in(&a, &lowered, r, &k))
            .map(|s| s.span)
            .collect();
        assert_eq!(pieced, whole);
        assert!(sentences(&a, &lowered, &k)[0].headline);
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

    /// The sentences of `text` as one line, tokenized whole or in windows of `window` bytes.
    fn one_line(text: &str, window: Option<usize>, k: &Knowledge) -> Vec<(Span, Vec<String>)> {
        let low = text.to_ascii_lowercase();
        let line = Line {
            text,
            low: Some(&low),
            start: 0,
            kind: LineKind::Body,
        };
        let mut out = Vec::new();
        match window {
            Some(w) => windowed(line, text, k, w, &mut out),
            None => whole(line, text, k, &mut out),
        }
        let words = |s: &Sentence| s.tokens.iter().map(|t| t.lower.to_string()).collect();
        out.iter().map(|s| (s.span, words(s))).collect()
    }

    #[test]
    fn a_long_line_holds_its_tokens_once() {
        // a page on one line: its sentences' vectors hold its tokens once; whole, the first
        // sentence kept the line's vector (room for every token) and the others copies
        let k = Knowledge::embedded();
        let a = Article::new(
            "t",
            "Scholz spoke to Macron in Paris on Monday. ".repeat(10_000),
        );
        assert!(a.text.len() > 4 * LINE_WINDOW);
        let lowered = Lowered::of(&a);
        let sents = sentences(&a, &lowered, &k);
        let held: usize = sents.iter().map(|s| s.tokens.capacity()).sum();
        let tokens: usize = sents.iter().map(|s| s.tokens.len()).sum();
        assert_eq!((sents.len(), tokens), (10_000, 90_000));
        assert!(
            held <= tokens + tokens / 10,
            "{held} token places for {tokens} tokens"
        );
    }

    #[test]
    fn a_long_line_in_windows_gives_the_sentences_of_the_whole_line() {
        // windows as small as a word or two, cut anywhere a sentence, abbreviation, initial,
        // quote or run-on page can be cut
        let k = Knowledge::embedded();
        let texts = [
            "Gen. Milley spoke to Mr. Smith today. Ruth K. Abelard spoke. \"We agreed.\" Ruto \
             nodded (he said.) The U.S. Navy sailed. It returned! Did it? Yes. He backed Plan B. \
             Ruto listened. 2024 was a year. \u{201c}Quoted\u{201d} words. Caf\u{e9} owners met \
             on Monday. Zelenskiy\u{2019}s aide spoke.",
            &"word ".repeat(1_200),
            &"Scholz spoke. Macron listened. ".repeat(200),
        ];
        for text in texts {
            let want = one_line(text, None, &k);
            for w in [1, 2, 5, 13, 64, 1000] {
                assert_eq!(one_line(text, Some(w), &k), want, "window {w}: {text:.40}");
            }
        }
    }
}
