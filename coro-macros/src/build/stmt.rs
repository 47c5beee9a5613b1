//! Statements: `let`, expression statements, items, statement macros.
//!
//! Input:  `let line = read_line(&mut r).await?;`
//! Output: `let line;` then, in a scope of its own for the statement's
//!         temporaries (dropped at its `;`, as rustc drops them):
//!         `{ <awaitee = read_line(&mut r)>; <suspend>; line = <output>?; }`
//! A `let` whose initialiser suspends declares its binding before the
//! statement's scope and assigns it inside, so the binding outlives the
//! temporaries. A destructuring `let` goes through a temporary.

use super::code::{Ctx, has_await, local_init_ctx, strip_type};
use super::native::{Keeps, Position};
use super::pattern::bindings;
use super::{Builder, never_completes};
use crate::ir::*;
use syn::spanned::Spanned;
use syn::{Expr, Pat, parse_quote_spanned};

impl Builder {
    /// Lowers statements at the current position. Returns the tail
    /// expression (deferred) if the last statement is one and control
    /// reaches it; `Some(None)` if there is none; `None` if control left.
    pub fn stmts(&mut self, stmts: &[syn::Stmt]) -> Option<Option<Expr>> {
        // (Taken before the statements: only the tail is expected to have
        // it, not the value of a block inside another statement.)
        let expected = self.tail_type.take();
        self.temporary_scope(|b| b.stmts_inner(stmts, expected))
    }

    /// Runs `f` as a temporary scope of its own (a statement, a `match`
    /// arm's expression, an `if` or `while` condition): the temporaries of
    /// its statement's lifetime made inside drop as if declared where it
    /// began (see `Var::anchor`).
    pub fn temporary_scope<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let outer = self.statement_start;
        self.statement_start = self.body.vars.len();
        let out = f(self);
        self.statement_start = outer;
        out
    }

    fn stmts_inner(
        &mut self,
        stmts: &[syn::Stmt],
        expected: Option<syn::Type>,
    ) -> Option<Option<Expr>> {
        for (i, stmt) in stmts.iter().enumerate() {
            if !self.reachable() {
                // Unreachable code is checked by rustc on the shadow copy.
                return None;
            }
            self.statement_start = self.body.vars.len();
            let last = i + 1 == stmts.len();
            // (`tokio::pin!(s)` is seen into: see `pinning_statement`.)
            let pins = matches!(stmt, syn::Stmt::Macro(m) if pinning_statement(&m.mac).is_some());
            if !pins && let Some(rest) = self.native_rest_after_macro(&stmts[i..]) {
                return self.expr(&rest, Ctx::Value).map(Some);
            }
            match stmt {
                syn::Stmt::Local(local) => self.local(local),
                syn::Stmt::Item(item) => self.emit(Stmt::Item(Box::new(item.clone()))),
                syn::Stmt::Expr(e, None) if last && !is_block_like_unit(e) => {
                    return self.tail(e, expected);
                }
                syn::Stmt::Expr(e, _) => {
                    let e = self
                        .native_statement(e, Position::Statement)
                        .unwrap_or_else(|| e.clone());
                    self.expr_stmt(&e);
                }
                syn::Stmt::Macro(m) if pinning_statement(&m.mac).is_some() => {
                    for local in pinning_statement(&m.mac).unwrap_or_default() {
                        self.local(&local);
                    }
                }
                syn::Stmt::Macro(m) => {
                    let e = Expr::Macro(syn::ExprMacro {
                        attrs: m.attrs.clone(),
                        mac: m.mac.clone(),
                    });
                    let value_used = last && m.semi_token.is_none();
                    let position = if value_used {
                        Position::Tail
                    } else {
                        Position::Statement
                    };
                    let e = self.native_statement(&e, position).unwrap_or(e);
                    if value_used {
                        return self.expr(&e, Ctx::Value).map(Some);
                    }
                    self.expr_stmt(&e);
                }
            }
        }
        self.reachable().then_some(None)
    }

    /// The tail `e` of a list of statements, whose value rustc expects to
    /// be of type `expected`: run as a native block, it is typed so inside
    /// it; an `if`, a `match` or a block passes the type on to its branches.
    fn tail(&mut self, e: &Expr, expected: Option<syn::Type>) -> Option<Option<Expr>> {
        // A tail that leaves (`return d.consume(7)`, `break`): the end of
        // the list is not reached, as after the same statement with its
        // `;` (what follows the construct does not follow a move in it).
        if diverges(e) {
            // (Native, as that statement would be, if a temporary of it
            // lives across one of its awaits.)
            let e = self
                .native_statement(e, Position::Statement)
                .unwrap_or_else(|| e.clone());
            self.expr_stmt(&e);
            return self.reachable().then_some(None);
        }
        if let Some(native) = self.native_statement_typed(e, Position::Tail, expected.as_ref()) {
            return self.expr(&native, Ctx::Value).map(Some);
        }
        self.expect_in_branches(e, expected);
        let value = self.expr(e, Ctx::Value).map(Some);
        self.tail_type = None;
        value
    }

    /// Makes `expected` the type of the next statements' tail (see
    /// `tail_type`) if `e` is a construct whose branches' values are its
    /// own: they coerce to the type that rustc expects of it.
    pub(super) fn expect_in_branches(&mut self, e: &Expr, expected: Option<syn::Type>) {
        if matches!(
            e,
            Expr::If(_) | Expr::Match(_) | Expr::Block(_) | Expr::Unsafe(_) | Expr::Loop(_)
        ) {
            self.tail_type = expected;
        }
    }

    /// An expression statement (its value, if any, is dropped at its `;`).
    pub fn expr_stmt(&mut self, e: &Expr) {
        if !has_await(e) {
            let code = self.code_statement(e);
            self.emit(Stmt::Code(code));
            // (Also a panic, `panic!("poisoned");` ending a body that
            // returns a value: rustc's block diverges there, and nothing
            // after it returns `()`.)
            if diverges(e) || matches!(e, Expr::Macro(_) | Expr::Call(_)) && never_completes(e) {
                self.pos = None;
            }
            return;
        }
        // A construct whose branches suspend is placed by its lowering, which
        // returns `()`; one where only an operand suspends comes back whole,
        // as the residual to place here.
        match e {
            Expr::If(i) => self.statement(|b| b.if_expr(i, false)),
            Expr::Match(m) => self.statement(|b| b.match_expr(m, false)),
            Expr::Block(b) => self.statement(|s| s.block_expr(b, false)),
            Expr::Unsafe(u) => self.statement(|b| b.plain_block_value(&u.block, false)),
            Expr::Loop(l) => self.statement(|b| b.loop_expr(l, false)),
            Expr::While(w) => self.while_expr(w),
            Expr::ForLoop(f) => self.for_expr(f),
            _ => self.statement(|b| b.expr(e, Ctx::Value)),
        }
    }

    /// Lowers a statement in a scope of its own (its temporaries drop at
    /// its end) and places its residual, if any, as code.
    fn statement(&mut self, f: impl FnOnce(&mut Self) -> Option<Expr>) {
        self.open_scope();
        if let Some(residual) = f(self) {
            if !is_unit(&residual) {
                let code = self.code(&residual, Ctx::Value);
                self.emit(Stmt::Code(code));
            }
        }
        self.close_scope();
    }

    fn local(&mut self, local: &syn::Local) {
        // `let x = if c { &a() } else { &b() };`: the temporaries borrowed
        // in the tails get homes declared first (see `hoist_tail_borrows`).
        if let Some(init) = &local.init {
            let mut value = (*init.expr).clone();
            let homes = hoist_tail_borrows(&mut value, self.body.vars.len());
            if !homes.is_empty() {
                for (home, mutable) in homes {
                    let mutability = mutable.then(<syn::Token![mut]>::default);
                    let declare: syn::Stmt =
                        parse_quote_spanned!(home.span()=> let #mutability #home;);
                    if let syn::Stmt::Local(declare) = declare {
                        self.local_inner(&declare);
                    }
                }
                let mut local = local.clone();
                if let Some(init) = &mut local.init {
                    *init.expr = value;
                }
                return self.local(&local);
            }
        }
        let pat = &local.pat;
        if let (Pat::Wild(_), Some(init)) = (pat, &local.init) {
            if init.diverge.is_none() && !super::control::is_place(&init.expr) {
                // `let _ = value;` drops the value at the `;`, as `value;`
                // does, but says it is discarded on purpose (`#[must_use]`).
                let value = &init.expr;
                let span = value.span();
                let e: Expr = parse_quote_spanned!(span=> ::coro::__private::discard(#value));
                // As a statement: native if a temporary spans an await.
                let e = self.native_statement(&e, Position::Statement).unwrap_or(e);
                return self.expr_stmt(&e);
            }
        }
        let expected = match pat {
            Pat::Type(t) => Some(&*t.ty),
            _ => None,
        };
        // (A pattern that leaves a part drops it before the temporaries
        // the lowering would keep: see `native_initialiser`.)
        let keeps = match matched_in_its_initialiser(local) {
            true => Keeps::default(),
            false => Keeps::ALL,
        };
        let native = local
            .init
            .as_ref()
            .and_then(|init| self.native_initialiser(&init.expr, expected, keeps));
        match native {
            Some(native) => {
                let lowered = match self.matched_in_native_block(local) {
                    Some(lowered) => lowered,
                    None => {
                        let mut lowered = local.clone();
                        if let Some(init) = &mut lowered.init {
                            *init.expr = native;
                        }
                        lowered
                    }
                };
                self.local_inner(&lowered);
            }
            None => self.local_inner(local),
        }
        // `let x = &y;`, `let x: &T = ..`, `let s = v.as_slice();`: a
        // reference.
        let init = local
            .init
            .as_ref()
            .map(|i| crate::syntax::unparenthesised(&i.expr));
        // (And `let cur = root;` of a reference: a tree walk's cursor.)
        let copies_reference = |e: &Expr| self.names_reference(e);
        let reference = simple_binding(pat).filter(|(_, _, ty)| {
            matches!(ty, Some(syn::Type::Reference(_)))
                || matches!(init, Some(Expr::Reference(_)))
                || init.is_some_and(copies_reference)
                || init.is_some_and(super::control::returns_a_reference)
        });
        if let Some(var) = reference.and_then(|(ident, ..)| self.lookup(&ident.to_string())) {
            self.body.vars[var].borrow = true;
        }
        // `let Machine { state } = m;` with `m: &mut Machine`: the bindings
        // hold references into it (default binding mode).
        let destructures_reference = simple_binding(pat).is_none()
            && init.is_some_and(|e| {
                matches!(e, Expr::Reference(_))
                    || self.names_reference(e)
                    || super::control::returns_a_reference(e)
            });
        if destructures_reference {
            for name in super::control::bindings_through_references(pat, &RefParts::None) {
                if let Some(var) = self.lookup(&name.to_string()) {
                    self.body.vars[var].borrow = true;
                }
            }
        }
        // `let found = v.iter().find(..);`: an `Option` of a reference (or a
        // tuple of references), whose patterns bind through them.
        if let (Some((ident, ..)), Some(init)) = (simple_binding(pat), init) {
            let refs = self.ref_parts(init);
            if let (false, Some(var)) = (refs == RefParts::None, self.lookup(&ident.to_string())) {
                self.body.vars[var].ref_parts = refs;
            }
        }
        // `let mut it = v.into_iter();`: `for x in &mut it` yields owned
        // items.
        if let (Some((ident, ..)), Some(init)) = (simple_binding(pat), init) {
            if owning_iterator(init) {
                if let Some(var) = self.lookup(&ident.to_string()) {
                    self.owning_iters.push(var);
                }
            }
        }
        // `let x = S { .. }`, however the initialiser was lowered.
        if let (Pat::Ident(p), Some(init)) = (pat, &local.init) {
            if let Expr::Struct(s) = &*init.expr {
                if let Some(var) = self.lookup(&p.ident.to_string()) {
                    if s.qself.is_none() {
                        self.body.vars[var].struct_path = Some(s.path.clone());
                        self.body.vars[var].struct_fields = crate::partial::literal_fields(s);
                    }
                }
            }
        }
    }

    /// A `let` initialiser as a native block awaited in place (see
    /// `native_statement`), if it needs one. The operand of a leading `&`
    /// is evaluated in the block and borrowed outside it: rustc extends that
    /// temporary to the end of the enclosing block, which a value borrowed
    /// inside the block could not outlive. The operand's own temporaries
    /// still drop where rustc drops them: nothing is evaluated between the
    /// operand's end and the statement's.
    ///
    /// Input:  `let r = &D::with(v.iter().sum(), f().await);`
    /// Output: `let r = &(async move { Flow::Value(D::with(..)) }.await ..);`
    ///
    /// A borrow extended from deeper inside (`let (r, n) = (&E, f().await);`)
    /// could not leave the block either: such an initialiser is lowered as
    /// usual (the lowering gives extended temporaries their homes).
    ///
    /// The lowering keeps the temporaries `keeps` says itself (see
    /// `native::Keeps`); a `let` whose pattern leaves a part (see
    /// `matched_in_its_initialiser`) drops that part before them, so keeps
    /// none.
    fn native_initialiser(
        &self,
        init: &Expr,
        expected: Option<&syn::Type>,
        keeps: Keeps,
    ) -> Option<Expr> {
        match init {
            Expr::Paren(p) => self.native_initialiser(&p.expr, expected, keeps),
            Expr::Reference(r) if !super::control::is_place(&r.expr) => {
                let keeps = Keeps {
                    format_arguments: false,
                    ..keeps
                };
                let operand = self.native_initialiser(&r.expr, None, keeps)?;
                let mut r = r.clone();
                *r.expr = parse_quote_spanned!(operand.span()=> (#operand));
                Some(Expr::Reference(r))
            }
            // (Asked second: a native block is rare, and `mark_extended`
            // needs a copy of the initialiser to mark.)
            _ => self
                .native_statement_keeping(init, Position::Operand, expected, keeps)
                .filter(|_| !mark_extended(&mut init.clone())),
        }
    }

    /// A `let` whose initialiser runs as a native block (see
    /// `native_initialiser`) and whose value is not all bound, or is
    /// matched by a `let .. else`: matched inside that block, where
    /// rustc drops what the pattern leaves (or the whole value, not
    /// matched) before the initialiser's temporaries, at the end of the
    /// `let` (and before a failing `else` runs). Not with a binding by
    /// `ref`, which extends the whole value.
    ///
    /// Input:  `let (Ok(n), _) = make(&D::new("t")).await else { .. };`
    /// Output: `let Some((n,)) = async move { Flow::Value(match make(&D::new("t")).await
    ///              { (Ok(n), _) => Some((n,)), _ => None }) }.await .. else { .. };`
    fn matched_in_native_block(&self, local: &syn::Local) -> Option<syn::Local> {
        let init = local.init.as_ref()?;
        let pat = &local.pat;
        if !matched_in_its_initialiser(local) {
            return None;
        }
        let refutable = init.diverge.is_some();
        let matched = bindings_of_match(pat, (*init.expr).clone(), refutable);
        let native =
            self.native_statement_keeping(&matched, Position::Operand, None, Keeps::default())?;
        let mut lowered = local.clone();
        lowered.pat = bindings_tuple(strip_type(pat), refutable);
        if let Some(init) = &mut lowered.init {
            *init.expr = native;
        }
        Some(lowered)
    }

    fn local_inner(&mut self, local: &syn::Local) {
        let pat = &local.pat;
        let Some(init) = &local.init else {
            // (`let N;` binds `N`, as `simple_binding` says.)
            let declared = match strip_type(pat) {
                Pat::Ident(p) if p.subpat.is_none() => vec![p],
                _ => bindings(pat),
            };
            for binding in declared {
                let ty = match pat {
                    Pat::Type(t) => Some((*t.ty).clone()),
                    _ => None,
                };
                let var = self.declare(
                    binding.ident.clone(),
                    VarKind::Local,
                    binding.mutability.is_some(),
                    ty,
                );
                self.emit(Stmt::Declare { var });
                self.bind_name(var);
            }
            return;
        };
        if let (Some(value), None) = (pinned_value(&init.expr), &init.diverge) {
            // `let x = pin!(value);`: the value gets a home of its own (as the
            // macro's temporary does, extended to the block), `x` a `Pin` to it.
            let span = init.expr.span();
            let Some(value) = self.expr(&value, Ctx::Value) else {
                return;
            };
            let home = self.keep(value, "pinned value", span);
            let mut local = local.clone();
            if let Some(init) = &mut local.init {
                *init.expr = crate::syntax::expanded_unsafe(
                    span,
                    quote::quote_spanned!(span=> ::core::pin::Pin::new_unchecked(&mut #home)),
                );
            }
            self.local(&local);
            return;
        }
        // `let T1(n, r) = *b;` binding every part: the contents of a `Box`
        // are moved out of it (as `*b` read as a value, see
        // `Access::DerefMove`), where a place would be E0507.
        let ctx = if init.diverge.is_none() && binds_all_of_deref(&init.expr, pat) {
            Ctx::Value
        } else {
            local_init_ctx(pat)
        };
        let simple = simple_binding(pat).filter(|_| init.diverge.is_none());
        let else_suspends = init.diverge.as_ref().is_some_and(|(_, e)| has_await(e));
        // `let r = &make();`: the temporaries borrowed in extending positions
        // live as long as `r`, to the end of the block.
        let mut init_expr = (*init.expr).clone();
        let extends = mark_extended(&mut init_expr);
        // `let (ref x, y) = make();`: a binding by `ref` extends the
        // initialiser's temporary to the end of the block, as `&make()`
        // does: it is held in a var of the lowering's, bound after.
        let ref_to_temporary =
            super::pattern::pattern_has_ref(pat) && !super::control::is_place(&init_expr);
        // A place (`let [a, b, ..] = v[..] else { .. }`) makes no temporary
        // that an `else` which suspends would have to keep (nor can it be
        // moved into a var of the lowering's: it may be unsized).
        let else_needs_no_var = !else_suspends || is_plain_place(&init_expr);
        if !has_await(&init_expr) && else_needs_no_var && !extends && !ref_to_temporary {
            let value = self.code(&init_expr, ctx);
            // `let f = move |n| tag.len() + n;`: a closure that only
            // borrows what it names is called in place (see
            // `Body::closures_called_in_place`).
            let borrows_only =
                matches!(crate::syntax::unparenthesised(&init_expr), Expr::Closure(_))
                    && self.last_closure_borrows_only;
            let name = simple.as_ref().map(|(ident, ..)| ident.to_string());
            let else_branch = init.diverge.as_ref().map(|(_, e)| &**e);
            self.bind_value(pat, simple, value, else_branch, &[]);
            if let (true, Some(var)) = (borrows_only, name.and_then(|n| self.lookup(&n))) {
                self.body.closures_called_in_place.insert(var);
            }
            return;
        }
        // The initialiser runs in a scope of its own (its temporaries drop at
        // the `;`); the binding is declared around it once the value exists,
        // so it does not count as live across the initialiser's suspensions.
        // So are the homes of the temporaries it extends, just before it.
        // A binding that shadows a name in scope would hide it from its own
        // initialiser (`let a = &D::with(a);`): the value is held under a
        // name of the lowering's, and bound after.
        let shadows = simple
            .as_ref()
            .is_some_and(|(ident, ..)| self.lookup(&ident.to_string()).is_some());
        let (held, then_bind) = if shadows {
            (None, simple.clone())
        } else {
            (simple.clone(), None)
        };
        // `let &x = get().await.first().unwrap();`, `let [a, b] =
        // get().await[..] else { .. };`: a pattern that reads through a
        // reference into the initialiser's temporary, or matches a slice of
        // it, is matched before that temporary drops, at the end of the
        // `let` (and before a failing `else`): the value held is the
        // bindings, `Some` of them for a `let .. else`.
        //
        // So is any other `let .. else` (without a binding by `ref`, which
        // extends the whole value): rustc drops what the pattern leaves
        // unbound (`let (Ok(n), _) = pair().await else { .. };`, `let
        // (true, r, _) = (ok, &a(), b()) else { .. };`) at the end of the
        // `let`, and the whole value when the pattern fails, before the
        // initialiser's temporaries (then, failing, those that `&`
        // extends, before the `else`). A pattern with a type matches the
        // value coerced to it.
        let has_ref = super::pattern::pattern_has_ref(pat);
        let matched_in_scope = held.is_none()
            && !has_ref
            && (init.diverge.is_some()
                || (!extends && !matches!(pat, Pat::Type(_)) && reads_through_or_slices(pat)));
        let (name, mutable, ty, kind) = match &held {
            Some((ident, mutable, ty)) => (ident.clone(), *mutable, ty.clone(), VarKind::Local),
            None => {
                // Not `__coro_tmp{n}`: the initialiser declares temporaries
                // before this var is declared.
                let n = self.body.vars.len();
                let name = syn::Ident::new(&format!("__coro_let{n}"), init.expr.span());
                // (The pattern's type, `let (a, n): (&str, usize) = ..`,
                // coerces the value where it is written.)
                let ty = match pat {
                    Pat::Type(t) if simple.is_none() && !matched_in_scope => Some((*t.ty).clone()),
                    _ => None,
                };
                (
                    name,
                    false,
                    ty,
                    VarKind::Temp {
                        what: "let value".into(),
                    },
                )
            }
        };
        let value_ctx = if held.is_some() { ctx } else { Ctx::Value };
        let vars_before = self.body.vars.len();
        self.open_scope();
        let outer_extend = self.extend.take();
        if extends {
            self.extend = Some(self.depth() - 1);
        }
        let expected = match pat {
            Pat::Type(t) => Some((*t.ty).clone()),
            _ => None,
        };
        self.expect_in_branches(&init_expr, expected);
        let value = self.expr(&init_expr, value_ctx);
        self.tail_type = None;
        let value = match value {
            Some(value) if extends => self.hoist_borrowed_temporaries(&value),
            other => other,
        };
        self.extend = outer_extend;
        let Some(value) = value else {
            self.close_scope();
            return;
        };
        if let Some(ty) = &ty {
            self.expect_construct_type(&init_expr, &value, ty);
        }
        if let (true, Pat::Type(typed)) = (matched_in_scope, pat) {
            self.expect_construct_type(&init_expr, &value, &typed.ty);
        }
        let value = if matched_in_scope {
            bindings_of_match(pat, value, init.diverge.is_some())
        } else {
            value
        };
        let value = self.code(&value, value_ctx);
        let var = self.declare_outside_statement(name, kind, mutable, ty);
        self.emit(Stmt::Init { var, value });
        self.close_scope();
        self.bind_name(var);
        if matched_in_scope && self.reachable() {
            let path = self.var_path(var);
            let value = self.code(&path, Ctx::Value);
            let tuple = bindings_tuple(pat, init.diverge.is_some());
            let else_branch = init.diverge.as_ref().map(|(_, e)| &**e);
            // (The value, not matched, dropped at the end of the `let`;
            // the temporaries that `&` extends drop before the `else`.)
            let else_drops = self.extended_since(vars_before);
            self.bind_value(&tuple, None, value, else_branch, &else_drops);
            return;
        }
        if held.is_none() && self.reachable() {
            let path = self.var_path(var);
            // `let (_, z) = (a().await, b().await);`: what no binding takes
            // is part of the initialiser's temporary, which drops at the end
            // of the `let` (the held value lives in the frame, to the end of
            // the block): bound inside a block that ends there.
            //
            // Input:  `let (_, z) = __coro_let3;`
            // Output: `let (z,) = { let (_, z) = { __coro_let3 }; (z,) };`
            if init.diverge.is_none()
                && crate::partial::has_unbound_part(pat)
                && !super::pattern::pattern_has_ref(pat)
            {
                let idents = bindings(pat).into_iter().map(|b| &b.ident);
                let span = pat.span();
                let inner = crate::partial::by_value(pat);
                // (`{ value }`: moved whole into the block's temporary; a
                // place matched as it is would keep the unbound part.)
                let block: Expr =
                    parse_quote_spanned!(span=> { let #inner = { #path }; (#(#idents,)*) });
                let value = self.code(&block, Ctx::Value);
                self.bind_value(&bindings_tuple(pat, false), None, value, None, &[]);
                return;
            }
            let value = self.code(&path, ctx);
            // `let Some(ref s) = make() else { .. };`: the pattern failed,
            // so nothing was moved out of the held value, and rustc drops
            // the initialiser's temporary before the `else` runs (it is
            // extended to the end of the block only when the pattern
            // matches); then the temporaries that `&` extends (`let (true,
            // r) = (ok, &make()) else { .. };`), youngest first.
            let extended = self.extended_since(vars_before);
            let else_drops: Vec<VarId> = std::iter::once(var).chain(extended).collect();
            let else_branch = init.diverge.as_ref().map(|(_, e)| &**e);
            self.bind_value(pat, then_bind, value, else_branch, &else_drops);
        }
    }

    /// The homes of the temporaries a `let` extends declared since
    /// `vars_before` and still in scope, youngest first: not those a `let`
    /// inside a block of the initialiser extended to the end of that block
    /// (`let Some(a) = f({ let r = &D::new(); .. }) else { .. };`).
    fn extended_since(&self, vars_before: usize) -> Vec<VarId> {
        (vars_before..self.body.vars.len())
            .rev()
            .filter(|&v| {
                matches!(&self.body.vars[v].kind,
                    VarKind::Temp { what } if what == super::expr::EXTENDED_TEMPORARY)
                    && self.in_open_scope(v)
            })
            .collect()
    }

    /// Binds `value` to `pat` (or to the simple binding). A `let .. else`
    /// drops the vars `else_drops` (its value, and what that borrows)
    /// first thing in its `else`, in that order.
    fn bind_value(
        &mut self,
        pat: &Pat,
        simple: Option<(syn::Ident, bool, Option<syn::Type>)>,
        value: Code,
        else_branch: Option<&Expr>,
        else_drops: &[VarId],
    ) {
        if let Some((ident, mutable, ty)) = simple {
            let var = self.declare(ident, VarKind::Local, mutable, ty);
            self.emit(Stmt::Init { var, value });
            self.bind_name(var);
            return;
        }
        let else_list = else_branch.map(|e| {
            let list = self.body.new_list();
            let at = self.pos.clone();
            let _ = self.branch(&at, list, |b| {
                for &var in else_drops {
                    b.emit(Stmt::Drop(var));
                }
                b.expr_stmt(e);
            });
            self.pos = at;
            list
        });
        let pat_code = self.code_pat(pat);
        let binds: Vec<VarId> = bindings(pat)
            .into_iter()
            .map(|p| {
                self.declare(
                    p.ident.clone(),
                    VarKind::Local,
                    p.mutability.is_some(),
                    None,
                )
            })
            .collect();
        self.emit(Stmt::Bind {
            pat: pat_code,
            value,
            binds: binds.clone(),
            else_list,
        });
        for var in binds {
            self.bind_name(var);
        }
    }
}

/// Whether a pattern dereferences (`&x`, `Some(&v)`) or matches a slice
/// (`[a, b]`) somewhere.
fn reads_through_or_slices(pat: &Pat) -> bool {
    super::pattern::any_subpattern(pat, &|p| matches!(p, Pat::Reference(_) | Pat::Slice(_)))
}

/// Whether a `let` whose initialiser runs natively is matched inside that
/// block (see `Builder::matched_in_native_block`): its value is not all
/// bound, or a `let .. else` matches it; not with a binding by `ref`, which
/// extends the whole value, nor a borrow, which is extended.
fn matched_in_its_initialiser(local: &syn::Local) -> bool {
    let Some(init) = &local.init else {
        return false;
    };
    let pat = &local.pat;
    let refutable = init.diverge.is_some();
    let unbound = simple_binding(pat).is_none() && crate::partial::has_unbound_part(pat);
    (refutable || unbound)
        && !super::pattern::pattern_has_ref(pat)
        && !matches!(
            crate::syntax::unparenthesised(&init.expr),
            Expr::Reference(_)
        )
}

/// The bindings of `pat` as a tuple pattern, `Some` of it for a `let ..
/// else` (`refutable`), each with its `mut`.
fn bindings_tuple(pat: &Pat, refutable: bool) -> Pat {
    let span = pat.span();
    let elems = bindings(pat).into_iter().map(|b| {
        let (mutability, ident) = (&b.mutability, &b.ident);
        quote::quote!(#mutability #ident)
    });
    if refutable {
        parse_quote_spanned!(span=> ::core::option::Option::Some((#(#elems,)*)))
    } else {
        parse_quote_spanned!(span=> (#(#elems,)*))
    }
}

/// `value` matched against `pat` (without its `mut`s): the tuple of its
/// bindings, `Some` of it or `None` for a `let .. else` (`refutable`).
///
/// Input:  `let Some(&v) = <value> else { .. }`
/// Output: `match <value> { Some(&v) => Some((v,)), _ => None }`
///
/// A pattern with a type matches the value coerced to it.
///
/// Input:  `let (Ok(n), _): (Result<i64, E>, D) = <value> else { .. }`
/// Output: `match identity::<(Result<i64, E>, D)>(<value>) { (Ok(n), _) => Some((n,)), _ => None }`
fn bindings_of_match(pat: &Pat, value: Expr, refutable: bool) -> Expr {
    let span = pat.span();
    let (pat, value) = match pat {
        Pat::Type(typed) => {
            let ty = &typed.ty;
            let value = parse_quote_spanned!(span=> ::core::convert::identity::<#ty>(#value));
            (&*typed.pat, value)
        }
        _ => (pat, value),
    };
    let inner = crate::partial::by_value(pat);
    let idents = bindings(pat).into_iter().map(|b| b.ident.clone());
    if refutable {
        parse_quote_spanned! {span=>
            match #value {
                #inner => ::core::option::Option::Some((#(#idents,)*)),
                _ => ::core::option::Option::None,
            }
        }
    } else {
        parse_quote_spanned!(span=> match #value { #inner => (#(#idents,)*) })
    }
}

/// A place whose evaluation makes no temporary: a path, and fields,
/// indexes by a literal, a path or a range of those, and dereferences of
/// such places.
fn is_plain_place(e: &Expr) -> bool {
    fn plain_index(e: &Expr) -> bool {
        match e {
            Expr::Lit(_) | Expr::Path(_) => true,
            Expr::Range(r) => {
                r.start.as_deref().is_none_or(plain_index)
                    && r.end.as_deref().is_none_or(plain_index)
            }
            _ => false,
        }
    }
    match e {
        Expr::Path(_) => true,
        Expr::Field(f) => is_plain_place(&f.base),
        Expr::Index(i) => is_plain_place(&i.expr) && plain_index(&i.index),
        Expr::Paren(p) => is_plain_place(&p.expr),
        Expr::Unary(u) => matches!(u.op, syn::UnOp::Deref(_)) && is_plain_place(&u.expr),
        _ => false,
    }
}

/// Whether `init` dereferences a variable (`*b`) and `pat` moves every
/// part of what it matches (no `_`, `..` or `ref`): read as a value, the
/// dereference leaves nothing behind that rustc would keep to the end of
/// the variable's scope.
fn binds_all_of_deref(init: &Expr, pat: &Pat) -> bool {
    let deref_of_var = matches!(crate::syntax::unparenthesised(init),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) && matches!(&*u.expr, Expr::Path(p) if p.path.get_ident().is_some()));
    deref_of_var
        && super::pattern_moves(pat)
        && !crate::partial::has_unbound_part(pat)
        && !super::pattern::pattern_has_ref(pat)
}

/// A method chain that makes an iterator of owned items: one of
/// `into_iter()`, `drain(..)`, `into_values()`, `into_keys()` and adapters
/// after it, no `iter()` (`v.into_iter().enumerate()`, not
/// `v.iter().map(..)`, whose items may be references).
fn owning_iterator(e: &Expr) -> bool {
    let mut owning = false;
    let mut e = e;
    while let Expr::MethodCall(m) = e {
        match m.method.to_string().as_str() {
            "into_iter" | "drain" | "into_values" | "into_keys" => owning = true,
            "iter" | "iter_mut" | "chars" | "bytes" | "lines" | "split" | "keys" | "values" => {
                return false;
            }
            _ => {}
        }
        e = &m.receiver;
    }
    owning
}

/// `pin!(value)` (std's: an expression): its argument.
pub fn pinned_value(e: &Expr) -> Option<Expr> {
    let Expr::Macro(m) = e else { return None };
    if super::macros::name(&m.mac) != "pin" {
        return None;
    }
    syn::parse2(m.mac.tokens.clone()).ok()
}

/// `tokio::pin!(a, b)`, `futures::pin_mut!(a)`: each variable is moved into
/// a new one of its name, as the macros do (`let mut a = a;`: the value
/// drops where a local declared there would), then shadowed by a pinned
/// reference to it (the value can no longer be named, so it never moves
/// again). `tokio::pin! { let a = value; }` pins values.
fn pinning_statement(mac: &syn::Macro) -> Option<Vec<syn::Local>> {
    let name = super::macros::name(mac);
    if name != "pin" && name != "pin_mut" {
        return None;
    }
    use syn::parse::Parser;
    let idents = syn::punctuated::Punctuated::<syn::Ident, syn::Token![,]>::parse_terminated;
    if let Ok(idents) = idents.parse2(mac.tokens.clone()) {
        return Some(
            idents
                .into_iter()
                .flat_map(|x| {
                    let moved: syn::Stmt = parse_quote_spanned!(x.span()=> let mut #x = #x;);
                    let pin = crate::syntax::expanded_unsafe(
                        x.span(),
                        quote::quote_spanned!(x.span()=> ::core::pin::Pin::new_unchecked(&mut #x)),
                    );
                    let pinned: syn::Stmt = parse_quote_spanned!(x.span()=> let mut #x = #pin;);
                    [moved, pinned]
                })
                .filter_map(|stmt| match stmt {
                    syn::Stmt::Local(local) => Some(local),
                    _ => None,
                })
                .collect(),
        );
    }
    let stmts = syn::Block::parse_within.parse2(mac.tokens.clone()).ok()?;
    stmts
        .into_iter()
        .map(|s| match s {
            syn::Stmt::Local(mut local) => {
                let init = local.init.as_mut()?;
                let value = &init.expr;
                let span = value.span();
                *init.expr = parse_quote_spanned!(span=> ::core::pin::pin!(#value));
                Some(local)
            }
            _ => None,
        })
        .collect()
}

/// `x`, `mut x`, `x: T` (not `ref x`, not `x @ P`): one binding by value.
/// Whatever the case of its first letter (`let N = v.len();`): a lone
/// identifier that named a constant or a unit struct would make the `let`
/// refutable (E0005), but for a type of one value, which binds nothing
/// worth keeping.
fn simple_binding(pat: &Pat) -> Option<(syn::Ident, bool, Option<syn::Type>)> {
    let ty = match pat {
        Pat::Type(t) => Some((*t.ty).clone()),
        _ => None,
    };
    match strip_type(pat) {
        Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => {
            Some((p.ident.clone(), p.mutability.is_some(), ty))
        }
        _ => None,
    }
}

/// Marks the borrows of temporaries in extending positions of a `let`
/// initialiser (`&make()`, `(&a(), &b())`, `S { r: &make() }`): rustc keeps
/// those temporaries to the end of the block, like the binding. Returns
/// whether there is one. (A block's tail extends too, but a block is lowered
/// statement by statement: its tail is left to rustc where it stays native.)
fn mark_extended(e: &mut Expr) -> bool {
    match e {
        Expr::Reference(r) if !super::control::is_place(&r.expr) || projects_temporary(&r.expr) => {
            let span = r.and_token.span;
            r.attrs
                .push(syn::parse_quote_spanned!(span=> #[coro_extend]));
            true
        }
        Expr::Reference(r) => mark_extended(&mut r.expr),
        Expr::Paren(p) => mark_extended(&mut p.expr),
        Expr::Tuple(t) => t
            .elems
            .iter_mut()
            .fold(false, |any, e| mark_extended(e) | any),
        Expr::Array(a) => a
            .elems
            .iter_mut()
            .fold(false, |any, e| mark_extended(e) | any),
        Expr::Struct(s) => s
            .fields
            .iter_mut()
            .fold(false, |any, f| mark_extended(&mut f.expr) | any),
        Expr::Cast(c) => mark_extended(&mut c.expr),
        // std's `pin!(value)` borrows its value (`Pin { &mut { value } }`):
        // in an extending position (`let futs = [pin!(a), pin!(b)];`) the
        // value lives as long as the binding.
        Expr::Macro(m) if super::macros::name(&m.mac) == "pin" => {
            let span = m.mac.bang_token.span;
            m.attrs
                .push(syn::parse_quote_spanned!(span=> #[coro_extend]));
            true
        }
        // A tuple struct's or variant's constructor (`Some(&make())`).
        Expr::Call(c) if is_constructor(&c.func) => c
            .args
            .iter_mut()
            .fold(false, |any, e| mark_extended(e) | any),
        _ => false,
    }
}

/// `*make()`, `make()[i]`, `make().f`: a place inside a temporary, which a
/// borrow of the place extends as it does a borrow of the temporary.
fn projects_temporary(e: &Expr) -> bool {
    let base = match e {
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => &u.expr,
        Expr::Field(f) => &f.base,
        Expr::Index(i) => &i.expr,
        Expr::Paren(p) => return projects_temporary(&p.expr),
        _ => return false,
    };
    !super::control::is_place(base) || projects_temporary(base)
}

/// A path that names a tuple struct or an enum variant, as its case shows
/// (`Some`, `Ok`, `Wrapper`, `Event::Closed`).
fn is_constructor(func: &Expr) -> bool {
    matches!(func, Expr::Path(p) if p.qself.is_none()
        && p.path.segments.last().is_some_and(|s| s.ident.to_string().starts_with(|c: char| c.is_ascii_uppercase())))
}

/// The tails of blocks, `if`s and `match` arms in an extending position of
/// a `let` initialiser that borrow a temporary (`if c { &a() } else {
/// &b() }`): rustc extends those temporaries to the end of the enclosing
/// block, as it does `&a()` itself. The lowering cannot keep a temporary of
/// a branch, so each gets a home declared before the `let`, assigned where
/// the temporary was made (a home not assigned drops nothing, as the
/// branch not taken made nothing). Returns the homes' names (numbered from
/// `n`) and whether they are borrowed `mut`, in order.
///
/// Input:  `let x = if c { &a() } else { &b() };`
/// Output: `let __coro_ext0; let __coro_ext1;
///          let x = if c { __coro_ext0 = a(); &__coro_ext0 } else { __coro_ext1 = b(); &__coro_ext1 };`
fn hoist_tail_borrows(e: &mut Expr, n: usize) -> Vec<(syn::Ident, bool)> {
    let mut homes = Vec::new();
    tails(e, &mut |tail| hoist_borrow(tail, n, &mut homes));
    homes
}

/// Calls `f` on each tail of a block, `if` or `match` (nested) in `e`, not
/// on `e` itself, through the operands of tuples, arrays, struct literals,
/// casts and constructors, which extend as their whole does
/// (`(if c { &a() } else { &b() }, 1)`).
fn tails(e: &mut Expr, f: &mut dyn FnMut(&mut Expr)) {
    match e {
        Expr::Paren(p) => tails(&mut p.expr, f),
        Expr::Block(b) if b.label.is_none() => block_tail(&mut b.block, f),
        Expr::Unsafe(u) => block_tail(&mut u.block, f),
        Expr::If(i) => {
            if let Some((_, else_branch)) = &mut i.else_branch {
                block_tail(&mut i.then_branch, f);
                branch_tail(else_branch, f);
            }
        }
        Expr::Match(m) => m
            .arms
            .iter_mut()
            .for_each(|arm| branch_tail(&mut arm.body, f)),
        _ => extending_operands(e, &mut |operand| tails(operand, f)),
    }
}

/// Calls `f` on each operand of `e` that extends as `e` does: the elements
/// of a tuple or an array, the fields of a struct literal, the operand of a
/// cast, the arguments of a tuple struct's or variant's constructor.
fn extending_operands(e: &mut Expr, f: &mut dyn FnMut(&mut Expr)) {
    match e {
        Expr::Tuple(t) => t.elems.iter_mut().for_each(f),
        Expr::Array(a) => a.elems.iter_mut().for_each(f),
        Expr::Struct(s) => s.fields.iter_mut().for_each(|field| f(&mut field.expr)),
        Expr::Cast(c) => f(&mut c.expr),
        Expr::Call(c) if is_constructor(&c.func) => c.args.iter_mut().for_each(f),
        _ => {}
    }
}

/// `e` as the value of a branch: a block's tail, or the expression itself.
fn branch_tail(e: &mut Expr, f: &mut dyn FnMut(&mut Expr)) {
    match e {
        Expr::Block(b) if b.label.is_none() => block_tail(&mut b.block, f),
        Expr::If(_) | Expr::Match(_) | Expr::Paren(_) | Expr::Unsafe(_) => tails(e, f),
        _ => f(e),
    }
}

fn block_tail(block: &mut syn::Block, f: &mut dyn FnMut(&mut Expr)) {
    if let Some(syn::Stmt::Expr(tail, None)) = block.stmts.last_mut() {
        branch_tail(tail, f);
    }
}

/// `&temp` (a tail, or an extending operand of one: `(&temp, 1)`):
/// `{ home = temp; &home }`, `home` pushed onto `homes`.
/// A place inside the temporary (`&temp.f`, `&temp[i]`, `&*temp`) keeps
/// its projections: `{ home = temp; &home.f }`.
fn hoist_borrow(tail: &mut Expr, n: usize, homes: &mut Vec<(syn::Ident, bool)>) {
    let r = match tail {
        Expr::Reference(r) => r,
        Expr::Paren(p) => return hoist_borrow(&mut p.expr, n, homes),
        _ => {
            return extending_operands(tail, &mut |operand| {
                branch_tail(operand, &mut |t| hoist_borrow(t, n, homes))
            });
        }
    };
    let mutable = r.mutability.is_some();
    let Some(temporary) = borrowed_temporary(&mut r.expr) else {
        return;
    };
    let span = temporary.span();
    let home = syn::Ident::new(&format!("__coro_ext{}", n + homes.len()), span);
    let value = std::mem::replace(temporary, parse_quote_spanned!(span=> #home));
    let place = &r.expr;
    let mutability = &r.mutability;
    *tail = parse_quote_spanned!(span=> { #home = #value; &#mutability #place });
    homes.push((home, mutable));
}

/// The temporary a borrowed expression is, or is a place inside
/// (`make()` in `make()`, `make().f`, `make()[i]`, `*make()`); none for a
/// place of a variable (`x.f`).
fn borrowed_temporary(e: &mut Expr) -> Option<&mut Expr> {
    let projection = match e {
        Expr::Path(_) => return None,
        Expr::Unary(u) => matches!(u.op, syn::UnOp::Deref(_)),
        Expr::Field(_) | Expr::Index(_) | Expr::Paren(_) => true,
        _ => false,
    };
    if !projection {
        return Some(e);
    }
    match e {
        Expr::Unary(syn::ExprUnary { expr: base, .. })
        | Expr::Field(syn::ExprField { base, .. })
        | Expr::Index(syn::ExprIndex { expr: base, .. })
        | Expr::Paren(syn::ExprParen { expr: base, .. }) => borrowed_temporary(base),
        _ => None,
    }
}

/// Whether a borrow was marked by [`mark_extended`]; removes the mark.
pub fn take_extended_mark(attrs: &mut Vec<syn::Attribute>) -> bool {
    let before = attrs.len();
    attrs.retain(|a| !a.path().is_ident("coro_extend"));
    attrs.len() != before
}

/// Block-like expressions in statement position (`if .. {}` without `;`)
/// are statements even at the end of a block, when they have no else.
fn is_block_like_unit(e: &Expr) -> bool {
    matches!(e, Expr::While(_) | Expr::ForLoop(_))
}

fn is_unit(e: &Expr) -> bool {
    matches!(e, Expr::Tuple(t) if t.elems.is_empty())
}

/// Statements after which control never continues.
pub(super) fn diverges(e: &Expr) -> bool {
    match e {
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
        // A `let .. else` block (`else { return y.consume(20); }`): the
        // statements after it do not follow what it does.
        Expr::Block(b) if b.label.is_none() => match b.block.stmts.last() {
            Some(syn::Stmt::Expr(last, _)) => diverges(last),
            _ => false,
        },
        _ => false,
    }
}
