//! std's `addr_of!` and `addr_of_mut!`, written as the raw borrows they
//! expand to.
//!
//! A raw pointer to a local held across an await keeps that local in the
//! frame: the lowering sees `&raw mut x` as a borrow of `x`. Inside the
//! macro it saw only tokens, so `x`, not named after the await, got no home
//! of its own, and the pointer dangled. In the lowered copy only, the two
//! macros are written as what they are (the shadow copy keeps the user's):
//!
//! ```text
//! Input:  let p = std::ptr::addr_of_mut!(x);
//! Output: let p = &raw mut x;
//! ```

use syn::{Expr, Stmt, parse_quote_spanned};

/// The statements with each `addr_of!` and `addr_of_mut!` written out.
pub fn rewrite(stmts: &mut [Stmt]) {
    crate::syntax::rewrite_exprs(stmts, |e| {
        if let Expr::Macro(m) = e {
            if let Some(out) = written_out(&m.mac) {
                *e = out;
            }
        }
    });
}

/// `addr_of!(place)` as `&raw const place`, `addr_of_mut!(place)` as `&raw
/// mut place`: std's, by its own path or a bare name.
fn written_out(mac: &syn::Macro) -> Option<Expr> {
    let names = crate::syntax::segment_names(&mac.path);
    let (last, prefix) = names.split_last()?;
    if !prefix.is_empty() && !matches!(prefix, [_, p] | [p] if p == "ptr") {
        return None;
    }
    let place: Expr = mac.parse_body().ok()?;
    let span = mac.path.segments.last()?.ident.span();
    match last.as_str() {
        "addr_of" => Some(parse_quote_spanned!(span=> &raw const #place)),
        "addr_of_mut" => Some(parse_quote_spanned!(span=> &raw mut #place)),
        _ => None,
    }
}
