//! The `newsgraph` command.

mod flags;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = flags::Args::parse();
    let build = match args.command {
        Some(flags::Command::Build(b)) => b,
        None => flags::BuildArgs {
            inputs: vec!["seeds".into()],
            out: "out".into(),
            formats: vec![
                "ttl".into(),
                "nq".into(),
                "dot".into(),
                "json".into(),
                "merges".into(),
            ],
            base: newsgraph::DEFAULT_BASE.into(),
            ontology: None,
            no_svg: false,
            quiet: false,
        },
    };
    match run(&build) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsgraph: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(b: &flags::BuildArgs) -> anyhow::Result<ExitCode> {
    let cfg = b.to_config()?;
    let report = newsgraph::build(&cfg)?;
    for s in &report.skipped {
        eprintln!("newsgraph: skipped {}: {}", s.source, s.reason);
    }
    if !b.quiet {
        println!(
            "articles: {} read, {} skipped",
            report.articles,
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
        for f in &report.written.files {
            let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
            println!("wrote:    {} ({size} bytes)", f.display());
        }
        for n in &report.written.notes {
            println!("note:     {n}");
        }
        let times: Vec<String> = report
            .timings
            .iter()
            .map(|(s, d)| format!("{s} {:.1} ms", d.as_secs_f64() * 1000.0))
            .collect();
        println!("time:     {}", times.join(", "));
    }
    // exit 1 when something was skipped, so unattended runs notice
    Ok(if report.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
