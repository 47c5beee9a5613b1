//! What a pattern binds, as far as syntax tells.
//!
//! A lone identifier in a pattern is a binding unless it names a constant or
//! a unit variant (`None`, `MAX`); rustc decides that by name resolution,
//! which a macro cannot do, so, as rustc's own lints expect, an identifier
//! starting with an upper-case letter is taken as a path, anything else as a
//! binding.

use syn::{Pat, PatIdent};

/// Names bound by `pat`, in order.
pub fn binding_names(pat: &Pat) -> Vec<String> {
    bindings(pat)
        .into_iter()
        .map(|p| p.ident.to_string())
        .collect()
}

/// The identifiers `pat` binds, in order, with their spans (their hygiene).
pub fn binding_idents(pat: &Pat) -> Vec<syn::Ident> {
    bindings(pat).into_iter().map(|p| p.ident.clone()).collect()
}

/// The binding identifiers of `pat`, in order.
pub fn bindings(pat: &Pat) -> Vec<&PatIdent> {
    let mut out = Vec::new();
    collect(pat, &mut out);
    out
}

fn collect<'p>(pat: &'p Pat, out: &mut Vec<&'p PatIdent>) {
    match pat {
        Pat::Ident(p) => {
            if is_binding(p) {
                out.push(p);
            }
            if let Some((_, sub)) = &p.subpat {
                collect(sub, out);
            }
        }
        Pat::Guard(g) => collect(&g.pat, out),
        Pat::Or(o) => {
            // Every alternative binds the same names: the first tells them.
            if let Some(first) = o.cases.first() {
                collect(first, out);
            }
        }
        Pat::Paren(p) => collect(&p.pat, out),
        Pat::Reference(r) => collect(&r.pat, out),
        Pat::Slice(s) => s.elems.iter().for_each(|p| collect(p, out)),
        Pat::Struct(s) => s.fields.iter().for_each(|f| collect(&f.pat, out)),
        Pat::Tuple(t) => t.elems.iter().for_each(|p| collect(p, out)),
        Pat::TupleStruct(t) => t.elems.iter().for_each(|p| collect(p, out)),
        Pat::Type(t) => collect(&t.pat, out),
        _ => {}
    }
}

/// Whether some pattern in `pat` (itself included; not a guard's
/// expressions) is one `is` accepts (`Pat::Slice`, `Pat::Reference`).
pub fn any_subpattern(pat: &Pat, is: &dyn Fn(&Pat) -> bool) -> bool {
    struct Find<'a>(&'a dyn Fn(&Pat) -> bool, bool);
    impl<'ast> syn::visit::Visit<'ast> for Find<'_> {
        fn visit_pat(&mut self, p: &'ast Pat) {
            self.1 |= (self.0)(p);
            syn::visit::visit_pat(self, p);
        }
        fn visit_expr(&mut self, _: &'ast syn::Expr) {}
    }
    let mut find = Find(is, false);
    syn::visit::Visit::visit_pat(&mut find, pat);
    find.1
}

/// Whether a lone identifier pattern binds a new name.
pub fn is_binding(p: &PatIdent) -> bool {
    if p.by_ref.is_some() || p.mutability.is_some() || p.subpat.is_some() {
        return true;
    }
    let name = p.ident.to_string();
    let first = name.trim_start_matches("r#").chars().next();
    !matches!(first, Some(c) if c.is_uppercase())
}

/// Whether `pat` matches every value, as far as syntax tells: `_`, a
/// binding (see [`is_binding`]), a tuple or reference of such patterns, an
/// alternative that is one. (A struct pattern may name an enum's variant.)
pub fn irrefutable(pat: &Pat) -> bool {
    match pat {
        Pat::Wild(_) | Pat::Rest(_) => true,
        Pat::Ident(p) => is_binding(p) && p.subpat.as_ref().is_none_or(|(_, sub)| irrefutable(sub)),
        Pat::Paren(p) => irrefutable(&p.pat),
        Pat::Reference(r) => irrefutable(&r.pat),
        Pat::Type(t) => irrefutable(&t.pat),
        Pat::Tuple(t) => t.elems.iter().all(irrefutable),
        Pat::Or(o) => o.cases.iter().any(irrefutable),
        _ => false,
    }
}

/// Whether matching `pat` may move out of the scrutinee: it has a binding by
/// value that is not behind a `&` pattern. (Default binding modes make such
/// a binding a reference when the scrutinee is a reference: syntax cannot
/// tell, so this answers "may".)
pub fn pattern_moves(pat: &Pat) -> bool {
    match pat {
        Pat::Ident(p) => {
            (is_binding(p) && p.by_ref.is_none())
                || p.subpat.as_ref().is_some_and(|(_, sub)| pattern_moves(sub))
        }
        Pat::Guard(g) => pattern_moves(&g.pat),
        Pat::Or(o) => o.cases.iter().any(pattern_moves),
        Pat::Paren(p) => pattern_moves(&p.pat),
        Pat::Reference(_) => false,
        Pat::Slice(s) => s.elems.iter().any(pattern_moves),
        Pat::Struct(s) => s.fields.iter().any(|f| pattern_moves(&f.pat)),
        Pat::Tuple(t) => t.elems.iter().any(pattern_moves),
        Pat::TupleStruct(t) => t.elems.iter().any(pattern_moves),
        Pat::Type(t) => pattern_moves(&t.pat),
        _ => false,
    }
}

/// Whether `pat` has an explicit `ref` binding (which borrows the scrutinee).
pub fn pattern_has_ref(pat: &Pat) -> bool {
    bindings(pat).iter().any(|p| p.by_ref.is_some())
}
