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
    let shadow = crate::shadow::shadow(p, &h, &shadow_ident());

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
    let std_named = crate::lint_attrs::std_trait_method_name(&sig.ident.to_string())
        .then(|| quote!(#[allow(clippy::should_implement_trait)]));
    quote! {
        #(#attrs)*
        #std_named
        #vis #defaultness #sig #body
    }
}

/// The name of the variable holding the shadow copy's type.
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
