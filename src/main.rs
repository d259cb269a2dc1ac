//! The deboil command line: a thin layer over the library.

mod cli;

use std::process::ExitCode;

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
    /// Clean articles (text or HTML, optionally gzipped) into JSON article records.
    Clean(cli::CleanArgs),
    /// Score deboil on the annotated corpora in ../shared/corpus.
    Eval(deboil::eval::EvalArgs),
    /// Write an HTML report showing what was removed from each input, and why.
    Report(deboil::report::ReportArgs),
    /// Clean every fixture under FIXTURES_DIR and compare it with its expected record.
    Check(deboil::check::CheckArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("deboil: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Run one subcommand; returns the exit code.
fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Clean(args) => cli::run(&args),
        Command::Eval(args) => {
            deboil::eval::run(&args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Report(args) => Ok(deboil::report::run(&args)),
        Command::Check(args) => Ok(deboil::check::run(&args)?),
    }
}
