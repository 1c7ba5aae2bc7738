//! Errors: each names the file (and line, where there is one) and says what to do.

/// An error of the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong and what to do.
        message: String,
    },
    /// An input article is malformed.
    #[error("{path}:{line}: {message}")]
    Input {
        /// The file.
        path: String,
        /// 1-based line (0 when the whole file is concerned).
        line: usize,
        /// What went wrong and what to do.
        message: String,
    },
    /// A knowledge file of the ontology is malformed.
    #[error("{file}:{line}: {message}")]
    Knowledge {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// What went wrong.
        message: String,
    },
    /// The configuration is not usable.
    #[error("{0}")]
    Config(String),
}

/// `s` for a terminal: control characters (an escape sequence in a file name could retitle the
/// window or clear the screen; a NUL cuts the line) written as Rust escapes (`\u{1b}`), the rest as
/// it is.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return s.into();
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_are_escaped() {
        let cases = [
            ("plain", "a.txt", "a.txt"),
            (
                "escape sequence",
                "\u{1b}]0;owned\u{7}.txt",
                "\\u{1b}]0;owned\\u{7}.txt",
            ),
            ("NUL and C1", "a\0b\u{9b}c", "a\\u{0}b\\u{9b}c"),
            ("newline", "a\nb", "a\\nb"),
            ("non-ASCII kept", "Zürich — café", "Zürich — café"),
        ];
        for (name, input, want) in cases {
            assert_eq!(super::printable(input), want, "{name}");
        }
    }
}
