//! Pronouns and other words that refer back: the article's sentences in, with a mention added
//! where "he", "she", "I" in a quote, "which" after a name, or "the Democrat" refers to someone
//! named before.

use super::mentions::{add_sorted, reference_at, Analysed, PRONOUN_RULE};
use crate::knowledge::{EntityType, Knowledge};
use crate::text::Token;

/// The rule of a mention made by [`party_member_descriptors`].
pub(super) const DESCRIPTOR_RULE: &str = "coref.descriptor";

/// A clause-initial "he" or "she" ("But he urged ...") refers to the first person the sentence
/// before names, when that sentence names one: a mention of that person is added at the pronoun.
pub(super) fn resolve_pronouns(analysed: &mut [Analysed], k: &Knowledge) {
    let mut previous: Option<String> = None;
    for s in analysed.iter_mut() {
        if s.headline {
            continue;
        }
        if let Some(key) = &previous {
            party_member_descriptors(s, key, k);
        }
        let first_person = s
            .mentions
            .iter()
            .filter(|m| m.etype == EntityType::Person && !m.inner && !m.adjective)
            .min_by_key(|m| m.a)
            .map(|m| m.key.clone());
        if let Some(key) = &previous {
            let lead = s.tokens.iter().position(|t| !t.is(k.cue.clause_opener));
            let at = lead.filter(|&i| {
                i <= 2
                    && s.tokens[i].is(k.cue.subject_pronoun)
                    && !s.mentions.iter().any(|m| m.a <= i && i < m.b)
            });
            if let Some(i) = at {
                let m = reference_at(&s.tokens, i, key.clone(), EntityType::Person);
                add_sorted(&mut s.mentions, vec![m]);
            }
        }
        add_quoted_speaker(s, previous.as_deref(), k);
        previous = first_person;
        add_relative_antecedents(s, k);
    }
}

/// "The Massachusetts Democrat, who sits on ...": "the" and a one-word person name whose plural
/// names a party ("Democrats") describe a member of it, the person the sentence before named
/// first (`previous`), not someone called "Democrat".
fn party_member_descriptors(s: &mut Analysed, previous: &str, k: &Knowledge) {
    let party = |w: &str| {
        k.surface
            .get(&format!("{w}s"))
            .is_some_and(|l| l.iter().any(|(e, _, _)| k.entries[*e].kind == "party"))
    };
    let toks = &s.tokens;
    for m in s.mentions.iter_mut() {
        let the = || (m.a.saturating_sub(3)..m.a).any(|j| toks[j].lower == "the");
        if m.etype == EntityType::Person
            && m.b == m.a + 1
            && m.key.starts_with("per:")
            && the()
            && party(&toks[m.a].lower)
        {
            m.key = previous.to_string();
            m.rule = DESCRIPTOR_RULE;
        }
    }
}

/// For a sentence that opens with a quote: the token of its closing quote, and where the speaker
/// would be named after it (past a comma): `“...,” Morawiecki said`.
pub(super) fn opening_quote(toks: &[Token]) -> Option<(usize, usize)> {
    let quote = |i: usize| matches!(toks[i].text, "\"" | "“" | "”");
    if toks.is_empty() || !quote(0) {
        return None;
    }
    let close = (1..toks.len()).find(|&i| quote(i))?;
    let after = if toks.get(close + 1).is_some_and(|t| t.lower == ",") {
        close + 2
    } else {
        close + 1
    };
    Some((close, after))
}

/// "“I call on the EU to act,” Morawiecki said": a first-person pronoun opening a clause of a quote
/// that opens the sentence stands for the speaker named (or, as "she", referred to) after it.
fn add_quoted_speaker(s: &mut Analysed, previous: Option<&str>, k: &Knowledge) {
    let toks = &s.tokens;
    let Some((close, j)) = opening_quote(toks) else {
        return;
    };
    // the speaker: a person, or "he"/"she" for the person the sentence before names
    let speaker = match s
        .mentions
        .iter()
        .find(|m| m.ua == j && m.etype == EntityType::Person && !m.inner)
    {
        Some(m) => toks
            .get(m.ub)
            .filter(|t| t.is(k.cue.speech))
            .map(|_| m.key.clone()),
        None => toks
            .get(j)
            .filter(|t| t.is(k.cue.subject_pronoun))
            .and_then(|_| toks.get(j + 1))
            .filter(|t| t.is(k.cue.speech))
            .and(previous.map(str::to_string)),
    };
    let Some(key) = speaker else { return };
    let mut new = Vec::new();
    for i in 1..close {
        let opens = i == 1 || toks[i - 1].is(k.cue.clause_opener);
        if opens
            && k.is_cue("first_person", &toks[i].lower)
            && !s.mentions.iter().any(|m| m.a <= i && i < m.b)
        {
            new.push(reference_at(toks, i, key.clone(), EntityType::Person));
        }
    }
    add_sorted(&mut s.mentions, new);
}

/// "The agency, which will host the talks": the relative pronoun after a comma stands for the
/// name before the comma, so a verb after it has a subject.
fn add_relative_antecedents(s: &mut Analysed, k: &Knowledge) {
    let mut new = Vec::new();
    for i in 2..s.tokens.len() {
        if !s.tokens[i].is(k.cue.relative_pronoun) || s.tokens[i - 1].lower != "," {
            continue;
        }
        // ("OPEC and its allies, which": a body and its own partners stand for the body)
        let partners = i >= 5
            && s.tokens[i - 4].lower == "and"
            && k.is_cue("possessive_pronoun", &s.tokens[i - 3].lower)
            && k.is_cue("member_noun", &s.tokens[i - 2].lower);
        let end = if partners { i - 4 } else { i - 1 };
        let before = s
            .mentions
            .iter()
            .find(|m| m.b == end && !m.inner && !m.adjective && m.rule != PRONOUN_RULE);
        if let Some(m) = before {
            new.push(reference_at(&s.tokens, i, m.key.clone(), m.etype));
        }
    }
    add_sorted(&mut s.mentions, new);
}
