//! Patterns that take a frame value out whole, checked for types with a
//! `Drop` impl.
//!
//! `let Tag(n, name) = tag;` with `Tag` a type with a `Drop` impl (whose
//! fields so bound are `Copy`: E0509 otherwise) moves nothing in rustc: the
//! fields are copied and `tag` stays, to drop at the end of its scope. The
//! lowering takes a value whose patterns bind every part out of its slot
//! whole (so that the slot ends there and its room is shared with what
//! comes after), which would drop such a value at the pattern. Only rustc
//! knows which types have a `Drop` impl, and the frame's layout cannot wait
//! for it; so where such a pattern names a type (a struct or a variant
//! other than std's `Some`, `Ok`, `Err` and `Ready`) and binds inside it, a
//! check that never runs asks method resolution whether that type has one,
//! and a type that has is a compile error at the user's pattern, rather
//! than a silent change of drop order (see `__private::drop_check`).
//!
//! Input:  `let Holder { tag: Tag(n, name), d } = h;` (`h` in the frame,
//!         taken whole)
//! Output: the take, `__coro_slot_h.take(&__coro_live)`, preceded by
//!         `check_patterns(__coro_slot_h.ptr(), |__coro_v| {
//!             if let __coro_drop_impl @ Holder { tag: Tag(_, _), d: _ } = __coro_v { <probe> }
//!             if let Holder { tag: __coro_drop_impl @ Tag(_, _), d: _ } = __coro_v { <probe> }
//!         })`

use crate::analyse::Form;
use crate::ir::*;
use crate::partial::{binds_any, unguarded};
use proc_macro2::{Span, TokenStream};
use quote::quote_spanned;
use std::collections::BTreeMap;
use syn::Pat;
use syn::spanned::Spanned;

/// Per mention of a frame var taken out whole by patterns: one pattern per
/// part of a type they name and bind inside, matching a reference to the
/// value and binding that part (by reference) as `__coro_drop_impl`, with
/// the span of the user's pattern of it.
pub fn find<'a>(
    body: &Body,
    scrutinees: impl Iterator<Item = (&'a MentionId, &'a Vec<Pat>)>,
    in_frame: &[bool],
    forms: &[Form],
) -> BTreeMap<MentionId, Vec<Pat>> {
    let mut out = BTreeMap::new();
    for (mention, pats) in scrutinees {
        let m = &body.mentions[*mention];
        let taken_whole = matches!(m.access, Access::Scrutinee { refs: false })
            && forms[*mention] == Form::Take
            && in_frame[m.var]
            && m.via.is_none()
            && !body.vars[m.var].borrow;
        if !taken_whole {
            continue;
        }
        let mut types = Vec::new();
        let checks: Vec<Pat> = pats
            .iter()
            .flat_map(|p| marked(unguarded(p)))
            .filter(|(_, ty)| {
                let new = !types.contains(ty);
                if new {
                    types.push(ty.clone());
                }
                new
            })
            .map(|(pat, _)| pat)
            .collect();
        if !checks.is_empty() {
            out.insert(*mention, checks);
        }
    }
    out
}

/// The dead check before the take of a value that `checks` (see [`find`])
/// match, on the value's slot `slot`.
pub fn tokens(checks: &[Pat], slot: &TokenStream) -> TokenStream {
    let v = syn::Ident::new("__coro_v", Span::mixed_site());
    let probes = checks.iter().map(|pat| {
        let span = pat.span();
        let bound = syn::Ident::new("__coro_drop_impl", Span::mixed_site().located_at(span));
        quote_spanned! {span=>
            if let #pat = #v {
                ::coro::__private::pattern_moves_out(
                    (&::coro::__private::DropImplProbe(#bound)).drop_impl(),
                );
            }
        }
    });
    quote_spanned! {Span::mixed_site()=>
        ::coro::__private::check_patterns(#slot.ptr(), |#v| {
            #[allow(unused_imports)]
            use ::coro::__private::{ProbeDropImpl as _, ProbeNoDropImpl as _};
            #(#probes)*
        });
    }
}

// Input:  `Holder { tag: Tag(n, name), d }`
// Output: `__coro_drop_impl @ Holder { tag: Tag(_, _), d: _ }`,
//         `Holder { tag: __coro_drop_impl @ Tag(_, _), d: _ }`
/// The pattern once per part of a type it names (see [`names_drop_type`])
/// and binds inside: that part bound as `__coro_drop_impl`, every other
/// binding a `_` (see [`wild`]); with the type's path (a variant's, `E::A`,
/// is `E`). An alternative of `|` stands alone.
fn marked(pat: &Pat) -> Vec<(Pat, String)> {
    match pat {
        Pat::Or(o) => return o.cases.iter().flat_map(marked).collect(),
        Pat::Ident(i) => {
            return i
                .subpat
                .as_ref()
                .map_or_else(Vec::new, |(_, sub)| marked(sub));
        }
        Pat::Paren(p) => return marked(&p.pat),
        Pat::Type(t) => return marked(&t.pat),
        _ => {}
    }
    let base = wild(pat);
    let mut out = Vec::new();
    let named = match pat {
        Pat::Struct(s) => Some(&s.path),
        Pat::TupleStruct(t) => Some(&t.path),
        _ => None,
    };
    if let Some(path) = named.filter(|&path| names_drop_type(path) && binds_any(pat)) {
        let span = pat.span();
        let bound = syn::Ident::new("__coro_drop_impl", Span::mixed_site().located_at(span));
        let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let ty = names[..names.len().saturating_sub(1).max(1)].join("::");
        out.push((syn::parse_quote_spanned!(span=> #bound @ #base), ty));
    }
    let mut own = pat.clone();
    for (i, part) in parts_mut(&mut own).into_iter().enumerate() {
        for (m, ty) in marked(part) {
            let mut with_mark = base.clone();
            *parts_mut(&mut with_mark)[i] = m;
            out.push((with_mark, ty));
        }
    }
    out
}

/// The pattern with its bindings gone: each a `_` (one with a subpattern,
/// `x @ P`, that subpattern), and what a `&` pattern matches a `_` (it is
/// not the value's own, and a `&` may not appear where the check's match
/// binds by reference).
fn wild(pat: &Pat) -> Pat {
    let span = pat.span();
    match pat {
        Pat::Ident(i) => i
            .subpat
            .as_ref()
            .map_or_else(|| syn::parse_quote_spanned!(span=> _), |(_, sub)| wild(sub)),
        Pat::Reference(_) => syn::parse_quote_spanned!(span=> _),
        Pat::Paren(p) => wild(&p.pat),
        Pat::Type(t) => wild(&t.pat),
        Pat::Or(o) => {
            let mut o = o.clone();
            o.cases.iter_mut().for_each(|c| *c = wild(c));
            Pat::Or(o)
        }
        _ => {
            let mut p = pat.clone();
            if let Pat::Struct(s) = &mut p {
                // (`Holder { d }` becomes `Holder { d: _ }`.)
                s.fields.iter_mut().for_each(|f| {
                    f.colon_token.get_or_insert_with(Default::default);
                });
            }
            for part in parts_mut(&mut p) {
                *part = wild(part);
            }
            p
        }
    }
}

/// The patterns a struct, tuple struct, tuple or slice pattern is made of.
fn parts_mut(pat: &mut Pat) -> Vec<&mut Pat> {
    match pat {
        Pat::Struct(s) => s.fields.iter_mut().map(|f| &mut *f.pat).collect(),
        Pat::TupleStruct(t) => t.elems.iter_mut().collect(),
        Pat::Tuple(t) => t.elems.iter_mut().collect(),
        Pat::Slice(s) => s.elems.iter_mut().collect(),
        _ => Vec::new(),
    }
}

/// Whether a struct or variant pattern's path may name a type with a
/// `Drop` impl: any but std's `Some`, `Ok`, `Err` and `Ready`, whose types
/// have none.
fn names_drop_type(path: &syn::Path) -> bool {
    let known = ["Some", "Ok", "Err", "Ready"];
    path.segments
        .last()
        .is_none_or(|s| !known.iter().any(|k| s.ident == k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn marks(p: &str) -> Vec<String> {
        let pat = syn::parse::Parser::parse_str(Pat::parse_multi, p).expect("a pattern");
        let text = |m: &Pat| m.to_token_stream().to_string().replace(' ', "");
        marked(&pat).iter().map(|(m, _)| text(m)).collect()
    }

    #[test]
    fn each_named_type_bound_inside_is_marked_once() {
        assert_eq!(
            marks("Holder { tag: Tag(n, name), d }"),
            [
                "__coro_drop_impl@Holder{tag:Tag(_,_),d:_}",
                "Holder{tag:__coro_drop_impl@Tag(_,_),d:_}",
            ]
        );
        assert_eq!(
            marks("(a, State::Up(mut t, 1..=3))"),
            ["(_,__coro_drop_impl@State::Up(_,1..=3))"]
        );
        assert_eq!(
            marks("Ok(Tag(n)) | Err(w @ Tag(n))"),
            [
                "Ok(__coro_drop_impl@Tag(_))",
                "Err(__coro_drop_impl@Tag(_))"
            ]
        );
    }

    #[test]
    fn a_variant_is_checked_as_its_enum() {
        let pat = syn::parse::Parser::parse_str(
            Pat::parse_multi,
            "Cmd::Get(k) | Cmd::Set(k, _) | Tag(k)",
        )
        .expect("a pattern");
        let types: Vec<String> = marked(&pat).into_iter().map(|(_, ty)| ty).collect();
        assert_eq!(types, ["Cmd", "Cmd", "Tag"]);
    }

    #[test]
    fn std_wrappers_references_and_parts_binding_nothing_are_not() {
        assert!(marks("Some((a, b))").is_empty());
        assert!(marks("(a, &Tag(n))").is_empty());
        assert!(marks("Tag(_, 2)").is_empty());
        assert!(marks("x").is_empty());
    }
}
