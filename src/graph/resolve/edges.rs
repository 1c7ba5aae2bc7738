//! Edge resolution. In: the edges the articles state (between entity keys and meetings as told),
//! the resolved meetings, and the articles' dates; out: every edge between node ids with its
//! support, stated or implied by a meeting (participants, place, and who called or met whom).

use std::collections::{BTreeMap, BTreeSet};

use super::entities::ByKey;
use super::meetings::{Meetings, Told};
use crate::date::Date;
use crate::extract::{Evidence, LocalMeeting};
use crate::graph::fold::{EndKey, MeetingAgg, Support};
use crate::graph::model::SYMMETRIC;
use crate::knowledge::Knowledge;

/// The symmetric edges to keep from their later end in id order (see [`resolve`]).
pub(super) type Turned = BTreeSet<(String, String, String)>;

/// The countries each person serves or leads.
type Affiliation = BTreeMap<String, BTreeSet<String>>;

/// Every edge between node ids, with its support: the stated ones, and those the meetings imply.
/// A symmetric edge is one entry, between its ends in id order; the second map says, for those
/// the articles state with a verb, whether more articles state it the other way round ("Starmer
/// called Carney"), so that the graph keeps it as stated.
pub(super) fn resolve(
    local_edges: BTreeMap<(EndKey, String, EndKey), Support>,
    global: &ByKey<'_>,
    meetings: &Meetings<'_>,
    published: &BTreeMap<&str, Option<Date>>,
    k: &Knowledge,
) -> (EdgeMap, Turned) {
    let mut edges: EdgeMap = BTreeMap::new();
    let (affiliation, turned) = stated_edges(local_edges, global, meetings, k, &mut edges);
    meeting_edges(meetings, published, &affiliation, &mut edges);
    left_out_edges(meetings, &affiliation, &mut edges);
    (edges, turned)
}

/// Adds the edges the articles state, their ends resolved to node ids; returns the countries each
/// person serves or leads, from title roles and the gazetteer, and the symmetric edges that more
/// articles state from the end later in id order (see [`resolve`]).
fn stated_edges(
    local_edges: BTreeMap<(EndKey, String, EndKey), Support>,
    global: &ByKey<'_>,
    meetings: &Meetings<'_>,
    k: &Knowledge,
    edges: &mut EdgeMap,
) -> (Affiliation, Turned) {
    // per symmetric edge: articles stating it in id order, less those stating it the other way
    let mut lean: BTreeMap<(String, String, String), i64> = BTreeMap::new();
    let end_id = |e: &EndKey| -> Option<(String, Option<Date>)> {
        match e {
            EndKey::Entity(k) => global.get(k.as_str()).map(|g| (g.clone(), None)),
            EndKey::Meeting(sig) => meetings
                .meeting_of
                .get(sig.as_ref())
                .and_then(|mi| meetings.group_of.get(mi))
                .map(|&g| (meetings.meeting_ids[g].clone(), meetings.groups[g].0.date)),
        }
    };
    // the countries each person serves or leads, from title roles and the gazetteer
    let mut affiliation: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for ((s, rel, o), mut support) in local_edges {
        if let (EndKey::Entity(p), EndKey::Entity(org)) = (&s, &o) {
            let country = match org.strip_prefix("gaz:") {
                Some(id) if rel == "leader_of" || rel == "member_of" => k.country_of(id),
                _ => None,
            };
            if let (Some(pid), Some(c)) = (global.get(p.as_str()), country) {
                affiliation.entry(pid.clone()).or_default().insert(c);
            }
        }
        if let (Some((s, _)), Some((o, date))) = (end_id(&s), end_id(&o)) {
            // an edge to a meeting has the meeting's day; another keeps the day its sentence gave
            support.date = date.or(support.date);
            if SYMMETRIC.contains(&rel.as_str()) && s != o {
                let n = support.sources.count() as i64;
                let (key, n) = if s < o {
                    ((s.clone(), rel.clone(), o.clone()), n)
                } else {
                    ((o.clone(), rel.clone(), s.clone()), -n)
                };
                *lean.entry(key).or_default() += n;
            }
            if let Some(e) = edge(edges, &s, &rel, &o) {
                e.absorb(support);
            }
        }
    }
    let turned = lean
        .into_iter()
        .filter(|(_, n)| *n < 0)
        .map(|(key, _)| key)
        .collect();
    (affiliation, turned)
}

/// Adds the edges each telling of a meeting implies: its participants took part in it, it was
/// held in its place, and its sides called or met each other.
fn meeting_edges(
    meetings: &Meetings<'_>,
    published: &BTreeMap<&str, Option<Date>>,
    affiliation: &BTreeMap<String, BTreeSet<String>>,
    edges: &mut EdgeMap,
) {
    for (gi, (g, members)) in meetings.groups.iter().enumerate() {
        let mid = &meetings.meeting_ids[gi];
        for &mi in members {
            let (agg, m) = (meetings.metas[mi].1, &meetings.metas[mi].2);
            let support = |c: f64, rule: &str, held_only: bool| {
                telling_support(g, agg, published, c, rule, held_only)
            };
            // one support per telling, shared by the edges it implies
            if !m.participants.is_empty() {
                let s = support(0.7, "meeting.participant", false);
                for p in &m.participants {
                    if let Some(e) = edge(edges, p, "participated_in", mid) {
                        e.absorb_ref(&s);
                    }
                }
            }
            if let Some(pl) = &m.place {
                if let Some(e) = edge(edges, mid, "held_in", pl) {
                    e.absorb(support(0.7, "meeting.place", false));
                }
            }
            if let Some((_, rule, held_only)) = pairwise_relation(&g.kind) {
                let s = support(0.6, rule, held_only);
                pairwise_edges(&g.kind, &m.principals, &s, affiliation, edges);
            }
        }
    }
}

/// The support of an edge a telling of meeting `g` implies, under `rule` with confidence `c`:
/// every article that tells it so (with `held_only`, those dated on or after its day), the
/// articles beyond the sample of leads counted without a sentence.
fn telling_support(
    g: &LocalMeeting,
    agg: &MeetingAgg,
    published: &BTreeMap<&str, Option<Date>>,
    c: f64,
    rule: &str,
    held_only: bool,
) -> Support {
    // with no day known, the telling's own tense says whether it took place
    let held_on = |a: &str| match g.date {
        Some(d) => published.get(a).copied().flatten().is_some_and(|p| d <= p),
        None => g.status == "held",
    };
    let mut s = Support {
        date: g.date,
        ..Default::default()
    };
    for (a, e) in agg.leads.iter().filter(|(a, _)| !held_only || held_on(a)) {
        // the lead's sentence under this rule (a clone would copy its rule first)
        let e = Evidence {
            article: e.article.clone(),
            span: e.span,
            text: e.text.clone(),
            rule: rule.to_string(),
        };
        s.add(a, c, [e]);
    }
    let all: u64 = agg
        .published
        .iter()
        .filter(|(p, _)| {
            !held_only
                || match g.date {
                    Some(d) => p.is_some_and(|p| d <= p),
                    None => g.status == "held",
                }
        })
        .map(|(_, n)| n)
        .sum();
    let rest = all.saturating_sub(s.sources.best.len() as u64);
    if rest > 0 {
        *s.sources.more.entry(c.to_bits()).or_default() += rest;
    }
    s
}

/// Adds the `called` or `met` edges of the meetings told without their day in dated articles:
/// such a meeting is left out, but its sides still met or called each other.
fn left_out_edges(
    meetings: &Meetings<'_>,
    affiliation: &BTreeMap<String, BTreeSet<String>>,
    edges: &mut EdgeMap,
) {
    let metas: &[Told<'_>] = &meetings.metas;
    for &i in &meetings.undated_left_out {
        let (agg, m) = (metas[i].1, &metas[i].2);
        let Some((_, rule, held_only)) = pairwise_relation(&m.kind) else {
            continue;
        };
        let mut s = Support::default();
        if !held_only || m.status == "held" {
            for (a, e) in &agg.leads {
                let e = Evidence {
                    article: e.article.clone(),
                    span: e.span,
                    text: e.text.clone(),
                    rule: rule.to_string(),
                };
                s.add(a, 0.6, [e]);
            }
        }
        pairwise_edges(&m.kind, &m.principals, &s, affiliation, edges);
    }
}

/// Edges by (source, relation, target), with their support.
pub(super) type EdgeMap = BTreeMap<(String, String, String), Support>;

/// The support of an edge between two nodes, none for a loop; a symmetric edge is stored once.
fn edge<'e>(edges: &'e mut EdgeMap, s: &str, rel: &str, o: &str) -> Option<&'e mut Support> {
    let (s, o) = if SYMMETRIC.contains(&rel) && s > o {
        (o, s)
    } else {
        (s, o)
    };
    (s != o).then(|| {
        edges
            .entry((s.to_string(), rel.to_string(), o.to_string()))
            .or_default()
    })
}

/// The relation the sides of a meeting of this kind have with each other, its rule, and whether
/// only a meeting that took place implies it: calls are `called`, talks `met`.
fn pairwise_relation(kind: &str) -> Option<(&'static str, &'static str, bool)> {
    match kind {
        "PhoneCall" | "VideoCall" => Some(("called", "meeting.call", false)),
        "Talks" => Some(("met", "meeting.met", true)),
        _ => None,
    }
}

/// The `called` or `met` edges between the sides of one meeting: its people, the bodies a call is
/// held with ("a call with the IMF"), and the countries of talks between states; two members of one
/// delegation did not meet each other, and talks of many sides imply no pairs.
fn pairwise_edges(
    kind: &str,
    principals: &BTreeSet<String>,
    s: &Support,
    affiliation: &BTreeMap<String, BTreeSet<String>>,
    edges: &mut EdgeMap,
) {
    let Some((rel, ..)) = pairwise_relation(kind) else {
        return;
    };
    if s.sources.count() == 0 {
        return;
    }
    let call = rel == "called";
    let persons: Vec<&String> = principals
        .iter()
        .filter(|p| p.starts_with("person/") || call && p.starts_with("organization/"))
        .collect();
    let places: Vec<&String> = principals
        .iter()
        .filter(|p| p.starts_with("place/"))
        .collect();
    // states that hold talks meet each other when no person is named for them
    let people = if persons.is_empty() && !call && places.len() == 2 {
        places
    } else {
        persons
    };
    if !call && people.len() > 4 {
        return;
    }
    for (x, a) in people.iter().enumerate() {
        for b in &people[x + 1..] {
            let same_side = !call
                && affiliation
                    .get(*a)
                    .is_some_and(|ca| affiliation.get(*b).is_some_and(|cb| !ca.is_disjoint(cb)));
            if same_side {
                continue;
            }
            if let Some(e) = edge(edges, a, rel, b) {
                e.absorb_ref(s);
            }
        }
    }
}
