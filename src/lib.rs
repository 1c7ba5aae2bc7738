#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod date;
mod error;
mod export;
mod extract;
mod graph;
mod input;
mod knowledge;
mod text;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use date::Date;
pub use error::Error;
pub use export::{
    write_all, write_dot, write_json, write_merges, write_nquads, write_turtle, Format, Written,
    DEFAULT_BASE, NG,
};
pub use extract::{extract, ArticleFacts, Evidence};
pub use graph::{
    ArticleInfo, Direction, Edge, GraphBuilder, KnowledgeGraph, MeetingInfo, MergeNote, Node, NodeType, MAX_EVIDENCE, MAX_MENTIONS, SYMMETRIC,
};
pub use input::{collect_files, read_file, Skipped};
pub use knowledge::{EntityType, Knowledge};
pub use text::{sentences, Article, Span};

/// What to build: the validated configuration of a run (the command line is parsed elsewhere).
#[derive(Clone, Debug)]
pub struct BuildConfig {
    inputs: Vec<PathBuf>,
    out_dir: PathBuf,
    formats: Vec<Format>,
    base: String,
    ontology: Option<PathBuf>,
    svg: bool,
}

impl BuildConfig {
    /// Reads `inputs` (files or folders) and writes every format into `out_dir`.
    pub fn new(inputs: Vec<PathBuf>, out_dir: impl Into<PathBuf>) -> Self {
        BuildConfig {
            inputs,
            out_dir: out_dir.into(),
            formats: Format::ALL.to_vec(),
            base: DEFAULT_BASE.into(),
            ontology: None,
            svg: true,
        }
    }

    /// Writes only these formats.
    pub fn formats(mut self, formats: Vec<Format>) -> Self {
        self.formats = formats;
        self.formats.sort();
        self.formats.dedup();
        self
    }

    /// Uses this base for data IRIs; it must be an absolute IRI ending in `/` or `#`.
    pub fn base_iri(mut self, base: &str) -> Result<Self, Error> {
        let ok =
            oxrdf::NamedNode::new(base).is_ok() && (base.ends_with('/') || base.ends_with('#'));
        if !ok {
            return Err(Error::Config(format!("--base {base:?} is not an absolute IRI ending in '/' or '#' (e.g. https://example.org/news/)")));
        }
        self.base = base.to_string();
        Ok(self)
    }

    /// Loads the extraction knowledge from this folder instead of the embedded `ontology/`.
    pub fn ontology(mut self, dir: Option<PathBuf>) -> Self {
        self.ontology = dir;
        self
    }

    /// Whether to render `graph.svg` with Graphviz when it is installed.
    pub fn svg(mut self, yes: bool) -> Self {
        self.svg = yes;
        self
    }
}

/// What a build did, for the summary.
#[derive(Debug)]
pub struct Report {
    /// Articles read.
    pub articles: usize,
    /// Articles or files skipped, with why.
    pub skipped: Vec<Skipped>,
    /// Node counts by type.
    pub nodes: BTreeMap<&'static str, usize>,
    /// Edge counts by relation.
    pub edges: BTreeMap<String, usize>,
    /// Files written and notes.
    pub written: Written,
    /// Time per stage.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Reads all articles of `inputs`.
pub fn load_articles(
    inputs: &[PathBuf],
    k: &Knowledge,
) -> Result<(Vec<Article>, Vec<Skipped>), Error> {
    let mut arts = Vec::new();
    let mut skipped = Vec::new();
    for f in collect_files(inputs)? {
        match read_file(&f, k) {
            Ok((a, s)) => {
                arts.extend(a);
                skipped.extend(s);
            }
            Err(e) => skipped.push(Skipped {
                source: f.display().to_string(),
                reason: e.to_string(),
            }),
        }
    }
    // two inputs with one id would be one article in the graph: refuse rather than merge silently
    arts.sort_by(|a, b| a.id.cmp(&b.id).then(a.source.cmp(&b.source)));
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut kept = Vec::new();
    for a in arts {
        if let Some(first) = seen.get(&a.id) {
            skipped.push(Skipped { source: a.source.clone(), reason: format!("article id {:?} already used by {first}; give each article a unique id or file name", a.id) });
            continue;
        }
        seen.insert(a.id.clone(), a.source.clone());
        kept.push(a);
    }
    infer_missing_dates(&mut kept, k);
    Ok((kept, skipped))
}

/// Articles whose date is neither given nor written in their first lines get one inferred from the
/// corpus: a dateline's month and day with the nearest year to the corpus's median date, else the
/// median date itself. Articles of one batch are usually from one period; the graph marks these dates
/// as inferred.
pub fn infer_missing_dates(articles: &mut [Article], k: &Knowledge) {
    let mut known: Vec<Date> = articles.iter().filter_map(|a| a.published).collect();
    if known.is_empty() {
        return;
    }
    known.sort();
    let median = known[known.len() / 2];
    for a in articles.iter_mut().filter(|a| a.published.is_none()) {
        a.published = Some(extract::find_article_date_near(&a.text, k, median).unwrap_or(median));
        a.published_inferred = true;
    }
}

/// Extracts every article and resolves the facts into one graph.
pub fn build_graph(articles: &[Article], k: &Knowledge) -> KnowledgeGraph {
    let facts: Vec<ArticleFacts> = articles.iter().map(|a| extract(a, k)).collect();
    KnowledgeGraph::build(articles, facts, k)
}

/// Runs a whole build: read, extract, resolve, write.
pub fn build(cfg: &BuildConfig) -> Result<Report, Error> {
    let mut timings = Vec::new();
    let t = Instant::now();
    let k = match &cfg.ontology {
        Some(d) => Knowledge::from_dir(d)?,
        None => Knowledge::embedded(),
    };
    timings.push(("load knowledge", t.elapsed()));
    let t = Instant::now();
    let (articles, skipped) = load_articles(&cfg.inputs, &k)?;
    timings.push(("read", t.elapsed()));
    if articles.is_empty() {
        return Err(Error::Config(format!(
            "no articles found in {}: give .txt files, folders of them, or .jsonl files{}",
            cfg.inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            skipped
                .iter()
                .map(|s| format!("\n  skipped {}: {}", s.source, s.reason))
                .collect::<String>()
        )));
    }
    let t = Instant::now();
    let g = build_graph(&articles, &k);
    timings.push(("extract and resolve", t.elapsed()));
    let t = Instant::now();
    let written = write_all(&g, &cfg.out_dir, &cfg.formats, &cfg.base, cfg.svg)?;
    timings.push(("write", t.elapsed()));
    let mut nodes = BTreeMap::new();
    for n in g.nodes() {
        *nodes.entry(n.node_type.as_str()).or_insert(0) += 1;
    }
    let mut edges = BTreeMap::new();
    for (_, e, _) in g.edges() {
        *edges.entry(e.relation.clone()).or_insert(0) += 1;
    }
    Ok(Report {
        articles: articles.len(),
        skipped,
        nodes,
        edges,
        written,
        timings,
    })
}
