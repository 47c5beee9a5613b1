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
//!
//! So are an `if let` and a `while let` on a variable (or a field of one)
//! part of which the pattern moves: rustc moves out only when the pattern
//! matches, and leaves the value whole otherwise, to the end of its scope.
//! As a `match`, the pattern matches the place in place (see `partial`).
//!
//! ```text
//! Input:  'l: while let Ok(d) = w { A }
//! Output: 'l: loop { match w { Ok(d) => { A } _ => break, } }
//! ```
//!
//! So is a chain of `if let .. else if let ..` on one variable whose
//! patterns move out of it: each `if let` would move the value (its
//! pattern is not one the lowering can match in place), though the next
//! one, reached only when that pattern failed, matches it again. A `match`
//! tests the same patterns in the same order, and moves only in the arm
//! taken.
//!
//! ```text
//! Input:  if let Msg::One(s) = m { A } else if let Msg::Two(a, b) = m { B } else { C }
//! Output: match m { Msg::One(s) => { A } Msg::Two(a, b) => { B } _ => { C } }
//! ```

use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Stmt, parse_quote_spanned};

/// The statements with each such `if let` and `while let` rewritten.
pub fn rewrite(stmts: &mut [Stmt]) {
    // (Chains first, from the outermost `if`: a chain's inner `else if`
    // must not be taken for a chain of its own.)
    let mut chains = Chains;
    stmts.iter_mut().for_each(|s| chains.visit_stmt_mut(s));
    crate::syntax::rewrite_exprs(stmts, as_match);
}

/// Rewrites `if let` chains on one variable, outermost first.
struct Chains;

impl VisitMut for Chains {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if let Some(m) = chain_as_match(e) {
            *e = m;
        }
        visit_mut::visit_expr_mut(self, e);
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// `if let P1 = x { A } else if let P2 = x { B } .. else { C }` (two lets
/// or more, each alone in its condition, on one variable, some pattern
/// moving out of it) as `match x { P1 => { A } P2 => { B } .. _ => { C } }`.
fn chain_as_match(e: &Expr) -> Option<Expr> {
    let Expr::If(first) = e else { return None };
    let Expr::Let(l) = &*first.cond else {
        return None;
    };
    let Expr::Path(p) = crate::syntax::unparenthesised(&l.expr) else {
        return None;
    };
    let var = p.path.get_ident()?;
    let mut arms: Vec<(&syn::Pat, &syn::Block)> = Vec::new();
    let mut rest = Some(e);
    let mut last = None;
    while let Some(next) = rest.take() {
        match next {
            Expr::If(i) => match &*i.cond {
                Expr::Let(l) if names(&l.expr, var) => {
                    arms.push((&l.pat, &i.then_branch));
                    rest = i.else_branch.as_ref().map(|(_, e)| &**e);
                }
                _ => last = Some(next),
            },
            _ => last = Some(next),
        }
    }
    if arms.len() < 2 || !arms.iter().any(|(pat, _)| crate::build::pattern_moves(pat)) {
        return None;
    }
    let span = first.if_token.span;
    let pats = arms.iter().map(|(pat, _)| pat);
    let bodies = arms.iter().map(|(_, body)| body);
    let otherwise = match last {
        Some(e) => quote::quote!(#e),
        None => quote::quote!({}),
    };
    Some(parse_quote_spanned!(span=> match #var { #(#pats => #bodies)* _ => #otherwise }))
}

/// Whether `e` is the variable `var` alone.
fn names(e: &Expr, var: &syn::Ident) -> bool {
    matches!(crate::syntax::unparenthesised(e), Expr::Path(p) if p.path.is_ident(var))
}

fn as_match(e: &mut Expr) {
    match e {
        // Input:  if let Ok(d) = o.res { A } else { B }
        // Output: match o.res { Ok(d) => { A } _ => { B } }
        // A variable's or a field's place whose part the pattern moves: as
        // a `match`, the pattern matches it in place (see `partial`); rustc
        // moves the part only when it matches, and leaves the value whole
        // otherwise, for the `else` and the code after.
        Expr::If(i) if matches!(&*i.cond, Expr::Let(l) if field_place_moved(l)) => {
            let Expr::Let(l) = &*i.cond else { return };
            let span = i.if_token.span;
            let (pat, value, body) = (&l.pat, &l.expr, &i.then_branch);
            let otherwise = match &i.else_branch {
                Some((_, e)) => quote::quote!(#e),
                None => quote::quote!({}),
            };
            *e = parse_quote_spanned!(span=> match #value { #pat => #body _ => #otherwise });
        }
        // Input:  'l: while let Ok(d) = w { A }
        // Output: 'l: loop { match w { Ok(d) => { A } _ => break, } }
        // The same for a `while let` (the `match` rustc makes of it): taken
        // out whole for the condition, a value the pattern does not match
        // would drop at the loop's exit, where rustc leaves it in place.
        Expr::While(w) if matches!(&*w.cond, Expr::Let(l) if field_place_moved(l)) => {
            let Expr::Let(l) = &*w.cond else { return };
            *e = while_as_loop(w, l);
        }
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
            *e = while_as_loop(w, l);
        }
        _ => {}
    }
}

/// `'l: while let P = v { A }` as `'l: loop { match v { P => { A } _ => break, } }`.
fn while_as_loop(w: &syn::ExprWhile, l: &syn::ExprLet) -> Expr {
    let span = w.while_token.span;
    let (label, pat, value, body) = (&w.label, &l.pat, &l.expr, &w.body);
    parse_quote_spanned!(span=> #label loop {
        match #value { #pat => #body _ => break, }
    })
}

/// `if let P = o.f` (or `= v`): a variable or a field of one, part of
/// which `P` moves.
fn field_place_moved(l: &syn::ExprLet) -> bool {
    let (base, _) = crate::syntax::field_chain(&l.expr);
    matches!(base, Expr::Path(p) if p.path.get_ident().is_some())
        && crate::build::pattern_moves(&l.pat)
}

/// A scrutinee that is a value (a call, an `.await`), not a place, whose
/// temporary the body would outlive; or a place reached through a
/// temporary (`*c.borrow()`, `&*m.lock().unwrap()`), whose temporary (a
/// guard) the body would outlive too.
fn on_value(e: &Expr) -> bool {
    let borrowed_value = matches!(e, Expr::Reference(r) if !crate::build::is_place(&r.expr));
    crate::build::reaches_temporary(e) && !borrowed_value
}
