//! Gzip output: a record stream written compressed when its file name ends in `.gz`.
//!
//! The encoder wraps an [`OutputFile`], so a compressed output keeps every guarantee of
//! the plain one: a regular file is written under a temporary name and renamed when
//! complete, a FIFO or device is written in place (and gets gzip too).

use std::io::{self, Write};
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

use super::OutputFile;

/// Whether `path` asks for gzip: its name ends in `.gz` (in any case).
pub fn wants_gzip(path: &Path) -> bool {
    path.file_name()
        .map(|name| name.to_string_lossy().to_ascii_lowercase().ends_with(".gz"))
        .unwrap_or(false)
}

/// An [`OutputFile`] written as one gzip member (default compression level).
pub struct GzipOutput {
    encoder: GzEncoder<OutputFile>,
}

impl GzipOutput {
    /// Prepare to write gzip to `path` (see [`OutputFile::create`]).
    pub fn create(path: &Path) -> io::Result<Self> {
        let file = OutputFile::create(path)?;
        Ok(GzipOutput {
            encoder: GzEncoder::new(file, Compression::default()),
        })
    }

    /// Write the gzip trailer, then commit the file (see [`OutputFile::commit`]).
    pub fn commit(self) -> io::Result<()> {
        self.encoder.finish()?.commit()
    }
}

impl Write for GzipOutput {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.encoder.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.encoder.flush()
    }
}

/// An output file written as its name asks: gzip when it ends in `.gz`, plain
/// otherwise.
pub enum NamedOutput {
    /// Written as given.
    Plain(OutputFile),
    /// Written through a gzip encoder (boxed: the encoder's state is large).
    Gzip(Box<GzipOutput>),
}

impl NamedOutput {
    /// Prepare to write `path`, compressed when [`wants_gzip`] says so.
    pub fn create(path: &Path) -> io::Result<Self> {
        if wants_gzip(path) {
            GzipOutput::create(path).map(|file| NamedOutput::Gzip(Box::new(file)))
        } else {
            OutputFile::create(path).map(NamedOutput::Plain)
        }
    }

    /// Finish the write: the gzip trailer if any, then the file's commit.
    pub fn commit(self) -> io::Result<()> {
        match self {
            NamedOutput::Plain(file) => file.commit(),
            NamedOutput::Gzip(file) => (*file).commit(),
        }
    }
}

impl Write for NamedOutput {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            NamedOutput::Plain(file) => file.write(buf),
            NamedOutput::Gzip(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            NamedOutput::Plain(file) => file.flush(),
            NamedOutput::Gzip(file) => file.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::read::MultiGzDecoder;
    use std::io::Read;

    #[test]
    fn only_names_ending_in_gz_ask_for_gzip() {
        assert!(wants_gzip(Path::new("out/records.jsonl.gz")));
        assert!(wants_gzip(Path::new("RECORDS.GZ")));
        assert!(!wants_gzip(Path::new("records.jsonl")));
        assert!(!wants_gzip(Path::new("records.gzip")));
        assert!(!wants_gzip(Path::new("gz/records.jsonl")));
        assert!(!wants_gzip(Path::new("-")));
    }

    #[test]
    fn a_gz_name_gets_gzip_that_decompresses_to_what_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl.gz");
        let mut out = NamedOutput::create(&path).unwrap();
        out.write_all(b"{\"a\":1}\n{\"b\":2}\n").unwrap();
        assert!(!path.exists(), "nothing is final before the commit");
        out.commit().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[..2], &[0x1f, 0x8b]);
        let mut text = String::new();
        MultiGzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "{\"a\":1}\n{\"b\":2}\n");
    }

    #[test]
    fn a_plain_name_is_written_as_given() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let mut out = NamedOutput::create(&path).unwrap();
        out.write_all(b"plain\n").unwrap();
        out.commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"plain\n");
    }

    #[test]
    fn a_dropped_gzip_output_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl.gz");
        let mut out = NamedOutput::create(&path).unwrap();
        out.write_all(b"half a run").unwrap();
        drop(out);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
