//! The signature of the lowered function.
//!
//! Input:  `async fn get(&self, (a, b): (u32, u32), name: &str) -> Result<u8, E>`
//! Output: `fn get(&self, __arg1: (u32, u32), name: &str)
//!              -> impl ::core::future::Future<Output = Result<u8, E>>`
//! and, at the start of the body, `let (a, b) = __arg1;` (what rustc's own
//! lowering does with a pattern parameter). Generics, lifetimes and the
//! `where` clause stay as written: in edition 2024 the returned
//! `impl Future` captures every generic parameter and lifetime in scope,
//! as an `async fn`'s future does.

use quote::quote_spanned;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{FnArg, Ident, Pat, ReturnType, Signature, Type};

/// One parameter of the function.
pub struct Param {
    /// The name in the lowered signature (`self`, the user's name, `__argN`).
    pub ident: Ident,
    pub is_self: bool,
    /// `self` or `mut self`.
    pub self_by_value: bool,
    /// A reference, as the signature shows (`&self`, `x: &T`, `x: &mut T`):
    /// a field of it is a place, never moved out.
    pub by_reference: bool,
    pub mutable: bool,
    /// A destructuring pattern, bound at the start of the body.
    pub pattern: Option<Pat>,
}

pub struct Lowered {
    pub sig: Signature,
    pub params: Vec<Param>,
    /// The declared output type (`()` if none).
    pub output: Type,
    /// Whether `output` can be written inside the body (no `impl Trait`).
    pub output_nameable: bool,
    /// Whether the signature has two lifetimes or more (named, elided in a
    /// reference or `'_`, or of `&self`): a future that borrows from two of
    /// them has a lifetime that is neither, which the returned
    /// `impl Future` cannot name (see `Builder::awaits_natively`).
    pub several_lifetimes: bool,
    /// The function returns what an enclosing macro made it return (see
    /// `lower`'s `enclosed`).
    pub enclosed: bool,
}

/// Where the body finds its arguments.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Arguments {
    /// In the frame slots they arrived in: each is stored once (rustc
    /// stores them twice, rust-lang/rust#62958).
    InPlace,
    /// Moved into locals of the body when it starts (`let x = x;`), as
    /// rustc's lowering does. Needed when a macro the lowering cannot see
    /// into names an argument: `#[tracing::instrument]` above
    /// `#[coroutine]` writes `span!(.., x = x)` and then moves `x` into an
    /// `async move` block, so the local `x` never reaches the frame and the
    /// macro can use it as it is. Where a local does cross an `.await`, it
    /// is stored next to its argument's slot, as rustc stores it.
    MovedIntoLocals,
}

/// The statements that bind the arguments at the start of the body: each
/// destructuring pattern (`let (a, b) = __arg0;`), and with
/// `Arguments::MovedIntoLocals` each named argument (`let x = x;`).
pub fn param_lets(sig: &Lowered, arguments: Arguments) -> Vec<syn::Stmt> {
    sig.params
        .iter()
        .filter_map(|p| param_let(p, arguments))
        .collect()
}

/// The statement of `param_lets` that binds `p`, if any. rustc's lowering
/// binds each argument in turn (its pattern's bindings, or its local,
/// before the next argument's), so they drop in the reverse of that order.
pub fn param_let(p: &Param, arguments: Arguments) -> Option<syn::Stmt> {
    if p.is_self {
        return None;
    }
    let ident = &p.ident;
    match (&p.pattern, arguments) {
        (Some(pat), _) => Some(syn::parse_quote!(let #pat = #ident;)),
        (None, Arguments::MovedIntoLocals) => {
            let mutability = p.mutable.then(<syn::Token![mut]>::default);
            Some(syn::parse_quote! {
                #[allow(clippy::redundant_locals)]
                let #mutability #ident = #ident;
            })
        }
        (None, Arguments::InPlace) => None,
    }
}

/// Removes `mut` from the arguments bound by name (`mut x: T` becomes
/// `x: T`), for a body that moves them into locals of its own.
pub fn drop_mutability(sig: &mut Signature) {
    for arg in &mut sig.inputs {
        if let FnArg::Typed(t) = arg {
            if let Pat::Ident(p) = &mut *t.pat {
                p.mutability = None;
            }
        }
    }
}

/// The signature of the emitted function. `enclosed`: the output type of
/// the `async` block of a function another attribute has rewritten, which
/// keeps its signature (see `enclosing`).
pub fn lower(sig: &Signature, enclosed: Option<&Type>) -> Lowered {
    let mut out = sig.clone();
    out.asyncness = None;
    let mut params = Vec::new();
    for (i, arg) in out.inputs.iter_mut().enumerate() {
        match arg {
            FnArg::Receiver(r) => params.push(Param {
                ident: Ident::new("self", r.self_token.span),
                is_self: true,
                self_by_value: matches!(r.kind, syn::ReceiverKind::Value),
                by_reference: match &r.kind {
                    syn::ReceiverKind::Reference(..) => true,
                    // `self: &Self`, `self: Pin<&mut Self>` (a field of a
                    // `Box<Self>` may be moved out).
                    syn::ReceiverKind::Typed(_, ty) => match &**ty {
                        Type::Reference(_) => true,
                        Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "Pin"),
                        _ => false,
                    },
                    _ => false,
                },
                mutable: r.mutability.is_some(),
                pattern: None,
            }),
            FnArg::Typed(t) => match &*t.pat {
                Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => params.push(Param {
                    ident: p.ident.clone(),
                    is_self: false,
                    self_by_value: false,
                    by_reference: matches!(*t.ty, Type::Reference(_)),
                    mutable: p.mutability.is_some(),
                    pattern: None,
                }),
                pat => {
                    let ident = Ident::new(&format!("__arg{i}"), pat.span());
                    let pattern = Some(pat.clone());
                    *t.pat = syn::parse_quote!(#ident);
                    params.push(Param {
                        ident,
                        is_self: false,
                        self_by_value: false,
                        by_reference: false,
                        mutable: false,
                        pattern,
                    });
                }
            },
        }
    }
    let several_lifetimes = count_lifetimes(sig) >= 2;
    name_elided_lifetimes(&mut out, Elided::InImplTrait);
    if let Some(output) = enclosed {
        return Lowered {
            sig: out,
            params,
            output: output.clone(),
            output_nameable: !contains_impl_trait(output),
            // The function returns what it returned (a `Box<dyn Future +
            // 'bound>`, a value), not an `impl Future` that must name each
            // lifetime its hidden type captures.
            several_lifetimes: false,
            enclosed: true,
        };
    }
    let (output, span) = match &sig.output {
        ReturnType::Default => (syn::parse_quote!(()), sig.paren_token.span.close()),
        ReturnType::Type(_, ty) => ((**ty).clone(), ty.span()),
    };
    let output_nameable = !contains_impl_trait(&output);
    out.output = ReturnType::Type(
        syn::Token![->](span),
        Box::new(
            syn::parse2(quote_spanned!(span=> impl ::core::future::Future<Output = #output>))
                .expect("a type"),
        ),
    );
    Lowered {
        sig: out,
        params,
        output,
        output_nameable,
        several_lifetimes,
        enclosed: false,
    }
}

/// The lifetime `add_frame_lifetime` gives the function.
const FRAME_LIFETIME: &str = "'__coro";

/// Gives a function whose generic types (type parameters, `impl Trait`
/// arguments) might be borrowed across an await a lifetime they all
/// outlive, for its frame's borrows. Asked only for a frame that holds a
/// borrow of one of its own values (the analysis's lenders): any other
/// keeps the signature as written.
///
/// Input:  `fn copy<R: AsyncRead + Unpin>(mut r: R, w: impl AsyncWrite) -> ..`
/// Output: `fn copy<'__coro, R: AsyncRead + Unpin>(mut r: R,
///              w: impl AsyncWrite + '__coro) -> .. where R: '__coro`
///
/// A borrow of a frame value held across an await (`r.read(&mut buf)`,
/// a `Read<'x, R>`) is stored in the frame, whose type is the hidden type of
/// the returned `impl Future`, so `'x` must be a lifetime that type may
/// name: with none in the signature, only `'static`, which `R` need not
/// outlive (E0310, where rustc's own lowering hides the borrow in its
/// coroutine). Given `'__coro`, the least lifetime in scope, rustc takes
/// that. A caller infers it (as short as the call, or `'static` when the
/// types are, so the future is `'static` exactly when rustc's is); the
/// function gets no late-bound lifetime, so it stays as callable as before.
///
/// With lifetimes of its own, too (`fn read_into<R>(r: R, out: &mut
/// Vec<u8>)`): the frame may borrow `r` under none of them, which `R` need
/// not outlive (E0311). Its named lifetimes outlive `'__coro` (a borrow of
/// a frame value that holds a `&'a T` is then one under `'__coro`); an
/// `impl Trait` argument is bounded only if the output elides no lifetime,
/// which the bound's lifetime would otherwise make ambiguous.
///
/// Not for a method (it may implement a trait's, whose lifetime parameters
/// it must match): one with `self` by value and generic types is left as it
/// is (see the README's limitations).
pub fn add_frame_lifetime(lowered: &mut Lowered) {
    if lowered.enclosed {
        return;
    }
    let (sig, output) = (&mut lowered.sig, &lowered.output);
    let has_receiver = sig.inputs.iter().any(|a| matches!(a, FnArg::Receiver(_)));
    if has_receiver
        || crate::syntax::any_ident(quote::ToTokens::to_token_stream(&*sig), &|i| i == "Self")
    {
        return;
    }
    let type_params: Vec<Ident> = sig
        .generics
        .type_params()
        .map(|t| t.ident.clone())
        .collect();
    let impl_traits = sig.inputs.iter().any(|a| match a {
        FnArg::Typed(t) => contains_impl_trait(&t.ty),
        FnArg::Receiver(_) => false,
    });
    if type_params.is_empty() && !impl_traits {
        return;
    }
    // The frame's lifetime must be the least: every lifetime of the
    // arguments outlives it, so those left out get names; and so does the
    // output's, which elision took from them (there is one: the function
    // has no `self`).
    let mut named = sig.clone();
    name_elided_lifetimes(&mut named, Elided::Anywhere);
    if elides_lifetime(output) {
        let [only] = &input_lifetimes(&named)[..] else {
            return;
        };
        let mut namer = NameOutput(only.clone());
        syn::visit_mut::VisitMut::visit_return_type_mut(&mut namer, &mut named.output);
    }
    *sig = named;
    let lifetimes: Vec<syn::Lifetime> = sig
        .generics
        .lifetimes()
        .map(|l| l.lifetime.clone())
        .collect();
    let lifetime = syn::Lifetime::new(FRAME_LIFETIME, sig.fn_token.span);
    if !elides_lifetime(output) {
        let mut bounded = BoundImplTraits(lifetime.clone());
        for input in &mut sig.inputs {
            syn::visit_mut::VisitMut::visit_fn_arg_mut(&mut bounded, input);
        }
    }
    bound_by(&mut sig.generics, &type_params, &lifetimes, &lifetime);
    // After the function's own lifetimes, which its callers may name
    // (`f::<'a>`).
    let at = sig.generics.lifetimes().count();
    sig.generics.params.insert(
        at,
        syn::GenericParam::Lifetime(syn::LifetimeParam::new(lifetime)),
    );
}

/// Bounds each of `type_params` and `lifetimes` by `lifetime` where its
/// other bounds are: in the `where` clause if it is bounded there, else in
/// its declaration (one place each, as clippy's `multiple_bound_locations`
/// asks).
fn bound_by(
    generics: &mut syn::Generics,
    type_params: &[Ident],
    lifetimes: &[syn::Lifetime],
    lifetime: &syn::Lifetime,
) {
    let in_where = |generics: &syn::Generics, name: &dyn Fn(&syn::WherePredicate) -> bool| {
        generics
            .where_clause
            .as_ref()
            .is_some_and(|w| w.predicates.iter().any(name))
    };
    for t in type_params {
        let named = |p: &syn::WherePredicate| matches!(p, syn::WherePredicate::Type(pt) if matches!(&pt.bounded_ty, Type::Path(tp) if tp.qself.is_none() && tp.path.is_ident(t)));
        if in_where(generics, &named) {
            let predicate = syn::parse_quote_spanned!(t.span()=> #t: #lifetime);
            generics.make_where_clause().predicates.push(predicate);
        } else if let Some(param) = generics.type_params_mut().find(|p| p.ident == *t) {
            param
                .bounds
                .push(syn::TypeParamBound::Lifetime(lifetime.clone()));
        }
    }
    for l in lifetimes {
        let named = |p: &syn::WherePredicate| matches!(p, syn::WherePredicate::Lifetime(pl) if pl.lifetime == *l);
        if in_where(generics, &named) {
            let predicate = syn::parse_quote_spanned!(l.span()=> #l: #lifetime);
            generics.make_where_clause().predicates.push(predicate);
        } else if let Some(param) = generics.lifetimes_mut().find(|p| p.lifetime == *l) {
            param.bounds.push(lifetime.clone());
        }
    }
}

/// The distinct lifetimes the argument types name (not the higher-ranked
/// ones of `Fn(&T)` sugar, `fn` pointers and `for<'a>`).
fn input_lifetimes(sig: &Signature) -> Vec<syn::Lifetime> {
    struct Collect(Vec<syn::Lifetime>);
    impl<'ast> Visit<'ast> for Collect {
        fn visit_lifetime(&mut self, l: &'ast syn::Lifetime) {
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

/// Gives the elided lifetimes of the output the one lifetime of the
/// arguments, as elision does.
struct NameOutput(syn::Lifetime);

impl syn::visit_mut::VisitMut for NameOutput {
    fn visit_type_reference_mut(&mut self, r: &mut syn::TypeReference) {
        if r.lifetime.is_none() {
            r.lifetime = Some(syn::Lifetime::new(&self.0.to_string(), r.and_token.span));
        }
        syn::visit_mut::visit_type_reference_mut(self, r);
    }
    fn visit_lifetime_mut(&mut self, l: &mut syn::Lifetime) {
        if l.ident == "_" {
            *l = syn::Lifetime::new(&self.0.to_string(), l.span());
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
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_type_reference(&mut self, r: &'ast syn::TypeReference) {
            self.0 |= r.lifetime.is_none();
            syn::visit::visit_type_reference(self, r);
        }
        fn visit_lifetime(&mut self, l: &'ast syn::Lifetime) {
            self.0 |= l.ident == "_";
        }
        fn visit_parenthesized_generic_arguments(
            &mut self,
            _: &'ast syn::ParenthesizedGenericArguments,
        ) {
        }
        fn visit_type_fn_ptr(&mut self, _: &'ast syn::TypeFnPtr) {}
    }
    let mut finder = Finder(false);
    finder.visit_type(ty);
    finder.0
}

/// Adds the lifetime to each `impl Trait` argument type's bounds.
struct BoundImplTraits(syn::Lifetime);

impl syn::visit_mut::VisitMut for BoundImplTraits {
    fn visit_type_impl_trait_mut(&mut self, t: &mut syn::TypeImplTrait) {
        syn::visit_mut::visit_type_impl_trait_mut(self, t);
        t.bounds.push(syn::TypeParamBound::Lifetime(self.0.clone()));
    }
}

/// Which elided lifetimes of the arguments `name_elided_lifetimes` names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Elided {
    /// Those inside an `impl Trait` argument type, which an `async fn` may
    /// leave out but a plain `fn` may not (E0658: anonymous lifetimes in
    /// `impl Trait` are unstable).
    InImplTrait,
    /// All (see `add_frame_lifetime`).
    Anywhere,
}

/// Names lifetimes elided in the argument types (`&T`, `'_`). Each gets a
/// lifetime parameter of its own, as each elided lifetime is one of
/// rustc's.
///
/// Input:  `fn join(parts: impl IntoIterator<Item = &str>)`
/// Output: `fn join<'__coro_elided0>(parts: impl IntoIterator<Item = &'__coro_elided0 str>)`
///
/// Not inside `Fn(&str)` sugar or `fn(&str)` types, whose elided lifetimes
/// are higher-ranked, and allowed.
fn name_elided_lifetimes(sig: &mut Signature, which: Elided) {
    struct Namer {
        which: Elided,
        inside_impl_trait: usize,
        named: Vec<syn::Lifetime>,
        /// Those named before (by another pass).
        first: usize,
    }
    impl Namer {
        fn applies(&self) -> bool {
            self.which == Elided::Anywhere || self.inside_impl_trait > 0
        }
        fn fresh(&mut self, span: proc_macro2::Span) -> syn::Lifetime {
            let n = self.first + self.named.len();
            let lifetime = syn::Lifetime::new(&format!("'__coro_elided{n}"), span);
            self.named.push(lifetime.clone());
            lifetime
        }
    }
    impl syn::visit_mut::VisitMut for Namer {
        fn visit_type_impl_trait_mut(&mut self, t: &mut syn::TypeImplTrait) {
            self.inside_impl_trait += 1;
            syn::visit_mut::visit_type_impl_trait_mut(self, t);
            self.inside_impl_trait -= 1;
        }
        fn visit_type_reference_mut(&mut self, r: &mut syn::TypeReference) {
            if self.applies() && r.lifetime.is_none() {
                r.lifetime = Some(self.fresh(r.and_token.span));
            }
            syn::visit_mut::visit_type_reference_mut(self, r);
        }
        fn visit_lifetime_mut(&mut self, l: &mut syn::Lifetime) {
            if self.applies() && l.ident == "_" {
                *l = self.fresh(l.span());
            }
        }
        fn visit_parenthesized_generic_arguments_mut(
            &mut self,
            _: &mut syn::ParenthesizedGenericArguments,
        ) {
        }
        fn visit_type_fn_ptr_mut(&mut self, _: &mut syn::TypeFnPtr) {}
    }
    let first = sig
        .generics
        .lifetimes()
        .filter(|l| l.lifetime.ident.to_string().starts_with("__coro_elided"))
        .count();
    let mut namer = Namer {
        which,
        inside_impl_trait: 0,
        named: Vec::new(),
        first,
    };
    for input in &mut sig.inputs {
        syn::visit_mut::VisitMut::visit_fn_arg_mut(&mut namer, input);
    }
    // After the function's own lifetimes, which its callers may name.
    for lifetime in namer.named {
        let at = sig.generics.lifetimes().count();
        sig.generics.params.insert(
            at,
            syn::GenericParam::Lifetime(syn::LifetimeParam::new(lifetime)),
        );
    }
}

/// Distinct lifetimes the signature names, plus one per elided one.
fn count_lifetimes(sig: &Signature) -> usize {
    #[derive(Default)]
    struct Counter {
        named: std::collections::BTreeSet<String>,
        elided: usize,
    }
    impl<'ast> Visit<'ast> for Counter {
        fn visit_lifetime(&mut self, l: &'ast syn::Lifetime) {
            match l.ident.to_string().as_str() {
                "_" => self.elided += 1,
                "static" => {}
                name => {
                    self.named.insert(name.to_string());
                }
            }
        }
        fn visit_type_reference(&mut self, r: &'ast syn::TypeReference) {
            if r.lifetime.is_none() {
                self.elided += 1;
            }
            syn::visit::visit_type_reference(self, r);
        }
        fn visit_receiver(&mut self, r: &'ast syn::Receiver) {
            if let syn::ReceiverKind::Reference(_, None, _) = &r.kind {
                self.elided += 1;
            }
            syn::visit::visit_receiver(self, r);
        }
    }
    let mut counter = Counter::default();
    for param in &sig.generics.params {
        if let syn::GenericParam::Lifetime(l) = param {
            counter.visit_lifetime(&l.lifetime);
        }
    }
    for input in &sig.inputs {
        counter.visit_fn_arg(input);
    }
    counter.named.len() + counter.elided
}

fn contains_impl_trait(ty: &Type) -> bool {
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_type_impl_trait(&mut self, _: &'ast syn::TypeImplTrait) {
            self.0 = true;
        }
    }
    let mut finder = Finder(false);
    finder.visit_type(ty);
    finder.0
}
