//! The shadow copy's side of lending (see the parent module): the check
//! before each macro lent values, and the variables lent made `mut`.
//!
//! Input:  `let name = String::new(); tick().await; show!(name);`
//! Output: `let mut name = String::new(); tick().await;
//!          { ::coro::__private::lent(&mut name); show!(name); }`

use super::{call_at, macro_key, span_key};
use crate::ir::*;
use proc_macro2::Span;
use quote::quote_spanned;
use std::collections::{BTreeMap, BTreeSet};
use syn::visit_mut::VisitMut;

/// The shadow copy's side (see the module docs): `lent(&mut x)` before
/// each macro that is lent `x`, and the variables lent that are not `mut`
/// made so.
pub fn check(
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

/// The name a pattern binds by value and alone (`x`, `x: T`).
fn plain_name(pat: &syn::Pat) -> Option<&syn::Ident> {
    match pat {
        syn::Pat::Ident(i) if i.by_ref.is_none() && i.subpat.is_none() => Some(&i.ident),
        syn::Pat::Type(t) => plain_name(&t.pat),
        _ => None,
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
            self.bind_again_in(pat, &mut e.then_branch);
        }
    }

    fn visit_expr_while_mut(&mut self, e: &mut syn::ExprWhile) {
        syn::visit_mut::visit_expr_while_mut(self, e);
        for pat in let_patterns(&e.cond) {
            self.bind_again_in(pat, &mut e.body);
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
fn let_patterns(cond: &syn::Expr) -> impl Iterator<Item = &syn::Pat> {
    crate::build::conjuncts(cond)
        .into_iter()
        .filter_map(|c| match c {
            syn::Expr::Let(l) => Some(&*l.pat),
            _ => None,
        })
}
