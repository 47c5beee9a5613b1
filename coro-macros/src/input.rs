//! Parses and checks the item `#[coroutine]` is applied to.
//!
//! Accepted: an `async fn` with a body — a free function, an inherent or
//! trait-impl method, or a default method body in a trait. Everything else is
//! rejected with an error on the offending tokens that says what is accepted.

use proc_macro2::TokenStream;
use syn::spanned::Spanned;
use syn::{Attribute, Block, Signature, Visibility};

/// The `async fn` to lower.
pub struct CoroutineFn {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub defaultness: Option<syn::Token![default]>,
    pub sig: Signature,
    pub block: Block,
}

pub fn parse(args: TokenStream, item: TokenStream) -> syn::Result<CoroutineFn> {
    if let Some(first) = args.into_iter().next() {
        return Err(syn::Error::new(
            first.span(),
            "`#[coroutine]` takes no arguments: write `#[coroutine]` on an `async fn`",
        ));
    }
    let f: syn::ImplItemFn = match syn::parse2(item.clone()) {
        Ok(f) => f,
        Err(err) => {
            if let Ok(f) = syn::parse2::<syn::TraitItemFn>(item) {
                return Err(syn::Error::new(
                    f.sig.span(),
                    "`#[coroutine]` needs the function's body: put it on a method with a \
                     default body, or on the method in the trait's `impl`",
                ));
            }
            return Err(syn::Error::new(
                err.span(),
                "`#[coroutine]` goes on an `async fn` (a free function, a method, or a trait \
                 method with a body)",
            ));
        }
    };
    let sig = &f.sig;
    if let Some(c) = &sig.constness {
        return Err(syn::Error::new(
            c.span,
            "`#[coroutine]` cannot lower a `const fn`: `const` and `async` do not combine",
        ));
    }
    if let Some(abi) = &sig.abi {
        return Err(syn::Error::new(
            abi.span(),
            "`#[coroutine]` cannot lower an `extern` function: it becomes a function returning \
             `impl Future`, which has no foreign ABI",
        ));
    }
    if let Some(v) = &sig.variadic {
        return Err(syn::Error::new(
            v.span(),
            "`#[coroutine]` cannot lower a variadic function",
        ));
    }
    if sig.asyncness.is_none() {
        if returns_boxed_async_block(&f.block) {
            return Err(syn::Error::new(
                sig.fn_token.span,
                "`#[coroutine]` lowers an `async fn`, and this method is no longer one: \
                 `#[async_trait]` on the `impl` has already turned it into a function returning \
                 `Box::pin(async move { .. })`. `#[coroutine]` cannot lower that; drop it here, \
                 or declare the trait's method as a native `async fn`",
            ));
        }
        return Err(syn::Error::new(
            sig.fn_token.span,
            "`#[coroutine]` lowers an `async fn`: this function is not `async`",
        ));
    }
    if let Some(attr) = f.attrs.iter().find(|a| is_instrument(a)) {
        return Err(syn::Error::new_spanned(
            attr,
            "`#[instrument]` below `#[coroutine]` would see a plain function returning a future \
             and trace only the creation of that future, not its polls: put \
             `#[tracing::instrument]` above `#[coro::coroutine]`",
        ));
    }
    Ok(CoroutineFn {
        attrs: f.attrs,
        vis: f.vis,
        defaultness: f.modifiers.defaultness,
        sig: f.sig,
        block: f.block,
    })
}

/// Whether the body ends in `Box::pin(async move { .. })`: a method that
/// `#[async_trait]` has rewritten.
fn returns_boxed_async_block(block: &Block) -> bool {
    let Some(syn::Stmt::Expr(syn::Expr::Call(call), None)) = block.stmts.last() else {
        return false;
    };
    let syn::Expr::Path(func) = &*call.func else {
        return false;
    };
    func.path.segments.last().is_some_and(|s| s.ident == "pin")
        && matches!(call.args.first(), Some(syn::Expr::Async(_)))
}

/// `#[instrument]` or `#[tracing::instrument(..)]`.
fn is_instrument(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| s.ident == "instrument")
}
