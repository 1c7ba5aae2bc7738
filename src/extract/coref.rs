//! Names across the article: its sentences (and the roles and offices they state) in, each
//! mention's key resolved out: "the Russian President" to the person the article or the gazetteer
//! names, a lone surname to the person named in full, a spelling variant to the known person.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::mentions::{self, person_words, Analysed, Mention, Role, RoleTarget};
use super::spelling::{one_slip, similar};
use crate::knowledge::{norm_key, EntityType, Knowledge};
use crate::text::Token;

/// Resolves the references and the names of people across the article's sentences, from the
/// roles they state and who bears which title (`titled`); the resolver comes back, for the roles'
/// ends.
pub(super) fn resolve_names<'k>(
    sents: &mut [Analysed],
    roles: &[(usize, Role)],
    titled: BTreeMap<String, BTreeSet<String>>,
    k: &'k Knowledge,
    year: Option<i32>,
) -> References<'k> {
    let leaders = named_leaders(roles);
    let named_holders = named_office_holders(sents, titled, k, year);
    // resolve references and people named by surname only
    let persons = persons(sents, k);
    add_surnames(sents, &persons, k);
    let refs = References {
        k,
        year,
        leaders,
        named_holders,
        alias: aliases(&persons, k)
            .into_iter()
            .chain(short_bodies(sents, k))
            .collect(),
    };
    refs.resolve_mentions(sents);
    refs
}

/// Who leads which country, as this article says (else as the gazetteer says for the article's
/// year): "COUNTRY:TITLE" and "COUNTRY:*" to the person's key.
fn named_leaders(roles: &[(usize, Role)]) -> BTreeMap<String, String> {
    let mut leaders: BTreeMap<String, String> = BTreeMap::new();
    for (_, r) in roles {
        if r.relation == "leader_of" {
            if let RoleTarget::Key(c, EntityType::Place) = &r.target {
                let c = c.trim_start_matches("gaz:").to_string();
                let person = r.person.clone();
                leaders
                    .entry(format!("{c}:{}", r.title))
                    .or_insert_with(|| person.clone());
                leaders.entry(format!("{c}:*")).or_insert(person);
            }
        }
    }
    leaders
}

/// What the references of an article resolve to.
pub(super) struct References<'a> {
    k: &'a Knowledge,
    /// The article's year, for the gazetteer's office holders.
    year: Option<i32>,
    /// "COUNTRY:TITLE" and "COUNTRY:*": the person the article names with that role.
    leaders: BTreeMap<String, String>,
    /// For each bare title: the one person the article names who holds it.
    named_holders: BTreeMap<String, String>,
    /// A person's key to the key of the person it is a variant of.
    alias: BTreeMap<String, String>,
}

impl References<'_> {
    /// "COUNTRY:TITLE": the person the article names with that role, else the gazetteer's office holder
    fn leader(&self, reference: &str) -> Option<String> {
        let (country, title) = reference.split_once(':').unwrap_or((reference, "leader"));
        if country == "*" {
            return self.named_holders.get(title).cloned();
        }
        let named = self.leaders.get(&format!("{country}:{title}")).or_else(|| {
            if title == "leader" {
                self.leaders.get(&format!("{country}:*"))
            } else {
                None
            }
        });
        named.cloned().or_else(|| {
            self.k
                .holder_roles(title)
                .iter()
                .find_map(|r| self.k.holder(&[r], country, self.year))
                .map(|e| format!("gaz:{}", e.id))
        })
    }

    /// The key `key` resolves to: a reference's person, a variant's person, else itself.
    pub(super) fn resolve(&self, key: &str) -> Option<String> {
        // a reference resolves to a person's key, which may itself be a variant of another
        let mut key = match key.strip_prefix("ref:leader:") {
            Some(c) => self.leader(c)?,
            None => key.to_string(),
        };
        for _ in 0..4 {
            match self.alias.get(&key) {
                Some(t) if *t != key => key = t.clone(),
                _ => break,
            }
        }
        Some(key)
    }

    /// Gives every reference and variant its person's key; drops the references none resolves.
    fn resolve_mentions(&self, sents: &mut [Analysed]) {
        for s in sents {
            for m in &mut s.mentions {
                // most keys are no reference and no variant: they stay as they are, uncopied
                if !m.key.starts_with("ref:") && !self.alias.contains_key(&m.key) {
                    continue;
                }
                if let Some(r) = self.resolve(&m.key) {
                    if r.starts_with("gaz:") && m.key.starts_with("ref:") {
                        m.etype = EntityType::Person;
                    }
                    m.key = r;
                }
            }
            s.mentions.retain(|m| !m.key.starts_with("ref:"));
        }
    }
}

/// The people the article names (not references), with their lowercased name words, full names
/// first.
fn persons(sents: &[Analysed], k: &Knowledge) -> Vec<(String, Vec<String>)> {
    let mut persons: Vec<(String, Vec<String>)> = Vec::new(); // key, name words (full names first)
    for s in sents {
        for m in &s.mentions {
            if m.etype == EntityType::Person
                && !m.key.starts_with("ref:")
                && !persons.iter().any(|(key, _)| *key == m.key)
            {
                persons.push((m.key.clone(), person_words(&m.surface, k)));
            }
        }
    }
    persons.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    persons
}

/// The surnames of the people the article names, each to its person's key.
fn surnames(persons: &[(String, Vec<String>)], k: &Knowledge) -> BTreeMap<String, String> {
    // a lone capitalised word that is the surname of a person the article names is that person
    let mut surnames: BTreeMap<String, String> = persons
        .iter()
        .filter(|(_, w)| w.len() >= 2)
        .filter_map(|(key, w)| w.last().map(|l| (l.clone(), key.clone())))
        .collect();
    // family name first ("Yang Jiechi", "Moon Jae-in"): a two-word name whose first word is no given name
    for (key, w) in persons.iter().filter(|(_, w)| w.len() == 2) {
        let first_given = k.first_names_lower.contains(&w[0]);
        if !first_given && !w[1].contains(' ') {
            surnames.entry(w[0].clone()).or_insert_with(|| key.clone());
        }
    }
    surnames
}

/// A lone capitalised word outside every mention that is the surname of a person the article
/// names is a mention of that person.
fn add_surnames(sents: &mut [Analysed], persons: &[(String, Vec<String>)], k: &Knowledge) {
    let surnames = surnames(persons, k);
    for s in sents.iter_mut().filter(|s| !s.headline) {
        // a GeoNames town named like the article's person is that person ("Safi said", after
        // "Hamid Safi"): the town was taken by its name alone, the person by the article
        for m in s.mentions.iter_mut().filter(|m| m.b == m.a + 1) {
            let town = m
                .key
                .strip_prefix("gaz:")
                .and_then(|id| k.entry(id))
                .is_some_and(|e| e.alone);
            if let Some(person) = town
                .then(|| surname_of(&surnames, &norm_key(&m.surface)))
                .flatten()
            {
                (m.key, m.etype, m.rule) = (person, EntityType::Person, "name.surname");
            }
        }
        // with no surname to match, no lone word is read as one
        let lone_words = if surnames.is_empty() {
            &[][..]
        } else {
            &s.tokens[..]
        };
        for (i, t) in lone_words.iter().enumerate() {
            // (a word in a mention's unit, as its title, is no lone word either)
            let taken = |m: &Mention, j: usize| m.a.min(m.ua) < j && i < m.b.max(m.ub);
            if !t.is_capitalised() || !t.is_word() || s.mentions.iter().any(|m| taken(m, i + 1)) {
                continue;
            }
            let j = name_word_end(&s.tokens, i);
            if s.mentions.iter().any(|m| taken(m, j)) {
                continue;
            }
            // a lone word of ASCII letters and digits is its own key, lowercased: most are no
            // surname, so no string is made for them
            let plain = j == i + 1 && t.text.bytes().all(|b| b.is_ascii_alphanumeric());
            let w: Cow<str> = if plain {
                Cow::Borrowed(t.lower.as_str())
            } else {
                Cow::Owned(norm_key(&mentions::surface(&s.tokens, i, j)))
            };
            if let Some(key) = surname_of(&surnames, w.as_ref()) {
                s.mentions.push(Mention {
                    a: i,
                    b: j,
                    ua: i,
                    ub: j,
                    key: key.clone(),
                    etype: EntityType::Person,
                    surface: mentions::surface(&s.tokens, i, j),
                    adjective: false,
                    inner: false,
                    rule: "name.surname",
                });
            }
        }
        s.mentions.sort_by_key(|m| (m.a, m.b));
    }
}

/// The end of the word at token `i`: a hyphenated surname is one word ("Jean-Pierre").
fn name_word_end(toks: &[Token], i: usize) -> usize {
    let mut j = i + 1;
    while j + 1 < toks.len()
        && toks[j].text == "-"
        && toks[j].span.start == toks[j - 1].span.end
        && toks[j + 1].span.start == toks[j].span.end
        && toks[j + 1].is_capitalised()
    {
        j += 2;
    }
    j
}

/// The person whose surname the word `w` (a key) is, or a misspelling of ("Horn" for "Horne").
fn surname_of(surnames: &BTreeMap<String, String>, w: &str) -> Option<String> {
    surnames.get(w).cloned().or_else(|| {
        // a misspelt surname: "Horn" for "Horne"
        let len = w.chars().count();
        (len >= 4)
            .then(|| {
                // the names that start with `w` follow it in the map's order
                surnames
                    .range::<str, _>((std::ops::Bound::Included(w), std::ops::Bound::Unbounded))
                    .take_while(|(sn, _)| sn.starts_with(w))
                    .find(|(sn, _)| sn.chars().count() <= len + 1)
            })
            .flatten()
            .map(|(_, k)| k.clone())
    })
}

/// The person each unknown name is a variant of: a spelling variant of a known person
/// ("Zelenszkig" for "Zelensky"), of a gazetteer person, or a lone given name ("Boris").
fn aliases(persons: &[(String, Vec<String>)], k: &Knowledge) -> BTreeMap<String, String> {
    let mut alias: BTreeMap<String, String> = BTreeMap::new();
    for (key, words) in persons {
        if !key.starts_with("per:") {
            continue;
        }
        // an unknown name that is a spelling variant of a known person ("Zelenszkig" for "Zelensky")
        let target = persons
            .iter()
            .filter(|(k2, w2)| k2 != key && w2.len() >= words.len())
            .find(|(_, w2)| same_person(words, w2))
            .map(|(k2, _)| k2.clone())
            .or_else(|| gaz_variant(words, k))
            .or_else(|| given_name_of(words, persons, k));
        if let Some(t) = target {
            alias.insert(key.clone(), t);
        }
    }
    alias
}

/// The bodies the article names by the end of a longer name it also gives ("the Banking
/// Committee" for "the Senate Banking Committee"): each short name of two words or more, none a
/// gazetteer name, to the one longer name it ends.
fn short_bodies(sents: &[Analysed], k: &Knowledge) -> BTreeMap<String, String> {
    let bodies: BTreeSet<&str> = sents
        .iter()
        .flat_map(|s| &s.mentions)
        .filter(|m| m.etype == EntityType::Organization && !m.adjective)
        .map(|m| m.key.as_str())
        .collect();
    let mut out = BTreeMap::new();
    for short in bodies.iter().filter(|k| k.starts_with("org:")) {
        let words = &short[4..];
        if !words.contains(' ') {
            continue;
        }
        let tail = format!(" {words}");
        // the longer name qualifies the short one ("Senate ..."); "Shares of X" is no name of X
        let qualifies = |l: &&&str| {
            l.strip_suffix(tail.as_str())
                .and_then(|p| p.rsplit(' ').next())
                .is_some_and(|last| !matches!(last, "of" | "for" | "and" | "the" | "at" | "in"))
        };
        let mut longer = bodies
            .iter()
            .filter(|l| l.starts_with("org:") && l.ends_with(&tail))
            .filter(qualifies);
        if let (Some(l), None) = (longer.next(), longer.next()) {
            out.insert(short.to_string(), l.to_string());
        }
    }
    out.extend(short_known_bodies(sents, k));
    out
}

/// Known news media whose name, as the article writes it, ends the name of one other medium it
/// names: "The Times" after "The New York Times" is that paper, not the London one. (Only media:
/// "the House" is no short "White House".)
fn short_known_bodies(sents: &[Analysed], k: &Knowledge) -> BTreeMap<String, String> {
    let media = |key: &str| {
        key.strip_prefix("gaz:")
            .and_then(|id| k.entry(id))
            .is_some_and(|e| e.kind == "media")
    };
    // (most articles name no medium or one: nothing to compare)
    let named: BTreeSet<(String, &str)> = sents
        .iter()
        .flat_map(|s| &s.mentions)
        .filter(|m| m.etype == EntityType::Organization && !m.adjective && media(&m.key))
        .map(|m| {
            let surface = m.surface.to_lowercase();
            let surface = surface.strip_prefix("the ").unwrap_or(&surface).to_string();
            (surface, m.key.as_str())
        })
        .collect();
    let mut out = BTreeMap::new();
    for (short, key) in &named {
        let tail = format!(" {short}");
        let mut longer = named
            .iter()
            .filter(|(l, other)| other != key && l.ends_with(&tail))
            .map(|(_, other)| *other)
            .collect::<BTreeSet<_>>()
            .into_iter();
        if let (Some(l), None) = (longer.next(), longer.next()) {
            out.insert(key.to_string(), l.to_string());
        }
    }
    out
}

/// For each bare title the article uses, the one person it names who holds it: by that title
/// (`by_title`: "Prime Minister X"), else by the gazetteer's office holders of the article's year. A title two
/// named people hold refers to none of them.
fn named_office_holders(
    analysed: &[Analysed],
    mut by_title: BTreeMap<String, BTreeSet<String>>,
    k: &Knowledge,
    year: Option<i32>,
) -> BTreeMap<String, String> {
    let wanted: BTreeSet<&str> = analysed
        .iter()
        .flat_map(|s| &s.mentions)
        .filter_map(|m| m.key.strip_prefix("ref:leader:*:"))
        .collect();
    let named: BTreeSet<&str> = analysed
        .iter()
        .flat_map(|s| &s.mentions)
        .filter(|m| m.etype == EntityType::Person)
        .filter_map(|m| m.key.strip_prefix("gaz:"))
        .collect();
    let mut out = BTreeMap::new();
    for title in wanted {
        let mut holders = by_title.remove(title).unwrap_or_default();
        if holders.is_empty() {
            let roles: Vec<String> = match title.strip_prefix("role:") {
                Some(rs) => rs.split('|').map(String::from).collect(),
                None => k.holder_roles(title.trim_start_matches("title:")).to_vec(),
            };
            for id in &named {
                let holds = k.entry(id).is_some_and(|e| {
                    e.roles.iter().any(|(r, _, from, to)| {
                        roles.contains(r)
                            && year.is_none_or(|y| {
                                from.is_none_or(|f| f <= y) && to.is_none_or(|t| y <= t)
                            })
                    })
                });
                if holds {
                    holders.insert(format!("gaz:{id}"));
                }
            }
        }
        if holders.len() == 1 {
            out.insert(
                title.to_string(),
                holders.into_iter().next().unwrap_or_default(),
            );
        }
    }
    out
}

/// Whether two person names (lowercased words) can name the same person: the surname alone, or the
/// same given name with a surname spelled alike.
fn same_person(short: &[String], long: &[String]) -> bool {
    let (Some(sl), Some(ll)) = (short.last(), long.last()) else {
        return false;
    };
    if short.len() == 1 {
        // "Biden" for "Joe Biden", "Horn" for "Emily Horne"
        return sl == ll
            || (sl.chars().count() >= 4 && similar(sl, ll) && ll.starts_with(sl.as_str()))
            || one_slip(sl, ll);
    }
    short.len() == long.len() && short[0] == long[0] && similar(sl, ll)
}

/// "Boris said": a lone given name is the one person of the article with that given name.
fn given_name_of(
    words: &[String],
    persons: &[(String, Vec<String>)],
    k: &Knowledge,
) -> Option<String> {
    let [given] = words else { return None };
    if !k.first_names_lower.contains(given) {
        return None;
    }
    let mut with = persons
        .iter()
        .filter(|(_, w)| w.len() >= 2 && w[0] == *given)
        .map(|(key, _)| key);
    match (with.next(), with.next()) {
        (Some(key), None) => Some(key.clone()),
        _ => None,
    }
}

/// A gazetteer person of the same given name whose surname is spelt like the last of `words`.
fn gaz_variant(words: &[String], k: &Knowledge) -> Option<String> {
    if words.len() < 2 {
        return None;
    }
    let last = &words[words.len() - 1];
    k.person_names
        .get(&words[0])?
        .iter()
        .find(|(_, w)| w.len() == words.len() && similar(last, &w[w.len() - 1]))
        .map(|(i, _)| format!("gaz:{}", k.entries[*i].id))
}
