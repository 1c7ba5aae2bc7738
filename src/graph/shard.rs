//! The shard format: how a [`GraphBuilder`] is written to `shard.json.gz` and read back. In: the
//! builder's maps; out: JSON laid out the same way every time (hash maps sorted, non-string keys
//! as pairs), and on reading, why a state could not have been made by extraction.

use rustc_hash::FxHashMap;

use super::fold::{EndKey, GraphBuilder, Signature, Sources};
use super::model::ArticleInfo;
use crate::date::Date;

/// Maps whose keys are not strings, written as lists of pairs (JSON keys must be strings).
pub(super) mod pairs {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer, K: Serialize, V: Serialize>(
        m: &BTreeMap<K, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(m.iter())
    }

    pub fn deserialize<'de, D, K, V>(d: D) -> Result<BTreeMap<K, V>, D::Error>
    where
        D: Deserializer<'de>,
        K: Deserialize<'de> + Ord,
        V: Deserialize<'de>,
    {
        Ok(Vec::<(K, V)>::deserialize(d)?.into_iter().collect())
    }
}

/// A hash map's entries sorted by key, so that it is written the same way every time.
fn sorted_entries<K: Ord, V>(m: &FxHashMap<K, V>) -> Vec<(&K, &V)> {
    let mut v: Vec<(&K, &V)> = m.iter().collect();
    v.sort_by(|a, b| a.0.cmp(b.0));
    v
}

/// Hash maps written as maps sorted by key.
pub(super) mod sorted_map {
    use rustc_hash::FxHashMap;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer, K: Serialize + Ord, V: Serialize>(
        m: &FxHashMap<K, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_map(super::sorted_entries(m))
    }

    pub fn deserialize<'de, D: Deserializer<'de>, K, V>(d: D) -> Result<FxHashMap<K, V>, D::Error>
    where
        FxHashMap<K, V>: Deserialize<'de>,
    {
        FxHashMap::deserialize(d)
    }
}

/// The article list written as a map from id to record, sorted by id: the layout of a shard
/// file whose builder kept a map.
pub(super) mod article_list {
    use super::ArticleInfo;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[ArticleInfo], s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(super::by_id(v.iter()).into_iter().map(|a| (&a.id, a)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ArticleInfo>, D::Error> {
        let m = std::collections::BTreeMap::<String, ArticleInfo>::deserialize(d)?;
        Ok(m.into_values().collect())
    }
}

/// Hash maps whose keys are not strings, written as lists of pairs sorted by key.
pub(super) mod sorted_pairs {
    use rustc_hash::FxHashMap;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer, K: Serialize + Ord, V: Serialize>(
        m: &FxHashMap<K, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(super::sorted_entries(m))
    }

    pub fn deserialize<'de, D: Deserializer<'de>, K, V>(d: D) -> Result<FxHashMap<K, V>, D::Error>
    where
        K: Deserialize<'de> + Eq + std::hash::Hash,
        V: Deserialize<'de>,
    {
        Ok(Vec::<(K, V)>::deserialize(d)?.into_iter().collect())
    }
}

/// Article records (owned or borrowed) sorted by id, of two with one id the one added last (as a
/// map would keep).
pub(super) fn by_id<A: std::borrow::Borrow<ArticleInfo> + Send>(
    articles: impl IntoIterator<Item = A>,
) -> Vec<A> {
    use rayon::slice::ParallelSliceMut;
    fn id<A: std::borrow::Borrow<ArticleInfo>>(a: &A) -> &str {
        a.borrow().id.as_str()
    }
    let mut v: Vec<(usize, A)> = articles.into_iter().enumerate().collect();
    // (id, order added, latest first) is unique, so an unstable sort is deterministic
    v.par_sort_unstable_by(|(i, a), (j, b)| id(a).cmp(id(b)).then(j.cmp(i)));
    v.dedup_by(|(_, later), (_, first)| id(later) == id(first));
    v.into_iter().map(|(_, a)| a).collect()
}

/// Why a key read from a shard could not have been made by extraction: a control character, or
/// one that would break an IRI or a literal (`<`, `>`, `"`, `{`, `}`, `|`, `\`, `^`, `` ` ``).
fn bad_key(k: &str) -> bool {
    k.is_empty()
        || k.chars().any(|c| {
            c.is_control() || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
        })
}

/// Whether a date read from a shard is one extraction can make (years 1900 to 2100, a real day).
pub(crate) fn bad_date(d: Option<Date>) -> bool {
    d.is_some_and(|d| {
        !(1900..=2100).contains(&d.year) || Date::new(d.year, d.month, d.day).is_none()
    })
}

impl Sources {
    /// Why the confidences are not ones extraction gives (finite, 0 to 1), if they are not.
    fn problem(&self) -> Option<String> {
        let bad = |c: f64| !(c.is_finite() && (0.0..=1.0).contains(&c));
        self.best
            .values()
            .copied()
            .chain(self.more.keys().map(|&b| f64::from_bits(b)))
            .find(|&c| bad(c))
            .map(|c| format!("confidence {c} is not between 0 and 1"))
    }
}

impl Signature {
    /// Why the meeting's dates or keys are not ones extraction makes, if they are not.
    fn problem(&self) -> Option<String> {
        if bad_date(self.date)
            || bad_date(self.end)
            || bad_date(self.lead_day)
            || bad_date(self.published)
        {
            return Some(format!(
                "meeting date {:?} is not a real day of 1900 to 2100",
                self.date
            ));
        }
        let keys = self
            .participants
            .iter()
            .chain(&self.principals)
            .chain(&self.place)
            .chain(&self.body);
        keys.clone()
            .find(|k| bad_key(k))
            .map(|k| format!("meeting participant or place key {k:?} is not one extraction makes"))
            .or_else(|| bad_key(&self.kind).then(|| format!("meeting kind {:?}", self.kind)))
    }
}

impl GraphBuilder {
    /// Why this state, read from a shard, could not have been made by extraction, if it could not:
    /// a relation that is no lowercase name, a key that would break an IRI or a literal, a date
    /// that is no real day of 1900 to 2100, a confidence outside 0 to 1. The first problem found.
    pub fn problem(&self) -> Option<String> {
        for a in &self.articles {
            if a.id.trim().is_empty() || a.id.chars().any(char::is_control) {
                return Some(format!(
                    "article id {:?} is empty or has control characters",
                    a.id
                ));
            }
            if bad_date(a.published) {
                return Some(format!(
                    "article {:?}: published {:?} is not a real day of 1900 to 2100",
                    a.id, a.published
                ));
            }
        }
        if let Some(k) = self.entities.keys().find(|k| bad_key(k)) {
            return Some(format!("entity key {k:?} is not one extraction makes"));
        }
        if let Some(p) = self.meetings.keys().find_map(Signature::problem) {
            return Some(p);
        }
        for ((a, rel, b), support) in &self.edges {
            let name = !rel.is_empty() && rel.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            if !name {
                return Some(format!(
                    "relation {rel:?} is not a relation name (lowercase letters and _)"
                ));
            }
            for end in [a, b] {
                match end {
                    EndKey::Entity(k) if bad_key(k) => {
                        return Some(format!("edge end {k:?} is not one extraction makes"))
                    }
                    EndKey::Meeting(sig) => {
                        if let Some(p) = sig.problem() {
                            return Some(p);
                        }
                    }
                    EndKey::Entity(_) => {}
                }
            }
            if bad_date(support.date) {
                return Some(format!(
                    "{rel} edge: date {:?} is not a real day of 1900 to 2100",
                    support.date
                ));
            }
            if let Some(p) = support.sources.problem() {
                return Some(format!("{rel} edge: {p}"));
            }
        }
        None
    }
}
