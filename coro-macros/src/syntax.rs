//! Syntax nodes of generated code, built directly instead of printing tokens
//! and parsing them back.
//!
//! In a proc macro every token crosses the bridge to the compiler, and syn's
//! parser compares identifiers by their text. Parsing the lowering's own
//! output again (`syn::parse2(quote!(..))` around the user's rewritten
//! expressions) was about 40% of the expansion's instructions
//! (`BENCHMARKS.md`, compile time). The nodes built here print exactly the
//! tokens the parse gave back: the same node kinds, so syn's printer makes
//! the same choices around them, with generated parts that nothing inspects
//! kept as tokens.
//!
//! ```text
//! Input:  quote_spanned!(span=> { let __coro_ret = v; return Poll::Ready(__coro_ret); })
//! Output: Expr::Block { brace at span, one statement holding those tokens }
//! ```

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote_spanned};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident};

/// The syntax context of a span (its hygiene), as the compiler's `Debug`
/// of a span shows it (`#3 bytes(10..13)`); `None` where it shows none
/// (outside the compiler, in the macro's own tests). Two identifiers of
/// one name and one context name the same binding.
pub fn hygiene_context(span: Span) -> Option<u32> {
    let debug = format!("{span:?}");
    debug.strip_prefix('#')?.split(' ').next()?.parse().ok()
}

/// The expression `ident`.
pub fn path(ident: Ident) -> Expr {
    Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: syn::Path::from(ident),
    })
}

/// Whether some identifier in `tokens` (in groups too: a macro's
/// arguments, say) satisfies `pred`.
pub fn any_ident(tokens: TokenStream, pred: &dyn Fn(&Ident) -> bool) -> bool {
    tokens.into_iter().any(|t| match t {
        proc_macro2::TokenTree::Ident(i) => pred(&i),
        proc_macro2::TokenTree::Group(g) => any_ident(g.stream(), pred),
        _ => false,
    })
}

/// The identifier `name` (as `Ident`'s `to_string` printed it, so maybe
/// raw: `r#type`) at `span`.
pub fn ident_from_str(name: &str, span: Span) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, span),
        None => Ident::new(name, span),
    }
}

/// The block `{ stmts }`, its braces at `span`. The statements stay tokens:
/// nothing reads a generated block again, and its kind is what syn's
/// printer looks at around it.
pub fn block(span: Span, stmts: TokenStream) -> Expr {
    block_of(span, vec![syn::Stmt::Expr(Expr::Verbatim(stmts), None)])
}

// Input:  `tokio::pin!(fut);` (`fut` at line 3)
// Output: `let mut fut = unsafe { Pin::new_unchecked(&mut fut) };`, its
//         `unsafe { .. }` at line 3 but from the expansion
/// `unsafe { value }`, where the lowering writes the `unsafe` that a macro
/// of rustc's or a crate's hides (`pin!`, `tokio::pin!`): spanned at `at`
/// (the user's tokens it stands for) as a token of the expansion, which
/// `unsafe_code` does not report, as it does not report the macro's own.
/// A crate that forbids `unsafe` code may pin.
pub fn expanded_unsafe(at: Span, value: TokenStream) -> Expr {
    let span = Span::call_site().located_at(at);
    syn::parse_quote_spanned!(span=> unsafe { #value })
}

/// The block `{ stmts }` of statements already parsed.
pub fn block_of(span: Span, stmts: Vec<syn::Stmt>) -> Expr {
    Expr::Block(syn::ExprBlock {
        attrs: Vec::new(),
        label: None,
        block: syn::Block {
            brace_token: syn::token::Brace(span),
            stmts,
        },
    })
}

/// The call `func(args)`, its parentheses at `span`.
pub fn call(func: Expr, args: impl IntoIterator<Item = Expr>, span: Span) -> Expr {
    Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(func),
        paren_token: syn::token::Paren(span),
        args: args
            .into_iter()
            .collect::<Punctuated<Expr, syn::Token![,]>>(),
    })
}

/// The expression `::coro::__private::name`, every token at `span`.
pub fn private(name: &str, span: Span) -> Expr {
    let mut segments = Punctuated::new();
    for (i, name) in ["coro", "__private", name].into_iter().enumerate() {
        if i > 0 {
            segments.push_punct(syn::Token![::](span));
        }
        segments.push_value(syn::PathSegment::from(Ident::new(name, span)));
    }
    Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: syn::Path {
            leading_colon: Some(syn::Token![::](span)),
            segments,
        },
    })
}

/// `match scrutinee { Poll::Ready(output) => output, Poll::Pending => return
/// Poll::Pending, }`, every generated token at `span`: the poll of an
/// awaitee whose output is the value of the `.await`.
pub fn poll_match(scrutinee: TokenStream, output: &Ident, span: Span) -> Expr {
    let arm = |pat: TokenStream, body: TokenStream| syn::Arm {
        attrs: Vec::new(),
        pat: syn::Pat::Verbatim(pat),
        fat_arrow_token: syn::Token![=>](span),
        body: Box::new(Expr::Verbatim(body)),
        comma: Some(syn::Token![,](span)),
    };
    Expr::Match(syn::ExprMatch {
        attrs: Vec::new(),
        match_token: syn::Token![match](span),
        expr: Box::new(Expr::Verbatim(scrutinee)),
        brace_token: syn::token::Brace(span),
        arms: vec![
            arm(
                quote_spanned!(span=> ::core::task::Poll::Ready(#output)),
                output.to_token_stream(),
            ),
            arm(
                quote_spanned!(span=> ::core::task::Poll::Pending),
                quote_spanned!(span=> return ::core::task::Poll::Pending),
            ),
        ],
    })
}

/// The names of a path's segments: `["anyhow", "bail"]` for `anyhow::bail`.
pub fn path_names(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// Whether `e` is a path ending in `names` (`Box::pin`,
/// `std::boxed::Box::pin` for `["Box", "pin"]`).
pub fn path_ends_with(e: &Expr, names: &[&str]) -> bool {
    matches!(e, Expr::Path(p) if p.qself.is_none()
        && p.path.segments.len() >= names.len()
        && p.path.segments.iter().rev().zip(names.iter().rev()).all(|(s, n)| s.ident == n))
}

/// `e` without the parentheses (and invisible groups) around it: `(x)` is
/// the place `x`.
pub fn unparenthesised(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => unparenthesised(&p.expr),
        Expr::Group(g) => unparenthesised(&g.expr),
        _ => e,
    }
}

/// The pattern inside any parentheses.
pub fn unparenthesised_pat(p: &syn::Pat) -> &syn::Pat {
    match p {
        syn::Pat::Paren(inner) => unparenthesised_pat(&inner.pat),
        other => other,
    }
}

/// As [`unparenthesised`], for rewriting the expression inside.
pub fn unparenthesised_mut(e: &mut Expr) -> &mut Expr {
    match e {
        Expr::Paren(p) => unparenthesised_mut(&mut p.expr),
        Expr::Group(g) => unparenthesised_mut(&mut g.expr),
        _ => e,
    }
}

/// Rewrites each expression of a body's statements with `f`, its parts
/// first, not entering an item nested in the body (not the coroutine's
/// code): the frame of the passes over the lowered copy.
pub fn rewrite_exprs(stmts: &mut [syn::Stmt], f: impl FnMut(&mut Expr)) {
    use syn::visit_mut::{self, VisitMut};
    struct Each<F>(F);
    impl<F: FnMut(&mut Expr)> VisitMut for Each<F> {
        fn visit_expr_mut(&mut self, e: &mut Expr) {
            visit_mut::visit_expr_mut(self, e);
            (self.0)(e);
        }
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }
    let mut each = Each(f);
    stmts.iter_mut().for_each(|s| each.visit_stmt_mut(s));
}

/// The names of a path's segments, in order (`std::ptr::addr_of` is
/// `["std", "ptr", "addr_of"]`).
pub fn segment_names(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// `base.a.b`: the expression under the field accesses of `e`, and their
/// members in order (none if `e` is not a field access).
pub fn field_chain(e: &Expr) -> (&Expr, Vec<&syn::Member>) {
    let mut members = Vec::new();
    let mut base = e;
    // (`(o.inner).b` is the place `o.inner.b`, as rustc reads it.)
    while let Expr::Field(f) = unparenthesised(base) {
        members.push(&f.member);
        base = &f.base;
    }
    base = unparenthesised(base);
    members.reverse();
    (base, members)
}

/// `+`, `-`, `*`, `/`, `%`, `^`, `&`, `|`, `<<`, `>>`: not a lazy operator,
/// a comparison or an assignment.
pub fn is_arithmetic(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(
        op,
        Add(_)
            | Sub(_)
            | Mul(_)
            | Div(_)
            | Rem(_)
            | BitXor(_)
            | BitAnd(_)
            | BitOr(_)
            | Shl(_)
            | Shr(_)
    )
}

/// `+=`, `-=` and the other assignments with an operator.
pub fn is_compound_assignment(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(
        op,
        AddAssign(_)
            | SubAssign(_)
            | MulAssign(_)
            | DivAssign(_)
            | RemAssign(_)
            | BitXorAssign(_)
            | BitAndAssign(_)
            | BitOrAssign(_)
            | ShlAssign(_)
            | ShrAssign(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// Each node prints the tokens that parsing its source gives back.
    fn same(built: Expr, source: TokenStream) {
        let parsed: Expr = syn::parse2(source).expect("the source parses");
        assert_eq!(
            built.to_token_stream().to_string(),
            parsed.to_token_stream().to_string()
        );
        assert_eq!(
            std::mem::discriminant(&built),
            std::mem::discriminant(&parsed)
        );
    }

    #[test]
    fn nodes_print_as_their_source_parses() {
        let s = Span::call_site();
        let x = Ident::new("x", s);
        same(path(x.clone()), quote!(x));
        same(
            block(s, quote!(let a = 1; a)),
            quote!({
                let a = 1;
                a
            }),
        );
        same(
            call(path(x.clone()), [path(x.clone()), path(x.clone())], s),
            quote!(x(x, x)),
        );
        same(call(path(x.clone()), [], s), quote!(x()));
        same(
            private("into_future", s),
            quote!(::coro::__private::into_future),
        );
        same(
            poll_match(quote!(f.poll(cx)), &x, s),
            quote!(match f.poll(cx) {
                ::core::task::Poll::Ready(x) => x,
                ::core::task::Poll::Pending => return ::core::task::Poll::Pending,
            }),
        );
    }

    /// Around a built node, syn's printer decides as around the parsed one:
    /// a block or `match` leading a statement-like operand is parenthesised.
    #[test]
    fn printer_treats_built_nodes_as_parsed_ones() {
        let s = Span::call_site();
        let x = Ident::new("x", s);
        let receiver = |e: Expr| -> String {
            let call = Expr::MethodCall(syn::ExprMethodCall {
                attrs: Vec::new(),
                receiver: Box::new(e),
                dot_token: Default::default(),
                method: Ident::new("m", s),
                turbofish: None,
                paren_token: Default::default(),
                args: Punctuated::new(),
            });
            let stmt = syn::Stmt::Expr(call, Some(Default::default()));
            stmt.to_token_stream().to_string()
        };
        let parsed: Expr = syn::parse2(quote!(match f.poll(cx) {
            ::core::task::Poll::Ready(x) => x,
            ::core::task::Poll::Pending => return ::core::task::Poll::Pending,
        }))
        .expect("parses");
        assert_eq!(
            receiver(poll_match(quote!(f.poll(cx)), &x, s)),
            receiver(parsed)
        );
        let parsed: Expr = syn::parse2(quote!({ a })).expect("parses");
        assert_eq!(receiver(block(s, quote!(a))), receiver(parsed));
    }
}
