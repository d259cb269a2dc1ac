//! `deboil eval`: scores deboil on the annotated corpora.

/// Arguments of `deboil eval`.
#[derive(Debug, Clone, clap::Args)]
pub struct EvalArgs {}

/// Run the evaluation and print the figures.
pub fn run(args: &EvalArgs) -> Result<(), crate::CleanError> {
    let _ = args;
    todo!("owned by the eval helper")
}
