//! Relations: the article's sentences in, edges between actors out, from lexical triggers ("X
//! warned Y", "X was accused by Y"); and the argument finding (subjects, objects, clauses) that the
//! meeting finder shares.

use super::facts::{evidence, ArticleFacts, End, LocalEdge};
use super::mentions::{actors, Analysed};
use crate::date::Date;
use crate::knowledge::{EntityType, Knowledge, Trigger, LEX_MONTH, LEX_TRIGGER_START, LEX_WEEKDAY};
use crate::text::{Article, Token};

/// Whether the lowercase words `words` stand at token `i`.
pub(super) fn phrase_at(tokens: &[Token], i: usize, words: &[String]) -> bool {
    i + words.len() <= tokens.len() && words.iter().zip(&tokens[i..]).all(|(w, t)| *w == t.lower)
}

/// Whether a phrase of a list may start at token `i`, by the list's first-word class bit (a cheap
/// test before scanning the list).
pub(super) fn may_start(tokens: &[Token], i: usize, list: u64) -> bool {
    tokens.get(i).is_some_and(|t| t.is(list))
}

/// Whether token `i` is inside a name (an adjective aside).
pub(super) fn inside_mention(s: &Analysed, i: usize) -> bool {
    s.mentions
        .iter()
        .any(|m| !m.adjective && m.a <= i && i < m.b)
}

/// Whether token `j` ends a clause: "that", a semicolon, a speech verb, ", and", a dash.
pub(super) fn is_boundary(toks: &[Token], j: usize, k: &Knowledge) -> bool {
    let t = &toks[j];
    t.is(k.cue.boundary)
        || t.is(k.cue.speech)
        || (t.lower == "and" && j > 0 && toks[j - 1].lower == ",")
}

/// Whether the mention starting at token `a` is governed by a preposition (so it is not a subject).
pub(super) fn governed(toks: &[Token], a: usize, k: &Knowledge) -> bool {
    if a == 0 {
        return false;
    }
    let p = toks[a - 1].lower.as_str();
    let p2 = if a >= 2 {
        toks[a - 2].lower.as_str()
    } else {
        ""
    };
    let prep = |w: &str| {
        k.is_cue("topic", w)
            || k.is_cue("locative", w)
            || matches!(w, "with" | "by" | "from" | "between" | "among" | "to")
    };
    prep(p) || (matches!(p, "the" | "a" | "an" | "several" | "its" | "their") && prep(p2))
}

/// The actors of the clause that ends at token `i`, in order.
fn clause_actors(s: &Analysed, i: usize, k: &Knowledge) -> Vec<usize> {
    let start = (0..i)
        .rev()
        .find(|&j| {
            is_boundary(&s.tokens, j, k) && !s.mentions.iter().any(|m| m.ua <= j && j < m.ub)
        })
        .map_or(0, |j| j + 1);
    actors(s)
        .into_iter()
        .filter(|&m| s.mentions[m].ua >= start && s.mentions[m].ub <= i)
        .collect()
}

/// The subject of a trigger at `i`: the first actor of its clause that no preposition governs, else
/// the nearest actor before it.
pub(super) fn subject(s: &Analysed, i: usize, k: &Knowledge) -> Option<usize> {
    let toks = &s.tokens;
    // "The rebels, who control much of Yemen, blamed X": the relative clause is passed over
    if i >= 1 && toks[i - 1].lower == "," {
        let relative = (1..i - 1).rev().find(|&j| {
            toks[j - 1].lower == ","
                && k.is_cue("relative_pronoun", &toks[j].lower)
                && !(j + 1..i - 1).any(|x| toks[x].lower == "," || is_boundary(toks, x, k))
        });
        if let Some(j) = relative {
            return subject(s, j - 1, k);
        }
    }
    let cands = clause_actors(s, i, k);
    // "According to Egyptian presidential spokesman X, ...": a source, not a subject
    let according = |m: usize| {
        let a = s.mentions[m].ua;
        (a.saturating_sub(5)..a).any(|j| {
            j >= 1
                && toks[j].lower == "to"
                && toks[j - 1].lower == "according"
                && !toks[j + 1..a].iter().any(|t| t.lower == ",")
        })
    };
    // an actor right before the verb, with at most two small words between ("Erdogan demanded",
    // "Putin has also warned"), is its subject
    let adjacent = cands.last().copied().filter(|&m| {
        let gap = &toks[s.mentions[m].ub..i];
        gap.len() <= 2
            && gap.iter().all(|t| t.is_word() && !t.is_capitalised())
            && !governed(toks, s.mentions[m].ua, k)
            && !according(m)
    });
    // "South Dakota's John Thune praised": a possessor is no subject
    let possessor = |m: usize| {
        toks.get(s.mentions[m].ub)
            .is_some_and(|t| matches!(t.lower.as_str(), "'s" | "’s"))
            && s.mentions
                .iter()
                .any(|x| x.a == s.mentions[m].ub + 1 && x.etype == EntityType::Person)
    };
    adjacent
        .or_else(|| {
            cands
                .iter()
                .copied()
                .find(|&m| !governed(toks, s.mentions[m].ua, k) && !according(m) && !possessor(m))
        })
        // ("took to Twitter to express support for X": what "to" governs is no subject)
        .or_else(|| {
            cands.iter().copied().rev().find(|&m| {
                !(according(m) || s.mentions[m].ua > 0 && toks[s.mentions[m].ua - 1].lower == "to")
            })
        })
}

/// The actors of the clause before token `i` that stand together as its subject: the free actor
/// nearest to `i`, with those coordinated with it ("X, Y and Z").
pub(super) fn subject_group(s: &Analysed, i: usize, k: &Knowledge) -> Vec<usize> {
    let toks = &s.tokens;
    let cands = clause_actors(s, i, k);
    let Some(pos) = cands
        .iter()
        .rposition(|&m| !governed(toks, s.mentions[m].ua, k))
    else {
        return vec![];
    };
    let mut group = vec![cands[pos]];
    for w in (0..pos).rev() {
        let (left, right) = (&s.mentions[cands[w]], &s.mentions[group[group.len() - 1]]);
        let gap = &toks[left.ub..right.ua];
        if !gap.is_empty()
            && gap
                .iter()
                .all(|t| matches!(t.lower.as_str(), "and" | "the" | ","))
            && !governed(toks, left.ua, k)
        {
            group.push(cands[w]);
        } else {
            break;
        }
    }
    group
}

/// Whether most words of a line are capitalised ("U.S. Soybeans Are in High Demand").
fn title_case(toks: &[Token]) -> bool {
    let words = toks.iter().filter(|t| t.is_word()).count();
    let caps = toks.iter().filter(|t| t.is_capitalised()).count();
    words >= 3 && caps * 10 >= words * 7
}

/// The object of a trigger ending at `i`: the first actor after it, within a short window and the
/// same clause, and not inside an infinitive after it ("urged allies to arm X": X is no object) or
/// a noun's complement ("sanctions on X").
fn object(s: &Analysed, i: usize, k: &Knowledge) -> Option<usize> {
    let toks = &s.tokens;
    // "urged allies to ...": an infinitive after a phrase that is no actor ("refused to" is the
    // verb's own)
    let infinitive = (i..toks.len().min(i + 10))
        .find(|&j| toks[j].lower == "to")
        .filter(|&j| j > i);
    // "support an EU oil embargo": a name between "a" and a common noun modifies the noun
    let modifier = |m: usize| {
        let (a, b) = (s.mentions[m].ua, s.mentions[m].ub);
        a > 0
            && matches!(toks[a - 1].lower.as_str(), "a" | "an")
            && toks
                .get(b)
                .is_some_and(|t| t.is_word() && !t.is_capitalised())
    };
    let acts = actors(s);
    let found = acts.iter().copied().find(|&m| {
        let a = s.mentions[m].ua;
        !modifier(m)
            && a >= i
            && a <= i + 10
            && infinitive.is_none_or(|j| j >= a)
            && !(i..a).any(|j| {
                is_boundary(toks, j, k)
                    || matches!(toks[j].lower.as_str(), "," | "." | "“" | "”" | "\"")
            })
            && !(a > i
                && (toks[a - 1].is(k.cue.locative)
                    || matches!(
                        toks[a - 1].lower.as_str(),
                        "over" | "about" | "against" | "near" | "around" | "with" | "from" | "on"
                    )))
    })?;
    // "demands Fed's Powell release": a body's possessive names whose person is meant
    let ub = s.mentions[found].ub;
    let possessive = toks
        .get(ub)
        .is_some_and(|t| matches!(t.lower.as_str(), "'s" | "’s"));
    let owned = acts
        .iter()
        .copied()
        .find(|&m| s.mentions[m].ua == ub + 1 && s.mentions[m].etype == EntityType::Person);
    match owned {
        Some(p) if possessive && s.mentions[found].etype != EntityType::Person => Some(p),
        _ => Some(found),
    }
}

/// Whether the phrase at token `i` is negated, hypothetical or denied, or its sentence a question.
pub(super) fn negated(s: &Analysed, i: usize, k: &Knowledge) -> bool {
    let lo = i.saturating_sub(4);
    s.tokens[lo..i]
        .iter()
        .any(|t| t.is(k.cue.negation) || t.is(k.cue.hypothetical))
        || s.tokens[..i].iter().any(|t| t.is(k.cue.denial))
        || s.tokens.last().is_some_and(|t| t.text == "?")
}

/// Whether a form of "be" stands right before token `i`: a passive.
pub(super) fn passive_before(toks: &[Token], i: usize) -> bool {
    i > 0
        && matches!(
            toks[i - 1].lower.as_str(),
            "was" | "were" | "been" | "be" | "is" | "are"
        )
}

/// Finds actor-to-actor relations from the trigger lexicon.
pub fn find_relations(
    article: &Article,
    sents: &[Analysed],
    k: &Knowledge,
    facts: &mut ArticleFacts,
) {
    // a headline in title case capitalises its verbs and nouns like names: no relation is read
    for s in sents
        .iter()
        .filter(|s| !(s.headline && title_case(&s.tokens)))
    {
        let mut i = 0;
        // the last verb's end, subject and object: "X suspect Y of ... and threaten [Y] with sanctions"
        let mut previous: Option<(usize, Option<usize>, Option<usize>)> = None;
        while i < s.tokens.len() {
            let Some(t) = trigger_at(s, i, k) else {
                i += 1;
                continue;
            };
            let end = i + t.words.len();
            let reversed = t.pattern == "ovs";
            if !(t.pattern.starts_with("svo") || reversed)
                || inside_mention(s, i)
                || negated(s, i, k)
            {
                i = end;
                continue;
            }
            // passive: "X was warned by Y"
            // "X had the support of Y": the actor comes after the phrase, as in the passive
            let by = s.tokens.get(end).is_some_and(|t| t.lower == "by");
            // "X has been warned he must ...", "X was asked whether": a passive without its
            // agent tells no one who acted
            let participle = t.words.first().is_some_and(|w| w.ends_with("ed"));
            if passive_before(&s.tokens, i) && participle && !by {
                i = end;
                continue;
            }
            let passive = reversed || passive_before(&s.tokens, i) && by;
            let (subj, mut obj) = arguments(s, t, (i, end), passive, previous, k);
            // "asked X to act" is a request, "asked X about it" a question
            if t.pattern == "svo_to" && !passive {
                obj = obj.filter(|&o| requested(s, s.mentions[o].ub, k));
            }
            previous = Some((end, subj, obj));
            // a role is a person's (a country may be a member): "a hearing in Atlanta makes
            // Greene the first member of Congress" is no place's membership
            let subj = subj.filter(|&a| holds_role(&t.relation, &s.mentions[a], k));
            if let (Some(a), Some(b)) = (subj, obj) {
                let date = verb_date(s, k, i, a, facts.reference);
                relation_edges(article, s, (t, i, date), (a, b), passive, facts);
            }
            i = end;
        }
    }
}

/// Whether what follows the object of "asked" at token `j` makes a request: "to" or "for" within
/// a few words ("asked Congress on Monday to pass"), before a question word, a topic or the
/// clause's end ("asked X whether", "asked X about it").
fn requested(s: &Analysed, j: usize, k: &Knowledge) -> bool {
    let toks = &s.tokens;
    let dated = |x: usize| {
        toks.get(x).is_some_and(|t| {
            t.is(LEX_WEEKDAY | LEX_MONTH) || t.text.starts_with(|c: char| c.is_ascii_digit())
        })
    };
    for (x, t) in toks.iter().enumerate().skip(j).take(6) {
        if k.is_cue("request_complement", &t.lower) {
            return true;
        }
        // ("asked Congress on Monday to pass": a day between)
        let day = dated(x) || dated(x + 1) && t.lower == "on";
        if !day
            && (t.is(k.cue.topic) || t.is(k.cue.boundary) || k.is_cue("question_word", &t.lower))
        {
            return false;
        }
    }
    false
}

/// Whether mention `m` can hold the role a verb states (`member_of`, `leader_of`,
/// `adviser_to`: a person, or for `member_of` also a country); any actor can do the rest.
fn holds_role(relation: &str, m: &super::mentions::Mention, k: &Knowledge) -> bool {
    match relation {
        "leader_of" | "adviser_to" => m.etype == EntityType::Person,
        "member_of" => {
            m.etype == EntityType::Person
                || m.key
                    .strip_prefix("gaz:")
                    .and_then(|id| k.entry(id))
                    .is_some_and(|e| e.kind == "country")
        }
        _ => true,
    }
}

/// The trigger phrase of the lexicon that starts at token `i`.
fn trigger_at<'k>(s: &Analysed, i: usize, k: &'k Knowledge) -> Option<&'k Trigger> {
    may_start(&s.tokens, i, LEX_TRIGGER_START)
        .then(|| {
            k.triggers_from(s.tokens[i].lower.as_str())
                .iter()
                .map(|&x| &k.triggers[x])
                .find(|t| phrase_at(&s.tokens, i, &t.words))
        })
        .flatten()
}

/// The subject and object of the trigger `t` at `[i, end)`: swapped for a passive; a verb
/// coordinated with the one before (`previous`: its end, subject and object) with the same subject
/// shares its object.
fn arguments(
    s: &Analysed,
    t: &Trigger,
    (i, end): (usize, usize),
    passive: bool,
    previous: Option<(usize, Option<usize>, Option<usize>)>,
    k: &Knowledge,
) -> (Option<usize>, Option<usize>) {
    let (subj, mut obj) = if passive {
        (object(s, end + 1, k), subject(s, i, k))
    } else {
        // "demanded that the EU open ...": the object is the subject of the that-clause
        let skip_that =
            t.pattern == "svo_that" && s.tokens.get(end).is_some_and(|x| x.lower == "that");
        (
            subject(s, i, k),
            object(s, if skip_that { end + 1 } else { end }, k),
        )
    };
    // a verb coordinated with the previous one, with the same subject, shares its object
    if let (None, Some((pend, psubj, pobj))) = (obj, previous) {
        let joined = s.tokens[pend..i].iter().any(|t| t.lower == "and")
            && !(pend..i).any(|j| is_boundary(&s.tokens, j, k));
        if joined && psubj == subj && !passive {
            obj = pobj;
        }
    }
    (subj, obj)
}

/// The edges of the trigger `t` at token `i` (with the day its clause gives) between subject `a`
/// and object `b`, and between the actors coordinated with them: "Kenya and Uganda warned Sudan
/// and Chad".
fn relation_edges(
    article: &Article,
    s: &Analysed,
    (t, i, date): (&Trigger, usize, Option<Date>),
    (a, b): (usize, usize),
    passive: bool,
    facts: &mut ArticleFacts,
) {
    // coordinated subjects share the verb: "Kenya and Uganda warned Sudan"; coordinated actors
    // after the phrase share it: "warned Uganda and Sudan", "the support of both Russia and China"
    let (subjects, objects) = if passive {
        (coordinated_after(s, a), vec![b])
    } else {
        (coordinated_subjects(s, a, i), coordinated_after(s, b))
    };
    for a in subjects {
        for &b in &objects {
            let (ka, kb) = (&s.mentions[a].key, &s.mentions[b].key);
            if ka != kb {
                facts.edges.push(LocalEdge {
                    s: End::Entity(ka.clone()),
                    relation: t.relation.clone(),
                    o: End::Entity(kb.clone()),
                    confidence: t.confidence,
                    date,
                    evidence: evidence(article, s, &format!("verb.{}", t.relation)),
                });
            }
        }
    }
}

/// The day of the verb at token `i` whose subject is mention `a`, when its clause gives one: a
/// date after the verb with no clause boundary or speech verb before it ("warned Russia on
/// Sunday", not "..., the ministry said on Friday"), or one opening the sentence before the
/// subject ("On Sunday, X warned").
fn verb_date(
    s: &Analysed,
    k: &Knowledge,
    i: usize,
    a: usize,
    reference: Option<Date>,
) -> Option<Date> {
    let dates = crate::extract::dates::find_dates(&s.tokens, k, reference, None);
    let subject_at = s.mentions[a].ua.min(i);
    dates
        .iter()
        .filter(|d| !d.dateline && d.end.is_none())
        .find(|d| {
            (d.a > i && !(i + 1..d.a).any(|j| is_boundary(&s.tokens, j, k)))
                || (d.b <= subject_at && d.a <= 1)
        })
        .and_then(|d| d.date)
}

/// The subject `a` of a verb at token `i` and the actors of its type listed with it, after it
/// up to the verb and before it: "Kenya and Uganda warned".
fn coordinated_subjects(s: &Analysed, a: usize, i: usize) -> Vec<usize> {
    let mut subjects = vec![a];
    for m in actors(s) {
        let (last, mm) = (&s.mentions[subjects[subjects.len() - 1]], &s.mentions[m]);
        let gap = &s.tokens[last.ub.min(mm.ua)..mm.ua];
        if mm.ua > last.ub && mm.ub <= i && mm.etype == s.mentions[a].etype && list_gap(gap) {
            subjects.push(m);
        }
    }
    // and those before it: "Kenya and Uganda warned"
    for m in actors(s).into_iter().rev() {
        let (first, mm) = (&s.mentions[subjects[0]], &s.mentions[m]);
        let gap = &s.tokens[mm.ub.min(first.ua)..first.ua];
        if mm.ub < first.ua && mm.etype == s.mentions[a].etype && list_gap(gap) {
            subjects.insert(0, m);
        }
    }
    subjects
}

/// Whether the words between two actors join them in a list: commas and "and", and "the" after
/// "and" ("Germany and the Netherlands").
fn list_gap(gap: &[Token]) -> bool {
    let and = gap.iter().any(|t| t.lower == "and");
    !gap.is_empty()
        && gap
            .iter()
            .all(|t| matches!(t.lower.as_str(), "and" | ",") || and && t.lower == "the")
}

/// The actor `m` and those joined to it after it by "and" or commas, of its type ("Uganda, Sudan
/// and Chad"); the first actor that does not join the list ends it.
fn coordinated_after(s: &Analysed, m: usize) -> Vec<usize> {
    let mut out = vec![m];
    for x in actors(s) {
        let (last, mm) = (&s.mentions[out[out.len() - 1]], &s.mentions[x]);
        if mm.ua <= last.ub {
            continue;
        }
        let gap = &s.tokens[last.ub..mm.ua];
        let joined = !gap.is_empty()
            && gap.iter().all(|t| matches!(t.lower.as_str(), "and" | ","))
            && mm.etype == s.mentions[m].etype;
        if !joined {
            break;
        }
        out.push(x);
    }
    out
}
