//! Builds the [`Body`](crate::ir::Body) from the user's function body.
//!
//! The builder walks the body in evaluation order. Code without `.await` is
//! kept as the user wrote it (`code.rs` only marks its mentions of tracked
//! vars and its exits). Expressions with `.await` are taken apart operand by
//! operand (`expr.rs`), statements and blocks by `stmt.rs`, and `if`,
//! `match` and loops whose bodies suspend by `control.rs`.
//!
//! State: the *lexical* scope stack (which names are visible, which scopes
//! are open) and the *position* (the block being filled and, for each open
//! scope, the statement list that scope has in that block). A suspension ends
//! the current block; the next one reopens every open scope, so a scope's
//! drops still happen where the scope ends.

pub(crate) mod code;
mod completes;
pub use completes::never_completes;
mod control;
mod expr;
mod json;
mod logging;
pub(crate) mod macros;
mod native;
mod pattern;
pub use code::{block_has_await, has_await};
pub use control::{conjuncts, deref_bindings, is_place, reaches_temporary};
pub use expr::spilled_receiver_temp;
pub use pattern::{any_subpattern, bindings, pattern_moves};
pub(crate) mod select;
pub use select::strip_inline_attrs;
mod stmt;

use crate::ir::*;
use proc_macro2::Span;
use syn::{Ident, Type};

/// Builds the body of a coroutine.
pub struct Builder {
    pub body: Body,
    /// Open lexical scopes, outermost first.
    lex: Vec<LexScope>,
    /// Visible names, innermost last.
    names: Vec<(String, VarId)>,
    /// Where statements go: `None` after control has left (unreachable).
    pos: Option<Pos>,
    /// Suspending loops and labelled blocks, innermost last.
    loops: Vec<LoopCtx>,
    /// Evaluation order counter for mentions.
    seq: usize,
    /// The branches of `if`s and `match`es inside the code being walked
    /// (not lowered as statements) that the walker is in, outermost first:
    /// marker lists (`Body::code_branches`) that extend mentions' paths, so
    /// that uses in two arms of one `match` do not follow each other.
    pub code_branches: Vec<ListId>,
    /// The function's return type, if it can be written inside the body.
    pub ret_ty: Option<Type>,
    /// See `signature::Lowered::several_lifetimes`.
    pub several_lifetimes: bool,
    pub errors: Vec<syn::Error>,
    /// The var standing for `self`, if the function has a receiver.
    pub self_var: Option<VarId>,
    /// Vars made by a chain that iterates over owned items (see
    /// `stmt::owning_iterator`): `for x in &mut it` yields them.
    pub owning_iters: Vec<VarId>,
    /// Whether the last closure the code walker met only borrows what it
    /// names (see `code::only_borrows`).
    pub last_closure_borrows_only: bool,
    /// While a `let` initialiser whose temporaries the binding extends is
    /// lowered: the open scope (an index into `lex`) of its statement. The
    /// homes of the extended temporaries are declared just outside it, so
    /// they live as long as the binding; the statement's other temporaries
    /// drop where it ends.
    extend: Option<usize>,
    /// The var count when the statement being lowered began (see
    /// `Var::anchor`).
    pub statement_start: usize,
    /// The type rustc expects of the value of the statements about to be
    /// lowered (the function's output for its body; a tail `if`'s, `match`'s
    /// or block's branches inherit their construct's), if it can be
    /// written. Taken by the next `stmts`, for its tail only (see
    /// `expect_in_branches`).
    pub tail_type: Option<Type>,
}

struct LexScope {
    scope: ScopeId,
    names_mark: usize,
}

#[derive(Clone)]
struct Pos {
    block: BlockId,
    /// Parallel to `lex`: the list of each open scope in `block`, and where
    /// the `Stmt::Scope` that holds it sits (to mark where it closes).
    lists: Vec<(ListId, Option<(ListId, usize)>)>,
}

struct LoopCtx {
    /// Index into `body.loops`.
    id: usize,
    /// Scope depth (length of `lex`) outside the loop.
    depth: usize,
    /// Whether this is a labelled block (only `break 'label` reaches it).
    is_block: bool,
    /// The type rustc expects of its value (see `tail_type`), which its
    /// `break` values are typed by where a native block takes them out
    /// (see `typed_breaks`).
    expected: Option<Type>,
}

impl Builder {
    /// The label of the innermost open loop (not labelled block): where an
    /// unlabelled `break` goes. `None` if it has no label or there is none.
    pub fn innermost_loop_label(&self) -> Option<String> {
        let l = self.loops.iter().rev().find(|l| !l.is_block)?;
        self.body.loops[l.id].label.clone()
    }

    /// The open loops and labelled blocks whose value rustc expects to be
    /// of a type, by the label a `break` names them with, as
    /// `select::Jumps` resolves it (`None`: the innermost loop, unlabelled).
    pub fn typed_breaks(&self) -> Vec<(Option<String>, Type)> {
        let innermost = self.loops.iter().rev().find(|l| !l.is_block).map(|l| l.id);
        let mut out: Vec<(Option<String>, Type)> = Vec::new();
        for l in self.loops.iter().rev() {
            let label = self.body.loops[l.id].label.clone();
            if label.is_none() && Some(l.id) != innermost {
                continue;
            }
            if out.iter().any(|(known, _)| *known == label) {
                continue;
            }
            if let Some(ty) = &l.expected {
                out.push((label, ty.clone()));
            }
        }
        out
    }

    pub fn new(ret_ty: Option<Type>) -> Self {
        let mut b = Builder {
            body: Body::default(),
            lex: Vec::new(),
            names: Vec::new(),
            pos: None,
            loops: Vec::new(),
            seq: 0,
            ret_ty,
            several_lifetimes: false,
            errors: Vec::new(),
            self_var: None,
            owning_iters: Vec::new(),
            last_closure_borrows_only: false,
            extend: None,
            statement_start: 0,
            code_branches: Vec::new(),
            tail_type: None,
        };
        let root = b.body.new_list();
        b.body.blocks.push(Block {
            kind: BlockKind::Start,
            root,
        });
        let scope = b.new_scope_id();
        b.lex.push(LexScope {
            scope,
            names_mark: 0,
        });
        b.pos = Some(Pos {
            block: 0,
            lists: vec![(root, None)],
        });
        b
    }

    fn new_scope_id(&mut self) -> ScopeId {
        let parent = self.lex.last().map(|s| s.scope);
        self.body.scopes.push(Scope {
            parent,
            vars: Vec::new(),
        });
        self.body.scopes.len() - 1
    }

    pub fn error(&mut self, span: Span, message: impl std::fmt::Display) {
        self.errors.push(syn::Error::new(span, message));
    }

    pub fn reachable(&self) -> bool {
        self.pos.is_some()
    }

    fn cur_block(&self) -> BlockId {
        self.pos.as_ref().map_or(0, |p| p.block)
    }

    /// The statement lists the current position sits in.
    fn list_path(&self) -> Vec<ListId> {
        let mut path: Vec<ListId> = self
            .pos
            .as_ref()
            .map(|p| p.lists.iter().map(|l| l.0).collect())
            .unwrap_or_default();
        path.extend(&self.code_branches);
        path
    }

    fn next_seq(&mut self) -> usize {
        self.seq += 1;
        self.seq
    }

    /// Appends a statement at the current position (dropped if unreachable).
    pub fn emit(&mut self, stmt: Stmt) {
        if let Some(pos) = &self.pos {
            let written: &[VarId] = match &stmt {
                Stmt::Init { var, .. } | Stmt::Adopt(var) => std::slice::from_ref(var),
                Stmt::Bind { binds, .. } => binds,
                _ => &[],
            };
            for &v in written {
                self.body.vars[v].write_seqs.push(self.seq);
            }
            let list = pos.lists.last().expect("a scope is open").0;
            self.body.lists[list].push(stmt);
        }
    }

    // ----- vars and names ------------------------------------------------

    /// Declares a var in the innermost scope (visible by name if `visible`).
    pub fn declare(
        &mut self,
        name: Ident,
        kind: VarKind,
        mutable: bool,
        ty: Option<Type>,
    ) -> VarId {
        let scope = self.lex.last().expect("a scope is open").scope;
        let id = self.body.vars.len();
        let declared_in = self.pos.as_ref().map(|p| p.block);
        self.note_called_by_reference(id, ty.as_ref());
        self.body.vars.push(Var {
            name,
            kind,
            mutable,
            ty,
            crosses: false,
            crossed_at: None,
            declared_in,
            struct_path: None,
            struct_fields: None,
            borrow: false,
            anchor: None,
            declared_seq: self.seq,
            write_seqs: Vec::new(),
            no_drop: false,
            homed: false,
            ref_parts: RefParts::None,
            literal_elements: Vec::new(),
        });
        self.body.scopes[scope].vars.push(id);
        id
    }

    /// Declares a var in the scope enclosing the innermost one (the binding
    /// of a `let` whose initialiser runs in the statement's own scope), and
    /// places its `Stmt::Declare` in that scope's list, just before the
    /// statement's scope, in the block where control is now.
    /// A var whose type shows it is a closure called through a reference
    /// (`let g: Box<dyn Fn(u8) -> u8>`) is called in place, as rustc calls
    /// it (see `Body::closures_called_in_place`).
    fn note_called_by_reference(&mut self, var: VarId, ty: Option<&Type>) {
        if ty.is_some_and(|t| crate::signature::called_by_reference(t, &syn::Generics::default())) {
            self.body.closures_called_in_place.insert(var);
        }
    }

    pub fn declare_outside_statement(
        &mut self,
        name: Ident,
        kind: VarKind,
        mutable: bool,
        ty: Option<Type>,
    ) -> VarId {
        let statement = self.lex.len() - 1;
        self.declare_outside(statement, name, kind, mutable, ty)
    }

    /// Declares a var in the scope enclosing the open scope `statement` (an
    /// index into the open scopes), its `Stmt::Declare` just before that
    /// scope's list in the block where control is now.
    pub fn declare_outside(
        &mut self,
        statement: usize,
        name: Ident,
        kind: VarKind,
        mutable: bool,
        ty: Option<Type>,
    ) -> VarId {
        let scope = self.lex[statement - 1].scope;
        let id = self.body.vars.len();
        let declared_in = self.pos.as_ref().map(|p| p.block);
        self.note_called_by_reference(id, ty.as_ref());
        self.body.vars.push(Var {
            name,
            kind,
            mutable,
            ty,
            crosses: false,
            crossed_at: None,
            declared_in,
            struct_path: None,
            struct_fields: None,
            borrow: false,
            anchor: None,
            declared_seq: self.seq,
            write_seqs: Vec::new(),
            no_drop: false,
            homed: false,
            ref_parts: RefParts::None,
            literal_elements: Vec::new(),
        });
        self.body.scopes[scope].vars.push(id);
        if let Some(pos) = &mut self.pos {
            if let Some((list, at)) = pos.lists.get_mut(statement).and_then(|l| l.1.as_mut()) {
                self.body.lists[*list].insert(*at, Stmt::Declare { var: id });
                *at += 1;
            }
        }
        id
    }

    /// Makes a declared var visible under its name from here on.
    pub fn bind_name(&mut self, var: VarId) {
        let name = self.body.vars[var].name.to_string();
        self.names.push((name, var));
    }

    /// A temporary of the current statement.
    /// A var of the lowering's for a value the user's code has only as a
    /// temporary: mutable, as a temporary is (`lock.write().await.insert(k, v)`
    /// calls a `&mut self` method on the awaited guard).
    pub fn temp(&mut self, what: impl Into<String>, span: Span) -> VarId {
        let n = self.body.vars.len();
        let name = Ident::new(&format!("__coro_tmp{n}"), span);
        self.declare(name, VarKind::Temp { what: what.into() }, true, None)
    }

    /// Whether `e` names a variable known to hold a reference (see
    /// `Var::borrow`).
    pub fn names_reference(&self, e: &syn::Expr) -> bool {
        // (`self` is no name of the scopes: `&self`, `&mut self` are
        // references too.)
        let is_self = matches!(e, syn::Expr::Path(p) if p.path.is_ident("self"));
        let var = if is_self {
            self.self_var
        } else {
            self.var_of(e)
        };
        var.is_some_and(|v| self.body.vars[v].borrow)
    }

    /// The var a path of one name names, as the scopes open here resolve it.
    pub fn var_of(&self, e: &syn::Expr) -> Option<VarId> {
        let syn::Expr::Path(p) = e else { return None };
        self.lookup_ident(p.path.get_ident()?)
    }

    pub fn lookup(&self, name: &str) -> Option<VarId> {
        self.names
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|&(_, v)| v)
    }

    /// The var `ident` names, as rustc's hygiene resolves it: of the vars
    /// of its name in scope, the innermost declared by an identifier of the
    /// same syntax context, else (a context unknown, or made by a proc
    /// macro's call-site span, which resolves as the user's tokens do) the
    /// innermost of its name. A `macro_rules!` expansion writes its own
    /// tokens in a context of its own, so its `let tmp = 100;` does not
    /// shadow the caller's `tmp` passed to it in an `$e:expr` (`tmp + $e`).
    pub fn lookup_ident(&self, ident: &Ident) -> Option<VarId> {
        let name = ident.to_string();
        let mut named = self
            .names
            .iter()
            .rev()
            .filter(|(n, _)| *n == name)
            .map(|&(_, v)| v);
        let innermost = named.next()?;
        if named.clone().next().is_none() {
            // (The common case, one var of the name: no context to ask.)
            return Some(innermost);
        }
        let context_of = |v: VarId| crate::syntax::hygiene_context(self.body.vars[v].name.span());
        let Some(context) = crate::syntax::hygiene_context(ident.span()) else {
            return Some(innermost);
        };
        std::iter::once(innermost)
            .chain(named)
            .find(|&v| context_of(v) == Some(context))
            .or(Some(innermost))
    }

    /// Records a mention and returns the placeholder expression for it.
    pub fn mention(
        &mut self,
        var: VarId,
        access: Access,
        span: Span,
        in_inner_loop: bool,
        conditional: bool,
        via: Option<usize>,
    ) -> syn::Expr {
        let id = self.body.mentions.len();
        let seq = self.next_seq();
        let block = self.cur_block();
        let path = self.list_path();
        self.body.mentions.push(Mention {
            var,
            access,
            via,
            block,
            seq,
            in_inner_loop,
            conditional,
            settled: !conditional,
            dominates_rest: !conditional,
            runs_past: !conditional,
            path,
            span,
        });
        crate::syntax::path(mention_placeholder(id, span))
    }

    // ----- scopes ----------------------------------------------------------

    /// Opens a lexical scope (a block) at the current position.
    pub fn open_scope(&mut self) -> ScopeId {
        let scope = self.new_scope_id();
        self.lex.push(LexScope {
            scope,
            names_mark: self.names.len(),
        });
        if let Some(pos) = &mut self.pos {
            let body = self.body.lists.len();
            self.body.lists.push(Vec::new());
            let parent = pos.lists.last().expect("a scope is open").0;
            self.body.lists[parent].push(Stmt::Scope {
                scope,
                body,
                closes: false,
            });
            let at = self.body.lists[parent].len() - 1;
            pos.lists.push((body, Some((parent, at))));
        }
        scope
    }

    /// Closes the innermost scope where control is now (its drops run here).
    pub fn close_scope(&mut self) {
        let lex = self.lex.pop().expect("a scope is open");
        self.names.truncate(lex.names_mark);
        if let Some(pos) = &mut self.pos {
            let (_, at) = pos.lists.pop().expect("a scope is open");
            if let Some((list, i)) = at {
                if let Stmt::Scope { closes, .. } = &mut self.body.lists[list][i] {
                    *closes = true;
                }
            }
        }
    }

    pub fn depth(&self) -> usize {
        self.lex.len()
    }

    /// Whether `var` was declared in a scope that is still open here.
    pub fn in_open_scope(&self, var: VarId) -> bool {
        self.lex
            .iter()
            .any(|lex| self.body.scopes[lex.scope].vars.contains(&var))
    }

    /// Marks every var in scope as crossing a block boundary.
    fn mark_in_scope_crossing(&mut self, depth: usize) {
        let now = self.seq + 1;
        for lex in &self.lex[..depth] {
            for &v in &self.body.scopes[lex.scope].vars {
                let var = &mut self.body.vars[v];
                var.crosses = true;
                var.crossed_at.get_or_insert(now);
            }
        }
    }

    // ----- blocks ------------------------------------------------------------

    pub fn new_block(&mut self, kind: BlockKind) -> BlockId {
        let root = self.body.new_list();
        self.body.blocks.push(Block { kind, root });
        self.body.blocks.len() - 1
    }

    /// Continues in `block`, reopening every open scope there.
    pub fn switch_to(&mut self, block: BlockId) {
        let root = self.body.blocks[block].root;
        let mut lists = vec![(root, None)];
        for lex in &self.lex[1..] {
            let body = self.body.lists.len();
            self.body.lists.push(Vec::new());
            let parent = lists.last().expect("root").0;
            self.body.lists[parent].push(Stmt::Scope {
                scope: lex.scope,
                body,
                closes: false,
            });
            let at = self.body.lists[parent].len() - 1;
            lists.push((body, Some((parent, at))));
        }
        self.pos = Some(Pos { block, lists });
    }

    /// Jumps to `block` without leaving any scope; control here ends.
    pub fn goto(&mut self, block: BlockId) {
        if self.pos.is_none() {
            return;
        }
        let depth = self.depth();
        self.mark_in_scope_crossing(depth);
        self.emit(Stmt::Goto(block));
        self.pos = None;
    }

    /// Suspends on `awaitee` (already written) and continues in the block
    /// that resumes it. Returns the await's id.
    pub fn suspend(
        &mut self,
        awaitee: VarId,
        source: String,
        inline: bool,
        name_hint: String,
    ) -> AwaitId {
        let id = self.body.awaits.len();
        let resume = self.new_block(BlockKind::Resume(id));
        self.body.awaits.push(AwaitPoint {
            awaitee,
            resume,
            source,
            inline,
            name_hint,
        });
        self.body.vars[awaitee].kind = VarKind::Awaitee(id);
        let depth = self.depth();
        self.mark_in_scope_crossing(depth);
        self.emit(Stmt::Suspend(id));
        self.switch_to(resume);
        id
    }

    /// Records an exit leaving every scope deeper than `depth`, and returns
    /// its id (the caller places it as a statement or as a placeholder).
    pub fn exit(&mut self, kind: ExitKind, depth: usize, span: Span) -> ExitId {
        let leaves = self.lex[depth..].iter().rev().map(|l| l.scope).collect();
        if let ExitKind::Jump { .. } = kind {
            self.mark_in_scope_crossing(depth);
        }
        let block = self.cur_block();
        let path = self.list_path();
        self.body.exits.push(Exit {
            kind,
            leaves,
            block,
            path,
            seq: self.seq,
            span,
        });
        self.body.exits.len() - 1
    }

    /// A position snapshot, to lower several branches from the same place.
    fn save_pos(&self) -> Option<Pos> {
        self.pos.clone()
    }

    fn restore_pos(&mut self, pos: Option<Pos>) {
        self.pos = pos;
    }

    /// Joins the ends of several branches: continue where the only one is,
    /// or in a new join block that all of them jump to. Branches that fall
    /// out of their construct in its own block all end at the same place
    /// (after the construct), so they count once.
    fn join(&mut self, ends: Vec<Option<Pos>>, what: &str) {
        let mut reaching: Vec<Pos> = Vec::new();
        for pos in ends.into_iter().flatten() {
            let key = |p: &Pos| (p.block, p.lists.last().map(|l| l.0));
            if !reaching.iter().any(|r| key(r) == key(&pos)) {
                reaching.push(pos);
            }
        }
        match reaching.len() {
            0 => self.pos = None,
            1 => self.pos = reaching.pop(),
            _ => {
                let join = self.new_block(BlockKind::Join {
                    what: what.to_string(),
                });
                for pos in reaching {
                    self.pos = Some(pos);
                    self.goto(join);
                }
                self.switch_to(join);
            }
        }
    }
}
