//! The shadow copy: the body once more, as rustc would see it in an
//! `async fn`, in a branch that never runs (see `shadow`). Its returns are
//! typed as the lowered code types them, and what rustc's `async fn` keeps
//! quiet stays quiet in it.

use crate::emit::Parts;
use crate::lower::Hygiene;
use proc_macro2::TokenStream;
use quote::quote;

/// Whether a type may hold a borrow: a reference or a lifetime in it.
fn has_lifetime(ty: &syn::Type) -> bool {
    struct Find(bool);
    impl<'ast> syn::visit::Visit<'ast> for Find {
        fn visit_lifetime(&mut self, _: &'ast syn::Lifetime) {
            self.0 = true;
        }
        fn visit_type_reference(&mut self, _: &'ast syn::TypeReference) {
            self.0 = true;
        }
    }
    let mut find = Find(false);
    syn::visit::Visit::visit_type(&mut find, ty);
    find.0
}

/// How the shadow copy's returned values are checked against the output.
enum Check<'a> {
    /// `let __coro_ret: T = v;`: the output as the body can write it.
    Typed(&'a syn::Type),
    /// `let __coro_ret = v; let _: &dyn Iterator<Item = u8> = &__coro_ret;`:
    /// an output that is `impl Trait` of one trait whose values may stand
    /// behind a `dyn` (see `dyn_bound`).
    Bounded(&'a syn::TypeParamBound),
}

// Input:  `-> impl Iterator<Item = i64> + '_`
// Output: `Iterator<Item = i64>`
/// The trait of an output that is `impl Trait` of one trait of those
/// a `dyn` may name (and auto traits and lifetimes): rustc's `async fn`
/// infers its body's types from the opaque type's bounds (the closure's
/// `parse()` in `s.split(',').map(|x| x.parse().unwrap())` yields an
/// `i64`), which the shadow copy's `async` block does not see: the
/// coercion of its value to a `&dyn` of that trait gives them to it.
fn dyn_bound(output: &syn::Type) -> Option<&syn::TypeParamBound> {
    const DYN_TRAITS: &[&str] = &[
        "Iterator",
        "DoubleEndedIterator",
        "ExactSizeIterator",
        "Display",
        "Debug",
        "Error",
    ];
    const AUTO_TRAITS: &[&str] = &["Send", "Sync", "Unpin"];
    let syn::Type::ImplTrait(i) = output else {
        return None;
    };
    let last = |b: &syn::TypeParamBound| match b {
        syn::TypeParamBound::Trait(t) if t.maybe.is_none() && t.lifetimes.is_none() => {
            t.path.segments.last().map(|s| s.ident.to_string())
        }
        _ => None,
    };
    let mut traits = i.bounds.iter().filter(|b| match last(b) {
        Some(name) => !AUTO_TRAITS.contains(&name.as_str()),
        // (A lifetime, `+ '_`, bounds what the value borrows, which the
        // `&dyn` leaves to inference.)
        None => !matches!(b, syn::TypeParamBound::Lifetime(_)),
    });
    let bound = traits.next()?;
    let name = last(bound)?;
    (traits.next().is_none() && DYN_TRAITS.contains(&name.as_str())).then_some(bound)
}

/// `return v` → `return { let __coro_ret: T = v; __coro_ret }`, and the
/// tail likewise, outside closures, `async` blocks and items (checked as
/// `check` says).
fn typed_returns(stmts: &mut [syn::Stmt], check: Check, ret: &syn::Ident) {
    use syn::visit_mut::VisitMut;
    struct Typed<'a> {
        check: Check<'a>,
        ret: &'a syn::Ident,
    }
    impl Typed<'_> {
        fn typed(&self, value: &syn::Expr) -> syn::Expr {
            let ret = self.ret;
            // A lint attribute on the value (`#[allow(unreachable_code)]
            // __ret`, as `#[async_trait]` writes the tail) goes on the block
            // that stands where the value did, as a tail may have one (on an
            // initialiser it would be unstable): it covers the value, and
            // the block itself, unreachable as a whole after a `return`
            // (`return 1; #[allow(unreachable_code)] { x.await }`). (Once:
            // an `expect` given twice would be unfulfilled once.)
            let mut value = value.clone();
            let lints = crate::lint_attrs::take(&mut value);
            // Nothing visits the typed value again: its statements stay
            // tokens (see `syntax`).
            // The `allow` on a block of its own: if the value diverges
            // (`fail().await` of an `async fn fail() -> !`), rustc finds
            // the read after it unreachable, where the `async fn` has no
            // such read.
            // (Its braces at the value: a tail unreachable as a whole is
            // reported there, at the user's tokens.)
            let checked = match self.check {
                Check::Typed(ty) => quote!(let #ret: #ty = #value;),
                Check::Bounded(bound) => quote!(let #ret = #value; let _: &dyn #bound = &#ret;),
            };
            let mut typed = crate::syntax::block(
                syn::spanned::Spanned::span(&value),
                quote!(#checked #[allow(unreachable_code)] { #ret }),
            );
            if let syn::Expr::Block(b) = &mut typed {
                b.attrs = lints;
            }
            typed
        }
    }
    impl VisitMut for Typed<'_> {
        fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
            match e {
                syn::Expr::Closure(_) | syn::Expr::Async(_) | syn::Expr::Macro(_) => {}
                syn::Expr::Return(r) => {
                    if let Some(value) = &mut r.expr {
                        self.visit_expr_mut(value);
                        **value = self.typed(value);
                    }
                }
                _ => syn::visit_mut::visit_expr_mut(self, e),
            }
        }
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
        fn visit_stmt_macro_mut(&mut self, _: &mut syn::StmtMacro) {}
    }
    let mut typed = Typed { check, ret };
    for stmt in stmts.iter_mut() {
        typed.visit_stmt_mut(stmt);
    }
    if let Some(syn::Stmt::Expr(tail, None)) = stmts.last_mut() {
        // A tail that never completes has type `!`, which fits any return
        // type; typed, its `__coro_ret` would be unreachable code.
        if !crate::build::never_completes(tail) {
            *tail = typed.typed(tail);
        }
    }
}

// Input:  `self.done = true;`, `match by { true => self = t, false => .. }`
//         (in a method taking `mut self`)
// Output: `#[allow(unused_assignments)] let () = self.done = true;`,
//         `match by { true => { #[allow(unused_assignments)] let () = self
//         = t; } false => .. }`
/// Marks the assignments to `self` taken by value, or to a place in it, in
/// the shadow copy's `stmts` as allowed to go unread. rustc's `async fn`
/// binds `self` as a local of its body, which its drop at the end reads
/// and whose assignments `unused_assignments` never reports; the shadow
/// copy's `async move` block captures `self` instead, and a value assigned
/// to a capture after its last read is reported ("value assigned to `self`
/// is never read", also of a field read only by a `Drop` impl:
/// `self.done = true;` in a transaction's `commit`). A lint attribute may
/// not stand on an expression statement on stable, so the assignment is
/// written as a `let` of its `()`. Closures and `async` blocks inside are
/// left alone: they capture `self` alike in both.
fn allow_self_assignments(stmts: &mut [syn::Stmt]) {
    use syn::visit_mut::VisitMut;
    struct Marker;
    impl Marker {
        fn stmts(&mut self, stmts: &mut [syn::Stmt]) {
            for stmt in stmts {
                match stmt {
                    syn::Stmt::Expr(e, _) if assigns_self(e) => {
                        let assign = e.clone();
                        *stmt = syn::parse_quote!(#[allow(unused_assignments)] let () = #assign;);
                    }
                    syn::Stmt::Local(l)
                        if l.init.as_ref().is_some_and(|i| assigns_self(&i.expr)) =>
                    {
                        l.attrs
                            .push(syn::parse_quote!(#[allow(unused_assignments)]));
                    }
                    _ => self.visit_stmt_mut(stmt),
                }
            }
        }
    }
    impl VisitMut for Marker {
        fn visit_block_mut(&mut self, b: &mut syn::Block) {
            self.stmts(&mut b.stmts);
        }
        fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
            if assigns_self(&arm.body) {
                let assign = &arm.body;
                *arm.body = syn::parse_quote!({ #[allow(unused_assignments)] let () = #assign; });
            } else {
                syn::visit_mut::visit_arm_mut(self, arm);
            }
        }
        fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
        fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }
    Marker.stmts(stmts);
}

/// An assignment (`=`, `+=`, ..) to `self` or a place in it (a field, an
/// element).
fn assigns_self(e: &syn::Expr) -> bool {
    fn rooted_at_self(e: &syn::Expr) -> bool {
        match e {
            syn::Expr::Path(p) => p.qself.is_none() && p.path.is_ident("self"),
            syn::Expr::Field(f) => rooted_at_self(&f.base),
            syn::Expr::Index(i) => rooted_at_self(&i.expr),
            syn::Expr::Paren(p) => rooted_at_self(&p.expr),
            _ => false,
        }
    }
    match e {
        syn::Expr::Assign(a) => rooted_at_self(&a.left),
        syn::Expr::Binary(b) => {
            crate::syntax::is_compound_assignment(&b.op) && rooted_at_self(&b.left)
        }
        _ => false,
    }
}

/// The body once more, as rustc would see it in an `async fn`, in a branch
/// that never runs: rustc type-checks and borrow-checks it, so the lowered
/// code (which reaches its frame through raw pointers) may assume it sound.
/// Its type, kept in `var`, also gives the frame rustc's auto traits.
pub fn shadow(p: &Parts, h: &Hygiene, var: &syn::Ident) -> TokenStream {
    let body = syn::Ident::new("__coro_body", proc_macro2::Span::mixed_site());
    let mut lets = p.param_lets.to_vec();
    let mut stmts = p.body_stmts.to_vec();
    // (Before the tail and `return`s are typed: their statements then stay
    // tokens.)
    if p.sig.params.iter().any(|q| q.is_self && q.self_by_value) {
        allow_self_assignments(&mut stmts);
    }
    // A first `return` of the declared type fixes the block's output, so
    // that every `return`, `?` and the tail coerce to it as in the `async
    // fn`. The tail and each `return` value are written as the lowered code
    // writes them (`let __coro_ret: T = value;`): a mismatch is then one
    // error, rustc's E0308 on the user's expression, not one per copy.
    let output = p.sig.output_hint.as_ref().map(|out| {
        // (Not where the value may borrow: rustc would then say E0597 of
        // the `let`, where the `async fn` says E0515 of the `return`.)
        if !has_lifetime(out) {
            typed_returns(&mut stmts, Check::Typed(out), &h.ret);
        }
        quote!(if false { return ::coro::__private::value_of_type::<#out>(); })
    });
    if let (None, false, Some(bound)) =
        (&p.sig.output_hint, p.sig.enclosed, dyn_bound(&p.sig.output))
    {
        typed_returns(&mut stmts, Check::Bounded(bound), &h.ret);
    }
    crate::lend::check_in_shadow(p.body, &p.an.lent, &mut lets, &mut stmts);
    // `self` taken by value is captured whole, as the `async fn` holds it
    // (the other arguments are bound by `lets`): a field assigned before
    // it is read would be captured alone, and its first value "never
    // read" (`unused_assignments`).
    let whole = p
        .sig
        .params
        .iter()
        .filter(|q| q.is_self && q.self_by_value)
        .map(|q| {
            let ident = &q.ident;
            quote!(let _ = &#ident;)
        });
    let checked = quote!(async move { #output #(#whole)* #(#lets)* #(#stmts)* });
    quote! {
        let mut #var = ::coro::__private::PhantomData;
        if false {
            let #body = #checked;
            #var = ::coro::__private::phantom_of(&#body);
            loop {}
        }
    }
}
