//! Mentions: the types the passes over a sentence share (the sentence with its mentions, a name's
//! mention, a role it states) and the helpers they share: a span of tokens in, its surface text,
//! its country, a reference at a word out.

use std::cell::OnceCell;
use std::sync::Arc;

use crate::knowledge::{norm_key, EntityType, Knowledge};
use crate::text::{Span, Token};

/// A sentence with its mentions, ready for relation finding.
pub(super) struct Analysed<'a> {
    /// Its tokens.
    pub tokens: Vec<Token<'a>>,
    /// Its byte span in the article.
    pub span: Span,
    /// The sentence's text, made when a fact first needs it, and the article's id: shared by
    /// every fact it supports.
    pub text: OnceCell<Arc<str>>,
    pub article: Arc<str>,
    /// Its mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Whether it comes from a headline-like line (only known names are taken from it).
    pub headline: bool,
}

/// Mentions that can be arguments: not inside another's title, not adjectives.
pub(super) fn actors(s: &Analysed) -> Vec<usize> {
    (0..s.mentions.len())
        .filter(|&i| !s.mentions[i].inner && !s.mentions[i].adjective)
        .collect()
}

/// A name in a sentence, before resolution across the article.
#[derive(Clone, Debug)]
pub struct Mention {
    /// Token range of the name itself.
    pub a: usize,
    /// End of the name's token range.
    pub b: usize,
    /// Token range of the whole unit (name with its titles and appositions), for argument finding.
    pub ua: usize,
    /// End of the unit.
    pub ub: usize,
    /// Resolution key (`gaz:ID`, `per:name`, `org:name`, `tpl:country:template`, `ref:...`).
    pub key: String,
    /// Entity type.
    pub etype: EntityType,
    /// The surface form as written.
    pub surface: String,
    /// A country adjective or demonym ("Russian"), which names no entity by itself.
    pub adjective: bool,
    /// Part of another mention's unit (a title's country, say): not an argument of its own.
    pub inner: bool,
    /// Rule that produced it.
    pub rule: &'static str,
}

/// A role stated by a title: `person relation target` (target is a key or a person reference).
#[derive(Clone, Debug)]
pub struct Role {
    /// Key of the person (kept as a key: mention indices change as later passes add mentions).
    pub person: String,
    /// Relation name.
    pub relation: String,
    /// Target key.
    pub target: RoleTarget,
    /// Rule id.
    pub rule: String,
    /// The title's words, lowercased ("president").
    pub title: String,
}

/// What a role points at.
#[derive(Clone, Debug)]
pub enum RoleTarget {
    /// An entity key.
    Key(String, EntityType),
    /// The holder of a leading title of a country (to be resolved).
    LeaderOf(String),
}

/// Text of tokens `[a, b)` joined as written (one space where the text had any).
pub fn surface(tokens: &[Token], a: usize, b: usize) -> String {
    // at most the bytes the tokens span: one allocation
    let room = match (tokens.get(a), b.checked_sub(1).and_then(|l| tokens.get(l))) {
        (Some(f), Some(l)) if b > a => l.span.end.saturating_sub(f.span.start),
        _ => 0,
    };
    let mut s = String::with_capacity(room);
    for (i, t) in tokens[a..b].iter().enumerate() {
        if i > 0 && tokens[a + i - 1].span.end < t.span.start {
            s.push(' ');
        }
        s.push_str(t.text);
    }
    s
}

/// The key of a country's body of a template: the gazetteer's own entry, else a synthesised one.
pub fn template_key(tpl: &str, country: &str, k: &Knowledge) -> RoleTarget {
    match k.template_org(tpl, country) {
        Some(e) => RoleTarget::Key(format!("gaz:{}", e.id), EntityType::Organization),
        None => RoleTarget::Key(format!("tpl:{country}:{tpl}"), EntityType::Organization),
    }
}

/// The country id a mention names (a country, an adjective, or a city's country).
pub fn country_key(m: &Mention, k: &Knowledge) -> Option<String> {
    let id = m.key.strip_prefix("gaz:")?;
    k.country_of(id)
}

/// Whether a word is written in capitals (and has letters).
pub(super) fn is_all_caps(s: &str) -> bool {
    s.chars().any(|c| c.is_alphabetic())
        && s.chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
}

/// The rule of a mention that refers to an entity without naming it (a pronoun, "the party").
pub(super) const PRONOUN_RULE: &str = "coref.pronoun";

/// A mention at token `i` of `tokens` that refers to `key` without naming it (a pronoun, "the
/// party"): its word is no surface form of the entity.
pub(super) fn reference_at(tokens: &[Token], i: usize, key: String, etype: EntityType) -> Mention {
    Mention {
        a: i,
        b: i + 1,
        ua: i,
        ub: i + 1,
        key,
        etype,
        surface: tokens[i].text.to_string(),
        adjective: false,
        inner: false,
        rule: PRONOUN_RULE,
    }
}

/// Adds mentions and keeps the sentence's mentions in text order.
pub(super) fn add_sorted(ms: &mut Vec<Mention>, new: Vec<Mention>) {
    if !new.is_empty() {
        ms.extend(new);
        ms.sort_by_key(|m| (m.a, m.b));
    }
}

/// Whether `key` is a gazetteer news medium (which reports a fact rather than takes part in it).
pub(super) fn is_media(key: &str, k: &Knowledge) -> bool {
    key.strip_prefix("gaz:")
        .and_then(|id| k.entry(id))
        .is_some_and(|e| e.kind == "media")
}

/// The words that name a person, lowercased: without a generational suffix ("Joe Manchin III",
/// "Martin Luther King Jr.") or a middle initial ("Jerome H. Powell"), so that every way of
/// writing one name gives one key and one surname.
pub(super) fn person_words(surface: &str, k: &Knowledge) -> Vec<String> {
    let mut words: Vec<String> = surface.split_whitespace().map(norm_key).collect();
    words.retain(|w| !w.is_empty());
    while words.len() > 2 && words.last().is_some_and(|w| k.is_cue("name_suffix", w)) {
        words.pop();
    }
    if words.len() > 2 {
        let last = words.len() - 1;
        let kept: Vec<String> = words
            .iter()
            .enumerate()
            .filter(|(i, w)| *i == 0 || *i == last || w.chars().count() > 1)
            .map(|(_, w)| w.clone())
            .collect();
        words = kept;
    }
    // "Pat Toomey" and "Patrick J. Toomey" are one key
    if words.len() >= 2 {
        if let Some(full) = k.nicknames.get(&words[0]) {
            words[0] = full.clone();
        }
    }
    words
}
