//! Loading `ontology/`. In: the text of each of its files, embedded or read from a folder; out: a
//! [`Knowledge`] with every file's rows in place and every index built, or the file and line of
//! the first row that cannot be read.

use std::path::{Path, PathBuf};

use super::{
    ChromePattern, EntityType, GazEntry, Geo, Knowledge, MeetingNoun, Title, TitleTarget, Trigger,
    CASED_CUES,
};
use crate::error::Error;

/// One file of the knowledge base: its path inside `ontology/` and its embedded default content.
const FILES: &[(&str, &str)] = &[
    (
        "gazetteer/places.tsv",
        include_str!("../../ontology/gazetteer/places.tsv"),
    ),
    (
        "gazetteer/organizations.tsv",
        include_str!("../../ontology/gazetteer/organizations.tsv"),
    ),
    (
        "gazetteer/people.tsv",
        include_str!("../../ontology/gazetteer/people.tsv"),
    ),
    (
        "gazetteer/first_names.txt",
        include_str!("../../ontology/gazetteer/first_names.txt"),
    ),
    (
        "lexicon/chrome.tsv",
        include_str!("../../ontology/lexicon/chrome.tsv"),
    ),
    (
        "lexicon/abbreviations.txt",
        include_str!("../../ontology/lexicon/abbreviations.txt"),
    ),
    (
        "lexicon/dates.tsv",
        include_str!("../../ontology/lexicon/dates.tsv"),
    ),
    (
        "lexicon/cues.tsv",
        include_str!("../../ontology/lexicon/cues.tsv"),
    ),
    (
        "lexicon/titles.tsv",
        include_str!("../../ontology/lexicon/titles.tsv"),
    ),
    (
        "lexicon/org_templates.tsv",
        include_str!("../../ontology/lexicon/org_templates.tsv"),
    ),
    (
        "lexicon/org_heads.txt",
        include_str!("../../ontology/lexicon/org_heads.txt"),
    ),
    (
        "lexicon/meetings.tsv",
        include_str!("../../ontology/lexicon/meetings.tsv"),
    ),
    (
        "lexicon/relations.tsv",
        include_str!("../../ontology/lexicon/relations.tsv"),
    ),
    (
        "gazetteer/nicknames.tsv",
        include_str!("../../ontology/gazetteer/nicknames.tsv"),
    ),
];

/// Rows of a tab-separated file: (line number, fields), skipping comments, blanks and the header.
fn rows<'a>(
    name: &'a str,
    text: &'a str,
    columns: usize,
) -> impl Iterator<Item = Result<(usize, Vec<&'a str>), Error>> + 'a {
    let mut header_seen = false;
    text.lines().enumerate().filter_map(move |(i, line)| {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            return None;
        }
        if !header_seen {
            header_seen = true;
            return None;
        }
        let mut f: Vec<&str> = line.split('\t').map(str::trim).collect();
        if f.len() < columns {
            // trailing empty fields may be omitted
            if f.len() + 3 >= columns && f.len() >= 2 {
                f.resize(columns, "");
            } else {
                return Some(Err(Error::Knowledge {
                    file: name.to_string(),
                    line: i + 1,
                    message: format!("expected {columns} tab-separated fields, found {}", f.len()),
                }));
            }
        }
        Some(Ok((i + 1, f)))
    })
}

fn list(field: &str) -> Vec<String> {
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

fn opt(field: &str) -> Option<String> {
    (!field.is_empty()).then(|| field.to_string())
}

/// A place row's position (`geonames`, `lat`, `lon`: fields 7 to 9), checked: a latitude in -90
/// to 90, a longitude in -180 to 180, both or neither; and its `match` rule (field 11).
fn place_geo(f: &[&str]) -> Result<Option<Geo>, String> {
    if !matches!(f[11], "" | "name" | "alone" | "context") {
        return Err(format!("match is {:?}: name, alone or context", f[11]));
    }
    let geonames = match f[7] {
        "" => None,
        g => Some(
            g.parse::<u32>()
                .map_err(|_| format!("geonames id {g:?} is no number"))?,
        ),
    };
    let coord = |s: &str, bound: f64, what: &str| -> Result<Option<f64>, String> {
        if s.is_empty() {
            return Ok(None);
        }
        match s.parse::<f64>() {
            Ok(x) if x.is_finite() && x.abs() <= bound => Ok(Some(x)),
            _ => Err(format!(
                "{what} {s:?} is not a number in -{bound} to {bound}"
            )),
        }
    };
    match (coord(f[8], 90.0, "lat")?, coord(f[9], 180.0, "lon")?) {
        (Some(lat), Some(lon)) => Ok(Some(Geo { lat, lon, geonames })),
        (None, None) => Ok(None),
        _ => Err("lat and lon go together".into()),
    }
}

/// Lowercased words of a phrase, tokenised as article text is.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    crate::text::tokenize(phrase, 0)
        .into_iter()
        .map(|t| t.lower.to_string())
        .collect()
}

impl Knowledge {
    /// The knowledge embedded in the binary (the `ontology/` folder at build time).
    pub fn embedded() -> Knowledge {
        let files: Vec<(String, String)> = FILES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        // The embedded files are checked by the test suite; failing here is a build defect.
        Knowledge::parse(&files).expect("embedded ontology files are valid")
    }

    /// Loads the knowledge from a directory laid out like `ontology/`.
    pub fn from_dir(dir: &Path) -> Result<Knowledge, Error> {
        let mut files = Vec::new();
        for (name, _) in FILES {
            let path: PathBuf = dir.join(name);
            let text = std::fs::read_to_string(&path).map_err(|e| Error::Io {
                path: path.display().to_string(),
                message: format!("{e} (every file of the ontology folder is needed: {name})"),
            })?;
            files.push((path.display().to_string(), text));
        }
        Knowledge::parse(&files)
    }

    /// Reads the files, in the order of [`FILES`], and builds the indices.
    fn parse(files: &[(String, String)]) -> Result<Knowledge, Error> {
        let get = |i: usize| (files[i].0.as_str(), files[i].1.as_str());
        let mut k = Knowledge::default();
        k.load_places(get(0))?;
        k.load_organizations(get(1))?;
        k.load_people(get(2))?;
        k.index_surfaces();
        k.index_people();
        k.first_names = word_list(get(3).1).map(String::from).collect();
        k.first_names_lower = k.first_names.iter().map(|f| f.to_lowercase()).collect();
        k.load_chrome(get(4))?;
        k.abbreviations = word_list(get(5).1).map(String::from).collect();
        k.load_dates(get(6))?;
        k.load_cues(get(7))?;
        k.load_titles(get(8))?;
        k.load_org_templates(get(9))?;
        k.index_templates();
        k.org_heads = word_list(get(10).1).map(str::to_lowercase).collect();
        k.load_meeting_nouns(get(11))?;
        k.load_triggers(get(12))?;
        for r in rows(get(13).0, get(13).1, 2) {
            let (_, f) = r?;
            k.nicknames.insert(f[0].to_string(), f[1].to_string());
        }
        k.index_phrases();
        k.index_lex()
            .map_err(|message| Error::Config(format!("{}: {message}", files[7].0)))?;
        Ok(k)
    }

    /// `gazetteer/places.tsv`: countries, cities, regions and continents.
    fn load_places(&mut self, (n, t): (&str, &str)) -> Result<(), Error> {
        for r in rows(n, t, 12) {
            let (line, f) = r?;
            let geo = place_geo(&f).map_err(|message| Error::Knowledge {
                file: n.to_string(),
                line,
                message,
            })?;
            self.push(GazEntry {
                id: f[0].into(),
                etype: EntityType::Place,
                kind: f[1].into(),
                name: f[2].into(),
                wikidata: opt(f[3]),
                aliases: list(f[4]),
                adjectives: list(f[5]),
                country: opt(f[6]).filter(|_| f[1] != "country"),
                parent: opt(f[6]),
                roles: vec![],
                geo,
                context_only: f[11] == "context",
                alone: f[11] == "alone",
            });
        }
        Ok(())
    }

    /// `gazetteer/organizations.tsv`: bodies, agencies, alliances and media.
    fn load_organizations(&mut self, (n, t): (&str, &str)) -> Result<(), Error> {
        for r in rows(n, t, 7) {
            let (_, f) = r?;
            self.push(GazEntry {
                id: f[0].into(),
                etype: EntityType::Organization,
                kind: f[1].into(),
                name: f[2].into(),
                wikidata: opt(f[3]),
                aliases: list(f[4]),
                adjectives: vec![],
                country: opt(f[5]),
                parent: opt(f[6]),
                roles: vec![],
                geo: None,
                context_only: false,
                alone: false,
            });
        }
        Ok(())
    }

    /// `gazetteer/people.tsv`: one row a role; a person's later rows add roles and aliases.
    fn load_people(&mut self, (n, t): (&str, &str)) -> Result<(), Error> {
        for r in rows(n, t, 8) {
            let (_, f) = r?;
            let role = (
                f[4].to_string(),
                f[5].to_string(),
                f[6].parse().ok(),
                f[7].parse().ok(),
            );
            if let Some(&i) = self.by_id.get(f[0]) {
                let e = &mut self.entries[i];
                e.roles.push(role);
                for a in list(f[3]) {
                    if !e.aliases.contains(&a) {
                        e.aliases.push(a);
                    }
                }
                continue;
            }
            self.push(GazEntry {
                id: f[0].into(),
                etype: EntityType::Person,
                kind: "person".into(),
                name: f[1].into(),
                wikidata: opt(f[2]),
                aliases: list(f[3]),
                adjectives: vec![],
                country: None,
                parent: None,
                roles: vec![role],
                geo: None,
                context_only: false,
                alone: false,
            });
        }
        Ok(())
    }

    /// `lexicon/chrome.tsv`: the patterns of page chrome, then their matchers.
    fn load_chrome(&mut self, (n, t): (&str, &str)) -> Result<(), Error> {
        for r in rows(n, t, 2) {
            let (_, f) = r?;
            self.chrome.push(ChromePattern {
                kind: f[0].into(),
                pattern: f[1].to_lowercase(),
            });
        }
        self.index_chrome();
        Ok(())
    }

    /// `lexicon/dates.tsv`: month and weekday names, relative days, words dating from the last
    /// event.
    fn load_dates(&mut self, (n, t): (&str, &str)) -> Result<(), Error> {
        for r in rows(n, t, 3) {
            let (line, f) = r?;
            let v: i64 = f[2].parse().map_err(|_| Error::Knowledge {
                file: n.to_string(),
                line,
                message: format!("value {:?} is not a number", f[2]),
            })?;
            let w = f[1].to_lowercase();
            match f[0] {
                "month" => {
                    self.months.insert(w, v as u32);
                }
                "weekday" => {
                    self.weekdays.insert(w, v as u32);
                }
                "since_last" => {
                    self.since_last.insert(w, v);
                }
                _ => {
                    self.relative_days.insert(w, v);
                }
            }
        }
        Ok(())
    }

    /// `lexicon/cues.tsv`: cue words by class (lowercased, but for the classes matched as written).
    fn load_cues(&mut self, (n, t): (&str, &str)) -> Result<(), Error> {
        for r in rows(n, t, 2) {
            let (_, f) = r?;
            let cue = if CASED_CUES.contains(&f[0]) {
                f[1].to_string()
            } else {
                f[1].to_lowercase()
            };
            self.cues.entry(f[0].to_string()).or_default().insert(cue);
        }
        Ok(())
    }

    /// `lexicon/titles.tsv`: titles and role words, with the relation and target of each; sorted
    /// longest first.
    fn load_titles(&mut self, (n, t): (&str, &str)) -> Result<(), Error> {
        for r in rows(n, t, 6) {
            let (line, f) = r?;
            let target = match f[2] {
                "country" => TitleTarget::Country,
                "org" => TitleTarget::Org,
                "person" => TitleTarget::Person,
                s if s.starts_with("template:") => TitleTarget::Template(s[9..].to_string()),
                s if s.starts_with("id:") => TitleTarget::Id(s[3..].to_string()),
                s => {
                    return Err(Error::Knowledge {
                        file: n.to_string(),
                        line,
                        message: format!(
                        "unknown title target {s:?} (country, org, person, template:NAME, id:ID)"
                    ),
                    })
                }
            };
            let title = Title {
                words: phrase_words(f[0]),
                relation: (f[1] != "-" && !f[1].is_empty()).then(|| f[1].to_string()),
                target,
                default_country: opt(f[3]),
                gazetteer_roles: list(f[4]),
                holder_roles: list(f[5]),
                plural: false,
            };
            // "Secretary-General" splits at its hyphen as names do; "secretary-general" does not
            let capitalised: String = f[0]
                .split_inclusive(['-', ' '])
                .map(|w| {
                    let mut c = w.chars();
                    c.next().map_or(String::new(), |f| {
                        f.to_uppercase().collect::<String>() + c.as_str()
                    })
                })
                .collect();
            let split = phrase_words(&capitalised);
            let mut forms = vec![title.words.clone()];
            if split != title.words {
                forms.push(split);
            }
            for words in forms {
                // a title that states a role has a plural naming several holders ("Senators X
                // and Y"); an honorific has none ("Mrs." is no plural of "Mr.")
                let plural = title.relation.as_ref().and(plural_words(&words));
                // "Reps." ends no sentence, as "Rep." does not
                if let Some(p) = plural
                    .as_ref()
                    .filter(|p| p.len() >= 2 && p.ends_with(&[".".into()]))
                {
                    self.plural_abbreviation(&words[words.len() - 2], &p[p.len() - 2]);
                }
                self.titles.extend(plural.map(|words| Title {
                    words,
                    plural: true,
                    ..title.clone()
                }));
                self.titles.push(Title {
                    words,
                    ..title.clone()
                });
            }
        }
        self.titles
            .sort_by_key(|x| std::cmp::Reverse(x.words.len()));
        Ok(())
    }

    /// Adds the plural of a known abbreviation ("Reps." for "Rep."), written as the singular is.
    fn plural_abbreviation(&mut self, singular: &str, plural: &str) {
        let known = self
            .abbreviations
            .iter()
            .find(|a| {
                a.strip_suffix('.')
                    .is_some_and(|a| a.to_lowercase() == singular)
            })
            .cloned();
        if let Some(a) = known.filter(|_| plural.starts_with(singular)) {
            let stem = &a[..singular.len()];
            self.abbreviations
                .insert(format!("{stem}{}.", &plural[singular.len()..]));
        }
    }

    /// `lexicon/org_templates.tsv`: the phrases that name a country's body ("foreign ministry"),
    /// longest first, and the owner kind of each template.
    fn load_org_templates(&mut self, (n, t): (&str, &str)) -> Result<(), Error> {
        for r in rows(n, t, 3) {
            let (_, f) = r?;
            self.org_templates
                .push((phrase_words(f[1]), f[0].to_string()));
            self.template_owner
                .insert(f[0].to_string(), f[2].to_string());
        }
        self.org_templates
            .sort_by_key(|x| std::cmp::Reverse(x.0.len()));
        Ok(())
    }

    /// `lexicon/meetings.tsv`: meeting nouns and phrases with their kind, longest first.
    fn load_meeting_nouns(&mut self, (n, t): (&str, &str)) -> Result<(), Error> {
        for r in rows(n, t, 3) {
            let (_, f) = r?;
            self.meeting_nouns.push(MeetingNoun {
                words: phrase_words(f[0]),
                kind: f[1].to_string(),
                strong: f[2] == "strong",
            });
        }
        self.meeting_nouns
            .sort_by_key(|x| std::cmp::Reverse(x.words.len()));
        Ok(())
    }

    /// `lexicon/relations.tsv`: the triggers of relations with their confidence, longest first.
    fn load_triggers(&mut self, (n, t): (&str, &str)) -> Result<(), Error> {
        for r in rows(n, t, 4) {
            let (line, f) = r?;
            self.triggers.push(Trigger {
                words: phrase_words(f[0]),
                relation: f[1].to_string(),
                pattern: f[2].to_string(),
                confidence: f[3].parse().map_err(|_| Error::Knowledge {
                    file: n.to_string(),
                    line,
                    message: format!("confidence {:?} is not a number", f[3]),
                })?,
            });
        }
        self.triggers
            .sort_by_key(|x| std::cmp::Reverse(x.words.len()));
        Ok(())
    }
}

/// The words of a word-list file, one a line, skipping blanks and comments.
fn word_list(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A title's words with the last one in the plural ("foreign ministers", "reps .", "secretaries"),
/// or none where the last word is no plain word.
fn plural_words(words: &[String]) -> Option<Vec<String>> {
    // an abbreviation's dot is a token of its own: the word before it takes the plural
    let dot = usize::from(words.last().is_some_and(|w| w == "."));
    let at = words.len().checked_sub(1 + dot)?;
    let stem = words[at].as_str();
    if stem.len() < 2 || !stem.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let plural = match stem.as_bytes() {
        // "secretary" -> "secretaries", but "attorney" -> "attorneys"
        [.., c, b'y'] if !b"aeiou".contains(c) => format!("{}ies", &stem[..stem.len() - 1]),
        [.., b's' | b'x'] | [.., b'c' | b's', b'h'] => format!("{stem}es"),
        _ => format!("{stem}s"),
    };
    let mut out = words.to_vec();
    out[at] = plural;
    Some(out)
}

#[cfg(test)]
mod tests {

    #[test]
    fn titles_have_plurals() {
        // name, title words, plural words (none: no plural is made)
        type Case<'a> = (&'a str, &'a [&'a str], Option<&'a [&'a str]>);
        let cases: &[Case] = &[
            ("plain", &["senator"], Some(&["senators"])),
            (
                "last word",
                &["foreign", "minister"],
                Some(&["foreign", "ministers"]),
            ),
            (
                "y after a consonant",
                &["secretary"],
                Some(&["secretaries"]),
            ),
            ("y after a vowel", &["attorney"], Some(&["attorneys"])),
            ("an abbreviation's dot", &["rep", "."], Some(&["reps", "."])),
            ("sibilant", &["boss"], Some(&["bosses"])),
            ("no plain word", &["-"], None),
        ];
        for (name, words, want) in cases {
            let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            let want = want.map(|w| w.iter().map(|w| w.to_string()).collect::<Vec<_>>());
            assert_eq!(plural_words(&words), want, "{name}");
        }
    }

    use super::*;
    use rustc_hash::FxHashSet as HashSet;

    #[test]
    fn embedded_knowledge_is_consistent() {
        let k = Knowledge::embedded();
        assert!(k.entries.iter().filter(|e| e.kind == "country").count() >= 193);
        let mut ids = HashSet::default();
        for e in &k.entries {
            assert!(ids.insert(&e.id), "duplicate id {}", e.id);
            assert!(
                e.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "id {}",
                e.id
            );
            for r in [&e.country, &e.parent].into_iter().flatten() {
                assert!(k.by_id.contains_key(r), "{} refers to unknown {r}", e.id);
            }
            for (_, of, from, to) in &e.roles {
                assert!(
                    k.by_id.contains_key(of),
                    "{} holds a role of unknown {of}",
                    e.id
                );
                assert!(
                    from.zip(*to).is_none_or(|(f, t)| f <= t),
                    "{}: term ends before it starts",
                    e.id
                );
            }
            if let Some(q) = &e.wikidata {
                assert!(
                    q.starts_with('Q') && q[1..].chars().all(|c| c.is_ascii_digit()),
                    "{}: wikidata {q}",
                    e.id
                );
            }
        }
        for t in &k.titles {
            if let TitleTarget::Id(id) = &t.target {
                assert!(k.by_id.contains_key(id), "title points at unknown {id}");
            }
        }
        let bad: Vec<&String> = k
            .template_owner
            .iter()
            .filter(|(_, o)| !matches!(o.as_str(), "country" | "person"))
            .map(|(t, _)| t)
            .collect();
        assert!(bad.is_empty(), "templates with an unknown owner: {bad:?}");
    }

    #[test]
    fn a_broken_file_is_named_with_its_line() {
        let dir = std::env::temp_dir().join(format!("ng-onto-{}", std::process::id()));
        for (name, text) in FILES {
            let p = dir.join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        std::fs::write(
            dir.join("lexicon/relations.tsv"),
            "trigger\trelation\tpattern\tconfidence\nwarned\twarned\tsvo\thigh\n",
        )
        .unwrap();
        let err = Knowledge::from_dir(&dir).unwrap_err().to_string();
        assert!(
            err.contains("relations.tsv:2") && err.contains("not a number"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    // the class index is a cache of the lists: every word of every list, and nothing else, has
}
