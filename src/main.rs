//! The deboil command line: a thin layer over the library.

use clap::{Parser, Subcommand};

/// Strip boilerplate and page noise from scraped articles.
#[derive(Debug, Parser)]
#[command(name = "deboil", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score deboil on the annotated corpora in ../shared/corpus.
    Eval(deboil::eval::EvalArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Eval(args) => deboil::eval::run(&args)?,
    }
    Ok(())
}
