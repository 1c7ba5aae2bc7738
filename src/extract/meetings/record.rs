//! Recording a meeting: a phrase's meeting (kind, day, sides, place) in; out, a meeting added to
//! the article's (with a second for a second day, and the edges of who scheduled it), or more
//! people, a day and evidence for the meeting told before that the phrase refers back to.

use super::hits::Phrase;
use super::telling::{is_council, specificity, Cx, Reading, Telling};
use super::when::untimed;
use crate::extract::facts::{evidence, ArticleFacts, End, LocalEdge, LocalMeeting};
use crate::extract::mentions::surface;
use crate::extract::relations::{is_boundary, may_start, passive_before, phrase_at, subject};
use crate::knowledge::LEX_TRIGGER_START;

/// A weak noun ("the conversation", "the delegations") or an anaphoric one ("the talks") refers
/// back to the last meeting of a kind it can name: it adds the people of its sentence who are not
/// sources, and its day. Whether it is the first telling of a meeting of its own after all (a
/// strong noun with no meeting told before).
pub(super) fn refer_back(
    cx: &Cx,
    p: &Phrase,
    t: &mut Telling,
    non_speakers: &[usize],
    r: &mut Reading,
) -> bool {
    let (s, toks, k, (a, b)) = (cx.s, &cx.s.tokens, cx.k, (p.a, p.b));
    let facts = &mut *r.facts;
    // a weak noun ("the conversation", "the delegations") refers back to the last meeting;
    // it adds the people of its sentence who are not sources
    // a generic word ("talks", "delegation") does not refer back to a call
    let kind = &t.kind;
    let target = r.last_meeting.and_then(|last| {
        (0..=last).rev().find(|&lm| {
            let lk = &facts.meetings[lm].kind;
            !lk.is_empty()
                && (lk == kind
                    || specificity(kind) == 1 && (specificity(lk) < 3 || lk == "VideoCall"))
        })
    });
    // "The hearing was held to question X" with no meeting told before: the first
    // telling of its own, with the people of its sentence
    // ("support for the negotiations": a topic, no telling)
    let of_topic = a >= 2 && toks[a - 2].lower == "of";
    let first_telling = target.is_none() && p.strong && !of_topic;
    if first_telling {
        // the people after the noun in its clause ("held to question X and Y, whom Z
        // nominated": not Z)
        t.participants.extend(
            non_speakers
                .iter()
                .filter(|&&p| {
                    let ua = s.mentions[p].ua;
                    ua >= b && !(b..ua).any(|j| is_boundary(toks, j, k))
                })
                .map(|&p| s.mentions[p].key.clone()),
        );
    }
    if let Some(lm) = target {
        let m = &mut facts.meetings[lm];
        // "the agenda of the summit" speaks of it; its people are not said to attend
        let topic = a >= 2 && toks[a - 2].lower == "of";
        if !topic {
            m.participants
                .extend(non_speakers.iter().map(|&p| s.mentions[p].key.clone()));
        }
        // "The round is expected to begin on Tuesday" dates the talks told before
        let (date, end, inferred) = t.dated();
        if m.date.is_none() && date.is_some() {
            (m.date, m.end, m.date_inferred) = (date, end, inferred);
            m.when = None;
        } else if m.date.is_none() && m.when.is_none() {
            m.when = t.when(toks);
        }
        m.evidence.push(evidence(
            cx.article,
            s,
            &format!("meeting.{}", m.kind.to_lowercase()),
        ));
        m.surfaces.insert(surface(toks, a, b));
    }
    first_telling
}

/// Adds the meeting of a phrase to the article's: held or scheduled, its place (a call has none),
/// its body if a council, and a second meeting for a second day; then the edges of who scheduled it.
pub(super) fn add_meeting(cx: &Cx, p: &Phrase, t: Telling, r: &mut Reading) {
    let (s, toks, k, a) = (cx.s, &cx.s.tokens, cx.k, p.a);
    let (date, end, inferred) = t.dated();
    let when = t.when(toks);
    let Telling {
        kind,
        mut participants,
        body,
        again,
        place,
        ..
    } = t;
    // a call has no one place ("Monday evening in Washington" is a time zone)
    let place = place.filter(|_| !matches!(kind.as_str(), "PhoneCall" | "VideoCall"));
    let place_key = place.map(|m| s.mentions[m].key.clone());
    if let Some(p) = &place_key {
        participants.remove(p);
    }
    let status = if cx.future || date.zip(r.facts.reference).is_some_and(|(d, r)| d > r) {
        "scheduled"
    } else {
        "held"
    };
    let idx = r.facts.meetings.len();
    r.facts.meetings.push(LocalMeeting {
        kind: kind.clone(),
        date,
        end,
        date_inferred: inferred,
        when,
        lead_day: None,
        status: status.into(),
        principals: participants.clone(),
        participants,
        place: place_key,
        body: body
            .filter(|&m| is_council(s, m, k))
            .map(|m| s.mentions[m].key.clone()),
        evidence: vec![evidence(
            cx.article,
            s,
            &format!("meeting.{}", kind.to_lowercase()),
        )],
        surfaces: [surface(toks, a, p.b)].into_iter().collect(),
    });
    r.last_meeting = Some(idx);
    if date.is_none() {
        r.undated.push(idx);
        if r.lead.open() && untimed(s, &cx.dates, k) {
            r.lead.candidates.push(idx);
        }
    }
    if let Some(d2) = again {
        let mut second = r.facts.meetings[idx].clone();
        (second.date, second.end, second.date_inferred) = (d2.date, d2.end, d2.inferred);
        second.when = d2.date.is_none().then(|| surface(toks, d2.a, d2.b));
        second.status = if d2.date.zip(r.facts.reference).is_some_and(|(d, r)| d > r) {
            "scheduled".into()
        } else {
            "held".into()
        };
        r.facts.meetings.push(second);
    }
    scheduled_edges(cx, a, idx, r.facts);
}

/// "X scheduled / announced a call": the subject of a meeting trigger right before the phrase at
/// `a` (active voice) scheduled meeting `idx`.
fn scheduled_edges(cx: &Cx, a: usize, idx: usize, facts: &mut ArticleFacts) {
    let (s, toks, k) = (cx.s, &cx.s.tokens, cx.k);
    // scheduled: "X scheduled / announced a call" (active voice, no other meeting between)
    for t in k.triggers.iter().filter(|t| t.pattern == "meeting") {
        // the meeting is the verb's object: "announced a call", "scheduled talks with X"
        for ti in a.saturating_sub(t.words.len() + 4)..a {
            // ("is organizing the call" is no passive)
            let progressive = t.words[0].ends_with("ing");
            if !may_start(toks, ti, LEX_TRIGGER_START)
                || !phrase_at(toks, ti, &t.words)
                || passive_before(toks, ti) && !progressive
            {
                continue;
            }
            if let Some(subj) = subject(s, ti, k) {
                facts.edges.push(LocalEdge {
                    s: End::Entity(s.mentions[subj].key.clone()),
                    relation: "scheduled".into(),
                    o: End::Meeting(idx),
                    confidence: t.confidence,
                    date: None,
                    evidence: evidence(cx.article, s, "verb.scheduled"),
                });
            }
        }
    }
}
