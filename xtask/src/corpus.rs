//! The known-wrong corpus: for each exercise, in `wrong/NAME/`, complete replacements for
//! the student's file that the grading tests must judge rightly. `wrong-*.rs` are
//! plausible mistakes, each with the status it must get and words that the first message
//! a student reads must contain; `ok-*.rs` are other correct solutions, which must pass.
//!
//! A variant starts with a `//` comment: what the mistake (or the other approach) is,
//! then, for a mistake, what grading must say about it:
//!
//! ```text
//! // Holds the queue's lock while a job runs, so the jobs run one at a time.
//! //
//! // expect: failed
//! // message: one at a time
//! ```
//!
//! Variants are graded as a student's work is, in a copy of the course: the `k`-th
//! variants of all exercises share a build.

use crate::course::{CORPUS_DIR, Course, Exercise, Lesson};
use crate::edition::Tree;
use crate::error::Error;
use crate::grade::{self, Options};
use crate::report::{ExerciseReport, Status};
use crate::style;
use std::collections::{BTreeMap, VecDeque};
use std::path::Path;

/// Instructor notes may sit beside the variants.
const NOTES: &str = "NOTES.md";

pub struct Variant {
    pub exercise: String,
    /// `pool_map/wrong-lock-held`: the exercise and the file's stem.
    pub name: String,
    /// `lessons/02-threads/wrong/pool_map/wrong-lock-held.rs`, as reports name files.
    pub path: String,
    pub content: Vec<u8>,
    /// What the mistake, or the other approach, is.
    pub description: String,
    pub expect: Expect,
    /// `// only: unix`: the systems where it is what it says (a zombie is no mistake
    /// on Windows, which has none); everywhere when empty.
    pub only: Vec<String>,
}

pub enum Expect {
    /// `ok-*`: another correct solution.
    Pass,
    /// `wrong-*`: graded with one of `statuses`, and the first message a student reads
    /// contains each of `messages`.
    Reject {
        statuses: Vec<Status>,
        messages: Vec<String>,
    },
}

/// The corpus of a lesson, and what is wrong with its files.
#[derive(Default)]
pub struct Corpus {
    pub variants: Vec<Variant>,
    pub problems: Vec<Problem>,
}

/// Something in `wrong/` that does not follow the format.
pub struct Problem {
    /// The exercise it concerns; `None` for the lesson's `wrong/` as a whole.
    pub exercise: Option<String>,
    pub text: String,
}

impl Corpus {
    /// Reads `wrong/` of `lesson`: every variant, and every file or folder that does not
    /// follow the format. Every exercise needs at least one known mistake.
    pub fn load(course: &Course, lesson: &Lesson) -> Corpus {
        let mut corpus = Corpus::default();
        let dir = lesson.dir.join(CORPUS_DIR);
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_exercise = lesson.exercises().any(|e| e.name() == name);
            if !is_exercise && name != NOTES {
                corpus.problems.push(Problem {
                    exercise: None,
                    text: format!(
                        "{CORPUS_DIR}/{name} belongs to no exercise: the corpus has a folder per exercise, named after it"
                    ),
                });
            }
        }
        for exercise in lesson.exercises() {
            corpus.load_exercise(course, &exercise);
            let mistakes = corpus
                .variants
                .iter()
                .filter(|v| {
                    v.exercise == exercise.name() && matches!(v.expect, Expect::Reject { .. })
                })
                .count();
            if mistakes == 0 {
                corpus.problem(
                    &exercise,
                    format!(
                        "exercise `{name}` has no known mistake: add {CORPUS_DIR}/{name}/wrong-*.rs, the mistakes its tests must catch",
                        name = exercise.name()
                    ),
                );
            }
        }
        corpus
    }

    fn load_exercise(&mut self, course: &Course, exercise: &Exercise) {
        let dir = exercise.corpus_dir();
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name != NOTES)
            .collect();
        files.sort();
        for file in files {
            let shown = format!("{CORPUS_DIR}/{}/{file}", exercise.name());
            let Some(kind) = variant_kind(&file) else {
                self.problem(exercise, format!(
                    "{shown}: name a variant `wrong-SLUG.rs` (a mistake) or `ok-SLUG.rs` (another correct solution), SLUG in lowercase words joined by `-`"
                ));
                continue;
            };
            let path = dir.join(&file);
            let content = match std::fs::read(&path) {
                Ok(content) => content,
                Err(e) => {
                    self.problem(exercise, format!("{shown}: cannot read it: {e}"));
                    continue;
                }
            };
            match parse_header(&String::from_utf8_lossy(&content), kind) {
                Ok(Header {
                    description,
                    expect,
                    only,
                }) => self.variants.push(Variant {
                    exercise: exercise.name().to_string(),
                    name: format!("{}/{}", exercise.name(), file.trim_end_matches(".rs")),
                    path: course.relative(&path),
                    content,
                    description,
                    expect,
                    only,
                }),
                Err(why) => self.problem(exercise, format!("{shown}: {why}")),
            }
        }
    }

    fn problem(&mut self, exercise: &Exercise, text: String) {
        self.problems.push(Problem {
            exercise: Some(exercise.name().to_string()),
            text,
        });
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Wrong,
    Ok,
}

/// `wrong-lock-held.rs` is a mistake, `ok-channels.rs` another correct solution.
fn variant_kind(file: &str) -> Option<Kind> {
    let stem = file.strip_suffix(".rs")?;
    let (kind, slug) = match stem.split_once('-')? {
        ("wrong", slug) => (Kind::Wrong, slug),
        ("ok", slug) => (Kind::Ok, slug),
        _ => return None,
    };
    let valid = !slug.is_empty()
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    valid.then_some(kind)
}

/// The systems `// only:` may name: what `cfg(unix)`, `cfg(windows)` and `target_os`
/// call them.
const SYSTEMS: [&str; 4] = ["unix", "windows", "linux", "macos"];

/// What the `//` comment a variant starts with says.
struct Header {
    description: String,
    expect: Expect,
    only: Vec<String>,
}

fn parse_header(text: &str, kind: Kind) -> Result<Header, String> {
    let mut description: Vec<&str> = Vec::new();
    let mut statuses: Option<Vec<Status>> = None;
    let mut messages: Vec<String> = Vec::new();
    let mut only: Vec<String> = Vec::new();
    let comment = text
        .lines()
        .map_while(|line| line.strip_prefix("//"))
        .take_while(|line| !line.starts_with(['/', '!']));
    for line in comment {
        let line = line.trim();
        if let Some(words) = line.strip_prefix("expect:") {
            let parsed = words
                .split('|')
                .map(|word| parse_status(word.trim()))
                .collect::<Result<Vec<Status>, String>>()?;
            statuses = Some(parsed);
        } else if let Some(message) = line.strip_prefix("message:") {
            let message = message.trim();
            if message.is_empty() {
                return Err(
                    "`// message:` is empty: give words the first message must contain".into(),
                );
            }
            messages.push(message.to_string());
        } else if let Some(systems) = line.strip_prefix("only:") {
            for system in systems.split('|').map(str::trim) {
                if !SYSTEMS.contains(&system) {
                    return Err(format!(
                        "`only: {system}`: name systems as `cfg` does, `unix`, `windows`, `linux` or `macos`, several joined by `|`"
                    ));
                }
                only.push(system.to_string());
            }
        } else if statuses.is_some() || !messages.is_empty() || !only.is_empty() {
            if !line.is_empty() {
                return Err(format!(
                    "`{line}` after the expectation: the description comes first, then `// expect:`, `// message:` and `// only:`"
                ));
            }
        } else if !line.is_empty() {
            description.push(line);
        }
    }
    if description.is_empty() {
        return Err(
            "no description: start the file with a `//` comment saying what the mistake (or the other approach) is"
                .into(),
        );
    }
    let description = description.join(" ");
    let header = |expect| {
        Ok(Header {
            description,
            expect,
            only,
        })
    };
    match (kind, statuses) {
        (Kind::Ok, None) if messages.is_empty() => header(Expect::Pass),
        (Kind::Ok, _) => Err(
            "an `ok-*` variant must pass: it has no `// expect:` or `// message:` (name a mistake `wrong-*`)"
                .into(),
        ),
        (Kind::Wrong, Some(statuses)) if !messages.is_empty() => {
            header(Expect::Reject { statuses, messages })
        }
        (Kind::Wrong, _) => Err(
            "a `wrong-*` variant needs `// expect: STATUS` and `// message: TEXT` (words the first message a student reads must contain)"
                .into(),
        ),
    }
}

fn parse_status(word: &str) -> Result<Status, String> {
    let status: Status = word.parse().map_err(|_| {
            format!(
                "`{word}` is not a status: use `failed`, `not_started`, `timed_out`, `crashed` or `compile_error`, several joined by `|`"
            )
        })?;
    match status {
        Status::Passed | Status::NotGraded => Err(format!(
            "a mistake cannot expect `{word}`: use `failed`, `not_started`, `timed_out`, `crashed` or `compile_error`"
        )),
        status => Ok(status),
    }
}

impl Variant {
    pub fn is_mistake(&self) -> bool {
        matches!(self.expect, Expect::Reject { .. })
    }

    /// Whether it is meant for the system the runner runs on (see `only`).
    pub fn applies_here(&self) -> bool {
        self.only.is_empty()
            || self.only.iter().any(|system| match system.as_str() {
                "unix" => cfg!(unix),
                "windows" => cfg!(windows),
                os => std::env::consts::OS == os,
            })
    }

    /// A mistake the compiler catches: it breaks the build of its lesson.
    fn expects_compile_error(&self) -> bool {
        matches!(&self.expect, Expect::Reject { statuses, .. } if statuses == &[Status::CompileError])
    }

    /// Whether the exercise's grade is what this variant expects: `Ok` with a short
    /// account of it, or `Err` with why not.
    pub fn judge(&self, report: &ExerciseReport) -> Result<String, String> {
        let first = report
            .diagnosis()
            .map(|text| style::plain(&text))
            .unwrap_or_default();
        let first = format!(
            "the first message a student reads is:\n{}",
            first.trim_end()
        );
        match &self.expect {
            Expect::Pass if report.status == Status::Passed => Ok("passes".into()),
            Expect::Pass => Err(format!(
                "another correct solution must pass, but it is graded `{}` (do the tests ask for one particular solution?); {first}",
                report.status.word(),
            )),
            Expect::Reject { .. } if report.status == Status::Passed => {
                Err("every test passes: no test catches this mistake".into())
            }
            Expect::Reject { statuses, messages } => {
                if !statuses.contains(&report.status) {
                    let expected: Vec<&str> = statuses.iter().map(|s| s.word()).collect();
                    return Err(format!(
                        "graded `{}`, expected `{}`; {first}",
                        report.status.word(),
                        expected.join(" | "),
                    ));
                }
                if let Some(missing) = messages.iter().find(|m| !first.contains(m.as_str())) {
                    return Err(format!("`{missing}` is not in the first message: {first}"));
                }
                let quoted: Vec<String> = messages.iter().map(|m| format!("\"{m}\"")).collect();
                Ok(format!("{}, {}", report.status.word(), quoted.join(", ")))
            }
        }
    }
}

/// Grades each variant as the student's file of its exercise, never touching `src/`, in
/// rounds: round `K` lays the `K`-th variant of every exercise over a copy of the course
/// in `copy` and builds it into `target_dir`, so variants of different exercises share a
/// build. Variants meant not to compile have rounds of their own, first; if a variant
/// breaks its lesson's build anyway, it is graded `compile_error` and the variants beside
/// it are graded again in a later round. Returns a report for each variant, in order.
pub fn grade_variants(
    course: &Course,
    variants: &[&Variant],
    copy: &Path,
    target_dir: &Path,
) -> Result<Vec<ExerciseReport>, Error> {
    let grading = Tree::grading(course)?;
    let (breaking, compiling): (Vec<usize>, Vec<usize>) =
        (0..variants.len()).partition(|&index| variants[index].expects_compile_error());
    let mut rounds = side_by_side(variants, &breaking);
    rounds.extend(side_by_side(variants, &compiling));

    let mut reports: Vec<Option<ExerciseReport>> = variants.iter().map(|_| None).collect();
    while let Some(round) = rounds.pop_front() {
        let mut files = grading.files.clone();
        for &index in &round {
            let exercise = course.exercise(&variants[index].exercise)?;
            files.insert(exercise.student_path(), variants[index].content.clone());
        }
        Tree { files }.mirror(copy)?;
        let copy = Course::load(copy)?;
        let selection = round
            .iter()
            .map(|&index| copy.exercise(&variants[index].exercise))
            .collect::<Result<Vec<Exercise>, Error>>()?;
        let report = grade::grade(&copy, &selection, &Options::copy(target_dir.to_path_buf()))?;
        // Not graded: another variant broke the lesson's build. Those are graded again
        // without it, unless nothing in the round could be graded.
        let progress = report
            .exercises
            .iter()
            .any(|e| e.status != Status::NotGraded);
        let mut again = Vec::new();
        for (&index, exercise) in round.iter().zip(report.exercises) {
            if exercise.status == Status::NotGraded && progress {
                again.push(index);
            } else {
                reports[index] = Some(exercise);
            }
        }
        if !again.is_empty() {
            rounds.push_back(again);
        }
    }
    Ok(reports
        .into_iter()
        .map(|report| report.expect("every variant is graded in some round"))
        .collect())
}

/// Rounds of the variants `indices`: the first variant of every exercise, then the
/// second, and so on.
fn side_by_side(variants: &[&Variant], indices: &[usize]) -> VecDeque<Vec<usize>> {
    let mut by_exercise: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &index in indices {
        by_exercise
            .entry(&variants[index].exercise)
            .or_default()
            .push(index);
    }
    let depth = by_exercise.values().map(Vec::len).max().unwrap_or(0);
    (0..depth)
        .map(|k| {
            by_exercise
                .values()
                .filter_map(|v| v.get(k))
                .copied()
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_are_named_by_kind_and_slug() {
        assert!(variant_kind("wrong-lock-held.rs") == Some(Kind::Wrong));
        assert!(variant_kind("ok-channels.rs") == Some(Kind::Ok));
        for bad in [
            "wrong.rs",
            "wrong-.rs",
            "Wrong-x.rs",
            "ok-a--b.rs",
            "ok-x.txt",
            "other-x.rs",
            "wrong-x_y.rs",
        ] {
            assert!(variant_kind(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_mistake_says_what_grading_must_say() {
        let text = "// Holds the lock while a job runs,\n// so jobs run one at a time.\n//\n// expect: failed | timed_out\n// message: one at a time\n// message: lock\n\npub fn f() {}\n";
        let header = parse_header(text, Kind::Wrong).unwrap();
        assert_eq!(
            header.description,
            "Holds the lock while a job runs, so jobs run one at a time."
        );
        assert!(header.only.is_empty(), "everywhere");
        let Expect::Reject { statuses, messages } = header.expect else {
            panic!("a mistake")
        };
        assert_eq!(statuses, [Status::Failed, Status::TimedOut]);
        assert_eq!(messages, ["one at a time", "lock"]);
    }

    #[test]
    fn a_variant_may_be_meant_for_some_systems_only() {
        let text = "// A zombie.\n//\n// expect: failed\n// message: zombie\n// only: unix\n";
        let header = parse_header(text, Kind::Wrong).unwrap();
        assert_eq!(header.only, ["unix"]);
        let error = parse_header("// A zombie.\n// only: posix\n", Kind::Ok)
            .err()
            .unwrap_or_default();
        assert!(error.contains("`only: posix`"), "{error}");
    }

    #[test]
    fn malformed_headers_are_explained() {
        let cases = [
            ("pub fn f() {}\n", Kind::Ok, "no description"),
            (
                "//! Task.\n// expect: failed\n",
                Kind::Wrong,
                "no description",
            ),
            (
                "// Wrong.\n// expect: failed\n",
                Kind::Wrong,
                "needs `// expect: STATUS` and `// message: TEXT`",
            ),
            (
                "// Wrong.\n// message: x\n",
                Kind::Wrong,
                "needs `// expect: STATUS`",
            ),
            (
                "// Wrong.\n// expect: broken\n// message: x\n",
                Kind::Wrong,
                "`broken` is not a status",
            ),
            (
                "// Wrong.\n// expect: passed\n// message: x\n",
                Kind::Wrong,
                "cannot expect `passed`",
            ),
            (
                "// Other.\n// expect: failed\n// message: x\n",
                Kind::Ok,
                "must pass",
            ),
            (
                "// Wrong.\n// expect: failed\n// message: x\n// more words\n",
                Kind::Wrong,
                "after the expectation",
            ),
        ];
        for (text, kind, why) in cases {
            let error = parse_header(text, kind).err().unwrap_or_default();
            assert!(error.contains(why), "{text:?}: {error}");
        }
    }
}
