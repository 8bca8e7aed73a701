//! End-to-end tests of grading (`cargo xtask check`) on the fixture course
//! (`tests/fixtures/course`), whose exercises misbehave in every way a test can.

mod support;

use std::fs;
use support::{Course, EXERCISES, exercises_of};

/// Every selected exercise of the fixture gets the status of its behaviour, with the
/// messages that explain it, and nothing that misbehaved counts as passed.
#[test]
fn check_grades_every_behaviour() {
    let course = Course::new("check-all");
    let output = course.xtask(&["check", "--format", "json"]);
    output.assert_code(1);
    // `prints_forever` prints without end: the runner caps what it keeps.
    output.assert_small();
    let report = support::Report::parse(&output);

    let names: Vec<&str> = EXERCISES.iter().map(|exercise| exercise.name).collect();
    assert_eq!(report.names(), names, "the exercises, in course order");
    for expected in &EXERCISES {
        let exercise = report.exercise(expected.name);
        assert_eq!(
            exercise["lesson"], expected.lesson,
            "lesson of {exercise:#}"
        );
        assert_eq!(exercise["title"], expected.title, "title of {exercise:#}");
        assert_eq!(exercise["file"], expected.file(), "file of {exercise:#}");
    }

    report.assert_status("passes", "passed");
    report.assert_test("passes", "adds", "passed", &[]);
    assert_eq!(
        report.exercise("passes")["message"],
        serde_json::Value::Null
    );

    report.assert_status("fails", "failed");
    report.assert_test(
        "fails",
        "multiplies",
        "failed",
        &["multiply(3, 4) should be 12", "left: 7", "right: 12"],
    );
    let tests: Vec<&str> = report.exercise("fails")["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        tests,
        ["fails::zero_times_anything_is_zero", "fails::multiplies"],
        "tests are reported in the order they are written"
    );

    report.assert_status("not_started", "not_started");
    report.assert_test(
        "not_started",
        "doubles",
        "not_started",
        &["not yet implemented: double the number"],
    );

    report.assert_status("hangs", "timed_out");
    report.assert_test("hangs", "rounds_up_to_a_power_of_two", "timed_out", &[]);

    // `std::process::exit(0)` in the middle of a test: the process "succeeds", the test
    // never finished.
    report.assert_status("exits_early", "crashed");
    report.assert_test("exits_early", "rejects_a_bad_port", "crashed", &[]);

    report.assert_status("aborts", "crashed");
    report.assert_test("aborts", "returns_none_out_of_range", "crashed", &[]);

    report.assert_status("overflows", "crashed");
    report.assert_test("overflows", "adds_up_to_n", "crashed", &["stack overflow"]);

    report.assert_status("prints_forever", "timed_out");
    report.assert_test("prints_forever", "counts_down", "timed_out", &[]);

    // The test returns, leaving behind a child that would run for ever: not a pass.
    let leaves_child = report.status("leaves_child");
    assert!(
        ["failed", "crashed", "timed_out"].contains(&leaves_child),
        "leaves_child is {leaves_child}: {:#}",
        report.exercise("leaves_child")
    );
    let test = report.test("leaves_child", "dropping_the_guard_stops_the_child");
    assert_ne!(test["status"], "passed", "{test:#}");
    assert!(
        test["message"]
            .as_str()
            .is_some_and(|m| !m.trim().is_empty()),
        "no message in {test:#}"
    );

    report.assert_status("greeting", "passed");
    report.assert_test("greeting", "says_hello", "passed", &[]);

    assert_eq!(report.summary("total"), 10);
    assert_eq!(report.summary("passed"), 2, "only passes and greeting pass");
    assert_eq!(report.summary("not_started"), 1);
    assert_eq!(report.summary("compile_error"), 0);
    assert_eq!(report.summary("not_graded"), 0);

    #[cfg(target_os = "linux")]
    course.assert_no_processes_left();
}

/// A type error in one exercise: that exercise reports rustc's error, the rest of its
/// lesson is not graded, and the other lesson is graded as usual.
#[test]
fn compile_error_is_reported_for_its_exercise_only() {
    let course = Course::new("compile-error");
    course.write(
        "lessons/01-basics/src/fails.rs",
        "/// Returns the product of `a` and `b`.\n\
         pub fn multiply(a: u32, b: u32) -> u32 {\n    \
             format!(\"{a} times {b}\")\n\
         }\n",
    );
    let report = course.check_json(&["check", "--format", "json"], 1);

    report.assert_status("fails", "compile_error");
    let message = report.message("fails");
    for mention in ["mismatched types", "fails.rs"] {
        assert!(
            message.contains(mention),
            "the compile error does not mention {mention:?}: {message}"
        );
    }
    for name in exercises_of("01-basics") {
        if name != "fails" {
            report.assert_status(name, "not_graded");
            assert!(
                !report.message(name).trim().is_empty(),
                "no message for not graded {:#}",
                report.exercise(name)
            );
        }
    }
    report.assert_status("greeting", "passed");
    assert_eq!(report.summary("compile_error"), 1);
    assert_eq!(report.summary("not_graded"), 8);
    assert_eq!(report.summary("passed"), 1);
}

/// An exercise, a lesson number, topic or directory name select what `check` grades.
#[test]
fn check_grades_only_its_target() {
    let course = Course::new("targets");

    let report = course.check_json(&["check", "passes", "--format", "json"], 0);
    assert_eq!(report.names(), ["passes"]);
    report.assert_status("passes", "passed");

    for lesson in ["02", "extras", "02-extras"] {
        let report = course.check_json(&["check", lesson, "--format", "json"], 0);
        assert_eq!(report.names(), ["greeting"], "`check {lesson}`");
        report.assert_status("greeting", "passed");
    }

    for lesson in ["01", "basics"] {
        let report = course.check_json(&["check", lesson, "--format", "json"], 1);
        assert_eq!(
            report.names(),
            exercises_of("01-basics"),
            "`check {lesson}`"
        );
        assert_eq!(report.summary("passed"), 1, "`check {lesson}`");
    }

    course
        .xtask(&["check", "nonsense"])
        .assert_usage_error("nonsense");

    // The human format caps endless output too.
    let output = course.xtask(&["check", "prints_forever"]);
    output.assert_code(1);
    output.assert_small();
    assert!(output.all().contains("prints_forever"), "{output}");
}

/// Grading follows the student's edits, whatever it keeps between runs.
#[test]
fn check_sees_every_edit() {
    let course = Course::new("edits");
    let file = "lessons/01-basics/src/passes.rs";
    let solved = course.read(file);

    course
        .check_json(&["check", "passes", "--format", "json"], 0)
        .assert_status("passes", "passed");

    course.write(file, &solved.replace("b + a", "b * a"));
    let report = course.check_json(&["check", "passes", "--format", "json"], 1);
    report.assert_status("passes", "failed");
    report.assert_test("passes", "adds", "failed", &["left: 6", "right: 5"]);

    course.write(file, &solved);
    course
        .check_json(&["check", "passes", "--format", "json"], 0)
        .assert_status("passes", "passed");
}

/// For the exercise to do next, `check` shows what every failing test said, in the order
/// the tests are written (not alphabetical), each text once, the tests' own messages
/// before the runner's notes.
#[test]
fn check_shows_every_failure_of_the_next_exercise_in_written_order() {
    let course = Course::new("findings");
    let output = course.xtask(&["check", "fails"]);
    output.assert_code(1);
    let zero = output
        .stdout
        .find("test fails::zero_times_anything_is_zero: failed");
    let multiplies = output.stdout.find("test fails::multiplies: failed");
    assert!(
        zero.is_some() && multiplies.is_some() && zero < multiplies,
        "both failures, the first written first:\n{output}"
    );
    assert!(
        output.stdout.contains("zero times anything is zero"),
        "{output}"
    );
    assert!(
        output.stdout.contains("multiply(3, 4) should be 12"),
        "{output}"
    );

    // Two tests hitting the same `todo!()`: one message, naming both tests.
    let output = course.xtask(&["check", "not_started"]);
    output.assert_code(1);
    assert_eq!(
        output.stdout.matches("not yet implemented").count(),
        1,
        "{output}"
    );
    assert!(
        output
            .stdout
            .contains("(also in not_started::doubles_zero)"),
        "{output}"
    );
}

/// A test that fails in `tests/` (no `todo!` left, no panic in the exercise file) points
/// at what the test calls in the exercise file, and names the test's own location apart.
#[test]
fn the_pointer_shows_the_exercise_line_and_the_test_apart() {
    let course = Course::new("pointer");
    let report = course.check_json(&["check", "fails", "--format", "json"], 1);
    assert_eq!(
        report.exercise("fails")["line"],
        2,
        "the line of `pub fn multiply`, which the failing test calls: {:#}",
        report.exercise("fails")
    );
    let output = course.xtask(&["check", "fails"]);
    assert!(
        output
            .stdout
            .contains("--> lessons/01-basics/src/fails.rs:2\n"),
        "{output}"
    );
    assert!(
        output.stdout.contains(
            "= test fails::zero_times_anything_is_zero fails at lessons/01-basics/tests/fails.rs:"
        ),
        "{output}"
    );
}

/// A lesson that does not compile marks its other exercises as not graded, not as not
/// started, and says why on its own line.
#[test]
fn a_lesson_that_does_not_compile_says_so_on_its_line() {
    let course = Course::new("not-graded-line");
    course.write(
        "lessons/01-basics/src/fails.rs",
        "pub fn multiply(a: u32, b: u32) -> u32 {\n    format!(\"{a}{b}\")\n}\n",
    );
    let output = course.xtask(&["check"]);
    output.assert_code(1);
    let line = output
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("01-basics"))
        .unwrap_or_else(|| panic!("no line for 01-basics:\n{output}"));
    assert!(line.contains("✘?"), "fails then not graded: {line}");
    assert!(!line.contains('·'), "nothing reads as not started: {line}");
    assert!(
        line.contains("does not compile (fails): exercises marked ? are not graded"),
        "{line}"
    );
}

/// When all that was selected passes, the words fit the selection; only the whole
/// course earns a "well done".
#[test]
fn all_pass_words_fit_what_was_selected() {
    let course = Course::new("all-pass");
    let output = course.xtask(&["check", "passes"]);
    output.assert_code(0);
    assert!(
        output.stdout.contains("Exercise passes passes."),
        "{output}"
    );
    assert!(!output.stdout.contains("Well done"), "{output}");

    let output = course.xtask(&["check", "01-basics"]);
    output.assert_code(1);
    assert!(!output.stdout.contains("pass."), "{output}");

    // Everything solved: only the whole course earns praise, and only when trusted.
    let edition = course.publish("solved");
    for exercise in &EXERCISES {
        let solution = format!("lessons/{}/solutions/{}.rs", exercise.lesson, exercise.name);
        fs::write(edition.join(exercise.file()), course.read(&solution)).unwrap();
    }
    let output = course.xtask_in_copy("editions/solved", &[], &["check", "02-extras"]);
    output.assert_code(0);
    assert!(
        output.stdout.contains("Exercise greeting passes."),
        "{output}"
    );
    let output = course.xtask_in_copy("editions/solved", &[], &["check", "01-basics"]);
    output.assert_code(0);
    assert!(
        output.stdout.contains("All 9 exercises of 01-basics pass."),
        "{output}"
    );
    assert!(!output.stdout.contains("Well done"), "{output}");
    let output = course.xtask_in_copy("editions/solved", &[], &["check"]);
    output.assert_code(0);
    assert!(
        output
            .stdout
            .contains("All 10 exercises of the course pass. Well done!"),
        "{output}"
    );

    let test = edition.join("lessons/02-extras/tests/greeting.rs");
    let weakened = fs::read_to_string(&test).unwrap() + "\n// weakened\n";
    fs::write(&test, weakened).unwrap();
    let output = course.xtask_in_copy("editions/solved", &[], &["check", "--ci"]);
    output.assert_code(1);
    assert!(
        output
            .stdout
            .contains("All 10 exercises of the course pass, but the score is untrusted"),
        "{output}"
    );
    assert!(!output.stdout.contains("Well done"), "{output}");
}

/// A test that is not a `#[graded::test]` cannot seal its pass: the runner says what the
/// author must change rather than counting the harness's word.
#[test]
fn a_plain_test_attribute_is_named_as_the_cause() {
    let course = Course::new("plain-test");
    let file = "lessons/01-basics/tests/passes.rs";
    course.write(
        file,
        &course.read(file).replace("#[graded::test]", "#[test]"),
    );
    let report = course.check_json(&["check", "passes", "--format", "json"], 1);
    report.assert_status("passes", "failed");
    report.assert_test("passes", "adds", "failed", &["must be a `#[graded::test]`"]);
}
