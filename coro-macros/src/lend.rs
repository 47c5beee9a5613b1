//! Lending a frame value to a macro the lowering cannot see into.
//!
//! A macro of the user's own (`show!(name)`) may use `name` in any way its
//! expansion likes, which the lowering cannot know: it cannot rewrite the
//! token into a place of the frame. So the value is moved out of its slot
//! into a Rust local of the same name, the macro runs on that local, and
//! the value is moved back:
//!
//! Input:  `let name = String::new(); tick().await; show!(name); ..`
//! Output: `{ let mut name = __coro_slot_name.take(&__coro_live);
//!            show!(name);
//!            __coro_slot_name.write(&__coro_live, name); }`
//! and, in the shadow copy, `let mut name = String::new(); ..
//!            { ::coro::__private::lent(&mut name); show!(name); }`
//!
//! What keeps this exact:
//! - Moving a value changes nothing about it: the macro sees the value it
//!   would natively, under the name it would, with its type.
//! - `take` clears the slot's drop flag: a panic in the macro drops the
//!   local, not the slot (after the younger frame values, by an unwind
//!   guard, as rustc's unwinding would).
//! - Writing the value back would invalidate a reference into the slot made
//!   before. The shadow copy proves there is none alive: `lent(&mut name)`
//!   borrows it mutably just before the macro (so rustc's check of the
//!   shadow copy gives E0502 where something still borrows it). For that,
//!   the shadow copy declares the variable `mut` if the user did not: a
//!   `let` of its name alone (or an argument) gets `mut`, and a binding of
//!   a larger pattern (`let (a, b) = ..`, an arm's, a `for` loop's, an `if
//!   let`'s) is bound again, `let mut a = a;`, where its scope begins (the
//!   pattern's binding modes stay as written).
//! - A macro that moves the value, or hands out a borrow of it that lives
//!   on, makes the move back rustc's error in the lowered code (E0382,
//!   E0505).
//!
//! Not inside closures or `async` blocks (the macro's mentions are
//! rejected there as before), not `self`, not to a macro used as a place
//! (`LendSite::place`), and not a value a struct update took fields from.
//! After a field read out of it or a part bound by a pattern (a copy or a
//! move, syntax cannot tell), a check that the part is `Copy` comes first:
//! a moved part, held again by the local, would drop twice on a panic.
//!
//! On a panic inside the macro, the local drops before the poll's younger
//! locals (those not in the frame); rustc drops it after them.

use crate::ir::*;
use proc_macro2::Span;
use quote::{format_ident, quote_spanned};
use std::collections::{BTreeMap, BTreeSet};
use syn::visit_mut::VisitMut;

const PLACEHOLDER: &str = "__coro_lend_";

/// What the builder leaves where the macro `site` of `Body::lend_sites`
/// was: `__coro_lend_N!(__coro_mention_M ..)`, with the placeholders of
/// the macro's `mentions`, so that every analysis that reads code's
/// mentions (a later use keeps a value alive) sees them.
pub fn placeholder(site: usize, mentions: std::ops::Range<MentionId>, span: Span) -> syn::Expr {
    let name = format_ident!("{PLACEHOLDER}{site}", span = span);
    let mentions = mentions.map(|m| mention_placeholder(m, span));
    syn::parse_quote_spanned!(span=> #name!(#(#mentions)*))
}

/// The lend site a placeholder stands for.
pub fn site_of(e: &syn::Expr) -> Option<usize> {
    let syn::Expr::Macro(m) = e else {
        return None;
    };
    site_of_macro(&m.mac)
}

/// The lend site a placeholder stands for, as a macro call (an expression
/// or a statement, once tokens are parsed again).
pub fn site_of_macro(mac: &syn::Macro) -> Option<usize> {
    site_of_ident(mac.path.get_ident()?)
}

/// The lend site of a placeholder's name (`__coro_lend_N`), among tokens.
pub fn site_of_ident(ident: &proc_macro2::Ident) -> Option<usize> {
    ident.to_string().strip_prefix(PLACEHOLDER)?.parse().ok()
}

/// A span's identity within one coroutine: the compiler's `Debug` of it
/// shows its syntax context and its bytes in the file.
fn span_key(span: Span) -> String {
    format!("{span:?}")
}

/// A macro call's identity within one coroutine: the spans of all its
/// tokens. (Not of its `!` alone: a `macro_rules!` writing `show!($v);`
/// for each of its arguments writes calls whose `!` is the same token.)
fn macro_key(mac: &syn::Macro) -> String {
    fn spans(tokens: proc_macro2::TokenStream, out: &mut String) {
        for tt in tokens {
            out.push_str(&span_key(tt.span()));
            if let proc_macro2::TokenTree::Group(g) = tt {
                spans(g.stream(), out);
            }
        }
    }
    let mut key = span_key(mac.bang_token.span);
    spans(quote::ToTokens::to_token_stream(&mac.path), &mut key);
    spans(mac.tokens.clone(), &mut key);
    key
}

/// Why a frame var may not be lent to the macro of lend site `site` (see
/// the module docs; the caller checks that no part of it is moved out), as
/// the words "lent to the macro, but not .." end; `None` if it may. The
/// macro must stand in the shadow copy as written, for the check there.
/// (The user's code names only its arguments and bindings.)
pub fn why_not_lent(body: &Body, var: VarId, site: Option<usize>) -> Option<&'static str> {
    let Some(site) = site else {
        // (Or the lowering's own: a statement that awaits after such a
        // macro runs as rustc's `async` block.)
        return Some(
            "inside a closure or an `async` block, nor in a statement that awaits after the \
             macro",
        );
    };
    if body.vars[var].name == "self" {
        Some("`self`")
    } else if body.lend_sites[site].place {
        Some(
            "to a macro whose value is used as a place it could change (a method's receiver, \
             `&mut m!(..)`, an assignment's left side, a scrutinee)",
        )
    } else if !body
        .shadow_macros
        .contains(&macro_key(&body.lend_sites[site].mac))
    {
        Some("to a macro the lowering rewrites")
    } else {
        None
    }
}

/// The macro calls among the statements the shadow copy keeps, by
/// `macro_key` (see `Body::shadow_macros`).
pub fn macro_keys(stmts: &[syn::Stmt]) -> BTreeSet<String> {
    struct Find(BTreeSet<String>);
    impl<'ast> syn::visit::Visit<'ast> for Find {
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            self.0.insert(macro_key(mac));
            calls_in(mac.tokens.clone(), &mut |inner| {
                self.0.insert(macro_key(inner));
            });
        }
    }
    let mut find = Find(BTreeSet::new());
    for stmt in stmts {
        syn::visit::Visit::visit_stmt(&mut find, stmt);
    }
    find.0
}

/// A macro call written among tokens at `i`, a name, `!` and a group (a
/// call inside another macro's arguments, `vec![m!(x)]`, which syntax
/// leaves as tokens): the call, and how many tokens it takes.
fn call_at(tokens: &[proc_macro2::TokenTree], i: usize) -> Option<syn::Macro> {
    use proc_macro2::TokenTree;
    let (TokenTree::Ident(name), TokenTree::Punct(bang), TokenTree::Group(group)) =
        (tokens.get(i)?, tokens.get(i + 1)?, tokens.get(i + 2)?)
    else {
        return None;
    };
    if bang.as_char() != '!' {
        return None;
    }
    syn::parse2(quote::quote!(#name #bang #group)).ok()
}

/// Each macro call among tokens, at any depth (see `call_at`).
fn calls_in(tokens: proc_macro2::TokenStream, found: &mut dyn FnMut(&syn::Macro)) {
    let tokens: Vec<proc_macro2::TokenTree> = tokens.into_iter().collect();
    for (i, tt) in tokens.iter().enumerate() {
        if let Some(mac) = call_at(&tokens, i) {
            found(&mac);
        }
        if let proc_macro2::TokenTree::Group(g) = tt {
            calls_in(g.stream(), found);
        }
    }
}

/// Whether the lending can check that what a partial use of a value moved
/// out was `Copy`, and so still in it (see `moved_parts_are_copy`): a
/// field read out or a pattern's bindings can be named; a struct update's
/// base moves the fields it does not name, which syntax does not show.
pub fn checkable(p: &crate::partial::Partial) -> bool {
    p.kept.is_empty()
}

// Input:  `let n = p.n; match q { Some(k) => .. } tick().await; show!(p, q);`
// Output: `lent_to_a_macro_after_a_part_was_read_out_must_be_copy(&raw
//          const (*__coro_slot_p.ptr()).n);
//          if false { if let Some(k) = &*__coro_slot_q.ptr() {
//              lent_to_a_macro_after_a_part_was_bound_must_be_copy(k); } }`
//          before the lending
/// For a value lent to a macro: a check that each part moved out of it
/// before (a field read out, or a pattern's binding by value: a copy or a
/// move, syntax cannot tell) is `Copy`, so that the value is whole (E0277
/// at the macro otherwise).
pub fn moved_parts_are_copy(
    partials: &[crate::partial::Partial],
    var: VarId,
    slot: &proc_macro2::TokenStream,
    span: Span,
) -> proc_macro2::TokenStream {
    let mut checks = proc_macro2::TokenStream::new();
    for p in partials.iter().filter(|p| p.var == var && checkable(p)) {
        if let Some(path) = &p.field {
            checks.extend(quote_spanned!(span=>
                ::coro::__private::lent_to_a_macro_after_a_part_was_read_out_must_be_copy(
                    &raw const (*#slot.ptr()) #(.#path)*
                );
            ));
            continue;
        }
        let place = &p.place;
        for pat in p.arms.iter().flatten() {
            let (pat, names) = bound_by_reference(crate::partial::unguarded(pat));
            checks.extend(quote_spanned!(span=>
                if false {
                    #[allow(irrefutable_let_patterns)]
                    if let #pat = &(*#slot.ptr()) #(.#place)* {
                        #(::coro::__private::lent_to_a_macro_after_a_part_was_bound_must_be_copy(#names);)*
                    }
                }
            ));
        }
    }
    checks
}

/// `pat` binding every name by reference (neither `mut` nor `ref`, matched
/// against a reference), and the names it bound by value.
fn bound_by_reference(pat: &syn::Pat) -> (syn::Pat, Vec<syn::Ident>) {
    let names = crate::build::bindings(pat)
        .into_iter()
        .filter(|b| b.by_ref.is_none())
        .map(|b| b.ident.clone())
        .collect();
    struct Plain;
    impl VisitMut for Plain {
        fn visit_pat_ident_mut(&mut self, i: &mut syn::PatIdent) {
            i.by_ref = None;
            i.mutability = None;
            syn::visit_mut::visit_pat_ident_mut(self, i);
        }
        fn visit_expr_mut(&mut self, _: &mut syn::Expr) {}
    }
    let mut pat = pat.clone();
    Plain.visit_pat_mut(&mut pat);
    (pat, names)
}

/// The vars each site lends, each with the span of its first mention
/// there (the macro's own token, whose name and hygiene the local takes).
pub fn lent_vars(body: &Body, lent: &dyn Fn(MentionId) -> bool) -> Vec<Vec<(VarId, Span)>> {
    let mut out = vec![Vec::new(); body.lend_sites.len()];
    for (id, m) in body.mentions.iter().enumerate() {
        if let Access::Macro {
            site: Some(site), ..
        } = m.access
        {
            let vars: &mut Vec<(VarId, Span)> = &mut out[site];
            if lent(id) && !vars.iter().any(|&(v, _)| v == m.var) {
                vars.push((m.var, m.span));
            }
        }
    }
    out
}

/// The shadow copy's side (see the module docs): `lent(&mut x)` before
/// each macro that is lent `x`, and the variables lent that are not `mut`
/// made so.
pub fn check_in_shadow(
    body: &Body,
    lent: &[Vec<(VarId, Span)>],
    lets: &mut Vec<syn::Stmt>,
    stmts: &mut Vec<syn::Stmt>,
) {
    let mut at = BTreeMap::new();
    let mut make_mut = BTreeSet::new();
    for (site, vars) in body.lend_sites.iter().zip(lent) {
        if vars.is_empty() {
            continue;
        }
        let names: Vec<syn::Ident> = vars
            .iter()
            .map(|&(v, span)| crate::syntax::ident_from_str(&body.vars[v].name.to_string(), span))
            .collect();
        at.insert(macro_key(&site.mac), names);
        for &(v, _) in vars {
            if !body.vars[v].mutable {
                make_mut.insert(span_key(body.vars[v].name.span()));
            }
        }
    }
    if at.is_empty() {
        return;
    }
    let mut check = InShadow { at, make_mut };
    check.stmts(lets);
    check.stmts(stmts);
}

struct InShadow {
    /// Per macro (`macro_key`): the names it is lent.
    at: BTreeMap<String, Vec<syn::Ident>>,
    /// The declarations to make `mut`.
    make_mut: BTreeSet<String>,
}

impl InShadow {
    /// `{ lent(&mut x); <mac> }`, if `mac` is lent values.
    /// (An expression in parentheses: a statement or a match arm may begin
    /// with it, `m!(x) + 1;`.)
    fn checked(&self, mac: &syn::Macro, statement: bool) -> Option<syn::Expr> {
        let names = self.at.get(&macro_key(mac))?;
        let span = mac.bang_token.span;
        let lent = quote_spanned!(span=> #(::coro::__private::lent(&mut #names);)*);
        Some(if statement {
            syn::parse_quote_spanned!(span=> { #lent #mac; })
        } else {
            syn::parse_quote_spanned!(span=> ({ #lent #mac }))
        })
    }
}

impl InShadow {
    /// A list of statements: a macro statement is checked as a statement
    /// unless it gives the list its value, as `LendSite::statement` says;
    /// a `let` binding by a pattern a variable to make `mut` is followed
    /// by its binding again.
    fn stmts(&mut self, stmts: &mut Vec<syn::Stmt>) {
        let count = stmts.len();
        let mut out = Vec::with_capacity(count);
        for (i, mut stmt) in std::mem::take(stmts).into_iter().enumerate() {
            if let syn::Stmt::Macro(m) = &stmt {
                let statement = i + 1 < count || m.semi_token.is_some();
                if let Some(checked) = self.checked(&m.mac, statement) {
                    out.push(syn::Stmt::Expr(checked, None));
                    continue;
                }
            }
            self.visit_stmt_mut(&mut stmt);
            // (A `let` of the name alone is made `mut`: `visit_local_mut`.)
            let again = match &stmt {
                syn::Stmt::Local(local) if plain_name(&local.pat).is_none() => {
                    self.bound_again(&local.pat)
                }
                _ => Vec::new(),
            };
            out.push(stmt);
            out.extend(again);
        }
        *stmts = out;
    }

    /// `let mut x = x;` for each variable to make `mut` that `pat` binds.
    fn bound_again(&self, pat: &syn::Pat) -> Vec<syn::Stmt> {
        crate::build::bindings(pat)
            .into_iter()
            .filter(|b| b.mutability.is_none() && self.make_mut.contains(&span_key(b.ident.span())))
            .map(|b| {
                let ident = &b.ident;
                syn::parse_quote! {
                    #[allow(unused_mut, clippy::redundant_locals)]
                    let mut #ident = #ident;
                }
            })
            .collect()
    }

    /// `block` with `pat`'s bindings bound again first (see `bound_again`).
    fn bind_again_in(&self, pat: &syn::Pat, block: &mut syn::Block) {
        let again = self.bound_again(pat);
        if !again.is_empty() {
            block.stmts.splice(0..0, again);
        }
    }
}

/// The name a pattern binds by value and alone (`x`, `x: T`).
fn plain_name(pat: &syn::Pat) -> Option<&syn::Ident> {
    match pat {
        syn::Pat::Ident(i) if i.by_ref.is_none() && i.subpat.is_none() => Some(&i.ident),
        syn::Pat::Type(t) => plain_name(&t.pat),
        _ => None,
    }
}

impl InShadow {
    /// A macro's tokens with the calls among them that are lent values
    /// checked (see `calls_in`): in a statement's place (after a `;` or a
    /// block, or first, and before a `;`) as a statement.
    fn tokens(&self, tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
        use proc_macro2::TokenTree;
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = proc_macro2::TokenStream::new();
        let mut i = 0;
        while i < tokens.len() {
            if let Some(mac) = call_at(&tokens, i) {
                // (Beginning a statement, not a `break`'s value.)
                let begins = i == 0
                    || matches!(&tokens[i - 1], TokenTree::Punct(p) if p.as_char() == ';')
                    || matches!(&tokens[i - 1], TokenTree::Group(g)
                        if g.delimiter() == proc_macro2::Delimiter::Brace);
                let ends =
                    matches!(tokens.get(i + 3), Some(TokenTree::Punct(p)) if p.as_char() == ';');
                let statement = begins && ends;
                if let Some(checked) = self.checked(&mac, statement) {
                    out.extend(quote::ToTokens::into_token_stream(checked));
                    i += 3;
                    continue;
                }
            }
            match &tokens[i] {
                TokenTree::Group(g) => {
                    let mut group = proc_macro2::Group::new(g.delimiter(), self.tokens(g.stream()));
                    group.set_span(g.span());
                    out.extend([TokenTree::Group(group)]);
                }
                other => out.extend([other.clone()]),
            }
            i += 1;
        }
        out
    }
}

impl VisitMut for InShadow {
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        self.stmts(&mut block.stmts);
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        mac.tokens = self.tokens(std::mem::take(&mut mac.tokens));
    }

    fn visit_expr_for_loop_mut(&mut self, e: &mut syn::ExprForLoop) {
        syn::visit_mut::visit_expr_for_loop_mut(self, e);
        self.bind_again_in(&e.pat, &mut e.body);
    }

    fn visit_expr_if_mut(&mut self, e: &mut syn::ExprIf) {
        syn::visit_mut::visit_expr_if_mut(self, e);
        for pat in let_patterns(&e.cond) {
            self.bind_again_in(&pat, &mut e.then_branch);
        }
    }

    fn visit_expr_while_mut(&mut self, e: &mut syn::ExprWhile) {
        syn::visit_mut::visit_expr_while_mut(self, e);
        for pat in let_patterns(&e.cond) {
            self.bind_again_in(&pat, &mut e.body);
        }
    }

    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        syn::visit_mut::visit_arm_mut(self, arm);
        let again = self.bound_again(&arm.pat);
        if !again.is_empty() {
            let body = &arm.body;
            *arm.body = syn::parse_quote!({ #(#again)* #body });
        }
    }

    fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
        if let syn::Expr::Macro(m) = e {
            if let Some(checked) = self.checked(&m.mac, false) {
                *e = checked;
                return;
            }
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }

    fn visit_local_mut(&mut self, local: &mut syn::Local) {
        // (The pattern `plain_name` accepts.)
        let mut pat = &mut local.pat;
        if let syn::Pat::Type(t) = pat {
            pat = &mut t.pat;
        }
        if let syn::Pat::Ident(i) = pat
            && i.by_ref.is_none()
            && i.subpat.is_none()
            && i.mutability.is_none()
            && self.make_mut.contains(&span_key(i.ident.span()))
        {
            i.mutability = Some(syn::Token![mut](i.ident.span()));
            local.attrs.push(syn::parse_quote!(#[allow(unused_mut)]));
        }
        syn::visit_mut::visit_local_mut(self, local);
    }
}

/// The patterns of the `let`s of a condition (`if let P = e && let Q = f`).
fn let_patterns(cond: &syn::Expr) -> Vec<syn::Pat> {
    match cond {
        syn::Expr::Let(l) => vec![(*l.pat).clone()],
        syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
            let mut out = let_patterns(&b.left);
            out.extend(let_patterns(&b.right));
            out
        }
        syn::Expr::Paren(p) => let_patterns(&p.expr),
        _ => Vec::new(),
    }
}
