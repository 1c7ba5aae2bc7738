//! Mentions: gazetteer names, unknown names typed by context, titles and the roles they state.

use crate::knowledge::{
    norm_key, EntityType, Knowledge, TitleTarget, LEX_MONTH, LEX_NAME_START, LEX_ORG_HEAD,
    LEX_TITLE_START, LEX_WEEKDAY,
};
use crate::text::Token;

/// A name in a sentence, before resolution across the article.
#[derive(Clone, Debug)]
pub struct Mention {
    /// Token range of the name itself.
    pub a: usize,
    /// End of the name's token range.
    pub b: usize,
    /// Token range of the whole unit (name with its titles and appositions), for argument finding.
    pub ua: usize,
    /// End of the unit.
    pub ub: usize,
    /// Resolution key (`gaz:ID`, `per:name`, `org:name`, `tpl:country:template`, `ref:...`).
    pub key: String,
    /// Entity type.
    pub etype: EntityType,
    /// The surface form as written.
    pub surface: String,
    /// A country adjective or demonym ("Russian"), which names no entity by itself.
    pub adjective: bool,
    /// Part of another mention's unit (a title's country, say): not an argument of its own.
    pub inner: bool,
    /// Rule that produced it.
    pub rule: &'static str,
}

/// A title found in a sentence.
#[derive(Clone, Debug)]
pub struct TitleHit {
    /// Token range.
    pub a: usize,
    /// End of the token range.
    pub b: usize,
    /// Index into `Knowledge::titles`.
    pub title: usize,
}

/// A role stated by a title: `person relation target` (target is a key or a person reference).
#[derive(Clone, Debug)]
pub struct Role {
    /// Key of the person (kept as a key: mention indices change as later passes add mentions).
    pub person: String,
    /// Relation name.
    pub relation: String,
    /// Target key.
    pub target: RoleTarget,
    /// Rule id.
    pub rule: String,
    /// The title's words, lowercased ("president").
    pub title: String,
}

/// What a role points at.
#[derive(Clone, Debug)]
pub enum RoleTarget {
    /// An entity key.
    Key(String, EntityType),
    /// The holder of a leading title of a country (to be resolved).
    LeaderOf(String),
}

/// Whether a text token matches an alias token, honouring case (the pronoun "us" is not "US").
fn token_matches(text: &str, alias: &str) -> bool {
    if text == alias {
        return true;
    }
    let ascii = text.is_ascii() && alias.is_ascii();
    if !ascii {
        let fold = |s: &str| s.replace('’', "'");
        if fold(text) == fold(alias) {
            return true;
        }
    }
    let a0 = alias.chars().next();
    if !a0.is_some_and(|c| c.is_uppercase()) {
        // lowercase alias words (of, the, and) match in any case
        return if ascii {
            text.eq_ignore_ascii_case(alias)
        } else {
            text.to_lowercase() == alias.to_lowercase()
        };
    }
    let all_caps = alias
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase());
    if all_caps {
        // "Nato" for "NATO", but never "Us" for "US", nor the word "plan" for "PLAN"
        let letters = alias.chars().filter(|c| c.is_alphabetic()).count();
        return letters >= 4
            && text.chars().next().is_some_and(|c| c.is_uppercase())
            && text.to_uppercase() == alias;
    }
    // "WASHINGTON" for "Washington"; a capitalised alias needs a capitalised text word
    text.chars().next().is_some_and(|c| c.is_uppercase())
        && text.to_lowercase() == alias.to_lowercase()
}

/// Whether a known person's one-word name at token `i` follows a given name that is none of
/// theirs, nor a spelling of one: "Hunter Biden" is not Joe Biden, but someone the text names in
/// full.
fn other_given_name(tokens: &[Token], i: usize, len: usize, idx: usize, k: &Knowledge) -> bool {
    let e = &k.entries[idx];
    let Some(prev) = i.checked_sub(1).map(|j| &tokens[j]) else {
        return false;
    };
    len == 1
        && e.etype == EntityType::Person
        && prev.is_capitalised()
        && k.first_names.contains(prev.text)
        && !std::iter::once(&e.name).chain(&e.aliases).any(|n| {
            // ("Mahmud Abbas" is Mahmoud Abbas spelt another way)
            n.split_whitespace()
                .any(|w| super::spelling::jaro_winkler(w, prev.text) >= 0.85)
        })
}

/// How often the article so far has named each country, itself or through a body or place of it:
/// a name that several gazetteer entries share is the one of the country named most.
#[derive(Default)]
pub struct Countries {
    /// (country's entry index, mentions): an article names few countries.
    counts: Vec<(usize, u32)>,
}

impl Countries {
    /// Counts the countries of a sentence's gazetteer mentions.
    pub fn read(&mut self, ms: &[Mention], k: &Knowledge) {
        for m in ms {
            if let Some(c) = m
                .key
                .strip_prefix("gaz:")
                .and_then(|id| k.country_index(id))
            {
                match self.counts.iter_mut().find(|(x, _)| *x == c) {
                    Some((_, n)) => *n += 1,
                    None => self.counts.push((c, 1)),
                }
            }
        }
    }

    /// The entry for the name `words` that entry `i` was matched by: `i`, or another entry of the
    /// same name whose country the article named more (the first of a tie).
    pub fn choose(&self, i: usize, words: &[Token], k: &Knowledge) -> usize {
        if !k.has_shared_form(i) {
            return i;
        }
        let Some(list) = k.sharing(i, &key_of(words)) else {
            return i;
        };
        let count = |e: usize| {
            k.country_index(&k.entries[e].id)
                .and_then(|c| self.counts.iter().find(|(x, _)| *x == c))
                .map_or(0, |(_, n)| *n)
        };
        // max_by_key keeps the last of a tie: the reversed list keeps the first
        list.iter()
            .rev()
            .copied()
            .max_by_key(|&e| count(e))
            .unwrap_or(i)
    }
}

/// The surface key of tokens: their lowercased words joined by a space.
fn key_of(words: &[Token]) -> String {
    words
        .iter()
        .map(|t| t.lower.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Longest gazetteer match at token `i`: (length, entry index, alias, is adjective).
#[inline]
fn gaz_at(tokens: &[Token], i: usize, k: &Knowledge) -> Option<(usize, usize, bool)> {
    // most words start no name: the token's class bits decide, without a call
    if !tokens[i].is(LEX_NAME_START) {
        return None;
    }
    gaz_from(tokens, i, k)
}

/// [`gaz_at`] at a word that starts a name.
#[inline(never)]
fn gaz_from(tokens: &[Token], i: usize, k: &Knowledge) -> Option<(usize, usize, bool)> {
    // the names that start here, longest tried first; nearly always a few, kept off the heap
    let mut found: [(usize, &[crate::knowledge::NameForm]); 8] = [(0, &[]); 8];
    let mut n = 0;
    let mut more: Vec<(usize, &[crate::knowledge::NameForm])> = Vec::new();
    for x in k.name_forms_at(tokens[i..].iter().map(|t| t.word)) {
        if n < found.len() {
            found[n] = x;
            n += 1;
        } else {
            more.push(x);
        }
    }
    for &(len, forms) in more.iter().rev().chain(found[..n].iter().rev()) {
        for f in forms {
            // "Russian military" names the armed forces, but not in "Russian military activity"
            let common_tail = f.common_tail
                && tokens
                    .get(i + len)
                    .is_some_and(|t| t.is_word() && !t.is_capitalised());
            if f.words.len() == len
                && !common_tail
                && f.words
                    .iter()
                    .zip(&tokens[i..i + len])
                    .all(|(a, t)| token_matches(t.text, a))
            {
                return Some((len, f.entry, f.adjective));
            }
        }
    }
    None
}

/// The gazetteer names inside tokens `[a, b)` other than the whole ("Russia" and "NATO" in
/// "Russia-NATO Council"), as keys.
pub fn inner_names(tokens: &[Token], a: usize, b: usize, k: &Knowledge) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = a;
    while i < b {
        match gaz_at(&tokens[..b], i, k) {
            Some((len, idx, _)) if !(i == a && len == b - a) => {
                out.push(k.gaz_key(idx).to_string());
                i += len;
            }
            _ => i += 1,
        }
    }
    out
}

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

fn org_head(tok: &Token) -> bool {
    tok.is(LEX_ORG_HEAD)
}

/// Finds the mentions and titles of one sentence.
pub fn find(
    tokens: &[Token],
    k: &Knowledge,
    headline: bool,
    countries: &Countries,
) -> (Vec<Mention>, Vec<TitleHit>) {
    let n = tokens.len();
    let mut covered = vec![false; n];
    let mut ms: Vec<Mention> = Vec::new();
    let mut titles: Vec<TitleHit> = Vec::new();
    // 1. gazetteer names, longest first
    let mut i = 0;
    while i < n {
        if let Some((len, idx, adj)) = gaz_at(tokens, i, k) {
            if other_given_name(tokens, i, len, idx, k) {
                i += 1;
                continue;
            }
            let idx = countries.choose(idx, &tokens[i..i + len], k);
            let e = &k.entries[idx];
            ms.push(Mention {
                a: i,
                b: i + len,
                ua: i,
                ub: i + len,
                key: k.gaz_key(idx).to_string(),
                etype: e.etype,
                surface: surface(tokens, i, i + len),
                adjective: adj,
                inner: false,
                rule: "gazetteer",
            });
            covered[i..i + len].iter_mut().for_each(|c| *c = true);
            i += len;
        } else {
            i += 1;
        }
    }
    // a dateline's city ("NEW DELHI, Feb 27") names where the story was filed, not an actor
    for m in ms
        .iter_mut()
        .filter(|m| m.a == 0 && m.etype == EntityType::Place && is_all_caps(&m.surface))
    {
        let next = tokens.get(m.b).map_or("", |t| t.lower.as_str());
        let month = tokens.get(m.b).is_some_and(|t| t.is(LEX_MONTH));
        let letters = m.surface.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 3 && (next == "," || next == "(" || month) {
            m.inner = true;
        }
    }
    // 2. titles on uncovered words
    let mut i = 0;
    while i < n {
        if covered[i] {
            i += 1;
            continue;
        }
        // a title starts with a title word or a modifier ("Deputy"): the class bits decide
        let start = tokens[i].is(k.cue.title_modifier | LEX_TITLE_START);
        if let Some((len, ti)) = start.then(|| title_at(tokens, i, k)).flatten() {
            if !covered[i..i + len].iter().any(|c| *c) {
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
    if headline {
        ms.sort_by_key(|m| m.a);
        return (ms, titles);
    }
    // 3. runs of capitalised words that no list knows: typed by their head noun or their context
    let is_calendar = |t: &Token| {
        t.is(LEX_MONTH) || (t.is(LEX_WEEKDAY) && k.weekdays.contains_key(t.lower.as_str()))
    };
    // cheapest tests first: most tokens are not capitalised
    let name_word = |j: usize| {
        !covered[j]
            && tokens[j].is_capitalised()
            && tokens[j].is_word()
            && !is_calendar(&tokens[j])
            && !k.is_cased_cue("not_name", &tokens[j])
    };
    let mut i = 0;
    while i < n {
        // most tokens are not capitalised: passed over in a tight loop before the full test
        match tokens[i..].iter().position(Token::is_capitalised) {
            Some(p) => i += p,
            None => break,
        }
        if !name_word(i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            // an all-caps word after a mixed-case one starts something else (a dateline: "Joe Biden WASHINGTON")
            let caps_break = |j: usize| {
                is_all_caps(tokens[j].text)
                    && !is_all_caps(tokens[j - 1].text)
                    && tokens[j].text.chars().count() > 3
            };
            if j + 2 < n
                && tokens[j].text.len() == 1
                && tokens[j].text.as_bytes()[0].is_ascii_uppercase()
                && tokens[j + 1].text == "."
                && tokens[j + 1].span.start == tokens[j].span.end
                && (name_word(j + 2) || covered[j + 2])
            {
                // a middle initial: "Janet L. Yellen"
                j += 2;
                if covered[j] {
                    break;
                }
            } else if j < n && name_word(j) && !caps_break(j) {
                j += 1;
            } else if j + 1 < n
                && tokens[j].text == "-"
                && tokens[j].span.start == tokens[j - 1].span.end
                && tokens[j + 1].span.start == tokens[j].span.end
                && name_word(j + 1)
            {
                // "Jean-Pierre": a hyphen inside a name (gazetteer names such as "US-Russian" are covered already)
                j += 2;
            } else if j + 1 < n
                && tokens[j].is(k.cue.connector)
                && !covered[j]
                && name_word(j + 1)
                && (tokens[j].lower != "and"
                    || tokens[i..j].iter().any(|t| org_head(t))
                    || tokens[j + 1..].iter().take(4).any(|t| org_head(t)))
                && (tokens[i..j].iter().any(|t| org_head(t))
                    || tokens[j + 1..(j + 5).min(n)].iter().any(|t| org_head(t)))
            {
                j += 2;
            } else {
                break;
            }
        }
        let (a, b) = (i, j);
        i = j;
        let run = &tokens[a..b];
        let prev = a
            .checked_sub(1)
            .map(|p| tokens[p].lower.as_str())
            .unwrap_or("");
        if run.iter().any(|t| org_head(t)) {
            // trailing connectors are not part of a name
            let mut b2 = b;
            while b2 > a + 1 && tokens[b2 - 1].is(k.cue.connector) {
                b2 -= 1;
            }
            // an adjective or country right before belongs to the name ("Ukrainian News Agency"),
            // and so does a shorter body's name ("Senate Banking Committee")
            let mut a2 = a;
            if let Some(p) = ms.iter().position(|m| {
                m.b == a
                    && m.etype != EntityType::Person
                    && tokens[m.a..m.b].iter().all(|t| t.is_capitalised())
            }) {
                a2 = ms[p].a;
            }
            // "Federal Reserve Bank of Dallas": a city or country after the head noun is part of the
            // name, unless the name is a country's body told by a common phrase ("Foreign Ministry")
            if let Some(p) = place_of_name(tokens, &ms, a2, b2, k) {
                b2 = ms[p].b;
                ms[p].inner = true;
            }
            if b2 - a2 >= 2 {
                push_org(&mut ms, tokens, a2, b2, "name.org_head");
                if a2 < a {
                    // the adjective or place is now inside the organisation's name
                    if let Some(p) = ms
                        .iter()
                        .position(|m| m.b == a && m.etype != EntityType::Person)
                    {
                        ms[p].inner = true;
                    }
                }
            }
            continue;
        }
        // an acronym in brackets after an organisation is its short name: "... Council of Ukraine (RNBO)"
        if b == a + 1 && is_all_caps(run[0].text) && prev == "(" {
            if let Some(o) = ms
                .iter()
                .position(|m| m.etype == EntityType::Organization && m.b + 1 == a)
            {
                let key = ms[o].key.clone();
                ms.push(Mention {
                    a,
                    b,
                    ua: a,
                    ub: b,
                    key,
                    etype: EntityType::Organization,
                    surface: run[0].text.to_string(),
                    adjective: false,
                    inner: false,
                    rule: "name.acronym",
                });
                continue;
            }
        }
        // a name right before a title of a body's head or staff is that body: "Halden CEO X"
        let body_title = titles
            .iter()
            .any(|t| t.a == b && matches!(k.titles[t.title].target, TitleTarget::Org));
        // (not a portfolio: "UK Business and Energy Secretary")
        let portfolio = prev == "and" || ms.iter().any(|m| m.b == a);
        if body_title && !portfolio && !matches!(prev, "the" | "a" | "an") {
            push_org(&mut ms, tokens, a, b, "name.before_title");
            continue;
        }
        // "mining company X", "analysts at X", "the town of X": the words before a name type it
        if let Some(t) = context_type(tokens, a, k).filter(|_| !k.first_names.contains(run[0].text))
        {
            if t == EntityType::Place {
                push_place(&mut ms, tokens, a, b);
            } else {
                push_org(&mut ms, tokens, a, b, "name.context");
            }
            continue;
        }
        // "Kpler, which tracks shipping", "Lael Brainard, a governor", "head of research at X"
        if let Some(t) = phrase_type(tokens, a, b, &titles, &covered, k) {
            match t {
                EntityType::Place => push_place(&mut ms, tokens, a, b),
                EntityType::Person => push_person(&mut ms, tokens, a, b, "name.appositive"),
                _ => push_org(&mut ms, tokens, a, b, "name.appositive"),
            }
            continue;
        }
        let next = tokens.get(b).map(|t| t.lower.as_str());
        let speech = tokens.get(b).is_some_and(|t| t.is(k.cue.speech));
        // an acronym that acts is an organisation: "UNIAN reported"
        if b == a + 1 && is_all_caps(run[0].text) && run[0].text.chars().count() >= 2 {
            if speech || (prev == "the" && run[0].text.chars().count() >= 3) {
                push_org(&mut ms, tokens, a, b, "name.acronym");
            }
            continue;
        }
        let toks = &tokens[a..b];
        if toks.iter().any(|t| k.is_cased_cue("not_person", t))
            || toks.len() > 4
            || matches!(prev, "the" | "a" | "an")
        {
            continue;
        }
        let prev_title = titles
            .iter()
            .any(|t| t.b == a || (t.b + 1 == a && tokens[t.b].lower == ","));
        let first_known = k.first_names.contains(toks[0].text);
        // ("Separately, President X said": the title after the comma is X's, not an apposition)
        let named = |t: &TitleHit| tokens.get(t.b).is_some_and(|x| x.is_capitalised());
        let appos_title = next == Some(",")
            && (titles
                .iter()
                .any(|t| (t.a == b + 1 || t.a == b + 2) && !named(t))
                || tokens
                    .get(b + 1)
                    .is_some_and(|t| matches!(t.lower.as_str(), "a" | "an" | "the"))
                    && titles.iter().any(|t| t.a <= b + 4 && t.a > b && !named(t)));
        // a given name spelled otherwise before a known person's surname: "Mahmud Abbas"
        if let Some(p) = ms.iter().position(|m| {
            m.a == b && m.etype == EntityType::Person && m.key.starts_with("gaz:") && m.b == m.a + 1
        }) {
            ms[p].a = a;
            ms[p].ua = a;
            ms[p].surface = surface(tokens, a, ms[p].b);
            continue;
        }
        let person = (toks.len() >= 2 && (first_known || prev_title || speech || appos_title))
            || (toks.len() == 1 && (prev_title || appos_title || (first_known && speech)));
        if person {
            push_person(&mut ms, tokens, a, b, "name.person");
        }
    }
    ms.sort_by_key(|m| (m.a, m.b));
    (ms, titles)
}

fn is_all_caps(s: &str) -> bool {
    s.chars().any(|c| c.is_alphabetic())
        && s.chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
}

/// The type that the words before a name at `a` give it: a category noun ("the fertilizer company
/// X", "the town of X") or staff working at it ("analysts at X").
fn context_type(tokens: &[Token], a: usize, k: &Knowledge) -> Option<EntityType> {
    // the class bits of the words before, not string lookups: this runs for most unknown names
    let before = |i: usize| a.checked_sub(i).map(|j| &tokens[j]);
    let class = |t: Option<&Token>| match t {
        Some(t) if t.is(k.cue.org_category) => Some(EntityType::Organization),
        Some(t) if t.is(k.cue.place_category) => Some(EntityType::Place),
        _ => None,
    };
    match before(1).map_or("", |t| t.lower.as_str()) {
        "at" | "from" if before(2).is_some_and(|t| t.is(k.cue.org_staff)) => {
            Some(EntityType::Organization)
        }
        "of" => class(before(2)).filter(|t| *t == EntityType::Place),
        _ => class(before(1)),
    }
}

/// The type of an unknown name `[a, b)` told by the phrase around it: an apposition ("X, a digital
/// assets company", "X, the largest shareholder of", "X, sister of"), a relative pronoun ("X, which
/// tracks", "X, who"), a source ("according to X"), or the body after a title ("head of oil research
/// at X", "the president of X").
fn phrase_type(
    tokens: &[Token],
    a: usize,
    b: usize,
    titles: &[TitleHit],
    covered: &[bool],
    k: &Knowledge,
) -> Option<EntityType> {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.lower.as_str());
    let prev = if a >= 1 { word(a - 1) } else { "" };
    // most names have none of these phrases around them: the cheap tests first
    let before_prep = matches!(prev, "to" | "at" | "of")
        || prev == "the" && a >= 2 && matches!(word(a - 2), "at" | "of");
    if !before_prep && word(b) != "," {
        return None;
    }
    let first_known = tokens[a..b].iter().any(|t| k.first_names.contains(t.text));
    // "Prime Minister's Questions, the party's leader": a possessed name is no apposition's
    if matches!(prev, "'s" | "’s") {
        return None;
    }
    if a >= 2 && prev == "to" && word(a - 2) == "according" {
        // a one-word source written in capitals inside is a body ("NetBlocks"); a surname is not
        let inner_caps = tokens[a].text.chars().skip(1).any(char::is_uppercase);
        return match (b == a + 1, first_known) {
            (true, false) if inner_caps => Some(EntityType::Organization),
            (false, true) => Some(EntityType::Person),
            _ => None,
        };
    }
    // the body a title's holder works at or for: "(head) of ... research at X", "(president) of X"
    let after_title = a >= 1 && {
        let mut j = a - 1;
        if word(j) == "the" && j > 0 {
            j -= 1;
        }
        let prep = word(j);
        let mut lowered = 0;
        while j > 0 && lowered <= 6 && titles.iter().all(|t| t.b != j) {
            let t = &tokens[j - 1];
            if !t.is_word() || t.is_capitalised() {
                break;
            }
            lowered += 1;
            j -= 1;
        }
        titles.iter().any(|t| t.b == j)
            && (prep == "at" || prep == "of" && lowered == 0)
            && !first_known
    };
    if after_title {
        return Some(EntityType::Organization);
    }
    if word(b) != "," {
        return None;
    }
    let the_before = a >= 1 && word(a - 1) == "the";
    match word(b + 1) {
        // ("the North-South Agreement, which said": a document)
        "which" if !the_before => return Some(EntityType::Organization),
        "who" => return Some(EntityType::Person),
        _ => {}
    }
    // an apposition: its head noun, within a few words of adjectives, names and possessives
    // after an article ("X, a digital assets company"), right after the comma without one
    let mut j = b + 1;
    let reach = if matches!(word(j), "a" | "an" | "the") {
        j += 1;
        7
    } else {
        2
    };
    // ("Separately, President Joe Biden": a title before a name is that name's)
    let named = |t: &TitleHit| tokens.get(t.b).is_some_and(|x| x.is_capitalised());
    for i in j..(j + reach).min(tokens.len()) {
        let t = &tokens[i];
        // ("the French giant's chief executive": a possessor is no head)
        if matches!(word(i + 1), "'s" | "’s") {
            continue;
        }
        let title = titles.iter().any(|x| x.a == i && !named(x));
        if title || t.is(k.cue.person_noun) {
            return Some(EntityType::Person);
        }
        if t.is(k.cue.org_category) {
            return Some(EntityType::Organization);
        }
        if t.is(k.cue.place_category) {
            return Some(EntityType::Place);
        }
        let modifier = (t.is_word() && !t.is_capitalised())
            || covered[i]
            || matches!(t.lower.as_str(), "'s" | "’s" | "-");
        if !modifier || t.is(k.cue.boundary) {
            return None;
        }
    }
    None
}

/// Pushes a mention of a name no list knows, keyed by its type and its words.
fn push_named(
    ms: &mut Vec<Mention>,
    tokens: &[Token],
    (a, b): (usize, usize),
    etype: EntityType,
    rule: &'static str,
) {
    let prefix = match etype {
        EntityType::Person => "per",
        EntityType::Place => "plc",
        EntityType::Organization => "org",
    };
    let surface = surface(tokens, a, b);
    ms.push(Mention {
        a,
        b,
        ua: a,
        ub: b,
        key: format!("{prefix}:{}", norm_key(&surface)),
        etype,
        surface,
        adjective: false,
        inner: false,
        rule,
    });
}

fn push_person(ms: &mut Vec<Mention>, tokens: &[Token], a: usize, b: usize, rule: &'static str) {
    push_named(ms, tokens, (a, b), EntityType::Person, rule);
}

fn push_place(ms: &mut Vec<Mention>, tokens: &[Token], a: usize, b: usize) {
    push_named(ms, tokens, (a, b), EntityType::Place, "name.context");
}

fn push_org(ms: &mut Vec<Mention>, tokens: &[Token], a: usize, b: usize, rule: &'static str) {
    push_named(ms, tokens, (a, b), EntityType::Organization, rule);
}

/// Text of tokens `[a, b)` joined as written (one space where the text had any).
pub fn surface(tokens: &[Token], a: usize, b: usize) -> String {
    // at most the bytes the tokens span: one allocation
    let room = match (tokens.get(a), b.checked_sub(1).and_then(|l| tokens.get(l))) {
        (Some(f), Some(l)) if b > a => l.span.end.saturating_sub(f.span.start),
        _ => 0,
    };
    let mut s = String::with_capacity(room);
    for (i, t) in tokens[a..b].iter().enumerate() {
        if i > 0 && tokens[a + i - 1].span.end < t.span.start {
            s.push(' ');
        }
        s.push_str(t.text);
    }
    s
}

/// Attaches titles to persons: widens each person's unit over its titles, marks the countries and
/// organisations inside titles as inner, and returns the roles the titles state.
pub fn attach_titles(
    tokens: &[Token],
    ms: &mut [Mention],
    titles: &[TitleHit],
    k: &Knowledge,
) -> Vec<Role> {
    let mut roles = Vec::new();
    let at = |ms: &[Mention], i: usize| ms.iter().position(|m| m.a == i && !m.inner);
    let ends_at = |ms: &[Mention], i: usize| ms.iter().position(|m| m.b == i && !m.inner);
    for t in titles {
        let title = &k.titles[t.title];
        // person after the title: "[Adj] Title [Name]" or "Title of [the] X [,] Name"
        let mut target: Option<usize> = None; // mention index of country/org complement
        let mut left = t.a;
        // modifier before the title: "Russian", "US", "NATO", "Putin's"
        let mut possessor: Option<usize> = None;
        let mut pronoun = false;
        if let Some(p) = ends_at(ms, t.a) {
            target = Some(p);
            left = ms[p].a;
        } else if t.a >= 2 && matches!(tokens[t.a - 1].lower.as_str(), "'s" | "’s" | "'") {
            if let Some(p) = ends_at(ms, t.a - 1) {
                if ms[p].etype == EntityType::Person {
                    possessor = Some(p);
                    left = ms[p].a;
                } else {
                    target = Some(p);
                    left = ms[p].a;
                }
            }
        } else if t.a >= 1 && matches!(tokens[t.a - 1].lower.as_str(), "his" | "her") {
            // "his national security adviser X": the sentence's first person, its subject
            possessor = ms
                .iter()
                .position(|m| m.etype == EntityType::Person && m.b < t.a && !m.inner);
            pronoun = true;
        }
        let mut right = t.b;
        // "US Ambassador to the United Nations": a country before an envoy's title sends the envoy;
        // what follows "to" is where the envoy is sent
        let sent = target.is_some()
            && tokens.get(right).is_some_and(|x| x.lower == "to")
            && matches!(title.target, TitleTarget::Country);
        if sent {
            let j = if tokens.get(right + 1).is_some_and(|x| x.lower == "the") {
                right + 2
            } else {
                right + 1
            };
            if let Some(p) = at(ms, j) {
                ms[p].inner = false;
                right = ms[p].b;
            }
        }
        // complement after the title: "of the United States", "for the Ministry ...", "to the Russian President"
        if right < tokens.len()
            && !sent
            && matches!(tokens[right].lower.as_str(), "of" | "for" | "to" | "at")
        {
            let mut j = right + 1;
            if j < tokens.len() && tokens[j].lower == "the" {
                j += 1;
            }
            if let Some(p) = at(ms, j) {
                // the whole complement: an adjective + title ("the Russian President") refers to a person
                if ms[p].adjective {
                    if let Some(ct) = titles.iter().find(|x| x.a == ms[p].b) {
                        possessor = None;
                        target = Some(p);
                        right = ct.b;
                    } else {
                        target = Some(p);
                        right = ms[p].b;
                    }
                } else {
                    target = Some(p);
                    right = ms[p].b;
                }
            }
        }
        // "head of research at Kpler": a field in lowercase words, then the body
        let mut field = false;
        if target.is_none() {
            if let Some((p, end)) = field_then_body(tokens, ms, right) {
                (target, right, field) = (Some(p), end, true);
            }
        }
        // the person: right after (optionally a comma), or right before ("Name, a spokeswoman for");
        // a place the office is held in may stand between ("the SNP's leader in Westminster, X")
        let mut j = right;
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
                (j, field) = (e, true);
            }
        }
        if j < tokens.len() && tokens[j].lower == "," {
            j += 1;
        }
        let mut person = at(ms, j).filter(|&p| ms[p].etype == EntityType::Person);
        let mut unit = (left, ms.get(person.unwrap_or(0)).map_or(right, |m| m.b));
        if person.is_none() {
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
            person = ends_at(ms, b).filter(|&p| ms[p].etype == EntityType::Person);
            if let Some(p) = person {
                unit = (ms[p].a, right);
            }
        }
        let Some(p) = person else { continue };
        ms[p].ua = ms[p].ua.min(unit.0);
        ms[p].ub = ms[p].ub.max(unit.1);
        if let Some(tg) = target {
            ms[tg].inner = true;
        }
        if let Some(ps) = possessor.filter(|_| !pronoun) {
            ms[ps].inner = true;
        }
        let Some(rel) = &title.relation else { continue };
        // a deputy, or the head of a unit inside the body, is a member of it, not its leader
        // "former Sen. X" held the office once: the graph states no past roles
        let former = tokens[t.a..t.b]
            .iter()
            .any(|x| k.is_cue("title_former", &x.lower));
        if former {
            continue;
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
        let rel = if rel == "leader_of" && (subordinate || field) {
            &"member_of".to_string()
        } else {
            rel
        };
        let rule = format!("title.{rel}");
        let tgt = match &title.target {
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
            TitleTarget::Org if target.is_some_and(|tg| ms[tg].adjective) && right > t.b + 2 => {
                target
                    .and_then(|tg| country_key(&ms[tg], k))
                    .map(RoleTarget::LeaderOf)
            }
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
        };
        // "White House press secretary X": also a member of the body named before the title
        if let Some(tg) = target.filter(|&tg| {
            ms[tg].etype == EntityType::Organization && rel != "member_of" && rel != "leader_of"
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
    roles
}

/// "CNN's Julia Chatterley": a body's name in the possessive right before a person's makes the
/// person its member (a place's does not: "South Dakota's John Thune").
pub fn possessive_affiliations(tokens: &[Token], ms: &[Mention]) -> Vec<Role> {
    let mut roles = Vec::new();
    for m in ms
        .iter()
        .filter(|m| m.etype == EntityType::Organization && !m.adjective && !m.inner)
    {
        if !tokens
            .get(m.b)
            .is_some_and(|t| matches!(t.lower.as_str(), "'s" | "’s"))
        {
            continue;
        }
        if let Some(p) = ms
            .iter()
            .find(|p| p.a == m.b + 1 && p.etype == EntityType::Person && !p.inner)
        {
            roles.push(Role {
                person: p.key.clone(),
                relation: "member_of".into(),
                target: RoleTarget::Key(m.key.clone(), EntityType::Organization),
                rule: "possessive.member_of".into(),
                title: String::new(),
            });
        }
    }
    roles
}

/// "the bank's Board of Directors": an organ named by generic words alone (cue class
/// `organ_word`, and "of") right after a body's possessive is that body, for a name like "Board
/// of Governors" names no body of its own and would join the boards of unrelated bodies. It
/// takes the body's key and name.
pub fn fold_possessive_organs(tokens: &[Token], ms: &mut [Mention], k: &Knowledge) {
    for i in 0..ms.len() {
        let o = &ms[i];
        let body = o.etype == EntityType::Organization && !o.adjective && !o.inner;
        if !body
            || !tokens
                .get(o.b)
                .is_some_and(|t| matches!(t.lower.as_str(), "'s" | "’s"))
        {
            continue;
        }
        let Some(j) = ms.iter().position(|p| {
            p.a == o.b + 1
                && p.etype == EntityType::Organization
                && !p.inner
                && tokens[p.a..p.b]
                    .iter()
                    .all(|t| t.is(k.cue.organ_word) || t.lower == "of")
                && tokens[p.a].is(k.cue.organ_word)
        }) else {
            continue;
        };
        // (with the body's name too: the organ's words must not become the body's label)
        ms[j].key = ms[i].key.clone();
        ms[j].surface = ms[i].surface.clone();
        ms[j].rule = "possessive.organ";
    }
}

/// "The United States, under President Harry Truman, responded": a country's title holder named
/// after "under" right behind the country holds the title of that country.
pub fn ruled_under(
    tokens: &[Token],
    ms: &[Mention],
    titles: &[TitleHit],
    k: &Knowledge,
) -> Vec<Role> {
    let mut roles = Vec::new();
    for c in ms.iter().filter(|m| !m.adjective && !m.inner) {
        let mut j = c.b;
        if tokens.get(j).is_some_and(|t| t.lower == ",") {
            j += 1;
        }
        if tokens.get(j).is_none_or(|t| !t.is(k.cue.ruled_by)) {
            continue;
        }
        let Some(country) = country_key(c, k).filter(|id| c.key == format!("gaz:{id}")) else {
            continue;
        };
        // (the word may be read as the start of a title: "Under Secretary")
        let Some(t) = titles.iter().find(|t| t.a == j || t.a == j + 1) else {
            continue;
        };
        let title = &k.titles[t.title];
        let leads = matches!(title.target, TitleTarget::Country);
        let person = ms
            .iter()
            .find(|p| p.etype == EntityType::Person && p.a == t.b);
        if let (true, Some(relation), Some(p)) = (leads, &title.relation, person) {
            roles.push(Role {
                person: p.key.clone(),
                relation: relation.clone(),
                target: RoleTarget::Key(format!("gaz:{country}"), EntityType::Place),
                rule: "title.under".into(),
                title: title.words.join(" "),
            });
        }
    }
    roles
}

/// "Sen. Jane Roe, R-Ohio, said": a party and state tag after a name is part of the person's
/// phrase, and the state in it is no actor.
pub fn absorb_party_tags(tokens: &[Token], ms: &mut [Mention], k: &Knowledge) {
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

/// The gazetteer place after "of" that ends an organisation's name `[a, b)` ("Bank of Dallas"), when
/// the name ends with its head noun and is no template phrase; as an index into `ms`.
fn place_of_name(
    tokens: &[Token],
    ms: &[Mention],
    a: usize,
    b: usize,
    k: &Knowledge,
) -> Option<usize> {
    if tokens.get(b)?.lower != "of" || !org_head(&tokens[b - 1]) {
        return None;
    }
    let words: Vec<&str> = tokens[a..b].iter().map(|t| t.lower.as_str()).collect();
    let template = k
        .org_templates
        .iter()
        .any(|(p, _)| words.len() >= p.len() && words[words.len() - p.len()..] == p[..]);
    if template {
        return None;
    }
    ms.iter()
        .position(|m| m.a == b + 1 && m.etype == EntityType::Place && !m.adjective && !m.inner)
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

/// The key of a country's body of a template: the gazetteer's own entry, else a synthesised one.
pub fn template_key(tpl: &str, country: &str, k: &Knowledge) -> RoleTarget {
    match k.template_org(tpl, country) {
        Some(e) => RoleTarget::Key(format!("gaz:{}", e.id), EntityType::Organization),
        None => RoleTarget::Key(format!("tpl:{country}:{tpl}"), EntityType::Organization),
    }
}

/// The country id a mention names (a country, an adjective, or a city's country).
pub fn country_key(m: &Mention, k: &Knowledge) -> Option<String> {
    let id = m.key.strip_prefix("gaz:")?;
    k.country_of(id)
}

/// The rule of a mention that refers to an entity without naming it (a pronoun, "the party").
pub(super) const PRONOUN_RULE: &str = "coref.pronoun";

/// A mention at token `i` of `tokens` that refers to `key` without naming it (a pronoun, "the
/// party"): its word is no surface form of the entity.
pub(super) fn reference_at(tokens: &[Token], i: usize, key: String, etype: EntityType) -> Mention {
    Mention {
        a: i,
        b: i + 1,
        ua: i,
        ub: i + 1,
        key,
        etype,
        surface: tokens[i].text.to_string(),
        adjective: false,
        inner: false,
        rule: PRONOUN_RULE,
    }
}

/// Adds mentions and keeps the sentence's mentions in text order.
pub(super) fn add_sorted(ms: &mut Vec<Mention>, new: Vec<Mention>) {
    if !new.is_empty() {
        ms.extend(new);
        ms.sort_by_key(|m| (m.a, m.b));
    }
}

/// Whether `key` is a gazetteer news medium (which reports a fact rather than takes part in it).
pub(super) fn is_media(key: &str, k: &Knowledge) -> bool {
    key.strip_prefix("gaz:")
        .and_then(|id| k.entry(id))
        .is_some_and(|e| e.kind == "media")
}

#[cfg(test)]
mod tests {
    use crate::knowledge::norm_key;

    // a key is the words of letters and digits, lowercased, one space apart; the ASCII path is a
    // fast path and must agree with the general one
    #[test]
    fn keys_are_lowercased_words() {
        let cases: &[(&str, &str, &str)] = &[
            ("one word", "Putin", "putin"),
            ("two words", "Emmanuel Macron", "emmanuel macron"),
            ("inner punctuation", "U.S.-China  talks", "u s china talks"),
            ("outer punctuation", " (NATO) ", "nato"),
            ("digits", "G7 summit", "g7 summit"),
            ("nothing", "-- !", ""),
            ("not ASCII", "Kyiv–Lviv talks", "kyiv lviv talks"),
            ("accents", "Élysée Palace", "élysée palace"),
        ];
        for (name, input, want) in cases {
            assert_eq!(norm_key(input), *want, "{name}");
            // the general path on the same text, forced by a non-ASCII character at the end
            let general = norm_key(&format!("{input}\u{a0}"));
            assert_eq!(general, *want, "{name}: the general path");
        }
    }
}
