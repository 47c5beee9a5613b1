//! `select!`, `join!`, `try_join!`, `poll!`, `pending!`: macros that
//! suspend inside their own expansion.
//!
//! The lowering keeps the macro itself — so the polling order, `biased;`,
//! preconditions, fusing and the drop order of the branches are exactly the
//! library's — and awaits it inside an `async` block of its own:
//!
//! Input:
//! ```text
//! let n = tokio::select! {
//!     v = rx.recv() => v?,
//!     _ = shutdown.changed() => return Ok(total),
//! };
//! ```
//! Output (then lowered like any other code):
//! ```text
//! let n = match #[coro_inline] async {
//!     tokio::select! {
//!         v = rx.recv() => Flow::Value(match branch(v) { .., Break(r) => return Flow::Return(convert(r)) }),
//!         _ = shutdown.changed() => return Flow::Return(Ok(total)),
//!     }
//! }.await {
//!     Flow::Value(v) => v,
//!     Flow::Return(r) => return r,
//!     Flow::Jump(_) => unreachable!(),
//! };
//! ```
//! A handler's `return`, `?`, `break` and `continue` leave the `async` block
//! as a `Flow`, and the coroutine's own code performs them. The block is
//! marked `#[coro_inline]`: it runs exactly once, in place, so the code walker
//! treats the variables it uses as used right here.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;
use syn::{Expr, Ident, Pat, Token, Type};

/// The attribute marking the `async` block the lowering wraps a suspending
/// macro in (removed again when the code is lowered).
pub const INLINE_ATTR: &str = "coro_inline";

/// The attribute holding what an inline block stands for (see
/// [`inline_async`]); removed with [`INLINE_ATTR`] by the lowering.
pub const SOURCE_ATTR: &str = "coro_source";

/// A parsed `select!` (tokio's or futures').
pub struct Select {
    pub biased: Option<TokenStream>,
    pub branches: Vec<Branch>,
}

#[allow(clippy::large_enum_variant)] // a few per macro, parsed once
pub enum Branch {
    /// `pat = future [, if precondition] => handler`
    Future {
        pat: Pat,
        future: Expr,
        precondition: Option<Expr>,
        handler: Expr,
    },
    /// `else => handler` (tokio), `complete => ..`, `default => ..` (futures).
    Fallback { keyword: TokenStream, handler: Expr },
}

impl Parse for Select {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let biased = if input.peek(Ident)
            && input.fork().parse::<Ident>()? == "biased"
            && input.peek2(Token![;])
        {
            let ident: Ident = input.parse()?;
            let semi: Token![;] = input.parse()?;
            Some(quote!(#ident #semi))
        } else {
            None
        };
        let mut branches = Vec::new();
        while !input.is_empty() {
            let fallback = if input.peek(Token![else]) {
                let t: Token![else] = input.parse()?;
                Some(t.into_token_stream())
            } else if input.peek(Ident) && input.peek2(Token![=>]) {
                let ident: Ident = input.fork().parse()?;
                if ident == "complete" || ident == "default" {
                    let ident: Ident = input.parse()?;
                    Some(ident.into_token_stream())
                } else {
                    None
                }
            } else {
                None
            };
            let branch = match fallback {
                Some(keyword) => {
                    input.parse::<Token![=>]>()?;
                    Branch::Fallback {
                        keyword,
                        handler: parse_handler(input)?,
                    }
                }
                None => {
                    let pat = Pat::parse_multi_with_leading_vert(input)?;
                    input.parse::<Token![=]>()?;
                    let future: Expr = input.parse()?;
                    let precondition = if input.peek(Token![,]) && input.peek2(Token![if]) {
                        input.parse::<Token![,]>()?;
                        input.parse::<Token![if]>()?;
                        Some(input.parse()?)
                    } else {
                        None
                    };
                    input.parse::<Token![=>]>()?;
                    Branch::Future {
                        pat,
                        future,
                        precondition,
                        handler: parse_handler(input)?,
                    }
                }
            };
            branches.push(branch);
        }
        Ok(Select { biased, branches })
    }
}

impl Select {
    /// The expressions of the branches, in the order written: each
    /// future, its precondition, its handler.
    pub fn exprs(&self) -> impl Iterator<Item = &Expr> {
        self.branches
            .iter()
            .flat_map(|branch| match branch {
                Branch::Future {
                    future,
                    precondition,
                    handler,
                    ..
                } => [Some(future), precondition.as_ref(), Some(handler)],
                Branch::Fallback { handler, .. } => [None, None, Some(handler)],
            })
            .flatten()
    }

    /// As [`Select::exprs`], to rewrite them.
    pub fn exprs_mut(&mut self) -> impl Iterator<Item = &mut Expr> {
        self.branches
            .iter_mut()
            .flat_map(|branch| match branch {
                Branch::Future {
                    future,
                    precondition,
                    handler,
                    ..
                } => [Some(future), precondition.as_mut(), Some(handler)],
                Branch::Fallback { handler, .. } => [None, None, Some(handler)],
            })
            .flatten()
    }
}

/// `mac` parsed as a `select!` (tokio's, futures' or `select_biased!`), if
/// it is one.
pub fn parsed_select(mac: &syn::Macro) -> Option<Select> {
    is_select(&super::macros::name(mac))
        .then(|| syn::parse2::<Select>(mac.tokens.clone()).ok())
        .flatten()
}

/// Whether a macro of this name is a `select!` ([`Select`]'s grammar).
pub fn is_select(name: &str) -> bool {
    name == "select" || name == "select_biased"
}

fn parse_handler(input: ParseStream) -> syn::Result<Expr> {
    // A block-like handler ends at its closing brace, as a statement would
    // (`=> { x }` then `(a, b) = fut => ..`: not a call of the block).
    let block_like = input.peek(syn::token::Brace)
        || input.peek(Token![unsafe])
        || input.peek(Token![if])
        || input.peek(Token![match])
        || input.peek(Token![loop]);
    let handler: Expr = if block_like {
        Expr::parse_with_earlier_boundary_rule(input)?
    } else {
        input.parse()?
    };
    let is_block = matches!(
        handler,
        Expr::Block(_) | Expr::Unsafe(_) | Expr::If(_) | Expr::Match(_)
    );
    if input.peek(Token![,]) {
        input.parse::<Token![,]>()?;
    } else if !is_block && !input.is_empty() {
        return Err(input.error("expected `,` after a `select!` branch"));
    }
    Ok(handler)
}

impl ToTokens for Select {
    fn to_tokens(&self, out: &mut TokenStream) {
        if let Some(b) = &self.biased {
            out.extend(b.clone());
        }
        for branch in &self.branches {
            match branch {
                Branch::Future {
                    pat,
                    future,
                    precondition,
                    handler,
                } => {
                    let cond = precondition.as_ref().map(|c| quote!(, if #c));
                    out.extend(quote!(#pat = #future #cond => #handler,));
                }
                Branch::Fallback { keyword, handler } => out.extend(quote!(#keyword => #handler,)),
            }
        }
    }
}

/// What a handler does to the control flow outside the `select!`.
#[derive(Default)]
pub struct Jumps {
    /// Per `Flow::Jump(k)` or `Flow::JumpWith(k, v)`: the `break`/`continue`
    /// to perform (for `JumpWith`, of the value bound to `__coro_break`).
    pub jumps: Vec<Expr>,
    /// The labels of the `break`s that carry a value out, in order of
    /// appearance: a value for the `i`-th is carried in link `i` of a
    /// `Carry` chain, so values of different types share `Flow`'s one.
    pub valued_labels: Vec<Option<String>>,
    /// Per jump: for a `JumpWith`, the index of its label in
    /// `valued_labels`.
    pub with_value: Vec<Option<usize>>,
    /// The label of the innermost loop around the wrapped code (`None`: it
    /// has none, or there is no loop), which an unlabelled `break` leaves:
    /// `break v` and `break 'l v` are the same jump when it is `'l`.
    pub innermost_loop: Option<String>,
    /// The type rustc expects of the value of `break`s to a label (resolved
    /// as `innermost_loop` says), where it is known (see
    /// `Builder::typed_breaks`): such a value is typed so where it is made.
    pub break_types: Vec<(Option<String>, Type)>,
}

impl Jumps {
    /// No jumps yet; `innermost_loop` as described there.
    pub fn new(innermost_loop: Option<String>) -> Self {
        Jumps {
            innermost_loop,
            ..Jumps::default()
        }
    }
}

/// Rewrites a handler's exits into `return Flow::..` of the wrapping block,
/// and its value into `Flow::Value(..)`, typed as `value_ty` if that is
/// the type rustc expects of it (see `typed_value`).
pub fn wrap_handler(
    handler: &mut Expr,
    ret_ty: Option<&Type>,
    value_ty: Option<&Type>,
    jumps: &mut Jumps,
) {
    rewrite_exits(handler, ret_ty, jumps);
    let span = handler.span();
    let inner = typed_value(handler.to_token_stream(), value_ty, span);
    *handler =
        syn::parse2(quote_spanned!(span=> ::coro::__private::Flow::Value(#inner))).expect("a call");
}

// Input:  `value(x.parse()?)` (a `join!`'s future, or a `select!`'s)
// Output: `value(match branch(x.parse()) { Continue(v) => v,
//          Break(r) => return Flow::Return(convert(r)) })`
/// Rewrites the exits of code that runs inside the wrapping block (a
/// handler, or a future or precondition that the macro evaluates there)
/// into `return Flow::..` of the block, which the coroutine's own code then
/// performs (see `dispatch`).
pub fn rewrite_exits(code: &mut Expr, ret_ty: Option<&Type>, jumps: &mut Jumps) {
    crate::early_return_macros::rewrite_handler(code);
    let mut rewriter = ExitRewriter {
        ret_ty,
        jumps,
        inner_loops: Vec::new(),
    };
    rewriter.visit_expr_mut(code);
}

// Input:  `Err(Box::new(Bad(v().await)))`, `Result<u8, Box<dyn Error>>`
// Output: `::coro::__private::typed::<Result<u8, Box<dyn Error>>>(Err(..))`
/// A value that leaves the block it is made in (a `return`'s, a tail's),
/// typed there as `ty`, the type rustc expects of it where the user wrote
/// it: rustc coerces inside it (the `Box<Bad>` to `Box<dyn Error>`), which
/// the block's own output type, inferred from the value alone, would not
/// (E0308 where the value is then used as the type).
fn typed_value(value: TokenStream, ty: Option<&Type>, span: Span) -> TokenStream {
    match ty {
        Some(ty) => quote_spanned!(span=> ::coro::__private::typed::<#ty>(#value)),
        None => value,
    }
}

struct ExitRewriter<'a> {
    ret_ty: Option<&'a Type>,
    jumps: &'a mut Jumps,
    /// Loops and labelled blocks inside the handler: `(label, is_loop)`.
    inner_loops: Vec<(Option<String>, bool)>,
}

impl ExitRewriter<'_> {
    fn targets_inside(&self, label: Option<&syn::Lifetime>) -> bool {
        match label {
            Some(l) => self
                .inner_loops
                .iter()
                .any(|(n, _)| n.as_deref() == Some(&l.ident.to_string())),
            None => self.inner_loops.iter().any(|&(_, is_loop)| is_loop),
        }
    }

    fn jump(&mut self, original: Expr, span: Span) -> Expr {
        if let Expr::Break(b) = &original {
            if let Some(value) = &b.expr {
                let label = match &b.label {
                    Some(l) => Some(l.ident.to_string()),
                    None => self.jumps.innermost_loop.clone(),
                };
                let expected = self
                    .jumps
                    .break_types
                    .iter()
                    .find(|(l, _)| *l == label)
                    .map(|(_, ty)| ty.clone());
                let link = match self.jumps.valued_labels.iter().position(|l| *l == label) {
                    Some(i) => i,
                    None => {
                        self.jumps.valued_labels.push(label);
                        self.jumps.valued_labels.len() - 1
                    }
                };
                // The value is evaluated here, in the block, where its names
                // mean what they mean at the `break`: its own `return`, `?`,
                // `break` and `continue` are the block's (numbered before
                // this jump).
                let mut value = (**value).clone();
                self.visit_expr_mut(&mut value);
                let value = typed_value(value.into_token_stream(), expected.as_ref(), span);
                let k = self.jumps.jumps.len() as u32;
                let carried = Ident::new("__coro_break", Span::mixed_site());
                let mut at_dispatch = b.clone();
                at_dispatch.expr = Some(Box::new(syn::parse_quote!(#carried)));
                self.jumps.jumps.push(Expr::Break(at_dispatch));
                self.jumps.with_value.push(Some(link));
                let value = carry(link, value, span);
                return syn::parse2(
                    quote_spanned!(span=> return ::coro::__private::Flow::JumpWith(#k, #value)),
                )
                .expect("a return");
            }
        }
        let k = self.jumps.jumps.len() as u32;
        self.jumps.jumps.push(original);
        self.jumps.with_value.push(None);
        syn::parse2(quote_spanned!(span=> return ::coro::__private::Flow::Jump(#k)))
            .expect("a return")
    }

    fn in_loop(&mut self, label: Option<&syn::Label>, is_loop: bool, f: impl FnOnce(&mut Self)) {
        self.inner_loops
            .push((label.map(|l| l.name.ident.to_string()), is_loop));
        f(self);
        self.inner_loops.pop();
    }
}

impl VisitMut for ExitRewriter<'_> {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            Expr::Closure(_) | Expr::Async(_) | Expr::Const(_) => return,
            Expr::Return(r) => {
                if let Some(v) = &mut r.expr {
                    self.visit_expr_mut(v);
                }
                let span = r.return_token.span;
                let value = r
                    .expr
                    .take()
                    .map_or_else(|| quote!(()), |v| v.into_token_stream());
                let value = typed_value(value, self.ret_ty, span);
                *e = syn::parse2(
                    quote_spanned!(span=> return ::coro::__private::Flow::Return(#value)),
                )
                .expect("a return");
                return;
            }
            Expr::Try(t) => {
                self.visit_expr_mut(&mut t.expr);
                let q = t.question_token.span;
                let inner = &t.expr;
                let ok = Ident::new("__coro_ok", Span::mixed_site());
                let residual = Ident::new("__coro_residual", Span::mixed_site());
                let convert = match self.ret_ty {
                    Some(ty) => {
                        quote_spanned!(q=> (|#residual| -> #ty { match #residual? {} })(#residual))
                    }
                    None => quote_spanned!(q=> (|#residual| { match #residual? {} })(#residual)),
                };
                *e = syn::parse2(quote_spanned! {q=>
                    (match ::coro::__private::Branch::branch(#inner) {
                        ::coro::__private::ControlFlow::Continue(#ok) => #ok,
                        ::coro::__private::ControlFlow::Break(#residual) =>
                            return ::coro::__private::Flow::Return(#convert),
                    })
                })
                .expect("a match");
                return;
            }
            Expr::Break(b) if !self.targets_inside(b.label.as_ref()) => {
                let span = b.break_token.span;
                let original = e.clone();
                *e = self.jump(original, span);
                return;
            }
            Expr::Continue(c) if !self.targets_inside(c.label.as_ref()) => {
                let span = c.continue_token.span;
                let original = e.clone();
                *e = self.jump(original, span);
                return;
            }
            Expr::Loop(l) => {
                let label = l.label.clone();
                self.in_loop(label.as_ref(), true, |s| s.visit_block_mut(&mut l.body));
                return;
            }
            Expr::While(w) => {
                let label = w.label.clone();
                self.visit_expr_mut(&mut w.cond);
                self.in_loop(label.as_ref(), true, |s| s.visit_block_mut(&mut w.body));
                return;
            }
            Expr::ForLoop(f) => {
                let label = f.label.clone();
                self.visit_expr_mut(&mut f.expr);
                self.in_loop(label.as_ref(), true, |s| s.visit_block_mut(&mut f.body));
                return;
            }
            Expr::Block(b) if b.label.is_some() => {
                let label = b.label.clone();
                self.in_loop(label.as_ref(), false, |s| s.visit_block_mut(&mut b.block));
                return;
            }
            _ => {}
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}

    /// A macro whose grammar is known (`vec!`, `format!`, `assert!`..):
    /// its `return`, `?`, `break` and `continue` are the block's too.
    /// So are those of a `select!`'s handlers (inside a statement run as a
    /// native block: `for (i, c) in it { select! { .., _ = stop => return 0 } }`),
    /// which its expansion places after its own polling, in the block.
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        if is_select(&super::macros::name(mac)) {
            if let Ok(mut select) = syn::parse2::<Select>(mac.tokens.clone()) {
                for branch in &mut select.branches {
                    match branch {
                        Branch::Future {
                            future,
                            precondition,
                            handler,
                            ..
                        } => {
                            self.visit_expr_mut(future);
                            if let Some(c) = precondition {
                                self.visit_expr_mut(c);
                            }
                            self.visit_expr_mut(handler);
                        }
                        Branch::Fallback { handler, .. } => self.visit_expr_mut(handler),
                    }
                }
                mac.tokens = select.to_token_stream();
            }
            return;
        }
        super::macros::rewrite_args(mac, |e| self.visit_expr_mut(e));
    }
}

/// `inner` in link `link` of a `Carry` chain: `Next(..Next(Here(inner)))`,
/// as an expression or a pattern.
fn carry(link: usize, inner: TokenStream, span: Span) -> TokenStream {
    let mut out = quote_spanned!(span=> ::coro::__private::Carry::Here(#inner));
    for _ in 0..link {
        out = quote_spanned!(span=> ::coro::__private::Carry::Next(#out));
    }
    out
}

/// `async { <mac> }`, marked to be walked inline.
///
/// `source`: what the user wrote in its place (the statement, the macro
/// call), kept in a `#[coro_source(..)]` attribute for the awaited
/// expression's doc comment and its state's name (see `source_of`).
pub fn inline_async(mac_tokens: TokenStream, source: &dyn ToTokens, span: Span) -> Expr {
    let (attr, source_attr) = (Ident::new(INLINE_ATTR, span), Ident::new(SOURCE_ATTR, span));
    syn::parse2(quote_spanned!(span=> #[#attr] #[#source_attr(#source)] async move { #mac_tokens }))
        .expect("an async block")
}

/// What the user wrote in place of an `async` block of the lowering's own
/// ([`inline_async`]), if `e` is one.
pub fn source_of(e: &Expr) -> Option<TokenStream> {
    let Expr::Async(a) = crate::syntax::unparenthesised(e) else {
        return None;
    };
    let attr = a.attrs.iter().find(|a| a.path().is_ident(SOURCE_ATTR))?;
    attr.meta.require_list().ok().map(|l| l.tokens.clone())
}

/// The code after the wrapped `select!`: perform what its handler decided.
pub fn dispatch(awaited: Expr, jumps: Jumps, span: Span) -> Expr {
    let value = Ident::new("__coro_value", Span::mixed_site());
    let ret = Ident::new("__coro_ret", Span::mixed_site());
    let carried = Ident::new("__coro_break", Span::mixed_site());
    let jump_arms = jumps.jumps.iter().zip(&jumps.with_value).enumerate().map(
        |(k, (original, link))| {
            let k = k as u32;
            match link {
                Some(link) => {
                    let carried = carry(*link, carried.to_token_stream(), span);
                    quote_spanned!(span=> ::coro::__private::Flow::JumpWith(#k, #carried) => #original,)
                }
                None => quote_spanned!(span=> ::coro::__private::Flow::Jump(#k) => #original,),
            }
        },
    );
    // One link per valued label, ending in `Infallible`; without valued
    // jumps, `()` fixes the unused value type.
    let carried_ty = if jumps.valued_labels.is_empty() {
        quote!(())
    } else {
        jumps.valued_labels.iter().fold(
            quote!(::core::convert::Infallible),
            |rest, _| quote!(::coro::__private::Carry<_, #rest>),
        )
    };
    syn::parse2(quote_spanned! {span=>
        match #awaited {
            ::coro::__private::Flow::Value(#value) => #value,
            ::coro::__private::Flow::Return(#ret) => return #ret,
            #(#jump_arms)*
            ::coro::__private::Flow::Jump(_) => ::core::unreachable!(),
            ::coro::__private::Flow::<_, _, #carried_ty>::JumpWith(..) => ::core::unreachable!(),
        }
    })
    .expect("a match")
}

/// Removes the marks of an `async` block of the lowering's own, once lowered.
pub fn strip_inline_attrs(attrs: &mut Vec<syn::Attribute>) {
    attrs.retain(|a| !a.path().is_ident(INLINE_ATTR) && !a.path().is_ident(SOURCE_ATTR));
}

/// Whether an `async` block is one the lowering wrapped a macro in.
pub fn is_inline(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident(INLINE_ATTR))
}

/// Whether this `select!` is futures' (which polls a branch given as a bare
/// name in place, by `&mut`) rather than tokio's (which takes every branch
/// expression by value). A bare `select!` is taken as futures' when it uses
/// futures' `complete`/`default` branches, or gives a branch as a bare name
/// (futures' idiom, after `.fuse()` and `pin_mut!`; tokio's is `&mut fut`).
/// Taken for tokio's, a name futures' only borrows would be moved out and
/// dropped at the end of the `select!`, and a later `.await` of it would
/// poll a dropped future; taken for futures', a future tokio's moves stays
/// where it is, and drops at the end of its scope.
pub fn borrows_path_futures(mac: &syn::Macro, select: &Select) -> bool {
    let path_says = |name: &str| mac.path.segments.iter().any(|s| s.ident == name);
    if path_says("tokio") {
        return false;
    }
    let bare_name = |e: &Expr| matches!(crate::syntax::unparenthesised(e), Expr::Path(p) if p.path.get_ident().is_some());
    path_says("futures")
        || path_says("futures_util")
        || mac
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "select_biased")
        || select.branches.iter().any(|b| match b {
            Branch::Fallback { keyword, .. } => keyword.to_string() != "else",
            Branch::Future { future, .. } => bare_name(future),
        })
}
