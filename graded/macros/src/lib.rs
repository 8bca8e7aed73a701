//! The attribute behind `graded::test`; see the `graded` crate for what it is for.
//!
//! It needs no parser: it only recognises its own arguments, checks that the test returns
//! nothing, and puts one statement before the first of the function's body.

use proc_macro::{Delimiter, Group, TokenStream, TokenTree};

/// A test that the course runner counts as passed only when it returned.
///
/// `#[graded::test]` stands for `#[test]`, `#[graded::test(tokio, ARGS)]` for
/// `#[tokio::test(ARGS)]`.
#[proc_macro_attribute]
pub fn test(args: TokenStream, item: TokenStream) -> TokenStream {
    match expand(args, item) {
        Ok(tokens) => tokens,
        Err(message) => format!("::core::compile_error!({message:?});")
            .parse()
            .expect("a compile_error! call"),
    }
}

fn expand(args: TokenStream, item: TokenStream) -> Result<TokenStream, String> {
    let harness = harness_attribute(args)?;
    let mut tokens: Vec<TokenTree> = item.into_iter().collect();
    let body = match tokens.last() {
        Some(TokenTree::Group(body)) if body.delimiter() == Delimiter::Brace => body.clone(),
        _ => return Err("#[graded::test] goes on a function with a body".into()),
    };
    let returns_value = tokens.windows(2).any(|pair| match pair {
        [TokenTree::Punct(minus), TokenTree::Punct(greater)] => {
            minus.as_char() == '-' && greater.as_char() == '>'
        }
        _ => false,
    });
    if returns_value {
        // A test that returns an `Err` fails without panicking: the seal would be given.
        return Err(
            "a #[graded::test] returns nothing: assert instead of returning an error".into(),
        );
    }
    // First, before any code under test can read standard input.
    let mut sealed: TokenStream = "let __graded_seal = ::graded::__private::Seal::take();"
        .parse()
        .expect("a statement");
    sealed.extend(body.stream());
    let mut new_body = Group::new(Delimiter::Brace, sealed);
    new_body.set_span(body.span());
    *tokens.last_mut().expect("checked above") = TokenTree::Group(new_body);

    let mut output = harness;
    output.extend(tokens);
    Ok(output)
}

/// `#[test]`, or `#[tokio::test(…)]` for `tokio, …`.
fn harness_attribute(args: TokenStream) -> Result<TokenStream, String> {
    let mut args = args.into_iter();
    let attribute = match args.next() {
        None => "#[::core::prelude::v1::test]".to_string(),
        Some(TokenTree::Ident(runtime)) if runtime.to_string() == "tokio" => {
            match args.next() {
                None => {}
                Some(TokenTree::Punct(comma)) if comma.as_char() == ',' => {}
                Some(other) => return Err(format!("expected `,` after `tokio`, found `{other}`")),
            }
            let rest: TokenStream = args.collect();
            format!("#[::tokio::test({rest})]")
        }
        Some(other) => {
            return Err(format!(
                "unknown argument `{other}`: write #[graded::test] or #[graded::test(tokio, …)]"
            ));
        }
    };
    Ok(attribute.parse().expect("an attribute"))
}
