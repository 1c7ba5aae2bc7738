//! Lists of people: a sentence's tokens and mentions in, persons out for the names a list of
//! people holds that no other rule typed ("A, B, Kayleigh McEnany and D": the given name unknown)
//! or that a place took ("Chad Gilmartin": a country that is also a given name).

use super::mentions::{person_words, surface, Mention};
use super::titles::TitleHit;
use crate::knowledge::{EntityType, Knowledge};
use crate::text::Token;

/// The shortest list of names that types its untyped items by the others: three items, two of
/// them people already.
const MIN_ITEMS: usize = 3;

/// One item of a list: its token range, and the mention that covers it exactly, if one does.
struct Item {
    a: usize,
    b: usize,
    mention: Option<usize>,
}

/// Adds a person for each item of a list of people that is a name of two to four capitalised
/// words and no mention covers, or whose first word a one-word place took.
pub(super) fn add_listed_people(
    tokens: &[Token],
    ms: &mut Vec<Mention>,
    titles: &[TitleHit],
    k: &Knowledge,
) {
    // a list of three needs a comma and two people: most sentences have neither, and are not read
    let people = ms.iter().filter(|m| m.etype == EntityType::Person).count();
    if people < 2 || !tokens.iter().any(|t| t.text == ",") {
        return;
    }
    for list in lists(tokens, ms, titles, k) {
        let people = list
            .iter()
            .filter(|it| {
                it.mention
                    .is_some_and(|m| ms[m].etype == EntityType::Person)
            })
            .count();
        if list.len() < MIN_ITEMS || people < 2 {
            continue;
        }
        let mut gone: Vec<usize> = Vec::new();
        let mut added: Vec<Mention> = Vec::new();
        for it in &list {
            let place = it.mention.filter(|&m| {
                ms[m].etype == EntityType::Place && ms[m].b == ms[m].a + 1 && ms[m].b < it.b
            });
            if it.mention.is_some() && place.is_none() {
                continue;
            }
            gone.extend(place);
            let text = surface(tokens, it.a, it.b);
            added.push(Mention {
                a: it.a,
                b: it.b,
                ua: it.a,
                ub: it.b,
                key: format!("per:{}", person_words(&text, k).join(" ")),
                etype: EntityType::Person,
                surface: text,
                adjective: false,
                inner: false,
                rule: "name.list",
            });
        }
        gone.sort_unstable();
        for g in gone.into_iter().rev() {
            ms.remove(g);
        }
        ms.extend(added);
        ms.sort_by_key(|m| (m.a, m.b));
    }
}

/// The lists of a sentence: runs of items separated by commas and a final "and"/"or", each item
/// a name (two to four capitalised words, a mention among them only as its first word) or one
/// mention exactly.
fn lists(tokens: &[Token], ms: &[Mention], titles: &[TitleHit], k: &Knowledge) -> Vec<Vec<Item>> {
    let mut out: Vec<Vec<Item>> = Vec::new();
    let mut current: Vec<Item> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // a title before an item is no part of it ("Mayor X", "Mr. X")
        let start = titles.iter().find(|t| t.a == i).map_or(i, |t| t.b);
        let Some(it) = item_at(tokens, ms, start, k) else {
            flush(&mut current, &mut out);
            i += 1;
            continue;
        };
        i = it.b;
        current.push(it);
        // the separator: ",", ", and", "and", "or"
        let sep = |j: usize| tokens.get(j).map(|t| t.lower.as_str());
        match (sep(i), sep(i + 1)) {
            (Some(","), Some("and" | "or")) => i += 2,
            (Some("," | "and" | "or"), _) => i += 1,
            _ => flush(&mut current, &mut out),
        }
    }
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut Vec<Item>, out: &mut Vec<Vec<Item>>) {
    if current.len() >= MIN_ITEMS {
        out.push(std::mem::take(current));
    }
    current.clear();
}

/// The list item that starts at token `i` (past a title): a mention that ends where the item ends, or a run of
/// two to four capitalised name words (middle initials and hyphens kept) ended by a separator.
fn item_at(tokens: &[Token], ms: &[Mention], i: usize, k: &Knowledge) -> Option<Item> {
    let word = |j: usize| {
        tokens
            .get(j)
            .is_some_and(|t| t.is_capitalised() && t.is_word() && !k.is_cased_cue("not_name", t))
    };
    if !word(i) {
        return None;
    }
    let mut j = i;
    // a dot only after an initial, before the next word ("Janet L. Yellen"), not the sentence's
    let initial_dot = |j: usize| {
        tokens[j].lower == "." && j > i && tokens[j - 1].text.chars().count() == 1 && word(j + 1)
    };
    while j < tokens.len() && (word(j) || initial_dot(j) || tokens[j].lower == "-") {
        j += 1;
    }
    let ends_item = tokens
        .get(j)
        .is_none_or(|t| matches!(t.lower.as_str(), "," | "and" | "or" | "."));
    if !ends_item {
        return None;
    }
    let words = tokens[i..j].iter().filter(|t| t.is_word()).count();
    let exact = ms.iter().position(|m| m.ua == i && m.ub == j && !m.inner);
    // a mention that overlaps the run, other than a one-word place first, makes it no plain name
    let inside = ms.iter().position(|m| {
        let overlaps = m.a.min(m.ua) < j && i < m.b.max(m.ub);
        overlaps && !(m.a == i && m.b == i + 1 && m.ua == i && m.ub == i + 1)
    });
    if exact.is_some() {
        return Some(Item {
            a: i,
            b: j,
            mention: exact,
        });
    }
    if inside.is_some() || !(2..=4).contains(&words) {
        return None;
    }
    let first = ms.iter().position(|m| m.a == i && m.b == i + 1 && !m.inner);
    let given = first.is_none() || k.first_names.contains(tokens[i].text);
    given.then_some(Item {
        a: i,
        b: j,
        mention: first,
    })
}
