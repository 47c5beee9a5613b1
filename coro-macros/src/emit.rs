//! Assembles the expansion. Nothing is decided here.
//!
//! ```text
//! fn name(args) -> impl Future<Output = T> {
//!     <items declared at the top of the body>
//!     <the dead shadow copy of the body, type- and borrow-checked by rustc>
//!     #[allow(..)]
//!     let __coroutine = {
//!         struct NameFrame<..> { state, <one slot per frame var>, shadow }
//!         enum NameState { Start, <one per suspension and join point>, Returned, Panicked }
//!         unsafe impl Frame for NameFrame<..> { drop_from, poison }
//!         Coroutine::new(NameFrame { .. }, |frame, cx| loop {
//!             'Last: { .. 'First: { match state { First => break 'First, .. } } <First's code> .. }
//!             <Last's code>
//!         })
//!     };
//!     __coroutine
//! }
//! ```

use crate::analyse::Analysis;
use crate::input::CoroutineFn;
use crate::ir::*;
use crate::lower::{Hygiene, Lowerer};
use crate::names::Names;
use crate::signature;
use proc_macro2::TokenStream;
use quote::quote;

pub struct Parts<'a> {
    pub f: &'a CoroutineFn,
    pub sig: &'a signature::Lowered,
    pub items: &'a [syn::Item],
    /// Statements binding pattern parameters (`let (a, b) = __arg1;`).
    pub param_lets: &'a [syn::Stmt],
    /// The body's statements without the hoisted items.
    pub body_stmts: &'a [syn::Stmt],
    pub body: &'a Body,
    pub an: &'a Analysis,
    pub names: &'a Names,
    pub layout: &'a crate::layout::Layout,
}

pub fn coroutine(p: &Parts) -> TokenStream {
    let h = Hygiene::new();
    let ret_ty = p.sig.output_hint.as_ref();
    let lowerer = Lowerer {
        body: p.body,
        an: p.an,
        names: p.names,
        ret_ty,
        h: &h,
        layout: p.layout,
        current: std::cell::Cell::new(0),
    };

    // `#[must_use]` on an `async fn` is about its output; on the function
    // that returns the `impl Future` (already `must_use`), clippy would
    // call it doubled (`double_must_use`).
    let attrs = p.f.attrs.iter().filter(|a| !a.path().is_ident("must_use"));
    let vis = &p.f.vis;
    let defaultness = &p.f.defaultness;
    let sig = &p.sig.sig;
    let items = p.items;
    let frame_struct = crate::frame::types(p);
    let state_enum = state_enum(p);
    let frame_impl = crate::frame::frame_impl(p);
    let shadow = shadow(p, &h);

    let state = &p.names.state;
    let frame_init = crate::frame::init(p, &shadow_ident());
    let (f, frame_param, cx, resume) = (&h.frame, &h.frame_param, &h.cx, &h.resume);
    let slot_refs = crate::frame::slot_refs(p, &h);
    let dropper_binds = crate::frame::dropper_binds(p, &h.frame);
    let finished = quote! {
        #state::Returned => ::coro::__private::resumed_after_completion(),
        // A poll that left the state `Running` panicked
        // (and poisoned the frame) or is still running.
        #state::Running | #state::Panicked => ::coro::__private::resumed_after_panicking(),
    };
    let chunks: Vec<&[BlockId]> = p.an.chunks().collect();
    let states = if let [only] = chunks.as_slice() {
        nest(p, &lowerer, only, &finished)
    } else {
        // Several nests: the outer `match` picks the nest, whose own
        // `match` picks the state.
        let arms = chunks.iter().map(|chunk| {
            let variants = chunk.iter().map(|&b| &p.names.blocks[b]);
            let nest = nest(p, &lowerer, chunk, &quote!(_ => ::core::unreachable!(),));
            quote!(#(#state::#variants)|* => { #nest })
        });
        let place = &lowerer.h.state;
        quote! {
            match *#place {
                #(#arms)*
                #finished
            }
        }
    };
    let poll_ret = ret_ty.map(|t| quote!(-> ::core::task::Poll<#t>));
    let body = quote! {
            #(#items)*
            #shadow
            // Everything generated is the macro's, not the user's: one
            // `allow` covers it, so the user's lint levels
            // (`#![deny(clippy::pedantic)]`) are not its (rustc checks each
            // lint name of each `allow` it meets, once per coroutine here).
            // A closure that names frame values reaches them through shared
            // references to their slots, so it is `Copy` where the user's
            // (capturing `&mut out`) is not: `drop(push)` would lint here,
            // and the shadow copy lints the user's code as written.
            // So do the lints rustc gives on the user's own code, which the
            // user may allow on a statement the lowering takes apart
            // (`#[allow(deprecated)] let a = old_api().await;`).
            #[allow(
                unknown_lints, dangerous_implicit_autorefs, unused, non_shorthand_field_patterns, irrefutable_let_patterns,
                non_camel_case_types, dropping_copy_types, forgetting_copy_types,
                deprecated, dropping_references, forgetting_references, unused_comparisons,
                suspicious_double_ref_op, noop_method_call, static_mut_refs,
                let_underscore_drop, unused_results,
                clippy::all, clippy::pedantic, clippy::nursery
            )]
            let __coroutine = {
                #frame_struct
                #state_enum
                #frame_impl
                ::coro::__private::Coroutine::new(
                    #frame_init,
                    |#frame_param, #cx| #poll_ret {
                        // SAFETY: every access to the frame below is one the
                        // shadow copy of the body (above) makes in safe code, and
                        // the frame does not move while this closure runs.
                        unsafe {
                            let #f = ::coro::__private::unbound(#frame_param);
                            #slot_refs
                            #resume: loop {
                                #states
                            }
                            #dropper_binds
                        }
                    },
                )
            };
            __coroutine
    };
    // In a function another attribute wrapped around an `async` block, the
    // coroutine (a block expression) takes the block's place.
    let body = match &p.f.enclosing {
        Some(enclosing) => {
            let stmts = crate::enclosing::replace(enclosing, quote!({ #body }));
            quote!(#(#stmts)*)
        }
        None => body,
    };
    // The body's braces are the user's: rustc takes an item whose span
    // ends in the macro's tokens for the macro's own, and keeps lints
    // such as `dead_code` ("function is never used") quiet on it.
    let mut body = proc_macro2::Group::new(proc_macro2::Delimiter::Brace, body);
    body.set_span(p.f.braces.span.join());
    let std_named = std_trait_method_name(&sig.ident.to_string())
        .then(|| quote!(#[allow(clippy::should_implement_trait)]));
    quote! {
        #(#attrs)*
        #std_named
        #vis #defaultness #sig #body
    }
}

// Input:  `pub async fn next(&mut self) -> Option<Frame>`
// Output: `#[allow(clippy::should_implement_trait)] pub fn next(&mut self)
//         -> impl Future<Output = Option<Frame>>`
/// Whether a method of this name is one clippy's `should_implement_trait`
/// compares with std's traits' (`next`, `default`, `from_str`, ..). The lint
/// skips an `async fn`, whose output is a future and so no trait's; the
/// lowered function is not `async`, and gets an `allow` of it, as the
/// `async fn` has none to give.
fn std_trait_method_name(name: &str) -> bool {
    matches!(
        name,
        "add"
            | "as_mut"
            | "as_ref"
            | "bitand"
            | "bitor"
            | "bitxor"
            | "borrow"
            | "borrow_mut"
            | "clone"
            | "cmp"
            | "default"
            | "deref"
            | "deref_mut"
            | "div"
            | "drop"
            | "eq"
            | "from_iter"
            | "from_str"
            | "hash"
            | "index"
            | "index_mut"
            | "into_iter"
            | "mul"
            | "neg"
            | "next"
            | "not"
            | "rem"
            | "shl"
            | "shr"
            | "sub"
    )
}

fn shadow_ident() -> syn::Ident {
    syn::Ident::new("__coro_shadow", proc_macro2::Span::mixed_site())
}

/// The code of the states of one chunk (see `Analysis::chunks`), each after
/// a labelled block that contains the dispatch and the code of every
/// earlier state of the chunk: the dispatch breaks out of the state's block
/// to resume it, and earlier code breaks out of it to go on there directly
/// (see `Analysis::jumps_forward`). `others` are the dispatch's arms for the
/// states outside the chunk.
fn nest(p: &Parts, lowerer: &Lowerer, chunk: &[BlockId], others: &TokenStream) -> TokenStream {
    let (place, state) = (&lowerer.h.state, &p.names.state);
    let dispatch = chunk.iter().map(|&b| {
        let (variant, label) = (&p.names.blocks[b], &p.names.labels[b]);
        quote!(#state::#variant => break #label,)
    });
    let mut states = quote! {
        match *#place {
            #(#dispatch)*
            #others
        }
    };
    for &b in chunk {
        let (label, code) = (&p.names.labels[b], lowerer.block_code(b));
        let doc = format!(" State `{}`:{}", p.names.blocks[b], state_doc(p, b));
        states = quote! {
            #label: { #states }
            #[doc = #doc]
            #code
        };
    }
    states
}

/// What state `b` is, for the reader.
fn state_doc(p: &Parts, b: BlockId) -> String {
    match &p.body.blocks[b].kind {
        BlockKind::Start => " Not polled yet: only the arguments are stored.".to_string(),
        BlockKind::Resume(a) => format!(" Suspended at {}.", p.body.awaits[*a].shown()),
        BlockKind::Join { what } => {
            format!(" Where control continues: {what} (not a suspension point).")
        }
    }
}

fn state_enum(p: &Parts) -> TokenStream {
    let name = &p.names.state;
    let variants = (0..p.body.blocks.len()).map(|b| {
        let variant = &p.names.blocks[b];
        let doc = state_doc(p, b);
        quote! {
            #[doc = #doc]
            #variant,
        }
    });
    quote! {
        /// Where the coroutine is. (Read and written in place, so neither
        /// `Clone` nor `Copy`: deriving them costs rustc a little to check.)
        enum #name {
            #(#variants)*
            /// Between suspension points: the code of some state is running
            /// (its awaitee, if it had one, is done).
            Running,
            /// Completed: polling again panics.
            Returned,
            /// A poll panicked: polling again panics.
            Panicked,
        }
    }
}

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

/// `return v` → `return { let __coro_ret: T = v; __coro_ret }`, and the
/// tail likewise, outside closures, `async` blocks and items.
fn typed_returns(stmts: &mut [syn::Stmt], ty: &syn::Type, ret: &syn::Ident) {
    use syn::visit_mut::VisitMut;
    struct Typed<'a> {
        ty: &'a syn::Type,
        ret: &'a syn::Ident,
    }
    impl Typed<'_> {
        fn typed(&self, value: &syn::Expr) -> syn::Expr {
            let (ty, ret) = (self.ty, self.ret);
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
            let mut typed = crate::syntax::block(
                syn::spanned::Spanned::span(&value),
                quote!(let #ret: #ty = #value; #[allow(unreachable_code)] { #ret }),
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
    let mut typed = Typed { ty, ret };
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
    use syn::BinOp::*;
    match e {
        syn::Expr::Assign(a) => rooted_at_self(&a.left),
        syn::Expr::Binary(b) => {
            matches!(
                b.op,
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
            ) && rooted_at_self(&b.left)
        }
        _ => false,
    }
}

/// The body once more, as rustc would see it in an `async fn`, in a branch
/// that never runs: rustc type-checks and borrow-checks it, so the lowered
/// code (which reaches its frame through raw pointers) may assume it sound.
/// Its type also gives the frame rustc's auto traits.
fn shadow(p: &Parts, h: &Hygiene) -> TokenStream {
    let var = shadow_ident();
    let body = syn::Ident::new("__coro_body", proc_macro2::Span::mixed_site());
    let lets = p.param_lets;
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
            typed_returns(&mut stmts, out, &h.ret);
        }
        quote!(if false { return ::coro::__private::value_of_type::<#out>(); })
    });
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
