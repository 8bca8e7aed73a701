//! `cargo xtask mutants [TARGET]`: mutation testing of the reference solutions.
//!
//! cargo-mutants changes the solutions one small edit at a time (a `+` for a `-`, a
//! function body for `Default::default()`...) and runs the lesson's tests against each
//! change: a mutant that no test notices is a hole in the tests, unless it is equivalent
//! (no behaviour tells it apart), which the lesson's `NOTES.md` then says, under
//! `## Surviving mutants`, one line each:
//!
//! ```text
//! - `solutions/child_map_reduce.rs: replace == with != in reduce`: why it is equivalent.
//! ```
//!
//! It runs in the scratch copy of the course (see `edition::SCRATCH_COPY`) with the
//! solutions in place of the starters, every test in a process of its own
//! (cargo-nextest), as the runner runs them.

use super::help::Help;
use crate::cargo::cargo;
use crate::course::{Course, Exercise};
use crate::edition::{SCRATCH_COPY, SCRATCH_TARGET, Tree};
use crate::{error::Error, style};
use std::path::Path;
use std::process::{ExitCode, Stdio};

pub const HELP: Help = Help {
    about: "Mutation-test the reference solutions (needs cargo-mutants and cargo-nextest)",
    usage: &["[OPTIONS] [TARGET]"],
    arguments: &[("[TARGET]", "A lesson or an exercise [default: the course]")],
    options: &[],
    examples: &[(
        "cargo xtask mutants pool_map",
        "The mutants of one solution; NOTES.md keeps the equivalent ones",
    )],
};

/// Where cargo-mutants writes its report, one folder per exercise.
const OUTPUT: &str = "target/copies/mutants";

/// The heading in a lesson's `NOTES.md` above the mutants it keeps.
const SURVIVORS: &str = "## Surviving mutants";

pub fn run(course: &Course, target: Option<&str>) -> Result<ExitCode, Error> {
    course.require_solutions("mutants")?;
    require_tool(
        &["mutants", "--version"],
        "cargo-mutants",
        "cargo install cargo-mutants --locked",
    )?;
    require_tool(
        &["nextest", "--version"],
        "cargo-nextest",
        "cargo install cargo-nextest --locked",
    )?;
    let selection = course.select(target)?;
    let copy = course.root.join(SCRATCH_COPY);
    let mut tree = Tree::grading(course)?;
    for exercise in course.exercises() {
        let file = exercise.solution_file();
        let solution = std::fs::read(&file)
            .map_err(|e| Error::config(format!("cannot read {}: {e}", file.display())))?;
        tree.files.insert(exercise.student_path(), solution);
    }
    tree.mirror(&copy)?;

    let mut all = Outcomes::default();
    let mut clean = true;
    for lesson in &course.lessons {
        let exercises: Vec<&Exercise> = selection
            .iter()
            .filter(|e| std::ptr::eq(e.lesson, lesson))
            .collect();
        if exercises.is_empty() {
            continue;
        }
        let notes = std::fs::read_to_string(lesson.dir.join("NOTES.md")).unwrap_or_default();
        let kept = kept_mutants(&notes);
        for exercise in exercises {
            let outcomes = mutate(course, exercise)?;
            let file = format!("solutions/{}.rs", exercise.name());
            let judged = Judged::of(&file, &outcomes.missed, &kept);
            print_exercise(exercise, &outcomes, &judged);
            for stale in &judged.stale {
                println!(
                    "      {} lessons/{}/NOTES.md keeps `{stale}`, which no longer survives: remove it",
                    style::red("stale:"),
                    lesson.id
                );
            }
            clean &= judged.is_clean();
            all.add(outcomes);
        }
    }
    let viable = all.caught.len() + all.missed.len();
    println!(
        "\n{} of {viable} viable mutants caught, {} missed ({} unviable)",
        all.caught.len(),
        all.missed.len(),
        all.unviable
    );
    if !clean {
        println!(
            "\n{} a missed mutant is a hole in the tests: add a test that fails for it, or, if no behaviour can tell it apart, list it under `{SURVIVORS}` in the lesson's NOTES.md with why",
            style::cyan("help:")
        );
    }
    Ok(super::exit_code(clean))
}

/// Runs cargo-mutants on one exercise's solution, with only that exercise's tests.
fn mutate(course: &Course, exercise: &Exercise) -> Result<Outcomes, Error> {
    let output = course.root.join(OUTPUT).join(exercise.name());
    std::fs::create_dir_all(&output)
        .map_err(|e| Error::config(format!("cannot create {}: {e}", output.display())))?;
    let tests = format!("test(/^(hidden::)?{}::/)", exercise.name());
    style::status(
        "Mutating",
        &format!("solutions/{}.rs of {}", exercise.name(), exercise.lesson.id),
    );
    // cargo-mutants' exit code says whether a mutant was missed; the lists it writes say
    // which, and whether those are kept on purpose.
    cargo()
        .current_dir(course.root.join(SCRATCH_COPY))
        .env("CARGO_TARGET_DIR", course.root.join(SCRATCH_TARGET))
        .args([
            "mutants",
            "--in-place",
            "--no-shuffle",
            "--test-tool",
            "nextest",
        ])
        .args(["--package", &exercise.lesson.package()])
        .args(["--file", &exercise.student_path()])
        .args(["--cargo-test-arg=-E", &format!("--cargo-test-arg={tests}")])
        .arg("--output")
        .arg(&output)
        .stdout(Stdio::null())
        .status()
        .map_err(|e| Error::config(format!("cannot run cargo-mutants: {e}")))?;
    Outcomes::read(&output.join("mutants.out"))
}

/// What the lesson's NOTES.md makes of one exercise's missed mutants.
struct Judged<'a> {
    /// Missed and not kept: holes in the tests.
    unexplained: Vec<&'a Mutant>,
    /// Kept for the exercise's file, but no longer missed: notes to remove.
    stale: Vec<&'a String>,
}

impl<'a> Judged<'a> {
    /// `file` is the solution the mutants were made in, `solutions/NAME.rs`.
    fn of(file: &str, missed: &'a [Mutant], kept: &'a [String]) -> Judged<'a> {
        Judged {
            unexplained: missed.iter().filter(|m| !kept.contains(&m.key)).collect(),
            stale: kept
                .iter()
                .filter(|key| key.starts_with(&format!("{file}: ")))
                .filter(|key| !missed.iter().any(|m| m.key == **key))
                .collect(),
        }
    }

    fn is_clean(&self) -> bool {
        self.unexplained.is_empty() && self.stale.is_empty()
    }
}

/// One exercise's line, and its missed mutants.
fn print_exercise(exercise: &Exercise, outcomes: &Outcomes, judged: &Judged) {
    let caught = outcomes.caught.len();
    let missed = &outcomes.missed;
    let unexplained = judged.unexplained.len();
    let verdict = match (missed.len(), unexplained) {
        (0, _) if caught == 0 => {
            format!("no viable mutant ({} would not compile)", outcomes.unviable)
        }
        (0, _) => style::green("all caught"),
        (n, 0) => format!("{n} missed, kept as equivalent"),
        (n, _) => style::red(&format!("{n} missed")),
    };
    println!(
        "  {:<24} {caught:>3} of {:>3} caught  {verdict}",
        exercise.name(),
        caught + missed.len()
    );
    for mutant in missed {
        let note = if judged.unexplained.iter().any(|m| m.key == mutant.key) {
            style::red("(not caught)")
        } else {
            style::dim("(kept in NOTES.md)")
        };
        println!("      {}  {note}", mutant.shown);
    }
}

/// A mutant as cargo-mutants names it.
struct Mutant {
    /// `solutions/NAME.rs:LINE:COL: replace ... with ...`: where an instructor reads it.
    shown: String,
    /// The same without line and column, which move with every edit: how NOTES.md
    /// names a kept mutant.
    key: String,
}

/// What cargo-mutants wrote: `caught.txt`, `missed.txt`, `timeout.txt`, `unviable.txt`.
#[derive(Default)]
struct Outcomes {
    /// Caught by a failing test, or by a test that no longer finishes.
    caught: Vec<Mutant>,
    missed: Vec<Mutant>,
    unviable: usize,
}

impl Outcomes {
    fn read(dir: &Path) -> Result<Outcomes, Error> {
        let list = |name: &str| -> Result<Vec<Mutant>, Error> {
            let file = dir.join(name);
            let text = std::fs::read_to_string(&file).map_err(|e| {
                Error::config(format!("cargo-mutants wrote no {}: {e}", file.display())).help(
                    "its output above says why (a test that fails without any mutation stops it)",
                )
            })?;
            Ok(text.lines().filter_map(Mutant::parse).collect())
        };
        let mut caught = list("caught.txt")?;
        caught.extend(list("timeout.txt")?);
        Ok(Outcomes {
            caught,
            missed: list("missed.txt")?,
            unviable: list("unviable.txt")?.len(),
        })
    }

    fn add(&mut self, other: Outcomes) {
        self.caught.extend(other.caught);
        self.missed.extend(other.missed);
        self.unviable += other.unviable;
    }
}

impl Mutant {
    /// `lessons/01-processes/src/run_helper.rs:12:5: replace run -> ... with ...`.
    fn parse(line: &str) -> Option<Mutant> {
        let (path, rest) = line.split_once(".rs:")?;
        let name = path.rsplit('/').next()?;
        let (position, description) = rest.split_once(": ")?;
        Some(Mutant {
            shown: format!("solutions/{name}.rs:{position}: {description}"),
            key: format!("solutions/{name}.rs: {description}"),
        })
    }
}

/// The mutants a lesson's NOTES.md keeps: the backquoted start of each `- ` line under
/// `## Surviving mutants`.
fn kept_mutants(notes: &str) -> Vec<String> {
    notes
        .lines()
        .skip_while(|line| line.trim() != SURVIVORS)
        .skip(1)
        .take_while(|line| !line.starts_with("## "))
        .filter_map(|line| line.trim().strip_prefix("- `"))
        .filter_map(|line| line.split_once('`').map(|(key, _)| key.to_string()))
        .collect()
}

/// Stops with the install command when a cargo subcommand is missing.
fn require_tool(args: &[&str], name: &str, install: &str) -> Result<(), Error> {
    let found = cargo()
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if found {
        Ok(())
    } else {
        Err(Error::config(format!(
            "`cargo xtask mutants` needs {name}, which is not installed"
        ))
        .help(format!("install it with `{install}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_keep_the_mutants_listed_under_their_heading() {
        let notes = "# Notes\n- `not: a mutant`\n\n## Surviving mutants\n\n\
                     - `solutions/a.rs: replace f -> bool with true`: f is never false.\n\
                     Some prose.\n\
                     - `solutions/b.rs: delete !`: equivalent.\n\n## Later\n- `not: either`\n";
        assert_eq!(
            kept_mutants(notes),
            [
                "solutions/a.rs: replace f -> bool with true",
                "solutions/b.rs: delete !"
            ]
        );
    }

    #[test]
    fn a_miss_is_a_hole_unless_kept_and_a_kept_mutant_must_still_survive() {
        let mutant = |line: &str| Mutant::parse(line).unwrap();
        let missed = [
            mutant("lessons/01-x/src/a.rs:3:5: replace f -> bool with true"),
            mutant("lessons/01-x/src/a.rs:9:1: delete ! in g"),
        ];
        let kept = [
            "solutions/a.rs: replace f -> bool with true".to_string(),
            "solutions/a.rs: replace h with ()".to_string(),
            "solutions/b.rs: replace h with ()".to_string(),
        ];
        let judged = Judged::of("solutions/a.rs", &missed, &kept);
        let holes: Vec<&str> = judged.unexplained.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(holes, ["solutions/a.rs: delete ! in g"]);
        assert_eq!(judged.stale, [&kept[1]], "b.rs is another exercise's");
        assert!(!judged.is_clean());
        assert!(Judged::of("solutions/a.rs", &missed[..1], &kept[..1]).is_clean());
    }

    #[test]
    fn a_missing_tool_is_named_with_its_install_command() {
        let error = require_tool(
            &["no-such-subcommand-of-cargo", "--version"],
            "cargo-nothing",
            "cargo install cargo-nothing",
        )
        .expect_err("no such subcommand");
        // The message, then its help in brackets.
        let said = error.to_string();
        assert!(said.contains("needs cargo-nothing"), "{said}");
        assert!(
            said.ends_with("(install it with `cargo install cargo-nothing`)"),
            "{said}"
        );
    }

    #[test]
    fn mutants_are_keyed_without_their_position() {
        let mutant = Mutant::parse(
            "lessons/01-processes/src/run_helper.rs:12:5: replace run -> io::Result<Finished> with Ok(Default::default())",
        )
        .unwrap();
        assert_eq!(
            mutant.shown,
            "solutions/run_helper.rs:12:5: replace run -> io::Result<Finished> with Ok(Default::default())"
        );
        assert_eq!(
            mutant.key,
            "solutions/run_helper.rs: replace run -> io::Result<Finished> with Ok(Default::default())"
        );
    }
}
