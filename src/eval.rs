//! Scoring a graph against a gold file: the rules of the evaluation's `score.py` (GOLD.md), so that
//! `newsgraph eval` gives the same numbers without Python. Entities match by label or alias and type
//! (a second node for one gold entity is a split); meetings by date and shared participants or place,
//! assigned one to one, best first; relations over the closed vocabulary, symmetric ones either way;
//! optional gold items are neither rewarded nor penalised.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::graph::SYMMETRIC;

const VOCAB: &[&str] = &[
    "accused",
    "adviser_to",
    "assured",
    "called",
    "consulted",
    "demanded",
    "held_in",
    "leader_of",
    "located_in",
    "member_of",
    "met",
    "participated_in",
    "proposed",
    "rejected",
    "scheduled",
    "supported",
    "urged",
    "warned",
];
const TYPES: &[&str] = &["Person", "Organization", "Place"];

/// Precision, recall and F1 (rounded to three places, as score.py), with the counts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

fn round3(x: f64) -> f64 {
    // ties to even on the exact binary value, as Python's round()
    format!("{x:.3}").parse().unwrap_or(x)
}

fn prf(tp: usize, fp: usize, fn_: usize) -> Prf {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Prf {
        p: round3(p),
        r: round3(r),
        f1: round3(f1),
        tp,
        fp,
        fn_,
    }
}

/// The scores of a graph.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scores {
    /// Entities (people, organisations, places).
    pub entities: Prf,
    /// Predicted nodes that repeat a matched gold entity.
    pub entity_splits: usize,
    /// Nodes whose name matches a gold entity of another type.
    pub entity_type_errors: usize,
    /// Meetings.
    pub meetings: Prf,
    /// Predicted meetings that repeat a matched gold meeting.
    pub meeting_splits: usize,
    /// Relations.
    pub relations: Prf,
    /// Links whose relation is outside the vocabulary.
    pub unscored_links: usize,
    /// Per relation of the vocabulary.
    pub by_relation: BTreeMap<String, Prf>,
    /// Every miss, one line each (what `--verbose` prints).
    pub log: Vec<String>,
}

impl Scores {
    /// The summary line of score.py.
    pub fn summary(&self) -> String {
        let (e, m, r) = (&self.entities, &self.meetings, &self.relations);
        format!(
            "entities P={} R={} F1={} splits={} | meetings P={} R={} F1={} | relations P={} R={} F1={}",
            py(e.p), py(e.r), py(e.f1), self.entity_splits, py(m.p), py(m.r), py(m.f1), py(r.p), py(r.r), py(r.f1)
        )
    }
}

/// A float as Python prints it (`1.0`, `0.972`).
fn py(x: f64) -> String {
    let s = format!("{x}");
    if s.contains('.') {
        s
    } else {
        format!("{s}.0")
    }
}

/// Whether `c` is a word character of Python's `re` (`\w` on `str`): letters (Lu, Ll, Lt, Lm, Lo),
/// numbers (Nd, Nl, No) and `_`. Rust's `is_alphanumeric` also takes Other_Alphabetic: marks
/// (Devanagari vowel signs such as U+093E ...) and the circled and squared letters, which `\w`
/// does not.
fn py_word(c: char) -> bool {
    c == '_'
        || (c.is_alphanumeric()
            && !unicode_normalization::char::is_combining_mark(c)
            && !matches!(c, '\u{24B6}'..='\u{24E9}' | '\u{1F130}'..='\u{1F189}'))
}

/// Whether `c` is whitespace to Python (`\s`, `str.strip`): Rust's White_Space and the separators
/// U+001C to U+001F.
fn py_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1C}'..='\u{1F}')
}

/// Names compared as score.py's `norm()` compares them: compatibility-decomposed, combining marks
/// and case dropped, curly quotes folded, a possessive `'s` before a word boundary removed, every
/// character but word characters, whitespace and `+` made a space (so "OPEC+" is not "OPEC"),
/// hyphens too, whitespace collapsed and a leading "the " dropped. Word characters and whitespace
/// are Python's (`py_word`, `py_space`); characters newer than Python's Unicode database still
/// count as letters here.
pub fn name_key(s: &str) -> String {
    let s: String = s
        .nfkd()
        .filter(|c| unicode_normalization::char::canonical_combining_class(*c) == 0)
        .collect::<String>()
        .to_lowercase()
        .replace(['’', '‘'], "'");
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        // re.sub(r"'s\b", "", s): 's' is a word character, so the boundary is a non-word or the end
        if chars[i] == '\''
            && chars.get(i + 1) == Some(&'s')
            && !chars.get(i + 2).is_some_and(|c| py_word(*c))
        {
            i += 2;
            continue;
        }
        // re.sub(r"[^\w\s+-]", " ", s).replace("-", " ")
        let c = chars[i];
        out.push(if py_word(c) || py_space(c) || c == '+' {
            c
        } else {
            ' '
        });
        i += 1;
    }
    // re.sub(r"\s+", " ", s).strip(), then re.sub(r"^the ", "", s)
    let out = out
        .split(py_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    out.strip_prefix("the ").map(str::to_string).unwrap_or(out)
}

fn str_of<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn optional(v: &Value) -> bool {
    v.get("optional").and_then(Value::as_bool).unwrap_or(false)
}

fn key(s: &str, p: &str, o: &str) -> (String, String, String) {
    let (s, o) = if SYMMETRIC.contains(&p) && s > o {
        (o, s)
    } else {
        (s, o)
    };
    (s.to_string(), p.to_string(), o.to_string())
}

/// Why a parsed gold file cannot be scored against, if it cannot: it must be an object with a
/// non-empty `entities` array of objects with a string `id` and `type`, and `meetings` and
/// `relations`, when present, must be arrays.
pub fn gold_problem(gold: &Value) -> Option<String> {
    let Some(obj) = gold.as_object() else {
        return Some("not a JSON object; a gold file has \"entities\", \"meetings\" and \"relations\" (GOLD.md)".into());
    };
    let entities = match obj.get("entities").and_then(Value::as_array) {
        Some(e) if !e.is_empty() => e,
        _ => {
            return Some("no \"entities\" array, or an empty one: nothing to score against".into())
        }
    };
    if let Some(i) = entities.iter().position(|e| {
        !(e.get("id").is_some_and(Value::is_string) && e.get("type").is_some_and(Value::is_string))
    }) {
        return Some(format!("entities[{i}]: needs a string \"id\" and \"type\""));
    }
    for key in ["meetings", "relations"] {
        if obj.get(key).is_some_and(|v| !v.is_array()) {
            return Some(format!("\"{key}\" is not an array"));
        }
    }
    None
}

/// Why a parsed graph cannot be scored, if it cannot: it must be a node-link object with a
/// `nodes` array.
pub fn graph_problem(graph: &Value) -> Option<String> {
    match graph.get("nodes") {
        Some(n) if n.is_array() => None,
        _ => Some("no \"nodes\" array; give newsgraph's graph.json (node-link JSON)".into()),
    }
}

/// Sides of the predicted meetings, as gold ids: who takes part in each, and where it is held.
type MeetingSides<'a> = (
    BTreeMap<&'a str, BTreeSet<String>>,
    BTreeMap<&'a str, BTreeSet<String>>,
);

/// The items of a JSON array field, none when it is absent.
fn items<'a>(v: &'a Value, field: &str) -> &'a [Value] {
    v.get(field)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Scores a node-link graph against a gold file (both as parsed JSON).
pub fn evaluate(gold: &Value, graph: &Value) -> Scores {
    let nodes = items(graph, "nodes");
    let links = if graph.get("links").is_some() {
        items(graph, "links")
    } else {
        items(graph, "edges")
    };
    let mut log = Vec::new();
    let (entities, entity_splits, entity_type_errors, mut node_to_gold) =
        score_entities(items(gold, "entities"), nodes, &mut log);
    let (meetings, meeting_splits) = score_meetings(
        items(gold, "meetings"),
        nodes,
        links,
        &mut node_to_gold,
        &mut log,
    );
    let (relations, unscored_links, by_relation) =
        score_relations(gold, links, &node_to_gold, &mut log);
    Scores {
        entities,
        entity_splits,
        entity_type_errors,
        meetings,
        meeting_splits,
        relations,
        unscored_links,
        by_relation,
        log,
    }
}

/// Entities: each typed node matches a gold entity by label, else by alias; a second node for a
/// matched one is a split. Returns the scores, splits, type errors and node id to gold id.
fn score_entities(
    gold_entities: &[Value],
    nodes: &[Value],
    log: &mut Vec<String>,
) -> (Prf, usize, usize, BTreeMap<String, String>) {
    let empty = vec![];
    // ---- entities
    let gents: BTreeMap<&str, &Value> =
        gold_entities.iter().map(|e| (str_of(e, "id"), e)).collect();
    let mut names: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for e in gold_entities {
        let aliases = e.get("aliases").and_then(Value::as_array).unwrap_or(&empty);
        for n in std::iter::once(str_of(e, "name")).chain(aliases.iter().filter_map(Value::as_str))
        {
            names
                .entry(name_key(n))
                .or_default()
                .insert(str_of(e, "id"));
        }
    }
    let candidates = |node: &Value| -> BTreeSet<&str> {
        if let Some(c) = names
            .get(&name_key(str_of(node, "label")))
            .filter(|c| !c.is_empty())
        {
            return c.clone();
        }
        let mut found = BTreeSet::new();
        for a in node
            .get("aliases")
            .and_then(Value::as_array)
            .unwrap_or(&empty)
        {
            if let Some(c) = a.as_str().and_then(|a| names.get(&name_key(a))) {
                found.extend(c.iter().copied());
            }
        }
        found
    };
    let mut node_to_gold: BTreeMap<String, String> = BTreeMap::new();
    let (mut ent_tp, mut ent_fp, mut splits, mut typeerr) = (BTreeSet::new(), 0, 0, 0);
    for n in nodes {
        let t = str_of(n, "type");
        if !TYPES.contains(&t) {
            continue;
        }
        let cands = candidates(n);
        let mut typed: Vec<&str> = cands
            .iter()
            .copied()
            .filter(|c| {
                let g = gents[c];
                str_of(g, "type") == t
                    || g.get("alt_types")
                        .and_then(Value::as_array)
                        .is_some_and(|a| a.iter().any(|x| x.as_str() == Some(t)))
            })
            .collect();
        if typed.is_empty() {
            if cands.is_empty() {
                log.push(format!("entity FP: {:?} {t}", str_of(n, "label")));
            } else {
                typeerr += 1;
                let types: Vec<&str> = cands.iter().map(|c| str_of(gents[c], "type")).collect();
                log.push(format!(
                    "entity type wrong: {:?} {t} (gold {types:?})",
                    str_of(n, "label")
                ));
            }
            ent_fp += 1;
            continue;
        }
        // prefer a non-optional match
        typed.sort_by_key(|c| (optional(gents[c]), *c));
        let gid = typed[0];
        node_to_gold.insert(str_of(n, "id").to_string(), gid.to_string());
        if optional(gents[gid]) {
            continue;
        }
        if !ent_tp.insert(gid) {
            splits += 1;
            ent_fp += 1;
            log.push(format!(
                "entity split: {:?} again for {gid}",
                str_of(n, "label")
            ));
        }
    }
    let gold_req: BTreeSet<&str> = gold_entities
        .iter()
        .filter(|e| !optional(e))
        .map(|e| str_of(e, "id"))
        .collect();
    for gid in gold_req.difference(&ent_tp) {
        log.push(format!("entity FN: {gid} ({})", str_of(gents[gid], "type")));
    }
    let entities = prf(ent_tp.len(), ent_fp, gold_req.difference(&ent_tp).count());

    (entities, splits, typeerr, node_to_gold)
}

/// Who takes part in each predicted meeting and where it is held, as gold ids.
fn meeting_sides<'a>(
    links: &'a [Value],
    node_to_gold: &BTreeMap<String, String>,
) -> MeetingSides<'a> {
    let mut part: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut place: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for l in links {
        let (rel, s, o) = (
            str_of(l, "relation"),
            str_of(l, "source"),
            str_of(l, "target"),
        );
        if rel == "participated_in" {
            for (m, x) in [(o, s), (s, o)] {
                if let Some(g) = node_to_gold.get(x) {
                    part.entry(m).or_default().insert(g.clone());
                }
            }
        }
        if rel == "held_in" {
            if let Some(g) = node_to_gold.get(o) {
                place.entry(s).or_default().insert(g.clone());
            }
        }
    }
    (part, place)
}

/// Every (predicted, gold) meeting pair of one date range that shares a side, with its score
/// negated (best first once sorted).
fn meeting_pairs<'a>(
    gold_meetings: &'a [Value],
    pmeet: &[&'a Value],
    (part, place): &MeetingSides,
) -> Vec<(i64, &'a str, &'a str)> {
    let empty = vec![];
    let none = BTreeSet::new();
    let mut pairs: Vec<(i64, &str, &str)> = Vec::new();
    for n in pmeet {
        let nid = str_of(n, "id");
        let d: String = str_of(n, "date").chars().take(10).collect();
        for m in gold_meetings {
            let lo = str_of(m, "date");
            let hi = m
                .get("date_end")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .unwrap_or(lo);
            if d.is_empty() || lo.is_empty() || !(lo <= d.as_str() && d.as_str() <= hi) {
                continue;
            }
            let gp: BTreeSet<String> = m
                .get("participants")
                .and_then(Value::as_array)
                .unwrap_or(&empty)
                .iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect();
            let mut sc = part.get(nid).unwrap_or(&none).intersection(&gp).count() as i64 * 2;
            let gplace = str_of(m, "place");
            if !gplace.is_empty() && place.get(nid).is_some_and(|p| p.contains(gplace)) {
                sc += 1;
            }
            let kind = str_of(n, "kind");
            if sc > 0 && !kind.is_empty() && kind == str_of(m, "kind") {
                sc += 1;
            }
            if sc > 0 {
                pairs.push((-sc, nid, str_of(m, "id")));
            }
        }
    }
    pairs
}

/// Meetings: predicted and gold ones paired one to one, best first; a second node for a matched
/// gold meeting is a split. Adds the meetings to `node_to_gold`.
fn score_meetings(
    gold_meetings: &[Value],
    nodes: &[Value],
    links: &[Value],
    node_to_gold: &mut BTreeMap<String, String>,
    log: &mut Vec<String>,
) -> (Prf, usize) {
    let sides = meeting_sides(links, node_to_gold);
    let gmeet: BTreeMap<&str, &Value> =
        gold_meetings.iter().map(|m| (str_of(m, "id"), m)).collect();
    let pmeet: Vec<&Value> = nodes
        .iter()
        .filter(|n| str_of(n, "type") == "Meeting")
        .collect();
    let mut pairs = meeting_pairs(gold_meetings, &pmeet, &sides);
    let (part, none) = (&sides.0, BTreeSet::new());
    pairs.sort();
    let mut assigned: BTreeMap<&str, &str> = BTreeMap::new();
    let mut taken: BTreeSet<&str> = BTreeSet::new();
    for (_, nid, mid) in &pairs {
        if assigned.contains_key(nid) || taken.contains(mid) {
            continue;
        }
        assigned.insert(nid, mid);
        taken.insert(mid);
    }
    let (mut meet_tp, mut meet_fp, mut msplit) = (BTreeSet::new(), 0, 0);
    for n in &pmeet {
        let nid = str_of(n, "id");
        match assigned.get(nid) {
            None => {
                if let Some((_, _, mid)) = pairs.iter().find(|(_, p, _)| *p == nid) {
                    // a second node for a gold meeting that is already matched
                    node_to_gold.insert(nid.to_string(), mid.to_string());
                    if !optional(gmeet[mid]) {
                        msplit += 1;
                        meet_fp += 1;
                        log.push(format!(
                            "meeting split: {:?} again for {mid}",
                            str_of(n, "label")
                        ));
                    }
                    continue;
                }
                meet_fp += 1;
                let parts: Vec<&String> = part.get(nid).unwrap_or(&none).iter().collect();
                log.push(format!(
                    "meeting FP: {:?} date={} parts={parts:?}",
                    str_of(n, "label"),
                    str_of(n, "date").chars().take(10).collect::<String>()
                ));
            }
            Some(best) => {
                node_to_gold.insert(nid.to_string(), best.to_string());
                if !optional(gmeet[best]) {
                    meet_tp.insert(*best);
                }
            }
        }
    }
    let mreq: BTreeSet<&str> = gmeet
        .iter()
        .filter(|(_, v)| !optional(v))
        .map(|(k, _)| *k)
        .collect();
    for m in mreq.difference(&meet_tp) {
        log.push(format!("meeting FN: {m}"));
    }
    let meetings = prf(meet_tp.len(), meet_fp, mreq.difference(&meet_tp).count());

    (meetings, msplit)
}

/// Relations of the vocabulary, with the gold meetings' sides and places as relations too.
/// Returns the scores, the links outside the vocabulary and the scores per relation.
fn score_relations(
    gold: &Value,
    links: &[Value],
    node_to_gold: &BTreeMap<String, String>,
    log: &mut Vec<String>,
) -> (Prf, usize, BTreeMap<String, Prf>) {
    let empty = vec![];
    let (gold_relations, gold_meetings) = (items(gold, "relations"), items(gold, "meetings"));
    // ---- relations
    let (mut gold_rel, mut gold_opt) = (BTreeSet::new(), BTreeSet::new());
    for r in gold_relations {
        let k = key(str_of(r, "s"), str_of(r, "p"), str_of(r, "o"));
        if optional(r) {
            gold_opt.insert(k)
        } else {
            gold_rel.insert(k)
        };
    }
    // meetings' own participants and places are relations too
    for m in gold_meetings {
        let target = if optional(m) {
            &mut gold_opt
        } else {
            &mut gold_rel
        };
        for x in m
            .get("participants")
            .and_then(Value::as_array)
            .unwrap_or(&empty)
        {
            target.insert((
                x.as_str().unwrap_or("").to_string(),
                "participated_in".into(),
                str_of(m, "id").to_string(),
            ));
        }
        if !str_of(m, "place").is_empty() {
            target.insert((
                str_of(m, "id").to_string(),
                "held_in".into(),
                str_of(m, "place").to_string(),
            ));
        }
    }
    let gold_opt: BTreeSet<_> = gold_opt.difference(&gold_rel).cloned().collect();
    let (mut pred, mut unscored, mut unmapped) = (BTreeSet::new(), 0, 0);
    for l in links {
        let p = str_of(l, "relation");
        if !VOCAB.contains(&p) {
            unscored += 1;
            continue;
        }
        match (
            node_to_gold.get(str_of(l, "source")),
            node_to_gold.get(str_of(l, "target")),
        ) {
            (Some(s), Some(o)) => {
                pred.insert(key(s, p, o));
            }
            _ => {
                unmapped += 1;
                log.push(format!(
                    "relation FP (unmapped end): {} {p} {}",
                    str_of(l, "source"),
                    str_of(l, "target")
                ));
            }
        }
    }
    let tp: BTreeSet<_> = pred.intersection(&gold_rel).cloned().collect();
    let fp: BTreeSet<_> = pred
        .difference(&gold_rel)
        .filter(|t| !gold_opt.contains(*t))
        .cloned()
        .collect();
    let fn_: BTreeSet<_> = gold_rel.difference(&pred).cloned().collect();
    for t in &fp {
        log.push(format!("relation FP: {t:?}"));
    }
    for t in &fn_ {
        log.push(format!("relation FN: {t:?}"));
    }
    let relations = prf(tp.len(), fp.len() + unmapped, fn_.len());
    let by_relation = VOCAB
        .iter()
        .map(|p| {
            let count =
                |s: &BTreeSet<(String, String, String)>| s.iter().filter(|t| t.1 == *p).count();
            (p.to_string(), prf(count(&tp), count(&fp), count(&fn_)))
        })
        .collect();
    (relations, unscored, by_relation)
}

#[cfg(test)]
mod tests {
    use super::name_key;

    #[test]
    fn names_normalise_as_score_py_does() {
        // name, input, expected: score.py's norm() (tests/eval.rs asks score.py itself)
        let cases = [
            ("a plus is kept", "OPEC+", "opec+"),
            ("without the plus", "OPEC", "opec"),
            ("a plus after a space", "OPEC +", "opec +"),
            ("a plus inside", "OPEC+ members", "opec+ members"),
            ("two pluses", "C++", "c++"),
            ("the and a possessive", "the Kremlin's", "kremlin"),
            ("a curly possessive", "The Kremlin’s", "kremlin"),
            ("a possessive", "Biden’s", "biden"),
            ("a curly apostrophe inside", "O’Brien", "o brien"),
            ("curly quotes", "‘Hamas’", "hamas"),
            (
                "'s before a letter stays",
                "McDonald'sville",
                "mcdonald sville",
            ),
            ("dots", "U.S.", "u s"),
            ("a hyphen", "Rees-Mogg", "rees mogg"),
            ("a hyphen and a possessive", "Rees-Mogg’s", "rees mogg"),
            ("accents", "Élysée Palace", "elysee palace"),
            ("accents and case", "Łukasz WĄSOWSKI", "łukasz wasowski"),
            ("punctuation", "Smith & Wesson", "smith wesson"),
            (
                "the, dots and a hyphen",
                "The U.S. State-Department",
                "u s state department",
            ),
            ("a ligature", "ﬁnance", "finance"),
            (
                "full width and an ideographic space",
                "Ｔｈｅ\u{3000}ＵＮ",
                "un",
            ),
            (
                "an underscore is a word character",
                "snake_case",
                "snake_case",
            ),
            ("a final sigma", "ΟΔΥΣΣΕΑΣ", "οδυσσεας"),
            // spacing vowel signs are letters to Rust (Other_Alphabetic), not to Python's \w
            (
                "marks are not word characters",
                "\u{939}\u{93F}\u{928}\u{94D}\u{926}\u{940}",
                "\u{939} \u{928}\u{926}",
            ),
            ("a circled letter decomposes", "Ⓐ", "a"),
            ("a negative circled letter is no letter", "\u{1F150}", ""),
            (
                "an information separator is Python whitespace",
                "x\u{1C}y",
                "x y",
            ),
            ("the alone", "the", "the"),
            ("the between spaces", "  the  ", "the"),
            ("empty", "", ""),
        ];
        for (name, input, expected) in cases {
            assert_eq!(name_key(input), expected, "{name}: {input:?}");
        }
    }
}
