//! Dates: a sentence's tokens (and the article's date) in, its date expressions out, each with
//! the day or days it resolves to: written dates, weekdays, relative words ("yesterday", "the same
//! day", "next week") and ranges; and the article's own date, from its first lines.

use crate::date::Date;
use crate::knowledge::{Knowledge, LEX_DATE_PHRASE, LEX_DATE_WORD, LEX_MONTH, LEX_WEEKDAY};
use crate::text::Token;

/// A date expression found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateExpr {
    /// Token range `[a, b)`.
    pub a: usize,
    /// End of the token range.
    pub b: usize,
    /// Resolved first day, when it could be resolved.
    pub date: Option<Date>,
    /// Last day for ranges such as "January 9-10".
    pub end: Option<Date>,
    /// Whether the day was inferred (weekday or relative word) rather than written as a date.
    pub inferred: bool,
    /// A dateline ("WASHINGTON Dec 31"): the article's date, not an event's.
    pub dateline: bool,
}

/// Whether the words before token `i` put it in the past or the future (`None`: no cue).
fn tense(tokens: &[Token], i: usize, k: &Knowledge) -> Option<bool> {
    let window = &tokens[i.saturating_sub(14)..i];
    if window.iter().any(|t| t.is(k.cue.future)) {
        Some(true)
    } else if window.iter().any(|t| t.is(k.cue.past)) {
        Some(false)
    } else {
        None
    }
}

/// The year that puts a month and day nearest the article's date (news speaks of the recent past and
/// near future); on or after it for the future tense, on or before it for the past.
fn nearest_year(month: u32, day: u32, reference: Date, future: Option<bool>) -> Option<Date> {
    [reference.year - 1, reference.year, reference.year + 1]
        .into_iter()
        .filter_map(|y| Date::new(y, month, day))
        .filter(|d| match future {
            Some(true) => *d >= reference.add_days(-1),
            Some(false) => *d <= reference,
            None => true,
        })
        .min_by_key(|d| (d.to_days() - reference.to_days()).abs())
}

/// A day or a range of days as one token ("9", "9th", "9-10").
fn day_range(tok: &str) -> Option<(u32, Option<u32>)> {
    let t = tok.trim_end_matches(|c: char| c.is_alphabetic()); // 9th, 1st
    if let Some((a, b)) = t.split_once(['-', '–']) {
        return Some((a.parse().ok()?, Some(b.parse().ok()?)));
    }
    let d: u32 = t.parse().ok()?;
    (1..=31).contains(&d).then_some((d, None))
}

/// Finds date expressions in `tokens`. `reference` is the article's date; `last` the latest date
/// resolved before this sentence (for "the same day"). A weekday is read as the coming one when a
/// future cue stands shortly before it ("will meet on Monday"), else as the last one.
pub fn find_dates(
    tokens: &[Token],
    k: &Knowledge,
    reference: Option<Date>,
    last: Option<Date>,
) -> Vec<DateExpr> {
    let mut out: Vec<DateExpr> = Vec::new();
    let n = tokens.len();
    // most tokens start no date: only a number, a month or weekday name, a date word or a word
    // heading a phrase below can; the class bits and the first byte decide, in a tight loop of its
    // own that passes over the rest
    let may = |t: &Token| {
        t.is(LEX_MONTH | LEX_WEEKDAY | LEX_DATE_WORD | LEX_DATE_PHRASE)
            || t.text.as_bytes().first().is_some_and(u8::is_ascii_digit)
    };
    let cx = Dating {
        tokens,
        k,
        reference,
        last,
    };
    let mut i = 0;
    while i < n {
        match tokens[i..].iter().position(may) {
            Some(p) => i += p,
            None => break,
        }
        i = cx.date_at(i, &mut out).unwrap_or(i + 1);
    }
    let mut out = join_ranges(tokens, out, k);
    out.retain(|d| !names_an_event(tokens, d, k));
    out
}

/// Whether a written day names an event rather than tells when something happens: after "the" and
/// before a common noun that is no meeting's ("the January 6 attack", "the Feb. 24 invasion"; not
/// "the June 16 summit", whose day it is), or after a word that makes it a topic ("about January
/// 6", "related to January 6").
fn names_an_event(tokens: &[Token], d: &DateExpr, k: &Knowledge) -> bool {
    if d.a == 0 || d.inferred {
        return false;
    }
    let named = tokens[d.a - 1].lower == "the"
        && tokens.get(d.b).is_some_and(|t| {
            t.is_word() && !t.is_capitalised() && !t.is(crate::knowledge::LEX_MEETING_START)
        });
    // "questions about January 6", "activities related to January 6": the day is the topic
    let topic = |j: usize| k.is_cue("date_topic", &tokens[j].lower);
    let about = topic(d.a - 1) || d.a >= 2 && tokens[d.a - 1].lower == "to" && topic(d.a - 2);
    named || about
}

/// What the date forms of a sentence are read against.
struct Dating<'t, 'a> {
    tokens: &'t [Token<'a>],
    k: &'t Knowledge,
    /// The article's date.
    reference: Option<Date>,
    /// The latest date resolved before this sentence.
    last: Option<Date>,
}

/// A date written or told by a word: its token range, day, last day and whether it was inferred.
fn expr(a: usize, b: usize, date: Option<Date>, end: Option<Date>, inferred: bool) -> DateExpr {
    DateExpr {
        a,
        b,
        date,
        end,
        inferred,
        dateline: false,
    }
}

impl Dating<'_, '_> {
    /// The date form at token `i`, if any, added to `out`: the token after it (past a phrase that
    /// gives no day, "next week" in an undated article), or `None` when no form starts there.
    fn date_at(&self, i: usize, out: &mut Vec<DateExpr>) -> Option<usize> {
        let w = self.tokens[i].lower.trim_end_matches('.');
        self.iso_date(i, out)
            .or_else(|| self.month_day(i, out))
            .or_else(|| self.day_month(i, out))
            .or_else(|| self.weekday(i, w, out))
            .or_else(|| self.relative_day(i, w, out))
            .or_else(|| self.day_later(i, w, out))
            .or_else(|| self.since_last(i, w, out))
            .or_else(|| self.week(i, w, out))
            .or_else(|| self.same_day(i, w, out))
    }

    /// The month a token names ("March", "Mar.").
    fn month(&self, t: &Token) -> Option<u32> {
        t.is(LEX_MONTH)
            .then(|| self.k.months.get(t.lower.trim_end_matches('.')))
            .flatten()
            .copied()
    }

    /// The last date found in this sentence, else the one before it: what "the same day" is told
    /// after.
    fn base(&self, out: &[DateExpr]) -> Option<Date> {
        out.last().and_then(|d| d.date).or(self.last)
    }

    /// An ISO date: "2022-03-01".
    fn iso_date(&self, i: usize, out: &mut Vec<DateExpr>) -> Option<usize> {
        let t = &self.tokens[i];
        let d = Date::parse_iso(t.text).filter(|_| t.text.len() == 10)?;
        out.push(expr(i, i + 1, Some(d), None, false));
        Some(i + 1)
    }

    /// Month Day[-Day][, Year]: "March 2", "January 9-10, 2022"; after a word in capitals, a
    /// dateline ("WASHINGTON Dec 31").
    fn month_day(&self, i: usize, out: &mut Vec<DateExpr>) -> Option<usize> {
        let tokens = self.tokens;
        let m = self
            .month(&tokens[i])
            .filter(|_| tokens[i].is_capitalised())?;
        let (d1, d2) = tokens.get(i + 1).and_then(|t| day_range(t.text))?;
        let mut b = i + 2;
        let mut year = None;
        let mut j = b;
        if tokens.get(j).is_some_and(|t| t.text == ",") {
            j += 1;
        }
        if let Some(y) = tokens
            .get(j)
            .and_then(|t| t.text.parse::<i32>().ok())
            .filter(|y| (1900..2100).contains(y))
        {
            year = Some(y);
            b = j + 1;
        }
        let (date, end) = self.day_span(i, m, (d1, d2), year);
        let dateline = i > 0
            && tokens[i - 1]
                .text
                .chars()
                .filter(|c| c.is_alphabetic())
                .count()
                >= 3
            && tokens[i - 1]
                .text
                .chars()
                .all(|c| !c.is_alphabetic() || c.is_uppercase());
        out.push(DateExpr {
            dateline,
            ..expr(i, b, date, end, false)
        });
        Some(b)
    }

    /// The day (and a range's last day) of month `m` named at token `i`: in `year`, or else the
    /// year that puts it nearest the reference date in the sentence's tense.
    fn day_span(
        &self,
        i: usize,
        m: u32,
        (d1, d2): (u32, Option<u32>),
        year: Option<i32>,
    ) -> (Option<Date>, Option<Date>) {
        let date = match year {
            Some(y) => Date::new(y, m, d1),
            None => self
                .reference
                .and_then(|r| nearest_year(m, d1, r, tense(self.tokens, i, self.k))),
        };
        let end = d2.and_then(|d2| date.and_then(|d| Date::new(d.year, m, d2)));
        (date, end)
    }

    /// Day Month [Year]: "4 July 2018".
    fn day_month(&self, i: usize, out: &mut Vec<DateExpr>) -> Option<usize> {
        let tokens = self.tokens;
        let (d1, d2) = day_range(tokens[i].text)?;
        let m = tokens.get(i + 1).and_then(|t| self.month(t))?;
        let mut b = i + 2;
        let year = tokens
            .get(b)
            .and_then(|t| t.text.parse::<i32>().ok())
            .filter(|y| (1900..2100).contains(y));
        if year.is_some() {
            b += 1;
        }
        let (date, end) = self.day_span(i, m, (d1, d2), year);
        out.push(expr(i, b, date, end, false));
        Some(b)
    }

    /// A weekday: the coming one after a future cue ("will meet on Monday", "next Monday"), else
    /// the last one ("met on Monday", "last Monday").
    fn weekday(&self, i: usize, w: &str, out: &mut Vec<DateExpr>) -> Option<usize> {
        let (tokens, k) = (self.tokens, self.k);
        let weekday = tokens[i]
            .is(LEX_WEEKDAY)
            .then(|| k.weekdays.get(w))
            .flatten();
        let &wd = weekday.filter(|_| tokens[i].is_capitalised())?;
        let prev = i.checked_sub(1).map(|p| tokens[p].lower.as_str());
        let window = &tokens[i.saturating_sub(14)..i];
        let past = tokens[i.saturating_sub(4)..i]
            .iter()
            .any(|t| t.is(k.cue.past));
        // no cue before: the verb after decides ("On Wednesday, the session will be held")
        let after = &tokens[i + 1..(i + 12).min(tokens.len())];
        let cue_before = window
            .iter()
            .any(|t| t.is(k.cue.future) || t.is(k.cue.past));
        let fut = !past
            && (window.iter().any(|t| t.is(k.cue.future))
                || matches!(prev, Some("next" | "coming" | "this"))
                || !cue_before
                    && after
                        .iter()
                        .position(|t| t.is(k.cue.future))
                        .is_some_and(|f| {
                            after
                                .iter()
                                .position(|t| t.is(k.cue.past))
                                .is_none_or(|p| f < p)
                        }));
        let date = self.reference.map(|r| {
            let rw = i64::from(r.weekday());
            let wd = i64::from(wd);
            match prev {
                // "next Monday" is never today, nor "last Monday"
                Some("next") => r.add_days((wd - rw - 1).rem_euclid(7) + 1),
                Some("last") => r.add_days(-((rw - wd - 1).rem_euclid(7) + 1)),
                _ if fut => r.add_days((wd - rw).rem_euclid(7)),
                _ => r.add_days(-((rw - wd).rem_euclid(7))),
            }
        });
        out.push(expr(i, i + 1, date, None, true));
        Some(i + 1)
    }

    /// A day told relative to the article's: "yesterday", "tomorrow", "the day before yesterday".
    fn relative_day(&self, i: usize, w: &str, out: &mut Vec<DateExpr>) -> Option<usize> {
        let tokens = self.tokens;
        let date_word = tokens[i].is(LEX_DATE_WORD);
        let &off = date_word.then(|| self.k.relative_days.get(w)).flatten()?;
        // "the day before yesterday", "the day after tomorrow"
        let before = |o: usize| i.checked_sub(o).map(|j| tokens[j].lower.as_str());
        let (a, off) = match (before(2), before(1)) {
            (Some("day"), Some("before")) => (i - 2, off - 1),
            (Some("day"), Some("after")) => (i - 2, off + 1),
            _ => (i, off),
        };
        out.push(expr(
            a,
            i + 1,
            self.reference.map(|r| r.add_days(off)),
            None,
            true,
        ));
        Some(i + 1)
    }

    /// "a day later": the day after the last date.
    fn day_later(&self, i: usize, w: &str, out: &mut Vec<DateExpr>) -> Option<usize> {
        if w != "day" || self.next(i, 1) != Some("later") {
            return None;
        }
        let base = self.base(out);
        out.push(expr(
            i.saturating_sub(1),
            i + 2,
            base.map(|d| d.add_days(1)),
            None,
            true,
        ));
        Some(i + 2)
    }

    /// "afterwards": the day of the last date, moved by the word's offset.
    fn since_last(&self, i: usize, w: &str, out: &mut Vec<DateExpr>) -> Option<usize> {
        let date_word = self.tokens[i].is(LEX_DATE_WORD);
        let &off = date_word.then(|| self.k.since_last.get(w)).flatten()?;
        let base = self.base(out).map(|d| d.add_days(off));
        out.push(expr(i, i + 1, base, None, true));
        Some(i + 1)
    }

    /// "next week", "this week", "last week": its Monday to Sunday (no day in an undated article).
    fn week(&self, i: usize, w: &str, out: &mut Vec<DateExpr>) -> Option<usize> {
        if !matches!(w, "next" | "this" | "last") || self.next(i, 1) != Some("week") {
            return None;
        }
        if let Some(r) = self.reference {
            let monday = r.add_days(-i64::from(r.weekday()));
            let start = match w {
                "next" => monday.add_days(7),
                "last" => monday.add_days(-7),
                _ => monday,
            };
            out.push(expr(i, i + 2, Some(start), Some(start.add_days(6)), true));
        }
        Some(i + 2)
    }

    /// "the same day": the day of the last date.
    fn same_day(&self, i: usize, w: &str, out: &mut Vec<DateExpr>) -> Option<usize> {
        if w != "same" || self.next(i, 1) != Some("day") {
            return None;
        }
        let base = self.base(out);
        out.push(expr(i.saturating_sub(1), i + 2, base, None, true));
        Some(i + 2)
    }

    /// The lowercase word `o` tokens after token `i`.
    fn next(&self, i: usize, o: usize) -> Option<&str> {
        self.tokens.get(i + o).map(|t| t.lower.as_str())
    }
}

/// "from December 30 to January 3": two written days joined by a word of cue class `range_joiner`
/// ("to", "until", a dash) are one range, its end in the year after when it falls before its start.
fn join_ranges(tokens: &[Token], dates: Vec<DateExpr>, k: &Knowledge) -> Vec<DateExpr> {
    let mut out: Vec<DateExpr> = Vec::with_capacity(dates.len());
    for d in dates {
        if let Some(prev) = out.last_mut() {
            let joined = d.a == prev.b + 1 && k.is_cue("range_joiner", &tokens[prev.b].lower);
            if let (true, false, false, None, Some(s), Some(e)) = (
                joined,
                prev.inferred,
                d.inferred,
                prev.end,
                prev.date,
                d.date,
            ) {
                let end = if e < s {
                    Date::new(s.year + 1, e.month, e.day)
                } else {
                    Some(e)
                };
                prev.end = end.or(Some(e));
                prev.b = d.b;
                continue;
            }
        }
        out.push(d);
    }
    out
}

/// Looks for the article's own date in its first lines: an ISO date or "Month Day, Year".
pub fn find_article_date(text: &str, k: &Knowledge) -> Option<Date> {
    let head: String = head_of(text).lines().take(6).collect::<Vec<_>>().join("\n");
    let toks = crate::text::tokens(&head, 0, k);
    for t in &toks {
        if t.text.len() >= 10 {
            if let Some(d) = Date::parse_iso(t.text) {
                return Some(d);
            }
        }
    }
    find_dates(&toks, k, None, None)
        .into_iter()
        .find_map(|d| d.date)
}

/// The most bytes of an article's start searched for its own date: a page of one long line is
/// not tokenised whole for it.
const HEAD_BYTES: usize = 4096;

/// The first [`HEAD_BYTES`] of `text`, cut at a character boundary.
fn head_of(text: &str) -> &str {
    prefix(text, HEAD_BYTES)
}

/// The first `n` bytes of `text`, or fewer to end at a character boundary.
fn prefix(text: &str, n: usize) -> &str {
    let mut end = text.len().min(n);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Whether a date found in an article's head fits its content: a page's timestamp may be a re-post
/// months later. When the article names two or more days (month and day) and none lies within 45 days
/// of `date`, the date does not belong to the story. (The first 64 KB tell: a story names its days
/// early, and a huge page is not tokenised twice.)
pub fn plausible_article_date(text: &str, k: &Knowledge, date: Date) -> bool {
    let toks = crate::text::tokens(prefix(text, 1 << 16), 0, k);
    let days: Vec<Date> = find_dates(&toks, k, Some(date), None)
        .into_iter()
        .filter(|d| !d.inferred && d.date != Some(date))
        .filter_map(|d| d.date)
        .collect();
    days.len() < 2
        || days
            .iter()
            .any(|d| (d.to_days() - date.to_days()).abs() <= 45)
}

/// For an article with no year in its head: a dateline's month and day ("WASHINGTON Dec 31") in its
/// first lines, with the year that puts it nearest `around` (the corpus's typical date).
pub fn find_article_date_near(text: &str, k: &Knowledge, around: Date) -> Option<Date> {
    let head: String = head_of(text)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(3)
        .collect::<Vec<_>>()
        .join("\n");
    let toks = crate::text::tokens(&head, 0, k);
    find_dates(&toks, k, Some(around), None)
        .into_iter()
        .find(|d| d.dateline)
        .and_then(|d| d.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_forms_both_ways() {
        let k = Knowledge::embedded();
        let monday = Date::new(2023, 5, 8); // a Monday
        let wednesday = Date::new(2023, 5, 10);
        // name, article date, text, the days found (first..last)
        let cases: &[(&str, Option<Date>, &str, &[&str])] = &[
            ("yesterday", monday, "They met yesterday.", &["2023-05-07"]),
            ("tomorrow", monday, "They meet tomorrow.", &["2023-05-09"]),
            (
                "the day before yesterday",
                monday,
                "They met the day before yesterday.",
                &["2023-05-06"],
            ),
            (
                "the day after tomorrow",
                monday,
                "They meet the day after tomorrow.",
                &["2023-05-10"],
            ),
            (
                "last Monday in a Monday article",
                monday,
                "They met last Monday.",
                &["2023-05-01"],
            ),
            (
                "next Monday in a Monday article",
                monday,
                "They will meet next Monday.",
                &["2023-05-15"],
            ),
            (
                "last Monday in a Wednesday article",
                wednesday,
                "They met last Monday.",
                &["2023-05-08"],
            ),
            (
                "next Monday in a Wednesday article",
                wednesday,
                "They will meet next Monday.",
                &["2023-05-15"],
            ),
            (
                "Monday said on a Monday is that day",
                monday,
                "They met on Monday.",
                &["2023-05-08"],
            ),
            (
                "a past weekday",
                wednesday,
                "They met on Tuesday.",
                &["2023-05-09"],
            ),
            (
                "a future weekday",
                wednesday,
                "They will meet on Tuesday.",
                &["2023-05-16"],
            ),
            (
                "last week",
                wednesday,
                "They met last week.",
                &["2023-05-01..2023-05-07"],
            ),
            (
                "next week",
                wednesday,
                "They will meet next week.",
                &["2023-05-15..2023-05-21"],
            ),
            (
                "a range across the new year",
                Date::new(2021, 12, 28),
                "Talks run from December 30 to January 3.",
                &["2021-12-30..2022-01-03"],
            ),
            (
                "a range within a month",
                wednesday,
                "Talks ran from May 2 to May 4.",
                &["2023-05-02..2023-05-04"],
            ),
            (
                "two days that are no range",
                wednesday,
                "Talks on May 2 and a call on May 4.",
                &["2023-05-02", "2023-05-04"],
            ),
        ];
        for (name, reference, text, want) in cases {
            let toks = crate::text::tokens(text, 0, &k);
            let got: Vec<String> = find_dates(&toks, &k, *reference, None)
                .into_iter()
                .filter_map(|d| {
                    let first = d.date?.to_string();
                    Some(match d.end {
                        Some(e) => format!("{first}..{e}"),
                        None => first,
                    })
                })
                .collect();
            assert_eq!(got, *want, "{name}");
        }
    }

    #[test]
    fn resolves_against_the_article_date() {
        let k = Knowledge::embedded();
        let friday = Date::new(2019, 3, 8); // a Friday
        let cases: &[(&str, &str, &[&str])] = &[
            ("month day in the past", "They met on March 2 in Oslo.", &["2019-03-02"]),
            ("a day that names an event", "They met to discuss the January 6 attack.", &[]),
            ("a day that is a topic", "They answered questions related to January 6.", &[]),
            ("a day after 'about'", "She spoke about March 2 and what followed.", &[]),
            ("the day of a meeting named by it", "At the March 2 summit they met.", &["2019-03-02"]),
            ("month day across new year", "Talks open on January 9-10.", &["2019-01-09"]),
            ("weekday past", "On Tuesday the ministers spoke.", &["2019-03-05"]),
            ("weekday future", "They will meet on Monday.", &["2019-03-11"]),
            ("weekday future far from the cue", "The two leaders will hold a video conference with the Chilean president on Monday.", &["2019-03-11"]),
            ("weekday past despite a later future word", "Earlier on Wednesday the office announced upcoming talks that will follow.", &["2019-03-06"]),
            ("day month year", "It was signed on 4 July 2018.", &["2018-07-04"]),
            ("a day later", "A summit on March 20 and a dinner a day later.", &["2019-03-20", "2019-03-21"]),
            ("abbreviated month", "LIMA Mar 7 (Reuters) - ministers said", &["2019-03-07"]),
        ];
        for (name, text, want) in cases {
            let toks = crate::text::tokens(text, 0, &k);
            let got: Vec<String> = find_dates(&toks, &k, friday, None)
                .into_iter()
                .filter_map(|d| d.date.map(|d| d.to_string()))
                .collect();
            assert_eq!(got, *want, "{name}");
        }
        // December in a January article is last year's
        let jan = Date::new(2020, 1, 3);
        let toks = crate::text::tokens("on December 28", 0, &k);
        assert_eq!(
            find_dates(&toks, &k, jan, None)[0]
                .date
                .unwrap()
                .to_string(),
            "2019-12-28"
        );
        // a dateline is marked as such
        let toks = crate::text::tokens("LIMA Mar 7 (Reuters) - Peru's president", 0, &k);
        assert!(find_dates(&toks, &k, friday, None)[0].dateline);
        // a re-post timestamp far from every day the story names is not the article's date
        let story =
            "Posted 2023-03-15. The call took place on December 30. Talks follow on January 10.";
        assert!(!plausible_article_date(
            story,
            &k,
            Date::new(2023, 3, 15).unwrap()
        ));
        assert!(plausible_article_date(
            story,
            &k,
            Date::new(2021, 12, 31).unwrap()
        ));
        // "the same day" takes the last date of the article
        let toks = crate::text::tokens("on the same day", 0, &k);
        assert_eq!(
            find_dates(&toks, &k, friday, Date::new(2019, 2, 1))[0]
                .date
                .unwrap()
                .to_string(),
            "2019-02-01"
        );
    }
}
