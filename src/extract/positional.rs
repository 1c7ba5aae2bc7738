//! Facts stated by position rather than by a verb: the article's sentences in, `member_of` edges
//! ("EU member states such as Hungary", "the Saudi-led coalition") and `located_in` edges
//! ("Anchorage, Alaska", "the Yemeni city of Sa'ada") out.

use super::bodies::LED_BODY_RULE;
use super::facts::{evidence, ArticleFacts, End, LocalEdge};
use super::mentions::{self, Analysed, Mention};
use crate::knowledge::{EntityType, Knowledge};
use crate::text::Article;

/// The `member_of` and `located_in` edges of the sentences, sentence by sentence.
pub(super) fn find_edges(
    article: &Article,
    sents: &[Analysed],
    k: &Knowledge,
    facts: &mut ArticleFacts,
) {
    for s in sents.iter().filter(|s| !s.headline) {
        for (country, body) in memberships(s, k) {
            facts.edges.push(LocalEdge {
                s: End::Entity(country),
                relation: "member_of".into(),
                o: End::Entity(body),
                confidence: 0.7,
                date: None,
                evidence: evidence(article, s, "list.member_of"),
            });
        }
        for (place, within, confidence, rule) in locations(s, k) {
            facts.edges.push(LocalEdge {
                s: End::Entity(place),
                relation: "located_in".into(),
                o: End::Entity(within),
                confidence,
                date: None,
                evidence: evidence(article, s, rule),
            });
        }
    }
}

/// Countries listed as members of a body: "EU member states such as Hungary", "NATO allies,
/// including Poland and Romania", "Gulf Cooperation Council members Qatar and Oman": (country, body).
fn memberships(s: &Analysed, k: &Knowledge) -> Vec<(String, String)> {
    let toks = &s.tokens;
    let mut out = Vec::new();
    // "the Saudi-led coalition": the leading country is one of its members
    for body in s.mentions.iter().filter(|m| m.rule == LED_BODY_RULE) {
        if let Some(c) = s
            .mentions
            .iter()
            .find(|m| m.inner && m.a == body.a && m.b < body.b)
            .and_then(|m| mentions::country_key(m, k))
        {
            out.push((format!("gaz:{c}"), body.key.clone()));
        }
    }
    for body in s
        .mentions
        .iter()
        .filter(|m| m.etype == EntityType::Organization && !m.inner)
    {
        // the member noun right after the body's name, with at most one word between ("member states")
        let Some(noun) = (body.b..(body.b + 2).min(toks.len()))
            .find(|&j| k.is_cue("member_noun", &toks[j].lower))
        else {
            continue;
        };
        // the list: right after the noun, or after "such as" / "including" within the clause
        let mut j = noun + 1;
        let stop = (noun + 14).min(toks.len());
        while j < stop && !s.mentions.iter().any(|m| m.a == j && !m.adjective) {
            if matches!(toks[j].lower.as_str(), "." | ";" | ":") || toks[j].is(k.cue.boundary) {
                break;
            }
            j += 1;
        }
        let intro = toks[noun + 1..j]
            .iter()
            .any(|t| k.is_cue("list_intro", &t.lower));
        if j > noun + 1 && !intro {
            continue;
        }
        // the countries of the list, joined by commas and "and"; people after "officials", each
        // with their apposition ("officials, particularly X, the trade representative, and Y")
        let people = k.is_cue("org_staff", &toks[noun].lower);
        for m in listed(s, j, k, people) {
            out.push((m.key.clone(), body.key.clone()));
        }
    }
    // "join the US, the UK and Australia in the Aukus alliance": the listed are its members
    for j in (0..toks.len()).filter(|&j| toks[j].is(k.cue.join_verb)) {
        let mut start = j + 1;
        if toks.get(start).is_some_and(|t| t.lower == "the") {
            start += 1;
        }
        let list = listed(s, start, k, false);
        let Some(end) = list.last().map(|m| m.b) else {
            continue;
        };
        let body = (toks.get(end).is_some_and(|t| t.lower == "in"))
            .then(|| {
                s.mentions.iter().find(|m| {
                    m.etype == EntityType::Organization && (end + 1..=end + 2).contains(&m.a)
                })
            })
            .flatten();
        if let Some(body) = body {
            out.extend(list.iter().map(|m| (m.key.clone(), body.key.clone())));
        }
    }
    out
}

/// The mentions of a list that starts at token `j`, joined by commas, "and" and "the": countries,
/// or people (past their appositions) when `people`.
fn listed<'s>(s: &'s Analysed, mut j: usize, k: &Knowledge, people: bool) -> Vec<&'s Mention> {
    let toks = &s.tokens;
    let mut out = Vec::new();
    while let Some(m) = s.mentions.iter().find(|m| m.a == j && !m.adjective) {
        let country = m
            .key
            .strip_prefix("gaz:")
            .and_then(|id| k.entry(id))
            .is_some_and(|e| e.kind == "country");
        let person = m.etype == EntityType::Person;
        if !(if people { person } else { country }) {
            break;
        }
        out.push(m);
        j = if person { m.ub.max(m.b) } else { m.b };
        // a person's apposition: ", the trade representative,"
        let apposition = |i: usize| {
            toks.get(i).is_some_and(|t| t.lower == ",")
                && toks
                    .get(i + 1)
                    .is_some_and(|t| matches!(t.lower.as_str(), "the" | "a"))
        };
        if people && apposition(j) {
            j = (j + 1..toks.len().min(j + 12))
                .find(|&i| toks[i].lower == ",")
                .unwrap_or(j);
        }
        while toks
            .get(j)
            .is_some_and(|t| matches!(t.lower.as_str(), "," | "and" | "the"))
        {
            j += 1;
        }
    }
    out
}

/// `located_in` stated by position: "Anchorage, Alaska" (a city and its region or country) and "the
/// Ministry of Foreign Affairs in Moscow" (a body in a city): (what, where, confidence, rule).
fn locations(s: &Analysed, k: &Knowledge) -> Vec<(String, String, f64, &'static str)> {
    let gaz = |m: &Mention| m.key.strip_prefix("gaz:").and_then(|id| k.entry(id));
    let mut out = located_by_category(s, k);
    for m in s.mentions.iter().filter(|m| !m.adjective) {
        let Some(next) = s.tokens.get(m.b) else {
            continue;
        };
        let Some(p) = s.mentions.iter().find(|p| p.a == m.b + 1 && !p.adjective) else {
            continue;
        };
        let (Some(pe), city) = (gaz(p), gaz(m).filter(|e| e.kind == "city")) else {
            continue;
        };
        if let Some(c) = city.filter(|_| next.lower == ",") {
            let same = c.parent.as_deref() == Some(pe.id.as_str())
                || k.country_of(&c.id) == k.country_of(&pe.id);
            if matches!(pe.kind.as_str(), "region" | "country") && same {
                out.push((m.key.clone(), p.key.clone(), 0.8, "apposition.located_in"));
            }
        } else if m.etype == EntityType::Organization
            && next.lower == "in"
            && pe.etype == EntityType::Place
            && pe.kind == "city"
        {
            out.push((m.key.clone(), p.key.clone(), 0.7, "prep.located_in"));
        }
    }
    out
}

/// "the Yemeni city of Sa'ada", "the UAE capital Abu Dhabi", "the Ukrainian capital, Kyiv": a
/// country, a place noun and a place's name make the place one of that country.
fn located_by_category(s: &Analysed, k: &Knowledge) -> Vec<(String, String, f64, &'static str)> {
    let mut out = Vec::new();
    for p in s
        .mentions
        .iter()
        .filter(|p| p.etype == EntityType::Place && !p.adjective && !p.inner && p.a >= 2)
    {
        let mut j = p.a;
        if matches!(s.tokens[j - 1].lower.as_str(), "of" | ",") {
            j -= 1;
        }
        let noun = j.checked_sub(1).map(|n| &s.tokens[n]);
        if !noun.is_some_and(|t| k.is_cue("place_category", &t.lower)) {
            continue;
        }
        let Some(country) = s
            .mentions
            .iter()
            .find(|c| c.b + 1 == j && c.etype == EntityType::Place)
            .and_then(|c| mentions::country_key(c, k))
        else {
            continue;
        };
        let key = format!("gaz:{country}");
        if key != p.key
            && p.key
                .strip_prefix("gaz:")
                .and_then(|id| k.country_of(id))
                .is_none_or(|c| c == country)
        {
            out.push((p.key.clone(), key, 0.7, "category.located_in"));
        }
    }
    out
}
