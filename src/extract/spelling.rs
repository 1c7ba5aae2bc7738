//! Spelling: two names in, how alike they are out (Jaro-Winkler), for transliteration variants
//! ("Zelenskiy", "Zelensky") and misspellings.

/// Jaro-Winkler similarity of at least 0.9 with a shared prefix of four letters: transliteration variants.
pub(super) fn similar(a: &str, b: &str) -> bool {
    let pa: String = a.chars().take(4).collect();
    let pb: String = b.chars().take(4).collect();
    pa == pb && jaro_winkler(a, b) >= 0.88
}

/// One letter dropped from, added to or changed in a word of five letters or more that keeps its
/// first letter ("Adern" for "Ardern"): a misspelt surname.
pub(super) fn one_slip(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if short.len() < 5 || long.len() - short.len() > 1 || short[0] != long[0] || a == b {
        return false;
    }
    let same_start = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    let rest = |skip_short: usize, skip_long: usize| {
        short[same_start + skip_short..] == long[same_start + skip_long..]
    };
    if short.len() == long.len() {
        rest(1, 1)
    } else {
        rest(0, 1)
    }
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

#[cfg(test)]
mod slip_tests {
    use super::one_slip;

    #[test]
    fn one_slip_is_one_letter_in_a_long_word() {
        // name, a, b, expected
        let cases = [
            ("dropped letter", "adern", "ardern", true),
            ("added letter", "bidenn", "biden", true),
            ("changed letter", "johnsen", "johnson", true),
            ("same word", "ardern", "ardern", false),
            ("other first letter", "bardern", "ardern", false),
            ("two letters", "adrn", "ardern", false),
            ("short word", "lee", "leo", false),
        ];
        for (name, a, b, want) in cases {
            assert_eq!(one_slip(a, b), want, "{name}");
        }
    }
}
