//! Batch mode: walking directories with filters ([`walk`]), one output file per input
//! under an output directory ([`outdir`]), and the batch's accounting ([`stats`]).
//!
//! The run itself — cleaning sources on worker threads and handing the results back
//! in order — is [`crate::pipeline::Pipeline`].

pub mod args;
pub mod jsonl;
pub mod outdir;
pub mod stats;
pub mod walk;
pub mod warc;
