//! The graph's data model: typed nodes and typed, evidenced edges in a petgraph, and the API that
//! walks it. In: the nodes and edges resolution makes; out: lookups by id, name, relation and
//! direction, for the exporters, the query store and library users.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::date::Date;
use crate::extract::Evidence;
use crate::knowledge::{norm_key, EntityType, Geo};
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
    pub(super) fn from_entity(t: EntityType) -> NodeType {
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

/// A node of the graph: one person, organisation, place or meeting, resolved across every
/// article that names it. Its `id` is stable from run to run (`person/joe_biden`,
/// `meeting/phonecall-2021-12-30-1a2b3c4d`) and is the last part of its IRI in the RDF; `label`
/// is the name it is shown by and `aliases` the other names the articles use; a meeting carries
/// its kind, date and status in `meeting`. `mentions` points at each place an article names it.
///
/// ```
/// use newsgraph::{build_graph, Article, Knowledge, NodeType};
///
/// let text = "Talks\n\nUS President Joe Biden met Chinese President Xi Jinping in Bali.";
/// let g = build_graph(&[Article::new("a", text)], &Knowledge::embedded());
/// let biden = g.find("Joe Biden").unwrap();
/// assert_eq!((biden.id.as_str(), biden.node_type), ("person/joe_biden", NodeType::Person));
/// let (article, span) = &biden.mentions[0];
/// assert_eq!((article.as_str(), &text[span.start..span.end]), ("a", "Joe Biden"));
/// ```
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
    /// Where a place is (latitude, longitude, GeoNames id), when the gazetteer knows it.
    pub geo: Option<Geo>,
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

/// An edge of the graph: a relation of the GOLD.md vocabulary (`warned`, `called`, `met`,
/// `participated_in`, `leader_of`, ...) between two nodes, in the direction the articles state
/// it, with every sentence that supports it. `confidence` grows with the number of articles that
/// say it (a noisy-or of each statement's confidence); `evidence` holds the sentences, each with
/// its article, byte span and the rule that fired; `date` is the day of the meeting it concerns
/// or the day its sentence gives.
///
/// ```
/// use newsgraph::{build_graph, Article, Knowledge};
///
/// let a = Article::new("a", "Sanctions\n\nUS President Joe Biden warned Russian President Vladimir Putin against an invasion.");
/// let g = build_graph(&[a], &Knowledge::embedded());
/// let (s, e, o) = g.edges().find(|(_, e, _)| e.relation == "warned").unwrap();
/// assert_eq!((s.label.as_str(), o.label.as_str()), ("Joe Biden", "Vladimir Putin"));
/// assert_eq!(e.rules().into_iter().collect::<Vec<_>>(), ["verb.warned"]);
/// assert!(e.evidence[0].text.starts_with("US President Joe Biden warned"));
/// ```
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

/// One neighbour of a node (see [`KnowledgeGraph::neighbors`]): the edge, the node at its other
/// end, and which way the articles state the edge, seen from the queried node: `Outgoing` when the
/// queried node is its subject ("Starmer called Carney", asked from Starmer), `Incoming` when it
/// is its object.
#[derive(Clone, Copy, Debug)]
pub struct Neighbor<'a> {
    /// The edge.
    pub edge: &'a Edge,
    /// The node at its other end.
    pub node: &'a Node,
    /// Which way the edge is stated, from the queried node.
    pub direction: Direction,
}

/// The knowledge graph: every node and edge resolved from a set of articles, with the articles'
/// metadata and what was left out (see [`KnowledgeGraph::dropped`]). It is a petgraph `DiGraph`
/// underneath ([`KnowledgeGraph::petgraph`]) with a small API over it: nodes sorted by id, edges
/// as (source, edge, target), look-up by name, neighbours along a relation, the meetings of a
/// node. Build one with [`crate::build_graph`] (or [`crate::build`], which also writes the
/// files), and export it with the `write_*` functions.
///
/// ```
/// use newsgraph::{build_graph, Article, Date, Knowledge, NodeType};
///
/// let a = Article::new("a", "Call\n\nUS President Joe Biden spoke by phone with Ukrainian President Volodymyr Zelensky on Sunday.")
///     .published(Date::new(2022, 1, 3).unwrap());
/// let g = build_graph(&[a], &Knowledge::embedded());
/// let meetings: Vec<_> = g.nodes().filter(|n| n.node_type == NodeType::Meeting).collect();
/// assert_eq!(meetings.len(), 1);
/// let zelensky = g.find("Volodymyr Zelensky").unwrap();
/// assert_eq!(g.meetings_of(&zelensky.id)[0].0.id, meetings[0].id);
/// ```
#[derive(Clone, Debug, Default)]
pub struct KnowledgeGraph {
    pub(super) graph: DiGraph<Node, Edge>,
    pub(super) index: BTreeMap<String, NodeIndex>,
    pub(super) articles: Vec<ArticleInfo>,
    pub(super) dropped: Vec<MergeNote>,
}

/// How many evidence sentences an edge keeps: the first in (article, position) order. Confidence
/// stays exact; the sample keeps memory flat on a long stream.
pub const MAX_EVIDENCE: usize = 12;
/// How many mentions a node keeps, the first in (article, position) order.
pub const MAX_MENTIONS: usize = 64;
/// How many articles a node or edge lists, the first by id; the count of all is kept beside them.
pub const MAX_SOURCES: usize = 32;

impl KnowledgeGraph {
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

    /// The neighbours of a node along edges of `relation` (any when `None`) that the articles
    /// state from it (`Outgoing`: "Biden warned Putin", seen from Biden) or to it (`Incoming`),
    /// sorted by the other node's id. A symmetric relation (`called`, `met`, `consulted`, see
    /// [`SYMMETRIC`]) matches either way, and each [`Neighbor`] says which way it was stated: who
    /// called whom is kept as the RDF states it.
    ///
    /// ```
    /// use newsgraph::{build_graph, Article, Date, Direction, Knowledge};
    ///
    /// let k = Knowledge::embedded();
    /// let a = Article::new("a", "Talks\n\nBritish Prime Minister Keir Starmer spoke by phone with Canadian Prime Minister Mark Carney on Monday.")
    ///     .published(Date::new(2025, 3, 18).unwrap());
    /// let g = build_graph(&[a], &k);
    /// let carney = g.find("Mark Carney").unwrap();
    /// // asked from Carney's side, the call still says that Starmer made it
    /// let calls = g.neighbors(&carney.id, Some("called"), Direction::Incoming);
    /// assert_eq!(calls[0].node.label, "Keir Starmer");
    /// assert_eq!(calls[0].direction, Direction::Incoming);
    /// ```
    pub fn neighbors(&self, id: &str, relation: Option<&str>, dir: Direction) -> Vec<Neighbor<'_>> {
        let Some(&ix) = self.index.get(id) else {
            return vec![];
        };
        let mut out: Vec<Neighbor<'_>> = Vec::new();
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
                out.push(Neighbor {
                    edge: w,
                    node: &self.graph[other],
                    direction: d,
                });
            }
        }
        out.sort_by(|a, b| (&a.node.id, &a.edge.relation).cmp(&(&b.node.id, &b.edge.relation)));
        out
    }

    /// The meetings a node took part in, by date, each with its place when known.
    pub fn meetings_of(&self, id: &str) -> Vec<(&Node, Option<&Node>)> {
        let mut out: Vec<(&Node, Option<&Node>)> = self
            .neighbors(id, Some("participated_in"), Direction::Outgoing)
            .into_iter()
            .map(|m| {
                (
                    m.node,
                    self.neighbors(&m.node.id, Some("held_in"), Direction::Outgoing)
                        .into_iter()
                        .next()
                        .map(|p| p.node),
                )
            })
            .collect();
        out.sort_by_key(|(m, _)| (m.meeting.as_ref().and_then(|x| x.date), m.id.clone()));
        out
    }

    /// Where a node is: a place's own position, a meeting's that of the place it is held in (so a
    /// map can draw both), else none.
    pub fn position(&self, n: &Node) -> Option<Geo> {
        n.geo.or_else(|| {
            n.meeting.as_ref()?;
            self.neighbors(&n.id, Some("held_in"), Direction::Outgoing)
                .into_iter()
                .find_map(|p| p.node.geo)
        })
    }

    /// The edge `source relation target`, if any; a symmetric relation is found either way
    /// (`edge(carney, "called", starmer)` finds the call Starmer made).
    pub fn edge(&self, source: &str, relation: &str, target: &str) -> Option<&Edge> {
        self.neighbors(source, Some(relation), Direction::Outgoing)
            .into_iter()
            .find(|n| n.node.id == target)
            .map(|n| n.edge)
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
