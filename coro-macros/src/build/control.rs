//! Control flow whose bodies suspend, and the exits that leave it.
//!
//! Input:  `let n = if ready { 1 } else { fetch().await }; use(n)`
//! Output: block `Start`: `if ready { n = 1; goto Join } else { <suspend on fetch()> }`,
//!         block `AwaitFetch`: `n = <output>; goto Join`, block `Join`: `use(n)`.
//! A construct keeps its Rust form in the block where it starts (`if`,
//! `match`); where branches suspend, the code after the construct moves to
//! a join block reached from every branch that gets there. Loops that
//! suspend get a head block (the target of `continue` and of the back edge)
//! and an exit block (the target of `break`).

use super::code::{Ctx, block_has_await, exit_call, has_await};
use super::native::Position;
use super::pattern::{bindings, pattern_has_ref, pattern_moves};
use super::{Builder, LexScope, LoopCtx, Pos, select};
use crate::ir::*;
use proc_macro2::Span;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Expr, Ident, parse_quote_spanned};

/// The label of the block an `if let` with an `else` is lowered as.
const IF_LABEL: &str = "__coro_if";

impl Builder {
    // ----- exits -------------------------------------------------------------

    /// `return value` from anywhere: the placeholder call for it.
    pub fn return_exit(&mut self, value: Option<Expr>, span: Span) -> Expr {
        let id = self.exit(ExitKind::Return, 0, span);
        let value = value.unwrap_or_else(|| parse_quote_spanned!(span=> ()));
        exit_call(id, Some(value), span)
    }

    /// `break`/`continue` leaving a loop that suspends.
    pub fn loop_exit(
        &mut self,
        label: Option<String>,
        is_continue: bool,
        value: Option<Expr>,
        span: Span,
    ) -> Expr {
        let target = self.loops.iter().rev().find(|l| match &label {
            Some(label) => self.body.loops[l.id].label.as_deref() == Some(label.as_str()),
            None => !l.is_block,
        });
        let Some(&LoopCtx { id, depth, .. }) = target else {
            // rustc reports the misplaced `break` on the shadow copy.
            return parse_quote_spanned!(span=> ::core::unreachable!());
        };
        let info = &mut self.body.loops[id];
        let (target, value_var) = if is_continue {
            (info.head, None)
        } else {
            info.broken = true;
            (info.exit, info.value)
        };
        let exit = self.exit(ExitKind::Jump { target, value_var }, depth, span);
        exit_call(exit, value, span)
    }

    /// Jumps to `target`, leaving the scopes opened since depth `depth`
    /// (their values drop, as a `break` drops them): a failed test of a
    /// let chain, a `while` loop's back edge and exit.
    fn leave_to(&mut self, target: BlockId, depth: usize, span: Span) {
        let exit = self.exit(
            ExitKind::Jump {
                target,
                value_var: None,
            },
            depth,
            span,
        );
        self.exit_now(exit_call(exit, None, span));
    }

    /// `inner?`: branch on `inner`; on the residual, return it converted to
    /// the function's return type by `?` itself.
    pub fn try_exit(&mut self, inner: Expr, question_token: syn::Token![?]) -> Expr {
        let question = question_token.span;
        let id = self.exit(ExitKind::Return, 0, question);
        let exit = exit_placeholder(id, question);
        let ok = Ident::new("__coro_ok", Span::mixed_site());
        // The residual is converted by the user's own `?` token, in an
        // `async` block made as the shadow copy's is: a `?` rustc rejects is
        // then the same error in both, shown once. (Spanned at the `?`:
        // rustc reports a wrong `?` at `residual?`.)
        let residual = Ident::new("__coro_residual", question);
        let pin_output = self
            .ret_ty
            .as_ref()
            .map(|ty| quote!(if false { return ::coro::__private::value_of_type::<#ty>(); }));
        let convert = quote!(
            ::coro::__private::residual_into(async move { #pin_output match #residual #question_token {} })
        );
        // Parenthesised: at the start of a statement (`x? + 1;`) a bare
        // `match` would end the expression there.
        parse_quote_spanned!(question=>
            (match ::coro::__private::Branch::branch(#inner) {
                ::coro::__private::ControlFlow::Continue(#ok) => #ok,
                ::coro::__private::ControlFlow::Break(#residual) => #exit(#convert),
            })
        )
    }

    // ----- helpers ---------------------------------------------------------------

    // Input:  `let h: Box<dyn Display> = if c { Box::new(1u8) } else { Box::new(n().await) };`
    // Output: each branch writes `let __coro_tmpN: Box<dyn Display> = ..;`
    /// The value of an `if`, `match`, block or `loop` that suspends (`source`,
    /// lowered to `value`) is held in a var of the lowering's, which each
    /// branch writes. Where the value is expected to have a type (`ty`: a
    /// typed `let`'s, the function's for its tail), that var gets it, so that
    /// each branch's value coerces to it as rustc's branches do (`Box<u8>` to
    /// `Box<dyn Display>`, `&mut T` to `&T`), instead of the first branch's
    /// type deciding the others'.
    pub fn expect_construct_type(&mut self, source: &Expr, value: &Expr, ty: &syn::Type) {
        let source = crate::syntax::unparenthesised(source);
        if !matches!(
            source,
            Expr::If(_) | Expr::Match(_) | Expr::Block(_) | Expr::Unsafe(_) | Expr::Loop(_)
        ) {
            return;
        }
        let Some(var) = self.var_of(value) else {
            return;
        };
        if holds_construct_value(&self.body.vars[var]) && self.body.vars[var].ty.is_none() {
            self.body.vars[var].ty = Some(ty.clone());
            self.pass_expected_type_inward(var);
        }
    }

    /// A branch whose value is itself a construct's (`Vacant(v) => { x.await;
    /// Ok(v.insert(..)) }`, a block inside a `match`) writes that
    /// construct's var into `var`: that var is expected to have the same
    /// type, so that its own writes coerce.
    fn pass_expected_type_inward(&mut self, var: VarId) {
        let Some(ty) = self.body.vars[var].ty.clone() else {
            return;
        };
        let inner: Vec<VarId> = self
            .body
            .lists
            .iter()
            .flatten()
            .filter_map(|stmt| match stmt {
                Stmt::Init { var: v, value } if *v == var => match &value.expr {
                    Expr::Path(p) => p
                        .path
                        .get_ident()
                        .and_then(|i| parse_placeholder(i, "__coro_mention_"))
                        .map(|id| self.body.mentions[id].var),
                    _ => None,
                },
                _ => None,
            })
            .filter(|&w| {
                holds_construct_value(&self.body.vars[w]) && self.body.vars[w].ty.is_none()
            })
            .collect();
        for w in inner {
            self.body.vars[w].ty = Some(ty.clone());
            self.pass_expected_type_inward(w);
        }
    }

    /// The parts of scrutinee `e`'s value that are references as syntax
    /// shows (see `Var::ref_parts`): elements of a tuple literal, or the
    /// `Some` of std's methods lending an element (`first`, `get`).
    pub(super) fn ref_parts(&self, e: &Expr) -> RefParts {
        match crate::syntax::unparenthesised(e) {
            Expr::Tuple(t) => RefParts::Tuple(
                t.elems
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| {
                        let e = crate::syntax::unparenthesised(e);
                        matches!(e, Expr::Reference(_)) || self.names_reference(e)
                    })
                    .map(|(i, _)| i)
                    .collect(),
            ),
            Expr::MethodCall(m)
                if lends_an_element(&m.method.to_string(), m.args.len())
                    || finds_a_reference(m) =>
            {
                RefParts::OptionPayload
            }
            _ => RefParts::None,
        }
    }

    /// A var holding the value of a construct, declared before it (see
    /// `holds_construct_value`).
    fn result_var(&mut self, what: &str, span: Span) -> VarId {
        let n = self.body.vars.len();
        let name = Ident::new(&format!("__coro_tmp{n}"), span);
        let var = self.declare(name, VarKind::Result, true, None);
        self.body.vars[var].kind = VarKind::Temp {
            what: what.to_string(),
        };
        self.emit(Stmt::Declare { var });
        self.bind_name(var);
        var
    }

    /// Lowers one branch of a construct placed at `at` into `list`, and
    /// returns where control continues after it: after the construct (in
    /// `at`'s list) if the branch falls out of it without suspending, or
    /// where it ended in another block.
    pub(super) fn branch(
        &mut self,
        at: &Option<Pos>,
        list: ListId,
        f: impl FnOnce(&mut Self),
    ) -> Option<Pos> {
        let mut pos = at.clone()?;
        let at_block = pos.block;
        pos.lists.push((list, None));
        let scope = self.new_scope_id();
        self.lex.push(LexScope {
            scope,
            names_mark: self.names.len(),
        });
        self.pos = Some(pos);
        f(self);
        let end = self.pos.take();
        let lex = self.lex.pop().expect("pushed");
        self.names.truncate(lex.names_mark);
        let falls_out =
            |end: &Pos| end.block == at_block && end.lists.last().map(|l| l.0) == Some(list);
        if !end.as_ref().is_some_and(falls_out) {
            self.body.ends_elsewhere.insert(list);
        }
        let mut end = end?;
        if falls_out(&end) {
            return at.clone();
        }
        // The branch's scope as reopened where it ended: control goes on
        // after it there.
        if let Some((reopened, _)) = end.lists.pop() {
            self.body.left_reopened.insert(reopened);
        }
        Some(end)
    }

    /// Declares the vars a pattern binds (its Rust bindings become them).
    fn adopt_bindings(&mut self, pat: &syn::Pat) {
        for p in bindings(pat) {
            let var = self.declare(
                p.ident.clone(),
                VarKind::Local,
                p.mutability.is_some(),
                None,
            );
            self.emit(Stmt::Adopt(var));
            self.bind_name(var);
        }
    }

    /// Lowers a block's statements into an open scope and stores its tail in
    /// `result` (or drops it as a statement).
    fn block_into(&mut self, block: &syn::Block, result: Option<VarId>) {
        if let Some(tail) = self.stmts(&block.stmts) {
            match (tail, result) {
                (Some(tail), Some(result)) => {
                    let value = self.code(&tail, Ctx::Value);
                    self.emit(Stmt::Init { var: result, value });
                }
                (Some(tail), None) => {
                    let code = self.code(&tail, Ctx::Value);
                    self.emit(Stmt::Code(code));
                }
                (None, Some(result)) => {
                    // A block that ends in `panic!(..);` has rustc's type
                    // `!`, which the other branches' values coerce it to;
                    // its value here never comes.
                    let value = if super::completes::block_never_completes(block) {
                        syn::parse_quote_spanned!(block.brace_token.span.close()=> ::core::unreachable!())
                    } else {
                        super::expr::unit()
                    };
                    let value = self.code(&value, Ctx::Value);
                    self.emit(Stmt::Init { var: result, value });
                }
                (None, None) => {}
            }
        }
    }

    // ----- blocks --------------------------------------------------------------

    /// `{ .. }` (labelled or not) whose statements suspend.
    pub fn block_expr(&mut self, b: &syn::ExprBlock, want: bool) -> Option<Expr> {
        let Some(label) = &b.label else {
            return self.plain_block_value(&b.block, want);
        };
        let span = b.span();
        let result = want.then(|| self.result_var("block value", span));
        // (The block an `if let` with an `else` is lowered as, see
        // `else_outside_condition_scope`, is the user's `if`.)
        let name = label.name.ident.to_string();
        let what = match name.strip_prefix(IF_LABEL) {
            Some(_) => "after if".to_string(),
            None => format!("after block {name}"),
        };
        let exit = self.new_block(BlockKind::Join { what });
        let id = self.push_loop(Some(label.name.ident.to_string()), exit, exit, result, true);
        self.open_scope();
        // (Its tail is its value too.)
        self.tail_type = self.loops.last().and_then(|l| l.expected.clone());
        self.block_into(&b.block, result);
        self.close_scope();
        self.body.loops[id].broken |= self.reachable();
        self.goto(exit);
        self.loops.pop();
        self.after_loop(id);
        Some(result.map_or_else(super::expr::unit, |r| self.var_path(r)))
    }

    /// The value of `lower` computed in a scope of its own, as if written
    /// `{ expr }`: the temporaries it keeps across its awaits drop when it
    /// ends (a block's tail temporaries do, in edition 2024).
    pub fn scoped_value(
        &mut self,
        what: &str,
        span: Span,
        lower: impl FnOnce(&mut Self) -> Option<Expr>,
    ) -> Option<Expr> {
        let result = self.result_var(what, span);
        self.open_scope();
        let value = lower(self);
        if let Some(value) = &value {
            let value = self.code(value, Ctx::Value);
            self.emit(Stmt::Init { var: result, value });
        }
        self.close_scope();
        value?;
        Some(self.var_path(result))
    }

    /// An unlabelled block (or `unsafe` block) whose statements suspend.
    pub fn plain_block_value(&mut self, block: &syn::Block, want: bool) -> Option<Expr> {
        let span = block.brace_token.span.join();
        let result = want.then(|| self.result_var("block value", span));
        self.open_scope();
        self.block_into(block, result);
        self.close_scope();
        if !self.reachable() {
            return None;
        }
        Some(result.map_or_else(super::expr::unit, |r| self.var_path(r)))
    }

    // ----- if ------------------------------------------------------------------

    pub fn if_expr(&mut self, i: &syn::ExprIf, want: bool) -> Option<Expr> {
        // (The branches' values are expected to have the type rustc
        // expects of the `if`'s, not the condition's.)
        let expected = self.tail_type.take();
        if let Some(block) = self.else_outside_condition_scope(i) {
            self.tail_type = expected;
            return self.block_expr(&block, want);
        }
        let branches_suspend = block_has_await(&i.then_branch)
            || i.else_branch.as_ref().is_some_and(|(_, e)| has_await(e));
        if !branches_suspend && !let_chain(&i.cond) {
            // Only the condition suspends: the `if` stays whole.
            let cond = self.plain_cond(&i.cond)?;
            let mut i = i.clone();
            *i.cond = cond;
            return Some(Expr::If(i));
        }
        let span = i.span();
        let result = (want && i.else_branch.is_some()).then(|| self.result_var("`if` value", span));
        let then_branch = &i.then_branch;
        let else_branch = i.else_branch.as_ref().map(|(_, e)| &**e);
        let ends = self.cond_branches(
            &i.cond,
            &mut |b: &mut Builder| {
                b.open_scope();
                b.tail_type = expected.clone();
                b.block_into(then_branch, result);
                b.close_scope();
            },
            &mut |b: &mut Builder| {
                if let Some(e) = else_branch {
                    b.tail_type = expected.clone();
                    b.else_branch(e, result);
                }
            },
        );
        self.join(ends, "after if");
        if !self.reachable() {
            return None;
        }
        Some(result.map_or_else(super::expr::unit, |r| self.var_path(r)))
    }

    /// An `if let` (or let chain) whose condition suspends, with an `else`,
    /// as a labelled block whose `else` runs after the condition's
    /// temporaries are gone: in edition 2024 they live through the then
    /// branch and drop before the `else` one, which the lowering's
    /// statement-long temporaries would not do.
    ///
    /// Input:  `if let P = f(&g().await) { T } else { F }`
    /// Output: `'__coro_if: { if let P = f(&g().await) { break '__coro_if T; } F }`
    ///
    /// So is one whose body awaits, its one `let` matching through a
    /// temporary (`if let Some(n) = *c.borrow() { n + f().await } else { F
    /// }`), as a `match`, which keeps its scrutinee's temporaries to the end
    /// of the taken arm (a guard held through the body), then the `else`:
    ///
    /// Output: `'__coro_if: { match *c.borrow() { Some(n) => break '__coro_if
    ///          { n + f().await }, _ => {} } F }`
    fn else_outside_condition_scope(&mut self, i: &syn::ExprIf) -> Option<syn::ExprBlock> {
        let (_, else_branch) = i.else_branch.as_ref()?;
        let through_temporary = match &*i.cond {
            Expr::Let(l) => reaches_temporary(&l.expr) && block_has_await(&i.then_branch),
            _ => false,
        };
        let suspending_chain = let_chain(&i.cond) && has_await(&i.cond);
        if !suspending_chain && !through_temporary {
            return None;
        }
        let span = i.span();
        let label = syn::Lifetime::new(
            &format!("'{IF_LABEL}{}", self.body.vars.len()),
            Span::mixed_site(),
        );
        let (cond, then_branch) = (&i.cond, &i.then_branch);
        Some(match &*i.cond {
            Expr::Let(l) if through_temporary && !has_await(cond) => {
                let (pat, value) = (&l.pat, &l.expr);
                parse_quote_spanned!(span=> #label: {
                    match #value { #pat => break #label #then_branch, _ => {} }
                    #else_branch
                })
            }
            _ => parse_quote_spanned!(span=> #label: {
                if #cond { break #label #then_branch; }
                #else_branch
            }),
        })
    }

    fn else_branch(&mut self, e: &Expr, result: Option<VarId>) {
        let expected = self.tail_type.take();
        // An `else if` whose condition keeps a temporary across one of its
        // awaits (`else if let Some(x) = f((D::new(), 1).1).await`) runs
        // natively, as such a statement does (the `else` is its scope). So
        // does an `else if let` without `else` whose block awaits, which
        // `let_as_match` made a `match` (`else if let Some(a) =
        // some_if((Pair { .. }).sum()) { f().await; }`): its scrutinee's
        // temporaries live to the end of its block.
        let native = match e {
            Expr::If(_) | Expr::Match(_) => {
                self.native_statement_typed(e, statement_or_operand(result), expected.as_ref())
            }
            _ => None,
        };
        let e = native.as_ref().unwrap_or(e);
        match e {
            Expr::Block(b) if b.label.is_none() => {
                self.open_scope();
                self.tail_type = expected;
                self.block_into(&b.block, result);
                self.close_scope();
            }
            Expr::If(i) => {
                self.tail_type = expected;
                if let Some(value) = self.if_expr(i, result.is_some()) {
                    if let Some(result) = result {
                        let value = self.code(&value, Ctx::Value);
                        self.emit(Stmt::Init { var: result, value });
                    } else {
                        let code = self.code(&value, Ctx::Value);
                        self.emit(Stmt::Code(code));
                    }
                }
            }
            other => {
                if let Some(value) = self.expr(other, Ctx::Value) {
                    let value = self.code(&value, Ctx::Value);
                    match result {
                        Some(result) => self.emit(Stmt::Init { var: result, value }),
                        None => self.emit(Stmt::Code(value)),
                    }
                }
            }
        }
    }

    /// Lowers a condition (with `let` chains) and both outcomes, and
    /// returns where each outcome ends. If a test after the first suspends,
    /// the tests nest, and every failed test jumps to a shared `else` block.
    fn cond_branches(
        &mut self,
        cond: &Expr,
        then: &mut dyn FnMut(&mut Builder),
        otherwise: &mut dyn FnMut(&mut Builder),
    ) -> Vec<Option<Pos>> {
        let tests = conjuncts(cond);
        if !tests.iter().skip(1).any(|t| has_await(t)) {
            let cond = if let_chain(cond) {
                self.cond_value(cond)
            } else {
                self.plain_cond(cond)
            };
            let Some(cond) = cond else {
                return Vec::new();
            };
            let at = self.save_pos();
            let (then_list, else_list) = (self.body.new_list(), self.body.new_list());
            let code = self.code_cond(&cond);
            let then_end = self.branch(&at, then_list, |b| {
                b.open_scope();
                for test in conjuncts(&cond) {
                    if let Expr::Let(l) = test {
                        b.adopt_bindings(&l.pat);
                    }
                }
                then(b);
                b.close_scope();
            });
            let else_end = self.branch(&at, else_list, |b| otherwise(b));
            self.restore_pos(at);
            self.emit(Stmt::If {
                cond: code,
                then_list,
                else_list,
            });
            return vec![then_end, else_end];
        }
        let else_block = self.new_block(BlockKind::Join {
            what: "else branch".to_string(),
        });
        let depth = self.depth();
        let then_end = self.nested_tests(&tests, (else_block, depth), then);
        let before = self.pos.take();
        self.switch_to(else_block);
        otherwise(self);
        let else_end = self.pos.take();
        self.pos = before;
        vec![then_end, else_end]
    }

    /// Tests `tests` one by one (each may suspend); a failed test jumps to
    /// `otherwise.0`, leaving the scopes opened since depth `otherwise.1`
    /// (the bindings and kept temporaries of the tests so far drop);
    /// `then` runs when all hold. Returns where `then` ends.
    fn nested_tests(
        &mut self,
        tests: &[&Expr],
        otherwise: (BlockId, usize),
        then: &mut dyn FnMut(&mut Builder),
    ) -> Option<Pos> {
        let (test, rest) = tests.split_first()?;
        let cond = match test {
            Expr::Let(l) => {
                let ctx = scrutinee_ctx(&l.pat);
                let scrutinee = self.expr(&l.expr, ctx)?;
                let mut l = l.clone();
                *l.expr = scrutinee;
                Expr::Let(l)
            }
            other => self.expr(other, Ctx::Value)?,
        };
        let at = self.save_pos();
        let (then_list, else_list) = (self.body.new_list(), self.body.new_list());
        let code = self.code_cond(&cond);
        let span = test.span();
        let _ = self.branch(&at, else_list, |b| {
            let (target, depth) = otherwise;
            b.leave_to(target, depth, span);
        });
        let then_end = self.branch(&at, then_list, |b| {
            b.open_scope();
            if let Expr::Let(l) = &cond {
                b.adopt_bindings(&l.pat);
            }
            if rest.is_empty() {
                then(b);
            } else {
                let end = b.nested_tests(rest, otherwise, then);
                b.pos = end;
            }
            b.close_scope();
        });
        self.restore_pos(at);
        self.emit(Stmt::If {
            cond: code,
            then_list,
            else_list,
        });
        then_end
    }

    /// Marks a condition as code: `let` patterns keep their bindings as
    /// Rust bindings (adopted by the branch).
    fn code_cond(&mut self, cond: &Expr) -> Code {
        let mut cond = cond.clone();
        self.mark_cond(&mut cond, &mut Vec::new());
        Code { expr: cond }
    }

    /// `bound`: the names the chain's earlier `let`s bind, which its later
    /// tests see (not the vars of those names).
    fn mark_cond(&mut self, cond: &mut Expr, bound: &mut Vec<syn::Ident>) {
        match cond {
            Expr::Let(l) => {
                let ctx = scrutinee_ctx(&l.pat);
                *l.expr = self.code_shadowed(&l.expr, ctx, bound).expr;
                *l.pat = self.code_pat(&l.pat);
                bound.extend(super::pattern::binding_idents(&l.pat));
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.mark_cond(&mut b.left, bound);
                self.mark_cond(&mut b.right, bound);
            }
            other => *other = self.code_shadowed(other, Ctx::Value, bound).expr,
        }
    }

    /// A condition without `let` that suspends, evaluated into a var in a
    /// scope of its own: its temporaries drop before a branch runs, as
    /// rustc drops an `if` or `while` condition's temporaries. Returns the
    /// var's path.
    fn plain_cond(&mut self, cond: &Expr) -> Option<Expr> {
        if !has_await(cond) {
            return Some(cond.clone());
        }
        let span = cond.span();
        self.open_scope();
        let Some(value) = self.temporary_scope(|b| b.expr(cond, Ctx::Value)) else {
            self.close_scope();
            return None;
        };
        let value = self.code(&value, Ctx::Value);
        // Named once the condition's own temporaries are (each name is the
        // var count when it is declared).
        let n = self.body.vars.len();
        let name = Ident::new(&format!("__coro_tmp{n}"), span);
        let kind = VarKind::Temp {
            what: "condition".to_string(),
        };
        let var = self.declare_outside_statement(name, kind, false, None);
        self.emit(Stmt::Init { var, value });
        self.close_scope();
        self.bind_name(var);
        Some(self.var_path(var))
    }

    /// The condition with its suspending parts lowered (deferred).
    fn cond_value(&mut self, cond: &Expr) -> Option<Expr> {
        match cond {
            Expr::Let(l) => {
                let ctx = scrutinee_ctx(&l.pat);
                let scrutinee = self.expr(&l.expr, ctx)?;
                let mut l = l.clone();
                *l.expr = scrutinee;
                Some(Expr::Let(l))
            }
            // A let chain whose first test is the only one that suspends:
            // each test lowered in turn (left to right, as they run).
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) && let_chain(cond) => {
                let left = self.cond_value(&b.left)?;
                let right = self.cond_value(&b.right)?;
                let mut b = b.clone();
                *b.left = left;
                *b.right = right;
                Some(Expr::Binary(b))
            }
            other => self.expr(other, Ctx::Value),
        }
    }

    /// Runs `f` at position `at` (for marking code where a construct sits).
    fn at<T>(&mut self, at: &Option<Pos>, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = self.pos.take();
        self.pos = at.clone();
        let out = f(self);
        self.pos = saved;
        out
    }

    // ----- match -----------------------------------------------------------------

    /// A scrutinee that the lowering matches more than once (see
    /// [`awaiting_guard`]) as a place whose evaluation runs nothing of the
    /// user's: each operand that is a value (a call, a method call, an
    /// index that is not a name) is kept in a temporary, as rustc keeps it to
    /// the end of the `match`, and evaluated once.
    ///
    /// Input:  `match l[pick(&mut i)] { .. }`, `match *m.borrow() { .. }`
    /// Output: `l[__coro_tmp1]` (`__coro_tmp1 = pick(&mut i)`), `*__coro_tmp2`
    /// (`__coro_tmp2 = m.borrow()`)
    fn stable_place(&mut self, e: Expr) -> Expr {
        let span = e.span();
        match e {
            Expr::Path(_) => e,
            Expr::Paren(p) => self.stable_place(*p.expr),
            Expr::Field(mut f) => {
                *f.base = self.stable_operand(*f.base);
                Expr::Field(f)
            }
            Expr::Index(mut i) => {
                *i.expr = self.stable_operand(*i.expr);
                if !matches!(*i.index, Expr::Path(_) | Expr::Lit(_)) {
                    *i.index = self.keep(*i.index, "temporary", span);
                }
                Expr::Index(i)
            }
            Expr::Unary(mut u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                *u.expr = self.stable_operand(*u.expr);
                Expr::Unary(u)
            }
            value => self.keep(value, "scrutinee", span),
        }
    }

    /// A place (or a borrow of one) whose operands that are not places are
    /// kept in vars (`*c.borrow()`, `&*c.borrow_mut()`, `f().0`): their
    /// temporaries live as long as the place is used, across awaits. A
    /// place of vars alone is left as it is.
    fn place_through_temporaries_kept(&mut self, e: Expr) -> Expr {
        if !reaches_temporary(&e) {
            return e;
        }
        match e {
            Expr::Reference(mut r) => {
                *r.expr = self.stable_place(*r.expr);
                Expr::Reference(r)
            }
            place => self.stable_place(place),
        }
    }

    /// The operand of a place: a place made stable, or a value kept.
    fn stable_operand(&mut self, e: Expr) -> Expr {
        if is_place(&e) {
            self.stable_place(e)
        } else {
            let span = e.span();
            self.keep(e, "temporary", span)
        }
    }

    pub fn match_expr(&mut self, m: &syn::ExprMatch, want: bool) -> Option<Expr> {
        // (For the arms' values, not the scrutinee's.)
        let expected = self.tail_type.take();
        let arms_suspend = m.arms.iter().any(|a| has_await(&a.body));
        let guard_suspends = m.arms.iter().any(|a| guard_has_await(&a.pat));
        let moves = !is_borrow(&m.expr) && m.arms.iter().any(|a| pattern_moves(&a.pat));
        let refs = m.arms.iter().any(|a| pattern_has_ref(&a.pat));
        let ctx = if moves {
            Ctx::Scrutinee { refs }
        } else {
            Ctx::Place
        };
        if guard_suspends {
            let scrutinee = self.expr(&m.expr, ctx)?;
            let refs = self.ref_parts(&scrutinee);
            let scrutinee = self.stable_place(scrutinee);
            // (A tuple kept here is matched again by the rewritten `match`es,
            // which see a var: it carries what of it is references.)
            if let Some(var) = self.var_of(&scrutinee) {
                if self.body.vars[var].ref_parts == RefParts::None {
                    self.body.vars[var].ref_parts = refs.clone();
                }
            }
            // (A std conversion lending its receiver's contents,
            // `v.as_slice()`, is a reference too: its slice pattern binds
            // through it, as on `&v[..]`; taken for an owned value, the
            // guard dereferenced its bindings once more.)
            let through_reference = is_borrow(&m.expr)
                || returns_a_reference(&m.expr)
                || self.names_reference(crate::syntax::unparenthesised(&m.expr));
            let Expr::Match(rewritten) = awaiting_guard(m, &scrutinee, through_reference, &refs)?
            else {
                return None;
            };
            self.tail_type = expected;
            return self.match_expr(&rewritten, want);
        }
        let scrutinee = self.expr(&m.expr, ctx)?;
        if !arms_suspend {
            let mut m = m.clone();
            *m.expr = scrutinee;
            return Some(Expr::Match(m));
        }
        let span = m.span();
        // A temporary scrutinee lives until the end of the match, across the
        // arms' suspensions: keep it in a var. Not a borrow of a place whose
        // bindings all go through it (`match &v { Some(s) => .. }`, no `ref`
        // binding borrowing the reference itself): the temporary is a
        // reference, dropping it is no event, and nothing is left borrowing it.
        let through_borrow = match crate::syntax::unparenthesised(&scrutinee) {
            Expr::Reference(r) => {
                is_place(&r.expr) && !m.arms.iter().any(|a| pattern_has_ref(&a.pat))
            }
            _ => false,
        };
        let scrutinee = if is_place_expression(&scrutinee) || through_borrow {
            // (A place reached through a temporary, `*c.borrow()` or
            // `make().b`, keeps the temporary, a guard that must stay held
            // or a value the arm may borrow into; the place is matched
            // where it is, as rustc matches it.)
            self.place_through_temporaries_kept(scrutinee)
        } else {
            let refs = self.ref_parts(&scrutinee);
            let lent = returns_a_reference(&scrutinee);
            let kept = self.keep(scrutinee, "scrutinee", m.expr.span());
            if let Some(var) = self.var_of(&kept) {
                self.body.vars[var].ref_parts = refs;
                self.body.vars[var].borrow |= lent;
            }
            kept
        };
        let result = want.then(|| self.result_var("`match` value", span));
        // Where the scrutinee holds references: the arms' bindings there
        // hold references (`d @ Ev::Dep { .. }` on a `&Ev`, `Some(e)` of an
        // `Option<&Ev>`).
        let refs = if is_borrow(&m.expr)
            || self.names_reference(crate::syntax::unparenthesised(&m.expr))
        {
            Some(RefParts::None)
        } else {
            self.var_of(&scrutinee)
                .map(|v| self.body.vars[v].ref_parts.clone())
                .filter(|parts| *parts != RefParts::None)
        };
        let scrutinee = self.code(&scrutinee, ctx);
        let at = self.save_pos();
        let mut arms = Vec::new();
        let mut ends = Vec::new();
        // Arms after one that always matches never run (rustc warns so, and
        // its borrow check does not follow them): left out, so that their
        // uses do not seem to follow the earlier arms'. The shadow copy still
        // checks them.
        let reachable = m
            .arms
            .iter()
            .position(|a| super::pattern::irrefutable(&a.pat))
            .map_or(m.arms.len(), |i| i + 1);
        for arm in &m.arms[..reachable] {
            let list = self.body.new_list();
            let body = &arm.body;
            // The guard is coded as in the arm's list: it runs only if no
            // earlier arm was taken, so it does not follow their bodies.
            let mut pat = None;
            let end = self.branch(&at, list, |b| {
                pat = Some(b.code_pat(&arm.pat));
                b.open_scope();
                b.adopt_bindings(&arm.pat);
                if let Some(refs) = &refs {
                    for name in bindings_through_references(&arm.pat, refs) {
                        if let Some(var) = b.lookup(&name.to_string()) {
                            b.body.vars[var].borrow = true;
                        }
                    }
                }
                b.tail_type = expected.clone();
                b.temporary_scope(|b| b.arm_body(body, result));
                b.close_scope();
            });
            let pat = match pat {
                Some(pat) => pat,
                None => self.at(&at, |b| b.code_pat(&arm.pat)),
            };
            arms.push(MatchArm { pat, body: list });
            ends.push(end);
        }
        self.restore_pos(at.clone());
        self.emit(Stmt::Match { scrutinee, arms });
        self.join(ends, "after match");
        if !self.reachable() {
            return None;
        }
        Some(result.map_or_else(super::expr::unit, |r| self.var_path(r)))
    }

    fn arm_body(&mut self, body: &Expr, result: Option<VarId>) {
        let expected = self.tail_type.take();
        // An arm's expression is a scope of its temporaries: one that keeps
        // a temporary across one of its awaits runs natively, as such a
        // statement does. (A block's statements are judged one by one.)
        let native = match body {
            Expr::Block(_) => None,
            _ => self.native_statement_typed(body, statement_or_operand(result), expected.as_ref()),
        };
        let body = native.as_ref().unwrap_or(body);
        match body {
            Expr::Block(b) if b.label.is_none() && result.is_none() => {
                self.open_scope();
                self.block_into(&b.block, None);
                self.close_scope();
            }
            _ if result.is_none() => self.expr_stmt(body),
            _ => {
                if native.is_none() {
                    self.expect_in_branches(body, expected);
                }
                let value = self.expr(body, Ctx::Value);
                self.tail_type = None;
                if let Some(value) = value {
                    let value = self.code(&value, Ctx::Value);
                    self.emit(Stmt::Init {
                        var: result.expect("checked"),
                        value,
                    });
                    // (`None => break on_shutdown(ticks)`: control leaves
                    // the arm in its code, never reaching the `match`'s end.)
                    if super::stmt::diverges(body) {
                        self.pos = None;
                    }
                }
            }
        }
    }

    // ----- loops -----------------------------------------------------------------

    fn push_loop(
        &mut self,
        label: Option<String>,
        head: BlockId,
        exit: BlockId,
        value: Option<VarId>,
        is_block: bool,
    ) -> usize {
        let id = self.body.loops.len();
        self.body.loops.push(LoopInfo {
            label,
            head,
            exit,
            value,
            broken: false,
        });
        // (Its value's expected type is the construct's: taken here, so
        // that no statement inside takes it for its own.)
        let expected = self.tail_type.take();
        self.loops.push(LoopCtx {
            id,
            depth: self.depth(),
            is_block,
            expected,
        });
        id
    }

    /// Continues after a loop: in its exit block if anything breaks to it.
    fn after_loop(&mut self, id: usize) {
        if self.body.loops[id].broken {
            self.switch_to(self.body.loops[id].exit);
        } else {
            self.pos = None;
        }
    }

    pub fn loop_expr(&mut self, l: &syn::ExprLoop, want: bool) -> Option<Expr> {
        let span = l.span();
        let result = want.then(|| self.result_var("`loop` value", span));
        let head = self.new_block(BlockKind::Join {
            what: "loop head".to_string(),
        });
        let exit = self.new_block(BlockKind::Join {
            what: "after loop".to_string(),
        });
        self.goto(head);
        self.switch_to(head);
        let id = self.push_loop(
            l.label.as_ref().map(|l| l.name.ident.to_string()),
            head,
            exit,
            result,
            false,
        );
        self.open_scope();
        self.block_into(&l.body, None);
        self.close_scope();
        self.goto(head);
        self.loops.pop();
        self.after_loop(id);
        if let (Some(r), false) = (result, self.body.loops[id].broken) {
            // Left only by `return` (or never): the value is never written,
            // so nothing would give its slot a type. It is a plain local.
            self.body.vars[r].crosses = false;
            self.body.vars[r].ty = Some(syn::parse_quote!(()));
        }
        if !self.reachable() {
            return None;
        }
        Some(result.map_or_else(super::expr::unit, |r| self.var_path(r)))
    }

    pub fn while_expr(&mut self, w: &syn::ExprWhile) {
        let head = self.new_block(BlockKind::Join {
            what: "while head".to_string(),
        });
        let exit = self.new_block(BlockKind::Join {
            what: "after while".to_string(),
        });
        self.goto(head);
        self.switch_to(head);
        let id = self.push_loop(
            w.label.as_ref().map(|l| l.name.ident.to_string()),
            head,
            exit,
            None,
            false,
        );
        let body = &w.body;
        let span = w.while_token.span;
        // The condition's temporaries (a `while let` scrutinee kept across
        // its await) live through the body, to the end of the iteration: a
        // scope of their own, which the back edge leaves as a `continue`
        // does and the exit as a `break` does. So they drop there, and hold
        // no frame slot unless the body suspends.
        let depth = self.depth();
        self.open_scope();
        let leave = |b: &mut Builder, target: BlockId| b.leave_to(target, depth, span);
        let ends = self.cond_branches(
            &w.cond,
            &mut |b: &mut Builder| {
                b.open_scope();
                b.block_into(body, None);
                b.close_scope();
                if b.reachable() {
                    leave(b, head);
                }
            },
            &mut |b: &mut Builder| {
                b.body.loops[id].broken = true;
                leave(b, exit);
            },
        );
        for end in ends.into_iter().flatten() {
            self.pos = Some(end);
            self.goto(head);
        }
        self.pos = None;
        self.close_scope();
        self.loops.pop();
        self.after_loop(id);
    }

    pub fn for_expr(&mut self, f: &syn::ExprForLoop) {
        if let Some(item_first) = self.item_bound_first(f) {
            return self.for_expr(&item_first);
        }
        let span = f.for_token.span;
        // The iterator lives in the loop's own scope, dropped after it.
        self.open_scope();
        let Some(iterable) = self.expr(&f.expr, Ctx::Value) else {
            self.close_scope();
            return;
        };
        // A place reached through a temporary (`&*cell.borrow()`) keeps it
        // to the end of the loop, as rustc keeps the iterable's.
        let borrowed_place = match crate::syntax::unparenthesised(&iterable) {
            Expr::Reference(r) => is_place(&r.expr),
            other => is_place(other),
        };
        let iterable = if borrowed_place {
            self.place_through_temporaries_kept(iterable)
        } else {
            iterable
        };
        let iter_var = {
            let n = self.body.vars.len();
            let name = Ident::new(&format!("__coro_tmp{n}"), span);
            self.declare(name, VarKind::Iter, true, None)
        };
        let into = parse_quote_spanned!(span=> ::core::iter::IntoIterator::into_iter(#iterable));
        let value = self.code(&into, Ctx::Value);
        self.emit(Stmt::Init {
            var: iter_var,
            value,
        });
        self.bind_name(iter_var);
        let head = self.new_block(BlockKind::Join {
            what: "for head".to_string(),
        });
        let exit = self.new_block(BlockKind::Join {
            what: "after for".to_string(),
        });
        self.goto(head);
        self.switch_to(head);
        let id = self.push_loop(
            f.label.as_ref().map(|l| l.name.ident.to_string()),
            head,
            exit,
            None,
            false,
        );
        let iter_path = self.var_path(iter_var);
        let next: Expr = parse_quote_spanned!(span=> ::core::iter::Iterator::next(&mut #iter_path));
        let scrutinee = self.code(&next, Ctx::Value);
        let at = self.save_pos();
        let some_list = self.body.new_list();
        let none_list = self.body.new_list();
        let pat = &f.pat;
        let body = &f.body;
        let over_range = over_range(f);
        let yields_references = self.yields_references(f);
        let some_end = self.branch(&at, some_list, |b| {
            b.open_scope();
            let first = b.body.vars.len();
            b.adopt_bindings(pat);
            if over_range {
                b.body.vars[first..]
                    .iter_mut()
                    .for_each(|v| v.no_drop = true);
            }
            if yields_references {
                // (A reference has no drop glue. Not said of `&mut it`,
                // which may yield owned items.)
                let through_mut = matches!(
                    crate::syntax::unparenthesised(&f.expr),
                    Expr::Reference(r) if r.mutability.is_some()
                );
                b.body.vars[first..].iter_mut().for_each(|v| {
                    v.borrow = true;
                    v.no_drop |= !through_mut;
                });
            }
            b.open_scope();
            b.block_into(body, None);
            b.close_scope();
            b.close_scope();
            b.goto(head);
        });
        let none_end = self.branch(&at, none_list, |b| {
            b.body.loops[id].broken = true;
            b.goto(exit);
        });
        debug_assert!(some_end.is_none() && none_end.is_none());
        let some_pat: syn::Pat = {
            let user_pat = self.at(&at, |b| b.code_pat(pat));
            parse_quote_spanned!(span=> ::core::option::Option::Some(#user_pat))
        };
        let none_pat: syn::Pat = parse_quote_spanned!(span=> ::core::option::Option::None);
        self.restore_pos(at);
        self.emit(Stmt::Match {
            scrutinee,
            arms: vec![
                MatchArm {
                    pat: some_pat,
                    body: some_list,
                },
                MatchArm {
                    pat: none_pat,
                    body: none_list,
                },
            ],
        });
        self.pos = None;
        self.loops.pop();
        self.after_loop(id);
        self.close_scope();
    }

    /// `for x in &v`, `for x in v.iter()`, `for x in data` with `data` a
    /// reference (`&buf[..n]`): references (as a guard sees them, see
    /// `awaiting_guard`).
    /// (So are the bindings of a tuple pattern there, `for (k, v) in
    /// &map`: the tuple of references a map yields, or one matched
    /// through a reference to it.)
    fn yields_references(&self, f: &syn::ExprForLoop) -> bool {
        let plain = |p: &syn::Pat| matches!(p, syn::Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none());
        let binds_plainly = match &*f.pat {
            syn::Pat::Tuple(t) => t
                .elems
                .iter()
                .all(|e| plain(e) || matches!(e, syn::Pat::Wild(_))),
            p => plain(p),
        };
        binds_plainly
            && match crate::syntax::unparenthesised(&f.expr) {
                // (`&mut it` of an iterator of owned items yields them.)
                Expr::Reference(r) => {
                    !(r.mutability.is_some()
                        && self
                            .var_of(&r.expr)
                            .is_some_and(|v| self.owning_iters.contains(&v)))
                }
                Expr::MethodCall(m) => {
                    m.args.is_empty() && (m.method == "iter" || m.method == "iter_mut")
                }
                e @ Expr::Path(_) => self.names_reference(e),
                _ => false,
            }
    }

    // Input:  `for (a, _) in pairs { x.await; .. }`
    // Output: `for __coro_item in pairs { let (a, _) = __coro_item; x.await; .. }`
    /// A `for` loop whose pattern leaves part of an owned item unbound (or
    /// borrows it by `ref`) and whose body suspends, with the item bound
    /// whole first: rustc keeps the item in `next()`'s temporary to the end
    /// of the body, and what the pattern leaves with it; a `let` of the
    /// pattern leaves it in the item's variable, dropped there too (after
    /// the pattern's bindings, as rustc's).
    fn item_bound_first(&self, f: &syn::ExprForLoop) -> Option<syn::ExprForLoop> {
        let leaves_part = crate::partial::has_unbound_part(&f.pat) || pattern_has_ref(&f.pat);
        if !leaves_part || over_range(f) || self.yields_references(f) || !block_has_await(&f.body) {
            return None;
        }
        let item = Ident::new("__coro_item", Span::mixed_site());
        let pat = &f.pat;
        let stmts = &f.body.stmts;
        let mut out = f.clone();
        out.pat = Box::new(parse_quote_spanned!(f.pat.span()=> #item));
        out.body = parse_quote_spanned!(f.body.span()=> {
            let #pat = #item;
            #(#stmts)*
        });
        Some(out)
    }

    /// `select!`, `join!`, `try_join!`, `poll!`, `pending!`: awaited inside an
    /// `async` block of their own (see `select.rs`).
    pub fn suspending_macro(&mut self, mac: &syn::Macro, span: Span) -> Option<Expr> {
        let name = super::macros::name(mac);
        let path = &mac.path;
        if select::is_select(&name) {
            let mut select: select::Select = match syn::parse2(mac.tokens.clone()) {
                Ok(s) => s,
                Err(err) => {
                    self.errors.push(err);
                    return None;
                }
            };
            let mut jumps = select::Jumps::new(self.innermost_loop_label());
            let ret_ty = self.ret_ty.as_ref();
            for branch in &mut select.branches {
                match branch {
                    select::Branch::Future {
                        future,
                        precondition,
                        handler,
                        ..
                    } => {
                        select::rewrite_exits(future, ret_ty, &mut jumps);
                        if let Some(c) = precondition {
                            select::rewrite_exits(c, ret_ty, &mut jumps);
                        }
                        select::wrap_handler(handler, ret_ty, None, &mut jumps);
                    }
                    select::Branch::Fallback { handler, .. } => {
                        select::wrap_handler(handler, ret_ty, None, &mut jumps);
                    }
                }
            }
            let block = select::inline_async(quote_spanned!(span=> #path! { #select }), mac, span);
            let awaited: Expr = parse_quote_spanned!(span=> (#block).await);
            let dispatch = select::dispatch(awaited, jumps, span);
            return self.expr(&dispatch, Ctx::Value);
        }
        if let Some(dispatch) = self.join_leaving_through_its_block(mac, span) {
            return self.expr(&dispatch, Ctx::Value);
        }
        let block = select::inline_async(quote_spanned!(span=> #mac), mac, span);
        let awaited: Expr = parse_quote_spanned!(span=> (#block).await);
        self.expr(&awaited, Ctx::Value)
    }

    // Input:  `tokio::join!(a(x.parse()?), b(y))`
    // Output: `match async { Flow::Value(tokio::join!(a(match branch(x.parse())
    //          { .., Break(r) => return Flow::Return(convert(r)) }), b(y))) }.await
    //          { Flow::Value(v) => v, Flow::Return(r) => return r, .. }`
    /// `join!` or `try_join!` whose futures may leave the function (`?`,
    /// `return`, a `break` out of it): the macro makes them, in order, in
    /// its `async` block, as natively it makes them in the function's own
    /// code, and their exits leave the block as a `Flow` that the
    /// coroutine's code performs. (Made before the block instead, each
    /// future would have a slot of the frame besides its place in the
    /// block's state.)
    fn join_leaving_through_its_block(&mut self, mac: &syn::Macro, span: Span) -> Option<Expr> {
        let name = super::macros::name(mac);
        if name != "join" && name != "try_join" {
            return None;
        }
        let (mut futures, false) = super::macros::parse_exprs(mac.tokens.clone())? else {
            return None;
        };
        if !futures.iter().any(super::expr::may_leave) {
            return None;
        }
        let mut jumps = select::Jumps::new(self.innermost_loop_label());
        for future in &mut futures {
            select::rewrite_exits(future, self.ret_ty.as_ref(), &mut jumps);
        }
        let mut rewritten = mac.clone();
        rewritten.tokens = quote::quote!(#(#futures),*);
        let value = quote_spanned!(span=> ::coro::__private::Flow::Value(#rewritten));
        let block = select::inline_async(value, mac, span);
        let awaited: Expr = parse_quote_spanned!(span=> (#block).await);
        Some(select::dispatch(awaited, jumps, span))
    }
}

/// The tests of a condition: `a && let P = b && c` is `[a, let P = b, c]`.
pub fn conjuncts(cond: &Expr) -> Vec<&Expr> {
    match cond {
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) && let_chain(cond) => {
            let mut out = conjuncts(&b.left);
            out.extend(conjuncts(&b.right));
            out
        }
        other => vec![other],
    }
}

/// Whether a condition contains a `let` (a let chain or `if let`).
pub fn let_chain(cond: &Expr) -> bool {
    match cond {
        Expr::Let(_) => true,
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
            let_chain(&b.left) || let_chain(&b.right)
        }
        _ => false,
    }
}

/// A `match` whose guard awaits, rewritten so that the guard is code of its
/// own (the scrutinee is a place, matched again as rustc's guards allow):
///
/// Input:  `match s { A => a, P if g.await => b, rest.. }`
/// Output: `match s { A => a, _ => {
///              let guard = match &s { P' => g'.await, _ => false };
///              if guard { match s { P => b, _ => unreachable!() } }
///              else { match s { rest.. } } } }`
/// where `P'` binds by reference (as a guard sees its bindings) and `g'`
/// dereferences the bindings `P` takes by value.
///
/// An or-pattern's guard is tried for each alternative that matches, in
/// order, with its bindings (rustc's rule): the arm is first split into one
/// arm per alternative. The arms after see the arms before that have no
/// guard as `P => unreachable!()`: rustc's exhaustiveness counts those.
///
/// A scrutinee syntax shows is a reference (`&v`, a `&T` argument,
/// `v.as_slice()`) binds by
/// reference already, natively, under a pattern that is neither a binding
/// nor `&`: then the guard's bindings are used as they are. So do the
/// bindings inside the parts of a tuple that are references (`refs`), under
/// such a pattern (`(Some(n), true)` on `(&light, tick)`).
fn awaiting_guard(
    m: &syn::ExprMatch,
    scrutinee: &Expr,
    through_reference: bool,
    refs: &RefParts,
) -> Option<Expr> {
    let k = m.arms.iter().position(|a| guard_has_await(&a.pat))?;
    if let Some(split) = split_alternatives(m, k) {
        return awaiting_guard(&split, scrutinee, through_reference, refs);
    }
    let span = m.match_token.span;
    let (before, after) = (&m.arms[..k], &m.arms[k + 1..]);
    let arm = &m.arms[k];
    let syn::Pat::Guard(g) = &arm.pat else {
        return None;
    };
    let pat = &*g.pat;
    let body = &arm.body;
    let mut by_ref_pat = pat.clone();
    let mut by_value = Vec::new();
    strip_binding_modes(&mut by_ref_pat, &mut by_value);
    if through_reference && !matches!(pat, syn::Pat::Ident(_) | syn::Pat::Reference(_)) {
        by_value.clear();
    }
    // The parts of the value that are references, with the patterns
    // matched against them.
    let ref_parts: Vec<&syn::Pat> = match (refs, crate::syntax::unparenthesised_pat(pat)) {
        (RefParts::Tuple(at), syn::Pat::Tuple(t)) => t
            .elems
            .iter()
            .enumerate()
            .filter(|(i, _)| at.contains(i))
            .map(|(_, e)| e)
            .collect(),
        (RefParts::OptionPayload, syn::Pat::TupleStruct(t))
            if t.path.segments.last().is_some_and(|s| s.ident == "Some") =>
        {
            t.elems.iter().collect()
        }
        _ => Vec::new(),
    };
    for part in ref_parts {
        if !matches!(part, syn::Pat::Ident(_) | syn::Pat::Reference(_)) {
            let through = super::pattern::binding_names(part);
            by_value.retain(|name| !through.contains(name));
        }
    }
    let mut guard = (*g.guard).clone();
    deref_bindings(&by_value, &mut guard);
    let flag = Ident::new("__coro_guard", Span::mixed_site());
    let matched_before = before.iter().filter_map(|a| match &a.pat {
        syn::Pat::Guard(_) => None,
        pat => Some(pat),
    });
    let rest: Expr = parse_quote_spanned! {span=> match #scrutinee {
        #(#[allow(unreachable_patterns)] #matched_before => ::core::unreachable!(),)*
        #(#after)*
    }};
    // (A pattern that binds nothing tests the place itself: a string
    // literal or a constant of a `&str` does not match through one more
    // reference, `&&str`.)
    let tested: Expr = if super::pattern::bindings(pat).is_empty() {
        scrutinee.clone()
    } else {
        parse_quote_spanned!(span=> &#scrutinee)
    };
    let decide: Expr = parse_quote_spanned! {span=> {
        let #flag = match #tested { #by_ref_pat => #guard, _ => false };
        if #flag {
            match #scrutinee { #pat => #body, _ => ::core::unreachable!() }
        } else {
            #rest
        }
    }};
    Some(parse_quote_spanned!(span=> match #scrutinee { #(#before)* _ => #decide }))
}

/// The match with arm `k`, whose pattern is an or-pattern under a guard,
/// split into one arm per alternative (each with the guard and the body).
fn split_alternatives(m: &syn::ExprMatch, k: usize) -> Option<syn::ExprMatch> {
    let arm = &m.arms[k];
    let syn::Pat::Guard(g) = &arm.pat else {
        return None;
    };
    let mut pat = &*g.pat;
    while let syn::Pat::Paren(p) = pat {
        pat = &p.pat;
    }
    let syn::Pat::Or(or) = pat else {
        return None;
    };
    let alternatives = or.cases.iter().map(|case| {
        let mut split = arm.clone();
        if let syn::Pat::Guard(g) = &mut split.pat {
            *g.pat = case.clone();
        }
        split
    });
    let mut out = m.clone();
    out.arms.splice(k..=k, alternatives);
    Some(out)
}

/// Removes `ref`/`mut` from a pattern's bindings (matched against a
/// reference, every binding is a reference); records the by-value ones.
fn strip_binding_modes(pat: &mut syn::Pat, by_value: &mut Vec<String>) {
    struct Strip<'a>(&'a mut Vec<String>);
    impl syn::visit_mut::VisitMut for Strip<'_> {
        fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
            if super::pattern::is_binding(p) && p.by_ref.is_none() {
                self.0.push(p.ident.to_string());
            }
            p.by_ref = None;
            p.mutability = None;
            syn::visit_mut::visit_pat_ident_mut(self, p);
        }
        // A guard's (or a literal's) expression binds nothing of the pattern.
        fn visit_expr_mut(&mut self, _: &mut Expr) {}
    }
    syn::visit_mut::VisitMut::visit_pat_mut(&mut Strip(by_value), pat);
}

/// `x` becomes `(*x)` in `e` for the named bindings, where they are not
/// shadowed (by a `let`, a closure parameter, an arm or `if let`/`while
/// let` binding), also inside macros of known grammar.
pub fn deref_bindings(names: &[String], e: &mut Expr) {
    use syn::visit_mut::VisitMut;
    DerefBindings {
        names: names.to_vec(),
    }
    .visit_expr_mut(e);
}

struct DerefBindings {
    /// The names still meaning the bindings here.
    names: Vec<String>,
}

impl DerefBindings {
    /// The tests of a let chain in order; each `let` shadows its bindings
    /// for the tests after it (and, left so by the caller, the body).
    fn let_chain(&mut self, cond: &mut Expr) {
        use syn::visit_mut::VisitMut;
        match cond {
            // (Walking `a && b` test by test is visiting it, chain or not.)
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.let_chain(&mut b.left);
                self.let_chain(&mut b.right);
            }
            Expr::Let(l) => {
                self.visit_expr_mut(&mut l.expr);
                let bound = super::pattern::binding_names(&l.pat);
                self.names.retain(|n| !bound.contains(n));
            }
            other => self.visit_expr_mut(other),
        }
    }

    /// A let chain and the body it guards, with the chain's bindings
    /// shadowed in the body; the names as they were after.
    fn let_chain_then(&mut self, cond: &mut Expr, body: &mut syn::Block) {
        use syn::visit_mut::VisitMut;
        let saved = self.names.clone();
        self.let_chain(cond);
        self.visit_block_mut(body);
        self.names = saved;
    }

    /// Runs `f` with the names `pat` binds shadowed.
    fn shadowed(&mut self, pat: &syn::Pat, f: impl FnOnce(&mut Self)) {
        let saved = self.names.clone();
        let bound = super::pattern::binding_names(pat);
        self.names.retain(|n| !bound.contains(n));
        f(self);
        self.names = saved;
    }
}

impl syn::visit_mut::VisitMut for DerefBindings {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            Expr::Path(p) => {
                if let Some(ident) = p.path.get_ident() {
                    if self.names.iter().any(|n| ident == n) {
                        let ident = ident.clone();
                        *e = parse_quote_spanned!(ident.span()=> (*#ident));
                    }
                }
            }
            Expr::Closure(c) => {
                let saved = self.names.clone();
                for input in &c.inputs {
                    let bound = super::pattern::binding_names(input);
                    self.names.retain(|n| !bound.contains(n));
                }
                self.visit_expr_mut(&mut c.body);
                self.names = saved;
            }
            Expr::Match(m) => {
                self.visit_expr_mut(&mut m.expr);
                for arm in &mut m.arms {
                    let pat = arm.pat.clone();
                    self.shadowed(&pat, |s| {
                        s.visit_pat_mut(&mut arm.pat);
                        s.visit_expr_mut(&mut arm.body);
                    });
                }
            }
            // `if let P = e && c`, `while let ..`: a let's bindings shadow
            // from the next test on, and in the body.
            Expr::If(i) if let_chain(&i.cond) => {
                self.let_chain_then(&mut i.cond, &mut i.then_branch);
                if let Some((_, e)) = &mut i.else_branch {
                    self.visit_expr_mut(e);
                }
            }
            Expr::While(w) if let_chain(&w.cond) => self.let_chain_then(&mut w.cond, &mut w.body),
            _ => syn::visit_mut::visit_expr_mut(self, e),
        }
    }

    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        let saved = self.names.clone();
        for stmt in &mut b.stmts {
            self.visit_stmt_mut(stmt);
            if let syn::Stmt::Local(l) = stmt {
                let bound = super::pattern::binding_names(&l.pat);
                self.names.retain(|n| !bound.contains(n));
            }
        }
        self.names = saved;
    }

    fn visit_local_mut(&mut self, l: &mut syn::Local) {
        // The initialiser sees the names; the pattern binds new ones.
        if let Some(init) = &mut l.init {
            self.visit_expr_mut(&mut init.expr);
            if let Some((_, diverge)) = &mut init.diverge {
                self.visit_expr_mut(diverge);
            }
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        super::macros::rewrite_args(mac, |e| self.visit_expr_mut(e));
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

fn guard_has_await(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Guard(g) => has_await(&g.guard),
        _ => false,
    }
}

/// A borrow (`&e`, `&mut e`, parenthesised or not): a pattern matched
/// against it binds through the reference, so it never moves out.
pub fn is_borrow(e: &Expr) -> bool {
    match e {
        Expr::Reference(_) => true,
        Expr::Paren(p) => is_borrow(&p.expr),
        _ => false,
    }
}

/// A place expression: using it does not create a temporary.
pub fn is_place(e: &Expr) -> bool {
    match e {
        Expr::Path(_) => true,
        Expr::Field(f) => is_place(&f.base),
        Expr::Index(i) => is_place(&i.expr),
        Expr::Paren(p) => is_place(&p.expr),
        Expr::Unary(u) => matches!(u.op, syn::UnOp::Deref(_)),
        _ => false,
    }
}

/// The bindings of `pat` that hold references: matched against the
/// parts of the value `refs` names (`RefParts::None`: the whole value is a
/// reference), by default binding mode, or by `ref`; not under a `&`
/// pattern, which reads through the reference.
pub(super) fn bindings_through_references(pat: &syn::Pat, refs: &RefParts) -> Vec<Ident> {
    fn walk(p: &syn::Pat, through: bool, out: &mut Vec<Ident>) {
        use syn::Pat;
        match p {
            Pat::Ident(i) => {
                if through || i.by_ref.is_some() {
                    out.push(i.ident.clone());
                }
                if let Some((_, sub)) = &i.subpat {
                    walk(sub, through, out);
                }
            }
            Pat::Reference(r) => walk(&r.pat, false, out),
            Pat::Paren(x) => walk(&x.pat, through, out),
            Pat::Or(o) => o.cases.iter().for_each(|c| walk(c, through, out)),
            Pat::Tuple(t) => t.elems.iter().for_each(|e| walk(e, through, out)),
            Pat::TupleStruct(t) => t.elems.iter().for_each(|e| walk(e, through, out)),
            Pat::Struct(s) => s.fields.iter().for_each(|f| walk(&f.pat, through, out)),
            Pat::Slice(s) => s.elems.iter().for_each(|e| walk(e, through, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    match (refs, pat) {
        (RefParts::None, _) => walk(pat, true, &mut out),
        (RefParts::OptionPayload, syn::Pat::TupleStruct(t))
            if t.path.segments.last().is_some_and(|s| s.ident == "Some") =>
        {
            t.elems.iter().for_each(|e| walk(e, true, &mut out));
        }
        (RefParts::Tuple(at), syn::Pat::Tuple(t)) => {
            // (Positions count from the front up to a `..`.)
            let front = t
                .elems
                .iter()
                .take_while(|e| !matches!(e, syn::Pat::Rest(_)));
            for (i, e) in front.enumerate() {
                walk(e, at.contains(&i), &mut out);
            }
        }
        _ => {}
    }
    out
}

/// A place expression, as rustc has them: a path, or a field, element or
/// dereference of anything (`make().b` is a place in a temporary), which a
/// `match` matches where it is, moving out only what its patterns bind by
/// value. (`is_place` asks more: a place rooted in a variable.)
fn is_place_expression(e: &Expr) -> bool {
    match e {
        Expr::Path(_) | Expr::Field(_) | Expr::Index(_) => true,
        Expr::Unary(u) => matches!(u.op, syn::UnOp::Deref(_)),
        Expr::Paren(p) => is_place_expression(&p.expr),
        _ => false,
    }
}

/// Whether a place (or a borrow of one, or a value) is reached through a
/// temporary: a call's value, `*c.borrow()`, `&f().0`; not `v.a[i]`, `*r`.
pub fn reaches_temporary(e: &Expr) -> bool {
    match e {
        Expr::Path(_) => false,
        Expr::Paren(p) => reaches_temporary(&p.expr),
        Expr::Reference(r) => reaches_temporary(&r.expr),
        Expr::Field(f) => reaches_temporary(&f.base),
        Expr::Index(i) => reaches_temporary(&i.expr),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => reaches_temporary(&u.expr),
        _ => true,
    }
}

/// How a `let` of a condition (`if let`, `while let`, a let chain) reaches
/// its scrutinee: a place the pattern may move out of if it binds by value
/// (`refs`: and by `ref`, so the value stays where it is), else a place.
fn scrutinee_ctx(pat: &syn::Pat) -> Ctx {
    if pattern_moves(pat) {
        Ctx::Scrutinee {
            refs: pattern_has_ref(pat),
        }
    } else {
        Ctx::Place
    }
}

/// Whether `v` is a var of the lowering's holding the value of an `if`,
/// `match`, block or `loop` (see `Builder::result_var`).
fn holds_construct_value(v: &Var) -> bool {
    matches!(&v.kind, VarKind::Temp { what } if matches!(
        what.as_str(),
        "block value" | "`if` value" | "`match` value" | "`loop` value"
    ))
}

/// A call of one of std's conversions that lend their receiver's contents
/// (`v.as_slice()`, `s.as_str()`, `x.as_ref()`): a reference, which a
/// pattern matches through (`match v.as_slice() { [first, ..] => .. }`).
pub(super) fn returns_a_reference(e: &Expr) -> bool {
    matches!(
        crate::syntax::unparenthesised(e),
        Expr::MethodCall(m) if m.args.is_empty() && matches!(
            m.method.to_string().as_str(),
            "as_slice" | "as_mut_slice" | "as_str" | "as_mut_str" | "as_bytes"
                | "as_bytes_mut" | "as_ref" | "as_mut" | "as_path" | "as_os_str"
        )
    )
}

/// A `for` loop over a range: it yields values without drop glue.
fn over_range(f: &syn::ExprForLoop) -> bool {
    matches!(crate::syntax::unparenthesised(&f.expr), Expr::Range(_))
}

/// An iterator's search that yields an `Option` of one of its items, on an
/// iterator of references (`v.iter().find(..)`, `m.values().max()`,
/// `it.iter().rev().next()`).
fn finds_a_reference(m: &syn::ExprMethodCall) -> bool {
    let searches = matches!(
        (m.method.to_string().as_str(), m.args.len()),
        ("next" | "last" | "max" | "min", 0)
            | (
                "find" | "nth" | "max_by_key" | "min_by_key" | "max_by" | "min_by",
                1
            )
    );
    let mut receiver = crate::syntax::unparenthesised(&m.receiver);
    // Adapters that keep the items as they are, down to the iterator.
    while let Expr::MethodCall(inner) = receiver {
        match inner.method.to_string().as_str() {
            "iter" | "iter_mut" | "keys" | "values" | "values_mut" => {
                return searches && inner.args.is_empty();
            }
            "filter" | "skip" | "take" | "rev" | "step_by" | "skip_while" | "take_while"
            | "peekable" | "fuse" | "inspect" | "by_ref" => {
                receiver = crate::syntax::unparenthesised(&inner.receiver);
            }
            _ => return false,
        }
    }
    false
}

/// std's methods of slices, vectors, maps and iterators returning an
/// `Option` of a reference to an element: `v.first()`, `m.get(&k)`,
/// `it.peek()`.
fn lends_an_element(method: &str, args: usize) -> bool {
    matches!(
        (method, args),
        (
            "first" | "last" | "first_mut" | "last_mut" | "peek" | "peek_mut",
            0
        ) | ("get" | "get_mut", 1)
    )
}

/// A branch's expression run as a native block (see `native_statement`):
/// a statement where its value is not used, else an operand of the
/// construct whose value it gives (`result`).
fn statement_or_operand(result: Option<VarId>) -> Position {
    if result.is_none() {
        Position::Statement
    } else {
        Position::Operand
    }
}
