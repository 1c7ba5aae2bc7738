//! Page chrome: the lines of a page that are not its story (bylines, share buttons, cookie
//! notices). In: the patterns of `lexicon/chrome.tsv`; out: whether a line matches one, each line
//! read once for all the `contains` patterns.

use super::Knowledge;

/// A line-matching rule for page chrome.
#[derive(Clone, Debug)]
pub struct ChromePattern {
    pub(super) kind: String,
    pub(super) pattern: String,
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

/// The longest line a `contains` chrome pattern is looked for in, in bytes: boilerplate is short.
pub const MAX_CHROME_CONTAINS_LINE: usize = 500;

/// The `contains` chrome patterns, searched together.
#[derive(Clone, Debug, Default)]
pub(super) enum ChromeContains {
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
    /// Builds the matchers of the chrome patterns: the `contains` ones searched together, the
    /// others by their first byte.
    pub(super) fn index_chrome(&mut self) {
        self.chrome_contains = ChromeContains::new(
            self.chrome
                .iter()
                .filter(|p| p.kind == "contains")
                .map(|p| p.pattern.as_str()),
        );
        for (i, p) in self.chrome.iter().enumerate() {
            if let (false, Some(b)) = (p.kind == "contains", p.pattern.bytes().next()) {
                self.chrome_starts.entry(b).or_default().push(i);
            }
        }
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
