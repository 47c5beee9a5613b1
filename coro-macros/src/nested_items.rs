//! Items declared in a nested block of the body.
//!
//! An item is in scope in its whole block. The lowering splits a block at
//! its awaits, and the code after an await runs in another state's arm,
//! outside the block it was written in: an item left where its statement
//! was (`use std::fmt::Write;`, `fn twice(..)`, `struct Acc`) is not in
//! scope there. The items at the top of the body are declared once, before
//! both copies of it (see `expand`); so are a nested block's, where that
//! changes no name's meaning: nothing outside the block spells one of their
//! names, and no other item of the body has one of them (but the same
//! `use`, token for token, in other blocks, declared once).
//!
//! ```text
//! Input:  async fn f() { let s = { use std::fmt::Write; x().await; write!(..) }; }
//! Output: async fn f() { use std::fmt::Write; let s = { x().await; write!(..) }; }
//! ```

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::BTreeMap;
use syn::visit_mut::{self, VisitMut};

/// Takes the items out of the nested blocks of `stmts` (not the top
/// level's, nor those inside closures, `async` blocks, items or macros)
/// whose names are theirs alone, and returns them.
pub fn hoist(stmts: &mut [syn::Stmt]) -> Vec<syn::Item> {
    // (Most bodies declare nothing in nested blocks.)
    let mut find = Blocks {
        found: Vec::new(),
        take: None,
        taken: Vec::new(),
    };
    for stmt in stmts.iter_mut() {
        find.visit_stmt_mut(stmt);
    }
    if find.found.is_empty() {
        return Vec::new();
    }
    let body: TokenStream = stmts.iter().map(|s| s.to_token_stream()).collect();
    let mut spelled = BTreeMap::new();
    count_idents(body, &mut spelled);
    let names = Names {
        spelled,
        declared: declared_names(stmts),
        blocks: &find.found,
    };
    let take: Vec<bool> = find
        .found
        .iter()
        .map(|(items, inside)| items.iter().all(|item| names.alone(item, inside)))
        .collect();
    if !take.contains(&true) {
        return Vec::new();
    }
    let mut hoist = Blocks {
        found: Vec::new(),
        take: Some(take),
        taken: Vec::new(),
    };
    for stmt in stmts.iter_mut() {
        hoist.visit_stmt_mut(stmt);
    }
    hoist.taken
}

/// What decides whether a nested block's item may be declared with the
/// body's: how often each identifier is spelled in the body, every item
/// declaring each name (as tokens), and the nested blocks with items.
struct Names<'a> {
    spelled: BTreeMap<String, usize>,
    declared: BTreeMap<String, Vec<String>>,
    blocks: &'a [(Vec<syn::Item>, BTreeMap<String, usize>)],
}

impl Names<'_> {
    /// Whether `item`, of a nested block spelling the identifiers `inside`,
    /// keeps its meaning declared with the body's: each of its names is
    /// spelled only in its block and declared by no other item, or it is
    /// a `use` repeated token for token in other blocks, whose name is
    /// spelled only in those.
    fn alone(&self, item: &syn::Item, inside: &BTreeMap<String, usize>) -> bool {
        let tokens = item.to_token_stream().to_string();
        let unraw = |n: &String| n.strip_prefix("r#").unwrap_or(n).to_string();
        item_names(item).is_some_and(|names| {
            names.iter().all(|n| {
                let Some(all) = self.declared.get(n) else {
                    return false;
                };
                if all.len() == 1 {
                    return self.spelled.get(&unraw(n)) == inside.get(&unraw(n));
                }
                let spelled_there: usize = self
                    .blocks
                    .iter()
                    .filter(|(items, _)| {
                        items
                            .iter()
                            .any(|i| i.to_token_stream().to_string() == tokens)
                    })
                    .map(|(_, inside)| inside.get(&unraw(n)).copied().unwrap_or(0))
                    .sum();
                matches!(item, syn::Item::Use(_))
                    && all.iter().all(|t| *t == tokens)
                    && self.spelled.get(&unraw(n)) == Some(&spelled_there)
            })
        })
    }
}

/// Every item's name anywhere in the body, nested blocks' and the top's,
/// with the items declaring it (as tokens).
fn declared_names(stmts: &mut [syn::Stmt]) -> BTreeMap<String, Vec<String>> {
    let mut all = AllItems(Vec::new());
    for stmt in stmts.iter_mut() {
        all.visit_stmt_mut(stmt);
    }
    let mut declared: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for item in &all.0 {
        for name in item_names(item).into_iter().flatten() {
            declared
                .entry(name)
                .or_default()
                .push(item.to_token_stream().to_string());
        }
    }
    declared
}

/// The names an item declares, or `None` for one whose names are not
/// known (an `extern` block, a macro's other than `macro_rules!`). A
/// glob import and an `impl` declare none.
fn item_names(item: &syn::Item) -> Option<Vec<String>> {
    use syn::Item::*;
    let one = |i: &syn::Ident| Some(vec![i.to_string()]);
    match item {
        Const(i) => one(&i.ident),
        Enum(i) => one(&i.ident),
        Fn(i) => one(&i.sig.ident),
        Mod(i) => one(&i.ident),
        Static(i) => one(&i.ident),
        Struct(i) => one(&i.ident),
        Trait(i) => one(&i.ident),
        TraitAlias(i) => one(&i.ident),
        Type(i) => one(&i.ident),
        Union(i) => one(&i.ident),
        ExternCrate(i) => one(i.rename.as_ref().map_or(&i.ident, |(_, r)| r)),
        Macro(m) if m.mac.path.is_ident("macro_rules") => m.ident.as_ref().and_then(one),
        Impl(_) => Some(Vec::new()),
        Use(u) => {
            let mut names = Vec::new();
            use_names(&u.tree, &mut names);
            Some(names)
        }
        _ => None,
    }
}

fn use_names(tree: &syn::UseTree, out: &mut Vec<String>) {
    match tree {
        syn::UseTree::Path(p) => use_names(&p.tree, out),
        syn::UseTree::Name(n) => out.push(n.ident.to_string()),
        syn::UseTree::Rename(r) if r.rename != "_" => out.push(r.rename.to_string()),
        syn::UseTree::Rename(_) | syn::UseTree::Glob(_) => {}
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_names(t, out)),
    }
}

/// How many times each identifier is spelled in `tokens`.
fn count_idents(tokens: TokenStream, counts: &mut BTreeMap<String, usize>) {
    for tt in tokens {
        match tt {
            TokenTree::Ident(i) => {
                let name = i.to_string();
                let name = name.strip_prefix("r#").map_or(name.clone(), str::to_string);
                *counts.entry(name).or_default() += 1;
            }
            TokenTree::Group(g) => count_idents(g.stream(), counts),
            _ => {}
        }
    }
}

/// The nested blocks holding items, in visiting order: their items and the
/// identifiers the block spells. With `take`, takes the items out of the
/// blocks it marks.
struct Blocks {
    found: Vec<(Vec<syn::Item>, BTreeMap<String, usize>)>,
    take: Option<Vec<bool>>,
    taken: Vec<syn::Item>,
}

impl VisitMut for Blocks {
    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        let items: Vec<syn::Item> = b
            .stmts
            .iter()
            .filter_map(|s| match s {
                syn::Stmt::Item(i) => Some(i.clone()),
                _ => None,
            })
            .collect();
        if !items.is_empty() {
            let index = self.found.len();
            let mut inside = BTreeMap::new();
            count_idents(b.to_token_stream(), &mut inside);
            self.found.push((items, inside));
            if self.take.as_ref().is_some_and(|t| t[index]) {
                b.stmts.retain(|s| {
                    let syn::Stmt::Item(i) = s else { return true };
                    // (A `use` repeated in another block is declared once.)
                    if !self.taken.contains(i) {
                        self.taken.push(i.clone());
                    }
                    false
                });
            }
        }
        visit_mut::visit_block_mut(self, b);
    }
    // (Rustc's own scopes: left as written.)
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_macro_mut(&mut self, _: &mut syn::Macro) {}
}

/// Every item of the body, at any depth outside other items.
struct AllItems(Vec<syn::Item>);

impl VisitMut for AllItems {
    fn visit_item_mut(&mut self, i: &mut syn::Item) {
        self.0.push(i.clone());
    }
}
