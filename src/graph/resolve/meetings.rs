//! Meeting resolution. In: every way a meeting was told (its signature and the articles that tell
//! it so), with entity keys resolved to node ids; out: groups of tellings, one a meeting node, with
//! their ids and proto-nodes, and the tellings left out of the graph.

use std::collections::{BTreeMap, BTreeSet};

use super::entities::ByKey;
use super::Proto;
use crate::date::Date;
use crate::extract::{meetings_compatible, merge_meeting, LocalMeeting};
use crate::graph::fold::{cap, MeetingAgg, Signature};
use crate::graph::ids::fnv;
use crate::graph::model::{MergeNote, NodeType, MAX_MENTIONS};

/// A way a meeting was told, the articles that tell it so, and the meeting with its sides
/// resolved to node ids.
pub(super) type Told<'t> = (&'t Signature, &'t MeetingAgg, LocalMeeting);

/// A group of tellings that are one meeting: the meeting they make, and the indices of the
/// tellings.
pub(super) type Group = (LocalMeeting, Vec<usize>);

/// The meetings once resolved.
pub(super) struct Meetings<'t> {
    /// Each way a meeting was told, with its participants resolved.
    pub metas: Vec<Told<'t>>,
    /// The index of each telling in `metas`, by its signature.
    pub meeting_of: BTreeMap<&'t Signature, usize>,
    /// The meetings of the graph, each with its tellings (sorted).
    pub groups: Vec<Group>,
    /// The group of each telling that is in the graph.
    pub group_of: BTreeMap<usize, usize>,
    /// The node id of each group.
    pub meeting_ids: Vec<String>,
    /// The group of each meeting node id.
    pub group_of_id: BTreeMap<String, usize>,
    /// The latest publication day of the articles that tell each group.
    pub latest: Vec<Option<Date>>,
    /// Tellings left out, with why.
    pub dropped: Vec<MergeNote>,
    /// Tellings without a day in dated articles: left out, but their sides still met.
    pub undated_left_out: Vec<usize>,
}

/// Groups the tellings into meetings, names each, and adds its proto-node to `protos` (whose
/// entities give the meetings' labels).
pub(super) fn resolve<'t>(
    told: &'t BTreeMap<Signature, MeetingAgg>,
    global: &ByKey<'_>,
    protos: &mut BTreeMap<String, Proto>,
) -> Meetings<'t> {
    let metas = tellings(told, global);
    let meeting_of: BTreeMap<&Signature, usize> = metas
        .iter()
        .enumerate()
        .map(|(i, (sig, _, _))| (*sig, i))
        .collect();
    let mut grouping = Grouping::default();
    for i in merge_order(&metas) {
        grouping.place(i, &metas);
    }
    let Grouping {
        groups,
        group_of,
        dropped,
        undated_left_out,
        ..
    } = grouping;
    let (groups, group_of) = renumber(groups, group_of);
    let (meeting_ids, group_of_id, latest) = name_meetings(&groups, &metas, protos);
    Meetings {
        metas,
        meeting_of,
        groups,
        group_of,
        meeting_ids,
        group_of_id,
        latest,
        dropped,
        undated_left_out,
    }
}

/// Each way a meeting was told, with its participants, principals and place resolved to node ids.
fn tellings<'t>(told: &'t BTreeMap<Signature, MeetingAgg>, global: &ByKey<'_>) -> Vec<Told<'t>> {
    let to_global = |set: &BTreeSet<String>| -> BTreeSet<String> {
        set.iter()
            .filter_map(|p| global.get(p.as_str()).cloned())
            .collect()
    };
    told.iter()
        .map(|(sig, agg)| {
            let mut m = sig.meeting();
            m.participants = to_global(&m.participants);
            m.principals = to_global(&m.principals);
            m.place = m.place.and_then(|p| global.get(p.as_str()).cloned());
            (sig, agg, m)
        })
        .collect()
}

/// The order tellings are grouped in: dated first, in date order, then as first told, so merging
/// is order-independent.
fn merge_order(metas: &[Told<'_>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..metas.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&metas[a].2, &metas[b].2);
        (x.date.is_none(), x.date, &x.kind, &metas[a].1.first, a).cmp(&(
            y.date.is_none(),
            y.date,
            &y.kind,
            &metas[b].1.first,
            b,
        ))
    });
    order
}

/// Tellings grouped into meetings so far.
#[derive(Default)]
struct Grouping {
    groups: Vec<Group>,
    /// Groups by kind and first day, to find candidates without scanning them all.
    by_day: BTreeMap<(String, i64), Vec<usize>>,
    /// The longest span of a group, in days.
    longest: i64,
    dropped: Vec<MergeNote>,
    undated_left_out: Vec<usize>,
    group_of: BTreeMap<usize, usize>,
    /// Undated groups by kind and participants.
    undated: BTreeMap<(String, BTreeSet<String>), Vec<usize>>,
    /// The publication date of the first telling of each undated group.
    undated_published: BTreeMap<usize, Option<Date>>,
}

impl Grouping {
    /// Puts telling `i` into the groups: into those it matches (joining them), into a group of its
    /// own, or among the tellings left out.
    fn place(&mut self, i: usize, metas: &[Told<'_>]) {
        let (sig, m) = (metas[i].0, &metas[i].2);
        let found = self.candidates(sig, m);
        match found.first() {
            Some(_) => self.join(&found, i, m),
            // (a meeting the lead tells without a day, that no other article dates, is the news
            // of the lead's day)
            None if m.date.or(m.lead_day).is_some() => self.open_dated(i, m),
            // a meeting whose day is unknown is still a fact: it joins an undated one told the
            // same way near the same publication date, else it stands alone, without a date
            // a dated article that gives a meeting no day speaks of it in passing ("the talks");
            // in an undated one the day cannot be known, and a meeting with a day as written or
            // with named sides is kept without a date
            None if sig.published.is_some()
                || (m.when.is_none() && m.participants.is_empty() && m.place.is_none()) =>
            {
                self.leave_out(i, sig, metas[i].1)
            }
            None => self.place_undated(i, sig, m),
        }
    }

    /// The dated groups telling `m` may belong to, by index.
    fn candidates(&self, sig: &Signature, m: &LocalMeeting) -> Vec<usize> {
        let (lo, hi) = match (m.date, sig.published) {
            // an end before the start (a misread range) must not invert the range
            (Some(d), _) => (
                d.to_days() - self.longest,
                m.end.map_or(d.to_days(), |e| e.to_days()).max(d.to_days()),
            ),
            (None, Some(p)) => (p.to_days() - 10, p.to_days() + 10),
            (None, None) => (i64::MIN, i64::MAX),
        };
        let mut found: Vec<usize> = self
            .by_day
            .range((m.kind.clone(), lo)..=(m.kind.clone(), hi))
            .flat_map(|(_, gs)| gs.iter().copied())
            .filter(|&gi| {
                let g = &self.groups[gi].0;
                !g.kind.is_empty()
                    && match (m.date, g.date) {
                        (Some(_), Some(_)) => same_meeting(g, m),
                        (None, Some(gd)) => {
                            let near = sig
                                .published
                                .is_none_or(|p| (p.to_days() - gd.to_days()).abs() <= 10);
                            g.kind == m.kind
                                && near
                                && m.participants.len() >= 2
                                && m.participants.iter().all(|p| g.participants.contains(p))
                        }
                        _ => false,
                    }
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Adds telling `i` to the first group found, and a dated telling joins the other groups
    /// found into that one.
    fn join(&mut self, found: &[usize], i: usize, m: &LocalMeeting) {
        let gi = found[0];
        merge_meeting(&mut self.groups[gi].0, m.clone());
        self.groups[gi].1.push(i);
        self.group_of.insert(i, gi);
        for &other in found.iter().skip(1).filter(|_| m.date.is_some()) {
            let (g2, members) = std::mem::take(&mut self.groups[other]);
            merge_meeting(&mut self.groups[gi].0, g2);
            for mi in &members {
                self.group_of.insert(*mi, gi);
            }
            self.groups[gi].1.extend(members);
            self.groups[other].0.kind = String::new(); // absorbed
        }
        let g = &self.groups[gi].0;
        if let (Some(d), Some(e)) = (g.date, g.end) {
            self.longest = self.longest.max(e.to_days() - d.to_days());
        }
    }

    /// Starts a dated group with telling `i`, dated by the lead's day when it has no day of its own.
    fn open_dated(&mut self, i: usize, m: &LocalMeeting) {
        let mut m = m.clone();
        if m.date.is_none() {
            (m.date, m.date_inferred) = (m.lead_day, true);
        }
        let d = m.date.map_or(0, |d| d.to_days());
        if let Some(e) = m.end {
            self.longest = self.longest.max(e.to_days() - d);
        }
        self.group_of.insert(i, self.groups.len());
        self.by_day
            .entry((m.kind.clone(), d))
            .or_default()
            .push(self.groups.len());
        self.groups.push((m, vec![i]));
    }

    /// Leaves telling `i` out of the graph, noting why.
    fn leave_out(&mut self, i: usize, sig: &Signature, agg: &MeetingAgg) {
        if sig.published.is_some() {
            self.undated_left_out.push(i);
        }
        let why = if sig.published.is_some() {
            "meeting without a date in a dated article, matching no dated meeting: not in the graph"
        } else {
            "meeting with no day, sides or place told: not in the graph"
        };
        self.dropped.push(MergeNote {
            article: agg.first.as_ref().map(|f| f.0.clone()).unwrap_or_default(),
            forms: agg.surfaces.iter().cloned().collect(),
            reason: why.into(),
        })
    }

    /// Adds undated telling `i` to an undated group of the same kind and sides published near it,
    /// else starts one.
    fn place_undated(&mut self, i: usize, sig: &Signature, m: &LocalMeeting) {
        let key = (m.kind.clone(), m.participants.clone());
        let near = |gi: &usize| {
            let first = &self.groups[*gi].0;
            m.participants.len() >= 2
                && sig
                    .published
                    .zip(self.undated_published[gi])
                    .is_some_and(|(a, b)| (a.to_days() - b.to_days()).abs() <= 10)
                && meetings_compatible(first, m)
        };
        match self
            .undated
            .get(&key)
            .and_then(|gs| gs.iter().find(|gi| near(gi)))
        {
            Some(&gi) => {
                merge_meeting(&mut self.groups[gi].0, m.clone());
                self.groups[gi].1.push(i);
                self.group_of.insert(i, gi);
            }
            None => {
                let gi = self.groups.len();
                self.undated.entry(key).or_default().push(gi);
                self.undated_published.insert(gi, sig.published);
                self.group_of.insert(i, gi);
                self.groups.push((m.clone(), vec![i]));
            }
        }
    }
}

/// Drops the absorbed groups and renumbers the others, with the group of each telling.
fn renumber(
    mut groups: Vec<Group>,
    group_of: BTreeMap<usize, usize>,
) -> (Vec<Group>, BTreeMap<usize, usize>) {
    let keep: Vec<usize> = (0..groups.len())
        .filter(|&gi| !groups[gi].0.kind.is_empty())
        .collect();
    let renumber: BTreeMap<usize, usize> = keep
        .iter()
        .enumerate()
        .map(|(new, &old)| (old, new))
        .collect();
    let mut groups: Vec<Group> = keep
        .iter()
        .map(|&gi| std::mem::take(&mut groups[gi]))
        .collect();
    for (_, members) in &mut groups {
        members.sort_unstable();
    }
    let group_of: BTreeMap<usize, usize> = group_of
        .into_iter()
        .filter_map(|(mi, gi)| renumber.get(&gi).map(|&n| (mi, n)))
        .collect();
    (groups, group_of)
}

/// The node id of each group, its group by id, and the latest publication day of its articles;
/// adds each group's proto-node to `protos`.
fn name_meetings(
    groups: &[Group],
    metas: &[Told<'_>],
    protos: &mut BTreeMap<String, Proto>,
) -> (Vec<String>, BTreeMap<String, usize>, Vec<Option<Date>>) {
    let mut meeting_ids: Vec<String> = Vec::new();
    let mut group_of_id: BTreeMap<String, usize> = BTreeMap::new();
    let mut latest: Vec<Option<Date>> = Vec::new();
    for (gi, (g, members)) in groups.iter().enumerate() {
        let date = g.date.map_or("undated".to_string(), |d| d.to_string());
        let id = meeting_id(g, members, metas, &date);
        let (p, last) = meeting_proto(g, members, metas, protos, &date);
        protos.insert(id.clone(), p);
        group_of_id.insert(id.clone(), gi);
        meeting_ids.push(id);
        latest.push(last);
    }
    (meeting_ids, group_of_id, latest)
}

/// The node id of a meeting: its kind, day and a hash of its sides and place.
fn meeting_id(g: &LocalMeeting, members: &[usize], metas: &[Told<'_>], date: &str) -> String {
    let ps: Vec<&String> = g.participants.iter().collect();
    // undated meetings of the same sides told in unrelated articles are distinct: their
    // first article tells them apart
    let first = match g.date {
        Some(_) => None,
        None => members
            .iter()
            .filter_map(|&mi| metas[mi].1.first.as_ref())
            .min(),
    };
    let h = match first {
        None => fnv(&format!("{:?}{:?}", ps, g.place)) as u32,
        Some(f) => fnv(&format!("{:?}{:?}{:?}", ps, g.place, f.0)) as u32,
    };
    format!("meeting/{}-{}-{:08x}", g.kind.to_lowercase(), date, h)
}

/// The proto-node of a meeting (labelled by its kind, day and the labels of its sides in
/// `protos`), and the latest publication day of its articles.
fn meeting_proto(
    g: &LocalMeeting,
    members: &[usize],
    metas: &[Told<'_>],
    protos: &BTreeMap<String, Proto>,
    date: &str,
) -> (Proto, Option<Date>) {
    let names: Vec<String> = g
        .participants
        .iter()
        .filter_map(|p| protos.get(p))
        .map(|p| p.label.clone())
        .collect();
    let label = format!("{} {} ({})", kind_label(&g.kind), date, names.join(", "));
    let mut p = Proto::new(NodeType::Meeting, label);
    let mut last = None;
    for &mi in members {
        let agg = metas[mi].1;
        for (article, forms) in &agg.forms {
            p.merges.push(MergeNote {
                article: article.clone(),
                forms: forms.clone(),
                reason: "same kind, overlapping date, shared participants or place".into(),
            });
        }
        p.aliases.extend(agg.surfaces.iter().cloned());
        p.articles.absorb(&agg.sources);
        p.mentions
            .extend(agg.evidence.iter().map(|e| (e.article.to_string(), e.span)));
        last = last.max(agg.published.keys().max().copied().flatten());
    }
    cap(&mut p.mentions, MAX_MENTIONS);
    (p, last)
}

fn same_meeting(g: &LocalMeeting, m: &LocalMeeting) -> bool {
    let (Some(gd), Some(md)) = (g.date, m.date) else {
        return false;
    };
    let (ge, me) = (g.end.unwrap_or(gd), m.end.unwrap_or(md));
    let overlap = gd <= me && md <= ge;
    let shared = g.participants.iter().any(|p| m.participants.contains(p));
    let place = g.place.is_some() && g.place == m.place;
    let kinds = g.kind == m.kind && meetings_compatible(g, m);
    // without shared participants or place, only the same day (and no other place) makes them one
    let unknown_sides = (g.participants.is_empty() || m.participants.is_empty())
        && (gd == md || g.end.is_some() || m.end.is_some())
        && (g.place.is_none() || m.place.is_none());
    overlap && kinds && (shared || place || unknown_sides)
}

fn kind_label(kind: &str) -> &str {
    match kind {
        "PhoneCall" => "Phone call",
        "VideoCall" => "Video call",
        "CouncilMeeting" => "Council meeting",
        "PressConference" => "Press conference",
        k => k,
    }
}
