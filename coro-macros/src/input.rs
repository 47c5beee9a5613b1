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
    /// The body to lower: the function's, or for a `Boxed` one the `async
    /// move` block's.
    pub block: Block,
    /// The braces of the function's own body.
    pub braces: syn::token::Brace,
    pub boxed: Option<Boxed>,
}

/// A method `#[async_trait]` has rewritten: not `async`, its body is
/// `Box::pin(async move { .. })` and it returns
/// `Pin<Box<dyn Future<Output = T> + Send + 'async_trait>>`. The coroutine
/// lowers the block, and the function keeps its signature and boxes the
/// coroutine where the block was.
///
/// ```text
/// Input:  fn call<'life0, 'async_trait>(&'life0 self, x: u64) -> Pin<Box<dyn Future<Output = u64> + Send + 'async_trait>>
///         where .. { Box::pin(async move { let __self = self; let x = x; .. }) }
/// Output: fn call<'life0, 'async_trait>(&'life0 self, x: u64) -> Pin<Box<dyn Future<Output = u64> + Send + 'async_trait>>
///         where .. { <shadow>; let __coroutine = { .. }; Box::pin(__coroutine) }
/// ```
pub struct Boxed {
    /// The function called on the block, as written (`Box::pin`).
    pub pin: syn::Expr,
    /// `T` of `Future<Output = T>` in the return type.
    pub output: syn::Type,
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
    let (block, boxed) = if sig.asyncness.is_some() {
        (f.block, None)
    } else if let Some((block, boxed)) = boxed_async_block(sig, &f.block) {
        (block, Some(boxed))
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
    Ok(CoroutineFn {
        attrs: f.attrs,
        vis: f.vis,
        defaultness: f.modifiers.defaultness,
        sig: f.sig,
        block,
        braces,
        boxed,
    })
}

/// The block and what the function does with it, if the body is only
/// `PIN(async move { .. })` (`PIN` ending in `pin`) and the return type names
/// `Future<Output = T>`: the shape of a method `#[async_trait]` rewrote.
fn boxed_async_block(sig: &Signature, body: &Block) -> Option<(Block, Boxed)> {
    let [syn::Stmt::Expr(syn::Expr::Call(call), None)] = body.stmts.as_slice() else {
        return None;
    };
    let syn::Expr::Path(func) = &*call.func else {
        return None;
    };
    if func.path.segments.last()?.ident != "pin" || call.args.len() != 1 {
        return None;
    }
    let syn::Expr::Async(block) = call.args.first()? else {
        return None;
    };
    if block.capture.is_none() || !block.attrs.is_empty() {
        return None;
    }
    let syn::ReturnType::Type(_, ty) = &sig.output else {
        return None;
    };
    let output = future_output(ty)?;
    Some((
        block.block.clone(),
        Boxed {
            pin: (*call.func).clone(),
            output,
        },
    ))
}

/// `T` of the first `Future<Output = T>` inside `ty`.
fn future_output(ty: &syn::Type) -> Option<syn::Type> {
    struct Find(Option<syn::Type>);
    impl<'ast> syn::visit::Visit<'ast> for Find {
        fn visit_path_segment(&mut self, seg: &'ast syn::PathSegment) {
            if self.0.is_some() {
                return;
            }
            if seg.ident == "Future" {
                if let syn::PathArguments::AngleBracketed(args) = &seg.arguments {
                    for arg in &args.args {
                        if let syn::GenericArgument::AssocType(a) = arg {
                            if a.ident == "Output" {
                                self.0 = Some(a.ty.clone());
                                return;
                            }
                        }
                    }
                }
            }
            syn::visit::visit_path_segment(self, seg);
        }
    }
    let mut find = Find(None);
    syn::visit::Visit::visit_type(&mut find, ty);
    find.0
}

/// `#[instrument]` or `#[tracing::instrument(..)]`.
fn is_instrument(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| s.ident == "instrument")
}
