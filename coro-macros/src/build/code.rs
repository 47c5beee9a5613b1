//! Code without `.await`: kept as written, with its mentions of tracked vars
//! and its exits marked.
//!
//! Input:  `v.push(x); if v.len() > n { return Err(e); }`
//! Output: `__coro_mention_0.push(__coro_mention_1);
//!          if __coro_mention_2.len() > __coro_mention_3 { __coro_exit_0(Err(__coro_mention_4)); }`
//! with each mention recorded with how it is used (a place, a move, a method
//! receiver, ...): `lower` later turns each placeholder into the access that
//! fits the var (a Rust local, or a place in the frame).

use super::Builder;
use super::control::is_borrow;
use super::macros::{self, MacroKind};
use super::pattern::{binding_idents, pattern_has_ref, pattern_moves};
use crate::ir::*;
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Block, Expr, Pat, Stmt};

/// How an expression is used by its parent.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ctx {
    /// Moved or copied.
    Value,
    /// Borrowed or read in place.
    Place,
    /// The base of a field read in a value context (a partial move).
    FieldValue,
    /// The scrutinee of a pattern that may bind by value; `refs`: some
    /// binding is by `ref` (the value stays in place, see `partial`).
    Scrutinee { refs: bool },
}

impl Builder {
    /// Marks `e`, which has no `.await`, as code in the current block.
    pub fn code(&mut self, e: &Expr, ctx: Ctx) -> Code {
        let mut expr = e.clone();
        Walker::new(self).expr(&mut expr, ctx);
        Code { expr }
    }

    /// As [`Builder::code`] for the expression of an expression statement
    /// (`e;`), which for a macro (`show!(x);`) is a statement macro.
    pub fn code_statement(&mut self, e: &Expr) -> Code {
        let mut expr = e.clone();
        let mut walker = Walker::new(self);
        walker.statement_root = true;
        walker.expr(&mut expr, Ctx::Value);
        Code { expr }
    }

    /// As [`Builder::code`] for `into_future(operand)`, an awaited future:
    /// a method call that is the whole operand is awaited at once (see
    /// `Walker::awaited_operand`).
    pub fn awaitee_code(&mut self, into_future: &Expr) -> Code {
        let mut expr = into_future.clone();
        let mut walker = Walker::new(self);
        match &mut expr {
            Expr::Call(c) if c.args.len() == 1 => {
                walker.awaited_operand = true;
                c.args
                    .iter_mut()
                    .for_each(|operand| walker.expr(operand, Ctx::Value));
            }
            other => walker.expr(other, Ctx::Value),
        }
        Code { expr }
    }

    /// As [`Builder::code`], where the Rust bindings named `shadow` (of the
    /// `let`s before it in a let chain) hide the vars of those names.
    pub fn code_shadowed(&mut self, e: &Expr, ctx: Ctx, shadow: &[syn::Ident]) -> Code {
        let mut expr = e.clone();
        let mut walker = Walker::new(self);
        walker.shadow.extend(shadow.iter().cloned());
        walker.expr(&mut expr, ctx);
        Code { expr }
    }

    /// Marks a pattern's guard and the names it binds are not tracked here:
    /// the caller binds them. Returns the guard-marked pattern.
    pub fn code_pat(&mut self, pat: &Pat) -> Pat {
        let mut pat = pat.clone();
        Walker::new(self).pat_guards(&mut pat);
        pat
    }
}

struct ClosureCtx {
    by_move: bool,
    /// An `async` block the lowering wrapped a suspending macro, an await or
    /// a statement in.
    inline: bool,
    /// Its entry in `body.captures`.
    capture: usize,
    /// Whether the closure is created in a loop (or in a closure that may
    /// run many times), and whether maybe not at all (in a branch): a
    /// `move` capture happens at creation.
    created_in_loop: bool,
    created_conditional: bool,
    /// The mentions made in it (not in a closure inside it, other than one
    /// that is not `move`: see `closure_body`), with the access syntax gave
    /// them before they became captures.
    mentions: Vec<(MentionId, Access)>,
}

/// Whether a closure's mentions (with the access syntax gave them) only
/// borrow what they name: read in place, formatted, or the receiver of a
/// method known to borrow (`tag.0.len()`, `log.push(x)`). Such a closure
/// moves nothing out of what it captures, so it is `Fn` or `FnMut`.
fn only_borrows(mentions: &[(MentionId, Access)]) -> bool {
    mentions.iter().all(|(_, access)| match access {
        Access::Place | Access::FormatCapture => true,
        Access::Receiver { method, args, .. } => {
            crate::analyse::borrows_whatever_the_type(method, *args)
        }
        _ => false,
    })
}

/// The walk's depths where a branch or loop body of code begins.
#[derive(Clone, Copy, Default)]
struct BranchStart {
    branch_depth: usize,
    loop_depth: usize,
    leaves_before: usize,
    /// The one branch of its `if` or `match` that control goes on after
    /// (every other one leaves: `Some(n) => node = n, None => break`), and
    /// the construct runs whenever the code around it does: what runs
    /// whenever this branch runs runs whenever control passes the construct
    /// (see `Mention::runs_past`).
    continues_alone: bool,
}

struct Walker<'b> {
    b: &'b mut Builder,
    /// Names bound inside this code, shadowing tracked vars.
    shadow: Vec<syn::Ident>,
    /// Loops and labelled blocks inside this code: `(label, is_loop)`.
    inner_loops: Vec<(Option<String>, bool)>,
    /// Closures and `async` blocks around the code being walked, outermost
    /// first. An inline block (one the lowering wrapped a suspending macro
    /// in) runs once, in place, so its mentions count as made here; but its
    /// `return`s and `?`s are its own.
    closures: Vec<ClosureCtx>,
    loop_depth: usize,
    /// Inside a branch (`if`, `match` arm, the right of `&&`/`||`).
    branch_depth: usize,
    /// Where each branch or loop body of code the walk is in begins (see
    /// `in_code_branch`, `inner_loop`).
    code_branch_depths: Vec<BranchStart>,
    /// How many of the blocks being walked have had a statement that may
    /// leave (each raised `branch_depth` by one: see `block`).
    leaves_before: usize,
    /// Where the `break`s and `continue`s walked since `block` last looked
    /// jump to, at the outermost: one more than the index in `inner_loops`
    /// of their target, or 0 for a target outside this code (`usize::MAX`:
    /// none). A statement whose jumps reach the block's own depth or below
    /// may leave the block.
    jump_floor: usize,
    /// The expression walked next is an awaited future's (the argument of
    /// the lowering's `into_future(..)`): a method call there is awaited at
    /// once (`request.send().await`, see `Access::Receiver::awaited`).
    awaited_operand: bool,
    /// The expression walked next is a whole statement (`show!(x);`): a
    /// macro there may expand to statements (see `LendSite::statement`).
    statement_root: bool,
}

impl<'b> Walker<'b> {
    fn new(b: &'b mut Builder) -> Self {
        Walker {
            b,
            shadow: Vec::new(),
            inner_loops: Vec::new(),
            closures: Vec::new(),
            loop_depth: 0,
            branch_depth: 0,
            code_branch_depths: Vec::new(),
            leaves_before: 0,
            jump_floor: usize::MAX,
            awaited_operand: false,
            statement_root: false,
        }
    }

    /// The var `ident` names, as rustc's hygiene resolves it (see
    /// `Builder::lookup_ident`): a Rust binding of the name the walk does
    /// not track (a closure's parameter, an arm's binding) hides the vars
    /// of the name unless both are of known, different syntax contexts (a
    /// `macro_rules!`'s own `|x| x + $e`, the caller's `x` in `$e`).
    fn resolve_ident(&self, ident: &syn::Ident) -> Option<VarId> {
        if ident == "self" {
            return self.b.self_var;
        }
        let context = std::cell::OnceCell::new();
        let hides = |binding: &syn::Ident| {
            let theirs = crate::syntax::hygiene_context(binding.span());
            let ours = *context.get_or_init(|| crate::syntax::hygiene_context(ident.span()));
            !matches!((theirs, ours), (Some(a), Some(b)) if a != b)
        };
        if self.shadow.iter().any(|s| s == ident && hides(s)) {
            return None;
        }
        self.b.lookup_ident(ident)
    }

    /// Whether `e` is a field (`task.cb`, `self.run`) of a var that syntax
    /// shows holds the value itself: `self` by value, an argument or a var
    /// of a struct type named (not a smart pointer's), or one made by a
    /// struct literal.
    fn field_of_owned_value(&self, e: &Expr) -> bool {
        let Expr::Field(f) = crate::syntax::unparenthesised(e) else {
            return false;
        };
        let (base, _) = crate::syntax::field_chain(&f.base);
        let Some(var) = self.var_of_path(base) else {
            return false;
        };
        if self.b.body.self_by_value == Some(var) || self.b.body.owned_params.contains(&var) {
            return true;
        }
        crate::partial::named_struct_type(&self.b.body.vars[var]).is_some()
    }

    fn access_for(ctx: Ctx) -> Access {
        match ctx {
            Ctx::Value => Access::Move,
            Ctx::Place => Access::Place,
            Ctx::FieldValue => Access::FieldMove,
            Ctx::Scrutinee { refs } => Access::Scrutinee { refs },
        }
    }

    /// Replaces a path naming a tracked var with a mention placeholder.
    fn mention(&mut self, e: &mut Expr, var: VarId, access: Access) {
        let span = e.span();
        let via = self.closures.first().map(|c| c.capture);
        let id = self.b.body.mentions.len();
        if let Some(c) = self.closures.last_mut() {
            c.mentions.push((id, access.clone()));
        }
        let access = match self.closures.iter().position(|c| c.by_move) {
            Some(outer_move) => {
                let capture = self.closures[outer_move].capture;
                push_unique(&mut self.b.body.captures[capture].moved, var);
                if outer_move > 0 {
                    // The `move` closure's take happens inside an outer one.
                    let outer = self.closures[0].capture;
                    push_unique(&mut self.b.body.captures[outer].slots, var);
                    self.b.body.captures[capture].via = Some(outer);
                }
                Access::Capture { by_move: true }
            }
            None => {
                if let Some(outer) = via {
                    push_unique(&mut self.b.body.captures[outer].slots, var);
                }
                if self.closures.iter().any(|c| !c.inline) {
                    Access::Capture { by_move: false }
                } else {
                    access
                }
            }
        };
        let (in_loop, conditional) = match self.closures.iter().find(|c| c.by_move) {
            // Moved into the user's closure where it is created. (An inline
            // block runs in place: its own branches and loops count.)
            Some(c) if !c.inline => (c.created_in_loop, c.created_conditional),
            _ => {
                let in_loop = self.loop_depth > 0 || self.closures.iter().any(|c| !c.inline);
                (in_loop, in_loop || self.branch_depth > 0)
            }
        };
        *e = self.b.mention(var, access, span, in_loop, conditional, via);
        self.settle_last_mention();
    }

    /// Settled: outside closures (an inline block runs in place), and at
    /// the depths of branches and loops where the innermost branch or loop
    /// body of code it is in begins (see `Mention::settled`); so for the
    /// mention made last.
    fn settle_last_mention(&mut self) {
        let base = self.code_branch_depths.last().copied().unwrap_or_default();
        let in_place = self.in_place(base);
        let settled = self.settled_in(base);
        // (Raised only by the statements that may leave, not by a lazy
        // operand or a branch of its own.)
        let leaves_here = self.leaves_before.saturating_sub(base.leaves_before);
        let dominates_rest =
            in_place && self.branch_depth.checked_sub(leaves_here) == Some(base.branch_depth);
        let runs_past = settled && self.code_branch_depths.iter().all(|b| b.continues_alone);
        if let Some(m) = self.b.body.mentions.last_mut() {
            m.settled = settled;
            m.dominates_rest = dominates_rest;
            m.runs_past = runs_past;
        }
    }

    /// Outside closures (an inline block runs in place) and in no loop of
    /// code inside the branch or loop body that begins at `base`.
    fn in_place(&self, base: BranchStart) -> bool {
        self.closures.iter().all(|c| c.inline) && self.loop_depth == base.loop_depth
    }

    /// Whether code here runs whenever the innermost branch or loop body of
    /// code around it (beginning at `base`) runs (see `Mention::settled`).
    fn settled_in(&self, base: BranchStart) -> bool {
        self.in_place(base) && self.branch_depth == base.branch_depth
    }

    /// Whether a construct starting here, with branches that `leave` (see
    /// `always_leaves`), goes on after itself through its branch `i` alone,
    /// and runs whenever the code around it does (see
    /// `BranchStart::continues_alone`).
    fn continues_alone(&self, leave: &[bool], i: usize) -> bool {
        let base = self.code_branch_depths.last().copied().unwrap_or_default();
        leave.len() >= 2
            && leave.iter().enumerate().all(|(j, &l)| l != (j == i))
            && self.settled_in(base)
    }

    /// The receiver alone, evaluated into a temporary before the call's
    /// awaiting arguments (`Builder::spill_receiver`): `e`, the call without
    /// its arguments, becomes the receiver's mention.
    fn spilled_receiver(
        &mut self,
        e: &mut Expr,
        receiver: Expr,
        method: String,
        args: usize,
        closures: Vec<ClosureArg>,
    ) {
        let receiver = crate::syntax::unparenthesised(&receiver).clone();
        let Some(var) = self.var_of_path(&receiver) else {
            // Not a var of the coroutine (the builder spills only those): a
            // place that outlives the poll, such as a static.
            *e = syn::parse_quote_spanned!(receiver.span()=> ::coro::__private::in_place(&raw mut #receiver));
            return;
        };
        let access = Access::Receiver {
            method,
            args,
            turbofish: None,
            args_suspend: false,
            spilled: true,
            // The call's arguments, after the await, type the probe made
            // before it (see `__private::ProbedSpill`); nothing borrows
            // the spilled receiver while they run.
            args_type_probe: true,
            closures,
            awaited: false,
        };
        *e = receiver;
        self.mention(e, var, access);
    }

    /// Whether `e` names a value of the lowering's own that a suspension
    /// separates from here: the placeholder of an awaited value, or a
    /// temporary declared before the last suspension (an operand kept
    /// across an await). An argument that does awaits after the call's
    /// receiver is evaluated, and rustc moves the receiver into the call
    /// before that (see `Access::Receiver::args_suspend`). Not a temporary
    /// made since (the home of a borrowed temporary or of a temporary whose
    /// field is read, or an operand evaluated before it for order):
    /// nothing suspends between the receiver and the call. Nor the
    /// lowering's other names: an exit (`?`, `return`, `break` in an
    /// argument) leaves after the receiver is taken, as rustc's does.
    fn names_a_suspended_value(&self, e: &Expr) -> bool {
        struct Find<'w, 'b> {
            walker: &'w Walker<'b>,
            found: bool,
        }
        impl<'ast> syn::visit::Visit<'ast> for Find<'_, '_> {
            fn visit_ident(&mut self, ident: &'ast syn::Ident) {
                let name = ident.to_string();
                let here = self.walker.b.pos.as_ref().map(|p| p.block);
                self.found |= name.starts_with("__coro_ready_")
                    || name.starts_with("__coro_tmp")
                        && self
                            .walker
                            .resolve_ident(ident)
                            .is_none_or(|v| self.walker.b.body.vars[v].declared_in != here);
            }
        }
        let mut find = Find {
            walker: self,
            found: false,
        };
        syn::visit::Visit::visit_expr(&mut find, e);
        find.found
    }

    fn var_of_path(&self, e: &Expr) -> Option<VarId> {
        match e {
            Expr::Path(p) if p.qself.is_none() && p.attrs.is_empty() => {
                let ident = p.path.get_ident()?;
                self.resolve_ident(ident)
            }
            _ => None,
        }
    }

    fn expr(&mut self, e: &mut Expr, ctx: Ctx) {
        let awaited = std::mem::take(&mut self.awaited_operand);
        let statement = std::mem::take(&mut self.statement_root);
        if let Some(var) = self.var_of_path(e) {
            self.mention(e, var, Self::access_for(ctx));
            return;
        }
        match e {
            Expr::Array(a) => a.elems.iter_mut().for_each(|e| self.expr(e, Ctx::Value)),
            Expr::Assign(a) => {
                self.expr(&mut a.right, Ctx::Value);
                if let Some(var) = self.var_of_path(&a.left) {
                    self.mention(&mut a.left, var, Access::Assign);
                } else {
                    self.expr(&mut a.left, Ctx::Place);
                }
            }
            Expr::Async(a) => {
                let inline = super::select::is_inline(&a.attrs);
                // The lowering's own blocks are `async move` over slot
                // pointers: they take no variable.
                let by_move = a.capture.is_some() && !inline;
                let may_take = !by_move && !inline && self.may_take_into(&a.block, 0);
                let block = &mut a.block;
                let (captures, taken) =
                    self.closure_body(by_move, inline, may_take, |w| w.block(block));
                if taken {
                    a.capture = Some(syn::Token![move](a.async_token.span));
                }
                wrap_captures(e, captures);
            }
            Expr::Await(a) => {
                // Only reached inside a closure or async block (has_await
                // stops at those): not ours to lower. In an inline block, it
                // is the await the block stands for.
                self.expr(&mut a.base, Ctx::Value);
            }
            Expr::Binary(bin) => {
                use syn::BinOp::*;
                match bin.op {
                    AddAssign(_) | SubAssign(_) | MulAssign(_) | DivAssign(_) | RemAssign(_)
                    | BitXorAssign(_) | BitAndAssign(_) | BitOrAssign(_) | ShlAssign(_)
                    | ShrAssign(_) => {
                        self.expr(&mut bin.right, Ctx::Value);
                        self.expr(&mut bin.left, Ctx::Place);
                    }
                    Eq(_) | Lt(_) | Le(_) | Ne(_) | Ge(_) | Gt(_) => {
                        let (left, right) = (read_in_place(&bin.left), read_in_place(&bin.right));
                        self.expr(&mut bin.left, left);
                        self.expr(&mut bin.right, right);
                    }
                    And(_) | Or(_) => {
                        self.expr(&mut bin.left, Ctx::Value);
                        self.branch_depth += 1;
                        self.expr(&mut bin.right, Ctx::Value);
                        self.branch_depth -= 1;
                    }
                    // Input:  `rows.iter().flat_map(|row| row.iter().map(|c| c + k))`
                    // Output: `k` read in its slot, not copied into the
                    //         outer closure.
                    // An operand of a closure that is not `move` inside
                    // another (neither the lowering's own block) is read in
                    // place: rustc's inner closure borrows a `Copy` `k`
                    // through the outer one's borrow, so it may outlive the
                    // outer one's call (a `FnMut` returning it); taken into
                    // the outer closure, the inner one would borrow that
                    // copy (E0373). A value that is not `Copy` moved there
                    // (`|| s + "x"`, `String`) is E0507 instead.
                    _ if self.in_nested_borrowing_closure() => {
                        self.expr(&mut bin.left, Ctx::Place);
                        self.expr(&mut bin.right, Ctx::Place);
                    }
                    _ => {
                        self.expr(&mut bin.left, Ctx::Value);
                        self.expr(&mut bin.right, Ctx::Value);
                    }
                }
            }
            Expr::Block(b) => {
                let label = b.label.as_ref().map(|l| l.name.ident.to_string());
                let labelled = label.is_some();
                if labelled {
                    self.inner_loops.push((label, false));
                }
                self.block(&mut b.block);
                if labelled {
                    self.inner_loops.pop();
                }
            }
            Expr::Break(br) => {
                if let Some(value) = &mut br.expr {
                    self.expr(value, Ctx::Value);
                }
                let label = br.label.as_ref().map(|l| l.ident.to_string());
                self.note_jump(&label);
                if self.exits_are_ours() && !self.is_inner_target(&label) {
                    let value = br.expr.take().map(|v| *v);
                    *e = self.b.loop_exit(label, false, value, br.break_token.span);
                }
            }
            Expr::Call(c) if super::expr::is_spill_marker(&c.attrs) => {
                let (args, callee) = (c.args.len(), (*c.func).clone());
                self.spilled_receiver(e, callee, "()".to_string(), args, Vec::new());
            }
            Expr::Call(c) => {
                // Calling a closure borrows it (`Fn::call(&c, ..)`), or moves
                // it (`FnOnce`): like a method receiver.
                match self.var_of_path(&c.func) {
                    Some(var) => {
                        let access = Access::Receiver {
                            method: "()".to_string(),
                            args: c.args.len(),
                            turbofish: None,
                            args_suspend: c.args.iter().any(|a| self.names_a_suspended_value(a)),
                            spilled: false,
                            args_type_probe: false,
                            closures: Vec::new(),
                            awaited: false,
                        };
                        self.mention(&mut c.func, var, access);
                    }
                    // A closure in a field of a value the function owns
                    // (`(task.cb)(a)`): read out as the field's value,
                    // which the call moves if it is an `FnOnce` (see
                    // `partial`), and used in place where the read runs
                    // again or the var is used after. Not through a
                    // pointer (`op: Rc<Op>`, a reference syntax does not
                    // show), which the call borrows.
                    None if self.field_of_owned_value(&c.func) => {
                        self.expr(&mut c.func, Ctx::Value)
                    }
                    None => self.expr(&mut c.func, Ctx::Place),
                }
                for arg in c.args.iter_mut() {
                    self.expr(arg, Ctx::Value);
                }
            }
            Expr::Cast(c) => self.expr(&mut c.expr, Ctx::Value),
            Expr::Closure(c) => {
                let by_move = c.capture.is_some();
                let mark = self.shadow.len();
                // (Not an `async` closure: made `move`, the futures it
                // returns would borrow it, and it would be no `FnMut`
                // (`s.then(async |x| x + offset)`). Its uses reach the frame,
                // a `Copy` value's read where it runs, as rustc's borrow is.)
                let may_take =
                    !by_move && c.asyncness.is_none() && self.may_take_into(&c.body, mark);
                for input in &c.inputs {
                    self.shadow.extend(binding_idents(input));
                }
                let body = &mut c.body;
                let (captures, taken) =
                    self.closure_body(by_move, false, may_take, |w| w.expr(body, Ctx::Value));
                self.shadow.truncate(mark);
                if taken {
                    c.capture = Some(syn::Token![move](c.inputs_begin.span));
                }
                wrap_captures(e, captures);
            }
            Expr::Const(_) | Expr::Infer(_) | Expr::Lit(_) => {}
            Expr::Continue(c) => {
                let label = c.label.as_ref().map(|l| l.ident.to_string());
                self.note_jump(&label);
                if self.exits_are_ours() && !self.is_inner_target(&label) {
                    *e = self.b.loop_exit(label, true, None, c.continue_token.span);
                }
            }
            Expr::Field(f) => {
                // A field matched by patterns that bind by value may be
                // moved, but not out of a reference.
                let through_reference = self
                    .var_of_path(crate::syntax::unparenthesised(&f.base))
                    .is_some_and(|var| self.b.body.vars[var].borrow);
                let base_ctx =
                    if matches!(ctx, Ctx::Value | Ctx::FieldValue | Ctx::Scrutinee { .. })
                        && !through_reference
                    {
                        Ctx::FieldValue
                    } else {
                        Ctx::Place
                    };
                self.expr(&mut f.base, base_ctx);
            }
            Expr::ForLoop(f) => {
                self.expr(&mut f.expr, Ctx::Value);
                let mark = self.shadow.len();
                self.shadow.extend(binding_idents(&f.pat));
                self.pat_guards(&mut f.pat);
                self.inner_loop(f.label.as_ref().map(|l| l.name.ident.to_string()), |w| {
                    w.block(&mut f.body)
                });
                self.shadow.truncate(mark);
            }
            Expr::Group(g) => self.expr(&mut g.expr, ctx),
            Expr::Paren(p) => self.expr(&mut p.expr, ctx),
            Expr::If(i) => {
                let mark = self.shadow.len();
                self.cond(&mut i.cond);
                let mut leave = vec![self.block_leaves(&i.then_branch)];
                leave.extend(i.else_branch.as_ref().map(|(_, e)| self.always_leaves(e)));
                let breaks = [
                    self.block_breaks_loop(&i.then_branch),
                    i.else_branch
                        .as_ref()
                        .is_some_and(|(_, e)| self.breaks_loop(e)),
                ];
                let alone = [
                    self.continues_alone(&leave, 0),
                    self.continues_alone(&leave, 1),
                ];
                let mut record = self.construct_start();
                self.branch_depth += 1;
                let construct = self.b.body.new_list();
                let then_list = self.in_code_branch(construct, leave[0], alone[0], |w| {
                    w.block(&mut i.then_branch)
                });
                record.branches.push(CodeBranch {
                    list: then_list,
                    leaves: leave[0],
                    breaks_loop: breaks[0],
                });
                self.shadow.truncate(mark);
                if let Some((_, else_branch)) = &mut i.else_branch {
                    let else_list = self.in_code_branch(construct, leave[1], alone[1], |w| {
                        w.expr(else_branch, Ctx::Value)
                    });
                    record.branches.push(CodeBranch {
                        list: else_list,
                        leaves: leave[1],
                        breaks_loop: breaks[1],
                    });
                    // (Without an `else`, control may pass the `if` through
                    // none of its branches.)
                    self.construct_end(record);
                }
                self.branch_depth -= 1;
            }
            Expr::Index(i) => {
                self.expr(&mut i.expr, Ctx::Place);
                self.expr(&mut i.index, Ctx::Value);
            }
            Expr::Let(l) => {
                // Outside an `if`/`while` condition (handled by `cond`).
                self.scrutinee(&mut l.expr, pattern_moves(&l.pat), pattern_has_ref(&l.pat));
                self.pat_guards(&mut l.pat);
                self.shadow.extend(binding_idents(&l.pat));
            }
            Expr::Loop(l) => {
                let label = l.label.as_ref().map(|l| l.name.ident.to_string());
                self.inner_loop(label, |w| w.block(&mut l.body));
            }
            Expr::Macro(m) => {
                // (A macro whose value is used as a place, `m!(x).push(1)`,
                // `m!(x) += 1`, may expand to a place of what it names.)
                let place = !statement && !matches!(ctx, Ctx::Value | Ctx::FieldValue);
                if let Some(new) = self.mac(&m.mac, statement, place) {
                    *e = new;
                }
            }
            Expr::Match(m) => {
                let moves = m.arms.iter().any(|a| pattern_moves(&a.pat));
                let refs = m.arms.iter().any(|a| pattern_has_ref(&a.pat));
                self.scrutinee(&mut m.expr, moves, refs);
                // An arm after one that always matches never runs: nothing
                // after the `match` follows it.
                let mut unreachable = false;
                let leave: Vec<bool> = m
                    .arms
                    .iter()
                    .map(|arm| {
                        let leaves = unreachable || self.always_leaves(&arm.body);
                        unreachable |= super::pattern::irrefutable(&arm.pat);
                        leaves
                    })
                    .collect();
                let breaks: Vec<bool> = m
                    .arms
                    .iter()
                    .map(|arm| self.breaks_loop(&arm.body))
                    .collect();
                let alone: Vec<bool> = (0..leave.len())
                    .map(|i| self.continues_alone(&leave, i))
                    .collect();
                let mut record = self.construct_start();
                self.branch_depth += 1;
                let construct = self.b.body.new_list();
                for (i, arm) in m.arms.iter_mut().enumerate() {
                    let mark = self.shadow.len();
                    self.shadow.extend(binding_idents(&arm.pat));
                    // An arm's guard (in its pattern) runs only if no
                    // earlier arm was taken, so it counts as in the arm's
                    // branch: after an earlier arm's body, it never runs.
                    // (A failing guard goes on to later arms, whose code it
                    // precedes.)
                    let arm_list = self.in_code_branch(construct, leave[i], alone[i], |w| {
                        w.pat_guards(&mut arm.pat);
                        w.expr(&mut arm.body, Ctx::Value)
                    });
                    record.branches.push(CodeBranch {
                        list: arm_list,
                        leaves: leave[i],
                        breaks_loop: breaks[i],
                    });
                    self.shadow.truncate(mark);
                }
                self.construct_end(record);
                self.branch_depth -= 1;
            }
            Expr::MethodCall(m) if super::expr::is_spill_marker(&m.attrs) => {
                let (method, args, receiver) =
                    (m.method.to_string(), m.args.len(), (*m.receiver).clone());
                let closures = closure_args(&m.args);
                self.spilled_receiver(e, receiver, method, args, closures);
            }
            Expr::MethodCall(m) => {
                // `(x).m()` calls the method on `x` as `x.m()` does (and a
                // block's value, kept in a var of the lowering, is such a
                // parenthesised receiver).
                let args_suspend = m.args.iter().any(|a| self.names_a_suspended_value(a));
                let (method, args, turbofish) =
                    (m.method.to_string(), m.args.len(), m.turbofish.clone());
                let receiver = crate::syntax::unparenthesised_mut(&mut m.receiver);
                if let Some(var) = self.var_of_path(receiver) {
                    let name = self.b.body.vars[var].name.clone();
                    let closures = written_in_call(&m.args);
                    let access = Access::Receiver {
                        method,
                        args,
                        turbofish,
                        args_suspend,
                        spilled: false,
                        args_type_probe: !args_suspend
                            && m.args.iter().all(|a| !names_ident(a, &name))
                            && !m
                                .args
                                .iter()
                                .any(|a| is_closure(a) && closure_params(a).is_none())
                            && !copy_before_later_args(&m.args),
                        closures,
                        awaited,
                    };
                    self.mention(receiver, var, access);
                } else if matches!(receiver, Expr::Field(_))
                    && !args_suspend
                    && (crate::analyse::guessed_by_value(&method, args, awaited)
                        || crate::analyse::consumes_self_std(&method, args))
                {
                    // `self.items.into_iter()`: a method that takes `self`
                    // whatever the type moves the field out (a partial move;
                    // rustc rejects it for a type with `Drop`). So does one
                    // std's types take by value (`self.name.unwrap_or_default()`),
                    // if the field's type is one of those (see `partial`).
                    self.expr(&mut m.receiver, Ctx::FieldValue);
                } else {
                    self.expr(&mut m.receiver, Ctx::Place);
                }
                m.args.iter_mut().for_each(|a| self.expr(a, Ctx::Value));
            }
            Expr::Path(_) => {}
            Expr::Range(r) => {
                if let Some(s) = &mut r.start {
                    self.expr(s, Ctx::Value);
                }
                if let Some(s) = &mut r.end {
                    self.expr(s, Ctx::Value);
                }
            }
            Expr::RawAddr(r) => self.expr(&mut r.expr, Ctx::Place),
            Expr::Reference(r) if r.mutability.is_none() => {
                let ctx = read_in_place(&r.expr);
                self.expr(&mut r.expr, ctx)
            }
            Expr::Reference(r) => self.expr(&mut r.expr, Ctx::Place),
            Expr::Repeat(r) => self.expr(&mut r.expr, Ctx::Value),
            Expr::Return(r) => {
                if let Some(value) = &mut r.expr {
                    self.expr(value, Ctx::Value);
                }
                if self.exits_are_ours() {
                    let value = r.expr.take().map(|v| *v);
                    *e = self.b.return_exit(value, r.return_token.span);
                }
            }
            Expr::Struct(s) => {
                for field in &mut s.fields {
                    self.expr(&mut field.expr, Ctx::Value);
                    // `S { id }`: the value is no longer written `id`.
                    field.colon_token.get_or_insert_with(Default::default);
                }
                if let Some(rest) = &mut s.rest {
                    match self.var_of_path(rest) {
                        Some(var) => {
                            let kept = s.fields.iter().map(|f| f.member.clone()).collect();
                            let access = Access::StructBase {
                                path: s.path.clone(),
                                kept,
                            };
                            self.mention(rest, var, access);
                        }
                        None => self.expr(rest, Ctx::FieldValue),
                    }
                }
            }
            Expr::Try(t) => {
                self.expr(&mut t.expr, Ctx::Value);
                if self.exits_are_ours() {
                    let inner = (*t.expr).clone();
                    *e = self.b.try_exit(inner, t.question_token);
                }
            }
            Expr::TryBlock(t) => self.block(&mut t.block),
            Expr::Tuple(t) => t.elems.iter_mut().for_each(|e| self.expr(e, Ctx::Value)),
            Expr::Unary(u) => {
                let deref = matches!(u.op, syn::UnOp::Deref(_));
                // `*b` read as a value: a `Box` held across an await gives
                // up its contents (see `Access::DerefMove`).
                if let (true, Ctx::Value, Some(var)) = (deref, ctx, self.var_of_path(&u.expr)) {
                    self.mention(&mut u.expr, var, Access::DerefMove);
                    return;
                }
                let inner = if deref { Ctx::Place } else { Ctx::Value };
                self.expr(&mut u.expr, inner);
            }
            Expr::Unsafe(u) => self.block(&mut u.block),
            Expr::While(w) => {
                let label = w.label.as_ref().map(|l| l.name.ident.to_string());
                let mark = self.shadow.len();
                self.loop_depth += 1;
                self.cond(&mut w.cond);
                self.loop_depth -= 1;
                self.inner_loop(label, |wk| wk.block(&mut w.body));
                self.shadow.truncate(mark);
            }
            Expr::Verbatim(tokens) => {
                let tokens = tokens.clone();
                self.opaque_tokens(&tokens, "this expression");
            }
            other => {
                let tokens = other.to_token_stream();
                self.opaque_tokens(&tokens, "this expression");
            }
        }
    }

    /// The scrutinee of patterns: a place, or, if they may bind by value,
    /// a place they may move out of.
    fn scrutinee(&mut self, e: &mut Expr, moves: bool, refs: bool) {
        // A macro matched by patterns that bind nothing by `ref` only reads
        // its value, or moves parts of it (see `read_in_place`).
        if matches!(e, Expr::Macro(_)) && !refs {
            return self.expr(e, Ctx::Value);
        }
        if !moves || is_borrow(e) {
            return self.expr(e, Ctx::Place);
        }
        match self.var_of_path(e) {
            // Matched through the reference it holds: nothing moves out.
            Some(var) if self.b.body.vars[var].borrow => self.expr(e, Ctx::Place),
            Some(var) => self.mention(e, var, Access::Scrutinee { refs }),
            None => self.expr(e, Ctx::Scrutinee { refs }),
        }
    }

    /// An `if`/`while` condition: `let` chains bind names for the branch.
    fn cond(&mut self, cond: &mut Expr) {
        match cond {
            Expr::Let(l) => {
                self.scrutinee(&mut l.expr, pattern_moves(&l.pat), pattern_has_ref(&l.pat));
                self.pat_guards(&mut l.pat);
                self.shadow.extend(binding_idents(&l.pat));
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.cond(&mut b.left);
                self.cond(&mut b.right);
            }
            other => self.expr(other, Ctx::Value),
        }
    }

    fn block(&mut self, block: &mut Block) {
        let mark = self.shadow.len();
        let depth = self.branch_depth;
        let leaves_before = self.leaves_before;
        let base = self.inner_loops.len();
        let count = block.stmts.len();
        for (i, stmt) in block.stmts.iter_mut().enumerate() {
            // After a statement that may leave the block for somewhere later
            // in the function (`break 'b;`, `continue`), the rest may not
            // run: a move there is no more certain than one in a branch. (A
            // `return` or `?` leaves the function: no suspension follows.)
            let outer = std::mem::replace(&mut self.jump_floor, usize::MAX);
            self.stmt(stmt, i + 1 == count);
            let leaves = self.jump_floor <= base;
            self.jump_floor = self.jump_floor.min(outer);
            if leaves && self.branch_depth == depth {
                self.branch_depth += 1;
                self.leaves_before += 1;
            }
        }
        self.branch_depth = depth;
        self.leaves_before = leaves_before;
        self.shadow.truncate(mark);
    }

    /// `last`: the block's last statement.
    fn stmt(&mut self, stmt: &mut Stmt, last: bool) {
        match stmt {
            Stmt::Local(local) => {
                if let Some(init) = &mut local.init {
                    match local_init_ctx(&local.pat) {
                        Ctx::Scrutinee { refs } => self.scrutinee(&mut init.expr, true, refs),
                        ctx => self.expr(&mut init.expr, ctx),
                    }
                    if let Some((_, diverge)) = &mut init.diverge {
                        // `let .. else`: the else block runs instead of the
                        // code after the statement.
                        let construct = self.b.body.new_list();
                        let leaves = self.always_leaves(diverge);
                        self.in_code_branch(construct, leaves, false, |w| {
                            w.expr(diverge, Ctx::Value)
                        });
                    }
                }
                self.pat_guards(&mut local.pat);
                self.shadow.extend(binding_idents(&local.pat));
            }
            Stmt::Item(_) => {}
            Stmt::Expr(e, _) => self.expr(e, Ctx::Value),
            Stmt::Macro(m) => {
                // (Not where it gives the block its value.)
                let statement = !last || m.semi_token.is_some();
                if let Some(new) = self.mac(&m.mac, statement, false) {
                    *stmt = Stmt::Expr(new, m.semi_token);
                }
            }
        }
    }

    /// Guards inside patterns (`P if cond`) are expressions.
    fn pat_guards(&mut self, pat: &mut Pat) {
        struct Guards<'w, 'b>(&'w mut Walker<'b>);
        impl syn::visit_mut::VisitMut for Guards<'_, '_> {
            fn visit_pat_guard_mut(&mut self, g: &mut syn::PatGuard) {
                self.visit_pat_mut(&mut g.pat);
                let mark = self.0.shadow.len();
                self.0.shadow.extend(binding_idents(&g.pat));
                self.0.expr(&mut g.guard, Ctx::Value);
                self.0.shadow.truncate(mark);
            }
            fn visit_expr_mut(&mut self, _: &mut Expr) {}
        }
        syn::visit_mut::VisitMut::visit_pat_mut(&mut Guards(self), pat);
    }

    /// Whether a `return`, `?`, `break` or `continue` here leaves code of
    /// the coroutine itself (not of a closure or `async` block inside it).
    fn exits_are_ours(&self) -> bool {
        self.closures.is_empty()
    }

    fn inner_loop(&mut self, label: Option<String>, f: impl FnOnce(&mut Self)) {
        self.inner_loops.push((label, true));
        self.loop_depth += 1;
        self.in_loop_body(f);
        self.loop_depth -= 1;
        self.inner_loops.pop();
    }

    /// Walks one branch of an `if` or `match` of code (`construct`, a marker
    /// list): mentions in it get the branch's own marker in their path.
    /// `leaves`: the branch always leaves this code at its end (see
    /// `always_leaves`), so code after it does not follow the code in it
    /// (`Body::ends_elsewhere`).
    /// `continues_alone`: see `BranchStart`, judged with the depths before
    /// the construct raised `branch_depth`.
    fn in_code_branch(
        &mut self,
        construct: ListId,
        leaves: bool,
        continues_alone: bool,
        f: impl FnOnce(&mut Self),
    ) -> ListId {
        let branch = self.b.body.new_list();
        self.b.body.code_branches.insert(branch, (construct, 0));
        if leaves {
            self.b.body.ends_elsewhere.insert(branch);
        }
        self.b.code_branches.push(branch);
        self.code_branch_depths.push(BranchStart {
            continues_alone,
            ..self.branch_start()
        });
        f(self);
        self.code_branch_depths.pop();
        self.b.code_branches.pop();
        branch
    }

    /// The record of an `if` or `match` of code whose branches the walk is
    /// about to enter (see `CodeConstruct`), its branches still to add.
    fn construct_start(&self) -> CodeConstruct {
        let base = self.code_branch_depths.last().copied().unwrap_or_default();
        let settled = self.settled_in(base);
        CodeConstruct {
            block: self.b.cur_block(),
            seq: self.b.seq,
            end_seq: self.b.seq,
            path: self.b.list_path(),
            branches: Vec::new(),
            in_inner_loop: self.loop_depth > 0,
            settled,
            runs_past: settled && self.code_branch_depths.iter().all(|b| b.continues_alone),
        }
    }

    /// Records a construct of code (see `construct_start`) after the walk
    /// of its branches. (Not where unreachable, as mentions are not.)
    fn construct_end(&mut self, mut record: CodeConstruct) {
        if self.b.reachable() {
            record.end_seq = self.b.seq;
            self.b.body.code_constructs.push(record);
        }
    }

    /// Walks the body of a loop of code: like the one branch of a construct
    /// of its own (see `in_code_branch`), so that an assignment at the top
    /// of the body comes before what follows it there, in every iteration
    /// (`loop { x = D::new(); x.consume(); }`).
    fn in_loop_body(&mut self, f: impl FnOnce(&mut Self)) {
        let construct = self.b.body.new_list();
        let body = self.b.body.new_list();
        self.b.body.code_branches.insert(body, (construct, 0));
        self.b.body.code_loop_bodies.insert(body);
        self.b.code_branches.push(body);
        self.code_branch_depths.push(self.branch_start());
        f(self);
        self.code_branch_depths.pop();
        self.b.code_branches.pop();
    }

    fn branch_start(&self) -> BranchStart {
        BranchStart {
            branch_depth: self.branch_depth,
            loop_depth: self.loop_depth,
            leaves_before: self.leaves_before,
            continues_alone: false,
        }
    }

    /// Whether `e` (a branch's body) ends by leaving this code for good: a
    /// `return`, a `break` or `continue` to a loop or block outside it, or
    /// a panic. Judged before the walk rewrites its exits. (A `break` to a
    /// loop inside the code does not count: code after that loop follows.)
    fn always_leaves(&self, e: &Expr) -> bool {
        let label = |l: &Option<syn::Lifetime>| l.as_ref().map(|l| l.ident.to_string());
        match e {
            Expr::Block(b) if b.label.is_none() => self.block_leaves(&b.block),
            Expr::Paren(p) => self.always_leaves(&p.expr),
            Expr::Return(_) => self.leaves_are_ours(),
            Expr::Break(b) => self.leaves_are_ours() && !self.is_inner_target(&label(&b.label)),
            Expr::Continue(c) => self.leaves_are_ours() && !self.is_inner_target(&label(&c.label)),
            Expr::Macro(m) => self.panics(&m.mac),
            _ => false,
        }
    }

    /// Whether `e` ends in a `break` of the coroutine's own code out of the
    /// innermost loop of code it is in, or out of a loop or labelled block
    /// enclosing that loop: control does not come round that loop after it.
    /// (Not a `continue`, which does, nor a `break` out of a labelled block
    /// inside the loop.)
    fn breaks_loop(&self, e: &Expr) -> bool {
        match e {
            Expr::Block(b) if b.label.is_none() => self.block_breaks_loop(&b.block),
            Expr::Paren(p) => self.breaks_loop(&p.expr),
            Expr::Break(b) if self.leaves_are_ours() => {
                let innermost = self.inner_loops.iter().rposition(|&(_, is_loop)| is_loop);
                let target = match &b.label {
                    Some(l) => {
                        let l = l.ident.to_string();
                        self.inner_loops
                            .iter()
                            .rposition(|(name, _)| name.as_deref() == Some(l.as_str()))
                    }
                    None => innermost,
                };
                matches!((target, innermost), (Some(t), Some(i)) if t <= i)
            }
            _ => false,
        }
    }

    fn block_breaks_loop(&self, block: &Block) -> bool {
        match block.stmts.last() {
            Some(Stmt::Expr(e, _)) => self.breaks_loop(e),
            _ => false,
        }
    }

    /// Whether a `return`, `break` or `continue` here leaves code of the
    /// coroutine itself: also inside the lowering's own `async` blocks,
    /// whose exits (`return Flow::Return(..)`, `return Flow::Jump(..)`)
    /// the coroutine performs after awaiting them.
    fn leaves_are_ours(&self) -> bool {
        self.closures.iter().all(|c| c.inline)
    }

    fn block_leaves(&self, block: &Block) -> bool {
        match block.stmts.last() {
            Some(Stmt::Expr(e, _)) => self.always_leaves(e),
            Some(Stmt::Macro(m)) => self.panics(&m.mac),
            _ => false,
        }
    }

    /// A panic of the coroutine's own code (`panic!`, `unreachable!`, ...).
    fn panics(&self, mac: &syn::Macro) -> bool {
        self.leaves_are_ours() && macros::always_panics(mac)
    }

    /// Records where a `break`/`continue` of the coroutine's own code (not
    /// of a closure or `async` block, which leave only themselves) jumps to
    /// (`jump_floor`).
    fn note_jump(&mut self, label: &Option<String>) {
        if !self.exits_are_ours() {
            return;
        }
        let target = match label {
            Some(l) => self
                .inner_loops
                .iter()
                .rposition(|(name, _)| name.as_deref() == Some(l)),
            None => self.inner_loops.iter().rposition(|&(_, is_loop)| is_loop),
        };
        self.jump_floor = self.jump_floor.min(target.map_or(0, |i| i + 1));
    }

    /// Whether a `break`/`continue` with `label` targets a loop or labelled
    /// block inside this code.
    fn is_inner_target(&self, label: &Option<String>) -> bool {
        match label {
            Some(l) => self
                .inner_loops
                .iter()
                .any(|(name, _)| name.as_deref() == Some(l)),
            None => self.inner_loops.iter().any(|&(_, is_loop)| is_loop),
        }
    }

    /// Walks a closure or `async` block body; returns the id of its capture
    /// list if it needs bindings before it, and whether the closure, not
    /// `move`, takes values by value (`may_take`: see `take_into_closure`)
    /// and is to be made `move`.
    fn closure_body(
        &mut self,
        by_move: bool,
        inline: bool,
        may_take: bool,
        f: impl FnOnce(&mut Self),
    ) -> (Option<usize>, bool) {
        let saved_loops = std::mem::take(&mut self.inner_loops);
        let capture = self.b.body.captures.len();
        self.b.body.captures.push(Captures {
            pointers: inline,
            ..Captures::default()
        });
        let created_in_loop = self.loop_depth > 0 || self.closures.iter().any(|c| !c.inline);
        let created_conditional = created_in_loop || self.branch_depth > 0;
        self.closures.push(ClosureCtx {
            by_move,
            inline,
            capture,
            created_in_loop,
            created_conditional,
            mentions: Vec::new(),
        });
        let captures_before = self.b.body.captures.len();
        let mentions_before = self.b.body.mentions.len();
        f(self);
        let ctx = self.closures.pop().expect("pushed above");
        self.inner_loops = saved_loops;
        // A closure that is not `move` inside another such one captures
        // from it: rustc's outer closure captures what the inner one names,
        // by value what the inner one uses by value (`|k| { let g = ||
        // drop(tok); g(); k }`). Its uses count as the outer one's (see
        // `take_into_closure`).
        if !by_move
            && !inline
            && let Some(outer) = self.closures.last_mut()
            && !outer.by_move
            && !outer.inline
        {
            outer.mentions.extend(ctx.mentions.iter().cloned());
        }
        let nested = self.b.body.captures.len() != captures_before;
        // (Nor is one with a closure inside known to borrow only: the
        // inner one may move what the outer one captures.)
        self.b.last_closure_borrows_only = !inline && !nested && only_borrows(&ctx.mentions);
        // (A closure inside it captures from it, not from the frame: what
        // a `move` one inside takes is taken here, see
        // `hoist_nested_takes`, and what one that is not `move` uses by
        // value, see above.)
        let hoisted = if may_take && nested {
            self.hoist_nested_takes(captures_before)
        } else {
            Vec::new()
        };
        let taken = may_take && self.take_into_closure(&ctx, hoisted, mentions_before);
        let c = &self.b.body.captures[capture];
        let captures = (!c.slots.is_empty() || !c.moved.is_empty() || !c.decided.is_empty())
            .then_some(capture);
        (captures, taken)
    }

    /// Whether the code walked is in a closure that is not `move`, inside
    /// another that is not `move` either (none of them an `async` block the
    /// lowering made).
    fn in_nested_borrowing_closure(&self) -> bool {
        self.closures.len() >= 2 && self.closures.iter().all(|c| !c.by_move && !c.inline)
    }

    /// Whether a closure (or `async` block) that is not `move`, with this
    /// `body`, may be made one that takes the values it uses by value (see
    /// `take_into_closure`): made where only the lowering's own blocks
    /// enclose it, and naming no Rust binding the walk does not track
    /// (`shadow[..outer]`, bound around it), which a `move` would take.
    fn may_take_into(&self, body: &impl ToTokens, outer: usize) -> bool {
        let untracked = &self.shadow[..outer];
        // (Most code binds nothing the walk does not track: no need to
        // print the closure's body to look.)
        self.closures.iter().all(|c| c.inline)
            && (untracked.is_empty()
                || !crate::syntax::any_ident(body.to_token_stream(), &|i| {
                    untracked.iter().any(|s| i == s)
                }))
    }

    // Input:  `let release = || drop(guard);` (`guard` in the frame)
    // Output: `let release = { __coro_captures_N; move || drop(guard) };`,
    //         the capture list taking `guard` out of its slot.
    /// A closure that is not `move` captures a value it uses by value (a
    /// call's argument, `let x = v;`, a method taking `self` whatever the
    /// type) by moving it in where it is made, as rustc does, if the value
    /// is not `Copy`. The lowering cannot move it out of its slot inside
    /// the closure (the slot is behind a pointer: E0507), nor later, when
    /// the closure runs (the closure may outlive the slot's scope). So a
    /// var whose every use in the closure is by value, or reads it
    /// (a formatting argument, a field read), is taken into the closure
    /// where it is made, and the closure becomes `move`. For a `Copy` value
    /// rustc captures a reference instead; a copy made there is the same
    /// value, since the closure never writes it and nothing else may while
    /// the closure holds its borrow. The other vars the closure names it
    /// reaches through their slots, as a closure that is not `move` does:
    /// they get a home in the frame (`Var::homed`), which a `move` closure
    /// copies the slot reference of. Returns whether it applied.
    /// `hoisted`: vars a `move` closure inside takes (see
    /// `hoist_nested_takes`); `mentions_from`: the first mention made in
    /// the closure.
    fn take_into_closure(
        &mut self,
        ctx: &ClosureCtx,
        hoisted: Vec<VarId>,
        mentions_from: MentionId,
    ) -> bool {
        let mut taken = hoisted;
        for var in takes_by_value(&self.b.body, &ctx.mentions) {
            push_unique(&mut taken, var);
        }
        let decided = decided_by_type(&self.b.body, &ctx.mentions, &taken, mentions_from);
        if taken.is_empty() && decided.is_empty() {
            return false;
        }
        let outer = self.closures.first().map(|c| c.capture);
        for d in decided {
            // Its uses stay captures by reference until the lowering
            // knows the capture's kind; it needs a home to take it from.
            self.b.body.vars[d.var].homed = true;
            let captures = &mut self.b.body.captures;
            match outer {
                Some(outer) => captures[ctx.capture].via = Some(outer),
                None => captures[ctx.capture].slots.retain(|&v| v != d.var),
            }
            captures[ctx.capture].decided.push(d);
        }
        for id in mentions_from..self.b.body.mentions.len() {
            let var = self.b.body.mentions[id].var;
            if !taken.contains(&var) {
                self.b.body.vars[var].homed = true;
                continue;
            }
            let m = &mut self.b.body.mentions[id];
            // As `mention` records a `move` closure's.
            m.access = Access::Capture { by_move: true };
            m.in_inner_loop = ctx.created_in_loop;
            m.conditional = ctx.created_conditional;
            let captures = &mut self.b.body.captures;
            push_unique(&mut captures[ctx.capture].moved, var);
            match outer {
                Some(outer) => captures[ctx.capture].via = Some(outer),
                None => captures[ctx.capture].slots.retain(|&v| v != var),
            }
        }
        true
    }

    // Input:  `opt.map(|n| spawn(async move { n + name.len() }))`
    //         (`name` in the frame)
    // Output: `opt.map({ __coro_captures_N; move |n| spawn(async move {
    //         n + name.len() }) })`, the capture list taking `name`.
    /// The vars the `move` closures (or `async move` blocks) inside a
    /// closure that is not `move` take (`captures` from `first`), taken
    /// from them: the outer closure takes them instead (see
    /// `take_into_closure`). rustc's outer closure captures what an inner
    /// one moves by value, where it is made; taken inside, when the inner
    /// one is made, the value would be taken anew at each call.
    fn hoist_nested_takes(&mut self, first: usize) -> Vec<VarId> {
        let mut hoisted = Vec::new();
        for c in &mut self.b.body.captures[first..] {
            for var in c.moved.drain(..) {
                push_unique(&mut hoisted, var);
            }
            c.via = None;
        }
        hoisted
    }

    /// `statement`, `place`: see `LendSite`.
    fn mac(&mut self, mac: &syn::Macro, statement: bool, place: bool) -> Option<Expr> {
        match macros::classify(mac) {
            MacroKind::Inert => None,
            MacroKind::Opaque => {
                // Outside closures and `async` blocks, a frame var it names
                // may be lent to it (see `lend`).
                let site = self
                    .closures
                    .is_empty()
                    .then_some(self.b.body.lend_sites.len());
                let before = self.b.body.mentions.len();
                self.opaque_tokens_at(&mac.tokens, &format!("`{}!`", macros::name(mac)), site);
                let site = site.filter(|_| self.b.body.mentions.len() > before)?;
                self.b.body.lend_sites.push(LendSite {
                    mac: mac.clone(),
                    statement,
                    place,
                });
                let mentions = before..self.b.body.mentions.len();
                Some(crate::lend::placeholder(site, mentions, mac.span()))
            }
            MacroKind::Suspending => {
                // Inside an `async` block (ours or the user's): the macro
                // stays, the expressions in it are marked.
                let name = macros::name(mac);
                let tokens = if super::select::is_select(&name) {
                    let Ok(mut select) = syn::parse2::<super::select::Select>(mac.tokens.clone())
                    else {
                        self.opaque_tokens(&mac.tokens, &format!("`{name}!`"));
                        return None;
                    };
                    let borrows_paths = super::select::borrows_path_futures(mac, &select);
                    for branch in &mut select.branches {
                        match branch {
                            super::select::Branch::Future {
                                pat,
                                future,
                                precondition,
                                handler,
                            } => {
                                if borrows_paths && self.var_of_path(future).is_some() {
                                    // futures' `select!` polls a named future
                                    // in place (`&mut fut`), not by value.
                                    let span = future.span();
                                    let named = future.clone();
                                    *future = syn::parse_quote_spanned!(span=> &mut #named);
                                }
                                self.expr(future, Ctx::Value);
                                if let Some(c) = precondition {
                                    self.expr(c, Ctx::Value);
                                }
                                let mark = self.shadow.len();
                                self.shadow.extend(binding_idents(pat));
                                self.expr(handler, Ctx::Value);
                                self.shadow.truncate(mark);
                            }
                            super::select::Branch::Fallback { handler, .. } => {
                                self.expr(handler, Ctx::Value)
                            }
                        }
                    }
                    select.to_token_stream()
                } else {
                    let Some(mut args) = macros::parse_args(mac, &macros::Shape::Exprs) else {
                        self.opaque_tokens(&mac.tokens, &format!("`{name}!`"));
                        return None;
                    };
                    for arg in args.exprs_mut() {
                        self.expr(&mut arg.expr, Ctx::Value);
                    }
                    args.tokens()
                };
                let mut mac = mac.clone();
                mac.tokens = tokens;
                Some(Expr::Macro(syn::ExprMacro {
                    attrs: Vec::new(),
                    mac,
                }))
            }
            MacroKind::Args(shape) => {
                let Some(mut args) = macros::parse_args(mac, &shape) else {
                    self.opaque_tokens(&mac.tokens, &format!("`{}!`", macros::name(mac)));
                    return None;
                };
                // `matches!`'s guard (its one argument read as a value: the
                // scrutinee is a place) sees the pattern's bindings, and runs
                // only if the pattern matched.
                let guard_sees = args.pat.as_ref().map(binding_idents);
                for (formatted, arg) in args.exprs_mut_formatted() {
                    // (A format argument is only borrowed to be read: a
                    // macro there may be lent values, as `&m!(x)` may.)
                    let ctx = match formatted {
                        true => read_in_place(&arg.expr),
                        false => arg.ctx,
                    };
                    match &guard_sees {
                        Some(names) if ctx == Ctx::Value => {
                            let mark = self.shadow.len();
                            self.shadow.extend(names.iter().cloned());
                            self.branch_depth += 1;
                            self.expr(&mut arg.expr, ctx);
                            self.branch_depth -= 1;
                            self.shadow.truncate(mark);
                        }
                        _ => self.expr(&mut arg.expr, ctx),
                    }
                }
                if let Some(fmt) = args.format_string() {
                    for name in macros::implicit_captures(&fmt) {
                        if args.has_named(&name) {
                            continue;
                        }
                        // (Named as the literal's tokens name it.)
                        let ident = syn::Ident::new(&name, fmt.span());
                        if let Some(var) = self.resolve_ident(&ident) {
                            let mut value: Expr = syn::parse_quote!(#ident);
                            self.mention(&mut value, var, Access::FormatCapture);
                            args.push_named(ident, value);
                        }
                    }
                }
                Some(args.into_macro_expr(mac))
            }
        }
    }

    /// Tokens the walker cannot parse: any tracked var they name is recorded
    /// as a `Macro` mention (lowering rejects it if the var is in the frame).
    /// A `break` or `continue` among them may jump anywhere.
    fn opaque_tokens(&mut self, tokens: &TokenStream, what: &str) {
        self.opaque_tokens_at(tokens, what, None);
    }

    /// As `opaque_tokens`, for the macro `site` of `Body::lend_sites`.
    fn opaque_tokens_at(&mut self, tokens: &TokenStream, what: &str, site: Option<usize>) {
        let tts: Vec<TokenTree> = tokens.clone().into_iter().collect();
        // A closure's parameters (`|x: u32| x + 1`) name its own values in
        // the rest of the group.
        let mut params: Vec<String> = Vec::new();
        for (i, tt) in tts.iter().enumerate() {
            if is_punct(tt, '|') {
                params.extend(closure_params_after(&tts[i + 1..]));
            }
            match tt {
                TokenTree::Ident(ident)
                    if (ident == "break" || ident == "continue") && self.exits_are_ours() =>
                {
                    self.jump_floor = 0;
                }
                TokenTree::Ident(ident)
                    if names_no_value(&tts, i) || params.contains(&ident.to_string()) => {}
                // A name given a value (`kv!(id = n)`) is the macro's own key
                // as often as an assignment. Taken for a key: were it an
                // assignment to a var in the frame, no binding of that name
                // is in scope in the lowered code (E0425; a parameter's, in
                // scope there, is not `mut`: E0594), and to any other var,
                // the assignment is the user's own. Not where another var of
                // that name was declared before: the token would reach that
                // one.
                TokenTree::Ident(ident)
                    if starts_keyed_argument(&tts, i)
                        && self.b.body.vars.iter().filter(|v| v.name == *ident).count() <= 1 => {}
                TokenTree::Ident(ident) => {
                    if let Some(var) = self.resolve_ident(ident) {
                        self.opaque_mention(var, what, ident.span(), site);
                    }
                }
                // A format string the macro may pass on to `format!`
                // (`my_log!("{name} {}", n)`) names its inline captures:
                // rustc resolves them where the literal is written.
                TokenTree::Literal(literal) => {
                    let Ok(text) = syn::parse2::<syn::LitStr>(tt.clone().into()) else {
                        continue;
                    };
                    for name in macros::implicit_captures(&text) {
                        let ident = syn::Ident::new(&name, literal.span());
                        if let Some(var) = self.resolve_ident(&ident) {
                            self.opaque_mention(var, what, literal.span(), site);
                        }
                    }
                }
                TokenTree::Group(g) => self.opaque_tokens_at(&g.stream(), what, site),
                TokenTree::Punct(_) => {}
            }
        }
    }

    /// A mention of `var` inside the tokens of a macro the walker cannot
    /// parse, `what` (see `Access::Macro`).
    /// The macro may run its tokens any number of times, or not at all: the
    /// mention is in a loop and conditional. Not one of a macro lent the
    /// value (`site`), which takes and puts back the value once, where the
    /// macro is.
    fn opaque_mention(&mut self, var: VarId, what: &str, span: Span, site: Option<usize>) {
        let access = Access::Macro {
            name: what.to_string(),
            site,
        };
        if site.is_some() {
            let in_loop = self.loop_depth > 0;
            let conditional = in_loop || self.branch_depth > 0;
            self.b
                .mention(var, access, span, in_loop, conditional, None);
            self.settle_last_mention();
            return;
        }
        let seq = self.b.next_seq();
        let block = self.b.cur_block();
        let path = self.b.list_path();
        self.b.body.mentions.push(Mention {
            path,
            var,
            access,
            via: None,
            block,
            seq,
            in_inner_loop: true,
            conditional: true,
            settled: false,
            dominates_rest: false,
            runs_past: false,
            span,
        });
    }
}

/// The context of an operand only read in place, through a shared
/// reference (a comparison's, `&e`'s): a place, but for a macro, whose
/// value may be lent values as a value's would (see `lend`): a lent copy
/// reads the same (a value that is not `Copy` moves into the macro's
/// value, and moving it back is E0382).
fn read_in_place(e: &Expr) -> Ctx {
    if matches!(e, Expr::Macro(_)) {
        Ctx::Value
    } else {
        Ctx::Place
    }
}

fn is_punct(tt: &TokenTree, c: char) -> bool {
    matches!(tt, TokenTree::Punct(p) if p.as_char() == c)
}

/// Whether the identifier at `i` in a macro's tokens begins an argument
/// and is given a value with `=` (not `==`, `=>`): `kv!(id = n, name = s)`.
fn starts_keyed_argument(tts: &[TokenTree], i: usize) -> bool {
    let begins = i == 0 || is_punct(&tts[i - 1], ',');
    let assigned = matches!(tts.get(i + 1), Some(TokenTree::Punct(p))
        if p.as_char() == '=' && p.spacing() == proc_macro2::Spacing::Alone);
    begins && assigned
}

/// Whether the identifier at `i` in a macro's tokens names no value, as
/// its neighbours show: a field or method name (`p.x`), a path's segment
/// (`y::K`, `Self::x`), a struct literal's field name or a typed binding
/// (`P { x: 1 }`, `|x: u32|`).
fn names_no_value(tts: &[TokenTree], i: usize) -> bool {
    let at = |j: usize| tts.get(j);
    let colon = |j: usize| at(j).is_some_and(|t| is_punct(t, ':'));
    let after_dot = i > 0 && at(i - 1).is_some_and(|t| is_punct(t, '.'));
    let after_path = i > 1 && colon(i - 1) && colon(i - 2);
    let before_colon = colon(i + 1);
    after_dot || after_path || before_colon
}

/// The parameters of a closure whose opening `|` precedes `tts`: the
/// identifiers before the closing `|` not followed by `:` types' names
/// (`|x: u32, mut y|` gives `x`, `y`).
fn closure_params_after(tts: &[TokenTree]) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_type = false;
    for tt in tts {
        match tt {
            t if is_punct(t, '|') => break,
            t if is_punct(t, ':') => in_type = true,
            t if is_punct(t, ',') => in_type = false,
            TokenTree::Ident(ident) if !in_type && ident != "mut" => out.push(ident.to_string()),
            _ => {}
        }
    }
    out
}

fn push_unique(list: &mut Vec<VarId>, var: VarId) {
    if !list.contains(&var) {
        list.push(var);
    }
}

/// The vars a closure that is not `move` uses only by value (at least
/// once) or reads: see `Walker::take_into_closure`. Not a closure it calls
/// (`f()` borrows an `Fn`), nor a method receiver unless the method takes
/// `self` whatever the type (`into_iter`).
fn takes_by_value(body: &Body, mentions: &[(MentionId, Access)]) -> Vec<VarId> {
    // (A call of a closure borrows it unless it is only `FnOnce`, which
    // the signature shows of some arguments: `Body::once_closures`.)
    let by_value = |var: VarId, a: &Access| match a {
        Access::Move => true,
        Access::Receiver { method, .. } if method == "()" => body.once_closures.contains(&var),
        Access::Receiver {
            method,
            args,
            awaited,
            ..
        } => crate::analyse::guessed_by_value(method, *args, *awaited),
        _ => false,
    };
    let reads = |a: &Access| matches!(a, Access::FormatCapture | Access::FieldMove);
    let mut vars: Vec<VarId> = Vec::new();
    for (id, access) in mentions {
        let var = body.mentions[*id].var;
        if by_value(var, access) {
            push_unique(&mut vars, var);
        }
    }
    vars.retain(|&var| {
        mentions
            .iter()
            .filter(|(id, _)| body.mentions[*id].var == var)
            .all(|(_, a)| by_value(var, a) || reads(a))
    });
    vars
}

// Input:  `let f = || { guard.touch(); guard.finish() };` (`guard` in the frame)
// Output: `let f = { __coro_captures_N; move || { <guard reached>.touch();
//         <guard reached>.finish() } };`, the capture list taking `guard`
//         by value or by reference as the methods found decide.
/// The vars a closure that is not `move` uses in ways syntax cannot tell
/// take them or not (a method that may take `self`, besides moves and
/// reads), other than those it takes (`taken`): rustc captures one by
/// value if a use takes it (after method resolution), so the lowering's
/// capture asks the same of the types (see `__private::capture`). Only a
/// var whose uses are moves, reads, places and method calls, all made in
/// this closure or in closures inside that are not `move` (from
/// `mentions_from` on), and one of which may take it.
fn decided_by_type(
    body: &Body,
    mentions: &[(MentionId, Access)],
    taken: &[VarId],
    mentions_from: MentionId,
) -> Vec<DecidedCapture> {
    let may_take = |a: &Access| match a {
        Access::Move => true,
        Access::Receiver { method, args, .. } => {
            method != "()" && !crate::analyse::borrows_whatever_the_type(method, *args)
        }
        _ => false,
    };
    let known = |a: &Access| {
        matches!(
            a,
            Access::Move
                | Access::Receiver { .. }
                | Access::Place
                | Access::FormatCapture
                | Access::FieldMove
        )
    };
    let mut out: Vec<DecidedCapture> = Vec::new();
    let mut vars: Vec<VarId> = Vec::new();
    for (id, _) in mentions {
        push_unique(&mut vars, body.mentions[*id].var);
    }
    for var in vars {
        if taken.contains(&var) {
            continue;
        }
        let uses: Vec<(MentionId, Access)> = mentions
            .iter()
            .filter(|(id, _)| body.mentions[*id].var == var)
            .cloned()
            .collect();
        let all_here = (mentions_from..body.mentions.len())
            .filter(|&id| body.mentions[id].var == var)
            .all(|id| uses.iter().any(|(u, _)| *u == id));
        if all_here && uses.iter().all(|(_, a)| known(a)) && uses.iter().any(|(_, a)| may_take(a)) {
            out.push(DecidedCapture { var, uses });
        }
    }
    out
}

/// `move || x` capturing frame vars becomes `{ __coro_captures_N; move || x }`:
/// lowering turns the placeholder into `let x = <take x from the frame>;`.
fn wrap_captures(e: &mut Expr, captures: Option<usize>) {
    if let Some(id) = captures {
        let span = e.span();
        let marker = syn::Ident::new(&format!("__coro_captures_{id}"), span);
        let inner = e.clone();
        *e = syn::parse_quote_spanned!(span=> { #marker; #inner });
    }
}

/// The context of a `let` initialiser: a simple binding moves the value; a
/// destructuring pattern uses it as a place it may move out of.
pub fn local_init_ctx(pat: &Pat) -> Ctx {
    match strip_type(pat) {
        Pat::Ident(p) if p.subpat.is_none() => {
            if p.by_ref.is_some() {
                Ctx::Place
            } else {
                Ctx::Value
            }
        }
        Pat::Wild(_) => Ctx::Place,
        p if pattern_moves(p) => Ctx::Scrutinee {
            refs: pattern_has_ref(p),
        },
        _ => Ctx::Place,
    }
}

pub fn strip_type(pat: &Pat) -> &Pat {
    match pat {
        Pat::Type(t) => strip_type(&t.pat),
        other => other,
    }
}

/// Whether an expression contains an `.await` of this function (not of a
/// closure or `async` block inside it), or a macro that suspends.
pub fn has_await(e: &Expr) -> bool {
    let mut finder = AwaitFinder(false);
    finder.visit_expr(e);
    finder.0
}

pub fn block_has_await(b: &Block) -> bool {
    let mut finder = AwaitFinder(false);
    finder.visit_block(b);
    finder.0
}

struct AwaitFinder(bool);

impl<'ast> Visit<'ast> for AwaitFinder {
    fn visit_expr_await(&mut self, _: &'ast syn::ExprAwait) {
        self.0 = true;
    }
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if macros::macro_suspends(mac) {
            self.0 = true;
        }
    }
}

/// Tokens for a placeholder call standing for an exit.
pub fn exit_call(id: ExitId, value: Option<Expr>, span: Span) -> Expr {
    crate::syntax::call(crate::syntax::path(exit_placeholder(id, span)), value, span)
}

/// Whether `e` is a closure (in parentheses or at the end of a block).
fn is_closure(e: &Expr) -> bool {
    match e {
        Expr::Closure(_) => true,
        Expr::Paren(p) => is_closure(&p.expr),
        Expr::Block(b) => {
            matches!(b.block.stmts.last(), Some(Stmt::Expr(tail, None)) if is_closure(tail))
        }
        _ => false,
    }
}

/// The number of parameters of `e` if it is a closure literal (in
/// parentheses), which can be made inside the lowering's own closure with
/// nothing else moving there; not an `async` closure, whose bounds (the
/// `AsyncFn` traits) a plain closure does not meet.
fn closure_params(e: &Expr) -> Option<usize> {
    match e {
        Expr::Closure(c) if c.asyncness.is_none() => Some(c.inputs.len()),
        Expr::Paren(p) => closure_params(&p.expr),
        _ => None,
    }
}

/// Whether a `move` closure literal among `args` is followed by an
/// argument that names something the closure names: made in the call,
/// after that argument (see `Access::Receiver::closures`), the closure
/// would copy a value the argument may have changed (`move || n`, then
/// `{ n += 1; k }`). Closures that borrow cannot tell (rustc rejects such a
/// change while they hold the borrow), nor can a closure that moves a value
/// the argument uses (rustc rejects the use).
pub fn copy_before_later_args(args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>) -> bool {
    args.iter().enumerate().any(|(at, arg)| {
        let Expr::Closure(closure) = crate::syntax::unparenthesised(arg) else {
            return false;
        };
        if closure.capture.is_none() {
            return false;
        }
        let body = closure.body.to_token_stream();
        let named = |i: &proc_macro2::Ident| crate::syntax::any_ident(body.clone(), &|j| j == i);
        args.iter()
            .skip(at + 1)
            .any(|later| crate::syntax::any_ident(later.to_token_stream(), &named))
    })
}

/// The closure literals among `args` (see `Access::Receiver::closures`).
pub fn closure_args(args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>) -> Vec<ClosureArg> {
    args.iter()
        .enumerate()
        .filter_map(|(at, arg)| {
            Some(ClosureArg {
                at,
                params: Some(closure_params(arg)?),
            })
        })
        .collect()
}

/// The arguments a probed call writes in the call itself (see
/// `Access::Receiver::closures`): its closure literals, and the literals
/// only the method's parameter types type ([`typed_by_parameter`]), where
/// every later argument has no effect either (made in the call, such a
/// literal is made after them).
fn written_in_call(args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>) -> Vec<ClosureArg> {
    let mut written = closure_args(args);
    let args: Vec<&Expr> = args.iter().collect();
    for (at, arg) in args.iter().enumerate() {
        if typed_by_parameter(arg)
            && args[at + 1..].iter().all(|later| effect_free(later))
            && !written.iter().any(|c| c.at == at)
        {
            written.push(ClosureArg { at, params: None });
        }
    }
    written.sort_by_key(|c| c.at);
    written
}

// Input:  `csv.row(&[&name, "x"])`, `m.insert(k, Some(name))`,
//         `csv.each(&|s| s.len())`, `(&name, 1)`
/// Whether an argument is a literal whose parts only the method's
/// parameter type types: an array, a tuple, a struct or a constructor's
/// call (`Some(..)`, `Box::new(..)`), or a reference to one or to a
/// closure. rustc coerces its parts to the parameter's (`&String` to
/// `&str` inside `&[&str]`) and types a closure's parameters from a `dyn
/// Fn` there; evaluated on its own, before the call, it keeps its own
/// types (E0308, E0282). Only one without effects ([`effect_free`]).
fn typed_by_parameter(arg: &Expr) -> bool {
    let literal = |e: &Expr| {
        matches!(e, Expr::Array(_) | Expr::Tuple(_) | Expr::Struct(_)) || constructor_call(e)
    };
    let e = crate::syntax::unparenthesised(arg);
    let shaped = match e {
        Expr::Reference(r) => {
            let inner = crate::syntax::unparenthesised(&r.expr);
            literal(inner) || matches!(inner, Expr::Closure(_))
        }
        e => literal(e),
    };
    shaped && effect_free(e)
}

/// `Some(x)`, `Wrapper(x)`, `Box::new(x)`: a call that makes a value of its
/// arguments (a tuple struct's or variant's name, or a smart pointer's
/// `new`).
fn constructor_call(e: &Expr) -> bool {
    let Expr::Call(c) = e else {
        return false;
    };
    let Expr::Path(p) = crate::syntax::unparenthesised(&c.func) else {
        return false;
    };
    match crate::syntax::segment_names(&p.path).as_slice() {
        [.., pointer, new] if new == "new" => {
            matches!(pointer.as_str(), "Box" | "Rc" | "Arc")
        }
        [.., last] => last.starts_with(|c: char| c.is_ascii_uppercase()),
        [] => false,
    }
}

/// Whether evaluating `e` has no effect another argument could see, nor
/// leaves: paths, literals, borrows, field reads, literals of arrays,
/// tuples and structs, constructors' calls, closures (made, not run).
fn effect_free(e: &Expr) -> bool {
    match e {
        Expr::Path(_) | Expr::Lit(_) | Expr::Closure(_) => true,
        Expr::Paren(p) => effect_free(&p.expr),
        Expr::Reference(r) => effect_free(&r.expr),
        Expr::Field(f) => effect_free(&f.base),
        Expr::Cast(c) => effect_free(&c.expr),
        Expr::Array(a) => a.elems.iter().all(effect_free),
        Expr::Tuple(t) => t.elems.iter().all(effect_free),
        Expr::Struct(s) => s.rest.is_none() && s.fields.iter().all(|f| effect_free(&f.expr)),
        Expr::Call(c) => constructor_call(e) && c.args.iter().all(effect_free),
        _ => false,
    }
}

/// Whether `e`'s tokens hold the identifier `name` (macros' too).
fn names_ident(e: &Expr, name: &proc_macro2::Ident) -> bool {
    crate::syntax::any_ident(e.to_token_stream(), &|i| i == name)
}
