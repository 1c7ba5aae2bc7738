//! Page chrome: one line in, its kind out: running text, a headline-like line, or page furniture
//! (comment forms, "See also" links, tags, credits) that no sentence is taken from.

use super::tokens::{BYTE_CLASS, SPACE};
use crate::knowledge::Knowledge;

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

/// Classifies one line using the chrome patterns of the lexicon and shape heuristics.
/// `lowered` is the line with its ASCII letters lowercased, when the caller has it.
pub(super) fn classify(line: &str, lowered: Option<&str>, k: &Knowledge) -> LineKind {
    let t = line.trim();
    if t.is_empty() {
        return LineKind::Chrome;
    }
    // lowercasing ASCII letters moves no byte, so the lowered line trims to the same range
    if k.is_chrome(t, lowered.map(str::trim), || t.to_lowercase()) {
        return LineKind::Chrome;
    }
    let ascii = t.is_ascii();
    if !has_latin_letters(t, ascii) || is_author_bio(t) || ends_with_photo_credit(t) {
        return LineKind::Chrome;
    }
    // running text (it ends with a full stop and has no "|") needs no word counts: the checks
    // below that use them do not apply to it
    let full_stop = t.ends_with('.');
    let bar = t.contains('|');
    if full_stop && !bar {
        return LineKind::Body;
    }
    by_shape(t, WordCounts::of(t, ascii), full_stop, bar)
}

/// Whether a line has letters, mostly of the Latin script: a line of none is a separator or a
/// number, one mostly of another script a tag line or link in another language.
fn has_latin_letters(t: &str, ascii: bool) -> bool {
    if ascii {
        return t.bytes().any(|b| b.is_ascii_alphabetic());
    }
    let (mut letters, mut latin) = (0usize, 0usize);
    for c in t.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        latin += usize::from(c.is_ascii_alphabetic() || (c as u32) < 0x250);
    }
    letters > 0 && latin * 2 >= letters
}

/// A quoted string of very short fragments is an author bio.
fn is_author_bio(t: &str) -> bool {
    let quoted =
        (t.starts_with('"') || t.starts_with('“')) && (t.ends_with('"') || t.ends_with('”'));
    if !quoted {
        return false;
    }
    let frags: Vec<&str> = t
        .split(['.', '!'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    frags.len() >= 3 && frags.iter().all(|f| f.split_whitespace().count() <= 5)
}

/// The words of a line: how many, how many capitalised, how many lowercase.
struct WordCounts {
    words: usize,
    caps: usize,
    lowercase_words: usize,
}

impl WordCounts {
    /// One pass over the words of `t` (`ascii`: whether it is ASCII).
    fn of(t: &str, ascii: bool) -> WordCounts {
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
        WordCounts {
            words,
            caps,
            lowercase_words,
        }
    }
}

/// The kind of a line that is not running text, by its shape: a byline, a tag line, a headline,
/// or a line of body text after all.
fn by_shape(t: &str, counts: WordCounts, full_stop: bool, bar: bool) -> LineKind {
    let WordCounts {
        words,
        caps,
        lowercase_words,
    } = counts;
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

#[cfg(test)]
mod tests {
    use super::*;

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
