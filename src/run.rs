//! A whole run: stream the inputs through extraction in parallel, fold the facts, resolve them into
//! a graph and write it. Also the shard state of a run, and the merge of shards.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::date::Date;
use crate::error::Error;
use crate::export::{stage_graph, Format, Stager, Written, DEFAULT_BASE};
use crate::extract::{self, extract, ArticleFacts};
use crate::graph::{ArticleInfo, GraphBuilder, KnowledgeGraph};
use crate::input::{
    collect_files, read_inputs, InputFile, Item, Skipped, MAX_ARTICLE_BYTES, STDIN,
};
use crate::knowledge::Knowledge;
use crate::text::Article;

/// What to build: the validated configuration of a run (the command line is parsed elsewhere,
/// into this). It names the inputs (files, folders, JSON Lines, `-` for standard input), the
/// output folder and the formats to write; builders that take `self` set the rest (base IRI,
/// ontology folder, threads, whether to render `graph.svg`, `--force`, `--update`). Give it to
/// [`build`] (or [`build_with`] for progress), which returns a [`Report`].
///
/// ```no_run
/// use newsgraph::{build, BuildConfig, Format};
///
/// let cfg = BuildConfig::new(vec!["seeds".into()], "out")
///     .formats(vec![Format::Turtle, Format::Json])
///     .svg(false)
///     .threads(2);
/// let report = build(&cfg)?;
/// println!("{} articles, {} skipped", report.articles, report.skipped.len());
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct BuildConfig {
    inputs: Vec<PathBuf>,
    out_dir: PathBuf,
    formats: Vec<Format>,
    base: String,
    ontology: Option<PathBuf>,
    svg: bool,
    threads: usize,
    force: bool,
    update: bool,
    max_article_bytes: usize,
}

impl BuildConfig {
    /// Reads `inputs` (files, folders, or `-` for standard input) and writes the default formats
    /// into `out_dir`.
    pub fn new(inputs: Vec<PathBuf>, out_dir: impl Into<PathBuf>) -> Self {
        BuildConfig {
            inputs,
            out_dir: out_dir.into(),
            formats: Format::ALL.to_vec(),
            base: DEFAULT_BASE.into(),
            ontology: None,
            svg: true,
            threads: 0,
            force: false,
            update: false,
            max_article_bytes: MAX_ARTICLE_BYTES,
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

    /// Extraction threads; 0 (the default) uses every core. The output does not depend on it.
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = n;
        self
    }

    /// Skips an article of more than `bytes` of text (a file, after decompression, or a JSON
    /// Lines line) instead of the default [`MAX_ARTICLE_BYTES`]; at most that much is ever held.
    pub fn max_article_bytes(mut self, bytes: usize) -> Self {
        self.max_article_bytes = bytes;
        self
    }

    /// Replaces files in the output folder that newsgraph did not write (by default such a file
    /// stops the run before anything is read).
    pub fn force(mut self, yes: bool) -> Self {
        self.force = yes;
        self
    }

    /// Adds the inputs to the graph already in the output folder instead of starting afresh: the
    /// folder's `shard.json.gz` (written by a build with the `shard` format) is read, the new
    /// articles folded in, and every file rewritten, the shard too, as a full rebuild would write
    /// them.
    pub fn update(mut self, yes: bool) -> Self {
        self.update = yes;
        if yes && !self.formats.contains(&Format::Shard) {
            self.formats.push(Format::Shard);
        }
        self
    }

    /// Fails early when the output folder holds a file this run would replace but newsgraph did
    /// not write.
    fn check_output(&self) -> Result<(), Error> {
        let mut names: Vec<&str> = self.formats.iter().map(|f| f.file_name()).collect();
        if self.svg && self.formats.contains(&Format::Dot) {
            names.push("graph.svg");
        }
        crate::export::check_output(&self.out_dir, &names, self.force)
    }

    fn knowledge(&self) -> Result<Knowledge, Error> {
        match &self.ontology {
            Some(d) => Knowledge::from_dir(d),
            None => Ok(Knowledge::embedded()),
        }
    }

    fn pool(&self) -> Result<rayon::ThreadPool, Error> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .thread_name(|i| format!("newsgraph-extract-{i}"))
            .build()
            .map_err(|e| Error::Config(format!("cannot start extraction threads: {e}")))
    }
}

/// Progress of a run, told while it goes. Every method does nothing unless overridden.
pub trait Progress: Sync {
    /// Reading starts; `total_bytes` is the size of the input files when known (not for stdin).
    fn start(&self, _total_bytes: Option<u64>) {}
    /// Articles extracted so far, and input bytes read so far.
    fn advance(&self, _articles: u64, _bytes: u64) {}
    /// A later stage starts: "resolve", or the name of a file being written.
    fn stage(&self, _name: &str) {}
}

/// Progress that tells nothing.
pub struct Silent;

impl Progress for Silent {}

/// What a build did, for the summary.
#[derive(Debug)]
pub struct Report {
    /// Articles read.
    pub articles: usize,
    /// Bytes of article text read.
    pub bytes: u64,
    /// Articles or files skipped, with why.
    pub skipped: Vec<Skipped>,
    /// Node counts by type.
    pub nodes: BTreeMap<&'static str, usize>,
    /// Edge counts by relation.
    pub edges: BTreeMap<String, usize>,
    /// Files written and notes.
    pub written: Written,
    /// Time per stage, one after the other: their sum is the time of the run.
    pub timings: Vec<(&'static str, Duration)>,
    /// Time that parts running at once were busy: extraction (the pool, summed over batches),
    /// the fold, and the writing of each file.
    pub busy: Vec<(&'static str, Duration)>,
    /// What extraction found but the graph leaves out, counted by reason (each is listed in
    /// `merges.json` under `dropped`).
    pub left_out: BTreeMap<String, usize>,
    /// Articles with no publication date, given or found in their first lines: their relative
    /// days ("on Monday") could not be placed.
    pub undated: usize,
}

/// The lock file of an output folder.
pub const LOCK: &str = ".newsgraph.lock";

/// An exclusive lock on an output folder while a run writes it: a second run into the same folder
/// stops at once, naming it, instead of mixing its files with the first one's. Released (and its
/// file removed, with the folder when the run made it and left it empty) when dropped.
struct OutputLock {
    path: PathBuf,
    made_dir: Option<PathBuf>,
    _file: std::fs::File,
}

fn lock_output(dir: &Path) -> Result<OutputLock, Error> {
    let io = |e: std::io::Error| Error::Io {
        path: dir.display().to_string(),
        message: format!("{e}; give an output folder you can write (-o)"),
    };
    let made_dir = (!dir.exists()).then(|| dir.to_path_buf());
    std::fs::create_dir_all(dir).map_err(io)?;
    let path = dir.join(LOCK);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io)?;
    match file.try_lock() {
        // (a file system without locks runs unlocked, as before)
        Ok(()) | Err(std::fs::TryLockError::Error(_)) => Ok(OutputLock {
            path,
            made_dir,
            _file: file,
        }),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Config(format!(
            "{}: another newsgraph run is writing this folder (it holds {LOCK}); wait for it to \
             finish, or give another -o",
            dir.display()
        ))),
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        if let Some(d) = &self.made_dir {
            // only when empty: a failed run leaves no folder it made
            let _ = std::fs::remove_dir(d);
        }
    }
}

/// Articles read but not yet resolved: what `shard.json.gz` holds. A build is a shard resolved;
/// shards of disjoint inputs merge into the shard of all of them.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Shard {
    /// Marks the file as a newsgraph shard of this layout.
    format: String,
    builder: GraphBuilder,
    /// Articles with no date given or written, held until the dates of the whole corpus are known.
    pending: Vec<Article>,
    skipped: Vec<Skipped>,
    bytes: u64,
}

const SHARD_FORMAT: &str = "newsgraph-shard/1";

impl Shard {
    fn new() -> Shard {
        Shard {
            format: SHARD_FORMAT.into(),
            ..Default::default()
        }
    }

    fn source_of(&self, id: &str) -> Option<String> {
        self.builder.source_of(id).map(str::to_string).or_else(|| {
            self.pending
                .iter()
                .find(|a| a.id == id)
                .map(|a| a.source.clone())
        })
    }

    /// Joins another shard; fails on an article id both hold.
    fn absorb(&mut self, other: Shard, from: &str) -> Result<(), Error> {
        let dup = |id: &str, first: String| {
            Error::Config(format!("{from}: article id {id:?} is also in {first}; shards must hold disjoint articles (split the input, not copy it)"))
        };
        let ids: BTreeSet<&str> = self.pending.iter().map(|a| a.id.as_str()).collect();
        let built: rustc_hash::FxHashSet<&str> = self.builder.ids().collect();
        for a in &other.pending {
            if ids.contains(a.id.as_str()) || built.contains(a.id.as_str()) {
                return Err(dup(&a.id, self.source_of(&a.id).unwrap_or_default()));
            }
        }
        if let Some(a) = other.builder.ids().find(|a| ids.contains(a)) {
            return Err(dup(a, self.source_of(a).unwrap_or_default()));
        }
        if let Err(id) = self.builder.absorb(other.builder) {
            let first = self.source_of(&id).unwrap_or_default();
            return Err(dup(&id, first));
        }
        self.pending.extend(other.pending);
        self.skipped.extend(other.skipped);
        self.bytes += other.bytes;
        Ok(())
    }
}

/// Reads all articles of `inputs` at once (for small inputs, tests and examples; `build` streams).
pub fn load_articles(
    inputs: &[PathBuf],
    k: &Knowledge,
) -> Result<(Vec<Article>, Vec<Skipped>), Error> {
    let (files, mut skipped) = collect_files(inputs)?;
    let mut arts = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    read_inputs(&files, k, MAX_ARTICLE_BYTES, &AtomicU64::new(0), |item| {
        match item {
            Item::Skipped(s) => skipped.push(s),
            Item::Article(a) => match seen.get(&a.id) {
                Some(first) => skipped.push(duplicate(&a, first)),
                None => {
                    seen.insert(a.id.clone(), a.source.clone());
                    arts.push(a);
                }
            },
        }
        true
    });
    arts.sort_by(|a, b| a.id.cmp(&b.id));
    infer_missing_dates(&mut arts, k);
    Ok((arts, skipped))
}

// two inputs with one id would be one article in the graph: refuse rather than merge silently
fn duplicate(a: &Article, first: &str) -> Skipped {
    Skipped {
        source: a.source.clone(),
        reason: duplicate_reason(&a.id, first),
    }
}

fn duplicate_reason(id: &str, first: &str) -> String {
    format!("article id {id:?} already used by {first}; give each article a unique id or file name")
}

fn median(mut known: Vec<Date>) -> Option<Date> {
    known.sort();
    known.get(known.len() / 2).copied()
}

/// Articles whose date is neither given nor written in their first lines get one inferred from the
/// corpus: a dateline's month and day with the nearest year to the corpus's median date, else the
/// median date itself. Articles of one batch are usually from one period; the graph marks these dates
/// as inferred.
pub fn infer_missing_dates(articles: &mut [Article], k: &Knowledge) {
    let Some(m) = median(articles.iter().filter_map(|a| a.published).collect()) else {
        return;
    };
    date_from(articles.iter_mut(), m, k);
}

fn date_from<'a>(articles: impl Iterator<Item = &'a mut Article>, median: Date, k: &Knowledge) {
    for a in articles.filter(|a| a.published.is_none()) {
        a.published = Some(extract::find_article_date_near(&a.text, k, median).unwrap_or(median));
        a.published_inferred = true;
    }
}

/// Extracts every article and resolves the facts into one graph.
pub fn build_graph(articles: &[Article], k: &Knowledge) -> KnowledgeGraph {
    let facts: Vec<ArticleFacts> = articles.par_iter().map(|a| extract(a, k)).collect();
    KnowledgeGraph::build(articles, facts, k)
}

/// How many articles, or bytes of text, are read before a batch goes to the extraction threads.
const BATCH_ARTICLES: usize = 512;
const BATCH_BYTES: usize = 8 << 20;

/// Streams `files` through extraction into `shard`: a reading thread fills batches, the pool
/// extracts each batch in parallel and, alongside, adds the previous batch's facts to the builder
/// in input order; an article of more than `max_bytes` is skipped. Returns the time extraction
/// and the fold were busy.
fn ingest(
    files: &[InputFile],
    k: &Knowledge,
    max_bytes: usize,
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
    shard: &mut Shard,
) -> (Duration, Duration) {
    let count = AtomicU64::new(0);
    let mut busy = Duration::ZERO;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(2);
    // emptied batches go back to the reader: a new one per batch, grown item by item on the
    // reading thread and freed on another, kept mimalloc faulting in fresh pages (3% of the CPU
    // time of a 100 MB build)
    let (back, recycled) = std::sync::mpsc::channel::<Vec<Item>>();
    let Shard {
        builder,
        pending,
        skipped,
        bytes,
        ..
    } = shard;
    let mut taken = Taken {
        seen: builder
            .ids()
            .chain(pending.iter().map(|a| a.id.as_str()))
            .map(id_key)
            .collect(),
        pending,
        skipped,
        bytes,
        done: 0,
        dups: Vec::new(),
    };
    let folding = std::thread::scope(|s| {
        // named, for profilers and panic messages; spawning fails only when the system is out of
        // threads, where scoped spawn panics likewise
        let count = &count;
        let spawned = std::thread::Builder::new()
            .name("newsgraph-read".to_string())
            .spawn_scoped(s, move || {
                read_batches((files, max_bytes), k, count, tx, recycled)
            });
        if let Err(e) = spawned {
            panic!("cannot start the reading thread: {e}");
        }
        let mut folding = Duration::ZERO;
        // the facts of the previous batch, folded inside the pool while this batch is extracted:
        // a thread of its own would make three busy threads on two cores
        let mut prev: Vec<(ArticleInfo, ArticleFacts)> = Vec::new();
        for mut batch in rx {
            let todo = taken.take(&mut batch);
            // the reader may have finished: then the batch is simply freed
            let _ = back.send(batch);
            let last = std::mem::take(&mut prev);
            let (folded, (facts, extracting)) =
                pool.install(|| rayon::join(|| fold(builder, last), || extract_batch(&todo, k)));
            folding += folded;
            busy += extracting;
            prev = facts;
            progress.advance(taken.done, count.load(Ordering::Relaxed));
        }
        folding += fold(builder, prev);
        folding
    });
    let Taken {
        dups,
        pending,
        skipped,
        ..
    } = taken;
    name_firsts(&dups, builder, pending, skipped);
    (busy, folding)
}

/// Names, in the skip of each duplicate, the path of the first article of its id (in the builder
/// or waiting for a date), in one pass over the articles.
fn name_firsts(
    dups: &[(usize, String)],
    builder: &GraphBuilder,
    pending: &[Article],
    skipped: &mut [Skipped],
) {
    if dups.is_empty() {
        return;
    }
    let wanted: rustc_hash::FxHashSet<&str> = dups.iter().map(|(_, id)| id.as_str()).collect();
    let mut first: rustc_hash::FxHashMap<&str, &str> = Default::default();
    let waiting = pending.iter().map(|a| (a.id.as_str(), a.source.as_str()));
    for (id, source) in builder.sources().chain(waiting) {
        if wanted.contains(id) {
            first.entry(id).or_insert(source);
        }
    }
    for (i, id) in dups {
        if let (Some(s), Some(source)) = (skipped.get_mut(*i), first.get(id.as_str())) {
            s.reason = duplicate_reason(id, source);
        }
    }
}

/// An id's key among the ids already read: a 128-bit hash, not the id, so that a stream of
/// millions of articles does not keep them twice.
fn id_key(id: &str) -> u128 {
    let h = |seed: u64| {
        id.bytes()
            .fold(seed, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3))
    };
    (u128::from(h(0xcbf29ce484222325)) << 64) | u128::from(h(0x84222325cbf29ce4))
}

/// The reading thread: reads `files` (skipping an article of more than `max_bytes`) into batches
/// of [`BATCH_ARTICLES`] articles or [`BATCH_BYTES`] of text and sends them on, reusing the
/// batches that come back.
fn read_batches(
    (files, max_bytes): (&[InputFile], usize),
    k: &Knowledge,
    count: &AtomicU64,
    tx: std::sync::mpsc::SyncSender<Vec<Item>>,
    recycled: std::sync::mpsc::Receiver<Vec<Item>>,
) {
    let fresh = || {
        recycled
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(BATCH_ARTICLES))
    };
    let mut batch = fresh();
    let mut size = 0;
    read_inputs(files, k, max_bytes, count, |item| {
        if let Item::Article(a) = &item {
            size += a.text.len();
        }
        batch.push(item);
        if batch.len() >= BATCH_ARTICLES || size >= BATCH_BYTES {
            size = 0;
            // a closed channel means the consumer stopped: stop reading
            return tx.send(std::mem::replace(&mut batch, fresh())).is_ok();
        }
        true
    });
    if !batch.is_empty() {
        let _ = tx.send(batch);
    }
    drop(tx);
}

/// What the items read so far came to: the articles that wait for a date, the skips, and the
/// ids and bytes of the articles taken.
struct Taken<'s> {
    /// Ids already read ([`id_key`]): a second article with one id is refused.
    seen: rustc_hash::FxHashSet<u128>,
    pending: &'s mut Vec<Article>,
    skipped: &'s mut Vec<Skipped>,
    bytes: &'s mut u64,
    /// Articles taken.
    done: u64,
    /// The articles refused as duplicates: their skip's place in `skipped`, and their id.
    dups: Vec<(usize, String)>,
}

impl Taken<'_> {
    /// Empties a batch: notes its skips and duplicates, holds its undated articles back, and
    /// returns the dated ones, to extract now.
    fn take(&mut self, batch: &mut Vec<Item>) -> Vec<Article> {
        let mut todo: Vec<Article> = Vec::new();
        for item in batch.drain(..) {
            match item {
                Item::Skipped(s) => self.skipped.push(s),
                Item::Article(a) => {
                    if !self.seen.insert(id_key(&a.id)) {
                        // the first article of this id may still be on its way to the builder:
                        // its path is named when all are in (`name_firsts`)
                        self.dups.push((self.skipped.len(), a.id.clone()));
                        self.skipped.push(duplicate(
                            &a,
                            "an earlier article of this run or of the graph being updated",
                        ));
                        continue;
                    }
                    *self.bytes += a.text.len() as u64;
                    self.done += 1;
                    if a.published.is_none() {
                        self.pending.push(a);
                    } else {
                        todo.push(a);
                    }
                }
            }
        }
        todo
    }
}

/// Adds a batch's facts to the builder, in order; returns the time it took.
fn fold(builder: &mut GraphBuilder, batch: Vec<(ArticleInfo, ArticleFacts)>) -> Duration {
    let t = Instant::now();
    for (info, facts) in batch {
        builder.add(info, facts);
    }
    t.elapsed()
}

/// Extracts the facts of a batch in parallel, each with its article's record; and the time it
/// took.
fn extract_batch(todo: &[Article], k: &Knowledge) -> (Vec<(ArticleInfo, ArticleFacts)>, Duration) {
    let t = Instant::now();
    let facts: Vec<(ArticleInfo, ArticleFacts)> = todo
        .par_iter()
        .map(|a| (ArticleInfo::of(a), extract(a, k)))
        .collect();
    (facts, t.elapsed())
}

/// Dates the pending articles from the corpus, extracts them and resolves the graph.
fn resolve(mut shard: Shard, k: &Knowledge, pool: &rayon::ThreadPool) -> (KnowledgeGraph, Shard) {
    let mut pending = std::mem::take(&mut shard.pending);
    if let Some(m) = median(shard.builder.dates().collect()) {
        date_from(pending.iter_mut(), m, k);
    }
    let facts: Vec<ArticleFacts> =
        pool.install(|| pending.par_iter().map(|a| extract(a, k)).collect());
    for (a, f) in pending.iter().zip(facts) {
        shard.builder.add(ArticleInfo::of(a), f);
    }
    let builder = std::mem::take(&mut shard.builder);
    (builder.finish(k), shard)
}

fn total_size<'a>(files: impl IntoIterator<Item = &'a Path>) -> Option<u64> {
    let mut total = 0;
    for f in files {
        if f.as_os_str() == STDIN {
            return None;
        }
        total += std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
    }
    Some(total)
}

/// Runs a whole build: read, extract, resolve, write.
pub fn build(cfg: &BuildConfig) -> Result<Report, Error> {
    build_with(cfg, &Silent)
}

/// [`build`], telling `progress` how far it is.
pub fn build_with(cfg: &BuildConfig, progress: &dyn Progress) -> Result<Report, Error> {
    cfg.check_output()?;
    let _lock = lock_output(&cfg.out_dir)?;
    let mut timings = Vec::new();
    let t = Instant::now();
    let k = cfg.knowledge()?;
    let pool = cfg.pool()?;
    timings.push(("load knowledge", t.elapsed()));
    let t = Instant::now();
    let (files, skipped) = collect_files(&cfg.inputs)?;
    let (files, output_inside) = outside_output(files, &cfg.inputs, &cfg.out_dir);
    progress.start(total_size(files.iter().map(|f| f.path.as_path())));
    let mut shard = if cfg.update {
        let p = cfg.out_dir.join(Format::Shard.file_name());
        if !p.exists() {
            return Err(Error::Config(format!("{}: not found; --update needs the state of the previous build: build once with the shard format (-f ttl,nq,dot,json,graphml,merges,shard), then update", p.display())));
        }
        let mut s = read_shard(&p)?;
        // the previous run's skips were reported then
        s.skipped.clear();
        s
    } else {
        Shard::new()
    };
    shard.skipped = skipped;
    let max_bytes = cfg.max_article_bytes;
    let (busy, folding) = ingest(&files, &k, max_bytes, &pool, progress, &mut shard);
    timings.push(("read, extract and fold", t.elapsed()));
    let busy = vec![("extract", busy), ("fold", folding)];
    if shard.builder.is_empty() && shard.pending.is_empty() {
        return Err(Error::Config(format!(
            "no articles found in {}: give .txt files, folders of them, .jsonl files (optionally .gz), or - for standard input{}",
            cfg.inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            shard
                .skipped
                .iter()
                .map(|s| format!("\n  skipped {}: {}", s.source, s.reason))
                .collect::<String>()
        )));
    }
    let mut report = finish(shard, cfg, &k, &pool, progress, timings, busy)?;
    report.written.notes.extend(output_inside);
    Ok(report)
}

/// The input files outside the output folder, and a note when an input folder holds it: its
/// files (this run's and earlier runs') are never read back as articles.
fn outside_output(
    files: Vec<InputFile>,
    inputs: &[PathBuf],
    out_dir: &Path,
) -> (Vec<InputFile>, Option<String>) {
    let Ok(out) = out_dir.canonicalize() else {
        return (files, None);
    };
    let holders: Vec<&PathBuf> = inputs
        .iter()
        .filter(|i| i.is_dir() && i.canonicalize().is_ok_and(|i| out.starts_with(i)))
        .collect();
    let Some(holder) = holders.first() else {
        return (files, None);
    };
    let kept: Vec<InputFile> = files
        .into_iter()
        .filter(|f| {
            f.path.as_os_str() == STDIN
                || !f
                    .path
                    .parent()
                    .and_then(|p| p.canonicalize().ok())
                    .is_some_and(|p| p.starts_with(&out))
        })
        .collect();
    let note = format!(
        "the output folder {} is inside the input folder {}: its files are not read as articles; \
         give an output folder outside the inputs (-o)",
        out_dir.display(),
        holder.display()
    );
    (kept, Some(note))
}

/// Merges the shards of a sharded build (`build -f shard` on disjoint inputs, one process each)
/// into the graph one build over all the inputs would give. `cfg`'s inputs are `shard.json.gz`
/// files or the folders that hold them.
pub fn merge(cfg: &BuildConfig) -> Result<Report, Error> {
    merge_with(cfg, &Silent)
}

/// [`merge`], telling `progress` how far it is.
pub fn merge_with(cfg: &BuildConfig, progress: &dyn Progress) -> Result<Report, Error> {
    cfg.check_output()?;
    let _lock = lock_output(&cfg.out_dir)?;
    let mut timings = Vec::new();
    let t = Instant::now();
    let k = cfg.knowledge()?;
    let pool = cfg.pool()?;
    timings.push(("load knowledge", t.elapsed()));
    let t = Instant::now();
    let mut paths = Vec::new();
    for p in &cfg.inputs {
        if p.is_dir() {
            paths.push(p.join(Format::Shard.file_name()));
        } else {
            paths.push(p.clone());
        }
    }
    paths.sort();
    paths.dedup();
    progress.start(total_size(paths.iter().map(PathBuf::as_path)));
    let mut all = Shard::new();
    let mut read = 0;
    for p in &paths {
        let shard = read_shard(p)?;
        all.absorb(shard, &p.display().to_string())?;
        read += std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        progress.advance((all.builder.len() + all.pending.len()) as u64, read);
    }
    timings.push(("read shards", t.elapsed()));
    finish(all, cfg, &k, &pool, progress, timings, Vec::new())
}

fn read_shard(p: &Path) -> Result<Shard, Error> {
    let shown = p.display().to_string();
    let file = std::fs::File::open(p).map_err(|e| Error::Io {
        path: shown.clone(),
        message: format!(
            "{e}; give the shard.json.gz that `newsgraph build -f shard` wrote, or its folder"
        ),
    })?;
    let mut r = flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file));
    let mut json = Vec::new();
    r.read_to_end(&mut json).map_err(|e| Error::Io {
        path: shown.clone(),
        message: format!("{e}; not a gzip file written by `newsgraph build -f shard`"),
    })?;
    parse_shard(&json).map_err(|(line, message)| Error::Input {
        path: shown,
        line,
        message,
    })
}

/// Checks the JSON of a shard (`shard.json.gz` decompressed) as `merge` and `--update` do: the
/// reason, with its line (0: the whole file), when it is not a shard this version wrote.
pub fn check_shard(json: &[u8]) -> Result<(), (usize, String)> {
    parse_shard(json).map(drop)
}

fn parse_shard(json: &[u8]) -> Result<Shard, (usize, String)> {
    let rebuild = "rebuild it with this version: newsgraph build -f shard";
    let shard: Shard = serde_json::from_slice(json)
        .map_err(|e| (e.line(), format!("{e}; not a newsgraph shard ({rebuild})")))?;
    let pending = shard.pending.iter().find_map(|a| {
        let bad = a.id.trim().is_empty() || crate::graph::bad_date(a.published);
        bad.then(|| {
            format!(
                "pending article {:?}: empty id or a date that is no real day",
                a.id
            )
        })
    });
    if let Some(why) = pending.or_else(|| shard.builder.problem()) {
        return Err((0, format!("{why}: not a shard newsgraph wrote ({rebuild})")));
    }
    if shard.format != SHARD_FORMAT {
        return Err((
            0,
            format!(
                "shard layout {:?}, this version reads {SHARD_FORMAT:?}; rebuild the shard",
                shard.format
            ),
        ));
    }
    Ok(shard)
}

fn finish(
    shard: Shard,
    cfg: &BuildConfig,
    k: &Knowledge,
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
    mut timings: Vec<(&'static str, Duration)>,
    mut busy: Vec<(&'static str, Duration)>,
) -> Result<Report, Error> {
    let mut stager = Stager::new(&cfg.out_dir, cfg.force)?;
    if cfg.formats.contains(&Format::Shard) {
        let t = Instant::now();
        progress.stage(Format::Shard.file_name());
        stager.stage(Format::Shard.file_name(), |w| {
            let mut gz = flate2::write::GzEncoder::new(w, flate2::Compression::fast());
            serde_json::to_writer(&mut gz, &shard)?;
            std::io::Write::flush(gz.finish()?)
        })?;
        timings.push(("write shard", t.elapsed()));
    }
    let t = Instant::now();
    progress.stage("resolve");
    let (g, shard) = resolve(shard, k, pool);
    timings.push(("resolve", t.elapsed()));
    let t = Instant::now();
    let workers = pool.current_num_threads();
    let (notes, took) = stage_graph(
        &g,
        &mut stager,
        &cfg.formats,
        &cfg.base,
        cfg.svg,
        workers,
        |f| progress.stage(f),
    )?;
    let files = stager.commit()?;
    timings.push(("write", t.elapsed()));
    busy.extend(took.into_iter().map(|(f, d)| (f.file_name(), d)));
    let mut nodes = BTreeMap::new();
    for n in g.nodes() {
        *nodes.entry(n.node_type.as_str()).or_insert(0) += 1;
    }
    let mut edges = BTreeMap::new();
    for (_, e, _) in g.edges() {
        *edges.entry(e.relation.clone()).or_insert(0) += 1;
    }
    let mut left_out = BTreeMap::new();
    for d in g.dropped() {
        *left_out.entry(d.reason.clone()).or_insert(0) += 1;
    }
    let report = Report {
        articles: g.articles().len(),
        bytes: shard.bytes,
        skipped: shard.skipped,
        nodes,
        edges,
        written: Written { files, notes },
        timings,
        busy,
        left_out,
        undated: g
            .articles()
            .iter()
            .filter(|a| a.published.is_none())
            .count(),
    };
    crate::graph::drop_in_background(g);
    Ok(report)
}
