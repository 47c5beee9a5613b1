//! Patterns that move part of a frame value out and leave the rest in it.
//!
//! `let (c, _) = pair;`, `match e { E::Two(a, _) => .. }`,
//! `let Two { x, .. } = two;`: rustc moves the bound parts out and leaves the
//! others in the variable, dropped at the end of its scope (and still
//! usable: `pair.1`). A frame value cannot be matched in place by value (its
//! place is behind a raw pointer), and moving it out whole would drop the
//! remainder early. So the pattern matches the place by `&mut`, each binding
//! is read out of it, and a drop flag says which pattern moved: dropping the
//! value later matches that pattern once more, forgets what it binds (moved
//! already) and lets the rest drop, in rustc's field order.
//!
//! Input:  `match e { E::Two(a, _) => body, E::Empty => other }` (e in frame)
//! Output: `match &mut (*__f.e().ptr()) {
//!              E::Two(a, _) => { __f.live.set(7); let a = ::core::ptr::read(a); body }
//!              E::Empty => other,
//!          }`
//! and wherever `e` is dropped:
//!          `if let Some(v) = __f.e().take_if_init(&__f.live) {
//!              (__f.drop_e)(v, if __f.live.is_set(7) { __f.live.clear(7); 0 } else { usize::MAX }) }`
//! with the frame's `drop_e: |v, arm| match arm {
//!              0 => if let E::Two(a, _) = v { forget((a,)) },
//!              _ => drop(v) }`.
//!
//! Only patterns with plain bindings (no `ref`, `@`, `&` or guard) are
//! lowered so; others move the whole value (or are rejected by rustc).

use crate::analyse::{Form, walk_list};
use crate::ir::*;
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{Expr, Ident, Pat};

/// One scrutinee that moves part of a frame var.
pub struct Partial {
    pub var: VarId,
    pub mention: MentionId,
    /// Per arm (one for a `let`): the pattern, if it binds anything.
    pub arms: Vec<Option<Pat>>,
}

/// Finds the scrutinees (taken by value, of a frame var) whose patterns
/// leave part of the value in place, and makes their mentions
/// `Form::Partial`.
pub fn find(body: &Body, in_frame: &[bool], forms: &mut [Form], errors: &mut Vec<syn::Error>) -> Vec<Partial> {
    let mut found: Vec<(MentionId, Vec<Pat>)> = Vec::new();
    for block in &body.blocks {
        walk_list(body, block.root, &mut |stmt| match stmt {
            Stmt::Match { scrutinee, arms } => {
                if let Some(m) = sole_mention(&scrutinee.expr) {
                    found.push((m, arms.iter().map(|a| a.pat.clone()).collect()));
                }
            }
            Stmt::Bind {
                pat, value, ..
            } => {
                if let Some(m) = sole_mention(&value.expr) {
                    found.push((m, vec![pat.clone()]));
                }
            }
            _ => {}
        });
    }
    let mut in_code = CodeScrutinees(Vec::new(), Vec::new());
    for block in &body.blocks {
        walk_list(body, block.root, &mut |stmt| {
            for code in codes(stmt) {
                in_code.visit_expr(&code.expr);
            }
        });
    }
    found.extend(in_code.0);
    let field_assignments = in_code.1;

    let mut out = Vec::new();
    for (mention, pats) in found {
        let m = &body.mentions[mention];
        let by_value_scrutinee = matches!(m.access, Access::Scrutinee { refs: false }) && m.via.is_none();
        if !in_frame[m.var] || !by_value_scrutinee {
            continue;
        }
        if !pats.iter().all(is_simple) || !pats.iter().any(leaves_part) {
            continue;
        }
        let arms = pats.iter().map(|p| binds_any(p).then(|| p.clone())).collect();
        forms[mention] = Form::Partial(out.len());
        out.push(Partial { var: m.var, mention, arms });
    }
    // A moved field assigned again makes the value whole again, natively;
    // here the drop would still skip it (and the assignment would drop the
    // moved-out value).
    for (mention, member, span) in field_assignments {
        let var = body.mentions[mention].var;
        let moved = out
            .iter()
            .filter(|p| p.var == var)
            .flat_map(|p| p.arms.iter().flatten())
            .any(|pat| moved_fields(pat).contains(&member));
        if moved {
            let name = &body.vars[var].name;
            errors.push(syn::Error::new(
                span,
                format_args!(
                    "`#[coroutine]` cannot assign to this field of `{name}` after a pattern moved it \
                     out (`{name}` lives across an `.await`). Assign the whole of `{name}` instead, \
                     or bind the new value to a variable of its own"
                ),
            ));
        }
    }
    out
}

fn codes(stmt: &Stmt) -> Vec<&Code> {
    match stmt {
        Stmt::Code(c) => vec![c],
        Stmt::Init { value, .. } => vec![value],
        Stmt::Bind { value, .. } => vec![value],
        Stmt::If { cond, .. } => vec![cond],
        Stmt::Match { scrutinee, .. } => vec![scrutinee],
        _ => Vec::new(),
    }
}

/// `match`es and `let`s inside code, and assignments to fields of a var
/// (the field of the var assigned to).
struct CodeScrutinees(Vec<(MentionId, Vec<Pat>)>, Vec<(MentionId, syn::Member, Span)>);

impl<'ast> Visit<'ast> for CodeScrutinees {
    fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
        if let Some(id) = sole_mention(&m.expr) {
            self.0.push((id, m.arms.iter().map(|a| a.pat.clone()).collect()));
        }
        syn::visit::visit_expr_match(self, m);
    }
    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        if let Some((m, member)) = field_base(&a.left) {
            self.1.push((m, member, syn::spanned::Spanned::span(&a.left)));
        }
        syn::visit::visit_expr_assign(self, a);
    }
    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let Some(id) = l.init.as_ref().and_then(|i| sole_mention(&i.expr)) {
            self.0.push((id, vec![l.pat.clone()]));
        }
        syn::visit::visit_local(self, l);
    }
}

/// The var whose field (of a field, ...) `e` is, and that field of it.
fn field_base(e: &Expr) -> Option<(MentionId, syn::Member)> {
    match e {
        Expr::Field(f) => match sole_mention(&f.base) {
            Some(m) => Some((m, f.member.clone())),
            None => field_base(&f.base),
        },
        _ => None,
    }
}

/// The fields of the matched value a pattern moves (some binding in them).
fn moved_fields(pat: &Pat) -> Vec<syn::Member> {
    let index = |i: usize| syn::Member::Unnamed(syn::Index::from(i));
    match pat {
        Pat::Tuple(t) => t.elems.iter().enumerate().filter(|(_, p)| binds_any(p)).map(|(i, _)| index(i)).collect(),
        Pat::TupleStruct(t) => t.elems.iter().enumerate().filter(|(_, p)| binds_any(p)).map(|(i, _)| index(i)).collect(),
        Pat::Struct(s) => s.fields.iter().filter(|f| binds_any(&f.pat)).map(|f| f.member.clone()).collect(),
        Pat::Paren(p) => moved_fields(&p.pat),
        Pat::Type(t) => moved_fields(&t.pat),
        _ => Vec::new(),
    }
}

pub fn sole_mention(e: &Expr) -> Option<MentionId> {
    match e {
        Expr::Path(p) if p.qself.is_none() => crate::ir::parse_placeholder(p.path.get_ident()?, "__coro_mention_"),
        Expr::Paren(p) => sole_mention(&p.expr),
        _ => None,
    }
}

/// Plain bindings only, no guard.
fn is_simple(pat: &Pat) -> bool {
    struct Check(bool);
    impl<'ast> Visit<'ast> for Check {
        fn visit_pat(&mut self, p: &'ast Pat) {
            match p {
                Pat::Ident(i) if i.by_ref.is_some() || i.subpat.is_some() => self.0 = false,
                Pat::Reference(_) | Pat::Guard(_) | Pat::Macro(_) | Pat::Verbatim(_) => self.0 = false,
                _ => syn::visit::visit_pat(self, p),
            }
        }
    }
    let mut check = Check(true);
    check.visit_pat(pat);
    check.0
}

/// Whether a match leaves part of the value in place: a `_` or `..`.
fn leaves_part(pat: &Pat) -> bool {
    struct Find(bool);
    impl<'ast> Visit<'ast> for Find {
        fn visit_pat(&mut self, p: &'ast Pat) {
            match p {
                Pat::Wild(_) | Pat::Rest(_) => self.0 = true,
                _ => syn::visit::visit_pat(self, p),
            }
        }
        fn visit_pat_struct(&mut self, s: &'ast syn::PatStruct) {
            if s.rest.is_some() {
                self.0 = true;
            }
            syn::visit::visit_pat_struct(self, s);
        }
    }
    let mut find = Find(false);
    find.visit_pat(pat);
    find.0 && binds_any(pat)
}

fn binds_any(pat: &Pat) -> bool {
    !crate::build::bindings(pat).is_empty()
}

/// The pattern with `mut` removed from its bindings: it matches a `&mut`
/// place (no binding modifiers allowed there) or a value being dropped.
pub fn by_value(pat: &Pat) -> Pat {
    struct DeMut;
    impl VisitMut for DeMut {
        fn visit_pat_ident_mut(&mut self, i: &mut syn::PatIdent) {
            i.mutability = None;
            syn::visit_mut::visit_pat_ident_mut(self, i);
        }
    }
    let mut pat = pat.clone();
    DeMut.visit_pat_mut(&mut pat);
    pat
}

/// What starts an arm that moved part of the value: set its drop flag, then
/// read each binding (a `&mut` into the value) out by value.
pub fn arm_prologue(pat: &Pat, live: &TokenStream, bit: usize) -> TokenStream {
    let reads = crate::build::bindings(pat).into_iter().map(|b| {
        let ident = &b.ident;
        let mutability = b.mutability;
        // SAFETY (of the generated read): the flag just set makes the
        // value's drop skip what the pattern binds, so each part read here
        // has one owner.
        quote!(let #mutability #ident = ::core::ptr::read(#ident);)
    });
    quote! {
        #live.set(#bit);
        #(#reads)*
    }
}

/// The frame's dropper for a var patterns may have moved parts out of: a
/// closure (zero-sized: it captures nothing) written in the function, where
/// the patterns' paths and `Self` mean what the user meant, and rustc infers
/// the value's type from them. `arm` is which pattern moved, if any.
pub fn dropper(arms: &[(usize, Pat)]) -> TokenStream {
    let value = Ident::new("__coro_value", Span::mixed_site());
    let arm = Ident::new("__coro_arm", Span::mixed_site());
    let branches = arms.iter().enumerate().map(|(i, (_, pat))| {
        let pat = by_value(pat);
        let names = crate::build::bindings(&pat).into_iter().map(|b| b.ident.clone()).collect::<Vec<_>>();
        quote! {
            #i => {
                #[allow(irrefutable_let_patterns)]
                if let #pat = #value {
                    ::core::mem::forget((#(#names,)*));
                }
            }
        }
    });
    quote! {
        |#value, #arm: usize| match #arm {
            #(#branches)*
            _ => ::core::mem::drop(#value),
        }
    }
}

/// Drops a frame var that patterns may have moved parts out of: finds which
/// one did (clearing its flag) and hands the value to the dropper.
pub fn drop_code(slot: &TokenStream, live: &TokenStream, dropper: &TokenStream, arms: &[(usize, Pat)]) -> TokenStream {
    let value = Ident::new("__coro_value", Span::mixed_site());
    let tests = arms.iter().enumerate().map(|(i, (bit, _))| {
        quote!(if #live.is_set(#bit) { #live.clear(#bit); #i } else)
    });
    quote! {
        if let ::core::option::Option::Some(#value) = #slot.take_if_init(&#live) {
            (#dropper)(#value, #(#tests)* { usize::MAX });
        }
    }
}

/// The scrutinee in place: `&mut (*slot.ptr())`.
pub fn scrutinee(slot: &TokenStream) -> TokenStream {
    quote!((&mut (*#slot.ptr())))
}
