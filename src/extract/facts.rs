//! Facts: the types of what one article states (entities, meetings, edges, their evidence), and
//! the passes that fill its entity table: the mentions in, the entities they name out, and a
//! record for each edge end no mention named.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::mentions::Analysed;
use super::mentions::PRONOUN_RULE;
use super::pronouns::DESCRIPTOR_RULE;
use super::titles::TITLE_COREF_RULE;
use crate::date::Date;
use crate::knowledge::{EntityType, Knowledge};
use crate::text::{Article, Span};

/// The sentence that supports a fact: the article's id, the sentence's byte span in the
/// article's text and the sentence itself, and the rule that made the fact (`verb.warned`,
/// `meeting.call`, `title.leader_of`, ...), so that every edge says why it is there.
///
/// ```
/// use newsgraph::{build_graph, Article, Knowledge};
///
/// let text = "Talks\n\nUS President Joe Biden warned Russian President Vladimir Putin.";
/// let g = build_graph(&[Article::new("a", text)], &Knowledge::embedded());
/// let (_, e, _) = g.edges().find(|(_, e, _)| e.relation == "warned").unwrap();
/// let ev = &e.evidence[0];
/// assert_eq!(&text[ev.span.start..ev.span.end], &*ev.text);
/// ```
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
    /// The day the sentence gives for it ("warned on Sunday"), when it gives one.
    pub date: Option<Date>,
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

impl ArticleFacts {
    /// The facts of `article` before any is found.
    pub(super) fn new(article: &Article) -> Self {
        ArticleFacts {
            article: article.id.clone(),
            reference: article.published,
            entities: BTreeMap::new(),
            meetings: vec![],
            edges: vec![],
        }
    }

    /// Adds the facts of another piece of the same article: its entities join these by key, its
    /// meetings come after these.
    pub(super) fn absorb(&mut self, other: ArticleFacts) {
        if self.entities.is_empty() && self.meetings.is_empty() && self.edges.is_empty() {
            *self = other;
            return;
        }
        for (key, e) in other.entities {
            match self.entities.entry(key) {
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(e);
                }
                std::collections::btree_map::Entry::Occupied(mut o) => {
                    let mine = o.get_mut();
                    mine.surfaces.extend(e.surfaces);
                    mine.spans.extend(e.spans);
                }
            }
        }
        let offset = self.meetings.len();
        self.meetings.extend(other.meetings);
        let shift = |end: End| match end {
            End::Meeting(i) => End::Meeting(i + offset),
            e => e,
        };
        self.edges
            .extend(other.edges.into_iter().map(|e| LocalEdge {
                s: shift(e.s),
                o: shift(e.o),
                ..e
            }));
    }
}

/// The evidence of a fact that sentence `s` of `article` states by `rule`.
pub(super) fn evidence(article: &Article, s: &Analysed, rule: &str) -> Evidence {
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

/// The entities the mentions name, with their surface forms and spans.
pub(super) fn name_entities(sents: &[Analysed], facts: &mut ArticleFacts) {
    for s in sents {
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
}

/// Entities created only as edge ends (adjectives, inferred leaders) need a record.
pub(super) fn add_end_entities(facts: &mut ArticleFacts, k: &Knowledge) {
    let ends: Vec<(String, EntityType)> = facts
        .edges
        .iter()
        .flat_map(|e| [&e.s, &e.o])
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
