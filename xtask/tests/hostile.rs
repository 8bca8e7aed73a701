//! Class grading against hostile student code: each student below attacks the grader
//! with nothing but exercise files, and the test shows the attack fail.
//!
//! Linux only: the sandbox is bubblewrap (`apt-get install bubblewrap`).
#![cfg(target_os = "linux")]

mod support;

use serde_json::Value;
use std::fs;
use std::io::ErrorKind;
use std::net::TcpListener;
use std::path::PathBuf;
use support::{Course, grade_of};

/// A student whose `lessons/01-basics/src/passes.rs` is `code`.
fn student(course: &Course, name: &str, code: &str) -> String {
    let dir = course.publish(name);
    fs::write(dir.join("lessons/01-basics/src/passes.rs"), code).unwrap();
    format!("editions/{name}")
}

fn gradebook(course: &Course, out: &str) -> Value {
    let path = course.path(&format!("{out}/gradebook.json"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Whether `exercise` passed for the student.
fn passed(grade: &Value, exercise: &str) -> bool {
    !grade["failures"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["exercise"] == exercise)
}

/// An `add` that does `attack` first, then answers right: outside a sandbox it passes.
fn add_after(attack: &str) -> String {
    format!(
        "pub fn add(a: u32, b: u32) -> u32 {{\n    {attack}\n    a + b\n}}\n\
         #[allow(dead_code)]\nfn ignore<T>(_: T) {{}}\n"
    )
}

/// Processes whose command line contains `marker`.
fn processes_with(marker: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in fs::read_dir("/proc").unwrap().flatten() {
        if let Ok(cmdline) = fs::read(entry.path().join("cmdline")) {
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            if cmdline.contains(marker) {
                found.push(cmdline);
            }
        }
    }
    found
}

#[test]
fn hostile_students_cannot_read_escape_signal_leak_or_fill_the_machine() {
    let course = Course::new("hostile");
    let root = course.path("");
    let honest = course.publish("honest");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let marker = format!("escaped-{}", std::process::id());

    let students = [
        // Reads the instructor's solution, and a classmate's work, by absolute path.
        student(
            &course,
            "reader",
            &format!(
                "#[path = \"{}\"]\nmod stolen;\npub use stolen::add;\n",
                root.join("lessons/01-basics/solutions/passes.rs").display()
            ),
        ),
        // Leaves a process that outlives the grader (a process group of its own).
        student(
            &course,
            "escaper",
            &add_after(&format!(
                "use std::os::unix::process::CommandExt;\n    \
                 ignore(std::process::Command::new(\"sh\").args([\"-c\", \"sleep 600; : {marker}\"]).process_group(0).spawn());"
            )),
        ),
        // Kills the grader.
        student(
            &course,
            "killer",
            &add_after(
                "ignore(std::process::Command::new(\"pkill\").args([\"-KILL\", \"-f\", \"xtask grade\"]).status());",
            ),
        ),
        // Sends what it found over the network.
        student(
            &course,
            "leaker",
            &add_after(&format!(
                "ignore(std::net::TcpStream::connect((\"127.0.0.1\", {port})));"
            )),
        ),
        // Fills the disk: a 100 MiB file.
        student(
            &course,
            "filler",
            &add_after(
                "std::fs::write(std::env::temp_dir().join(\"fill\"), vec![7u8; 100 << 20]).unwrap();",
            ),
        ),
        // Lifts the lint against `unsafe` for its own file.
        student(
            &course,
            "unsafe",
            "#![allow(unsafe_code)]\n\
             pub fn add(a: u32, b: u32) -> u32 {\n    \
             let sum = [a + b];\n    \
             unsafe { *sum.as_ptr() }\n}\n",
        ),
        // Takes 5 GiB of memory.
        student(
            &course,
            "hog",
            &add_after("let memory = vec![0u8; 5 << 30];\n    std::hint::black_box(&memory);"),
        ),
    ];
    // A classmate's solved exercise, read by path (the reader's second file).
    fs::write(
        honest.join("lessons/02-extras/src/greeting.rs"),
        course.read("lessons/02-extras/solutions/greeting.rs"),
    )
    .unwrap();
    fs::write(
        course.path("editions/reader/lessons/02-extras/src/greeting.rs"),
        format!(
            "#[path = \"{}\"]\nmod copied;\npub use copied::greeting;\n",
            honest.join("lessons/02-extras/src/greeting.rs").display()
        ),
    )
    .unwrap();

    let mut args = vec!["grade", "--jobs", "2", "--out", "book"];
    args.extend(students.iter().map(String::as_str));
    args.push("editions/honest");
    // A temporary directory of its own, to see that grading leaves nothing in it.
    let tmp = course.path("tmp");
    fs::create_dir_all(&tmp).unwrap();
    course.xtask_env(&[("TMPDIR", &tmp)], &args).assert_code(0);
    let book = gradebook(&course, "book");
    assert_eq!(book["sandbox"], "bubblewrap", "{book}");

    let honest = grade_of(&book, "honest");
    assert!(passed(honest, "greeting"), "the control: {honest}");
    let reader = grade_of(&book, "reader");
    assert_eq!(
        reader["review"][0],
        serde_json::json!({
            "file": "lessons/01-basics/src/passes.rs",
            "line": 1,
            "what": "`#[path]` reads a file outside the exercise"
        }),
        "an attempt is flagged for review whatever its score: {reader}"
    );
    assert_eq!(honest["review"], serde_json::json!([]), "{honest}");
    assert!(
        !passed(reader, "passes") && !passed(reader, "greeting"),
        "files outside the student's grading copy must be out of reach: {reader}"
    );
    assert_eq!(
        processes_with(&marker),
        Vec::<String>::new(),
        "a process outlived the grading"
    );
    assert!(
        grade_of(&book, "killer")["total"].as_u64() > Some(0),
        "the grader survived and graded the killer"
    );
    assert!(
        matches!(listener.accept(), Err(e) if e.kind() == ErrorKind::WouldBlock),
        "student code reached the network"
    );
    for (name, why) in [
        (
            "unsafe",
            "`forbid(unsafe_code)` must not be lifted by an `allow`",
        ),
        ("filler", "a 100 MiB file must exceed the file-size limit"),
        ("hog", "5 GiB must exceed the memory limit"),
    ] {
        let grade = grade_of(&book, name);
        assert!(!passed(grade, "passes"), "{why}: {grade}");
    }
    // The work directory, with every slot and build, is gone.
    let left: Vec<PathBuf> = fs::read_dir(&tmp)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(left, Vec::<PathBuf>::new(), "grading left its work behind");
}

#[test]
fn tests_cannot_replace_test_binaries_for_themselves_or_the_next_student() {
    let course = Course::new("contaminate");
    // Replaces the other lesson's test binary with a script that lists a test and passes it.
    let spoiler = student(
        &course,
        "spoiler",
        &add_after(
            "use std::os::unix::fs::PermissionsExt;\n    \
             let me = std::env::current_exe().unwrap();\n    \
             for entry in std::fs::read_dir(me.parent().unwrap()).unwrap().flatten() {\n        \
                 let path = entry.path();\n        \
                 let name = path.file_name().unwrap().to_string_lossy().into_owned();\n        \
                 if name.starts_with(\"exercises-\") && !name.contains('.') && path != me {\n            \
                     let _ = std::fs::remove_file(&path);\n            \
                     let script = \"#!/bin/sh\\ncase \\\"$*\\\" in *--ignored*) ;; *--list*) echo 'greeting::forged: test' ;; *) echo; echo 'test result: ok. 1 passed; 0 failed' ;; esac\\n\";\n            \
                     std::fs::write(&path, script).unwrap();\n            \
                     std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();\n        \
                 }\n    \
             }",
        ),
    );
    course.publish("next");
    let output = course.xtask(&[
        "grade",
        "--jobs",
        "1",
        "--out",
        "book",
        &spoiler,
        "editions/next",
    ]);
    output.assert_code(0);
    let book = gradebook(&course, "book");
    let spoiler = grade_of(&book, "spoiler");
    assert!(
        !passed(spoiler, "greeting"),
        "a replaced test binary forged the spoiler's own score: {spoiler}"
    );
    let next = grade_of(&book, "next");
    assert_eq!(
        next["passed"], 0,
        "the student graded after the spoiler has only starters: {next}"
    );
}

#[test]
fn a_build_that_never_ends_is_stopped_and_the_class_goes_on() {
    let course = Course::new("endless-build");
    let endless = student(
        &course,
        "endless",
        "#![allow(long_running_const_eval)]\n\
         const SPIN: u64 = {\n    let mut i = 0u64;\n    while i < u64::MAX {\n        i += 1;\n    }\n    i\n};\n\
         pub fn add(a: u32, b: u32) -> u32 {\n    let _ = SPIN;\n    a + b\n}\n",
    );
    let output = course.xtask(&["grade", "--build-timeout", "20", "--out", "book", &endless]);
    output.assert_code(0);
    let book = gradebook(&course, "book");
    let endless = grade_of(&book, "endless");
    let message = endless["failures"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("took longer than 20 s"), "{endless}");
}

#[test]
fn grading_refuses_to_run_below_a_planted_cargo_configuration() {
    let course = Course::new("planted-config");
    course.publish("someone");
    let tmp = course.path("tmp/inner");
    fs::create_dir_all(&tmp).unwrap();
    fs::create_dir_all(course.path("tmp/.cargo")).unwrap();
    course.write(
        "tmp/.cargo/config.toml",
        "[build]\nrustc-wrapper = \"/bin/false\"\n",
    );
    let output = course.xtask_env(&[("TMPDIR", &tmp)], &["grade", "editions/someone"]);
    output.assert_code(2);
    assert!(
        output
            .stderr
            .contains("would configure every grading build"),
        "{output}"
    );
}

#[test]
fn fork_ci_hides_the_jobs_step_output_from_student_code() {
    let course = Course::new("fork-ci");
    // Looks for the step output's path in every process's environment, as a test of a
    // fork's CI could, and writes a forged result there.
    let fork = student(
        &course,
        "forger",
        &add_after(
            "for entry in std::fs::read_dir(\"/proc\").unwrap().flatten() {\n        \
                 let environ = std::fs::read(entry.path().join(\"environ\")).unwrap_or_default();\n        \
                 for variable in environ.split(|b| *b == 0) {\n            \
                     if let Some(path) = variable.strip_prefix(b\"GITHUB_OUTPUT=\") {\n                \
                         let path = String::from_utf8_lossy(path).into_owned();\n                \
                         let _ = std::fs::write(path, \"result=forged\\n\");\n            \
                     }\n        \
                 }\n    \
             }",
        ),
    );
    let outputs = course.path("outputs.txt");
    course.xtask_in_copy(
        &fork,
        &[
            ("GITHUB_ACTIONS", std::path::Path::new("true")),
            ("GITHUB_OUTPUT", &outputs),
        ],
        &["check", "--ci"],
    );
    let written = fs::read_to_string(&outputs).unwrap_or_default();
    assert!(
        written.starts_with("result=") && !written.contains("forged"),
        "student code found the step output through /proc: {written:?}"
    );
}

#[test]
fn printed_verdicts_do_not_pass() {
    let course = Course::new("forged-verdicts");
    // What the test harness prints for a pass, then an exit with status 0: `add` itself
    // is wrong (it answers 0), so only a forged verdict could pass it.
    let forge = "fn forge(seal: &str) -> ! {\n    \
                 println!(\"{seal}\\ntest passes::adds ... ok\\n\\ntest result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\\n\");\n    \
                 std::process::exit(0)\n}\n";
    let forgers = [
        // From the test's own thread.
        ("in-test", "forge(\"\")"),
        // From a thread of its own, while the test waits.
        (
            "in-thread",
            "std::thread::spawn(|| forge(\"\"));\n    std::thread::sleep(std::time::Duration::from_secs(10));\n    0",
        ),
        // From a panic hook, when the assertion fails.
        (
            "in-hook",
            "std::panic::set_hook(Box::new(|_| forge(\"\")));\n    0",
        ),
        // With whatever standard input held, printed as the graded tests' seal.
        (
            "with-stdin",
            "let mut input = String::new();\n    \
             let _ = std::io::Read::read_to_string(&mut std::io::stdin(), &mut input);\n    \
             forge(&format!(\"\\ngraded: returned {}\", input.trim()))",
        ),
    ];
    let mut args = vec!["grade".to_string(), "--out".into(), "book".into()];
    for (name, body) in forgers {
        args.push(student(
            &course,
            name,
            &format!("{forge}\npub fn add(_: u32, _: u32) -> u32 {{\n    {body}\n}}\n"),
        ));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    course.xtask(&args).assert_code(0);
    let book = gradebook(&course, "book");
    for (name, _) in forgers {
        let grade = grade_of(&book, name);
        assert!(
            !passed(grade, "passes"),
            "a printed verdict passed the test: {grade}"
        );
        assert!(
            grade["review"]
                .to_string()
                .contains("ends the test process itself"),
            "the exit is flagged for review: {grade}"
        );
    }
}
