//! Cross-article resolution. In: a [`GraphBuilder`]'s aggregates; out: one [`KnowledgeGraph`],
//! built by separate passes in order: entity keys to node ids, meetings as told to meeting nodes,
//! the nodes themselves, then the edges between them.

mod edges;
mod entities;
mod meetings;

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use self::edges::EdgeMap;
use self::meetings::Meetings;
use super::fold::{
    EndKey, EntityAgg, GraphBuilder, MeetingAgg, Signature, Sources, Support, MAX_MERGE_NOTES,
};
use super::model::{ArticleInfo, Edge, KnowledgeGraph, MeetingInfo, MergeNote, Node, NodeType};
use super::shard::by_id;
use crate::date::Date;
use crate::extract::LocalMeeting;
use crate::knowledge::{Geo, Knowledge};
use crate::text::Span;

impl GraphBuilder {
    /// Resolves everything added into one graph. The result depends only on the set of articles
    /// added, not on the order.
    pub fn finish(self, k: &Knowledge) -> KnowledgeGraph {
        let GraphBuilder {
            articles: infos,
            entities,
            meetings: told,
            edges: local_edges,
        } = self;
        // the four maps are sorted at once, each in parallel: on a large corpus this is a good
        // part of resolving, and nothing else can run yet
        let ((infos, entities), (told, local_edges)) = rayon::join(
            || rayon::join(|| by_id(infos), || sorted(entities)),
            || rayon::join(|| sorted(told), || sorted(local_edges)),
        );
        let kg = resolve_sorted(infos, &entities, &told, local_edges, k);
        // what the articles said is no longer needed, and freeing it takes a while
        drop_in_background((entities, told));
        kg
    }
}

/// Drops `x` on a thread of its own: freeing a large graph takes a while and nothing waits for
/// it. Dropped here if no thread can be started.
pub(crate) fn drop_in_background<T: Send + 'static>(x: T) {
    let _ = std::thread::Builder::new()
        .name("newsgraph-free".into())
        .spawn(move || drop(x));
}

/// A hash map as a sorted map. The entries are sorted in parallel first, so that collecting
/// them only checks the order. Keys are unique, so an unstable sort is deterministic.
fn sorted<K: Ord + Send, V: Send>(m: FxHashMap<K, V>) -> BTreeMap<K, V> {
    use rayon::slice::ParallelSliceMut;
    let mut v: Vec<(K, V)> = m.into_iter().collect();
    v.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    v.into_iter().collect()
}

/// A node before it is in the graph: what the keys or the tellings resolved into it bring.
struct Proto {
    node_type: NodeType,
    label: String,
    aliases: BTreeSet<String>,
    wikidata: Option<String>,
    geo: Option<Geo>,
    articles: Sources,
    merges: Vec<MergeNote>,
    mentions: BTreeSet<(String, Span)>,
}

impl Proto {
    /// A node of this type and label, with nothing resolved into it yet.
    fn new(node_type: NodeType, label: String) -> Proto {
        Proto {
            node_type,
            label,
            aliases: BTreeSet::new(),
            wikidata: None,
            geo: None,
            articles: Sources::default(),
            merges: vec![],
            mentions: BTreeSet::new(),
        }
    }
}

/// [`GraphBuilder::finish`] once its maps are sorted: the passes, in order.
fn resolve_sorted(
    infos: Vec<ArticleInfo>,
    entities: &BTreeMap<String, EntityAgg>,
    told: &BTreeMap<Signature, MeetingAgg>,
    local_edges: BTreeMap<(EndKey, String, EndKey), Support>,
    k: &Knowledge,
) -> KnowledgeGraph {
    let published: BTreeMap<&str, Option<Date>> =
        infos.iter().map(|a| (a.id.as_str(), a.published)).collect();
    let (global, reason) = entities::node_ids(entities, k);
    let mut protos = entities::protos(entities, &global, &reason, k);
    let mut meetings = meetings::resolve(told, &global, &mut protos);
    let mut kg = KnowledgeGraph {
        dropped: std::mem::take(&mut meetings.dropped),
        ..Default::default()
    };
    add_nodes(&mut kg, protos, &meetings);
    let (edges, turned) = edges::resolve(local_edges, &global, &meetings, &published, k);
    add_edges(&mut kg, edges, &turned);
    drop(published);
    kg.articles = infos;
    kg
}

/// Adds a node for every meeting, and for every entity an article names or a meeting has as a
/// side; the others are noted as dropped.
fn add_nodes(kg: &mut KnowledgeGraph, protos: BTreeMap<String, Proto>, m: &Meetings<'_>) {
    let participants: BTreeSet<&String> =
        m.groups.iter().flat_map(|(g, _)| &g.participants).collect();
    for (id, p) in protos {
        // an entity no article names (only implied, as the ministry of "Foreign Minister X") is
        // not a node: the text does not state it
        // (a country that takes part in a meeting is named by its adjective: "US-Russian talks")
        if p.node_type != NodeType::Meeting && p.mentions.is_empty() && !participants.contains(&id)
        {
            kg.dropped.push(MergeNote {
                article: p.articles.best.keys().next().cloned().unwrap_or_default(),
                forms: vec![p.label.clone()],
                reason:
                    "entity only implied by a title or adjective, never named: not in the graph"
                        .into(),
            });
            continue;
        }
        let meeting = m
            .group_of_id
            .get(&id)
            .map(|&gi| meeting_info(&m.groups[gi].0, m.latest[gi]));
        let node = node(id.clone(), p, meeting);
        let ix = kg.graph.add_node(node);
        kg.index.insert(id, ix);
    }
}

/// The details of a meeting node, from its group and the latest day an article about it was
/// published.
fn meeting_info(g: &LocalMeeting, latest: Option<Date>) -> MeetingInfo {
    // held once the latest article that reports it is dated on or after its day
    let status = match (g.date, latest) {
        (Some(d), Some(l)) if d <= l => "held".to_string(),
        (Some(d), Some(l)) if d > l => "scheduled".to_string(),
        _ => g.status.clone(),
    };
    MeetingInfo {
        kind: g.kind.clone(),
        date: g.date,
        end: g.end,
        date_inferred: g.date_inferred,
        when: g.when.clone(),
        status,
    }
}

/// The node a proto becomes.
fn node(id: String, p: Proto, meeting: Option<MeetingInfo>) -> Node {
    let mut merges = p.merges;
    merges.sort();
    merges.dedup();
    merges.truncate(MAX_MERGE_NOTES);
    Node {
        id,
        node_type: p.node_type,
        label: p.label,
        aliases: p.aliases,
        wikidata: p.wikidata,
        geo: p.geo,
        article_count: p.articles.count(),
        articles: p.articles.best.into_keys().collect(),
        meeting,
        merges,
        mentions: p.mentions.into_iter().collect(),
    }
}

/// Adds the edges whose two ends are nodes, in (source, relation, target) order.
fn add_edges(kg: &mut KnowledgeGraph, edges: EdgeMap, turned: &BTreeSet<(String, String, String)>) {
    for ((s, rel, o), support) in edges {
        let (Some(&si), Some(&oi)) = (kg.index.get(&s), kg.index.get(&o)) else {
            continue;
        };
        // a symmetric edge most articles state from its later end is kept that way round
        let turn = turned.contains(&(s, rel.clone(), o));
        let (si, oi) = if turn { (oi, si) } else { (si, oi) };
        kg.graph.add_edge(
            si,
            oi,
            Edge {
                relation: rel,
                confidence: support.sources.confidence(),
                article_count: support.sources.count(),
                sources: support.sources.best.into_keys().collect(),
                evidence: support.evidence.into_iter().collect(),
                date: support.date,
            },
        );
    }
}
