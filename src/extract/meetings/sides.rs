//! A meeting's sides and place: a meeting phrase and its sentence in, the keys of who takes part
//! out (the body that holds it, the ends of a call, the sides of talks, the person a briefing is
//! the setting of) and the city it is held in.

use std::collections::BTreeSet;

use super::hits::Phrase;
use super::telling::{is_council, Cx, Telling};
use crate::extract::facts::{type_of_key, ArticleFacts};
use crate::extract::gazetteer::inner_names;
use crate::extract::mentions::{is_media, Analysed};
use crate::extract::pronouns::opening_quote;
use crate::extract::relations::{governed, is_boundary, subject_group};
use crate::knowledge::{EntityType, Knowledge, LEX_WEEKDAY};
use crate::text::Token;

/// The actors of a sentence who are sources: speakers ("X said"), "according to X", media.
pub(super) fn sources(s: &Analysed, acts: &[usize], k: &Knowledge) -> BTreeSet<usize> {
    let toks = &s.tokens;
    // sources: speakers ("X said"), "according to X", media
    acts.iter()
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
            // "X said", "X, a spokesman, said", "said X" (but "said she spoke to Y": "she"
            // opens the clause said)
            let opens_clause = toks[mm.a].is(k.cue.subject_pronoun)
                && toks.get(mm.ub).is_some_and(|t| t.is_word());
            speech(next)
                || speech(after_comma)
                || (mm.ua > 0 && speech(mm.ua - 1) && !opens_clause)
                || (mm.ua >= 2
                    && toks[mm.ua - 1].lower == "to"
                    && toks[mm.ua - 2].lower == "according")
                || is_media(&mm.key, k)
        })
        .collect()
}

/// The council or body named in or right after the phrase: it takes part, with the bodies and
/// countries inside a council's name and its parent body; a council's talks are its session.
pub(super) fn add_body(cx: &Cx, p: &Phrase, t: &mut Telling) {
    let (s, toks, k) = (cx.s, &cx.s.tokens, cx.k);
    let (a, b) = (p.a, p.b);
    let (kind, participants) = (&mut t.kind, &mut t.participants);
    let mut body: Option<usize> = None;
    for &m in &cx.acts {
        let mm = &s.mentions[m];
        let near = (mm.a >= a && mm.b <= b)
            || (mm.ua >= b
                && mm.ua <= b + 3
                && toks[b..mm.ua]
                    .iter()
                    .all(|t| matches!(t.lower.as_str(), "of" | "the" | "within" | "at" | "in")));
        if near && mm.etype == EntityType::Organization && !is_media(&mm.key, k) {
            body = Some(m);
        }
    }
    if let Some(m) = body {
        let mm = &s.mentions[m];
        if is_council(s, m, k) && (kind == "Talks" || p.opens_council) {
            *kind = "CouncilMeeting".into();
        }
        participants.insert(mm.key.clone());
        // the bodies and countries inside an international council's name ("Russia-NATO Council"),
        // and its parent body (not "Senate" in "Senate Banking Committee")
        let national = mm
            .key
            .strip_prefix("gaz:")
            .and_then(|id| k.entry(id))
            .is_some_and(|e| e.country.is_some());
        let inner = if is_council(s, m, k) && !national {
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
        // (an international body's organ only: a country's committee meets as itself, not as
        // its house)
        if let Some(parent) = mm
            .key
            .strip_prefix("gaz:")
            .and_then(|id| k.entry(id))
            .filter(|e| e.country.is_none())
            .and_then(|e| e.parent.clone())
        {
            if k.entry(&parent)
                .is_some_and(|p| p.etype == EntityType::Organization)
            {
                participants.insert(format!("gaz:{parent}"));
            }
        }
    }
    t.body = body;
}

/// The sides of a meeting its phrase tells first, by its kind: the person it is the setting of,
/// the people of a call or briefing and the bodies it is held with, or the sides of talks.
pub(super) fn add_sides(
    cx: &Cx,
    p: &Phrase,
    t: &mut Telling,
    people: Vec<usize>,
    non_speakers: Vec<usize>,
) {
    let (s, acts, sources, k) = (cx.s, &cx.acts, &cx.sources, cx.k);
    let (a, b) = (p.a, p.b);
    let (kind, participants) = (&t.kind, &mut t.participants);
    let framed = framing_actor(s, acts, (a, b), k);
    match kind.as_str() {
        // "X said during Monday's press briefing", "At a dinner on Wednesday, X will tell"
        _ if framed.is_some() => {
            participants.extend(framed.map(|m| s.mentions[m].key.clone()));
            // "During a Zoom meeting with members of Congress, X thanked": and the body
            if matches!(kind.as_str(), "PhoneCall" | "VideoCall") {
                let bodies = call_bodies(s, acts, sources, (a, b), k);
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
                let bodies = call_bodies(s, acts, sources, (a, b), k);
                participants.extend(bodies.into_iter().map(|m| s.mentions[m].key.clone()));
            }
        }
        _ => {
            let sides = talks_sides(cx, p, t.body);
            participants.extend(sides);
        }
    }
}

/// "the two leaders met": a meeting verb with fewer than two sides takes the two people of the
/// meeting told last.
pub(super) fn add_two_leaders(cx: &Cx, p: &Phrase, t: &mut Telling, facts: &ArticleFacts) {
    let (toks, a, participants) = (&cx.s.tokens, p.a, &mut t.participants);
    if p.verb
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
}

/// Whether a meeting verb's sides make a meeting: two, or one named side with a day and a place,
/// a nameless other side or a body that meets (which then holds a session).
pub(super) fn verb_sides_suffice(cx: &Cx, p: &Phrase, t: &mut Telling) -> bool {
    let (toks, k, b, verb) = (&cx.s.tokens, cx.k, p.b, p.verb);
    let (participants, date, place) = (&t.participants, t.date(), t.place);
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
            .all(|p| type_of_key(p, k) == EntityType::Organization)
        && toks.get(b).is_none_or(|t| t.lower != "with");
    if verb
        && participants.len() < 2
        && !(participants.len() == 1
            && date.is_some()
            && (place.is_some() || with_others || body_meets))
    {
        return false;
    }
    if verb && body_meets && participants.len() == 1 {
        t.kind = "CouncilMeeting".into();
    }
    true
}

/// The place of a meeting phrase `(a, b)`: a city after "in"/"at" following the phrase (before the
/// next phrase at `next_a`), else one just before it (after the previous phrase's end `prev_b`).
pub(super) fn meeting_place(cx: &Cx, p: &Phrase) -> Option<usize> {
    let (s, acts, k, toks) = (cx.s, &cx.acts, cx.k, &cx.s.tokens);
    let (a, b, prev_b, next_a) = (p.a, p.b, p.prev_b, p.next_a);
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

/// The sides of talks told by the phrase `(a, b)`: "between X and Y", "with X", the subject group
/// before the phrase ("X and Y hold talks"), the people before a meeting verb, and adjectives of
/// countries ("US-Russian talks", "Armenian and Azerbaijani officials met").
fn talks_sides(cx: &Cx, p: &Phrase, body: Option<usize>) -> BTreeSet<String> {
    let (s, acts, sources, k, toks) = (cx.s, &cx.acts, &cx.sources, cx.k, &cx.s.tokens);
    let (a, verb) = (p.a, p.verb);
    let mut participants = BTreeSet::new();
    // "between X and Y", "with X", "X and Y hold talks", "US-Russian talks"
    let mut picked = partners(cx, p, body);
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
    adjective_sides(s, p, k, &mut participants);
    participants
}

/// The actors a talks phrase names as its partners: "between X and Y", "with X", "with the
/// participation of X", the object of "met X", and those coordinated with them.
fn partners(cx: &Cx, p: &Phrase, body: Option<usize>) -> Vec<usize> {
    let (s, acts, sources, k, toks) = (cx.s, &cx.acts, &cx.sources, cx.k, &cx.s.tokens);
    let (a, b, verb) = (p.a, p.b, p.verb);
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
    picked
}

/// Adjectives of countries right before a talks phrase or its "diplomats"/"delegations", or after
/// its "between": the countries take part ("Armenian and Azerbaijani officials met": a verb's
/// sides, when they are the officials or delegations of those countries).
fn adjective_sides(s: &Analysed, p: &Phrase, k: &Knowledge, participants: &mut BTreeSet<String>) {
    let (toks, a, b, verb) = (&s.tokens, p.a, p.b, p.verb);
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
    let (_, j) = opening_quote(toks).filter(|&(close, _)| close > a)?;
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
