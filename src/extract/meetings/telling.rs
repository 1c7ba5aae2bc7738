//! What the steps of telling a meeting share: the article as it is read ([`Reading`]), a sentence
//! ([`Cx`]) and the meeting one phrase tells ([`Telling`]), in; and the kinds of meeting, how
//! specific each is and whether a mention names a council, out.

use std::collections::BTreeSet;

use crate::date::Date;
use crate::extract::dates::DateExpr;
use crate::extract::facts::ArticleFacts;
use crate::extract::mentions::{surface, Analysed};
use crate::knowledge::{EntityType, Knowledge};
use crate::text::{Article, Token};

use super::when::Lead;

/// The article as its sentences are read for meetings.
pub(super) struct Reading<'f> {
    /// The article's facts, its meetings among them.
    pub(super) facts: &'f mut ArticleFacts,
    /// The last day a sentence gave.
    pub(super) last_date: Option<Date>,
    /// Meetings without a date, resolved at the end of the article.
    pub(super) undated: Vec<usize>,
    /// The meeting told last.
    pub(super) last_meeting: Option<usize>,
    /// The lead of the article, and the undated meetings it tells.
    pub(super) lead: Lead,
}

/// A sentence read for meetings: what its meeting phrases share.
pub(super) struct Cx<'s, 'a> {
    pub(super) article: &'s Article,
    pub(super) k: &'s Knowledge,
    pub(super) s: &'s Analysed<'a>,
    /// Its actors: the mentions that can be arguments.
    pub(super) acts: Vec<usize>,
    /// The actors who are sources: speakers ("X said"), "according to X", media.
    pub(super) sources: BTreeSet<usize>,
    /// Its dates, but a dateline.
    pub(super) dates: Vec<DateExpr>,
    /// Whether it speaks of the future.
    pub(super) future: bool,
}

/// A meeting as one phrase tells it, built by the steps of `tell`.
pub(super) struct Telling<'d> {
    pub(super) kind: String,
    /// The keys of its sides.
    pub(super) participants: BTreeSet<String>,
    /// The council or body named in or right after the phrase.
    pub(super) body: Option<usize>,
    /// The date chosen for it.
    pub(super) day: Option<&'d DateExpr>,
    /// A second day the same people met again: "spoke by phone on February 10 and September 9".
    pub(super) again: Option<&'d DateExpr>,
    /// The mention of its place.
    pub(super) place: Option<usize>,
}

impl Telling<'_> {
    /// Its first day.
    pub(super) fn date(&self) -> Option<Date> {
        self.day.and_then(|d| d.date)
    }

    /// Its first day, its last day and whether the day was inferred.
    pub(super) fn dated(&self) -> (Option<Date>, Option<Date>, bool) {
        self.day
            .map_or((None, None, false), |d| (d.date, d.end, d.inferred))
    }

    /// A day the article's missing date cannot place, kept as written ("Monday", "last week").
    pub(super) fn when(&self, toks: &[Token]) -> Option<String> {
        self.day
            .filter(|d| d.date.is_none())
            .map(|d| surface(toks, d.a, d.b))
    }
}

/// How specific a kind of meeting is: a call or a briefing (3), a session or a summit (2), talks (1).
pub(super) fn specificity(kind: &str) -> u8 {
    match kind {
        // ("Other" is a named kind of session: "Prime Minister's Questions")
        "PhoneCall" | "VideoCall" | "PressConference" | "Other" => 3,
        "CouncilMeeting" | "Summit" => 2,
        _ => 1,
    }
}

/// Whether mention `m` of `s` names a council (a body whose name has a council word).
pub(super) fn is_council(s: &Analysed, m: usize, k: &Knowledge) -> bool {
    let mm = &s.mentions[m];
    mm.etype == EntityType::Organization && s.tokens[mm.a..mm.b].iter().any(|t| t.is(k.cue.council))
}
