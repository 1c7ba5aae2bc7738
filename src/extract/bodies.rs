//! Bodies told by common words: a sentence's tokens and mentions in, its mentions out, with the
//! bodies that templates ("the Foreign Ministry"), governments ("the Biden administration"), "-led"
//! compounds, anaphors ("the party") and proposals ("the plan") name.

use std::collections::BTreeMap;

use super::mentions::{
    self, actors, add_sorted, is_media, reference_at, Analysed, Mention, RoleTarget,
};
use crate::knowledge::{norm_key, EntityType, Knowledge};
use crate::text::Token;

/// Turns organisation names made of a template phrase ("Foreign Ministry") into the body of the
/// country named beside them; drops them when no country is named (a generic use).
pub(super) fn fix_templates(tokens: &[Token], ms: &mut Vec<Mention>, k: &Knowledge) {
    let mut drop = vec![];
    for i in 0..ms.len() {
        if ms[i].etype != EntityType::Organization || !ms[i].key.starts_with("org:") {
            continue;
        }
        let words: Vec<String> = tokens[ms[i].a..ms[i].b]
            .iter()
            .map(|t| t.lower.to_string())
            .collect();
        let Some((phrase, tpl)) = k
            .org_templates
            .iter()
            .find(|(p, _)| words.len() >= p.len() && words[words.len() - p.len()..] == p[..])
        else {
            continue;
        };
        let modifier_len = words.len() - phrase.len();
        // a country before ("Russian Foreign Ministry"), inside, or after ("of Russia", "in Moscow")
        let before = ms
            .iter()
            .position(|m| m.adjective || m.etype == EntityType::Place)
            .filter(|&p| {
                ms[p].b == ms[i].a + modifier_len && ms[p].a >= ms[i].a.saturating_sub(1)
                    || ms[p].b == ms[i].a
            });
        let after = ms.iter().position(|m| {
            m.etype == EntityType::Place
                && m.a == ms[i].b + 1
                && matches!(tokens[ms[i].b].lower.as_str(), "of" | "in")
                || m.etype == EntityType::Place
                    && m.a == ms[i].b + 2
                    && tokens[ms[i].b].lower == "of"
                    && tokens[ms[i].b + 1].lower == "the"
        });
        let country = before
            .or(after)
            .and_then(|p| mentions::country_key(&ms[p], k));
        // the modifier is one word, or the whole of the country's name ("Sri Lankan Government")
        let whole_modifier =
            before.is_some_and(|p| ms[p].a == ms[i].a && ms[p].b == ms[i].a + modifier_len);
        match country {
            Some(c) if modifier_len <= 1 || whole_modifier => {
                let key = match mentions::template_key(tpl, &c, k) {
                    RoleTarget::Key(key, _) => key,
                    RoleTarget::LeaderOf(_) => continue,
                };
                let p = before.or(after).unwrap_or(i);
                ms[i].key = key;
                ms[i].rule = "name.org_template";
                if let Some(b) = before {
                    ms[i].a = ms[i].a.min(ms[b].a);
                    ms[i].ua = ms[i].a;
                    ms[b].inner = true;
                } else {
                    ms[i].ub = ms[p].b;
                    ms[p].inner = true;
                }
                ms[i].surface = mentions::surface(tokens, ms[i].a, ms[i].b);
            }
            _ if modifier_len == 0 => drop.push(i),
            _ => {}
        }
    }
    for i in drop.into_iter().rev() {
        ms.remove(i);
    }
}

/// "the Biden administration", "the Ukrainian government": a leader's or a country's government,
/// named by a lowercase template phrase after the name.
pub(super) fn add_governments(tokens: &[Token], ms: &mut Vec<Mention>, k: &Knowledge) {
    let mut new = Vec::new();
    for (i, m) in ms.iter().enumerate() {
        let Some(next) = tokens.get(m.b) else {
            continue;
        };
        let Some((_, tpl)) = k
            .org_templates
            .iter()
            .find(|(p, _)| p.len() == 1 && p[0] == next.text)
        else {
            continue;
        };
        if m.inner || next.is_capitalised() {
            continue;
        }
        let surface = mentions::surface(tokens, m.a, m.b + 1);
        let owner = k.template_owner.get(tpl).map_or("country", String::as_str);
        let key = match (m.etype, owner) {
            (EntityType::Person, "person") if m.b - m.a == 1 || m.key.starts_with("gaz:") => {
                format!(
                    "org:{}",
                    norm_key(&format!("{} {}", tokens[m.b - 1].text, next.text))
                )
            }
            (EntityType::Place, "country") => {
                match mentions::country_key(m, k).map(|c| mentions::template_key(tpl, &c, k)) {
                    Some(RoleTarget::Key(key, _)) => key,
                    _ => continue,
                }
            }
            _ => continue,
        };
        new.push((
            i,
            Mention {
                a: m.a,
                b: m.b + 1,
                ua: m.a,
                ub: m.b + 1,
                key,
                etype: EntityType::Organization,
                surface,
                adjective: false,
                inner: false,
                rule: "name.government",
            },
        ));
    }
    for (i, m) in new.into_iter().rev() {
        ms[i].inner = true;
        ms.push(m);
    }
    ms.sort_by_key(|m| (m.a, m.b));
}

/// "The US has been exploring a ban. But Germany rejected the plan": after a one-word relation
/// verb, "the plan" or "the idea of ..." (not "the idea that ...", a thought, not a proposal)
/// stands for whose plan it is, the first actor of the sentence before that this sentence does
/// not name and that is no news medium.
pub(super) fn add_proposal_owners(
    tokens: &[Token],
    ms: &mut Vec<Mention>,
    before: Option<&Analysed>,
    k: &Knowledge,
) {
    let Some(before) = before else { return };
    let at = |j: usize| tokens.get(j).map_or("", |t| t.lower.as_str());
    let verb = |j: usize| {
        k.triggers_from(at(j))
            .iter()
            .any(|&x| k.triggers[x].words.len() == 1)
    };
    let mut new = Vec::new();
    for i in 1..tokens.len().saturating_sub(1) {
        if !(tokens[i + 1].is(k.cue.proposal_noun) && at(i) == "the" && verb(i - 1))
            || at(i + 2) == "that"
            || ms.iter().any(|m| m.a <= i + 1 && i + 1 < m.b)
        {
            continue;
        }
        let owner = actors(before)
            .into_iter()
            .map(|m| &before.mentions[m])
            .find(|m| {
                let actor = m.etype != EntityType::Place || mentions::country_key(m, k).is_some();
                actor && !is_media(&m.key, k) && !ms.iter().any(|x| x.key == m.key)
            });
        if let Some(o) = owner {
            new.push(reference_at(tokens, i + 1, o.key.clone(), o.etype));
        }
    }
    add_sorted(ms, new);
}

/// "The party's leader", "the bloc's imports": "the" and a noun of a kind of body stand for the
/// body of that kind the article named last (cue class `anaphor_KIND`, KIND a gazetteer kind).
pub(super) fn add_body_anaphors(
    tokens: &[Token],
    ms: &mut Vec<Mention>,
    last_body: &BTreeMap<String, String>,
    k: &Knowledge,
) {
    if last_body.is_empty() {
        return;
    }
    let mut new = Vec::new();
    for i in 1..tokens.len() {
        if tokens[i - 1].lower != "the" {
            continue;
        }
        // ("the party leadership", "the party of X": a modifier or a named body, not the body)
        let next = tokens.get(i + 1).map_or("", |t| t.lower.as_str());
        // a possessive, a stop, or a verb: "the party's leader", "the party said"
        let verb = tokens
            .get(i + 1)
            .is_some_and(|t| t.is(k.cue.copula) || t.is(k.cue.speech));
        if !matches!(next, "'s" | "’s" | "," | ".") && !verb
            || ms.iter().any(|m| m.a <= i && i < m.b)
        {
            continue;
        }
        let Some(kind) = last_body
            .keys()
            .find(|kind| k.is_cue(&format!("anaphor_{kind}"), &tokens[i].lower))
        else {
            continue;
        };
        // the body of that kind named earlier in the sentence, else in the sentences before:
        // "Labour are urging ..., with the party's deputy leader X"
        let here = ms.iter().rev().find(|m| {
            m.b <= i
                && m.key
                    .strip_prefix("gaz:")
                    .and_then(|id| k.entry(id))
                    .is_some_and(|e| &e.kind == kind)
        });
        let key = here.map_or_else(|| last_body[kind].clone(), |m| m.key.clone());
        new.push(reference_at(tokens, i, key, EntityType::Organization));
    }
    add_sorted(ms, new);
}

/// The rule of a body named by the country that leads it ("the Saudi-led coalition").
pub(super) const LED_BODY_RULE: &str = "name.led_body";

/// "the Saudi-led coalition", "US-led forces": a country joined to "-led" (one token) and a body
/// noun name a body; the country is kept as an inner adjective, for its membership.
pub(super) fn add_led_bodies(tokens: &[Token], ms: &mut Vec<Mention>, k: &Knowledge) {
    let mut new = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let Some(prefix) = t.text.strip_suffix("-led") else {
            continue;
        };
        let body_noun = tokens
            .get(i + 1)
            .is_some_and(|n| k.is_cue("led_body", &n.lower));
        if !body_noun || ms.iter().any(|m| m.a <= i && i < m.b) {
            continue;
        }
        let (_, id) = k.word(&prefix.to_lowercase());
        let country = k
            .name_forms_at([id])
            .filter(|(len, _)| *len == 1)
            .flat_map(|(_, forms)| forms)
            .find(|f| f.words.len() == 1 && f.words[0].eq_ignore_ascii_case(prefix))
            .and_then(|f| k.country_of(&k.entries[f.entry].id));
        let Some(country) = country.filter(|_| id != 0) else {
            continue;
        };
        let surface = mentions::surface(tokens, i, i + 2);
        let mention = |key: String, etype, surface: String, adjective, inner, rule| Mention {
            a: i,
            b: i + 2,
            ua: i,
            ub: i + 2,
            key,
            etype,
            surface,
            adjective,
            inner,
            rule,
        };
        new.push(mention(
            format!("org:{}", norm_key(&surface)),
            EntityType::Organization,
            surface,
            false,
            false,
            LED_BODY_RULE,
        ));
        let mut adj = mention(
            format!("gaz:{country}"),
            EntityType::Place,
            prefix.to_string(),
            true,
            true,
            "gazetteer",
        );
        adj.b = i + 1;
        adj.ub = i + 1;
        new.push(adj);
    }
    ms.extend(new);
    ms.sort_by_key(|m| (m.a, m.b));
}

/// Notes the gazetteer bodies a sentence names as the last of their kind, for "the party".
pub(super) fn note_last_bodies(
    ms: &[Mention],
    last_body: &mut BTreeMap<String, String>,
    k: &Knowledge,
) {
    for m in ms.iter().filter(|m| m.etype == EntityType::Organization) {
        if let Some(e) = m.key.strip_prefix("gaz:").and_then(|id| k.entry(id)) {
            // (copied only when the kind's last body changes: most repeat it)
            if last_body.get(&e.kind) != Some(&m.key) {
                last_body.insert(e.kind.clone(), m.key.clone());
            }
        }
    }
}

/// "the bank's Board of Directors", "the Board of Governors of the Federal Reserve": an organ
/// named by generic words alone (cue class `organ_word`, and "of") right after a body's possessive,
/// or before "of" and the body, is that body, for a name like "Board of Governors" names no body of
/// its own and would join the boards of unrelated bodies. It takes the body's key and name.
pub(super) fn fold_possessive_organs(tokens: &[Token], ms: &mut [Mention], k: &Knowledge) {
    for i in 0..ms.len() {
        let o = &ms[i];
        let body = o.etype == EntityType::Organization && !o.adjective && !o.inner;
        if !body
            || !tokens
                .get(o.b)
                .is_some_and(|t| matches!(t.lower.as_str(), "'s" | "’s"))
        {
            continue;
        }
        let Some(j) = ms.iter().position(|p| {
            p.a == o.b + 1
                && p.etype == EntityType::Organization
                && !p.inner
                && tokens[p.a..p.b]
                    .iter()
                    .all(|t| t.is(k.cue.organ_word) || t.lower == "of")
                && tokens[p.a].is(k.cue.organ_word)
        }) else {
            continue;
        };
        // (with the body's name too: the organ's words must not become the body's label)
        ms[j].key = ms[i].key.clone();
        ms[j].surface = ms[i].surface.clone();
        ms[j].rule = "possessive.organ";
    }
    // "the Board of Governors of the Federal Reserve": the organ, then "of" and the body
    for j in 0..ms.len() {
        let p = &ms[j];
        let organ = p.etype == EntityType::Organization
            && !p.inner
            && tokens[p.a].is(k.cue.organ_word)
            && tokens[p.a..p.b]
                .iter()
                .all(|t| t.is(k.cue.organ_word) || t.lower == "of");
        if !organ || tokens.get(p.b).is_none_or(|t| t.lower != "of") {
            continue;
        }
        let at = p.b + 1 + usize::from(tokens.get(p.b + 1).is_some_and(|t| t.lower == "the"));
        let Some(i) = ms.iter().position(|o| {
            o.a == at && o.etype == EntityType::Organization && !o.adjective && !o.inner
        }) else {
            continue;
        };
        ms[j].key = ms[i].key.clone();
        ms[j].surface = ms[i].surface.clone();
        ms[j].rule = "organ.of_body";
    }
}
