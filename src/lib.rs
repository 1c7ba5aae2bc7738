#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

// The stages, in the order data flows (DESIGN.md's map): knowledge loaded from ontology/; text
// cut into sentences of tokens with byte spans; extract, one article's facts; graph, resolved
// across articles; export to files; run, which reads the input and drives the rest; and beside
// them query and eval over a build.
mod date;
mod error;
mod knowledge;
mod text;
mod extract;
mod graph;
mod export;
mod query;
mod eval;
mod input;
mod run;

pub use date::Date;
pub use error::{printable, Error};
pub use eval::{evaluate, gold_problem, graph_problem, name_key, Prf, Scores};
pub use export::{
    check_output, remove_temporaries, write_all, write_dot, write_graphml, write_html, write_json,
    write_merges, write_nquads, write_turtle, Format, Written, DEFAULT_BASE, MANIFEST, NG,
};
pub use extract::{extract, ArticleFacts, Evidence};
pub use graph::{
    ArticleInfo, Direction, Edge, GraphBuilder, KnowledgeGraph, MeetingInfo, MergeNote, Neighbor,
    Node, NodeType, MAX_EVIDENCE, MAX_MENTIONS, MAX_SOURCES, SYMMETRIC,
};
pub use input::{
    collect_files, read_file, read_inputs, InputFile, Item, Skipped, MAX_ARTICLE_BYTES, STDIN,
};
pub use knowledge::{EntityType, Geo, Knowledge};
pub use query::{GraphStore, ResultFormat, PREVIOUS};
pub use run::{
    build, build_graph, build_with, check_shard, infer_missing_dates, load_articles, merge,
    merge_with, BuildConfig, Progress, Report, Silent,
};
pub use text::{sentences, Article, Span};
