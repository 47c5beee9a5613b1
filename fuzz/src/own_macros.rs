//! Macros of the program's own (`macro_rules!`, defined in the case module
//! above `run`), which the lowering cannot see into: a value held across
//! an await that one of them names is *lent* to it (moved out of the frame
//! into a local of its name just before the macro, and back after it; see
//! `coro-macros/src/lend.rs` and LIMITATIONS.md, "Macros and attributes").
//!
//! The generator (`Gen::own_macro_expr`, `Gen::own_macro_stmt`) writes them
//! only where rustc accepts the lending too: naming locals that nothing
//! borrows and that are whole, by reference or as copies (never moving a
//! `D`), without `.await`, exits or temporaries with logged drops inside,
//! and not in a match guard or a let chain. [`settle`] then takes out,
//! after the whole program is generated, the ones the lowering rejects by
//! their place: a macro with an `.await` after it in the same statement
//! (in a loop of that statement: anywhere in the loop); any macro of a
//! statement the lowering runs as rustc's own `async` block (a temporary
//! made before one of its awaits, see [`temporary_before_await`]), or in
//! the head of an `if`/`match`/loop statement that awaits; one naming a
//! `Pair` part of which is moved out anywhere; and one in the condition of
//! an `assert!` (whose message would show it with `stringify!`'s spacing
//! lowered). Taking one out writes what it expands to (`mac_log!(a, b)`
//! becomes `log(format!("mac {:?}", (&a, &b)))`, `mac_chk!(c)` becomes
//! `if c { panic!("mac_chk") }`), so the behaviour stays the same.

use std::collections::HashSet;

use crate::ast::*;
use crate::reduce::{Part, local_names, parts_mut};

/// The definitions, printed into a case module that uses them.
pub const DEFINITIONS: &str = "\
macro_rules! mac_id { ($e:expr) => { $e }; }
macro_rules! mac_tt { ($($t:tt)*) => { $($t)* }; }
macro_rules! mac_log { ($($e:expr),+) => { log(format!(\"mac {:?}\", ($(&$e,)+))) }; }
macro_rules! mac_fmt { ($f:literal) => { log(format!($f)) }; }
macro_rules! mac_chk { ($c:expr) => { if $c { panic!(\"mac_chk\") } }; }
";

pub fn is_own(name: &str) -> bool {
    matches!(
        name,
        "mac_id" | "mac_tt" | "mac_log" | "mac_fmt" | "mac_chk"
    )
}

/// Whether the program text uses one of them.
pub fn used(b: &Block) -> bool {
    crate::print::body(b).contains("mac_")
}

fn is_atom(e: &Expr) -> bool {
    matches!(e.kind, Kind::Atom(_))
}

/// Whether `e` may be passed through `mac_id!`/`mac_tt!`: reads locals
/// (by copy, or by reference as a method's receiver) and calls what only
/// logs; no `.await`, no exit, no move of a non-`Copy` local, no
/// temporary that logs its drop, no block.
pub fn pure(e: &Expr) -> bool {
    match &e.kind {
        Kind::Atom(_) => !matches!(e.ty, Ty::D | Ty::Pair | Ty::VecI),
        Kind::Call(f, args) => {
            matches!(f.as_str(), "ev" | "add" | "some_if") && args.iter().all(pure)
        }
        Kind::Method(r, m, args) => {
            let recv = is_atom(r)
                || matches!(&r.kind, Kind::Field(p, f) if f == "d" && is_atom(p))
                || pure(r);
            matches!(
                m.as_str(),
                "get" | "touch" | "sum" | "len" | "iter" | "sum::<i64>" | "unwrap_or" | "is_some"
            ) && recv
                && args.iter().all(pure)
        }
        Kind::Field(p, f) => f == "n" && is_atom(p),
        Kind::Unary(op, x) => *op != "&" && *op != "&mut " && pure(x),
        Kind::Cast(x, _) => pure(x),
        Kind::Binary(_, l, r) => pure(l) && pure(r),
        Kind::Macro { name, args, .. } => is_own(name) && args.iter().all(pure),
        _ => false,
    }
}

/// The locals `e` names (atoms only: string literals are no names).
pub fn atom_names(e: &Expr) -> Vec<String> {
    let mut out = Vec::new();
    let mut e = e.clone();
    names_in(&mut e, &mut out);
    out
}

fn names_in(e: &mut Expr, out: &mut Vec<String>) {
    if let Kind::Atom(t) = &e.kind {
        if !t.starts_with('"') {
            out.extend(local_names(t));
        }
        return;
    }
    each_operand(e, &mut |x| names_in(x, out));
}

/// Each expression directly inside `e`: its operands, and the expressions
/// of the blocks it holds (see `each_expr`).
fn each_operand(e: &mut Expr, f: &mut dyn FnMut(&mut Expr)) {
    for p in parts_mut(e) {
        match p {
            Part::E(x) => f(x),
            Part::B(b) => each_expr(b, f),
        }
    }
}

/// Each expression of a block, in order: a `let`'s initialiser (then the
/// expressions of its `else` block), an expression statement, the tail.
fn each_expr(b: &mut Block, f: &mut dyn FnMut(&mut Expr)) {
    for s in &mut b.stmts {
        match s {
            Stmt::Let { init, els, .. } => {
                f(init);
                if let Some(b) = els {
                    each_expr(b, f);
                }
            }
            Stmt::Expr(e) => f(e),
        }
    }
    if let Some(t) = &mut b.tail {
        f(t);
    }
}

/// The names used by the own macro `e` (its arguments, and the inline
/// captures of `mac_fmt!`'s string).
fn macro_names(e: &Expr) -> Vec<String> {
    let mut out = atom_names(e);
    if let Kind::Macro { name, args, .. } = &e.kind
        && name == "mac_fmt"
        && let Some(Kind::Atom(s)) = args.first().map(|a| &a.kind)
    {
        for cap in s.split('{').skip(1) {
            let n: String = cap
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.push(n);
        }
    }
    out
}

fn has_await(e: &Expr) -> bool {
    crate::print::expr(e).contains(".await")
}

fn is_place(e: &Expr) -> bool {
    match &e.kind {
        Kind::Atom(_) => true,
        Kind::Field(x, _) => is_place(x),
        Kind::Unary("*", x) => is_place(x),
        _ => false,
    }
}

/// Whether `e` itself (not its parts) makes a temporary that lives to
/// the end of its statement, as the lowering's `temporary_spans_await`
/// (`coro-macros/src/build/native.rs`) counts them, or more: a method's
/// receiver, a field's base or a reference that is not a place, any
/// macro (the lowering cannot know what one of its own makes), a nested
/// `match` on a value that is not a place, an `if let`.
fn makes_temporary(e: &Expr) -> bool {
    match &e.kind {
        Kind::Method(r, ..) | Kind::Field(r, _) => !is_place(r),
        Kind::Unary(op, x) => op.starts_with('&') && !is_place(x),
        Kind::Macro { .. } => true,
        Kind::Match(s, _) => !is_place(s),
        Kind::If(conds, ..) => conds.iter().any(|c| matches!(c, Cond::Let(..))),
        _ => false,
    }
}

/// Whether a temporary of `e` (as [`makes_temporary`] counts them) is
/// made before one of its awaits: then the lowering runs the statement as
/// rustc's own `async` block, where it lends nothing.
fn temporary_before_await(e: &Expr) -> bool {
    let mut e = e.clone();
    let mut after = false;
    temp_rev(&mut e, &mut after)
}

/// Last to first: `after`, whether an await comes after this point.
fn temp_rev(e: &mut Expr, after: &mut bool) -> bool {
    if matches!(e.kind, Kind::Await(_)) {
        *after = true;
    }
    if matches!(
        e.kind,
        Kind::Loop { .. } | Kind::While { .. } | Kind::WhileLet { .. } | Kind::For { .. }
    ) && has_await(e)
    {
        *after = true;
    }
    let temp = makes_temporary(e);
    let mut parts = parts_mut(e);
    parts.reverse();
    let mut found = false;
    for p in parts {
        found |= match p {
            Part::E(x) => temp_rev(x, after),
            Part::B(b) => temp_rev_block(b, after),
        };
    }
    found || (temp && *after)
}

fn temp_rev_block(b: &mut Block, after: &mut bool) -> bool {
    let mut found = false;
    if let Some(t) = &mut b.tail {
        found |= temp_rev(t, after);
    }
    for s in b.stmts.iter_mut().rev() {
        match s {
            Stmt::Let { init, els, .. } => {
                if let Some(b) = els {
                    found |= temp_rev_block(b, after);
                }
                found |= temp_rev(init, after);
            }
            Stmt::Expr(e) => found |= temp_rev(e, after),
        }
    }
    found
}

/// Whether the head of a statement that is an `if`, `match` or loop
/// (conditions, scrutinee, guards, iterable) makes a temporary anywhere.
fn head_temporary(e: &Expr) -> bool {
    fn any(e: &mut Expr) -> bool {
        makes_temporary(e)
            || parts_mut(e).into_iter().any(|p| match p {
                Part::E(x) => any(x),
                Part::B(_) => true,
            })
    }
    let mut e = e.clone();
    match &mut e.kind {
        Kind::If(conds, ..) => conds.iter_mut().any(|c| {
            matches!(c, Cond::Let(..)) || {
                let (Cond::Expr(x) | Cond::Let(_, x)) = c;
                any(x)
            }
        }),
        Kind::Match(s, arms) => {
            !is_place(s) || any(s) || arms.iter_mut().any(|a| a.guard.as_mut().is_some_and(any))
        }
        Kind::Loop { exit, .. } => exit.as_mut().is_some_and(|x| any(x)),
        Kind::While { cond, .. } => cond.as_mut().is_some_and(|x| any(x)),
        Kind::WhileLet { expr, .. } | Kind::For { iter: expr, .. } => any(expr),
        _ => false,
    }
}

/// Takes out the macros the lowering rejects by their place (module docs).
/// `copied_too`: also the ones naming a local the lowering takes for
/// partly moved where it is not (`--avoid lend-after-copy`, see
/// [`copied_parts`]).
/// `first_too`: also one that starts an expression statement or a block's
/// value and is not all of it (`mac_id!(a) + 1;`), which the lowering
/// does not compile (a bug; `--avoid macro-first-statement`).
/// `reemitted_too`: also any inside `vec![..]`, the operand of a `?` or a
/// `match` with a guard that awaits, where the lowering leaves a lent
/// macro's placeholder in its output (a bug; `--avoid lend-reemitted`).
pub fn settle(body: &mut Block, avoid: Avoid) {
    // Again while it takes some out: one taken out of a scrutinee
    // (`match mac_id!(a) { k => .. }`) may leave a local matched in place.
    loop {
        let before = crate::print::body(body);
        settle_once(body, avoid);
        if crate::print::body(body) == before {
            break;
        }
    }
}

/// Which macros [`settle`] takes out while the lowering has bugs in them.
#[derive(Clone, Copy, Default)]
pub struct Avoid {
    pub copied_too: bool,
    pub first_too: bool,
    pub reemitted_too: bool,
}

fn settle_once(body: &mut Block, avoid: Avoid) {
    let Avoid { copied_too, .. } = avoid;
    let mut partial = HashSet::new();
    let mut copy = body.clone();
    each_expr(&mut copy, &mut |e| partial_moves(e, &mut partial));
    if copied_too {
        each_expr(&mut copy, &mut |e| copied_parts(e, &mut partial));
    }
    let mut s = Settle { partial, avoid };
    s.block(body);
}

/// The locals (by name) that a known bug of the lowering takes for partly
/// moved, so that it does not lend them to a macro ("not after part of it
/// is moved out"): a `Pair` whose `Copy` field is read (`let x = p.n;`),
/// and a local a `match` binds a copy of (`match a { k if .. => .., _ =>
/// .. }`).
fn copied_parts(e: &mut Expr, out: &mut HashSet<String>) {
    match &e.kind {
        Kind::Field(p, f) if f == "n" => {
            if let Kind::Atom(t) = &p.kind {
                out.insert(t.clone());
            }
        }
        Kind::Match(scrut, arms) => {
            let binds = arms.iter().any(|a| {
                a.pat
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
            });
            if let (Kind::Atom(t), true) = (&scrut.kind, binds) {
                out.insert(t.clone());
            }
        }
        _ => {}
    }
    each_operand(e, &mut |x| copied_parts(x, out));
}

/// The `Pair` locals (by name) a field is moved out of somewhere.
fn partial_moves(e: &mut Expr, out: &mut HashSet<String>) {
    let field_of_atom = |x: &Expr| matches!(&x.kind, Kind::Field(p, f) if f == "d" && is_atom(p));
    match &mut e.kind {
        Kind::Field(p, f) if f == "d" => {
            if let Kind::Atom(t) = &p.kind {
                out.insert(t.clone());
            } else {
                partial_moves(p, out);
            }
        }
        Kind::Method(r, _, args) => {
            if !field_of_atom(r) {
                partial_moves(r, out);
            }
            args.iter_mut().for_each(|a| partial_moves(a, out));
        }
        Kind::Assign(_, l, r) => {
            if !matches!(l.kind, Kind::Field(..)) {
                partial_moves(l, out);
            }
            partial_moves(r, out);
        }
        Kind::Unary("&", x) if field_of_atom(x) => {}
        Kind::Macro { name, args, .. } if name == "mac_log" => {
            args.iter_mut()
                .filter(|a| !field_of_atom(a))
                .for_each(|a| partial_moves(a, out));
        }
        _ => each_operand(e, &mut |x| partial_moves(x, out)),
    }
}

struct Settle {
    partial: HashSet<String>,
    avoid: Avoid,
}

/// A `match` with a guard that awaits.
fn awaiting_guard(e: &Expr) -> bool {
    matches!(&e.kind, Kind::Match(_, arms) if arms.iter().any(|a| a.guard.as_ref().is_some_and(has_await)))
}

/// Code whose own macros the lowering re-emits without their lending
/// (`Avoid::reemitted_too`).
fn reemits(e: &Expr) -> bool {
    matches!(&e.kind, Kind::Macro { name, .. } if name == "vec")
        || matches!(e.kind, Kind::Try(_))
        || awaiting_guard(e)
}

/// The own macro an expression statement starts with, if it is not the
/// whole statement (`mac_id!(a) + 1`, `mac_id!(d).get()`).
fn leading_macro(e: &mut Expr) -> Option<&mut Expr> {
    fn leftmost(e: &mut Expr) -> &mut Expr {
        match e.kind {
            Kind::Binary(..)
            | Kind::Method(..)
            | Kind::Field(..)
            | Kind::Cast(..)
            | Kind::Await(_)
            | Kind::Try(_)
            | Kind::Assign(..) => {}
            _ => return e,
        }
        match &mut e.kind {
            Kind::Binary(_, l, _) | Kind::Assign(_, l, _) => leftmost(l),
            Kind::Method(x, ..)
            | Kind::Field(x, _)
            | Kind::Cast(x, _)
            | Kind::Await(x)
            | Kind::Try(x) => leftmost(x),
            _ => unreachable!(),
        }
    }
    if matches!(&e.kind, Kind::Macro { .. }) {
        return None;
    }
    let first = leftmost(e);
    matches!(&first.kind, Kind::Macro { name, .. } if is_own(name)).then_some(first)
}

impl Settle {
    /// A block whose statements are statements of their own (a body of a
    /// statement that is an `if`, a `match`, a loop or a block).
    fn block(&mut self, b: &mut Block) {
        self.leading(b);
        for s in &mut b.stmts {
            self.stmt(s);
        }
        if let Some(t) = &mut b.tail {
            let native = temporary_before_await(t);
            self.rev(t, &mut false, native);
        }
    }

    fn stmt(&mut self, s: &mut Stmt) {
        match s {
            Stmt::Expr(e)
                if e.ty == Ty::Unit
                    && e.is_block_like()
                    && !(has_await(e) && head_temporary(e))
                    && !(self.avoid.reemitted_too && awaiting_guard(e)) =>
            {
                // The head (conditions, scrutinee, guards, iterable) runs
                // before whatever the statement awaits.
                let aw = has_await(e);
                match &mut e.kind {
                    Kind::Block(_, b) => self.block(b),
                    Kind::If(conds, t, els) => {
                        for c in conds {
                            let (Cond::Expr(x) | Cond::Let(_, x)) = c;
                            self.rev(x, &mut aw.clone(), false);
                        }
                        self.block(t);
                        if let Some(b) = els {
                            self.block(b);
                        }
                    }
                    Kind::Match(scrut, arms) => {
                        self.rev(scrut, &mut aw.clone(), false);
                        for a in arms {
                            if let Some(g) = &mut a.guard {
                                self.rev(g, &mut aw.clone(), false);
                            }
                            match &mut a.body.kind {
                                Kind::Block(None, b) => self.block(b),
                                _ => self.rev(&mut a.body, &mut aw.clone(), false),
                            }
                        }
                    }
                    Kind::Loop { exit, body, .. } => {
                        if let Some(x) = exit {
                            self.rev(x, &mut aw.clone(), false);
                        }
                        self.block(body);
                    }
                    Kind::While { cond, body, .. } => {
                        if let Some(x) = cond {
                            self.rev(x, &mut aw.clone(), false);
                        }
                        self.block(body);
                    }
                    Kind::WhileLet { expr, body, .. }
                    | Kind::For {
                        iter: expr, body, ..
                    } => {
                        self.rev(expr, &mut aw.clone(), false);
                        self.block(body);
                    }
                    _ => unreachable!("block-like"),
                }
            }
            Stmt::Expr(e) => {
                let native = temporary_before_await(e)
                    || (e.is_block_like() && has_await(e) && head_temporary(e));
                self.rev(e, &mut false, native);
            }
            Stmt::Let { init, els, .. } => {
                // (`let .. else`: the whole statement, conservatively.)
                let whole = Expr::new(
                    Ty::Other,
                    Kind::Block(None, Block::of(vec![], Some(init.clone()))),
                );
                let native = temporary_before_await(&whole)
                    || els.as_ref().is_some_and(|b| {
                        has_await(&Expr::new(Ty::Other, Kind::Block(None, b.clone())))
                    });
                let mut after = native;
                if let Some(b) = els {
                    self.rev_block(b, &mut after, native);
                }
                self.rev(init, &mut after, native);
            }
        }
    }

    /// A block inside one statement, last to first.
    /// With `first_too`, takes out the own macros that start a statement
    /// or the value of `b` without being all of it.
    fn leading(&mut self, b: &mut Block) {
        if !self.avoid.first_too {
            return;
        }
        for s in &mut b.stmts {
            if let Stmt::Expr(e) = s
                && let Some(m) = leading_macro(e)
            {
                unwrap(m);
            }
        }
        if let Some(t) = &mut b.tail
            && let Some(m) = leading_macro(t)
        {
            unwrap(m);
        }
    }

    fn rev_block(&mut self, b: &mut Block, after: &mut bool, all: bool) {
        self.leading(b);
        if let Some(t) = &mut b.tail {
            self.rev(t, after, all);
        }
        for s in b.stmts.iter_mut().rev() {
            match s {
                Stmt::Let { init, els, .. } => {
                    if let Some(b) = els {
                        self.rev_block(b, after, all);
                    }
                    self.rev(init, after, all);
                }
                Stmt::Expr(e) => self.rev(e, after, all),
            }
        }
    }

    /// An expression inside one statement, last to first: `after`, whether
    /// an `.await` of the statement comes after what is visited now;
    /// `all`, whether every macro here goes: inside a loop of the statement
    /// that awaits, or in a statement the lowering runs as its own `async`
    /// block.
    fn rev(&mut self, e: &mut Expr, after: &mut bool, all: bool) {
        let all = all
            || (matches!(
                e.kind,
                Kind::Loop { .. } | Kind::While { .. } | Kind::WhileLet { .. } | Kind::For { .. }
            ) && has_await(e));
        if matches!(e.kind, Kind::Await(_)) {
            *after = true;
        }
        // A failing `assert!` prints its condition, a macro in it with
        // `stringify!`'s spacing lowered (`mac_tt! (5 == 7)`, documented
        // in LIMITATIONS.md, "Messages").
        let all = all
            || matches!(&e.kind, Kind::Macro { name, .. } if name == "assert")
            || (self.avoid.reemitted_too && reemits(e));
        // A `match` arm's expression that starts with a macro and goes on
        // (`_ => mac_id!(a) - a,`): "expected pattern" lowered, bug 3.
        if self.avoid.first_too
            && let Kind::Match(_, arms) = &mut e.kind
        {
            for a in arms {
                if let Some(m) = leading_macro(&mut a.body) {
                    unwrap(m);
                }
            }
        }
        let own = matches!(&e.kind, Kind::Macro { name, .. } if is_own(name));
        let mut parts = parts_mut(e);
        parts.reverse();
        for p in parts {
            match p {
                Part::E(x) => self.rev(x, after, all),
                Part::B(b) => self.rev_block(b, after, all),
            }
        }
        if own {
            let names_partial = macro_names(e).iter().any(|n| self.partial.contains(n));
            if *after || all || names_partial {
                unwrap(e);
            }
        }
    }
}

/// Replaces an own macro by what it expands to.
fn unwrap(e: &mut Expr) {
    let Kind::Macro { name, args, .. } = &mut e.kind else {
        return;
    };
    let args = std::mem::take(args);
    *e = match name.as_str() {
        "mac_log" => {
            let refs = args
                .into_iter()
                .map(|a| Expr::new(Ty::Other, Kind::Unary("&", Box::new(a))))
                .collect();
            let fmt = Expr::new(
                Ty::Other,
                Kind::Macro {
                    name: "format".into(),
                    brackets: false,
                    args: vec![
                        Expr::string("mac {:?}"),
                        Expr::new(Ty::Other, Kind::Tuple(refs)),
                    ],
                },
            );
            Expr::call(Ty::Unit, "log", vec![fmt])
        }
        "mac_chk" => {
            let panic = Expr::new(
                Ty::Never,
                Kind::Macro {
                    name: "panic".into(),
                    brackets: false,
                    args: vec![Expr::string("mac_chk")],
                },
            );
            let c = args.into_iter().next().expect("one argument");
            Expr::new(
                Ty::Unit,
                Kind::If(
                    vec![Cond::Expr(c)],
                    Block::of(vec![Stmt::Expr(panic)], None),
                    None,
                ),
            )
        }
        "mac_fmt" => {
            let fmt = Expr::new(
                Ty::Other,
                Kind::Macro {
                    name: "format".into(),
                    brackets: false,
                    args,
                },
            );
            Expr::call(Ty::Unit, "log", vec![fmt])
        }
        _ => args.into_iter().next().expect("one argument"),
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::program;

    #[test]
    fn generated_and_avoidable() {
        let with = (0..200)
            .filter(|&i| used(&program(20261210, i, &[]).body))
            .count();
        assert!(with > 50, "only {with} of 200 programs use own macros");
        let avoid = ["own-macros".to_string()];
        assert!((0..200).all(|i| !used(&program(20261210, i, &avoid).body)));
    }

    fn mac(name: &str, args: Vec<Expr>) -> Expr {
        Expr::new(
            Ty::Int,
            Kind::Macro {
                name: name.into(),
                brackets: false,
                args,
            },
        )
    }

    #[test]
    fn a_macro_before_an_await_of_its_statement_goes() {
        let a = Expr::atom(Ty::Int, "a1");
        let w = Expr::awaited(
            Ty::Int,
            Expr::call(Ty::Other, "value", vec![Expr::string("w"), Expr::int(1)]),
        );
        let before = Expr::call(
            Ty::Int,
            "add",
            vec![mac("mac_id", vec![a.clone()]), w.clone()],
        );
        let after = Expr::call(Ty::Int, "add", vec![w, mac("mac_id", vec![a])]);
        let mut b = Block::of(
            vec![
                Stmt::Let {
                    pat: "x".into(),
                    init: before,
                    els: None,
                },
                Stmt::Let {
                    pat: "y".into(),
                    init: after,
                    els: None,
                },
            ],
            None,
        );
        settle(&mut b, Avoid::default());
        let text = crate::print::body(&b);
        assert!(
            text.contains("let x = add(a1, value(\"w\", 1).await);"),
            "{text}"
        );
        assert!(
            text.contains("let y = add(value(\"w\", 1).await, mac_id!(a1));"),
            "{text}"
        );
    }

    #[test]
    fn a_statement_macro_taken_out_logs_the_same() {
        let mut e = mac("mac_log", vec![Expr::atom(Ty::Other, "a1")]);
        unwrap(&mut e);
        assert_eq!(crate::print::expr(&e), "log(format!(\"mac {:?}\", (&a1,)))");
    }
}
