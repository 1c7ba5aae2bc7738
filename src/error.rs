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
