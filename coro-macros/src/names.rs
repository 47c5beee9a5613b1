//! Names of what the expansion declares, chosen for a reader of
//! `cargo expand`: `fn fetch_page` gets `FetchPageFrame` and
//! `FetchPageState`; a frame field is named after the user's variable (`buf`)
//! or, for a value the lowering introduces, after what it holds
//! (`read_future`, `read_output`); a state after the awaited call
//! (`AwaitRead`).

use crate::ir::*;
use proc_macro2::Span;
use std::collections::HashSet;
use syn::Ident;

pub struct Names {
    pub frame: Ident,
    pub state: Ident,
    /// Per var (frame vars only): the frame field.
    pub fields: Vec<Option<Ident>>,
    /// Per var (frame vars only): the frame's type parameter for it.
    pub params: Vec<Option<Ident>>,
    /// Per block: its state variant.
    pub blocks: Vec<Ident>,
    /// Per block: the label of the block in the poll that its code follows
    /// (the variant's name; hygienic, so no user label clashes with it).
    pub labels: Vec<syn::Lifetime>,
    /// Per var that patterns move parts out of: the frame field holding its
    /// dropper (see `partial`) and that field's type parameter.
    pub droppers: Vec<Option<(Ident, Ident)>>,
    pub shadow_param: Ident,
}

/// The start of every generated type's name (`{prefix}Frame`,
/// `{prefix}State`, the frame's parts): the function's name in camel case,
/// numbered if an identifier the user wrote in the function starts with it.
/// The generated items are declared where the poll runs the user's code, so
/// a type of the user's named like one of them would be hidden there (or,
/// declared beside them, clash). A macro of the user's may name such a type
/// in its expansion (`frame!(..)` making a `CallFrame` in `async fn call`),
/// which the tokens do not show: in a function that calls one, the names
/// say `Coro` too (`CallCoroFrame`).
pub fn type_prefix(fn_name: &Ident, item: &proc_macro2::TokenStream) -> String {
    /// Collects the identifiers; returns whether a macro the lowering
    /// cannot see into is called (`name!(..)`).
    fn collect(tokens: proc_macro2::TokenStream, out: &mut HashSet<String>) -> bool {
        use crate::build::macros::{MacroKind, classify_name};
        use proc_macro2::TokenTree;
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut opaque = false;
        for (i, tt) in tokens.iter().enumerate() {
            match tt {
                TokenTree::Ident(name) => {
                    out.insert(name.to_string());
                    let called = matches!(
                        (tokens.get(i + 1), tokens.get(i + 2)),
                        (Some(TokenTree::Punct(p)), Some(TokenTree::Group(_))) if p.as_char() == '!'
                    );
                    opaque |=
                        called && matches!(classify_name(&name.to_string()), MacroKind::Opaque);
                }
                TokenTree::Group(g) => opaque |= collect(g.stream(), out),
                TokenTree::Punct(_) | TokenTree::Literal(_) => {}
            }
        }
        opaque
    }
    let mut user = HashSet::new();
    let calls_opaque_macro = collect(item.clone(), &mut user);
    let mut base = camel_case(&fn_name.to_string());
    if calls_opaque_macro {
        base.push_str("Coro");
    }
    let mut prefix = base.clone();
    let mut n = 2;
    while user.iter().any(|u| u.starts_with(&prefix)) {
        prefix = format!("{base}{n}");
        n += 1;
    }
    prefix
}

pub fn choose(
    prefix: &str,
    fn_name: &Ident,
    body: &Body,
    frame_vars: &[VarId],
    partials: &[crate::partial::Partial],
) -> Names {
    let frame = Ident::new(&format!("{prefix}Frame"), fn_name.span());
    let state = Ident::new(&format!("{prefix}State"), fn_name.span());

    let mut taken: HashSet<String> = ["state", "shadow", "live", "overlap"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut fields = vec![None; body.vars.len()];
    for &v in frame_vars {
        let base = field_base(body, v);
        let name = unique(&base, &mut taken);
        fields[v] = Some(Ident::new(&name, Span::call_site()));
    }

    let mut taken_types: HashSet<String> =
        [frame.to_string(), state.to_string(), "Shadow".to_string()]
            .into_iter()
            .collect();
    let mut params = vec![None; body.vars.len()];
    for &v in frame_vars {
        let field = fields[v].as_ref().expect("named").to_string();
        let name = unique(&camel_case(&field), &mut taken_types);
        params[v] = Some(Ident::new(&name, Span::call_site()));
    }

    let mut droppers = vec![None; body.vars.len()];
    for partial in partials {
        let v = partial.var;
        if droppers[v].is_none() {
            let field = format!("drop_{}", fields[v].as_ref().expect("a frame var"));
            let field = unique(&field, &mut taken);
            let param = unique(&camel_case(&field), &mut taken_types);
            droppers[v] = Some((
                Ident::new(&field, Span::call_site()),
                Ident::new(&param, Span::call_site()),
            ));
        }
    }

    let mut taken_states: HashSet<String> = ["Start", "Running", "Returned", "Panicked"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let blocks: Vec<Ident> = body
        .blocks
        .iter()
        .map(|block| {
            let base = match &block.kind {
                BlockKind::Start => "Start".to_string(),
                BlockKind::Resume(a) => {
                    let hint = camel_case(&body.awaits[*a].name_hint);
                    format!("Await{hint}")
                }
                BlockKind::Join { what } => what.split(' ').map(camel_case).collect(),
            };
            if matches!(block.kind, BlockKind::Start) {
                return Ident::new("Start", Span::call_site());
            }
            Ident::new(&unique(&base, &mut taken_states), Span::call_site())
        })
        .collect();

    let labels = blocks
        .iter()
        .map(|variant| syn::Lifetime::new(&format!("'{variant}"), Span::mixed_site()))
        .collect();
    Names {
        frame,
        state,
        fields,
        params,
        blocks,
        labels,
        droppers,
        shadow_param: Ident::new("Shadow", Span::call_site()),
    }
}

fn field_base(body: &Body, v: VarId) -> String {
    let var = &body.vars[v];
    let name = var.name.to_string();
    if name == "self" {
        return "self_".to_string();
    }
    let name = name.trim_start_matches("r#").to_string();
    match &var.kind {
        VarKind::Awaitee(a) => hinted(&body.awaits[*a].name_hint, "future"),
        VarKind::Iter => "iter".to_string(),
        VarKind::Temp { what } if name.starts_with("__coro_tmp") => {
            let what = what.replace(['`', ' '], "_").replace("__", "_");
            let what = what.trim_matches('_').to_lowercase();
            if what == "output" {
                // The output of the await just before it.
                let await_id = body
                    .awaits
                    .iter()
                    .rposition(|a| a.awaitee < v)
                    .map(|a| body.awaits[a].name_hint.clone())
                    .unwrap_or_default();
                hinted(&await_id, "output")
            } else {
                what
            }
        }
        _ if name.starts_with("__arg") => format!("arg{}", &name["__arg".len()..]),
        // Helpers the lowering names (`__coro_guard`): the word itself.
        _ if name.starts_with("__coro_") => name["__coro_".len()..].to_string(),
        _ => name,
    }
}

fn hinted(hint: &str, what: &str) -> String {
    let hint = snake_case(hint);
    if hint.is_empty() {
        what.to_string()
    } else {
        format!("{hint}_{what}")
    }
}

fn unique(base: &str, taken: &mut HashSet<String>) -> String {
    let base = if base.is_empty() {
        "value".to_string()
    } else {
        base.to_string()
    };
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) || is_keyword(&name) {
        name = format!("{base}_{n}");
        n += 1;
    }
    name
}

fn is_keyword(s: &str) -> bool {
    // (`gen` is reserved from edition 2024 on, which syn does not know: a
    // user's `r#gen` would name a field `gen`.)
    s == "gen" || syn::parse_str::<Ident>(s).is_err()
}

pub fn camel_case(s: &str) -> String {
    s.trim_start_matches("r#")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(first) => first.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

fn snake_case(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.trim_start_matches("r#").chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The reference to a frame var's slot that the poll binds once at its top
/// (`__coro_slot_buf`; see `frame::slot_refs`). Hygienic: user code cannot
/// name it.
pub fn slot_ref(field: &Ident) -> Ident {
    Ident::new(&format!("__coro_slot_{field}"), Span::mixed_site())
}

/// The reference to the `index`-th part of the frame (see `layout::Part`)
/// that the poll binds once at its top, under the part's field name
/// (`__coro_part0_with_buf`; two parts may have the same field name in
/// different unions).
pub fn part_ref(field: &Ident, index: usize) -> Ident {
    Ident::new(&format!("__coro_part{index}_{field}"), Span::mixed_site())
}
