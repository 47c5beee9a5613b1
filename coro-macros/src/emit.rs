//! Assembles the expansion. Nothing is decided here.
//!
//! ```text
//! fn name(args) -> impl Future<Output = T> {
//!     <items declared at the top of the body>
//!     struct NameFrame<..> { state, <one slot per frame var>, shadow }
//!     enum NameState { Start, <one per suspension and join point>, Returned, Panicked }
//!     unsafe impl Frame for NameFrame<..> { drop_from, poison }
//!     <the dead shadow copy of the body, type- and borrow-checked by rustc>
//!     Coroutine::new(NameFrame { .. }, |frame, cx| loop { match state { .. } })
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
    let ret_ty = p.sig.output_nameable.then_some(&p.sig.output);
    let lowerer = Lowerer {
        body: p.body,
        an: p.an,
        names: p.names,
        ret_ty,
        h: &h,
        layout: p.layout,
    };

    let attrs = &p.f.attrs;
    let vis = &p.f.vis;
    let defaultness = &p.f.defaultness;
    let sig = &p.sig.sig;
    let items = p.items;
    let frame_struct = crate::frame::types(p);
    let accessors = crate::frame::accessors(p);
    let state_enum = state_enum(p);
    let frame_impl = crate::frame::frame_impl(p);
    let shadow = shadow(p, &h);

    let state = &p.names.state;
    let frame_init = crate::frame::init(p, &shadow_ident());
    let arms = (0..p.body.blocks.len()).map(|b| lowerer.arm(b));
    let (f, frame_param, cx, resume) = (&h.frame, &h.frame_param, &h.cx, &h.resume);
    let poll_ret = ret_ty.map(|t| quote!(-> ::core::task::Poll<#t>));
    quote! {
        #(#attrs)*
        #vis #defaultness #sig {
            #(#items)*
            #frame_struct
            #accessors
            #state_enum
            #frame_impl
            #shadow
            #[allow(
                unknown_lints, dangerous_implicit_autorefs, unused_unsafe, unused_mut, unused_variables, unused_assignments, unused_braces,
                unused_parens, unreachable_code, unreachable_patterns, non_shorthand_field_patterns,
                clippy::all, clippy::pedantic, clippy::nursery
            )]
            let __coroutine = ::coro::__private::Coroutine::new(
                #frame_init,
                |#frame_param, #cx| #poll_ret {
                    // SAFETY: every access to the frame below is one the
                    // shadow copy of the body (above) makes in safe code, and
                    // the frame does not move while this closure runs.
                    unsafe {
                        let #f = ::coro::__private::unbound(#frame_param);
                        #resume: loop {
                            match #f.state.get() {
                                #(#arms)*
                                #state::Returned => ::coro::__private::resumed_after_completion(),
                                // A poll that left the state `Running` panicked
                                // (and poisoned the frame) or is still running.
                                #state::Running | #state::Panicked => ::coro::__private::resumed_after_panicking(),
                            }
                        }
                    }
                },
            );
            __coroutine
        }
    }
}

fn shadow_ident() -> syn::Ident {
    syn::Ident::new("__coro_shadow", proc_macro2::Span::mixed_site())
}

fn state_enum(p: &Parts) -> TokenStream {
    let name = &p.names.state;
    let variants = p.body.blocks.iter().enumerate().map(|(b, block)| {
        let variant = &p.names.blocks[b];
        let doc = match &block.kind {
            BlockKind::Start => " Not polled yet: only the arguments are stored.".to_string(),
            BlockKind::Resume(a) => format!(" Suspended at `{}.await`.", p.body.awaits[*a].source),
            BlockKind::Join { what } => {
                format!(" Where control continues: {what} (not a suspension point).")
            }
        };
        quote! {
            #[doc = #doc]
            #variant,
        }
    });
    quote! {
        /// Where the coroutine is.
        #[derive(Clone, Copy)]
        #[allow(dead_code)]
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

/// The body once more, as rustc would see it in an `async fn`, in a branch
/// that never runs: rustc type-checks and borrow-checks it, so the lowered
/// code (which reaches its frame through raw pointers) may assume it sound.
/// Its type also gives the frame rustc's auto traits.
fn shadow(p: &Parts, h: &Hygiene) -> TokenStream {
    let _ = h;
    let var = shadow_ident();
    let body = syn::Ident::new("__coro_body", proc_macro2::Span::mixed_site());
    let lets = p.param_lets;
    let stmts = p.body_stmts;
    let block = quote!(async move { #(#lets)* #(#stmts)* });
    let checked = if p.sig.output_nameable {
        let out = &p.sig.output;
        quote!(::coro::__private::returns::<#out, _>(#block))
    } else {
        block
    };
    quote! {
        let mut #var = ::coro::__private::PhantomData;
        if false {
            let #body = #checked;
            #var = ::coro::__private::phantom_of(&#body);
            loop {}
        }
    }
}
