//! Lifetimes the lowered signature must name where the `async fn` did not.
//!
//! An `async fn` may leave out lifetimes that a plain `fn` returning
//! `impl Future` must write (in `impl Trait` arguments), and rustc's own
//! coroutine hides borrows that the frame, the hidden type of that
//! `impl Future`, has to store under a lifetime the signature names (see
//! `add_frame_lifetime`).

use proc_macro2::Span;
use syn::visit::Visit;
use syn::visit_mut::{self, VisitMut};
use syn::{FnArg, Generics, Ident, Lifetime, Signature, Type};

/// The lifetime `add_frame_lifetime` gives the function.
const FRAME_LIFETIME: &str = "'__coro";

/// What the frame may hold borrows in (see [`add_frame_lifetime`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FrameBorrows {
    /// Borrows of its own values (the analysis's lenders).
    OwnValues,
    /// Only futures it awaits, which may hold borrows of theirs.
    InFutures,
}

/// The prefix of the lifetimes given to elided ones.
const ELIDED_PREFIX: &str = "__coro_elided";

/// Gives a function whose generic types (type parameters, `impl Trait`
/// arguments) might be borrowed across an await a lifetime they all
/// outlive, for its frame's borrows. Asked only for a frame that holds a
/// borrow of one of its own values (the analysis's lenders): any other
/// keeps the signature as written. `output`: the `async fn`'s output type.
///
/// Input:  `fn copy<R: AsyncRead + Unpin>(mut r: R, w: impl AsyncWrite) -> ..`
/// Output: `fn copy<'__coro, R: AsyncRead + Unpin + '__coro>(mut r: R,
///              w: impl AsyncWrite + '__coro) -> ..`
///
/// A borrow of a frame value held across an await (`r.read(&mut buf)`,
/// a `Read<'x, R>`) is stored in the frame, whose type is the hidden type of
/// the returned `impl Future`, so `'x` must be a lifetime that type may
/// name: with none in the signature, only `'static`, which `R` need not
/// outlive (E0310, where rustc's own lowering hides the borrow in its
/// coroutine). Given `'__coro`, the least lifetime in scope, rustc takes
/// that. A caller infers it (as short as the call, or `'static` when the
/// types are, so the future is `'static` exactly when rustc's is).
///
/// With lifetimes of its own, too (`fn read_into<R>(r: R, out: &mut
/// Vec<u8>)`): the frame may borrow `r` under none of them, which `R` need
/// not outlive (E0311). Every lifetime of the arguments outlives
/// `'__coro`, so those left out get names, and so does the output's, which
/// elision took from them; an `impl Trait` argument is bounded only if the
/// output elided none (its bound would be one more lifetime to elide from).
///
/// With two lifetimes or more and no generic types too: a frame value may
/// borrow from two of them (`let host = a.unwrap_or(&b)`), under their
/// intersection, which the hidden type cannot name but as `'__coro`
/// (E0700, "captures lifetime that does not appear in bounds").
///
/// A frame that holds no borrow of its own values may still hold a future
/// that does, under a lifetime of its own (`inner(x).await`, `inner` a
/// generic coroutine given `'__coro`, a `Inner<'x, T>` with `T: 'x`): with
/// generic types, the function gets `'__coro` for it too (else `'x` is
/// `'static`, which `T` need not outlive: E0310). Not for two lifetimes and
/// no generic types.
///
/// Not for a method (it may implement a trait's, whose lifetime parameters
/// it must match), unless it has a visibility (`inherent`), which no trait
/// impl's method has: see `add_to_inherent_method`.
pub fn add_frame_lifetime(
    sig: &mut Signature,
    output: &Type,
    borrows: FrameBorrows,
    inherent: bool,
) {
    let has_receiver = sig.inputs.iter().any(|a| matches!(a, FnArg::Receiver(_)));
    if has_receiver && inherent {
        return add_to_inherent_method(sig, output);
    }
    if has_receiver
        || crate::syntax::any_ident(quote::ToTokens::to_token_stream(&*sig), &|i| i == "Self")
    {
        return;
    }
    let type_params = type_param_idents(sig);
    let impl_traits = sig.inputs.iter().any(|a| match a {
        FnArg::Typed(t) => crate::signature::contains_impl_trait(&t.ty),
        FnArg::Receiver(_) => false,
    });
    let output_elides = elides_lifetime(output);
    let mut named = sig.clone();
    name_elided(&mut named, false);
    // With two lifetimes or more, a value may borrow from both
    // (`a.unwrap_or(&b)`), under a lifetime that is neither, which the
    // frame can name only as `'__coro` (E0700 without it).
    let several = borrows == FrameBorrows::OwnValues && input_lifetimes(&named).len() >= 2;
    if type_params.is_empty() && !impl_traits && !several {
        return;
    }
    if output_elides {
        // Elision gave the output the one lifetime of the arguments (the
        // function has no `self`).
        let [only] = &input_lifetimes(&named)[..] else {
            return;
        };
        let mut namer = Elided::new(false, |span| Some(Lifetime::new(&only.to_string(), span)));
        namer.visit_return_type_mut(&mut named.output);
    }
    *sig = named;
    let lifetimes = lifetime_params(&sig.generics);
    let lifetime = Lifetime::new(FRAME_LIFETIME, sig.fn_token.span);
    if !output_elides {
        bound_impl_trait_arguments(sig, &lifetime);
    }
    bound_by(&mut sig.generics, &type_params, &lifetimes, &lifetime);
    add_lifetime_param(&mut sig.generics, lifetime);
}

// Input:  `pub fn finish(mut self) -> io::Result<W>` (in `impl<W> Writer<W>`)
// Output: `pub fn finish<'__coro>(mut self) -> io::Result<W> where Self: '__coro`
/// A method taking `self` by value that no trait's can be (it has a
/// visibility, which a trait impl's method may not): its frame may borrow
/// `self`, of a type whose parameters (the `impl`'s, which the method does
/// not see) need not be `'static`. `Self: '__coro` bounds them all.
///
/// With other references too (`pub fn serve(mut self, kv: &mut Map)` in
/// `impl<S> Conn<S>`), rustc would take the frame's borrows of `self` under
/// their lifetime, which `S` need not outlive (E0311): the elided ones get
/// names, as a free function's do, and each outlives `'__coro`. Left as it
/// is with an output that elides a lifetime. With `&self` or `&mut self`,
/// see `add_to_borrowing_method`.
fn add_to_inherent_method(sig: &mut Signature, output: &Type) {
    let receiver = sig.inputs.iter().find_map(|a| match a {
        FnArg::Receiver(r) => Some(&r.kind),
        FnArg::Typed(_) => None,
    });
    match receiver {
        Some(syn::ReceiverKind::Value) if !elides_lifetime(output) => {}
        Some(syn::ReceiverKind::Reference(..)) if has_generic_types(sig) => {
            return add_to_borrowing_method(sig);
        }
        _ => return,
    }
    name_elided(sig, false);
    bound_method_by_frame_lifetime(sig);
}

// Input:  `pub fn send(&mut self, payload: impl AsRef<[u8]>) -> io::Result<()>`
// Output: `pub fn send<'__coro_elided0, '__coro>(&'__coro_elided0 mut self,
//              payload: impl AsRef<[u8]> + '__coro) -> io::Result<()>
//          where '__coro_elided0: '__coro, Self: '__coro`
/// A method taking `&self` or `&mut self` that no trait's can be (it has a
/// visibility) and has generic types of its own: rustc would take the
/// frame's borrows of its generic values (`payload.as_ref()` held across
/// an await) under the receiver's lifetime, which they need not outlive
/// (E0311). As for a free function, the elided lifetimes get names (the
/// receiver's first), each outlives `'__coro`, and so do the generic
/// types. An output that elides a lifetime is given the receiver's, as
/// elision gives it, and so names it.
fn add_to_borrowing_method(sig: &mut Signature) {
    let receiver_lifetime = name_receiver(sig);
    name_elided(sig, false);
    let mut namer = Elided::new(false, |span| {
        Some(Lifetime::new(&receiver_lifetime.to_string(), span))
    });
    namer.visit_return_type_mut(&mut sig.output);
    bound_method_by_frame_lifetime(sig);
}

/// The end of both methods' paths: the generic types, `impl Trait`
/// arguments, lifetimes and `Self` outlive `'__coro`, which the method then
/// declares.
fn bound_method_by_frame_lifetime(sig: &mut Signature) {
    let type_params = type_param_idents(sig);
    let lifetimes = lifetime_params(&sig.generics);
    let lifetime = Lifetime::new(FRAME_LIFETIME, sig.fn_token.span);
    bound_impl_trait_arguments(sig, &lifetime);
    bound_by(&mut sig.generics, &type_params, &lifetimes, &lifetime);
    let predicate = syn::parse_quote_spanned!(sig.fn_token.span=> Self: #lifetime);
    sig.generics.make_where_clause().predicates.push(predicate);
    add_lifetime_param(&mut sig.generics, lifetime);
}

/// Whether the function has generic types of its own: type parameters or
/// `impl Trait` arguments.
fn has_generic_types(sig: &Signature) -> bool {
    sig.generics.type_params().next().is_some()
        || sig.inputs.iter().any(|a| match a {
            FnArg::Typed(t) => crate::signature::contains_impl_trait(&t.ty),
            FnArg::Receiver(_) => false,
        })
}

/// The lifetime of a `&self` or `&mut self` receiver, given a name of its
/// own (and made a parameter) if elided.
fn name_receiver(sig: &mut Signature) -> Lifetime {
    let first = sig
        .generics
        .lifetimes()
        .filter(|l| l.lifetime.ident.to_string().starts_with(ELIDED_PREFIX))
        .count();
    let Some(syn::ReceiverKind::Reference(and, lifetime, _)) =
        sig.inputs.iter_mut().find_map(|a| match a {
            FnArg::Receiver(r) => Some(&mut r.kind),
            FnArg::Typed(_) => None,
        })
    else {
        unreachable!("asked of a method taking `&self` or `&mut self`")
    };
    if let Some(named) = lifetime.as_ref().filter(|l| l.ident != "_") {
        return named.clone();
    }
    let named = Lifetime::new(&format!("'{ELIDED_PREFIX}{first}"), and.span);
    *lifetime = Some(named.clone());
    add_lifetime_param(&mut sig.generics, named.clone());
    named
}

/// The function's type parameters.
fn type_param_idents(sig: &Signature) -> Vec<Ident> {
    sig.generics
        .type_params()
        .map(|t| t.ident.clone())
        .collect()
}

/// Bounds each `impl Trait` argument by `lifetime` (`impl Read +
/// '__coro`).
fn bound_impl_trait_arguments(sig: &mut Signature, lifetime: &Lifetime) {
    let mut bounded = BoundImplTraits(lifetime.clone());
    for input in &mut sig.inputs {
        bounded.visit_fn_arg_mut(input);
    }
}

/// Names each lifetime elided inside an `impl Trait` argument type, which
/// an `async fn` may leave out but a plain `fn` may not (E0658: anonymous
/// lifetimes in `impl Trait` are unstable).
///
/// Input:  `fn join(parts: impl IntoIterator<Item = &str>)`
/// Output: `fn join<'__coro_elided0>(parts: impl IntoIterator<Item = &'__coro_elided0 str>)`
pub fn name_elided_in_impl_traits(sig: &mut Signature) {
    name_elided(sig, true);
}

/// Gives each lifetime elided in the argument types (inside `impl Trait`
/// ones only, if `only_in_impl_trait`) a lifetime parameter of its own, as
/// each is one of rustc's.
fn name_elided(sig: &mut Signature, only_in_impl_trait: bool) {
    let first = sig
        .generics
        .lifetimes()
        .filter(|l| l.lifetime.ident.to_string().starts_with(ELIDED_PREFIX))
        .count();
    let mut named = Vec::new();
    let mut namer = Elided::new(only_in_impl_trait, |span| {
        let lifetime = Lifetime::new(&format!("'{ELIDED_PREFIX}{}", first + named.len()), span);
        named.push(lifetime.clone());
        Some(lifetime)
    });
    for input in &mut sig.inputs {
        namer.visit_fn_arg_mut(input);
    }
    for lifetime in named {
        add_lifetime_param(&mut sig.generics, lifetime);
    }
}

/// Adds `lifetime` after the function's own lifetimes, which its callers
/// may name (`f::<'a>`).
fn add_lifetime_param(generics: &mut syn::Generics, lifetime: Lifetime) {
    let at = generics.lifetimes().count();
    generics.params.insert(
        at,
        syn::GenericParam::Lifetime(syn::LifetimeParam::new(lifetime)),
    );
}

/// The lifetimes left out in types (`&T`, `'_`), each given the lifetime
/// `name` returns for it (if any). Not those of `Fn(&T)` sugar or `fn`
/// pointers, which are higher-ranked, and allowed.
struct Elided<F> {
    name: F,
    only_in_impl_trait: bool,
    inside_impl_trait: usize,
}

impl<F: FnMut(Span) -> Option<Lifetime>> Elided<F> {
    fn new(only_in_impl_trait: bool, name: F) -> Self {
        Elided {
            name,
            only_in_impl_trait,
            inside_impl_trait: 0,
        }
    }

    fn applies(&self) -> bool {
        !self.only_in_impl_trait || self.inside_impl_trait > 0
    }
}

impl<F: FnMut(Span) -> Option<Lifetime>> VisitMut for Elided<F> {
    fn visit_type_impl_trait_mut(&mut self, t: &mut syn::TypeImplTrait) {
        self.inside_impl_trait += 1;
        visit_mut::visit_type_impl_trait_mut(self, t);
        self.inside_impl_trait -= 1;
    }
    fn visit_type_reference_mut(&mut self, r: &mut syn::TypeReference) {
        if self.applies() && r.lifetime.is_none() {
            r.lifetime = (self.name)(r.and_token.span);
        }
        visit_mut::visit_type_reference_mut(self, r);
    }
    fn visit_lifetime_mut(&mut self, l: &mut Lifetime) {
        if self.applies() && l.ident == "_" {
            if let Some(named) = (self.name)(l.span()) {
                *l = named;
            }
        }
    }
    fn visit_parenthesized_generic_arguments_mut(
        &mut self,
        _: &mut syn::ParenthesizedGenericArguments,
    ) {
    }
    fn visit_type_fn_ptr_mut(&mut self, _: &mut syn::TypeFnPtr) {}
}

/// Whether `ty` has a lifetime left out (`&T`, `'_`), which elision takes
/// from the arguments.
fn elides_lifetime(ty: &Type) -> bool {
    let mut found = false;
    let mut finder = Elided::new(false, |_| {
        found = true;
        None
    });
    finder.visit_type_mut(&mut ty.clone());
    found
}

/// The function's lifetime parameters (those `bound_by` bounds by the
/// frame's lifetime).
fn lifetime_params(generics: &Generics) -> Vec<Lifetime> {
    generics.lifetimes().map(|l| l.lifetime.clone()).collect()
}

/// The distinct lifetimes the argument types name (not the higher-ranked
/// ones of `Fn(&T)` sugar, `fn` pointers and `for<'a>`).
fn input_lifetimes(sig: &Signature) -> Vec<Lifetime> {
    struct Collect(Vec<Lifetime>);
    impl<'ast> Visit<'ast> for Collect {
        fn visit_lifetime(&mut self, l: &'ast Lifetime) {
            if !self.0.contains(l) {
                self.0.push(l.clone());
            }
        }
        fn visit_parenthesized_generic_arguments(
            &mut self,
            _: &'ast syn::ParenthesizedGenericArguments,
        ) {
        }
        fn visit_type_fn_ptr(&mut self, _: &'ast syn::TypeFnPtr) {}
        fn visit_bound_lifetimes(&mut self, _: &'ast syn::BoundLifetimes) {}
    }
    let mut collect = Collect(Vec::new());
    for input in &sig.inputs {
        collect.visit_fn_arg(input);
    }
    collect.0
}

/// Adds the lifetime to each `impl Trait` argument type's bounds.
struct BoundImplTraits(Lifetime);

impl VisitMut for BoundImplTraits {
    fn visit_type_impl_trait_mut(&mut self, t: &mut syn::TypeImplTrait) {
        visit_mut::visit_type_impl_trait_mut(self, t);
        t.bounds.push(syn::TypeParamBound::Lifetime(self.0.clone()));
    }

    /// `&impl Named` becomes `&(impl Named + '__coro)`: unparenthesised,
    /// the `+` after a reference or pointer is ambiguous (an error).
    fn visit_type_mut(&mut self, t: &mut Type) {
        visit_mut::visit_type_mut(self, t);
        let elem = match t {
            Type::Reference(r) => &mut r.elem,
            Type::Ptr(p) => &mut p.elem,
            _ => return,
        };
        if let Type::ImplTrait(_) = **elem {
            let inner = &**elem;
            **elem = syn::parse_quote!((#inner));
        }
    }
}

/// Bounds each of `type_params` and `lifetimes` by `lifetime` where its
/// other bounds are: in the `where` clause if it is bounded there, else in
/// its declaration (one place each, as clippy's `multiple_bound_locations`
/// asks). In the `where` clause, the bound joins the predicate already there
/// (`T: Clone + '__coro`), as clippy's `type_repetition_in_bounds` asks (a
/// predicate under a `for<..>` of its own only if there is no other).
fn bound_by(
    generics: &mut syn::Generics,
    type_params: &[Ident],
    lifetimes: &[Lifetime],
    lifetime: &Lifetime,
) {
    for t in type_params {
        let bounds_t = |pt: &syn::PredicateType| matches!(&pt.bounded_ty, Type::Path(tp) if tp.qself.is_none() && tp.path.is_ident(t));
        let predicates = generics.where_clause.as_mut().map(|w| &mut w.predicates);
        let mut bounding: Vec<&mut syn::PredicateType> = predicates
            .into_iter()
            .flatten()
            .filter_map(|p| match p {
                syn::WherePredicate::Type(pt) if bounds_t(pt) => Some(pt),
                _ => None,
            })
            .collect();
        bounding.sort_by_key(|pt| pt.lifetimes.is_some());
        if let Some(pt) = bounding.into_iter().next() {
            pt.bounds
                .push(syn::TypeParamBound::Lifetime(lifetime.clone()));
        } else if let Some(param) = generics.type_params_mut().find(|p| p.ident == *t) {
            param
                .bounds
                .push(syn::TypeParamBound::Lifetime(lifetime.clone()));
        }
    }
    for l in lifetimes {
        let predicates = generics.where_clause.as_mut().map(|w| &mut w.predicates);
        let bounding = predicates.into_iter().flatten().find_map(|p| match p {
            syn::WherePredicate::Lifetime(pl) if pl.lifetime == *l => Some(pl),
            _ => None,
        });
        if let Some(pl) = bounding {
            pl.bounds.push(lifetime.clone());
        } else if let Some(param) = generics.lifetimes_mut().find(|p| p.lifetime == *l) {
            param.bounds.push(lifetime.clone());
        }
    }
}
