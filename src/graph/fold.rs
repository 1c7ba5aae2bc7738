//! The fold: one article's facts at a time into per-entity, per-meeting and per-edge aggregates,
//! in any order. In: [`ArticleFacts`] with their [`ArticleInfo`]; out: a [`GraphBuilder`] that
//! holds no text, grows with the graph, and joins another builder of disjoint articles.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::model::{ArticleInfo, KnowledgeGraph, MAX_EVIDENCE, MAX_MENTIONS, MAX_SOURCES};
use super::shard::{article_list, pairs, sorted_map, sorted_pairs};
use crate::date::Date;
use crate::extract::{ArticleFacts, End, Evidence, LocalEdge, LocalEntity, LocalMeeting};
use crate::knowledge::{EntityType, Knowledge};
use crate::text::{Article, Span};

/// How many sentences a way of telling a meeting keeps, beyond each article's first.
const MAX_TOLD: usize = 8;
/// How many articles' merge notes a node keeps.
pub(super) const MAX_MERGE_NOTES: usize = 16;

/// Keeps the `n` smallest elements.
pub(super) fn cap<T: Ord>(s: &mut BTreeSet<T>, n: usize) {
    while s.len() > n {
        s.pop_last();
    }
}

/// Adds `items` to a sample that keeps the `n` smallest. An item after the last of a full sample
/// would be dropped again at once, so it is not inserted: on a long stream most are.
fn sample<T: Ord>(s: &mut BTreeSet<T>, items: impl IntoIterator<Item = T>, n: usize) {
    for x in items {
        if s.len() >= n && s.last().is_some_and(|l| x > *l) {
            continue;
        }
        s.insert(x);
        cap(s, n);
    }
}

/// The articles behind a node or an edge with the best confidence each gives it: the first
/// [`MAX_SOURCES`] by id, and the others as a count per confidence, so that memory stays flat
/// while the noisy-or over all articles stays exact.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(super) struct Sources {
    pub(super) best: BTreeMap<String, f64>,
    /// Confidence (as bits, for an exact key) -> number of further articles.
    #[serde(with = "pairs")]
    pub(super) more: BTreeMap<u64, u64>,
}

impl Sources {
    pub(super) fn add(&mut self, article: &str, c: f64) {
        // an article after the last of a full sample is not in it: counted without a lookup
        let full = self.best.len() >= MAX_SOURCES;
        if full
            && self
                .best
                .last_key_value()
                .is_some_and(|(l, _)| article > l.as_str())
        {
            *self.more.entry(c.to_bits()).or_default() += 1;
            return;
        }
        if let Some(x) = self.best.get_mut(article) {
            *x = x.max(c);
            return;
        }
        self.best.insert(article.to_string(), c);
        if self.best.len() > MAX_SOURCES {
            if let Some((_, c)) = self.best.pop_last() {
                *self.more.entry(c.to_bits()).or_default() += 1;
            }
        }
    }

    /// Counts an article known to sort after a full sample's last.
    pub(super) fn add_past(&mut self, c: f64) {
        *self.more.entry(c.to_bits()).or_default() += 1;
    }

    /// Adds another's articles; by reference, as [`Sources::add`] copies an id only when it
    /// enters the sample.
    pub(super) fn absorb(&mut self, o: &Sources) {
        for (a, c) in &o.best {
            self.add(a, *c);
        }
        for (c, n) in &o.more {
            *self.more.entry(*c).or_default() += n;
        }
    }

    pub(super) fn count(&self) -> u64 {
        self.best.len() as u64 + self.more.values().sum::<u64>()
    }

    /// Independent support: the best statement of each article, combined as noisy-or.
    pub(super) fn confidence(&self) -> f64 {
        let mut miss: f64 = self.best.values().map(|c| 1.0 - c).product();
        for (c, n) in &self.more {
            miss *= (1.0 - f64::from_bits(*c)).powf(*n as f64);
        }
        ((1.0 - miss) * 1000.0).round() / 1000.0
    }
}

/// What identifies a meeting as an article tells it, before resolution. Articles that tell a
/// meeting the same way are folded into one record: a stream repeats its events many times.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(super) struct Signature {
    pub(super) kind: String,
    pub(super) date: Option<Date>,
    pub(super) end: Option<Date>,
    pub(super) date_inferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) when: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) lead_day: Option<Date>,
    pub(super) status: String,
    pub(super) participants: BTreeSet<String>,
    pub(super) principals: BTreeSet<String>,
    pub(super) place: Option<String>,
    pub(super) body: Option<String>,
    /// The article's date, for undated meetings only: they are matched near it.
    pub(super) published: Option<Date>,
}

impl Signature {
    fn of(m: &LocalMeeting, published: Option<Date>) -> Signature {
        Signature {
            kind: m.kind.clone(),
            date: m.date,
            end: m.end,
            date_inferred: m.date_inferred,
            when: m.when.clone(),
            lead_day: m.lead_day,
            status: m.status.clone(),
            participants: m.participants.clone(),
            principals: m.principals.clone(),
            place: m.place.clone(),
            body: m.body.clone(),
            published: if m.date.is_none() { published } else { None },
        }
    }

    pub(super) fn meeting(&self) -> LocalMeeting {
        LocalMeeting {
            kind: self.kind.clone(),
            date: self.date,
            end: self.end,
            date_inferred: self.date_inferred,
            when: self.when.clone(),
            lead_day: self.lead_day,
            status: self.status.clone(),
            participants: self.participants.clone(),
            principals: self.principals.clone(),
            place: self.place.clone(),
            body: self.body.clone(),
            evidence: vec![],
            surfaces: BTreeSet::new(),
        }
    }
}

/// The articles that tell a meeting one way.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(super) struct MeetingAgg {
    /// The first telling: (article, index of the meeting in it).
    pub(super) first: Option<(String, usize)>,
    pub(super) surfaces: BTreeSet<String>,
    /// Sentences about it, the first [`MAX_TOLD`].
    pub(super) evidence: BTreeSet<Evidence>,
    /// Each article's first sentence about it, for the edges it implies; the first articles only.
    pub(super) leads: BTreeMap<String, Evidence>,
    /// All the articles.
    pub(super) sources: Sources,
    /// How many of the articles were published on each day.
    #[serde(with = "pairs")]
    pub(super) published: BTreeMap<Option<Date>, u64>,
    /// Surface forms by article, for the merge log.
    pub(super) forms: BTreeMap<String, Vec<String>>,
}

impl MeetingAgg {
    pub(super) fn add(&mut self, at: (String, usize), m: LocalMeeting, published: Option<Date>) {
        let article = at.0.clone();
        if self.first.as_ref().is_none_or(|f| at < *f) {
            self.first = Some(at);
        }
        if !self.sources.best.contains_key(&article) {
            *self.published.entry(published).or_default() += 1;
        }
        self.sources.add(&article, 0.0);
        // a full sample keyed by article keeps the first articles: a later one would be dropped
        let after = |len: usize, cap: usize, last: Option<&String>| {
            len >= cap && last.is_some_and(|l| article > *l)
        };
        let lead_room = !after(
            self.leads.len(),
            MAX_EVIDENCE,
            self.leads.last_key_value().map(|(k, _)| k),
        );
        let form_room = !after(
            self.forms.len(),
            MAX_MERGE_NOTES,
            self.forms.last_key_value().map(|(k, _)| k),
        );
        if let Some(e) = m.evidence.first().filter(|_| lead_room) {
            let lead = self
                .leads
                .entry(article.clone())
                .or_insert_with(|| e.clone());
            if e < lead {
                *lead = e.clone();
            }
            while self.leads.len() > MAX_EVIDENCE {
                self.leads.pop_last();
            }
        }
        if form_room {
            self.forms
                .insert(article, m.surfaces.iter().cloned().collect());
            while self.forms.len() > MAX_MERGE_NOTES {
                self.forms.pop_last();
            }
        }
        self.surfaces.extend(m.surfaces);
        sample(&mut self.evidence, m.evidence, MAX_TOLD);
    }

    pub(super) fn absorb(&mut self, o: MeetingAgg) {
        if let Some(f) = o.first {
            if self.first.as_ref().is_none_or(|s| f < *s) {
                self.first = Some(f);
            }
        }
        self.surfaces.extend(o.surfaces);
        sample(&mut self.evidence, o.evidence, MAX_TOLD);
        for (a, e) in o.leads {
            let lead = self.leads.entry(a).or_insert_with(|| e.clone());
            if e < *lead {
                *lead = e;
            }
        }
        while self.leads.len() > MAX_EVIDENCE {
            self.leads.pop_last();
        }
        self.sources.absorb(&o.sources);
        for (d, n) in o.published {
            *self.published.entry(d).or_default() += n;
        }
        self.forms.extend(o.forms);
        while self.forms.len() > MAX_MERGE_NOTES {
            self.forms.pop_last();
        }
    }
}

/// An end of an edge while facts are collected: an entity key, or a meeting as told.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(super) enum EndKey {
    Entity(String),
    Meeting(std::sync::Arc<Signature>),
}

/// What the articles say of one entity key.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(super) struct EntityAgg {
    /// The type the first article (by id) gives it, with that article.
    pub(super) first: Option<(String, EntityType)>,
    pub(super) surfaces: BTreeSet<String>,
    pub(super) mentions: BTreeSet<(String, Span)>,
    pub(super) articles: Sources,
    /// Surface forms by article, for the merge log.
    pub(super) forms: BTreeMap<String, Vec<String>>,
    /// When every sample above is full, the greatest of their last articles: a later article
    /// enters none of them, and is told so by one comparison instead of four with ids scattered
    /// over the heap. A cache (`None` when unknown), not written to shards.
    #[serde(skip)]
    pub(super) past: Option<Box<str>>,
}

impl EntityAgg {
    /// Whether an article with this id would enter none of the samples.
    fn is_past(&self, id: &str) -> bool {
        self.past.as_deref().is_some_and(|p| id > p)
    }

    /// Sets [`EntityAgg::past`] after the samples changed.
    fn update_past(&mut self) {
        let full = self.mentions.len() >= MAX_MENTIONS
            && self.articles.best.len() >= MAX_SOURCES
            && self.forms.len() >= MAX_MERGE_NOTES;
        self.past = full
            .then(|| {
                [
                    self.first.as_ref().map(|(a, _)| a.as_str()),
                    self.mentions.last().map(|(a, _)| a.as_str()),
                    self.articles.best.last_key_value().map(|(a, _)| a.as_str()),
                    self.forms.last_key_value().map(|(a, _)| a.as_str()),
                ]
                .into_iter()
                .max()
                .flatten()
                .map(Box::from)
            })
            .flatten();
    }

    pub(super) fn absorb(&mut self, o: EntityAgg) {
        self.past = None;
        if let Some((a, t)) = o.first {
            if self.first.as_ref().is_none_or(|(b, _)| a < *b) {
                self.first = Some((a, t));
            }
        }
        self.surfaces.extend(o.surfaces);
        self.mentions.extend(o.mentions);
        cap(&mut self.mentions, MAX_MENTIONS);
        self.articles.absorb(&o.articles);
        self.forms.extend(o.forms);
        while self.forms.len() > MAX_MERGE_NOTES {
            self.forms.pop_last();
        }
    }
}

/// The statements behind one edge: the articles with their best confidence, and its evidence.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(super) struct Support {
    pub(super) sources: Sources,
    pub(super) evidence: BTreeSet<Evidence>,
    pub(super) date: Option<Date>,
}

impl Support {
    pub(super) fn add(&mut self, article: &str, c: f64, ev: impl IntoIterator<Item = Evidence>) {
        self.sources.add(article, c);
        sample(&mut self.evidence, ev, MAX_EVIDENCE);
    }

    pub(super) fn absorb(&mut self, o: Support) {
        // into nothing (most edges have one way of being told), the other support is the result:
        // its samples are already capped, so moving them is adding them
        if self.sources.best.is_empty() && self.sources.more.is_empty() {
            self.sources = o.sources;
        } else {
            self.sources.absorb(&o.sources);
        }
        if self.evidence.is_empty() {
            self.evidence = o.evidence;
            cap(&mut self.evidence, MAX_EVIDENCE);
        } else {
            sample(&mut self.evidence, o.evidence, MAX_EVIDENCE);
        }
        self.date = earliest(self.date, o.date);
    }

    /// [`Support::absorb`] of a support shared by several edges.
    pub(super) fn absorb_ref(&mut self, o: &Support) {
        self.sources.absorb(&o.sources);
        sample(&mut self.evidence, o.evidence.iter().cloned(), MAX_EVIDENCE);
        self.date = earliest(self.date, o.date);
    }
}

/// The earlier of two days, either when only one is known: the date of an edge its articles
/// date apart is the first they give, whatever order they are folded in.
pub(super) fn earliest(a: Option<Date>, b: Option<Date>) -> Option<Date> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Folds the facts of articles, one at a time and in any order, into what the graph is built from.
/// It holds no article text, and what it keeps grows with the graph (entities, meetings as told,
/// edges, and the list of articles), not with the text. Two builders of disjoint article sets join
/// with [`GraphBuilder::absorb`] into the builder one run over both sets would have made: that is
/// how shards merge.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct GraphBuilder {
    /// The articles' records in the order they were added: a list, not a map, as one record
    /// per article is what grows with the corpus. Written, and resolved, sorted by id.
    #[serde(with = "article_list")]
    pub(super) articles: Vec<ArticleInfo>,
    // hash maps, for a fold that is cheap however large the graph; written sorted, and sorted
    // again when resolved, so that nothing depends on their order
    #[serde(with = "sorted_map")]
    pub(super) entities: FxHashMap<String, EntityAgg>,
    #[serde(with = "sorted_pairs")]
    pub(super) meetings: FxHashMap<Signature, MeetingAgg>,
    #[serde(with = "sorted_pairs")]
    pub(super) edges: FxHashMap<(EndKey, String, EndKey), Support>,
}

impl GraphBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of articles added.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// Whether no article was added.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The ids of the articles added.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.articles.iter().map(|a| a.id.as_str())
    }

    /// Each article's id and where it came from, in the order they were added.
    pub fn sources(&self) -> impl Iterator<Item = (&str, &str)> {
        (self.articles.iter()).map(|a| (a.id.as_str(), a.source.as_str()))
    }

    /// Where the article with this id came from, if it was added.
    /// A scan of all the articles, for error messages.
    pub fn source_of(&self, article: &str) -> Option<&str> {
        let a = self.articles.iter().rev().find(|a| a.id == article);
        a.map(|a| a.source.as_str())
    }

    /// The publication dates of the articles added.
    pub fn dates(&self) -> impl Iterator<Item = Date> + '_ {
        self.articles.iter().filter_map(|a| a.published)
    }

    /// Whether an article with this id was added. A scan of all the articles: for many lookups,
    /// collect [`GraphBuilder::ids`] into a set.
    pub fn contains(&self, article: &str) -> bool {
        self.articles.iter().any(|a| a.id == article)
    }

    /// Adds one article's facts. Of two records with one id, the one added last is kept, and facts
    /// would count twice, so callers keep ids unique (see [`GraphBuilder::ids`]).
    pub fn add(&mut self, info: ArticleInfo, facts: ArticleFacts) {
        let id = facts.article.clone();
        let published = info.published;
        self.articles.push(info);
        let ArticleFacts {
            entities,
            mut meetings,
            edges,
            ..
        } = facts;
        self.add_entities(&id, entities.into_values());
        let signatures = self.add_meetings(&id, published, &mut meetings);
        self.add_edges(&id, edges, &signatures);
    }

    /// Counts one article's entities: its mentions (a sample), surface forms and first typing.
    fn add_entities(&mut self, id: &String, entities: impl Iterator<Item = LocalEntity>) {
        for e in entities {
            let agg = self.entities.entry(e.key).or_default();
            if agg.is_past(id) {
                // most articles of a long stream: counted, and their surface forms kept
                agg.articles.add_past(0.0);
                agg.surfaces.extend(e.surfaces);
                continue;
            }
            if agg.first.as_ref().is_none_or(|(a, _)| a > id) {
                agg.first = Some((id.clone(), e.etype));
            }
            // a full sample only takes mentions that sort before its last (cloning ids costs)
            for sp in &e.spans {
                let full = agg.mentions.len() >= MAX_MENTIONS;
                if !full
                    || agg
                        .mentions
                        .last()
                        .is_some_and(|(a, s)| (id.as_str(), sp) < (a.as_str(), s))
                {
                    agg.mentions.insert((id.clone(), *sp));
                    cap(&mut agg.mentions, MAX_MENTIONS);
                }
            }
            agg.articles.add(id, 0.0);
            let room = agg.forms.len() < MAX_MERGE_NOTES
                || agg.forms.last_key_value().is_some_and(|(a, _)| id < a);
            if room && !e.surfaces.is_empty() {
                agg.forms
                    .insert(id.clone(), e.surfaces.iter().cloned().collect());
                while agg.forms.len() > MAX_MERGE_NOTES {
                    agg.forms.pop_last();
                }
            }
            agg.surfaces.extend(e.surfaces);
            agg.update_past();
        }
    }

    /// Adds one article's meetings, each way of telling once; returns each meeting's signature
    /// (none for a tombstone), which its edges point at.
    fn add_meetings(
        &mut self,
        id: &str,
        published: Option<Date>,
        meetings: &mut Vec<LocalMeeting>,
    ) -> Vec<Option<std::sync::Arc<Signature>>> {
        // a last day before the first is a misread range: the meeting has its first day only
        for m in meetings.iter_mut() {
            if m.end.zip(m.date).is_some_and(|(e, d)| e <= d) {
                m.end = None;
            }
        }
        // a meeting with no kind is a tombstone: folded into another meeting of the article
        // shared by the meeting's edges: an edge end is a pointer, not a copy of the telling
        let signatures: Vec<Option<std::sync::Arc<Signature>>> = meetings
            .iter()
            .map(|m| (!m.kind.is_empty()).then(|| std::sync::Arc::new(Signature::of(m, published))))
            .collect();
        // one record per way of telling, and per article: an article counts once however often
        // it repeats itself (else a count would depend on where the article sits in a sample)
        let mut told: BTreeMap<&Signature, (usize, LocalMeeting)> = BTreeMap::new();
        for (i, m) in std::mem::take(meetings).into_iter().enumerate() {
            if let Some(sig) = signatures[i].as_deref() {
                match told.get_mut(sig) {
                    Some((_, first)) => {
                        first.evidence.extend(m.evidence);
                        first.surfaces.extend(m.surfaces);
                    }
                    None => {
                        told.insert(sig, (i, m));
                    }
                }
            }
        }
        for (sig, (i, m)) in told {
            // the signature is cloned only for a meeting told for the first time
            match self.meetings.get_mut(sig) {
                Some(agg) => agg.add((id.to_string(), i), m, published),
                None => {
                    let mut agg = MeetingAgg::default();
                    agg.add((id.to_string(), i), m, published);
                    self.meetings.insert(Signature::clone(sig), agg);
                }
            }
        }
        signatures
    }

    /// Adds one article's edges, an edge once however often the article states it.
    fn add_edges(
        &mut self,
        id: &str,
        edges: Vec<LocalEdge>,
        signatures: &[Option<std::sync::Arc<Signature>>],
    ) {
        let end = |x: &End| match x {
            End::Entity(k) => Some(EndKey::Entity(k.clone())),
            End::Meeting(i) => signatures.get(*i).cloned().flatten().map(EndKey::Meeting),
        };
        type Stated = (f64, Vec<Evidence>, Option<Date>);
        let mut stated: BTreeMap<(EndKey, String, EndKey), Stated> = BTreeMap::new();
        for e in edges {
            if let (Some(s), Some(o)) = (end(&e.s), end(&e.o)) {
                let x = stated
                    .entry((s, e.relation, o))
                    .or_insert((0.0, vec![], None));
                x.0 = x.0.max(e.confidence);
                x.1.push(e.evidence);
                x.2 = earliest(x.2, e.date);
            }
        }
        for (key, (c, evidence, date)) in stated {
            let support = self.edges.entry(key).or_default();
            support.add(id, c, evidence);
            support.date = earliest(support.date, date);
        }
    }

    /// Joins the builder of another, disjoint set of articles. Fails with the id of an article both
    /// builders hold.
    pub fn absorb(&mut self, other: GraphBuilder) -> Result<(), String> {
        let ids: rustc_hash::FxHashSet<&str> = self.ids().collect();
        if let Some(dup) = other.ids().filter(|a| ids.contains(a)).min() {
            return Err(dup.to_string());
        }
        self.articles.extend(other.articles);
        for (k, e) in other.entities {
            self.entities.entry(k).or_default().absorb(e);
        }
        for (k, m) in other.meetings {
            self.meetings.entry(k).or_default().absorb(m);
        }
        for (k, s) in other.edges {
            self.edges.entry(k).or_default().absorb(s);
        }
        Ok(())
    }
}

impl KnowledgeGraph {
    /// Resolves the facts of all articles into one graph. The result does not depend on the order
    /// of `facts`.
    pub fn build(articles: &[Article], facts: Vec<ArticleFacts>, k: &Knowledge) -> KnowledgeGraph {
        let infos: BTreeMap<&str, &Article> = articles.iter().map(|a| (a.id.as_str(), a)).collect();
        let mut b = GraphBuilder::new();
        for f in facts {
            let info = match infos.get(f.article.as_str()) {
                Some(a) => ArticleInfo::of(a),
                None => ArticleInfo::of(&Article::new(f.article.clone(), "")),
            };
            b.add(info, f);
        }
        b.finish(k)
    }
}
