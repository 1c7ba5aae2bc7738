//! The browser view: `index.html` opened in headless Chromium (Debian's chromium, driven by
//! playwright-core from npm; `.ci/run` installs both). A node is drawn, a real click on an edge shows
//! that edge's evidence, the search box and the date filter work, the map puts each marker where
//! its outlines put its place, and an article full of markup
//! and script injects nothing (no dialog, no page error, no network request).

mod common;

const HOSTILE: &str = "KYIV, January 20, 2022 -\nUkrainian President Volodymyr Zelensky warned the \"<b>Bureau</b>\" \
<img src=x onerror=alert(1)> that </script><script>alert(2)</script> ]]> --> would not pass. \
Zelensky met Polish President Andrzej Duda in Kyiv on Thursday.\n";

#[test]
fn index_html_draws_the_graph_and_shows_evidence_on_click() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !common::have("node") {
        return;
    }
    let playwright = common::command("node")
        .args(["-e", "require('playwright-core')"])
        .output()
        .is_ok_and(|o| o.status.success());
    let missing: Vec<String> = [
        (!std::path::Path::new(&chromium).exists()).then(|| format!("chromium ({chromium})")),
        (!playwright).then(|| "playwright-core (npm)".to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        common::skip(&format!("{} not found", missing.join(" and ")));
        return;
    }
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("viewer-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("in")).unwrap();
    for e in std::fs::read_dir(common::root().join("seeds")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join("in").join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.join("in/hostile.txt"), HOSTILE).unwrap();
    let out = dir.join("out");
    newsgraph::build(&newsgraph::BuildConfig::new(vec![dir.join("in")], &out).svg(false)).unwrap();
    let r = common::command("node")
        .arg(common::root().join("tests/viewer.cjs"))
        .arg(out.join("index.html"))
        .arg(dir.join("viewer.png"))
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert!(
        r.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert!(
        v["errors"].as_array().unwrap().is_empty(),
        "{}",
        v["errors"]
    );
    assert!(v["nodes"].as_u64().unwrap() > 40, "{v}");
    // the first layout separates the labels (the seeds and one more article), and puts the
    // unconnected nodes apart, under the connected ones
    let layout = &v["layout"];
    assert_eq!(
        layout["overlaps"],
        serde_json::json!([]),
        "labels overlap: {layout}"
    );
    assert_eq!(
        layout["mixed"],
        serde_json::json!([]),
        "unconnected nodes among the rest: {layout}"
    );
    assert!(layout["alone"].as_u64().unwrap() > 0, "{layout}");
    assert_eq!(v["drawn"], true, "nothing drawn");
    // the click selected an edge, and the panel shows that edge's sentences
    assert!(!v["selected"].is_null(), "the click selected no edge");
    let panel = v["panel"].as_str().unwrap();
    for s in v["evidence"].as_array().unwrap() {
        assert!(
            panel.contains(s.as_str().unwrap()),
            "{s} not in the panel: {panel}"
        );
    }
    assert!(v["matched"].as_u64().unwrap() >= 1, "search found no Putin");
    for d in v["meetingsShown"].as_array().unwrap() {
        let d = d.as_str().unwrap();
        assert!(
            ("2022-01-10"..="2022-01-31").contains(&d),
            "meeting of {d} not filtered out"
        );
    }
    // the map: every node with a position has a marker inside the drawn map, on land (the seeds
    // name no place at sea), and a country's own marker lies in that country's outline, found by
    // the browser's hit test: the markers and the outlines share one projection
    let map = &v["map"];
    assert_eq!(map["visible"], true, "the map is not shown: {map}");
    assert_eq!(map["graphHidden"], true, "the graph is still shown: {map}");
    assert!(map["countries"].as_u64().unwrap() > 150, "{map}");
    let under = map["under"].as_array().unwrap();
    assert_eq!(
        under.len() as u64,
        map["positioned"].as_u64().unwrap(),
        "{map}"
    );
    assert!(under.len() >= 10, "{map}");
    let mut countries = 0;
    for m in under {
        assert_eq!(m["inside"], true, "marker outside the map: {m}");
        assert!(!m["country"].is_null(), "marker at sea: {m}");
        if ["Poland", "Russia", "Ukraine", "Belarus"].contains(&m["label"].as_str().unwrap()) {
            assert_eq!(
                m["label"], m["country"],
                "a country's marker outside its outline: {m}"
            );
            countries += 1;
        }
    }
    assert!(countries >= 3, "{map}");
    assert!(
        map["labels"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l == "Moscow"),
        "{map}"
    );
    // a click on a meeting's marker shows it and selects it in the graph; the date filter hides
    // the meetings outside its range on the map as well
    let click = &v["mapClick"];
    let label = click["label"].as_str().unwrap();
    assert!(
        click["panel"].as_str().unwrap().starts_with(label),
        "{click}"
    );
    assert_eq!(
        click["selected"],
        serde_json::json!([click["idx"]]),
        "{click}"
    );
    let shown = map["meetingsOnMap"].as_array().unwrap();
    assert!(!shown.is_empty(), "{map}");
    for d in shown {
        let d = d.as_str().unwrap();
        assert!(
            ("2022-01-10"..="2022-01-31").contains(&d),
            "meeting of {d} on the map"
        );
    }
    // the outlines are set in a JSON script element as they are: nothing in them may close it
    assert!(!include_str!("../src/export/viewer/countries-110m.json").contains('<'));
    // the markup is in the page as text, not as elements
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        !page.contains("<img src=x") && !page.contains("<script>alert"),
        "raw markup in the page"
    );
    assert!(
        page.contains("\\u003cimg src=x onerror=alert(1)>"),
        "the sentence is not kept as text"
    );
}
