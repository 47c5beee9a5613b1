//! Emits the frame: its struct, the parts and unions its slots overlap in
//! (see `layout`), its `Frame` impl, its initial value, and the references
//! to its slots that the poll (and `drop_from`) bind at the top.
//!
//! ```text
//! struct NameFrame<A, B, C, Shadow> {
//!     state: StateCell<NameState>,
//!     live: Flags<1>,                 // drop flags, one bit per slot
//!     a: Slot<A, 0>,                  // alive throughout
//!     overlap: NameOverlap2<B, C, D>, // never alive together:
//!     shadow: PhantomData<Shadow>,
//! }
//! union NameOverlap2<B, C, D> {
//!     stmt_3: ManuallyDrop<NameStmt3<B, C>>,
//!     read_future: ManuallyDrop<Awaitee<D>>,
//! }
//! struct NameStmt3<B, C> { b: Slot<B, 1>, c: Slot<C, 2> }
//! // in the poll and in `drop_from` (a part by a pointer, see `part_refs`):
//! let __coro_part0_stmt_3 = part_ptr(&raw const __f.overlap.stmt_3);
//! let __coro_slot_b = &(*__coro_part0_stmt_3).b;
//! ```
//!
//! Where a member of the union holds a small value beside others (see
//! `layout::head`), the frame's own fields move into every member instead,
//! each a `#[repr(C)]` struct starting with them, and the poll reaches them
//! through the first member:
//!
//! ```text
//! struct NameFrame<A, B, C, D, Shadow> { overlap: NameOverlapB<A, B, C, D>, shadow: .. }
//! #[repr(C)]
//! union NameOverlapB<A, B, C, D> { read_future: ManuallyDrop<NameAtReadFuture<A, B>>, .. }
//! #[repr(C)]
//! struct NameStmt3<A, C, D> { a: Slot<A, 0>, state: .., live: .., c: Slot<C, 2>, write_future: Awaitee<D> }
//! let __coro_state = (*part_ptr(&raw const __f.overlap.read_future)).state.ptr();
//! ```

use crate::emit::Parts;
use crate::ir::*;
use crate::layout::{Head, Member, Part, is_awaitee, part_vars, vars_below};
use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

fn param_of<'a>(p: &Parts<'a>, v: VarId) -> &'a Ident {
    p.names.params[v].as_ref().expect("a frame var")
}

fn field_of<'a>(p: &Parts<'a>, v: VarId) -> &'a Ident {
    p.names.fields[v].as_ref().expect("a frame var")
}

/// The frame's type parameters: one per frame var, then one per dropper.
fn frame_params(p: &Parts) -> Vec<Ident> {
    let mut params = params_of(p, p.an.frame_vars.iter().copied());
    params.extend(
        p.names
            .droppers
            .iter()
            .flatten()
            .map(|(_, param)| param.clone()),
    );
    params
}

fn params_of(p: &Parts, vars: impl IntoIterator<Item = VarId>) -> Vec<Ident> {
    let mut vars: Vec<VarId> = vars.into_iter().collect();
    vars.sort_unstable();
    vars.into_iter().map(|v| param_of(p, v).clone()).collect()
}

/// The number of bytes of drop flags.
fn flag_bytes(p: &Parts) -> usize {
    p.layout.flag_count.div_ceil(8)
}

/// The type of a var's storage: a `Slot` with its drop flag's bit, or an
/// `Awaitee` (whose liveness the state says).
fn storage_ty(p: &Parts, v: VarId) -> TokenStream {
    let param = param_of(p, v);
    match p.layout.bits[v] {
        Some(bit) => quote!(::coro::__private::Slot<#param, #bit>),
        None => quote!(::coro::__private::Awaitee<#param>),
    }
}

/// The frame struct and the types of its overlapping parts.
pub fn types(p: &Parts) -> TokenStream {
    let name = &p.names.frame;
    let fn_name = &p.f.sig.ident;
    let params = frame_params(p);
    let droppers = p.names.droppers.iter().enumerate().filter_map(|(v, d)| {
        let (field, param) = d.as_ref()?;
        let doc = format!(
            " Drops what patterns left of `{}` (see `{}`).",
            p.body.vars[v].name,
            field_of(p, v)
        );
        Some(quote! {
            #[doc = #doc]
            #field: #param,
        })
    });
    let shadow = &p.names.shadow_param;
    let (fields, overlap_field, nested) = part_body(p, &p.layout.root, p.layout.head.as_ref());
    let head = p
        .layout
        .head
        .is_none()
        .then(|| head_fields(p, &Head::default()));
    let doc = format!(
        " The frame of the coroutine `{fn_name}`: its state and every value that lives across one of its suspension points, each in its own slot. Values that are never alive together share storage (`overlap`)."
    );
    quote! {
        #[doc = #doc]
        struct #name<#(#params,)* #shadow> {
            #head
            #fields
            #overlap_field
            #(#droppers)*
            /// Carries the type of the shadow copy of the body, so that the
            /// coroutine is `Send`/`Sync` exactly when rustc's would be.
            shadow: ::coro::__private::PhantomData<#shadow>,
        }
        #nested
    }
}

/// The state, the drop flags and the slots of `head` around them: the
/// start of the frame's struct, or of every member of its union (see
/// `layout::Cx::head`).
fn head_fields(p: &Parts, head: &Head) -> TokenStream {
    let state = &p.names.state;
    let flags = flag_bytes(p);
    let (before, after) = (slot_fields(p, &head.before), slot_fields(p, &head.after));
    quote! {
        #before
        state: ::coro::__private::StateCell<#state>,
        /// Drop flags: bit `i` says whether slot `i` holds a value.
        live: ::coro::__private::Flags<#flags>,
        #after
    }
}

fn slot_fields(p: &Parts, vars: &[VarId]) -> TokenStream {
    vars.iter()
        .map(|&v| {
            let (field, ty) = (field_of(p, v), storage_ty(p, v));
            let doc = field_doc(p.body, v);
            quote! {
                #[doc = #doc]
                #field: #ty,
            }
        })
        .collect()
}

/// A part's slot fields, its union field, and the types below it. With
/// `head`, each member of the union starts with the state, the flags and
/// the slots of `head` (see `layout::Cx::head`).
fn part_body(
    p: &Parts,
    part: &Part,
    head: Option<&Head>,
) -> (TokenStream, TokenStream, TokenStream) {
    let fields = slot_fields(p, &part.vars);
    let Some(overlap) = &part.overlap else {
        return (fields, TokenStream::new(), TokenStream::new());
    };
    let union_ty = &overlap.ty;
    let head_vars: Vec<VarId> = head.map(|h| h.vars().collect()).unwrap_or_default();
    let union_params = params_of(
        p,
        overlap
            .members
            .iter()
            .flat_map(vars_below)
            .chain(head_vars.iter().copied()),
    );
    let overlap_field = quote! {
        /// Values that are never alive together, overlapping.
        overlap: #union_ty<#(#union_params,)*>,
    };
    let mut nested = TokenStream::new();
    let mut members = TokenStream::new();
    for member in &overlap.members {
        match member {
            Member::Slot(v) => {
                let (field, ty) = (field_of(p, *v), storage_ty(p, *v));
                let doc = field_doc(p.body, *v);
                members.extend(quote! {
                    #[doc = #doc]
                    #field: ::core::mem::ManuallyDrop<#ty>,
                });
            }
            Member::Part { field, part } => {
                let ty = &part.ty;
                let part_params = params_of(
                    p,
                    part_vars(part).into_iter().chain(head_vars.iter().copied()),
                );
                let (fields, overlap_field, below) = part_body(p, part, None);
                // The same first fields in every member, so at the same
                // offsets: the fields in the written order.
                let (repr, head) = match head {
                    Some(head) => (quote!(#[repr(C)]), head_fields(p, head)),
                    None => (TokenStream::new(), TokenStream::new()),
                };
                nested.extend(quote! {
                    #repr
                    struct #ty<#(#part_params,)*> {
                        #head
                        #fields
                        #overlap_field
                    }
                    #below
                });
                members.extend(quote!(#field: ::core::mem::ManuallyDrop<#ty<#(#part_params,)*>>,));
            }
        }
    }
    let repr = head.map(|_| quote!(#[repr(C)]));
    nested.extend(quote! {
        #repr
        union #union_ty<#(#union_params,)*> {
            #members
        }
    });
    (fields, overlap_field, nested)
}

fn field_doc(body: &Body, v: VarId) -> String {
    let var = &body.vars[v];
    match &var.kind {
        VarKind::Param if var.name == "self" => " `self`".to_string(),
        VarKind::Param => format!(" The argument `{}`.", var.name),
        VarKind::Local => format!(" `let {}`", var.name),
        VarKind::Awaitee(a) => format!(" The future of {}.", body.awaits[*a].shown()),
        VarKind::Iter => " The iterator of a `for` loop.".to_string(),
        VarKind::Temp { what } => format!(" A temporary: {what}."),
        VarKind::Result => " The value of a block.".to_string(),
    }
}

/// The bindings at the top of the poll: the state cell, the drop flags, the
/// frame as the guards see it, each part of the frame and each slot, reached
/// once per poll; the code then names the slot's reference
/// (`__coro_slot_buf.take(..)`). `drop_from` binds the parts and slots the
/// same way, from `self`.
///
/// Why not an accessor (`__f.buf()`) at each use: the poll's code is where
/// rustc infers the frame's type parameters, one per slot, most of them
/// still unknown while it checks the code before their slot's first write.
/// Every expression typed with the frame (an accessor call, a deref of a
/// part, a guard generic over the frame) made rustc re-resolve obligations
/// over all of them, so checking the poll took time cubic in its awaits
/// (`cargo bench -p coro-bench -- scaling`). Bound here, the frame's type is
/// met once per part, and the guards that drop frame values on an exit or
/// an unwind take the frame as `&dyn Frame`.
///
/// ```text
/// let __coro_state = __f.state.ptr();                       // written directly
/// let __coro_live = &__f.live;
/// let __coro_frame: &dyn Frame = __f;                        // for the guards
/// let __coro_slot_a = &__f.a;                                // in the frame
/// let __coro_part0_with_acc = part_ptr(&raw const __f.overlap.with_acc); // a part
/// let __coro_slot_acc = &(*__coro_part0_with_acc).acc;
/// let __coro_slot_step_future = &*(*__coro_part0_with_acc).overlap.step_future;
/// ```
pub fn slot_refs(p: &Parts, h: &crate::lower::Hygiene) -> TokenStream {
    let (frame, state, live, guarded) = (&h.frame, &h.state, &h.live_capture, &h.guarded);
    let head = head_place(p, &quote!(#frame));
    let mut out = quote! {
        let #state = #head.state.ptr();
        let #live = &#head.live;
        let #guarded: &dyn ::coro::__private::Frame = #frame;
    };
    part_refs(
        p,
        &p.layout.root,
        &quote!(#frame),
        p.layout.head.as_ref(),
        &mut 0,
        &mut out,
    );
    out
}

/// The struct that holds the state and the drop flags, reached from the
/// frame `frame`: the frame's own, or the first member of its union (every
/// member starts with them, see `layout::Cx::head`), reached in an
/// `unsafe` context.
fn head_place(p: &Parts, frame: &TokenStream) -> TokenStream {
    match (&p.layout.head, &p.layout.root.overlap) {
        (Some(_), Some(overlap)) => {
            let Member::Part { field: first, .. } = &overlap.members[0] else {
                unreachable!("with a head, every member is a struct (see `layout::Cx::head`)")
            };
            quote!((*::coro::__private::part_ptr(&raw const #frame.overlap.#first)))
        }
        _ => frame.clone(),
    }
}

/// The references to `part`'s slots and pointers to its parts, `base`
/// being `part`'s place (the frame, through a reference, or a part,
/// through its pointer).
/// `head`: the slots at the start of every member of `part`'s union (see
/// `layout::Cx::head`), reached through the first.
/// `parts`: how many part references are bound so far (each is numbered:
/// two parts may have the same field name in different unions).
fn part_refs(
    p: &Parts,
    part: &Part,
    base: &TokenStream,
    mut head: Option<&Head>,
    parts: &mut usize,
    out: &mut TokenStream,
) {
    for &v in &part.vars {
        let field = field_of(p, v);
        let slot = crate::names::slot_ref(field);
        out.extend(quote!(let #slot = &#base.#field;));
    }
    let Some(overlap) = &part.overlap else {
        return;
    };
    // A union member is reached through its `ManuallyDrop`. A reference to
    // a slot is valid whatever the union holds: its bytes may be anything,
    // and it is used only while its drop flag (or, for an awaitee, the
    // state) says it holds a value. A part (a struct of slots) is reached
    // by a pointer, never a reference: a reference to a struct asserts
    // that its padding is not written (a shared read of those bytes, under
    // Stacked Borrows), where another member's slot may hold a value that
    // a `&mut` kept in the frame points to (`let b = pin!(value(2));`).
    for member in &overlap.members {
        match member {
            Member::Slot(v) => {
                let field = field_of(p, *v);
                let slot = crate::names::slot_ref(field);
                out.extend(quote!(let #slot = &*#base.overlap.#field;));
            }
            Member::Part { field, part } => {
                let part_ref = crate::names::part_ref(field, *parts);
                *parts += 1;
                out.extend(quote!(
                    let #part_ref = ::coro::__private::part_ptr(&raw const #base.overlap.#field);
                ));
                for v in head.take().iter().flat_map(|h| h.vars()) {
                    let field = field_of(p, v);
                    let slot = crate::names::slot_ref(field);
                    out.extend(quote!(let #slot = &(*#part_ref).#field;));
                }
                part_refs(p, part, &quote!((*#part_ref)), None, parts, out);
            }
        }
    }
}

/// The frame's `Frame` impl: its drops in rustc's order.
pub fn frame_impl(p: &Parts) -> TokenStream {
    let name = &p.names.frame;
    let state = &p.names.state;
    let params = frame_params(p);
    let shadow = &p.names.shadow_param;
    let head = head_place(p, &quote!(self));
    let bounds = p.names.droppers.iter().enumerate().filter_map(|(v, d)| {
        let (_, param) = d.as_ref()?;
        let value = param_of(p, v);
        let count: usize = p
            .layout
            .partial_arms(&p.an.partials, v)
            .iter()
            .map(Vec::len)
            .sum();
        Some(quote!(#param: ::coro::__private::DropParts<#value, #count>,))
    });
    // Suspended at an `.await`, the frame's youngest value is its future.
    let awaitees: Vec<TokenStream> = p
        .body
        .awaits
        .iter()
        .filter(|a| p.an.in_frame[a.awaitee])
        .map(|a| {
            let (variant, field) = (&p.names.blocks[a.resume], field_of(p, a.awaitee));
            let slot = crate::names::slot_ref(field);
            // (The state moves on first: if the drop panics, the rest of
            // the frame is dropped again from the start, not this one.)
            quote!(#state::#variant => {
                *#head.state.ptr() = #state::Panicked;
                #slot.drop_in_place()
            })
        })
        .collect();
    let drop_awaitee = (!awaitees.is_empty()).then(|| {
        quote! {
            match *#head.state.ptr() {
                #(#awaitees)*
                _ => {}
            }
        }
    });
    let drops =
        p.an.frame_vars
            .iter()
            .enumerate()
            .rev()
            .filter(|&(_, &v)| !is_awaitee(p.body, v))
            .map(|(i, &v)| {
                let drop = drop_var(p, v, &quote!(#head.live));
                if i == 0 {
                    quote!(if first == 0 { #drop })
                } else {
                    quote!(if first <= #i { #drop })
                }
            });
    // The slots, reached as the poll reaches them (see `slot_refs`).
    let mut slots = TokenStream::new();
    part_refs(
        p,
        &p.layout.root,
        &quote!(self),
        p.layout.head.as_ref(),
        &mut 0,
        &mut slots,
    );
    let first = if p.layout.flag_count == 0 {
        quote!(_first)
    } else {
        quote!(first)
    };
    // Dropped before its first poll, a coroutine holds only its arguments,
    // and rustc drops those in the order they are declared.
    let arguments: Vec<Ident> =
        p.an.frame_vars
            .iter()
            .filter(|&&v| matches!(p.body.vars[v].kind, VarKind::Param))
            .map(|&v| crate::names::slot_ref(field_of(p, v)))
            .collect();
    let unpolled = (!arguments.is_empty()).then(|| {
        quote! {
            if first == 0 && ::core::matches!(*#head.state.ptr(), #state::Start) {
                #(#arguments.drop_if_init(&#head.live);)*
                return;
            }
        }
    });
    let poison = quote!(.poison(#state::Panicked, |s| ::core::matches!(s, #state::Returned)));
    let poison = match p.layout.head {
        // SAFETY: every member of the union starts with the state, at the
        // same offset (`#[repr(C)]`), and the frame was made with its first
        // member.
        Some(_) => quote!(unsafe { #head.state #poison }),
        None => quote!(self.state #poison),
    };
    quote! {
        // SAFETY: `drop_from` drops the frame's values in reverse order of
        // declaration, rustc's drop order, each only if its flag (or the
        // state, for an awaitee) says it holds one, and leaves it empty.
        unsafe impl<#(#params,)* #shadow> ::coro::__private::Frame for #name<#(#params,)* #shadow>
        where
            #(#bounds)*
        {
            // Inline, as the poll is: the unwinding path of every poll
            // calls it, and out of line it would make the frame escape, so
            // LLVM could not keep its values in registers (7x slower
            // awaits in a crate built as several codegen units).
            #[inline]
            unsafe fn drop_from(&self, #first: usize) {
                // SAFETY: the caller guarantees no borrow of a slot is alive;
                // an awaitee is alive exactly while the state is its own.
                unsafe {
                    #slots
                    #unpolled
                    #drop_awaitee
                    #(#drops)*
                }
            }
            #[inline]
            fn poison(&self) {
                #poison;
            }
        }
    }
}

/// Drops a frame var if it holds a value (or what patterns left of it);
/// `live` is the place of the drop flags.
fn drop_var(p: &Parts, v: VarId, live: &TokenStream) -> TokenStream {
    let slot = crate::names::slot_ref(field_of(p, v));
    let arms = p.layout.partial_arms(&p.an.partials, v);
    match &p.names.droppers[v] {
        Some((dropper, _)) if !arms.is_empty() => {
            crate::partial::drop_code(&quote!(#slot), live, &quote!(self.#dropper), &arms)
        }
        _ => quote!(#slot.drop_if_init(&#live);),
    }
}

/// The frame's initial value: arguments stored, everything else empty.
pub fn init(p: &Parts, shadow: &Ident) -> TokenStream {
    let state = &p.names.state;
    let mut bytes = vec![0u8; flag_bytes(p)];
    for &v in &p.an.frame_vars {
        if let (VarKind::Param, Some(bit)) = (&p.body.vars[v].kind, p.layout.bits[v]) {
            bytes[bit / 8] |= 1 << (bit % 8);
        }
    }
    let head = |head: &Head| {
        let (before, after) = (slot_inits(p, &head.before), slot_inits(p, &head.after));
        quote! {
            #before
            state: ::coro::__private::StateCell::new(#state::Start),
            live: ::coro::__private::Flags::new([#(#bytes),*]),
            #after
        }
    };
    let (fields, overlap) = part_init(p, &p.layout.root, p.layout.head.as_ref().map(head));
    let root_head = p.layout.head.is_none().then(|| head(&Head::default()));
    let name = &p.names.frame;
    // (Each given its type at the end of the poll: see `dropper_binds`.)
    let droppers = p
        .names
        .droppers
        .iter()
        .flatten()
        .map(|(field, _)| quote!(#field: ::coro::__private::Dropper::new(),));
    quote! {
        #name {
            #root_head
            #fields
            #overlap
            #(#droppers)*
            shadow: #shadow,
        }
    }
}

fn slot_init(p: &Parts, v: VarId) -> TokenStream {
    if matches!(p.body.vars[v].kind, VarKind::Param) {
        let ident = &p.body.vars[v].name;
        quote!(::coro::__private::Slot::new(#ident))
    } else if is_awaitee(p.body, v) {
        quote!(::coro::__private::Awaitee::uninit())
    } else {
        quote!(::coro::__private::Slot::uninit())
    }
}

fn slot_inits(p: &Parts, vars: &[VarId]) -> TokenStream {
    vars.iter()
        .map(|&v| {
            let (field, init) = (field_of(p, v), slot_init(p, v));
            quote!(#field: #init,)
        })
        .collect()
}

/// A part's fields and its union's, made with the union's first member;
/// `head`: the fields that member starts with (see `layout::Cx::head`).
fn part_init(p: &Parts, part: &Part, head: Option<TokenStream>) -> (TokenStream, TokenStream) {
    let fields = slot_inits(p, &part.vars);
    let overlap = part.overlap.as_ref().map(|overlap| {
        let union_ty = &overlap.ty;
        let member = match &overlap.members[0] {
            Member::Slot(v) => {
                let (field, init) = (field_of(p, *v), slot_init(p, *v));
                quote!(#field: ::core::mem::ManuallyDrop::new(#init))
            }
            Member::Part { field, part } => {
                let ty = &part.ty;
                let (fields, nested) = part_init(p, part, None);
                quote!(#field: ::core::mem::ManuallyDrop::new(#ty { #head #fields #nested }))
            }
        };
        quote!(overlap: #union_ty { #member },)
    });
    (fields, overlap.unwrap_or_default())
}

/// The droppers' closures (see `partial::dropper`), each tied to its
/// value's slot: written at the end of the poll, never reached, where rustc
/// has typed the values from the code before (see `__private::Dropper`).
pub fn dropper_binds(p: &Parts, frame: &Ident) -> TokenStream {
    p.names
        .droppers
        .iter()
        .enumerate()
        .filter_map(|(v, d)| {
            let (field, _) = d.as_ref()?;
            let groups = p.layout.partial_arms(&p.an.partials, v);
            let dropper = crate::partial::dropper(&groups);
            let slot = crate::names::slot_ref(field_of(p, v));
            Some(quote!(#frame.#field.bind(#slot, #dropper);))
        })
        .collect()
}
