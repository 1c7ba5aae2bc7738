//! The committed `out/` equals a fresh build of `seeds/`. Regenerate with
//! `NEWSGRAPH_BLESS=1 cargo test --release --test golden` (or `cargo run --release`).

mod common;

#[test]
fn out_matches_a_fresh_build_of_the_seeds() {
    let fresh = common::fresh_build();
    let committed = common::root().join("out");
    let bless = std::env::var_os("NEWSGRAPH_BLESS").is_some();
    for f in newsgraph::Format::ALL {
        let name = f.file_name();
        let new = std::fs::read(fresh.join(name)).unwrap();
        if bless {
            std::fs::create_dir_all(&committed).unwrap();
            std::fs::write(committed.join(name), &new).unwrap();
            continue;
        }
        let old = std::fs::read(committed.join(name)).unwrap_or_default();
        assert!(old == new, "out/{name} differs from a fresh build of seeds/: run `cargo run --release` and commit out/");
    }
}

#[test]
fn output_does_not_depend_on_input_order() {
    // the same articles given in another order, one by one, give byte-identical files
    let mut files: Vec<_> = std::fs::read_dir(common::root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files.reverse();
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("reversed-{}", std::process::id()));
    newsgraph::build(&newsgraph::BuildConfig::new(files, &dir).svg(false)).unwrap();
    for f in newsgraph::Format::ALL {
        let a = std::fs::read(dir.join(f.file_name())).unwrap();
        let b = std::fs::read(common::fresh_build().join(f.file_name())).unwrap();
        assert!(a == b, "{} depends on input order", f.file_name());
    }
}

/// Scores `graph` (a graph.json) against `gold` with the built-in scorer (`newsgraph eval`, which
/// `tests/eval.rs` holds to `score.py` number for number) and returns (entities, meetings,
/// relations) F1.
fn score(gold: &std::path::Path, graph: &std::path::Path) -> (f64, f64, f64) {
    let read = |p: &std::path::Path| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
    };
    let s = newsgraph::evaluate(&read(gold), &read(graph));
    eprintln!(
        "{}: entities {:.3}, meetings {:.3}, relations {:.3}",
        gold.display(),
        s.entities.f1,
        s.meetings.f1,
        s.relations.f1
    );
    (s.entities.f1, s.meetings.f1, s.relations.f1)
}

#[test]
fn dev_set_scores_stay_above_the_floor() {
    // the seed gold (a copy of ../shared/eval/gold/seeds.json): a drop below the targets of issues
    // 3 and 4 fails the suite
    let gold = common::root().join("tests/fixtures/seeds-gold.json");
    let (e, m, r) = score(&gold, &common::fresh_build().join("graph.json"));
    // 0.03 under the scores reached (1.0, 1.0, 0.972)
    assert!(e >= 0.97, "entities F1 {e}");
    assert!(m >= 0.97, "meetings F1 {m}");
    assert!(r >= 0.94, "relations F1 {r}");
}

#[test]
fn second_dev_set_stays_above_the_held_out_aims() {
    // six articles written and annotated independently of the extractor (tests/fixtures/dev2)
    let dir = common::root().join("tests/fixtures/dev2");
    let out = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("dev2-{}", std::process::id()));
    newsgraph::build(
        &newsgraph::BuildConfig::new(vec![dir.clone()], &out)
            .svg(false)
            .formats(vec![newsgraph::Format::Json]),
    )
    .unwrap();
    let (e, m, r) = score(&dir.join("gold.json"), &out.join("graph.json"));
    // 0.03 under the scores reached (0.963, 0.955, 0.880)
    assert!(e >= 0.93, "entities F1 {e}");
    assert!(m >= 0.92, "meetings F1 {m}");
    assert!(r >= 0.85, "relations F1 {r}");
}

/// Builds the articles of `dir` (only the `.txt` files, without their date sidecars when `dated`
/// is false) into a fresh folder and returns its graph.json.
fn build_real(dir: &std::path::Path, dated: bool) -> std::path::PathBuf {
    let tmp = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("real-{dated}-{}", std::process::id()));
    let inputs: Vec<std::path::PathBuf> = if dated {
        vec![dir.to_path_buf()]
    } else {
        // the same texts with their publication dates hidden: a copy without the sidecars
        let plain = tmp.join("in");
        std::fs::create_dir_all(&plain).unwrap();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                std::fs::copy(&p, plain.join(p.file_name().unwrap())).unwrap();
            }
        }
        vec![plain]
    };
    let out = tmp.join("out");
    newsgraph::build(
        &newsgraph::BuildConfig::new(inputs, &out)
            .svg(false)
            .formats(vec![newsgraph::Format::Json]),
    )
    .unwrap();
    out.join("graph.json")
}

#[test]
fn real_news_scores_stay_above_the_floor() {
    // 23 scraped news articles annotated independently of the extractor (../shared/eval/real,
    // beside the repository); floors 0.03 under the scores reached (issue 17)
    let real = common::root().join("../shared/eval/real");
    if !real.join("gold.json").exists() {
        common::skip_without_shared(
            "../shared/eval/real not found: the real-news floors did not run",
        );
        return;
    }
    let gold = real.join("gold.json");
    let (e, m, r) = score(&gold, &build_real(&real.join("articles"), true));
    assert!(e >= ENTITIES_FLOOR, "real news, dated: entities F1 {e}");
    assert!(m >= MEETINGS_FLOOR, "real news, dated: meetings F1 {m}");
    assert!(r >= RELATIONS_FLOOR, "real news, dated: relations F1 {r}");
    let (e, _, r) = score(&gold, &build_real(&real.join("articles"), false));
    // without dates no meeting can be paired with the gold's dated ones: entities and relations
    assert!(e >= ENTITIES_FLOOR, "real news, undated: entities F1 {e}");
    assert!(
        r >= UNDATED_RELATIONS_FLOOR,
        "real news, undated: relations F1 {r}"
    );
}

const ENTITIES_FLOOR: f64 = 0.89;
const MEETINGS_FLOOR: f64 = 0.93;
const RELATIONS_FLOOR: f64 = 0.72;
const UNDATED_RELATIONS_FLOOR: f64 = 0.52;
