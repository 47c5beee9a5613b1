//! Destructuring assignments, desugared as rustc desugars them.
//!
//! `(a, b) = (b, a + b)` assigns two places at once. The lowering rewrites
//! each mention of a frame value into an access to its slot, and an access
//! to a slot is an expression, which cannot stand in a pattern (E0070). So,
//! in the lowered copy only, a destructuring assignment becomes what rustc
//! makes of it: a `let` of fresh bindings, then one plain assignment per
//! place, in order (the right side is evaluated first, then the places).
//!
//! ```text
//! Input:  (a, [b, _], S { x: c, .. }) = value;
//! Output: { let (__coro_d0, [__coro_d1, _], S { x: __coro_d2, .. }) = value;
//!           a = __coro_d0; b = __coro_d1; c = __coro_d2; }
//! ```

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Expr, Stmt};

/// The statements with each destructuring assignment desugared.
pub fn rewrite(stmts: &mut [Stmt]) {
    crate::syntax::rewrite_exprs(stmts, |e| {
        if let Expr::Assign(a) = e {
            if destructures(&a.left) {
                *e = desugared(&a.left, &a.right, a.span());
            }
        }
    });
}

/// Whether an assignment's left side is a pattern of places rather than
/// one place.
fn destructures(left: &Expr) -> bool {
    match left {
        Expr::Tuple(_) | Expr::Array(_) => true,
        Expr::Struct(s) => s.qself.is_none() && s.rest.is_none(),
        Expr::Call(c) => matches!(&*c.func, Expr::Path(_)),
        Expr::Paren(p) => destructures(&p.expr),
        _ => false,
    }
}

/// `{ let <pattern> = right; <place> = <binding>; .. }`.
fn desugared(left: &Expr, right: &Expr, span: Span) -> Expr {
    let mut places = Vec::new();
    let pat = pattern(left, &mut places);
    let assignments = places.iter().enumerate().map(|(i, place)| {
        let binding = binding(i, place.span());
        quote_spanned!(place.span()=> #place = #binding;)
    });
    syn::parse2(quote_spanned! {span=> { let #pat = #right; #(#assignments)* } }).expect("a block")
}

fn binding(i: usize, span: Span) -> syn::Ident {
    format_ident!("__coro_d{}", i, span = span)
}

/// The pattern that `left` stands for, with a fresh binding for each place
/// in it (pushed onto `places`).
fn pattern(left: &Expr, places: &mut Vec<Expr>) -> TokenStream {
    let span = left.span();
    match left {
        Expr::Tuple(t) => {
            let elems = t.elems.iter().map(|e| pattern(e, places));
            quote_spanned!(span=> (#(#elems,)*))
        }
        Expr::Array(a) => {
            let elems = a.elems.iter().map(|e| pattern(e, places));
            quote_spanned!(span=> [#(#elems),*])
        }
        Expr::Call(c) if matches!(&*c.func, Expr::Path(_)) => {
            let path = &c.func;
            let elems = c.args.iter().map(|e| pattern(e, places));
            quote_spanned!(span=> #path(#(#elems),*))
        }
        Expr::Struct(s) => {
            let path = &s.path;
            let fields = s.fields.iter().map(|f| {
                let member = &f.member;
                let pat = pattern(&f.expr, places);
                quote_spanned!(f.span()=> #member: #pat)
            });
            let rest = s.dot2_token.map(|dots| quote!(#dots));
            quote_spanned!(span=> #path { #(#fields,)* #rest })
        }
        Expr::Paren(p) => pattern(&p.expr, places),
        // `_` assigns nothing; `..` leaves the rest.
        Expr::Infer(i) => quote_spanned!(i.span()=> _),
        Expr::Range(r) if r.start.is_none() && r.end.is_none() => quote_spanned!(span=> ..),
        place => {
            let binding = binding(places.len(), place.span());
            places.push(place.clone());
            quote!(#binding)
        }
    }
}
