//! Meetings: a meeting noun or verb with its kind, date, sides and place ("a phone call with X on
//! Monday", "X and Y held talks in Geneva"), and the meetings one article tells more than once,
//! folded into one.

use std::collections::BTreeSet;

use super::gazetteer::inner_names;
use super::relations::{
    governed, inside_mention, is_boundary, may_start, negated, passive_before, phrase_at, subject,
    subject_group,
};
use super::{actors, evidence, find_dates, Analysed, ArticleFacts, End, LocalEdge, LocalMeeting};
use crate::knowledge::{
    EntityType, Knowledge, LEX_MEETING_START, LEX_MONTH, LEX_TRIGGER_START, LEX_WEEKDAY,
};
use crate::text::{Article, Token};

struct Hit {
    a: usize,
    b: usize,
    kind: String,
    strong: bool,
}

fn specificity(kind: &str) -> u8 {
    match kind {
        // ("Other" is a named kind of session: "Prime Minister's Questions")
        "PhoneCall" | "VideoCall" | "PressConference" | "Other" => 3,
        "CouncilMeeting" | "Summit" => 2,
        _ => 1,
    }
}

fn is_council(s: &Analysed, m: usize, k: &Knowledge) -> bool {
    let mm = &s.mentions[m];
    mm.etype == EntityType::Organization && s.tokens[mm.a..mm.b].iter().any(|t| t.is(k.cue.council))
}

/// The most meetings one article tells.
pub const MAX_MEETINGS: usize = 100;

/// Finds meetings: a meeting noun with its date, participants and place.
pub fn find_meetings(
    article: &Article,
    sents: &[Analysed],
    k: &Knowledge,
    facts: &mut ArticleFacts,
) {
    let mut last_date = None;
    // meetings without a date, resolved at the end of the article
    let mut undated: Vec<usize> = Vec::new();
    let mut last_meeting: Option<usize> = None;
    let mut lead = Lead::default();
    for s in sents.iter().filter(|s| !s.headline) {
        // a page that tells this many meetings is a list or junk; resolving them within the
        // article compares every pair, so the rest is not read for meetings
        if facts.meetings.len() >= MAX_MEETINGS {
            break;
        }
        let toks = &s.tokens;
        let future = toks.iter().any(|t| t.is(k.cue.future));
        // "the same day", "afterwards": the day of the meeting told last, else of the last date
        let anchor = last_meeting
            .and_then(|lm: usize| facts.meetings[lm].date)
            .or(last_date);
        let dates: Vec<_> = find_dates(toks, k, facts.reference, anchor)
            .into_iter()
            .filter(|d| !d.dateline)
            .collect();
        if let Some(d) = dates.iter().rev().find_map(|d| d.date) {
            last_date = Some(d);
        }
        lead.read(&dates, facts.reference);
        let hits = meeting_hits(s, k, &dates);
        if hits.is_empty() {
            continue;
        }
        // hits close together without a date between them name one meeting ("negotiations ... by video link")
        let mut groups: Vec<Vec<Hit>> = Vec::new();
        for h in hits {
            if let Some(g) = groups.last_mut() {
                let prev = g.last().map_or(0, |x| x.b);
                let date_between = dates.iter().any(|d| d.a >= prev && d.b <= h.a);
                let same = g.iter().any(|x| x.kind == h.kind)
                    || specificity(&g[0].kind) != specificity(&h.kind);
                let reach = if specificity(&h.kind) == 1 || specificity(&g[0].kind) == 1 {
                    20
                } else {
                    10
                };
                if h.a <= prev + reach
                    && !date_between
                    && same
                    && h.kind != "CouncilMeeting"
                    && g[0].kind != "CouncilMeeting"
                {
                    g.push(h);
                    continue;
                }
            }
            groups.push(vec![h]);
        }
        let mut claimed: BTreeSet<usize> = BTreeSet::new();
        let acts = actors(s);
        // sources: speakers ("X said"), "according to X", media
        let sources: BTreeSet<usize> = acts
            .iter()
            .copied()
            .filter(|&m| {
                let mm = &s.mentions[m];
                let at = |j: usize| toks.get(j).map_or("", |t| t.lower.as_str());
                // "the Ministry of External Affairs (MEA) said": skip a bracketed short name
                let skip = if at(mm.ub) == "(" && at(mm.ub + 2) == ")" {
                    3
                } else {
                    0
                };
                let speech = |j: usize| toks.get(j).is_some_and(|t| t.is(k.cue.speech));
                let next = mm.ub + skip;
                let after_comma = if at(next) == "," { next + 1 } else { next };
                // "X said", "X, a spokesman, said", "said X"
                speech(next)
                    || speech(after_comma)
                    || (mm.ua > 0 && speech(mm.ua - 1))
                    || (mm.ua >= 2
                        && toks[mm.ua - 1].lower == "to"
                        && toks[mm.ua - 2].lower == "according")
                    || super::mentions::is_media(&mm.key, k)
            })
            .collect();
        let mut prev_hit_end = 0;
        let starts: Vec<usize> = groups
            .iter()
            .map(|g| g[0].a)
            .skip(1)
            .chain([toks.len()])
            .collect();
        for (gi, g) in groups.into_iter().enumerate() {
            // what follows the phrase up to the next meeting phrase belongs to it
            let next_a = starts[gi];
            let kind0 = g
                .iter()
                .max_by_key(|h| specificity(&h.kind))
                .map(|h| h.kind.clone())
                .unwrap_or_default();
            let (a, b) = (g[0].a, g.last().map_or(g[0].b, |h| h.b));
            let strong = g.iter().any(|h| h.strong);
            // "met", "will meet": a verb, whose meeting needs two sides
            let verb = g.len() == 1 && toks[a].is(k.cue.meeting_verb);
            // denied, or only offered or possible: "his offer to host a meeting", "a meeting is possible"
            let hypothetical = g.iter().any(|h| {
                toks[h.a.saturating_sub(6)..h.a]
                    .iter()
                    .chain(&toks[h.b..(h.b + 3).min(toks.len())])
                    .any(|t| {
                        // the lexicon's words are lowercase: a lowercase token is its own class
                        if t.text == t.lower.as_str() {
                            t.is(k.cue.offer)
                        } else {
                            k.is_cue("offer", t.text)
                        }
                    })
            });
            if g.iter().any(|h| h.a > 0 && negated(s, h.a, k)) || hypothetical {
                continue;
            }
            // the council or body named in or right after the phrase
            let mut kind = kind0;
            let mut participants: BTreeSet<String> = BTreeSet::new();
            let mut body: Option<usize> = None;
            for &m in &acts {
                let mm = &s.mentions[m];
                let near = (mm.a >= a && mm.b <= b)
                    || (mm.ua >= b
                        && mm.ua <= b + 3
                        && toks[b..mm.ua].iter().all(|t| {
                            matches!(t.lower.as_str(), "of" | "the" | "within" | "at" | "in")
                        }));
                if near
                    && mm.etype == EntityType::Organization
                    && !super::mentions::is_media(&mm.key, k)
                {
                    body = Some(m);
                }
            }
            if let Some(m) = body {
                let mm = &s.mentions[m];
                if is_council(s, m, k) && (kind == "Talks" || g[0].kind == "CouncilMeeting") {
                    kind = "CouncilMeeting".into();
                }
                participants.insert(mm.key.clone());
                // the bodies and countries inside a council's name ("Russia-NATO Council"), and its parent body
                let inner = if is_council(s, m, k) {
                    inner_names(toks, mm.a, mm.b, k)
                } else {
                    vec![]
                };
                for key in inner {
                    let key = match key.strip_prefix("gaz:").and_then(|id| k.country_of(id)) {
                        Some(c) => format!("gaz:{c}"),
                        None => key,
                    };
                    participants.insert(key);
                }
                if let Some(parent) = mm
                    .key
                    .strip_prefix("gaz:")
                    .and_then(|id| k.entry(id))
                    .and_then(|e| e.parent.clone())
                {
                    if k.entry(&parent)
                        .is_some_and(|p| p.etype == EntityType::Organization)
                    {
                        participants.insert(format!("gaz:{parent}"));
                    }
                }
            }
            // date: the nearest unclaimed date after the phrase in its clause, else the nearest before
            let after = dates
                .iter()
                .enumerate()
                .filter(|(di, d)| {
                    !claimed.contains(di) && d.a >= b && d.a < next_a && d.a <= b + 30
                })
                .min_by_key(|(_, d)| d.a);
            let before = dates
                .iter()
                .enumerate()
                .filter(|(di, d)| {
                    !claimed.contains(di) && d.b <= a && a - d.b <= 12 && d.a >= prev_hit_end
                })
                .max_by_key(|(_, d)| d.b);
            let chosen = after.or(before);
            if let Some((di, _)) = chosen {
                claimed.insert(di);
            }
            // "spoke by phone on February 10 and September 9": the same people met again on the second day
            let again: Option<(usize, &super::dates::DateExpr)> = chosen.and_then(|(di, d)| {
                let next = dates.get(di + 1)?;
                let gap = &toks[d.b..next.a];
                (!claimed.contains(&(di + 1))
                    && !gap.is_empty()
                    && gap
                        .iter()
                        .all(|t| matches!(t.lower.as_str(), "and" | "," | "on"))
                    && gap.iter().any(|t| t.lower == "and"))
                .then_some((di + 1, next))
            });
            if let Some((dj, _)) = again {
                claimed.insert(dj);
            }
            let prev_b = prev_hit_end;
            prev_hit_end = b;
            let (date, end, inferred) =
                chosen.map_or((None, None, false), |(_, d)| (d.date, d.end, d.inferred));
            // a day the article's missing date cannot place is kept as written
            let when = chosen
                .filter(|(_, d)| d.date.is_none())
                .map(|(_, d)| super::mentions::surface(toks, d.a, d.b));
            let people: Vec<usize> = acts
                .iter()
                .copied()
                .filter(|&m| s.mentions[m].etype == EntityType::Person)
                .collect();
            let non_speakers: Vec<usize> = people
                .iter()
                .copied()
                .filter(|m| !sources.contains(m))
                .collect();
            // "the meeting", "the talks" with no date of their own refer back to a meeting already told
            let anaphoric = date.is_none()
                && !verb
                && a > 0
                && matches!(
                    toks[a - 1].lower.as_str(),
                    "the" | "this" | "that" | "these"
                );
            let mut first_telling = false;
            if !strong || anaphoric {
                // a weak noun ("the conversation", "the delegations") refers back to the last meeting;
                // it adds the people of its sentence who are not sources
                // a generic word ("talks", "delegation") does not refer back to a call
                let target = last_meeting.and_then(|last| {
                    (0..=last).rev().find(|&lm| {
                        let lk = &facts.meetings[lm].kind;
                        !lk.is_empty()
                            && (*lk == kind
                                || specificity(&kind) == 1
                                    && (specificity(lk) < 3 || lk == "VideoCall"))
                    })
                });
                // "The hearing was held to question X" with no meeting told before: the first
                // telling of its own, with the people of its sentence
                // ("support for the negotiations": a topic, no telling)
                let of_topic = a >= 2 && toks[a - 2].lower == "of";
                first_telling = target.is_none() && strong && !of_topic;
                if first_telling {
                    // the people after the noun in its clause ("held to question X and Y, whom Z
                    // nominated": not Z)
                    participants.extend(
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
                    if m.date.is_none() && date.is_some() {
                        (m.date, m.end, m.date_inferred) = (date, end, inferred);
                        m.when = None;
                    } else if m.date.is_none() && m.when.is_none() {
                        m.when = when.clone();
                    }
                    m.evidence.push(evidence(
                        article,
                        s,
                        &format!("meeting.{}", m.kind.to_lowercase()),
                    ));
                    m.surfaces.insert(super::mentions::surface(toks, a, b));
                }
                if !first_telling {
                    continue;
                }
            }
            let framed = framing_actor(s, &acts, (a, b), k);
            match kind.as_str() {
                _ if first_telling => {}
                // "X said during Monday's press briefing", "At a dinner on Wednesday, X will tell"
                _ if framed.is_some() => {
                    participants.extend(framed.map(|m| s.mentions[m].key.clone()));
                    // "During a Zoom meeting with members of Congress, X thanked": and the body
                    if matches!(kind.as_str(), "PhoneCall" | "VideoCall") {
                        let bodies = call_bodies(s, &acts, &sources, (a, b), k);
                        participants.extend(bodies.into_iter().map(|m| s.mentions[m].key.clone()));
                    }
                }
                "PhoneCall" | "VideoCall" | "PressConference" => {
                    let chosen = if non_speakers.is_empty() {
                        people
                    } else {
                        non_speakers
                    };
                    participants.extend(chosen.into_iter().map(|m| s.mentions[m].key.clone()));
                    if kind != "PressConference" {
                        let bodies = call_bodies(s, &acts, &sources, (a, b), k);
                        participants.extend(bodies.into_iter().map(|m| s.mentions[m].key.clone()));
                    }
                }
                _ => {
                    let sides = talks_sides(s, &acts, &sources, body, (a, b), verb, k);
                    participants.extend(sides);
                }
            }
            let place = meeting_place(s, &acts, (a, b), (prev_b, next_a), k);
            // "the two leaders met": the two people of the meeting told last
            if verb
                && participants.len() < 2
                && toks[a.saturating_sub(4)..a]
                    .iter()
                    .any(|t| t.lower == "two" || t.lower == "both")
            {
                if let Some(m) = facts
                    .meetings
                    .iter()
                    .rev()
                    .find(|m| !m.kind.is_empty() && m.participants.len() == 2)
                {
                    participants.extend(m.participants.iter().cloned());
                }
            }
            // one named side is enough with a day and a place, or with a nameless other side
            // ("X met with oil industry leaders on Monday")
            let lowercase_at = |j: usize| toks.get(j).is_some_and(|t| !t.is_capitalised());
            let with_others = if toks[b - 1].lower == "with" {
                lowercase_at(b)
            } else {
                toks.get(b).is_some_and(|t| t.lower == "with") && lowercase_at(b + 1)
            };
            // a body that meets on a day holds a session: "OPEC, which will meet on Wednesday"
            let body_meets = participants.len() == 1
                && participants
                    .iter()
                    .all(|p| super::type_of_key(p, k) == EntityType::Organization)
                && toks.get(b).is_none_or(|t| t.lower != "with");
            if verb
                && participants.len() < 2
                && !(participants.len() == 1
                    && date.is_some()
                    && (place.is_some() || with_others || body_meets))
            {
                continue;
            }
            if verb && body_meets && participants.len() == 1 {
                kind = "CouncilMeeting".into();
            }
            // a call has no one place ("Monday evening in Washington" is a time zone)
            let place = place.filter(|_| !matches!(kind.as_str(), "PhoneCall" | "VideoCall"));
            let place_key = place.map(|m| s.mentions[m].key.clone());
            if let Some(p) = &place_key {
                participants.remove(p);
            }
            let status = if future || date.zip(facts.reference).is_some_and(|(d, r)| d > r) {
                "scheduled"
            } else {
                "held"
            };
            let idx = facts.meetings.len();
            facts.meetings.push(LocalMeeting {
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
                    article,
                    s,
                    &format!("meeting.{}", kind.to_lowercase()),
                )],
                surfaces: [super::mentions::surface(toks, a, b)].into_iter().collect(),
            });
            last_meeting = Some(idx);
            if date.is_none() {
                undated.push(idx);
                if lead.open() && untimed(s, &dates, k) {
                    lead.candidates.push(idx);
                }
            }
            if let Some((_, d2)) = again {
                let mut second = facts.meetings[idx].clone();
                (second.date, second.end, second.date_inferred) = (d2.date, d2.end, d2.inferred);
                second.when = d2
                    .date
                    .is_none()
                    .then(|| super::mentions::surface(toks, d2.a, d2.b));
                second.status = if d2.date.zip(facts.reference).is_some_and(|(d, r)| d > r) {
                    "scheduled".into()
                } else {
                    "held".into()
                };
                facts.meetings.push(second);
            }
            scheduled_edges(article, s, a, idx, k, facts);
        }
    }
    lead.date_meetings(facts);
    resolve_in_article(facts, &undated);
}

/// How many sentences of the body make its lead.
const LEAD_SENTENCES: usize = 3;

/// The lead of a dated article: where it ends, and the first day it gives that is not after the
/// publication day and at most a week before it.
#[derive(Default)]
struct Lead {
    sentences: usize,
    date: Option<crate::date::Date>,
    /// The undated meetings it tells.
    candidates: Vec<usize>,
}

/// Whether a sentence tells a meeting with no time of its own: no month, no day it could
/// not place, no word that puts it before or after something ("after talks with X").
fn untimed(s: &Analysed, dates: &[super::dates::DateExpr], k: &Knowledge) -> bool {
    let month = s.tokens.iter().any(|t| t.is(LEX_MONTH));
    let prior = s.tokens.iter().any(|t| k.is_cue("prior", &t.lower));
    !month && !prior && dates.iter().all(|d| d.date.is_some())
}

impl Lead {
    /// Whether the sentence being read is in the lead.
    fn open(&self) -> bool {
        self.sentences <= LEAD_SENTENCES
    }

    fn read(&mut self, dates: &[super::dates::DateExpr], reference: Option<crate::date::Date>) {
        self.sentences += 1;
        if !self.open() {
            return;
        }
        let Some(r) = reference else { return };
        let recent = |d: &crate::date::Date| (0..=7).contains(&(r.to_days() - d.to_days()));
        if self.date.is_none() {
            self.date = dates.iter().filter_map(|d| d.date).find(recent);
        }
    }

    /// A held meeting the lead tells without a day is the news of the day: "Speaking at the
    /// summit, X said" takes the lead's day, else the publication day.
    fn date_meetings(&self, facts: &mut ArticleFacts) {
        let Some(r) = facts.reference else { return };
        for &u in &self.candidates {
            let m = &mut facts.meetings[u];
            if m.status == "held" && m.when.is_none() && !m.participants.is_empty() {
                m.lead_day = Some(self.date.unwrap_or(r));
            }
        }
    }
}

/// The place of a meeting phrase `(a, b)`: a city after "in"/"at" following the phrase (before the
/// next phrase at `next_a`), else one just before it (after the previous phrase's end `prev_b`).
fn meeting_place(
    s: &Analysed,
    acts: &[usize],
    (a, b): (usize, usize),
    (prev_b, next_a): (usize, usize),
    k: &Knowledge,
) -> Option<usize> {
    let toks = &s.tokens;
    // place: a city after "in"/"at" following the phrase, else one just before it
    let city_at = |m: usize| {
        let mm = &s.mentions[m];
        let city = mm
            .key
            .strip_prefix("gaz:")
            .and_then(|id| k.entry(id))
            .is_some_and(|e| e.etype == EntityType::Place && e.kind == "city");
        city && mm.ua > 0 && matches!(toks[mm.ua - 1].lower.as_str(), "in" | "at")
    };
    acts.iter()
        .copied()
        .find(|&m| {
            city_at(m)
                && s.mentions[m].ua >= b
                && s.mentions[m].ua < next_a
                && s.mentions[m].ua <= b + 30
        })
        .or_else(|| {
            acts.iter().copied().rev().find(|&m| {
                city_at(m)
                    && s.mentions[m].ub <= a
                    && s.mentions[m].ua >= prev_b
                    && s.mentions[m].ua + 14 >= a
            })
        })
}

/// "X scheduled / announced a call": the subject of a meeting trigger right before the phrase at
/// `a` (active voice) scheduled meeting `idx`.
fn scheduled_edges(
    article: &Article,
    s: &Analysed,
    a: usize,
    idx: usize,
    k: &Knowledge,
    facts: &mut ArticleFacts,
) {
    let toks = &s.tokens;
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
                    evidence: evidence(article, s, "verb.scheduled"),
                });
            }
        }
    }
}

/// The sides of talks told by the phrase `(a, b)`: "between X and Y", "with X", the subject group
/// before the phrase ("X and Y hold talks"), the people before a meeting verb, and adjectives of
/// countries ("US-Russian talks", "Armenian and Azerbaijani officials met").
fn talks_sides(
    s: &Analysed,
    acts: &[usize],
    sources: &BTreeSet<usize>,
    body: Option<usize>,
    (a, b): (usize, usize),
    verb: bool,
    k: &Knowledge,
) -> BTreeSet<String> {
    let toks = &s.tokens;
    let mut participants = BTreeSet::new();
    // "between X and Y", "with X", "X and Y hold talks", "US-Russian talks"
    let mut picked: Vec<usize> = Vec::new();
    for &m in acts {
        let mm = &s.mentions[m];
        if sources.contains(&m) || body == Some(m) {
            continue;
        }
        let prev = mm
            .ua
            .checked_sub(1)
            .map(|p| toks[p].lower.as_str())
            .unwrap_or("");
        // "with the participation of X" may come after a long phrase
        let cue = toks[b..mm.ua.max(b)]
            .iter()
            .any(|t| t.is(k.cue.participation));
        let after_phrase = mm.ua >= b && (mm.ua <= b + 8 || cue && mm.ua <= b + 24);
        // "with X", "between X and Y", "with the participation of X", the object of
        // "met X"; but not "with X in Anchorage, Alaska"
        let ends_with_with = toks[a..b]
            .last()
            .is_some_and(|t| matches!(t.lower.as_str(), "with" | "between"));
        let between = after_phrase
            && (toks[a..mm.ua].iter().enumerate().any(|(gi, t)| {
                (matches!(t.lower.as_str(), "between" | "with" | "within")
                    || t.is(k.cue.participation))
                    && !toks[a + gi + 1..mm.ua]
                        .iter()
                        .any(|x| x.is(k.cue.locative) || (x.is(k.cue.topic) && x.lower != "of"))
            }) || ((verb || ends_with_with)
                && !toks[b..mm.ua]
                    .iter()
                    .any(|x| x.is(k.cue.locative) || x.is(k.cue.topic) || x.lower == ",")));
        let coordinated = after_phrase
            && prev == "and"
            && picked
                .iter()
                .any(|&p| s.mentions[p].ub + 1 == mm.ua || s.mentions[p].ub + 2 == mm.ua);
        if between && !matches!(prev, "in" | "over" | "on" | "about") || coordinated {
            picked.push(m);
        }
    }
    // the actor group closest before the phrase in its clause ("Russia and the United States
    // are planning to hold a meeting"), unless a body holds the meeting
    if body.is_none() {
        picked.extend(
            subject_group(s, a, k)
                .into_iter()
                .filter(|x| !sources.contains(x)),
        );
    }
    // "The presidents of Colombia, Gustavo Petro, and of Brazil, Lula, met": the people
    // named before the verb in its clause
    if verb {
        picked.extend(acts.iter().copied().filter(|&m| {
            let mm = &s.mentions[m];
            mm.etype == EntityType::Person
                && mm.ub <= a
                && mm.ua + 25 >= a
                && !sources.contains(&m)
                && !(mm.ua..a).any(|j| is_boundary(toks, j, k) && toks[j].lower != "and")
                && !governed(toks, mm.ua, k)
        }));
    }
    participants.extend(picked.iter().map(|&m| s.mentions[m].key.clone()));
    // adjectives of countries right before the phrase or its "diplomats"/"delegations"
    // ("Armenian and Azerbaijani officials met": a verb's sides, when they are the
    // officials or delegations of those countries)
    for m in s.mentions.iter() {
        if m.adjective && !m.inner {
            let gap = &toks[m.b.min(a)..a];
            let in_adjective = |t: &Token| {
                s.mentions
                    .iter()
                    .any(|x| x.adjective && toks[x.a..x.b].iter().any(|y| y.span == t.span))
            };
            let nouns = gap
                .iter()
                .filter(|t| !in_adjective(t) && !matches!(t.lower.as_str(), "-" | "and" | ","))
                .count();
            let sides = gap.last().is_some_and(|t| k.is_cue("side_noun", &t.lower));
            if verb && (nouns > 2 || !sides) {
                continue;
            }
            let close = m.b <= a
                && gap.len() <= 5
                && gap.iter().all(|t| {
                    t.is_word() && !t.is_capitalised()
                        || in_adjective(t)
                        || matches!(t.lower.as_str(), "-" | "and" | ",")
                });
            let between =
                m.a >= b && m.a <= b + 4 && toks[b..m.a].iter().any(|t| t.lower == "between");
            if close || between {
                participants.insert(m.key.clone());
            }
        }
    }
    participants
}

/// The person a meeting phrase `(a, b)` is the setting of: the speaker of "X said during (Monday's)
/// press briefing", or the subject after a sentence-opening "At a working dinner in Brussels on
/// Wednesday, X will tell ...", or "Speaking at the summit, X said".
fn framing_actor(
    s: &Analysed,
    acts: &[usize],
    (a, b): (usize, usize),
    k: &Knowledge,
) -> Option<usize> {
    let toks = &s.tokens;
    if let Some(m) = speaker_of_today(s, acts, a, k) {
        return Some(m);
    }
    // the preposition before the phrase, past its article, possessive date or adjectives
    let prep = (a.saturating_sub(4)..a)
        .rev()
        .find(|&j| k.is_cue("setting", &toks[j].lower))?;
    // only an article, adjectives, a weekday's possessive or a name: "during a White House briefing"
    let between_ok = (prep + 1..a).all(|j| {
        let t = &toks[j];
        t.is_word() && !t.is_capitalised()
            || t.is(LEX_WEEKDAY)
            || matches!(t.lower.as_str(), "'s" | "’s")
            || s.mentions.iter().any(|m| m.a <= j && j < m.b)
    });
    if !between_ok {
        return None;
    }
    if prep >= 1 && toks[prep - 1].is(k.cue.speech) {
        // "X said during": the speaker right before the verb
        let verb = prep - 1;
        return acts.iter().copied().find(|&m| {
            let mm = &s.mentions[m];
            mm.etype == EntityType::Person
                && (mm.ub == verb || mm.ub + 1 == verb && toks[mm.ub].lower == ",")
        });
    }
    // "Speaking at the summit, X said": an opening participle clause that ends with the phrase
    let participle = toks[0].is_capitalised() && toks[0].lower.ends_with("ing");
    if prep == 0 || participle {
        // "At the summit in Geneva on Monday, X told": the first person after the phrase's own
        // words (for a participle, after the comma that ends its clause)
        let from = if participle {
            (b..toks.len()).find(|&j| toks[j].lower == ",")?
        } else {
            b
        };
        return acts.iter().copied().find(|&m| {
            let mm = &s.mentions[m];
            mm.etype == EntityType::Person && mm.ua >= from && !governed(toks, mm.ua, k)
        });
    }
    None
}

/// "“Today's hearing is about the Fed,” Toomey said": the speaker of a quote that opens the
/// sentence and names the meeting at `a` as of the day of speaking is at it.
fn speaker_of_today(s: &Analysed, acts: &[usize], a: usize, k: &Knowledge) -> Option<usize> {
    let toks = &s.tokens;
    let today = a >= 2
        && matches!(toks[a - 1].lower.as_str(), "'s" | "’s")
        && k.relative_days.get(toks[a - 2].lower.as_str()) == Some(&0);
    if !today {
        return None;
    }
    let (_, j) = super::pronouns::opening_quote(toks).filter(|&(close, _)| close > a)?;
    acts.iter().copied().find(|&m| {
        let mm = &s.mentions[m];
        let speaks = toks.get(mm.ub).is_some_and(|t| t.is(k.cue.speech))
            || (j < toks.len() && toks[j].is(k.cue.speech) && mm.ua == j + 1);
        mm.etype == EntityType::Person && (mm.ua == j || mm.ua == j + 1) && speaks
    })
}

/// The bodies a call is held with: "a Zoom meeting with members of Congress", "a call between the
/// minister and the IMF". Organisations after "with" or "between" that follows the phrase `(a, b)`.
fn call_bodies(
    s: &Analysed,
    acts: &[usize],
    sources: &BTreeSet<usize>,
    (a, b): (usize, usize),
    k: &Knowledge,
) -> Vec<usize> {
    let toks = &s.tokens;
    acts.iter()
        .copied()
        .filter(|&m| {
            let mm = &s.mentions[m];
            if mm.etype != EntityType::Organization
                || sources.contains(&m)
                || mm.ua < b
                || mm.ua > b + 8
            {
                return false;
            }
            let with =
                (a..mm.ua).rposition(|j| matches!(toks[j].lower.as_str(), "with" | "between"));
            with.is_some_and(|w| {
                !toks[a + w + 1..mm.ua].iter().any(|x| {
                    x.is(k.cue.locative) || (x.is(k.cue.topic) && x.lower != "of") || x.lower == ","
                })
            })
        })
        .collect()
}

/// The meeting nouns of a sentence, and councils named with a date ("the NATO-Russia Council ... on
/// January 12").
fn meeting_hits(s: &Analysed, k: &Knowledge, dates: &[super::dates::DateExpr]) -> Vec<Hit> {
    let toks = &s.tokens;
    let mut hits: Vec<Hit> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let found = may_start(toks, i, LEX_MEETING_START)
            .then(|| {
                k.meeting_nouns_from(toks[i].lower.as_str())
                    .iter()
                    .map(|&x| &k.meeting_nouns[x])
                    .find(|m| phrase_at(toks, i, &m.words))
            })
            .flatten();
        let Some(mn) = found else {
            i += 1;
            continue;
        };
        let b = i + mn.words.len();
        // "call on", "calls for", "to call", "will call" are verbs; "a call", "the phone call" nouns
        let cue = |j: usize, class: &str| toks.get(j).is_some_and(|t| k.is_cue(class, &t.lower));
        let determiner = i > 0 && cue(i - 1, "meeting_determiner");
        let verb_use = mn.words.len() == 1
            && !determiner
            && (cue(b, "verb_particle") && mn.kind == "PhoneCall"
                || i > 0 && cue(i - 1, "verb_auxiliary"));
        let meeting_verb = k.is_cue("meeting_verb", &mn.words[0]);
        if !inside_mention(s, i) && (!verb_use || meeting_verb) {
            hits.push(Hit {
                a: i,
                b,
                kind: mn.kind.clone(),
                strong: mn.strong,
            });
        }
        i = b;
    }
    for m in actors(s) {
        let mm = &s.mentions[m];
        let named_in_hit = hits
            .iter()
            .any(|h| h.b <= mm.a && mm.a <= h.b + 3 || mm.b <= h.a && h.a <= mm.b + 1);
        // ("the Committee of the Red Cross said Friday" speaks; "suspend X from the Council on
        // Tuesday" is no session)
        let speaks = toks.get(mm.ub).is_some_and(|t| t.is(k.cue.speech));
        let left = (mm.ua.saturating_sub(2)..mm.ua).any(|j| toks[j].lower == "from");
        if is_council(s, m, k)
            && !named_in_hit
            && !speaks
            && !left
            && dates.iter().any(|d| d.a >= mm.b && d.a <= mm.b + 6)
        {
            hits.push(Hit {
                a: mm.a,
                b: mm.b,
                kind: "CouncilMeeting".into(),
                strong: true,
            });
        }
    }
    hits.sort_by_key(|h| h.a);
    hits
}

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
fn resolve_in_article(facts: &mut ArticleFacts, undated: &[usize]) {
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
