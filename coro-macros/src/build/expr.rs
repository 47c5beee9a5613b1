//! Expressions that contain `.await`, taken apart operand by operand.
//!
//! Input:  `log(first(), fetch(url).await, &last())`
//! Output (statements of the current block, then of the resume block):
//! ```text
//! let t0 = first();                        // evaluated before the await: kept
//! let t1 = into_future(fetch(url));        // the awaitee
//! <suspend on t1>                          // ---- block boundary ----
//! let t2 = <t1's output>; drop t1;
//! log(t0, t2, &last())                     // the residual, returned deferred
//! ```
//! Every operand that rustc evaluates before the `.await` is evaluated
//! before it here too, into a temporary (a place operand keeps its place,
//! only its side effects are evaluated early). The residual is *deferred*:
//! the caller marks it as code in the block where it runs.

use super::Builder;
use super::code::{Ctx, has_await};
use super::control::is_borrow;
use super::macros::{self, MacroKind};
use crate::ir::*;
use proc_macro2::Span;
use quote::{ToTokens, quote_spanned};
use syn::spanned::Spanned;
use syn::{Expr, parse_quote_spanned};

/// What the home of a temporary that a `let` extends is
/// (`VarKind::Temp::what`, see `keep_extended`).
pub const EXTENDED_TEMPORARY: &str = "extended temporary";

impl Builder {
    /// Lowers `e` at the current position and returns the expression that
    /// yields its value there (deferred), or `None` if control does not come
    /// back (`return`, `break`, a `?` that always returns...).
    pub fn expr(&mut self, e: &Expr, ctx: Ctx) -> Option<Expr> {
        if !has_await(e) {
            return Some(e.clone());
        }
        match e {
            Expr::Await(a) => self.await_expr(a),
            Expr::Paren(p) => {
                let inner = self.expr(&p.expr, ctx)?;
                Some(Expr::Paren(syn::ExprParen {
                    expr: Box::new(inner),
                    ..p.clone()
                }))
            }
            Expr::Group(g) => self.expr(&g.expr, ctx),
            Expr::Call(c) => {
                // The callee is used in place (a closure is called through
                // `&self` or `&mut self`, or moved only by the call itself),
                // like a method's receiver: not moved out before the
                // arguments are evaluated.
                let spilled = self.callee_before_awaiting_args(c);
                let (func, args) = self.call_operands(&c.func, &c.args, spilled)?;
                let mut call = c.clone();
                *call.func = func;
                replace_all(&mut call.args, args);
                Some(Expr::Call(call))
            }
            Expr::MethodCall(m) => {
                let spilled = self.receiver_before_awaiting_args(m);
                let (receiver, args) = self.call_operands(&m.receiver, &m.args, spilled)?;
                let mut call = m.clone();
                *call.receiver = receiver;
                replace_all(&mut call.args, args);
                Some(Expr::MethodCall(call))
            }
            Expr::Binary(b) => self.binary(b),
            Expr::Unary(u) => {
                let inner = if matches!(u.op, syn::UnOp::Deref(_)) {
                    Ctx::Place
                } else {
                    Ctx::Value
                };
                let mut parts = self.operands(&[(&*u.expr, inner)])?.into_iter();
                let mut u = u.clone();
                *u.expr = parts.next()?;
                Some(Expr::Unary(u))
            }
            Expr::Field(f) => {
                let base_ctx = if matches!(ctx, Ctx::Value | Ctx::FieldValue) {
                    Ctx::FieldValue
                } else {
                    Ctx::Place
                };
                let mut parts = self.operands(&[(&*f.base, base_ctx)])?.into_iter();
                let mut f = f.clone();
                *f.base = parts.next()?;
                Some(Expr::Field(f))
            }
            Expr::Index(i) => {
                let mut parts = self
                    .operands(&[(&*i.expr, Ctx::Place), (&*i.index, Ctx::Value)])?
                    .into_iter();
                let mut i = i.clone();
                *i.expr = parts.next()?;
                *i.index = parts.next()?;
                Some(Expr::Index(i))
            }
            Expr::Reference(r) => {
                let mut parts = self.operands(&[(&*r.expr, Ctx::Place)])?.into_iter();
                let mut r = r.clone();
                *r.expr = parts.next()?;
                Some(Expr::Reference(r))
            }
            Expr::RawAddr(r) => {
                let mut parts = self.operands(&[(&*r.expr, Ctx::Place)])?.into_iter();
                let mut r = r.clone();
                *r.expr = parts.next()?;
                Some(Expr::RawAddr(r))
            }
            Expr::Cast(c) => {
                let mut parts = self.operands(&[(&*c.expr, Ctx::Value)])?.into_iter();
                let mut c = c.clone();
                *c.expr = parts.next()?;
                Some(Expr::Cast(c))
            }
            Expr::Array(a) => {
                let ops: Vec<_> = a.elems.iter().map(|e| (e, Ctx::Value)).collect();
                let mut parts = self.operands(&ops)?.into_iter();
                let mut a = a.clone();
                for elem in a.elems.iter_mut() {
                    *elem = parts.next()?;
                }
                Some(Expr::Array(a))
            }
            Expr::Tuple(t) => {
                let ops: Vec<_> = t.elems.iter().map(|e| (e, Ctx::Value)).collect();
                let mut parts = self.operands(&ops)?.into_iter();
                let mut t = t.clone();
                for elem in t.elems.iter_mut() {
                    *elem = parts.next()?;
                }
                Some(Expr::Tuple(t))
            }
            Expr::Repeat(r) => {
                let mut parts = self.operands(&[(&*r.expr, Ctx::Value)])?.into_iter();
                let mut r = r.clone();
                *r.expr = parts.next()?;
                Some(Expr::Repeat(r))
            }
            Expr::Struct(s) => {
                let mut ops: Vec<_> = s.fields.iter().map(|f| (&f.expr, Ctx::Value)).collect();
                if let Some(rest) = &s.rest {
                    ops.push((rest, Ctx::FieldValue));
                }
                let mut parts = self.operands(&ops)?.into_iter();
                let mut s = s.clone();
                for field in s.fields.iter_mut() {
                    field.expr = parts.next()?;
                    // `S { x }` is `S { x: x }`: keep the name as a path.
                    field.colon_token.get_or_insert_with(Default::default);
                }
                if let Some(rest) = &mut s.rest {
                    **rest = parts.next()?;
                }
                Some(Expr::Struct(s))
            }
            Expr::Range(r) => {
                let mut ops = Vec::new();
                if let Some(s) = &r.start {
                    ops.push((&**s, Ctx::Value));
                }
                if let Some(e) = &r.end {
                    ops.push((&**e, Ctx::Value));
                }
                let mut parts = self.operands(&ops)?.into_iter();
                let mut r = r.clone();
                if let Some(s) = &mut r.start {
                    **s = parts.next()?;
                }
                if let Some(e) = &mut r.end {
                    **e = parts.next()?;
                }
                Some(Expr::Range(r))
            }
            Expr::Assign(a) => {
                // The assigned value is evaluated before the place.
                let mut parts = self
                    .operands(&[(&*a.right, Ctx::Value), (&*a.left, Ctx::Place)])?
                    .into_iter();
                let mut a = a.clone();
                *a.right = parts.next()?;
                *a.left = parts.next()?;
                Some(Expr::Assign(a))
            }
            Expr::Try(t) => {
                let inner = self.expr(&t.expr, Ctx::Value)?;
                Some(self.try_exit(inner, t.question_token))
            }
            Expr::Return(r) => {
                let value = match &r.expr {
                    Some(v) => Some(self.expr(v, Ctx::Value)?),
                    None => None,
                };
                let exit = self.return_exit(value, r.return_token.span);
                self.exit_now(exit);
                None
            }
            Expr::Break(br) => {
                let value = match &br.expr {
                    Some(v) => Some(self.expr(v, Ctx::Value)?),
                    None => None,
                };
                let label = br.label.as_ref().map(|l| l.ident.to_string());
                let exit = self.loop_exit(label, false, value, br.break_token.span);
                self.exit_now(exit);
                None
            }
            Expr::If(i) => self.if_expr(i, true),
            Expr::Match(m) => self.match_expr(m, true),
            Expr::Block(b) => self.block_expr(b, true),
            Expr::Unsafe(u) => self.plain_block_value(&u.block, true),
            Expr::Loop(l) => self.loop_expr(l, true),
            Expr::While(w) => {
                self.while_expr(w);
                Some(unit())
            }
            Expr::ForLoop(f) => {
                self.for_expr(f);
                Some(unit())
            }
            Expr::Macro(m) => self.macro_expr(&m.mac, e.span()),
            Expr::Let(l) => {
                self.error(
                    l.let_token.span,
                    "`let` with `.await` is only supported in `if` and `while` conditions",
                );
                None
            }
            other => {
                self.error(
                    other.span(),
                    "`#[coroutine]` does not support `.await` inside this kind of expression yet",
                );
                None
            }
        }
    }

    /// Marks an exit placeholder as a statement: control leaves here.
    pub fn exit_now(&mut self, exit: Expr) {
        let code = self.code(&exit, Ctx::Value);
        self.emit(Stmt::Code(code));
        self.pos = None;
    }

    fn binary(&mut self, b: &syn::ExprBinary) -> Option<Expr> {
        use syn::BinOp::*;
        match b.op {
            And(_) | Or(_) if has_await(&b.right) || has_await(&b.left) => {
                // `a && b.await` evaluates `b` only if `a` holds. And each
                // operand is a scope of its temporaries (`t().await.ok() &&
                // side()` drops the output of `t()` before `side()` runs),
                // as an `if`'s condition and blocks are.
                let (left, right) = (&b.left, &b.right);
                let lowered: syn::ExprIf = match b.op {
                    And(_) => parse_quote_spanned!(b.span()=> if #left { #right } else { false }),
                    _ => parse_quote_spanned!(b.span()=> if #left { true } else { #right }),
                };
                self.if_expr(&lowered, true)
            }
            AddAssign(_) | SubAssign(_) | MulAssign(_) | DivAssign(_) | RemAssign(_)
            | BitXorAssign(_) | BitAndAssign(_) | BitOrAssign(_) | ShlAssign(_) | ShrAssign(_) => {
                // For primitives rustc evaluates the right operand first.
                let mut parts = self
                    .operands(&[(&*b.right, Ctx::Value), (&*b.left, Ctx::Place)])?
                    .into_iter();
                let mut b = b.clone();
                *b.right = parts.next()?;
                *b.left = parts.next()?;
                Some(Expr::Binary(b))
            }
            Eq(_) | Lt(_) | Le(_) | Ne(_) | Ge(_) | Gt(_) => {
                let mut parts = self
                    .operands(&[(&*b.left, Ctx::Place), (&*b.right, Ctx::Place)])?
                    .into_iter();
                let mut b = b.clone();
                *b.left = parts.next()?;
                *b.right = parts.next()?;
                Some(Expr::Binary(b))
            }
            _ => {
                let mut parts = self
                    .operands(&[(&*b.left, Ctx::Value), (&*b.right, Ctx::Value)])?
                    .into_iter();
                let mut b = b.clone();
                *b.left = parts.next()?;
                *b.right = parts.next()?;
                Some(Expr::Binary(b))
            }
        }
    }

    /// `base.await`: write the awaitee, suspend, and resume with its output.
    fn await_expr(&mut self, a: &syn::ExprAwait) -> Option<Expr> {
        let base = self.expr(&a.base, Ctx::Value)?;
        // The future may borrow temporaries of its operand: they live until
        // the end of the statement, across the suspension.
        let base = self.hoist_borrowed_temporaries(&base)?;
        // A method called on a temporary (`Counter::new().bump().await`) may
        // take it by value or borrow it (then the future borrows it): only
        // rustc knows, so such an await stays native, inside an `async`
        // block that is awaited in its place. So does one that may borrow
        // under two of the function's lifetimes (`w.write_all(data)` with
        // `w: &mut W, data: &[u8]`): that future's type names a lifetime
        // shorter than both, which the frame's type may not mention, while
        // an `async` block's state is not part of its type. So does a boxed
        // call (`Box::pin(fib(n - 1)).await`), which may be a recursion: in
        // the frame's type, the future would contain its own type (E0720);
        // in an `async` block's state, as in rustc's, it may.
        let base = if calls_method_on_temporary(&base)
            || self.may_borrow_under_two_lifetimes(&base)
            || boxes_a_call(&base)
        {
            let span = a.base.span();
            let base = self.operands_leaving_outside(base);
            super::select::inline_async(quote_spanned!(span=> #base.await), &a.base, span)
        } else {
            base
        };
        let span = a.await_token.span;
        let awaitee = self.temp("awaitee", span);
        let into = crate::syntax::call(crate::syntax::private("into_future", span), [base], span);
        let value = self.awaitee_code(&into);
        self.emit(Stmt::Init {
            var: awaitee,
            value,
        });
        // An `async` block of the lowering's own reads as what it stands
        // for, and its state is named after the first thing it awaits.
        let inline = super::select::source_of(&a.base);
        let (source, hint) = match &inline {
            Some(tokens) => {
                let hint = syn::parse2::<Expr>(tokens.clone())
                    .map_or_else(|_| String::new(), |e| first_await_hint(&e));
                (tokens.to_string(), hint)
            }
            None => (a.base.to_token_stream().to_string(), name_hint(&a.base)),
        };
        let id = self.suspend(awaitee, tidy(&source), inline.is_some(), hint);
        let output = self.temp("output", span);
        let ready = Ident_ready(id, span);
        self.emit(Stmt::Init {
            var: output,
            value: Code { expr: ready },
        });
        self.emit(Stmt::Drop(awaitee));
        self.bind_name(output);
        Some(self.var_path(output))
    }

    /// Whether a future, in a function with several lifetimes, is made from
    /// two values or more (each may hold a borrow under another lifetime).
    fn may_borrow_under_two_lifetimes(&self, future: &Expr) -> bool {
        if !self.several_lifetimes {
            return false;
        }
        struct Vars<'a>(&'a Builder, std::collections::BTreeSet<VarId>);
        impl<'ast> syn::visit::Visit<'ast> for Vars<'_> {
            fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
                match p.path.get_ident() {
                    Some(ident) if ident == "self" => self.1.extend(self.0.self_var),
                    Some(ident) => self.1.extend(self.0.lookup(&ident.to_string())),
                    None => {}
                }
            }
            fn visit_macro(&mut self, mac: &'ast syn::Macro) {
                for tt in mac.tokens.clone() {
                    if let proc_macro2::TokenTree::Ident(ident) = tt {
                        self.1.extend(self.0.lookup(&ident.to_string()));
                    }
                }
            }
        }
        let mut vars = Vars(self, Default::default());
        syn::visit::Visit::visit_expr(&mut vars, future);
        vars.1.len() >= 2
    }

    // Input:  `add((match branch(__coro_tmp3) { .. Break(r) => __coro_exit_0(..) }), word)`
    // Output: `add(__coro_tmp5, word)`, the operand kept in `__coro_tmp5` first
    /// The operands of a call awaited inside an `async` block of the
    /// lowering's own that may leave the coroutine (a `?` or `return` in
    /// `add(get(k).await?, word).await`): evaluated before the block, into
    /// temporaries, where their exits leave the coroutine and not the block.
    fn operands_leaving_outside(&mut self, base: Expr) -> Expr {
        let leaves = |e: &Expr| {
            may_leave(e)
                || crate::syntax::any_ident(e.to_token_stream(), &|i| {
                    parse_placeholder(i, "__coro_exit_").is_some()
                })
        };
        if !leaves(&base) {
            return base;
        }
        let keep = |b: &mut Self, e: &mut Expr| {
            if leaves(e) {
                let span = e.span();
                *e = b.keep(e.clone(), "operand", span);
            }
        };
        let mut base = base;
        match &mut base {
            Expr::Call(c) => c.args.iter_mut().for_each(|a| keep(self, a)),
            Expr::MethodCall(m) => {
                keep(self, &mut m.receiver);
                m.args.iter_mut().for_each(|a| keep(self, a));
            }
            _ => {}
        }
        base
    }

    /// A path naming a var (resolved back to it when marked as code).
    pub fn var_path(&self, var: VarId) -> Expr {
        crate::syntax::path(self.body.vars[var].name.clone())
    }

    /// Lowers operands in evaluation order: those before the last one that
    /// suspends are evaluated now and kept; the rest stay in the residual.
    pub fn operands(&mut self, ops: &[(&Expr, Ctx)]) -> Option<Vec<Expr>> {
        let last = ops.iter().rposition(|(e, _)| has_await(e));
        let mut out = Vec::with_capacity(ops.len());
        for (i, &(op, ctx)) in ops.iter().enumerate() {
            let part = match last {
                Some(last) if i < last => self.spill(op, ctx)?,
                Some(last) if i == last => self.expr(op, ctx)?,
                _ => op.clone(),
            };
            out.push(part);
        }
        Some(out)
    }

    /// Evaluates an operand now, for use after a later `.await`.
    fn spill(&mut self, e: &Expr, ctx: Ctx) -> Option<Expr> {
        match ctx {
            Ctx::Value => self.spill_value(e),
            Ctx::Place | Ctx::FieldValue | Ctx::Scrutinee { .. } => self.spill_place(e),
        }
    }

    /// Evaluates a value operand into a temporary.
    pub fn spill_value(&mut self, e: &Expr) -> Option<Expr> {
        if self.is_inert(e) || self.is_shaped_borrow(e) {
            return Some(e.clone());
        }
        let value = self.expr(e, Ctx::Value)?;
        let value = self.hoist_borrowed_temporaries(&value)?;
        Some(self.keep(value, "operand", e.span()))
    }

    /// `f(&make(), x)` keeps `make()` alive to the end of its statement (a
    /// temporary); when that spans a suspension, the temporary needs a home:
    /// every `&<value>` in `e` (outside closures and blocks) gets its value
    /// evaluated into a var, in evaluation order (earlier operands first).
    /// So does every temporary whose field or element `e` reads
    /// (`make().0 + x.await`: the operand reads it in its home).
    ///
    /// Input:  `(0, D::new("z")).0` (spilled before a later `.await`)
    /// Output: `let __coro_tmpN = (0, D::new("z"));` then `__coro_tmpN.0`
    pub fn hoist_borrowed_temporaries(&mut self, e: &Expr) -> Option<Expr> {
        if !borrows_temporary(e) {
            return Some(e.clone());
        }
        match e {
            Expr::Reference(r) if is_extended(r) => {
                let mut r = r.clone();
                super::stmt::take_extended_mark(&mut r.attrs);
                let mutable = r.mutability.is_some();
                let operand = self.extended_home(&r.expr, mutable)?;
                Some(Expr::Reference(syn::ExprReference {
                    expr: Box::new(operand),
                    ..r
                }))
            }
            Expr::Reference(r) if !super::control::is_place(&r.expr) && !is_promoted(r) => {
                let inner = self.hoist_borrowed_temporaries(&r.expr)?;
                let home = self.keep(inner, "borrowed temporary", r.expr.span());
                Some(Expr::Reference(syn::ExprReference {
                    expr: Box::new(home),
                    ..r.clone()
                }))
            }
            Expr::Reference(r) => {
                let inner = self.hoist_borrowed_temporaries(&r.expr)?;
                Some(Expr::Reference(syn::ExprReference {
                    expr: Box::new(inner),
                    ..r.clone()
                }))
            }
            Expr::Paren(p) => {
                let inner = self.hoist_borrowed_temporaries(&p.expr)?;
                Some(Expr::Paren(syn::ExprParen {
                    expr: Box::new(inner),
                    ..p.clone()
                }))
            }
            Expr::Field(f) => {
                let base = self.projected_base(&f.base)?;
                Some(Expr::Field(syn::ExprField {
                    base: Box::new(base),
                    ..f.clone()
                }))
            }
            // (The base first, as rustc evaluates it: the index after it,
            // where the expression reads its home.)
            Expr::Index(i) => {
                let base = self.projected_base(&i.expr)?;
                let index = self.hoist_borrowed_temporaries(&i.index)?;
                Some(Expr::Index(syn::ExprIndex {
                    expr: Box::new(base),
                    index: Box::new(index),
                    ..i.clone()
                }))
            }
            Expr::Cast(c) => {
                let inner = self.hoist_borrowed_temporaries(&c.expr)?;
                Some(Expr::Cast(syn::ExprCast {
                    expr: Box::new(inner),
                    ..c.clone()
                }))
            }
            // (An arithmetic operation's operands are no scopes of their
            // temporaries: they live to the end of the statement.)
            Expr::Binary(b) if crate::syntax::is_arithmetic(&b.op) => {
                let mut parts = self.hoist_in_order(&[&b.left, &b.right])?.into_iter();
                let mut b = b.clone();
                *b.left = parts.next()?;
                *b.right = parts.next()?;
                Some(Expr::Binary(b))
            }
            // (The callee and a method's receiver as places: a variable
            // there is used where it is, as the call needs it, by value or
            // by reference, not moved into an operand of the lowering's.)
            Expr::Call(c) => {
                let mut ops = vec![(&*c.func, Ctx::Place)];
                ops.extend(c.args.iter().map(|a| (a, Ctx::Value)));
                let mut parts = self.hoist_operands_in_order(&ops)?.into_iter();
                let mut c = c.clone();
                *c.func = parts.next()?;
                for arg in c.args.iter_mut() {
                    *arg = parts.next()?;
                }
                Some(Expr::Call(c))
            }
            Expr::MethodCall(m) => {
                let mut ops = vec![(&*m.receiver, Ctx::Place)];
                ops.extend(m.args.iter().map(|a| (a, Ctx::Value)));
                let mut parts = self.hoist_operands_in_order(&ops)?.into_iter();
                let mut m = m.clone();
                *m.receiver = parts.next()?;
                for arg in m.args.iter_mut() {
                    *arg = parts.next()?;
                }
                Some(Expr::MethodCall(m))
            }
            Expr::Tuple(t) => {
                let ops: Vec<&Expr> = t.elems.iter().collect();
                let mut parts = self.hoist_in_order(&ops)?.into_iter();
                let mut t = t.clone();
                for elem in t.elems.iter_mut() {
                    *elem = parts.next()?;
                }
                Some(Expr::Tuple(t))
            }
            Expr::Array(a) => {
                let ops: Vec<&Expr> = a.elems.iter().collect();
                let mut parts = self.hoist_in_order(&ops)?.into_iter();
                let mut a = a.clone();
                for elem in a.elems.iter_mut() {
                    *elem = parts.next()?;
                }
                Some(Expr::Array(a))
            }
            // `pin!(value)`: rustc keeps the pinned value to the end of the
            // statement, across the await of a future that may hold the
            // `Pin<&mut _>` (`join(pin!(a), pin!(b)).await`).
            Expr::Macro(m) => match super::stmt::pinned_value(e) {
                Some(value) => {
                    let span = e.span();
                    // (Extended by a `let`, see `mark_extended`: a home of
                    // the binding's scope.)
                    let home = if m.attrs.iter().any(|a| a.path().is_ident("coro_extend")) {
                        self.extended_home(&value, true)?
                    } else {
                        self.keep(value, "borrowed temporary", span)
                    };
                    Some(crate::syntax::expanded_unsafe(
                        span,
                        quote_spanned!(span=> ::coro::__private::pin_kept(&mut #home)),
                    ))
                }
                None => Some(e.clone()),
            },
            Expr::Struct(s) => {
                let ops: Vec<&Expr> = s.fields.iter().map(|f| &f.expr).collect();
                let mut parts = self.hoist_in_order(&ops)?.into_iter();
                let mut s = s.clone();
                for field in s.fields.iter_mut() {
                    field.expr = parts.next()?;
                    field.colon_token.get_or_insert_with(Default::default);
                }
                Some(Expr::Struct(s))
            }
            _ => Some(e.clone()),
        }
    }

    /// The base of a field or index: in a home to the end of the statement
    /// if it is a temporary (see `projects_temporary`), else with its own
    /// borrowed temporaries hoisted.
    fn projected_base(&mut self, base: &Expr) -> Option<Expr> {
        if projects_temporary(base) {
            let inner = self.hoist_borrowed_temporaries(base)?;
            Some(self.keep(inner, "temporary", base.span()))
        } else {
            self.hoist_borrowed_temporaries(base)
        }
    }

    /// The operand of a borrow whose temporary a `let` binding extends (see
    /// `Builder::extend`), with a home declared outside the statement: a
    /// value, the lowering's own var holding one (an await's output, a
    /// construct's value), or the base of a field, index or dereference of
    /// either.
    fn extended_home(&mut self, e: &Expr, mutable: bool) -> Option<Expr> {
        match e {
            Expr::Paren(p) => {
                let inner = self.extended_home(&p.expr, mutable)?;
                Some(Expr::Paren(syn::ExprParen {
                    expr: Box::new(inner),
                    ..p.clone()
                }))
            }
            Expr::Field(f) => {
                let base = self.extended_home(&f.base, mutable)?;
                Some(Expr::Field(syn::ExprField {
                    base: Box::new(base),
                    ..f.clone()
                }))
            }
            // `&*guard()`, `&v()[i]`: the temporary dereferenced or indexed
            // is the one extended (the index runs after it, in place).
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                let base = self.extended_home(&u.expr, mutable)?;
                Some(Expr::Unary(syn::ExprUnary {
                    expr: Box::new(base),
                    ..u.clone()
                }))
            }
            Expr::Index(i) => {
                let base = self.extended_home(&i.expr, mutable)?;
                Some(Expr::Index(syn::ExprIndex {
                    expr: Box::new(base),
                    ..i.clone()
                }))
            }
            Expr::Path(p) if p.path.get_ident().is_some_and(|i| self.is_lowering_var(i)) => {
                Some(self.keep_extended(e.clone(), mutable))
            }
            _ if super::control::is_place(e) => Some(e.clone()),
            _ => Some(self.keep_extended(e.clone(), mutable)),
        }
    }

    /// Whether `ident` names a var the lowering introduced (a temporary).
    fn is_lowering_var(&self, ident: &syn::Ident) -> bool {
        self.lookup(&ident.to_string())
            .is_some_and(|v| matches!(self.body.vars[v].kind, VarKind::Temp { .. }))
    }

    /// Stores a (deferred) value into a new temporary declared outside the
    /// statement being lowered (see `Builder::extend`), or, outside such a
    /// statement, of the current scope; returns its path.
    fn keep_extended(&mut self, value: Expr, mutable: bool) -> Expr {
        let span = value.span();
        let Some(statement) = self.extend.filter(|&s| s >= 1 && s < self.depth()) else {
            return self.keep(value, "borrowed temporary", span);
        };
        let value = self.hoist_borrowed_temporaries(&value).unwrap_or(value);
        let n = self.body.vars.len();
        let name = syn::Ident::new(&format!("__coro_tmp{n}"), span);
        let kind = VarKind::Temp {
            what: EXTENDED_TEMPORARY.into(),
        };
        let temp = self.declare_outside(statement, name, kind, mutable, None);
        self.init_temp(temp, value)
    }

    /// A literal (see `is_literal`), or an element of a temporary that
    /// holds one there (`home.0` of `(0, D::new("t")).0`, hoisted).
    fn is_literal_value(&self, e: &Expr) -> bool {
        match crate::syntax::unparenthesised(e) {
            Expr::Field(f) => {
                let syn::Member::Unnamed(index) = &f.member else {
                    return false;
                };
                self.var_of(&f.base).is_some_and(|v| {
                    let literal = &self.body.vars[v].literal_elements;
                    literal.get(index.index as usize) == Some(&true)
                })
            }
            e => is_literal(e),
        }
    }

    /// Operands of one expression: the ones that borrow temporaries are
    /// hoisted, and every operand before the last of those is evaluated
    /// before it, as rustc evaluates them.
    fn hoist_in_order(&mut self, ops: &[&Expr]) -> Option<Vec<Expr>> {
        let ops: Vec<(&Expr, Ctx)> = ops.iter().map(|&op| (op, Ctx::Value)).collect();
        self.hoist_operands_in_order(&ops)
    }

    /// `hoist_in_order`, each operand evaluated early as its context says
    /// (a place is used where it is, see `spill_place`).
    fn hoist_operands_in_order(&mut self, ops: &[(&Expr, Ctx)]) -> Option<Vec<Expr>> {
        let last = ops.iter().rposition(|(e, _)| borrows_temporary(e));
        let mut out = Vec::with_capacity(ops.len());
        for (i, &(op, ctx)) in ops.iter().enumerate() {
            let part = match last {
                // (An operand that borrows temporaries of its own is
                // evaluated now too, after its homes: its call, say, comes
                // before the later operand's temporaries are made.)
                Some(last) if i < last => self.spill(op, ctx)?,
                Some(last) if i <= last => self.hoist_borrowed_temporaries(op)?,
                _ => op.clone(),
            };
            out.push(part);
        }
        Some(out)
    }

    /// Stores a (deferred) value into a new temporary; returns its path.
    /// Temporaries the value borrows get homes first (they live as long).
    pub fn keep(&mut self, value: Expr, what: &str, span: Span) -> Expr {
        let value = self.hoist_borrowed_temporaries(&value).unwrap_or(value);
        let temp = self.temp(what, span);
        // Temporaries of places live to the end of the statement; operands
        // and values, in their expression only.
        if matches!(what, "scrutinee" | "temporary" | "borrowed temporary") {
            self.body.vars[temp].anchor = Some(self.statement_start);
        }
        self.init_temp(temp, value)
    }

    /// Writes `value` (its temporaries already hoisted) into the new
    /// temporary `temp`, makes it visible, and returns its path.
    fn init_temp(&mut self, temp: VarId, value: Expr) -> Expr {
        self.body.vars[temp].borrow = is_borrow(&value);
        if let Expr::Tuple(t) = crate::syntax::unparenthesised(&value) {
            let literal = t.elems.iter().map(|e| self.is_literal_value(e)).collect();
            self.body.vars[temp].literal_elements = literal;
        }
        let code = self.code(&value, Ctx::Value);
        self.emit(Stmt::Init {
            var: temp,
            value: code,
        });
        self.bind_name(temp);
        self.var_path(temp)
    }

    /// A call's receiver (or callee) and arguments, lowered in order: the
    /// receiver as a place, unless it was `spilled` into a temporary before
    /// the arguments (then that temporary's expression is the receiver).
    fn call_operands(
        &mut self,
        receiver: &Expr,
        args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>,
        spilled: Option<Expr>,
    ) -> Option<(Expr, Vec<Expr>)> {
        let mut ops = Vec::with_capacity(args.len() + 1);
        if spilled.is_none() {
            ops.push((receiver, Ctx::Place));
        }
        ops.extend(args.iter().map(|a| (a, Ctx::Value)));
        let mut parts = self.operands(&ops)?.into_iter();
        let receiver = match spilled {
            Some(temp) => temp,
            None => parts.next()?,
        };
        Some((receiver, parts.collect()))
    }

    /// A var of the coroutine as the receiver of a method whose arguments
    /// await, where the method may take it by value: rustc moves it into
    /// the call before the arguments run (cancelled during their await, it
    /// drops as one of the statement's temporaries). It is evaluated into a
    /// temporary now, as the method needs it (moved out, or a pointer to
    /// its slot), and the call takes it from there.
    ///
    /// Input:  `o.unwrap_or(fallback().await)`
    /// Output: `let t = #[coro_spill] o.unwrap_or(_);` (the receiver alone,
    /// see `Form::Spilled`), the await, then
    /// `Spilled::receiver(t).unwrap_or(<output>)`.
    ///
    /// Methods that syntax knows borrow (`push`, `insert`) are used in place
    /// at the call, as before: nothing is moved, so nothing can drop early.
    fn receiver_before_awaiting_args(&mut self, m: &syn::ExprMethodCall) -> Option<Expr> {
        let method = m.method.to_string();
        if m.turbofish.is_some() || crate::analyse::borrows_self(&method, m.args.len()) {
            return None;
        }
        // The closure literals among the arguments keep their shape (a
        // closure of as many parameters that does nothing), which the probe
        // of a generic method needs (`Access::Receiver::closures`), unless
        // making them in the call would change what they copy.
        let mut marker = m.clone();
        let closures = if crate::build::code::copy_before_later_args(&m.args) {
            Vec::new()
        } else {
            crate::build::code::closure_args(&m.args)
        };
        for (i, arg) in marker.args.iter_mut().enumerate() {
            let span = arg.span();
            *arg = match closures
                .iter()
                .find_map(|c| (c.at == i).then_some(c.params)?)
            {
                Some(params) => {
                    let params = (0..params).map(|_| quote::quote_spanned!(span=> _));
                    parse_quote_spanned!(span=> |#(#params),*| ())
                }
                None => infer(span),
            };
        }
        self.spill_receiver(&m.receiver, &m.args, Expr::MethodCall(marker))
    }

    /// As `receiver_before_awaiting_args`, for a closure called through a
    /// var (`f(x.await)`): an `FnOnce` at its last use is moved into the
    /// call first.
    fn callee_before_awaiting_args(&mut self, c: &syn::ExprCall) -> Option<Expr> {
        // (Not one called through a reference, `Fn::call(&f, ..)`, which
        // rustc never moves: see `Body::closures_called_in_place`.)
        if let Expr::Path(p) = crate::syntax::unparenthesised(&c.func) {
            let var = p.path.get_ident().and_then(|i| self.lookup_ident(i));
            if var.is_some_and(|v| self.body.closures_called_in_place.contains(&v)) {
                return None;
            }
        }
        let mut marker = c.clone();
        marker
            .args
            .iter_mut()
            .for_each(|arg| *arg = infer(arg.span()));
        self.spill_receiver(&c.func, &c.args, Expr::Call(marker))
    }

    /// The temporary for `receiver` (a var of the coroutine) when `args`
    /// await; `marker` is the call with its arguments left out, which
    /// `code` turns into the receiver's `Form::Spilled`.
    fn spill_receiver(
        &mut self,
        receiver: &Expr,
        args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>,
        mut marker: Expr,
    ) -> Option<Expr> {
        let receiver = crate::syntax::unparenthesised(receiver);
        let Expr::Path(path) = receiver else {
            return None;
        };
        let ident = path.path.get_ident()?;
        let var = if ident == "self" {
            self.self_var
        } else {
            self.lookup_ident(ident)
        };
        let tracked = path.qself.is_none() && path.attrs.is_empty() && var.is_some();
        if !tracked || !args.iter().any(has_await) {
            return None;
        }
        let span = receiver.span();
        let attrs = match &mut marker {
            Expr::MethodCall(m) => &mut m.attrs,
            Expr::Call(c) => &mut c.attrs,
            _ => return None,
        };
        *attrs = vec![syn::parse_quote_spanned!(span=> #[coro_spill])];
        let temp = self.keep(marker, "receiver", span);
        Some(parse_quote_spanned!(span=> ::coro::__private::Spilled::receiver(#temp)))
    }

    /// Evaluates the side effects of a place operand; the place itself is
    /// used where the residual needs it.
    fn spill_place(&mut self, e: &Expr) -> Option<Expr> {
        match e {
            Expr::Path(_) | Expr::Lit(_) => Some(e.clone()),
            Expr::Paren(p) => {
                let inner = self.spill_place(&p.expr)?;
                Some(Expr::Paren(syn::ExprParen {
                    expr: Box::new(inner),
                    ..p.clone()
                }))
            }
            Expr::Field(f) => {
                let base = self.spill_place(&f.base)?;
                Some(Expr::Field(syn::ExprField {
                    base: Box::new(base),
                    ..f.clone()
                }))
            }
            Expr::Index(i) => {
                let base = self.spill_place(&i.expr)?;
                let index = self.spill_value(&i.index)?;
                Some(Expr::Index(syn::ExprIndex {
                    expr: Box::new(base),
                    index: Box::new(index),
                    ..i.clone()
                }))
            }
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                let pointer = match &*u.expr {
                    Expr::Path(_) => (*u.expr).clone(),
                    // `**w` (`w: &W`, `W: Deref`): the pointer `*w` is a place
                    // too, which a value would move out of (E0507).
                    inner @ Expr::Unary(d) if matches!(d.op, syn::UnOp::Deref(_)) => {
                        self.spill_place(inner)?
                    }
                    other => self.spill_value(other)?,
                };
                Some(Expr::Unary(syn::ExprUnary {
                    expr: Box::new(pointer),
                    ..u.clone()
                }))
            }
            // A value in a place context is a temporary.
            other => {
                let value = self.expr(other, Ctx::Value)?;
                Some(self.keep(value, "temporary", other.span()))
            }
        }
    }

    /// Operands that evaluate to the same value whenever they are evaluated:
    /// literals, paths that are not tracked vars (constants, functions), and
    /// closures that name none (`|s| s.len()`: making one captures
    /// nothing, and left in the call, the call's bounds type its
    /// parameters, which a closure kept in a temporary would not know),
    /// boxed or not; and tuples, arrays, negations and casts of those.
    fn is_inert(&self, e: &Expr) -> bool {
        match e {
            Expr::Lit(_) => true,
            Expr::Closure(c) => {
                c.asyncness.is_none()
                    && !crate::syntax::any_ident(c.body.to_token_stream(), &|i| {
                        i == "self" || self.lookup(&i.to_string()).is_some()
                    })
            }
            // `Box::new(|s| s.len())`, to coerce to `Box<dyn Fn(&str) ->
            // usize>` where the call is: boxed later, it allocates later.
            Expr::Call(c)
                if crate::syntax::path_ends_with(&c.func, &["Box", "new"]) && c.args.len() == 1 =>
            {
                matches!(&c.args[0], Expr::Closure(_)) && self.is_inert(&c.args[0])
            }
            Expr::Path(p) => match p.path.get_ident() {
                Some(ident) => {
                    let name = ident.to_string();
                    name != "self" && self.lookup(&name).is_none()
                }
                None => p.qself.is_none() && p.path.segments.len() > 1,
            },
            Expr::Paren(p) => self.is_inert(&p.expr),
            // `(1, b"ab")` before a borrowed temporary of a typed `let`
            // (`let f: [(u8, &[u8]); 2] = [(1, b"ab"), (2, &[1, 2])];`):
            // in place, it keeps the coercion the annotation gives it.
            Expr::Tuple(t) => t.elems.iter().all(|e| self.is_inert(e)),
            Expr::Array(a) => a.elems.iter().all(|e| self.is_inert(e)),
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => self.is_inert(&u.expr),
            Expr::Cast(c) => self.is_inert(&c.expr),
            _ => false,
        }
    }

    // Input:  `Some(&name)`, `(&name, 1)`, `Ok([&self.tag, "x"])`, `&[&a, "x"]`
    /// A literal that borrows frame places, and holds nothing else but
    /// inert operands: an array, a tuple, or a call of `Some`, `Ok`, `Err`
    /// or a smart pointer's `new` (not a struct of the user's, which may
    /// have a `Drop` impl that rustc runs if the await is cancelled, when
    /// it made the value before), or a reference to one, whose parts are
    /// such literals, borrows of a var or its fields (`&name`, `&mut
    /// self.buf`), or inert. Where it stands, the type rustc expects there
    /// (a parameter's, a field's, an annotation's) coerces its parts
    /// (`Some(&name)` for an `Option<&str>`: rustc checks the parts against
    /// the expected type); kept in a temporary before a later operand's
    /// await, it keeps its own (E0308). Made after that await, it is the
    /// same value: the borrows name the same places, which the later
    /// operands cannot assign or move while they are borrowed (rustc's
    /// check of the user's code), and the rest evaluates the same anywhere.
    fn is_shaped_borrow(&self, e: &Expr) -> bool {
        fn borrowed_place(e: &Expr) -> bool {
            match crate::syntax::unparenthesised(e) {
                Expr::Path(p) => p.qself.is_none() && p.path.get_ident().is_some(),
                Expr::Field(f) => borrowed_place(&f.base),
                _ => false,
            }
        }
        fn part(b: &Builder, e: &Expr, borrows: &mut bool) -> bool {
            match crate::syntax::unparenthesised(e) {
                Expr::Reference(r) if borrowed_place(&r.expr) => {
                    *borrows = true;
                    true
                }
                Expr::Reference(r) => shaped(b, &r.expr, borrows),
                e if b.is_inert(e) => true,
                e => shaped(b, e, borrows),
            }
        }
        // (Not a struct or constructor of the user's, whose `Drop` would
        // run on a cancellation during the await where rustc made it.)
        fn without_drop_of_its_own(func: &Expr) -> bool {
            let Expr::Path(p) = crate::syntax::unparenthesised(func) else {
                return false;
            };
            match crate::syntax::segment_names(&p.path).as_slice() {
                [variant] => matches!(variant.as_str(), "Some" | "Ok" | "Err"),
                [.., pointer, new] => {
                    new == "new" && matches!(pointer.as_str(), "Box" | "Rc" | "Arc")
                }
                _ => false,
            }
        }
        fn shaped(b: &Builder, e: &Expr, borrows: &mut bool) -> bool {
            match crate::syntax::unparenthesised(e) {
                Expr::Tuple(t) => t.elems.iter().all(|e| part(b, e, borrows)),
                Expr::Array(a) => a.elems.iter().all(|e| part(b, e, borrows)),
                Expr::Call(c) if without_drop_of_its_own(&c.func) => {
                    c.args.iter().all(|e| part(b, e, borrows))
                }
                _ => false,
            }
        }
        let mut borrows = false;
        let e = match crate::syntax::unparenthesised(e) {
            Expr::Reference(r) => &*r.expr,
            e => e,
        };
        shaped(self, e, &mut borrows) && borrows
    }

    /// A macro invocation with `.await` in its arguments.
    fn macro_expr(&mut self, mac: &syn::Macro, span: Span) -> Option<Expr> {
        if let Some(expanded) = macros::debug_assertion(mac) {
            return self.expr(&expanded, Ctx::Value);
        }
        if let Some(expanded) = macros::assert_with_suspending_message(mac) {
            return self.expr(&expanded, Ctx::Value);
        }
        match macros::classify(mac) {
            MacroKind::Args(shape) if macros::is_scoped(mac) => {
                self.scoped_value("macro value", span, |b| b.macro_args(mac, shape, span))
            }
            MacroKind::Args(shape) => self.macro_args(mac, shape, span),
            MacroKind::Suspending => self.suspending_macro(mac, span),
            _ => {
                self.unknown_macro(mac, span);
                None
            }
        }
    }

    /// A macro of known grammar: its operands, lowered in order.
    fn macro_args(&mut self, mac: &syn::Macro, shape: macros::Shape, span: Span) -> Option<Expr> {
        let Some(mut args) = macros::parse_args(mac, &shape) else {
            self.unknown_macro(mac, span);
            return None;
        };
        // The format string is no operand: it stays as written; nor is a
        // constant (`concat!("a", 1)`).
        let is_operand = |e: &Expr| !macros::is_constant(e);
        let ops: Vec<(Expr, Ctx)> = args
            .args
            .iter()
            .filter(|a| is_operand(&a.expr))
            .map(|a| (a.expr.clone(), a.ctx))
            .collect();
        let refs: Vec<(&Expr, Ctx)> = ops.iter().map(|(e, c)| (e, *c)).collect();
        let mut parts = self.operands(&refs)?.into_iter();
        for arg in args.args.iter_mut().filter(|a| is_operand(&a.expr)) {
            arg.expr = parts.next()?;
        }
        Some(args.into_macro_expr(mac))
    }

    fn unknown_macro(&mut self, mac: &syn::Macro, span: Span) {
        let name = macros::name(mac);
        self.error(
            span,
            format_args!(
                "`#[coroutine]` cannot lower `.await` inside `{name}!`: it does not know that macro's \
                 grammar. Await outside the macro instead: `let value = future.await;` then use \
                 `value` in `{name}!(..)`"
            ),
        );
    }
}

/// The receiver alone of a call whose arguments await, in the temporary
/// that `Builder::receiver_before_awaiting_args` makes for it.
pub fn is_spill_marker(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("coro_spill"))
}

/// `_`: an argument the marker of a spilled receiver leaves out.
fn infer(span: Span) -> Expr {
    parse_quote_spanned!(span=> _)
}

/// The placeholder for "the output of await `id`, now that it is ready".
#[allow(non_snake_case)]
fn Ident_ready(id: AwaitId, span: Span) -> Expr {
    crate::syntax::path(syn::Ident::new(&format!("__coro_ready_{id}"), span))
}

/// Puts `new` in place of a call's arguments, one for one (keeping their
/// commas).
fn replace_all(args: &mut syn::punctuated::Punctuated<Expr, syn::Token![,]>, new: Vec<Expr>) {
    args.iter_mut().zip(new).for_each(|(arg, new)| *arg = new);
}

/// Whether `e` boxes a call (`Box::pin(fib(n - 1))`, `Box::pin(child.count())`,
/// outside closures): maybe a recursion, of the coroutine itself or
/// through another (`is_even` awaiting `Box::pin(is_odd(n - 1))` and back),
/// which rustc accepts only through such a box. Which function the call
/// reaches, syntax cannot tell.
fn boxes_a_call(e: &Expr) -> bool {
    struct Find(bool);
    impl<'ast> syn::visit::Visit<'ast> for Find {
        fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
            let boxing = crate::syntax::path_ends_with(&c.func, &["Box", "pin"]);
            if boxing && c.args.iter().any(makes_a_call) {
                self.0 = true;
            }
            syn::visit::visit_expr_call(self, c);
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    }
    let mut find = Find(false);
    syn::visit::Visit::visit_expr(&mut find, e);
    find.0
}

/// Whether `e` may leave where it stands: a `return`, a `?`, or a `break`
/// or `continue` to a loop or block around it (outside closures and
/// `async` blocks, which are left on their own).
pub(super) fn may_leave(e: &Expr) -> bool {
    struct Find {
        loops: usize,
        found: bool,
    }
    impl<'ast> syn::visit::Visit<'ast> for Find {
        fn visit_expr(&mut self, e: &'ast Expr) {
            match e {
                Expr::Return(_) | Expr::Try(_) => self.found = true,
                Expr::Break(b) if b.label.is_some() || self.loops == 0 => self.found = true,
                Expr::Continue(c) if c.label.is_some() || self.loops == 0 => self.found = true,
                Expr::Closure(_) | Expr::Async(_) => return,
                Expr::Loop(_) | Expr::While(_) | Expr::ForLoop(_) => {
                    self.loops += 1;
                    syn::visit::visit_expr(self, e);
                    self.loops -= 1;
                    return;
                }
                _ => {}
            }
            syn::visit::visit_expr(self, e);
        }
        // (A macro's arguments that are expressions, `format!("{}",
        // s.parse::<u32>()?)`.)
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            use super::macros::{MacroItem, macro_items};
            for item in macro_items(mac.tokens.clone()).into_iter().flatten() {
                if let MacroItem::Expr(e) = item {
                    self.visit_expr(&e);
                }
            }
        }
    }
    let mut find = Find {
        loops: 0,
        found: false,
    };
    syn::visit::Visit::visit_expr(&mut find, e);
    find.found
}

/// Whether `e` calls a function or method (outside closures).
fn makes_a_call(e: &Expr) -> bool {
    struct Find(bool);
    impl<'ast> syn::visit::Visit<'ast> for Find {
        fn visit_expr_call(&mut self, _: &'ast syn::ExprCall) {
            self.0 = true;
        }
        fn visit_expr_method_call(&mut self, _: &'ast syn::ExprMethodCall) {
            self.0 = true;
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    }
    let mut find = Find(false);
    syn::visit::Visit::visit_expr(&mut find, e);
    find.0
}

/// Whether `e` calls a method on a temporary (a receiver that is not a
/// place), outside closures and blocks.
fn calls_method_on_temporary(e: &Expr) -> bool {
    match e {
        Expr::MethodCall(m) => {
            (!super::control::is_place(&m.receiver) && !is_spilled_receiver(&m.receiver))
                || calls_method_on_temporary(&m.receiver)
                || m.args.iter().any(calls_method_on_temporary)
        }
        Expr::Call(c) => {
            calls_method_on_temporary(&c.func) || c.args.iter().any(calls_method_on_temporary)
        }
        Expr::Paren(p) => calls_method_on_temporary(&p.expr),
        Expr::Reference(r) => calls_method_on_temporary(&r.expr),
        Expr::Field(f) => calls_method_on_temporary(&f.base),
        Expr::Index(i) => calls_method_on_temporary(&i.expr) || calls_method_on_temporary(&i.index),
        Expr::Unary(u) => calls_method_on_temporary(&u.expr),
        Expr::Cast(c) => calls_method_on_temporary(&c.expr),
        Expr::Tuple(t) => t.elems.iter().any(calls_method_on_temporary),
        Expr::Array(a) => a.elems.iter().any(calls_method_on_temporary),
        Expr::Struct(s) => s.fields.iter().any(|f| calls_method_on_temporary(&f.expr)),
        _ => false,
    }
}

/// Whether `e` is a receiver the lowering evaluated before arguments that
/// await (`Spilled::receiver(t)`, see `spill_receiver`): moved into the
/// call if its method takes it by value, else a pointer into its slot, so
/// never a temporary the call's future could borrow.
fn is_spilled_receiver(e: &Expr) -> bool {
    spilled_receiver_temp(e).is_some()
}

/// `t` of a receiver the lowering spilled (`Spilled::receiver(t)`).
pub fn spilled_receiver_temp(e: &Expr) -> Option<&Expr> {
    let Expr::Call(c) = e else { return None };
    let Expr::Path(p) = &*c.func else { return None };
    let names = crate::syntax::path_names(&p.path);
    (names == ["coro", "__private", "Spilled", "receiver"] && c.args.len() == 1).then(|| &c.args[0])
}

/// `4`, `-1`, `"s"`, `true`: a literal, whose value has nothing to drop.
fn is_literal(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) => true,
        Expr::Unary(u) => matches!(u.op, syn::UnOp::Neg(_)) && is_literal(&u.expr),
        Expr::Paren(p) => is_literal(&p.expr),
        _ => false,
    }
}

/// Whether `base`, the base of a field or index, is a temporary that rustc
/// keeps to the end of the statement, which the lowering must give a home
/// (see `is_temporary_value`).
fn projects_temporary(base: &Expr) -> bool {
    !super::control::is_place(base) && is_temporary_value(base)
}

/// Whether `e`, as the base of a field or index, makes a temporary that
/// rustc keeps to the end of the statement: a tuple, struct, array or call
/// (not a block, whose value is its tail's, nor a placeholder of the
/// lowering, which already has a home).
pub fn is_temporary_value(e: &Expr) -> bool {
    match e {
        Expr::Tuple(_)
        | Expr::Struct(_)
        | Expr::Array(_)
        | Expr::Call(_)
        | Expr::MethodCall(_)
        | Expr::Macro(_) => true,
        Expr::Paren(p) => is_temporary_value(&p.expr),
        _ => false,
    }
}

/// Whether `Builder::hoist_borrowed_temporaries` (or the await of a future,
/// which applies it to its operand) looks inside `e`'s operands: the
/// expressions `borrows_temporary` descends into.
pub fn hoisting_looks_inside(e: &Expr) -> bool {
    match e {
        Expr::Reference(_)
        | Expr::Paren(_)
        | Expr::Cast(_)
        | Expr::Call(_)
        | Expr::MethodCall(_)
        | Expr::Tuple(_)
        | Expr::Array(_)
        | Expr::Struct(_)
        | Expr::Field(_)
        | Expr::Index(_)
        | Expr::Await(_) => true,
        Expr::Binary(b) => crate::syntax::is_arithmetic(&b.op),
        _ => false,
    }
}

/// Whether `e` borrows a temporary (`&<value>`), or reads a field or an
/// element of one (`make().0`), outside closures, blocks and macros: a
/// temporary that lives to the end of the statement, which
/// `Builder::hoist_borrowed_temporaries` gives a home.
pub fn borrows_temporary(e: &Expr) -> bool {
    match e {
        Expr::Reference(r) => {
            is_extended(r)
                || !super::control::is_place(&r.expr) && !is_promoted(r)
                || borrows_temporary(&r.expr)
        }
        Expr::Paren(p) => borrows_temporary(&p.expr),
        Expr::Field(f) => projects_temporary(&f.base) || borrows_temporary(&f.base),
        Expr::Index(i) => {
            projects_temporary(&i.expr) || borrows_temporary(&i.expr) || borrows_temporary(&i.index)
        }
        Expr::Cast(c) => borrows_temporary(&c.expr),
        Expr::Binary(b) if crate::syntax::is_arithmetic(&b.op) => {
            borrows_temporary(&b.left) || borrows_temporary(&b.right)
        }
        Expr::Call(c) => borrows_temporary(&c.func) || c.args.iter().any(borrows_temporary),
        Expr::MethodCall(m) => {
            borrows_temporary(&m.receiver) || m.args.iter().any(borrows_temporary)
        }
        Expr::Tuple(t) => t.elems.iter().any(borrows_temporary),
        Expr::Array(a) => a.elems.iter().any(borrows_temporary),
        Expr::Struct(s) => s.fields.iter().any(|f| borrows_temporary(&f.expr)),
        Expr::Macro(_) => super::stmt::pinned_value(e).is_some(),
        _ => false,
    }
}

/// `&1`, `&-2`, `&[1, 2]`, `&("a", 3)`: rustc promotes the literal to a
/// constant, so the borrow makes no temporary (and is `'static`).
pub fn is_promoted(r: &syn::ExprReference) -> bool {
    fn literal(e: &Expr) -> bool {
        match e {
            Expr::Paren(p) => literal(&p.expr),
            Expr::Tuple(t) => t.elems.iter().all(literal),
            Expr::Array(a) => a.elems.iter().all(literal),
            e => is_literal(e),
        }
    }
    r.mutability.is_none() && literal(&r.expr)
}

/// A borrow whose temporary a `let` binding extends (marked by `stmt.rs`).
fn is_extended(r: &syn::ExprReference) -> bool {
    r.attrs.iter().any(|a| a.path().is_ident("coro_extend"))
}

pub fn unit() -> Expr {
    syn::parse_quote!(())
}

/// The awaited expression as it reads in source (for doc comments).
fn tidy(source: &str) -> String {
    source
        .replace(" . ", ".")
        .replace(" (", "(")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" ,", ",")
        .replace("& ", "&")
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" ?", "?")
        .replace("! (", "!(")
        .replace(" !", "!")
}

/// The name hint of the first `.await` in `e` (in evaluation order, near
/// enough: the first in source), or of the macro `e` calls.
fn first_await_hint(e: &Expr) -> String {
    struct First(Option<String>);
    impl<'ast> syn::visit::Visit<'ast> for First {
        fn visit_expr_await(&mut self, a: &'ast syn::ExprAwait) {
            syn::visit::visit_expr(self, &a.base);
            if self.0.is_none() {
                self.0 = Some(name_hint(&a.base));
            }
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            if self.0.is_none() {
                self.0 = m.path.segments.last().map(|s| s.ident.to_string());
            }
        }
    }
    let mut first = First(None);
    syn::visit::Visit::visit_expr(&mut first, e);
    first.0.unwrap_or_default()
}

/// A short name for an await: the last method or function it calls.
fn name_hint(e: &Expr) -> String {
    match e {
        Expr::MethodCall(m) => m.method.to_string(),
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) => p
                .path
                .segments
                .last()
                .map(|s| s.ident.to_string())
                .unwrap_or_default(),
            _ => String::new(),
        },
        Expr::Path(p) => p
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default(),
        Expr::Paren(p) => name_hint(&p.expr),
        Expr::Field(f) => match &f.member {
            syn::Member::Named(n) => n.to_string(),
            syn::Member::Unnamed(_) => String::new(),
        },
        Expr::Try(t) => name_hint(&t.expr),
        Expr::Await(a) => name_hint(&a.base),
        _ => String::new(),
    }
}
