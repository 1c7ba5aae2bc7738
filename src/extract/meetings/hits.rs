//! Meeting phrases: a sentence (and its dates) in, the phrases that tell a meeting out: meeting
//! nouns and verbs ("talks", "a phone call", "met"), councils named with a day, and the hits close
//! together that name one meeting, with its kind and whether it is denied or only offered.

use super::telling::{is_council, specificity, Cx};
use crate::extract::dates::DateExpr;
use crate::extract::mentions::{actors, is_media, Analysed};
use crate::extract::relations::{inside_mention, may_start, negated, phrase_at};
use crate::knowledge::{EntityType, Knowledge, LEX_MEETING_START};

/// A meeting noun or verb, or a council named with a day, in a sentence.
pub(super) struct Hit {
    /// Token range `[a, b)`.
    pub a: usize,
    /// End of the token range.
    pub b: usize,
    /// The kind of meeting it names.
    pub kind: String,
    /// Whether it names a meeting by itself ("talks", not "the delegations").
    pub strong: bool,
}

/// The meeting nouns of a sentence, and councils named with a date ("the NATO-Russia Council ... on
/// January 12").
pub(super) fn meeting_hits(s: &Analysed, k: &Knowledge, dates: &[DateExpr]) -> Vec<Hit> {
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
        // "called X", "spoke with X": the other side follows at once ("spoke by phone" needs none)
        let last = &mn.words[mn.words.len() - 1];
        let needs_object = k.is_cue("object_verb", &mn.words[0])
            && (mn.words.len() == 1 || k.is_cue("object_preposition", last));
        let object_ok = !needs_object || object_follows(s, b, k);
        // "CNBC spoke with X", "FOX Business' Y speaks with X": an interview
        let interview = needs_object && mn.words.len() > 1 && interview(s, i, k);
        if !inside_mention(s, i) && (!verb_use || meeting_verb) && object_ok && !interview {
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

/// Whether the other side of an object verb ("called", "hosted") follows it at token `b`: a
/// person or a country, its title included, then a day, a purpose or the end ("called Zelensky on
/// Monday", "hosted the Polish president for talks"; not "called on X", "called X a liar").
fn object_follows(s: &Analysed, b: usize, k: &Knowledge) -> bool {
    let toks = &s.tokens;
    actors(s).into_iter().any(|m| {
        let m = &s.mentions[m];
        let honorific = k.honorific_at(toks, b);
        let starts = m.ua == b
            || (honorific > 0 && m.ua == b + honorific)
            || m.ua == b + 1
                && toks
                    .get(b)
                    .is_some_and(|t| k.is_cue("meeting_determiner", &t.lower));
        starts
            && matches!(m.etype, EntityType::Person | EntityType::Place)
            && toks
                .get(m.ub)
                .is_none_or(|t| k.is_cue("after_object", &t.lower))
    })
}

/// Whether the speaker before the verb at token `i` is a medium or its reporter ("CNBC spoke
/// with", "FOX Business' Ashley Webster speaks with"), or the other side a medium: an interview.
fn interview(s: &Analysed, i: usize, k: &Knowledge) -> bool {
    let toks = &s.tokens;
    let ms = &s.mentions;
    let media_at = |end: usize| {
        ms.iter()
            .any(|m| m.ub == end && !m.inner && is_media(&m.key, k))
    };
    // the speaker: the last name before the verb, in its clause
    let speaker = ms
        .iter()
        .filter(|m| !m.inner && m.ub <= i && i - m.ub <= 3)
        .max_by_key(|m| m.ub);
    let reporter = speaker.is_some_and(|m| {
        is_media(&m.key, k)
            || m.ua >= 1
                && matches!(toks[m.ua - 1].lower.as_str(), "'" | "'s" | "’" | "’s")
                && media_at(m.ua - 1)
    });
    reporter
        || ms
            .iter()
            .any(|m| !m.inner && m.ua > i && m.ua <= i + 3 && is_media(&m.key, k))
}

/// Groups the hits of a sentence: hits close together without a date between them name one
/// meeting ("negotiations ... by video link").
pub(super) fn group_hits(hits: Vec<Hit>, dates: &[DateExpr]) -> Vec<Vec<Hit>> {
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
    groups
}

/// A meeting phrase: the hits that name one meeting.
pub(super) struct Phrase {
    /// Its token range `[a, b)`.
    pub a: usize,
    /// End of the token range.
    pub b: usize,
    /// Where the previous phrase ended: the words after it may belong to this one.
    pub prev_b: usize,
    /// Where the next phrase starts: what follows this one up to it belongs to it.
    pub next_a: usize,
    /// Whether a hit names a meeting by itself ("talks", not "the delegations").
    pub strong: bool,
    /// "met", "will meet": a verb, whose meeting needs two sides.
    pub verb: bool,
    /// Whether its first hit is a council named with a day.
    pub opens_council: bool,
}

impl Phrase {
    /// The phrase of the hits `g` between the previous phrase's end and the next's start, with its
    /// kind (its hits' most specific); `None` when the meeting is denied, or only offered or possible.
    pub(super) fn of(
        cx: &Cx,
        g: &[Hit],
        (prev_b, next_a): (usize, usize),
    ) -> Option<(Phrase, String)> {
        let (s, toks, k) = (cx.s, &cx.s.tokens, cx.k);
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
            return None;
        }
        Some((
            Phrase {
                a,
                b,
                prev_b,
                next_a,
                strong,
                verb,
                opens_council: g[0].kind == "CouncilMeeting",
            },
            kind0,
        ))
    }
}
