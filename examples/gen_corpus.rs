//! Generates a synthetic news corpus for benchmarks: JSON Lines articles (`id`, `url`, `title`,
//! `published`, `text`) built from the gazetteer and sentence templates that cover every relation of
//! the vocabulary, about half of each article background prose. The same seed gives the same bytes.
//!
//! A world of a few thousand events (calls, talks, summits, warnings, ...) is drawn first, and each
//! article reports some of them, as a news stream reports the same events many times: the graph
//! stops growing once every event has been reported, while the corpus grows on.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --size 100M --seed 1 -o /tmp/corpus-100M.jsonl
//! ```

use std::io::{BufWriter, Write};

use newsgraph::{Date, EntityType, Knowledge};

/// splitmix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A person with the phrase that introduces them and the short form used afterwards.
#[derive(Clone)]
struct Actor {
    full: String,
    short: String,
    country: usize,
}

struct Country {
    name: String,
    adjective: String,
    cities: Vec<String>,
}

struct World {
    countries: Vec<Country>,
    actors: Vec<Actor>,
    orgs: Vec<String>,
    media: Vec<String>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn title_of(role: &str) -> Option<&'static str> {
    Some(match role {
        "president" => "President",
        "prime_minister" => "Prime Minister",
        "foreign_minister" => "Foreign Minister",
        "chancellor" => "Chancellor",
        _ => return None,
    })
}

fn world(k: &Knowledge, rng: &mut Rng) -> World {
    let mut countries = Vec::new();
    let mut index = std::collections::BTreeMap::new();
    let mut entries: Vec<_> = k.entries.iter().collect();
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    for e in entries
        .iter()
        .filter(|e| e.kind == "country" && !e.adjectives.is_empty())
    {
        index.insert(e.id.clone(), countries.len());
        countries.push(Country {
            name: e.name.clone(),
            adjective: e.adjectives[0].clone(),
            cities: vec![],
        });
    }
    for e in entries.iter().filter(|e| e.kind == "city") {
        if let Some(&c) = e.parent.as_ref().and_then(|p| index.get(p)) {
            countries[c].cities.push(e.name.clone());
        }
    }
    let mut actors = Vec::new();
    for e in entries.iter().filter(|e| e.etype == EntityType::Person) {
        // office-holders of the years the events fall in (2021-2024)
        for (role, of, _, _) in e.roles.iter().filter(|r| r.3.is_none_or(|to| to >= 2021)) {
            if let (Some(t), Some(&c)) = (title_of(role), index.get(of)) {
                actors.push(Actor {
                    full: format!("{} {t} {}", countries[c].adjective, e.name),
                    short: e.name.rsplit(' ').next().unwrap_or(&e.name).to_string(),
                    country: c,
                });
                break;
            }
        }
    }
    // officials the gazetteer does not know, named by a title, as most people in the news are
    let mut firsts: Vec<&String> = k.first_names.iter().collect();
    firsts.sort();
    let lasts: Vec<String> = actors.iter().map(|a| a.short.clone()).collect();
    let offices = [
        "Defence Minister",
        "Deputy Foreign Minister",
        "Trade Minister",
        "Energy Minister",
        "Interior Minister",
        "Finance Minister",
        "Health Minister",
        "Ambassador",
    ];
    for _ in 0..1500 {
        let c = rng.below(countries.len());
        let last = rng.pick(&lasts).clone();
        let name = format!("{} {last}", rng.pick(&firsts));
        actors.push(Actor {
            full: format!("{} {} {name}", countries[c].adjective, rng.pick(&offices)),
            short: last,
            country: c,
        });
    }
    let pick_orgs = |kind: &str| -> Vec<String> {
        entries
            .iter()
            .filter(|e| e.etype == EntityType::Organization && e.kind == kind)
            .map(|e| e.name.clone())
            .collect()
    };
    World {
        orgs: pick_orgs("international"),
        media: pick_orgs("media"),
        countries,
        actors,
    }
}

/// One event of the world: what happened, between whom, when and where.
struct Event {
    kind: usize,
    a: usize,
    b: usize,
    day: Date,
    city: String,
    topic: &'static str,
}

const TOPICS: [&str; 12] = [
    "the grain corridor",
    "energy prices",
    "the border dispute",
    "sanctions relief",
    "a ceasefire",
    "arms exports",
    "the nuclear programme",
    "fishing rights",
    "a trade agreement",
    "refugee returns",
    "debt restructuring",
    "troop withdrawals",
];

fn date_phrase(d: Date) -> String {
    format!("{} {}", MONTHS[d.month as usize - 1], d.day)
}

/// The sentences that report an event.
fn report(e: &Event, w: &World, rng: &mut Rng, out: &mut Vec<String>) {
    let (a, b) = (&w.actors[e.a], &w.actors[e.b]);
    let on = date_phrase(e.day);
    let t = e.topic;
    let s = match e.kind {
        0 => format!(
            "{} held a phone call with {} on {on} to discuss {t}.",
            a.full, b.full
        ),
        1 => format!(
            "{} met {} in {} on {on} for talks on {t}.",
            a.full, b.full, e.city
        ),
        2 => format!(
            "{} warned {} on {on} that {t} could not wait.",
            a.full, b.full
        ),
        3 => format!(
            "{} urged {} on {on} to resolve {t} quickly.",
            a.full, b.full
        ),
        4 => format!(
            "{} accused {} on {on} of blocking progress on {t}.",
            a.full, b.full
        ),
        5 => format!(
            "{} assured {} on {on} that {t} remained a priority.",
            a.full, b.full
        ),
        6 => format!(
            "{} demanded on {on} that {} end the dispute over {t}.",
            a.full, b.full
        ),
        7 => format!(
            "{} rejected a proposal by {} on {t} on {on}.",
            a.full, b.full
        ),
        8 => format!("{} voiced support for {} on {t} on {on}.", a.full, b.full),
        9 => format!(
            "{} and {} scheduled a phone call on {t} for {on}.",
            a.full, b.full
        ),
        10 => format!(
            "{} proposed to {} on {on} a joint commission on {t}.",
            a.full, b.full
        ),
        11 => format!(
            "{} demanded that {} end the dispute over {t}.",
            a.full, b.full
        ),
        12 => format!("{} consulted {} on {t} on {on}.", a.full, b.full),
        _ => format!(
            "Leaders met in {} on {on} for a summit of the {} on {t}, attended by {} and {}.",
            e.city,
            rng.pick(&w.orgs),
            a.full,
            b.full
        ),
    };
    out.push(s);
    let follow = [
        format!(
            "{} said afterwards that the conversation had been frank.",
            a.short
        ),
        format!("{} did not comment on the exchange.", b.short),
        format!("{}'s adviser {} said the talks had been useful.", a.full, {
            // a name without its title: the last two words of an official's
            let o = &w.actors[w.actors.len() - 1 - (e.a * 7 + 3) % 1500].full;
            let words: Vec<&str> = o.split(' ').collect();
            words[words.len().saturating_sub(2)..].join(" ")
        }),
        format!("Officials in {} said {t} would be discussed again.", e.city),
        format!(
            "{} and {} have disagreed over {t} for years.",
            w.countries[a.country].name, w.countries[b.country].name
        ),
        format!(
            "The {} in {} reported that aides had prepared the meeting for weeks.",
            rng.pick(&w.media),
            e.city
        ),
    ];
    out.push(rng.pick(&follow).clone());
}

const FILLER: [&str; 24] = [
    "The statement gave no further details.",
    "Analysts said the move was widely expected after months of tension.",
    "Markets were little changed on the news, with bond yields steady.",
    "The ministry did not respond to a request for comment.",
    "Negotiators have met several times this year without a breakthrough.",
    "Diplomats cautioned that any agreement would take time to implement.",
    "Local media showed long queues outside banks in the capital.",
    "The government has faced criticism at home over rising prices.",
    "Opposition lawmakers called the plan a distraction from domestic problems.",
    "Trade between the two countries has fallen sharply since last year.",
    "The talks are expected to continue at the level of experts next month.",
    "Humanitarian groups warned that aid deliveries were falling behind schedule.",
    "The announcement came as lawmakers debated next year's budget.",
    "Shares of energy companies rose in early trading.",
    "A spokesperson declined to say whether further meetings were planned.",
    "Protesters gathered outside parliament for a third consecutive day.",
    "The central bank kept interest rates unchanged at its last meeting.",
    "Officials said the figures would be revised once all regions had reported.",
    "Satellite images published this week showed new construction near the border.",
    "The agreement must still be approved by parliament before it takes effect.",
    "Rescue teams worked through the night to reach villages cut off by floods.",
    "The country's exports grew by an estimated four percent in the last quarter.",
    "Several airlines suspended flights to the region until further notice.",
    "The opposition has promised to challenge the result in court.",
];

fn main() {
    let mut size: u64 = 10_000_000;
    let mut seed: u64 = 1;
    let mut out: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let v = args.next();
        match (a.as_str(), v) {
            ("--size", Some(v)) => {
                let (n, mult) = match v.trim_end_matches('B').chars().last() {
                    Some('K') => (&v[..v.find('K').unwrap_or(v.len())], 1_000),
                    Some('M') => (&v[..v.find('M').unwrap_or(v.len())], 1_000_000),
                    Some('G') => (&v[..v.find('G').unwrap_or(v.len())], 1_000_000_000),
                    _ => (v.as_str(), 1),
                };
                size = n.parse::<u64>().expect("--size: a number with K, M or G") * mult;
            }
            ("--seed", Some(v)) => seed = v.parse().expect("--seed: a number"),
            ("-o" | "--out", Some(v)) => out = Some(v),
            _ => {
                eprintln!("usage: gen_corpus [--size 100M] [--seed N] [-o FILE.jsonl]");
                std::process::exit(2);
            }
        }
    }
    let k = Knowledge::embedded();
    let mut rng = Rng(seed);
    let w = world(&k, &mut rng);
    let start = Date::new(2021, 1, 1).expect("a date").to_days();
    let events: Vec<Event> = (0..4000)
        .map(|_| {
            let a = rng.below(w.actors.len());
            let mut b = rng.below(w.actors.len());
            while w.actors[b].country == w.actors[a].country {
                b = rng.below(w.actors.len());
            }
            let c = &w.countries[w.actors[a].country];
            let city = if c.cities.is_empty() {
                c.name.clone()
            } else {
                rng.pick(&c.cities).clone()
            };
            Event {
                kind: rng.below(14),
                a,
                b,
                day: Date::from_days(start + rng.below(4 * 365) as i64),
                city,
                topic: TOPICS[rng.below(TOPICS.len())],
            }
        })
        .collect();
    let sink: Box<dyn Write> = match &out {
        Some(p) => Box::new(std::fs::File::create(p).expect("cannot create the output file")),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut sink = BufWriter::with_capacity(1 << 20, sink);
    let mut written = 0u64;
    let mut n = 0u64;
    while written < size {
        n += 1;
        let first = &events[rng.below(events.len())];
        let published = Date::from_days(first.day.to_days() + rng.below(3) as i64);
        let agency = rng.pick(&w.media).clone();
        let mut sents = vec![format!(
            "{}, {} ({agency}) -",
            first.city.to_uppercase(),
            date_phrase(published)
        )];
        report(first, &w, &mut rng, &mut sents);
        for _ in 0..1 + rng.below(4) {
            let e = &events[rng.below(events.len())];
            // only events of the same days, as a real report would mention
            if e.day <= published && published.to_days() - e.day.to_days() < 30 {
                report(e, &w, &mut rng, &mut sents);
            }
        }
        for _ in 0..10 + rng.below(20) {
            let at = 1 + rng.below(sents.len());
            sents.insert(at, rng.pick(&FILLER).to_string());
        }
        let title = format!(
            "{} and {} discuss {}",
            w.actors[first.a].short, w.actors[first.b].short, first.topic
        );
        let mut text = sents[0].clone();
        for (i, s) in sents[1..].iter().enumerate() {
            text.push_str(if i % 4 == 3 { "\n\n" } else { " " });
            text.push_str(s);
        }
        let line = serde_json::json!({
            "id": format!("gen-{seed}-{n:08}"),
            "url": format!("https://news.example/{seed}/{n}"),
            "title": title,
            "published": published.to_string(),
            "text": text,
        })
        .to_string();
        sink.write_all(line.as_bytes()).expect("write");
        sink.write_all(b"\n").expect("write");
        written += line.len() as u64 + 1;
    }
    sink.flush().expect("write");
    eprintln!("gen_corpus: {n} articles, {written} bytes");
}
