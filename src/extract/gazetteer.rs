//! Known names: a sentence's tokens in, the mentions of the gazetteer's names out (the longest
//! at each word, the entry of a shared name chosen by the countries the article names most), with
//! the tokens they cover; and the names inside a name ("Russia" in "Russia-NATO Council").

use super::mentions::{is_all_caps, surface, Mention};
use crate::knowledge::{
    norm_key, EntityType, Knowledge, LEX_MONTH, LEX_NAME_START, LEX_ORG_HEAD, LEX_TITLE_START,
};
use crate::text::Token;

/// The mentions of the gazetteer's names in a sentence, longest first; the tokens they take are
/// marked in `covered`.
pub(super) fn find_names(
    tokens: &[Token],
    k: &Knowledge,
    countries: &Countries,
    covered: &mut [bool],
) -> Vec<Mention> {
    let n = tokens.len();
    let mut ms: Vec<Mention> = Vec::new();
    // gazetteer names, longest first
    let mut i = 0;
    while i < n {
        if let Some((len, idx, adj)) = gaz_at(tokens, i, k) {
            if other_given_name(tokens, i, len, idx, k) {
                i += 1;
                continue;
            }
            if k.entries[idx].alone && !stands_alone(tokens, i, i + len, k) {
                i += len;
                continue;
            }
            // "Federal Reserve Bank of Kansas City": a known body's name with "of" a place is
            // another body, named by the whole phrase
            if let Some(end) = body_of_place(tokens, i + len, idx, k) {
                let text = surface(tokens, i, end);
                ms.push(Mention {
                    a: i,
                    b: end,
                    ua: i,
                    ub: end,
                    key: format!("org:{}", norm_key(&text)),
                    etype: EntityType::Organization,
                    surface: text,
                    adjective: false,
                    inner: false,
                    rule: "name.body_of_place",
                });
                covered[i..end].iter_mut().for_each(|c| *c = true);
                i = end;
                continue;
            }
            let idx = countries.choose(idx, &tokens[i..i + len], k);
            let e = &k.entries[idx];
            ms.push(Mention {
                a: i,
                b: i + len,
                ua: i,
                ub: i + len,
                key: k.gaz_key(idx).to_string(),
                etype: e.etype,
                surface: surface(tokens, i, i + len),
                adjective: adj,
                inner: false,
                rule: "gazetteer",
            });
            covered[i..i + len].iter_mut().for_each(|c| *c = true);
            i += len;
        } else {
            i += 1;
        }
    }
    mark_datelines(tokens, &mut ms);
    ms
}

/// The end of "of" and a place's name at or just after token `b`, after the known body `idx` whose
/// name the text writes with a capital ("Federal Reserve Bank of Kansas City"): a body of its own.
fn body_of_place(tokens: &[Token], b: usize, idx: usize, k: &Knowledge) -> Option<usize> {
    if k.entries[idx].etype != EntityType::Organization {
        return None;
    }
    // a capitalised word or two may stand between ("Federal Reserve" Bank of)
    let word = |j: usize| {
        tokens
            .get(j)
            .is_some_and(|t| t.is_capitalised() && t.is_word())
    };
    let b = (b..b + 3).find(|&j| !word(j))?;
    // ("Bank of": a head noun before "of"; "Democrat of Oregon" names a party's member)
    if tokens.get(b).is_none_or(|t| t.text != "of")
        || !word(b - 1)
        || !tokens[b - 1].is(LEX_ORG_HEAD)
    {
        return None;
    }
    let (len, place, _) = tokens.get(b + 1).and_then(|_| gaz_at(tokens, b + 1, k))?;
    if k.entries[place].etype != EntityType::Place {
        return None;
    }
    // the place's name may go on past the gazetteer's ("Kansas" City)
    let mut end = b + 1 + len;
    while tokens
        .get(end)
        .is_some_and(|t| t.is_capitalised() && t.is_word())
    {
        end += 1;
    }
    Some(end)
}

/// Whether the name at `[a, b)` stands alone, not inside a run of capitalised words: a town
/// taken by its name only so ("Malang" is a town, "Hamid Malang" a person).
fn stands_alone(tokens: &[Token], a: usize, b: usize, k: &Knowledge) -> bool {
    let name_word = |j: usize| {
        let t = &tokens[j];
        t.is_capitalised() && t.is_word() && !k.is_cased_cue("not_name", t)
    };
    // (a name word before counts even when a list took it: "Hamid" in "Hamid Safi")
    let before = a > 0 && name_word(a - 1);
    let after = b < tokens.len() && name_word(b);
    !before && !after
}

/// A dateline's city ("NEW DELHI, Feb 27") names where the story was filed, not an actor: it is
/// marked inner.
fn mark_datelines(tokens: &[Token], ms: &mut [Mention]) {
    for m in ms
        .iter_mut()
        .filter(|m| m.a == 0 && m.etype == EntityType::Place && is_all_caps(&m.surface))
    {
        let next = tokens.get(m.b).map_or("", |t| t.lower.as_str());
        let month = tokens.get(m.b).is_some_and(|t| t.is(LEX_MONTH));
        let letters = m.surface.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 3 && (next == "," || next == "(" || month) {
            m.inner = true;
        }
    }
}

/// Whether a text token matches an alias token, honouring case (the pronoun "us" is not "US").
fn token_matches(text: &str, alias: &str) -> bool {
    if text == alias {
        return true;
    }
    let ascii = text.is_ascii() && alias.is_ascii();
    if !ascii {
        let fold = |s: &str| s.replace('’', "'");
        if fold(text) == fold(alias) {
            return true;
        }
    }
    let a0 = alias.chars().next();
    if !a0.is_some_and(|c| c.is_uppercase()) {
        // lowercase alias words (of, the, and) match in any case
        return if ascii {
            text.eq_ignore_ascii_case(alias)
        } else {
            text.to_lowercase() == alias.to_lowercase()
        };
    }
    let all_caps = alias
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase());
    if all_caps {
        // "Nato" for "NATO", but never "Us" for "US", nor the word "plan" for "PLAN"
        let letters = alias.chars().filter(|c| c.is_alphabetic()).count();
        return letters >= 4
            && text.chars().next().is_some_and(|c| c.is_uppercase())
            && text.to_uppercase() == alias;
    }
    // "WASHINGTON" for "Washington"; a capitalised alias needs a capitalised text word
    text.chars().next().is_some_and(|c| c.is_uppercase())
        && text.to_lowercase() == alias.to_lowercase()
}

/// Whether a known person's one-word name at token `i` follows a given name that is none of
/// theirs, nor a spelling of one: "Hunter Biden" is not Joe Biden, but someone the text names in
/// full.
fn other_given_name(tokens: &[Token], i: usize, len: usize, idx: usize, k: &Knowledge) -> bool {
    let e = &k.entries[idx];
    let Some(prev) = i.checked_sub(1).map(|j| &tokens[j]) else {
        return false;
    };
    len == 1
        && e.etype == EntityType::Person
        && prev.is_capitalised()
        && k.first_names.contains(prev.text)
        && !std::iter::once(&e.name).chain(&e.aliases).any(|n| {
            // ("Mahmud Abbas" is Mahmoud Abbas spelt another way)
            n.split_whitespace()
                .any(|w| super::spelling::jaro_winkler(w, prev.text) >= 0.85)
        })
}

/// How often the article so far has named each country, itself or through a body or place of it:
/// a name that several gazetteer entries share is the one of the country named most.
#[derive(Default)]
pub(super) struct Countries {
    /// (country's entry index, mentions): an article names few countries.
    counts: Vec<(usize, u32)>,
}

impl Countries {
    /// Counts the countries of a sentence's gazetteer mentions.
    pub(super) fn read(&mut self, ms: &[Mention], k: &Knowledge) {
        for m in ms {
            if let Some(c) = m
                .key
                .strip_prefix("gaz:")
                .and_then(|id| k.country_index(id))
            {
                match self.counts.iter_mut().find(|(x, _)| *x == c) {
                    Some((_, n)) => *n += 1,
                    None => self.counts.push((c, 1)),
                }
            }
        }
    }

    /// The entry for the name `words` that entry `i` was matched by: `i`, or another entry of the
    /// same name whose country the article named more (the first of a tie).
    pub(super) fn choose(&self, i: usize, words: &[Token], k: &Knowledge) -> usize {
        if !k.has_shared_form(i) {
            return i;
        }
        let Some(list) = k.sharing(i, &key_of(words)) else {
            return i;
        };
        let count = |e: usize| {
            k.country_index(&k.entries[e].id)
                .and_then(|c| self.counts.iter().find(|(x, _)| *x == c))
                .map_or(0, |(_, n)| *n)
        };
        // max_by_key keeps the last of a tie: the reversed list keeps the first
        list.iter()
            .rev()
            .copied()
            .max_by_key(|&e| count(e))
            .unwrap_or(i)
    }
}

/// The surface key of tokens: their lowercased words joined by a space.
fn key_of(words: &[Token]) -> String {
    words
        .iter()
        .map(|t| t.lower.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Longest gazetteer match at token `i`: (length, entry index, alias, is adjective).
#[inline]
fn gaz_at(tokens: &[Token], i: usize, k: &Knowledge) -> Option<(usize, usize, bool)> {
    // most words start no name: the token's class bits decide, without a call
    if !tokens[i].is(LEX_NAME_START) {
        return None;
    }
    gaz_from(tokens, i, k)
}

/// [`gaz_at`] at a word that starts a name.
#[inline(never)]
fn gaz_from(tokens: &[Token], i: usize, k: &Knowledge) -> Option<(usize, usize, bool)> {
    // the names that start here, longest tried first; nearly always a few, kept off the heap
    let mut found: [(usize, &[crate::knowledge::NameForm]); 8] = [(0, &[]); 8];
    let mut n = 0;
    let mut more: Vec<(usize, &[crate::knowledge::NameForm])> = Vec::new();
    for x in k.name_forms_at(tokens[i..].iter().map(|t| t.word)) {
        if n < found.len() {
            found[n] = x;
            n += 1;
        } else {
            more.push(x);
        }
    }
    for &(len, forms) in more.iter().rev().chain(found[..n].iter().rev()) {
        for f in forms {
            // "Russian military" names the armed forces, but not in "Russian military activity"
            let common_tail = f.common_tail
                && tokens
                    .get(i + len)
                    .is_some_and(|t| t.is_word() && !t.is_capitalised());
            if f.words.len() == len
                && !common_tail
                && f.words
                    .iter()
                    .zip(&tokens[i..i + len])
                    .all(|(a, t)| token_matches(t.text, a))
                && !(len == 1
                    && (common_noun_at_start(tokens, i, k) || lone_adjective(tokens, i, k)))
            {
                return Some((len, f.entry, f.adjective));
            }
        }
    }
    None
}

/// Whether token `i` is a word that names a body only when it is not a common noun ("House",
/// "Treasury"), capitalised only because it starts the sentence, before a lowercase word: "House
/// prices rose", not "House Speaker X said" or "the House voted".
fn common_noun_at_start(tokens: &[Token], i: usize, k: &Knowledge) -> bool {
    let starts = i == 0 || (i == 1 && !tokens[0].is_word());
    starts
        && tokens
            .get(i + 1)
            .is_some_and(|t| t.is_word() && !t.is_capitalised())
        && tokens[i].is(k.cue.common_noun_name)
}

/// Whether token `i` is a word that names a body only as the adjective of a title or a name
/// ("Republican Sen. X", "Conservative MP X"), standing elsewhere: "the Ohio Republican" is a
/// person.
fn lone_adjective(tokens: &[Token], i: usize, k: &Knowledge) -> bool {
    let before_title = tokens
        .get(i + 1)
        .is_some_and(|t| t.is_capitalised() || t.is(LEX_TITLE_START));
    tokens[i].is(k.cue.adjective_name) && !before_title
}

/// The gazetteer names inside tokens `[a, b)` other than the whole ("Russia" and "NATO" in
/// "Russia-NATO Council"), as keys.
pub(super) fn inner_names(tokens: &[Token], a: usize, b: usize, k: &Knowledge) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = a;
    while i < b {
        match gaz_at(&tokens[..b], i, k) {
            Some((len, idx, _)) if !(i == a && len == b - a) => {
                out.push(k.gaz_key(idx).to_string());
                i += len;
            }
            _ => i += 1,
        }
    }
    out
}
