//! Exports: RDF (Turtle, N-Quads), Graphviz DOT (and SVG through `dot` when installed), node-link
//! JSON and the merge log. Files are written to temporary names and renamed only when all are
//! complete, so an interrupted run leaves the previous output in place.

mod dot;
mod graphml;
mod html;
mod json;
mod rdf;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub use dot::write_dot;
pub use graphml::write_graphml;
pub use html::write_html;
pub use json::{write_json, write_merges};
pub use rdf::{write_nquads, write_turtle, DEFAULT_BASE, NG};

use crate::error::Error;
use crate::graph::KnowledgeGraph;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// `graph.ttl`.
    Turtle,
    /// `graph.nq`.
    NQuads,
    /// `graph.dot`, and `graph.svg` when Graphviz is installed.
    Dot,
    /// `graph.json`.
    Json,
    /// `graph.graphml`, for Gephi, yEd and Cytoscape.
    GraphMl,
    /// `index.html`, a self-contained page to explore the graph in a browser.
    Html,
    /// `merges.json`.
    Merges,
    /// `shard.json.gz`: the facts read but not yet resolved, for `newsgraph merge`. Not written
    /// by default.
    Shard,
}

impl Format {
    /// The formats written by default (all but the shard state).
    pub const ALL: [Format; 7] = [
        Format::Turtle,
        Format::NQuads,
        Format::Dot,
        Format::Json,
        Format::GraphMl,
        Format::Html,
        Format::Merges,
    ];

    /// The file name it writes.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Turtle => "graph.ttl",
            Format::NQuads => "graph.nq",
            Format::Dot => "graph.dot",
            Format::Json => "graph.json",
            Format::GraphMl => "graph.graphml",
            Format::Html => "index.html",
            Format::Merges => "merges.json",
            Format::Shard => "shard.json.gz",
        }
    }

    /// Where it stands among the files by the time it usually takes to write, the longest first:
    /// writers start the longest first so that it does not finish alone at the end.
    fn cost_rank(self) -> u8 {
        match self {
            Format::Turtle => 0,
            Format::NQuads => 1,
            Format::Json => 2,
            Format::Html => 3,
            Format::GraphMl => 4,
            Format::Merges => 5,
            Format::Dot => 6,
            Format::Shard => 7,
        }
    }

    /// The short name that [`Format::parse`] reads.
    pub fn name(self) -> &'static str {
        match self {
            Format::Turtle => "ttl",
            Format::NQuads => "nq",
            Format::Dot => "dot",
            Format::Json => "json",
            Format::GraphMl => "graphml",
            Format::Html => "html",
            Format::Merges => "merges",
            Format::Shard => "shard",
        }
    }

    /// Parses a format name (`ttl`, `nq`, `dot`, `json`, `graphml`, `html`, `merges`, `shard`).
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "ttl" | "turtle" => Format::Turtle,
            "nq" | "nquads" => Format::NQuads,
            "dot" => Format::Dot,
            "json" => Format::Json,
            "graphml" => Format::GraphMl,
            "html" => Format::Html,
            "merges" => Format::Merges,
            "shard" => Format::Shard,
            _ => return None,
        })
    }
}

/// The largest graph whose SVG is rendered.
pub const MAX_SVG_NODES: usize = 2000;

/// What writing produced.
#[derive(Debug, Default)]
pub struct Written {
    /// Files written.
    pub files: Vec<PathBuf>,
    /// A note for the user (e.g. that Graphviz is missing so no SVG was rendered).
    pub notes: Vec<String>,
}

/// The buffered file every export writes to: a concrete type, so that the many small writes of a
/// serializer are inlined copies into the buffer rather than dynamic calls.
type Out = BufWriter<std::fs::File>;

fn render(g: &KnowledgeGraph, f: Format, base: &str, w: &mut Out) -> std::io::Result<()> {
    match f {
        Format::Turtle => write_turtle(g, base, w),
        Format::NQuads => write_nquads(g, base, w),
        Format::Dot => write_dot(g, w),
        Format::Json => write_json(g, base, w),
        Format::GraphMl => write_graphml(g, base, w),
        Format::Html => write_html(g, w),
        Format::Merges => write_merges(g, w),
        // written from the unresolved state, before the graph exists (see `build`)
        Format::Shard => Ok(()),
    }
}

fn io_error(p: &Path, e: std::io::Error) -> Error {
    Error::Io {
        path: p.display().to_string(),
        message: format!("{e}; check that the output folder is writable and the disk has room"),
    }
}

/// The file in an output folder that lists the files newsgraph wrote there: only those are
/// replaced without `--force`.
pub const MANIFEST: &str = ".newsgraph";

fn owned(dir: &Path) -> std::collections::BTreeSet<String> {
    std::fs::read_to_string(dir.join(MANIFEST))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect()
}

/// Fails when one of `names` exists in `dir` but newsgraph did not write it (unless `force`).
pub fn check_output(dir: &Path, names: &[&str], force: bool) -> Result<(), Error> {
    if force {
        return Ok(());
    }
    let owned = owned(dir);
    for name in names {
        let p = dir.join(name);
        if p.symlink_metadata().is_ok() && !owned.contains(*name) {
            return Err(Error::Config(format!(
                "{}: exists and was not written by newsgraph (it is not listed in {}); pass --force to replace it, or write to another folder with -o",
                p.display(),
                dir.join(MANIFEST).display()
            )));
        }
    }
    Ok(())
}

/// The temporary files of this process not yet renamed into place or removed: what a signal
/// handler removes ([`remove_temporaries`]).
static TEMPORARIES: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Removes the temporary output files this process is writing, for a handler of Ctrl-C, SIGTERM
/// and SIGHUP that then ends the process: an interrupted run leaves the output folder as it was.
/// After it no temporary is created (a writer that would create one waits for the end).
pub fn remove_temporaries() {
    let guard = match TEMPORARIES.lock() {
        Ok(g) => g,
        Err(e) => e.into_inner(),
    };
    for p in guard.iter() {
        let _ = std::fs::remove_file(p);
    }
    // held until the process ends: no writer gets a new temporary path
    std::mem::forget(guard);
}

/// Creates a temporary file under the registry's lock: once [`remove_temporaries`] holds it, no
/// temporary is created any more, and one being created when it came is there for it to remove.
fn create_temporary(p: &Path) -> std::io::Result<std::fs::File> {
    let _guard = TEMPORARIES.lock();
    std::fs::File::create(p)
}

fn forget_temporary(p: &Path) {
    if let Ok(mut l) = TEMPORARIES.lock() {
        l.retain(|x| x != p);
    }
}

/// Removes the temporaries an earlier run of newsgraph left in `dir` (`.NAME.tmpPID`, for an
/// output NAME, when no process PID runs: it was killed before it could clean up).
fn sweep_stale(dir: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some((stem, pid)) = name.strip_prefix('.').and_then(|n| n.rsplit_once(".tmp")) else {
            continue;
        };
        let ours = Format::ALL
            .iter()
            .chain(&[Format::Shard])
            .any(|f| f.file_name() == stem)
            || stem == "graph.svg"
            || stem == MANIFEST;
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if ours && pid != std::process::id() && !process_runs(pid) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Whether a process of this id runs (where the system tells; elsewhere it is assumed to).
fn process_runs(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Output files being written: each goes to a hidden temporary file in the output folder, and
/// [`Stager::commit`] renames them all into place. Dropped without a commit, it removes them, so a
/// failed run leaves the previous output as it was.
pub(crate) struct Stager {
    dir: PathBuf,
    staged: Vec<(PathBuf, PathBuf)>,
    force: bool,
}

impl Stager {
    /// Stages files for `dir`, creating it if needed; `force` replaces files newsgraph did not write.
    pub(crate) fn new(dir: &Path, force: bool) -> Result<Stager, Error> {
        std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
        sweep_stale(dir);
        Ok(Stager {
            dir: dir.to_path_buf(),
            staged: Vec::new(),
            force,
        })
    }

    /// The temporary path of `name`, registered for [`remove_temporaries`].
    fn temp(&self, name: &str) -> PathBuf {
        let p = self.dir.join(format!(".{name}.tmp{}", std::process::id()));
        if let Ok(mut l) = TEMPORARIES.lock() {
            if !l.contains(&p) {
                l.push(p.clone());
            }
        }
        p
    }

    /// Writes `name` through a buffered stream; returns the temporary path.
    pub(crate) fn stage(
        &mut self,
        name: &str,
        write: impl FnOnce(&mut Out) -> std::io::Result<()>,
    ) -> Result<PathBuf, Error> {
        let tmp = self.reserve(name)?;
        write_file(&tmp, write)?;
        Ok(tmp)
    }

    /// Registers `name` for the commit and returns the temporary path to write it to; registered
    /// first, so that a failure while writing still removes the partial file.
    fn reserve(&mut self, name: &str) -> Result<PathBuf, Error> {
        check_output(&self.dir, &[name], self.force)?;
        let tmp = self.temp(name);
        self.staged.push((tmp.clone(), self.dir.join(name)));
        Ok(tmp)
    }

    /// Renames every staged file into place, and lists them in the folder's manifest.
    pub(crate) fn commit(mut self) -> Result<Vec<PathBuf>, Error> {
        let mut names = owned(&self.dir);
        for (_, fin) in &self.staged {
            if let Some(n) = fin.file_name().and_then(|n| n.to_str()) {
                names.insert(n.to_string());
            }
        }
        let list: String = names.iter().map(|n| format!("{n}\n")).collect();
        let tmp = self.temp(MANIFEST);
        self.staged.push((tmp.clone(), self.dir.join(MANIFEST)));
        create_temporary(&tmp)
            .and_then(|mut f| {
                std::io::Write::write_all(
                    &mut f,
                    format!("# files written by newsgraph, replaced by its next run\n{list}")
                        .as_bytes(),
                )
            })
            .map_err(|e| io_error(&tmp, e))?;
        let mut files = Vec::new();
        let mut old = Vec::new();
        let mut failed = None;
        let mut staged = std::mem::take(&mut self.staged).into_iter();
        for (tmp, fin) in staged.by_ref() {
            match replace(&tmp, &fin) {
                Ok(o) => old.extend(o),
                Err(e) => {
                    failed = Some(io_error(&fin, e));
                    // put back what is still staged, for the drop to remove
                    self.staged.push((tmp, fin));
                    break;
                }
            }
            forget_temporary(&tmp);
            if !fin.ends_with(MANIFEST) {
                files.push(fin);
            }
        }
        self.staged.extend(staged);
        // what was swapped out is the last run's files under temporary names; like the temporary
        // files of a failed run, they are removed on a best-effort basis
        for p in old {
            let _ = std::fs::remove_file(p);
        }
        match failed {
            Some(e) => Err(e),
            None => Ok(files),
        }
    }
}

/// Puts `tmp` in place of `fin`, atomically. Where the system can, the two are swapped (Linux's
/// `renameat2` with `RENAME_EXCHANGE`) and the path of the old file is returned, to be removed
/// after: ext4 writes out a file renamed over another before that rename returns (its
/// `auto_da_alloc` safeguard): 0.25 s of renames when 100 MB was rebuilt in an existing folder.
fn replace(tmp: &Path, fin: &Path) -> std::io::Result<Option<PathBuf>> {
    #[cfg(target_os = "linux")]
    {
        // only a regular file is swapped: a folder in the way must fail as a plain rename fails
        let file = std::fs::symlink_metadata(fin).is_ok_and(|m| m.is_file());
        if file {
            use rustix::fs::{renameat_with, RenameFlags, CWD};
            // a file system that cannot swap gets a plain rename
            if renameat_with(CWD, tmp, CWD, fin, RenameFlags::EXCHANGE).is_ok() {
                return Ok(Some(tmp.to_path_buf()));
            }
        }
    }
    std::fs::rename(tmp, fin).map(|()| None)
}

impl Drop for Stager {
    fn drop(&mut self) {
        for (tmp, _) in &self.staged {
            let _ = std::fs::remove_file(tmp);
            forget_temporary(tmp);
        }
    }
}

/// How long each file took to write.
pub(crate) type FileTimes = Vec<(Format, std::time::Duration)>;

fn write_file(
    tmp: &Path,
    write: impl FnOnce(&mut Out) -> std::io::Result<()>,
) -> Result<(), Error> {
    let file = create_temporary(tmp).map_err(|e| io_error(tmp, e))?;
    let mut w = BufWriter::with_capacity(1 << 16, file);
    write(&mut w)
        .and_then(|()| w.flush())
        .map_err(|e| io_error(tmp, e))
}

/// Writes the chosen formats of `g` through `stager` on `workers` threads (they only read the
/// graph), rendering `graph.svg` from the DOT when asked; calls `on_file` before each file.
/// Returns notes for the user, and how long each file took.
pub(crate) fn stage_graph(
    g: &KnowledgeGraph,
    stager: &mut Stager,
    formats: &[Format],
    base: &str,
    svg: bool,
    workers: usize,
    mut on_file: impl FnMut(&str),
) -> Result<(Vec<String>, FileTimes), Error> {
    let mut jobs = Vec::new();
    for &f in formats.iter().filter(|&&f| f != Format::Shard) {
        on_file(f.file_name());
        jobs.push((f, stager.reserve(f.file_name())?));
    }
    // one thread per core takes the files longest first: with a thread per file, Turtle (the
    // slowest) shared the cores with all the others and then finished alone
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| jobs[i].0.cost_rank());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        while let Some(&i) = order.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
            let (f, tmp) = &jobs[i];
            let t = std::time::Instant::now();
            done.push((
                i,
                write_file(tmp, |w| render(g, *f, base, w)).map(|()| t.elapsed()),
            ));
        }
        done
    };
    let mut results: Vec<Option<Result<std::time::Duration, Error>>> =
        jobs.iter().map(|_| None).collect();
    std::thread::scope(|s| -> Result<(), Error> {
        // named, for profilers; spawning fails only when the system is out of threads
        let handles = (0..workers.clamp(1, jobs.len().max(1)))
            .map(|w| {
                std::thread::Builder::new()
                    .name(format!("newsgraph-write-{w}"))
                    .spawn_scoped(s, work)
                    .map_err(|e| Error::Config(format!("cannot start a writer thread: {e}")))
            })
            .collect::<Vec<_>>();
        for h in handles {
            let done = h?.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            for (i, r) in done {
                results[i] = Some(r);
            }
        }
        Ok(())
    })?;
    // every file is written by the workers, since at least one started
    let results = results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(Error::Config("a file was not written".to_string()))));
    let mut took = Vec::new();
    for ((f, _), r) in jobs.iter().zip(results) {
        took.push((*f, r?));
    }
    let mut notes = Vec::new();
    if let Some((_, tmp)) = jobs.iter().find(|(f, _)| *f == Format::Dot && svg) {
        // Graphviz lays out a few thousand nodes in seconds, a hundred thousand in hours
        if g.node_count() > MAX_SVG_NODES {
            notes.push(format!("graph.svg not rendered: {} nodes are more than Graphviz lays out in reasonable time (the limit is {MAX_SVG_NODES}); render a part of graph.dot, or pass --no-svg", g.node_count()));
        } else {
            on_file("graph.svg");
            let out = stager.temp("graph.svg");
            check_output(&stager.dir, &["graph.svg"], stager.force)?;
            match render_svg(tmp, &out) {
                Ok(true) => {
                    stager.staged.push((out, stager.dir.join("graph.svg")));
                }
                Ok(false) => notes.push("graph.svg not rendered: Graphviz `dot` is not on the PATH (apt-get install graphviz)".to_string()),
                Err(e) => {
                    let _ = std::fs::remove_file(&out);
                    notes.push(format!("graph.svg not rendered: {e}"));
                }
            }
        }
    }
    Ok((notes, took))
}

/// Writes the chosen formats into `dir` (created if needed), atomically.
pub fn write_all(
    g: &KnowledgeGraph,
    dir: &Path,
    formats: &[Format],
    base: &str,
    svg: bool,
) -> Result<Written, Error> {
    let mut stager = Stager::new(dir, false)?;
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let (notes, _) = stage_graph(g, &mut stager, formats, base, svg, workers, |_| {})?;
    let files = stager.commit()?;
    Ok(Written { files, notes })
}

/// Renders a DOT file to an SVG file with Graphviz; `false` when `dot` is not installed.
fn render_svg(dot: &Path, svg: &Path) -> Result<bool, String> {
    let out = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg("-o")
        .arg(svg)
        .arg(dot)
        .stdin(std::process::Stdio::null())
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e.to_string()),
    };
    if !out.status.success() {
        return Err(format!(
            "dot failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(true)
}
