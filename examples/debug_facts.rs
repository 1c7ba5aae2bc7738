//! Prints the facts extracted from one article (for development).
fn main() {
    let path = std::env::args().nth(1).expect("an article file");
    let k = newsgraph::Knowledge::embedded();
    let (arts, _) = newsgraph::read_file(std::path::Path::new(&path), &k).unwrap();
    for a in &arts {
        let f = newsgraph::extract(a, &k);
        for (key, e) in &f.entities {
            println!("N {key} {:?} {:?}", e.etype, e.surfaces);
        }
        for (i, m) in f.meetings.iter().enumerate() {
            println!(
                "M{i} {} {:?} {:?} parts={:?} place={:?} body={:?} {:?}",
                m.kind, m.date, m.status, m.participants, m.place, m.body, m.surfaces
            );
        }
        for e in &f.edges {
            println!(
                "E {:?} {} {:?} [{}] {}",
                e.s,
                e.relation,
                e.o,
                e.evidence.rule,
                &e.evidence.text[..e.evidence.text.len().min(90)]
            );
        }
    }
}
