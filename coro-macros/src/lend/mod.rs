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

mod shadow;

pub use shadow::check as check_in_shadow;

use crate::ir::*;
use proc_macro2::Span;
use quote::{format_ident, quote_spanned};
use std::collections::BTreeSet;

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
    parse_placeholder(ident, PLACEHOLDER)
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

/// Why a frame var is not lent to a macro, as the words "lent to the
/// macro, but not .." end, and what to write instead, if binding what the
/// macro needs to a local first would not do.
pub struct NotLent {
    pub why: &'static str,
    pub instead: Option<&'static str>,
}

impl NotLent {
    const fn because(why: &'static str) -> Self {
        NotLent { why, instead: None }
    }
}

// Input:  `for i in 0..n { defer! { log(i) }; work(i).await; }`
/// Whether a statement macro declares a binding that lives to the end of
/// its block, as scopeguard's `defer!` does (`let _guard = guard(..)`):
/// lending wraps the macro in a block of its own, which would drop the
/// guard there, at once, instead of at the end of the loop body. (Without
/// a frame value named, such a macro and the statements after it run as
/// rustc's `async` block, see `Builder::native_rest_after_macro`.) A
/// macro of one's own that declares a `let` cannot be told from one that
/// does not.
fn declares_a_guard(mac: &syn::Macro) -> bool {
    mac.path.segments.last().is_some_and(|s| s.ident == "defer")
}

/// Why a frame var may not be lent to the macro of lend site `site` (see
/// the module docs; the caller checks that no part of it is moved out);
/// `None` if it may. The macro must stand in the shadow copy as written,
/// for the check there. (The user's code names only its arguments and
/// bindings.)
pub fn why_not_lent(body: &Body, var: VarId, site: Option<usize>) -> Option<NotLent> {
    let Some(site) = site else {
        // (Or the lowering's own: a statement that awaits after such a
        // macro runs as rustc's `async` block.)
        return Some(NotLent::because(
            "inside a closure or an `async` block, nor in a statement that awaits after the \
             macro",
        ));
    };
    let lend_site = &body.lend_sites[site];
    if body.vars[var].name == "self" {
        Some(NotLent::because("`self`"))
    } else if lend_site.statement && declares_a_guard(&lend_site.mac) {
        Some(NotLent {
            why: "to `defer!`, whose guard lives to the end of its block: lent, the value \
                  would be moved back, and the guard dropped, at the macro",
            instead: Some(
                "Write the guard as a `let` the lowering sees: `let _guard = \
                 scopeguard::guard((), |_| ..);`",
            ),
        })
    } else if lend_site.place {
        Some(NotLent::because(
            "to a macro whose value is used as a place it could change (a method's receiver, \
             `&mut m!(..)`, an assignment's left side, a scrutinee)",
        ))
    } else if !body.shadow_macros.contains(&macro_key(&lend_site.mac)) {
        Some(NotLent::because("to a macro the lowering rewrites"))
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
    let mut pat = pat.clone();
    crate::partial::edit_bindings(&mut pat, &mut |i| {
        i.by_ref = None;
        i.mutability = None;
    });
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
