//! Titles: a sentence's tokens and mentions in; out, its titles ("Prime Minister", "Deputy
//! Foreign Minister"), each attached to the person who holds it with the roles it states, the
//! persons a title alone refers to ("the Russian President", "the PM"), and who bears which office.

use std::collections::{BTreeMap, BTreeSet};

use super::mentions::{country_key, surface, template_key, Mention, Role, RoleTarget};
use crate::knowledge::{EntityType, Knowledge, Title, TitleTarget, LEX_TITLE_START};
use crate::text::Token;

/// A title found in a sentence.
#[derive(Clone, Debug)]
pub(super) struct TitleHit {
    /// Token range.
    pub a: usize,
    /// End of the token range.
    pub b: usize,
    /// Index into `Knowledge::titles`.
    pub title: usize,
}

/// The titles of a sentence on words no known name takes (`covered`), which they then take.
pub(super) fn find_titles(tokens: &[Token], covered: &mut [bool], k: &Knowledge) -> Vec<TitleHit> {
    let n = tokens.len();
    let mut titles: Vec<TitleHit> = Vec::new();
    // titles on uncovered words
    let mut i = 0;
    while i < n {
        if covered[i] {
            i += 1;
            continue;
        }
        // a title starts with a title word or a modifier ("Deputy"): the class bits decide
        let start = tokens[i].is(k.cue.title_modifier | LEX_TITLE_START);
        if let Some((len, ti)) = start.then(|| title_at(tokens, i, k)).flatten() {
            // an honorific ("Sir", "Dame", "Ms") stands before a name, not inside one ("Notre
            // Dame", "the Sir John Soane museum" aside)
            let honorific = k.is_honorific(&tokens[i].lower) && tokens[i].is_capitalised();
            let inside_name = i > 0 && tokens[i - 1].is_capitalised() && tokens[i - 1].is_word();
            let before_name = tokens.get(i + len).is_some_and(|t| t.is_capitalised());
            // a capitalised title word that ends a name no list knows is part of it ("the
            // Hollywood Reporter journalist"), unless a name or another title follows it ("Fed
            // Governor X", "Institute President and CEO X")
            let joined = tokens
                .get(i + len)
                .is_some_and(|t| matches!(t.lower.as_str(), "and" | "&" | "," | "/"));
            let ends_name = tokens[i].is_capitalised()
                && inside_name
                && !covered[i - 1]
                && !k.is_cased_cue("not_name", &tokens[i - 1])
                && !before_name
                && !joined;
            let misplaced = honorific && (inside_name || !before_name) || ends_name;
            if !misplaced && !covered[i..i + len].iter().any(|c| *c) {
                titles.push(TitleHit {
                    a: i,
                    b: i + len,
                    title: ti,
                });
                covered[i..i + len].iter_mut().for_each(|c| *c = true);
                i += len;
                continue;
            }
        }
        i += 1;
    }
    titles
}

/// The title at token `i`, past its modifiers: (length, index into `Knowledge::titles`).
fn title_at(tokens: &[Token], i: usize, k: &Knowledge) -> Option<(usize, usize)> {
    // "Deputy", "Acting", "First Vice" before a title keep its relation; a modifier may also
    // begin a title of its own ("Chief Executive")
    let mut j = i;
    loop {
        let here = tokens.get(j).is_some_and(|t| t.is(LEX_TITLE_START));
        let found = here.then(|| {
            k.titles_from(tokens[j].lower.as_str())
                .iter()
                .find_map(|&ti| {
                    let t = &k.titles[ti];
                    let len = t.words.len();
                    let ok = j + len <= tokens.len()
                        && t.words
                            .iter()
                            .zip(&tokens[j..j + len])
                            .all(|(w, tok)| *w == tok.lower);
                    ok.then_some((j - i + len, ti))
                })
        });
        if let Some(hit) = found.flatten() {
            return Some(hit);
        }
        if !tokens.get(j).is_some_and(|t| t.is(k.cue.title_modifier)) {
            return None;
        }
        j += 1;
    }
}

/// Attaches titles to persons: widens each person's unit over its titles, marks the countries and
/// organisations inside titles as inner, and returns the roles the titles state.
pub(super) fn attach_titles(
    tokens: &[Token],
    ms: &mut [Mention],
    titles: &[TitleHit],
    k: &Knowledge,
) -> Vec<Role> {
    let mut roles = Vec::new();
    for t in titles {
        let title = &k.titles[t.title];
        // person after the title: "[Adj] Title [Name]" or "Title of [the] X [,] Name"
        let mut frame = title_modifier(tokens, ms, t);
        title_complement(tokens, ms, titles, t, title, &mut frame);
        beat_of_reporter(tokens, ms, t, &mut frame, k);
        // "head of research at Kpler": a field in lowercase words, then the body
        if frame.target.is_none() {
            if let Some((p, end)) = field_then_body(tokens, ms, frame.right) {
                (frame.target, frame.right, frame.field) = (Some(p), end, true);
            }
        }
        let Some((p, unit)) = title_holder(tokens, ms, titles, &mut frame, k) else {
            continue;
        };
        ms[p].ua = ms[p].ua.min(unit.0);
        ms[p].ub = ms[p].ub.max(unit.1);
        if let Some(tg) = frame.target {
            ms[tg].inner = true;
        }
        if let Some(ps) = frame.possessor.filter(|_| !frame.pronoun) {
            ms[ps].inner = true;
        }
        if !title.plural {
            title_roles(tokens, ms, t, &frame, p, k, &mut roles);
            continue;
        }
        // a country before a plural title may be one holder's only ("US and Russian Presidents X
        // and Y"): then each holder's own office says which
        let country = frame
            .target
            .is_some_and(|tg| ms[tg].etype != EntityType::Organization);
        let shared = TitleFrame {
            target: frame.target.filter(|_| !country),
            ..frame.clone()
        };
        for q in std::iter::once(p).chain(listed_after(tokens, ms, p)) {
            title_roles(tokens, ms, t, &shared, q, k, &mut roles);
        }
    }
    roles
}

/// The people listed after person `p` and joined to it by "and" ("X and Y", "X, Y and Z", each
/// perhaps "of" a place: "X of Alaska and Y of Maine"): the other holders of a plural title.
fn listed_after(tokens: &[Token], ms: &[Mention], p: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut joined = Vec::new();
    let mut j = ms[p].b;
    loop {
        // "of Alaska": the place a holder stands for
        if tokens.get(j).is_some_and(|t| t.lower == "of") {
            match mention_at(ms, j + 1).filter(|&m| ms[m].etype == EntityType::Place) {
                Some(m) => j = ms[m].b,
                None => break,
            }
        }
        let sep = |j: usize| tokens.get(j).map(|t| t.lower.as_str());
        let (step, and) = match (sep(j), sep(j + 1)) {
            (Some(","), Some("and")) => (2, true),
            (Some("and"), _) => (1, true),
            (Some(","), _) => (1, false),
            _ => break,
        };
        match mention_at(ms, j + step).filter(|&m| ms[m].etype == EntityType::Person) {
            Some(q) => {
                joined.push(q);
                j = ms[q].b;
                // a list counts once "and" has joined its last item
                if and {
                    out.append(&mut joined);
                    break;
                }
            }
            None => break,
        }
    }
    out
}

/// A title's phrase in its sentence: the mentions it is of, and how far it reaches.
#[derive(Clone)]
struct TitleFrame {
    /// The country or body the title is of ("Russian President", "President of Russia"): the
    /// index of its mention.
    target: Option<usize>,
    /// The person whose officer the holder is ("Putin's spokesman", "his adviser").
    possessor: Option<usize>,
    /// Whether the possessor is told by a pronoun ("his"), and so is no part of the phrase.
    pronoun: bool,
    /// The phrase's first token: its modifier's, else the title's.
    left: usize,
    /// The phrase's end: its complement's, else the title's.
    right: usize,
    /// Whether a field or a place stands between the title and its body ("head of research at X",
    /// "leader in Westminster"): the holder leads a part of the body, and is its member.
    field: bool,
}

/// The first mention starting at token `i` that is no part of another's unit.
fn mention_at(ms: &[Mention], i: usize) -> Option<usize> {
    ms.iter().position(|m| m.a == i && !m.inner)
}

/// The first mention ending at token `i` that is no part of another's unit.
fn mention_ending_at(ms: &[Mention], i: usize) -> Option<usize> {
    ms.iter().position(|m| m.b == i && !m.inner)
}

/// The modifier before a title: "Russian", "US", "NATO", "Putin's", "his".
fn title_modifier(tokens: &[Token], ms: &[Mention], t: &TitleHit) -> TitleFrame {
    let mut frame = TitleFrame {
        target: None, // mention index of country/org complement
        possessor: None,
        pronoun: false,
        left: t.a,
        right: t.b,
        field: false,
    };
    if let Some(p) = mention_ending_at(ms, t.a) {
        frame.target = Some(p);
        frame.left = ms[p].a;
        // "Trump's White House chief of staff": the person before the body is whose officer
        let a = ms[p].a;
        if a >= 2 && matches!(tokens[a - 1].lower.as_str(), "'s" | "’s") {
            if let Some(q) =
                mention_ending_at(ms, a - 1).filter(|&q| ms[q].etype == EntityType::Person)
            {
                frame.possessor = Some(q);
                frame.left = ms[q].a;
            }
        }
    } else if t.a >= 2 && matches!(tokens[t.a - 1].lower.as_str(), "'s" | "’s" | "'") {
        if let Some(p) = mention_ending_at(ms, t.a - 1) {
            if ms[p].etype == EntityType::Person {
                frame.possessor = Some(p);
                frame.left = ms[p].a;
            } else {
                frame.target = Some(p);
                frame.left = ms[p].a;
            }
        }
    } else if t.a >= 1 && matches!(tokens[t.a - 1].lower.as_str(), "his" | "her") {
        // "his national security adviser X": the sentence's first person, its subject
        frame.possessor = ms
            .iter()
            .position(|m| m.etype == EntityType::Person && m.b < t.a && !m.inner);
        frame.pronoun = true;
    }
    frame
}

/// The complement after a title: "of the United States", "for the Ministry ...", "to the Russian
/// President", or where an envoy is sent ("US Ambassador to the United Nations").
fn title_complement(
    tokens: &[Token],
    ms: &mut [Mention],
    titles: &[TitleHit],
    t: &TitleHit,
    title: &Title,
    frame: &mut TitleFrame,
) {
    // "US Ambassador to the United Nations": a country before an envoy's title sends the envoy;
    // what follows "to" is where the envoy is sent
    let sent = frame.target.is_some()
        && tokens.get(frame.right).is_some_and(|x| x.lower == "to")
        && matches!(title.target, TitleTarget::Country);
    if sent {
        let j = if tokens
            .get(frame.right + 1)
            .is_some_and(|x| x.lower == "the")
        {
            frame.right + 2
        } else {
            frame.right + 1
        };
        if let Some(p) = mention_at(ms, j) {
            ms[p].inner = false;
            frame.right = ms[p].b;
        }
    }
    // complement after the title: "of the United States", "for the Ministry ...", "to the Russian President"
    if t.b < tokens.len()
        && !sent
        && matches!(tokens[t.b].lower.as_str(), "of" | "for" | "to" | "at")
    {
        let mut j = t.b + 1;
        if j < tokens.len() && tokens[j].lower == "the" {
            j += 1;
        }
        // "an analyst at investment firm X": a body after the common words that say what it is
        let described = (j..(j + 3).min(tokens.len()))
            .filter(|_| tokens[t.b].lower == "at")
            .take_while(|&q| tokens[q].is_word() && !tokens[q].is_capitalised())
            .last()
            .and_then(|q| mention_at(ms, q + 1))
            .filter(|&p| ms[p].etype == EntityType::Organization);
        if let Some(p) = mention_at(ms, j).or(described) {
            // the whole complement: an adjective + title ("the Russian President") refers to a person
            if ms[p].adjective {
                if let Some(ct) = titles.iter().find(|x| x.a == ms[p].b) {
                    frame.possessor = None;
                    frame.target = Some(p);
                    frame.right = ct.b;
                } else {
                    frame.target = Some(p);
                    frame.right = ms[p].b;
                }
            } else {
                frame.target = Some(p);
                frame.right = ms[p].b;
            }
        }
    }
}

/// "Fox News White House correspondent X": a body before a reporter's title that is no medium is
/// the reporter's beat; the medium before it, if any, is whom the reporter works for.
fn beat_of_reporter(
    tokens: &[Token],
    ms: &[Mention],
    t: &TitleHit,
    frame: &mut TitleFrame,
    k: &Knowledge,
) {
    let reporter = tokens[t.a..t.b]
        .iter()
        .any(|x| k.is_cue("beat_title", &x.lower));
    let Some(tg) = frame.target.filter(|&tg| reporter && ms[tg].b <= t.a) else {
        return;
    };
    if ms[tg].etype != EntityType::Organization || super::mentions::is_media(&ms[tg].key, k) {
        return;
    }
    frame.target = ms
        .iter()
        .position(|m| m.b == ms[tg].a && super::mentions::is_media(&m.key, k));
}

/// The person who holds the title, and the extent of the unit it makes with the phrase: right
/// after it (optionally past a comma), or right before it ("Name, a spokeswoman for").
fn title_holder(
    tokens: &[Token],
    ms: &[Mention],
    titles: &[TitleHit],
    frame: &mut TitleFrame,
    k: &Knowledge,
) -> Option<(usize, (usize, usize))> {
    // the person: right after (optionally a comma), or right before ("Name, a spokeswoman for");
    // a place the office is held in may stand between ("the SNP's leader in Westminster, X")
    let mut j = frame.right;
    if tokens.get(j).is_some_and(|t| t.lower == "in") {
        let mut e = j + 1;
        while tokens
            .get(e)
            .is_some_and(|t| t.is_capitalised() && t.is_word())
            && e < j + 5
        {
            e += 1;
        }
        if e > j + 1 && tokens.get(e).is_some_and(|t| t.lower == ",") {
            // (the party's leader in one place leads a part of it: a member)
            (j, frame.field) = (e, true);
        }
    }
    if j < tokens.len() && tokens[j].lower == "," {
        j += 1;
    }
    // an honorific stands between: "the party's leader, Sir Ed Davey"
    if let Some(h) = titles
        .iter()
        .find(|h| h.a == j && k.is_honorific(&tokens[h.a].lower))
    {
        j = h.b;
    }
    if let Some(p) = mention_at(ms, j).filter(|&p| ms[p].etype == EntityType::Person) {
        return Some((p, (frame.left, ms[p].b)));
    }
    let p = holder_before(tokens, ms, frame.left, k)?;
    Some((p, (ms[p].a, frame.right)))
}

/// The person named before a title's phrase that starts at `left`: "Name, a spokeswoman for X",
/// "Name The Secretary General of NATO", "Name, Secretary of X", "X was elected President".
fn holder_before(tokens: &[Token], ms: &[Mention], left: usize, k: &Knowledge) -> Option<usize> {
    // "Name, a spokeswoman for X" / "Name The Secretary General of NATO" / "Name, Secretary of X"
    let det = |i: usize| matches!(tokens[i].lower.as_str(), "a" | "an" | "the");
    // ("X, the international president of Y": an adjective or two before the title)
    let mut c = left;
    while c > 0
        && left - c < 2
        && tokens[c - 1].is_word()
        && !tokens[c - 1].is_capitalised()
        && !det(c - 1)
    {
        c -= 1;
    }
    let mut b = left;
    if c > 0 && det(c - 1) {
        b = c - 1;
    } else if b > 0 && det(b - 1) {
        b -= 1;
    }
    if b > 0 && tokens[b - 1].lower == "," {
        b -= 1;
    }
    // "X was elected South Korean President", "X became prime minister"
    let mut c = b;
    if c > 0 && tokens[c - 1].lower == "as" {
        c -= 1;
    }
    if c > 0 && k.is_cue("office_verb", &tokens[c - 1].lower) {
        c -= 1;
        if c > 0 && tokens[c - 1].is(k.cue.copula) {
            c -= 1;
        }
        b = c;
    }
    mention_ending_at(ms, b).filter(|&p| ms[p].etype == EntityType::Person)
}

/// The roles the title `t` states of its holder `p`: its relation to the title's target, and
/// membership of the body named before it.
fn title_roles(
    tokens: &[Token],
    ms: &[Mention],
    t: &TitleHit,
    frame: &TitleFrame,
    p: usize,
    k: &Knowledge,
    roles: &mut Vec<Role>,
) {
    let title = &k.titles[t.title];
    let target = frame.target;
    let Some(rel) = &title.relation else { return };
    // a deputy, or the head of a unit inside the body, is a member of it, not its leader
    // "former Sen. X" held the office once: the graph states no past roles
    let former = tokens[t.a..t.b]
        .iter()
        .any(|x| k.is_cue("title_former", &x.lower));
    if former {
        return;
    }
    let own = t.b - title.words.len();
    // "head of the MSF mission in Yemen": the head of a unit of the body is its member
    let unit_of_body = target.is_some_and(|tg| {
        ms[tg].a > t.b
            && tokens
                .get(ms[tg].b)
                .is_some_and(|x| k.is_cue("org_unit", &x.lower))
    });
    let subordinate =
        unit_of_body || own > t.a && k.is_cue("title_subordinate", &tokens[own - 1].lower);
    // "a director at X": one of its directors, a member
    let one_of = t.a > 0 && matches!(tokens[t.a - 1].lower.as_str(), "a" | "an");
    let rel = if rel == "leader_of" && (subordinate || frame.field || one_of) {
        &"member_of".to_string()
    } else {
        rel
    };
    let rule = format!("title.{rel}");
    let tgt = role_target(ms, t, title, frame, p, k);
    // "White House press secretary X": also a member of the body named before the title; and
    // "Republican Sen. X", "Conservative MP X": of the party before another body's title
    let party = |tg: usize| {
        let own = matches!(&tgt, Some(RoleTarget::Key(key, _)) if *key == ms[tg].key);
        !own && ms[tg]
            .key
            .strip_prefix("gaz:")
            .and_then(|id| k.entry(id))
            .is_some_and(|e| e.kind == "party")
    };
    if let Some(tg) = target.filter(|&tg| {
        ms[tg].etype == EntityType::Organization
            && (rel != "member_of" && rel != "leader_of" || party(tg))
    }) {
        roles.push(Role {
            person: ms[p].key.clone(),
            relation: "member_of".into(),
            target: RoleTarget::Key(ms[tg].key.clone(), EntityType::Organization),
            rule: "title.member_of".into(),
            title: title.words.join(" "),
        });
    }
    if let Some(tgt) = tgt {
        // a member's title pointing at a person ("spokesman for the president") makes an adviser
        let relation = if matches!(tgt, RoleTarget::LeaderOf(_)) && rel == "member_of" {
            "adviser_to".to_string()
        } else {
            rel.clone()
        };
        roles.push(Role {
            person: ms[p].key.clone(),
            relation,
            target: tgt,
            rule,
            title: title.words.join(" "),
        });
    }
}

/// What the title `t` of the person `p` is of: a country, a body, a template's body of a country,
/// or the leader of a country it speaks for, by the title's kind of target.
fn role_target(
    ms: &[Mention],
    t: &TitleHit,
    title: &Title,
    frame: &TitleFrame,
    p: usize,
    k: &Knowledge,
) -> Option<RoleTarget> {
    let (target, possessor, right) = (frame.target, frame.possessor, frame.right);
    match &title.target {
        TitleTarget::Person => {
            if let Some(ps) = possessor {
                Some(RoleTarget::Key(ms[ps].key.clone(), EntityType::Person))
            } else {
                target
                    .and_then(|tg| country_key(&ms[tg], k))
                    .map(RoleTarget::LeaderOf)
            }
        }
        // "Palestinian Authority President X", "Hamas leader X": the body before the title
        TitleTarget::Country
            if target.is_some_and(|tg| {
                ms[tg].etype == EntityType::Organization && !ms[tg].adjective
            }) =>
        {
            target.map(|tg| RoleTarget::Key(ms[tg].key.clone(), EntityType::Organization))
        }
        TitleTarget::Country => target
            .and_then(|tg| country_key(&ms[tg], k))
            .or_else(|| title.default_country.clone())
            .or_else(|| held_office(&ms[p], title, k))
            .map(|c| RoleTarget::Key(format!("gaz:{c}"), EntityType::Place)),
        // "spokesman for the Palestinian president": speaks for a person, not a body
        TitleTarget::Org if target.is_some_and(|tg| ms[tg].adjective) && right > t.b + 2 => target
            .and_then(|tg| country_key(&ms[tg], k))
            .map(RoleTarget::LeaderOf),
        TitleTarget::Org => target
            .filter(|&tg| ms[tg].etype == EntityType::Organization)
            .map(|tg| ms[tg].key.clone())
            .or_else(|| held_office(&ms[p], title, k).map(|o| format!("gaz:{o}")))
            .map(|key| RoleTarget::Key(key, EntityType::Organization)),
        TitleTarget::Template(tpl) => target
            .and_then(|tg| country_key(&ms[tg], k))
            .or_else(|| title.default_country.clone())
            .or_else(|| held_office(&ms[p], title, k))
            .map(|c| template_key(tpl, &c, k)),
        TitleTarget::Id(id) => Some(RoleTarget::Key(
            format!("gaz:{id}"),
            k.entry(id).map_or(EntityType::Organization, |e| e.etype),
        )),
    }
}

/// After a title, a field of lowercase words and then the body it is part of: "(head) of global
/// commodity strategy at RBC Capital Markets", "(counselor) for tax policy at the Treasury". Returns
/// the body's mention and the end of the phrase.
fn field_then_body(tokens: &[Token], ms: &[Mention], right: usize) -> Option<(usize, usize)> {
    let first = tokens.get(right)?;
    if !matches!(first.lower.as_str(), "of" | "for") {
        return None;
    }
    let mut j = right + 1;
    let mut words = 0;
    while let Some(t) = tokens.get(j) {
        if matches!(t.lower.as_str(), "at" | "of" | "for" | "with") && words > 0 {
            let mut b = j + 1;
            if tokens.get(b).is_some_and(|t| t.lower == "the") {
                b += 1;
            }
            return ms
                .iter()
                .position(|m| m.a == b && !m.inner && m.etype == EntityType::Organization)
                .map(|p| (p, ms[p].b));
        }
        let lower_word = t.is_word() && !t.is_capitalised() || t.lower == "and";
        if !lower_word || words == 6 || ms.iter().any(|m| m.a == j) {
            return None;
        }
        words += 1;
        j += 1;
    }
    None
}

/// The country or body whose office a known person holds under this title ("Prime Minister Narendra
/// Modi": India), from the gazetteer, the latest such term first.
fn held_office(person: &Mention, title: &crate::knowledge::Title, k: &Knowledge) -> Option<String> {
    let e = k.entry(person.key.strip_prefix("gaz:")?)?;
    e.roles
        .iter()
        .filter(|(r, ..)| title.gazetteer_roles.iter().any(|g| g == r))
        .max_by_key(|(_, _, from, _)| *from)
        .map(|(_, of, ..)| of.clone())
}

/// "Sen. Jane Roe, R-Ohio, said": a party and state tag after a name is part of the person's
/// phrase, and the state in it is no actor.
pub(super) fn absorb_party_tags(tokens: &[Token], ms: &mut [Mention], k: &Knowledge) {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text);
    let mut tagged = Vec::new();
    for (pi, p) in ms
        .iter()
        .enumerate()
        .filter(|(_, p)| p.etype == EntityType::Person)
    {
        let i = p.ub;
        // a party's letter, a hyphen and a state: "R-Tenn."
        let tag = word(i) == ","
            && tokens.get(i + 1).is_some_and(|t| {
                t.text.len() == 1 && t.is_capitalised() && k.is_cue("party_tag", &t.lower)
            })
            && word(i + 2) == "-"
            && tokens.get(i + 3).is_some_and(|t| t.is_capitalised());
        if !tag {
            continue;
        }
        let mut end = i + 4;
        if word(end) == "." {
            end += 1;
        }
        tagged.push((pi, i + 1, end));
    }
    for (pi, a, b) in tagged {
        ms[pi].ub = ms[pi].ub.max(b);
        for m in ms.iter_mut().filter(|m| m.a >= a && m.b <= b) {
            m.inner = true;
        }
    }
}

/// The rule of a bare title that refers to the one holder the article names ("the PM").
pub(super) const TITLE_COREF_RULE: &str = "coref.title";

/// "the Russian President", "the American leader": a country and a leading title with no name
/// after; "the prime minister" with no country refers to the one holder of that title the article
/// names (resolved at the end of the article).
pub(super) fn add_title_references(
    tokens: &[Token],
    ms: &mut Vec<Mention>,
    titles: &[TitleHit],
    k: &Knowledge,
) {
    for t in titles {
        let title = &k.titles[t.title];
        // leading titles, and "counterpart" ("his Russian counterpart"), which news uses between leaders
        let leading = title.relation.as_deref() == Some("leader_of") || title.relation.is_none();
        // "the senators" names no one person
        if !leading || title.target != TitleTarget::Country || title.plural {
            continue;
        }
        // already part of a named person's unit
        if ms
            .iter()
            .any(|m| m.etype == EntityType::Person && m.ua <= t.a && t.b <= m.ub)
        {
            continue;
        }
        let country_before = ms
            .iter()
            .position(|m| m.b == t.a && !m.inner && (m.adjective || m.etype == EntityType::Place));
        let country_after = (t.b + 1 < tokens.len() && tokens[t.b].lower == "of")
            .then(|| {
                let j = if tokens.get(t.b + 1).is_some_and(|x| x.lower == "the") {
                    t.b + 2
                } else {
                    t.b + 1
                };
                ms.iter()
                    .position(|m| m.a == j && !m.inner && m.etype == EntityType::Place)
            })
            .flatten();
        let Some(p) = country_before.or(country_after) else {
            // "the prime minister", "asked the PM to": the one holder of that title the article names
            let the = t.a > 0 && tokens[t.a - 1].lower == "the";
            let named_after = tokens
                .get(t.b)
                .is_some_and(|x| x.is_capitalised() || x.lower == "of");
            let lowered_words = tokens[t.a..t.b].iter().all(|x| !x.is_capitalised())
                || tokens[t.a..t.b].iter().all(|x| is_abbreviation(x.text));
            if the && !named_after && lowered_words && title.relation.is_some() {
                ms.push(Mention {
                    a: t.a,
                    b: t.b,
                    ua: t.a,
                    ub: t.b,
                    key: format!("ref:leader:*:{}", office_class(title)),
                    etype: EntityType::Person,
                    surface: surface(tokens, t.a, t.b),
                    adjective: false,
                    inner: false,
                    rule: TITLE_COREF_RULE,
                });
            }
            continue;
        };
        let Some(c) = country_key(&ms[p], k) else {
            continue;
        };
        ms[p].inner = true;
        let (a, b) = if country_before.is_some() {
            (ms[p].a, t.b)
        } else {
            (t.a, ms[p].b)
        };
        ms.push(Mention {
            a,
            b,
            ua: a,
            ub: b,
            key: format!("ref:leader:{c}:{}", title.words.join(" ")),
            etype: EntityType::Person,
            surface: surface(tokens, a, b),
            adjective: false,
            inner: false,
            rule: "title.reference",
        });
    }
    ms.sort_by_key(|m| (m.a, m.b));
}

/// What a title names as an office, so that "PM" and "Prime Minister" are one: its roles in the
/// gazetteer ("role:prime_minister"), else its words ("title:chancellor").
pub(super) fn office_class(t: &Title) -> String {
    if t.gazetteer_roles.is_empty() {
        format!("title:{}", t.words.join(" "))
    } else {
        format!("role:{}", t.gazetteer_roles.join("|"))
    }
}

/// Whether a word is written in capitals only, as an abbreviated title is ("PM").
fn is_abbreviation(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())
}

/// Who bears which title: a person whose unit holds the title ("Prime Minister X"), by office class.
pub(super) fn note_office_holders(
    titles: &[TitleHit],
    ms: &[Mention],
    titled: &mut BTreeMap<String, BTreeSet<String>>,
    k: &Knowledge,
) {
    for t in titles.iter().filter(|t| !k.titles[t.title].plural) {
        if let Some(m) = ms.iter().find(|m| {
            m.etype == EntityType::Person
                && !m.key.starts_with("ref:")
                && m.ua <= t.a
                && t.b <= m.ub
        }) {
            titled
                .entry(office_class(&k.titles[t.title]))
                .or_default()
                .insert(m.key.clone());
        }
    }
}
