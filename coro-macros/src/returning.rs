//! Macros that return from the function behind the lowering's back:
//! `bail!` and `ensure!` (anyhow, eyre, snafu, ...).
//!
//! `anyhow::bail!(..)` expands to `return Err(anyhow!(..))`. In the lowered
//! copy the body runs inside the poll closure, where a hidden `return`
//! would return from the closure with the wrong type: rustc reported
//! "expected `Poll<Result<..>>`, found `Result<_, _>`" at the attribute.
//! The lowering cannot see into a macro's expansion, so the macro runs in a
//! closure of its own, whose `return` is caught and returned again where
//! the lowering can see it:
//!
//! ```text
//! Input:  ensure!(n < 10, "too big: {n}");
//! Output: match (|| Ok(ensure!(n < 10, "too big: {n}")))() {
//!             Ok(value) => value,
//!             Err(error) => return Err(error),
//!         };
//!
//! Input:  let Some(user) = found else { bail!("no user {id}") };
//! Output: let Some(user) = found else { return (|| bail!("no user {id}"))() };
//! ```
//!
//! The closure's error type is inferred from the macro's own `return`, and
//! the `return Err(error)` is the function's, so a macro that returns
//! nothing leaves it as it is. Only the lowered copy is rewritten; the
//! shadow copy keeps the user's code for rustc's checks.
//!
//! The rewrite applies where it is sure to type-check: the function returns
//! a type named `…Result` (`Result<T, E>`, `anyhow::Result<T>`,
//! `io::Result<T>`), the macro is not inside a closure, an `async` block or
//! an item (whose `return` is their own), and its tokens hold no `.await`
//! (a closure cannot await).

use crate::build::macros;
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Stmt, Type};

/// Runs every returning macro of the statements in a closure.
pub fn rewrite(stmts: &mut [Stmt], output: &Type) {
    if returns_result(output) {
        let mut visitor = Rewrite;
        stmts.iter_mut().for_each(|s| visitor.visit_stmt_mut(s));
    }
}

/// Whether the return type is named like a `Result` (its last segment ends
/// in `Result`): the rewrite's `return Err(error)` needs one.
fn returns_result(output: &Type) -> bool {
    match output {
        Type::Path(p) => p
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident.to_string().ends_with("Result")),
        Type::Paren(p) => returns_result(&p.elem),
        Type::Group(g) => returns_result(&g.elem),
        _ => false,
    }
}

/// Whether the macro returns from the function: `bail!` or `ensure!`,
/// without `.await` in its tokens.
fn is_returning(mac: &syn::Macro) -> bool {
    matches!(macros::name(mac).as_str(), "bail" | "ensure")
        && !macros::tokens_have_await(&mac.tokens)
}

/// The macro in a closure whose `return` the function returns again,
/// spanned at the macro:
///
/// - `bail!(..)` always returns, and has type `!` where it stands (the
///   `else` of a `let .. else` needs one): `return (|| bail!(..))()`;
/// - `ensure!(..)` may go on: `match (|| Ok(ensure!(..)))() { Ok(value) =>
///   value, Err(error) => return Err(error) }`.
fn caught(mac: &syn::Macro, attrs: &[syn::Attribute], span: Span) -> Expr {
    if macros::name(mac) == "bail" {
        return syn::parse_quote_spanned! {span=>
            return (|| #(#attrs)* #mac)()
        };
    }
    syn::parse_quote_spanned! {span=>
        match (|| ::core::result::Result::Ok(#(#attrs)* #mac))() {
            ::core::result::Result::Ok(__coro_value) => __coro_value,
            ::core::result::Result::Err(__coro_error) => {
                return ::core::result::Result::Err(__coro_error)
            }
        }
    }
}

struct Rewrite;

impl VisitMut for Rewrite {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            // Their `return` is their own.
            Expr::Closure(_) | Expr::Async(_) => {}
            Expr::Macro(m) if is_returning(&m.mac) => {
                let span = m.span();
                *e = caught(&m.mac, &m.attrs, span);
            }
            _ => visit_mut::visit_expr_mut(self, e),
        }
    }

    fn visit_stmt_mut(&mut self, s: &mut Stmt) {
        match s {
            Stmt::Macro(m) if is_returning(&m.mac) => {
                let span = m.span();
                let semi = m.semi_token.unwrap_or_else(|| syn::Token![;](span));
                *s = Stmt::Expr(caught(&m.mac, &m.attrs, span), Some(semi));
            }
            _ => visit_mut::visit_stmt_mut(self, s),
        }
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn rewritten(output: &str, body: &str) -> String {
        let output: Type = syn::parse_str(output).expect("type");
        let mut block: syn::Block = syn::parse_str(&format!("{{ {body} }}")).expect("block");
        rewrite(&mut block.stmts, &output);
        block
            .stmts
            .iter()
            .map(|s| s.to_token_stream().to_string())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn bail_and_ensure_run_in_a_closure() {
        let out = rewritten(
            "anyhow::Result<u64>",
            "if n > 3 { anyhow::bail!(\"big {n}\"); } ensure!(n > 0); let v = if c { 1 } else { bail!(\"no\") };",
        );
        // `ensure!` may go on: its value is the match's.
        assert_eq!(out.matches("=> __coro_value").count(), 1, "{out}");
        // `bail!` never does: the closure's result is returned.
        assert_eq!(out.matches("return (| |").count(), 2, "{out}");
        assert!(
            out.contains("return (| | anyhow :: bail ! (\"big {n}\")) ()"),
            "{out}"
        );
    }

    #[test]
    fn left_alone_where_the_return_is_not_the_functions() {
        let body = "let f = || { bail!(\"in closure\") }; let b = async { ensure!(x); Ok(()) }; \
                    fn inner() -> Result<(), E> { bail!(\"item\") } ensure!(x.await > 1);";
        let out = rewritten("Result<(), E>", body);
        assert!(!out.contains("__coro_error"), "{out}");
    }

    #[test]
    fn left_alone_when_the_function_does_not_return_a_result() {
        let out = rewritten("u64", "bail!(\"x\");");
        assert!(!out.contains("__coro_error"), "{out}");
        let out = rewritten("Option<u64>", "ensure!(x);");
        assert!(!out.contains("__coro_error"), "{out}");
    }
}
