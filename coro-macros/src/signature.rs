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
    /// The `mut` of `mut x: T`, with its span (where rustc says it is not
    /// needed).
    pub mut_token: Option<syn::Token![mut]>,
    /// A destructuring pattern, bound at the start of the body.
    pub pattern: Option<Pat>,
    /// Of a struct type the signature names (`task: Task`), not a
    /// reference's or a smart pointer's: the argument holds the value.
    pub owns_struct: bool,
    /// A closure its type shows is called through a reference (`impl
    /// Fn(..)`, `impl AsyncFn(..)`, `F: FnMut(..)`, `Box<dyn Fn(..)>`):
    /// rustc calls it by `&` or `&mut`, never moving it, at its last use
    /// too.
    pub called_by_reference: bool,
    /// The argument's lint attributes (`#[allow(unused_variables)] x: T`),
    /// taken off the lowered signature: they go on the shadow copy's `let`
    /// that binds the argument (see [`shadow_param_lets`]), where rustc
    /// lints the argument's uses as the `async fn`'s body binds it.
    pub lint_attrs: Vec<syn::Attribute>,
    /// Of a type the signature shows is only `FnOnce` (`F` bounded by
    /// `FnOnce(..)` alone, `impl FnOnce(..)`, `Box<dyn FnOnce(..)>`): a
    /// call of it takes it. See [`once_only`].
    pub once_only: bool,
}

pub struct Lowered {
    pub sig: Signature,
    pub params: Vec<Param>,
    /// The declared output type (`()` if none).
    pub output: Type,
    /// The output as the body can write it: `output` if it has no
    /// `impl Trait`, else
    /// with each `impl Trait` as `_` (`Result<_, String>`: the error type
    /// still types `Err("..".into())`), unless that is `_` itself or the
    /// output is `!`.
    pub output_hint: Option<Type>,
    /// Whether the signature has two lifetimes or more (named, elided in a
    /// reference or `'_`, or of `&self`): a future that borrows from two of
    /// them has a lifetime that is neither, which the returned
    /// `impl Future` cannot name (see `Builder::awaits_natively`).
    pub several_lifetimes: bool,
    /// The function returns what an enclosing macro made it return (see
    /// `lower`'s `enclosed`).
    pub enclosed: bool,
    /// A method with a visibility (`pub fn`), which no trait impl's method
    /// may have: its signature is its own.
    pub inherent: bool,
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

/// The statements that bind the arguments at the start of the shadow
/// copy's body: each destructuring pattern (`let (a, b) = __arg0;`) and
/// each named argument (`let x = x;`, `Arguments::MovedIntoLocals`), each
/// under its argument's lint attributes: rustc's lowering of an `async
/// fn` keeps them on the local it binds the argument to, so an
/// `#[allow(unused_mut)] mut x: T` or an `#[expect(unused_variables)]`
/// applies where the argument is used, not to the lowered function's
/// argument, which the frame always takes.
pub fn shadow_param_lets(sig: &Lowered) -> Vec<syn::Stmt> {
    sig.params
        .iter()
        .filter_map(|p| {
            let mut stmt = param_let(p, Arguments::MovedIntoLocals)?;
            if let syn::Stmt::Local(local) = &mut stmt {
                local.attrs.extend(p.lint_attrs.iter().cloned());
            }
            Some(stmt)
        })
        .collect()
}

/// The statement that binds `p` at the start of the body, if any. rustc's lowering
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
            let mutability = p.mut_token;
            Some(syn::parse_quote! {
                #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
                let #mutability #ident = #ident;
            })
        }
        (None, Arguments::InPlace) => None,
    }
}

/// Takes the lint attributes (`allow`, `warn`, `deny`, `forbid`,
/// `expect`) out of an argument's attributes.
fn take_lint_attrs(attrs: &mut Vec<syn::Attribute>) -> Vec<syn::Attribute> {
    let (lints, others) = std::mem::take(attrs)
        .into_iter()
        .partition(crate::lint_attrs::is_lint_level);
    *attrs = others;
    lints
}

/// Removes `mut` from the arguments bound by name (`mut x: T` becomes
/// `x: T`), for a body that moves them into locals of its own. (An
/// argument bound by a pattern keeps its `mut`: see [`lower`].)
pub fn drop_mutability(lowered: &mut Lowered) {
    for (arg, param) in lowered.sig.inputs.iter_mut().zip(&lowered.params) {
        if let (FnArg::Typed(t), None) = (arg, &param.pattern) {
            if let Pat::Ident(p) = &mut *t.pat {
                p.mutability = None;
            }
        }
    }
}

/// Whether a binding of `pat` is `ref mut` (not reached through a `&`
/// pattern, which borrows what the argument points to).
fn binds_by_ref_mut(pat: &Pat) -> bool {
    crate::build::bindings(pat)
        .iter()
        .any(|b| b.by_ref.is_some() && b.mutability.is_some())
        && !crate::build::any_subpattern(pat, &|p| matches!(p, Pat::Reference(_)))
}

/// The signature of the emitted function. `enclosed`: the output type of
/// the `async` block of a function another attribute has rewritten, which
/// keeps its signature (see `enclosing`).
// Input:  `load: F` with `F: FnOnce() -> Fut`; `conv: impl FnOnce(u8) -> u8`;
//         `cb: Box<dyn FnOnce() + Send>`
// Output: true (and false for `F: FnMut(u8)`, `impl Fn()`, `F: Loader`)
/// Whether an argument of type `ty` is a closure that is only `FnOnce`, as
/// the signature shows: an `impl` type, a trait object in a `Box`, or a type
/// parameter of the function (`generics`), whose bounds name `FnOnce` (or
/// `AsyncFnOnce`) and neither `Fn`/`FnMut` nor their async kin. rustc's
/// call of such a value takes it (`FnOnce::call_once`), so a closure that
/// is not `move` calling it captures it by value. (A bound through a trait
/// of one's own, or on the `impl`'s parameters, is not seen: such a value
/// is called in place, as one that may be `Fn`.)
pub fn once_only(ty: &Type, generics: &syn::Generics) -> bool {
    let traits = shown_traits(ty, generics);
    traits.iter().any(|n| n == "FnOnce" || n == "AsyncFnOnce")
        && !traits.iter().any(|n| called_through_reference(n))
}

/// Whether a value of type `ty` is a closure called through a reference,
/// as its bounds show: one of `Fn`, `FnMut`, `AsyncFn` or `AsyncFnMut`
/// (`impl Fn(u8) -> u8`, a type parameter so bounded in `generics` or its
/// `where` clause, `Box<dyn FnMut()>`).
pub fn called_by_reference(ty: &Type, generics: &syn::Generics) -> bool {
    shown_traits(ty, generics)
        .iter()
        .any(|n| called_through_reference(n))
}

/// The closure traits rustc calls through `&` or `&mut`.
fn called_through_reference(name: &str) -> bool {
    matches!(name, "Fn" | "FnMut" | "AsyncFn" | "AsyncFnMut")
}

/// The last segments of the trait bounds a parameter's type shows: an
/// `impl` type's, a trait object's in a `Box`, or a type parameter's of
/// `generics` (in its list and its `where` clause). None for another type.
fn shown_traits(ty: &Type, generics: &syn::Generics) -> Vec<String> {
    let bounds: Vec<&syn::TypeParamBound> = match ty {
        Type::Paren(p) => return shown_traits(&p.elem, generics),
        Type::Group(g) => return shown_traits(&g.elem, generics),
        Type::ImplTrait(t) => t.bounds.iter().collect(),
        Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last().expect("a path has a segment");
            if last.ident == "Box" {
                let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
                    return Vec::new();
                };
                match args.args.first() {
                    Some(syn::GenericArgument::Type(Type::TraitObject(o)))
                        if args.args.len() == 1 =>
                    {
                        o.bounds.iter().collect()
                    }
                    _ => return Vec::new(),
                }
            } else if let Some(ident) = p.path.get_ident() {
                let Some(param) = generics.type_params().find(|t| t.ident == *ident) else {
                    return Vec::new();
                };
                let mut bounds: Vec<&syn::TypeParamBound> = param.bounds.iter().collect();
                for pred in generics.where_clause.iter().flat_map(|w| &w.predicates) {
                    if let syn::WherePredicate::Type(t) = pred
                        && let Type::Path(b) = &t.bounded_ty
                        && b.qself.is_none()
                        && b.path.is_ident(ident)
                    {
                        bounds.extend(&t.bounds);
                    }
                }
                bounds
            } else {
                return Vec::new();
            }
        }
        _ => return Vec::new(),
    };
    bounds
        .iter()
        .filter_map(|b| match b {
            syn::TypeParamBound::Trait(t) => t.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        })
        .collect()
}

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
                mut_token: r.mutability,
                pattern: None,
                owns_struct: false,
                called_by_reference: false,
                lint_attrs: Vec::new(),
                once_only: false,
            }),
            FnArg::Typed(t) => match &*t.pat {
                Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => params.push(Param {
                    ident: p.ident.clone(),
                    is_self: false,
                    self_by_value: false,
                    by_reference: matches!(*t.ty, Type::Reference(_)),
                    mutable: p.mutability.is_some(),
                    mut_token: p.mutability,
                    pattern: None,
                    owns_struct: crate::partial::owned_type_path(&t.ty).is_some(),
                    called_by_reference: called_by_reference(&t.ty, &sig.generics),
                    lint_attrs: take_lint_attrs(&mut t.attrs),
                    once_only: once_only(&t.ty, &sig.generics),
                }),
                pat => {
                    let ident = Ident::new(&format!("__arg{i}"), pat.span());
                    let pattern = Some(pat.clone());
                    // `ref mut a` borrows the argument's own local, as
                    // rustc's lowering binds it: a `mut` one.
                    let mut_token = binds_by_ref_mut(pat).then(|| syn::Token![mut](pat.span()));
                    *t.pat = syn::parse_quote!(#mut_token #ident);
                    params.push(Param {
                        ident,
                        is_self: false,
                        self_by_value: false,
                        by_reference: false,
                        mutable: mut_token.is_some(),
                        mut_token,
                        pattern,
                        owns_struct: false,
                        called_by_reference: false,
                        lint_attrs: take_lint_attrs(&mut t.attrs),
                        once_only: false,
                    });
                }
            },
        }
    }
    let several_lifetimes = count_lifetimes(sig) >= 2;
    crate::lifetimes::name_elided_in_impl_traits(&mut out);
    if let Some(output) = enclosed {
        return Lowered {
            sig: out,
            params,
            output: output.clone(),
            output_hint: output_hint(output),
            // The function returns what it returned (a `Box<dyn Future +
            // 'bound>`, a value), not an `impl Future` that must name each
            // lifetime its hidden type captures.
            several_lifetimes: false,
            enclosed: true,
            inherent: false,
        };
    }
    let (output, span) = match &sig.output {
        ReturnType::Default => (syn::parse_quote!(()), sig.paren_token.span.close()),
        // `!` may be written only as a function's return type.
        ReturnType::Type(_, ty) if matches!(**ty, Type::Never(_)) => (
            syn::parse_quote_spanned!(ty.span()=> ::coro::__private::Never),
            ty.span(),
        ),
        ReturnType::Type(_, ty) => ((**ty).clone(), ty.span()),
    };
    let never = matches!(&sig.output, ReturnType::Type(_, ty) if matches!(**ty, Type::Never(_)));
    out.output = ReturnType::Type(
        syn::Token![->](span),
        Box::new(
            syn::parse2(quote_spanned!(span=> impl ::core::future::Future<Output = #output>))
                .expect("a type"),
        ),
    );
    // (Not for `!`: code after a value of it is unreachable, which rustc's
    // lint would say of the typed returns of the shadow copy.)
    let output_hint = if never { None } else { output_hint(&output) };
    Lowered {
        sig: out,
        params,
        output_hint,
        output,
        several_lifetimes,
        enclosed: false,
        inherent: false,
    }
}

/// Gives the function a lifetime for its frame's borrows of its own
/// generic values, if it can have one (see `lifetimes::add_frame_lifetime`).
pub fn add_frame_lifetime(lowered: &mut Lowered, borrows: crate::lifetimes::FrameBorrows) {
    if !lowered.enclosed {
        crate::lifetimes::add_frame_lifetime(
            &mut lowered.sig,
            &lowered.output,
            borrows,
            lowered.inherent,
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

/// `ty` with each `impl Trait` in it as `_`; none if that is all of it.
fn output_hint(ty: &Type) -> Option<Type> {
    struct Infer;
    impl syn::visit_mut::VisitMut for Infer {
        fn visit_type_mut(&mut self, t: &mut Type) {
            if let Type::ImplTrait(i) = t {
                let span = i.impl_token.span;
                *t = syn::parse_quote_spanned!(span=> _);
                return;
            }
            syn::visit_mut::visit_type_mut(self, t);
        }
    }
    if matches!(ty, Type::ImplTrait(_)) {
        return None;
    }
    let mut hint = ty.clone();
    syn::visit_mut::VisitMut::visit_type_mut(&mut Infer, &mut hint);
    Some(hint)
}

pub fn contains_impl_trait(ty: &Type) -> bool {
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

#[cfg(test)]
mod tests {
    use super::once_only;

    fn once(item: syn::ItemFn) -> Vec<bool> {
        item.sig
            .inputs
            .iter()
            .map(|a| match a {
                syn::FnArg::Typed(t) => once_only(&t.ty, &item.sig.generics),
                syn::FnArg::Receiver(_) => false,
            })
            .collect()
    }

    #[test]
    fn arguments_only_fn_once_as_the_signature_shows() {
        let f: syn::ItemFn = syn::parse_quote! {
            async fn f<F: FnOnce() -> u8, G, H: FnMut(), L>(
                a: F, b: G, c: H, d: impl FnOnce(u8) + Send, e: impl Fn(),
                g: Box<dyn FnOnce() -> u8 + Send>, h: Box<dyn Fn()>, l: L, n: u8,
            ) where G: FnOnce() + Clone, L: FnOnce() + FnMut() {}
        };
        assert_eq!(
            once(f),
            [true, true, false, true, false, true, false, false, false]
        );
    }
}
