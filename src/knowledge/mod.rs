//! Extraction knowledge loaded from `ontology/`: the gazetteer and the lexicon. The files are embedded
//! in the binary as the default and can be replaced at run time by a directory with the same layout.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// A key for names: lowercased, apostrophes and dots folded, single spaces.
pub fn norm_key(s: &str) -> String {
    if s.is_ascii() {
        // byte by byte: the words of letters and digits, lowercased, one space between them
        let mut out = String::with_capacity(s.len());
        let mut gap = false;
        for &b in s.as_bytes() {
            if b.is_ascii_alphanumeric() {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                gap = false;
                out.push(char::from(b.to_ascii_lowercase()));
            } else {
                gap = true;
            }
        }
        return out;
    }
    let s: String = s
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words that head the phrases below ("the same day", "a day later", "next week"): grammar
/// read by these rules, like "of" or "the", not knowledge of the world, so they stand beside the
/// rules; the lexicon gives them a class bit so that other words are passed over at once.
pub(crate) const DATE_PHRASE_WORDS: [&str; 5] = ["day", "next", "this", "last", "same"];

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
];

/// The type of an entity.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum EntityType {
    /// A named human.
    Person,
    /// A body, agency, alliance, government metonym or medium.
    Organization,
    /// A country, city, region or continent.
    Place,
}

impl EntityType {
    /// The type's name as exported (`Person`, `Organization`, `Place`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "Person",
            EntityType::Organization => "Organization",
            EntityType::Place => "Place",
        }
    }
}

/// A known entity from the gazetteer.
#[derive(Clone, Debug)]
pub struct GazEntry {
    /// Gazetteer id (snake_case).
    pub id: String,
    /// Entity type.
    pub etype: EntityType,
    /// Sub-kind (country, city, international, media, ...).
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// Wikidata id, when known.
    pub wikidata: Option<String>,
    /// Surface forms.
    pub aliases: Vec<String>,
    /// Adjectival forms and demonyms (places).
    pub adjectives: Vec<String>,
    /// The country a body or city belongs to.
    pub country: Option<String>,
    /// Parent organisation or containing place.
    pub parent: Option<String>,
    /// Roles of a person: (role, of-id, from year, to year).
    pub roles: Vec<(String, String, Option<i32>, Option<i32>)>,
}

/// A line-matching rule for page chrome.
#[derive(Clone, Debug)]
pub struct ChromePattern {
    kind: String,
    pattern: String,
}

impl ChromePattern {
    /// Whether a lowercased, trimmed line matches.
    pub fn matches(&self, lower: &str) -> bool {
        match self.kind.as_str() {
            "prefix" => lower.starts_with(&self.pattern),
            "contains" => lower.len() <= MAX_CHROME_CONTAINS_LINE && lower.contains(&self.pattern),
            _ => lower == self.pattern,
        }
    }
}

/// What a title's edge points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TitleTarget {
    /// The country named next to the title.
    Country,
    /// The organisation named next to the title.
    Org,
    /// The person named by a possessive or complement.
    Person,
    /// The country's body of this template.
    Template(String),
    /// A gazetteer id.
    Id(String),
}

/// A title or role word.
#[derive(Clone, Debug)]
pub struct Title {
    /// Lowercased words.
    pub words: Vec<String>,
    /// Relation from the person, if any.
    pub relation: Option<String>,
    /// What the relation points at.
    pub target: TitleTarget,
    /// Country assumed when none is named.
    pub default_country: Option<String>,
    /// Roles of `people.tsv` this title names, to find the country or body of a known holder.
    pub gazetteer_roles: Vec<String>,
    /// Roles of `people.tsv` tried in order for the holder a nameless mention of the title means
    /// ("the Russian President"); empty for those of "leader".
    pub holder_roles: Vec<String>,
}

/// A lexical trigger of a relation.
#[derive(Clone, Debug)]
pub struct Trigger {
    /// Lowercased words.
    pub words: Vec<String>,
    /// Relation name (GOLD.md vocabulary).
    pub relation: String,
    /// Argument pattern (`svo`, `meeting`).
    pub pattern: String,
    /// Base confidence.
    pub confidence: f64,
}

/// A meeting noun or phrase.
#[derive(Clone, Debug)]
pub struct MeetingNoun {
    /// Lowercased words.
    pub words: Vec<String>,
    /// Meeting kind.
    pub kind: String,
    /// Whether it creates a meeting (else it only refers back).
    pub strong: bool,
}

/// A form of a gazetteer name, as matched at a token.
#[derive(Clone, Debug, Default)]
pub struct NameForm {
    /// The entry's index.
    pub entry: usize,
    /// The form's tokens, as written (for case checks).
    pub words: Vec<String>,
    /// Whether the form is an adjective ("Russian").
    pub adjective: bool,
    /// Whether the form's last word is lowercase ("Russian military"): then it is no name when a
    /// lowercase word follows ("Russian military activity").
    pub common_tail: bool,
}

/// Everything the extractor knows, as data.
#[derive(Clone, Debug, Default)]
pub struct Knowledge {
    /// Gazetteer entries.
    pub entries: Vec<GazEntry>,
    /// Entry index by id.
    pub by_id: HashMap<String, usize>,
    /// Surface form (lowercased words joined by one space) to (entry, alias as written, is adjective).
    pub surface: HashMap<String, Vec<(usize, String, bool)>>,
    /// The tokens of each alias in `surface`, as written, to check case without re-tokenising.
    pub surface_tokens: HashMap<String, Vec<String>>,
    /// For each first word (lowercased) of a surface form, the longest form starting with it.
    pub first_words: HashMap<String, usize>,
    /// Each word of a surface form (lowercased) and its id, from 1: tokens carry the id of their
    /// word, so that names are matched on numbers.
    name_words: HashMap<String, u32>,
    /// The surface forms as a trie of word ids: (node << 32 | word id) -> child node; node 0 is the
    /// root. Names starting at a token are found one word at a time, stopping at the first word no
    /// name continues with, with no string hashed or compared.
    trie: HashMap<u64, u32>,
    /// The surface key (as in [`Knowledge::surface`]) that ends at each node of `trie`.
    trie_keys: Vec<Option<String>>,
    /// The names that end at each node of `trie`: [`Knowledge::surface`]'s list for its key, with
    /// each alias's tokens, so that matching a name at a token hashes no string.
    trie_names: Vec<Vec<NameForm>>,
    /// The root's children by word id, an array: every name lookup starts there.
    trie_root: Vec<u32>,
    /// The entries that share a name form (not an adjective) with another, by the form's key, in
    /// gazetteer order: "Treasury" is the US and the UK body; the article's countries decide.
    shared_forms: HashMap<String, Vec<usize>>,
    /// Whether each entry has a form in `shared_forms`.
    has_shared_form: Vec<bool>,
    /// The index of each entry's country ([`Knowledge::country_of`]).
    country_ix: Vec<Option<usize>>,
    /// People of the gazetteer by the first word of each of their names: (entry, name words).
    pub person_names: HashMap<String, Vec<(usize, Vec<String>)>>,
    /// The body of each (template, country), from the gazetteer.
    template_orgs: HashMap<(String, String), usize>,
    /// `gaz:` and the id of each entry, by index.
    gaz_keys: Vec<String>,
    /// People of the gazetteer by the ids their roles are of (a country, a body), in entry order.
    role_holders: HashMap<String, Vec<usize>>,
    /// Longest surface form in words.
    pub max_surface_words: usize,
    /// Given names.
    pub first_names: HashSet<String>,
    /// Given names, lowercased.
    pub first_names_lower: HashSet<String>,
    /// Page chrome patterns.
    pub chrome: Vec<ChromePattern>,
    /// One SIMD searcher (Teddy) for all the `contains` chrome patterns, so a line is read once
    /// instead of once a pattern; else, where the CPU lacks it, a substring searcher a pattern.
    chrome_contains: ChromeContains,
    /// The other chrome patterns (matched at the start of a line), by their first byte.
    chrome_starts: HashMap<u8, Vec<usize>>,
    abbreviations: HashSet<String>,
    /// Month names to 1..12.
    pub months: HashMap<String, u32>,
    /// Weekday names to 0..6.
    pub weekdays: HashMap<String, u32>,
    /// Relative day words to offsets.
    pub relative_days: HashMap<String, i64>,
    /// Words that date an event after the date told last ("afterwards"), to offsets.
    pub since_last: HashMap<String, i64>,
    /// Cue words by class.
    pub cues: HashMap<String, HashSet<String>>,
    /// Titles, longest first.
    pub titles: Vec<Title>,
    /// Organisation templates: phrase (lowercased) to template name.
    pub org_templates: Vec<(Vec<String>, String)>,
    /// Owner kind of each template name (`country` or `person`).
    pub template_owner: HashMap<String, String>,
    /// Organisation head nouns.
    pub org_heads: HashSet<String>,
    /// Meeting nouns, longest first.
    pub meeting_nouns: Vec<MeetingNoun>,
    /// Relation triggers, longest first.
    pub triggers: Vec<Trigger>,
    /// The titles, relation triggers and meeting nouns by their first word: indices into
    /// `titles`, `triggers` and `meeting_nouns`, in list order, so that a token is compared with
    /// the few phrases it can start rather than the whole list.
    phrases_by_first: [HashMap<String, Vec<usize>>; 3],
    /// First words of titles, triggers and meeting nouns: a token that is none of them starts no
    /// such phrase, so the lists need not be scanned there.
    pub phrase_starts: HashSet<String>,
    /// The classes of each lowercased word, as a mask of [`LEX_PHRASE_START`] and the like and of
    /// the cue classes' bits: built once at load, so that a token is looked up once for all.
    lex: HashMap<String, (u64, u32)>,
    /// The bit of each cue class in [`Knowledge::lex`].
    cue_bits: HashMap<String, u64>,
    /// Which bytes start a word of `lex`, and its longest word: most tokens (numbers,
    /// punctuation, long words) are then answered without hashing.
    lex_first: Vec<bool>,
    lex_longest: usize,
    /// The words of `lex` of up to seven bytes, keyed by their bytes packed into an integer
    /// ([`packed`]): most tokens are that short, and such a key hashes in one multiplication and
    /// compares in one instruction.
    lex_short: HashMap<u64, (u64, u32)>,
    /// The bits of the cue classes the extractor consults.
    pub cue: CueBits,
}

/// The bytes of a word of one to seven bytes packed into an integer, its length in the top byte
/// (so that "a" and "a\0" differ); `None` for a longer or empty word. A few overlapping loads
/// instead of a loop over the bytes: this runs for every token.
fn packed(w: &str) -> Option<u64> {
    let b = w.as_bytes();
    let n = b.len();
    let at = |i: usize| u64::from(b[i]) << (8 * i);
    let bytes = match n {
        1..=3 => at(0) | at(n / 2) | at(n - 1),
        // two four-byte loads that overlap in the middle: the shared bytes land in the same place
        4..=7 => {
            let word =
                |i: usize| u64::from(u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]));
            word(0) | word(n - 4) << (8 * (n - 4))
        }
        _ => return None,
    };
    Some(bytes | (n as u64) << 56)
}

/// The bits of the cue classes the extractor consults, in [`Knowledge::lex`] masks (0 for a class
/// the lexicon lacks): a token's class is then a bit test, not a lookup.
#[derive(Clone, Copy, Debug, Default)]
pub struct CueBits {
    /// `relative_pronoun` words.
    pub relative_pronoun: u64,
    /// `subject_pronoun` words.
    pub subject_pronoun: u64,
    /// `clause_opener` words.
    pub clause_opener: u64,
    /// `copula` words.
    pub copula: u64,
    /// `boundary` words.
    pub boundary: u64,
    /// `connector` words.
    pub connector: u64,
    /// `council` words.
    pub council: u64,
    /// `denial` words.
    pub denial: u64,
    /// `future` words.
    pub future: u64,
    /// `hypothetical` words.
    pub hypothetical: u64,
    /// `join_verb` words.
    pub join_verb: u64,
    /// `locative` words.
    pub locative: u64,
    /// `meeting_verb` words.
    pub meeting_verb: u64,
    /// `negation` words.
    pub negation: u64,
    /// `not_name` words.
    pub not_name: u64,
    /// `not_person` words.
    pub not_person: u64,
    /// `offer` words.
    pub offer: u64,
    /// `org_category` words.
    pub org_category: u64,
    /// `org_staff` words.
    pub org_staff: u64,
    /// `participation` words.
    pub participation: u64,
    /// `person_noun` words.
    pub person_noun: u64,
    /// `place_category` words.
    pub place_category: u64,
    /// `proposal_noun` words.
    pub proposal_noun: u64,
    /// `organ_word` words.
    pub organ_word: u64,
    /// `ruled_by` words.
    pub ruled_by: u64,
    /// `past` words.
    pub past: u64,
    /// `source` words.
    pub source: u64,
    /// `speech` words.
    pub speech: u64,
    /// `title_modifier` words.
    pub title_modifier: u64,
    /// `topic` words.
    pub topic: u64,
}

/// The longest line a `contains` chrome pattern is looked for in, in bytes: boilerplate is short.
pub const MAX_CHROME_CONTAINS_LINE: usize = 500;

/// A token's class bit: the first word of a title, relation trigger or meeting noun.
pub const LEX_PHRASE_START: u64 = 1 << 63;
/// A token's class bit: a month name (a final dot allowed: "Jan.").
pub const LEX_MONTH: u64 = 1 << 62;
/// A token's class bit: a weekday name (a final dot allowed).
pub const LEX_WEEKDAY: u64 = 1 << 61;
/// A token's class bit: a relative day ("tomorrow") or a word dating from the last event
/// ("afterwards"), a final dot allowed.
pub const LEX_DATE_WORD: u64 = 1 << 60;
/// A token's class bit: the first word of a gazetteer name.
pub const LEX_NAME_START: u64 = 1 << 59;
/// A token's class bit: an organisation head noun.
pub const LEX_ORG_HEAD: u64 = 1 << 58;
/// A token's class bit: the first word of a title.
pub const LEX_TITLE_START: u64 = 1 << 57;
/// A token's class bit: the first word of a relation trigger.
pub const LEX_TRIGGER_START: u64 = 1 << 56;
/// A token's class bit: the first word of a meeting noun.
pub const LEX_MEETING_START: u64 = 1 << 55;
/// A token's class bit: a word that heads a date phrase of the date grammar ("the same day", "next
/// week"; the date grammar's `DATE_PHRASE_WORDS`), a final dot allowed.
pub const LEX_DATE_PHRASE: u64 = 1 << 54;
/// The cue classes whose words are matched as written, not lowercased.
const CASED_CUES: [&str; 2] = ["not_name", "not_person"];
/// A token's class bit: the lowercase form of a word of a case-sensitive cue class (`not_name`,
/// `not_person`, which hold words as written): a token without it is in neither, and one with it
/// is compared as written.
pub const LEX_CASED_CUE: u64 = 1 << 53;
/// How many cue classes fit beside the fixed class bits.
const MAX_CUE_CLASSES: usize = 53;

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

/// Lowercased words of a phrase, tokenised as article text is.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    crate::text::tokenize(phrase, 0)
        .into_iter()
        .map(|t| t.lower.to_string())
        .collect()
}

/// The `contains` chrome patterns, searched together.
#[derive(Clone, Debug, Default)]
enum ChromeContains {
    /// No pattern.
    #[default]
    None,
    /// All patterns in one pass.
    Packed(aho_corasick::packed::Searcher),
    /// One substring searcher a pattern.
    Each(Vec<memchr::memmem::Finder<'static>>),
}

impl ChromeContains {
    fn new<'a>(patterns: impl Iterator<Item = &'a str>) -> ChromeContains {
        let patterns: Vec<&str> = patterns.collect();
        if patterns.is_empty() {
            return ChromeContains::None;
        }
        let mut b = aho_corasick::packed::Config::new().builder();
        b.extend(&patterns);
        match b.build() {
            Some(s) => ChromeContains::Packed(s),
            None => ChromeContains::Each(
                patterns
                    .iter()
                    .map(|p| memchr::memmem::Finder::new(p).into_owned())
                    .collect(),
            ),
        }
    }

    fn is_empty(&self) -> bool {
        matches!(self, ChromeContains::None)
    }

    fn is_match(&self, h: &[u8]) -> bool {
        match self {
            ChromeContains::None => false,
            ChromeContains::Packed(s) => s.find(h).is_some(),
            ChromeContains::Each(fs) => fs.iter().any(|f| f.find(h).is_some()),
        }
    }
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

    fn parse(files: &[(String, String)]) -> Result<Knowledge, Error> {
        let mut k = Knowledge::default();
        let get = |i: usize| (&files[i].0, files[i].1.as_str());
        let (n, t) = get(0);
        for r in rows(n, t, 7) {
            let (_, f) = r?;
            k.push(GazEntry {
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
            });
        }
        let (n, t) = get(1);
        for r in rows(n, t, 7) {
            let (_, f) = r?;
            k.push(GazEntry {
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
            });
        }
        let (n, t) = get(2);
        for r in rows(n, t, 8) {
            let (_, f) = r?;
            let role = (
                f[4].to_string(),
                f[5].to_string(),
                f[6].parse().ok(),
                f[7].parse().ok(),
            );
            if let Some(&i) = k.by_id.get(f[0]) {
                let e = &mut k.entries[i];
                e.roles.push(role);
                for a in list(f[3]) {
                    if !e.aliases.contains(&a) {
                        e.aliases.push(a);
                    }
                }
                continue;
            }
            k.push(GazEntry {
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
            });
        }
        k.index_surfaces();
        k.index_people();
        let (_, t) = get(3);
        k.first_names = t
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(String::from)
            .collect();
        k.first_names_lower = k.first_names.iter().map(|f| f.to_lowercase()).collect();
        let (n, t) = get(4);
        for r in rows(n, t, 2) {
            let (_, f) = r?;
            k.chrome.push(ChromePattern {
                kind: f[0].into(),
                pattern: f[1].to_lowercase(),
            });
        }
        k.chrome_contains = ChromeContains::new(
            k.chrome
                .iter()
                .filter(|p| p.kind == "contains")
                .map(|p| p.pattern.as_str()),
        );
        for (i, p) in k.chrome.iter().enumerate() {
            if let (false, Some(b)) = (p.kind == "contains", p.pattern.bytes().next()) {
                k.chrome_starts.entry(b).or_default().push(i);
            }
        }
        let (_, t) = get(5);
        k.abbreviations = t
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(String::from)
            .collect();
        let (n, t) = get(6);
        for r in rows(n, t, 3) {
            let (line, f) = r?;
            let v: i64 = f[2].parse().map_err(|_| Error::Knowledge {
                file: n.clone(),
                line,
                message: format!("value {:?} is not a number", f[2]),
            })?;
            let w = f[1].to_lowercase();
            match f[0] {
                "month" => {
                    k.months.insert(w, v as u32);
                }
                "weekday" => {
                    k.weekdays.insert(w, v as u32);
                }
                "since_last" => {
                    k.since_last.insert(w, v);
                }
                _ => {
                    k.relative_days.insert(w, v);
                }
            }
        }
        let (n, t) = get(7);
        for r in rows(n, t, 2) {
            let (_, f) = r?;
            let cue = if CASED_CUES.contains(&f[0]) {
                f[1].to_string()
            } else {
                f[1].to_lowercase()
            };
            k.cues.entry(f[0].to_string()).or_default().insert(cue);
        }
        let (n, t) = get(8);
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
                        file: n.clone(),
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
            if split != title.words {
                k.titles.push(Title {
                    words: split,
                    ..title.clone()
                });
            }
            k.titles.push(title);
        }
        k.titles.sort_by_key(|x| std::cmp::Reverse(x.words.len()));
        let (n, t) = get(9);
        for r in rows(n, t, 3) {
            let (_, f) = r?;
            k.org_templates.push((phrase_words(f[1]), f[0].to_string()));
            k.template_owner.insert(f[0].to_string(), f[2].to_string());
        }
        k.org_templates
            .sort_by_key(|x| std::cmp::Reverse(x.0.len()));
        k.index_templates();
        let (_, t) = get(10);
        k.org_heads = t
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect();
        let (n, t) = get(11);
        for r in rows(n, t, 3) {
            let (_, f) = r?;
            k.meeting_nouns.push(MeetingNoun {
                words: phrase_words(f[0]),
                kind: f[1].to_string(),
                strong: f[2] == "strong",
            });
        }
        k.meeting_nouns
            .sort_by_key(|x| std::cmp::Reverse(x.words.len()));
        let (n, t) = get(12);
        for r in rows(n, t, 4) {
            let (line, f) = r?;
            k.triggers.push(Trigger {
                words: phrase_words(f[0]),
                relation: f[1].to_string(),
                pattern: f[2].to_string(),
                confidence: f[3].parse().map_err(|_| Error::Knowledge {
                    file: n.clone(),
                    line,
                    message: format!("confidence {:?} is not a number", f[3]),
                })?,
            });
        }
        k.triggers.sort_by_key(|x| std::cmp::Reverse(x.words.len()));
        let by_first = |lists: Vec<&Vec<String>>| {
            let mut m: HashMap<String, Vec<usize>> = HashMap::default();
            for (i, w) in lists.into_iter().enumerate() {
                if let Some(f) = w.first() {
                    m.entry(f.clone()).or_default().push(i);
                }
            }
            m
        };
        k.phrases_by_first = [
            by_first(k.titles.iter().map(|t| &t.words).collect()),
            by_first(k.triggers.iter().map(|t| &t.words).collect()),
            by_first(k.meeting_nouns.iter().map(|m| &m.words).collect()),
        ];
        k.phrase_starts = k
            .phrases_by_first
            .iter()
            .flat_map(|m| m.keys().cloned())
            .collect();
        k.index_lex()
            .map_err(|message| Error::Config(format!("{}: {message}", files[7].0)))?;
        Ok(k)
    }

    /// Builds the word -> classes mask.
    fn index_lex(&mut self) -> Result<(), String> {
        let mut classes: Vec<&String> = self.cues.keys().collect();
        classes.sort();
        if classes.len() > MAX_CUE_CLASSES {
            return Err(format!(
                "{} cue classes, at most {MAX_CUE_CLASSES} are supported",
                classes.len()
            ));
        }
        self.cue_bits = classes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.to_string(), 1u64 << i))
            .collect();
        let bit = |c: &str| self.cue_bits.get(c).copied().unwrap_or(0);
        self.cue = CueBits {
            relative_pronoun: bit("relative_pronoun"),
            subject_pronoun: bit("subject_pronoun"),
            clause_opener: bit("clause_opener"),
            copula: bit("copula"),
            boundary: bit("boundary"),
            connector: bit("connector"),
            council: bit("council"),
            denial: bit("denial"),
            future: bit("future"),
            hypothetical: bit("hypothetical"),
            join_verb: bit("join_verb"),
            locative: bit("locative"),
            meeting_verb: bit("meeting_verb"),
            negation: bit("negation"),
            not_name: bit("not_name"),
            not_person: bit("not_person"),
            offer: bit("offer"),
            org_category: bit("org_category"),
            org_staff: bit("org_staff"),
            participation: bit("participation"),
            person_noun: bit("person_noun"),
            place_category: bit("place_category"),
            proposal_noun: bit("proposal_noun"),
            organ_word: bit("organ_word"),
            ruled_by: bit("ruled_by"),
            past: bit("past"),
            source: bit("source"),
            speech: bit("speech"),
            title_modifier: bit("title_modifier"),
            topic: bit("topic"),
        };
        let mut lex: HashMap<String, (u64, u32)> = HashMap::default();
        let mut add = |w: &str, bit: u64| lex.entry(w.to_string()).or_default().0 |= bit;
        for (class, words) in &self.cues {
            for w in words {
                add(w, self.cue_bits[class]);
                if CASED_CUES.contains(&class.as_str()) {
                    // as a token's lowercase form is made: Unicode lowercase, curly apostrophe folded
                    add(&w.to_lowercase().replace('’', "'"), LEX_CASED_CUE);
                }
            }
        }
        for w in &self.phrase_starts {
            add(w, LEX_PHRASE_START);
        }
        // the first words of titles, triggers and meeting nouns, each list its bit
        let starts = [LEX_TITLE_START, LEX_TRIGGER_START, LEX_MEETING_START]
            .into_iter()
            .zip(&self.phrases_by_first)
            .flat_map(|(bit, m)| m.keys().map(move |w| (w.clone(), bit)));
        for (w, bit) in starts {
            add(&w, bit);
        }
        // a token ends in one dot at most ("Jan.")
        for w in self.months.keys() {
            add(w, LEX_MONTH);
            add(&format!("{w}."), LEX_MONTH);
        }
        for w in self.weekdays.keys() {
            add(w, LEX_WEEKDAY);
            add(&format!("{w}."), LEX_WEEKDAY);
        }
        for w in self.relative_days.keys().chain(self.since_last.keys()) {
            add(w, LEX_DATE_WORD);
            add(&format!("{w}."), LEX_DATE_WORD);
        }
        for w in DATE_PHRASE_WORDS {
            add(w, LEX_DATE_PHRASE);
            add(&format!("{w}."), LEX_DATE_PHRASE);
        }
        for w in self.name_words.keys() {
            let starts = self.trie.contains_key(&u64::from(self.name_words[w]));
            add(w, if starts { LEX_NAME_START } else { 0 });
        }
        for w in &self.org_heads {
            add(w, LEX_ORG_HEAD);
        }
        for (w, &id) in &self.name_words {
            lex.entry(w.clone()).or_default().1 = id;
        }
        self.lex_first = vec![false; 256];
        for w in lex.keys() {
            if let Some(&b) = w.as_bytes().first() {
                self.lex_first[usize::from(b)] = true;
            }
        }
        self.lex_longest = lex.keys().map(String::len).max().unwrap_or(0);
        self.lex_short = lex
            .iter()
            .filter_map(|(w, &v)| packed(w).map(|key| (key, v)))
            .collect();
        self.lex = lex;
        Ok(())
    }

    /// The classes of a lowercased word: `LEX_*` bits and cue class bits ([`Knowledge::cue_bit`]).
    pub fn lex(&self, lower: &str) -> u64 {
        self.word(lower).0
    }

    /// The classes of a lowercased word ([`Knowledge::lex`]) and its id among the words of
    /// gazetteer names (0 for none), in one lookup.
    #[inline]
    pub fn word(&self, lower: &str) -> (u64, u32) {
        let starts = lower
            .as_bytes()
            .first()
            .is_some_and(|&b| self.lex_first.get(usize::from(b)) == Some(&true));
        if !starts || lower.len() > self.lex_longest {
            return (0, 0);
        }
        match packed(lower) {
            Some(key) => self.lex_short.get(&key),
            None => self.lex.get(lower),
        }
        .copied()
        .unwrap_or((0, 0))
    }

    /// The bit of a cue class in [`Knowledge::lex`] masks; 0 for a class the lexicon lacks.
    pub fn cue_bit(&self, class: &str) -> u64 {
        self.cue_bits.get(class).copied().unwrap_or(0)
    }

    fn push(&mut self, e: GazEntry) {
        self.by_id.insert(e.id.clone(), self.entries.len());
        self.gaz_keys.push(format!("gaz:{}", e.id));
        self.entries.push(e);
    }

    /// The office-holder roles to try, in order, for a nameless mention of the title with these
    /// lowercased words ("the Russian President"): the title's own, else those of "leader".
    pub fn holder_roles(&self, title: &str) -> &[String] {
        let of = |t: &str| {
            self.titles
                .iter()
                .find(|x| {
                    !x.holder_roles.is_empty()
                        && x.words.iter().map(String::as_str).eq(t.split(' '))
                })
                .map(|x| x.holder_roles.as_slice())
        };
        of(title).or_else(|| of("leader")).unwrap_or_default()
    }

    /// Indices of the titles whose first word is `first`, in list order (longest first).
    pub fn titles_from(&self, first: &str) -> &[usize] {
        self.phrases_by_first[0]
            .get(first)
            .map_or(&[], Vec::as_slice)
    }

    /// Indices of the relation triggers whose first word is `first`, in list order.
    pub fn triggers_from(&self, first: &str) -> &[usize] {
        self.phrases_by_first[1]
            .get(first)
            .map_or(&[], Vec::as_slice)
    }

    /// Indices of the meeting nouns whose first word is `first`, in list order.
    pub fn meeting_nouns_from(&self, first: &str) -> &[usize] {
        self.phrases_by_first[2]
            .get(first)
            .map_or(&[], Vec::as_slice)
    }

    /// The mention key of gazetteer entry `i`: `gaz:` and its id, made once at load rather than
    /// for every mention.
    pub fn gaz_key(&self, i: usize) -> &str {
        &self.gaz_keys[i]
    }

    fn index_surfaces(&mut self) {
        for (i, e) in self.entries.iter().enumerate() {
            let forms = std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|a| (a, false));
            let adjs = e.adjectives.iter().map(|a| (a, true));
            for (form, adj) in forms.chain(adjs) {
                // a leading "the" is matched by the article, not the name
                let form = form.strip_prefix("the ").unwrap_or(form);
                let words = phrase_words(form);
                if words.is_empty() {
                    continue;
                }
                self.max_surface_words = self.max_surface_words.max(words.len());
                let longest = self.first_words.entry(words[0].clone()).or_insert(0);
                *longest = (*longest).max(words.len());
                self.surface_tokens
                    .entry(form.to_string())
                    .or_insert_with(|| {
                        crate::text::tokenize(form, 0)
                            .into_iter()
                            .map(|t| t.text.to_string())
                            .collect()
                    });
                if self.trie_keys.is_empty() {
                    self.trie_keys.push(None);
                }
                let mut node = 0u32;
                for w in &words {
                    let fresh = self.name_words.len() as u32 + 1;
                    let id = *self.name_words.entry(w.clone()).or_insert(fresh);
                    let fresh = self.trie_keys.len() as u32;
                    let next = *self
                        .trie
                        .entry(u64::from(node) << 32 | u64::from(id))
                        .or_insert(fresh);
                    if next == fresh {
                        self.trie_keys.push(None);
                    }
                    node = next;
                }
                let key = words.join(" ");
                self.trie_keys[node as usize] = Some(key.clone());
                let list = self.surface.entry(key).or_default();
                if !list
                    .iter()
                    .any(|(j, f, a)| *j == i && f == form && *a == adj)
                {
                    list.push((i, form.to_string(), adj));
                }
            }
        }
        self.country_ix = (0..self.entries.len())
            .map(|i| {
                let c = self.country_of(&self.entries[i].id)?;
                self.by_id.get(&c).copied()
            })
            .collect();
        self.has_shared_form = vec![false; self.entries.len()];
        for (key, list) in &self.surface {
            let mut entries: Vec<usize> = list.iter().filter(|x| !x.2).map(|x| x.0).collect();
            entries.sort_unstable();
            entries.dedup();
            if entries.len() > 1 {
                for &e in &entries {
                    self.has_shared_form[e] = true;
                }
                self.shared_forms.insert(key.clone(), entries);
            }
        }
        self.trie_root = vec![0; self.name_words.len() + 1];
        for (&edge, &child) in &self.trie {
            if edge >> 32 == 0 {
                self.trie_root[(edge & 0xffff_ffff) as usize] = child;
            }
        }
        self.trie_names = self
            .trie_keys
            .iter()
            .map(|key| {
                let Some(list) = key.as_ref().and_then(|k| self.surface.get(k)) else {
                    return Vec::new();
                };
                list.iter()
                    .filter_map(|(entry, alias, adjective)| {
                        let words = self.surface_tokens.get(alias)?.clone();
                        let common_tail = words
                            .last()
                            .is_some_and(|a| a.chars().next().is_some_and(char::is_lowercase));
                        Some(NameForm {
                            entry: *entry,
                            words,
                            adjective: *adjective,
                            common_tail,
                        })
                    })
                    .collect()
            })
            .collect();
    }

    /// The surface keys (lowercased words joined by a space, as in [`Knowledge::surface`]) that
    /// `words` start with, with their length in words, shortest first.
    pub fn surfaces_at<'a, 'w, I: IntoIterator<Item = &'w str>>(
        &'a self,
        words: I,
    ) -> impl Iterator<Item = (usize, &'a str)> + use<'a, 'w, I> {
        self.names_at(
            words
                .into_iter()
                .map(|w| self.name_words.get(w).copied().unwrap_or(0)),
        )
    }

    /// [`Knowledge::surfaces_at`] on word ids ([`Knowledge::word`]; 0 for a word of no name).
    pub fn names_at<'a, I: IntoIterator<Item = u32>>(
        &'a self,
        ids: I,
    ) -> impl Iterator<Item = (usize, &'a str)> + use<'a, I> {
        self.trie_walk(ids)
            .enumerate()
            .filter_map(|(n, node)| self.trie_keys[node as usize].as_deref().map(|k| (n + 1, k)))
    }

    /// The gazetteer names that start at a token whose word and the next words have these ids
    /// ([`Knowledge::word`]): their length in words, and their forms, shortest first.
    pub fn name_forms_at<'a, I: IntoIterator<Item = u32>>(
        &'a self,
        ids: I,
    ) -> impl Iterator<Item = (usize, &'a [NameForm])> + use<'a, I> {
        self.trie_walk(ids)
            .enumerate()
            .map(|(n, node)| (n + 1, self.trie_names[node as usize].as_slice()))
            .filter(|(_, forms)| !forms.is_empty())
    }

    /// The trie nodes reached by these word ids, one per word, until no name continues.
    fn trie_walk<'a, I: IntoIterator<Item = u32>>(
        &'a self,
        ids: I,
    ) -> impl Iterator<Item = u32> + use<'a, I> {
        let mut node = 0u32;
        ids.into_iter().map_while(move |id| {
            node = if node == 0 {
                // a node is never 0 but the root: no child is 0 either
                self.trie_root
                    .get(id as usize)
                    .copied()
                    .filter(|&c| c != 0)?
            } else if id == 0 {
                return None;
            } else {
                *self.trie.get(&(u64::from(node) << 32 | u64::from(id)))?
            };
            Some(node)
        })
    }

    /// Whether entry `i` shares a name form with another entry.
    pub fn has_shared_form(&self, i: usize) -> bool {
        self.has_shared_form.get(i).copied().unwrap_or(false)
    }

    /// The index of the country entry `id` belongs to ([`Knowledge::country_of`]), made at load.
    pub fn country_index(&self, id: &str) -> Option<usize> {
        let i = *self.by_id.get(id)?;
        self.country_ix.get(i).copied().flatten()
    }

    /// The entries that share the name form `key` (lowercased words joined by a space) with entry
    /// `i`, `i` among them, in gazetteer order; `None` when `i` shares no form.
    pub fn sharing(&self, i: usize, key: &str) -> Option<&[usize]> {
        if !self.has_shared_form.get(i).copied().unwrap_or(false) {
            return None;
        }
        self.shared_forms.get(key).map(Vec::as_slice)
    }

    /// Whether a trimmed line matches a chrome pattern. `lowered` is the line with its ASCII
    /// letters lowercased, if the caller has it; `lower` gives the line lowercased, needed only
    /// when it is not ASCII.
    pub fn is_chrome(
        &self,
        line: &str,
        lowered: Option<&str>,
        lower: impl FnOnce() -> String,
    ) -> bool {
        // most lines lowercase by their ASCII letters alone: ASCII, or with curly quotes, dashes and
        // lowercase accented letters; only the others need the Unicode lowercase
        let ascii = line.is_ascii() || lowercase_is_ascii(line);
        let owned;
        let h = if ascii {
            line.as_bytes()
        } else {
            owned = lower();
            owned.as_bytes()
        };
        let starts = h
            .first()
            .and_then(|b| self.chrome_starts.get(&b.to_ascii_lowercase()));
        for &i in starts.into_iter().flatten() {
            let p = self.chrome[i].pattern.as_bytes();
            let fits = if self.chrome[i].kind == "prefix" {
                h.len() >= p.len()
            } else {
                h.len() == p.len()
            };
            if fits && h[..p.len()].eq_ignore_ascii_case(p) {
                return true;
            }
        }
        // a paragraph this long is body even when it names a chrome phrase ("eliminate cookies")
        if self.chrome_contains.is_empty() || h.len() > MAX_CHROME_CONTAINS_LINE {
            return false;
        }
        let owned;
        let h = match (ascii, lowered) {
            (true, Some(l)) => l.as_bytes(),
            (true, None) => {
                owned = h.to_ascii_lowercase();
                &owned
            }
            (false, _) => h,
        };
        self.chrome_contains.is_match(h)
    }

    /// Whether a token ending in a dot is a known abbreviation.
    pub fn is_abbreviation(&self, token: &str) -> bool {
        self.abbreviations.contains(token)
    }

    /// Whether a title, relation trigger or meeting noun may start with this lowercased token.
    pub fn starts_phrase(&self, lower: &str) -> bool {
        self.phrase_starts.contains(lower)
    }

    /// The words of a cue class (empty when the class is unknown), for loops that test many words.
    pub fn cue_words(&self, class: &str) -> &HashSet<String> {
        static EMPTY: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
        self.cues
            .get(class)
            .unwrap_or_else(|| EMPTY.get_or_init(HashSet::default))
    }

    /// Whether `word` (lowercased unless class is `not_name`) is a cue of `class`.
    pub fn is_cue(&self, class: &str, word: &str) -> bool {
        self.cues.get(class).is_some_and(|s| s.contains(word))
    }

    /// Whether token `t`, as written, is a word of a case-sensitive cue class (`not_name`,
    /// `not_person`): its lowercase form's class bit rules out most tokens before any lookup.
    pub fn is_cased_cue(&self, class: &str, t: &crate::text::Token) -> bool {
        t.is(LEX_CASED_CUE) && self.is_cue(class, t.text)
    }

    /// The gazetteer entry with this id.
    pub fn entry(&self, id: &str) -> Option<&GazEntry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The country a gazetteer entry belongs to (itself for a country).
    pub fn country_of(&self, id: &str) -> Option<String> {
        let e = self.entry(id)?;
        if e.kind == "country" {
            return Some(e.id.clone());
        }
        let c = e.country.clone().or_else(|| e.parent.clone())?;
        if c == id {
            return None;
        }
        match self.entry(&c) {
            Some(p) if p.kind == "country" => Some(p.id.clone()),
            Some(p) if p.etype == EntityType::Place && p.id != e.id => {
                self.country_of(&p.id.clone())
            }
            _ => None,
        }
    }

    /// The person holding `role` of `of` in `year`, from the gazetteer. Terms are recorded in whole
    /// years, so in a year of handover the newer holder is taken.
    pub fn holder(&self, role_words: &[&str], of: &str, year: Option<i32>) -> Option<&GazEntry> {
        self.role_holders
            .get(of)?
            .iter()
            .map(|&i| &self.entries[i])
            .filter_map(|e| {
                let from = e
                    .roles
                    .iter()
                    .filter(|(r, o, from, to)| {
                        o == of
                            && role_words.contains(&r.as_str())
                            && year.is_none_or(|y| {
                                from.is_none_or(|f| f <= y) && to.is_none_or(|t| y <= t)
                            })
                    })
                    .map(|(_, _, from, _)| from.unwrap_or(i32::MIN))
                    .max()?;
                (e.etype == EntityType::Person).then_some((from, e))
            })
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.id.cmp(&a.1.id)))
            .map(|(_, e)| e)
    }

    /// The body of `template` for `country`: a gazetteer organisation of that country whose name or
    /// alias contains the template's phrase.
    pub fn template_org(&self, template: &str, country: &str) -> Option<&GazEntry> {
        self.template_orgs
            .get(&(template.to_string(), country.to_string()))
            .map(|&i| &self.entries[i])
    }

    fn index_people(&mut self) {
        for (i, e) in self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.etype == EntityType::Person)
        {
            for a in std::iter::once(&e.name).chain(&e.aliases) {
                let w: Vec<String> = a.split_whitespace().map(norm_key).collect();
                if w.len() >= 2 {
                    self.person_names
                        .entry(w[0].clone())
                        .or_default()
                        .push((i, w));
                }
            }
            let mut of: Vec<&String> = e.roles.iter().map(|(_, o, _, _)| o).collect();
            of.sort();
            of.dedup();
            for o in of {
                self.role_holders.entry(o.clone()).or_default().push(i);
            }
        }
    }

    fn index_templates(&mut self) {
        // a body named by the phrase itself ("Senate") comes before those that contain it
        // ("Senate Armed Services Committee")
        for exact in [true, false] {
            self.index_templates_by(exact);
        }
    }

    fn index_templates_by(&mut self, exact: bool) {
        for (i, e) in self.entries.iter().enumerate() {
            let Some(country) = e
                .country
                .as_ref()
                .filter(|_| e.etype == EntityType::Organization)
            else {
                continue;
            };
            let names: Vec<Vec<String>> = std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|a| phrase_words(a))
                .collect();
            for (p, t) in &self.org_templates {
                let found = if exact {
                    names.iter().any(|w| w == p)
                } else {
                    names
                        .iter()
                        .any(|w| w.windows(p.len()).any(|x| x == p.as_slice()))
                };
                if found {
                    self.template_orgs
                        .entry((t.clone(), country.clone()))
                        .or_insert(i);
                }
            }
        }
    }
}

/// Whether lowercasing `s` changes only its ASCII letters: every other character is its own
/// lowercase (punctuation such as curly quotes and dashes, lowercase or caseless letters).
fn lowercase_is_ascii(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(p) = b[i..].iter().position(|c| !c.is_ascii()) {
        let Some(c) = s[i + p..].chars().next() else {
            return true;
        };
        // General Punctuation has no case; elsewhere ask the tables
        let same = matches!(c, '\u{2000}'..='\u{206F}') || {
            let mut l = c.to_lowercase();
            l.next() == Some(c) && l.next().is_none()
        };
        if !same {
            return false;
        }
        i += p + c.len_utf8();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

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
    // the list's bit
    #[test]
    fn word_classes_agree_with_the_lists() {
        let k = Knowledge::embedded();
        let mut words: Vec<String> = k.lex.keys().cloned().collect();
        words.extend(
            [
                "paris", "the", "said", "met", "jan.", "mon.", "", ".", "9", "zzz", "this.", "days",
            ]
            .map(String::from),
        );
        for w in &words {
            let lex = k.lex(w);
            for (class, set) in &k.cues {
                assert_eq!(
                    lex & k.cue_bit(class) != 0,
                    set.contains(w),
                    "{w:?} in {class}"
                );
            }
            let trimmed = w.trim_end_matches('.');
            let checks = [
                (LEX_MONTH, k.months.contains_key(trimmed)),
                (LEX_WEEKDAY, k.weekdays.contains_key(trimmed)),
                (
                    LEX_DATE_WORD,
                    k.relative_days.contains_key(trimmed) || k.since_last.contains_key(trimmed),
                ),
                (LEX_DATE_PHRASE, DATE_PHRASE_WORDS.contains(&trimmed)),
                (
                    LEX_CASED_CUE,
                    CASED_CUES.iter().any(|c| {
                        k.cue_words(c)
                            .iter()
                            .any(|x| x.to_lowercase().replace('’', "'") == *w)
                    }),
                ),
                (LEX_PHRASE_START, k.phrase_starts.contains(w)),
                (LEX_ORG_HEAD, k.org_heads.contains(w)),
                (LEX_NAME_START, k.first_words.contains_key(w)),
                (
                    LEX_TITLE_START,
                    k.titles.iter().any(|t| t.words.first() == Some(w)),
                ),
                (
                    LEX_TRIGGER_START,
                    k.triggers.iter().any(|t| t.words.first() == Some(w)),
                ),
                (
                    LEX_MEETING_START,
                    k.meeting_nouns.iter().any(|m| m.words.first() == Some(w)),
                ),
            ];
            // a word ends in one dot at most, as tokens do
            if w.ends_with("..") {
                continue;
            }
            for (bit, want) in checks {
                assert_eq!(lex & bit != 0, want, "{w:?} bit {bit:x}");
            }
        }
    }

    // the first-word index hands each phrase list back whole: every phrase under its first word,
    // in list order, and nothing under another word
    /// The packed key of a short word is its bytes and length, whatever its length; and a lookup
    /// through it answers as the word's own entry does.
    #[test]
    fn short_words_pack_to_their_bytes() {
        let reference = |w: &str| {
            let b = w.as_bytes();
            ((1..=7).contains(&b.len())).then(|| {
                b.iter()
                    .enumerate()
                    .fold(0u64, |k, (i, &c)| k | u64::from(c) << (8 * i))
                    | (b.len() as u64) << 56
            })
        };
        let table = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdef",
            "abcdefg",
            "abcdefgh",
            "a\0",
            "\0",
            "é",
            "naïve",
            "über",
            "\u{FF}\u{FF}",
        ];
        for w in table {
            assert_eq!(packed(w), reference(w), "{w:?}");
        }
        let k = Knowledge::embedded();
        for (w, v) in &k.lex {
            assert_eq!(packed(w), reference(w), "{w:?}");
            assert_eq!(k.word(w), *v, "{w:?}");
        }
        for w in ["zzqx", "a\0", "qqqqqqq", "unknownword"] {
            assert_eq!(k.word(w), (0, 0), "{w:?}");
        }
    }

    #[test]
    fn phrase_index_holds_every_phrase_under_its_first_word() {
        let k = Knowledge::embedded();
        type From = fn(&Knowledge, &str) -> Vec<usize>;
        let lists: [(Vec<&Vec<String>>, From); 3] = [
            (k.titles.iter().map(|t| &t.words).collect(), |k, w| {
                k.titles_from(w).to_vec()
            }),
            (k.triggers.iter().map(|t| &t.words).collect(), |k, w| {
                k.triggers_from(w).to_vec()
            }),
            (
                k.meeting_nouns.iter().map(|m| &m.words).collect(),
                |k, w| k.meeting_nouns_from(w).to_vec(),
            ),
        ];
        for (words, from) in lists {
            assert!(!words.is_empty());
            for w in &words {
                let first = &w[0];
                let want: Vec<usize> = (0..words.len())
                    .filter(|&i| words[i][0] == *first)
                    .collect();
                assert_eq!(from(&k, first), want, "{first:?}");
            }
            assert!(from(&k, "no-such-word").is_empty());
        }
    }

    #[test]
    fn lowercase_is_ascii_exactly_when_unicode_lowercase_agrees() {
        let cases = [
            ("ASCII", "Getty Images", true),
            ("curly quotes and dashes", "“Yes” — she said… ‘no’ –", true),
            ("lowercase accents", "café déjà łódź", true),
            ("capital accent", "Édition", false),
            ("Kelvin sign lowercases to k", "\u{212A}elvin", false),
            ("dotted capital I grows", "İstanbul", false),
            ("Greek capital", "ΣΟΦΙΑ", false),
            ("CJK has no case", "北京 talks", true),
        ];
        for (name, input, want) in cases {
            assert_eq!(lowercase_is_ascii(input), want, "{name}");
            // the claim it makes: lowercasing is then ASCII lowercasing
            if want {
                assert_eq!(input.to_lowercase(), input.to_ascii_lowercase(), "{name}");
            }
        }
    }

    // the chrome matcher (first bytes and substring search) answers as the patterns read one by one
    #[test]
    fn chrome_matcher_agrees_with_the_patterns() {
        let k = Knowledge::embedded();
        let mut lines: Vec<String> = Vec::new();
        for p in &k.chrome {
            let q = p.pattern.clone();
            lines.extend([
                q.clone(),
                q.to_uppercase(),
                format!("{q} and more"),
                format!("Before {q}"),
                format!("x{q}"),
                q.chars().skip(1).collect(),
            ]);
        }
        lines.extend(
            [
                "The talks ended.",
                "Leave a reply",
                "ÉDITION: Getty Images",
                "“Getty Images” — photo",
                "Photo: GETTY IMAGES – café",
                "Photo: GETTY \u{212A}MAGES",
                "İstanbul — Getty Images",
                "ΣΟΦΙΑ | UPDATED",
            ]
            .map(String::from),
        );
        // a paragraph longer than the cap is body even with a chrome phrase in it
        lines.push(format!("{} we use cookies", "word ".repeat(100)));
        for line in &lines {
            let t = line.trim();
            let lower = t.to_lowercase();
            let naive = k.chrome.iter().any(|p| p.matches(&lower));
            assert_eq!(k.is_chrome(t, None, || t.to_lowercase()), naive, "{line:?}");
        }
    }
}
