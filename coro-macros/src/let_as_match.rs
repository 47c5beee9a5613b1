//! `if let` and `while let` whose body awaits, on a value, as the `match`
//! they stand for.
//!
//! rustc keeps the temporary an `if let` or `while let` matches to the end
//! of its body: a part of it the pattern leaves unbound (`Some((_, x))`, or
//! a `Drop` value whose `Copy` fields are bound) drops after the body. The
//! lowering binds a condition's pattern where the condition is, so the rest
//! of the value dropped there, before the body's awaits. A `match` keeps its
//! scrutinee to its end, which the lowering does too (see `partial`); so, in
//! the lowered copy only, such an `if let` without `else`, and such a
//! `while let`, are written as the `match` they mean (the same drops: the
//! temporary lives to the end of the body either way).
//!
//! ```text
//! Input:  if let Some((_, x)) = s.next().await { f(x).await; }
//! Output: match s.next().await { Some((_, x)) => { f(x).await; } _ => {} }
//! Input:  'l: while let Some((_, x)) = s.next().await { f(x).await; }
//! Output: 'l: loop { match s.next().await { Some((_, x)) => { f(x).await; } _ => break, } }
//! ```

use syn::{Expr, Stmt, parse_quote_spanned};

/// The statements with each such `if let` and `while let` rewritten.
pub fn rewrite(stmts: &mut [Stmt]) {
    crate::syntax::rewrite_exprs(stmts, as_match);
}

fn as_match(e: &mut Expr) {
    match e {
        Expr::If(i) if i.else_branch.is_none() => {
            let Expr::Let(l) = &*i.cond else { return };
            if !on_value(&l.expr) || !crate::build::block_has_await(&i.then_branch) {
                return;
            }
            let span = i.if_token.span;
            let (pat, value, body) = (&l.pat, &l.expr, &i.then_branch);
            *e = parse_quote_spanned!(span=> match #value { #pat => #body _ => {} });
        }
        Expr::While(w) => {
            let Expr::Let(l) = &*w.cond else { return };
            if !on_value(&l.expr) || !crate::build::block_has_await(&w.body) {
                return;
            }
            let span = w.while_token.span;
            let (label, pat, value, body) = (&w.label, &l.pat, &l.expr, &w.body);
            *e = parse_quote_spanned!(span=> #label loop {
                match #value { #pat => #body _ => break, }
            });
        }
        _ => {}
    }
}

/// A scrutinee that is a value (a call, an `.await`), not a place, whose
/// temporary the body would outlive.
fn on_value(e: &Expr) -> bool {
    !crate::build::is_place(e) && !matches!(e, Expr::Reference(_))
}
