//! The `newsgraph` command.

mod flags;

// extraction allocates many small strings; mimalloc serves them faster than glibc's malloc
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};

/// mimalloc's `mi_option_purge_delay`: its index in the option enum of mimalloc 3
/// (`include/mimalloc.h`), which the `libmimalloc-sys` bindings do not name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc's purge delay as it was before [`keep_freed_memory`] changed it.
static PURGE_DELAY_BEFORE: std::sync::OnceLock<std::ffi::c_long> = std::sync::OnceLock::new();

/// While articles stream in (`keep`), the memory mimalloc frees stays mapped instead of going
/// back to the system; from resolving on (`!keep`), mimalloc's own purge delay applies again.
/// `MIMALLOC_PURGE_DELAY`, if set, decides throughout.
///
/// The stream allocates and frees batches over and over, and mimalloc maps its arenas with
/// transparent huge pages, so a purged page used again faulted in a fresh 2 MB page for the kernel
/// to zero, 9-37% of the CPU samples of a build (`perf`; DESIGN.md). Resolving frees the stream's
/// maps while it builds the graph, which is when the peak is reached, so purging comes back then.
fn keep_freed_memory(keep: bool) {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: these functions only read or write mimalloc's option table; the index is that of
    // mimalloc 3's enum, checked against the version linked in
    unsafe {
        if libmimalloc_sys::mi_version() / 10000 != 3 {
            return;
        }
        if keep {
            let before = libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY);
            let _ = PURGE_DELAY_BEFORE.set(before);
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        } else if let Some(&before) = PURGE_DELAY_BEFORE.get() {
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, before);
        }
    }
}

fn main() -> ExitCode {
    keep_freed_memory(true);
    // Ctrl-C, SIGTERM, SIGHUP: the output folder stays as it was, without half-written files
    let _ = ctrlc::set_handler(|| {
        newsgraph::remove_temporaries();
        eprintln!("newsgraph: interrupted; the output folder is as it was");
        std::process::exit(130);
    });
    let args = flags::Args::parse();
    let result = match args.command {
        Some(flags::Command::Build(b)) => run(&b, false),
        Some(flags::Command::Merge(m)) => run(&m.as_build(), true),
        Some(flags::Command::Eval(e)) => eval(&e),
        Some(flags::Command::Query(q)) => query(&q),
        None if !std::path::Path::new("seeds").is_dir() => Err(anyhow::anyhow!(
            "no command given, and no seeds/ folder here: a plain `newsgraph` builds seeds/ into out/ \
             (run it in the repository); to build your articles: newsgraph build ARTICLES... -o OUT \
             (see newsgraph build --help)"
        )),
        None => run(&flags::BuildArgs::seeds(), false),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!(
                "newsgraph: error: {}",
                newsgraph::printable(&format!("{e:#}"))
            );
            ExitCode::from(2)
        }
    }
}

/// A progress bar on standard error: articles, MB/s and the time left.
struct Bar(ProgressBar);

impl newsgraph::Progress for Bar {
    fn start(&self, total: Option<u64>) {
        let style = match total {
            Some(t) => {
                self.0.set_length(t);
                "{spinner} {elapsed_precise} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} {msg} eta {eta}"
            }
            None => "{spinner} {elapsed_precise} {bytes} {binary_bytes_per_sec} {msg}",
        };
        if let Ok(s) = ProgressStyle::with_template(style) {
            self.0.set_style(s.progress_chars("=> "));
        }
        self.0.enable_steady_tick(Duration::from_millis(200));
    }
    fn advance(&self, articles: u64, bytes: u64) {
        self.0.set_position(bytes);
        self.0.set_message(format!("{articles} articles"));
    }
    fn stage(&self, name: &str) {
        if name == "resolve" {
            keep_freed_memory(false);
        }
        self.0.set_message(name.to_string());
    }
}

fn run(b: &flags::BuildArgs, merge: bool) -> anyhow::Result<ExitCode> {
    let cfg = b.to_config()?;
    // a bar only for a person watching: not with --quiet, nor when stderr is a file or pipe
    let bar = if b.run.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(0)
    };
    let progress = Bar(bar);
    let report = if merge {
        newsgraph::merge_with(&cfg, &progress)
    } else {
        newsgraph::build_with(&cfg, &progress)
    };
    progress.0.finish_and_clear();
    let report = report?;
    for s in &report.skipped {
        eprintln!(
            "newsgraph: skipped {}: {}",
            newsgraph::printable(&s.source),
            newsgraph::printable(&s.reason)
        );
    }
    if !b.run.quiet {
        summary(&report);
    }
    // exit 1 when something was skipped, so unattended runs notice
    Ok(if report.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn query(q: &flags::QueryArgs) -> anyhow::Result<ExitCode> {
    let Some(format) = newsgraph::ResultFormat::parse(&q.format) else {
        anyhow::bail!(
            "--format: unknown {:?}; choose from table, csv, tsv, json",
            q.format
        );
    };
    let sparql = match q.sparql.strip_prefix('@') {
        Some(file) => std::fs::read_to_string(file)
            .map_err(|e| anyhow::anyhow!("{file}: {e}; give a file holding the query"))?,
        None => q.sparql.clone(),
    };
    if !(q.timeout.is_finite() && q.timeout > 0.0) {
        anyhow::bail!("--timeout {}: give a number of seconds above 0", q.timeout);
    }
    let mut store = newsgraph::GraphStore::open(&q.graph)?
        .base_iri(&q.base)
        .limits(
            std::time::Duration::from_secs_f64(q.timeout.min(1e9)),
            q.max_rows,
        );
    if let Some(p) = &q.previous {
        store = store.with_previous(p)?;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    store.query(&sparql, format, &mut out)?;
    std::io::Write::flush(&mut out)?;
    Ok(ExitCode::SUCCESS)
}

fn eval(e: &flags::EvalArgs) -> anyhow::Result<ExitCode> {
    let graph = if e.graph.is_dir() {
        e.graph.join("graph.json")
    } else {
        e.graph.clone()
    };
    let read = |p: &std::path::Path| -> anyhow::Result<serde_json::Value> {
        let text = std::fs::read_to_string(p)
            .map_err(|err| anyhow::anyhow!("{}: {err}; give a JSON file", p.display()))?;
        serde_json::from_str(&text)
            .map_err(|err| anyhow::anyhow!("{}:{}: {err}; not JSON", p.display(), err.line()))
    };
    let (gold, g) = (read(&e.gold)?, read(&graph)?);
    if let Some(why) = newsgraph::gold_problem(&gold) {
        anyhow::bail!("{}: {why}", e.gold.display());
    }
    if let Some(why) = newsgraph::graph_problem(&g) {
        anyhow::bail!("{}: {why}", graph.display());
    }
    let scores = newsgraph::evaluate(&gold, &g);
    if e.verbose {
        for line in &scores.log {
            println!("{line}");
        }
    }
    if e.json {
        println!("{}", serde_json::to_string_pretty(&scores)?);
    }
    println!("{}", scores.summary());
    if e.verbose {
        for (rel, s) in scores
            .by_relation
            .iter()
            .filter(|(_, s)| s.tp + s.fp + s.fn_ > 0)
        {
            println!(
                "  {rel:16} P={:.3} R={:.3} F1={:.3} (tp {} fp {} fn {})",
                s.p, s.r, s.f1, s.tp, s.fp, s.fn_
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn summary(report: &newsgraph::Report) {
    println!(
        "articles: {} read ({:.1} MB), {} skipped",
        report.articles,
        report.bytes as f64 / 1e6,
        report.skipped.len()
    );
    let nodes: Vec<String> = report
        .nodes
        .iter()
        .map(|(t, n)| format!("{t} {n}"))
        .collect();
    println!("nodes:    {}", nodes.join(", "));
    let edges: Vec<String> = report
        .edges
        .iter()
        .map(|(r, n)| format!("{r} {n}"))
        .collect();
    println!(
        "edges:    {} ({})",
        report.edges.values().sum::<usize>(),
        edges.join(", ")
    );
    for (reason, n) in &report.left_out {
        let reason = reason.trim_end_matches(": not in the graph");
        println!("left out: {n} × {reason} (each listed in merges.json, \"dropped\")");
    }
    if report.undated > 0 {
        println!(
            "undated:  {} article(s) without a publication date: days such as \"on Monday\" stay \
             unplaced; give `published` (NAME.meta.json beside NAME.txt, or the JSON Lines key)",
            report.undated
        );
    }
    for f in &report.written.files {
        let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        println!("wrote:    {} ({size} bytes)", f.display());
    }
    for n in &report.written.notes {
        println!("note:     {n}");
    }
    let times = |list: &[(&str, std::time::Duration)]| {
        list.iter()
            .map(|(s, d)| format!("{s} {:.1} ms", d.as_secs_f64() * 1000.0))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!("time:     {}", times(&report.timings));
    println!("busy:     {}", times(&report.busy));
    let total: f64 = report.timings.iter().map(|(_, d)| d.as_secs_f64()).sum();
    if total > 0.0 {
        println!(
            "speed:    {:.1} MB/s, {:.0} articles/s end to end",
            report.bytes as f64 / 1e6 / total,
            report.articles as f64 / total
        );
    }
}
