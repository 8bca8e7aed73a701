//! The class workflow end to end on the fixture course: publish a student edition, work
//! in copies of it (one solves exercises, one tampers with a test, one hard-codes an
//! answer), grade them in CI and as the instructor, and scaffold new lessons.

mod support;

use base64::Engine;
use serde_json::Value;
use sha2::Digest;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use support::Course;

/// Every file below `dir` (build output aside) with its content.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn visit(dir: &Path, prefix: &str, found: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name == "target" {
                continue;
            }
            let path = format!("{prefix}{name}");
            if entry.path().is_dir() {
                visit(&entry.path(), &format!("{path}/"), found);
            } else {
                found.insert(path, fs::read(entry.path()).unwrap());
            }
        }
    }
    let mut found = BTreeMap::new();
    visit(dir, "", &mut found);
    found
}

fn copy_dir(from: &Path, to: &Path) {
    for (path, content) in snapshot(from) {
        let file = to.join(path);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, content).unwrap();
    }
}

fn json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()))
}

/// `cargo xtask grade ARGS`. Class grading's sandbox is Linux's bubblewrap: elsewhere,
/// these tests grade without it (the attacks it stops are tested in `hostile.rs`).
fn grade(course: &Course, args: &[&str]) -> support::Output {
    let mut all = vec!["grade"];
    if !cfg!(target_os = "linux") {
        all.push("--no-sandbox");
    }
    all.extend(args);
    course.xtask(&all)
}

/// Replaces an edition's starter with the fixture's reference solution.
fn solve(course: &Course, edition: &Path, lesson: &str, exercise: &str) {
    let solution = course.read(&format!("lessons/{lesson}/solutions/{exercise}.rs"));
    fs::write(
        edition.join(format!("lessons/{lesson}/src/{exercise}.rs")),
        solution,
    )
    .unwrap();
}

#[test]
fn publish_writes_the_student_edition_and_nothing_secret() {
    let course = Course::new("publish");
    let edition = course.publish("a");
    let files = snapshot(&edition);
    let names: Vec<&String> = files.keys().collect();

    for secret in [
        "solutions/",
        "tests/hidden/",
        "/wrong/",
        "NOTES.md",
        "editions/",
    ] {
        assert!(
            !names.iter().any(|n| n.contains(secret)),
            "the edition must not contain {secret}: {names:?}"
        );
    }
    let readme = String::from_utf8_lossy(&files["README.md"]);
    assert!(readme.contains("For students") && readme.contains("Good luck!"));
    assert!(!readme.contains("For instructors"), "{readme}");
    let starter = String::from_utf8_lossy(&files["lessons/01-basics/src/passes.rs"]);
    assert!(
        starter.contains("todo!(\"add the two numbers\")"),
        "{starter}"
    );
    assert_eq!(
        files["lessons/01-basics/src/passes.rs"],
        files[".course/starters/01-basics/passes.rs"]
    );
    let lib = String::from_utf8_lossy(&files["lessons/02-extras/src/lib.rs"]);
    assert!(
        lib.contains("pub mod greeting;") && !lib.contains("solutions"),
        "{lib}"
    );
    let tests = String::from_utf8_lossy(&files["lessons/02-extras/tests/main.rs"]);
    assert!(
        tests.contains("mod greeting;") && !tests.contains("hidden"),
        "{tests}"
    );
    let manifest = String::from_utf8_lossy(&files["lessons/02-extras/Cargo.toml"]);
    assert!(!manifest.contains("solutions"), "{manifest}");
    assert!(names.contains(&&".github/workflows/grade.yml".to_string()));

    // The lock file protects tests, manifests and the workflow, not the exercise files.
    let lock = json(&edition.join(".course/lock.json"));
    for protected in [
        "lessons/01-basics/tests/passes.rs",
        "lessons/01-basics/lesson.toml",
        "lessons/01-basics/Cargo.toml",
        ".github/workflows/grade.yml",
        "Cargo.toml",
    ] {
        assert!(
            lock["protected"][protected].is_string(),
            "{protected} must be protected: {lock}"
        );
    }
    assert!(lock["editable"]["lessons/01-basics/src/passes.rs"].is_string());
    assert!(lock["protected"]["lessons/01-basics/src/passes.rs"].is_null());

    // Publishing again gives the same bytes and writes nothing.
    let again = course.xtask(&["publish", "editions/a"]);
    again.assert_code(0);
    assert!(again.stderr.contains("0 written, 0 removed"), "{again}");
    let second = course.publish("b");
    assert_eq!(snapshot(&second), files, "two publications differ");

    // A directory with other work in it is not overwritten.
    fs::create_dir_all(course.path("elsewhere")).unwrap();
    course.write("elsewhere/notes.txt", "mine");
    course
        .xtask(&["publish", "elsewhere"])
        .assert_usage_error("neither empty nor a student edition");
    assert_eq!(course.read("elsewhere/notes.txt"), "mine");

    // A newer edition over an earlier one: what the course dropped goes, `.git` stays.
    fs::create_dir_all(edition.join(".git")).unwrap();
    fs::write(edition.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    fs::remove_dir_all(course.path("lessons/02-extras")).unwrap();
    let update = course.xtask(&["publish", "editions/a"]);
    update.assert_code(0);
    assert!(update.stderr.contains("8 removed"), "{update}");
    assert!(!edition.join("lessons/02-extras").exists(), "{update}");
    assert!(
        !edition.join(".course/starters/02-extras").exists(),
        "{update}"
    );
    assert!(edition.join(".git/HEAD").is_file());
    // `list` exits 1 while exercises are unsolved.
    let list = course.xtask_in_copy("editions/a", &[], &["list"]);
    list.assert_code(1);
    assert!(
        list.stdout.contains("passes") && !list.stdout.contains("greeting"),
        "{list}"
    );
}

#[test]
fn the_edition_grades_like_the_course_and_has_no_solutions() {
    let course = Course::new("edition-commands");
    let edition = course.publish("a");
    solve(&course, &edition, "01-basics", "passes");

    let check = course.xtask_in_copy("editions/a", &[], &["check", "--format", "json"]);
    check.assert_code(1);
    let report: Value = serde_json::from_str(&check.stdout).unwrap();
    assert_eq!(report["summary"]["passed"], 1, "{check}");
    assert_eq!(report["summary"]["not_started"], 9, "{check}");

    for command in [&["solution", "passes"][..], &["verify"], &["sync"]] {
        let output = course.xtask_in_copy("editions/a", &[], command);
        output.assert_code(2);
        assert!(
            output
                .stderr
                .contains("solutions are not part of this edition"),
            "{output}"
        );
    }

    // `reset` restores the published starter and keeps the student's file.
    let output = course.xtask_in_copy("editions/a", &[], &["reset", "passes"]);
    output.assert_code(0);
    assert_eq!(
        fs::read(edition.join("lessons/01-basics/src/passes.rs")).unwrap(),
        fs::read(edition.join(".course/starters/01-basics/passes.rs")).unwrap()
    );
    let backups: Vec<_> = fs::read_dir(edition.join(".course-backups"))
        .unwrap()
        .collect();
    assert_eq!(backups.len(), 1, "{output}");

    // Without its lock file the edition is still an edition, and its score untrusted.
    fs::remove_file(edition.join(".course/lock.json")).unwrap();
    let output = course.xtask_in_copy("editions/a", &[], &["check", "--ci", "--format", "json"]);
    output.assert_code(1);
    let report: Value = serde_json::from_str(&output.stdout).unwrap();
    assert_eq!(
        report["integrity"],
        serde_json::json!({
            "trusted": false,
            "tampered": [{"path": ".course/lock.json", "change": "deleted"}]
        }),
        "{output}"
    );
    course
        .xtask_in_copy("editions/a", &[], &["verify"])
        .assert_code(2);
}

#[test]
fn ci_grading_reports_scores_and_flags_tampering() {
    let course = Course::new("ci");
    let solved = course.publish("solved");
    solve(&course, &solved, "01-basics", "passes");
    solve(&course, &solved, "02-extras", "greeting");
    // Student code that tries to issue workflow commands and to forge the step output.
    fs::write(
        solved.join("lessons/01-basics/src/fails.rs"),
        r#"pub fn multiply(_a: u32, _b: u32) -> u32 {
    if let Ok(path) = std::env::var("GITHUB_OUTPUT") {
        std::fs::write(path, "result=forged\n").unwrap();
    }
    panic!("\n::error file=README.md::forged annotation\n::add-mask::secret")
}
"#,
    )
    .unwrap();
    let tampered = course.publish("tampered");
    // The test is made to pass without solving the exercise.
    fs::write(
        tampered.join("lessons/01-basics/tests/passes.rs"),
        "#[graded::test]\nfn adds() {}\n",
    )
    .unwrap();
    fs::write(
        tampered.join("lessons/01-basics/build.rs"),
        "fn main() {}\n",
    )
    .unwrap();

    for (name, trusted) in [("solved", true), ("tampered", false)] {
        let dir = course.path(&format!("editions/{name}"));
        let summary = course.path(&format!("{name}-summary.md"));
        let outputs = course.path(&format!("{name}-outputs.txt"));
        let output = course.xtask_in_copy(
            &format!("editions/{name}"),
            &[
                ("GITHUB_ACTIONS", Path::new("true")),
                ("GITHUB_STEP_SUMMARY", &summary),
                ("GITHUB_OUTPUT", &outputs),
            ],
            &["check", "--ci"],
        );
        output.assert_code(1);

        // Workflow commands are paused around everything student code could print.
        let lines: Vec<&str> = output.stdout.lines().collect();
        let token = lines[0]
            .strip_prefix("::stop-commands::")
            .unwrap_or_else(|| panic!("commands are not paused first: {output}"));
        assert!(token.len() >= 32, "a guessable token: {token}");
        let resumed = lines
            .iter()
            .position(|l| *l == format!("::{token}::"))
            .unwrap_or_else(|| panic!("commands are never resumed: {output}"));
        if name == "solved" {
            let forged = lines.iter().position(|l| l.contains("forged annotation"));
            assert!(
                forged.is_some_and(|at| at < resumed),
                "student output must be printed while commands are paused: {output}"
            );
        }
        let annotations: Vec<&str> = lines[resumed + 1..]
            .iter()
            .copied()
            .filter(|l| l.starts_with("::error "))
            .collect();
        // Once commands are obeyed again, no line of student output starts one.
        let forged = lines[resumed + 1..]
            .iter()
            .filter(|l| l.starts_with("::add-mask") || l.starts_with("::error file=README.md"));
        assert_eq!(forged.count(), 0, "{output}");

        let report = json(&dir.join("target/course-report/report.json"));
        assert_eq!(report["integrity"]["trusted"], trusted, "{report}");
        let junit = fs::read_to_string(dir.join("target/course-report/junit.xml")).unwrap();
        assert!(junit.starts_with("<?xml"), "{junit}");
        let classroom = json(&dir.join("target/course-report/classroom.json"));
        assert_eq!(classroom["version"], 1);
        assert_eq!(classroom["max_score"], 10);
        let score = |test: &str| {
            classroom["tests"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["name"] == test)
                .unwrap_or_else(|| panic!("no {test} in {classroom}"))["score"]
                .clone()
        };
        let step_outputs = fs::read_to_string(&outputs).unwrap_or_default();
        assert!(!step_outputs.contains("forged"), "{step_outputs}");
        let result = step_outputs
            .strip_prefix("result=")
            .unwrap_or_else(|| panic!("no result output: {step_outputs:?}"));
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(result.trim())
            .unwrap();
        assert_eq!(
            serde_json::from_slice::<Value>(&decoded).unwrap(),
            classroom,
            "the step output is the Classroom result"
        );
        let page = fs::read_to_string(&summary).unwrap();
        assert!(page.contains("| 01-basics | `passes` |"), "{page}");

        if trusted {
            assert_eq!(score("01-basics/passes"), 1);
            assert_eq!(score("02-extras/greeting"), 1);
            assert_eq!(score("01-basics/fails"), 0);
            assert_eq!(classroom["status"], "fail");
            assert!(junit.contains(r#"name="01-basics" tests="#), "{junit}");
            assert!(!junit.contains("integrity"), "{junit}");
            assert!(page.contains("2/10 exercises solved"), "{page}");
            assert!(
                annotations
                    .iter()
                    .any(|a| a.starts_with("::error file=lessons/01-basics/src/fails.rs,line=")),
                "{annotations:?}"
            );
        } else {
            // Locally the tampered test passes: the score says so, and is untrusted.
            assert_eq!(score("01-basics/passes"), 1);
            assert_eq!(classroom["status"], "error");
            let tampered: Vec<&Value> = report["integrity"]["tampered"]
                .as_array()
                .unwrap()
                .iter()
                .collect();
            assert_eq!(tampered.len(), 2, "{report}");
            assert_eq!(tampered[0]["path"], "lessons/01-basics/build.rs");
            assert_eq!(tampered[0]["change"], "added");
            assert_eq!(tampered[1]["path"], "lessons/01-basics/tests/passes.rs");
            assert_eq!(tampered[1]["change"], "modified");
            assert!(junit.contains(r#"<testsuite name="integrity""#), "{junit}");
            assert!(page.contains("Untrusted score"), "{page}");
            assert!(
                output
                    .stdout
                    .contains("modified: lessons/01-basics/tests/passes.rs"),
                "{output}"
            );
            assert!(
                annotations
                    .iter()
                    .any(|a| a.starts_with("::error file=lessons/01-basics/tests/passes.rs,")),
                "{annotations:?}"
            );
        }
    }
}

#[test]
fn ci_tamper_check_runs_before_student_code_and_trusts_the_published_lock() {
    let course = Course::new("ci-order");
    let published = course.publish("published").join(".course/lock.json");
    let original_test = course.read("lessons/01-basics/tests/passes.rs");

    // Weakens the test, and puts it back from the code the weakened test runs.
    let restorer = course.publish("restorer");
    fs::write(
        restorer.join("lessons/01-basics/tests/passes.rs"),
        "use lesson_01_basics::passes::add;\n\n#[graded::test]\nfn adds() {\n    add(0, 0);\n}\n",
    )
    .unwrap();
    fs::write(
        restorer.join("lessons/01-basics/src/passes.rs"),
        format!(
            "pub fn add(_a: u32, _b: u32) -> u32 {{\n    \
             let _ = std::fs::write(\"tests/passes.rs\", {original_test:?});\n    0\n}}\n"
        ),
    )
    .unwrap();
    // Weakens the test and writes its new hash into the fork's own lock file.
    let rehasher = course.publish("rehasher");
    let weakened = "#[graded::test]\nfn adds() {}\n";
    fs::write(rehasher.join("lessons/01-basics/tests/passes.rs"), weakened).unwrap();
    let lock_path = rehasher.join(".course/lock.json");
    let mut lock = json(&lock_path);
    let digest: String = sha2::Sha256::digest(weakened.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    lock["protected"]["lessons/01-basics/tests/passes.rs"] = Value::String(digest);
    fs::write(&lock_path, serde_json::to_string_pretty(&lock).unwrap()).unwrap();

    let integrity = |name: &str, args: &[&str]| {
        let dir = format!("editions/{name}");
        course.xtask_in_copy(&dir, &[], args);
        json(&course.path(&format!("{dir}/target/course-report/report.json")))["integrity"].clone()
    };
    let restored = integrity("restorer", &["check", "--ci"]);
    assert_eq!(
        restored["trusted"], false,
        "the tamper check must run before student code can restore the test: {restored}"
    );
    assert_eq!(
        integrity("rehasher", &["check", "--ci"])["trusted"],
        true,
        "against its own lock file a re-hashed fork looks intact: hence `--lock`"
    );
    let published = published.to_str().unwrap();
    let against_published = integrity("rehasher", &["check", "--ci", "--lock", published]);
    assert_eq!(against_published["trusted"], false, "{against_published}");
    let paths: Vec<&str> = against_published["tampered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [".course/lock.json", "lessons/01-basics/tests/passes.rs"]
    );
    assert_eq!(
        integrity("published", &["check", "--ci", "--lock", published])["trusted"],
        true
    );
    course
        .xtask(&["check", "--lock", published])
        .assert_usage_error("goes with `--ci`");
}

#[test]
fn class_grading_uses_the_course_tests_hidden_ones_included() {
    let course = Course::new("grade");
    let ada = course.publish("ada");
    solve(&course, &ada, "01-basics", "passes");
    solve(&course, &ada, "02-extras", "greeting");
    // Tampers with the test instead of solving the exercise.
    let bob = course.publish("bob");
    fs::write(
        bob.join("lessons/01-basics/tests/passes.rs"),
        "#[graded::test]\nfn adds() {}\n",
    )
    .unwrap();
    // Hard-codes the visible test's answer: the hidden test catches it.
    let cy = course.publish("cy");
    fs::write(
        cy.join("lessons/02-extras/src/greeting.rs"),
        "pub fn greeting(_name: &str) -> String {\n    \"Hello, Ferris!\".to_string()\n}\n",
    )
    .unwrap();
    // An older copy without lesson 02 still gets graded (its exercises fail).
    let dee = course.path("editions/dee");
    copy_dir(&ada, &dee);
    fs::remove_dir_all(dee.join("lessons/02-extras")).unwrap();
    // Links to the instructor's solutions, as a file and as a folder: not read through.
    let eve = course.publish("eve");
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        let passes = eve.join("lessons/01-basics/src/passes.rs");
        fs::remove_file(&passes).unwrap();
        symlink(
            course.path("lessons/01-basics/solutions/passes.rs"),
            &passes,
        )
        .unwrap();
        let extras = eve.join("lessons/02-extras/src");
        fs::remove_dir_all(&extras).unwrap();
        symlink(course.path("lessons/02-extras/solutions"), &extras).unwrap();
    }

    let output = grade(
        &course,
        &[
            "--jobs",
            "2",
            "--out",
            "gradebook",
            "editions/ada",
            "editions/bob",
            "editions/cy",
            "editions/dee",
            "editions/eve",
        ],
    );
    output.assert_code(0);
    let book = json(&course.path("gradebook/gradebook.json"));
    let student = |name: &str| support::grade_of(&book, name).clone();
    let failed = |grade: &Value, exercise: &str| {
        grade["failures"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["exercise"] == exercise)
    };

    let ada = student("ada");
    assert_eq!(
        (ada["passed"].as_u64(), ada["total"].as_u64()),
        (Some(2), Some(10)),
        "{ada}"
    );
    assert_eq!(ada["untrusted"], false);
    assert_eq!(
        ada["lessons"],
        serde_json::json!([
            {"lesson": "01-basics", "passed": 1, "total": 9},
            {"lesson": "02-extras", "passed": 1, "total": 1}
        ])
    );

    let bob = student("bob");
    assert_eq!(
        bob["passed"], 0,
        "the course's tests grade bob, not his: {bob}"
    );
    assert!(failed(&bob, "passes"));
    assert_eq!(bob["untrusted"], true);
    assert_eq!(
        bob["tampered"][0]["path"],
        "lessons/01-basics/tests/passes.rs"
    );

    let cy = student("cy");
    assert!(
        failed(&cy, "greeting"),
        "the hidden test must fail cy: {cy}"
    );
    let message = cy["failures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["exercise"] == "greeting")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("hidden::greeting::greets_anyone"),
        "{message}"
    );

    let dee = student("dee");
    assert_eq!(dee["passed"], 1, "{dee}");

    let eve = student("eve");
    assert_eq!(
        eve["passed"], 0,
        "a link to a solution is graded as the starter: {eve}"
    );

    let csv = course.read("gradebook/gradebook.csv");
    let mut rows = csv.lines();
    assert_eq!(
        rows.next(),
        Some("student,01-basics,02-extras,passed,total,untrusted,tampered,failures,review")
    );
    let ada_row = rows.next().unwrap();
    assert!(ada_row.starts_with("ada,1/9,1/1,2,10,false,,"), "{ada_row}");
    let markdown = course.read("gradebook/gradebook.md");
    assert!(markdown.contains("| bob |"), "{markdown}");
    assert!(markdown.contains("⚠️ no: modified: lessons/01-basics/tests/passes.rs"));

    // Gradebooks of separate jobs join into one.
    let parts = course.path("parts");
    fs::create_dir_all(&parts).unwrap();
    grade(&course, &["--out", "parts/one", "editions/ada"]).assert_code(0);
    grade(&course, &["--out", "parts/two", "editions/cy"]).assert_code(0);
    course
        .xtask(&[
            "grade",
            "--merge",
            "--out",
            "merged",
            "parts/one/gradebook.json",
            "parts/two/gradebook.json",
        ])
        .assert_code(0);
    let merged = json(&course.path("merged/gradebook.json"));
    let names: Vec<&str> = merged["students"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["student"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["ada", "cy"]);

    course
        .xtask(&["grade", "editions/nobody"])
        .assert_usage_error("not a checkout of the course");
}

#[test]
fn new_scaffolds_lessons_and_exercises_that_fail_until_written() {
    let course = Course::new("new");
    let output = course.xtask(&["new", "lesson", "async-iterators", "countdown"]);
    output.assert_code(0);
    for file in [
        "lessons/03-async-iterators/Cargo.toml",
        "lessons/03-async-iterators/README.md",
        "lessons/03-async-iterators/src/lib.rs",
        "lessons/03-async-iterators/src/countdown.rs",
        "lessons/03-async-iterators/solutions/countdown.rs",
        "lessons/03-async-iterators/tests/main.rs",
        "lessons/03-async-iterators/tests/countdown.rs",
    ] {
        assert!(course.path(file).is_file(), "{file} is missing: {output}");
    }
    let readme = course.read("lessons/03-async-iterators/README.md");
    assert!(readme.contains("`countdown`"), "{readme}");
    course
        .xtask(&["new", "exercise", "async-iterators", "ticker"])
        .assert_code(0);
    let manifest = course.read("lessons/03-async-iterators/lesson.toml");
    assert!(manifest.contains("name = \"ticker\""), "{manifest}");
    let solution = course.read("lessons/03-async-iterators/solutions/ticker.rs");
    assert!(solution.contains("// begin solution"), "{solution}");
    let mistake = course.read("lessons/03-async-iterators/wrong/ticker/wrong-answer.rs");
    assert!(mistake.contains("// expect: failed"), "{mistake}");

    // Both are graded, and fail until they are written.
    let check = course.xtask(&["check", "03", "--format", "json"]);
    check.assert_code(1);
    let report: Value = serde_json::from_str(&check.stdout).unwrap();
    assert_eq!(report["summary"]["total"], 2, "{check}");
    assert_eq!(report["summary"]["not_started"], 2, "{check}");
    // The scaffolded mistake is well-formed and caught, but its expected words are a TODO.
    let wrong = course.xtask(&["verify", "--wrong", "03"]);
    wrong.assert_code(1);
    assert!(
        wrong
            .stdout
            .contains("ok lessons/03-async-iterators/wrong is well-formed"),
        "{wrong}"
    );
    assert!(wrong.stdout.contains("FAIL ticker/wrong-answer"), "{wrong}");
    assert!(
        wrong.stdout.contains("`TODO: words that the first message"),
        "{wrong}"
    );

    for (args, mentions) in [
        (&["new", "exercise", "03", "ticker"][..], "already exists"),
        (
            &["new", "exercise", "03", "passes"][..],
            "already exists in lessons/01-basics",
        ),
        (
            &["new", "exercise", "03", "Bad-Name"][..],
            "cannot name an exercise",
        ),
        (
            &["new", "exercise", "03", "fn"][..],
            "cannot name an exercise",
        ),
        (&["new", "exercise", "99", "fine"][..], "no lesson `99`"),
        (&["new", "lesson", "Extras!"][..], "cannot name a lesson"),
        (&["new", "lesson", "extras"][..], "already exists"),
        (&["new", "thing"][..], "`new` makes"),
    ] {
        course.xtask(args).assert_usage_error(mentions);
    }
}

/// Runs git in `dir`, with an identity of its own; panics on failure.
fn git(dir: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(["-c", "core.autocrlf=false", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "git {args:?} failed:\n{text}");
    text
}

#[test]
fn a_fork_pulls_a_newer_edition_without_conflicts() {
    let course = Course::new("pull");
    // The first edition, before lesson 02 was written.
    let aside = course.path("lesson-02-aside");
    fs::rename(course.path("lessons/02-extras"), &aside).unwrap();
    let upstream = course.publish("upstream");
    git(&upstream, &["init", "--quiet"]);
    git(&upstream, &["add", "--all"]);
    git(&upstream, &["commit", "--quiet", "-m", "edition 1"]);

    // A student forks it and solves an exercise.
    let editions = course.path("editions");
    git(&editions, &["clone", "--quiet", "upstream", "fork"]);
    let fork = course.path("editions/fork");
    solve(&course, &fork, "01-basics", "passes");
    git(&fork, &["commit", "--quiet", "--all", "-m", "solve passes"]);

    // The instructor publishes lesson 02 into the edition's repository.
    fs::rename(&aside, course.path("lessons/02-extras")).unwrap();
    course
        .xtask(&["publish", "editions/upstream"])
        .assert_code(0);
    git(&upstream, &["add", "--all"]);
    git(
        &upstream,
        &["commit", "--quiet", "-m", "edition 2: lesson 02"],
    );

    // The student pulls: a clean merge that keeps the student's work.
    git(
        &fork,
        &[
            "pull",
            "--quiet",
            "--no-rebase",
            "--no-edit",
            "origin",
            "main",
        ],
    );
    assert_eq!(
        course.read("editions/fork/lessons/01-basics/src/passes.rs"),
        course.read("lessons/01-basics/solutions/passes.rs")
    );
    assert!(fork.join("lessons/02-extras/src/greeting.rs").is_file());
    let output = course.xtask_in_copy("editions/fork", &[], &["check", "--ci", "--format", "json"]);
    output.assert_code(1);
    let report: Value = serde_json::from_str(&output.stdout).unwrap();
    assert_eq!(report["integrity"]["trusted"], true, "{output}");
    assert_eq!(report["summary"]["passed"], 1, "{output}");
    assert_eq!(report["summary"]["total"], 10, "{output}");
}
