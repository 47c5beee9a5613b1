//! Turns each block into the Rust of its state's arm.
//!
//! Placeholders left by the builder become their final form, as decided by
//! the analysis:
//! - a mention of a var: the user's identifier (a Rust local), or, through
//!   the slot reference the poll binds at its top (see `frame::slot_refs`),
//!   the place `(*__coro_slot_buf.ptr())`, the move
//!   `__coro_slot_buf.take(&__coro_live)`, or
//!   `__coro_slot_buf.set(&__coro_live, v)` for `buf = v`;
//! - an exit: arm the exit guard (which drops the frame vars of the scopes
//!   left, after the arm's Rust locals), set the next state, and `return` or
//!   `continue` the dispatch loop;
//! - the output of an await: poll the awaitee, returning `Pending` if it is.
//!
//! Every decision was made before (analysis, names); this module only
//! builds tokens from them.

mod captured;

use crate::analyse::{Analysis, Form, ReaderFamily, StdTakers, Takers, mention_ids};
use crate::build::macros::{MacroItem, macro_items};
use crate::ir::*;
use crate::layout::is_awaitee;
use crate::names::Names;
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::visit_mut::VisitMut;
use syn::{Expr, Ident, Lifetime, Type};

/// Identifiers of the generated code (hygienic: user code cannot see them).
pub struct Hygiene {
    pub frame: Ident,
    pub frame_param: Ident,
    pub cx: Ident,
    pub guard: Ident,
    pub unwind: Ident,
    pub ret: Ident,
    pub output: Ident,
    pub self_capture: Ident,
    pub live_capture: Ident,
    /// The place of the frame's state, bound at the top of the poll.
    pub state: Ident,
    /// The frame as `&dyn Frame`, bound at the top of the poll for the
    /// exit and unwind guards.
    pub guarded: Ident,
    pub resume: Lifetime,
}

impl Hygiene {
    pub fn new() -> Self {
        let s = Span::mixed_site();
        Hygiene {
            frame: Ident::new("__f", s),
            frame_param: Ident::new("__frame", s),
            cx: Ident::new("__cx", s),
            guard: Ident::new("__exit", s),
            unwind: Ident::new("__coro_unwind", s),
            ret: Ident::new("__coro_ret", s),
            output: Ident::new("__coro_output", s),
            self_capture: Ident::new("__coro_self", s),
            live_capture: Ident::new("__coro_live", s),
            state: Ident::new("__coro_state", s),
            guarded: Ident::new("__coro_frame", s),
            resume: Lifetime::new("'__coro_resume", s),
        }
    }
}

/// What picks a receiver's kind (see `Lowerer::receiver_by_kind`): the
/// kind (`TakeRecv` or `PlaceRecv`, or a typed probe, whose `spill` is
/// generic in the kind its call picks), and the statements it needs first
/// (the binding of a probe).
struct KindOf {
    lets: TokenStream,
    kind: TokenStream,
}

impl KindOf {
    fn of(kind: TokenStream) -> KindOf {
        KindOf {
            lets: TokenStream::new(),
            kind,
        }
    }
}

/// What a receiver decided by its type (`TakeStd`, `TakeOrd`,
/// `TakeProbed`) becomes, by the methods of `__private::TakeRecv` and
/// `PlaceRecv`.
#[derive(Clone, Copy)]
enum Finish {
    /// `recv`: the value moved out, or `&mut InSlot` to it in place.
    Recv,
    /// `spill`: before awaiting arguments, `Moved` or `InPlace`.
    Spill,
    /// `spill_in_slot`: before awaiting arguments, `Taken` (the value left
    /// in its slot, owned by the temporary) or `InPlace`.
    SpillInSlot,
    /// `deref_operand`: the operand of `*`, the `Box` moved out or a shared
    /// reference to what the value points to.
    Deref,
}

pub struct Lowerer<'a> {
    pub body: &'a Body,
    pub an: &'a Analysis,
    pub names: &'a Names,
    pub ret_ty: Option<&'a Type>,
    pub h: &'a Hygiene,
    pub layout: &'a crate::layout::Layout,
    /// The block whose code is being lowered.
    pub current: std::cell::Cell<BlockId>,
}

impl Lowerer<'_> {
    /// Drops a frame var if it holds a value (or what patterns left of it):
    /// through the frame, or, in a block or closure (`via`), through the
    /// pointers bound before it (see `capture_lets`).
    fn drop_var(&self, var: VarId, via: Option<usize>) -> TokenStream {
        let (slot, live) = (self.slot(var), self.live());
        let arms = self.layout.partial_arms(&self.an.partials, var);
        match &self.names.droppers[var] {
            Some((dropper, _)) if !arms.is_empty() => {
                let dropper = match via {
                    Some(_) => {
                        let captured = self.dropper_ref(dropper);
                        quote!((*#captured))
                    }
                    None => {
                        let f = &self.h.frame;
                        quote!(#f.#dropper)
                    }
                };
                crate::partial::drop_code(&slot, &live, &dropper, &arms)
            }
            _ => quote!(#slot.drop_if_init(&#live);),
        }
    }

    /// `v.f.g` in a value context, `v` a frame var: a copy or a move as the
    /// field's type says (see `__private::field`).
    fn field_read(&self, e: &Expr) -> Option<Expr> {
        let (base, members) = crate::syntax::field_chain(e);
        let id = crate::partial::sole_mention(base)?;
        let Form::Field { last } = self.an.forms[id] else {
            return None;
        };
        let m = &self.body.mentions[id];
        let (slot, live) = (self.slot_at(m), self.live());
        let span = m.span;
        let stmts = probed_field(span, &slot, &members, |kind, field| {
            if last {
                quote_spanned!(span=> #kind.read(#field, || #slot.take(&#live) #(.#members)*))
            } else {
                quote_spanned!(span=> #kind.copy(#field))
            }
        });
        Some(crate::syntax::block(span, stmts))
    }

    /// A field moved out of `self` (see `partial`), read out of its slot.
    fn partial_field_read(&self, field: &syn::ExprField) -> Option<Expr> {
        let (id, path) = crate::partial::field_path(field)?;
        let Form::Partial(h) = self.an.forms[id] else {
            return None;
        };
        if self.an.partials[h].field.as_ref() != Some(&path) {
            return None;
        }
        let bit = self.layout.partial_bits[h][0]?;
        let m = &self.body.mentions[id];
        let (slot, live) = (self.slot_at(m), self.live());
        let read = if self.an.partials[h].by_type {
            let span = m.span;
            let field = Ident::new("__coro_recv", span);
            let imports = std_recv_imports(span, StdTakers::All);
            // Where syntax shows the var holds the struct itself (`let s =
            // S { .. }`, `let s: S`, `task: Task`, `self`), the field is
            // reached through `&raw mut`: a `&mut self` method of the name
            // works in place. Elsewhere the value may reach the field
            // through a shared `Deref` (`config.limit.unwrap_or(30)` of an
            // `Arc<Config>`, a `Ref`'s), where rustc copies the field out
            // or calls a `&self` method: through `&raw const`, which needs
            // no `DerefMut`.
            let owns = self.holds_struct_of_field(self.an.partials[h].var, &path);
            let access = if owns { quote!(mut) } else { quote!(const) };
            let bind = quote_spanned! {span=>
                #[allow(unused_imports)]
                use ::coro::__private::{#imports};
                let #field = &raw #access (*#slot.ptr()) #(.#path)*;
            };
            let kind = if owns {
                std_recv_kind(span, &field)
            } else {
                quote_spanned!(span=>
                    (&::coro::__private::RecvProbe(#field.cast_mut())).recv_kind()
                )
            };
            crate::partial::field_read_by_type(&live, bit, bind, &field, kind, !owns)
        } else {
            let read = probed_field(m.span, &slot, &path, |kind, field| {
                crate::partial::field_read(&live, bit, kind, field)
            });
            quote_spanned!(m.span=> { #read })
        };
        Some(crate::syntax::block(Span::call_site(), read))
    }

    /// Whether syntax shows that `var` holds the struct whose field `path`
    /// names, not a smart pointer to it: a struct literal's var naming the
    /// field (`let s = S { .. }`), a `let` with a type, an argument of a
    /// struct type, `self` by value.
    fn holds_struct_of_field(&self, var: VarId, path: &[syn::Member]) -> bool {
        let v = &self.body.vars[var];
        let literal = v.struct_path.is_some()
            && v.struct_fields
                .as_ref()
                .is_none_or(|fields| path.first().is_some_and(|f| fields.contains(f)));
        literal
            || v.ty.is_some()
            || self.body.self_by_value == Some(var)
            || self.body.owned_params.contains(&var)
    }

    /// A field of a frame var that patterns match in place (see
    /// `partial::Partial::place`): the var's mention, and a `&mut` to the
    /// field, which the patterns match (see `partial_arms`).
    fn partial_place(&self, field: &syn::ExprField) -> Option<(MentionId, Expr)> {
        let (id, path) = crate::partial::field_path(field)?;
        let Form::Partial(h) = self.an.forms[id] else {
            return None;
        };
        if path.is_empty() || self.an.partials[h].place != path {
            return None;
        }
        let slot = self.slot_at(&self.body.mentions[id]);
        let place = syn::parse2(quote!((&mut (*#slot.ptr()) #(.#path)*))).expect("a place");
        Some((id, place))
    }

    /// The name of the pointer to a dropper bound before the
    /// lowering's own `async` block (see `capture_lets`).
    fn dropper_ref(&self, dropper: &Ident) -> Ident {
        Ident::new(&format!("__coro_{dropper}"), Span::mixed_site())
    }

    /// `S { b: v, ..x }` where `x` stays in its slot with the fields the
    /// literal names (see `partial::Partial::kept`), once the literal's own
    /// values have run (`fields`, rewritten already).
    ///
    /// ```text
    /// // Input:  Config { b: make(), ..cfg }          (cfg in the frame)
    /// // Output: match (make(),) { (f0,) => {
    /// //             let rest = ptr::read(cfg_slot.ptr());  // a copy of the value's bits
    /// //             live.set(bit);                          // its slot keeps `b` only
    /// //             let value = Config { b: f0, ..rest };   // the other fields move
    /// //             mem::forget(rest.b);                    // the slot's still
    /// //             value } }
    /// ```
    fn struct_update(&self, s: &syn::ExprStruct) -> Option<Expr> {
        let id = crate::partial::sole_mention(s.rest.as_deref()?)?;
        let Form::Partial(h) = self.an.forms[id] else {
            return None;
        };
        let partial = &self.an.partials[h];
        if partial.kept.is_empty() {
            return None;
        }
        let bit = self.layout.partial_bits[h][0]?;
        let m = &self.body.mentions[id];
        let (slot, live) = (self.slot_at(m), self.live());
        let span = m.span;
        let rest = Ident::new("__coro_rest", Span::mixed_site());
        let value = Ident::new("__coro_value", Span::mixed_site());
        let values: Vec<Ident> = (0..s.fields.len())
            .map(|i| format_ident!("__coro_field{}", i, span = Span::mixed_site()))
            .collect();
        let exprs = s.fields.iter().map(|f| &f.expr);
        let members = s.fields.iter().map(|f| &f.member);
        let kept = &partial.kept;
        let (attrs, path) = (&s.attrs, &s.path);
        let literal = quote_spanned! {span=>
            #(#attrs)* #path { #(#members: #values,)* ..#rest }
        };
        Some(
            syn::parse2(quote! {
                match (#(#exprs,)*) {
                    (#(#values,)*) => {
                        let #rest = ::core::ptr::read(#slot.ptr());
                        #live.set(#bit);
                        let #value = #literal;
                        #(::core::mem::forget(#rest.#kept);)*
                        #value
                    }
                }
            })
            .expect("a struct update is a `match`"),
        )
    }

    /// `x.f = v` where `x.f` may have been read out of its slot.
    fn partial_field_write(&self, assign: &syn::ExprAssign) -> Option<Expr> {
        let Expr::Field(field) = &*assign.left else {
            return None;
        };
        let (id, path) = crate::partial::field_path(field)?;
        let m = &self.body.mentions[id];
        let bits: Vec<usize> = self
            .an
            .partials
            .iter()
            .enumerate()
            .filter(|(_, p)| p.var == m.var && p.field.as_ref() == Some(&path))
            .filter_map(|(h, _)| self.layout.partial_bits[h][0])
            .collect();
        if !self.an.in_frame[m.var] {
            return None;
        }
        let mut value = (*assign.right).clone();
        if let Some(copied) = self.an.copied_parts.get(&id) {
            // (Copied, they stayed in the field: written as if none was
            // read, `field_write` of its own reads' bits.)
            self.rewriter().visit_expr_mut(&mut value);
            let slot = self.slot_at(m);
            let span = syn::spanned::Spanned::span(&assign.left);
            let checks = crate::partial::copied_parts(&slot, copied, span);
            let write = crate::partial::field_write(&slot, &self.live(), &bits, &path, &value);
            return Some(syn::parse_quote!({ #checks #write }));
        }
        if bits.is_empty() {
            let arms = self.place_arms(m.var, &path);
            if arms.is_empty() {
                return None;
            }
            self.rewriter().visit_expr_mut(&mut value);
            let write =
                crate::partial::place_write(&self.slot_at(m), &self.live(), &arms, &path, &value);
            return Some(syn::parse2(write).expect("a block"));
        }
        self.rewriter().visit_expr_mut(&mut value);
        // (Inside a closure, through the slot reference and flags it holds.)
        let write =
            crate::partial::field_write(&self.slot_at(m), &self.live(), &bits, &path, &value);
        Some(syn::parse2(write).expect("a block"))
    }

    /// The arms, with their bits, of the patterns that match `var`'s field
    /// at `path` in place (see `partial::Partial::place`).
    fn place_arms(&self, var: VarId, path: &[syn::Member]) -> Vec<(usize, syn::Pat)> {
        let partials = self.an.partials.iter().zip(&self.layout.partial_bits);
        partials
            .filter(|(p, _)| p.var == var && p.place == path)
            .flat_map(|(p, bits)| {
                let arms = p.arms.iter().zip(bits);
                arms.filter_map(|(pat, bit)| Some(((*bit)?, pat.clone()?)))
            })
            .collect()
    }

    /// If `scrutinee` is matched in place by patterns that move part of it:
    /// per arm, the pattern to match with and what starts the arm.
    fn partial_arms(&self, scrutinee: &Expr) -> Option<Vec<Option<(syn::Pat, TokenStream)>>> {
        let id = match crate::syntax::unparenthesised(scrutinee) {
            Expr::Field(f) => self.partial_place(f)?.0,
            _ => crate::partial::sole_mention(scrutinee)?,
        };
        let Form::Partial(h) = self.an.forms[id] else {
            return None;
        };
        let live = self.live();
        let partial = &self.an.partials[h];
        let m = &self.body.mentions[id];
        let value = crate::partial::matched_value(&self.slot_at(m), &partial.place);
        // (The var itself, not a field of it, can be given up whole.)
        let disown = partial.place.is_empty().then(|| {
            let slot = self.slot_at(m);
            quote!(#slot.disown(&#live);)
        });
        let arms = partial
            .arms
            .iter()
            .zip(&partial.matched)
            .zip(&self.layout.partial_bits[h])
            .map(|((pat, matched), bit)| match (pat, matched, bit) {
                (Some(pat), Some(matched), Some(bit)) => Some((
                    crate::partial::arm_pattern(matched, pat),
                    crate::partial::arm_prologue(pat, &live, *bit, &value, disown.clone()),
                )),
                _ => None,
            })
            .collect();
        Some(arms)
    }

    /// The arm of block `b`: `State::X => { .. }`.
    /// The code of block `b`, which the poll runs when the state is `b`'s
    /// (after the dispatch `match`, or jumping straight from an earlier
    /// block).
    pub fn block_code(&self, b: BlockId) -> TokenStream {
        self.current.set(b);
        let guard = if self.has_exit_guard(b) {
            let (g, f) = (&self.h.guard, &self.h.guarded);
            quote!(let #g = ::coro::__private::ExitGuard::new(#f);)
        } else {
            TokenStream::new()
        };
        let list = self.list(self.body.blocks[b].root);
        // Once polled, the coroutine no longer drops its arguments the way
        // an unpolled one does.
        let running = matches!(self.body.blocks[b].kind, BlockKind::Start)
            .then(|| self.set_state(quote!(Running)));
        quote! {
            {
                #running
                #guard
                #list
            }
        }
    }

    /// Whether block `b`'s code declares an `ExitGuard`: some exit in it
    /// leaves scopes whose values are in the frame.
    fn has_exit_guard(&self, b: BlockId) -> bool {
        self.body
            .exits
            .iter()
            .any(|e| e.block == b && self.exit_first(e).is_some())
    }

    fn list(&self, list: ListId) -> TokenStream {
        self.body.lists[list].iter().map(|s| self.stmt(s)).collect()
    }

    /// A frame var's slot: the reference the poll binds to it at its top
    /// (see `frame::slot_refs`), which closures capture too; inside the
    /// lowering's own `async` block, the pointer bound before it under the
    /// same name (see `capture_lets`).
    fn slot(&self, var: VarId) -> TokenStream {
        self.slot_ref(var).into_token_stream()
    }

    /// The frame's drop flags: the reference the poll binds at its top, or,
    /// inside the lowering's own `async` block, the pointer bound before it
    /// (see `capture_lets`). The same name either way.
    fn live(&self) -> TokenStream {
        self.h.live_capture.to_token_stream()
    }

    /// The slot of a mention's var, located at the user's name, so that
    /// rustc reports an error about the access there.
    fn slot_at(&self, m: &Mention) -> TokenStream {
        let mut ident = self.slot_ref(m.var);
        ident.set_span(ident.span().located_at(m.span));
        ident.into_token_stream()
    }

    fn slot_ref(&self, var: VarId) -> Ident {
        crate::names::slot_ref(self.names.fields[var].as_ref().expect("a frame var"))
    }

    /// The identifier a var has as a Rust local.
    fn local(&self, var: VarId, span: Span) -> Ident {
        let name = &self.body.vars[var].name;
        if name == "self" {
            return Ident::new("self", span);
        }
        let mut ident = name.clone();
        ident.set_span(span);
        ident
    }

    fn decl_ident(&self, var: VarId) -> Ident {
        self.body.vars[var].name.clone()
    }

    fn stmt(&self, stmt: &Stmt) -> TokenStream {
        match stmt {
            Stmt::Code(code) => {
                let e = self.code(code);
                quote!(#e;)
            }
            Stmt::Init { var, value } => {
                let value = self.code(value);
                let live = self.live();
                let v = &self.body.vars[*var];
                let ident = self.decl_ident(*var);
                if self.an.in_frame[*var] && is_awaitee(self.body, *var) {
                    let field = self.slot(*var);
                    quote!(#field.put(#value);)
                } else if self.an.in_frame[*var] {
                    let field = self.slot(*var);
                    match &v.ty {
                        Some(ty) => quote! {
                            let #ident: #ty = #value;
                            #field.write(&#live, #ident);
                        },
                        None => quote!(#field.write(&#live, #value);),
                    }
                } else if self.an.predeclared[*var] {
                    quote!(#ident = #value;)
                } else {
                    let mutability = v.mutable.then(|| quote!(mut));
                    let ty = v.ty.as_ref().map(|t| quote!(: #t));
                    let unwind = self.unwind_guard(&[*var]);
                    quote!(let #mutability #ident #ty = #value; #unwind)
                }
            }
            Stmt::Bind {
                pat,
                value,
                binds,
                else_list,
            } => {
                let mut pat = pat.clone();
                let mut prologue = TokenStream::new();
                if let Some(Some((by_value, start))) = self
                    .partial_arms(&value.expr)
                    .and_then(|p| p.into_iter().next())
                {
                    pat = by_value;
                    prologue = start;
                }
                self.rewriter().visit_pat_mut(&mut pat);
                let value = self.code(value);
                let else_branch = else_list.map(|l| {
                    let l = self.list(l);
                    quote!(else { #l })
                });
                let adopt: TokenStream = binds.iter().map(|&v| self.adopt(v)).collect();
                let unwind = self.unwind_guard(binds);
                quote! {
                    let #pat = #value #else_branch;
                    #unwind
                    #prologue
                    #adopt
                }
            }
            Stmt::Declare { var } => {
                if self.an.in_frame[*var] || self.an.unwritten[*var] {
                    return TokenStream::new();
                }
                let v = &self.body.vars[*var];
                let ident = self.decl_ident(*var);
                let mutability = v.mutable.then(|| quote!(mut));
                let ty = v.ty.as_ref().map(|t| quote!(: #t));
                let unwind = self.unwind_guard(&[*var]);
                quote!(let #mutability #ident #ty; #unwind)
            }
            Stmt::Scope {
                scope,
                body,
                closes,
            } => {
                let inner = self.list(*body);
                let drops: TokenStream = if *closes {
                    self.body.scopes[*scope]
                        .vars
                        .iter()
                        .rev()
                        // An awaitee is dropped as soon as its `.await` ends.
                        .filter(|&&v| self.an.in_frame[v] && !is_awaitee(self.body, v))
                        .map(|&v| self.drop_var(v, None))
                        .collect()
                } else {
                    TokenStream::new()
                };
                if inner.is_empty() {
                    drops
                } else {
                    quote! {
                        { #inner }
                        #drops
                    }
                }
            }
            Stmt::If {
                cond,
                then_list,
                else_list,
            } => {
                let cond = self.code(cond);
                let then_list = self.list(*then_list);
                let else_list = self.list(*else_list);
                if else_list.is_empty() {
                    quote!(if #cond { #then_list })
                } else {
                    quote!(if #cond { #then_list } else { #else_list })
                }
            }
            Stmt::Match { scrutinee, arms } => {
                let partial = self.partial_arms(&scrutinee.expr);
                let scrutinee = self.code(scrutinee);
                let arms = arms.iter().enumerate().map(|(i, arm)| {
                    let mut pat = arm.pat.clone();
                    let mut prologue = TokenStream::new();
                    match partial.as_ref().map(|p| &p[i]) {
                        Some(Some((by_value, start))) => {
                            pat = by_value.clone();
                            prologue = start.clone();
                        }
                        // (An arm moving nothing out, through the same `&mut`.)
                        Some(None) => crate::partial::matched_through_mut(&mut pat),
                        None => {}
                    }
                    self.rewriter().visit_pat_mut(&mut pat);
                    let body = self.list(arm.body);
                    quote!(#pat => { #prologue #body })
                });
                quote!(match #scrutinee { #(#arms)* })
            }
            Stmt::Goto(b) => self.transition(*b),
            Stmt::Suspend(a) => self.transition(self.body.awaits[*a].resume),
            Stmt::Adopt(var) => {
                let (adopt, unwind) = (self.adopt(*var), self.unwind_guard(&[*var]));
                quote!(#adopt #unwind)
            }
            Stmt::Drop(var) if self.an.in_frame[*var] && is_awaitee(self.body, *var) => {
                // Its `.await` is done: the state no longer says it is
                // alive, so a panic in its drop does not drop it again.
                let (running, field) = (self.set_state(quote!(Running)), self.slot(*var));
                quote! {
                    #running
                    #field.drop_in_place();
                }
            }
            Stmt::Drop(var) => {
                if self.an.in_frame[*var] {
                    self.drop_var(*var, None)
                } else {
                    let ident = self.decl_ident(*var);
                    quote!(::coro::__private::discard(#ident);)
                }
            }
            Stmt::Item(item) => item.to_token_stream(),
        }
    }

    /// Declared just after locals of the poll function (`vars`, declared
    /// together): while a panic unwinds, or an exit leaves their scope, it
    /// drops the frame's values declared after them before they drop (see
    /// `analyse::unwind_guards`).
    fn unwind_guard(&self, vars: &[VarId]) -> TokenStream {
        let Some(first) = vars.iter().filter_map(|&v| self.an.unwind_first[v]).min() else {
            return TokenStream::new();
        };
        let (g, f) = (&self.h.unwind, &self.h.guarded);
        if self.has_exit_guard(self.current.get()) {
            let exit = &self.h.guard;
            quote!(let #g = ::coro::__private::UnwindGuard::with_exit(#f, #first, &#exit);)
        } else {
            quote!(let #g = ::coro::__private::UnwindGuard::new(#f, #first);)
        }
    }

    fn adopt(&self, var: VarId) -> TokenStream {
        if !self.an.in_frame[var] {
            return TokenStream::new();
        }
        let field = self.slot(var);
        let ident = self.decl_ident(var);
        let live = self.live();
        quote!(#field.write(&#live, #ident);)
    }

    /// A receiver that is moved out of its slot or used in place as its
    /// type decides (`TakeStd`, `TakeProbed`): `kind(recv)` is `TakeRecv`
    /// or `PlaceRecv`, as the probes' `recv_kind()` (methods of the traits
    /// `probes` imports) pick them, `recv` the value's pointer.
    /// `finish`: what the kind makes of the value (see [`Finish`]).
    fn receiver_by_kind(
        &self,
        m: &Mention,
        span: Span,
        finish: Finish,
        probes: TokenStream,
        kind: impl FnOnce(&Ident) -> KindOf,
    ) -> TokenStream {
        let slot = self.slot_at(m);
        let live = self.live();
        // At the user's name (as in `field_read`).
        let recv = Ident::new("__coro_recv", span);
        let KindOf { lets, kind } = kind(&recv);
        let (method, give_up) = match finish {
            Finish::Recv => ("recv", quote_spanned!(span=> #slot.take(&#live))),
            Finish::Spill => ("spill", quote_spanned!(span=> #slot.take(&#live))),
            Finish::SpillInSlot => ("spill_in_slot", quote_spanned!(span=> #slot.disown(&#live))),
            Finish::Deref => ("deref_operand", quote_spanned!(span=> #slot.take(&#live))),
        };
        let method = Ident::new(method, span);
        let value = quote_spanned!(span=> #kind.#method(#recv, || #give_up));
        quote_spanned! {span=> ({
            #[allow(unused_imports)]
            use ::coro::__private::{#probes};
            let #recv = #slot.ptr();
            #lets
            #value
        })}
    }

    /// `*__coro_state = State::Variant;`: the poll writes the state through
    /// the pointer it bound once (`frame::slot_refs`), with no call to check.
    fn set_state(&self, variant: TokenStream) -> TokenStream {
        let (place, state) = (&self.h.state, &self.names.state);
        quote!(*#place = #state::#variant;)
    }

    /// Continue at block `b`: set the state, then jump to `b`'s code if it
    /// comes later in the poll, or re-dispatch (a loop's back edge).
    fn transition(&self, b: BlockId) -> TokenStream {
        let set = self.set_state(self.names.blocks[b].to_token_stream());
        let jump = if self.an.jumps_forward(self.current.get(), b) {
            let label = &self.names.labels[b];
            quote!(break #label;)
        } else {
            let resume = &self.h.resume;
            quote!(continue #resume;)
        };
        quote! {
            #set
            #jump
        }
    }

    /// The first frame index of the vars an exit's left scopes declare.
    fn exit_first(&self, exit: &Exit) -> Option<usize> {
        let mut scopes: Vec<ScopeId> = exit.leaves.clone();
        // Scopes nested in the left ones (closed or open) are left too.
        let mut i = 0;
        while i < scopes.len() {
            let parent = scopes[i];
            for (s, scope) in self.body.scopes.iter().enumerate() {
                if scope.parent == Some(parent) && !scopes.contains(&s) {
                    scopes.push(s);
                }
            }
            i += 1;
        }
        scopes
            .iter()
            .flat_map(|&s| self.body.scopes[s].vars.iter())
            .filter_map(|&v| self.an.frame_index[v])
            .min()
    }

    fn exit_expr(&self, id: ExitId, mut args: Vec<Expr>) -> Expr {
        let exit = &self.body.exits[id];
        let span = exit.span;
        let g = &self.h.guard;
        let returned = self.set_state(quote!(Returned));
        let arm = self
            .exit_first(exit)
            .map(|first| quote_spanned!(span=> #g.arm(#first);));
        let stmts = match &exit.kind {
            ExitKind::Return => {
                let value = args.pop().unwrap_or_else(|| syn::parse_quote!(()));
                let ret = &self.h.ret;
                let ty = self.ret_ty.map(|t| quote!(: #t));
                quote_spanned! {span=>
                    let #ret #ty = #value;
                    #arm
                    #returned
                    return ::core::task::Poll::Ready(#ret);
                }
            }
            ExitKind::Jump { target, value_var } => {
                let live = self.live();
                let value = match (args.pop(), value_var) {
                    (Some(value), Some(var)) if self.an.in_frame[*var] => {
                        let field = self.slot(*var);
                        // (Through the value's expected type, if it has one:
                        // `break Box::new(1u8)` to a `Box<dyn Debug>`.)
                        match &self.body.vars[*var].ty {
                            Some(ty) => {
                                let ident = self.decl_ident(*var);
                                quote!({
                                    let #ident: #ty = #value;
                                    #field.write(&#live, #ident);
                                })
                            }
                            None => quote!(#field.write(&#live, #value);),
                        }
                    }
                    (Some(value), Some(var)) => {
                        let ident = self.decl_ident(*var);
                        quote!(#ident = #value;)
                    }
                    (Some(value), None) => quote!(let _ = #value;),
                    // `break;` out of a loop whose value is used: `()`.
                    (None, Some(var)) if self.an.in_frame[*var] => {
                        let field = self.slot(*var);
                        quote!(#field.write(&#live, ());)
                    }
                    (None, Some(var)) => {
                        let ident = self.decl_ident(*var);
                        quote!(#ident = ();)
                    }
                    (None, None) => TokenStream::new(),
                };
                let transition = self.transition(*target);
                quote_spanned! {span=>
                    #value
                    #arm
                    #transition
                }
            }
        };
        crate::syntax::block(span, stmts)
    }

    fn poll_expr(&self, a: AwaitId, span: Span) -> Expr {
        let field = self.slot(self.body.awaits[a].awaitee);
        let (cx, out) = (&self.h.cx, &self.h.output);
        crate::syntax::poll_match(quote_spanned!(span=> #field.poll(#cx)), out, span)
    }

    // Input:  `show!(name)` at lend site 3, `name` in the frame
    // Output: `({ let mut name = __coro_slot_name.take(&__coro_live);
    //            let __coro_unwind = UnwindGuard::new(__coro_f, 2);
    //            let __coro_lent = show!(name);
    //            __coro_slot_name.write(&__coro_live, name);
    //            __coro_lent })`
    /// The macro of a lend site, lent the frame vars it names (see
    /// `lend`); as written where it is lent none.
    fn lend_expr(&self, site: usize) -> Expr {
        let LendSite { mac, statement, .. } = &self.body.lend_sites[site];
        let mut vars = self.an.lent[site].clone();
        if vars.is_empty() {
            return Expr::Macro(syn::ExprMacro {
                attrs: Vec::new(),
                mac: mac.clone(),
            });
        }
        // Taken oldest first, so that a panic drops them youngest first.
        vars.sort_by_key(|&(v, _)| self.body.drop_order_key(v));
        let live = self.live();
        let locals: Vec<Ident> = vars.iter().map(|&(v, span)| self.local(v, span)).collect();
        let takes = vars.iter().zip(&locals).map(|(&(v, span), local)| {
            let slot = self.slot(v);
            let whole = crate::lend::moved_parts_are_copy(&self.an.partials, v, &slot, span);
            let unwind = self.lent_unwind_guard(v);
            quote!(#whole let mut #local = #slot.take(&#live); #unwind)
        });
        let puts = vars.iter().zip(&locals).rev().map(|(&(v, _), local)| {
            let slot = self.slot(v);
            quote!(#slot.write(&#live, #local);)
        });
        let span = mac.bang_token.span;
        let value = Ident::new("__coro_lent", Span::mixed_site());
        Expr::Verbatim(if *statement {
            quote_spanned!(span=> { #(#takes)* #mac; #(#puts)* })
        } else {
            // (Parenthesised: a statement may begin with it, `m!(x) + 1;`.)
            quote_spanned!(span=> ({ #(#takes)* let #value = #mac; #(#puts)* #value }))
        })
    }

    /// After a frame var is lent to a macro: a guard that drops the frame
    /// values younger than it before it, if a panic unwinds the macro (see
    /// `unwind_guards` in `analyse`).
    fn lent_unwind_guard(&self, var: VarId) -> TokenStream {
        let frame_vars = &self.an.frame_vars;
        let first = crate::analyse::first_younger(self.body, frame_vars, var)
            // (Awaitees the state drops.)
            .filter(|&first| {
                frame_vars[first..]
                    .iter()
                    .any(|&f| !is_awaitee(self.body, f))
            });
        match first {
            Some(first) => {
                let (g, f) = (&self.h.unwind, &self.h.guarded);
                quote!(let #g = ::coro::__private::UnwindGuard::new(#f, #first);)
            }
            None => TokenStream::new(),
        }
    }

    fn mention_expr(&self, id: MentionId) -> Expr {
        let m = &self.body.mentions[id];
        match &self.an.forms[id] {
            form @ (Form::Local | Form::CapturedLocal) => {
                crate::syntax::path(self.local_name(m, form))
            }
            // Every other form is a path, a method call or parenthesised:
            // kept as tokens, it prints as its parse would (see `syntax`).
            Form::Captured(u) => Expr::Verbatim(self.captured_tokens(id, m, u)),
            // (A block: the take, after a check that never runs.)
            Form::Take if self.an.drop_checks.contains_key(&id) => {
                let slot = self.slot_at(m);
                let check = crate::drop_check::tokens(&self.an.drop_checks[&id], &slot);
                let take = self.form_tokens(m, &Form::Take, Finish::Recv);
                Expr::Verbatim(quote_spanned!(m.span=> { #check #take }))
            }
            form => Expr::Verbatim(self.form_tokens(m, form, Finish::Recv)),
        }
    }

    /// The Rust local that a var not in the frame is, or that a `move`
    /// closure captured it into, at the user's name.
    fn local_name(&self, m: &Mention, form: &Form) -> Ident {
        if *form == Form::CapturedLocal && self.body.vars[m.var].name == "self" {
            let mut ident = self.h.self_capture.clone();
            ident.set_span(ident.span().located_at(m.span));
            return ident;
        }
        self.local(m.var, m.span)
    }

    /// The temporary a receiver is spilled into before awaiting arguments
    /// (`__private::Spilled`): the value moved out (`Moved`), or left in its
    /// slot and owned by the temporary (`Taken`), or a pointer to it used in
    /// place (`InPlace`), as `form` (or the value's type) decides.
    fn spilled_receiver(&self, m: &Mention, form: &Form, in_slot: bool) -> TokenStream {
        let span = m.span;
        let finish = if in_slot {
            Finish::SpillInSlot
        } else {
            Finish::Spill
        };
        match form {
            Form::Take if in_slot => {
                let slot = self.slot_at(m);
                let live = self.live();
                quote_spanned!(span=> ({
                    #slot.disown(&#live);
                    ::coro::__private::Taken::new(#slot.ptr())
                }))
            }
            Form::Take => {
                let take = self.form_tokens(m, form, Finish::Recv);
                quote_spanned!(span=> ::coro::__private::Moved(#take))
            }
            Form::TakeStd | Form::TakeOrd | Form::TakeReader(_) | Form::TakeProbed { .. } => {
                self.form_tokens(m, form, finish)
            }
            _ => {
                let place = self.form_tokens(m, &Form::Place, Finish::Recv);
                quote_spanned!(span=> ::coro::__private::in_place(&raw mut #place))
            }
        }
    }

    /// A frame var's mention in `form`; `finish` as in `receiver_by_kind`.
    fn form_tokens(&self, m: &Mention, form: &Form, finish: Finish) -> TokenStream {
        let span = m.span;
        match *form {
            Form::Local | Form::CapturedLocal => self.local_name(m, form).to_token_stream(),
            Form::Spilled { ref form, in_slot } => self.spilled_receiver(m, form, in_slot),
            Form::Place | Form::Set if m.via.is_some() => {
                let slot = self.slot_at(m);
                quote_spanned!(span=> (*#slot.place().0))
            }
            // (A macro's mention has no placeholder: the macro is lent the
            // value, see `lend_expr`.)
            Form::Place | Form::Set | Form::Field { .. } | Form::Lent => {
                let slot = self.slot_at(m);
                quote_spanned!(span=> (*#slot.ptr()))
            }
            Form::Take => {
                let slot = self.slot_at(m);
                let live = self.live();
                quote_spanned!(span=> #slot.take(&#live))
            }
            Form::TakeStd => self.receiver_by_kind(
                m,
                span,
                finish,
                std_recv_imports(span, StdTakers::All),
                |recv| KindOf::of(std_recv_kind(span, recv)),
            ),
            // `*b`: the operand the user's `*` dereferences.
            Form::TakeDeref => self.receiver_by_kind(
                m,
                span,
                Finish::Deref,
                quote_spanned!(span=> ProbeTakenDeref as _, ProbeOtherRecv as _),
                |recv| {
                    KindOf::of(
                        quote_spanned!(span=> (&::coro::__private::DerefProbe(#recv)).recv_kind()),
                    )
                },
            ),
            Form::TakeReader(family) => {
                self.receiver_by_kind(m, span, finish, reader_imports(span), |recv| {
                    KindOf::of(reader_kind(span, family, recv))
                })
            }
            Form::TakeOrd => self.receiver_by_kind(
                m,
                span,
                finish,
                quote_spanned!(span=> ProbeOrdRecv as _, ProbeOtherRecv as _),
                |recv| {
                    KindOf::of(
                        quote_spanned!(span=> (&::coro::__private::RecvProbe(#recv)).recv_kind()),
                    )
                },
            ),
            // Spilled before arguments that await, which type the probe at
            // the call (`__private::ProbedSpill`; see `spilled_call`).
            Form::TakeProbed {
                ref method,
                args,
                ref closures,
                takers,
                typed_by_args: true,
                ref turbofish,
            } if !matches!(finish, Finish::Recv) => {
                let shape = ProbedCallShape::new(method, args, closures, turbofish);
                // (`Decide::spill`, generic in the kind the call picks.)
                self.receiver_by_kind(m, span, finish, probe_imports(span, takers), |recv| {
                    let decide = probe_decide(span, &shape, true, takers, recv);
                    let probe = Ident::new("__coro_probe", span);
                    KindOf {
                        lets: quote_spanned!(span=> let #probe = #decide;),
                        kind: probe.to_token_stream(),
                    }
                })
            }
            Form::TakeProbed {
                ref method,
                args,
                ref closures,
                takers,
                ref turbofish,
                ..
            } => self.receiver_by_kind(m, span, finish, probe_imports(span, takers), |recv| {
                let shape = ProbedCallShape::new(method, args, closures, turbofish);
                let decide = probe_decide(span, &shape, false, takers, recv);
                KindOf::of(probed_kind(
                    span,
                    takers,
                    recv,
                    quote_spanned!(span=> (&#decide)),
                ))
            }),
            Form::Partial(_) => crate::partial::scrutinee(&self.slot_at(m)),
            Form::Captured(_) => unreachable!("`mention_expr` writes a captured use"),
        }
    }

    /// `x.m(args)` where `x` is probed (`TakeProbed { typed_by_args: true }`):
    /// the arguments type the probe's call too (see `__private::ProbedCall`),
    /// but for closures that end them, made in the call.
    ///
    /// ```text
    /// // Input:  b.with(n + 1, |s| s.len())      (b a frame value, its last use)
    /// // Output: ({ let p = decide_typed(.., |v, (a0,)| v.with(a0, |_| unreachable!()));
    /// //            p.receiver(<b>, <b moved out>) })  // or `&mut b`, as the kind says
    /// //         .call((n + 1,), |d, b| <the kind, of d>, |v, (a0,)| v.with(a0, |s| s.len()))
    /// ```
    ///
    /// A closure without parameters among them (`s.make(|| 0)`) gives the
    /// probe's closure in its place its result type (`shaped_results`).
    fn probed_call(&self, id: MentionId, call: &syn::ExprMethodCall) -> Expr {
        let Form::TakeProbed {
            ref method,
            args,
            ref closures,
            takers,
            ref turbofish,
            ..
        } = self.an.forms[id]
        else {
            unreachable!("the rewriter calls this for a probed receiver")
        };
        let literals = closure_literals(call, false);
        let param_literals = closure_literals(call, true);
        let m = &self.body.mentions[id];
        let shape = ProbedCallShape {
            literals: &literals,
            param_literals: &param_literals,
            call: Some(call),
            awaited: matches!(m.access, Access::Receiver { awaited: true, .. }),
            ..ProbedCallShape::new(method, args, closures, turbofish)
        };
        let span = m.span;
        let (slot, live) = (self.slot_at(m), self.live());
        let recv = Ident::new("__coro_recv", span);
        let decide = probe_decide(span, &shape, true, takers, &recv);
        let imports = probe_imports(span, takers);
        let probe = Ident::new("__coro_probe", span);
        let (typed, user_call) = user_call(span, call, closures);
        let receiver = quote_spanned! {span=> ({
            #[allow(unused_imports)]
            use ::coro::__private::{#imports};
            let #recv = #slot.ptr();
            let #probe = #decide;
            #probe.receiver(#recv, || #slot.take(&#live))
        })};
        let kind = kind_picker(span, takers);
        syn::parse2(quote_spanned! {span=> #receiver.call(#typed, #kind, #user_call)})
            .expect("a method call")
    }

    /// The spilled receiver whose probe the call's arguments type, if the
    /// call's receiver is `Spilled::receiver(t)` for such a one (`t`'s
    /// value is its mention, see `Builder::spill_receiver`).
    fn typed_spill(&self, receiver: &Expr) -> Option<MentionId> {
        let temp = crate::build::spilled_receiver_temp(receiver)?;
        let temp = self.body.mentions[crate::partial::sole_mention(temp)?].var;
        let spilled = self
            .body
            .lists
            .iter()
            .flatten()
            .find_map(|stmt| match stmt {
                Stmt::Init { var, value } if *var == temp => {
                    crate::partial::sole_mention(&value.expr)
                }
                _ => None,
            })?;
        match &self.an.forms[spilled] {
            Form::Spilled { form, .. }
                if matches!(
                    **form,
                    Form::TakeProbed {
                        typed_by_args: true,
                        ..
                    }
                ) =>
            {
                Some(spilled)
            }
            _ => None,
        }
    }

    /// `Spilled::receiver(t).m(args)` where `t`'s probe (mention
    /// `spilled`) waits for the call's arguments' types: the call gives
    /// them, as `probed_call` does (`__private::ProbedSpill`). `temp`: `t`,
    /// rewritten.
    fn spilled_call(&self, spilled: MentionId, temp: &Expr, call: &syn::ExprMethodCall) -> Expr {
        let Form::Spilled { form, .. } = &self.an.forms[spilled] else {
            unreachable!("`typed_spill` found a spilled receiver")
        };
        let Form::TakeProbed {
            ref closures,
            takers,
            ..
        } = **form
        else {
            unreachable!("`typed_spill` found a probed receiver")
        };
        let span = self.body.mentions[spilled].span;
        let (typed, user_call) = user_call(span, call, closures);
        let kind = kind_picker(span, takers);
        syn::parse2(quote_spanned! {span=>
            ::coro::__private::ProbedSpill::call(#temp, #typed, #kind, #user_call)
        })
        .expect("a call")
    }

    fn code(&self, code: &Code) -> Expr {
        let mut expr = code.expr.clone();
        self.rewriter().visit_expr_mut(&mut expr);
        expr
    }

    /// Where a `move` closure first names `v`.
    fn capture_span(&self, v: VarId) -> Span {
        self.body
            .mentions
            .iter()
            .find(|m| m.var == v && m.access == (Access::Capture { by_move: true }))
            .map_or_else(Span::call_site, |m| m.span)
    }

    fn rewriter(&self) -> Rewriter<'_, '_> {
        Rewriter { l: self }
    }
}

struct Rewriter<'l, 'a> {
    l: &'l Lowerer<'a>,
}

impl Rewriter<'_, '_> {
    fn placeholder(e: &Expr, prefix: &str) -> Option<usize> {
        match e {
            Expr::Path(p) if p.qself.is_none() => parse_placeholder(p.path.get_ident()?, prefix),
            _ => None,
        }
    }

    fn capture_lets(&self, id: usize) -> TokenStream {
        let captures = &self.l.body.captures[id];
        let in_frame = |v: &&VarId| self.l.an.in_frame[**v];
        // A closure uses the slot references the poll binds at its top; the
        // lowering's own `async` block (stored in the frame, so it may hold
        // no lifetime) gets pointers under the same names.
        let slots: Vec<TokenStream> = captures
            .slots
            .iter()
            .filter(in_frame)
            .filter(|_| captures.pointers)
            .map(|&v| {
                let slot = self.l.slot_ref(v);
                quote!(let #slot = ::coro::__private::Unbound::new(#slot);)
            })
            .collect();
        // The droppers of the vars patterns or field reads may move parts
        // out of (see `partial`): a late one is stored by a use inside, and
        // an assignment inside drops the old value with its dropper.
        let droppers = captures
            .slots
            .iter()
            .filter(in_frame)
            .filter(|&&v| {
                !self
                    .l
                    .layout
                    .partial_arms(&self.l.an.partials, v)
                    .is_empty()
            })
            .filter_map(|&v| {
                let (dropper, _) = self.l.names.droppers[v].as_ref()?;
                let (ident, f) = (self.l.dropper_ref(dropper), &self.l.h.frame);
                Some(if captures.pointers {
                    quote!(let #ident = ::coro::__private::Unbound::new(&#f.#dropper);)
                } else {
                    quote!(let #ident = &#f.#dropper;)
                })
            });
        let slots: Vec<TokenStream> = slots.into_iter().chain(droppers).collect();
        // The drop flags, reached the same way.
        let live = (captures.pointers && !slots.is_empty()).then(|| {
            let ident = &self.l.h.live_capture;
            quote!(let #ident = ::coro::__private::Unbound::new(#ident);)
        });
        let moved = captures.moved.iter().filter(in_frame).map(|&v| {
            let slot = self.l.slot(v);
            let ident = if self.l.body.vars[v].name == "self" {
                self.l.h.self_capture.clone()
            } else {
                self.l.decl_ident(v)
            };
            // `&*`: a closure that runs this (an `async move` block inside
            // a closure that is not `move`) then captures the flags by a
            // reborrow, of the frame's lifetime, not the poll's reference
            // to them, which a closure stored in the frame could not hold.
            let live = self.l.live();
            // Used again after: only a `Copy` value may be taken whole
            // (see `analyse::reused_after_capture`).
            let copy = self.l.an.reused_after_capture[v].then(|| {
                let span = self.l.capture_span(v);
                // (At the user's tokens, resolved as the binding above is:
                // `__coro_self` is the lowering's own.)
                let mut at = ident.clone();
                at.set_span(ident.span().located_at(span));
                quote_spanned!(span=> ::coro::__private::captured_and_used_again(&#at);)
            });
            quote!(let mut #ident = #slot.take(&*#live); #copy)
        });
        let decided = captures
            .decided
            .iter()
            .filter(|d| self.l.an.in_frame[d.var])
            .map(|d| self.l.decided_capture_lets(d));
        quote!(#(#slots)* #live #(#moved)* #(#decided)*)
    }

    /// A known macro's arguments, rewritten; named format arguments that
    /// only stood for an implicit capture of a Rust local are dropped again.
    fn rewrite_macro_tokens(&mut self, mac: &syn::Macro) -> TokenStream {
        // A `select!`'s expressions, rewritten as code is (a field read out
        // of a frame value in a handler, say), the branches kept.
        if let Some(mut select) = crate::build::select::parsed_select(mac) {
            select.exprs_mut().for_each(|e| self.visit_expr_mut(e));
            return select.to_token_stream();
        }
        let tokens = mac.tokens.clone();
        let Ok(items) = macro_items(tokens.clone()) else {
            return self.rewrite_raw_tokens(tokens);
        };
        let mut out = Vec::new();
        for item in items {
            match item {
                MacroItem::Expr(mut e) => {
                    if let Expr::Assign(a) = &e {
                        if let Some(id) = Self::placeholder(&a.right, "__coro_mention_") {
                            let m = &self.l.body.mentions[id];
                            if m.access == Access::FormatCapture
                                && self.l.an.forms[id] == Form::Local
                            {
                                continue;
                            }
                        }
                    }
                    self.visit_expr_mut(&mut e);
                    out.push(e.into_token_stream());
                }
                MacroItem::Raw(tokens) => out.push(self.rewrite_repeat(tokens)),
            }
        }
        let mut stream = TokenStream::new();
        for (i, item) in out.into_iter().enumerate() {
            if i > 0 {
                stream.extend(quote!(,));
            }
            stream.extend(item);
        }
        stream
    }

    /// `vec![elem; n]`'s tokens: both expressions rewritten, so that an exit
    /// in them (`vec![get().await?; 2]`) is the coroutine's; other tokens
    /// token by token.
    fn rewrite_repeat(&mut self, tokens: TokenStream) -> TokenStream {
        match crate::build::macros::parse_exprs(tokens.clone()) {
            Some((mut exprs, true)) => {
                exprs.iter_mut().for_each(|e| self.visit_expr_mut(e));
                let (elem, count) = (&exprs[0], &exprs[1]);
                quote!(#elem; #count)
            }
            _ => self.rewrite_raw_tokens(tokens),
        }
    }

    /// Tokens that do not parse as expressions (`vec![x; n]`, `matches!`):
    /// placeholders are replaced token by token.
    fn rewrite_raw_tokens(&mut self, tokens: TokenStream) -> TokenStream {
        let mut tokens = tokens.into_iter().peekable();
        let mut out = TokenStream::new();
        while let Some(tt) = tokens.next() {
            // A lend placeholder, `__coro_lend_N!(..)`: its `!` and group go
            // with it.
            if let TokenTree::Ident(ident) = &tt
                && let Some(site) = crate::lend::site_of_ident(ident)
                && matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!')
            {
                tokens.next();
                tokens.next();
                let e = self.l.lend_expr(site);
                out.extend(quote!((#e)));
                continue;
            }
            out.extend(self.rewrite_raw_token(tt));
        }
        out
    }

    /// One token of `rewrite_raw_tokens`.
    fn rewrite_raw_token(&mut self, tt: TokenTree) -> TokenStream {
        match tt {
            TokenTree::Ident(ident) => match parse_placeholder(&ident, "__coro_mention_") {
                Some(id) => {
                    let e = self.l.mention_expr(id);
                    quote!((#e))
                }
                None => TokenTree::Ident(ident).into_token_stream(),
            },
            TokenTree::Group(g) => {
                // A closure's captures (`{ __coro_captures_N; move || .. }`,
                // in a `select!` branch): rewritten as an expression.
                if let Some(block) = self.capture_block(&g) {
                    return block;
                }
                let mut group =
                    proc_macro2::Group::new(g.delimiter(), self.rewrite_raw_tokens(g.stream()));
                group.set_span(g.span());
                TokenTree::Group(group).into_token_stream()
            }
            other => other.into_token_stream(),
        }
    }

    /// A brace group that is a capture block (see `code::wrap_captures`),
    /// rewritten.
    fn capture_block(&mut self, g: &proc_macro2::Group) -> Option<TokenStream> {
        if g.delimiter() != proc_macro2::Delimiter::Brace {
            return None;
        }
        let first = g.stream().into_iter().next()?;
        let TokenTree::Ident(ident) = first else {
            return None;
        };
        parse_placeholder(&ident, "__coro_captures_")?;
        let mut block: Expr = syn::parse2(TokenTree::Group(g.clone()).into_token_stream()).ok()?;
        self.visit_expr_mut(&mut block);
        Some(block.into_token_stream())
    }
}

impl VisitMut for Rewriter<'_, '_> {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if let Some(id) = Self::placeholder(e, "__coro_mention_") {
            *e = self.l.mention_expr(id);
            return;
        }
        if let Some(site) = crate::lend::site_of(e) {
            *e = self.l.lend_expr(site);
            return;
        }
        if let Some(id) = Self::placeholder(e, "__coro_ready_") {
            let span = syn::spanned::Spanned::span(e);
            *e = self.l.poll_expr(id, span);
            return;
        }
        match e {
            Expr::Assign(a) => {
                if let Some(write) = self.l.partial_field_write(a) {
                    *e = write;
                    return;
                }
                if let Some(id) = Self::placeholder(&a.left, "__coro_mention_") {
                    if self.l.an.forms[id] == Form::Set {
                        self.visit_expr_mut(&mut a.right);
                        let m = &self.l.body.mentions[id];
                        let slot = self.l.slot(m.var);
                        let live = self.l.live();
                        let right = &a.right;
                        *e = if self
                            .l
                            .layout
                            .partial_arms(&self.l.an.partials, m.var)
                            .is_empty()
                        {
                            syn::parse2(quote_spanned!(m.span=> #slot.set(&#live, #right)))
                        } else {
                            // A `match`, not a `let`: the value's temporaries
                            // drop at the end of the statement, after the old
                            // value (as in `x = v`). (Typed by the slot, so
                            // that it coerces as in an assignment: `best =
                            // (n, &name)` for a `(usize, &str)`.)
                            let drop = self.l.drop_var(m.var, m.via);
                            let value = Ident::new("__coro_value", Span::mixed_site());
                            let typed = quote_spanned!(m.span=>
                                ::coro::__private::typed_as_place(#slot.ptr(), #right)
                            );
                            syn::parse2(quote_spanned!(m.span=> match #typed {
                                #value => {
                                    #drop
                                    #slot.write(&#live, #value)
                                }
                            }))
                        }
                        .expect("a call");
                        return;
                    }
                }
            }
            Expr::Call(c) => {
                if let Some(id) = Self::placeholder(&c.func, "__coro_exit_") {
                    let mut args: Vec<Expr> = c.args.iter().cloned().collect();
                    for arg in &mut args {
                        self.visit_expr_mut(arg);
                    }
                    *e = self.l.exit_expr(id, args);
                    return;
                }
            }
            Expr::Block(b) => {
                if let Some(syn::Stmt::Expr(first, _)) = b.block.stmts.first() {
                    if let Some(id) = Self::placeholder(first, "__coro_captures_") {
                        let lets = self.capture_lets(id);
                        let mut stmts = vec![syn::Stmt::Expr(Expr::Verbatim(lets), None)];
                        for stmt in &b.block.stmts[1..] {
                            let mut stmt = stmt.clone();
                            self.visit_stmt_mut(&mut stmt);
                            if let syn::Stmt::Expr(Expr::Closure(c), _) = &mut stmt {
                                self.l.mark_once(id, c);
                            }
                            stmts.push(stmt);
                        }
                        *e = crate::syntax::block_of(Span::call_site(), stmts);
                        return;
                    }
                }
            }
            Expr::Macro(m) => {
                if has_placeholder(&m.mac.tokens) {
                    m.mac.tokens = self.rewrite_macro_tokens(&m.mac);
                }
                return;
            }
            Expr::Async(a) => crate::build::strip_inline_attrs(&mut a.attrs),
            Expr::MethodCall(call) => {
                let receiver = crate::syntax::unparenthesised(&call.receiver);
                if let Some(spilled) = self.l.typed_spill(receiver) {
                    let mut temp = crate::build::spilled_receiver_temp(receiver)
                        .expect("`typed_spill` matched a spilled receiver")
                        .clone();
                    self.visit_expr_mut(&mut temp);
                    call.args.iter_mut().for_each(|a| self.visit_expr_mut(a));
                    *e = self.l.spilled_call(spilled, &temp, call);
                    return;
                }
                let probed = Self::placeholder(receiver, "__coro_mention_").filter(|&id| {
                    matches!(
                        self.l.an.forms[id],
                        Form::TakeProbed {
                            typed_by_args: true,
                            ..
                        }
                    )
                });
                if let Some(id) = probed {
                    call.args.iter_mut().for_each(|a| self.visit_expr_mut(a));
                    *e = self.l.probed_call(id, call);
                    return;
                }
            }
            Expr::Struct(s) if s.rest.is_some() => {
                s.fields
                    .iter_mut()
                    .for_each(|f| self.visit_expr_mut(&mut f.expr));
                if let Some(update) = self.l.struct_update(s) {
                    *e = parenthesized(update, syn::spanned::Spanned::span(&*s));
                    return;
                }
                if let Some(rest) = &mut s.rest {
                    self.visit_expr_mut(rest);
                }
                return;
            }
            Expr::Field(field) => {
                // A block in parentheses: where the field began a statement
                // (`v.f - 6;`), a bare block would end that statement there.
                let span = syn::spanned::Spanned::span(&*field);
                if let Some((_, place)) = self.l.partial_place(field) {
                    *e = place;
                    return;
                }
                if let Some(read) = self.l.partial_field_read(field) {
                    *e = parenthesized(read, span);
                    return;
                }
                if let Some(read) = self.l.field_read(e) {
                    *e = parenthesized(read, span);
                    return;
                }
            }
            Expr::Binary(b) => {
                let spans = [&b.left, &b.right].map(|o| syn::spanned::Spanned::span(&**o));
                syn::visit_mut::visit_expr_binary_mut(self, b);
                operand_at_user_span(&mut b.left, spans[0]);
                operand_at_user_span(&mut b.right, spans[1]);
                return;
            }
            Expr::Unary(u) => {
                let span = syn::spanned::Spanned::span(&*u.expr);
                syn::visit_mut::visit_expr_unary_mut(self, u);
                operand_at_user_span(&mut u.expr, span);
                return;
            }
            Expr::Match(m) => {
                if let Some(partial) = self.l.partial_arms(&m.expr) {
                    for (arm, partial) in m.arms.iter_mut().zip(partial) {
                        match partial {
                            Some((pat, start)) => {
                                arm.pat = pat;
                                let body = &arm.body;
                                *arm.body = syn::parse_quote!({ #start #body });
                            }
                            // (An arm moving nothing out, through the same `&mut`.)
                            None => crate::partial::matched_through_mut(&mut arm.pat),
                        }
                    }
                }
            }
            _ => {}
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        let mut stmts = Vec::with_capacity(block.stmts.len());
        for mut stmt in std::mem::take(&mut block.stmts) {
            let mut prologue = None;
            if let syn::Stmt::Local(local) = &mut stmt {
                let partial = local
                    .init
                    .as_ref()
                    .and_then(|init| self.l.partial_arms(&init.expr));
                if let Some(Some((pat, start))) = partial.and_then(|p| p.into_iter().next()) {
                    local.pat = pat;
                    prologue = Some(start);
                }
            }
            self.visit_stmt_mut(&mut stmt);
            stmts.push(stmt);
            if let Some(start) = prologue {
                let block: syn::Block = syn::parse_quote!({ #start });
                stmts.extend(block.stmts);
            }
        }
        block.stmts = stmts;
    }

    fn visit_stmt_mut(&mut self, s: &mut syn::Stmt) {
        if let syn::Stmt::Macro(m) = s {
            // (A lend placeholder, as tokens parsed again make it.)
            if let Some(site) = crate::lend::site_of_macro(&m.mac) {
                *s = syn::Stmt::Expr(self.l.lend_expr(site), m.semi_token);
                return;
            }
            if has_placeholder(&m.mac.tokens) {
                m.mac.tokens = self.rewrite_macro_tokens(&m.mac);
            }
            return;
        }
        syn::visit_mut::visit_stmt_mut(self, s);
    }
}

fn has_placeholder(tokens: &TokenStream) -> bool {
    crate::syntax::any_ident(tokens.clone(), &|i| i.to_string().starts_with("__coro_"))
}

/// Whether some mention in the code moves `var` (used by emit's checks).
#[allow(dead_code)]
pub fn mentions_of(code: &Code) -> Vec<MentionId> {
    mention_ids(&code.expr)
}

/// The field `members` of the value in `slot`, through its pointer and
/// what `__private::FieldProbe` says of its type (`Copy` or not): `read`
/// makes the read of them, given the kind and the pointer.
fn probed_field<M: ToTokens>(
    span: Span,
    slot: &TokenStream,
    members: &[M],
    read: impl FnOnce(&TokenStream, &Ident) -> TokenStream,
) -> TokenStream {
    // At the user's name, and not from the expansion (rustc would point at
    // the attribute): it names nothing of the user's in this block.
    let field = Ident::new("__coro_field", span);
    let kind = quote_spanned!(span=> (&::coro::__private::FieldProbe(#field)).field_kind());
    let read = read(&kind, &field);
    quote_spanned! {span=>
        #[allow(unused_imports)]
        use ::coro::__private::{ProbeCopy as _, ProbeMove as _};
        let #field = &raw const (*#slot.ptr()) #(.#members)*;
        #read
    }
}

/// `(e)`: an expression that stays one wherever it is put.
/// `e` in parentheses at `span`, the user's expression it stands for: an
/// operator around it (`p.x + 200`) spans from the user's tokens then, and
/// so does the location of its overflow panic (a span from the expansion
/// would make it the attribute's).
fn parenthesized(e: Expr, span: Span) -> Expr {
    Expr::Paren(syn::ExprParen {
        attrs: Vec::new(),
        paren_token: syn::token::Paren(span),
        expr: Box::new(e),
    })
}

/// An operand the rewrite made begin with a name of the lowering's
/// (`__coro_slot_a.take(..)`), parenthesised at `span`, the user's operand
/// (see [`parenthesized`]).
fn operand_at_user_span(operand: &mut Expr, span: Span) {
    if let Expr::Verbatim(tokens) = operand {
        if matches!(tokens.clone().into_iter().next(), Some(TokenTree::Ident(_))) {
            *operand = parenthesized(std::mem::replace(operand, Expr::PLACEHOLDER), span);
        }
    }
}

/// The traits whose methods pick a receiver's kind by `std_recv_kind`: the
/// types of `takers` move out.
fn std_recv_imports(span: Span, takers: StdTakers) -> TokenStream {
    match takers {
        StdTakers::None => quote_spanned!(span=> ProbeOtherRecv as _,),
        StdTakers::All => quote_spanned!(span=>
            ProbeFutureRecv as _, ProbeIterRecv as _, ProbeOptionRecv as _, ProbeOtherRecv as _,
            ProbePollRecv as _, ProbeResultRecv as _, ProbeStreamRecv as _,
        ),
        StdTakers::Streams => quote_spanned!(span=> ProbeOtherRecv as _, ProbeStreamRecv as _,),
        StdTakers::Sinks => quote_spanned!(span=> ProbeOtherRecv as _, ProbeSinkRecv as _,),
        StdTakers::StreamsAsked(_) => quote_spanned!(span=> ProbeOtherRecv as _,),
        StdTakers::AllAndReaders => {
            let all = std_recv_imports(span, StdTakers::All);
            quote_spanned!(span=> #all ProbeAsyncReadRecv as _,)
        }
    }
}

/// `TakeRecv` if the value `recv` points to is one of std's types whose
/// methods of the name take `self`, else `PlaceRecv`.
fn std_recv_kind(span: Span, recv: &Ident) -> TokenStream {
    quote_spanned!(span=> (&::coro::__private::RecvProbe(#recv)).recv_kind())
}

/// The traits whose methods pick a probed receiver's kind (`std`: and
/// those of `std_recv_kind`, for the types that are not probed; `readers`:
/// and those of `reader_kind`).
fn probe_imports(span: Span, takers: Takers) -> TokenStream {
    let decide = quote_spanned!(span=>
        DecidePlace as _, DecideTake as _, ProbeBoxSelfTarget as _, ProbeBoxTarget as _,
        ProbeCopyTarget as _, ProbeMutRefTarget as _, ProbeNotBoxTarget as _, ProbeOtherTarget as _,
    );
    let readers = takers.readers.map(|_| reader_imports(span));
    let recv = std_recv_imports(span, takers.std);
    let std = match takers.std {
        StdTakers::None => decide,
        StdTakers::All => quote_spanned!(span=>
            #decide ProbeStdFutureTarget as _, ProbeStdIterTarget as _, ProbeStdStreamTarget as _,
            ProbeStdTypeTarget as _, #recv
        ),
        StdTakers::Streams => quote_spanned!(span=> #decide ProbeStdStreamTarget as _, #recv),
        StdTakers::Sinks => quote_spanned!(span=> #decide ProbeStdSinkTarget as _, #recv),
        StdTakers::StreamsAsked(_) => quote_spanned!(span=>
            #decide ProbeStdStreamTarget as _, ProbeStreamAskedTarget as _,
            ProbeNotStreamAskedTarget as _, #recv
        ),
        StdTakers::AllAndReaders => quote_spanned!(span=>
            #decide ProbeStdAsyncReadTarget as _, ProbeStdFutureTarget as _,
            ProbeStdIterTarget as _, ProbeStdStreamTarget as _, ProbeStdTypeTarget as _, #recv
        ),
    };
    quote_spanned!(span=> #std #readers)
}

/// A probed receiver's kind, from `decide` (a reference to the probe's
/// `Decide`); moved out also if `std_recv_kind` says so (`takers.std`), or
/// `reader_kind` (`takers.readers`).
fn probed_kind(span: Span, takers: Takers, recv: &Ident, decide: TokenStream) -> TokenStream {
    let mut kind = quote_spanned!(span=> #decide.recv_kind());
    if let StdTakers::StreamsAsked(method) = takers.std {
        let stream_kind = stream_asked_kind(span, method, recv);
        kind = quote_spanned!(span=> #stream_kind.or(#kind));
    } else if takers.std != StdTakers::None {
        let std_kind = std_recv_kind(span, recv);
        kind = quote_spanned!(span=> #std_kind.or(#kind));
    }
    if let Some(family) = takers.readers {
        let reader_kind = reader_kind(span, family, recv);
        kind = quote_spanned!(span=> #reader_kind.or(#kind));
    }
    kind
}

/// `TakeRecv` if the value `recv` points to is a stream whose `method`
/// (`any`, `all`) method resolution finds taking `self` (futures'
/// `StreamExt`), else `PlaceRecv` (tokio-stream's, taking `&mut self`; or
/// not a stream). The probe's own method, in a block of its own, is
/// implemented for `&T`: found at the autoref step, after a method taking
/// `self` and before one taking `&mut self`. Its argument is a closure
/// whose future futures' bounds accept.
fn stream_asked_kind(span: Span, method: &str, recv: &Ident) -> TokenStream {
    let method = crate::syntax::ident_from_str(method, span);
    let (value, boxed) = (
        Ident::new("__coro_value", span),
        Ident::new("__coro_boxed", span),
    );
    let stand_in = quote_spanned!(span=> |_| ::core::future::ready(true));
    quote_spanned! {span=>
        (&::coro::__private::decide(
            (&&::coro::__private::StreamAskedProbe(#recv)).target(),
            ::coro::__private::ProbeAs::not_probed(),
            {
                trait StreamProbe_write_Trait_method_value {
                    fn #method<R>(
                        self,
                        _: impl ::core::ops::FnOnce(::coro::__private::ProbeArg) -> R,
                    ) -> ::coro::__private::Borrows;
                }
                impl<T> StreamProbe_write_Trait_method_value for &T {
                    fn #method<R>(
                        self,
                        _: impl ::core::ops::FnOnce(::coro::__private::ProbeArg) -> R,
                    ) -> ::coro::__private::Borrows {
                        ::coro::__private::Borrows
                    }
                }
                |#value, #boxed, (), ()| (#value.#method(#stand_in), #boxed.#method(#stand_in))
            },
        ))
        .recv_kind()
    }
}

/// The probe of a reader of `family` on the value `recv` points to (see
/// `__private::ReaderProbe`).
fn reader_probe(span: Span, family: ReaderFamily, recv: &Ident) -> TokenStream {
    let marker = Ident::new(family.marker(), span);
    quote_spanned!(span=> (&&&::coro::__private::ReaderProbe::<_, ::coro::__private::#marker>::new(#recv)))
}

/// `TakeRecv` if the value `recv` points to is a reader of `family`, else
/// `PlaceRecv`.
fn reader_kind(span: Span, family: ReaderFamily, recv: &Ident) -> TokenStream {
    let probe = reader_probe(span, family, recv);
    quote_spanned!(span=> #probe.recv_kind())
}

/// The traits whose methods answer `reader_probe`.
fn reader_imports(span: Span) -> TokenStream {
    quote_spanned!(span=>
        ProbeFuturesReader as _, ProbeStdReader as _, ProbeTokioReader as _, ReaderTarget as _,
    )
}

/// The closure among a probed call's arguments that picks the receiver's
/// kind from the probe (`|decided, recv| kind`): rustc types it after the
/// call's other arguments, which type the probe's answer (see
/// `__private::ProbedCall`).
fn kind_picker(span: Span, takers: Takers) -> TokenStream {
    let (decided, recv) = (
        Ident::new("__coro_decided", span),
        Ident::new("__coro_recv", span),
    );
    let imports = probe_imports(span, takers);
    let kind = probed_kind(span, takers, &recv, decided.to_token_stream());
    quote_spanned! {span=> |#decided, #recv| {
        #[allow(unused_imports)]
        use ::coro::__private::{#imports};
        #kind
    }}
}

/// The user's call of a probed method as the probe's helpers make it: the
/// tuple of its arguments but the `closures`, and the closure that makes
/// the call on the receiver with them and the closures, written in it (see
/// `__private::ProbedCall`).
fn user_call(
    span: Span,
    call: &syn::ExprMethodCall,
    closures: &[ClosureArg],
) -> (TokenStream, TokenStream) {
    let value = Ident::new("__coro_value", span);
    let method = &call.method;
    let (mut typed, mut params, mut args) = (Vec::new(), Vec::new(), Vec::new());
    for (at, arg) in call.args.iter().enumerate() {
        if closures.iter().any(|c| c.at == at) {
            args.push(arg.to_token_stream());
        } else {
            let param = arg_param(span, params.len());
            args.push(param.to_token_stream());
            params.push(param);
            typed.push(arg);
        }
    }
    // The call's parentheses at the method's name: rustc reports the
    // location of a `#[track_caller]` method (`r.expect("..")` panicking)
    // from the name to the closing parenthesis, as for the user's call; at
    // the receiver's span they would start it at the receiver.
    let call_span = method.span();
    let run = quote_spanned!(call_span=> #value.#method(#(#args),*));
    (
        quote_spanned!(span=> (#(#typed,)*)),
        quote_spanned!(span=> |#value, (#(#params,)*)| #run),
    )
}

/// The `i`th parameter through which the probe's call passes the call's
/// arguments (but closures).
fn arg_param(span: Span, i: usize) -> Ident {
    format_ident!("__coro_arg{}", i, span = span)
}

/// `decide(target, box_target, { trait ReceiverProbe_write_Trait_method_value { fn m(..) } ..; |v, b, (a0,),
/// (b0,)| (v.m(a0), b.m(b0)) })`: method resolution on the value pointed to
/// by `recv` finds `method` of its type taking `self`, or the probe's own
/// (see `__private::decide`); on a `Box`, also on the box itself (a method
/// taking `self: Box<Self>`), else on `NotProbed`.
/// The probe's own method takes `ProbeArg`s, or, where the real arguments
/// type its parameters (`typed_by_args`), arguments of any type; in place
/// of each closure literal among the arguments (`closures`), a closure of
/// as many parameters that is never called, whose parameters the method
/// found types, as it would the user's. `std`: the value is not probed if
/// it is one of std's types (see `__private::StdProbe`).
fn probe_decide(
    span: Span,
    call: &ProbedCallShape<'_>,
    typed_by_args: bool,
    takers: Takers,
    recv: &Ident,
) -> TokenStream {
    let ProbedCallShape {
        method,
        args,
        closures,
        turbofish,
        literals,
        param_literals,
        call: user_call,
        awaited,
    } = *call;
    let value = Ident::new("__coro_value", span);
    let boxed = Ident::new("__coro_boxed", span);
    let method = crate::syntax::ident_from_str(method, span);
    let (mut generics, mut params, mut placeholders, mut call_args) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // (The call on the box passes arguments of its own.)
    let (mut box_params, mut box_args) = (Vec::new(), Vec::new());
    // The turbofish's types are the probe's method's own generics, and
    // its call names them as the user's does.
    if let Some(t) = turbofish {
        generics
            .extend((0..t.args.len()).map(|i| format_ident!("__CoroGeneric{}", i, span = span)));
    }
    let turbofish = turbofish.map(|t| quote_spanned!(span=> #t));
    for at in 0..args {
        match closures.iter().find(|c| c.at == at).map(|c| c.params) {
            Some(Some(0)) if literals.iter().any(|(l, _)| *l == at) => {
                let shape = result_shape(span, at);
                // (Any result: the probe's own method is found for a
                // method that borrows, whatever the closure returns.)
                let result = format_ident!("__CoroResult{}", at, span = span);
                generics.push(result.clone());
                placeholders.push(quote_spanned!(span=> _: impl ::core::ops::FnOnce() -> #result));
                let result = quote_spanned!(span=> || #shape.value());
                call_args.push(result.clone());
                box_args.push(result);
                continue;
            }
            Some(Some(params)) => {
                let probe_args =
                    (0..params).map(|_| quote_spanned!(span=> ::coro::__private::ProbeArg));
                let ignored: Vec<_> = (0..params).map(|_| quote_spanned!(span=> _)).collect();
                // Where the call is at hand, the closure's result type is
                // its copy's (see `shaped_results`): a method generic in it
                // (`fn with<R: Default>(&self, k: u8, f: impl FnOnce(&T) ->
                // R) -> R`, `try_fold`) types its parameter by it, where the
                // closure's own would be `!`.
                let stand_in = if param_literals.iter().any(|(l, _)| *l == at) {
                    let shape = result_shape(span, at);
                    let result = format_ident!("__CoroResult{}", at, span = span);
                    generics.push(result.clone());
                    placeholders.push(quote_spanned!(span=>
                        _: impl ::core::ops::FnOnce(#(#probe_args),*) -> #result
                    ));
                    // (`move`: a copy of the shape, which an output that
                    // holds the closure may keep.)
                    quote_spanned!(span=> move |#(#ignored),*| #shape.value())
                } else {
                    placeholders
                        .push(quote_spanned!(span=> _: impl ::core::ops::FnOnce(#(#probe_args),*)));
                    quote_spanned!(span=> |#(#ignored),*| ::core::unreachable!())
                };
                call_args.push(stand_in.clone());
                box_args.push(stand_in);
                continue;
            }
            // A literal the method's parameter types (written in the
            // user's call): a value of any type, never made.
            Some(None) => {
                placeholders.push(quote_spanned!(span=> _: ::coro::__private::ProbeArg));
                call_args.push(quote_spanned!(span=> ::core::unreachable!()));
                box_args.push(quote_spanned!(span=> ::core::unreachable!()));
                continue;
            }
            None => {}
        }
        let box_param = format_ident!("__coro_box_arg{}", params.len(), span = span);
        box_args.push(box_param.to_token_stream());
        box_params.push(box_param);
        let param = arg_param(span, params.len());
        placeholders.push(if typed_by_args {
            let ty = format_ident!("__CoroArg{}", params.len(), span = span);
            generics.push(ty.clone());
            quote_spanned!(span=> _: #ty)
        } else {
            quote_spanned!(span=> _: ::coro::__private::ProbeArg)
        });
        call_args.push(param.to_token_stream());
        params.push(param);
    }
    let generics = if generics.is_empty() {
        TokenStream::new()
    } else {
        quote_spanned!(span=> <#(#generics),*>)
    };
    // A `Box` of a sized value is probed as its contents (whose methods
    // taking `self` its auto-deref reaches) and as itself (a method taking
    // `self: Box<Self>`); anything else once. (A value std's probe does
    // not answer for is probed as itself.)
    let (mut target, mut box_target) = if takers.std != StdTakers::None {
        (
            quote_spanned!(span=> (&&::coro::__private::StdProbe(#recv)).target()),
            quote_spanned!(span=> ::coro::__private::ProbeAs::not_probed()),
        )
    } else {
        (
            quote_spanned!(span=> (&::coro::__private::CopyProbe(#recv)).target()),
            quote_spanned!(span=> (&::coro::__private::BoxProbe(#recv)).target()),
        )
    };
    // A reader of the name's family is not probed (its extension trait's
    // method would meet the probe's): `NotProbed` in place of both.
    if let Some(family) = takers.readers {
        let probe = reader_probe(span, family, recv);
        target = quote_spanned!(span=> #probe.target_or(#target));
        box_target = quote_spanned!(span=> #probe.target_or(#box_target));
    }
    // Where the arguments type the probe, the user's call on the value by
    // value (out of the probe trait's reach) types them and the call's
    // output too, on the receiver the user's call gets (see
    // `__private::decide_typed`, `TypingProbe`). Only typed: after a
    // `loop {}`, it is not borrow-checked (it would move the value out
    // from behind a `&mut`, or return a borrow of its parameter).
    //
    // Its output is tied to the user's call's only where no closure literal
    // is among the arguments, or the call is not at hand (a receiver
    // spilled before an argument that awaits): the typing call passes
    // closures of its own, whose types an output that names them (an
    // `async fn` method's future, a `-> impl Iterator`, a `Map<I, F>`)
    // would carry into the user's call, making the user's closure the
    // probe's (E0282, E0308). Such a call's output is typed by its copy
    // (see `shaped_results`) and the user's call: a method generic only in
    // its output then has nothing to type the typing call's (E0283). Where
    // the call is not at hand, nothing else would type a closure's result
    // (`fn with<R: Default>(&self, k: u8, f: impl FnOnce(&[u8]) -> R) ->
    // R`: `!: Default`), so the tie stays.
    let (decide, typed) = if typed_by_args {
        let (typed, output) = (
            Ident::new("__coro_typed", span),
            Ident::new("__coro_output", span),
        );
        let typing_call = quote_spanned!(span=> #typed.#method #turbofish(#(#call_args),*));
        let typing_call = if user_call.is_some() && closures.iter().any(|c| c.params.is_some()) {
            if awaited {
                // (What the futures resolve to is one type all the same.)
                quote_spanned!(span=> ::coro::__private::typed_as_awaited(#output, #typing_call);)
            } else {
                quote_spanned!(span=> let _ = #typing_call;)
            }
        } else {
            quote_spanned!(span=> ::coro::__private::typed_as(#output, #typing_call);)
        };
        (
            quote_spanned!(span=> decide_typed),
            quote_spanned! {span=>
                (&::coro::__private::TypingProbe(#recv)).typing(),
                |#typed, (#(#params,)*), #output| {
                    loop {}
                    #[allow(unreachable_code)]
                    #typing_call
                },
            },
        )
    } else {
        (quote_spanned!(span=> decide), TokenStream::new())
    };
    // The probe's trait is in scope only in the block around its call:
    // neither the user's call nor the helpers' calls here (whose names the
    // user's method may have) can meet it.
    let decide = quote_spanned! {span=>
        ::coro::__private::#decide(#target, #box_target, #typed {
            trait ReceiverProbe_write_Trait_method_value {
                fn #method #generics(self, #(#placeholders),*) -> ::coro::__private::Borrows;
            }
            impl<T> ReceiverProbe_write_Trait_method_value for T {
                fn #method #generics(self, #(#placeholders),*) -> ::coro::__private::Borrows {
                    ::coro::__private::Borrows
                }
            }
            |#value, #boxed, (#(#params,)*), (#(#box_params,)*)| (
                #value.#method #turbofish(#(#call_args),*),
                #boxed.#method #turbofish(#(#box_args),*),
            )
        })
    };
    // The user's call once more, never made, on a value of the receiver's
    // type, with copies of its arguments, so that the copies of its closure
    // literals with parameters are typed as the user's are (by the method's
    // bounds, with the other arguments' types) and type their shapes.
    let typed_copy = user_call
        .filter(|_| typed_by_args && !param_literals.is_empty())
        .map(|call| {
            let copy_args = call.args.iter().enumerate().map(|(at, arg)| {
                match param_literals.iter().find(|(l, _)| *l == at) {
                    Some((_, literal)) => shaped_copy(span, at, literal),
                    None => arg.clone(),
                }
            });
            quote_spanned! {span=>
                let _ = (&::coro::__private::TypingProbe(#recv))
                    .value()
                    .#method #turbofish(#(#copy_args),*);
            }
        });
    shaped_results(span, literals, param_literals, typed_copy, decide)
}

/// What `probe_decide` needs of a probed call (see `Form::TakeProbed`).
#[derive(Clone, Copy)]
struct ProbedCallShape<'a> {
    method: &'a str,
    args: usize,
    closures: &'a [ClosureArg],
    turbofish: Option<&'a syn::AngleBracketedGenericArguments>,
    /// The closure literals without parameters among the arguments, by
    /// position, where the call is at hand (see `shaped_results`).
    literals: &'a [(usize, Expr)],
    /// The closure literals with parameters among them, likewise (see
    /// `shaped_results`).
    param_literals: &'a [(usize, Expr)],
    /// The user's call (its arguments rewritten), where at hand.
    call: Option<&'a syn::ExprMethodCall>,
    /// That call is the whole operand of an `.await` (see
    /// `Access::Receiver::awaited`).
    awaited: bool,
}

impl<'a> ProbedCallShape<'a> {
    fn new(
        method: &'a str,
        args: usize,
        closures: &'a [ClosureArg],
        turbofish: &'a Option<syn::AngleBracketedGenericArguments>,
    ) -> Self {
        ProbedCallShape {
            method,
            args,
            closures,
            turbofish: turbofish.as_ref(),
            literals: &[],
            param_literals: &[],
            call: None,
            awaited: false,
        }
    }
}

/// The closure literals among a call's arguments, by position: those
/// without parameters (`with_params` false, see `__private::ResultShape`),
/// or those with some (see `shaped_results`). Not `async` ones.
/// (Rewritten: a closure that captures a frame value as its type decides
/// is the tail of a block that captures it first, see `captured`.)
fn closure_literals(call: &syn::ExprMethodCall, with_params: bool) -> Vec<(usize, Expr)> {
    call.args
        .iter()
        .enumerate()
        .filter_map(|(at, arg)| {
            let mut arg = arg.clone();
            let c = tail_closure(&mut arg)?;
            (c.inputs.is_empty() != with_params && c.asyncness.is_none()).then_some((at, arg))
        })
        .collect()
}

/// The closure `e` ends in: itself, in parentheses, or a block's tail.
fn tail_closure(e: &mut Expr) -> Option<&mut syn::ExprClosure> {
    match e {
        Expr::Closure(c) => Some(c),
        Expr::Paren(p) => tail_closure(&mut p.expr),
        Expr::Block(b) => match b.block.stmts.last_mut() {
            Some(syn::Stmt::Expr(tail, None)) => tail_closure(tail),
            _ => None,
        },
        _ => None,
    }
}

/// The name of the `ResultShape` of the closure argument at `at`.
fn result_shape(span: Span, at: usize) -> Ident {
    format_ident!("__coro_shape{}", at, span = span)
}

/// `decide`, with the result types of the closure literals among the
/// call's arguments given to its closures (see `__private::ResultShape`):
/// their shapes made before it, and a copy of each literal, never made,
/// typed after it. A copy of one without parameters (`literals`) stands
/// alone; one with parameters (`param_literals`), which only the
/// method's bounds type, is an argument of a copy of the call
/// (`typed_copy`).
fn shaped_results(
    span: Span,
    literals: &[(usize, Expr)],
    param_literals: &[(usize, Expr)],
    typed_copy: Option<TokenStream>,
    decide: TokenStream,
) -> TokenStream {
    if literals.is_empty() && typed_copy.is_none() {
        return decide;
    }
    let shapes = literals
        .iter()
        .chain(
            typed_copy
                .is_some()
                .then_some(param_literals)
                .into_iter()
                .flatten(),
        )
        .map(|(at, _)| result_shape(span, *at));
    let copies = literals.iter().map(|(at, arg)| shaped_copy(span, *at, arg));
    let decided = Ident::new("__coro_decided", span);
    quote_spanned! {span=> {
        #(let #shapes = ::coro::__private::ResultShape::new();)*
        let #decided = #decide;
        if false {
            loop {}
            #[allow(unreachable_code)]
            {
                #(let _ = #copies;)*
                #typed_copy
            }
        }
        #decided
    }}
}

/// A copy of the closure literal `arg` (at `at` among the arguments) whose
/// result types its shape (see `__private::ResultShape::ret`).
fn shaped_copy(span: Span, at: usize, arg: &Expr) -> Expr {
    let shape = result_shape(span, at);
    let mut copy = arg.clone();
    let closure = tail_closure(&mut copy).expect("a closure argument");
    let body = &closure.body;
    *closure.body = syn::parse_quote_spanned!(span=> { #shape.ret(#body) });
    copy
}
