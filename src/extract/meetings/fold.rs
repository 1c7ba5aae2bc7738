//! Folding: the article's meetings in, the same meetings out with those it tells twice folded
//! into one (an undated telling into the dated one it is, two tellings of one kind, day and
//! body), their edges moved to the meeting kept.

use super::telling::specificity;
use crate::extract::facts::{ArticleFacts, End, LocalMeeting};

/// Whether two meetings of one kind and day can be one: not two sessions of different bodies, and
/// for calls, not two conversations with different people (one's people are among the other's).
pub fn compatible(a: &LocalMeeting, b: &LocalMeeting) -> bool {
    let bodies = !(a.body.is_some() && b.body.is_some() && a.body != b.body);
    let calls = matches!(a.kind.as_str(), "PhoneCall" | "VideoCall") && a.kind == b.kind;
    let (pa, pb) = (&a.participants, &b.participants);
    bodies && (!calls || pa.is_empty() || pb.is_empty() || pa.is_subset(pb) || pb.is_subset(pa))
}

/// Within one article: an undated meeting that shares participants with a dated one of the same kind
/// is that one; meetings of the same kind, date and body are one.
pub(super) fn resolve_in_article(facts: &mut ArticleFacts, undated: &[usize]) {
    let fold = |facts: &mut ArticleFacts, from: usize, into: usize| {
        let m = facts.meetings[from].clone();
        merge_into(&mut facts.meetings[into], m);
        facts.meetings[from].participants.clear();
        facts.meetings[from].principals.clear();
        facts.meetings[from].kind = String::new(); // tombstone: not exported
        for e in &mut facts.edges {
            if e.o == End::Meeting(from) {
                e.o = End::Meeting(into);
            }
        }
    };
    for (u, j) in calls_of_the_video_call(facts, undated) {
        fold(facts, u, j);
    }
    for &u in undated.iter().rev() {
        if let Some(j) = fold_target(facts, u) {
            fold(facts, u, j);
        }
    }
    for i in 0..facts.meetings.len() {
        for j in 0..i {
            let (a, b) = (&facts.meetings[j], &facts.meetings[i]);
            if !b.kind.is_empty()
                && a.kind == b.kind
                && b.date.is_some()
                && a.date == b.date
                && compatible(a, b)
            {
                fold(facts, i, j);
                break;
            }
        }
    }
}

/// In an article that tells one dated video call and no phone call by name, an undated call told
/// by one word ("a senator on the call", "after the call") is that video call: the pairs to fold.
fn calls_of_the_video_call(facts: &ArticleFacts, undated: &[usize]) -> Vec<(usize, usize)> {
    let one_word = |m: &LocalMeeting| m.surfaces.iter().all(|x| !x.contains(' '));
    let ms = &facts.meetings;
    let video: Vec<usize> = (0..ms.len())
        .filter(|&j| ms[j].kind == "VideoCall" && ms[j].date.is_some())
        .collect();
    let phone_named = ms.iter().any(|m| m.kind == "PhoneCall" && !one_word(m));
    match video[..] {
        [j] if !phone_named => undated
            .iter()
            .filter(|&&u| ms[u].kind == "PhoneCall" && one_word(&ms[u]))
            .map(|&u| (u, j))
            .collect(),
        _ => Vec::new(),
    }
}

/// The meeting of the article that the undated meeting `u` is: the one dated meeting of the news
/// told by the same noun; the article's one dated meeting of the news of a generic kind, when `u`
/// is of a specific kind and names no side ("will lead a meeting on Tuesday" ... "organizing the teleconference"); else a
/// dated one of its kind that shares its participants.
fn fold_target(facts: &ArticleFacts, u: usize) -> Option<usize> {
    let ms = &facts.meetings;
    // (a meeting of the news, not one of the past the article recalls)
    let current = |j: usize| {
        ms[j]
            .date
            .or(ms[j].lead_day)
            .zip(facts.reference)
            .is_some_and(|(d, r)| (d.to_days() - r.to_days()).abs() <= 10)
    };
    // "the hearing was held to question X" ... "Thursday's hearing"
    let same_noun: Vec<usize> = (0..ms.len())
        .filter(|&j| {
            j != u
                && current(j)
                && ms[j].kind == ms[u].kind
                && !ms[j].surfaces.is_disjoint(&ms[u].surfaces)
        })
        .collect();
    match same_noun[..] {
        // (a kind more specific than talks told twice by the same noun is one meeting: "press
        // briefing", "hearing")
        [j] if ms[j].participants.is_empty() || specificity(&ms[j].kind) >= 2 => return Some(j),
        _ => {}
    }
    let news: Vec<usize> = (0..ms.len())
        .filter(|&j| j != u && specificity(&ms[j].kind) == 1 && current(j))
        .collect();
    let nameless = ms[u].participants.is_empty() && ms[u].place.is_none();
    if let [j] = news[..] {
        if nameless && specificity(&ms[u].kind) == 3 {
            return Some(j);
        }
    }
    (0..ms.len()).find(|&j| {
        let (a, b) = (&ms[j], &ms[u]);
        let shared = b
            .participants
            .iter()
            .filter(|p| a.participants.contains(*p))
            .count();
        // a generic "talks" is a call only when two of the call's people take part in it
        let kinds = a.kind == b.kind || (specificity(&b.kind) == 1 && shared >= 2);
        j != u
            && (a.date.is_some() || a.lead_day.is_some())
            && kinds
            && compatible(a, b)
            && shared >= 2.min(b.participants.len()).max(1)
    })
}

/// Folds meeting `m` into `into`.
pub fn merge_into(into: &mut LocalMeeting, m: LocalMeeting) {
    into.participants.extend(m.participants);
    into.principals.extend(m.principals);
    if into.place.is_none() {
        into.place = m.place;
    }
    if into.body.is_none() {
        into.body = m.body;
    }
    if into.lead_day.is_none() {
        into.lead_day = m.lead_day;
    }
    if into.date.is_none() {
        into.date = m.date;
        into.end = m.end;
        into.date_inferred = m.date_inferred;
        into.when = if into.date.is_some() {
            None
        } else {
            into.when.take().or(m.when)
        };
    } else if into.end.is_none() && m.end.is_some() && m.date == into.date {
        into.end = m.end;
    }
    if specificity(&m.kind) > specificity(&into.kind) {
        into.kind = m.kind;
    }
    into.evidence.extend(m.evidence);
    into.surfaces.extend(m.surfaces);
}
