//! A meeting's day: a meeting phrase and its sentence's dates in, the date it takes out (and a
//! second day the same people met again); and the lead of a dated article, whose undated held
//! meetings take the lead's day.

use std::collections::BTreeSet;

use crate::date::Date;
use crate::extract::dates::DateExpr;
use crate::extract::facts::ArticleFacts;
use crate::extract::mentions::Analysed;
use crate::knowledge::{Knowledge, LEX_MONTH};
use crate::text::Token;

/// The day of the meeting phrase `(a, b)` (between the previous phrase's end and the next's start):
/// the nearest date after it in its clause that no phrase before claimed, else the nearest before it; and a second day right after that one, the same people
/// meeting again ("spoke by phone on February 10 and September 9"). Both are then claimed.
pub(super) fn choose_day<'d>(
    toks: &[Token],
    dates: &'d [DateExpr],
    (a, b): (usize, usize),
    (prev_hit_end, next_a): (usize, usize),
    claimed: &mut BTreeSet<usize>,
) -> (Option<&'d DateExpr>, Option<&'d DateExpr>) {
    // date: the nearest unclaimed date after the phrase in its clause, else the nearest before
    let after = dates
        .iter()
        .enumerate()
        .filter(|(di, d)| !claimed.contains(di) && d.a >= b && d.a < next_a && d.a <= b + 30)
        .min_by_key(|(_, d)| d.a);
    let before = dates
        .iter()
        .enumerate()
        .filter(|(di, d)| !claimed.contains(di) && d.b <= a && a - d.b <= 12 && d.a >= prev_hit_end)
        .max_by_key(|(_, d)| d.b);
    let chosen = after.or(before);
    if let Some((di, _)) = chosen {
        claimed.insert(di);
    }
    // "spoke by phone on February 10 and September 9": the same people met again on the second day
    let again: Option<(usize, &DateExpr)> = chosen.and_then(|(di, d)| {
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
    (chosen.map(|(_, d)| d), again.map(|(_, d)| d))
}

/// How many sentences of the body make its lead.
const LEAD_SENTENCES: usize = 3;

/// The lead of a dated article: where it ends, and the first day it gives that is not after the
/// publication day and at most a week before it.
#[derive(Default)]
pub(super) struct Lead {
    sentences: usize,
    date: Option<Date>,
    /// The undated meetings it tells.
    pub(super) candidates: Vec<usize>,
}

/// Whether a sentence tells a meeting with no time of its own: no month, no day it could
/// not place, no word that puts it before or after something ("after talks with X").
pub(super) fn untimed(s: &Analysed, dates: &[DateExpr], k: &Knowledge) -> bool {
    let month = s.tokens.iter().any(|t| t.is(LEX_MONTH));
    let prior = s.tokens.iter().any(|t| k.is_cue("prior", &t.lower));
    !month && !prior && dates.iter().all(|d| d.date.is_some())
}

impl Lead {
    /// Whether the sentence being read is in the lead.
    pub(super) fn open(&self) -> bool {
        self.sentences <= LEAD_SENTENCES
    }

    /// Reads a sentence's dates: the lead's day is the first recent one its sentences give.
    pub(super) fn read(&mut self, dates: &[DateExpr], reference: Option<Date>) {
        self.sentences += 1;
        if !self.open() {
            return;
        }
        let Some(r) = reference else { return };
        let recent = |d: &Date| (0..=7).contains(&(r.to_days() - d.to_days()));
        if self.date.is_none() {
            self.date = dates.iter().filter_map(|d| d.date).find(recent);
        }
    }

    /// A held meeting the lead tells without a day is the news of the day: "Speaking at the
    /// summit, X said" takes the lead's day, else the publication day.
    pub(super) fn date_meetings(&self, facts: &mut ArticleFacts) {
        let Some(r) = facts.reference else { return };
        for &u in &self.candidates {
            let m = &mut facts.meetings[u];
            if m.status == "held" && m.when.is_none() && !m.participants.is_empty() {
                m.lead_day = Some(self.date.unwrap_or(r));
            }
        }
    }
}
