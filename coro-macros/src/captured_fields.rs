//! Fields a `move` closure names, moved out before it is made.
//!
//! Since edition 2021 a closure captures the places it names, not whole
//! variables: `move || p.name.len()` moves `p.name` into the closure and
//! leaves the rest of `p` usable (and dropped at the end of its scope). The
//! lowering gives a `move` closure the frame values it names by taking each
//! out of its slot whole (`Captures::moved`), which keeps only what the
//! closure captures of it and drops the rest where the closure is made. So,
//! in the lowered copy only, a `move` closure (or `async move` block) first
//! moves out the fields it names, which the lowering reads out of a frame
//! value one by one (see `partial`), and names those instead; rustc's own
//! capture does the same.
//!
//! ```text
//! Input:  let c = move || p.name.len() + p.id;
//! Output: let c = { let mut __coro_cap0 = p.name; let mut __coro_cap1 = p.id;
//!                   move || __coro_cap0.len() + __coro_cap1 };
//! ```
//!
//! So does an `async` block that is not `move` for the fields it uses by
//! value (see `Rewrite::moved_captures`), which rustc captures by value.
//!
//! Only for a variable that is named again after the closure, or whose
//! closure is made again in a loop inside the variable's scope: at its last
//! use, taking the value whole differs only in when the rest drops, and
//! moving a field out of a variable that holds a reference, which syntax
//! cannot always tell (`for item in &items`), would be rustc's E0507 where
//! the closure natively captures the reference. Nor for a variable syntax
//! shows is a reference (`&self`, `x: &T`, `let x = &y`), nor for one the
//! closure names whole, or inside a macro.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{format_ident, quote_spanned};
use std::collections::HashMap;
use syn::visit::{self, Visit};
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Member, Pat};

/// A parameter of the function: its name, and whether it may own its value
/// (not a reference, nor `&self`).
pub struct Param {
    pub name: String,
    pub owned: bool,
}

/// The statements with the fields each `move` closure names moved out first.
pub fn rewrite(stmts: &mut [syn::Stmt], params: &[Param]) {
    let mut order = Order::default();
    order.scopes.push(HashMap::new());
    for p in params {
        order.bind_name(p.name.clone());
    }
    stmts.iter().for_each(|s| order.visit_stmt(s));
    let mut rewrite = Rewrite {
        order,
        closures_seen: 0,
        scopes: vec![
            params
                .iter()
                .enumerate()
                .map(|(id, p)| {
                    let binding = Binding {
                        id,
                        loop_depth: 0,
                        owned: p.owned,
                    };
                    (p.name.clone(), binding)
                })
                .collect(),
        ],
        next_binding: params.len(),
        loop_depth: 0,
        next_capture: 0,
    };
    stmts.iter_mut().for_each(|s| rewrite.visit_stmt_mut(s));
}

/// The source order of names and closures (first pass): per name, and per
/// binding it resolves to, the last place it occurs; per `move` closure (in
/// visiting order), where it ends.
///
/// Bindings are numbered in the order they are made, which the rewrite
/// (second pass) follows binding the same patterns in the same order, so
/// that a later variable of the same name (`let d = ..` after a block, a
/// closure's `|d|`) is no use of the one a closure captures.
#[derive(Default)]
struct Order {
    at: usize,
    last_use: HashMap<String, usize>,
    closure_ends: Vec<usize>,
    /// Per open scope, the bindings it makes, by name.
    scopes: Vec<HashMap<String, usize>>,
    /// Per binding (in the order made), the last place it occurs.
    binding_last_use: Vec<usize>,
}

impl Order {
    fn occurs(&mut self, name: String) {
        self.at += 1;
        let binding = self.scopes.iter().rev().find_map(|s| s.get(&name).copied());
        if let Some(id) = binding {
            self.binding_last_use[id] = self.at;
        }
        self.last_use.insert(name, self.at);
    }

    fn bind_name(&mut self, name: String) {
        let id = self.binding_last_use.len();
        self.binding_last_use.push(0);
        if let Some(scope) = self.scopes.last_mut() {
            scope.insert(name, id);
        }
    }

    fn bind(&mut self, pat: &Pat) {
        for b in crate::build::bindings(pat) {
            self.bind_name(b.ident.to_string());
        }
    }

    fn scoped(&mut self, f: impl FnOnce(&mut Self)) {
        self.scopes.push(HashMap::new());
        f(self);
        self.scopes.pop();
    }

    /// A closure's parameters bound, then its body.
    fn closure_body(&mut self, c: &syn::ExprClosure) {
        self.scoped(|o| {
            c.inputs.iter().for_each(|p| o.bind(p));
            o.visit_expr(&c.body);
        });
    }

    /// A macro's tokens: each identifier, but a field's or a method's name
    /// (after a `.`).
    fn tokens(&mut self, tokens: TokenStream) {
        let mut after_dot = false;
        for tree in tokens {
            match &tree {
                TokenTree::Ident(i) if !after_dot => self.occurs(i.to_string()),
                TokenTree::Group(g) => self.tokens(g.stream()),
                _ => {}
            }
            after_dot = matches!(&tree, TokenTree::Punct(p) if p.as_char() == '.');
        }
    }

    fn closure(&mut self, visit_inside: impl FnOnce(&mut Self)) {
        let k = self.closure_ends.len();
        self.closure_ends.push(0);
        visit_inside(self);
        self.closure_ends[k] = self.at;
    }
}

impl<'ast> Visit<'ast> for Order {
    // A variable is named by a path of one segment (not a field's or a
    // method's name, `q.name`, nor a type's).
    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        if let Some(i) = p.path.get_ident() {
            self.occurs(i.to_string());
        }
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.tokens(m.tokens.clone());
    }
    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        if c.capture.is_some() {
            self.closure(|o| o.closure_body(c));
        } else {
            self.closure_body(c);
        }
    }
    fn visit_expr_async(&mut self, a: &'ast syn::ExprAsync) {
        if a.capture.is_some() {
            self.closure(|o| visit::visit_expr_async(o, a));
        } else {
            visit::visit_expr_async(self, a);
        }
    }
    // Scopes and bindings as the rewrite makes them (see `Rewrite`'s
    // `visit_expr_mut`).
    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        self.visit_expr(&f.expr);
        self.scoped(|o| {
            o.bind(&f.pat);
            o.visit_block(&f.body);
        });
    }
    fn visit_expr_while(&mut self, w: &'ast syn::ExprWhile) {
        self.scoped(|o| {
            o.visit_expr(&w.cond);
            o.visit_block(&w.body);
        });
    }
    fn visit_expr_let(&mut self, l: &'ast syn::ExprLet) {
        self.visit_expr(&l.expr);
        self.bind(&l.pat);
    }
    fn visit_block(&mut self, b: &'ast syn::Block) {
        self.scoped(|o| visit::visit_block(o, b));
    }
    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        self.scoped(|o| {
            o.bind(&arm.pat);
            visit::visit_arm(o, arm);
        });
    }
    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let Some(init) = &l.init {
            self.visit_expr(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                self.visit_expr(diverge);
            }
        }
        self.bind(&l.pat);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// What the rewrite knows of a variable in scope.
#[derive(Clone, Copy)]
struct Binding {
    /// Its number among the bindings made (see `Order`).
    id: usize,
    /// How many loops enclose its declaration.
    loop_depth: usize,
    /// Not shown to be a reference.
    owned: bool,
}

struct Rewrite {
    order: Order,
    closures_seen: usize,
    scopes: Vec<HashMap<String, Binding>>,
    next_binding: usize,
    loop_depth: usize,
    next_capture: usize,
}

impl Rewrite {
    fn lookup(&self, name: &str) -> Option<Binding> {
        self.scopes.iter().rev().find_map(|s| s.get(name).copied())
    }

    fn bind(&mut self, pat: &Pat, owned: bool) {
        let loop_depth = self.loop_depth;
        for b in crate::build::bindings(pat) {
            let id = self.next_binding;
            self.next_binding += 1;
            let binding = Binding {
                id,
                loop_depth,
                owned,
            };
            let scope = self.scopes.last_mut().expect("a scope");
            scope.insert(b.ident.to_string(), binding);
        }
    }

    fn scoped(&mut self, f: impl FnOnce(&mut Self)) {
        self.scopes.push(HashMap::new());
        f(self);
        self.scopes.pop();
    }

    fn looped(&mut self, f: impl FnOnce(&mut Self)) {
        self.loop_depth += 1;
        self.scoped(f);
        self.loop_depth -= 1;
    }

    /// The lets that move out the fields `body` (a closure's) names of
    /// variables used again after it (`end`: where it ends), with `body`
    /// naming them instead.
    fn captures(&mut self, body: &mut Expr, binds: &[String], end: usize) -> Vec<syn::Stmt> {
        let mut paths = Paths::default();
        paths.visit_expr(body);
        let (order, loop_depth) = (&self.order, self.loop_depth);
        let used_again =
            |b: Binding| order.binding_last_use[b.id] > end || loop_depth > b.loop_depth;
        let keep: Vec<bool> = paths
            .by_root
            .iter()
            .map(|(root, _)| {
                self.lookup(root).is_some_and(|b| b.owned && used_again(b))
                    && !paths.whole.contains(root)
                    && !binds.contains(root)
            })
            .collect();
        let by_root = paths
            .by_root
            .into_iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(r, _)| r);
        self.rename_captured(body, by_root.collect())
            .into_iter()
            .map(|(cap, place)| {
                syn::parse_quote_spanned! {cap.span()=>
                    #[allow(unused_mut)]
                    let mut #cap = #place;
                }
            })
            .collect()
    }

    /// Names each path of `by_root` (the shortest of each root's) by a
    /// capture of its own in `body`: the captures, with the places they
    /// stand for (`__coro_cap0`, `p.name`). Not a root of the lowering's.
    fn rename_captured(
        &mut self,
        body: &mut Expr,
        by_root: Vec<(String, Found)>,
    ) -> Vec<(syn::Ident, TokenStream)> {
        let mut captures = Vec::new();
        let mut renames: Vec<(String, Vec<Member>, syn::Ident)> = Vec::new();
        for (root, found) in by_root {
            if root.starts_with("__coro") {
                continue;
            }
            for (path, span) in shortest(found) {
                let cap = format_ident!("__coro_cap{}", self.next_capture, span = span);
                self.next_capture += 1;
                let base = syn::Ident::new(&root, span);
                captures.push((cap.clone(), quote_spanned!(span=> #base #(.#path)*)));
                renames.push((root.clone(), path, cap));
            }
        }
        if !renames.is_empty() {
            Rename { renames: &renames }.visit_expr_mut(body);
        }
        captures
    }

    fn closure_like(&mut self, e: &mut Expr) {
        let k = self.closures_seen;
        self.closures_seen += 1;
        let end = self.order.closure_ends[k];
        let (body, binds) = match e {
            Expr::Closure(c) => {
                let binds = c
                    .inputs
                    .iter()
                    .flat_map(|p| {
                        crate::build::bindings(p)
                            .into_iter()
                            .map(|b| b.ident.to_string())
                    })
                    .chain(inner_bindings(&c.body))
                    .collect::<Vec<_>>();
                (&mut *c.body, binds)
            }
            Expr::Async(a) => {
                let lets = with_async_body(a, |body, binds| self.captures(body, binds, end));
                return self.finish(e, lets);
            }
            _ => return,
        };
        let lets = self.captures(body, &binds, end);
        self.finish(e, lets);
    }

    // Input:  `async { consume(c.aux).await }` (not `move`)
    // Output: `{ let mut __coro_cap0 = CapturedField(c.aux);
    //            async { let mut __coro_cap0 = CapturedField::take(__coro_cap0);
    //                    consume(__coro_cap0).await } }`
    /// The lets that move out the fields an `async` block that is not
    /// `move` uses by value (`consume(c.aux)`), of variables that may own
    /// their values, and the lets that take them inside, with `body` naming
    /// them instead: rustc captures such a field by value where the block
    /// is made (or, `Copy`, by a borrow that keeps it from changing while
    /// the block lives, so a copy made there is the same). The lowering
    /// cannot move it out of the frame inside the block (E0507). The
    /// wrapper, taken by value inside, makes the block own the field (a
    /// `Copy` one would be borrowed from the let, which the block outlives).
    fn moved_captures(
        &mut self,
        body: &mut Expr,
        binds: &[String],
    ) -> (Vec<syn::Stmt>, Vec<syn::Stmt>) {
        let mut moved = MovedPaths::default();
        moved.value(body);
        let mut paths = Paths::default();
        paths.visit_expr(body);
        let by_root = moved
            .by_root
            .into_iter()
            .filter(|(root, _)| {
                self.lookup(root).is_some_and(|b| b.owned)
                    && !paths.whole.contains(root)
                    && !binds.contains(root)
            })
            .collect();
        let (mut lets, mut takes) = (Vec::new(), Vec::new());
        for (cap, place) in self.rename_captured(body, by_root) {
            let span = cap.span();
            lets.push(syn::parse_quote_spanned! {span=>
                let #cap = ::coro::__private::CapturedField(#place);
            });
            takes.push(syn::parse_quote_spanned! {span=>
                #[allow(unused_mut)]
                let mut #cap = ::coro::__private::CapturedField::take(#cap);
            });
        }
        (lets, takes)
    }

    /// Puts the lets before the closure `e`.
    fn put_before(&mut self, e: &mut Expr, lets: Vec<syn::Stmt>) {
        if lets.is_empty() {
            return;
        }
        let span = Span::call_site();
        let inner = e.clone();
        *e = syn::parse2(quote_spanned!(span=> { #(#lets)* #inner })).expect("a block");
    }

    /// Visits inside the closure, then puts the lets before it.
    fn finish(&mut self, e: &mut Expr, lets: Vec<syn::Stmt>) {
        match e {
            Expr::Closure(c) => self.scoped(|r| {
                c.inputs.iter().for_each(|p| r.bind(p, false));
                let loop_depth = r.loop_depth;
                // A closure's body runs anew at each call: not a loop of the
                // variables outside it, but made again, it is one.
                r.loop_depth = 0;
                r.scopes.push(HashMap::new());
                r.visit_expr_mut(&mut c.body);
                r.scopes.pop();
                r.loop_depth = loop_depth;
            }),
            Expr::Async(a) => self.scoped(|r| r.visit_block_mut(&mut a.block)),
            _ => {}
        }
        self.put_before(e, lets);
    }
}

impl VisitMut for Rewrite {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            Expr::Closure(c) if c.capture.is_some() => self.closure_like(e),
            Expr::Async(a) if a.capture.is_some() => self.closure_like(e),
            Expr::Closure(c) => self.scoped(|r| {
                c.inputs.iter().for_each(|p| r.bind(p, false));
                r.visit_expr_mut(&mut c.body);
            }),
            Expr::Async(a) => {
                let (lets, takes) =
                    with_async_body(a, |body, binds| self.moved_captures(body, binds));
                self.scoped(|r| r.visit_block_mut(&mut a.block));
                a.block.stmts.splice(0..0, takes);
                self.put_before(e, lets);
            }
            Expr::ForLoop(f) => {
                self.visit_expr_mut(&mut f.expr);
                self.looped(|r| {
                    r.bind(&f.pat, false);
                    r.visit_block_mut(&mut f.body);
                });
            }
            Expr::While(w) => {
                self.looped(|r| {
                    r.visit_expr_mut(&mut w.cond);
                    r.visit_block_mut(&mut w.body);
                });
            }
            Expr::Loop(l) => self.looped(|r| r.visit_block_mut(&mut l.body)),
            Expr::Let(l) => {
                self.visit_expr_mut(&mut l.expr);
                // Bound by a pattern: a part of the scrutinee, or a
                // reference to one (default binding modes).
                self.bind(&l.pat, false);
            }
            _ => visit_mut::visit_expr_mut(self, e),
        }
    }

    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        self.scoped(|r| visit_mut::visit_block_mut(r, b));
    }

    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        self.scoped(|r| {
            r.bind(&arm.pat, false);
            visit_mut::visit_arm_mut(r, arm);
        });
    }

    fn visit_local_mut(&mut self, l: &mut syn::Local) {
        if let Some(init) = &mut l.init {
            self.visit_expr_mut(&mut init.expr);
            if let Some((_, diverge)) = &mut init.diverge {
                self.visit_expr_mut(diverge);
            }
        }
        let owned = owned_binding(l);
        self.bind(&l.pat, owned);
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// `f` given an `async` block's body, as a block expression, and the names
/// it binds; the body as `f` left it put back.
fn with_async_body<R>(a: &mut syn::ExprAsync, f: impl FnOnce(&mut Expr, &[String]) -> R) -> R {
    let binds: Vec<String> = a.block.stmts.iter().flat_map(inner_bindings_stmt).collect();
    let mut block = Expr::Block(syn::ExprBlock {
        attrs: Vec::new(),
        label: None,
        block: a.block.clone(),
    });
    let out = f(&mut block, &binds);
    if let Expr::Block(b) = block {
        a.block = b.block;
    }
    out
}

/// Whether a `let` binds a variable that may own its value: one name,
/// neither typed nor initialised as a reference.
fn owned_binding(l: &syn::Local) -> bool {
    let (pat, ty) = match &l.pat {
        Pat::Type(t) => (&*t.pat, Some(&*t.ty)),
        pat => (pat, None),
    };
    let simple = matches!(pat, Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none());
    let reference_type = matches!(ty, Some(syn::Type::Reference(_)));
    let reference_init = l
        .init
        .as_ref()
        .is_some_and(|i| matches!(crate::syntax::unparenthesised(&i.expr), Expr::Reference(_)));
    simple && !reference_type && !reference_init
}

/// The names a closure's body binds (its `let`s and patterns): a root of
/// that name may be the closure's own.
fn inner_bindings(e: &Expr) -> Vec<String> {
    let mut names = Names::default();
    names.visit_expr(e);
    names.0
}

fn inner_bindings_stmt(s: &syn::Stmt) -> Vec<String> {
    let mut names = Names::default();
    names.visit_stmt(s);
    names.0
}

#[derive(Default)]
struct Names(Vec<String>);

impl<'ast> Visit<'ast> for Names {
    fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
        self.0.push(p.ident.to_string());
        visit::visit_pat_ident(self, p);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Field paths named (`a.b` of `p.a.b`), each where its root is written.
type Found = Vec<(Vec<Member>, Span)>;

/// The field paths a closure names, by root variable, in order, and the
/// roots it names otherwise (whole, or inside a macro).
#[derive(Default)]
struct Paths {
    by_root: Vec<(String, Found)>,
    whole: Vec<String>,
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_expr(&mut self, e: &'ast Expr) {
        match e {
            Expr::Field(f) => match field_path(f) {
                Some((root, path)) => record_path(&mut self.by_root, root, path),
                None => visit::visit_expr(self, e),
            },
            Expr::Path(p) => {
                if let Some(i) = p.path.get_ident() {
                    self.whole.push(i.to_string());
                }
            }
            _ => visit::visit_expr(self, e),
        }
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        let mut order = Order::default();
        order.tokens(m.tokens.clone());
        self.whole.extend(order.last_use.into_keys());
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// The field paths a closure uses by value (moves, or copies): a call's
/// argument, an operand, an initialiser, a returned or awaited value; not
/// a method's receiver, a borrow's operand, a place assigned or matched,
/// nor anything inside a closure within, or a macro.
#[derive(Default)]
struct MovedPaths {
    by_root: Vec<(String, Found)>,
}

impl MovedPaths {
    /// `e` used by value.
    fn value(&mut self, e: &Expr) {
        match e {
            Expr::Field(f) => match field_path(f) {
                Some((root, path)) => record_path(&mut self.by_root, root, path),
                None => self.place(&f.base),
            },
            Expr::Paren(p) => self.value(&p.expr),
            Expr::Call(c) => {
                self.place(&c.func);
                c.args.iter().for_each(|a| self.value(a));
            }
            Expr::MethodCall(m) => {
                self.place(&m.receiver);
                m.args.iter().for_each(|a| self.value(a));
            }
            Expr::Await(a) => self.value(&a.base),
            Expr::Binary(b) => {
                self.value(&b.left);
                self.value(&b.right);
            }
            Expr::Cast(c) => self.value(&c.expr),
            Expr::Tuple(t) => t.elems.iter().for_each(|x| self.value(x)),
            Expr::Array(a) => a.elems.iter().for_each(|x| self.value(x)),
            Expr::Struct(st) => st.fields.iter().for_each(|f| self.value(&f.expr)),
            Expr::Return(r) => r.expr.iter().for_each(|x| self.value(x)),
            Expr::Break(b) => b.expr.iter().for_each(|x| self.value(x)),
            Expr::Assign(a) => {
                self.place(&a.left);
                self.value(&a.right);
            }
            Expr::Block(b) => self.block(&b.block),
            Expr::Unsafe(u) => self.block(&u.block),
            Expr::If(i) => {
                self.place(&i.cond);
                self.block(&i.then_branch);
                i.else_branch.iter().for_each(|(_, x)| self.value(x));
            }
            Expr::Match(m) => {
                self.place(&m.expr);
                m.arms.iter().for_each(|a| self.value(&a.body));
            }
            _ => self.place(e),
        }
    }

    /// `e` used in place (or not known to be moved): only what it holds
    /// by value counts.
    fn place(&mut self, e: &Expr) {
        match e {
            Expr::Field(f) if field_path(f).is_some() => {}
            Expr::Field(f) => self.place(&f.base),
            Expr::Paren(p) => self.place(&p.expr),
            Expr::Reference(r) => self.place(&r.expr),
            Expr::Unary(u) => self.place(&u.expr),
            Expr::Index(i) => {
                self.place(&i.expr);
                self.value(&i.index);
            }
            Expr::Call(_)
            | Expr::MethodCall(_)
            | Expr::Await(_)
            | Expr::Binary(_)
            | Expr::Block(_)
            | Expr::If(_)
            | Expr::Match(_)
            | Expr::Tuple(_)
            | Expr::Struct(_) => self.value(e),
            // Closures, macros, loops and the rest: not followed.
            _ => {}
        }
    }

    fn block(&mut self, b: &syn::Block) {
        for stmt in &b.stmts {
            match stmt {
                syn::Stmt::Local(l) => {
                    if let Some(init) = &l.init {
                        self.value(&init.expr);
                    }
                }
                syn::Stmt::Expr(e, _) => self.value(e),
                syn::Stmt::Item(_) | syn::Stmt::Macro(_) => {}
            }
        }
    }
}

/// Adds `path` under its `root` (first mention first), where the root is
/// written.
fn record_path(by_root: &mut Vec<(String, Found)>, root: &syn::Ident, path: Vec<Member>) {
    let span = root.span();
    let root = root.to_string();
    match by_root.iter_mut().find(|(r, _)| *r == root) {
        Some((_, paths)) => paths.push((path, span)),
        None => by_root.push((root, vec![(path, span)])),
    }
}

/// `v.a.b`: the variable `v` and the members `a`, `b`.
fn field_path(f: &syn::ExprField) -> Option<(&syn::Ident, Vec<Member>)> {
    let (base, members) = crate::syntax::field_chain(&f.base);
    let Expr::Path(p) = base else { return None };
    let root = p.qself.is_none().then(|| p.path.get_ident())??;
    let path = members.into_iter().chain([&f.member]).cloned().collect();
    Some((root, path))
}

/// The paths to capture: each named path not inside another named one
/// (`p.a` and `p.a.b`: `p.a`), in order of first mention.
fn shortest(found: Found) -> Found {
    let mut out: Found = Vec::new();
    for (path, span) in found {
        if found_prefix(&out, &path) {
            continue;
        }
        out.retain(|(p, _)| !p.starts_with(&path));
        out.push((path, span));
    }
    out
}

fn found_prefix(paths: &[(Vec<Member>, Span)], path: &[Member]) -> bool {
    paths.iter().any(|(p, _)| path.starts_with(p))
}

/// Replaces each captured path (or a path inside it) by its capture.
struct Rename<'r> {
    renames: &'r [(String, Vec<Member>, syn::Ident)],
}

impl VisitMut for Rename<'_> {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if let Expr::Field(f) = e {
            if let Some((root, path)) = field_path(f) {
                let root = root.to_string();
                let found = self
                    .renames
                    .iter()
                    .find(|(r, p, _)| *r == root && path.starts_with(p));
                if let Some((_, captured, cap)) = found {
                    let rest = &path[captured.len()..];
                    let span = cap.span();
                    *e = syn::parse2(quote_spanned!(span=> #cap #(.#rest)*)).expect("a path");
                }
                return;
            }
        }
        visit_mut::visit_expr_mut(self, e);
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}
