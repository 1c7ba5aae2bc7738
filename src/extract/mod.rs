//! Extraction: one article in, its facts out (entities, meetings, edges), one article at a time;
//! resolution across articles happens when the graph is built. [`extract`] lists the passes: over
//! each sentence (names, bodies, titles, roles), then over the article (coreference, each fact).

mod bodies;
mod coref;
mod dates;
mod facts;
mod gazetteer;
mod lists;
mod meetings;
mod mentions;
mod names;
mod positional;
mod pronouns;
mod relations;
mod roles;
mod spelling;
mod titles;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

pub use dates::{find_article_date, find_article_date_near, plausible_article_date};
pub use facts::{type_of_key, ArticleFacts, End, Evidence, LocalMeeting};
pub use meetings::{compatible as meetings_compatible, merge_into as merge_meeting};

// the paths these had when extract was one file (crate::extract::LocalEdge), kept for the modules
// that may name them (the types of ArticleFacts's fields), though none does now
#[allow(unused_imports)]
pub use {
    dates::find_dates,
    facts::{LocalEdge, LocalEntity},
};

use crate::knowledge::Knowledge;
use crate::text::{self, Article, Sentence, Token};
use gazetteer::Countries;
use mentions::{Analysed, Mention, Role};
use titles::TitleHit;

/// Extracts the facts of one article.
pub fn extract(article: &Article, k: &Knowledge) -> ArticleFacts {
    let lowered = text::Lowered::of(article);
    let mut facts = ArticleFacts::new(article);
    for range in text::pieces(&article.text, PIECE_BYTES) {
        facts.absorb(extract_piece(article, &lowered, range, k));
    }
    facts
}

/// The most text read as one: a longer article (no news article is a fifth this long; a page
/// that is, is mostly many articles run together) is read a piece of about this size at a time,
/// each piece on its own (names and "he" resolve within it, its entities join the others' by key),
/// so that its tokens, some 15 times the text's size, are never all held at once.
pub const PIECE_BYTES: usize = 1 << 18;

/// The facts of the piece `range` of an article, read as a whole article is.
fn extract_piece(
    article: &Article,
    lowered: &text::Lowered,
    range: std::ops::Range<usize>,
    k: &Knowledge,
) -> ArticleFacts {
    // text: page chrome dropped, the rest cut into sentences of tokens
    let mut doc = Doc::new(article, k);
    for s in text::sentences_in(article, lowered, range, k) {
        read_sentence(&mut doc, s);
    }
    names::add_heading_people(&mut doc.sents, k);
    // across the article: who "the prime minister", "Biden" and "Zelenskiy" are, then "he", "which"
    let year = article.published.map(|d| d.year);
    let titled = std::mem::take(&mut doc.titled);
    let refs = coref::resolve_names(&mut doc.sents, &doc.roles, titled, k, year);
    pronouns::resolve_pronouns(&mut doc.sents, k);
    // the facts
    let mut facts = ArticleFacts::new(article);
    facts::name_entities(&doc.sents, &mut facts);
    roles::role_edges(article, &doc.sents, &doc.roles, &refs, &mut facts);
    positional::find_edges(article, &doc.sents, k, &mut facts);
    relations::find_relations(article, &doc.sents, k, &mut facts);
    meetings::find_meetings(article, &doc.sents, k, &mut facts);
    facts::add_end_entities(&mut facts, k);
    facts
}

/// The passes over one sentence: its names and titles, the bodies common words tell, the roles its
/// titles state and who bears which office. Later sentences see it in `doc.sents`.
fn read_sentence<'a>(doc: &mut Doc<'a>, s: Sentence<'a>) {
    let (k, toks) = (doc.k, &s.tokens[..]);
    let (mut ms, titles) = find_mentions(toks, k, s.headline, &doc.countries);
    doc.countries.read(&ms, k);
    bodies::fix_templates(toks, &mut ms, k);
    bodies::add_governments(toks, &mut ms, k);
    bodies::add_led_bodies(toks, &mut ms, k);
    bodies::add_body_anaphors(toks, &mut ms, &doc.last_body, k);
    let before = doc.sents.last().filter(|b| !b.headline);
    bodies::add_proposal_owners(toks, &mut ms, before, k);
    bodies::note_last_bodies(&ms, &mut doc.last_body, k);
    if !s.headline {
        let idx = doc.sents.len();
        let stated = titles::attach_titles(toks, &mut ms, &titles, k);
        titles::absorb_party_tags(toks, &mut ms, k);
        bodies::fold_possessive_organs(toks, &mut ms, k);
        let stated = stated
            .into_iter()
            .chain(roles::possessive_affiliations(toks, &ms))
            .chain(roles::person_of_body(toks, &ms, k))
            .chain(roles::ruled_under(toks, &ms, &titles, k));
        doc.roles.extend(stated.map(|r| (idx, r)));
        // a title with a country and no name after it refers to that country's leader: "the Russian President"
        titles::add_title_references(toks, &mut ms, &titles, k);
    }
    titles::note_office_holders(&titles, &ms, &mut doc.titled, k);
    doc.sents.push(Analysed {
        tokens: s.tokens,
        span: s.span,
        text: std::cell::OnceCell::new(),
        article: doc.id.clone(),
        mentions: ms,
        headline: s.headline,
    });
}

/// The mentions and titles of one sentence: the gazetteer's names, then titles on the words those
/// leave, then (outside headlines) the runs of capitalised words no list knows.
fn find_mentions(
    toks: &[Token],
    k: &Knowledge,
    headline: bool,
    countries: &Countries,
) -> (Vec<Mention>, Vec<TitleHit>) {
    let mut covered = vec![false; toks.len()];
    let mut ms = gazetteer::find_names(toks, k, countries, &mut covered);
    let titles = titles::find_titles(toks, &mut covered, k);
    if headline {
        ms.sort_by_key(|m| m.a);
        return (ms, titles);
    }
    names::find_unknown_names(toks, &mut ms, &titles, &covered, k);
    ms.sort_by_key(|m| (m.a, m.b));
    lists::add_listed_people(toks, &mut ms, &titles, k);
    (ms, titles)
}

/// One article as its sentences are read: what the passes over each sentence leave for the passes
/// over the whole article.
struct Doc<'a> {
    /// The gazetteer and lexicon.
    k: &'a Knowledge,
    /// The article's id, shared by every fact's evidence.
    id: Arc<str>,
    /// The sentences read so far, with their mentions.
    sents: Vec<Analysed<'a>>,
    /// The roles the sentences state (by titles, possessives, "under"), with their sentence.
    roles: Vec<(usize, Role)>,
    /// Who bears which title, by office class, for "the prime minister" later ("Prime Minister X").
    titled: BTreeMap<String, BTreeSet<String>>,
    /// The body of each kind the article named last, for "the party", "the bloc".
    last_body: BTreeMap<String, String>,
    /// How often the article has named each country so far.
    countries: Countries,
}

impl<'a> Doc<'a> {
    /// An article before any of its sentences is read.
    fn new(article: &Article, k: &'a Knowledge) -> Self {
        Doc {
            k,
            id: article.id.as_str().into(),
            sents: Vec::new(),
            roles: Vec::new(),
            titled: BTreeMap::new(),
            last_body: BTreeMap::new(),
            countries: Countries::default(),
        }
    }
}
