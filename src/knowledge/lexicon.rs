//! The lexicon's word classes. In: the cue classes, titles, triggers, meeting nouns, date words and
//! name words loaded from `ontology/`; out: one lookup that gives a lowercased word's classes as a
//! bit mask (and its id among the words of names), and the phrase lists by their first word.

use rustc_hash::FxHashMap as HashMap;
use rustc_hash::FxHashSet as HashSet;

use super::{Knowledge, DATE_PHRASE_WORDS};

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
pub(super) const CASED_CUES: [&str; 3] = ["not_name", "not_person", "event_name"];
/// A token's class bit: the lowercase form of a word of a case-sensitive cue class (`not_name`,
/// `not_person`, `event_name`, which hold words as written): a token without it is in neither, and one with it
/// is compared as written.
pub const LEX_CASED_CUE: u64 = 1 << 53;
/// How many cue classes can have a bit beside the fixed class bits.
const MAX_CUE_CLASSES: usize = 53;

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
    /// `adjective_name` words.
    pub adjective_name: u64,
    /// `common_noun_name` words.
    pub common_noun_name: u64,
}

impl Knowledge {
    /// Builds the word -> classes mask.
    pub(super) fn index_lex(&mut self) -> Result<(), String> {
        self.index_cue_bits()?;
        let lex = self.word_classes();
        self.index_words(lex);
        Ok(())
    }

    /// Gives a bit to each cue class the extractor tests as a bit ([`CueBits`]; the others are
    /// looked up by name with [`Knowledge::is_cue`]), and sets [`Knowledge::cue`].
    fn index_cue_bits(&mut self) -> Result<(), String> {
        const BIT_CLASSES: [&str; 32] = [
            "relative_pronoun",
            "subject_pronoun",
            "clause_opener",
            "copula",
            "boundary",
            "connector",
            "council",
            "denial",
            "future",
            "hypothetical",
            "join_verb",
            "locative",
            "meeting_verb",
            "negation",
            "not_name",
            "not_person",
            "offer",
            "org_category",
            "org_staff",
            "participation",
            "person_noun",
            "place_category",
            "proposal_noun",
            "organ_word",
            "ruled_by",
            "past",
            "source",
            "speech",
            "title_modifier",
            "topic",
            "adjective_name",
            "common_noun_name",
        ];
        const _: () = assert!(BIT_CLASSES.len() <= MAX_CUE_CLASSES);
        self.cue_bits = BIT_CLASSES
            .iter()
            .enumerate()
            .filter(|(_, c)| self.cues.contains_key(**c))
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
            adjective_name: bit("adjective_name"),
            common_noun_name: bit("common_noun_name"),
        };
        Ok(())
    }

    /// The classes of every word of the lexicon, and the id of every word of a name.
    fn word_classes(&self) -> HashMap<String, (u64, u32)> {
        let mut lex: HashMap<String, (u64, u32)> = HashMap::default();
        let mut add = |w: &str, bit: u64| lex.entry(w.to_string()).or_default().0 |= bit;
        for (class, words) in &self.cues {
            for w in words {
                add(w, self.cue_bits.get(class).copied().unwrap_or(0));
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
        lex
    }

    /// Keeps the word -> classes map, with the first bytes and the lengths that answer most
    /// tokens without a lookup, and the short words keyed by their packed bytes.
    fn index_words(&mut self, lex: HashMap<String, (u64, u32)>) {
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

    /// Indexes the titles, relation triggers and meeting nouns by their first word.
    pub(super) fn index_phrases(&mut self) {
        let by_first = |lists: Vec<&Vec<String>>| {
            let mut m: HashMap<String, Vec<usize>> = HashMap::default();
            for (i, w) in lists.into_iter().enumerate() {
                if let Some(f) = w.first() {
                    m.entry(f.clone()).or_default().push(i);
                }
            }
            m
        };
        self.phrases_by_first = [
            by_first(self.titles.iter().map(|t| &t.words).collect()),
            by_first(self.triggers.iter().map(|t| &t.words).collect()),
            by_first(self.meeting_nouns.iter().map(|m| &m.words).collect()),
        ];
        self.phrase_starts = self
            .phrases_by_first
            .iter()
            .flat_map(|m| m.keys().cloned())
            .collect();
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

    /// Whether the word `lower` (a token's lowercase form) is an honorific: "mr", "ms", "sir",
    /// "dame" (cue class `honorific`), a title that names no office.
    pub fn is_honorific(&self, lower: &str) -> bool {
        self.is_cue("honorific", lower.trim_end_matches('.'))
    }

    /// The length of an honorific at token `i` ("Mr", "Mr.", "Sir"), 0 for none.
    pub fn honorific_at(&self, tokens: &[crate::text::Token], i: usize) -> usize {
        match tokens.get(i) {
            Some(t) if self.is_honorific(&t.lower) => {
                if tokens.get(i + 1).is_some_and(|d| d.lower == ".") {
                    2
                } else {
                    1
                }
            }
            _ => 0,
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
            for (class, set) in k.cues.iter().filter(|(c, _)| k.cue_bit(c) != 0) {
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

    // the first-word index hands each phrase list back whole: every phrase under its first word,
    // in list order, and nothing under another word
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
}
