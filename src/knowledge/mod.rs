//! Extraction knowledge: in, the gazetteer and lexicon files of `ontology/` (embedded in the
//! binary, or a folder with the same layout given at run time); out, a [`Knowledge`] that answers
//! for a word or a run of words what the extractor needs (names, titles, cues, dates, chrome).

mod chrome;
mod gazetteer;
mod lexicon;
mod load;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use self::chrome::ChromeContains;
pub use self::chrome::ChromePattern;
use self::lexicon::CASED_CUES;
pub use self::lexicon::{
    CueBits, LEX_DATE_PHRASE, LEX_DATE_WORD, LEX_MEETING_START, LEX_MONTH, LEX_NAME_START,
    LEX_ORG_HEAD, LEX_TITLE_START, LEX_TRIGGER_START, LEX_WEEKDAY,
};
pub use self::load::phrase_words;

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
    /// Where a place is, when a source gives it (GeoNames, Natural Earth).
    pub geo: Option<Geo>,
    /// Whether the place is one only by context: a town whose name is also a word or a person's
    /// name ("Mobile", "Austin"), taken as a place only where the text makes it one ("in X").
    pub context_only: bool,
    /// Whether the place is taken by its name only where the name stands alone: a GeoNames town,
    /// not a curated place, so that a person named like it ("Hamid Safi") is no place.
    pub alone: bool,
}

/// A place's position, and its GeoNames id when it has one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geo {
    /// Latitude, degrees north (-90 to 90).
    pub lat: f64,
    /// Longitude, degrees east (-180 to 180).
    pub lon: f64,
    /// The GeoNames id (`https://sws.geonames.org/ID/`).
    pub geonames: Option<u32>,
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
    /// A plural made from a title of the file ("Senators", "Reps."): it names each of the people
    /// listed after it ("Senators X and Y"), and no one person when it stands alone.
    pub plural: bool,
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

/// Everything the extractor knows, as data: the gazetteer (countries, cities, bodies, office
/// holders and their terms, given names), the lexicon (titles, relation verbs, meeting nouns,
/// month and weekday names, cue words) and the page-chrome patterns, loaded from the files of
/// `ontology/`. [`Knowledge::embedded`] is the copy built into the binary; [`Knowledge::from_dir`]
/// loads a folder with the same layout, so a new title or verb is a line in a file, with an error
/// that names the file and line when a line is malformed.
///
/// ```
/// use newsgraph::{EntityType, Knowledge};
///
/// let k = Knowledge::embedded();
/// let france = k.entry("france").unwrap();
/// assert_eq!((france.name.as_str(), france.etype), ("France", EntityType::Place));
/// ```
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
    /// The towns that are places only by context, by name key (see [`Knowledge::context_place`]).
    context_places: HashMap<String, usize>,
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
    /// Full given names by their short forms (`gazetteer/nicknames.tsv`): "pat" -> "patrick".
    pub nicknames: HashMap<String, String>,
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

#[cfg(test)]
mod tests {
    use super::norm_key;

    // a key is the words of letters and digits, lowercased, one space apart; the ASCII path is a
    // fast path and must agree with the general one
    #[test]
    fn keys_are_lowercased_words() {
        let cases: &[(&str, &str, &str)] = &[
            ("one word", "Putin", "putin"),
            ("two words", "Emmanuel Macron", "emmanuel macron"),
            ("inner punctuation", "U.S.-China  talks", "u s china talks"),
            ("outer punctuation", " (NATO) ", "nato"),
            ("digits", "G7 summit", "g7 summit"),
            ("nothing", "-- !", ""),
            ("not ASCII", "Kyiv–Lviv talks", "kyiv lviv talks"),
            ("accents", "Élysée Palace", "élysée palace"),
        ];
        for (name, input, want) in cases {
            assert_eq!(norm_key(input), *want, "{name}");
            // the general path on the same text, forced by a non-ASCII character at the end
            let general = norm_key(&format!("{input}\u{a0}"));
            assert_eq!(general, *want, "{name}: the general path");
        }
    }
}
