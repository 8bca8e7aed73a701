//! Terminal output in cargo's style: bold colored verbs, `error:`/`warning:` prefixes,
//! colors only on a terminal and never with `NO_COLOR` or `CARGO_TERM_COLOR=never`.

use std::io::IsTerminal;
use std::sync::OnceLock;

pub fn color_enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| match std::env::var("CARGO_TERM_COLOR").as_deref() {
        Ok("always") => true,
        Ok("never") => false,
        _ => std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
    })
}

fn paint(code: &str, text: &str) -> String {
    if color_enabled() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

pub fn green(text: &str) -> String {
    paint("1;32", text)
}

pub fn red(text: &str) -> String {
    paint("1;31", text)
}

pub fn yellow(text: &str) -> String {
    paint("1;33", text)
}

pub fn cyan(text: &str) -> String {
    paint("1;36", text)
}

pub fn bold(text: &str) -> String {
    paint("1", text)
}

pub fn dim(text: &str) -> String {
    paint("2", text)
}

/// A cargo-style status line: the verb right-aligned in 12 columns.
pub fn status(verb: &str, rest: &str) {
    eprintln!("{} {rest}", green(&format!("{verb:>12}")));
}

pub fn warn(message: &str) {
    eprintln!("{} {message}", yellow("warning:"));
}
