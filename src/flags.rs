//! Raw command-line arguments (clap) and their conversion into the library's validated configuration.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Builds a knowledge graph of who called, warned or met whom from news articles.
#[derive(Parser, Debug)]
#[command(name = "newsgraph", version, about)]
pub struct Args {
    /// What to do; with none, builds `seeds/` into `out/`.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read articles (.txt files, folders of them, .jsonl files, gzipped or not, or - for standard
    /// input) and write the graph.
    Build(BuildArgs),
    /// Merge the shard.json.gz files of builds over disjoint inputs (`build -f shard`) into the graph
    /// one build over all of them would give.
    Merge(MergeArgs),
    /// Score a graph against a gold file (the evaluation's GOLD.md rules, as its score.py): precision,
    /// recall and F1 for entities, meetings and relations, and per relation.
    Eval(EvalArgs),
    /// Run a SPARQL 1.1 query over a built graph (prefixes ng:, id:, rdf:, rdfs:, xsd:, owl:, skos:,
    /// schema:, prov:, wd:, wgs:, geo: are declared).
    Query(QueryArgs),
}

/// Arguments of `query`.
#[derive(clap::Args, Debug)]
pub struct QueryArgs {
    /// The graph: an output folder (its graph.ttl), a graph.ttl or a graph.nq.
    pub graph: PathBuf,
    /// The query, or @FILE to read it from a file.
    pub sparql: String,
    /// Result format: table, csv, tsv, json.
    #[arg(short, long, default_value = "table")]
    pub format: String,
    /// Another build, loaded into the named graph <urn:newsgraph:previous>, to ask what changed.
    #[arg(long)]
    pub previous: Option<PathBuf>,
    /// Base IRI the graph was built with (for the id: prefix).
    #[arg(long, default_value = newsgraph::DEFAULT_BASE)]
    pub base: String,
    /// Seconds a query may run before it is stopped.
    #[arg(long, default_value_t = 60.0)]
    pub timeout: f64,
    /// Rows (or triples) a query may give before it is stopped.
    #[arg(long, default_value_t = 100_000)]
    pub max_rows: usize,
}

/// Arguments of `eval`.
#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// The gold file (JSON, as ../shared/eval/gold/seeds.json).
    #[arg(long)]
    pub gold: PathBuf,
    /// The graph: a graph.json, or the output folder holding it.
    pub graph: PathBuf,
    /// List every miss.
    #[arg(short, long)]
    pub verbose: bool,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `merge`: shards in, a graph out (the output flags of `build`, without `--update`).
#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    /// The shards: shard.json.gz files written by `build -f shard` over disjoint inputs, or the
    /// output folders holding them.
    #[arg(required = true, value_name = "SHARDS")]
    pub shards: Vec<PathBuf>,
    /// Output folder (default: out).
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// What to write and how.
    #[command(flatten)]
    pub run: RunArgs,
}

impl MergeArgs {
    /// The same run told as `build` arguments, which the configuration is made from.
    pub fn as_build(&self) -> BuildArgs {
        BuildArgs {
            inputs: self.shards.clone(),
            out: self.out.clone(),
            update: None,
            max_article_mb: MAX_ARTICLE_MB_DEFAULT,
            run: self.run.clone(),
        }
    }
}

/// Arguments of `build`.
#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// Input files or folders; - reads standard input (JSON Lines, or one plain-text article).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder (default: out, or the folder given to --update).
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Add the inputs to the graph in this folder (built with the shard format) and rewrite it
    /// there, as a full rebuild over the old and the new articles would.
    #[arg(long, value_name = "DIR")]
    pub update: Option<PathBuf>,
    /// The most text one article may have, in MB (after decompression; a file, or a JSON Lines
    /// line): a larger one is skipped with that reason, and no more than this is ever held. At
    /// most 1024; an article takes up to about ten times its size in memory while it is read.
    #[arg(long, value_name = "N", default_value_t = MAX_ARTICLE_MB_DEFAULT)]
    pub max_article_mb: usize,
    /// What to write and how.
    #[command(flatten)]
    pub run: RunArgs,
}

/// The flags `build` and `merge` share: what to write, and how to run.
#[derive(clap::Args, Debug, Clone)]
pub struct RunArgs {
    /// Formats to write, comma-separated: ttl, nq, dot, json, graphml, html, merges, and shard (the
    /// unresolved state, for `newsgraph merge`).
    #[arg(
        short,
        long,
        value_delimiter = ',',
        default_value = "ttl,nq,dot,json,graphml,html,merges"
    )]
    pub formats: Vec<String>,
    /// Base IRI of the data.
    #[arg(long, default_value = newsgraph::DEFAULT_BASE)]
    pub base: String,
    /// Folder to load the extraction knowledge from instead of the embedded ontology/.
    #[arg(long)]
    pub ontology: Option<PathBuf>,
    /// Do not render graph.svg even when Graphviz is installed.
    #[arg(long)]
    pub no_svg: bool,
    /// Extraction threads (0: one per core; at most 256). The output is the same for any number.
    #[arg(short = 'j', long, default_value_t = 0)]
    pub threads: usize,
    /// Replace files in the output folder that newsgraph did not write.
    #[arg(long)]
    pub force: bool,
    /// Print only errors: no progress bar, no summary.
    #[arg(short, long)]
    pub quiet: bool,
}

/// The most extraction threads `-j` takes: more only cost memory (each holds a batch).
pub const MAX_THREADS: usize = 256;

/// `--max-article-mb` when not given: the library's [`newsgraph::MAX_ARTICLE_BYTES`].
pub const MAX_ARTICLE_MB_DEFAULT: usize = newsgraph::MAX_ARTICLE_BYTES >> 20;

/// The most `--max-article-mb` takes: an article takes up to about ten times its size in memory.
pub const MAX_ARTICLE_MB: usize = 1024;

impl BuildArgs {
    /// The arguments of a plain `newsgraph`: build `seeds/` into `out/`.
    pub fn seeds() -> BuildArgs {
        BuildArgs {
            inputs: vec!["seeds".into()],
            out: None,
            update: None,
            max_article_mb: MAX_ARTICLE_MB_DEFAULT,
            run: RunArgs {
                formats: newsgraph::Format::ALL
                    .iter()
                    .map(|f| f.name().to_string())
                    .collect(),
                base: newsgraph::DEFAULT_BASE.into(),
                ontology: None,
                no_svg: false,
                threads: 0,
                force: false,
                quiet: false,
            },
        }
    }

    /// The validated configuration.
    pub fn to_config(&self) -> anyhow::Result<newsgraph::BuildConfig> {
        let mut formats = Vec::new();
        for f in &self.run.formats {
            match newsgraph::Format::parse(f.trim()) {
                Some(x) => formats.push(x),
                None => anyhow::bail!(
                    "--formats: unknown format {f:?}; choose from ttl, nq, dot, json, graphml, html, merges, shard"
                ),
            }
        }
        if self.run.threads > MAX_THREADS {
            anyhow::bail!(
                "-j {}: at most {MAX_THREADS} extraction threads; give 0 for one per core",
                self.run.threads
            );
        }
        if !(1..=MAX_ARTICLE_MB).contains(&self.max_article_mb) {
            anyhow::bail!(
                "--max-article-mb {}: give 1 to {MAX_ARTICLE_MB} (MB of text one article may have)",
                self.max_article_mb
            );
        }
        let out = self
            .out
            .clone()
            .or_else(|| self.update.clone())
            .unwrap_or_else(|| "out".into());
        if let (Some(u), Some(o)) = (&self.update, &self.out) {
            if u != o {
                anyhow::bail!("--update {} and -o {}: an update rewrites the folder it updates; copy the folder first to keep the old graph", u.display(), o.display());
            }
        }
        Ok(newsgraph::BuildConfig::new(self.inputs.clone(), out)
            .formats(formats)
            .base_iri(&self.run.base)?
            .ontology(self.run.ontology.clone())
            .svg(!self.run.no_svg)
            .threads(self.run.threads)
            .force(self.run.force)
            .update(self.update.is_some())
            .max_article_bytes(self.max_article_mb << 20))
    }
}
