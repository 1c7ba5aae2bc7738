//! Titles: a sentence's titles and mentions in, the persons the titles refer to out ("the
//! Russian President", "the PM"), and who bears which office, for later references.

use std::collections::{BTreeMap, BTreeSet};

use super::mentions::{self, Mention, TitleHit};
use crate::knowledge::{EntityType, Knowledge};
use crate::text::Token;

/// The rule of a bare title that refers to the one holder the article names ("the PM").
pub(super) const TITLE_COREF_RULE: &str = "coref.title";

/// "the Russian President", "the American leader": a country and a leading title with no name
/// after; "the prime minister" with no country refers to the one holder of that title the article
/// names (resolved at the end of the article).
pub(super) fn add_title_references(
    tokens: &[Token],
    ms: &mut Vec<Mention>,
    titles: &[TitleHit],
    k: &Knowledge,
) {
    for t in titles {
        let title = &k.titles[t.title];
        // leading titles, and "counterpart" ("his Russian counterpart"), which news uses between leaders
        let leading = title.relation.as_deref() == Some("leader_of") || title.relation.is_none();
        if !leading || title.target != crate::knowledge::TitleTarget::Country {
            continue;
        }
        // already part of a named person's unit
        if ms
            .iter()
            .any(|m| m.etype == EntityType::Person && m.ua <= t.a && t.b <= m.ub)
        {
            continue;
        }
        let country_before = ms
            .iter()
            .position(|m| m.b == t.a && !m.inner && (m.adjective || m.etype == EntityType::Place));
        let country_after = (t.b + 1 < tokens.len() && tokens[t.b].lower == "of")
            .then(|| {
                let j = if tokens.get(t.b + 1).is_some_and(|x| x.lower == "the") {
                    t.b + 2
                } else {
                    t.b + 1
                };
                ms.iter()
                    .position(|m| m.a == j && !m.inner && m.etype == EntityType::Place)
            })
            .flatten();
        let Some(p) = country_before.or(country_after) else {
            // "the prime minister", "asked the PM to": the one holder of that title the article names
            let the = t.a > 0 && tokens[t.a - 1].lower == "the";
            let named_after = tokens
                .get(t.b)
                .is_some_and(|x| x.is_capitalised() || x.lower == "of");
            let lowered_words = tokens[t.a..t.b].iter().all(|x| !x.is_capitalised())
                || tokens[t.a..t.b].iter().all(|x| is_abbreviation(x.text));
            if the && !named_after && lowered_words && title.relation.is_some() {
                ms.push(Mention {
                    a: t.a,
                    b: t.b,
                    ua: t.a,
                    ub: t.b,
                    key: format!("ref:leader:*:{}", office_class(title)),
                    etype: EntityType::Person,
                    surface: mentions::surface(tokens, t.a, t.b),
                    adjective: false,
                    inner: false,
                    rule: TITLE_COREF_RULE,
                });
            }
            continue;
        };
        let Some(c) = mentions::country_key(&ms[p], k) else {
            continue;
        };
        ms[p].inner = true;
        let (a, b) = if country_before.is_some() {
            (ms[p].a, t.b)
        } else {
            (t.a, ms[p].b)
        };
        ms.push(Mention {
            a,
            b,
            ua: a,
            ub: b,
            key: format!("ref:leader:{c}:{}", title.words.join(" ")),
            etype: EntityType::Person,
            surface: mentions::surface(tokens, a, b),
            adjective: false,
            inner: false,
            rule: "title.reference",
        });
    }
    ms.sort_by_key(|m| (m.a, m.b));
}

/// What a title names as an office, so that "PM" and "Prime Minister" are one: its roles in the
/// gazetteer ("role:prime_minister"), else its words ("title:chancellor").
pub(super) fn office_class(t: &crate::knowledge::Title) -> String {
    if t.gazetteer_roles.is_empty() {
        format!("title:{}", t.words.join(" "))
    } else {
        format!("role:{}", t.gazetteer_roles.join("|"))
    }
}

/// Whether a word is written in capitals only, as an abbreviated title is ("PM").
fn is_abbreviation(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())
}

/// Who bears which title: a person whose unit holds the title ("Prime Minister X"), by office class.
pub(super) fn note_office_holders(
    titles: &[TitleHit],
    ms: &[Mention],
    titled: &mut BTreeMap<String, BTreeSet<String>>,
    k: &Knowledge,
) {
    for t in titles {
        if let Some(m) = ms.iter().find(|m| {
            m.etype == EntityType::Person
                && !m.key.starts_with("ref:")
                && m.ua <= t.a
                && t.b <= m.ub
        }) {
            titled
                .entry(office_class(&k.titles[t.title]))
                .or_default()
                .insert(m.key.clone());
        }
    }
}
