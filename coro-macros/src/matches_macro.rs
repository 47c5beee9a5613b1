//! `matches!` whose guard awaits, written as the `match` it expands to.
//!
//! A macro whose arguments await runs inside an `async` block of the
//! lowering's own, which cannot see the pattern's bindings that its guard
//! names. Written out (in the lowered copy only), the guard is a `match`
//! guard that awaits, which the lowering knows (see `awaiting_guard`):
//!
//! ```text
//! Input:  matches!(o, Some(x) if even(*x).await)
//! Output: match o { Some(x) if even(*x).await => true, _ => false }
//! ```

use syn::parse::{ParseStream, Parser};
use syn::{Expr, Pat, Stmt, Token, parse_quote_spanned};

/// The statements with each such `matches!` written out.
pub fn rewrite(stmts: &mut [Stmt]) {
    crate::syntax::rewrite_exprs(stmts, |e| {
        if let Expr::Macro(m) = e {
            if let Some(out) = written_out(&m.mac) {
                *e = out;
            }
        }
    });
}

/// `matches!(value, pattern if guard)` with an `.await` in the guard.
fn written_out(mac: &syn::Macro) -> Option<Expr> {
    let name = mac.path.segments.last()?;
    if name.ident != "matches" {
        return None;
    }
    let span = name.ident.span();
    let parse = |input: ParseStream| {
        let value: Expr = input.parse()?;
        input.parse::<Token![,]>()?;
        let pat = Pat::parse_multi_with_leading_vert(input)?;
        let guard = if input.peek(Token![if]) {
            input.parse::<Token![if]>()?;
            Some(input.parse::<Expr>()?)
        } else {
            None
        };
        let _: Option<Token![,]> = input.parse()?;
        Ok((value, pat, guard))
    };
    let (value, pat, guard) = parse.parse2(mac.tokens.clone()).ok()?;
    let guard = guard.filter(crate::build::has_await)?;
    Some(parse_quote_spanned!(span=> match #value { #pat if #guard => true, _ => false }))
}
