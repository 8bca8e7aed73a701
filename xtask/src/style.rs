//! Terminal output in cargo's style: bold colored verbs, `error:`/`warning:` prefixes.
//!
//! Colour follows cargo's habits: `--color <auto|always|never>`, else `CARGO_TERM_COLOR`;
//! `auto` (the default) is turned off by `NO_COLOR`, forced on by `CLICOLOR_FORCE`, and
//! otherwise colours a stream only if it is a terminal. Colour is added at print time:
//! what the runner stores or serializes is plain text. (rustc colours the diagnostics
//! itself, and is asked to only for a report that is printed and never kept: see
//! [`color_enabled`].)

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::str::FromStr;
use std::sync::OnceLock;

/// When to colour, as `--color` and `CARGO_TERM_COLOR` say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour a stream that is a terminal (unless the environment says otherwise).
    Auto,
    Always,
    Never,
}

impl FromStr for ColorChoice {
    /// What is wrong, in cargo's words (a usage error, for the caller to raise).
    type Err = String;

    fn from_str(value: &str) -> Result<ColorChoice, String> {
        match value {
            "auto" => Ok(ColorChoice::Auto),
            "always" => Ok(ColorChoice::Always),
            "never" => Ok(ColorChoice::Never),
            // cargo's own words.
            other => Err(format!(
                "argument for --color must be auto, always, or never, but found `{other}`"
            )),
        }
    }
}

impl ColorChoice {
    /// The choice in force: `flag` (`--color`), else `CARGO_TERM_COLOR`; then, for `auto`,
    /// `NO_COLOR` (set and not empty: never) before `CLICOLOR_FORCE` (set, not empty and
    /// not `0`: always). `Auto` is left for the terminal to decide.
    fn resolve(flag: Option<ColorChoice>, var: impl Fn(&str) -> Option<OsString>) -> ColorChoice {
        let configured = flag.or_else(|| {
            // cargo itself rejects a bad value before the runner starts.
            var("CARGO_TERM_COLOR")?.to_str()?.parse().ok()
        });
        let set = |name: &str| var(name).filter(|value| !value.is_empty());
        match configured.unwrap_or(ColorChoice::Auto) {
            ColorChoice::Auto if set("NO_COLOR").is_some() => ColorChoice::Never,
            ColorChoice::Auto if set("CLICOLOR_FORCE").is_some_and(|value| value != "0") => {
                ColorChoice::Always
            }
            choice => choice,
        }
    }

    fn colors(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Auto => is_terminal,
            ColorChoice::Always => true,
            ColorChoice::Never => false,
        }
    }
}

/// Whether each stream is coloured: decided once, per stream, since one may be a
/// terminal and the other a pipe (`check | less` still gets coloured errors).
struct Colors {
    stdout: bool,
    stderr: bool,
}

static COLORS: OnceLock<Colors> = OnceLock::new();

impl Colors {
    fn of(flag: Option<ColorChoice>) -> Colors {
        let choice = ColorChoice::resolve(flag, |name| std::env::var_os(name));
        Colors {
            stdout: choice.colors(std::io::stdout().is_terminal()),
            stderr: choice.colors(std::io::stderr().is_terminal()),
        }
    }

    fn get() -> &'static Colors {
        // Without `init` (a usage error before it, unit tests): the environment decides.
        COLORS.get_or_init(|| Colors::of(None))
    }
}

/// Sets the colour choice of this run, from `--color` (`None`: the environment decides).
/// Called once, before anything is printed.
pub fn init(flag: Option<ColorChoice>) {
    let _ = COLORS.set(Colors::of(flag));
}

/// Whether stdout, where reports go, is coloured; so whether rustc may colour the
/// compile errors of a report that is only printed there (`grade::Options::color`).
pub fn color_enabled() -> bool {
    Colors::get().stdout
}

fn paint(enabled: bool, code: &str, text: &str) -> String {
    if enabled {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

// Painters for stdout; what goes to stderr is printed by `status`, `warn`, `error` and
// `help` below, which colour by stderr's choice.

pub fn green(text: &str) -> String {
    paint(color_enabled(), "1;32", text)
}

pub fn red(text: &str) -> String {
    paint(color_enabled(), "1;31", text)
}

pub fn yellow(text: &str) -> String {
    paint(color_enabled(), "1;33", text)
}

pub fn cyan(text: &str) -> String {
    paint(color_enabled(), "1;36", text)
}

pub fn bold(text: &str) -> String {
    paint(color_enabled(), "1", text)
}

pub fn dim(text: &str) -> String {
    paint(color_enabled(), "2", text)
}

/// A line on stderr: `colored`, painted with `code` if stderr takes colour, then `rest`.
/// A closed stderr loses the line but does not end the run (as `eprintln!` would).
fn to_stderr(code: &str, colored: &str, rest: &str) {
    let colored = paint(Colors::get().stderr, code, colored);
    let _ = writeln!(std::io::stderr(), "{colored} {rest}");
}

/// A cargo-style status line on stderr: the verb right-aligned in 12 columns.
pub fn status(verb: &str, rest: &str) {
    to_stderr("1;32", &format!("{verb:>12}"), rest);
}

/// `warning: MESSAGE` on stderr.
pub fn warn(message: &str) {
    to_stderr("1;33", "warning:", message);
}

/// `error: MESSAGE` on stderr.
pub fn error(message: &str) {
    to_stderr("1;31", "error:", message);
}

/// `help: TEXT` on stderr, after an empty line: what to do about the error above.
pub fn help(text: &str) {
    let _ = writeln!(std::io::stderr());
    to_stderr("1;36", "help:", text);
}

/// `text` without terminal escapes (`ESC [ ... m`): what a reader sees.
pub fn plain(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // A CSI sequence ends with a letter.
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}

#[cfg(test)]
mod tests {
    use super::ColorChoice::{self, Always, Auto, Never};

    #[test]
    fn plain_text_has_no_escapes() {
        assert_eq!(super::plain("\x1b[1;31mleft\x1b[0m: 1"), "left: 1");
        assert_eq!(super::plain("no escapes"), "no escapes");
    }

    /// What `pretty_assertions::assert_eq!` 1.4 prints for `[1, 2, 3]` against
    /// `[1, 5, 3]`: coloured whatever the terminal, `NO_COLOR` or `--color=never`.
    const PRETTY_ASSERTIONS_DIFF: &str = "assertion failed: `(left == right)`\n\n\
        \x1b[1mDiff\x1b[0m \x1b[31m< left\x1b[0m / \x1b[32mright >\x1b[0m :\n \
        [\n     1,\n\
        \x1b[31m<    \x1b[0m\x1b[1;48;5;52;31m2\x1b[0m\x1b[31m,\x1b[0m\n\
        \x1b[32m>    \x1b[0m\x1b[1;48;5;22;32m5\x1b[0m\x1b[32m,\x1b[0m\n     3,\n ]\n";

    #[test]
    fn a_plain_diff_still_tells_left_from_right() {
        assert_eq!(
            super::plain(PRETTY_ASSERTIONS_DIFF),
            "assertion failed: `(left == right)`\n\n\
             Diff < left / right > :\n [\n     1,\n<    2,\n>    5,\n     3,\n ]\n"
        );
    }

    /// The choice in force with `flag` and the environment `env`.
    fn resolve(flag: Option<ColorChoice>, env: &[(&str, &str)]) -> ColorChoice {
        ColorChoice::resolve(flag, |name| {
            env.iter()
                .find(|(set, _)| *set == name)
                .map(|(_, value)| value.into())
        })
    }

    #[test]
    fn follows_cargo_and_the_clicolors_convention() {
        assert_eq!(resolve(None, &[]), Auto);
        // `--color` over `CARGO_TERM_COLOR` over `NO_COLOR` over `CLICOLOR_FORCE`.
        let everything = [
            ("CARGO_TERM_COLOR", "never"),
            ("NO_COLOR", "1"),
            ("CLICOLOR_FORCE", "1"),
        ];
        assert_eq!(resolve(Some(Always), &everything), Always);
        assert_eq!(resolve(Some(Never), &[("CLICOLOR_FORCE", "1")]), Never);
        assert_eq!(resolve(None, &everything), Never);
        assert_eq!(
            resolve(None, &[("CARGO_TERM_COLOR", "always"), ("NO_COLOR", "1")]),
            Always
        );
        assert_eq!(
            resolve(None, &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]),
            Never
        );
        assert_eq!(resolve(None, &[("CLICOLOR_FORCE", "1")]), Always);
        // `auto`, said or not, leaves it to the environment, then the terminal.
        assert_eq!(resolve(Some(Auto), &[("NO_COLOR", "1")]), Never);
        assert_eq!(
            resolve(
                None,
                &[("CARGO_TERM_COLOR", "auto"), ("CLICOLOR_FORCE", "1")]
            ),
            Always
        );
        // Set but empty, or `0`, is not set.
        assert_eq!(resolve(None, &[("NO_COLOR", "")]), Auto);
        assert_eq!(resolve(None, &[("CLICOLOR_FORCE", "0")]), Auto);
        assert_eq!(resolve(None, &[("CLICOLOR_FORCE", "")]), Auto);
        assert_eq!(resolve(None, &[("CARGO_TERM_COLOR", "blue")]), Auto);
    }

    #[test]
    fn auto_colours_only_a_terminal() {
        assert!(Auto.colors(true));
        assert!(!Auto.colors(false));
        assert!(Always.colors(false));
        assert!(!Never.colors(true));
    }

    #[test]
    fn reads_the_values_cargo_takes() {
        assert_eq!("always".parse::<ColorChoice>().unwrap(), Always);
        let error = "blue".parse::<ColorChoice>().unwrap_err();
        assert_eq!(
            error,
            "argument for --color must be auto, always, or never, but found `blue`"
        );
    }
}
