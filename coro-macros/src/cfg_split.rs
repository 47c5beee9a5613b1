//! `#[cfg(..)]` inside the body or on an argument, which a macro cannot
//! evaluate.
//!
//! rustc removes the statements, `match` arms, struct-literal fields,
//! elements of arrays, tuples and `vec!`, arguments of calls and method
//! calls, and the function's own arguments a `#[cfg]` (or a `#[cfg_attr(p,
//! cfg(q))]`) turns off only after the macro has run, and the
//! lowering takes
//! the body apart: a statement it turned into states would run whatever
//! the `cfg` said. So a body with such an attribute is expanded twice, once
//! with the nodes under the predicate and once without them, each under
//! its own `#[cfg]`; rustc keeps the one that applies. Other predicates
//! split each copy again.
//!
//! ```text
//! Input:  async fn f() { #[cfg(debug_assertions)] log().await; work().await }
//! Output: #[cfg(debug_assertions)] fn f() -> impl Future { <log, then work> }
//!         #[cfg(not(debug_assertions))] fn f() -> impl Future { <work> }
//! ```

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Meta};

/// The item as two items, if its body has a `#[cfg]` on a statement, arm
/// or field, or its signature on an argument: the predicate, the item with
/// those nodes (the attribute removed), and the item without them.
pub fn split(item: &TokenStream) -> Option<(TokenStream, TokenStream, TokenStream)> {
    // (Most bodies have no `cfg` at all: not worth parsing them for it.)
    if !crate::syntax::any_ident(item.clone(), &|i| i == "cfg") {
        return None;
    }
    let f: syn::ImplItemFn = syn::parse2(item.clone()).ok()?;
    let mut find = FindCfg(None);
    for arg in &f.sig.inputs {
        find.look(arg_attrs(arg));
    }
    find.visit_block_mut(&mut f.block.clone());
    let predicate = find.0?;
    let split = |keep: bool| {
        let mut copy = f.clone();
        let mut keeper = Keep {
            predicate: &predicate,
            keep,
        };
        keeper.args(&mut copy.sig.inputs);
        keeper.visit_block_mut(&mut copy.block);
        copy
    };
    let (with, without) = (split(true), split(false));
    Some((
        predicate,
        with.into_token_stream(),
        without.into_token_stream(),
    ))
}

/// An argument's attributes (`#[cfg(feature = "x")] extra: u32`).
fn arg_attrs(arg: &syn::FnArg) -> &[Attribute] {
    match arg {
        syn::FnArg::Receiver(r) => &r.attrs,
        syn::FnArg::Typed(t) => &t.attrs,
    }
}

/// The predicate of a `#[cfg(..)]` attribute, or of a `#[cfg_attr(p,
/// cfg(q), ..)]` (which rustc expands to `#[cfg(q)]` where `p` holds):
/// `any(not(p), all(q, ..))`.
fn cfg_predicate(attr: &Attribute) -> Option<TokenStream> {
    match &attr.meta {
        Meta::List(list) if list.path.is_ident("cfg") => Some(list.tokens.clone()),
        Meta::List(list) if list.path.is_ident("cfg_attr") => {
            let (p, cfgs, _) = cfg_attr_parts(list)?;
            Some(quote::quote!(any(not(#p), all(#(#cfgs),*))))
        }
        _ => None,
    }
}

/// A `cfg_attr(p, a, b, ..)`'s predicate `p`, the predicates of the `cfg`s
/// among `a, b, ..` (`None` if there are none), and its other attributes.
fn cfg_attr_parts(list: &syn::MetaList) -> Option<(Meta, Vec<TokenStream>, Vec<Meta>)> {
    use syn::punctuated::Punctuated;
    let metas = list
        .parse_args_with(Punctuated::<Meta, syn::Token![,]>::parse_terminated)
        .ok()?;
    let mut metas = metas.into_iter();
    let p = metas.next()?;
    let (cfgs, others): (Vec<Meta>, Vec<Meta>) = metas.partition(|m| m.path().is_ident("cfg"));
    let cfgs: Vec<TokenStream> = cfgs
        .into_iter()
        .filter_map(|m| match m {
            Meta::List(l) => Some(l.tokens),
            _ => None,
        })
        .collect();
    (!cfgs.is_empty()).then_some((p, cfgs, others))
}

/// Finds the first predicate of a `#[cfg]` on a node it removes.
struct FindCfg(Option<TokenStream>);

impl FindCfg {
    fn look(&mut self, attrs: &[Attribute]) {
        if self.0.is_none() {
            self.0 = attrs.iter().find_map(cfg_predicate);
        }
    }
}

impl VisitMut for FindCfg {
    fn visit_stmt_mut(&mut self, s: &mut syn::Stmt) {
        if let syn::Stmt::Local(l) = s {
            // (Not the mark of a `let` a split kept, see `kept_mark`.)
            let attrs: Vec<Attribute> = l
                .attrs
                .iter()
                .filter(|a| !is_kept_mark(a))
                .cloned()
                .collect();
            self.look(&attrs);
        } else if let Some(attrs) = stmt_attrs_mut(s) {
            self.look(attrs);
        }
        visit_mut::visit_stmt_mut(self, s);
    }
    fn visit_arm_mut(&mut self, a: &mut syn::Arm) {
        self.look(&a.attrs);
        visit_mut::visit_arm_mut(self, a);
    }
    fn visit_field_value_mut(&mut self, f: &mut syn::FieldValue) {
        self.look(&f.attrs);
        visit_mut::visit_field_value_mut(self, f);
    }
    fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
        for element in elements_mut(e).into_iter().flatten() {
            if let Some(attrs) = expr_attrs_mut(element) {
                self.look(attrs);
            }
        }
        if let Some(mut elements) = vec_elements(e) {
            for element in &mut elements {
                if let Some(attrs) = expr_attrs_mut(element) {
                    self.look(attrs);
                }
                self.visit_expr_mut(element);
            }
        }
        visit_mut::visit_expr_mut(self, e);
    }
    // An item's own `#[cfg]`s are rustc's to apply: it is emitted as written.
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// The elements of an array or a tuple, or the arguments of a call or a
/// method call: the expressions rustc lets a `#[cfg]` remove.
fn elements_mut(
    e: &mut syn::Expr,
) -> Option<&mut syn::punctuated::Punctuated<syn::Expr, syn::Token![,]>> {
    match e {
        syn::Expr::Array(a) => Some(&mut a.elems),
        syn::Expr::Tuple(t) => Some(&mut t.elems),
        syn::Expr::Call(c) => Some(&mut c.args),
        syn::Expr::MethodCall(m) => Some(&mut m.args),
        _ => None,
    }
}

/// The elements of a `vec![a, b, ..]` (parsed from its tokens).
fn vec_elements(e: &syn::Expr) -> Option<syn::punctuated::Punctuated<syn::Expr, syn::Token![,]>> {
    let syn::Expr::Macro(m) = e else { return None };
    if m.mac.path.segments.last().is_none_or(|s| s.ident != "vec") {
        return None;
    }
    m.mac
        .parse_body_with(syn::punctuated::Punctuated::parse_terminated)
        .ok()
}

/// Keeps (`keep`, the attribute removed) or removes the nodes under
/// `#[cfg(predicate)]`.
struct Keep<'a> {
    predicate: &'a TokenStream,
    keep: bool,
}

impl Keep<'_> {
    /// Whether a node with these attributes stays; if it does, without the
    /// attribute.
    fn stays(&self, attrs: &mut Vec<Attribute>) -> bool {
        let under = |a: &Attribute| {
            cfg_predicate(a).is_some_and(|p| p.to_string() == self.predicate.to_string())
        };
        if !attrs.iter().any(under) {
            return true;
        }
        // A `cfg_attr` that also gives other attributes keeps them.
        *attrs = std::mem::take(attrs)
            .into_iter()
            .filter_map(|a| {
                if !under(&a) {
                    return Some(a);
                }
                let Meta::List(list) = &a.meta else {
                    return None;
                };
                let (p, _, others) = cfg_attr_parts(list)?;
                (!others.is_empty()).then(|| syn::parse_quote!(#[cfg_attr(#p, #(#others),*)]))
            })
            .collect();
        self.keep
    }

    /// As `stays`, for a `let`: one that stays keeps an attribute in place
    /// of the `#[cfg]`, `kept_mark`.
    fn stays_marked(&self, attrs: &mut Vec<Attribute>) -> bool {
        let before = attrs.len();
        let stays = self.stays(attrs);
        if stays && attrs.len() < before {
            attrs.insert(0, kept_mark());
        }
        stays
    }

    /// Keeps or removes the elements under the predicate.
    fn elements(&self, elements: &mut syn::punctuated::Punctuated<syn::Expr, syn::Token![,]>) {
        *elements = std::mem::take(elements)
            .into_pairs()
            .filter_map(|pair| {
                let (mut element, comma) = pair.into_tuple();
                expr_attrs_mut(&mut element)
                    .is_none_or(|attrs| self.stays(attrs))
                    .then(|| syn::punctuated::Pair::new(element, comma))
            })
            .collect();
    }
}

impl Keep<'_> {
    /// Keeps or removes the arguments under the predicate.
    fn args(&self, inputs: &mut syn::punctuated::Punctuated<syn::FnArg, syn::Token![,]>) {
        let args = std::mem::take(inputs);
        *inputs = args
            .into_pairs()
            .filter_map(|pair| {
                let (mut arg, comma) = pair.into_tuple();
                let attrs = match &mut arg {
                    syn::FnArg::Receiver(r) => &mut r.attrs,
                    syn::FnArg::Typed(t) => &mut t.attrs,
                };
                self.stays(attrs)
                    .then(|| syn::punctuated::Pair::new(arg, comma))
            })
            .collect();
    }
}

impl VisitMut for Keep<'_> {
    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        b.stmts.retain_mut(|s| match s {
            syn::Stmt::Local(l) => self.stays_marked(&mut l.attrs),
            _ => stmt_attrs_mut(s).is_none_or(|attrs| self.stays(attrs)),
        });
        visit_mut::visit_block_mut(self, b);
    }
    fn visit_expr_match_mut(&mut self, m: &mut syn::ExprMatch) {
        m.arms.retain_mut(|a| self.stays(&mut a.attrs));
        visit_mut::visit_expr_match_mut(self, m);
    }
    fn visit_expr_struct_mut(&mut self, s: &mut syn::ExprStruct) {
        let fields = std::mem::take(&mut s.fields);
        s.fields = fields
            .into_pairs()
            .filter_map(|pair| {
                let (mut field, comma) = pair.into_tuple();
                self.stays(&mut field.attrs)
                    .then(|| syn::punctuated::Pair::new(field, comma))
            })
            .collect();
        visit_mut::visit_expr_struct_mut(self, s);
    }
    fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
        if let Some(elements) = elements_mut(e) {
            self.elements(elements);
        }
        if let Some(mut elements) = vec_elements(e) {
            self.elements(&mut elements);
            for element in &mut elements {
                self.visit_expr_mut(element);
            }
            if let syn::Expr::Macro(m) = e {
                m.mac.tokens = elements.into_token_stream();
            }
        }
        visit_mut::visit_expr_mut(self, e);
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// What a `let` whose `#[cfg]` held keeps in its place: `#[cfg(all())]`,
/// always true. rustc keeps such an attribute on the node (as
/// `cfg_trace`), and lints look at it: clippy's `let_and_return` leaves a
/// `let` with attributes alone (`#[cfg(unix)] let x = 1; #[cfg(not(unix))]
/// let x = 2; x`), which, stripped, it would report in the lowered copy of
/// a closure that names a value of the frame.
fn kept_mark() -> Attribute {
    syn::parse_quote!(#[cfg(all())])
}

fn is_kept_mark(attr: &Attribute) -> bool {
    matches!(&attr.meta, Meta::List(list) if list.path.is_ident("cfg")
        && list.tokens.to_string().split_whitespace().collect::<String>() == "all()")
}

fn stmt_attrs_mut(s: &mut syn::Stmt) -> Option<&mut Vec<Attribute>> {
    match s {
        syn::Stmt::Local(l) => Some(&mut l.attrs),
        syn::Stmt::Macro(m) => Some(&mut m.attrs),
        syn::Stmt::Expr(e, _) => expr_attrs_mut(e),
        syn::Stmt::Item(_) => None,
    }
}

/// An expression statement's attributes (`#[cfg(x)] f().await;`).
fn expr_attrs_mut(e: &mut syn::Expr) -> Option<&mut Vec<Attribute>> {
    use syn::Expr::*;
    Some(match e {
        Array(e) => &mut e.attrs,
        Assign(e) => &mut e.attrs,
        Async(e) => &mut e.attrs,
        Await(e) => &mut e.attrs,
        Binary(e) => &mut e.attrs,
        Block(e) => &mut e.attrs,
        Break(e) => &mut e.attrs,
        Call(e) => &mut e.attrs,
        Cast(e) => &mut e.attrs,
        Closure(e) => &mut e.attrs,
        Const(e) => &mut e.attrs,
        Continue(e) => &mut e.attrs,
        Field(e) => &mut e.attrs,
        ForLoop(e) => &mut e.attrs,
        Group(e) => &mut e.attrs,
        If(e) => &mut e.attrs,
        Index(e) => &mut e.attrs,
        Infer(e) => &mut e.attrs,
        Let(e) => &mut e.attrs,
        Lit(e) => &mut e.attrs,
        Loop(e) => &mut e.attrs,
        Macro(e) => &mut e.attrs,
        Match(e) => &mut e.attrs,
        MethodCall(e) => &mut e.attrs,
        Paren(e) => &mut e.attrs,
        Path(e) => &mut e.attrs,
        Range(e) => &mut e.attrs,
        RawAddr(e) => &mut e.attrs,
        Reference(e) => &mut e.attrs,
        Repeat(e) => &mut e.attrs,
        Return(e) => &mut e.attrs,
        Struct(e) => &mut e.attrs,
        Try(e) => &mut e.attrs,
        TryBlock(e) => &mut e.attrs,
        Tuple(e) => &mut e.attrs,
        Unary(e) => &mut e.attrs,
        Unsafe(e) => &mut e.attrs,
        While(e) => &mut e.attrs,
        Yield(e) => &mut e.attrs,
        _ => return None,
    })
}
