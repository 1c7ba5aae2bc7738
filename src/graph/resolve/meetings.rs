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

/// How many groups a telling without sides looks at, at most, its own day first: told by no more
/// than its day (and place), it may be any meeting of that day, and on a day of thousands it must
/// not look at them all, nor join them all into one.
const MAX_SIDELESS_LOOKS: usize = 32;

/// What a dated group is found by, besides its kind and first day: a telling looks up only the
/// groups that could be its meeting, so a day of many meetings costs each telling little.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Facet {
    /// Every group, for a telling with neither sides nor place.
    Day,
    /// The group's place (none while unknown), for a telling without sides.
    Place(Option<String>),
    /// A group without sides yet, for a telling with sides and no place.
    Sideless,
    /// A group without sides yet, by its place.
    SidelessAt(Option<String>),
    /// One of the group's participants.
    Side(String),
    /// The council or committee whose session the group is.
    Body(String),
}

/// The facets of a group other than its sides: a few, which a join may change.
fn fixed_facets(g: &LocalMeeting) -> Vec<Facet> {
    let mut f = vec![Facet::Day, Facet::Place(g.place.clone())];
    if g.participants.is_empty() {
        f.extend([Facet::Sideless, Facet::SidelessAt(g.place.clone())]);
    }
    f.extend(g.body.clone().map(Facet::Body));
    f
}

/// The facets under which every group that may be the meeting `m` tells is found (see
/// `same_meeting` and `Grouping::matches`).
fn lookups(m: &LocalMeeting) -> Vec<Facet> {
    if m.date.is_none() {
        // an undated telling joins a group that holds all its sides, two at least
        return match m.participants.first() {
            Some(p) if m.participants.len() >= 2 => vec![Facet::Side(p.clone())],
            _ => vec![],
        };
    }
    if m.participants.is_empty() {
        return match m.place {
            Some(_) => vec![Facet::Place(m.place.clone()), Facet::Place(None)],
            None => vec![Facet::Day],
        };
    }
    // a group with other sides is this meeting only when the same body's session ties them
    let mut f: Vec<Facet> = m.participants.iter().cloned().map(Facet::Side).collect();
    match m.place {
        Some(_) => f.extend([Facet::SidelessAt(None), Facet::SidelessAt(m.place.clone())]),
        None => f.push(Facet::Sideless),
    }
    f.extend(m.body.clone().map(Facet::Body));
    f
}

/// The first day of a dated group, as it is indexed.
fn first_day(g: &LocalMeeting) -> i64 {
    g.date.map_or(0, |d| d.to_days())
}

/// The dated groups by kind, facet and first day.
#[derive(Default)]
struct Index(BTreeSet<(String, Facet, i64, usize)>);

impl Index {
    fn insert(&mut self, g: &LocalMeeting, f: Facet, gi: usize) {
        self.0.insert((g.kind.clone(), f, first_day(g), gi));
    }

    fn remove(&mut self, g: &LocalMeeting, f: Facet, gi: usize) {
        self.0.remove(&(g.kind.clone(), f, first_day(g), gi));
    }

    /// The groups of `kind` under facet `f` whose first day lies in `lo..=hi`.
    fn range<'a>(
        &'a self,
        kind: &str,
        f: &Facet,
        (lo, hi): (i64, i64),
    ) -> impl DoubleEndedIterator<Item = usize> + 'a {
        let from = (kind.to_string(), f.clone(), lo, 0);
        let to = (kind.to_string(), f.clone(), hi, usize::MAX);
        self.0.range(from..=to).map(|e| e.3)
    }
}

/// Tellings grouped into meetings so far.
#[derive(Default)]
struct Grouping {
    groups: Vec<Group>,
    /// The dated groups by what a telling may share with them, to find candidates without
    /// scanning all the groups of a day.
    index: Index,
    /// The longest span of a group, in days.
    longest: i64,
    /// How many groups the tellings looked at, for the tests of the work done.
    looked_at: usize,
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

    /// The dated groups telling `m` may belong to, by index: those the index gives under the
    /// facets `m` looks up, latest day first, that match it; a telling without sides looks at
    /// [`MAX_SIDELESS_LOOKS`] at most.
    fn candidates(&mut self, sig: &Signature, m: &LocalMeeting) -> Vec<usize> {
        let days = match (m.date, sig.published) {
            // an end before the start (a misread range) must not invert the range
            (Some(d), _) => (
                d.to_days() - self.longest,
                m.end.map_or(d.to_days(), |e| e.to_days()).max(d.to_days()),
            ),
            (None, Some(p)) => (p.to_days() - 10, p.to_days() + 10),
            (None, None) => (i64::MIN, i64::MAX),
        };
        let cap = match m.date.is_some() && m.participants.is_empty() {
            true => MAX_SIDELESS_LOOKS,
            false => usize::MAX,
        };
        let (mut found, mut looked) = (Vec::new(), 0);
        'facets: for f in lookups(m) {
            for gi in self.index.range(&m.kind, &f, days).rev() {
                if looked == cap {
                    break 'facets;
                }
                looked += 1;
                if Grouping::matches(&self.groups[gi].0, sig, m) {
                    found.push(gi);
                }
            }
        }
        self.looked_at += looked;
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Whether telling `m` (of signature `sig`) may be the meeting of dated group `g`.
    fn matches(g: &LocalMeeting, sig: &Signature, m: &LocalMeeting) -> bool {
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
    }

    /// Adds telling `i` to the first group found, and a dated telling joins the other groups
    /// found into that one, except a group that is apart from it (other sides, same place): a
    /// telling that only its day and place tie to both cannot make two meetings one.
    fn join(&mut self, found: &[usize], i: usize, m: &LocalMeeting) {
        let gi = found[0];
        self.absorb(gi, m.clone());
        self.groups[gi].1.push(i);
        self.group_of.insert(i, gi);
        for &other in found.iter().skip(1).filter(|_| m.date.is_some()) {
            if apart(&self.groups[gi].0, &self.groups[other].0) {
                continue;
            }
            self.unindex(other);
            let (g2, members) = std::mem::take(&mut self.groups[other]);
            self.absorb(gi, g2);
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

    /// Merges meeting `m` into group `gi`, and indexes a dated group under what it gained: new
    /// sides, a place, a body.
    fn absorb(&mut self, gi: usize, m: LocalMeeting) {
        let g = &self.groups[gi].0;
        let sides: Vec<String> = (m.participants.iter())
            .filter(|p| !g.participants.contains(*p))
            .cloned()
            .collect();
        let before = fixed_facets(g);
        merge_meeting(&mut self.groups[gi].0, m);
        let g = &self.groups[gi].0;
        let after = fixed_facets(g);
        for f in before.iter().filter(|f| !after.contains(f)) {
            self.index.remove(g, f.clone(), gi);
        }
        let gained = after.into_iter().filter(|f| !before.contains(f));
        for f in gained.chain(sides.into_iter().map(Facet::Side)) {
            self.index.insert(g, f, gi);
        }
    }

    /// Takes dated group `gi` out of the index (it is being absorbed).
    fn unindex(&mut self, gi: usize) {
        let g = &self.groups[gi].0;
        let sides = g.participants.iter().cloned().map(Facet::Side);
        for f in fixed_facets(g).into_iter().chain(sides) {
            self.index.remove(g, f, gi);
        }
    }

    /// Starts a dated group with telling `i`, dated by the lead's day when it has no day of its own.
    fn open_dated(&mut self, i: usize, m: &LocalMeeting) {
        let mut m = m.clone();
        if m.date.is_none() {
            (m.date, m.date_inferred) = (m.lead_day, true);
        }
        if let Some(e) = m.end {
            self.longest = self.longest.max(e.to_days() - first_day(&m));
        }
        let gi = self.groups.len();
        self.group_of.insert(i, gi);
        let sides = m.participants.iter().cloned().map(Facet::Side);
        for f in fixed_facets(&m).into_iter().chain(sides) {
            self.index.insert(&m, f, gi);
        }
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
    // the id of what was hashed (the hash is 32 bits), and the ids given
    let mut id_of: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut given: BTreeSet<String> = BTreeSet::new();
    for (gi, (g, members)) in groups.iter().enumerate() {
        let date = g.date.map_or("undated".to_string(), |d| d.to_string());
        let made = meeting_id(g, members, metas, &date);
        // two meetings of one kind and day whose other sides or place hash alike (likely among
        // the tens of thousands of one day) stay two nodes; groups come in a deterministic
        // order, so the suffix does too. (Two groups of the same sides and place share an id,
        // and a node, as before.)
        let id = id_of.entry(made.clone()).or_insert_with(|| {
            let id = &made.0;
            let fresh = (1..)
                .map(|n| match n {
                    1 => id.clone(),
                    n => format!("{id}-{n}"),
                })
                .find(|c| !given.contains(c))
                .unwrap_or_else(|| id.clone());
            given.insert(fresh.clone());
            fresh
        });
        let id = id.clone();
        let (p, last) = meeting_proto(g, members, metas, protos, &date);
        protos.insert(id.clone(), p);
        group_of_id.insert(id.clone(), gi);
        meeting_ids.push(id);
        latest.push(last);
    }
    (meeting_ids, group_of_id, latest)
}

/// The node id of a meeting: its kind, day and a hash of its sides and place; and what was
/// hashed.
fn meeting_id(
    g: &LocalMeeting,
    members: &[usize],
    metas: &[Told<'_>],
    date: &str,
) -> (String, String) {
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
    let what = match first {
        None => format!("{:?}{:?}", ps, g.place),
        Some(f) => format!("{:?}{:?}{:?}", ps, g.place, f.0),
    };
    let h = fnv(&what) as u32;
    let id = format!("meeting/{}-{}-{:08x}", g.kind.to_lowercase(), date, h);
    (id, what)
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

/// Whether dated telling `m` is the meeting of dated group `g`: the same kind, overlapping days,
/// and shared sides, or the same place (unless they are [`apart`]), or one without sides told on
/// the same day and in no other place.
fn same_meeting(g: &LocalMeeting, m: &LocalMeeting) -> bool {
    let (Some(gd), Some(md)) = (g.date, m.date) else {
        return false;
    };
    let (ge, me) = (g.end.unwrap_or(gd), m.end.unwrap_or(md));
    let overlap = gd <= me && md <= ge;
    let shared = shares(g, m);
    let place = g.place.is_some() && g.place == m.place && !apart(g, m);
    let kinds = g.kind == m.kind && meetings_compatible(g, m);
    // without shared participants or place, only the same day (and no other place) makes them one
    let unknown_sides = (g.participants.is_empty() || m.participants.is_empty())
        && (gd == md || g.end.is_some() || m.end.is_some())
        && (g.place.is_none() || m.place.is_none());
    overlap && kinds && (shared || place || unknown_sides)
}

/// Whether two meetings share a participant (the smaller set is walked).
fn shares(a: &LocalMeeting, b: &LocalMeeting) -> bool {
    let (small, large) = match a.participants.len() <= b.participants.len() {
        true => (&a.participants, &b.participants),
        false => (&b.participants, &a.participants),
    };
    small.iter().any(|p| large.contains(p))
}

/// Whether two meetings in one place are two: each has sides, none shared, and no body's session
/// ties them. A city and a day alone do not make one meeting of "X met Y in Geneva" and "Z met
/// W in Geneva", or every meeting told in a capital on a busy day would be one node.
fn apart(a: &LocalMeeting, b: &LocalMeeting) -> bool {
    let same_body = a.body.is_some() && a.body == b.body;
    a.place.is_some()
        && a.place == b.place
        && !a.participants.is_empty()
        && !b.participants.is_empty()
        && !same_body
        && !shares(a, b)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A telling of talks on 2022-02-28 between `sides`, at `place`, of `body`.
    fn telling(sides: &[String], place: Option<&str>, body: Option<&str>) -> Signature {
        let set: BTreeSet<String> = sides.iter().cloned().collect();
        Signature {
            kind: "Talks".into(),
            date: Date::new(2022, 2, 28),
            end: None,
            date_inferred: true,
            when: None,
            lead_day: None,
            status: "held".into(),
            participants: set.clone(),
            principals: set,
            place: place.map(String::from),
            body: body.map(String::from),
            published: None,
        }
    }

    /// The tellings grouped as `resolve` groups them (each told by its own article, in order).
    fn grouped(sigs: &[Signature]) -> Grouping {
        let aggs: Vec<MeetingAgg> = (0..sigs.len())
            .map(|i| MeetingAgg {
                first: Some((format!("a{i:06}"), 0)),
                ..Default::default()
            })
            .collect();
        let metas: Vec<Told<'_>> = sigs
            .iter()
            .zip(&aggs)
            .map(|(s, a)| (s, a, s.meeting()))
            .collect();
        let mut grouping = Grouping::default();
        for i in merge_order(&metas) {
            grouping.place(i, &metas);
        }
        grouping
    }

    /// The live groups' participant counts.
    fn sizes(g: &Grouping) -> Vec<usize> {
        let live = g.groups.iter().filter(|(m, _)| !m.kind.is_empty());
        live.map(|(m, _)| m.participants.len()).collect()
    }

    fn sides(a: &str, b: &str) -> Vec<String> {
        vec![a.to_string(), b.to_string()]
    }

    #[test]
    fn a_shared_city_and_day_alone_neither_join_nor_chain_meetings() {
        let geneva = Some("place/geneva");
        let sigs = [
            telling(&sides("p/a", "p/b"), geneva, None),
            telling(&sides("p/c", "p/d"), geneva, None),
            // no sides: joins the first, and cannot make the two one
            telling(&[], geneva, None),
            // a shared side joins that meeting
            telling(&sides("p/b", "p/e"), geneva, None),
            // the same council's session ties other sides in one place
            telling(&sides("p/f", "p/g"), geneva, Some("org:council")),
            telling(&sides("p/h", "p/i"), geneva, Some("org:council")),
        ];
        assert_eq!(sizes(&grouped(&sigs)), [3, 2, 4]);
    }

    #[test]
    fn meetings_of_one_city_and_day_cost_each_telling_a_bounded_look() {
        // before: every telling was compared with every group of its day (n^2 / 2 looks), and
        // joined them all
        let n = 50_000;
        let mut sigs: Vec<Signature> = (0..n)
            .map(|i| {
                telling(
                    &sides(&format!("p/x{i}"), &format!("p/y{i}")),
                    Some("plc:geneva"),
                    None,
                )
            })
            .collect();
        // tellings without sides, told in the city or not, look at no more than a few groups
        sigs.extend((0..100).map(|i| {
            let mut s = telling(&[], Some("plc:geneva"), None);
            s.body = Some(format!("org:b{i}"));
            s
        }));
        sigs.extend((0..100).map(|i| {
            let mut s = telling(&[], None, None);
            s.body = Some(format!("org:c{i}"));
            s
        }));
        let g = grouped(&sigs);
        let with_sides: Vec<usize> = sizes(&g).into_iter().filter(|&s| s > 0).collect();
        assert_eq!(with_sides, vec![2; n]);
        assert!(g.looked_at <= 200 * MAX_SIDELESS_LOOKS, "{}", g.looked_at);
    }
}
