//! End-to-end tests of the commands of `cargo xtask` other than grading itself, on the
//! fixture course (`tests/fixtures/course`).

mod support;

use std::fs;

use support::{Course, EXERCISES};

/// The commands `xtask` has.
const COMMANDS: [&str; 8] = [
    "check", "list", "hint", "watch", "reset", "solution", "verify", "sync",
];

const STATE: &str = ".course-state.json";

/// What `reset fails` must restore: the starter derived from `solutions/fails.rs`.
const FAILS_STARTER: &str = "\
/// Returns the product of `a` and `b`.
pub fn multiply(a: u32, b: u32) -> u32 {
    todo!(\"multiply the two numbers\")
}
";

#[test]
fn no_arguments_prints_the_help() {
    let course = Course::new("help");
    let output = course.xtask(&[]);
    output.assert_code(0);
    for command in COMMANDS {
        assert!(
            output.stdout.contains(command),
            "the help does not name `{command}`: {output}"
        );
    }
}

#[test]
fn unknown_command_is_a_usage_error() {
    let course = Course::new("unknown-command");
    course
        .xtask(&["frobnicate"])
        .assert_usage_error("frobnicate");
}

#[test]
fn unknown_exercise_is_a_usage_error() {
    let course = Course::new("unknown-exercise");
    for command in ["hint", "reset", "solution"] {
        course
            .xtask(&[command, "nonsense"])
            .assert_usage_error("nonsense");
    }
}

#[test]
fn list_names_every_exercise() {
    let course = Course::new("list");
    let output = course.xtask(&["list"]);
    // Like every command that grades: 0 when everything passed, 1 when not.
    output.assert_code(1);
    for exercise in &EXERCISES {
        assert!(
            output.stdout.contains(exercise.name),
            "`list` does not name {}: {output}",
            exercise.name
        );
    }
}

/// `hint` shows the next hint on each call, remembering in `.course-state.json` in the
/// course root, wherever in the course it runs.
#[test]
fn hint_shows_the_hints_one_by_one() {
    let course = Course::new("hint");
    let first = "Fails hint one: look at the operator you used.";
    let second = "Fails hint two: multiplication is written `*`.";

    let output = course.xtask(&["hint", "fails"]);
    output.assert_code(0);
    assert!(output.stdout.contains(first), "{output}");
    assert!(!output.stdout.contains(second), "{output}");
    assert!(
        course.path(STATE).is_file(),
        "no {STATE} in the course root"
    );

    let output = course.xtask_in("lessons/01-basics/src", &["hint", "fails"]);
    output.assert_code(0);
    assert!(output.stdout.contains(second), "{output}");
    assert!(
        !course.path("lessons/01-basics/src").join(STATE).exists(),
        "{STATE} written outside the course root"
    );
}

/// Garbage in `.course-state.json` is reported and replaced, not fatal.
#[test]
fn corrupted_state_is_recovered_from() {
    let course = Course::new("corrupted-state");
    let garbage = "{\"hints\": [this is not JSON\u{0}";

    course.write(STATE, garbage);
    let output = course.xtask(&["hint", "passes"]);
    output.assert_code(0);
    assert_warned(&output);
    assert!(
        output
            .stdout
            .contains("Passes hint one: the `+` operator adds."),
        "{output}"
    );
    // The state works again from there on.
    let output = course.xtask(&["hint", "passes"]);
    output.assert_code(0);
    assert!(
        output
            .stdout
            .contains("Passes hint two: addition is commutative."),
        "{output}"
    );

    // `check` need not read the state; if it does, it recovers the same way.
    course.write(STATE, garbage);
    let output = course.xtask(&["check", "passes", "--format", "json"]);
    output.assert_code(0);
    assert!(!output.stderr.contains("panicked"), "{output}");
    if fs::read(course.path(STATE)).ok().as_deref() != Some(garbage.as_bytes()) {
        assert_warned(&output);
    }
    support::Report::parse(&output).assert_status("passes", "passed");
}

/// `reset` puts the starter derived from the solution back, keeping the student's file
/// as a backup that the student can find.
#[test]
fn reset_restores_the_starter_and_keeps_a_backup() {
    let course = Course::new("reset");
    let file = "lessons/01-basics/src/fails.rs";
    let before = course.read(file);

    let output = course.xtask(&["reset", "fails"]);
    output.assert_code(0);
    assert_eq!(course.read(file), FAILS_STARTER, "{output}");

    let backups: Vec<String> = course
        .files()
        .into_iter()
        .filter(|rel| {
            rel != file && fs::read(course.path(rel)).is_ok_and(|bytes| bytes == before.as_bytes())
        })
        .collect();
    assert!(
        backups.iter().any(|backup| {
            let name = backup.rsplit('/').next().unwrap();
            backup.starts_with(".course-backups/") || output.all().contains(name)
        }),
        "no backup of {file} in .course-backups/ or named in the output \
         (copies found: {backups:?}): {output}"
    );

    // The starter compiles and stops at its `todo!`.
    let report = course.check_json(&["check", "fails", "--format", "json"], 1);
    report.assert_status("fails", "not_started");
    report.assert_test(
        "fails",
        "multiplies",
        "not_started",
        &["not yet implemented: multiply the two numbers"],
    );
}

/// `solution` shows the reference solution of an exercise that passes, and only then.
#[test]
fn solution_is_shown_only_once_passed() {
    let course = Course::new("solution");

    course.xtask(&["check", "passes"]).assert_code(0);
    let output = course.xtask(&["solution", "passes"]);
    output.assert_code(0);
    for line in ["pub fn add(a: u32, b: u32) -> u32 {", "a + b"] {
        assert!(output.stdout.contains(line), "{output}");
    }

    course.xtask(&["check", "fails"]).assert_code(1);
    let output = course.xtask(&["solution", "fails"]);
    output.assert_code(1);
    assert!(output.all().to_lowercase().contains("pass"), "{output}");
    assert!(!output.all().contains("a * b"), "solution shown: {output}");
}

fn assert_warned(output: &support::Output) {
    assert!(
        output.stderr.to_lowercase().contains("warning"),
        "no warning about the corrupted state: {output}"
    );
    assert!(!output.stderr.contains("panicked"), "{output}");
}

/// `sync` writes the starters derived from the solutions, and keeps a copy of every
/// file it replaces: here the "student's" edited `src/` files of the fixture.
#[test]
fn sync_derives_starters_and_keeps_what_it_replaces() {
    let course = Course::new("sync");
    let file = "lessons/01-basics/src/fails.rs";
    let before = course.read(file);

    let output = course.xtask(&["sync"]);
    output.assert_code(0);
    assert_eq!(course.read(file), FAILS_STARTER, "{output}");
    let kept = course
        .files()
        .into_iter()
        .filter(|rel| rel.starts_with(".course-backups/"))
        .any(|rel| course.read(&rel) == before);
    assert!(kept, "sync replaced {file} without a backup: {output}");

    // A second sync finds everything in sync and writes nothing.
    let again = course.xtask(&["sync"]);
    again.assert_code(0);
    assert!(again.all().contains("0 file(s) written"), "{again}");
}

/// `verify --wrong` grades each variant of the corpus in a copy of the course, never in
/// `src/`: a mistake must get its status and first message, another solution must pass,
/// and each misjudged variant is named with why. A variant that does not compile is
/// graded alone, so the variant beside it in its round is still graded.
#[test]
fn verify_wrong_grades_the_corpus_and_names_what_it_misjudges() {
    let course = Course::new("verify-wrong");
    let src_before = course.read("lessons/01-basics/src/fails.rs");
    let output = course.xtask(&["verify", "--wrong", "01"]);
    output.assert_code(1);
    let lines: Vec<&str> = output.stdout.lines().map(str::trim).collect();
    for caught in [
        "ok fails/wrong-adds: failed, \"zero times anything is zero\"",
        "ok fails/ok-repeated-addition: passes",
        "ok passes/wrong-type-error: compile_error, \"cannot add\"",
    ] {
        assert!(lines.contains(&caught), "no `{caught}` in:\n{output}");
    }
    for (misjudged, why) in [
        ("fails/wrong-not-caught", "no test catches this mistake"),
        (
            "fails/wrong-misdiagnosed",
            "`off by one` is not in the first message",
        ),
        (
            "fails/wrong-wrong-status",
            "graded `not_started`, expected `failed | timed_out`",
        ),
        // Graded again after `passes/wrong-type-error` broke the build of its round.
        (
            "fails/ok-not-really",
            "another correct solution must pass, but it is graded `failed`",
        ),
    ] {
        let at = lines
            .iter()
            .position(|l| l.starts_with(&format!("FAIL {misjudged} (")))
            .unwrap_or_else(|| panic!("{misjudged} is not failed in:\n{output}"));
        assert!(
            lines[at + 1..].iter().take(3).any(|l| l.contains(why)),
            "{misjudged}: no `{why}` after it in:\n{output}"
        );
    }
    for problem in [
        "wrong/stray belongs to no exercise",
        "wrong/passes/bad_name.rs: name a variant `wrong-SLUG.rs`",
        "exercise `hangs` has no known mistake",
    ] {
        assert!(
            output.stdout.contains(problem),
            "no `{problem}` in:\n{output}"
        );
    }
    // A variant meant for another system is left out, and said to be.
    if cfg!(windows) {
        assert!(
            lines.contains(
                &"ok fails/wrong-adds-on-windows: failed, \"zero times anything is zero\""
            ),
            "{output}"
        );
        assert_eq!(lines.last(), Some(&"4 passed, 5 failed"), "{output}");
    } else {
        assert!(
            output
                .stdout
                .contains("1 meant for other systems are not graded here"),
            "{output}"
        );
        assert!(!output.stdout.contains("wrong-adds-on-windows"), "{output}");
        assert_eq!(lines.last(), Some(&"3 passed, 5 failed"), "{output}");
    }
    assert_eq!(course.read("lessons/01-basics/src/fails.rs"), src_before);

    // One exercise only: its variants, nothing of the others.
    let output = course.xtask(&["verify", "--wrong", "passes"]);
    output.assert_code(1); // its corpus has a misnamed file
    assert!(
        output.stdout.contains("ok passes/wrong-type-error"),
        "{output}"
    );
    assert!(output.stdout.contains("bad_name.rs"), "{output}");
    assert!(!output.stdout.contains("fails/"), "{output}");
    assert!(!output.stdout.contains("wrong/stray"), "{output}");

    course
        .xtask(&["verify", "fails"])
        .assert_usage_error("only `verify --wrong` takes a lesson or an exercise");
}

/// Every lesson text of the course, and every new one, tells students that the hints in
/// `lesson.toml` are to be asked for one by one.
#[test]
fn lesson_texts_say_hints_are_asked_for_one_by_one() {
    const NOTE: &str = "are stuck: `cargo xtask hint NAME` shows the next one.";
    let lessons = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons");
    for entry in std::fs::read_dir(lessons).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path().join("README.md")).unwrap();
        assert!(
            text.contains("opening it spoils them all at once") && text.contains(NOTE),
            "{} does not explain how hints are asked for",
            entry.path().display()
        );
    }
    let course = Course::new("hints-note");
    course.xtask(&["new", "lesson", "queues"]).assert_code(0);
    let readme = course.path("lessons/03-queues/README.md");
    assert!(std::fs::read_to_string(readme).unwrap().contains(NOTE));
}

/// Every command, `help` included: each has a help of its own.
const ALL_COMMANDS: [&str; 14] = [
    "check", "list", "hint", "watch", "reset", "solution", "help", "verify", "mutants", "sync",
    "new", "publish", "grade", "bench",
];

/// The commands an overview lists, in its order: the first word of each line of its
/// `Commands…:` sections.
fn listed_commands(overview: &str) -> Vec<&str> {
    let mut listed = Vec::new();
    let mut in_commands = false;
    for line in overview.lines() {
        if line.starts_with("Commands") && line.ends_with(':') {
            in_commands = true;
        } else if line.trim().is_empty() {
            in_commands = false;
        } else if in_commands {
            listed.extend(line.split_whitespace().next());
        }
    }
    listed
}

/// The one-line summary an overview gives of `command`.
fn summary_of<'a>(overview: &'a str, command: &str) -> &'a str {
    overview
        .lines()
        .find_map(|line| line.trim_start().strip_prefix(&format!("{command} ")))
        .map(str::trim)
        .unwrap_or_else(|| panic!("the overview does not list `{command}`:\n{overview}"))
}

/// `xtask ARGS` run in a new empty directory outside any course.
fn xtask_outside_a_course(test: &str, args: &[&str]) -> support::Output {
    let dir = std::env::temp_dir().join(format!(
        "xtask-selftest-{test}-outside-{}",
        std::process::id()
    ));
    fs::create_dir_all(&dir).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(&dir)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("xtask starts");
    fs::remove_dir_all(&dir).unwrap();
    support::Output {
        args: args.iter().map(|arg| arg.to_string()).collect(),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `NAME --help`, `NAME -h` and `help NAME` print the same help for every command, in
/// cargo's layout, starting with the summary the overview gives; and exit 0.
#[test]
fn every_command_has_a_help_in_cargos_layout() {
    let course = Course::new("command-help");
    let overview = course.xtask(&["help"]);
    overview.assert_code(0);
    for name in ALL_COMMANDS {
        let help = course.xtask(&[name, "--help"]);
        help.assert_code(0);
        assert!(help.stderr.is_empty(), "{help}");
        let summary = summary_of(&overview.stdout, name);
        assert!(
            help.stdout.starts_with(&format!("{summary}\n\n")),
            "`{name} --help` does not start with the overview's summary {summary:?}: {help}"
        );
        let lines: Vec<&str> = help.stdout.lines().collect();
        assert!(
            lines
                .iter()
                .any(|line| line.starts_with(&format!("Usage: cargo xtask {name}"))),
            "{help}"
        );
        for section in ["Options:", "Examples:"] {
            assert!(lines.contains(&section), "no `{section}` in {help}");
        }
        for option in ["  -h, --help ", "      --color <WHEN> "] {
            assert!(
                lines.iter().any(|line| line.starts_with(option)),
                "no `{option}` in {help}"
            );
        }
        assert!(
            lines.iter().any(|line| line.starts_with("  cargo xtask ")),
            "no example in {help}"
        );
        for other in [[name, "-h"], ["help", name]] {
            let again = course.xtask(&other);
            again.assert_code(0);
            assert_eq!(again.stdout, help.stdout, "{again}");
        }
    }
}

/// `--help` anywhere among a command's arguments wins: the help is printed and nothing
/// runs, even when the other arguments are wrong.
#[test]
fn help_among_other_arguments_runs_nothing() {
    let course = Course::new("help-anywhere");
    for args in [
        &["check", "01", "--format", "json", "--help"][..],
        &["check", "--no-such-option", "-h"],
        &["reset", "fails", "--help"],
        &["publish", "--help", "editions/out"],
        &["grade", "--no-sandbox", "-h", "students/ada"],
    ] {
        let output = course.xtask(args);
        output.assert_code(0);
        assert!(
            output
                .stdout
                .contains(&format!("Usage: cargo xtask {}", args[0])),
            "{output}"
        );
    }
    assert!(!course.path("target").exists(), "something was built");
    assert!(!course.path("editions").exists(), "something was published");
    assert!(
        !course.path(".course-backups").exists(),
        "something was reset"
    );
}

/// Help needs no course: every command's help, and the overview with every command,
/// work in a directory that is in no course.
#[test]
fn help_works_outside_a_course() {
    let course = Course::new("help-outside");
    let overview = xtask_outside_a_course("help-outside", &[]);
    overview.assert_code(0);
    assert_eq!(
        listed_commands(&overview.stdout),
        ALL_COMMANDS,
        "{overview}"
    );
    for name in ALL_COMMANDS {
        let outside = xtask_outside_a_course("help-outside", &[name, "--help"]);
        outside.assert_code(0);
        assert_eq!(outside.stdout, course.xtask(&[name, "--help"]).stdout);
    }
}

/// `help` with a command that does not exist is a usage error that names those that do.
#[test]
fn help_of_an_unknown_command_names_the_commands() {
    let course = Course::new("help-unknown");
    let output = course.xtask(&["help", "frobnicate"]);
    output.assert_usage_error("frobnicate");
    for name in ALL_COMMANDS {
        assert!(
            output.stderr.contains(name),
            "`{name}` is not named: {output}"
        );
    }
    course
        .xtask(&["help", "check", "extra"])
        .assert_usage_error("extra");
}

/// `cargo xtask`, `--help` and `help` print the same overview; in the course repository
/// it lists the students' and the instructors' commands apart.
#[test]
fn the_overview_lists_both_audiences_in_the_course() {
    let course = Course::new("overview");
    let overview = course.xtask(&[]);
    overview.assert_code(0);
    for args in [&["help"][..], &["--help"], &["-h"]] {
        assert_eq!(course.xtask(args).stdout, overview.stdout);
    }
    let lines: Vec<&str> = overview.stdout.lines().collect();
    for heading in ["Commands for students:", "Commands for instructors:"] {
        assert!(lines.contains(&heading), "no `{heading}` in {overview}");
    }
    assert_eq!(
        listed_commands(&overview.stdout),
        ALL_COMMANDS,
        "{overview}"
    );
    assert!(
        lines
            .iter()
            .any(|line| line.starts_with("      --color <WHEN> ")),
        "{overview}"
    );
}

/// In the student edition the overview lists only the commands that work there, and
/// ends by saying where the others are.
#[test]
fn the_edition_overview_lists_only_the_students_commands() {
    let course = Course::new("edition-overview");
    course.publish("a");
    let overview = course.xtask_in_copy("editions/a", &[], &[]);
    overview.assert_code(0);
    assert_eq!(
        listed_commands(&overview.stdout),
        ["check", "list", "hint", "watch", "reset", "help"],
        "{overview}"
    );
    let last = overview.stdout.lines().last().unwrap_or_default();
    for mention in [
        "`solution`",
        "verify",
        "publish",
        "grade",
        "course repository",
    ] {
        assert!(
            last.contains(mention),
            "no {mention} in the last line: {overview}"
        );
    }
    let help = course.xtask_in_copy("editions/a", &[], &["help"]);
    assert_eq!(help.stdout, overview.stdout);

    // An unknown command there is told the edition's commands only.
    let unknown = course.xtask_in_copy("editions/a", &[], &["help", "frobnicate"]);
    unknown.assert_usage_error("frobnicate");
    let told = unknown
        .stderr
        .lines()
        .find(|line| line.starts_with("help:"))
        .unwrap_or_default();
    assert!(
        told.contains("check") && !told.contains("verify"),
        "{unknown}"
    );
}

/// `list --format json` gives every exercise with the fields `check --format json`
/// gives, from the course alone: nothing is built or run, so nothing is graded.
#[test]
fn list_json_reads_the_course_without_building_anything() {
    let course = Course::new("list-json");
    let output = course.xtask(&["list", "--format", "json"]);
    output.assert_code(0);
    assert!(
        !course.path("target").exists(),
        "`list --format json` built something: {output}"
    );
    let listed = support::Report::parse(&output);
    let names: Vec<&str> = EXERCISES.iter().map(|e| e.name).collect();
    assert_eq!(listed.names(), names);
    for expected in &EXERCISES {
        let exercise = listed.exercise(expected.name);
        assert_eq!(exercise["lesson"], expected.lesson);
        assert_eq!(exercise["title"], expected.title);
        assert_eq!(exercise["file"], expected.file().as_str());
        listed.assert_status(expected.name, "not_graded");
        assert!(
            listed
                .message(expected.name)
                .contains(&format!("cargo xtask check {}", expected.name)),
            "{exercise}"
        );
    }

    let checked = course.check_json(&["check", "greeting", "--format", "json"], 0);
    let keys = |exercise: &serde_json::Value| -> Vec<String> {
        exercise.as_object().unwrap().keys().cloned().collect()
    };
    assert_eq!(
        keys(listed.exercise("greeting")),
        keys(checked.exercise("greeting"))
    );
}

/// A command's usage error that has no fix of its own points at the command's help.
#[test]
fn a_usage_error_points_at_the_commands_help() {
    let course = Course::new("usage-error");
    let output = course.xtask(&["check", "--no-such-option"]);
    output.assert_usage_error("--no-such-option");
    assert!(
        output.stderr.contains("`cargo xtask check --help`"),
        "{output}"
    );
}
