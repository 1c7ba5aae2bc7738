//! Roles: the roles the sentences state (by titles, possessives, "under") in, `leader_of`,
//! `member_of` and `adviser_to` edges out, their ends resolved across the article.

use std::collections::BTreeSet;

use super::coref::References;
use super::mentions::{Role, RoleTarget};
use super::{evidence, Analysed, ArticleFacts, End, LocalEdge, LocalEntity};
use crate::knowledge::EntityType;
use crate::text::Article;

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
            evidence: evidence(article, s, &r.rule),
        });
    }
}
