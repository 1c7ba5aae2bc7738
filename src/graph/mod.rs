//! The knowledge graph: a petgraph of typed nodes and typed, evidenced edges, built by resolving the
//! facts of every article into one node per entity and per meeting.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
pub use petgraph::Direction;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::extract::{type_of_key, ArticleFacts, End, Evidence, LocalMeeting};
use crate::knowledge::{norm_key, EntityType, Knowledge};
use crate::text::{Article, Span};

/// Relations whose direction carries no meaning.
pub const SYMMETRIC: &[&str] = &["called", "met", "consulted"];

/// What a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeType {
    /// A named human.
    Person,
    /// A body or medium.
    Organization,
    /// A country, city, region or continent.
    Place,
    /// A call, talks, council session, summit or press conference.
    Meeting,
}

impl NodeType {
    /// Exported type name.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeType::Person => "Person",
            NodeType::Organization => "Organization",
            NodeType::Place => "Place",
            NodeType::Meeting => "Meeting",
        }
    }
    fn from_entity(t: EntityType) -> NodeType {
        match t {
            EntityType::Person => NodeType::Person,
            EntityType::Organization => NodeType::Organization,
            EntityType::Place => NodeType::Place,
        }
    }
}

/// Meeting details.
#[derive(Clone, Debug, PartialEq)]
pub struct MeetingInfo {
    /// Kind (PhoneCall, VideoCall, Talks, CouncilMeeting, Summit, PressConference, Other).
    pub kind: String,
    /// First day.
    pub date: Option<Date>,
    /// Last day of a multi-day meeting.
    pub end: Option<Date>,
    /// Whether the date was inferred from a weekday or relative expression.
    pub date_inferred: bool,
    /// The day as written when the article's date could not place it ("Monday").
    pub when: Option<String>,
    /// `held` or `scheduled`.
    pub status: String,
}

/// Why surface forms were resolved into a node, for the merge log.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct MergeNote {
    /// Article id.
    pub article: String,
    /// Surface forms the article uses.
    pub forms: Vec<String>,
    /// The reason.
    pub reason: String,
}

/// A node of the graph.
#[derive(Clone, Debug)]
pub struct Node {
    /// Stable identifier, e.g. `person/joe_biden` or `meeting/phonecall-2021-12-30-1a2b3c4d`.
    pub id: String,
    /// Node type.
    pub node_type: NodeType,
    /// Display name.
    pub label: String,
    /// Other names used for it.
    pub aliases: BTreeSet<String>,
    /// Wikidata id, when known.
    pub wikidata: Option<String>,
    /// Articles that mention it: the first [`MAX_SOURCES`] by id.
    pub articles: BTreeSet<String>,
    /// How many articles mention it.
    pub article_count: u64,
    /// Meeting details, for meetings.
    pub meeting: Option<MeetingInfo>,
    /// How it was resolved.
    pub merges: Vec<MergeNote>,
    /// Where the articles name it: (article id, byte span).
    pub mentions: Vec<(String, Span)>,
}

/// An edge of the graph, with every sentence that supports it.
#[derive(Clone, Debug)]
pub struct Edge {
    /// Relation (GOLD.md vocabulary).
    pub relation: String,
    /// Confidence, 0..1: several articles saying it raise it.
    pub confidence: f64,
    /// The articles that support it: the first [`MAX_SOURCES`] by id.
    pub sources: BTreeSet<String>,
    /// How many articles support it.
    pub article_count: u64,
    /// Supporting sentences, sorted.
    pub evidence: Vec<Evidence>,
    /// Date of the fact, when it concerns a dated meeting.
    pub date: Option<Date>,
}

impl Edge {
    /// Rules that produced it.
    pub fn rules(&self) -> BTreeSet<&str> {
        self.evidence.iter().map(|e| e.rule.as_str()).collect()
    }
    /// Articles that support it.
    pub fn articles(&self) -> BTreeSet<&str> {
        self.sources.iter().map(String::as_str).collect()
    }
}

/// Metadata of an input article, as kept in the graph.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ArticleInfo {
    /// Id.
    pub id: String,
    /// Source path.
    pub source: String,
    /// Publication date.
    pub published: Option<Date>,
    /// Whether the date was inferred.
    pub published_inferred: bool,
    /// URL.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
}

/// The knowledge graph.
#[derive(Clone, Debug, Default)]
pub struct KnowledgeGraph {
    graph: DiGraph<Node, Edge>,
    index: BTreeMap<String, NodeIndex>,
    articles: Vec<ArticleInfo>,
    dropped: Vec<MergeNote>,
}

/// FNV-1a, for short stable ids (std's hashers are not promised to be stable across releases).
pub fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

/// A slug for ids: lowercase ASCII letters, digits and `_`; other characters percent-encoded.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    slug_into(&mut out, s);
    out
}

/// Appends [`slug`]`(s)` to `out`, for writers that build many ids in one buffer.
pub fn slug_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let start = out.len();
    for c in s.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' || c == '.' {
            if !out.ends_with('_') && out.len() > start {
                out.push('_');
            }
        } else {
            let mut buf = [0u8; 4];
            for b in c
                .to_lowercase()
                .next()
                .unwrap_or(c)
                .encode_utf8(&mut buf)
                .bytes()
            {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
    while out.len() > start && out.ends_with('_') {
        out.pop();
    }
    if out.len() == start {
        use std::fmt::Write;
        // writing to a String cannot fail
        let _ = write!(out, "x{:08x}", fnv(s) as u32);
    }
}

/// Appends an article id as an IRI segment, one to one: ASCII letters and digits, `-`, `.`, `_`
/// and `~` as they are, every other byte (`%` too) as `%XX`. Unlike [`slug_into`], two ids never
/// share it (`Foo`/`foo`, `a b`/`a_b`), so two articles never share a named graph.
pub fn article_segment_into(out: &mut String, id: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// How many evidence sentences an edge keeps: the first in (article, position) order. Confidence
/// stays exact; the sample keeps memory flat on a long stream.
pub const MAX_EVIDENCE: usize = 12;
/// How many mentions a node keeps, the first in (article, position) order.
pub const MAX_MENTIONS: usize = 64;
/// How many articles a node or edge lists, the first by id; the count of all is kept beside them.
pub const MAX_SOURCES: usize = 32;
/// How many sentences a way of telling a meeting keeps, beyond each article's first.
const MAX_TOLD: usize = 8;
/// How many articles' merge notes a node keeps.
const MAX_MERGE_NOTES: usize = 16;

/// Maps whose keys are not strings, written as lists of pairs (JSON keys must be strings).
mod pairs {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer, K: Serialize, V: Serialize>(
        m: &BTreeMap<K, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(m.iter())
    }

    pub fn deserialize<'de, D, K, V>(d: D) -> Result<BTreeMap<K, V>, D::Error>
    where
        D: Deserializer<'de>,
        K: Deserialize<'de> + Ord,
        V: Deserialize<'de>,
    {
        Ok(Vec::<(K, V)>::deserialize(d)?.into_iter().collect())
    }
}

/// A hash map's entries sorted by key, so that it is written the same way every time.
fn sorted_entries<K: Ord, V>(m: &FxHashMap<K, V>) -> Vec<(&K, &V)> {
    let mut v: Vec<(&K, &V)> = m.iter().collect();
    v.sort_by(|a, b| a.0.cmp(b.0));
    v
}

/// Hash maps written as maps sorted by key.
mod sorted_map {
    use rustc_hash::FxHashMap;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer, K: Serialize + Ord, V: Serialize>(
        m: &FxHashMap<K, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_map(super::sorted_entries(m))
    }

    pub fn deserialize<'de, D: Deserializer<'de>, K, V>(d: D) -> Result<FxHashMap<K, V>, D::Error>
    where
        FxHashMap<K, V>: Deserialize<'de>,
    {
        FxHashMap::deserialize(d)
    }
}

/// The article list written as a map from id to record, sorted by id: the layout of a shard
/// file whose builder kept a map.
mod article_list {
    use super::ArticleInfo;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[ArticleInfo], s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(super::by_id(v.iter()).into_iter().map(|a| (&a.id, a)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ArticleInfo>, D::Error> {
        let m = std::collections::BTreeMap::<String, ArticleInfo>::deserialize(d)?;
        Ok(m.into_values().collect())
    }
}

/// Hash maps whose keys are not strings, written as lists of pairs sorted by key.
mod sorted_pairs {
    use rustc_hash::FxHashMap;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer, K: Serialize + Ord, V: Serialize>(
        m: &FxHashMap<K, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(super::sorted_entries(m))
    }

    pub fn deserialize<'de, D: Deserializer<'de>, K, V>(d: D) -> Result<FxHashMap<K, V>, D::Error>
    where
        K: Deserialize<'de> + Eq + std::hash::Hash,
        V: Deserialize<'de>,
    {
        Ok(Vec::<(K, V)>::deserialize(d)?.into_iter().collect())
    }
}

/// Drops `x` on a thread of its own: freeing a large graph takes a while and nothing waits for
/// it. Dropped here if no thread can be started.
pub(crate) fn drop_in_background<T: Send + 'static>(x: T) {
    let _ = std::thread::Builder::new()
        .name("newsgraph-free".into())
        .spawn(move || drop(x));
}

/// Article records (owned or borrowed) sorted by id, of two with one id the one added last (as a
/// map would keep).
fn by_id<A: std::borrow::Borrow<ArticleInfo> + Send>(
    articles: impl IntoIterator<Item = A>,
) -> Vec<A> {
    use rayon::slice::ParallelSliceMut;
    fn id<A: std::borrow::Borrow<ArticleInfo>>(a: &A) -> &str {
        a.borrow().id.as_str()
    }
    let mut v: Vec<(usize, A)> = articles.into_iter().enumerate().collect();
    // (id, order added, latest first) is unique, so an unstable sort is deterministic
    v.par_sort_unstable_by(|(i, a), (j, b)| id(a).cmp(id(b)).then(j.cmp(i)));
    v.dedup_by(|(_, later), (_, first)| id(later) == id(first));
    v.into_iter().map(|(_, a)| a).collect()
}

/// A hash map as a sorted map. The entries are sorted in parallel first, so that collecting
/// them only checks the order. Keys are unique, so an unstable sort is deterministic.
fn sorted<K: Ord + Send, V: Send>(m: FxHashMap<K, V>) -> BTreeMap<K, V> {
    use rayon::slice::ParallelSliceMut;
    let mut v: Vec<(K, V)> = m.into_iter().collect();
    v.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    v.into_iter().collect()
}

/// Keeps the `n` smallest elements.
fn cap<T: Ord>(s: &mut BTreeSet<T>, n: usize) {
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
struct Sources {
    best: BTreeMap<String, f64>,
    /// Confidence (as bits, for an exact key) -> number of further articles.
    #[serde(with = "pairs")]
    more: BTreeMap<u64, u64>,
}

impl Sources {
    fn add(&mut self, article: &str, c: f64) {
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
    fn add_past(&mut self, c: f64) {
        *self.more.entry(c.to_bits()).or_default() += 1;
    }

    /// Adds another's articles; by reference, as [`Sources::add`] copies an id only when it
    /// enters the sample.
    fn absorb(&mut self, o: &Sources) {
        for (a, c) in &o.best {
            self.add(a, *c);
        }
        for (c, n) in &o.more {
            *self.more.entry(*c).or_default() += n;
        }
    }

    fn count(&self) -> u64 {
        self.best.len() as u64 + self.more.values().sum::<u64>()
    }

    /// Independent support: the best statement of each article, combined as noisy-or.
    fn confidence(&self) -> f64 {
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
struct Signature {
    kind: String,
    date: Option<Date>,
    end: Option<Date>,
    date_inferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    when: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lead_day: Option<Date>,
    status: String,
    participants: BTreeSet<String>,
    principals: BTreeSet<String>,
    place: Option<String>,
    body: Option<String>,
    /// The article's date, for undated meetings only: they are matched near it.
    published: Option<Date>,
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

    fn meeting(&self) -> LocalMeeting {
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
struct MeetingAgg {
    /// The first telling: (article, index of the meeting in it).
    first: Option<(String, usize)>,
    surfaces: BTreeSet<String>,
    /// Sentences about it, the first [`MAX_TOLD`].
    evidence: BTreeSet<Evidence>,
    /// Each article's first sentence about it, for the edges it implies; the first articles only.
    leads: BTreeMap<String, Evidence>,
    /// All the articles.
    sources: Sources,
    /// How many of the articles were published on each day.
    #[serde(with = "pairs")]
    published: BTreeMap<Option<Date>, u64>,
    /// Surface forms by article, for the merge log.
    forms: BTreeMap<String, Vec<String>>,
}

impl MeetingAgg {
    fn add(&mut self, at: (String, usize), m: LocalMeeting, published: Option<Date>) {
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

    fn absorb(&mut self, o: MeetingAgg) {
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
enum EndKey {
    Entity(String),
    Meeting(std::sync::Arc<Signature>),
}

/// What the articles say of one entity key.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct EntityAgg {
    /// The type the first article (by id) gives it, with that article.
    first: Option<(String, EntityType)>,
    surfaces: BTreeSet<String>,
    mentions: BTreeSet<(String, Span)>,
    articles: Sources,
    /// Surface forms by article, for the merge log.
    forms: BTreeMap<String, Vec<String>>,
    /// When every sample above is full, the greatest of their last articles: a later article
    /// enters none of them, and is told so by one comparison instead of four with ids scattered
    /// over the heap. A cache (`None` when unknown), not written to shards.
    #[serde(skip)]
    past: Option<Box<str>>,
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

    fn absorb(&mut self, o: EntityAgg) {
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
struct Support {
    sources: Sources,
    evidence: BTreeSet<Evidence>,
    date: Option<Date>,
}

impl Support {
    fn add(&mut self, article: &str, c: f64, ev: impl IntoIterator<Item = Evidence>) {
        self.sources.add(article, c);
        sample(&mut self.evidence, ev, MAX_EVIDENCE);
    }

    fn absorb(&mut self, o: Support) {
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
        self.date = self.date.or(o.date);
    }

    /// [`Support::absorb`] of a support shared by several edges.
    fn absorb_ref(&mut self, o: &Support) {
        self.sources.absorb(&o.sources);
        sample(&mut self.evidence, o.evidence.iter().cloned(), MAX_EVIDENCE);
        self.date = self.date.or(o.date);
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
    articles: Vec<ArticleInfo>,
    // hash maps, for a fold that is cheap however large the graph; written sorted, and sorted
    // again when resolved, so that nothing depends on their order
    #[serde(with = "sorted_map")]
    entities: FxHashMap<String, EntityAgg>,
    #[serde(with = "sorted_pairs")]
    meetings: FxHashMap<Signature, MeetingAgg>,
    #[serde(with = "sorted_pairs")]
    edges: FxHashMap<(EndKey, String, EndKey), Support>,
}

/// Why a key read from a shard could not have been made by extraction: a control character, or
/// one that would break an IRI or a literal (`<`, `>`, `"`, `{`, `}`, `|`, `\`, `^`, `` ` ``).
fn bad_key(k: &str) -> bool {
    k.is_empty()
        || k.chars().any(|c| {
            c.is_control() || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
        })
}

/// Whether a date read from a shard is one extraction can make (years 1900 to 2100, a real day).
pub(crate) fn bad_date(d: Option<Date>) -> bool {
    d.is_some_and(|d| {
        !(1900..=2100).contains(&d.year) || Date::new(d.year, d.month, d.day).is_none()
    })
}

impl Sources {
    /// Why the confidences are not ones extraction gives (finite, 0 to 1), if they are not.
    fn problem(&self) -> Option<String> {
        let bad = |c: f64| !(c.is_finite() && (0.0..=1.0).contains(&c));
        self.best
            .values()
            .copied()
            .chain(self.more.keys().map(|&b| f64::from_bits(b)))
            .find(|&c| bad(c))
            .map(|c| format!("confidence {c} is not between 0 and 1"))
    }
}

impl Signature {
    fn problem(&self) -> Option<String> {
        if bad_date(self.date)
            || bad_date(self.end)
            || bad_date(self.lead_day)
            || bad_date(self.published)
        {
            return Some(format!(
                "meeting date {:?} is not a real day of 1900 to 2100",
                self.date
            ));
        }
        let keys = self
            .participants
            .iter()
            .chain(&self.principals)
            .chain(&self.place)
            .chain(&self.body);
        keys.clone()
            .find(|k| bad_key(k))
            .map(|k| format!("meeting participant or place key {k:?} is not one extraction makes"))
            .or_else(|| bad_key(&self.kind).then(|| format!("meeting kind {:?}", self.kind)))
    }
}

impl GraphBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Why this state, read from a shard, could not have been made by extraction, if it could not:
    /// a relation that is no lowercase name, a key that would break an IRI or a literal, a date
    /// that is no real day of 1900 to 2100, a confidence outside 0 to 1. The first problem found.
    pub fn problem(&self) -> Option<String> {
        for a in &self.articles {
            if a.id.trim().is_empty() || a.id.chars().any(char::is_control) {
                return Some(format!(
                    "article id {:?} is empty or has control characters",
                    a.id
                ));
            }
            if bad_date(a.published) {
                return Some(format!(
                    "article {:?}: published {:?} is not a real day of 1900 to 2100",
                    a.id, a.published
                ));
            }
        }
        if let Some(k) = self.entities.keys().find(|k| bad_key(k)) {
            return Some(format!("entity key {k:?} is not one extraction makes"));
        }
        if let Some(p) = self.meetings.keys().find_map(Signature::problem) {
            return Some(p);
        }
        for ((a, rel, b), support) in &self.edges {
            let name = !rel.is_empty() && rel.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            if !name {
                return Some(format!(
                    "relation {rel:?} is not a relation name (lowercase letters and _)"
                ));
            }
            for end in [a, b] {
                match end {
                    EndKey::Entity(k) if bad_key(k) => {
                        return Some(format!("edge end {k:?} is not one extraction makes"))
                    }
                    EndKey::Meeting(sig) => {
                        if let Some(p) = sig.problem() {
                            return Some(p);
                        }
                    }
                    EndKey::Entity(_) => {}
                }
            }
            if bad_date(support.date) {
                return Some(format!(
                    "{rel} edge: date {:?} is not a real day of 1900 to 2100",
                    support.date
                ));
            }
            if let Some(p) = support.sources.problem() {
                return Some(format!("{rel} edge: {p}"));
            }
        }
        None
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
    pub fn add(&mut self, info: ArticleInfo, mut facts: ArticleFacts) {
        let id = facts.article;
        let published = info.published;
        self.articles.push(info);
        for e in facts.entities.into_values() {
            let agg = self.entities.entry(e.key).or_default();
            if agg.is_past(&id) {
                // most articles of a long stream: counted, and their surface forms kept
                agg.articles.add_past(0.0);
                agg.surfaces.extend(e.surfaces);
                continue;
            }
            if agg.first.as_ref().is_none_or(|(a, _)| *a > id) {
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
            agg.articles.add(&id, 0.0);
            let room = agg.forms.len() < MAX_MERGE_NOTES
                || agg.forms.last_key_value().is_some_and(|(a, _)| id < *a);
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
        // a last day before the first is a misread range: the meeting has its first day only
        for m in &mut facts.meetings {
            if m.end.zip(m.date).is_some_and(|(e, d)| e <= d) {
                m.end = None;
            }
        }
        // a meeting with no kind is a tombstone: folded into another meeting of the article
        // shared by the meeting's edges: an edge end is a pointer, not a copy of the telling
        let signatures: Vec<Option<std::sync::Arc<Signature>>> = facts
            .meetings
            .iter()
            .map(|m| (!m.kind.is_empty()).then(|| std::sync::Arc::new(Signature::of(m, published))))
            .collect();
        // one record per way of telling, and per article: an article counts once however often
        // it repeats itself (else a count would depend on where the article sits in a sample)
        let mut told: BTreeMap<&Signature, (usize, LocalMeeting)> = BTreeMap::new();
        for (i, m) in facts.meetings.into_iter().enumerate() {
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
                Some(agg) => agg.add((id.clone(), i), m, published),
                None => {
                    let mut agg = MeetingAgg::default();
                    agg.add((id.clone(), i), m, published);
                    self.meetings.insert(Signature::clone(sig), agg);
                }
            }
        }
        let end = |x: &End| match x {
            End::Entity(k) => Some(EndKey::Entity(k.clone())),
            End::Meeting(i) => signatures.get(*i).cloned().flatten().map(EndKey::Meeting),
        };
        let mut stated: BTreeMap<(EndKey, String, EndKey), (f64, Vec<Evidence>)> = BTreeMap::new();
        for e in facts.edges {
            if let (Some(s), Some(o)) = (end(&e.s), end(&e.o)) {
                let x = stated.entry((s, e.relation, o)).or_insert((0.0, vec![]));
                x.0 = x.0.max(e.confidence);
                x.1.push(e.evidence);
            }
        }
        for (key, (c, evidence)) in stated {
            self.edges.entry(key).or_default().add(&id, c, evidence);
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

    /// Resolves everything added into one graph. The result depends only on the set of articles
    /// added, not on the order.
    pub fn finish(self, k: &Knowledge) -> KnowledgeGraph {
        let GraphBuilder {
            articles: infos,
            entities,
            meetings: told,
            edges: local_edges,
        } = self;
        // the four maps are sorted at once, each in parallel: on a large corpus this is a good
        // part of resolving, and nothing else can run yet
        let ((infos, entities), (told, local_edges)) = rayon::join(
            || rayon::join(|| by_id(infos), || sorted(entities)),
            || rayon::join(|| sorted(told), || sorted(local_edges)),
        );
        let kg = resolve_sorted(infos, &entities, &told, local_edges, k);
        // what the articles said is no longer needed, and freeing it takes a while
        drop_in_background((entities, told));
        kg
    }
}

/// [`GraphBuilder::finish`] once its maps are sorted.
fn resolve_sorted(
    infos: Vec<ArticleInfo>,
    entities: &BTreeMap<String, EntityAgg>,
    told: &BTreeMap<Signature, MeetingAgg>,
    local_edges: BTreeMap<(EndKey, String, EndKey), Support>,
    k: &Knowledge,
) -> KnowledgeGraph {
    let published: BTreeMap<&str, Option<Date>> =
        infos.iter().map(|a| (a.id.as_str(), a.published)).collect();

    // ---- entities: local key -> global id
    let mut global: BTreeMap<&str, String> = BTreeMap::new(); // local key -> node id
    let mut reason: BTreeMap<&str, String> = BTreeMap::new();
    // people named by one word only join the one full name across the corpus that ends with it
    let mut full: BTreeMap<String, BTreeSet<String>> = BTreeMap::new(); // last name -> keys
    for (key, e) in entities {
        if e.first
            .as_ref()
            .is_some_and(|(_, t)| *t == EntityType::Person)
        {
            let words = person_words(key, k);
            if words.len() >= 2 {
                full.entry(words[words.len() - 1].clone())
                    .or_default()
                    .insert(key.clone());
            }
        }
    }
    for (key, e) in entities {
        let t = e.first.as_ref().map_or(EntityType::Place, |(_, t)| *t);
        let (id, why) = KnowledgeGraph::entity_id(key, t, k, &full);
        global.insert(key, id);
        reason.insert(key, why);
    }
    // the keys of each node, the one named first (by article, then key) first
    let mut keys_of: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut order: Vec<(&str, &str)> = entities
        .iter()
        .map(|(key, e)| {
            let first = e.first.as_ref().map_or("", |(a, _)| a.as_str());
            (first, key.as_str())
        })
        .collect();
    order.sort();
    for (_, key) in order {
        keys_of.entry(global[key].as_str()).or_default().push(key);
    }
    let mut protos: BTreeMap<String, Proto> = BTreeMap::new();
    for (id, keys) in &keys_of {
        let mut p = Proto {
            node_type: NodeType::from_entity(type_of_key(keys[0], k)),
            label: String::new(),
            aliases: BTreeSet::new(),
            wikidata: None,
            articles: Sources::default(),
            merges: vec![],
            mentions: BTreeSet::new(),
        };
        for key in keys {
            let e = &entities[*key];
            p.mentions.extend(e.mentions.iter().cloned());
            p.aliases.extend(e.surfaces.iter().cloned());
            // an entity only implied (a title's country, say) is still referred to by the article
            p.articles.absorb(&e.articles);
            for (article, forms) in &e.forms {
                p.merges.push(MergeNote {
                    article: article.clone(),
                    forms: forms.clone(),
                    reason: reason[key].clone(),
                });
            }
        }
        cap(&mut p.mentions, MAX_MENTIONS);
        let mut sorted = keys.clone();
        sorted.sort();
        let gaz = sorted.iter().find_map(|key| key.strip_prefix("gaz:"));
        if let Some(e) = gaz.and_then(|g| k.entry(g)) {
            p.label = e.name.clone();
            p.wikidata = e.wikidata.clone();
            p.node_type = NodeType::from_entity(e.etype);
        } else if let Some(t) = sorted.iter().find(|key| key.starts_with("tpl:")) {
            p.label = template_label(t, k);
        } else {
            // the longest name used, then the spelling the node is named by (not a misspelt
            // variant joined to it), then the longer spelling
            let tail = id.rsplit('/').next().unwrap_or(id);
            let rank = |a: &String| {
                (
                    a.split_whitespace().count(),
                    slug(a) == tail,
                    a.chars().count(),
                )
            };
            p.label = p
                .aliases
                .iter()
                .max_by(|a, b| rank(a).cmp(&rank(b)).then(b.cmp(a)))
                .cloned()
                .unwrap_or_else(|| id.rsplit('/').next().unwrap_or(id).replace('_', " "));
        }
        let label = p.label.clone();
        p.aliases.remove(&label);
        protos.insert(id.to_string(), p);
    }

    // ---- meetings
    let to_global = |set: &BTreeSet<String>| -> BTreeSet<String> {
        set.iter()
            .filter_map(|p| global.get(p.as_str()).cloned())
            .collect()
    };
    // each way a meeting was told, with its participants resolved
    let metas: Vec<(&Signature, &MeetingAgg, LocalMeeting)> = told
        .iter()
        .map(|(sig, agg)| {
            let mut m = sig.meeting();
            m.participants = to_global(&m.participants);
            m.principals = to_global(&m.principals);
            m.place = m.place.and_then(|p| global.get(p.as_str()).cloned());
            (sig, agg, m)
        })
        .collect();
    let meeting_of: BTreeMap<&Signature, usize> = metas
        .iter()
        .enumerate()
        .map(|(i, (sig, _, _))| (*sig, i))
        .collect();
    // dated first, in date order, then as first told, so merging is order-independent
    let mut order: Vec<usize> = (0..metas.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&metas[a].2, &metas[b].2);
        (x.date.is_none(), x.date, &x.kind, &metas[a].1.first, a).cmp(&(
            y.date.is_none(),
            y.date,
            &y.kind,
            &metas[b].1.first,
            b,
        ))
    });
    let mut groups: Vec<(LocalMeeting, Vec<usize>)> = Vec::new();
    // groups by kind and first day, to find candidates without scanning them all
    let mut by_day: BTreeMap<(String, i64), Vec<usize>> = BTreeMap::new();
    let mut longest = 0i64; // the longest span of a group, in days
    let mut dropped = Vec::new();
    let mut undated_left_out: Vec<usize> = Vec::new();
    let mut group_of: BTreeMap<usize, usize> = BTreeMap::new();
    // undated groups by kind and participants, and the publication date of the first telling
    let mut undated: BTreeMap<(String, BTreeSet<String>), Vec<usize>> = BTreeMap::new();
    let mut undated_published: BTreeMap<usize, Option<Date>> = BTreeMap::new();
    for &i in &order {
        let (sig, m) = (&metas[i].0, &metas[i].2);
        let (lo, hi) = match (m.date, sig.published) {
            // an end before the start (a misread range) must not invert the range
            (Some(d), _) => (
                d.to_days() - longest,
                m.end.map_or(d.to_days(), |e| e.to_days()).max(d.to_days()),
            ),
            (None, Some(p)) => (p.to_days() - 10, p.to_days() + 10),
            (None, None) => (i64::MIN, i64::MAX),
        };
        let mut found: Vec<usize> = by_day
            .range((m.kind.clone(), lo)..=(m.kind.clone(), hi))
            .flat_map(|(_, gs)| gs.iter().copied())
            .filter(|&gi| {
                let g = &groups[gi].0;
                !g.kind.is_empty()
                    && match (m.date, g.date) {
                        (Some(_), Some(_)) => same_meeting(g, m),
                        (None, Some(gd)) => {
                            let near = sig
                                .published
                                .is_none_or(|p| (p.to_days() - gd.to_days()).abs() <= 10);
                            g.kind == m.kind
                                && near
                                && m.participants.len() >= 2
                                && m.participants.iter().all(|p| g.participants.contains(p))
                        }
                        _ => false,
                    }
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        match found.first() {
            Some(&gi) => {
                crate::extract::merge_meeting(&mut groups[gi].0, m.clone());
                groups[gi].1.push(i);
                group_of.insert(i, gi);
                for &other in found.iter().skip(1).filter(|_| m.date.is_some()) {
                    let (g2, members) = std::mem::take(&mut groups[other]);
                    crate::extract::merge_meeting(&mut groups[gi].0, g2);
                    for mi in &members {
                        group_of.insert(*mi, gi);
                    }
                    groups[gi].1.extend(members);
                    groups[other].0.kind = String::new(); // absorbed
                }
                let g = &groups[gi].0;
                if let (Some(d), Some(e)) = (g.date, g.end) {
                    longest = longest.max(e.to_days() - d.to_days());
                }
            }
            // (a meeting the lead tells without a day, that no other article dates, is the news
            // of the lead's day)
            None if m.date.or(m.lead_day).is_some() => {
                let mut m = m.clone();
                if m.date.is_none() {
                    (m.date, m.date_inferred) = (m.lead_day, true);
                }
                let d = m.date.map_or(0, |d| d.to_days());
                if let Some(e) = m.end {
                    longest = longest.max(e.to_days() - d);
                }
                group_of.insert(i, groups.len());
                by_day
                    .entry((m.kind.clone(), d))
                    .or_default()
                    .push(groups.len());
                groups.push((m.clone(), vec![i]));
            }
            // a meeting whose day is unknown is still a fact: it joins an undated one told the
            // same way near the same publication date, else it stands alone, without a date
            // a dated article that gives a meeting no day speaks of it in passing ("the talks");
            // in an undated one the day cannot be known, and a meeting with a day as written or
            // with named sides is kept without a date
            None if sig.published.is_some()
                || (m.when.is_none() && m.participants.is_empty() && m.place.is_none()) =>
            {
                if sig.published.is_some() {
                    undated_left_out.push(i);
                }
                let why = if sig.published.is_some() {
                    "meeting without a date in a dated article, matching no dated meeting: not in the graph"
                } else {
                    "meeting with no day, sides or place told: not in the graph"
                };
                dropped.push(MergeNote {
                    article: metas[i]
                        .1
                        .first
                        .as_ref()
                        .map(|f| f.0.clone())
                        .unwrap_or_default(),
                    forms: metas[i].1.surfaces.iter().cloned().collect(),
                    reason: why.into(),
                })
            }
            None => {
                let key = (m.kind.clone(), m.participants.clone());
                let near = |gi: &usize| {
                    let first = &groups[*gi].0;
                    m.participants.len() >= 2
                        && sig
                            .published
                            .zip(undated_published[gi])
                            .is_some_and(|(a, b)| (a.to_days() - b.to_days()).abs() <= 10)
                        && crate::extract::meetings_compatible(first, m)
                };
                match undated
                    .get(&key)
                    .and_then(|gs| gs.iter().find(|gi| near(gi)))
                {
                    Some(&gi) => {
                        crate::extract::merge_meeting(&mut groups[gi].0, m.clone());
                        groups[gi].1.push(i);
                        group_of.insert(i, gi);
                    }
                    None => {
                        let gi = groups.len();
                        undated.entry(key).or_default().push(gi);
                        undated_published.insert(gi, sig.published);
                        group_of.insert(i, gi);
                        groups.push((m.clone(), vec![i]));
                    }
                }
            }
        }
    }
    drop(by_day);
    // drop the absorbed groups and renumber
    let keep: Vec<usize> = (0..groups.len())
        .filter(|&gi| !groups[gi].0.kind.is_empty())
        .collect();
    let renumber: BTreeMap<usize, usize> = keep
        .iter()
        .enumerate()
        .map(|(new, &old)| (old, new))
        .collect();
    let mut groups: Vec<(LocalMeeting, Vec<usize>)> = keep
        .iter()
        .map(|&gi| std::mem::take(&mut groups[gi]))
        .collect();
    for (_, members) in &mut groups {
        members.sort_unstable();
    }
    let group_of: BTreeMap<usize, usize> = group_of
        .into_iter()
        .filter_map(|(mi, gi)| renumber.get(&gi).map(|&n| (mi, n)))
        .collect();
    let mut meeting_ids: Vec<String> = Vec::new();
    let mut group_of_id: BTreeMap<String, usize> = BTreeMap::new();
    let mut latest: Vec<Option<Date>> = Vec::new();
    for (gi, (g, members)) in groups.iter().enumerate() {
        let date = g.date.map_or("undated".to_string(), |d| d.to_string());
        let ps: Vec<&String> = g.participants.iter().collect();
        // undated meetings of the same sides told in unrelated articles are distinct: their
        // first article tells them apart
        let first = match g.date {
            Some(_) => None,
            None => members
                .iter()
                .filter_map(|&mi| metas[mi].1.first.as_ref())
                .min(),
        };
        let h = match first {
            None => fnv(&format!("{:?}{:?}", ps, g.place)) as u32,
            Some(f) => fnv(&format!("{:?}{:?}{:?}", ps, g.place, f.0)) as u32,
        };
        let id = format!("meeting/{}-{}-{:08x}", g.kind.to_lowercase(), date, h);
        let names: Vec<String> = g
            .participants
            .iter()
            .filter_map(|p| protos.get(p))
            .map(|p| p.label.clone())
            .collect();
        let label = format!("{} {} ({})", kind_label(&g.kind), date, names.join(", "));
        let mut p = Proto {
            node_type: NodeType::Meeting,
            label,
            aliases: BTreeSet::new(),
            wikidata: None,
            articles: Sources::default(),
            merges: vec![],
            mentions: BTreeSet::new(),
        };
        let mut last = None;
        for &mi in members {
            let agg = metas[mi].1;
            for (article, forms) in &agg.forms {
                p.merges.push(MergeNote {
                    article: article.clone(),
                    forms: forms.clone(),
                    reason: "same kind, overlapping date, shared participants or place".into(),
                });
            }
            p.aliases.extend(agg.surfaces.iter().cloned());
            p.articles.absorb(&agg.sources);
            p.mentions
                .extend(agg.evidence.iter().map(|e| (e.article.to_string(), e.span)));
            last = last.max(agg.published.keys().max().copied().flatten());
        }
        cap(&mut p.mentions, MAX_MENTIONS);
        protos.insert(id.clone(), p);
        group_of_id.insert(id.clone(), gi);
        meeting_ids.push(id);
        latest.push(last);
    }
    let participants: BTreeSet<&String> =
        groups.iter().flat_map(|(g, _)| &g.participants).collect();

    // ---- graph
    let mut kg = KnowledgeGraph {
        dropped,
        ..Default::default()
    };
    for (id, p) in protos {
        // an entity no article names (only implied, as the ministry of "Foreign Minister X") is
        // not a node: the text does not state it
        // (a country that takes part in a meeting is named by its adjective: "US-Russian talks")
        if p.node_type != NodeType::Meeting && p.mentions.is_empty() && !participants.contains(&id)
        {
            kg.dropped.push(MergeNote {
                article: p.articles.best.keys().next().cloned().unwrap_or_default(),
                forms: vec![p.label.clone()],
                reason:
                    "entity only implied by a title or adjective, never named: not in the graph"
                        .into(),
            });
            continue;
        }
        let meeting = group_of_id.get(&id).map(|&gi| {
            let g = &groups[gi].0;
            // held once the latest article that reports it is dated on or after its day
            let status = match (g.date, latest[gi]) {
                (Some(d), Some(l)) if d <= l => "held".to_string(),
                (Some(d), Some(l)) if d > l => "scheduled".to_string(),
                _ => g.status.clone(),
            };
            MeetingInfo {
                kind: g.kind.clone(),
                date: g.date,
                end: g.end,
                date_inferred: g.date_inferred,
                when: g.when.clone(),
                status,
            }
        });
        let mut merges = p.merges;
        merges.sort();
        merges.dedup();
        merges.truncate(MAX_MERGE_NOTES);
        let node = Node {
            id: id.clone(),
            node_type: p.node_type,
            label: p.label,
            aliases: p.aliases,
            wikidata: p.wikidata,
            article_count: p.articles.count(),
            articles: p.articles.best.into_keys().collect(),
            meeting,
            merges,
            mentions: p.mentions.into_iter().collect(),
        };
        let ix = kg.graph.add_node(node);
        kg.index.insert(id, ix);
    }
    let mut edges: EdgeMap = BTreeMap::new();
    let end_id = |e: &EndKey| -> Option<(String, Option<Date>)> {
        match e {
            EndKey::Entity(k) => global.get(k.as_str()).map(|g| (g.clone(), None)),
            EndKey::Meeting(sig) => meeting_of
                .get(sig.as_ref())
                .and_then(|mi| group_of.get(mi))
                .map(|&g| (meeting_ids[g].clone(), groups[g].0.date)),
        }
    };
    // the countries each person serves or leads, from title roles and the gazetteer
    let mut affiliation: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for ((s, rel, o), mut support) in local_edges {
        if let (EndKey::Entity(p), EndKey::Entity(org)) = (&s, &o) {
            let country = match org.strip_prefix("gaz:") {
                Some(id) if rel == "leader_of" || rel == "member_of" => k.country_of(id),
                _ => None,
            };
            if let (Some(pid), Some(c)) = (global.get(p.as_str()), country) {
                affiliation.entry(pid.clone()).or_default().insert(c);
            }
        }
        if let (Some((s, _)), Some((o, date))) = (end_id(&s), end_id(&o)) {
            support.date = date;
            if let Some(e) = edge(&mut edges, &s, &rel, &o) {
                e.absorb(support);
            }
        }
    }
    for (gi, (g, members)) in groups.iter().enumerate() {
        let mid = &meeting_ids[gi];
        for &mi in members {
            let (agg, m) = (metas[mi].1, &metas[mi].2);
            // with no day known, the telling's own tense says whether it took place
            let held_on = |a: &str| match g.date {
                Some(d) => published.get(a).copied().flatten().is_some_and(|p| d <= p),
                None => g.status == "held",
            };
            // the edges a telling implies, supported by every article that tells it so; the
            // articles beyond the sample of leads count without a sentence
            let support = |c: f64, rule: &str, held_only: bool| {
                let mut s = Support {
                    date: g.date,
                    ..Default::default()
                };
                for (a, e) in agg.leads.iter().filter(|(a, _)| !held_only || held_on(a)) {
                    // the lead's sentence under this rule (a clone would copy its rule first)
                    let e = Evidence {
                        article: e.article.clone(),
                        span: e.span,
                        text: e.text.clone(),
                        rule: rule.to_string(),
                    };
                    s.add(a, c, [e]);
                }
                let all: u64 = agg
                    .published
                    .iter()
                    .filter(|(p, _)| {
                        !held_only
                            || match g.date {
                                Some(d) => p.is_some_and(|p| d <= p),
                                None => g.status == "held",
                            }
                    })
                    .map(|(_, n)| n)
                    .sum();
                let rest = all.saturating_sub(s.sources.best.len() as u64);
                if rest > 0 {
                    *s.sources.more.entry(c.to_bits()).or_default() += rest;
                }
                s
            };
            // one support per telling, shared by the edges it implies
            if !m.participants.is_empty() {
                let s = support(0.7, "meeting.participant", false);
                for p in &m.participants {
                    if let Some(e) = edge(&mut edges, p, "participated_in", mid) {
                        e.absorb_ref(&s);
                    }
                }
            }
            if let Some(pl) = &m.place {
                if let Some(e) = edge(&mut edges, mid, "held_in", pl) {
                    e.absorb(support(0.7, "meeting.place", false));
                }
            }
            if let Some((_, rule, held_only)) = pairwise_relation(&g.kind) {
                let s = support(0.6, rule, held_only);
                pairwise_edges(&g.kind, &m.principals, &s, &affiliation, &mut edges);
            }
        }
    }
    // a meeting told without its day is left out, but its sides still met or called each other
    for &i in &undated_left_out {
        let (agg, m) = (metas[i].1, &metas[i].2);
        let Some((_, rule, held_only)) = pairwise_relation(&m.kind) else {
            continue;
        };
        let mut s = Support::default();
        if !held_only || m.status == "held" {
            for (a, e) in &agg.leads {
                let e = Evidence {
                    article: e.article.clone(),
                    span: e.span,
                    text: e.text.clone(),
                    rule: rule.to_string(),
                };
                s.add(a, 0.6, [e]);
            }
        }
        pairwise_edges(&m.kind, &m.principals, &s, &affiliation, &mut edges);
    }
    for ((s, rel, o), support) in edges {
        let (Some(&si), Some(&oi)) = (kg.index.get(&s), kg.index.get(&o)) else {
            continue;
        };
        kg.graph.add_edge(
            si,
            oi,
            Edge {
                relation: rel,
                confidence: support.sources.confidence(),
                article_count: support.sources.count(),
                sources: support.sources.best.into_keys().collect(),
                evidence: support.evidence.into_iter().collect(),
                date: support.date,
            },
        );
    }
    drop(published);
    kg.articles = infos;
    kg
}

/// "Christian Lindne" in one article for "Christian Lindner" of others: a full name whose surname
/// lacks one last letter of the one person with that given name and surname, by `full` (surname ->
/// full-name keys).
fn misspelt_full_name(
    name: &str,
    k: &Knowledge,
    full: &BTreeMap<String, BTreeSet<String>>,
) -> Option<(String, String)> {
    let (given, surname) = name.split_once(' ')?;
    if surname.contains(' ') || surname.chars().count() < 4 {
        return None;
    }
    let mut found = full
        .range(surname.to_string()..)
        .take_while(|(sn, _)| sn.starts_with(surname))
        .filter(|(sn, _)| sn.chars().count() == surname.chars().count() + 1)
        .flat_map(|(_, keys)| keys)
        .filter(|key| {
            let full_name = match key.strip_prefix("gaz:") {
                Some(g) => k.entry(g).map(|e| norm_key(&e.name)),
                None => key.get(4..).map(str::to_string),
            };
            full_name.is_some_and(|f| f.split(' ').next() == Some(given))
        });
    let (target, None) = (found.next()?, found.next()) else {
        return None;
    };
    Some(match target.strip_prefix("gaz:") {
        Some(g) => (
            format!("person/{g}"),
            format!("misspelt name of gazetteer entry {g}"),
        ),
        None => (
            format!("person/{}", slug(&target[4..])),
            format!("misspelt name of {}", &target[4..]),
        ),
    })
}

/// Edges by (source, relation, target), with their support.
type EdgeMap = BTreeMap<(String, String, String), Support>;

/// The support of an edge between two nodes, none for a loop; a symmetric edge is stored once.
fn edge<'e>(edges: &'e mut EdgeMap, s: &str, rel: &str, o: &str) -> Option<&'e mut Support> {
    let (s, o) = if SYMMETRIC.contains(&rel) && s > o {
        (o, s)
    } else {
        (s, o)
    };
    (s != o).then(|| {
        edges
            .entry((s.to_string(), rel.to_string(), o.to_string()))
            .or_default()
    })
}

/// The relation the sides of a meeting of this kind have with each other, its rule, and whether
/// only a meeting that took place implies it: calls are `called`, talks `met`.
fn pairwise_relation(kind: &str) -> Option<(&'static str, &'static str, bool)> {
    match kind {
        "PhoneCall" | "VideoCall" => Some(("called", "meeting.call", false)),
        "Talks" => Some(("met", "meeting.met", true)),
        _ => None,
    }
}

/// The `called` or `met` edges between the sides of one meeting: its people, the bodies a call is
/// held with ("a call with the IMF"), and the countries of talks between states; two members of one
/// delegation did not meet each other, and talks of many sides imply no pairs.
fn pairwise_edges(
    kind: &str,
    principals: &BTreeSet<String>,
    s: &Support,
    affiliation: &BTreeMap<String, BTreeSet<String>>,
    edges: &mut EdgeMap,
) {
    let Some((rel, ..)) = pairwise_relation(kind) else {
        return;
    };
    if s.sources.count() == 0 {
        return;
    }
    let call = rel == "called";
    let persons: Vec<&String> = principals
        .iter()
        .filter(|p| p.starts_with("person/") || call && p.starts_with("organization/"))
        .collect();
    let places: Vec<&String> = principals
        .iter()
        .filter(|p| p.starts_with("place/"))
        .collect();
    // states that hold talks meet each other when no person is named for them
    let people = if persons.is_empty() && !call && places.len() == 2 {
        places
    } else {
        persons
    };
    if !call && people.len() > 4 {
        return;
    }
    for (x, a) in people.iter().enumerate() {
        for b in &people[x + 1..] {
            let same_side = !call
                && affiliation
                    .get(*a)
                    .is_some_and(|ca| affiliation.get(*b).is_some_and(|cb| !ca.is_disjoint(cb)));
            if same_side {
                continue;
            }
            if let Some(e) = edge(edges, a, rel, b) {
                e.absorb_ref(s);
            }
        }
    }
}

struct Proto {
    node_type: NodeType,
    label: String,
    aliases: BTreeSet<String>,
    wikidata: Option<String>,
    articles: Sources,
    merges: Vec<MergeNote>,
    mentions: BTreeSet<(String, Span)>,
}

impl ArticleInfo {
    /// The metadata of an article.
    pub fn of(a: &Article) -> ArticleInfo {
        ArticleInfo {
            id: a.id.clone(),
            source: a.source.clone(),
            published: a.published,
            published_inferred: a.published_inferred,
            url: a.url.clone(),
            title: a.title.clone(),
        }
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

    fn entity_id(
        key: &str,
        t: EntityType,
        k: &Knowledge,
        full: &BTreeMap<String, BTreeSet<String>>,
    ) -> (String, String) {
        let prefix = match t {
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Place => "place",
        };
        if let Some(id) = key.strip_prefix("gaz:") {
            let t = k.entry(id).map_or(t, |e| e.etype);
            let prefix = match t {
                EntityType::Person => "person",
                EntityType::Organization => "organization",
                EntityType::Place => "place",
            };
            return (format!("{prefix}/{id}"), format!("gazetteer entry {id}"));
        }
        if let Some(rest) = key.strip_prefix("tpl:") {
            return (
                format!("{prefix}/{}", slug(&rest.replace(':', "_"))),
                "body of a country named by a common phrase".into(),
            );
        }
        let name = &key[4..];
        if t == EntityType::Person && !name.contains(' ') {
            if let Some(keys) = full.get(name) {
                if keys.len() == 1 {
                    let target = keys.iter().next().cloned().unwrap_or_default();
                    if let Some(g) = target.strip_prefix("gaz:") {
                        return (
                            format!("person/{g}"),
                            format!("surname of gazetteer entry {g}"),
                        );
                    }
                    return (
                        format!("person/{}", slug(&target[4..])),
                        format!("surname of {}", &target[4..]),
                    );
                }
            }
        }
        if t == EntityType::Person {
            if let Some((id, why)) = misspelt_full_name(name, k, full) {
                return (id, why);
            }
        }
        (format!("{prefix}/{}", slug(name)), "same name".into())
    }

    /// All nodes, sorted by id.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.index.values().map(|&ix| &self.graph[ix])
    }

    /// All edges as (source, edge, target), in a stable order.
    pub fn edges(&self) -> impl Iterator<Item = (&Node, &Edge, &Node)> {
        self.graph
            .edge_references()
            .map(|e| (&self.graph[e.source()], e.weight(), &self.graph[e.target()]))
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&ix| &self.graph[ix])
    }

    /// The node whose label or alias is `name` (case-insensitive, punctuation-insensitive), preferring
    /// a label match.
    pub fn find(&self, name: &str) -> Option<&Node> {
        let n = norm_key(name);
        self.nodes().find(|x| norm_key(&x.label) == n).or_else(|| {
            self.nodes()
                .find(|x| x.aliases.iter().any(|a| norm_key(a) == n))
        })
    }

    /// Neighbours of a node: `(edge, other node)` along edges of `relation` (any when `None`), leaving
    /// the node (`Outgoing`) or arriving at it (`Incoming`). Symmetric relations answer both ways.
    pub fn neighbors(
        &self,
        id: &str,
        relation: Option<&str>,
        dir: Direction,
    ) -> Vec<(&Edge, &Node)> {
        let Some(&ix) = self.index.get(id) else {
            return vec![];
        };
        let mut out: Vec<(EdgeIndex, &Edge, &Node)> = Vec::new();
        for d in [Direction::Outgoing, Direction::Incoming] {
            for e in self.graph.edges_directed(ix, d) {
                let w = e.weight();
                if relation.is_some_and(|r| r != w.relation) {
                    continue;
                }
                if d != dir && !SYMMETRIC.contains(&w.relation.as_str()) {
                    continue;
                }
                let other = if d == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                out.push((e.id(), w, &self.graph[other]));
            }
        }
        out.sort_by(|a, b| (&a.2.id, &a.1.relation).cmp(&(&b.2.id, &b.1.relation)));
        out.into_iter().map(|(_, e, n)| (e, n)).collect()
    }

    /// The meetings a node took part in, by date, each with its place when known.
    pub fn meetings_of(&self, id: &str) -> Vec<(&Node, Option<&Node>)> {
        let mut out: Vec<(&Node, Option<&Node>)> = self
            .neighbors(id, Some("participated_in"), Direction::Outgoing)
            .into_iter()
            .map(|(_, m)| {
                (
                    m,
                    self.neighbors(&m.id, Some("held_in"), Direction::Outgoing)
                        .into_iter()
                        .next()
                        .map(|(_, p)| p),
                )
            })
            .collect();
        out.sort_by_key(|(m, _)| (m.meeting.as_ref().and_then(|x| x.date), m.id.clone()));
        out
    }

    /// The edge `source relation target`, if any (either way for symmetric relations).
    pub fn edge(&self, source: &str, relation: &str, target: &str) -> Option<&Edge> {
        self.neighbors(source, Some(relation), Direction::Outgoing)
            .into_iter()
            .find(|(_, n)| n.id == target)
            .map(|(e, _)| e)
    }

    /// Metadata of the input articles, by id.
    pub fn articles(&self) -> &[ArticleInfo] {
        &self.articles
    }

    /// Meetings left out of the graph, with why.
    pub fn dropped(&self) -> &[MergeNote] {
        &self.dropped
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The underlying petgraph, for algorithms this API does not offer.
    pub fn petgraph(&self) -> &DiGraph<Node, Edge> {
        &self.graph
    }
}

fn person_words(key: &str, k: &Knowledge) -> Vec<String> {
    match key.strip_prefix("gaz:").and_then(|id| k.entry(id)) {
        Some(e) => e.name.split_whitespace().map(norm_key).collect(),
        None => key
            .get(4..)
            .unwrap_or("")
            .split_whitespace()
            .map(String::from)
            .collect(),
    }
}

fn same_meeting(g: &LocalMeeting, m: &LocalMeeting) -> bool {
    let (Some(gd), Some(md)) = (g.date, m.date) else {
        return false;
    };
    let (ge, me) = (g.end.unwrap_or(gd), m.end.unwrap_or(md));
    let overlap = gd <= me && md <= ge;
    let shared = g.participants.iter().any(|p| m.participants.contains(p));
    let place = g.place.is_some() && g.place == m.place;
    let kinds = g.kind == m.kind && crate::extract::meetings_compatible(g, m);
    // without shared participants or place, only the same day (and no other place) makes them one
    let unknown_sides = (g.participants.is_empty() || m.participants.is_empty())
        && (gd == md || g.end.is_some() || m.end.is_some())
        && (g.place.is_none() || m.place.is_none());
    overlap && kinds && (shared || place || unknown_sides)
}

fn kind_label(kind: &str) -> &str {
    match kind {
        "PhoneCall" => "Phone call",
        "VideoCall" => "Video call",
        "CouncilMeeting" => "Council meeting",
        "PressConference" => "Press conference",
        k => k,
    }
}

fn template_label(key: &str, k: &Knowledge) -> String {
    let mut parts = key.splitn(3, ':').skip(1);
    let (country, tpl) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let adj = k
        .entry(country)
        .and_then(|e| e.adjectives.first().cloned())
        .unwrap_or_else(|| country.to_string());
    let phrase = k
        .org_templates
        .iter()
        .filter(|(_, t)| t == tpl)
        .min_by_key(|(p, _)| p.len())
        .map(|(p, _)| {
            p.iter()
                .map(|w| {
                    if k.is_cue("connector", w) {
                        w.clone()
                    } else {
                        capitalise(w)
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| tpl.replace('_', " "));
    format!("{adj} {phrase}")
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_segments_are_one_to_one() {
        let cases = [
            ("kept", "rb_05-nyt.2022~x", "rb_05-nyt.2022~x"),
            ("case kept", "Foo", "Foo"),
            ("space encoded", "a b", "a%20b"),
            ("percent encoded", "100%", "100%25"),
            ("non-ASCII bytes", "Zürich", "Z%C3%BCrich"),
        ];
        let mut seen = std::collections::BTreeSet::new();
        for (name, input, want) in cases {
            let mut buf = String::new();
            article_segment_into(&mut buf, input);
            assert_eq!(buf, want, "{name}");
            assert!(seen.insert(buf), "{name}: shared");
        }
        // ids that one slug would join stay apart
        let ids = ["Foo", "foo", "a b", "a-b", "a.b", "a_b", "x%20y", "x y"];
        let segs: std::collections::BTreeSet<String> = ids
            .iter()
            .map(|id| {
                let mut b = String::new();
                article_segment_into(&mut b, id);
                b
            })
            .collect();
        assert_eq!(segs.len(), ids.len());
    }

    #[test]
    fn slugs() {
        let cases = [
            ("words", "Emmanuel Macron", "emmanuel_macron"),
            (
                "joiners fold into one underscore",
                "Jean-Pierre  O.Smith",
                "jean_pierre_o_smith",
            ),
            ("ends trimmed", "  _NATO_ ", "nato"),
            (
                "other characters percent-encoded, lowercased",
                "Erdoğan İ",
                "erdo%C4%9Fan_%69",
            ),
            ("nothing left: a hash", "---", "xde1b3246"),
            ("ASCII punctuation encoded", "AT&T (US)", "at%26t_%28us%29"),
            ("non-ASCII space joins", "a\u{A0}b\u{2003}c", "a_b_c"),
            ("non-ASCII letters between ASCII", "Zürich", "z%C3%BCrich"),
        ];
        for (name, input, want) in cases {
            assert_eq!(slug(input), want, "{name}");
            // appended after other text, the same slug follows it
            let mut buf = String::from("article/");
            slug_into(&mut buf, input);
            assert_eq!(buf, format!("article/{want}"), "{name}");
        }
    }
}
