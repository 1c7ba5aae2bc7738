//! Extraction: from one article's sentences to mentions, resolved entities, meetings and edges.
//! Everything here works on one article at a time, so articles can be processed independently;
//! resolution across articles happens when the graph is built.

mod dates;
mod meetings;
mod mentions;
mod relations;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

pub use dates::{find_article_date, find_article_date_near, find_dates, plausible_article_date};
pub use meetings::{compatible as meetings_compatible, merge_into as merge_meeting};

use crate::date::Date;
use crate::knowledge::{norm_key, EntityType, Knowledge};
use crate::text::{self, Article, Span};
use mentions::{Mention, RoleTarget};

/// The sentence that supports a fact.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Evidence {
    /// Article id (shared by the facts of one article).
    pub article: Arc<str>,
    /// Byte span of the sentence in the article.
    pub span: Span,
    /// The sentence text (shared by the facts of one sentence).
    pub text: Arc<str>,
    /// Rule that fired.
    pub rule: String,
}

/// An entity as one article names it.
#[derive(Clone, Debug)]
pub struct LocalEntity {
    /// Resolution key (`gaz:ID` for gazetteer entries).
    pub key: String,
    /// Type.
    pub etype: EntityType,
    /// Every surface form used.
    pub surfaces: BTreeSet<String>,
    /// Byte spans of the mentions.
    pub spans: Vec<Span>,
}

/// A meeting as one article describes it.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct LocalMeeting {
    /// Kind (PhoneCall, VideoCall, Talks, CouncilMeeting, Summit, PressConference, Other).
    pub kind: String,
    /// First day.
    pub date: Option<Date>,
    /// Last day, for multi-day meetings.
    pub end: Option<Date>,
    /// Whether the date was inferred from a weekday or relative word.
    pub date_inferred: bool,
    /// The day as written when it could not be placed on the calendar (the article has no date):
    /// "Monday", "last week".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// For a held meeting the lead of a dated article tells without a day: the day it takes when
    /// no dated meeting of another article is the same one (the lead's day, else the article's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_day: Option<Date>,
    /// `held` or `scheduled`.
    pub status: String,
    /// Participant keys.
    pub participants: BTreeSet<String>,
    /// The participants named where the meeting is told (not those added by later references):
    /// the two ends of a call, the sides of talks.
    pub principals: BTreeSet<String>,
    /// Place key.
    pub place: Option<String>,
    /// The council or committee whose session it is.
    pub body: Option<String>,
    /// Supporting sentences.
    pub evidence: Vec<Evidence>,
    /// Phrases that name it.
    pub surfaces: BTreeSet<String>,
}

/// An end of an extracted edge.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum End {
    /// An entity key.
    Entity(String),
    /// A meeting, by index into [`ArticleFacts::meetings`].
    Meeting(usize),
}

/// An extracted edge.
#[derive(Clone, Debug)]
pub struct LocalEdge {
    /// Subject.
    pub s: End,
    /// Relation (GOLD.md vocabulary).
    pub relation: String,
    /// Object.
    pub o: End,
    /// Confidence of this one statement.
    pub confidence: f64,
    /// Evidence.
    pub evidence: Evidence,
}

/// Everything extracted from one article.
#[derive(Clone, Debug)]
pub struct ArticleFacts {
    /// Article id.
    pub article: String,
    /// Date used to resolve relative dates.
    pub reference: Option<Date>,
    /// Entities by key.
    pub entities: BTreeMap<String, LocalEntity>,
    /// Meetings.
    pub meetings: Vec<LocalMeeting>,
    /// Edges.
    pub edges: Vec<LocalEdge>,
}

/// A sentence with its mentions, ready for relation finding.
pub(crate) struct Analysed<'a> {
    pub tokens: Vec<text::Token<'a>>,
    pub span: Span,
    /// The sentence's text, made when a fact first needs it, and the article's id: shared by
    /// every fact it supports.
    pub text: std::cell::OnceCell<Arc<str>>,
    pub article: Arc<str>,
    pub mentions: Vec<Mention>,
    pub headline: bool,
}

/// Extracts the facts of one article.
pub fn extract(article: &Article, k: &Knowledge) -> ArticleFacts {
    let reference = article.published;
    let year = reference.map(|d| d.year);
    let lowered = text::Lowered::of(article);
    let sents = text::sentences(article, &lowered, k);
    let article_id: Arc<str> = article.id.as_str().into();
    let mut analysed: Vec<Analysed> = Vec::new();
    let mut roles: Vec<(usize, mentions::Role)> = Vec::new();
    let mut titled: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // the body of each kind the article named last, for "the party", "the bloc"
    let mut last_body: BTreeMap<String, String> = BTreeMap::new();
    let mut countries = mentions::Countries::default();
    for s in sents {
        let (mut ms, titles) = mentions::find(&s.tokens, k, s.headline, &countries);
        countries.read(&ms, k);
        fix_templates(&s.tokens, &mut ms, k);
        add_governments(&s.tokens, &mut ms, k);
        add_led_bodies(&s.tokens, &mut ms, k);
        add_body_anaphors(&s.tokens, &mut ms, &last_body, k);
        let before = analysed.last().filter(|b: &&Analysed| !b.headline);
        add_proposal_owners(&s.tokens, &mut ms, before, k);
        for m in ms.iter().filter(|m| m.etype == EntityType::Organization) {
            if let Some(e) = m.key.strip_prefix("gaz:").and_then(|id| k.entry(id)) {
                // (copied only when the kind's last body changes: most repeat it)
                if last_body.get(&e.kind) != Some(&m.key) {
                    last_body.insert(e.kind.clone(), m.key.clone());
                }
            }
        }
        let rs = if s.headline {
            vec![]
        } else {
            let mut rs = mentions::attach_titles(&s.tokens, &mut ms, &titles, k);
            mentions::absorb_party_tags(&s.tokens, &mut ms, k);
            mentions::fold_possessive_organs(&s.tokens, &mut ms, k);
            rs.extend(mentions::possessive_affiliations(&s.tokens, &ms));
            rs.extend(mentions::ruled_under(&s.tokens, &ms, &titles, k));
            rs
        };
        // a title with a country and no name after it refers to that country's leader: "the Russian President"
        if !s.headline {
            add_title_references(&s.tokens, &mut ms, &titles, k);
        }
        // who bears which title, for "the prime minister" later ("Prime Minister X")
        for t in &titles {
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
        let idx = analysed.len();
        roles.extend(rs.into_iter().map(|r| (idx, r)));
        analysed.push(Analysed {
            tokens: s.tokens,
            span: s.span,
            text: std::cell::OnceCell::new(),
            article: article_id.clone(),
            mentions: ms,
            headline: s.headline,
        });
    }
    // who leads which country, as this article says (else as the gazetteer says for the article's year)
    let mut leaders: BTreeMap<String, String> = BTreeMap::new();
    for (_, r) in &roles {
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
    let named_holders = named_office_holders(&analysed, titled, k, year);
    // "COUNTRY:TITLE": the person the article names with that role, else the gazetteer's office holder
    let leader = |reference: &str| -> Option<String> {
        let (country, title) = reference.split_once(':').unwrap_or((reference, "leader"));
        if country == "*" {
            return named_holders.get(title).cloned();
        }
        let named = leaders.get(&format!("{country}:{title}")).or_else(|| {
            if title == "leader" {
                leaders.get(&format!("{country}:*"))
            } else {
                None
            }
        });
        named.cloned().or_else(|| {
            k.holder_roles(title)
                .iter()
                .find_map(|r| k.holder(&[r], country, year))
                .map(|e| format!("gaz:{}", e.id))
        })
    };
    // resolve references and people named by surname only
    let mut persons: Vec<(String, Vec<String>)> = Vec::new(); // key, name words (full names first)
    for s in &analysed {
        for m in &s.mentions {
            if m.etype == EntityType::Person
                && !m.key.starts_with("ref:")
                && !persons.iter().any(|(key, _)| *key == m.key)
            {
                let words: Vec<String> = m.surface.split_whitespace().map(norm_key).collect();
                persons.push((m.key.clone(), words));
            }
        }
    }
    persons.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
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
    for s in analysed.iter_mut().filter(|s| !s.headline) {
        // with no surname to match, no lone word is read as one
        let lone_words = if surnames.is_empty() {
            &[][..]
        } else {
            &s.tokens[..]
        };
        for (i, t) in lone_words.iter().enumerate() {
            if !t.is_capitalised() || !t.is_word() || s.mentions.iter().any(|m| m.a <= i && i < m.b)
            {
                continue;
            }
            // a hyphenated surname is one word: "Jean-Pierre"
            let mut j = i + 1;
            while j + 1 < s.tokens.len()
                && s.tokens[j].text == "-"
                && s.tokens[j].span.start == s.tokens[j - 1].span.end
                && s.tokens[j + 1].span.start == s.tokens[j].span.end
                && s.tokens[j + 1].is_capitalised()
            {
                j += 2;
            }
            if s.mentions.iter().any(|m| m.a < j && i < m.b) {
                continue;
            }
            // a lone word of ASCII letters and digits is its own key, lowercased: most are no
            // surname, so no string is made for them
            let plain = j == i + 1 && t.text.bytes().all(|b| b.is_ascii_alphanumeric());
            let w: std::borrow::Cow<str> = if plain {
                std::borrow::Cow::Borrowed(t.lower.as_str())
            } else {
                std::borrow::Cow::Owned(norm_key(&mentions::surface(&s.tokens, i, j)))
            };
            let w = w.as_ref();
            let hit = surnames.get(w).cloned().or_else(|| {
                // a misspelt surname: "Horn" for "Horne"
                let len = w.chars().count();
                (len >= 4)
                    .then(|| {
                        surnames
                            .iter()
                            .find(|(sn, _)| sn.starts_with(w) && sn.chars().count() <= len + 1)
                    })
                    .flatten()
                    .map(|(_, k)| k.clone())
            });
            if let Some(key) = hit {
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
    let mut alias: BTreeMap<String, String> = BTreeMap::new();
    for (key, words) in &persons {
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
            .or_else(|| given_name_of(words, &persons, k));
        if let Some(t) = target {
            alias.insert(key.clone(), t);
        }
    }
    let resolve = |key: &str| -> Option<String> {
        // a reference resolves to a person's key, which may itself be a variant of another
        let mut key = match key.strip_prefix("ref:leader:") {
            Some(c) => leader(c)?,
            None => key.to_string(),
        };
        for _ in 0..4 {
            match alias.get(&key) {
                Some(t) if *t != key => key = t.clone(),
                _ => break,
            }
        }
        Some(key)
    };
    for s in &mut analysed {
        for m in &mut s.mentions {
            // most keys are no reference and no variant: they stay as they are, uncopied
            if !m.key.starts_with("ref:") && !alias.contains_key(&m.key) {
                continue;
            }
            if let Some(r) = resolve(&m.key) {
                if r.starts_with("gaz:") && m.key.starts_with("ref:") {
                    m.etype = EntityType::Person;
                }
                m.key = r;
            }
        }
        s.mentions.retain(|m| !m.key.starts_with("ref:"));
    }
    resolve_pronouns(&mut analysed, k);
    let mut facts = ArticleFacts {
        article: article.id.clone(),
        reference,
        entities: BTreeMap::new(),
        meetings: vec![],
        edges: vec![],
    };
    for s in &analysed {
        for m in &s.mentions {
            // an adjective ("Russian") names no entity; a title reference ("the Russian President") does
            if m.adjective {
                continue;
            }
            // the key and the surface are copied only the first time the article uses them
            if !facts.entities.contains_key(&m.key) {
                facts.entities.insert(
                    m.key.clone(),
                    LocalEntity {
                        key: m.key.clone(),
                        etype: m.etype,
                        surfaces: BTreeSet::new(),
                        spans: vec![],
                    },
                );
            }
            let Some(e) = facts.entities.get_mut(&m.key) else {
                continue;
            };
            // a pronoun refers to the entity but is no name of it
            if m.rule != PRONOUN_RULE
                && m.rule != TITLE_COREF_RULE
                && m.rule != DESCRIPTOR_RULE
                && !e.surfaces.contains(&m.surface)
            {
                e.surfaces.insert(m.surface.clone());
            }
            e.spans.push(Span::new(
                s.tokens[m.a].span.start,
                s.tokens[m.b - 1].span.end,
            ));
        }
    }
    // roles stated by titles
    for (si, r) in &roles {
        let s = &analysed[*si];
        let Some(person) = resolve(&r.person) else {
            continue;
        };
        let target = match &r.target {
            RoleTarget::Key(key, _) => resolve(key),
            RoleTarget::LeaderOf(c) => resolve(&format!("ref:leader:{c}:leader")),
        };
        let Some(target) = target else { continue };
        if target == person {
            continue;
        }
        let et = match &r.target {
            RoleTarget::Key(_, t) => *t,
            RoleTarget::LeaderOf(_) => EntityType::Person,
        };
        facts
            .entities
            .entry(target.clone())
            .or_insert_with(|| LocalEntity {
                key: target.clone(),
                etype: et,
                surfaces: BTreeSet::new(),
                spans: vec![],
            });
        facts.edges.push(LocalEdge {
            s: End::Entity(person),
            relation: r.relation.clone(),
            o: End::Entity(target),
            confidence: 0.8,
            evidence: evidence(article, s, &r.rule),
        });
    }
    for s in analysed.iter().filter(|s| !s.headline) {
        for (country, body) in memberships(s, k) {
            facts.edges.push(LocalEdge {
                s: End::Entity(country),
                relation: "member_of".into(),
                o: End::Entity(body),
                confidence: 0.7,
                evidence: evidence(article, s, "list.member_of"),
            });
        }
        for (place, within, confidence, rule) in locations(s, k) {
            facts.edges.push(LocalEdge {
                s: End::Entity(place),
                relation: "located_in".into(),
                o: End::Entity(within),
                confidence,
                evidence: evidence(article, s, rule),
            });
        }
    }
    relations::find_relations(article, &analysed, k, &mut facts);
    meetings::find_meetings(article, &analysed, k, &mut facts);
    // entities created only as edge ends (adjectives, inferred leaders) need a record
    let ends: Vec<(String, EntityType)> = facts
        .edges
        .iter()
        .flat_map(|e| [&e.s, &e.o])
        .chain(facts.meetings.iter().flat_map(|_| std::iter::empty()))
        .filter_map(|e| match e {
            End::Entity(k) => Some(k),
            _ => None,
        })
        .chain(
            facts
                .meetings
                .iter()
                .flat_map(|m| m.participants.iter().chain(m.place.as_ref())),
        )
        // nearly every end is an entity the article named: only the others are copied
        .filter(|key| !facts.entities.contains_key(*key))
        .cloned()
        .map(|key| {
            let t = type_of_key(&key, k);
            (key, t)
        })
        .collect();
    for (key, t) in ends {
        facts
            .entities
            .entry(key.clone())
            .or_insert_with(|| LocalEntity {
                key,
                etype: t,
                surfaces: BTreeSet::new(),
                spans: vec![],
            });
    }
    facts
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

/// The rule of a bare title that refers to the one holder the article names ("the PM").
const TITLE_COREF_RULE: &str = "coref.title";

/// A mention at token `i` of `tokens` that refers to `key` without naming it (a pronoun, "the
/// party"): its word is no surface form of the entity.
fn reference_at(tokens: &[text::Token], i: usize, key: String, etype: EntityType) -> Mention {
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
fn add_sorted(ms: &mut Vec<Mention>, new: Vec<Mention>) {
    if !new.is_empty() {
        ms.extend(new);
        ms.sort_by_key(|m| (m.a, m.b));
    }
}

/// The rule of a mention made by [`party_member_descriptors`].
const DESCRIPTOR_RULE: &str = "coref.descriptor";

/// The rule of a mention made by [`resolve_pronouns`].
const PRONOUN_RULE: &str = "coref.pronoun";

/// A clause-initial "he" or "she" ("But he urged ...") refers to the first person the sentence
/// before names, when that sentence names one: a mention of that person is added at the pronoun.
fn resolve_pronouns(analysed: &mut [Analysed], k: &Knowledge) {
    let mut previous: Option<String> = None;
    for s in analysed.iter_mut() {
        if s.headline {
            continue;
        }
        if let Some(key) = &previous {
            party_member_descriptors(s, key, k);
        }
        let first_person = s
            .mentions
            .iter()
            .filter(|m| m.etype == EntityType::Person && !m.inner && !m.adjective)
            .min_by_key(|m| m.a)
            .map(|m| m.key.clone());
        if let Some(key) = &previous {
            let lead = s.tokens.iter().position(|t| !t.is(k.cue.clause_opener));
            let at = lead.filter(|&i| {
                i <= 2
                    && s.tokens[i].is(k.cue.subject_pronoun)
                    && !s.mentions.iter().any(|m| m.a <= i && i < m.b)
            });
            if let Some(i) = at {
                let m = reference_at(&s.tokens, i, key.clone(), EntityType::Person);
                add_sorted(&mut s.mentions, vec![m]);
            }
        }
        add_quoted_speaker(s, previous.as_deref(), k);
        previous = first_person;
        add_relative_antecedents(s, k);
    }
}

/// "The Massachusetts Democrat, who sits on ...": "the" and a one-word person name whose plural
/// names a party ("Democrats") describe a member of it, the person the sentence before named
/// first (`previous`), not someone called "Democrat".
fn party_member_descriptors(s: &mut Analysed, previous: &str, k: &Knowledge) {
    let party = |w: &str| {
        k.surface
            .get(&format!("{w}s"))
            .is_some_and(|l| l.iter().any(|(e, _, _)| k.entries[*e].kind == "party"))
    };
    let toks = &s.tokens;
    for m in s.mentions.iter_mut() {
        let the = || (m.a.saturating_sub(3)..m.a).any(|j| toks[j].lower == "the");
        if m.etype == EntityType::Person
            && m.b == m.a + 1
            && m.key.starts_with("per:")
            && the()
            && party(&toks[m.a].lower)
        {
            m.key = previous.to_string();
            m.rule = DESCRIPTOR_RULE;
        }
    }
}

/// For a sentence that opens with a quote: the token of its closing quote, and where the speaker
/// would be named after it (past a comma): `“...,” Morawiecki said`.
pub(crate) fn opening_quote(toks: &[text::Token]) -> Option<(usize, usize)> {
    let quote = |i: usize| matches!(toks[i].text, "\"" | "“" | "”");
    if toks.is_empty() || !quote(0) {
        return None;
    }
    let close = (1..toks.len()).find(|&i| quote(i))?;
    let after = if toks.get(close + 1).is_some_and(|t| t.lower == ",") {
        close + 2
    } else {
        close + 1
    };
    Some((close, after))
}

/// Whether `key` is a gazetteer news medium (which reports a fact rather than takes part in it).
pub(crate) fn is_media(key: &str, k: &Knowledge) -> bool {
    key.strip_prefix("gaz:")
        .and_then(|id| k.entry(id))
        .is_some_and(|e| e.kind == "media")
}

/// "“I call on the EU to act,” Morawiecki said": a first-person pronoun opening a clause of a quote
/// that opens the sentence stands for the speaker named (or, as "she", referred to) after it.
fn add_quoted_speaker(s: &mut Analysed, previous: Option<&str>, k: &Knowledge) {
    let toks = &s.tokens;
    let Some((close, j)) = opening_quote(toks) else {
        return;
    };
    // the speaker: a person, or "he"/"she" for the person the sentence before names
    let speaker = match s
        .mentions
        .iter()
        .find(|m| m.ua == j && m.etype == EntityType::Person && !m.inner)
    {
        Some(m) => toks
            .get(m.ub)
            .filter(|t| t.is(k.cue.speech))
            .map(|_| m.key.clone()),
        None => toks
            .get(j)
            .filter(|t| t.is(k.cue.subject_pronoun))
            .and_then(|_| toks.get(j + 1))
            .filter(|t| t.is(k.cue.speech))
            .and(previous.map(str::to_string)),
    };
    let Some(key) = speaker else { return };
    let mut new = Vec::new();
    for i in 1..close {
        let opens = i == 1 || toks[i - 1].is(k.cue.clause_opener);
        if opens
            && k.is_cue("first_person", &toks[i].lower)
            && !s.mentions.iter().any(|m| m.a <= i && i < m.b)
        {
            new.push(reference_at(toks, i, key.clone(), EntityType::Person));
        }
    }
    add_sorted(&mut s.mentions, new);
}

/// "The agency, which will host the talks": the relative pronoun after a comma stands for the
/// name before the comma, so a verb after it has a subject.
fn add_relative_antecedents(s: &mut Analysed, k: &Knowledge) {
    let mut new = Vec::new();
    for i in 2..s.tokens.len() {
        if !s.tokens[i].is(k.cue.relative_pronoun) || s.tokens[i - 1].lower != "," {
            continue;
        }
        // ("OPEC and its allies, which": a body and its own partners stand for the body)
        let partners = i >= 5
            && s.tokens[i - 4].lower == "and"
            && k.is_cue("possessive_pronoun", &s.tokens[i - 3].lower)
            && k.is_cue("member_noun", &s.tokens[i - 2].lower);
        let end = if partners { i - 4 } else { i - 1 };
        let before = s
            .mentions
            .iter()
            .find(|m| m.b == end && !m.inner && !m.adjective && m.rule != PRONOUN_RULE);
        if let Some(m) = before {
            new.push(reference_at(&s.tokens, i, m.key.clone(), m.etype));
        }
    }
    add_sorted(&mut s.mentions, new);
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

/// The type of an entity key, from the gazetteer or its prefix.
pub fn type_of_key(key: &str, k: &Knowledge) -> EntityType {
    if let Some(id) = key.strip_prefix("gaz:") {
        return k.entry(id).map_or(EntityType::Organization, |e| e.etype);
    }
    if key.starts_with("per:") {
        EntityType::Person
    } else if key.starts_with("plc:") {
        EntityType::Place
    } else {
        EntityType::Organization
    }
}

pub(crate) fn evidence(article: &Article, s: &Analysed, rule: &str) -> Evidence {
    Evidence {
        article: s.article.clone(),
        span: s.span,
        text: s
            .text
            .get_or_init(|| article.text[s.span.start..s.span.end].into())
            .clone(),
        rule: rule.to_string(),
    }
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
            || (sl.chars().count() >= 4 && similar(sl, ll) && ll.starts_with(sl.as_str()));
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

/// Jaro-Winkler similarity of at least 0.9 with a shared prefix of four letters: transliteration variants.
fn similar(a: &str, b: &str) -> bool {
    let pa: String = a.chars().take(4).collect();
    let pb: String = b.chars().take(4).collect();
    pa == pb && jaro_winkler(a, b) >= 0.88
}

/// Jaro-Winkler similarity of two strings.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut am = vec![false; a.len()];
    let mut bm = vec![false; b.len()];
    let mut m = 0usize;
    for i in 0..a.len() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for j in lo..hi {
            if !bm[j] && a[i] == b[j] {
                am[i] = true;
                bm[j] = true;
                m += 1;
                break;
            }
        }
    }
    if m == 0 {
        return 0.0;
    }
    let (mut t, mut j) = (0usize, 0usize);
    for i in 0..a.len() {
        if am[i] {
            while !bm[j] {
                j += 1;
            }
            if a[i] != b[j] {
                t += 1;
            }
            j += 1;
        }
    }
    let m = m as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + (m - t as f64 / 2.0) / m) / 3.0;
    let prefix = a.iter().zip(&b).take(4).take_while(|(x, y)| x == y).count() as f64;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

/// Turns organisation names made of a template phrase ("Foreign Ministry") into the body of the
/// country named beside them; drops them when no country is named (a generic use).
fn fix_templates(tokens: &[text::Token], ms: &mut Vec<Mention>, k: &Knowledge) {
    let mut drop = vec![];
    for i in 0..ms.len() {
        if ms[i].etype != EntityType::Organization || !ms[i].key.starts_with("org:") {
            continue;
        }
        let words: Vec<String> = tokens[ms[i].a..ms[i].b]
            .iter()
            .map(|t| t.lower.to_string())
            .collect();
        let Some((phrase, tpl)) = k
            .org_templates
            .iter()
            .find(|(p, _)| words.len() >= p.len() && words[words.len() - p.len()..] == p[..])
        else {
            continue;
        };
        let modifier_len = words.len() - phrase.len();
        // a country before ("Russian Foreign Ministry"), inside, or after ("of Russia", "in Moscow")
        let before = ms
            .iter()
            .position(|m| m.adjective || m.etype == EntityType::Place)
            .filter(|&p| {
                ms[p].b == ms[i].a + modifier_len && ms[p].a >= ms[i].a.saturating_sub(1)
                    || ms[p].b == ms[i].a
            });
        let after = ms.iter().position(|m| {
            m.etype == EntityType::Place
                && m.a == ms[i].b + 1
                && matches!(tokens[ms[i].b].lower.as_str(), "of" | "in")
                || m.etype == EntityType::Place
                    && m.a == ms[i].b + 2
                    && tokens[ms[i].b].lower == "of"
                    && tokens[ms[i].b + 1].lower == "the"
        });
        let country = before
            .or(after)
            .and_then(|p| mentions::country_key(&ms[p], k));
        match country {
            Some(c) if modifier_len <= 1 => {
                let key = match mentions::template_key(tpl, &c, k) {
                    RoleTarget::Key(key, _) => key,
                    RoleTarget::LeaderOf(_) => continue,
                };
                let p = before.or(after).unwrap_or(i);
                ms[i].key = key;
                ms[i].rule = "name.org_template";
                if let Some(b) = before {
                    ms[i].a = ms[i].a.min(ms[b].a);
                    ms[i].ua = ms[i].a;
                    ms[b].inner = true;
                } else {
                    ms[i].ub = ms[p].b;
                    ms[p].inner = true;
                }
                ms[i].surface = mentions::surface(tokens, ms[i].a, ms[i].b);
            }
            _ if modifier_len == 0 => drop.push(i),
            _ => {}
        }
    }
    for i in drop.into_iter().rev() {
        ms.remove(i);
    }
}

/// "the Biden administration", "the Ukrainian government": a leader's or a country's government,
/// named by a lowercase template phrase after the name.
fn add_governments(tokens: &[text::Token], ms: &mut Vec<Mention>, k: &Knowledge) {
    let mut new = Vec::new();
    for (i, m) in ms.iter().enumerate() {
        let Some(next) = tokens.get(m.b) else {
            continue;
        };
        let Some((_, tpl)) = k
            .org_templates
            .iter()
            .find(|(p, _)| p.len() == 1 && p[0] == next.text)
        else {
            continue;
        };
        if m.inner || next.is_capitalised() {
            continue;
        }
        let surface = mentions::surface(tokens, m.a, m.b + 1);
        let owner = k.template_owner.get(tpl).map_or("country", String::as_str);
        let key = match (m.etype, owner) {
            (EntityType::Person, "person") if m.b - m.a == 1 || m.key.starts_with("gaz:") => {
                format!(
                    "org:{}",
                    norm_key(&format!("{} {}", tokens[m.b - 1].text, next.text))
                )
            }
            (EntityType::Place, "country") => {
                match mentions::country_key(m, k).map(|c| mentions::template_key(tpl, &c, k)) {
                    Some(RoleTarget::Key(key, _)) => key,
                    _ => continue,
                }
            }
            _ => continue,
        };
        new.push((
            i,
            Mention {
                a: m.a,
                b: m.b + 1,
                ua: m.a,
                ub: m.b + 1,
                key,
                etype: EntityType::Organization,
                surface,
                adjective: false,
                inner: false,
                rule: "name.government",
            },
        ));
    }
    for (i, m) in new.into_iter().rev() {
        ms[i].inner = true;
        ms.push(m);
    }
    ms.sort_by_key(|m| (m.a, m.b));
}

/// "The US has been exploring a ban. But Germany rejected the plan": after a one-word relation
/// verb, "the plan" or "the idea of ..." (not "the idea that ...", a thought, not a proposal)
/// stands for whose plan it is, the first actor of the sentence before that this sentence does
/// not name and that is no news medium.
fn add_proposal_owners(
    tokens: &[text::Token],
    ms: &mut Vec<Mention>,
    before: Option<&Analysed>,
    k: &Knowledge,
) {
    let Some(before) = before else { return };
    let at = |j: usize| tokens.get(j).map_or("", |t| t.lower.as_str());
    let verb = |j: usize| {
        k.triggers_from(at(j))
            .iter()
            .any(|&x| k.triggers[x].words.len() == 1)
    };
    let mut new = Vec::new();
    for i in 1..tokens.len().saturating_sub(1) {
        if !(tokens[i + 1].is(k.cue.proposal_noun) && at(i) == "the" && verb(i - 1))
            || at(i + 2) == "that"
            || ms.iter().any(|m| m.a <= i + 1 && i + 1 < m.b)
        {
            continue;
        }
        let owner = relations::actors(before)
            .into_iter()
            .map(|m| &before.mentions[m])
            .find(|m| {
                let actor = m.etype != EntityType::Place || mentions::country_key(m, k).is_some();
                actor && !is_media(&m.key, k) && !ms.iter().any(|x| x.key == m.key)
            });
        if let Some(o) = owner {
            new.push(reference_at(tokens, i + 1, o.key.clone(), o.etype));
        }
    }
    add_sorted(ms, new);
}

/// What a title names as an office, so that "PM" and "Prime Minister" are one: its roles in the
/// gazetteer ("role:prime_minister"), else its words ("title:chancellor").
fn office_class(t: &crate::knowledge::Title) -> String {
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

/// "The party's leader", "the bloc's imports": "the" and a noun of a kind of body stand for the
/// body of that kind the article named last (cue class `anaphor_KIND`, KIND a gazetteer kind).
fn add_body_anaphors(
    tokens: &[text::Token],
    ms: &mut Vec<Mention>,
    last_body: &BTreeMap<String, String>,
    k: &Knowledge,
) {
    if last_body.is_empty() {
        return;
    }
    let mut new = Vec::new();
    for i in 1..tokens.len() {
        if tokens[i - 1].lower != "the" {
            continue;
        }
        // ("the party leadership", "the party of X": a modifier or a named body, not the body)
        let next = tokens.get(i + 1).map_or("", |t| t.lower.as_str());
        // a possessive, a stop, or a verb: "the party's leader", "the party said"
        let verb = tokens
            .get(i + 1)
            .is_some_and(|t| t.is(k.cue.copula) || t.is(k.cue.speech));
        if !matches!(next, "'s" | "’s" | "," | ".") && !verb
            || ms.iter().any(|m| m.a <= i && i < m.b)
        {
            continue;
        }
        let Some(key) = last_body
            .iter()
            .find(|(kind, _)| k.is_cue(&format!("anaphor_{kind}"), &tokens[i].lower))
            .map(|(_, key)| key.clone())
        else {
            continue;
        };
        new.push(reference_at(tokens, i, key, EntityType::Organization));
    }
    add_sorted(ms, new);
}

/// The rule of a body named by the country that leads it ("the Saudi-led coalition").
const LED_BODY_RULE: &str = "name.led_body";

/// "the Saudi-led coalition", "US-led forces": a country joined to "-led" (one token) and a body
/// noun name a body; the country is kept as an inner adjective, for its membership.
fn add_led_bodies(tokens: &[text::Token], ms: &mut Vec<Mention>, k: &Knowledge) {
    let mut new = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let Some(prefix) = t.text.strip_suffix("-led") else {
            continue;
        };
        let body_noun = tokens
            .get(i + 1)
            .is_some_and(|n| k.is_cue("led_body", &n.lower));
        if !body_noun || ms.iter().any(|m| m.a <= i && i < m.b) {
            continue;
        }
        let (_, id) = k.word(&prefix.to_lowercase());
        let country = k
            .name_forms_at([id])
            .filter(|(len, _)| *len == 1)
            .flat_map(|(_, forms)| forms)
            .find(|f| f.words.len() == 1 && f.words[0].eq_ignore_ascii_case(prefix))
            .and_then(|f| k.country_of(&k.entries[f.entry].id));
        let Some(country) = country.filter(|_| id != 0) else {
            continue;
        };
        let surface = mentions::surface(tokens, i, i + 2);
        let mention = |key: String, etype, surface: String, adjective, inner, rule| Mention {
            a: i,
            b: i + 2,
            ua: i,
            ub: i + 2,
            key,
            etype,
            surface,
            adjective,
            inner,
            rule,
        };
        new.push(mention(
            format!("org:{}", norm_key(&surface)),
            EntityType::Organization,
            surface,
            false,
            false,
            LED_BODY_RULE,
        ));
        let mut adj = mention(
            format!("gaz:{country}"),
            EntityType::Place,
            prefix.to_string(),
            true,
            true,
            "gazetteer",
        );
        adj.b = i + 1;
        adj.ub = i + 1;
        new.push(adj);
    }
    ms.extend(new);
    ms.sort_by_key(|m| (m.a, m.b));
}

/// "the Russian President", "the American leader": a country and a leading title with no name
/// after; "the prime minister" with no country refers to the one holder of that title the article
/// names (resolved at the end of the article).
fn add_title_references(
    tokens: &[text::Token],
    ms: &mut Vec<Mention>,
    titles: &[mentions::TitleHit],
    k: &Knowledge,
) {
    for t in titles {
        let title = &k.titles[t.title];
        // leading titles, and "counterpart" ("his Russian counterpart"), which news uses between leaders
        let leading = title.relation.as_deref() == Some("leader_of") || title.relation.is_none();
        if !leading || title.target != crate::knowledge::TitleTarget::Country {
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
                    surface: mentions::surface(tokens, t.a, t.b),
                    adjective: false,
                    inner: false,
                    rule: TITLE_COREF_RULE,
                });
            }
            continue;
        };
        let Some(c) = mentions::country_key(&ms[p], k) else {
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
            surface: mentions::surface(tokens, a, b),
            adjective: false,
            inner: false,
            rule: "title.reference",
        });
    }
    ms.sort_by_key(|m| (m.a, m.b));
}
