//! Unknown names: a sentence's tokens, its known names and titles in, mentions out for the runs
//! of capitalised words no list knows, typed by their head noun ("... Company"), the words before
//! them ("analysts at X"), an apposition ("X, a digital assets company") or their shape.

use super::mentions::{is_all_caps, person_words, surface, Analysed, Mention};
use super::titles::TitleHit;
use crate::knowledge::{
    norm_key, EntityType, Knowledge, TitleTarget, LEX_MONTH, LEX_ORG_HEAD, LEX_TITLE_START,
    LEX_WEEKDAY,
};
use crate::text::Token;

/// Runs of capitalised words that no list knows, outside the tokens `covered` by known names and
/// titles: each typed by its head noun or its context, and added as a mention when typed.
pub(super) fn find_unknown_names(
    tokens: &[Token],
    ms: &mut Vec<Mention>,
    titles: &[TitleHit],
    covered: &[bool],
    k: &Knowledge,
) {
    let n = tokens.len();
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
        let j = run_end(tokens, covered, i, k, &name_word);
        let (a, b) = (i, j);
        i = j;
        add_run(tokens, ms, titles, covered, (a, b), k);
    }
}

/// The end of the run of name words that starts at token `i`: with middle initials ("Janet L.
/// Yellen"), hyphens ("Jean-Pierre") and the connectors of a body's name ("Bank of England").
fn run_end(
    tokens: &[Token],
    covered: &[bool],
    i: usize,
    k: &Knowledge,
    name_word: &impl Fn(usize) -> bool,
) -> usize {
    let n = tokens.len();
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
    j
}

/// Types the run of capitalised words `[a, b)` by its head noun, the words around it or its
/// shape, and adds it as a mention when one of them tells what it names.
fn add_run(
    tokens: &[Token],
    ms: &mut Vec<Mention>,
    titles: &[TitleHit],
    covered: &[bool],
    (a, b): (usize, usize),
    k: &Knowledge,
) {
    let run = &tokens[a..b];
    // "World War II", "the Cold War": an event's name names no actor
    if run.iter().any(|t| k.is_cased_cue("event_name", t)) {
        return;
    }
    let prev = a
        .checked_sub(1)
        .map(|p| tokens[p].lower.as_str())
        .unwrap_or("");
    if run.iter().any(|t| org_head(t)) {
        // "Dan Ives of Wedbush Securities": a person of a body, not one body
        if let Some(c) = person_of_body(tokens, (a, b), k) {
            push_person(ms, tokens, (a, c), "name.person", k);
            add_org_run(tokens, ms, (c + 1, b), k);
            return;
        }
        add_org_run(tokens, ms, (a, b), k);
        return;
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
            return;
        }
    }
    if let Some(town) = located_town(tokens, ms, (a, b), prev, k) {
        push_named(ms, tokens, (a, b), EntityType::Place, "name.town");
        if let Some(m) = ms.last_mut() {
            m.key = k.gaz_key(town).to_string();
        }
        return;
    }
    if add_typed_by_context(tokens, ms, titles, covered, (a, b), prev, k) {
        return;
    }
    add_acronym_or_person(tokens, ms, titles, (a, b), prev, k);
}

/// Where a run that names a body splits into a person and the body ("Dan Ives of Wedbush
/// Securities", "Jane Roe at Halden Capital"): the preposition after two or three words that
/// start with a given name and hold no head noun, the body's head noun after it.
fn person_of_body(tokens: &[Token], (a, b): (usize, usize), k: &Knowledge) -> Option<usize> {
    if !k.first_names.contains(tokens[a].text) {
        return None;
    }
    (a + 2..(a + 4).min(b)).find(|&c| {
        k.is_cue("affiliation_preposition", &tokens[c].lower)
            && tokens[a..c].iter().all(|t| t.is_word() && !org_head(t))
            && tokens[c + 1..b].iter().any(|t| org_head(t))
    })
}

/// A run with an organisation's head noun ("... Company", "... Council") names a body, with the
/// adjective, country or shorter body's name right before it and a place after "of" at its end.
fn add_org_run(tokens: &[Token], ms: &mut Vec<Mention>, (a, b): (usize, usize), k: &Knowledge) {
    // "Lockheed Martin Corp": a legal form right after a body's name is part of that name
    if b == a + 1 && k.is_cue("legal_form", &tokens[a].lower) {
        let before = ms
            .iter_mut()
            .rev()
            .find(|m| m.b == a && !m.inner && !m.adjective);
        if let Some(m) = before.filter(|m| m.etype == EntityType::Organization) {
            m.b = b;
            m.ub = m.ub.max(b);
            m.surface = surface(tokens, m.a, b);
            return;
        }
    }
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
    if let Some(p) = place_of_name(tokens, ms, a2, b2, k) {
        b2 = ms[p].b;
        ms[p].inner = true;
    }
    if b2 - a2 >= 2 {
        push_org(ms, tokens, a2, b2, "name.org_head");
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
}

/// The gazetteer town a run names where its context makes it a place ("in Mobile", "Austin,
/// Texas", "Sindelfingen-based"): a town whose name is also a word or a person's, so no list
/// takes it by its name alone.
fn located_town(
    tokens: &[Token],
    ms: &[Mention],
    (a, b): (usize, usize),
    prev: &str,
    k: &Knowledge,
) -> Option<usize> {
    // "Sindelfingen-based" is one token: the town is its first part
    let text = surface(tokens, a, b);
    let based_word = text.len() > 6
        && text.is_char_boundary(text.len() - 6)
        && text[text.len() - 6..].eq_ignore_ascii_case("-based");
    let name = if based_word {
        &text[..text.len() - 6]
    } else {
        &text[..]
    };
    let town = k.context_place(&norm_key(name))?;
    // a name that goes on is no town: "in George Soros's native Hungary", "in Franklin's home"
    let goes_on = tokens.get(b).is_some_and(|t| {
        t.is_capitalised() && t.is_word() || matches!(t.lower.as_str(), "'s" | "’s")
    });
    if goes_on {
        return None;
    }
    let located = a > 0 && tokens[a - 1].is(k.cue.locative) && !prev.is_empty();
    let based = tokens.get(b).is_some_and(|t| t.lower == "-")
        && tokens.get(b + 1).is_some_and(|t| t.lower == "based");
    // "Austin, Texas": a place of the town's own country after a comma
    let country = k.entries[town].country.as_deref();
    let in_place = tokens.get(b).is_some_and(|t| t.lower == ",")
        && ms.iter().any(|m| {
            m.a == b + 1
                && m.etype == EntityType::Place
                && m.key
                    .strip_prefix("gaz:")
                    .and_then(|id| k.country_of(id))
                    .is_some_and(|c| Some(c.as_str()) == country)
        });
    (located || based || based_word || in_place).then_some(town)
}

/// A run typed by the words around it: a title of a body's head after it ("Halden CEO X"), a
/// category or staff noun before it ("mining company X"), an apposition or a relative pronoun
/// after it. Whether it was added.
fn add_typed_by_context(
    tokens: &[Token],
    ms: &mut Vec<Mention>,
    titles: &[TitleHit],
    covered: &[bool],
    (a, b): (usize, usize),
    prev: &str,
    k: &Knowledge,
) -> bool {
    let run = &tokens[a..b];
    // a name right before a title of a body's head or staff is that body: "Halden CEO X"
    let body_title = titles
        .iter()
        .any(|t| t.a == b && matches!(k.titles[t.title].target, TitleTarget::Org));
    // (not a portfolio: "UK Business and Energy Secretary")
    let portfolio = prev == "and" || ms.iter().any(|m| m.b == a);
    if body_title && !portfolio && !matches!(prev, "the" | "a" | "an") {
        push_org(ms, tokens, a, b, "name.before_title");
        return true;
    }
    // "mining company X", "analysts at X", "the town of X": the words before a name type it
    if let Some(t) = context_type(tokens, a, k).filter(|_| !k.first_names.contains(run[0].text)) {
        if t == EntityType::Place {
            push_place(ms, tokens, a, b, k);
        } else {
            push_org(ms, tokens, a, b, "name.context");
        }
        return true;
    }
    // "Kpler, which tracks shipping", "Lael Brainard, a governor", "head of research at X"
    if let Some(t) = phrase_type(tokens, a, b, titles, covered, k) {
        match t {
            EntityType::Place => push_place(ms, tokens, a, b, k),
            EntityType::Person => push_person(ms, tokens, (a, b), "name.appositive", k),
            _ => push_org(ms, tokens, a, b, "name.appositive"),
        }
        return true;
    }
    false
}

/// A run typed by its shape: an acronym that acts ("UNIAN reported"), or a person's name (a known
/// given name, a title before it, a speech verb or a title in apposition after it).
fn add_acronym_or_person(
    tokens: &[Token],
    ms: &mut Vec<Mention>,
    titles: &[TitleHit],
    (a, b): (usize, usize),
    prev: &str,
    k: &Knowledge,
) {
    let run = &tokens[a..b];
    let next = tokens.get(b).map(|t| t.lower.as_str());
    let speech = tokens.get(b).is_some_and(|t| t.is(k.cue.speech));
    // an acronym that acts is an organisation: "UNIAN reported"
    if b == a + 1 && is_all_caps(run[0].text) && run[0].text.chars().count() >= 2 {
        // ("the F-35", "the S-400": a model's code, with its digits, is no body)
        let code = run[0].text.chars().any(|c| c.is_ascii_digit());
        if !code && (speech || (prev == "the" && run[0].text.chars().count() >= 3)) {
            push_org(ms, tokens, a, b, "name.acronym");
        }
        return;
    }
    let toks = &tokens[a..b];
    // (words, not tokens: "Joseph R. Manning Jr." is four words and six tokens)
    if toks.iter().any(|t| k.is_cased_cue("not_person", t))
        || toks.iter().filter(|t| t.is_word()).count() > 4
        || matches!(prev, "the" | "a" | "an")
    {
        return;
    }
    let prev_title = titles
        .iter()
        .any(|t| t.b == a || (t.b + 1 == a && tokens[t.b].lower == ","));
    let first_known = k.first_names.contains(toks[0].text);
    // ("Separately, President X said": the title after the comma is X's, not an apposition)
    let named = |t: &TitleHit| tokens.get(t.b).is_some_and(|x| x.is_capitalised());
    // ("in Norland Vale, the chancellor said": no apposition after a place's preposition)
    let after_place_prep = a >= 1 && tokens[a - 1].is(k.cue.locative) && prev != "at";
    let appos_title = next == Some(",")
        && !after_place_prep
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
        return;
    }
    // "Ms Ardern" alone names nobody new: the surname is a reference to the article's Ardern
    let prev_honorific = titles
        .iter()
        .any(|t| t.b == a && k.titles[t.title].relation.is_none() && tokens[t.a].is_capitalised());
    let person = (toks.len() >= 2 && (first_known || prev_title || speech || appos_title))
        || (toks.len() == 1
            && ((prev_title && !prev_honorific) || appos_title || (first_known && speech)));
    if person {
        push_person(ms, tokens, (a, b), "name.person", k);
    }
}

/// Whether a token is an organisation's head noun ("Company", "Council").
fn org_head(tok: &Token) -> bool {
    tok.is(LEX_ORG_HEAD)
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
    // "Speaking in West Sussex, the chancellor said": after a place's preposition, a person after
    // the comma is the clause's subject, not an apposition
    let after_place_prep = a >= 1 && tokens[a - 1].is(k.cue.locative) && prev != "at";
    let the_before = a >= 1 && word(a - 1) == "the";
    match word(b + 1) {
        // ("the North-South Agreement, which said": a document)
        "which" if !the_before => return Some(EntityType::Organization),
        "who" if !after_place_prep => return Some(EntityType::Person),
        _ => {}
    }
    match apposition_head(tokens, b, titles, covered, k) {
        Some(EntityType::Person) if after_place_prep => None,
        t => t,
    }
}

/// The type an apposition after the comma at `b` gives the name before it: its head noun,
/// within a few words of adjectives, names and possessives after an article ("X, a digital
/// assets company"), right after the comma without one.
fn apposition_head(
    tokens: &[Token],
    b: usize,
    titles: &[TitleHit],
    covered: &[bool],
    k: &Knowledge,
) -> Option<EntityType> {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.lower.as_str());
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

/// People a heading names ("Marjorie Taylor Greene", "Ginni Thomas to Mark Meadows"): in a line
/// read as a headline, which gives only names the lists know, a run of two or three capitalised
/// words that starts with a known given name is a person when the article's running text uses its
/// last word alone ("Greene repeated ..."), as it does of someone it has introduced. The article's
/// first line, its title, is left as it is.
pub(super) fn add_heading_people(sents: &mut [Analysed], k: &Knowledge) {
    let body_word = |w: &str| {
        sents.iter().filter(|s| !s.headline).any(|s| {
            s.tokens.iter().enumerate().any(|(i, t)| {
                t.text == w
                    && !(i > 0 && s.tokens[i - 1].is_capitalised())
                    && !s.tokens.get(i + 1).is_some_and(|x| x.is_capitalised())
            })
        })
    };
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (si, s) in sents.iter().enumerate().skip(1).filter(|(_, s)| s.headline) {
        let toks = &s.tokens;
        let mut start = 0;
        while start < toks.len() {
            let b = (start..toks.len())
                .find(|&j| !(toks[j].is_word() && toks[j].is_capitalised()))
                .unwrap_or(toks.len());
            // ("Rep. Barry Loudermilk to Mark Meadows": a title before the name says as much)
            let title_at = |j: usize| toks[j].is(LEX_TITLE_START);
            let lead = title_at(start) && b > start + 1;
            let a = start + usize::from(lead);
            // ("Rep" and its full stop are two tokens)
            let titled = lead
                || a >= 1 && title_at(a - 1)
                || a >= 2 && toks[a - 1].text == "." && title_at(a - 2);
            let free = !s.mentions.iter().any(|m| m.a < b.max(a + 1) && m.b > a);
            if (2..=3).contains(&(b - a))
                && free
                && toks[a..b].iter().all(|t| t.text.chars().nth(1).is_some())
                && k.first_names.contains(toks[a].text)
                && (titled || body_word(toks[b - 1].text))
            {
                found.push((si, a, b));
            }
            start = b.max(start + 1);
        }
    }
    for (si, a, b) in found {
        let s = &mut sents[si];
        push_person(&mut s.mentions, &s.tokens, (a, b), "name.heading", k);
        s.mentions.sort_by_key(|m| (m.a, m.b));
    }
}

/// Pushes an unknown person's name, keyed by its name words without a suffix or middle initial
/// ([`person_words`]).
fn push_person(
    ms: &mut Vec<Mention>,
    tokens: &[Token],
    (a, b): (usize, usize),
    rule: &'static str,
    k: &Knowledge,
) {
    push_named(ms, tokens, (a, b), EntityType::Person, rule);
    if let Some(m) = ms.last_mut() {
        m.key = format!("per:{}", person_words(&m.surface, k).join(" "));
    }
}

/// Pushes an unknown place's name typed by its context.
fn push_place(ms: &mut Vec<Mention>, tokens: &[Token], a: usize, b: usize, k: &Knowledge) {
    push_named(ms, tokens, (a, b), EntityType::Place, "name.context");
    // a town the gazetteer takes as a place only by context ("in Mobile") is that town
    if let Some(m) = ms.last_mut() {
        if let Some(i) = k.context_place(&norm_key(&m.surface)) {
            m.key = k.gaz_key(i).to_string();
        }
    }
}

/// Pushes an unknown body's name.
fn push_org(ms: &mut Vec<Mention>, tokens: &[Token], a: usize, b: usize, rule: &'static str) {
    push_named(ms, tokens, (a, b), EntityType::Organization, rule);
}
