//! anyhow's `bail!` and `ensure!` with an `.await` in their arguments, and
//! `ready!`, written as the `return` they expand to.
//!
//! A macro whose arguments await runs inside an `async` block of the
//! lowering's own (its arguments cannot be lowered inside its expansion),
//! where the expansion's `return` would return from that block. So, in the
//! lowered copy only, these two are written out as what they do, which the
//! lowering then lowers like any `return`:
//!
//! ```text
//! Input:  bail!("lost {}", id(k).await);
//! Output: return ::core::result::Result::Err(::anyhow::anyhow!("lost {}", id(k).await));
//! Input:  ensure!(check(k).await, "bad {}", k);
//! Output: if !(check(k).await) { return ::core::result::Result::Err(::anyhow::anyhow!("bad {}", k)); }
//! ```
//!
//! A `select!`'s handler is kept inside the macro, and its `return` is
//! rewritten into the wrapping block's (see `select::wrap_handler`), which a
//! `return` inside another macro's expansion escapes. So these two are
//! written out in handlers too, with or without an `.await`.
//!
//! `ensure!` without a message gets anyhow's own, which shows the
//! condition's source as rustc prints it (`expr_text`):
//!
//! ```text
//! Input:  ensure!(check(k).await);
//! Output: if !(check(k).await) { return ::core::result::Result::Err(::anyhow::Error::msg("Condition failed: `check(k).await`")); }
//! ```
//!
//! A comparison (`a == f().await`) is written out as anyhow's own
//! expansion has it: a `match` on references to both operands, whose
//! message anyhow follows with both operands' `Debug` (`(1 vs 2)`; see
//! `comparison_failed`). Not one whose condition (or an operand)
//! `expr_text` cannot print.
//!
//! std's and futures' `ready!` likewise, always: in a coroutine whose
//! output is a `Poll` its `return` is the function's, which the lowering
//! must see (the poll's own `return Poll::Pending` would suspend it
//! instead); in a closure (`poll_fn(|cx| { ready!(f.as_mut().poll(cx)); .. })`)
//! its operand may name values held across an await, which the lowering
//! must see too.
//!
//! ```text
//! Input:  ready!(fut.as_mut().poll(cx))
//! Output: match fut.as_mut().poll(cx) { Poll::Ready(t) => t, Poll::Pending => return Poll::Pending }
//! ```

use proc_macro2::TokenStream;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Stmt, Token, parse_quote_spanned};

/// The statements with each such `bail!`, `ensure!` and `ready!` written out.
pub fn rewrite(stmts: &mut [Stmt]) {
    let mut rewrite = Rewrite { always: false };
    stmts.iter_mut().for_each(|s| rewrite.visit_stmt_mut(s));
}

/// A `select!` handler with each `bail!` and `ensure!` written out, whether
/// or not it awaits.
pub fn rewrite_handler(handler: &mut Expr) {
    Rewrite { always: true }.visit_expr_mut(handler);
}

struct Rewrite {
    /// Also those without an `.await` in them.
    always: bool,
}

impl VisitMut for Rewrite {
    fn visit_stmt_mut(&mut self, s: &mut Stmt) {
        if let Stmt::Macro(m) = s {
            if let Some(e) = written_out(&m.mac, self.always) {
                *s = Stmt::Expr(e, Some(Default::default()));
                return;
            }
        }
        visit_mut::visit_stmt_mut(self, s);
    }

    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if let Expr::Macro(m) = e {
            if let Some(out) = written_out(&m.mac, self.always) {
                *e = out;
                return;
            }
        }
        visit_mut::visit_expr_mut(self, e);
    }

    // An item nested in the body is not the coroutine's.
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// `bail!(..)` or `ensure!(cond, ..)` of anyhow with an `.await` in it (or
/// any, `always`), as an expression.
fn written_out(mac: &syn::Macro, always: bool) -> Option<Expr> {
    let segments = crate::syntax::path_names(&mac.path);
    let (name, prefix) = segments.split_last()?;
    let span = mac.path.segments.last()?.ident.span();
    if name == "ready" {
        return ready_written_out(mac, &segments, span);
    }
    if !(prefix.is_empty() || prefix == ["anyhow"]) || !(always || awaits(&mac.tokens)) {
        return None;
    }
    let error = |args: TokenStream| -> Expr {
        parse_quote_spanned!(span=> ::core::result::Result::Err(::anyhow::anyhow!(#args)))
    };
    match name.as_str() {
        "bail" => {
            let err = error(mac.tokens.clone());
            Some(parse_quote_spanned!(span=> return #err))
        }
        "ensure" => {
            let args = Punctuated::<Expr, Token![,]>::parse_terminated
                .parse2(mac.tokens.clone())
                .ok()?;
            let mut args = args.into_iter();
            let cond = args.next()?;
            let message: Vec<Expr> = args.collect();
            if message.is_empty() {
                if let Some(compared) = comparison_failed(&cond, span, &mac.tokens) {
                    return compared;
                }
            }
            let err = if message.is_empty() {
                condition_failed(&cond, span)?
            } else {
                error(quote::quote!(#(#message),*))
            };
            Some(parse_quote_spanned!(span=> if !(#cond) { return #err; }))
        }
        _ => None,
    }
}

/// The error of anyhow's `ensure!(cond)` without a message: its
/// `"Condition failed: `cond`"`, the condition printed as rustc's
/// `stringify!` of an expression does. Not for a comparison anyhow's
/// parser splits (`comparison_failed`).
fn condition_failed(cond: &Expr, span: proc_macro2::Span) -> Option<Expr> {
    if comparison(cond).is_some() {
        return None;
    }
    let text = crate::expr_text::of(cond)?;
    let message = syn::LitStr::new(&format!("Condition failed: `{text}`"), span);
    Some(parse_quote_spanned!(span=>
        ::core::result::Result::Err(::anyhow::Error::msg(#message))))
}

/// The most steps anyhow's `ensure!` parser takes before it gives up on
/// splitting a comparison (its "fuel", 120), halved: a step takes one of
/// the condition's tokens at most, or none (leaving a path), and a
/// `proc_macro2` token is at most one of rustc's (`::`, `<=` are two here).
const ANYHOW_STEPS: usize = 60;

/// anyhow's `ensure!(lhs op rhs)` without a message, for a comparison its
/// parser splits: it compares references to both operands (`lhs` first)
/// and follows the condition with both `Debug`s (`(9 vs 7)`) where both
/// operands are `Debug` (chosen by autoref, which `__dispatch_ensure`
/// does as anyhow's own expansion calls it: the same choice in the same
/// generic context) and each prints short and without spaces.
///
/// ```text
/// Input:  ensure!(n < limit().await);
/// Output: match (&n, &limit().await) {
///             (lhs, rhs) => if !(lhs < rhs) {
///                 return Err({ use ::anyhow::__private::{BothDebug, NotBothDebug};
///                     (lhs, rhs).__dispatch_ensure("Condition failed: `n < limit().await`") });
///             }
///         }
/// ```
///
/// `None` (the caller keeps to `condition_failed`) for anything else;
/// `Some(None)` (left as it is: an error) for a comparison whose message
/// cannot be made here: an operand `expr_text` cannot print, or that
/// anyhow's parser does not split (a closure, a range, too many tokens),
/// whose message would be the condition alone.
fn comparison_failed(
    cond: &Expr,
    span: proc_macro2::Span,
    tokens: &TokenStream,
) -> Option<Option<Expr>> {
    let b = comparison(cond)?;
    let splits = tokens.clone().into_iter().count() <= ANYHOW_STEPS
        && anyhow_splits(&b.left)
        && anyhow_splits(&b.right);
    let texts = (
        crate::expr_text::of(&b.left),
        crate::expr_text::of(&b.right),
    );
    let (true, (Some(left), Some(right))) = (splits, texts) else {
        return Some(None);
    };
    let op = &b.op;
    let op_text = quote::ToTokens::to_token_stream(op)
        .to_string()
        .replace(' ', "");
    let message = syn::LitStr::new(
        &format!("Condition failed: `{left} {op_text} {right}`"),
        span,
    );
    // In parentheses: `&(n + 1)`, not `&n + 1`.
    let (lhs, rhs) = (&b.left, &b.right);
    let (lhs, rhs) = (quote::quote!((#lhs)), quote::quote!((#rhs)));
    let l = proc_macro2::Ident::new("__coro_lhs", proc_macro2::Span::mixed_site());
    let r = proc_macro2::Ident::new("__coro_rhs", proc_macro2::Span::mixed_site());
    Some(Some(parse_quote_spanned!(span=> match (&#lhs, &#rhs) {
        (#l, #r) => if !(#l #op #r) {
            return ::core::result::Result::Err({
                #[allow(unused_imports)]
                use ::anyhow::__private::{BothDebug as _, NotBothDebug as _};
                (#l, #r).__dispatch_ensure(#message)
            });
        },
    })))
}

/// A comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`) at the condition's top.
fn comparison(cond: &Expr) -> Option<&syn::ExprBinary> {
    use syn::BinOp::*;
    match cond {
        Expr::Binary(b) if matches!(b.op, Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_)) => Some(b),
        _ => None,
    }
}

/// Whether anyhow's parser reads this operand of a comparison through:
/// it gives up on a closure or a range outside brackets (what is inside
/// `(..)`, `[..]` and `{..}` it skips).
fn anyhow_splits(e: &Expr) -> bool {
    match e {
        Expr::Closure(_) | Expr::Range(_) => false,
        Expr::Binary(b) => anyhow_splits(&b.left) && anyhow_splits(&b.right),
        Expr::Unary(u) => anyhow_splits(&u.expr),
        Expr::Reference(r) => anyhow_splits(&r.expr),
        Expr::Cast(c) => anyhow_splits(&c.expr),
        Expr::MethodCall(m) => anyhow_splits(&m.receiver),
        Expr::Field(f) => anyhow_splits(&f.base),
        Expr::Index(i) => anyhow_splits(&i.expr),
        Expr::Call(c) => anyhow_splits(&c.func),
        Expr::Await(a) => anyhow_splits(&a.base),
        Expr::Try(t) => anyhow_splits(&t.expr),
        _ => true,
    }
}

/// `ready!(e)` (std's `task::ready`, futures' `ready`) as the `match` it
/// expands to.
fn ready_written_out(
    mac: &syn::Macro,
    segments: &[String],
    span: proc_macro2::Span,
) -> Option<Expr> {
    let known = matches!(
        segments
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice(),
        ["ready"] | ["task", "ready"] | ["std" | "core", "task", "ready"] | ["futures", "ready"]
    );
    if !known {
        return None;
    }
    let operand: Expr = syn::parse2(mac.tokens.clone()).ok()?;
    let value = proc_macro2::Ident::new("__coro_ready", proc_macro2::Span::mixed_site());
    Some(parse_quote_spanned!(span=> match #operand {
        ::core::task::Poll::Ready(#value) => #value,
        ::core::task::Poll::Pending => return ::core::task::Poll::Pending,
    }))
}

fn awaits(tokens: &TokenStream) -> bool {
    crate::syntax::any_ident(tokens.clone(), &|i| i == "await")
}
