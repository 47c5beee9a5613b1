//! The `#[coroutine]` attribute of coro: lowers an `async fn` into an
//! explicit state machine.
//!
//! The macro is a compiler pass: [`input`] parses and checks the item,
//! [`build`] turns the body into blocks of statements split at every
//! suspension point ([`ir`]), [`analyse`] decides which values live in the
//! frame and how each use of them is lowered, [`names`] names what the
//! reader will see, [`lower`] and [`emit`] write the tokens.
//!
//! Set while building a crate that uses the macro (`touch` a file to make
//! it expand again), these print what a phase decided, on stderr:
//! `CORO_DEBUG_LAYOUT` each frame's layout with the guessed sizes,
//! `CORO_DEBUG_LIVENESS` the frame vars in use at each point,
//! `CORO_DEBUG_MOVES` how each mention of a frame var is lowered.

mod analyse;
mod build;
mod captured_fields;
mod cfg_split;
mod clippy_expects;
mod destructuring;
mod drop_check;
mod early_return_macros;
mod emit;
mod enclosing;
mod expr_text;
mod frame;
mod input;
mod ir;
mod layout;
mod lend;
mod let_as_match;
mod lifetimes;
mod lint_attrs;
mod liveness;
mod lower;
mod matches_macro;
mod names;
mod nested_items;
mod partial;
mod raw_address_macros;
mod returning;
mod self_printing;
mod shadow;
mod signature;
#[cfg(test)]
mod snapshots;
mod syntax;

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::quote;

/// Lowers an `async fn` into an explicit state-machine coroutine.
///
/// The function becomes a plain `fn` returning `impl Future<Output = T>`
/// with the lifetimes and auto traits the `async fn` would have: a frame
/// type holding what lives across each `.await`, one state per suspension
/// point, and a `poll` that is one `match` over those states. Read it with
/// `cargo expand`. Use it through the facade, as `#[coro::coroutine]` (the
/// crate docs of `coro` have a tested example).
///
/// For
///
/// ```text
/// #[coro::coroutine]
/// async fn fetch_page(client: &Client, url: String) -> usize {
///     let request = client.get(&url);
///     let response = request.send().await;
///     let body = response.text().await;
///     body.len()
/// }
/// ```
///
/// the expansion declares `struct FetchPageFrame` (slots `client`, `url`,
/// `request`, `response`, and the futures `send_future`, `text_future`,
/// those never alive together sharing storage), `enum FetchPageState {
/// Start, AwaitSend, AwaitText, Running, Returned, Panicked }`, and a `poll`
/// matching on it. (Were an identifier in the function to start with
/// `FetchPage`, the generated names would be numbered, `FetchPage2Frame`, so
/// that they never hide a type of the user's.) The whole expansion is checked in as
/// `coro-macros/tests/expand/straight_line.expanded.rs`.
///
/// # Semantics
///
/// The coroutine behaves as rustc's own lowering of the same `async fn`:
/// result, evaluation order, drop order of locals and temporaries, what a
/// cancellation (dropping the future) drops and in which order, a panic
/// inside `poll` poisoning it, `Send`/`Sync`. A dead copy of the body is
/// type- and borrow-checked by rustc, so a program rustc rejects as an
/// `async fn` is rejected with rustc's error on your code.
///
/// # Accepted
///
/// `async fn` items: free functions, inherent methods (`self`, `&self`,
/// `&mut self`, `self: Pin<&mut Self>`), methods of trait impls and default
/// methods of traits; generics, lifetimes, `where` clauses, `impl Trait`
/// and pattern arguments, `unsafe`. Also a function that an attribute
/// written above `#[coroutine]` has already rewritten around an `async`
/// block: the methods of an `#[async_trait]` impl or trait (`Box::pin(async
/// move { .. })`), `#[tokio::test]` and `#[tokio::main]` functions. The
/// block is lowered and the coroutine takes its place. The attribute takes
/// no arguments.
///
/// The macro sees tokens, not types, so where the two readings differ, the
/// expansion asks rustc: a method called on a value held across an await,
/// at its last use (`conn.close().await`), moves the value out if method
/// resolution finds a method of that name taking `self` by value, and
/// leaves it in place otherwise (`__private::decide`); the call's
/// arguments type that question too, as a generic method's parameters
/// need (`builder.name("x")`). When an argument
/// awaits (`o.unwrap_or(fallback().await)`), that decision is made before
/// the argument runs, as rustc moves or borrows the receiver first, and the
/// call finds the receiver in a temporary (`__private::Spilled`).
///
/// # Errors
///
/// On an item that is not an `async fn` (a plain, `const` or `extern`
/// function, a trait method without a body), on arguments, on an attribute
/// below `#[coroutine]` that needs an `async fn` (`#[tracing::instrument]`,
/// `#[tokio::test]`: put it above), and on `.await` inside a macro whose
/// grammar the lowering does not know (or a value held across an await
/// named inside one where the value cannot be lent to it, see `lend`), a
/// compile error points at the offending tokens; the item is still emitted
/// so that the IDE keeps working inside it. Known macros: std's
/// formatting, assertion, `vec!`, `matches!` and `dbg!`; tokio's and
/// futures' `select!`/`join!`/`try_join!`/`pin!`; tracing's and log's
/// events and spans; serde_json's `json!`; anyhow's `bail!`/`ensure!`. The
/// LIMITATIONS.md lists the remaining limitations.
#[proc_macro_attribute]
pub fn coroutine(args: TokenStream, item: TokenStream) -> TokenStream {
    expand_items(args.into(), item.into(), &[]).into()
}

/// The items the attribute expands to, each under the `#[cfg]`s of
/// `under` (see `cfg_split`).
fn expand_items(args: TokenStream2, item: TokenStream2, under: &[TokenStream2]) -> TokenStream2 {
    if let Some((predicate, with, without)) = cfg_split::split(&item) {
        let mut with_under = under.to_vec();
        with_under.push(predicate.clone());
        let mut without_under = under.to_vec();
        without_under.push(quote!(not(#predicate)));
        let with = expand_items(args.clone(), with, &with_under);
        let without = expand_items(args, without, &without_under);
        return quote!(#with #without);
    }
    let cfg = (!under.is_empty()).then(|| quote!(#[cfg(all(#(#under),*))]));
    match expand(args, item.clone()) {
        Ok(tokens) => quote!(#cfg #tokens),
        Err(errors) => {
            // Keep the original item so that the IDE still sees it.
            let errors = errors.iter().map(syn::Error::to_compile_error);
            quote!(#(#cfg #errors)* #cfg #item)
        }
    }
}

/// Returns the item unchanged. Test support: a case written once with
/// `#[coroutine]` is compiled natively by importing this under that name.
#[doc(hidden)]
#[proc_macro_attribute]
pub fn identity(_args: TokenStream, item: TokenStream) -> TokenStream {
    item
}

fn expand(args: TokenStream2, item: TokenStream2) -> Result<TokenStream2, Vec<syn::Error>> {
    let mut f = input::parse(args, item.clone()).map_err(|e| vec![e])?;
    // clippy's lints an `#[expect]` names are allowed (see `clippy_expects`).
    f.attrs.iter_mut().for_each(clippy_expects::relax);
    let prefix = names::type_prefix(&f.sig.ident, &item);
    let mut sig = signature::lower(&f.sig, f.enclosing.as_ref().map(|e| &e.output));
    sig.inherent = !matches!(f.vis, syn::Visibility::Inherited);

    // Items at the top of the body are declared once, for both copies, and
    // so are those of nested blocks that nothing else names.
    let nested = nested_items::hoist(&mut f.block.stmts);
    let (items, mut body_stmts): (Vec<_>, Vec<_>) = f
        .block
        .stmts
        .iter()
        .cloned()
        .partition(|s| matches!(s, syn::Stmt::Item(_)));
    let items: Vec<syn::Item> = items
        .into_iter()
        .filter_map(|s| match s {
            syn::Stmt::Item(i) => Some(i),
            _ => None,
        })
        .chain(nested)
        .collect();
    let end = f.block.brace_token.span.close();
    // The lowered copy only: the shadow copy keeps the user's statements
    // (but for clippy's expectations, see `clippy_expects`).
    let mut lowered_stmts = body_stmts.clone();
    clippy_expects::relax_in(&mut body_stmts);
    returning::rewrite(&mut lowered_stmts, &sig.output);
    lint_attrs::strip(&mut lowered_stmts);
    self_printing::rewrite(&mut lowered_stmts);
    destructuring::rewrite(&mut lowered_stmts);
    early_return_macros::rewrite(&mut lowered_stmts);
    matches_macro::rewrite(&mut lowered_stmts);
    raw_address_macros::rewrite(&mut lowered_stmts);
    let_as_match::rewrite(&mut lowered_stmts);
    let params: Vec<captured_fields::Param> = sig
        .params
        .iter()
        .map(|p| captured_fields::Param {
            name: p.ident.to_string(),
            owned: if p.is_self {
                p.self_by_value
            } else {
                !p.by_reference
            },
        })
        .collect();
    captured_fields::rewrite(&mut lowered_stmts, &params);
    let shadow_macros = lend::macro_keys(&body_stmts);
    let mut arguments = signature::Arguments::InPlace;
    let (body, an) = loop {
        match build(&sig, &lowered_stmts, end, arguments, &shadow_macros)? {
            Built::Done(built) => break *built,
            Built::MoveArguments => arguments = signature::Arguments::MovedIntoLocals,
        }
    };
    // The shadow copy binds every argument in a local of the body, as
    // rustc's lowering does: its lints (an unused argument, a `mut` one
    // never mutated) are the `async fn`'s, at the argument's tokens, and
    // its `async move` block captures each argument whole. `let mut x = x;`
    // is where `x` is mutable now.
    let param_lets = signature::shadow_param_lets(&sig);
    signature::drop_mutability(&mut sig);
    // Only a frame that holds a borrow of one of its own values, or a
    // future that may hold one under a lifetime of its own, needs a
    // lifetime for it (see `signature::add_frame_lifetime`).
    if an.frame_vars.iter().any(|&v| !an.lenders[v].is_empty())
        || (an.holds_argument_reference && sig.several_lifetimes)
    {
        signature::add_frame_lifetime(&mut sig, lifetimes::FrameBorrows::OwnValues);
    } else if !body.awaits.is_empty() {
        signature::add_frame_lifetime(&mut sig, lifetimes::FrameBorrows::InFutures);
    }
    let names = names::choose(&prefix, &f.sig.ident, &body, &an.frame_vars, &an.partials);
    let conflicts = liveness::conflicts(&body, &an);
    let layout = layout::compute(
        &body,
        &an.frame_vars,
        &an.partials,
        &conflicts,
        &names.fields,
        &prefix,
        &names.frame,
    );
    if let Some(described) = &layout.described {
        let first = body_stmts
            .first()
            .map(|s| quote::ToTokens::to_token_stream(s).to_string());
        eprintln!(
            "coro: layout of `{}` ({}): {described}",
            f.sig.ident,
            first.unwrap_or_default()
        );
    }
    Ok(emit::coroutine(&emit::Parts {
        f: &f,
        sig: &sig,
        items: &items,
        param_lets: &param_lets,
        body_stmts: &body_stmts,
        body: &body,
        an: &an,
        names: &names,
        layout: &layout,
    }))
}

enum Built {
    Done(Box<(ir::Body, analyse::Analysis)>),
    /// A macro the lowering cannot see into names an argument kept in
    /// place: build again with `signature::Arguments::MovedIntoLocals`.
    MoveArguments,
}

/// Builds and analyses the body.
fn build(
    sig: &signature::Lowered,
    body_stmts: &[syn::Stmt],
    end: proc_macro2::Span,
    arguments: signature::Arguments,
    shadow_macros: &std::collections::BTreeSet<String>,
) -> Result<Built, Vec<syn::Error>> {
    let ret_ty = sig.output_hint.clone();
    let mut b = build::Builder::new(ret_ty);
    b.body.shadow_macros = shadow_macros.clone();
    b.several_lifetimes = sig.several_lifetimes;
    b.body.const_params = sig
        .sig
        .generics
        .const_params()
        .map(|c| c.ident.to_string())
        .collect();
    for p in &sig.params {
        let var = b.declare(p.ident.clone(), ir::VarKind::Param, p.mutable, None);
        b.body.vars[var].borrow = p.by_reference;
        if p.owns_struct {
            b.body.owned_params.push(var);
        }
        if p.called_by_reference {
            b.body.closures_called_in_place.insert(var);
        }
        if p.once_only {
            b.body.once_closures.insert(var);
        }
        if p.is_self {
            b.self_var = Some(var);
            if p.self_by_value {
                b.body.self_by_value = Some(var);
            }
        } else {
            b.bind_name(var);
        }
        // Bound before the next argument is declared (see `param_let`).
        if let Some(bind) = signature::param_let(p, arguments) {
            b.stmts(&[bind]);
        }
    }
    b.open_scope();
    b.tail_type = b.ret_ty.clone();
    if let Some(tail) = b.stmts(body_stmts) {
        // (A tail `if` or `match` that suspends: its branches coerce to the
        // function's return type.)
        if let (Some(syn::Stmt::Expr(source, None)), Some(value), Some(ty)) =
            (body_stmts.last(), &tail, b.ret_ty.clone())
        {
            b.expect_construct_type(source, value, &ty);
        }
        let span = end;
        let value = tail.unwrap_or_else(|| falls_off_end(b.ret_ty.as_ref()));
        let exit = b.return_exit(Some(value), span);
        b.exit_now(exit);
    }
    b.close_scope();
    if !b.errors.is_empty() {
        return Err(b.errors);
    }
    let mut body = b.body;
    if arguments == signature::Arguments::InPlace && body.names_param_in_opaque_macro() {
        return Ok(Built::MoveArguments);
    }
    body.order_scopes_for_drops();
    let an = analyse::run(&body);
    if !an.errors.is_empty() {
        return Err(an.errors);
    }
    Ok(Built::Done(Box::new((body, an))))
}

// Input:  `async fn f() -> u32 { x.await; fatal(1); }` (`fn fatal(..) -> !`)
// Output: the value returned at the body's end: `()` for a unit output,
//         `::coro::__private::fell_off_end()` otherwise
/// The value of a body that ends in a statement: `()`. rustc accepts such
/// a body for another output type where its end is unreachable (the last
/// statement diverges: a call of a function returning `!`, the await of an
/// `async fn` returning `!`), which only types tell; there the return
/// takes `fell_off_end()`, which types as the output and is never reached.
/// (Not where the output names `impl Trait`, whose `_` nothing would type:
/// such a body returns `()`, as before.)
fn falls_off_end(ret_ty: Option<&syn::Type>) -> syn::Expr {
    struct Infer(bool);
    impl<'ast> syn::visit::Visit<'ast> for Infer {
        fn visit_type_infer(&mut self, _: &'ast syn::TypeInfer) {
            self.0 = true;
        }
    }
    let typed = ret_ty.is_some_and(|ty| {
        let mut infer = Infer(false);
        syn::visit::Visit::visit_type(&mut infer, ty);
        let unit = matches!(ty, syn::Type::Tuple(t) if t.elems.is_empty());
        !unit && !infer.0
    });
    if typed {
        syn::parse_quote!(::coro::__private::fell_off_end())
    } else {
        syn::parse_quote!(())
    }
}
