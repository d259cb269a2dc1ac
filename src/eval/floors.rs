//! The quality gate: floors for named figures (`quality-floors.json`), and the check
//! that every figure of a run reaches its floor.
//!
//! The floors file is a JSON object with a `floors` object mapping figure ids (see
//! [`super::Report::figures`]) to the lowest acceptable value; any other keys (such as
//! `comment`) are documentation and ignored.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use super::EvalError;

/// The contents of a floors file.
#[derive(Debug, Clone, Deserialize)]
struct FloorsFile {
    /// Figure id -> floor.
    floors: BTreeMap<String, f64>,
}

/// Read the floors of a floors file; every floor must be a number from 0 to 1.
pub fn load_floors(path: &Path) -> Result<BTreeMap<String, f64>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|cause| EvalError::Io {
        path: path.to_path_buf(),
        cause,
    })?;
    let file: FloorsFile = serde_json::from_str(&text).map_err(|cause| EvalError::Json {
        path: path.to_path_buf(),
        cause,
    })?;
    match file.floors.iter().find(|(_, v)| !(0.0..=1.0).contains(*v)) {
        Some((id, value)) => Err(EvalError::BadFloor {
            path: path.to_path_buf(),
            message: format!("{id}: {value} is not a figure from 0 to 1"),
        }),
        None => Ok(file.floors),
    }
}

/// One floor and the figure the run reached.
#[derive(Debug, Clone, PartialEq)]
pub struct FloorCheck {
    /// The figure id.
    pub id: String,
    /// The floor.
    pub floor: f64,
    /// The figure of the run; `None` when the run did not measure it.
    pub figure: Option<f64>,
}

impl FloorCheck {
    /// Whether the figure was measured and reaches the floor.
    pub fn holds(&self) -> bool {
        self.figure.is_some_and(|figure| figure >= self.floor)
    }

    /// One line saying how the figure compares with its floor.
    pub fn describe(&self) -> String {
        match self.figure {
            Some(figure) if self.holds() => {
                format!("{}: {figure:.4} >= floor {:.4}", self.id, self.floor)
            }
            Some(figure) => format!(
                "{}: {figure:.4} is below its floor {:.4} (by {:.4})",
                self.id,
                self.floor,
                self.floor - figure
            ),
            None => format!(
                "{}: not measured by this run (floor {:.4}); run both modes on both \
                 corpora",
                self.id, self.floor
            ),
        }
    }
}

/// Compare every floor with the run's figure of the same id, in id order.
pub fn check_floors(
    floors: &BTreeMap<String, f64>,
    figures: &BTreeMap<String, f64>,
) -> Vec<FloorCheck> {
    floors
        .iter()
        .map(|(id, floor)| FloorCheck {
            id: id.clone(),
            floor: *floor,
            figure: figures.get(id).copied(),
        })
        .collect()
}

/// The printed outcome: every floor with its figure, then "all floors hold" or the
/// number of floors broken.
pub fn render_floors(checks: &[FloorCheck]) -> String {
    let mut out = format!("\nquality floors ({})\n", checks.len());
    for check in checks {
        let mark = if check.holds() { "ok  " } else { "FAIL" };
        let _ = writeln!(out, "  {mark} {}", check.describe());
    }
    let broken = checks.iter().filter(|c| !c.holds()).count();
    if broken == 0 {
        out.push_str("all floors hold\n");
    } else {
        let _ = writeln!(out, "{broken} of {} floors broken", checks.len());
    }
    out
}

/// `Ok` when every floor holds; otherwise the error listing every broken floor.
pub fn verdict(checks: &[FloorCheck]) -> Result<(), EvalError> {
    let broken: Vec<String> = checks
        .iter()
        .filter(|c| !c.holds())
        .map(FloorCheck::describe)
        .collect();
    if broken.is_empty() {
        Ok(())
    } else {
        Err(EvalError::FloorsBroken { broken })
    }
}
