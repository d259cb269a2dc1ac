//! Errors of the library, as values.

use std::path::PathBuf;

/// Why an input could not be cleaned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CleanError {
    /// The input could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The input looks like a binary file, not text or HTML.
    #[error("binary content ({0}), not text or HTML")]
    Binary(String),
    /// The input (after decompression) is larger than the configured limit.
    #[error("input exceeds the size limit (max-bytes) of {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The document has more blocks (paragraphs, lines, cells) than the configured limit.
    #[error("document exceeds the block limit (max-blocks) of {limit} blocks")]
    TooManyBlocks {
        /// The limit in blocks.
        limit: usize,
    },
    /// A gzip stream is corrupt or truncated.
    #[error("corrupt or truncated gzip data: {0}")]
    Gzip(String),
    /// The cleaner failed on this input (a bug in deboil, caught so that a batch goes
    /// on); the message is the failure's.
    #[error("the cleaner failed: {0}")]
    Internal(String),
}

impl CleanError {
    /// A short machine-readable kind, as written in error records.
    pub fn kind(&self) -> &'static str {
        match self {
            CleanError::Io { .. } => "io",
            CleanError::Binary(_) => "binary",
            CleanError::TooLarge { .. } => "too_large",
            CleanError::TooManyBlocks { .. } => "too_many_blocks",
            CleanError::Gzip(_) => "gzip",
            CleanError::Internal(_) => "internal",
        }
    }
}
