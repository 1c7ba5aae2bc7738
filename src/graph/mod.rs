//! The knowledge graph: a petgraph of typed nodes and typed, evidenced edges, built by resolving
//! the facts of every article into one node per entity and per meeting. In: [`ArticleFacts`] one
//! article at a time; out: a [`KnowledgeGraph`], or the builder's state as a shard.
//!
//! [`ArticleFacts`]: crate::extract::ArticleFacts

mod fold;
mod ids;
mod model;
mod resolve;
mod shard;

pub use self::fold::GraphBuilder;
pub use self::ids::{article_segment_into, fnv};
pub use self::model::{
    ArticleInfo, Edge, KnowledgeGraph, MeetingInfo, MergeNote, Neighbor, Node, NodeType,
    MAX_EVIDENCE, MAX_MENTIONS, MAX_SOURCES, SYMMETRIC,
};
pub(crate) use self::resolve::drop_in_background;
pub(crate) use self::shard::bad_date;
pub use petgraph::Direction;
