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
    };

    let attrs = &p.f.attrs;
    let vis = &p.f.vis;
    let defaultness = &p.f.defaultness;
    let sig = &p.sig.sig;
    let items = p.items;
    let frame_struct = frame_struct(p);
    let state_enum = state_enum(p);
    let frame_impl = frame_impl(p);
    let shadow = shadow(p, &h);

    let frame_ty = &p.names.frame;
    let state = &p.names.state;
    let inits = p.an.frame_vars.iter().map(|&v| {
        let field = p.names.fields[v].as_ref().expect("named");
        if matches!(p.body.vars[v].kind, VarKind::Param) {
            let ident = &p.body.vars[v].name;
            quote!(#field: ::coro::__private::Slot::new(#ident))
        } else {
            quote!(#field: ::coro::__private::Slot::uninit())
        }
    });
    let arms = (0..p.body.blocks.len()).map(|b| lowerer.arm(b));
    let (f, frame_param, cx, resume, shadow_var) =
        (&h.frame, &h.frame_param, &h.cx, &h.resume, shadow_ident());
    let poll_ret = ret_ty.map(|t| quote!(-> ::core::task::Poll<#t>));
    quote! {
        #(#attrs)*
        #vis #defaultness #sig {
            #(#items)*
            #frame_struct
            #state_enum
            #frame_impl
            #shadow
            #[allow(
                unknown_lints, dangerous_implicit_autorefs, unused_unsafe, unused_mut, unused_variables, unused_assignments, unused_braces,
                unused_parens, unreachable_code, unreachable_patterns, non_shorthand_field_patterns,
                clippy::all, clippy::pedantic, clippy::nursery
            )]
            let __coroutine = ::coro::__private::Coroutine::new(
                #frame_ty {
                    state: ::coro::__private::StateCell::new(#state::Start),
                    #(#inits,)*
                    shadow: #shadow_var,
                },
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
                                #state::Panicked => ::coro::__private::resumed_after_panicking(),
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

fn frame_struct(p: &Parts) -> TokenStream {
    let name = &p.names.frame;
    let state = &p.names.state;
    let fn_name = &p.f.sig.ident;
    let params: Vec<_> =
        p.an.frame_vars
            .iter()
            .map(|&v| p.names.params[v].clone().expect("named"))
            .collect();
    let shadow = &p.names.shadow_param;
    let fields = p.an.frame_vars.iter().map(|&v| {
        let field = p.names.fields[v].as_ref().expect("named");
        let param = p.names.params[v].as_ref().expect("named");
        let doc = field_doc(p.body, v);
        quote! {
            #[doc = #doc]
            #field: ::coro::__private::Slot<#param>,
        }
    });
    let doc = format!(
        " The frame of the coroutine `{fn_name}`: its state and every value that lives across one of its suspension points, each in its own slot."
    );
    quote! {
        #[doc = #doc]
        #[allow(non_camel_case_types, dead_code)]
        struct #name<#(#params,)* #shadow> {
            state: ::coro::__private::StateCell<#state>,
            #(#fields)*
            /// Carries the type of the shadow copy of the body, so that the
            /// coroutine is `Send`/`Sync` exactly when rustc's would be.
            shadow: ::coro::__private::PhantomData<#shadow>,
        }
    }
}

fn field_doc(body: &Body, v: VarId) -> String {
    let var = &body.vars[v];
    match &var.kind {
        VarKind::Param if var.name == "self" => " `self`".to_string(),
        VarKind::Param => format!(" The argument `{}`.", var.name),
        VarKind::Local => format!(" `let {}`", var.name),
        VarKind::Awaitee(a) => format!(" The future of `{}.await`.", body.awaits[*a].source),
        VarKind::Iter => " The iterator of a `for` loop.".to_string(),
        VarKind::Temp { what } => format!(" A temporary: {what}."),
        VarKind::Result => " The value of a block.".to_string(),
    }
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
            /// Completed: polling again panics.
            Returned,
            /// A poll panicked: polling again panics.
            Panicked,
        }
    }
}

fn frame_impl(p: &Parts) -> TokenStream {
    let name = &p.names.frame;
    let state = &p.names.state;
    let params: Vec<_> =
        p.an.frame_vars
            .iter()
            .map(|&v| p.names.params[v].clone().expect("named"))
            .collect();
    let shadow = &p.names.shadow_param;
    let drops = p.an.frame_vars.iter().enumerate().rev().map(|(i, &v)| {
        let field = p.names.fields[v].as_ref().expect("named");
        if i == 0 {
            quote!(if first == 0 { self.#field.drop_if_init(); })
        } else {
            quote!(if first <= #i { self.#field.drop_if_init(); })
        }
    });
    let first = if p.an.frame_vars.is_empty() { quote!(_first) } else { quote!(first) };
    // Dropped before its first poll, a coroutine holds only its arguments,
    // and rustc drops those in the order they are declared.
    let arguments: Vec<_> = p
        .an
        .frame_vars
        .iter()
        .filter(|&&v| matches!(p.body.vars[v].kind, VarKind::Param))
        .map(|&v| p.names.fields[v].clone().expect("named"))
        .collect();
    let unpolled = (!arguments.is_empty()).then(|| {
        quote! {
            if first == 0 && ::core::matches!(self.state.get(), #state::Start) {
                #(self.#arguments.drop_if_init();)*
                return;
            }
        }
    });
    quote! {
        // SAFETY: `drop_from` drops the frame's values in reverse order of
        // declaration, rustc's drop order, each only if its flag says it holds
        // one, and leaves it empty.
        unsafe impl<#(#params,)* #shadow> ::coro::__private::Frame for #name<#(#params,)* #shadow> {
            unsafe fn drop_from(&self, #first: usize) {
                // SAFETY: the caller guarantees no borrow of a slot is alive.
                unsafe {
                    #unpolled
                    #(#drops)*
                }
            }
            fn poison(&self) {
                self.state.set(#state::Panicked);
            }
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
