//! Roles: the roles the sentences state (by titles, possessives, "under") in, `leader_of`,
//! `member_of` and `adviser_to` edges out, their ends resolved across the article.

use std::collections::BTreeSet;

use super::coref::References;
use super::facts::{evidence, ArticleFacts, End, LocalEdge, LocalEntity};
use super::mentions::{country_key, Analysed, Mention, Role, RoleTarget};
use super::titles::TitleHit;
use crate::knowledge::{EntityType, Knowledge, TitleTarget};
use crate::text::Article;
use crate::text::Token;

/// The edges of the roles stated by titles: each role `(sentence, role)` whose person and target
/// resolve to two entities.
pub(super) fn role_edges(
    article: &Article,
    sents: &[Analysed],
    roles: &[(usize, Role)],
    refs: &References,
    facts: &mut ArticleFacts,
) {
    for (si, r) in roles {
        let s = &sents[*si];
        let Some(person) = refs.resolve(&r.person) else {
            continue;
        };
        let target = match &r.target {
            RoleTarget::Key(key, _) => refs.resolve(key),
            RoleTarget::LeaderOf(c) => refs.resolve(&format!("ref:leader:{c}:leader")),
        };
        let Some(target) = target else { continue };
        if target == person {
            continue;
        }
        let et = match &r.target {
            RoleTarget::Key(_, t) => *t,
            RoleTarget::LeaderOf(_) => EntityType::Person,
        };
        facts
            .entities
            .entry(target.clone())
            .or_insert_with(|| LocalEntity {
                key: target.clone(),
                etype: et,
                surfaces: BTreeSet::new(),
                spans: vec![],
            });
        facts.edges.push(LocalEdge {
            s: End::Entity(person),
            relation: r.relation.clone(),
            o: End::Entity(target),
            confidence: 0.8,
            date: None,
            evidence: evidence(article, s, &r.rule),
        });
    }
}

/// "CNN's Julia Chatterley": a body's name in the possessive right before a person's makes the
/// person its member (a place's does not: "South Dakota's John Thune").
pub(super) fn possessive_affiliations(tokens: &[Token], ms: &[Mention]) -> Vec<Role> {
    let mut roles = Vec::new();
    for m in ms
        .iter()
        .filter(|m| m.etype == EntityType::Organization && !m.adjective && !m.inner)
    {
        // "CNN's X", and "Fox Business' X" after a name that ends in s
        let ends_in_s = tokens[m.b - 1].lower.ends_with('s');
        if !tokens.get(m.b).is_some_and(|t| {
            matches!(t.lower.as_str(), "'s" | "’s")
                || ends_in_s && matches!(t.lower.as_str(), "'" | "’")
        }) {
            continue;
        }
        if let Some(p) = ms
            .iter()
            .find(|p| p.a == m.b + 1 && p.etype == EntityType::Person && !p.inner)
        {
            roles.push(Role {
                person: p.key.clone(),
                relation: "member_of".into(),
                target: RoleTarget::Key(m.key.clone(), EntityType::Organization),
                rule: "possessive.member_of".into(),
                title: String::new(),
            });
        }
    }
    roles
}

/// "Dan Ives of Wedbush Securities", "Jane Roe at Halden Capital": a person right before a
/// preposition of affiliation and a body works for it.
pub(super) fn person_of_body(tokens: &[Token], ms: &[Mention], k: &Knowledge) -> Vec<Role> {
    let mut roles = Vec::new();
    for p in ms
        .iter()
        .filter(|m| m.etype == EntityType::Person && !m.inner && !m.adjective)
    {
        if !tokens
            .get(p.ub)
            .is_some_and(|t| k.is_cue("affiliation_preposition", &t.lower))
        {
            continue;
        }
        let at = if tokens.get(p.ub + 1).is_some_and(|t| t.lower == "the") {
            p.ub + 2
        } else {
            p.ub + 1
        };
        if let Some(o) = ms
            .iter()
            .find(|o| o.a == at && o.etype == EntityType::Organization && !o.inner && !o.adjective)
        {
            roles.push(Role {
                person: p.key.clone(),
                relation: "member_of".into(),
                target: RoleTarget::Key(o.key.clone(), EntityType::Organization),
                rule: "preposition.member_of".into(),
                title: String::new(),
            });
        }
    }
    roles
}

/// "The United States, under President Harry Truman, responded": a country's title holder named
/// after "under" right behind the country holds the title of that country.
pub(super) fn ruled_under(
    tokens: &[Token],
    ms: &[Mention],
    titles: &[TitleHit],
    k: &Knowledge,
) -> Vec<Role> {
    let mut roles = Vec::new();
    for c in ms.iter().filter(|m| !m.adjective && !m.inner) {
        let mut j = c.b;
        if tokens.get(j).is_some_and(|t| t.lower == ",") {
            j += 1;
        }
        if tokens.get(j).is_none_or(|t| !t.is(k.cue.ruled_by)) {
            continue;
        }
        let Some(country) = country_key(c, k).filter(|id| c.key == format!("gaz:{id}")) else {
            continue;
        };
        // (the word may be read as the start of a title: "Under Secretary")
        let Some(t) = titles.iter().find(|t| t.a == j || t.a == j + 1) else {
            continue;
        };
        let title = &k.titles[t.title];
        let leads = matches!(title.target, TitleTarget::Country);
        let person = ms
            .iter()
            .find(|p| p.etype == EntityType::Person && p.a == t.b);
        if let (true, Some(relation), Some(p)) = (leads, &title.relation, person) {
            roles.push(Role {
                person: p.key.clone(),
                relation: relation.clone(),
                target: RoleTarget::Key(format!("gaz:{country}"), EntityType::Place),
                rule: "title.under".into(),
                title: title.words.join(" "),
            });
        }
    }
    roles
}
