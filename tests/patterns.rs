//! One table-driven test per extraction mechanism, written with sentences that are not from the seed
//! articles: entity recognition and coreference (issue 3), relation and meeting patterns (issue 4).

mod common;

use newsgraph::{build_graph, Article, Date, KnowledgeGraph, NodeType, SYMMETRIC};

fn graph(texts: &[(&str, &str)]) -> KnowledgeGraph {
    let k = common::knowledge();
    let arts: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, (date, text))| {
            Article::new(format!("a{i}"), *text).published(Date::parse_iso(date).unwrap())
        })
        .collect();
    build_graph(&arts, k)
}

/// Every fact of the graph as "subject relation object" with labels; meetings as "Kind date".
fn facts(g: &KnowledgeGraph) -> Vec<String> {
    let name = |n: &newsgraph::Node| match &n.meeting {
        Some(m) => format!(
            "{} {}",
            m.kind,
            m.date.map(|d| d.to_string()).unwrap_or_default()
        ),
        None => n.label.clone(),
    };
    let mut out: Vec<String> = g
        .edges()
        .map(|(a, e, b)| format!("{} {} {}", name(a), e.relation, name(b)))
        .collect();
    // symmetric relations read both ways
    for (a, e, b) in g
        .edges()
        .filter(|(_, e, _)| SYMMETRIC.contains(&e.relation.as_str()))
    {
        out.push(format!("{} {} {}", name(b), e.relation, name(a)));
    }
    out
}

/// Articles of a case: (publication date, text).
type Articles = &'static [(&'static str, &'static str)];

struct Case {
    name: &'static str,
    articles: &'static [(&'static str, &'static str)],
    want: &'static [&'static str],
    not: &'static [&'static str],
}

fn check(cases: &[Case]) {
    let mut failures = Vec::new();
    for c in cases {
        let g = graph(c.articles);
        let f = facts(&g);
        for w in c.want {
            if !f.iter().any(|x| x == w) {
                failures.push(format!("{}: missing {w:?}; have {f:?}", c.name));
            }
        }
        for n in c.not {
            if f.iter().any(|x| x.contains(n)) {
                failures.push(format!("{}: unwanted {n:?}; have {f:?}", c.name));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn entity_mechanisms() {
    // name, articles (published, text), the node that must exist (label or alias), its type
    let cases: &[(&str, Articles, &str, NodeType)] = &[
        ("title before an unknown name", &[("2023-05-02", "Kenyan President William Ruto arrived in Kampala on Monday.")], "William Ruto", NodeType::Person),
        ("a heading names the person the text then calls by surname", &[("2023-05-02", "Talks in Nairobi\n\nThe talks went on.\nMaria Okonkwo\nOkonkwo repeated the claims on Friday.")], "Maria Okonkwo", NodeType::Person),
        ("a title before a name in a heading", &[("2023-05-02", "Talks in Nairobi\n\nThe texts came in.\nRep. Jane Okonkwo to the Speaker\nIt is bad up here.")], "Jane Okonkwo", NodeType::Person),
        ("a place's apposition after 'in'", &[("2023-05-02", "The plant in Norland Vale, a town near Nairobi, closed on Monday.")], "Norland Vale", NodeType::Place),
        ("a list of people types its unknown names", &[("2023-05-02", "The messages came from Andrew Giuliani, Kayleigh Brannigan, Mark Meadows and Peter Navarro.")], "Kayleigh Brannigan", NodeType::Person),
        ("a title of no role still names a person", &[("2023-05-02", "Biden picked Fed Governor Lael Brainard as his deputy.")], "Lael Brainard", NodeType::Person),
        ("an honorific and a lone surname are the article's person", &[("2023-05-02", "Jacinda Ardern spoke. Ms Adern said New Zealand would act.")], "Jacinda Ardern", NodeType::Person),
        ("role in apposition", &[("2023-05-02", "Ali Hassan, a spokesman for the Egyptian Foreign Ministry, said the talks would resume.")], "Ali Hassan", NodeType::Person),
        ("given name and surname", &[("2023-05-02", "Olena Kovalenko said the convoy had left.")], "Olena Kovalenko", NodeType::Person),
        ("country's ministry from an adjective", &[("2023-05-02", "The Egyptian Foreign Ministry said nothing.")], "Egyptian Foreign Ministry", NodeType::Organization),
        ("organisation by its head noun", &[("2023-05-02", "The Caspian Energy Agency warned Kazakhstan on Monday.")], "Caspian Energy Agency", NodeType::Organization),
        ("a known body's name and 'of' ending the text", &[("2023-05-02", "Kenya wrote to the Federal Reserve Bank of")], "Kenya", NodeType::Place),
        ("a known body's name with 'of' a place is another body", &[("2023-05-02", "Jane Roe, president of the Federal Reserve Bank of Omaha, spoke on Monday.")], "Federal Reserve Bank of Omaha", NodeType::Organization),
        ("a company by its apposition", &[("2023-05-02", "The bond is issued with Quellstone, a digital payments company.")], "Quellstone", NodeType::Organization),
        ("a person by her apposition", &[("2023-05-02", "The list names Varvara Oskina, the largest shareholder of a fertiliser maker.")], "Varvara Oskina", NodeType::Person),
        ("a body by its relative pronoun", &[("2023-05-02", "Shipments fell, said Tamsin Roe, head of research at Vortexa, which tracks tankers.")], "Vortexa", NodeType::Organization),
        ("the body after a title and a field", &[("2023-05-02", "Nathan Ellery, head of oil research at Brevik, said so.")], "Brevik", NodeType::Organization),
        ("a one-word source with inner capitals", &[("2023-05-02", "The internet went down, according to NetWatchers.")], "NetWatchers", NodeType::Organization),
        ("a lone given name is the one person with it", &[("2023-05-02", "Prime Minister Boris Johnson spoke on Monday. Boris said the industry has a part to play.")], "Boris Johnson", NodeType::Person),
        ("a company by the noun before it", &[("2023-05-02", "The shipping company Varnholt said freight rates would fall.")], "Varnholt", NodeType::Organization),
        ("a body by the staff at it", &[("2023-05-02", "Analysts at Keller Brandt said in a note that prices would fall.")], "Keller Brandt", NodeType::Organization),
        ("a town by the noun before it", &[("2023-05-02", "Protesters gathered in the town of Zorvica on Sunday.")], "Zorvica", NodeType::Place),
        ("acronym in brackets", &[("2023-05-02", "The Caspian Energy Agency (CEA) met on Monday. The CEA said prices would rise.")], "CEA", NodeType::Organization),
        ("a known surname after another given name is another person", &[("2023-05-02", "Hunter Biden warned Kenya on Monday.")], "Hunter Biden", NodeType::Person),
        ("country acting stays a place", &[("2023-05-02", "Kenya warned Uganda on Monday.")], "Kenya", NodeType::Place),
        ("metonym is an organisation", &[("2023-05-02", "The Kremlin said the talks were useful.")], "Kremlin", NodeType::Organization),
        ("transliteration variants are one person", &[("2023-05-02", "Volodymyr Zelenskyy met troops. Zelenskiy later spoke.")], "Zelenskiy", NodeType::Person),
        ("old and new city names", &[("2023-05-02", "Talks in Kiev ended."), ("2023-05-03", "Talks in Kyiv resumed.")], "Kiev", NodeType::Place),
    ];
    for (name, arts, label, t) in cases {
        let g = graph(arts);
        let n = g.find(label).unwrap_or_else(|| {
            panic!(
                "{name}: no node {label:?}: {:?}",
                g.nodes().map(|n| &n.label).collect::<Vec<_>>()
            )
        });
        assert_eq!(n.node_type, *t, "{name}");
    }
    // coreference: one node however the person is named
    let cases: &[(&str, Articles, &str, usize)] = &[
        ("surname after full name", &[("2023-05-02", "Kenyan President William Ruto arrived. Ruto said he was pleased.")], "Ruto", 1),
        ("variant spellings across articles", &[("2023-05-02", "Volodymyr Zelenskyy spoke."), ("2023-05-03", "Volodymyr Zelenskiy spoke again.")], "Zelensk", 1),
        ("hyphenated surname", &[("2023-05-02", "White House spokeswoman Karine Jean-Pierre spoke. Later Jean-Pierre added a note.")], "Jean-Pierre", 1),
        ("misspelt surname", &[("2023-05-02", "Foreign Ministry spokeswoman Emine Dzhaparova spoke. Dzhaparov later added a note.")], "Dzhaparov", 1),
        ("possessive", &[("2023-05-02", "Kenyan President William Ruto arrived. Ruto's aide Dennis Itumbi said so.")], "Ruto", 1),
        ("a short given name and the full one", &[("2023-05-02", "Sen. Pat Quinnell spoke on Monday."), ("2023-05-03", "Sen. Patrick J. Quinnell spoke again.")], "Quinnell", 1),
    ];
    for (name, arts, part, n) in cases {
        let g = graph(arts);
        let people: Vec<_> = g
            .nodes()
            .filter(|x| x.node_type == NodeType::Person && x.label.contains(part))
            .map(|x| x.label.clone())
            .collect();
        assert_eq!(people.len(), *n, "{name}: {people:?}");
    }
    // towns of the gazetteer that are places only where the text makes them so (their name is a
    // word or a person's), and towns taken by their name where it stands alone: name, text, the
    // name, the type it must have (None: no node of that name)
    let cases: &[(&str, &str, &str, Option<NodeType>)] = &[
        ("a town after 'in'", "The plant in Mobile closed on Monday.", "Mobile", Some(NodeType::Place)),
        ("no apposition after a place's preposition", "Speaking from a centre in Norland Vale, the chancellor said the government had acted.", "Norland Vale", None),
        ("the same word as a word", "Mobile phones are cheap, the survey said.", "Mobile", None),
        ("a town with its state", "Officials in the city of Austin, Texas, said the storm passed. Austin, Texas, reopened.", "Austin", Some(NodeType::Place)),
        ("a town before -based", "A Sindelfingen-based supplier agreed.", "Sindelfingen", Some(NodeType::Place)),
        ("a name that goes on is no town", "The foundation shut its offices in George Soros's native Hungary.", "George", None),
        ("a town by its name alone", "Shelling hit Kramatorsk overnight.", "Kramatorsk", Some(NodeType::Place)),
        ("a town's name inside a person's", "A driver named Hamid Safi found the baby. Safi said he was happy.", "Safi", None),
    ];
    for (name, text, label, want) in cases {
        let g = graph(&[("2023-05-02", text)]);
        let got = g.nodes().find(|n| n.label == *label).map(|n| n.node_type);
        assert_eq!(
            got,
            *want,
            "{name}: {:?}",
            g.nodes().map(|n| &n.label).collect::<Vec<_>>()
        );
        let placed = g
            .nodes()
            .filter(|n| n.label == *label && n.node_type == NodeType::Place)
            .all(|n| n.geo.is_some());
        assert!(placed, "{name}: a gazetteer town has a position");
    }
    // a body named again by the end of its longer name is that body, but "Shares of X" is not
    // X: name, text, the short name, whether it is a node of its own
    let cases: &[(&str, &str, &str, bool)] = &[
        ("the end of a longer name", "The Senate Water Resources Committee warned Kenya on Monday. The Water Resources Committee urged Uganda to act.", "Water Resources Committee", false),
        ("a body's shares are no name of it", "Shares of Quellstone Holdings fell. Quellstone Holdings warned Kenya.", "Quellstone Holdings", true),
    ];
    for (name, text, short, own) in cases {
        let g = graph(&[("2023-05-02", text)]);
        let labels: Vec<_> = g.nodes().map(|x| x.label.clone()).collect();
        assert_eq!(
            labels.iter().any(|l| l == short),
            *own,
            "{name}: {labels:?}"
        );
    }
    // an organ named by generic words after a body's possessive is the body: name, text, the
    // body, the organ's name (no node of its own)
    let cases: &[(&str, &str, &str, &str)] = &[
        ("board of directors", "Shares of Nomura Holdings fell after Nomura Holdings's Board of Directors met on Monday.", "Nomura Holdings", "Board of Directors"),
        ("board of governors", "The European Investment Bank grew. The European Investment Bank's Board of Governors approved the loan.", "European Investment Bank", "Board of Governors"),
    ];
    for (name, text, body, organ) in cases {
        let g = graph(&[("2023-05-02", text)]);
        let labels: Vec<_> = g.nodes().map(|n| (&n.label, &n.aliases)).collect();
        assert!(
            g.nodes().all(|n| n.label != *organ),
            "{name}: the organ is a node of its own: {labels:?}"
        );
        assert!(
            g.nodes().any(|n| n.label == *body),
            "{name}: no node for the body: {labels:?}"
        );
    }
    // a board named by a word of its own is a body of its own
    let g = graph(&[(
        "2023-05-02",
        "The European Investment Bank's Audit Board approved the loan.",
    )]);
    assert!(
        g.nodes().any(|n| n.label.contains("Audit Board")),
        "a named board is folded"
    );
    // capitalised or all-caps names are not found in ordinary words and sentence adverbs
    let g = graph(&[(
        "2023-05-02",
        "Kenya presented a plan to Uganda.\nSeparately, President William Ruto spoke on Monday.",
    )]);
    assert!(
        g.find("Separately").is_none(),
        "a sentence adverb before a title is no person"
    );
    assert!(
        g.nodes().all(|n| n.node_type != NodeType::Organization),
        "the word 'plan' names no organisation: {:?}",
        g.nodes().map(|n| n.label.clone()).collect::<Vec<_>>()
    );
    let g = graph(&[("2023-05-02", "Prime Minister Boris Johnson spoke on Monday. Boris said the industry has a part to play. According to Ushakov, talks went well.")]);
    assert!(
        g.find("Boris").is_some_and(|n| n.label == "Boris Johnson"),
        "a given name alone is no new person"
    );
    assert!(
        g.find("Ushakov")
            .is_none_or(|n| n.node_type == NodeType::Person),
        "a surname as a source is no body"
    );
    // a full name misspelt in one article is the person of the others
    let g = graph(&[
        (
            "2023-05-02",
            "Finance Minister Christian Lindner said so. Christian Lindner left.",
        ),
        (
            "2023-05-03",
            "Finance Minister Christian Lindne said so again.",
        ),
    ]);
    assert!(
        g.find("Christian Lindne")
            .is_some_and(|n| n.label == "Christian Lindner"),
        "a misspelt surname is another person: {:?}",
        g.nodes().map(|n| n.label.clone()).collect::<Vec<_>>()
    );
    // a long photo credit ends a caption
    let g = graph(&[("2023-05-02", "Kenya warned Uganda on Monday.\nThe minister testifies in Nairobi.  (Jane Doerr/Pool Photo via AP, File / Associated Press)\n")]);
    assert!(
        g.find("Jane Doerr").is_none() && g.find("Nairobi").is_none(),
        "a caption makes no nodes"
    );
    // page chrome makes no nodes
    let g = graph(&[("2023-05-02", "Kenya warned Uganda on Monday.\nRead also: Paris Fashion Week opens with Dior\nLeave a Reply\n")]);
    assert!(g.find("Paris").is_none() && g.find("Dior").is_none());
}

#[test]
fn organizations_named() {
    // name, text, every organisation node's label
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "a legal form after a known company is that company",
            "Shares of Lockheed Martin Corp. rose on Monday.",
            &["Lockheed Martin"],
        ),
        (
            "a legal form ends an unknown company's name",
            "Brenholt Widget Corp said it would act.",
            &["Brenholt Widget Corp"],
        ),
        (
            "an archive is a body",
            "Officials at the Norland State Archives declined to comment.",
            &["Norland State Archives"],
        ),
        (
            "'the House' of an American article",
            "Joe Biden spoke in Washington on Monday. The House voted on Tuesday.",
            &["United States House of Representatives"],
        ),
        (
            "'the House' of a British article",
            "Boris Johnson spoke in London on Monday. The House voted on Tuesday.",
            &["House of Commons"],
        ),
        (
            "'the House of Lords' is not 'the House'",
            "Boris Johnson spoke in London on Monday. The House of Lords voted.",
            &["House of Lords"],
        ),
        (
            "a paper's short name after its full one",
            "The New York Times reported it on Monday. The Times said so again.",
            &["The New York Times"],
        ),
        (
            "a paper's short name alone",
            "The Times reported it on Monday.",
            &["The Times"],
        ),
        (
            "a country's government in capitals, after a country of two words",
            "The Sri Lankan Government said it would act. Later the Sri Lankan government acted.",
            &["Sri Lankan Government"],
        ),
        (
            "a tax's acronym is no body",
            "Kenya urged Uganda to cut the VAT on energy bills.",
            &[],
        ),
        (
            "a model's code is no body",
            "Canada chose the F-35 over the Gripen on Monday.",
            &[],
        ),
        (
            "a board 'of' its body is that body",
            "She was nominated to the Board of Governors of the Federal Reserve on Monday.",
            &["Federal Reserve"],
        ),
        (
            "an event's name is no body",
            "The US joined World War II, which it ultimately did, and Kenya said so.",
            &[],
        ),
        (
            "a committee's full name, with commas",
            "Sen. Jane Roe, chair of the Senate Banking, Housing and Urban Affairs Committee, spoke.",
            &["Senate Banking Committee"],
        ),
        (
            "a party's member 'of' a state names no body",
            "Sen. Jane Roe, Democrat of Oregon, warned the Fed on Monday.",
            &["Federal Reserve"],
        ),
        (
            "a house of no body",
            "Joe Biden spoke in Washington. House prices rose on Tuesday.",
            &[],
        ),
    ];
    for (name, text, want) in cases {
        let g = graph(&[("2023-05-02", text)]);
        let mut got: Vec<&str> = g
            .nodes()
            .filter(|n| n.node_type == NodeType::Organization)
            .map(|n| n.label.as_str())
            .collect();
        got.sort_unstable();
        assert_eq!(&got, want, "{name}");
    }
}

#[test]
fn relation_patterns() {
    check(&[
        Case { name: "active voice", articles: &[("2023-05-02", "Kenya warned Uganda over the border closure.")], want: &["Kenya warned Uganda"], not: &[] },
        Case { name: "a body after the words that say what it is", articles: &[("2023-05-02", "\"Prices will rise,\" said Jane Roe, an analyst at investment firm Halden Capital.")], want: &["Jane Roe member_of Halden Capital"], not: &[] },
        Case { name: "a country belongs to bodies", articles: &[("2023-05-02", "Kenya belongs to both the African Union and the Commonwealth.")], want: &["Kenya member_of African Union"], not: &[] },
        Case { name: "a party's adjective before a title", articles: &[("2023-05-02", "Conservative MP Jane Roe urged the government to cut taxes.")], want: &["Jane Roe member_of Conservative Party"], not: &[] },
        Case { name: "a party's member 'of' a state is no body of it", articles: &[("2023-05-02", "The Senate met. Sen. Jane Roe, Democrat of Oregon, warned the Fed.")], want: &["Jane Roe warned Federal Reserve"], not: &["Democrat of Oregon"] },
        Case { name: "one of a body's directors is its member", articles: &[("2023-05-02", "\"Demand is high,\" said Jane Roe, a director at the consulting firm Halden Partners.")], want: &["Jane Roe member_of Halden Partners"], not: &["leader_of"] },
        Case { name: "'the party' is the party named earlier in the sentence", articles: &[("2023-05-02", "Conservative MP John Doe urged a cut. Labour are also urging a cut, with the party's deputy leader Jane Roe accusing the minister.")], want: &["Jane Roe member_of Labour Party"], not: &["Jane Roe member_of Conservative Party"] },
        Case { name: "a passive without its agent tells no one who acted", articles: &[("2023-05-02", "Kenya has been warned it must reopen the border with Uganda.")], want: &[], not: &["warned"] },
        Case { name: "a passive with its agent", articles: &[("2023-05-02", "Uganda was warned by Kenya on Monday.")], want: &["Kenya warned Uganda"], not: &["Uganda warned"] },
        Case { name: "a reporter's beat is no employer", articles: &[("2023-05-02", "Fox News White House correspondent Jane Roe asked the question on Monday.")], want: &["Jane Roe member_of Fox News"], not: &["member_of White House"] },
        Case { name: "a regional Fed bank by its city", articles: &[("2023-05-02", "Kansas City Fed President Jane Roe spoke on Monday.")], want: &["Jane Roe leader_of Federal Reserve Bank of Kansas City"], not: &[] },
        Case { name: "a country's possessive names whose leader is meant", articles: &[("2023-05-02", "Kenya warned Uganda's Museveni on Monday.")], want: &["Kenya warned Yoweri Museveni"], not: &["warned Uganda"] },
        Case { name: "a headline's verb", articles: &[("2023-05-02", "Kenya urges Uganda to reopen the border\n\nTrucks waited at Busia on Monday.")], want: &["Kenya urged Uganda"], not: &[] },
        Case { name: "a headline in title case is not read for relations", articles: &[("2023-05-02", "Kenya Urges Uganda To Reopen The Border\n\nTrucks waited at Busia on Monday.")], want: &[], not: &["urged"] },
        Case { name: "support from a body is its support", articles: &[("2023-05-02", "Kenya has drawn support from the African Union for the plan.")], want: &["African Union supported Kenya"], not: &["Kenya supported"] },
        Case { name: "praise for someone", articles: &[("2023-05-02", "It showed in Kenya's praise for Uganda.")], want: &["Kenya supported Uganda"], not: &[] },
        Case { name: "a name inside an indefinite noun phrase is no object", articles: &[("2023-05-02", "Kenya will support an EU trade embargo on Somalia.")], want: &[], not: &["supported European Union"] },
        Case { name: "countries joined in a body", articles: &[("2023-05-02", "Sweden hopes to join the US, Germany and Poland in NATO.")], want: &["United States member_of North Atlantic Treaty Organization", "Poland member_of North Atlantic Treaty Organization"], not: &["Sweden member_of"] },
        Case { name: "a body's officials listed by name", articles: &[("2023-05-02", "Pentagon officials, particularly Lloyd Austin, the defense secretary, and Kathleen Hicks, his deputy, worked on the plan.")], want: &["Lloyd Austin member_of United States Department of Defense", "Kathleen Hicks member_of United States Department of Defense"], not: &["United States member_of"] },
        Case { name: "a co-leader is a member", articles: &[("2023-05-02", "Nigeria is the co-leader of the African Union.")], want: &["Nigeria member_of African Union"], not: &[] },
        Case { name: "a name two countries' bodies share is the one of the article's country", articles: &[("2023-05-02", "British households face higher bills. Olivia Marsh, a spokeswoman for the Treasury, said prices would rise.")], want: &["Olivia Marsh member_of HM Treasury"], not: &["United States Department of the Treasury"] },
        Case { name: "the same name in an American article", articles: &[("2023-05-02", "American households face higher bills. Olivia Marsh, a spokeswoman for the Treasury, said prices would rise.")], want: &["Olivia Marsh member_of United States Department of the Treasury"], not: &["HM Treasury"] },
        Case { name: "rejecting the plan of the sentence before", articles: &[("2023-05-02", "Kenya has been exploring a ban on imports. But Uganda and the Sudan rejected the plan on Monday.")], want: &["Uganda rejected Kenya", "Sudan rejected Kenya"], not: &[] },
        Case { name: "the idea that is no one's plan", articles: &[("2023-05-02", "Kenya has been exploring a ban on imports. Uganda rejected the idea that it should join.")], want: &[], not: &["rejected"] },
        Case { name: "a country under its leader", articles: &[("2023-05-02", "The war went on. Kenya, under President Daniel Moi, responded with a police action.")], want: &["Daniel Moi leader_of Kenya"], not: &[] },
        Case { name: "'the Ohio Republican' is the person named before", articles: &[("2023-05-02", "Sen. Jane Roe wrote to the Fed on Monday. The Ohio Republican, who sits on the Senate Banking Committee, warned the Fed.")], want: &["Jane Roe member_of Senate Banking Committee", "Jane Roe warned Federal Reserve"], not: &["Republican warned", "Republican member_of"] },
        Case { name: "a plural title names each person listed after it", articles: &[("2023-05-02", "The Senate met. Senators Jane Roe of Ohio and John Doe of Utah wrote to the Fed.")], want: &["Jane Roe member_of United States Senate", "John Doe member_of United States Senate"], not: &[] },
        Case { name: "a plural abbreviated title and three names", articles: &[("2023-05-02", "The House of Representatives met. Reps. Jane Roe, Ann Lee and John Doe wrote to the Fed.")], want: &["Jane Roe member_of United States House of Representatives", "Ann Lee member_of United States House of Representatives", "John Doe member_of United States House of Representatives"], not: &[] },
        Case { name: "countries before a plural title: each holder's own office", articles: &[("2023-05-02", "Kenya and Uganda agreed. Kenyan and Ugandan Presidents William Ruto and Yoweri Museveni spoke on Monday.")], want: &["William Ruto leader_of Kenya", "Yoweri Museveni leader_of Uganda"], not: &["William Ruto leader_of Uganda", "Yoweri Museveni leader_of Kenya"] },
        Case { name: "a plural title alone names no one", articles: &[("2023-05-02", "Sen. Jane Roe spoke. The senators warned Kenya on Monday.")], want: &[], not: &["Jane Roe warned"] },
        Case { name: "passive voice", articles: &[("2023-05-02", "Uganda was warned by Kenya over the border closure.")], want: &["Kenya warned Uganda"], not: &["Uganda warned"] },
        Case { name: "called on is urged, not called", articles: &[("2023-05-02", "Kenyan President William Ruto called on Uganda to reopen the border.")], want: &["William Ruto urged Uganda"], not: &["called"] },
        Case { name: "reported speech", articles: &[("2023-05-02", "The Kremlin said Putin warned Macron about the deliveries.")], want: &["Vladimir Putin warned Emmanuel Macron"], not: &["Kremlin warned"] },
        Case { name: "title between subject and verb", articles: &[("2023-05-02", "Turkish President Recep Tayyip Erdogan assured Swedish Prime Minister Ulf Kristersson of his support.")], want: &["Recep Tayyip Erdoğan assured Ulf Kristersson"], not: &[] },
        Case { name: "negation", articles: &[("2023-05-02", "Kenya did not warn Uganda about the closure.")], want: &[], not: &["warned"] },
        Case { name: "denial", articles: &[("2023-05-02", "Kenya denied that it threatened Uganda.")], want: &[], not: &["warned"] },
        Case { name: "hypothetical", articles: &[("2023-05-02", "Kenya could warn Uganda next week.")], want: &[], not: &["warned"] },
        Case { name: "question", articles: &[("2023-05-02", "Will Kenya warn Uganda?")], want: &[], not: &["warned"] },
        Case { name: "counterpart without a name", articles: &[("2023-05-02", "French President Emmanuel Macron warned his Russian counterpart about the attacks.")], want: &["Emmanuel Macron warned Vladimir Putin"], not: &[] },
        Case { name: "coordinated subjects", articles: &[("2023-05-02", "Kenya and Uganda warned Sudan against delays.")], want: &["Kenya warned Sudan", "Uganda warned Sudan"], not: &[] },
        Case { name: "coordinated verbs share the object", articles: &[("2023-05-02", "Poland and its allies suspect Belarus of staging the crisis and threaten with new sanctions if it goes on.")], want: &["Poland accused Belarus", "Poland warned Belarus"], not: &[] },
        Case { name: "subject right before the verb", articles: &[("2023-05-02", "Earlier on Monday, before leaving Istanbul, Erdogan demanded that Sweden act.")], want: &["Recep Tayyip Erdoğan demanded Sweden"], not: &["Istanbul demanded"] },
        Case { name: "demanded that", articles: &[("2023-05-02", "Turkey demanded that the European Union open its doors.")], want: &["Turkey demanded European Union"], not: &[] },
        Case { name: "member of", articles: &[("2023-05-02", "Finland became the 31st member of NATO in April.")], want: &["Finland member_of North Atlantic Treaty Organization"], not: &[] },
        Case { name: "a nameless title means its office holder: PM, not president", articles: &[("2023-05-02", "Ukrainian President Volodymyr Zelensky spoke by phone with the French PM on Monday.")], want: &["Volodymyr Zelensky called Élisabeth Borne"], not: &["Emmanuel Macron"] },
        Case { name: "a nameless title means its office holder: president", articles: &[("2023-05-02", "Ukrainian President Volodymyr Zelensky spoke by phone with the French President on Monday.")], want: &["Volodymyr Zelensky called Emmanuel Macron"], not: &["Élisabeth Borne"] },
        Case { name: "spokesman for a president", articles: &[("2023-05-02", "Egyptian President Abdel Fattah el-Sisi spoke. Ahmed Fahmy, spokesman for the Egyptian president, said so.")], want: &["Ahmed Fahmy adviser_to Abdel Fattah el-Sisi"], not: &[] },
        Case { name: "leader of a body named before the title", articles: &[("2023-05-02", "Palestinian Authority President Mahmoud Abbas spoke.")], want: &["Mahmoud Abbas leader_of Palestinian Authority"], not: &[] },
        Case { name: "accused of", articles: &[("2023-05-02", "Poland accused Belarus of staging the crisis.")], want: &["Poland accused Belarus"], not: &[] },
        Case { name: "rejected", articles: &[("2023-05-02", "Finland rejected Russia's demand.")], want: &["Finland rejected Russia"], not: &[] },
        Case { name: "proposed", articles: &[("2023-05-02", "China proposed Brazil a new forum.")], want: &["China proposed Brazil"], not: &[] },
        Case { name: "an adjective alone names no country", articles: &[("2023-05-02", "Kenyan President William Ruto arrived.")], want: &[], not: &["leader_of Kenya"] },
        Case { name: "role: leader", articles: &[("2023-05-02", "Kenyan President William Ruto arrived. Kenya is calm.")], want: &["William Ruto leader_of Kenya"], not: &[] },
        Case { name: "role: member of a ministry", articles: &[("2023-05-02", "Ali Hassan, a spokesman for the Egyptian Foreign Ministry, spoke.")], want: &["Ali Hassan member_of Ministry of Foreign Affairs of Egypt"], not: &[] },
        Case { name: "role: adviser by possessive", articles: &[("2023-05-02", "Kenyan President William Ruto arrived. Ruto's aide Dennis Itumbi said so.")], want: &["Dennis Itumbi adviser_to William Ruto"], not: &[] },
        Case { name: "role: secretary general of", articles: &[("2023-05-02", "Mark Rutte, Secretary General of NATO, said so.")], want: &["Mark Rutte leader_of North Atlantic Treaty Organization"], not: &[] },
        Case { name: "city and its country", articles: &[("2023-05-02", "Talks ended in Hiroshima, Japan, on Sunday.")], want: &["Hiroshima located_in Japan"], not: &[] },
        Case { name: "a known holder's office", articles: &[("2023-05-02", "Prime Minister Narendra Modi arrived in India on Sunday.")], want: &["Narendra Modi leader_of India"], not: &[] },
        Case { name: "body before a title", articles: &[("2023-05-02", "White House press secretary Karine Jean-Pierre said so.")], want: &["Karine Jean-Pierre member_of White House"], not: &[] },
        Case { name: "his adviser", articles: &[("2023-05-02", "US President Joe Biden will travel on Monday, his national security adviser Jake Sullivan said.")], want: &["Jake Sullivan adviser_to Joe Biden"], not: &[] },
        Case { name: "located in a city", articles: &[("2023-05-02", "A spokesman for the Egyptian Foreign Ministry in Cairo said so.")], want: &["Ministry of Foreign Affairs of Egypt located_in Cairo"], not: &[] },
        // affiliations (issue 17): titles of companies and research bodies, fields, deputies
        Case { name: "company title before a name", articles: &[("2023-05-02", "Nordwind Shipping CEO Ingrid Halvorsen said freight rates would fall.")], want: &["Ingrid Halvorsen leader_of Nordwind Shipping"], not: &["Nordwind Shipping CEO Ingrid"] },
        Case { name: "a field, then the body", articles: &[("2023-05-02", "Tomas Reyna, head of emerging markets research at Halden Securities, said so.")], want: &["Tomas Reyna member_of Halden Securities"], not: &["leader_of Halden"] },
        Case { name: "fellow at a centre", articles: &[("2023-05-02", "Mara Quist, a senior fellow at the Lindqvist Policy Center, said so.")], want: &["Mara Quist member_of Lindqvist Policy Center"], not: &[] },
        Case { name: "executive director of", articles: &[("2023-05-02", "Jonas Ekholm, the executive director of the Baltic Grid Agency, said so.")], want: &["Jonas Ekholm leader_of Baltic Grid Agency"], not: &[] },
        Case { name: "a deputy leads nothing", articles: &[("2023-05-02", "Kenyan Deputy President Rigathi Gachagua arrived. Kenya is calm.")], want: &["Rigathi Gachagua member_of Kenya"], not: &["leader_of"] },
        Case { name: "a city ends a bank's name", articles: &[("2023-05-02", "Lena Sorvik, president of the Central Bank of Oslo, said so.")], want: &["Lena Sorvik leader_of Central Bank of Oslo"], not: &[] },
        Case { name: "a senator of the US Senate", articles: &[("2023-05-02", "Sen. Dana Whitlock, R-Ohio, said the Senate would vote.")], want: &["Dana Whitlock member_of United States Senate"], not: &[] },
        Case { name: "a former office states no role", articles: &[("2023-05-02", "Former Sen. Dana Whitlock said the Senate would vote.")], want: &[], not: &["member_of"] },
        Case { name: "implored", articles: &[("2023-05-02", "Kenya implored Uganda to reopen the border.")], want: &["Kenya urged Uganda"], not: &[] },
        Case { name: "praised", articles: &[("2023-05-02", "Kenya praised Uganda for its restraint.")], want: &["Kenya supported Uganda"], not: &[] },
        Case { name: "blaming", articles: &[("2023-05-02", "Kenya has been blaming Uganda for the delays.")], want: &["Kenya accused Uganda"], not: &[] },
        Case { name: "a clause-initial pronoun is the person just named", articles: &[("2023-05-02", "Kenyan President William Ruto arrived in Kampala. But he warned Uganda about the border.")], want: &["William Ruto warned Uganda"], not: &[] },
        Case { name: "a pronoun with no person before it is nobody", articles: &[("2023-05-02", "Kenya closed the border. He warned Uganda about it.")], want: &[], not: &["warned"] },
        Case { name: "countries listed as a body's members", articles: &[("2023-05-02", "Several EU member states, such as Austria and Slovakia, want exemptions.")], want: &["Austria member_of European Union", "Slovakia member_of European Union"], not: &[] },
        Case { name: "countries not listed as members", articles: &[("2023-05-02", "EU countries sent aid to Ukraine.")], want: &[], not: &["member_of"] },
        Case { name: "a relative pronoun stands for the name before it", articles: &[("2023-05-02", "Kenya, which closed the border last week, warned Uganda on Monday.")], want: &["Kenya warned Uganda"], not: &[] },
        Case { name: "an actor inside an infinitive after the object is no object", articles: &[("2023-05-02", "Kenya urged its neighbours to help Uganda.")], want: &[], not: &["urged Uganda"] },
        Case { name: "an infinitive that is the verb's own keeps its object", articles: &[("2023-05-02", "Kenya refused to make concessions to Uganda.")], want: &["Kenya rejected Uganda"], not: &[] },
        Case { name: "an actor in a noun's complement is no object", articles: &[("2023-05-02", "Kenya supports new sanctions on Uganda.")], want: &[], not: &["supported Uganda"] },
        Case { name: "an actor after 'to' is no subject", articles: &[("2023-05-02", "Speaking to Reuters, Kenya warned Uganda on Monday.")], want: &["Kenya warned Uganda"], not: &["Reuters warned"] },
        Case { name: "a bare title is the one holder the article names", articles: &[("2023-05-02", "Prime Minister Oskar Lindahl spoke in Parliament. Later, Peter Holm urged the prime minister to resign.")], want: &["Peter Holm urged Oskar Lindahl"], not: &[] },
        Case { name: "a bare title two people hold is nobody", articles: &[("2023-05-02", "Prime Minister Oskar Lindahl met Prime Minister Ada Brenner. Later, Peter Holm urged the prime minister to resign.")], want: &[], not: &["urged"] },
        Case { name: "a bare title by the gazetteer's office holder", articles: &[("2023-05-02", "Narendra Modi spoke in Delhi. Rahul Gandhi urged the PM to resign.")], want: &["Rahul Gandhi urged Narendra Modi"], not: &[] },
        Case { name: "a body's person in the possessive", articles: &[("2023-05-02", "Speaking to Halden Radio's Ilse Brand on Monday, Kenya warned Uganda.")], want: &["Ilse Brand member_of Halden Radio"], not: &[] },
        Case { name: "a party tag after a name", articles: &[("2023-05-02", "Sen. Dana Whitlock, R-Ohio, accused Kenya of stalling.")], want: &["Dana Whitlock accused Kenya"], not: &["Ohio accused"] },
        Case { name: "an adjective before an apposed title", articles: &[("2023-05-02", "Ivo Marsh, the international president of the Dockworkers Union, said so.")], want: &["Ivo Marsh leader_of Dockworkers Union"], not: &[] },
        Case { name: "the head of a body's unit is its member", articles: &[("2023-05-02", "Ivo Marsh, head of the UNICEF office in Kenya, said so.")], want: &["Ivo Marsh member_of UNICEF"], not: &["leader_of"] },
        Case { name: "a leader in one place is a member", articles: &[("2023-05-02", "The SNP's leader in Brussels, Ian Marsh, said so.")], want: &["Ian Marsh member_of Scottish National Party"], not: &["leader_of"] },
        Case { name: "a top diplomat of a body", articles: &[("2023-05-02", "Ivo Marsh, the African Union's top diplomat, said so.")], want: &["Ivo Marsh member_of African Union"], not: &[] },
        Case { name: "the support of someone", articles: &[("2023-05-02", "Kenya had the support of both Uganda and Sudan during the talks.")], want: &["Uganda supported Kenya", "Sudan supported Kenya"], not: &["Kenya supported"] },
        Case { name: "coordinated objects share the verb", articles: &[("2023-05-02", "Kenya warned Uganda, Sudan and Chad about the floods.")], want: &["Kenya warned Uganda", "Kenya warned Sudan", "Kenya warned Chad"], not: &[] },
        Case { name: "a country's city of a name", articles: &[("2023-05-02", "Floods hit the northern Kenyan town of Lodwar on Monday. Kenya asked for aid.")], want: &["Lodwar located_in Kenya"], not: &[] },
        Case { name: "a country's capital", articles: &[("2023-05-02", "Protests spread to the Kenyan capital, Nairobi, on Monday. Kenya is tense.")], want: &["Nairobi located_in Kenya"], not: &[] },
        Case { name: "a country-led body", articles: &[("2023-05-02", "The rebels of Darfur blamed the Kenyan-led mission for the delays. Kenya denied it.")], want: &["Kenya member_of Kenyan-led mission"], not: &[] },
        Case { name: "a relative clause between subject and verb", articles: &[("2023-05-02", "Kenya, which borders much of Uganda, warned Sudan about the floods.")], want: &["Kenya warned Sudan"], not: &["Uganda warned"] },
        Case { name: "a possessor is no subject", articles: &[("2023-05-02", "Kenya's William Ruto, the leader of the ruling party, praised Uganda for its restraint.")], want: &["William Ruto supported Uganda"], not: &["Kenya supported"] },
        Case { name: "what 'to' governs is no subject", articles: &[("2023-05-02", "Several senators took to Twitter to express their support for Uganda.")], want: &[], not: &["supported"] },
        Case { name: "an ambassador serves the country that sends her", articles: &[("2023-05-02", "Kenyan Ambassador to the United Nations Martin Kimani said so. Kenya is calm.")], want: &["Martin Kimani member_of Kenya"], not: &["member_of United Nations"] },
        Case { name: "elected to an office", articles: &[("2023-05-02", "Kenya voted. Later William Ruto was elected Kenyan President.")], want: &["William Ruto leader_of Kenya"], not: &[] },
        Case { name: "a first-person quote's speaker", articles: &[("2023-05-02", "“I call on the leaders of Uganda to act now,” Kenyan President William Ruto said.")], want: &["William Ruto urged Uganda"], not: &[] },
        Case { name: "a first-person quote's speaker referred to", articles: &[("2023-05-02", "Kenyan President William Ruto spoke in Nairobi.\n“We have asked Uganda to help,” he said.")], want: &["William Ruto urged Uganda"], not: &[] },
        Case { name: "the party stands for the party named last", articles: &[("2023-05-02", "The Scottish National Party wants a vote. The party's leader, Ian Marsh, said so.")], want: &["Ian Marsh leader_of Scottish National Party"], not: &[] },
        Case { name: "a middle initial", articles: &[("2023-05-02", "Robert K. Hanlon, the chief executive of the Marlow Shipping Group, said so.")], want: &["Robert K. Hanlon leader_of Marlow Shipping Group"], not: &["Robert K leader_of"] },
        Case { name: "a title before a name", articles: &[("2023-05-03", "Biden named Fed Governor Lael Brainard vice chair. Summers told CNN host Brianna Keilar that Kenya had warned Uganda.")], want: &["Brianna Keilar member_of CNN"], not: &[] },
        Case { name: "a person of a body works for it", articles: &[("2023-05-03", "Jane Holloway of Halden Capital Partners said Kenya had warned Uganda. Mark Ruffo at the Quellstone Institute agreed.")], want: &["Jane Holloway member_of Halden Capital Partners", "Mark Ruffo member_of Quellstone Institute"], not: &["Jane Holloway of"] },
        Case { name: "a possessive after a name ending in s", articles: &[("2023-05-03", "Fox Business' Edward Lawrence asked whether Kenya had warned Uganda.")], want: &["Edward Lawrence member_of Fox Business"], not: &[] },
        Case { name: "asking someone to act is a request, asking about something is not", articles: &[("2023-05-03", "Kenya asked Uganda on Monday to open the border. Tanzania asked Rwanda about the border. Ethiopia asked Somalia whether the talks were over.")], want: &["Kenya urged Uganda"], not: &["Tanzania urged", "Ethiopia urged"] },
        Case { name: "the person before a body before a title is whose officer", articles: &[("2023-05-03", "Former US President Donald Trump's White House chief of staff Jane Holloway warned Uganda.")], want: &["Jane Holloway adviser_to Donald Trump"], not: &[] },
        Case { name: "a place holds no role", articles: &[("2023-05-03", "Her testimony at a hearing in Nakuru makes Jane Holloway the first member of the Kenyan Parliament to speak.")], want: &[], not: &["Nakuru member_of"] },
        Case { name: "an honorific is no part of the name", articles: &[("2023-05-03", "The Liberal Democrats want a windfall tax. The party's leader, Sir Keir Starling, said the levy would help.")], want: &["Keir Starling leader_of Liberal Democrats"], not: &["Sir Keir Starling leader_of Liberal Democrats"] },
        Case { name: "a generational suffix and a middle initial name one person", articles: &[("2023-05-03", "Senator Joseph R. Manning Jr. warned Uganda on Monday."), ("2023-05-03", "Senator Joseph Manning urged Kenya to wait.")], want: &["Joseph R. Manning Jr urged Kenya", "Joseph R. Manning Jr warned Uganda"], not: &["Joseph Manning "] },
    ]);
}

#[test]
fn meeting_patterns() {
    check(&[
        Case { name: "a country's committee meets as itself", articles: &[("2023-05-02", "The Senate Banking Committee held a hearing on Monday.")], want: &["Senate Banking Committee participated_in CouncilMeeting 2023-05-01"], not: &["United States participated_in", "United States Senate participated_in"] },
        Case { name: "a call held with a body", articles: &[("2023-05-03", "Kenyan President William Ruto held a video call with the International Monetary Fund on Monday.")], want: &["William Ruto called International Monetary Fund"], not: &[] },
        Case { name: "a Zoom meeting is a video call", articles: &[("2023-05-03", "Kenyan President William Ruto held a Zoom meeting with Ugandan President Yoweri Museveni on Monday.")], want: &["William Ruto called Yoweri Museveni", "William Ruto participated_in VideoCall 2023-05-01"], not: &[] },
        Case { name: "a hearing is a committee's session", articles: &[("2023-05-03", "The Senate Agriculture Committee held a hearing on Tuesday with Agriculture Secretary Tom Vilsack.")], want: &["Senate Agriculture Committee participated_in CouncilMeeting 2023-05-02"], not: &[] },
        Case { name: "phone call with a weekday", articles: &[("2023-05-03", "Kenyan President William Ruto spoke by phone with Ugandan President Yoweri Museveni on Monday.")], want: &["William Ruto called Yoweri Museveni", "William Ruto participated_in PhoneCall 2023-05-01", "Yoweri Museveni participated_in PhoneCall 2023-05-01"], not: &[] },
        Case { name: "X's call with Y", articles: &[("2023-05-03", "Ruto's call with Museveni on May 1 lasted an hour. Kenyan President William Ruto and Ugandan President Yoweri Museveni agreed.")], want: &["William Ruto participated_in PhoneCall 2023-05-01", "Yoweri Museveni participated_in PhoneCall 2023-05-01"], not: &[] },
        Case { name: "a call between X and Y", articles: &[("2023-05-03", "On April 28, a telephone conversation took place between Olaf Scholz and Emmanuel Macron.")], want: &["Olaf Scholz called Emmanuel Macron"], not: &[] },
        Case { name: "X and Y held talks in a city", articles: &[("2023-05-03", "Armenia and Azerbaijan held talks in Washington on May 1.")], want: &["Armenia participated_in Talks 2023-05-01", "Azerbaijan participated_in Talks 2023-05-01", "Talks 2023-05-01 held_in Washington, D.C."], not: &[] },
        Case { name: "adjectives name the sides", articles: &[("2023-05-03", "Armenian and Azerbaijani diplomats will hold talks in Geneva on May 9-10.")], want: &["Armenia participated_in Talks 2023-05-09", "Azerbaijan participated_in Talks 2023-05-09", "Talks 2023-05-09 held_in Geneva"], not: &[] },
        Case { name: "scheduled by an actor", articles: &[("2023-05-03", "Olaf Scholz scheduled a video call with Emmanuel Macron on Friday.")], want: &["Olaf Scholz scheduled VideoCall 2023-05-05", "Olaf Scholz called Emmanuel Macron"], not: &[] },
        Case { name: "council session on a date, then a day later", articles: &[("2023-05-03", "A meeting of the NATO-Russia Council is scheduled for June 12, followed by a meeting at the OSCE a day later.")], want: &["NATO-Russia Council participated_in CouncilMeeting 2023-06-12", "Organization for Security and Co-operation in Europe participated_in Talks 2023-06-13"], not: &[] },
        Case { name: "two days joined by and", articles: &[("2023-05-03", "Olaf Scholz and Emmanuel Macron previously spoke by phone on February 10 and April 9.")], want: &["Olaf Scholz participated_in PhoneCall 2023-02-10", "Olaf Scholz participated_in PhoneCall 2023-04-09"], not: &[] },
        Case { name: "an offer to someone", articles: &[("2023-05-03", "Turkish President Recep Tayyip Erdogan repeated his offer to Vladimir Putin to host talks.")], want: &["Recep Tayyip Erdoğan proposed Vladimir Putin"], not: &["participated_in"] },
        Case { name: "press conference", articles: &[("2023-05-03", "Kenyan President William Ruto said at a press conference on May 2 that the border would open.")], want: &["William Ruto participated_in PressConference 2023-05-02"], not: &[] },
        Case { name: "leaders who met on a day not told still met", articles: &[("2023-05-03", "Early in the spring, Olaf Scholz and Emmanuel Macron met in Paris.")], want: &["Olaf Scholz met Emmanuel Macron"], not: &["participated_in"] },
        Case { name: "states whose officials met", articles: &[("2023-05-03", "Armenian and Azerbaijani officials met in Geneva on May 1.")], want: &["Armenia met Azerbaijan"], not: &[] },
        Case { name: "met with a nameless side on a day", articles: &[("2023-05-03", "British Prime Minister Boris Johnson met with mining industry leaders on Monday.")], want: &["Boris Johnson participated_in Talks 2023-05-01"], not: &[] },
        Case { name: "a meeting first told as 'the hearing', dated later", articles: &[("2023-05-05", "The hearing was held to question economists Lisa Cook and Philip Jefferson, whom Biden nominated. \"Thursday's hearing is about the Fed,\" Toomey said.")], want: &["Lisa Cook participated_in CouncilMeeting 2023-05-04", "Philip Jefferson participated_in CouncilMeeting 2023-05-04"], not: &["Joe Biden participated_in"] },
        Case { name: "the speaker of a quote about today's hearing is at it", articles: &[("2023-05-04", "The hearing was held to question Lisa Cook. \"Today's hearing is about the Fed,\" Sen. Pat Toomey said.")], want: &["Pat Toomey participated_in CouncilMeeting 2023-05-04", "Lisa Cook participated_in CouncilMeeting 2023-05-04"], not: &[] },
        Case { name: "a call framed by 'During' keeps the body it is held with", articles: &[("2022-03-06", "Aid arrived. During an hourlong Zoom meeting Saturday morning with members of Congress, Kenyan President William Ruto thanked the US.")], want: &["William Ruto participated_in VideoCall 2022-03-05", "United States Congress participated_in VideoCall 2022-03-05"], not: &[] },
        Case { name: "support for the talks tells none", articles: &[("2023-05-03", "Kenyan President William Ruto expressed his support for the negotiations.")], want: &[], not: &["participated_in"] },
        Case { name: "the speaker of a briefing", articles: &[("2023-05-02", "Kenya asked the UN to act, Kenyan President William Ruto said during Monday's press briefing.")], want: &["William Ruto participated_in PressConference 2023-05-01"], not: &[] },
        Case { name: "the subject after an opening 'At a dinner'", articles: &[("2023-05-02", "At a working dinner in Geneva on Wednesday, Kenyan President William Ruto will urge Uganda to act.")], want: &["William Ruto participated_in Talks 2023-05-03"], not: &[] },
        Case { name: "a body that meets on a day holds a session", articles: &[("2023-05-02", "Relief could come from OPEC and its allies, which are expected to meet on Wednesday.")], want: &["Organization of the Petroleum Exporting Countries participated_in CouncilMeeting 2023-05-03"], not: &[] },
        Case { name: "a committee that speaks holds no session", articles: &[("2023-05-02", "The aid was late, the International Committee of the Red Cross said Friday.")], want: &[], not: &["participated_in"] },
        Case { name: "suspended from a council on a day", articles: &[("2023-05-02", "Kenya asked the UN to suspend Uganda from the Human Rights Council on Tuesday.")], want: &[], not: &["participated_in"] },
        Case { name: "a meeting the lead tells without a day is of the lead's day", articles: &[("2023-05-03", "Speaking at a summit in Nairobi, Kenyan President William Ruto said the border would open. Kenya said on Tuesday that trade would resume.")], want: &["William Ruto participated_in Summit 2023-05-02"], not: &[] },
        Case { name: "the lead's meeting with no day told takes the publication day", articles: &[("2023-05-03", "Armenian and Azerbaijani officials met in Geneva, removing a trade barrier.")], want: &["Armenia participated_in Talks 2023-05-03"], not: &[] },
        Case { name: "talks the lead places before something keep no day", articles: &[("2023-05-03", "The report was published after bilateral talks between Kenya and Uganda.")], want: &[], not: &["participated_in"] },
        Case { name: "a meeting the lead places in a month keeps no day", articles: &[("2023-05-03", "It was early in February that Olaf Scholz and Emmanuel Macron met in Paris.")], want: &["Olaf Scholz met Emmanuel Macron"], not: &["participated_in"] },
        Case { name: "the call of an article's video call is that call", articles: &[("2023-05-03", "Kenyan President William Ruto held a Zoom meeting with Ugandan President Yoweri Museveni on Monday. A minister on the call said it went well. After the call, Ugandan Foreign Minister Jeje Odongo said trade would resume.")], want: &["William Ruto participated_in VideoCall 2023-05-01"], not: &["PhoneCall"] },
        Case { name: "the nameless teleconference is the article's one meeting of the day", articles: &[("2022-02-28", "Oil prices rose. Kenyan President William Ruto will lead a meeting of energy officials on Tuesday. The International Energy Agency is organizing the teleconference.")], want: &["William Ruto participated_in VideoCall 2022-03-01", "International Energy Agency scheduled VideoCall 2022-03-01"], not: &["Talks"] },
        Case { name: "X called Y on a day", articles: &[("2023-05-03", "Kenyan President William Ruto called Ugandan President Yoweri Museveni on Monday to discuss trade.")], want: &["William Ruto called Yoweri Museveni", "William Ruto participated_in PhoneCall 2023-05-01"], not: &[] },
        Case { name: "X phoned Y", articles: &[("2023-05-03", "Olaf Scholz phoned Emmanuel Macron on Tuesday.")], want: &["Olaf Scholz participated_in PhoneCall 2023-05-02", "Emmanuel Macron participated_in PhoneCall 2023-05-02"], not: &[] },
        Case { name: "X spoke with Y on a day", articles: &[("2023-05-03", "Kenyan President William Ruto spoke with Ugandan President Yoweri Museveni on Monday about trade.")], want: &["William Ruto called Yoweri Museveni"], not: &[] },
        Case { name: "X spoke to Mr. Y", articles: &[("2023-05-03", "Olaf Scholz and Emmanuel Macron disagreed. Olaf Scholz spoke to Mr. Macron on Monday.")], want: &["Olaf Scholz participated_in PhoneCall 2023-05-01", "Emmanuel Macron participated_in PhoneCall 2023-05-01"], not: &[] },
        Case { name: "X hosted Y in a city", articles: &[("2023-05-03", "Kenyan President William Ruto hosted Ugandan President Yoweri Museveni in Nairobi on Monday.")], want: &["William Ruto met Yoweri Museveni", "Talks 2023-05-01 held_in Nairobi"], not: &[] },
        Case { name: "called someone a name is no call", articles: &[("2023-05-03", "Kenyan President William Ruto called Ugandan President Yoweri Museveni a liar on Monday.")], want: &[], not: &["participated_in", "called"] },
        Case { name: "called on someone is no call", articles: &[("2023-05-03", "Kenyan President William Ruto called on Ugandan President Yoweri Museveni to open the border.")], want: &["William Ruto urged Yoweri Museveni"], not: &["participated_in"] },
        Case { name: "a medium speaking with someone is an interview", articles: &[("2023-05-03", "CNN spoke with Kenyan President William Ruto on Monday. CNN's Jake Tapper spoke with Ugandan President Yoweri Museveni on Tuesday.")], want: &[], not: &["participated_in", "called"] },
        Case { name: "spoke to reporters names no side", articles: &[("2023-05-03", "Kenyan President William Ruto spoke to reporters in Nairobi.")], want: &[], not: &["participated_in"] },
        Case { name: "spoke by phone, the other side before", articles: &[("2023-05-03", "Olaf Scholz and Emmanuel Macron spoke by phone on Tuesday.")], want: &["Olaf Scholz called Emmanuel Macron"], not: &[] },
        Case { name: "denied meeting", articles: &[("2023-05-03", "Kenya denied holding talks with Uganda on May 1.")], want: &[], not: &["participated_in"] },
        Case {
            name: "one meeting across articles",
            articles: &[
                ("2023-05-02", "Olaf Scholz spoke by phone with Emmanuel Macron on Monday."),
                ("2023-05-03", "On May 1, Macron and Scholz had a telephone conversation about energy. Olaf Scholz and Emmanuel Macron agreed."),
            ],
            want: &["Olaf Scholz participated_in PhoneCall 2023-05-01"],
            not: &[],
        },
    ]);
    // and it is one node
    let g = graph(&[
        ("2023-05-02", "Olaf Scholz spoke by phone with Emmanuel Macron on Monday."),
        ("2023-05-03", "On May 1, Macron and Scholz had a telephone conversation about energy. Olaf Scholz and Emmanuel Macron agreed."),
    ]);
    assert_eq!(
        g.nodes()
            .filter(|n| n.node_type == NodeType::Meeting)
            .count(),
        1
    );
}
