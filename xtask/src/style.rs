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
    #[test]
    fn plain_text_has_no_escapes() {
        assert_eq!(super::plain("\x1b[1;31mleft\x1b[0m: 1"), "left: 1");
        assert_eq!(super::plain("no escapes"), "no escapes");
    }
}
