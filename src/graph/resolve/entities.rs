//! Entity resolution. In: the entity keys of all articles (`gaz:` and `tpl:` keys, and names as
//! `per:`, `org:`, `plc:`) with their aggregates; out: the node id each key resolves to, with why,
//! and one proto-node per id with its label, aliases, articles and merge notes.

use std::collections::{BTreeMap, BTreeSet};

use super::Proto;
use crate::extract::type_of_key;
use crate::graph::fold::{cap, EntityAgg};
use crate::graph::ids::slug;
use crate::graph::model::{MergeNote, NodeType, MAX_MENTIONS};
use crate::knowledge::{norm_key, EntityType, Knowledge};

/// Entity key -> node id, or -> why the key resolved to it.
pub(super) type ByKey<'a> = BTreeMap<&'a str, String>;

/// The node id of every entity key, and why it is that node (for the merge log).
pub(super) fn node_ids<'a>(
    entities: &'a BTreeMap<String, EntityAgg>,
    k: &Knowledge,
) -> (ByKey<'a>, ByKey<'a>) {
    let mut global: ByKey<'a> = BTreeMap::new(); // local key -> node id
    let mut reason: ByKey<'a> = BTreeMap::new();
    let full = surnames(entities, k);
    for (key, e) in entities {
        let t = e.first.as_ref().map_or(EntityType::Place, |(_, t)| *t);
        let (id, why) = entity_id(key, t, k, &full);
        global.insert(key, id);
        reason.insert(key, why);
    }
    (global, reason)
}

/// The keys of the people named by two words or more, by their last word (lowercased).
fn surnames(
    entities: &BTreeMap<String, EntityAgg>,
    k: &Knowledge,
) -> BTreeMap<String, BTreeSet<String>> {
    // people named by one word only join the one full name across the corpus that ends with it
    let mut full: BTreeMap<String, BTreeSet<String>> = BTreeMap::new(); // last name -> keys
    for (key, e) in entities {
        if e.first
            .as_ref()
            .is_some_and(|(_, t)| *t == EntityType::Person)
        {
            let words = person_words(key, k);
            if words.len() >= 2 {
                full.entry(words[words.len() - 1].clone())
                    .or_default()
                    .insert(key.clone());
            }
        }
    }
    full
}

/// The node id of one entity key of type `t`, and why: a gazetteer entry's id, a template body's,
/// the one full name a lone surname or a misspelt name stands for, else the slug of the name.
fn entity_id(
    key: &str,
    t: EntityType,
    k: &Knowledge,
    full: &BTreeMap<String, BTreeSet<String>>,
) -> (String, String) {
    let prefix = match t {
        EntityType::Person => "person",
        EntityType::Organization => "organization",
        EntityType::Place => "place",
    };
    if let Some(id) = key.strip_prefix("gaz:") {
        let t = k.entry(id).map_or(t, |e| e.etype);
        let prefix = match t {
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Place => "place",
        };
        return (format!("{prefix}/{id}"), format!("gazetteer entry {id}"));
    }
    if let Some(rest) = key.strip_prefix("tpl:") {
        return (
            format!("{prefix}/{}", slug(&rest.replace(':', "_"))),
            "body of a country named by a common phrase".into(),
        );
    }
    let name = &key[4..];
    if t == EntityType::Person && !name.contains(' ') {
        if let Some(keys) = full.get(name) {
            if keys.len() == 1 {
                let target = keys.iter().next().cloned().unwrap_or_default();
                if let Some(g) = target.strip_prefix("gaz:") {
                    return (
                        format!("person/{g}"),
                        format!("surname of gazetteer entry {g}"),
                    );
                }
                return (
                    format!("person/{}", slug(&target[4..])),
                    format!("surname of {}", &target[4..]),
                );
            }
        }
    }
    if t == EntityType::Person {
        if let Some((id, why)) = misspelt_full_name(name, k, full) {
            return (id, why);
        }
    }
    (format!("{prefix}/{}", slug(name)), "same name".into())
}

/// "Christian Lindne" in one article for "Christian Lindner" of others: a full name whose surname
/// lacks one last letter of the one person with that given name and surname, by `full` (surname ->
/// full-name keys).
fn misspelt_full_name(
    name: &str,
    k: &Knowledge,
    full: &BTreeMap<String, BTreeSet<String>>,
) -> Option<(String, String)> {
    let (given, surname) = name.split_once(' ')?;
    if surname.contains(' ') || surname.chars().count() < 4 {
        return None;
    }
    let mut found = full
        .range(surname.to_string()..)
        .take_while(|(sn, _)| sn.starts_with(surname))
        .filter(|(sn, _)| sn.chars().count() == surname.chars().count() + 1)
        .flat_map(|(_, keys)| keys)
        .filter(|key| {
            let full_name = match key.strip_prefix("gaz:") {
                Some(g) => k.entry(g).map(|e| norm_key(&e.name)),
                None => key.get(4..).map(str::to_string),
            };
            full_name.is_some_and(|f| f.split(' ').next() == Some(given))
        });
    let (target, None) = (found.next()?, found.next()) else {
        return None;
    };
    Some(match target.strip_prefix("gaz:") {
        Some(g) => (
            format!("person/{g}"),
            format!("misspelt name of gazetteer entry {g}"),
        ),
        None => (
            format!("person/{}", slug(&target[4..])),
            format!("misspelt name of {}", &target[4..]),
        ),
    })
}

fn person_words(key: &str, k: &Knowledge) -> Vec<String> {
    match key.strip_prefix("gaz:").and_then(|id| k.entry(id)) {
        Some(e) => e.name.split_whitespace().map(norm_key).collect(),
        None => key
            .get(4..)
            .unwrap_or("")
            .split_whitespace()
            .map(String::from)
            .collect(),
    }
}

/// One proto-node per entity node id: the keys resolved into it brought together.
pub(super) fn protos(
    entities: &BTreeMap<String, EntityAgg>,
    global: &ByKey<'_>,
    reason: &ByKey<'_>,
    k: &Knowledge,
) -> BTreeMap<String, Proto> {
    // the keys of each node, the one named first (by article, then key) first
    let mut keys_of: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut order: Vec<(&str, &str)> = entities
        .iter()
        .map(|(key, e)| {
            let first = e.first.as_ref().map_or("", |(a, _)| a.as_str());
            (first, key.as_str())
        })
        .collect();
    order.sort();
    for (_, key) in order {
        keys_of.entry(global[key].as_str()).or_default().push(key);
    }
    let mut protos: BTreeMap<String, Proto> = BTreeMap::new();
    for (id, keys) in &keys_of {
        protos.insert(id.to_string(), proto(id, keys, entities, reason, k));
    }
    protos
}

/// The proto-node of the entity `id`, from its keys (the first named first).
fn proto(
    id: &str,
    keys: &[&str],
    entities: &BTreeMap<String, EntityAgg>,
    reason: &ByKey<'_>,
    k: &Knowledge,
) -> Proto {
    let mut p = Proto::new(
        NodeType::from_entity(type_of_key(keys[0], k)),
        String::new(),
    );
    for key in keys {
        let e = &entities[*key];
        p.mentions.extend(e.mentions.iter().cloned());
        p.aliases.extend(e.surfaces.iter().cloned());
        // an entity only implied (a title's country, say) is still referred to by the article
        p.articles.absorb(&e.articles);
        for (article, forms) in &e.forms {
            p.merges.push(MergeNote {
                article: article.clone(),
                forms: forms.clone(),
                reason: reason[key].clone(),
            });
        }
    }
    cap(&mut p.mentions, MAX_MENTIONS);
    name(&mut p, id, keys, k);
    let label = p.label.clone();
    p.aliases.remove(&label);
    p
}

/// Sets the label of an entity's proto-node (and, for a gazetteer entry, its wikidata id and
/// type): the gazetteer's name, a template body's name, else the best of the names used.
fn name(p: &mut Proto, id: &str, keys: &[&str], k: &Knowledge) {
    let mut sorted = keys.to_vec();
    sorted.sort();
    let gaz = sorted.iter().find_map(|key| key.strip_prefix("gaz:"));
    if let Some(e) = gaz.and_then(|g| k.entry(g)) {
        p.label = e.name.clone();
        p.wikidata = e.wikidata.clone();
        p.geo = e.geo;
        p.node_type = NodeType::from_entity(e.etype);
    } else if let Some(t) = sorted.iter().find(|key| key.starts_with("tpl:")) {
        p.label = template_label(t, k);
    } else {
        // the longest name used, then the spelling the node is named by (not a misspelt
        // variant joined to it), then the longer spelling
        let tail = id.rsplit('/').next().unwrap_or(id);
        let rank = |a: &String| {
            (
                a.split_whitespace().count(),
                slug(a) == tail,
                a.chars().count(),
            )
        };
        p.label = p
            .aliases
            .iter()
            .max_by(|a, b| rank(a).cmp(&rank(b)).then(b.cmp(a)))
            .cloned()
            .unwrap_or_else(|| id.rsplit('/').next().unwrap_or(id).replace('_', " "));
    }
}

fn template_label(key: &str, k: &Knowledge) -> String {
    let mut parts = key.splitn(3, ':').skip(1);
    let (country, tpl) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let adj = k
        .entry(country)
        .and_then(|e| e.adjectives.first().cloned())
        .unwrap_or_else(|| country.to_string());
    let phrase = k
        .org_templates
        .iter()
        .filter(|(_, t)| t == tpl)
        .min_by_key(|(p, _)| p.len())
        .map(|(p, _)| {
            p.iter()
                .map(|w| {
                    if k.is_cue("connector", w) {
                        w.clone()
                    } else {
                        capitalise(w)
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| tpl.replace('_', " "));
    format!("{adj} {phrase}")
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}
