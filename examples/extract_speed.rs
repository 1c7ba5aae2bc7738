//! Extraction speed on one thread, the figure compared with spaCy's NER in `BENCHMARKS.md`.
//!
//! The articles are read into memory first, as the spaCy peer (`benches/spacy_peer.py`) reads its
//! texts before timing; then every article is extracted on the calling thread, `--runs` times, and
//! the median and best are printed. Reading, folding into the graph and writing are not timed here:
//! `newsgraph build` reports those. Run it pinned to one core, as the peer is:
//!
//! ```sh
//! cargo build --release --example extract_speed
//! taskset -c 0 target/release/examples/extract_speed corpus.jsonl --runs 5 --json
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

// the allocator of the newsgraph binary, so that the figure is the binary's
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let mut paths: Vec<PathBuf> = Vec::new();
    let (mut runs, mut json) = (5usize, false);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) if n > 0 => runs = n,
                _ => {
                    eprintln!("extract_speed: --runs needs a positive number");
                    return ExitCode::from(2);
                }
            },
            "--json" => json = true,
            _ => paths.push(a.into()),
        }
    }
    if paths.is_empty() {
        eprintln!("usage: extract_speed FILE|DIR... [--runs N] [--json]");
        return ExitCode::from(2);
    }
    let k = newsgraph::Knowledge::embedded();
    let (articles, skipped) = match newsgraph::load_articles(&paths, &k) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("extract_speed: {e}");
            return ExitCode::from(2);
        }
    };
    for s in &skipped {
        eprintln!("extract_speed: skipped {}: {}", s.source, s.reason);
    }
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let words: usize = articles
        .iter()
        .map(|a| a.text.split_whitespace().count())
        .sum();
    let mut times = Vec::with_capacity(runs);
    let mut edges = 0;
    for _ in 0..runs {
        let t = Instant::now();
        edges = articles
            .iter()
            .map(|a| newsgraph::extract(a, &k).edges.len())
            .sum::<usize>();
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let best = times[0];
    if json {
        println!(
            "{{\"articles\": {}, \"bytes\": {bytes}, \"words\": {words}, \"edges\": {edges}, \"runs\": {runs}, \"median_s\": {median:.6}, \"best_s\": {best:.6}, \"bytes_per_s\": {:.1}}}",
            articles.len(),
            bytes as f64 / median
        );
    } else {
        println!(
            "{} articles, {:.1} MB, {words} words, {edges} statements: median {:.3} s ({:.1} MB/s), best {:.3} s ({:.1} MB/s) of {runs} runs",
            articles.len(),
            bytes as f64 / 1e6,
            median,
            bytes as f64 / 1e6 / median,
            best,
            bytes as f64 / 1e6 / best
        );
    }
    ExitCode::SUCCESS
}
