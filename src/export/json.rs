//! Node-link JSON export (the layout of networkx's `node_link_data`), scored by `score.py`.

use std::io::Write;

use serde::Serialize;

use crate::graph::KnowledgeGraph;

#[derive(Serialize)]
struct Doc<'a> {
    directed: bool,
    multigraph: bool,
    graph: GraphMeta<'a>,
    nodes: Vec<NodeOut<'a>>,
    links: Vec<LinkOut<'a>>,
}

#[derive(Serialize)]
struct GraphMeta<'a> {
    name: &'a str,
    articles: Vec<ArticleOut<'a>>,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    id: &'a str,
    published: Option<String>,
    published_inferred: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
}

#[derive(Serialize)]
struct NodeOut<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    node_type: &'a str,
    label: &'a str,
    aliases: Vec<&'a str>,
    iri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    wikidata: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lon: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    geonames: Option<u32>,
    articles: Vec<&'a str>,
    article_count: u64,
    mentions: Vec<MentionOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_inferred: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    when: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a str>,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    article: &'a str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct EvidenceOut<'a> {
    article: &'a str,
    sentence: &'a str,
    start: usize,
    end: usize,
    rule: &'a str,
}

#[derive(Serialize)]
struct LinkOut<'a> {
    source: &'a str,
    target: &'a str,
    relation: &'a str,
    confidence: f64,
    article_count: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    evidence: Vec<EvidenceOut<'a>>,
}

/// Writes the graph as node-link JSON.
pub fn write_json(g: &KnowledgeGraph, base: &str, mut w: impl Write) -> std::io::Result<()> {
    let doc = Doc {
        directed: true,
        multigraph: true,
        graph: GraphMeta {
            name: "newsgraph",
            articles: g
                .articles()
                .iter()
                .map(|a| ArticleOut {
                    id: &a.id,
                    published: a.published.map(|d| d.to_string()),
                    published_inferred: a.published_inferred,
                    url: a.url.as_deref(),
                    title: a.title.as_deref(),
                })
                .collect(),
        },
        nodes: g
            .nodes()
            .map(|n| NodeOut {
                id: &n.id,
                node_type: n.node_type.as_str(),
                label: &n.label,
                aliases: n.aliases.iter().map(String::as_str).collect(),
                iri: format!("{base}{}", n.id),
                wikidata: n.wikidata.as_deref(),
                lat: g.position(n).map(|p| p.lat),
                lon: g.position(n).map(|p| p.lon),
                geonames: n.geo.and_then(|p| p.geonames),
                articles: n.articles.iter().map(String::as_str).collect(),
                article_count: n.article_count,
                mentions: n
                    .mentions
                    .iter()
                    .map(|(a, sp)| MentionOut {
                        article: a,
                        start: sp.start,
                        end: sp.end,
                    })
                    .collect(),
                kind: n.meeting.as_ref().map(|m| m.kind.as_str()),
                date: n
                    .meeting
                    .as_ref()
                    .and_then(|m| m.date)
                    .map(|d| d.to_string()),
                date_end: n
                    .meeting
                    .as_ref()
                    .and_then(|m| m.end)
                    .map(|d| d.to_string()),
                date_inferred: n
                    .meeting
                    .as_ref()
                    .and_then(|m| m.date.map(|_| m.date_inferred)),
                when: n.meeting.as_ref().and_then(|m| m.when.as_deref()),
                status: n.meeting.as_ref().map(|m| m.status.as_str()),
            })
            .collect(),
        links: g
            .edges()
            .map(|(a, e, b)| LinkOut {
                source: &a.id,
                target: &b.id,
                relation: &e.relation,
                confidence: e.confidence,
                article_count: e.article_count,
                date: e.date.map(|d| d.to_string()),
                evidence: e
                    .evidence
                    .iter()
                    .map(|x| EvidenceOut {
                        article: &x.article,
                        sentence: &x.text,
                        start: x.span.start,
                        end: x.span.end,
                        rule: &x.rule,
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut w, &doc).map_err(std::io::Error::other)?;
    writeln!(w)?;
    w.flush()
}

/// Writes the merge log: for every node, which surface forms from which articles were resolved into
/// it and why; and the meetings left out.
pub fn write_merges(g: &KnowledgeGraph, mut w: impl Write) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct Entry<'a> {
        id: &'a str,
        label: &'a str,
        merged: &'a [crate::graph::MergeNote],
    }
    #[derive(Serialize)]
    struct Log<'a> {
        nodes: Vec<Entry<'a>>,
        dropped: &'a [crate::graph::MergeNote],
    }
    let log = Log {
        nodes: g
            .nodes()
            .map(|n| Entry {
                id: &n.id,
                label: &n.label,
                merged: &n.merges,
            })
            .collect(),
        dropped: g.dropped(),
    };
    serde_json::to_writer_pretty(&mut w, &log).map_err(std::io::Error::other)?;
    writeln!(w)?;
    w.flush()
}
