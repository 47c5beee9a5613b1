//! Parses and checks the item `#[coroutine]` is applied to.
//!
//! Accepted: an `async fn` with a body — a free function, an inherent or
//! trait-impl method, or a default method body in a trait — or a function
//! another attribute has rewritten around an `async` block (`enclosing`).
//! Everything else is rejected with an error on the offending tokens that
//! says what is accepted, and so are attributes below `#[coroutine]` that
//! need an `async fn` to work (`#[instrument]`, `#[tokio::test]`).

use crate::enclosing::{self, Enclosing};
use proc_macro2::TokenStream;
use syn::spanned::Spanned;
use syn::{Attribute, Block, Signature, Visibility};

/// The `async fn` to lower.
pub struct CoroutineFn {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub defaultness: Option<syn::Token![default]>,
    pub sig: Signature,
    /// The body to lower: the function's, or the `async` block's in an
    /// `enclosing` function.
    pub block: Block,
    /// The braces of the function's own body.
    pub braces: syn::token::Brace,
    /// The function another attribute has rewritten around the block.
    pub enclosing: Option<Enclosing>,
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
    let braces = f.block.brace_token;
    let (block, enclosing) = if sig.asyncness.is_some() {
        (f.block, None)
    } else if let Some((block, enclosing)) = enclosing::find(sig, &f.block) {
        (block, Some(enclosing))
    } else if contains_async_block(&f.block) {
        return Err(syn::Error::new(
            sig.fn_token.span,
            "`#[coroutine]` lowers an `async fn`, and an attribute above it has already turned \
             this one into a plain function around an `async` block, in a shape `#[coroutine]` \
             does not know. It lowers the `async` block of the function's first statement, as \
             `#[async_trait]`, `#[tokio::test]` and `#[tokio::main]` write it; put any other \
             attribute that rewrites the function above those",
        ));
    } else {
        return Err(syn::Error::new(
            sig.fn_token.span,
            "`#[coroutine]` lowers an `async fn`: this function is not `async`",
        ));
    };
    if let Some(attr) = f.attrs.iter().find(|a| is_instrument(a)) {
        return Err(syn::Error::new_spanned(
            attr,
            "`#[instrument]` below `#[coroutine]` would see a plain function returning a future \
             and trace only the creation of that future, not its polls: put \
             `#[tracing::instrument]` above `#[coro::coroutine]`",
        ));
    }
    // (Above, such an attribute has already run: what it leaves on the
    // function, `#[::core::prelude::v1::test]`, is not one of these.)
    let runtime_entry = enclosing
        .is_none()
        .then(|| f.attrs.iter().find(|a| is_runtime_entry(a)));
    if let Some(attr) = runtime_entry.flatten() {
        let path = attr.path();
        let path = quote::quote!(#path).to_string().replace(' ', "");
        return Err(syn::Error::new_spanned(
            attr,
            format_args!(
                "`#[{path}]` below `#[coroutine]` would see a plain function returning a future, \
                 not an `async fn`: put `#[{path}]` above `#[coro::coroutine]` (it then wraps \
                 the body in an `async` block, which the coroutine lowers)"
            ),
        ));
    }
    Ok(CoroutineFn {
        attrs: f.attrs,
        vis: f.vis,
        defaultness: f.modifiers.defaultness,
        sig: f.sig,
        block,
        braces,
        enclosing,
    })
}

/// A runtime's attribute that needs an `async fn`: `#[tokio::test]`,
/// `#[tokio::main]`, `#[async_std::test]`, ... (a path of two segments or
/// more ending in `test` or `main`, not std's own `test`).
fn is_runtime_entry(attr: &Attribute) -> bool {
    let segments = &attr.path().segments;
    let std = segments
        .first()
        .is_some_and(|s| s.ident == "core" || s.ident == "std");
    segments.len() >= 2
        && !std
        && segments
            .last()
            .is_some_and(|s| s.ident == "test" || s.ident == "main")
}

/// `#[instrument]` or `#[tracing::instrument(..)]`.
fn is_instrument(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| s.ident == "instrument")
}

/// Whether an `async` block appears in the body.
fn contains_async_block(block: &Block) -> bool {
    struct Find(bool);
    impl<'ast> syn::visit::Visit<'ast> for Find {
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {
            self.0 = true;
        }
    }
    let mut find = Find(false);
    syn::visit::Visit::visit_block(&mut find, block);
    find.0
}
