//! Streaming at scale: thread counts, batches, gzip and standard input, shards and their merge, and
//! the bounded samples that keep memory flat on a long stream.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use newsgraph::{BuildConfig, Format};

fn dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("stream-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// JSON Lines records made from the seed and dev articles, `copies` times each under new ids (so
/// that batches fill and the same meetings are told by many articles); every seventh has no date,
/// so it waits for the corpus's dates.
fn corpus(copies: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for folder in ["seeds", "tests/fixtures/dev2"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(common::root().join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let meta: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(f.with_extension("meta.json")).unwrap(),
            )
            .unwrap();
            let stem = f.file_stem().unwrap().to_str().unwrap().to_string();
            for c in 0..copies {
                let mut rec = serde_json::json!({ "id": format!("{stem}-{c:04}"), "text": text });
                if (lines.len() % 7) != 3 {
                    rec["published"] = meta["published"].clone();
                }
                lines.push(rec.to_string());
            }
        }
    }
    lines
}

fn write_lines(path: &Path, lines: &[String]) {
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

fn build(inputs: Vec<PathBuf>, out: &Path, threads: usize, formats: &[Format]) {
    let cfg = BuildConfig::new(inputs, out)
        .svg(false)
        .threads(threads)
        .formats(formats.to_vec());
    newsgraph::build(&cfg).unwrap();
}

fn same_files(a: &Path, b: &Path, what: &str) {
    for f in Format::ALL {
        let x = std::fs::read(a.join(f.file_name())).unwrap();
        let y = std::fs::read(b.join(f.file_name())).unwrap();
        assert!(x == y, "{}: {what}", f.file_name());
    }
}

#[test]
fn thread_count_does_not_change_a_byte() {
    // 1,100 articles: more than two batches, with undated ones held to the end
    let base = dir("threads");
    let input = base.join("corpus.jsonl");
    write_lines(&input, &corpus(100));
    let one = base.join("one");
    build(vec![input.clone()], &one, 1, &Format::ALL);
    let g: serde_json::Value =
        serde_json::from_slice(&std::fs::read(one.join("graph.json")).unwrap()).unwrap();
    assert_eq!(g["graph"]["articles"].as_array().unwrap().len(), 1100);
    for threads in [2, 3] {
        let many = base.join(format!("t{threads}"));
        build(vec![input.clone()], &many, threads, &Format::ALL);
        same_files(&one, &many, &format!("{threads} threads differ from one"));
    }
}

#[test]
fn shards_merge_into_the_graph_of_one_run() {
    let base = dir("shards");
    let lines = corpus(20);
    // shards are disjoint slices of the input, each built on its own
    let mut shards = Vec::new();
    for (i, part) in lines.chunks(lines.len() / 3 + 1).enumerate() {
        let input = base.join(format!("part{i}.jsonl"));
        write_lines(&input, part);
        let out = base.join(format!("shard{i}"));
        build(vec![input], &out, 1, &[Format::Shard]);
        assert!(out.join("shard.json.gz").exists());
        shards.push(out);
    }
    let all = base.join("all.jsonl");
    write_lines(&all, &lines);
    let one = base.join("one");
    build(vec![all], &one, 2, &Format::ALL);
    let merged = base.join("merged");
    shards.reverse(); // the order of the shards does not matter
    newsgraph::merge(&BuildConfig::new(shards.clone(), &merged).svg(false)).unwrap();
    same_files(&one, &merged, "the merge of shards differs from one run");
    // a shard given twice is refused, naming the article
    let err = newsgraph::merge(&BuildConfig::new(
        vec![shards[0].clone(), shards[0].join("shard.json.gz")],
        base.join("twice"),
    ));
    // the same file twice is one input; a copy of it under another name is a duplicate
    assert!(err.is_ok(), "one shard named twice is read once");
    let copy = base.join("copy.json.gz");
    std::fs::copy(shards[0].join("shard.json.gz"), &copy).unwrap();
    let err = newsgraph::merge(&BuildConfig::new(
        vec![shards[0].clone(), copy],
        base.join("dup"),
    ))
    .unwrap_err()
    .to_string();
    assert!(err.contains("shards must hold disjoint articles"), "{err}");
}

fn newsgraph(args: &[&str], cwd: &Path, stdin: &[u8]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn gzip_and_standard_input_read_the_same_articles() {
    let base = dir("gzip");
    let lines = corpus(2);
    let plain = base.join("c.jsonl");
    write_lines(&plain, &lines);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all((lines.join("\n") + "\n").as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    std::fs::write(base.join("c.jsonl.gz"), &gz).unwrap();
    // name, arguments, standard input
    let cases: Vec<(&str, Vec<&str>, Vec<u8>)> = vec![
        ("file", vec!["build", "c.jsonl", "-o", "file"], vec![]),
        ("gzip file", vec!["build", "c.jsonl.gz", "-o", "gz"], vec![]),
        (
            "stdin",
            vec!["build", "-", "-o", "stdin"],
            std::fs::read(&plain).unwrap(),
        ),
        (
            "gzip stdin",
            vec!["build", "-", "-o", "stdingz"],
            gz.clone(),
        ),
    ];
    let mut graphs = Vec::new();
    for (name, args, input) in &cases {
        let (code, err) = newsgraph(
            &[args.as_slice(), &["-q", "--no-svg"]].concat(),
            &base,
            input,
        );
        assert_eq!(code, 0, "{name}: {err}");
        graphs.push(std::fs::read(base.join(args[3]).join("graph.json")).unwrap());
    }
    for (i, (name, _, _)) in cases.iter().enumerate().skip(1) {
        assert!(
            graphs[i] == graphs[0],
            "{name} gives another graph than the file"
        );
    }
    // one plain-text article on standard input
    let text = std::fs::read(
        common::root().join("seeds").join(
            std::fs::read_dir(common::root().join("seeds"))
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .filter(|n| n.ends_with(".txt"))
                .min()
                .unwrap(),
        ),
    )
    .unwrap();
    let (code, err) = newsgraph(
        &["build", "-", "-o", "plain", "-q", "--no-svg"],
        &base,
        &text,
    );
    assert_eq!(code, 0, "{err}");
    let g: serde_json::Value =
        serde_json::from_slice(&std::fs::read(base.join("plain/graph.json")).unwrap()).unwrap();
    assert_eq!(g["graph"]["articles"][0]["id"], "stdin");
    assert!(g["nodes"].as_array().unwrap().len() > 5);
    // a truncated gzip file is reported, not half read in silence
    std::fs::write(base.join("cut.jsonl.gz"), &gz[..gz.len() / 2]).unwrap();
    let (code, err) = newsgraph(&["build", "cut.jsonl.gz", "-o", "cut", "-q"], &base, b"");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cut.jsonl.gz"), "{err}");
}

#[test]
fn long_streams_keep_bounded_samples_and_exact_counts() {
    use newsgraph::{build_graph, Article, Date, MAX_EVIDENCE, MAX_SOURCES};
    let k = common::knowledge();
    let n = 300;
    let articles: Vec<Article> = (0..n)
        .map(|i| {
            Article::new(
                format!("a{i:04}"),
                "German Chancellor Olaf Scholz warned Russian President Vladimir Putin on Monday.",
            )
            .published(Date::new(2022, 2, 15).unwrap())
        })
        .collect();
    let g = build_graph(&articles, k);
    let scholz = g.find("Olaf Scholz").unwrap();
    let putin = g.find("Vladimir Putin").unwrap();
    let e = g.edge(&scholz.id, "warned", &putin.id).unwrap();
    assert_eq!(e.article_count, n as u64);
    assert_eq!(e.sources.len(), MAX_SOURCES);
    assert_eq!(e.sources.iter().next().unwrap(), "a0000");
    assert!(e.evidence.len() <= MAX_EVIDENCE);
    assert_eq!(e.confidence, 1.0); // noisy-or over all 300
    assert_eq!(scholz.article_count, n as u64);
    assert_eq!(scholz.articles.len(), MAX_SOURCES);
}

#[test]
fn an_update_gives_the_graph_of_a_full_rebuild() {
    let base = dir("update");
    let lines = corpus(3);
    let (old, new) = lines.split_at(lines.len() * 2 / 3);
    write_lines(&base.join("old.jsonl"), old);
    write_lines(&base.join("new.jsonl"), new);
    write_lines(&base.join("all.jsonl"), &lines);
    let mut with_shard = Format::ALL.to_vec();
    with_shard.push(Format::Shard);
    let daily = base.join("daily");
    build(vec![base.join("old.jsonl")], &daily, 1, &with_shard);
    let cfg = BuildConfig::new(vec![base.join("new.jsonl")], &daily)
        .svg(false)
        .formats(with_shard.clone())
        .update(true);
    newsgraph::build(&cfg).unwrap();
    let full = base.join("full");
    build(vec![base.join("all.jsonl")], &full, 2, &with_shard);
    same_files(&daily, &full, "an update differs from a full rebuild");
    // (the two states differ only in where each article was read from)
    // an article already in the graph is not added twice
    let cfg = BuildConfig::new(vec![base.join("new.jsonl")], &daily)
        .svg(false)
        .formats(with_shard)
        .update(true);
    let report = newsgraph::build(&cfg).unwrap();
    assert_eq!(report.skipped.len(), new.len());
    same_files(&daily, &full, "a repeated update changed the graph");
    // without the state of a previous build, an update says what to do
    let err = newsgraph::build(
        &BuildConfig::new(vec![base.join("new.jsonl")], base.join("none")).update(true),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("--update needs the state of the previous build"),
        "{err}"
    );
}
