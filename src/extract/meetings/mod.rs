//! Meetings: the article's sentences in, the meetings they tell out (kind, day, sides, place,
//! evidence) and who scheduled them: "a phone call with X on Monday", "X and Y held talks in
//! Geneva"; the meetings one article tells more than once are folded into one.

mod fold;
mod hits;
mod record;
mod sides;
mod telling;
mod when;

use std::collections::BTreeSet;

pub use fold::{compatible, merge_into};

use super::dates::find_dates;
use super::facts::ArticleFacts;
use super::mentions::{actors, Analysed};
use crate::knowledge::{EntityType, Knowledge};
use crate::text::Article;
use hits::{group_hits, meeting_hits, Phrase};
use telling::{Cx, Reading, Telling};
use when::Lead;

/// The most meetings one article tells.
pub const MAX_MEETINGS: usize = 100;

/// Finds meetings: a meeting noun with its date, participants and place. Each sentence's meeting
/// phrases ([`hits`]) get their day ([`when`]) and sides ([`sides`]) and are added or referred back
/// ([`record`]); then the meetings told twice are folded ([`fold`]).
pub fn find_meetings(
    article: &Article,
    sents: &[Analysed],
    k: &Knowledge,
    facts: &mut ArticleFacts,
) {
    let mut r = Reading {
        facts,
        last_date: None,
        undated: Vec::new(),
        last_meeting: None,
        lead: Lead::default(),
    };
    for s in sents.iter().filter(|s| !s.headline) {
        // a page that tells this many meetings is a list or junk; resolving them within the
        // article compares every pair, so the rest is not read for meetings
        if r.facts.meetings.len() >= MAX_MEETINGS {
            break;
        }
        read_sentence(article, s, k, &mut r);
    }
    r.lead.date_meetings(r.facts);
    fold::resolve_in_article(r.facts, &r.undated);
}

/// Reads one sentence for meetings: its dates, then each meeting phrase in it.
fn read_sentence(article: &Article, s: &Analysed, k: &Knowledge, r: &mut Reading) {
    let toks = &s.tokens;
    let future = toks.iter().any(|t| t.is(k.cue.future));
    // "the same day", "afterwards": the day of the meeting told last, else of the last date
    let anchor = r
        .last_meeting
        .and_then(|lm: usize| r.facts.meetings[lm].date)
        .or(r.last_date);
    let dates: Vec<_> = find_dates(toks, k, r.facts.reference, anchor)
        .into_iter()
        .filter(|d| !d.dateline)
        .collect();
    if let Some(d) = dates.iter().rev().find_map(|d| d.date) {
        r.last_date = Some(d);
    }
    r.lead.read(&dates, r.facts.reference);
    let hits = meeting_hits(s, k, &dates);
    if hits.is_empty() {
        return;
    }
    let groups = group_hits(hits, &dates);
    let acts = actors(s);
    let sources = sides::sources(s, &acts, k);
    let cx = Cx {
        article,
        k,
        s,
        acts,
        sources,
        dates,
        future,
    };
    let mut claimed: BTreeSet<usize> = BTreeSet::new();
    let mut prev_hit_end = 0;
    let starts: Vec<usize> = groups
        .iter()
        .map(|g| g[0].a)
        .skip(1)
        .chain([toks.len()])
        .collect();
    for (gi, g) in groups.iter().enumerate() {
        // what follows the phrase up to the next meeting phrase belongs to it
        let Some((p, kind)) = Phrase::of(&cx, g, (prev_hit_end, starts[gi])) else {
            continue;
        };
        prev_hit_end = p.b;
        tell(&cx, &p, kind, &mut claimed, r);
    }
}

/// Tells the meeting of one phrase: a meeting of its own, or more of the one told before that it
/// refers back to.
fn tell(cx: &Cx, p: &Phrase, kind: String, claimed: &mut BTreeSet<usize>, r: &mut Reading) {
    let mut t = Telling {
        kind,
        participants: BTreeSet::new(),
        body: None,
        day: None,
        again: None,
        place: None,
    };
    let (s, toks) = (cx.s, &cx.s.tokens);
    sides::add_body(cx, p, &mut t);
    let (ab, between) = ((p.a, p.b), (p.prev_b, p.next_a));
    (t.day, t.again) = when::choose_day(toks, &cx.dates, ab, between, claimed);
    let people: Vec<usize> = cx
        .acts
        .iter()
        .copied()
        .filter(|&m| s.mentions[m].etype == EntityType::Person)
        .collect();
    let non_speakers: Vec<usize> = people
        .iter()
        .copied()
        .filter(|m| !cx.sources.contains(m))
        .collect();
    // "the meeting", "the talks" with no date of their own refer back to a meeting already told
    let anaphoric = t.date().is_none()
        && !p.verb
        && p.a > 0
        && matches!(
            toks[p.a - 1].lower.as_str(),
            "the" | "this" | "that" | "these"
        );
    let mut first_telling = false;
    if !p.strong || anaphoric {
        first_telling = record::refer_back(cx, p, &mut t, &non_speakers, r);
        if !first_telling {
            return;
        }
    }
    if !first_telling {
        sides::add_sides(cx, p, &mut t, people, non_speakers);
    }
    t.place = sides::meeting_place(cx, p);
    sides::add_two_leaders(cx, p, &mut t, r.facts);
    if !sides::verb_sides_suffice(cx, p, &mut t) {
        return;
    }
    record::add_meeting(cx, p, t, r);
}
