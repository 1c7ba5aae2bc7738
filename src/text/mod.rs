//! Text: an article in, its sentences out. Page chrome is dropped line by line ([`chrome`]),
//! the rest is cut into tokens ([`tokens`]) and sentences ([`sentences`]), all as byte spans into
//! the original text so that every fact can point back at its evidence.

mod chrome;
mod sentences;
mod tokens;

pub use sentences::{pieces, sentences, sentences_in, tokens, Lowered, Sentence};
pub use tokens::{tokenize, Token};

use crate::date::Date;

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

/// One input article, as read: its text is never rewritten, only annotated, so every fact's
/// evidence is a byte span of `text`. The publication date resolves relative days ("on
/// Thursday"); without one, newsgraph looks for a dateline in the first lines (and marks it
/// `published_inferred`). The first line is read as the title when it looks like one. Make one
/// with [`Article::new`] and its builders, or read files with [`crate::load_articles`].
///
/// ```
/// use newsgraph::{Article, Date};
///
/// let a = Article::new("kyiv-1", "Talks in Kyiv\n\nThe two ministers met on Thursday.")
///     .published(Date::new(2022, 1, 21).unwrap())
///     .url("https://example.org/kyiv-1");
/// assert_eq!((a.id.as_str(), a.published.unwrap().to_string()), ("kyiv-1", "2022-01-21".into()));
/// ```
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Article {
    /// Stable identifier (the file name without extensions, after the folders below the input
    /// folder it was found in; or the `id` of a JSON Lines record).
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
