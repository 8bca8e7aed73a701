//! `cargo xtask new lesson TOPIC [EXERCISE]` and `cargo xtask new exercise LESSON NAME`:
//! scaffolds that pass `verify`'s structure checks at once and fail their own test until
//! they are written.

use super::help::Help;
use super::sync::write_derived;
use crate::course::{CORPUS_DIR, Course, Lesson};
use crate::manifest::is_identifier;
use crate::{error::Error, style};
use std::path::Path;
use std::process::ExitCode;

pub const HELP: Help = Help {
    about: "Scaffold a lesson or an exercise",
    usage: &["lesson <TOPIC> [EXERCISE]", "exercise <LESSON> <NAME>"],
    arguments: &[
        (
            "<TOPIC>",
            "The new lesson's topic, lowercase words joined by `-`",
        ),
        ("[EXERCISE]", "Its first exercise [default: TOPIC_intro]"),
        ("<LESSON>", "A lesson (`01`, `processes`, `01-processes`)"),
        ("<NAME>", "The new exercise, a lowercase Rust identifier"),
    ],
    options: &[],
    examples: &[
        (
            "cargo xtask new lesson async-iterators",
            "The next lesson, numbered after the last",
        ),
        (
            "cargo xtask new exercise 02 scoped_sum",
            "An exercise in lesson 02",
        ),
    ],
};

pub enum What {
    Lesson {
        topic: String,
        first_exercise: Option<String>,
    },
    Exercise {
        lesson: String,
        name: String,
    },
}

pub fn run(course: &Course, what: What) -> Result<ExitCode, Error> {
    course.require_solutions("new")?;
    match what {
        What::Lesson {
            topic,
            first_exercise,
        } => {
            let exercise =
                first_exercise.unwrap_or_else(|| format!("{}_intro", topic.replace('-', "_")));
            let id = new_lesson(course, &topic, &exercise)?;
            let course = Course::load(&course.root)?;
            write_derived(&course)?;
            style::status(
                "Created",
                &format!("lesson lessons/{id} with exercise `{exercise}`"),
            );
            println!(
                "\nNext: write the lesson text in lessons/{id}/README.md, then the exercise (see below)."
            );
            print_exercise_next_steps(&id, &exercise);
        }
        What::Exercise { lesson, name } => {
            let id = lesson_of(course, &lesson)?.id.clone();
            check_new_exercise(course, &name)?;
            add_exercise(&course.root.join("lessons").join(&id), &id, &name)?;
            let course = Course::load(&course.root)?;
            write_derived(&course)?;
            style::status("Created", &format!("exercise `{name}` in lessons/{id}"));
            print_exercise_next_steps(&id, &name);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_exercise_next_steps(id: &str, name: &str) {
    println!(
        "\n  1. lessons/{id}/solutions/{name}.rs: the task statement and the reference solution\n  \
         2. lessons/{id}/tests/{name}.rs: tests that prove the property (hidden ones go in tests/hidden/{name}.rs)\n  \
         3. lessons/{id}/wrong/{name}/: the mistakes the tests must catch (wrong-*.rs) and other correct solutions (ok-*.rs)\n  \
         4. lessons/{id}/lesson.toml: the title and one to three hints\n  \
         5. cargo xtask sync, then cargo xtask verify (the new exercise fails until it is written)"
    );
}

fn lesson_of<'c>(course: &'c Course, name: &str) -> Result<&'c Lesson, Error> {
    course
        .lessons
        .iter()
        .find(|l| [l.id.as_str(), l.number.as_str(), l.topic.as_str()].contains(&name))
        .ok_or_else(|| {
            let known: Vec<&str> = course.lessons.iter().map(|l| l.id.as_str()).collect();
            Error::usage(format!("no lesson `{name}`"))
                .help(format!("the lessons are: {}", known.join(", ")))
        })
}

fn check_new_exercise(course: &Course, name: &str) -> Result<(), Error> {
    if !is_identifier(name) {
        return Err(Error::usage(format!(
            "`{name}` cannot name an exercise: use a lowercase Rust identifier (letters, digits, `_`), not a keyword, `main`, `lib` or `hidden`"
        ))
        .help("for example `cargo xtask new exercise 02 scoped_sum`"));
    }
    if let Some(existing) = course.exercises().find(|e| e.name() == name) {
        return Err(Error::usage(format!(
            "exercise `{name}` already exists in lessons/{}: exercise names are unique in the course",
            existing.lesson.id
        )));
    }
    Ok(())
}

/// Creates `lessons/NN-topic` with its manifest, lesson text and first exercise;
/// returns the lesson's id.
fn new_lesson(course: &Course, topic: &str, exercise: &str) -> Result<String, Error> {
    let valid = topic.starts_with(|c: char| c.is_ascii_lowercase())
        && !topic.ends_with('-')
        && !topic.contains("--")
        && topic
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !valid {
        return Err(Error::usage(format!(
            "`{topic}` cannot name a lesson: use lowercase words joined by `-`"
        ))
        .help("for example `cargo xtask new lesson async-iterators`"));
    }
    if let Some(existing) = course.lessons.iter().find(|l| l.topic == topic) {
        return Err(Error::usage(format!(
            "lesson `{topic}` already exists: lessons/{}",
            existing.id
        )));
    }
    check_new_exercise(course, exercise)?;
    let number = course
        .lessons
        .iter()
        .filter_map(|l| l.number.parse::<u32>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    if number > 99 {
        return Err(Error::config(
            "the course has lesson 99 already: lesson numbers have two digits",
        ));
    }
    let id = format!("{number:02}-{topic}");
    let dir = course.root.join("lessons").join(&id);
    let title = sentence(topic);
    let root_manifest = std::fs::read_to_string(course.root.join("Cargo.toml")).unwrap_or_default();
    create(
        &dir.join("Cargo.toml"),
        &cargo_toml(&id, &title, &root_manifest),
    )?;
    create(&dir.join("lesson.toml"), &format!("title = \"{title}\"\n"))?;
    create(
        &dir.join("README.md"),
        &format!(
            "# Lesson {number:02}: {title}\n\n\
             <!-- The lesson text: the concepts for Rust, a table mapping the seed's examples to \
             their Rust counterparts, the pitfalls, links to the crates' documentation. -->\n\n\
             ## Exercises\n\n{HINTS_NOTE}"
        ),
    )?;
    add_exercise(&dir, &id, exercise)?;
    Ok(id)
}

/// What every lesson text tells students about its hints, which its manifest holds in
/// plain text.
const HINTS_NOTE: &str = "\
The hints are written in `lesson.toml`, all of them in plain text, for the instructors who
edit them: opening it spoils them all at once. Ask for them instead, one by one, when you
are stuck: `cargo xtask hint NAME` shows the next one.
";

/// A lesson's Cargo.toml, inheriting from the workspace what the workspace defines.
fn cargo_toml(id: &str, title: &str, root_manifest: &str) -> String {
    let package_fields = if root_manifest.contains("[workspace.package]") {
        "version.workspace = true\nedition.workspace = true\nrust-version.workspace = true\n\
         license.workspace = true\npublish.workspace = true\n"
    } else {
        "version = \"0.1.0\"\nedition = \"2024\"\npublish = false\n"
    };
    let has = |dependency: &str| {
        root_manifest.contains(&format!("\n{dependency} ="))
            || root_manifest.contains(&format!("\n{dependency}.workspace"))
    };
    // Graded tests are what the runner trusts: a lesson gets the crate however the course
    // provides it.
    let graded = if has("graded") {
        "graded.workspace = true\n"
    } else {
        "graded = { path = \"../../graded\" }\n"
    };
    let dev_dependencies: String = std::iter::once(graded.to_string())
        .chain(
            ["pretty_assertions", "shared"]
                .into_iter()
                .filter(|d| has(d))
                .map(|d| format!("{d}.workspace = true\n")),
        )
        .collect();
    let lints = if root_manifest.contains("[workspace.lints") {
        "\n[lints]\nworkspace = true\n"
    } else {
        ""
    };
    format!(
        "[package]\nname = \"lesson-{id}\"\ndescription = \"Lesson {} of the course: {}.\"\n\
         {package_fields}autotests = false\n\n[lib]\ndoctest = false\n\n[features]\n\
         # Build the reference solutions (`solutions/`) instead of the starters (`src/`).\n\
         solutions = []\n\n[dev-dependencies]\n{dev_dependencies}\n[[test]]\nname = \"exercises\"\npath = \"tests/main.rs\"\n{lints}",
        &id[..2],
        title.to_lowercase()
    )
}

/// Adds exercise `name` to the lesson in `dir`: the manifest entry, a line in the
/// lesson text, the solution with its region, a test, and a known mistake, which fail
/// `verify` until they are written.
fn add_exercise(dir: &Path, id: &str, name: &str) -> Result<(), Error> {
    let title = sentence(name);
    let solution = dir.join("solutions").join(format!("{name}.rs"));
    let test = dir.join("tests").join(format!("{name}.rs"));
    let mistake = dir.join(CORPUS_DIR).join(name).join("wrong-answer.rs");
    for file in [
        &solution,
        &test,
        &mistake,
        &dir.join("src").join(format!("{name}.rs")),
    ] {
        if file.exists() {
            return Err(Error::usage(format!(
                "{} exists already: remove it, or pick another name",
                file.display()
            )));
        }
    }
    let krate = format!("lesson_{}", id.replace('-', "_"));
    create(
        &solution,
        &format!(
            "//! # {title}\n//!\n//! TODO: the task statement: what to write, the rules it must keep, an example.\n\n\
             /// TODO: what `{name}` does.\npub fn {name}() -> u32 {{\n    \
             // begin solution: write `{name}`\n    \
             todo!(\"the reference solution of `{name}`\")\n    \
             // end solution\n}}\n"
        ),
    )?;
    create(
        &test,
        &format!(
            "//! Exercise `{name}`: TODO: the property these tests prove, and how.\n\n\
             use {krate}::{name}::{name};\n\n\
             #[graded::test]\nfn gives_the_answer() {{\n    \
             // TODO: tests that prove what the exercise teaches.\n    \
             assert_eq!({name}(), 42);\n}}\n"
        ),
    )?;
    create(
        &mistake,
        &format!(
            "// TODO: a mistake students make in `{name}`, written as they would write it. Add at\n\
             // least four (`wrong-SLUG.rs`), and an `ok-SLUG.rs` for each other correct approach.\n\
             //\n// expect: failed\n\
             // message: TODO: words that the first message of `cargo xtask check {name}` must contain\n\n\
             pub fn {name}() -> u32 {{\n    41\n}}\n"
        ),
    )?;
    append(
        &dir.join("lesson.toml"),
        &format!(
            "\n[[exercises]]\nname = \"{name}\"\ntitle = \"{title}\"\nhints = [\"TODO: a first hint.\"]\n"
        ),
    )?;
    // Into the lesson text's list of exercises, which the scaffold ends with.
    let readme = dir.join("README.md");
    let text = std::fs::read_to_string(&readme).unwrap_or_default();
    let in_list = text
        .trim_end()
        .lines()
        .last()
        .is_some_and(|l| l.starts_with("- "));
    let line = format!("{}- `{name}`: {title}\n", if in_list { "" } else { "\n" });
    append(&readme, &line)
}

/// `async-iterators` or `scoped_sum` as a title: `Async iterators`, `Scoped sum`.
fn sentence(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn create(path: &Path, content: &str) -> Result<(), Error> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::config(format!("cannot create {}: {e}", dir.display())))?;
    }
    std::fs::write(path, content)
        .map_err(|e| Error::config(format!("cannot write {}: {e}", path.display())))
}

fn append(path: &Path, text: &str) -> Result<(), Error> {
    let current = std::fs::read_to_string(path)
        .map_err(|e| Error::config(format!("cannot read {}: {e}", path.display())))?;
    let separator = if current.ends_with('\n') || current.is_empty() {
        ""
    } else {
        "\n"
    };
    crate::state::write_atomically(path, format!("{current}{separator}{text}").as_bytes())
        .map_err(|e| Error::config(format!("cannot write {}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn names_become_titles() {
        assert_eq!(sentence("async-iterators"), "Async iterators");
        assert_eq!(sentence("scoped_sum"), "Scoped sum");
    }
}
