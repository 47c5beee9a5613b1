//! The intermediate form between the user's body and the emitted state machine.
//!
//! The body becomes a set of *blocks*: `Start`, one block per suspension point
//! (the code that runs when that `.await` completes), and join blocks where
//! control from several blocks meets again (after an `if` whose branches
//! suspend, at the head of a loop that suspends). A block is a tree of
//! statements: code that contains no `.await` stays the user's own structured
//! Rust ([`Code`]); only constructs that suspend are taken apart.
//!
//! Every binding the body declares at block level, every temporary the
//! lowering introduces and every awaited future is a [`Var`]. Analysis later
//! decides which vars live in the frame (they are in scope across a block
//! boundary) and how each mention of them is accessed.

use proc_macro2::Span;
use syn::{Expr, Ident, Pat, Type};

pub type VarId = usize;
pub type ScopeId = usize;
pub type BlockId = usize;
pub type ListId = usize;
pub type AwaitId = usize;
pub type MentionId = usize;
pub type ExitId = usize;

/// The lowered body of one coroutine.
#[derive(Default)]
pub struct Body {
    pub vars: Vec<Var>,
    pub scopes: Vec<Scope>,
    pub blocks: Vec<Block>,
    pub lists: Vec<Vec<Stmt>>,
    pub awaits: Vec<AwaitPoint>,
    pub mentions: Vec<Mention>,
    pub exits: Vec<Exit>,
    /// Loops that suspend, by the index `Exit` uses.
    pub loops: Vec<LoopInfo>,
    /// Per closure or `async` block that uses tracked vars (see `Captures`).
    pub captures: Vec<Captures>,
    /// Vars holding a closure literal that is never `FnOnce` alone: its
    /// body only borrows what it names (`move |n| tag.0.len() + n`), so a
    /// call borrows the closure (`Fn`, `FnMut`), which stays where it is
    /// and drops at the end of its scope.
    pub closures_called_in_place: std::collections::BTreeSet<VarId>,
    /// Arguments whose type the signature shows is only `FnOnce`
    /// (`signature::Param::once_only`): a call of one takes it, so a
    /// closure that is not `move` calling one captures it by value.
    pub once_closures: std::collections::BTreeSet<VarId>,
    /// `self`, if the function takes it by value (its fields may be moved
    /// out one by one).
    pub self_by_value: Option<VarId>,
    /// The arguments of a struct type the signature names (`task: Task`):
    /// they hold the value itself, not a smart pointer to it.
    pub owned_params: Vec<VarId>,
    /// The names of the function's const generic parameters (`N` in
    /// `fn f<const N: usize>`): in a turbofish, `N` is a constant, not a
    /// type.
    pub const_params: Vec<String>,
    /// Branch lists (`if`/`match` arms) whose end control never reaches in
    /// their block: every path through them leaves (an exit, a jump) or
    /// suspends first. Code after their construct in the block does not
    /// follow code in them. (A scope's list is such when its `Scope` does not
    /// close.)
    pub ends_elsewhere: std::collections::BTreeSet<ListId>,
    /// The lists of branch scopes reopened in the block where the branch
    /// ended (after it suspended), which control leaves there to go on
    /// after the construct: they end in their block, though their `Scope`
    /// is not marked as closing (it drops nothing itself).
    pub left_reopened: std::collections::BTreeSet<ListId>,
    /// Branches of `if`s and `match`es inside code (not lowered as
    /// statements): a marker list per branch, with a marker for its
    /// construct, as `Stmt::If` and `Stmt::Match` lists have their
    /// statement (see `analyse::branch_lists`).
    pub code_branches: std::collections::BTreeMap<ListId, (ListId, usize)>,
    /// Those of `code_branches` that are the bodies of loops inside code.
    pub code_loop_bodies: std::collections::BTreeSet<ListId>,
    /// The `if`s with an `else` and the `match`es of code, for an
    /// assignment made in each branch of one that goes on after it (`if c
    /// { s.buf = a } else { s.buf = b }`).
    pub code_constructs: Vec<CodeConstruct>,
    /// The macros the lowering cannot see into that name tracked vars,
    /// outside closures and `async` blocks: a frame var they name may be
    /// lent to them (see `lend`).
    pub lend_sites: Vec<LendSite>,
    /// The macro calls of the user's statements, which the shadow copy
    /// keeps (by `lend::macro_key`): a macro is lent values only if the
    /// shadow copy has it to check the lending (the lowered copy's passes
    /// rewrite some macros).
    pub shadow_macros: std::collections::BTreeSet<String>,
}

/// A macro the lowering cannot see into, where it stands in the lowered
/// code (as the placeholder `__coro_lend_N!()`, see `lend`).
pub struct LendSite {
    pub mac: syn::Macro,
    /// A whole statement (`show!(x);`), which may expand to statements,
    /// not an expression.
    pub statement: bool,
    /// Its value is used as a place it could change (a method's receiver,
    /// `&mut m!(x)`, the left of an assignment, a scrutinee): it may expand
    /// to a place of a value it names, which a lent value moved back after
    /// it is not. (A comparison's operand and `&m!(x)` only read it.)
    pub place: bool,
}

/// An `if` with an `else`, or a `match`, inside code (see
/// `Body::code_branches`).
pub struct CodeConstruct {
    pub block: BlockId,
    /// The order of evaluation (see `Mention::seq`) before its branches:
    /// what a mention with a `seq` up to this one does comes before them.
    pub seq: usize,
    /// The order of evaluation after its branches.
    pub end_seq: usize,
    /// The statement lists it sits in, as a mention there would.
    pub path: Vec<ListId>,
    /// Its branches.
    pub branches: Vec<CodeBranch>,
    /// Inside a loop of the same code fragment (see
    /// `Mention::in_inner_loop`).
    pub in_inner_loop: bool,
    /// It runs whenever the innermost branch or loop body of code it is in
    /// runs, as `Mention::settled`.
    pub settled: bool,
    /// It runs whenever control passes the statement it is in, as
    /// `Mention::runs_past`.
    pub runs_past: bool,
}

/// A branch of a construct in code (see `CodeConstruct::branches`).
#[derive(Clone, Copy)]
pub struct CodeBranch {
    /// Its marker list.
    pub list: ListId,
    /// Whether it always leaves (see `Body::ends_elsewhere`).
    pub leaves: bool,
    /// Whether it ends in a `break` out of the innermost loop of code it is
    /// in (or out of one enclosing that): such a branch goes on after the
    /// loop, never round it (`None => break`).
    pub breaks_loop: bool,
}

/// A value the lowering tracks: a user binding, an argument, a temporary.
pub struct Var {
    /// The user's name (with its span), or a generated one for temporaries.
    pub name: Ident,
    pub kind: VarKind,
    /// `let mut`.
    pub mutable: bool,
    /// `let x: T` — kept so that the write into the frame coerces to `T`.
    pub ty: Option<Type>,
    /// In-scope across a block boundary (set by the builder at each
    /// suspension and jump): the var gets a home in the frame.
    pub crosses: bool,
    /// The mention sequence number (see [`Mention::seq`]) at the first
    /// boundary it crossed: a use with a smaller number comes before it.
    pub crossed_at: Option<usize>,
    /// Declared somewhere (an `Init`, a `Bind`, or a parameter).
    pub declared_in: Option<BlockId>,
    /// `let x = S { .. }`: the struct's path, as written (a field moved out
    /// of `x` is lowered by a pattern naming it; see `partial`).
    pub struct_path: Option<syn::Path>,
    /// The fields that literal names, if it names them all (no `..base`):
    /// a field read of another name reaches through the struct's `Deref`.
    pub struct_fields: Option<Vec<syn::Member>>,
    /// A reference, as syntax shows: a temporary kept from a borrow
    /// expression (`&s`, `&mut s`), a `let` of one or of a reference type,
    /// a parameter of a reference type (`&self` too). A pattern matched
    /// against it binds through the reference, and a field of it is a
    /// place: neither ever moves out.
    pub borrow: bool,
    /// A temporary that lives to the end of its statement (a kept
    /// scrutinee or borrowed temporary): the var count when the statement
    /// began. It drops as if declared there, after the operands the
    /// statement's expressions hold (rustc keeps those in the inner scope of
    /// their expression and drops them first). See [`Body::drop_order_key`].
    pub anchor: Option<usize>,
    /// The mention sequence number when it was declared: mentions with a
    /// larger one come after its declaration.
    pub declared_seq: usize,
    /// The mention sequence numbers at its writes (`let`, a pattern's
    /// binding, an assignment), in the order the builder met them.
    pub write_seqs: Vec<usize>,
    /// Its type has no drop glue, as syntax shows where it binds it: a
    /// binding of a `for` loop over a range (`for i in 0..n`: a range
    /// iterates only over the integers, `char`s and addresses, which std's
    /// unstable `Step` is for). See also `analyse::no_drop_glue`.
    pub no_drop: bool,
    /// Kept in the frame whatever its liveness: a closure that is not
    /// `move` names it beside a value it takes (see `code::take_into_closure`),
    /// and the lowering made that closure `move`, so it reaches this var
    /// through its slot, as a borrow.
    pub homed: bool,
    /// A temporary kept as a `match` scrutinee: the parts of its value that
    /// are references as syntax shows. A pattern destructuring such a part
    /// binds through the reference: it moves nothing out (see `partial`).
    pub ref_parts: RefParts,
    /// A temporary kept from a tuple literal (`(4, D::new("z"))`, a
    /// scrutinee): per element, whether it is a literal (or an element of
    /// another temporary that is one, `(h.0, ..)`), which holds nothing to
    /// drop. A pattern that leaves only such elements in place leaves
    /// nothing (see `partial::leaves_part`).
    pub literal_elements: Vec<bool>,
}

/// See [`Var::ref_parts`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum RefParts {
    #[default]
    None,
    /// A tuple literal's elements at these positions (`(c, ev)` with
    /// `c: &Conn`, `(&mut self.state, cmd)`).
    Tuple(Vec<usize>),
    /// The `Some` of an `Option` of a reference (`items.first()`,
    /// `map.get(&k)`).
    OptionPayload,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub enum VarKind {
    /// A parameter of the function (`self` included), stored at the call.
    Param,
    /// A `let` or pattern binding of the body.
    Local,
    /// An operand evaluated before an `.await` of the same expression, kept
    /// for the rest of the expression; `what` describes it for the reader.
    Temp { what: String },
    /// The future an `.await` polls.
    Awaitee(AwaitId),
    /// The iterator of a `for` loop that suspends.
    Iter,
    /// The value of a construct (`if`, `match`, `loop`, block) that suspends.
    Result,
}

pub struct Scope {
    pub parent: Option<ScopeId>,
    /// Vars declared in this scope, in declaration order.
    pub vars: Vec<VarId>,
}

pub enum BlockKind {
    Start,
    Resume(AwaitId),
    /// A join point: `what` says which construct it follows, for the reader.
    Join {
        what: String,
    },
}

pub struct Block {
    pub kind: BlockKind,
    pub root: ListId,
}

/// A statement of a block.
pub enum Stmt {
    /// Code without `.await`, placed as a statement (`expr;`).
    Code(Code),
    /// `let x = value;` for one var (a simple binding), or the write of a
    /// temporary / awaitee / result var.
    Init { var: VarId, value: Code },
    /// `let PAT = value else { .. };` binding several vars at once.
    Bind {
        pat: Pat,
        value: Code,
        binds: Vec<VarId>,
        else_list: Option<ListId>,
    },
    /// `let x;` without an initialiser.
    Declare { var: VarId },
    /// A nested lexical scope: the list runs in its own Rust block, then, if
    /// the scope ends here (not by jumping elsewhere), its frame vars drop.
    Scope {
        scope: ScopeId,
        body: ListId,
        closes: bool,
    },
    /// `if cond { then } else { else }` whose branches suspend.
    If {
        cond: Code,
        then_list: ListId,
        else_list: ListId,
    },
    /// `match scrutinee { arms }` whose arms suspend.
    Match {
        scrutinee: Code,
        arms: Vec<MatchArm>,
    },
    /// Control leaves to another block, leaving no scope.
    Goto(BlockId),
    /// The Rust binding just introduced by a pattern (`if let Some(x)`,
    /// a match arm) becomes the var of the same name.
    Adopt(VarId),
    /// Ends a var's life early: the awaitee once its `.await` is complete.
    Drop(VarId),
    /// An item declared in a block that suspends.
    Item(Box<syn::Item>),
    /// Suspend on an `.await`: its awaitee is written; poll it.
    Suspend(AwaitId),
}

pub struct MatchArm {
    /// The pattern, guard included (`Pat::Guard`), bindings as written.
    pub pat: Pat,
    pub body: ListId,
}

/// A piece of the user's code without `.await`: an expression whose
/// mentions of tracked vars and whose exits have been replaced by
/// placeholders (see `lower`).
#[derive(Clone)]
pub struct Code {
    pub expr: Expr,
}

/// The bindings placed just before a closure or `async` block (by the
/// placeholder `__coro_captures_N;`) for the frame vars it uses.
///
/// A closure must not capture the frame reference itself: stored in the
/// frame (held across an `.await`), its type would contain the frame's type.
/// It uses the slot references the poll binds at its top instead
/// (`__coro_slot_x`, see `frame::slot_refs`); the lowering's own `async`
/// block gets `let __coro_slot_x = Unbound::new(__coro_slot_x);` for each
/// frame var used inside it in place, and a `move` closure gets
/// `let x = <slot>.take();` for each frame var it moves in.
#[derive(Default)]
pub struct Captures {
    /// Frame vars reached through a slot reference (outermost closure only).
    pub slots: Vec<VarId>,
    /// Vars a `move` closure takes (outermost `move` closure only).
    pub moved: Vec<VarId>,
    /// For `moved`: the capture list whose slot references the takes use
    /// (the enclosing closure's), if any.
    pub via: Option<usize>,
    /// For the lowering's own `async move` blocks: slot pointers (which
    /// carry no lifetime), not slot references.
    pub pointers: bool,
    /// Vars a closure that is not `move` captures as their type decides:
    /// by value if a use in it takes them, else by reference (see
    /// `__private::capture`).
    pub decided: Vec<DecidedCapture>,
}

/// A var a closure captures as its type decides (see `Captures::decided`),
/// with its mentions in the closure and the access syntax gave each (the
/// mentions themselves are captures by reference).
pub struct DecidedCapture {
    pub var: VarId,
    pub uses: Vec<(MentionId, Access)>,
}

/// One mention of a var in code.
pub struct Mention {
    pub var: VarId,
    pub access: Access,
    /// Inside a closure or `async` block: the capture list (of the outermost
    /// one) whose slot references reach the frame.
    pub via: Option<usize>,
    pub block: BlockId,
    /// Order of evaluation within the body (increasing along straight-line
    /// code).
    pub seq: usize,
    /// Inside a loop of the same code fragment: may run again after itself.
    pub in_inner_loop: bool,
    /// Inside a branch, loop or closure of its code fragment: it may not run.
    pub conditional: bool,
    /// Runs whenever the innermost list, branch or loop body of code in
    /// its `path` runs (not under `&&`/`||` or a closure of its own, in a
    /// loop's condition, or after a statement that may leave): an
    /// assignment so placed comes before the rest of that list, branch or
    /// body (in each iteration).
    pub settled: bool,
    /// As `settled`, but also after a statement that may leave: what
    /// follows it in its list, branch or loop body (deeper too) runs only
    /// after it. (An assignment so placed gives the value any later use
    /// there sees, though the edges out of the block may not follow it.)
    pub dominates_rest: bool,
    /// Runs whenever control passes the statement it is in: `settled`,
    /// and every branch of code around it is the one branch of its `if` or
    /// `match` that control goes on after, every other one leaving
    /// (`match n.next { Some(x) => n = x, None => break }`), its construct
    /// settled in turn. An assignment so placed comes before the edges out
    /// of its block that follow the statement.
    pub runs_past: bool,
    /// The statement lists it sits in, outermost first (to tell mentions in
    /// different branches of one `if` or `match` apart).
    pub path: Vec<ListId>,
    pub span: Span,
}

/// An argument written in a probed call itself, not passed to it (see
/// `Access::Receiver::closures`): a closure literal, or a literal that only
/// the method's parameter type types (`&[&name]`, `Some(name)`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ClosureArg {
    /// Its position among the arguments.
    pub at: usize,
    /// How many parameters it has; `None`: not a closure (see
    /// `build::code::typed_by_parameter`).
    pub params: Option<usize>,
}

/// How code uses a var, as far as syntax tells.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Access {
    /// Used as a place: borrowed, read, assigned through, compared.
    Place,
    /// Used as a value: moved (or copied).
    Move,
    /// Assigned as a whole: `x = v`.
    Assign,
    /// The receiver of a method call: a place, unless the method takes
    /// `self` by value, which syntax cannot tell. `awaited`: the call is the
    /// operand of an `.await`; `turbofish`: the generic arguments it names;
    /// `args_suspend`: an argument awaits (or is kept across an await of a
    /// later one), so a receiver moved out only at the call would still be
    /// in its slot while the coroutine is suspended there, where rustc's is
    /// already moved into the call (the builder spills the receiver of such
    /// a call first, so this is left for receivers it does not: fields,
    /// methods known to borrow); `spilled`: the receiver alone, evaluated
    /// into a temporary before arguments that await (`Form::Spilled`); the
    /// call uses the temporary. `args_type_probe`: the arguments can type
    /// the call of a probe too (see `Form::TakeProbed`): none names the var
    /// (a use or an assignment would meet the receiver's `&mut`; the tokens
    /// tell, so a namesake counts too), none awaits (the receiver is
    /// spilled then), and none is a closure other than a closure literal
    /// (a block that ends in one, an `async` closure). `closures`: the
    /// closure literals among the arguments (a generic method's bounds
    /// type a closure's parameters only in the call itself, so the probe
    /// passes a closure of the same shape, and the user's closure is
    /// written in the call, made after the other arguments: making a
    /// closure has no effect that another argument could see, and rustc's
    /// check of the shadow copy rejects what the order would change); and
    /// the literals only the method's parameter types type, written in the
    /// call too (see `build::code::typed_by_parameter`).
    Receiver {
        method: String,
        args: usize,
        turbofish: Option<syn::AngleBracketedGenericArguments>,
        args_suspend: bool,
        spilled: bool,
        args_type_probe: bool,
        closures: Vec<ClosureArg>,
        awaited: bool,
    },
    /// The base of a field access in a value context (`x.f`): a place, or a
    /// partial move.
    FieldMove,
    /// Scrutinee of a pattern with by-value bindings: may move out.
    /// `refs`: some binding is an explicit `ref` (it borrows the scrutinee).
    Scrutinee { refs: bool },
    /// Mentioned inside a closure or an `async` block.
    Capture { by_move: bool },
    /// Mentioned (as a token) inside a macro the lowering cannot parse.
    /// `site`: the macro's index in `Body::lend_sites`, where the var may
    /// be lent to it (see `lend`).
    Macro { name: String, site: Option<usize> },
    /// Captured implicitly by a format string (`"{x}"`): a place.
    FormatCapture,
    /// The operand of `*` read as a value (`f(*b)`, `let e = *b;`): a `Box`
    /// gives its contents up (moved out whole, as rustc lets a `Box` do),
    /// a reference or another pointer is read through (a copy), as the
    /// type decides.
    DerefMove,
    /// The base of a struct update (`S { b, ..x }`), which moves the fields
    /// the literal does not name (`kept`) out of the var, of type `path`.
    StructBase {
        path: syn::Path,
        kept: Vec<syn::Member>,
    },
}

/// A suspension point.
pub struct AwaitPoint {
    pub awaitee: VarId,
    pub resume: BlockId,
    /// The awaited expression as the user wrote it, for the doc comment;
    /// for an `async` block of the lowering's own, what it stands for.
    pub source: String,
    /// The awaitee is an `async` block of the lowering's own (a statement
    /// rustc lowers, a `select!`).
    pub inline: bool,
    /// A short name for the state (`AwaitRead`).
    pub name_hint: String,
}

impl AwaitPoint {
    /// What is awaited, for the doc comments: `` `read(buf).await` ``, or
    /// `` `STATEMENT`, run as an `async` block of its own ``.
    pub fn shown(&self) -> String {
        if self.inline {
            format!("`{}`, run as an `async` block of its own", self.source)
        } else {
            format!("`{}.await`", self.source)
        }
    }
}

/// A control transfer that leaves scopes: `return`, `?`, `break`, `continue`.
pub struct Exit {
    pub kind: ExitKind,
    /// Scopes it leaves, innermost first: their frame vars are dropped.
    pub leaves: Vec<ScopeId>,
    pub block: BlockId,
    /// The statement lists it sits in, as a mention there would (see
    /// `Mention::path`), and the order of evaluation where it leaves (after
    /// mentions with a `seq` up to this one).
    pub path: Vec<ListId>,
    pub seq: usize,
    /// Rust locals of the user's code may be alive at the exit, so the frame
    /// vars are dropped after them (by the arm's exit guard).
    pub span: Span,
}

pub enum ExitKind {
    /// Return from the coroutine with a value (the code's argument).
    Return,
    /// Continue at a block (`break`/`continue` of a suspending loop). If the
    /// loop has a value, the exit's argument is written to `value_var`.
    Jump {
        target: BlockId,
        value_var: Option<VarId>,
    },
}

pub struct LoopInfo {
    pub label: Option<String>,
    pub head: BlockId,
    pub exit: BlockId,
    pub value: Option<VarId>,
    /// Some `break` (or the end of the loop's condition) reaches `exit`.
    pub broken: bool,
}

impl Body {
    pub fn new_list(&mut self) -> ListId {
        self.lists.push(Vec::new());
        self.lists.len() - 1
    }

    /// Where a var stands among the others for dropping: vars drop in the
    /// reverse of this order. It is declaration order, except that a
    /// temporary of its statement's lifetime stands where its statement
    /// began (see [`Var::anchor`]).
    ///
    /// Input:  `Pair { d: d4, n: match (0, D::new("t")) { _ => f().await } }`
    ///         (`d4` spilled as an operand, then the scrutinee kept)
    /// Output: scrutinee before operand: cancelled at the await, `d4` drops
    ///         first, as in rustc.
    pub fn drop_order_key(&self, v: VarId) -> (usize, bool, VarId) {
        match self.vars[v].anchor {
            Some(start) => (start, false, v),
            None => (v, true, v),
        }
    }

    /// Whether a macro the lowering cannot see into names an argument
    /// (arguments always live in the frame, where such a mention cannot
    /// reach them).
    pub fn names_param_in_opaque_macro(&self) -> bool {
        self.mentions.iter().any(|m| {
            matches!(m.access, Access::Macro { .. })
                && matches!(self.vars[m.var].kind, VarKind::Param)
        })
    }

    /// Puts each scope's vars in drop order (see [`Body::drop_order_key`]).
    pub fn order_scopes_for_drops(&mut self) {
        let mut scopes = std::mem::take(&mut self.scopes);
        for scope in &mut scopes {
            scope.vars.sort_by_key(|&v| self.drop_order_key(v));
        }
        self.scopes = scopes;
    }
}

/// The placeholder identifier standing for mention `id` in code.
pub fn mention_placeholder(id: MentionId, span: Span) -> Ident {
    Ident::new(&format!("__coro_mention_{id}"), span)
}

/// The placeholder function standing for exit `id` in code.
pub fn exit_placeholder(id: ExitId, span: Span) -> Ident {
    Ident::new(&format!("__coro_exit_{id}"), span)
}

pub fn parse_placeholder(ident: &Ident, prefix: &str) -> Option<usize> {
    ident.to_string().strip_prefix(prefix)?.parse().ok()
}
