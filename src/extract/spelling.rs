//! Spelling: two names in, how alike they are out (Jaro-Winkler), for transliteration variants
//! ("Zelenskiy", "Zelensky") and misspellings.

/// Jaro-Winkler similarity of at least 0.9 with a shared prefix of four letters: transliteration variants.
pub(super) fn similar(a: &str, b: &str) -> bool {
    let pa: String = a.chars().take(4).collect();
    let pb: String = b.chars().take(4).collect();
    pa == pb && jaro_winkler(a, b) >= 0.88
}

/// Jaro-Winkler similarity of two strings.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut am = vec![false; a.len()];
    let mut bm = vec![false; b.len()];
    let mut m = 0usize;
    for i in 0..a.len() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for j in lo..hi {
            if !bm[j] && a[i] == b[j] {
                am[i] = true;
                bm[j] = true;
                m += 1;
                break;
            }
        }
    }
    if m == 0 {
        return 0.0;
    }
    let (mut t, mut j) = (0usize, 0usize);
    for i in 0..a.len() {
        if am[i] {
            while !bm[j] {
                j += 1;
            }
            if a[i] != b[j] {
                t += 1;
            }
            j += 1;
        }
    }
    let m = m as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + (m - t as f64 / 2.0) / m) / 3.0;
    let prefix = a.iter().zip(&b).take(4).take_while(|(x, y)| x == y).count() as f64;
    jaro + prefix * 0.1 * (1.0 - jaro)
}
