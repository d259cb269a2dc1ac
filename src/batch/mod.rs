//! Batch mode: walking directories with filters ([`walk`]), the list of inputs of
//! `--files-from` ([`list`]), one shard of the inputs for runs on many machines
//! ([`shard`]), one output file per input under an output directory ([`outdir`]), and
//! the batch's accounting ([`stats`]).
//!
//! The run itself — cleaning sources on worker threads and handing the results back
//! in order — is [`crate::pipeline::Pipeline`].

pub mod args;
pub mod jsonl;
pub mod list;
pub mod outdir;
pub mod shard;
pub mod stats;
pub mod walk;
pub mod warc;
