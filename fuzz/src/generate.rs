//! Generates random, well-typed `async fn` bodies.
//!
//! Every program is a function of `(seed, index)` alone. The generator
//! builds the tree left to right in evaluation order while tracking the
//! locals in an [`Env`], and offers only what the environment allows, so
//! that every program compiles natively by construction (a native compile
//! error is a bug here, reported as such). Loops are bounded by counters or
//! finite iterators, so every program terminates.
//!
//! Shapes the macro documents as unsupported are never generated: by-value
//! trait methods and generic by-value methods on locals, by-value methods
//! on a local's field (the by-value methods are `D::into_inner(x)`, a path
//! call, and `x.consume(ARG)` or the generic `x.consume_into(ARG)` and
//! `x.map(ARG, |s| ..)`, inherent ones), `.await` inside macros
//! other than the std ones it knows, recursion.

use crate::ast::*;
use crate::env::{Env, St, VTy};
use crate::rng::Rng;

/// Shapes that `--avoid` can leave out (while the lowering has a known bug
/// in them, so that a run looks for other bugs), with what each covers.
pub const SHAPES: &[(&str, &str)] = &[
    ("let-chains", "`if let P = E && C` (let chains)"),
    (
        "match-tuple",
        "`match (i64, D) { (0, d) => .., (_, d) => .. }` on a temporary tuple",
    ),
    (
        "format-let",
        "`let _f3 = format!(\"{:?} {}\", D::with(\"f2\", 1), v.await);`: a `format!` whose value argument lives across an await of a later one",
    ),
    (
        "borrowed-call",
        "a call borrowing a temporary `D` (`weigh(&D::with(\"b3\", 1), v.await)`)",
    ),
    (
        "partial-moves",
        "moving a field out of a local (`let x = p.d;`)",
    ),
    (
        "own-macros",
        "the program's own `macro_rules!` naming locals (`mac_id!(a1 + 1)`, `mac_log!(d2)`, `mac_fmt!(\"{a1}\")`, `mac_tt!(a1 += 1)`)",
    ),
    (
        "macro-first-statement",
        "an expression statement, block value or match arm that starts with an own macro and goes on (`mac_id!(a) + 1;`), which the lowering does not compile (a bug)",
    ),
    (
        "lend-reemitted",
        "own macros inside `vec![..]`, the operand of a `?` or a `match` whose guard awaits, where the lowering leaves a lent macro's placeholder (a bug)",
    ),
    (
        "lend-panic",
        "`mac_chk!(C)`, a macro that panics while it is lent values: the lent value drops before a younger local the poll holds (a bug)",
    ),
    (
        "lend-after-copy",
        "own macros naming a local that a `match` binds a copy of or whose `Copy` field is read (`p.n`), which the lowering takes for partly moved and does not lend (a bug)",
    ),
];

/// Generates program `index` of the run seeded with `seed`, without the
/// shapes named in `avoid` (names from [`SHAPES`]).
pub fn program(seed: u64, index: u64, avoid: &[String]) -> Program {
    let mut rng = Rng::for_program(seed, index);
    let ret = if rng.chance(35) {
        Ret::Result
    } else {
        Ret::Int
    };
    let budget = 6 + rng.below(22);
    let mut g = Gen {
        rng,
        env: Env::default(),
        ret,
        targets: Vec::new(),
        budget,
        nest: 0,
        iter_mult: 1,
        next: 0,
        diverged: false,
        avoid: avoid.to_vec(),
        outside_innermost: 0,
    };
    g.env.push_scope();
    let mut stmts = Vec::new();
    while g.budget > 0 && !g.diverged {
        g.budget -= 1;
        stmts.push(g.stmt());
    }
    let tail = if g.diverged {
        None
    } else {
        Some(g.ret_value(2))
    };
    g.env.pop_scope();
    let mut body = Block::of(stmts, tail);
    let avoids = |shape: &str| avoid.iter().any(|a| a == shape);
    let bugs = crate::own_macros::Avoid {
        copied_too: avoids("lend-after-copy"),
        first_too: avoids("macro-first-statement"),
        reemitted_too: avoids("lend-reemitted"),
    };
    crate::own_macros::settle(&mut body, bugs);
    Program {
        name: format!("fuzz_s{seed}_{index}"),
        ret,
        body,
    }
}

/// Where a `break` or `continue` may go.
struct Target {
    label: String,
    is_loop: bool,
    /// `break 'label VALUE` carries an `i64`.
    value: bool,
}

struct Gen {
    rng: Rng,
    env: Env,
    ret: Ret,
    targets: Vec<Target>,
    /// Statements left to generate in the whole program.
    budget: usize,
    /// Block nesting, to keep programs shallow.
    nest: usize,
    /// Product of the iteration bounds of the enclosing loops, to keep the
    /// number of suspensions (and of cancellation runs) small.
    iter_mult: i64,
    /// For fresh names, tags and labels.
    next: usize,
    /// The code just generated cannot complete normally (`return`,
    /// `continue`, or `break` out of a loop): the state on that path need
    /// not be merged at the next join.
    diverged: bool,
    /// Shapes not to generate.
    avoid: Vec<String>,
    /// Inside a loop's code that its own target is taken out for (a
    /// `while` condition, a `loop`'s exit value): an unlabelled `break` or
    /// `continue` there would not mean the innermost target (rustc rejects
    /// one in a `while` condition, E0590), so exits name their label.
    outside_innermost: usize,
}

type Snapshot = crate::env::Snapshot;

impl Gen {
    /// Weight `w`, or 0 when the shape is avoided.
    fn unless(&self, shape: &str, w: u32) -> u32 {
        if self.avoid.iter().any(|a| a == shape) {
            0
        } else {
            w
        }
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{}", self.next)
    }

    /// A name for a new local: usually fresh, sometimes shadowing a visible one.
    fn local_name(&mut self, prefix: &str) -> String {
        if self.rng.chance(15) {
            let vis = self.env.pick_all(|e, i| e.visible(i));
            if !vis.is_empty() {
                let i = vis[self.rng.below(vis.len())];
                return self.env.vars[i].name.clone();
            }
        }
        self.fresh(prefix)
    }

    fn pick(&mut self, ids: &[usize]) -> Option<usize> {
        if ids.is_empty() {
            None
        } else {
            Some(ids[self.rng.below(ids.len())])
        }
    }

    fn vars_of(&self, ty: VTy, f: impl Fn(&Env, usize) -> bool) -> Vec<usize> {
        self.env.pick_all(|e, i| e.vars[i].ty == ty && f(e, i))
    }

    fn var_atom(&self, i: usize, ty: Ty) -> Expr {
        Expr::atom(ty, self.env.vars[i].name.clone())
    }

    // -----------------------------------------------------------------
    // Branches and joins

    /// Runs one branch from the current state; returns its result, its end
    /// state and whether it diverged.
    fn branch<T>(
        &mut self,
        base: &Snapshot,
        f: impl FnOnce(&mut Self) -> T,
    ) -> (T, Snapshot, bool) {
        self.env.restore(base);
        self.diverged = false;
        let t = f(self);
        (t, self.env.snapshot(), self.diverged)
    }

    /// Joins branches that started at `base`. `exhaustive`: one of them
    /// always runs (else the path that runs none is joined too).
    fn join(&mut self, base: &Snapshot, ends: Vec<(Snapshot, bool)>, exhaustive: bool) {
        let mut live: Vec<Snapshot> = ends
            .iter()
            .filter(|(_, d)| !d)
            .map(|(s, _)| s.clone())
            .collect();
        if !exhaustive {
            live.push(base.clone());
        }
        let all_diverged = live.is_empty();
        if all_diverged {
            live = ends.into_iter().map(|(s, _)| s).collect();
        }
        let merged = Env::merge(&live, base.len());
        self.env.restore(&merged);
        self.diverged = all_diverged;
    }

    // -----------------------------------------------------------------
    // Expressions of type i64

    /// An `i64` expression, sometimes passed through a macro of the
    /// program's own (see [`Gen::own_macro_expr`]).
    fn int(&mut self, depth: u32) -> Expr {
        let before = self.env.snapshot();
        let e = self.int_plain(depth);
        self.own_macro_expr(e, &before)
    }

    fn int_plain(&mut self, depth: u32) -> Expr {
        if depth == 0 {
            return self.int_leaf();
        }
        let d = depth - 1;
        let result = self.ret == Ret::Result;
        let nest_ok = self.nest < 4;
        let choice = self.rng.weighted(&[
            18,                          // 0 leaf
            8,                           // 1 ev
            8,                           // 2 + / -
            16,                          // 3 await
            4,                           // 4 add(..)
            5,                           // 5 method on a temporary D
            4,                           // 6 method on a local D
            4,                           // 7 D::into_inner, x.consume(..)
            if nest_ok { 4 } else { 0 }, // 8 if
            if nest_ok { 3 } else { 0 }, // 9 match
            if nest_ok { 2 } else { 0 }, // 10 block
            if nest_ok { 2 } else { 0 }, // 11 labelled block
            if nest_ok { 2 } else { 0 }, // 12 loop with a value
            2,                           // 13 tuple literal
            3,                           // 14 struct literal
            2,                           // 15 Option
            if result { 5 } else { 0 },  // 16 ?
            if nest_ok { 1 } else { 0 }, // 17 return inside an operand
            if nest_ok {
                self.unless("match-tuple", 2)
            } else {
                0
            }, // 18 match binding a D
            self.unless("borrowed-call", 3), // 19 weigh(&D::with(..), ..)
        ]);
        match choice {
            0 => self.int_leaf(),
            1 => {
                let tag = self.fresh("e");
                let x = self.int(d);
                Expr::call(Ty::Int, "ev", vec![Expr::string(&tag), x])
            }
            2 => {
                let op = if self.rng.chance(50) { "+" } else { "-" };
                let l = self.int(d);
                let r = self.int(d);
                Expr::binary(Ty::Int, op, l, r)
            }
            3 => self.await_of(Ty::Int, d),
            4 => {
                let a = self.int(d);
                let b = self.int(d);
                Expr::call(Ty::Int, "add", vec![a, b])
            }
            5 => {
                let before = self.env.snapshot();
                let recv = self.d_expr(d);
                // `d.touch(ARG)` on a local that `d_expr` "moved" (or a
                // pair's `d` it moved out): the method takes it by
                // reference, so it stays borrowed through `ARG`, which must
                // not assign it again.
                let place = matches!(recv.kind, Kind::Atom(_) | Kind::Field(..));
                let held: Vec<usize> = (0..before.len())
                    .filter(|&i| place && self.env.vars[i].st != before[i])
                    .collect();
                held.iter().for_each(|&i| self.env.vars[i].shared += 1);
                let e = self.method_on_d(recv, d);
                held.iter().for_each(|&i| self.env.vars[i].shared -= 1);
                e
            }
            6 => self.method_on_local_d(d),
            7 => {
                let x = self.d_expr(d);
                // A field receiver of a by-value method is a documented
                // limitation (LIMITATIONS.md): `D::into_inner(p.d)` instead.
                let field = matches!(x.kind, Kind::Field(..));
                if field || self.rng.chance(50) {
                    Expr::call(Ty::Int, "D::into_inner", vec![x])
                } else {
                    // `x.consume(ARG)`: `x` is moved into the call before
                    // `ARG` (which may await) runs; `d_expr` has marked it
                    // moved, so `ARG` does not use it. `consume_into` and
                    // `map` (`x.map(ARG, |s| ..)`, a closure that ends the
                    // arguments) are generic (their arguments type the
                    // lowering's probe, after `ARG`'s await if it has one),
                    // unless `ARG` names the receiver's name (a namesake in a
                    // pattern too: a documented limitation, LIMITATIONS.md).
                    let arg = self.int(d);
                    let recv = crate::print::expr(&x);
                    let names_recv = crate::print::expr(&arg)
                        .split(|c: char| !c.is_alphanumeric() && c != '_')
                        .any(|word| word == recv);
                    let coin = self.rng.chance(50);
                    let generic = coin && !names_recv;
                    if generic && self.rng.chance(50) {
                        let f = Expr::atom(Ty::Other, "|s| s.len() as i64");
                        Expr::method(Ty::Int, x, "map", vec![arg, f])
                    } else {
                        let method = if generic { "consume_into" } else { "consume" };
                        Expr::method(Ty::Int, x, method, vec![arg])
                    }
                }
            }
            8 => self.if_expr(Ty::Int, d),
            9 => self.match_int(Ty::Int, d),
            10 => {
                let b = self.block(Some(Ty::Int), 2);
                Expr::new(Ty::Int, Kind::Block(None, b))
            }
            11 => self.labelled_block(Ty::Int),
            12 => self.loop_(true),
            13 => {
                // (i64, D): the D is a temporary dropped at the end of the
                // statement; the order of the elements is the order of
                // evaluation.
                let first_int = self.rng.chance(50);
                let (a, b) = if first_int {
                    let a = self.int(d);
                    (a, self.d_expr(d))
                } else {
                    let b = self.d_expr(d);
                    (self.int(d), b)
                };
                let (elems, idx) = if first_int {
                    (vec![a, b], "0")
                } else {
                    (vec![b, a], "1")
                };
                Expr::new(
                    Ty::Int,
                    Kind::Field(
                        Box::new(Expr::new(Ty::Other, Kind::Tuple(elems))),
                        idx.into(),
                    ),
                )
            }
            14 => {
                let p = self.pair_literal(d);
                if self.rng.chance(50) {
                    Expr::new(Ty::Int, Kind::Field(Box::new(p), "n".into()))
                } else {
                    Expr::method(Ty::Int, p, "sum", vec![])
                }
            }
            15 => {
                let o = self.opt(d);
                let dflt = self.int(d);
                Expr::method(Ty::Int, o, "unwrap_or", vec![dflt])
            }
            16 => {
                let r = self.res(d);
                Expr::new(Ty::Int, Kind::Try(Box::new(r)))
            }
            17 => {
                // `if c { return X } else { .. }` as an operand.
                let c = self.bool_(d);
                let base = self.env.snapshot();
                let (then, s1, d1) = self.branch(&base, |g| {
                    let v = g.returned_value(d);
                    g.diverged = true;
                    Block::of(
                        vec![],
                        Some(Expr::new(Ty::Never, Kind::Return(Some(Box::new(v))))),
                    )
                });
                let (els, s2, d2) = self.branch(&base, |g| {
                    let x = g.int(d);
                    Block::of(vec![], Some(x))
                });
                self.join(&base, vec![(s1, d1), (s2, d2)], true);
                Expr::new(Ty::Int, Kind::If(vec![Cond::Expr(c)], then, Some(els)))
            }
            18 => self.match_tuple(Ty::Int, d),
            _ => {
                // `weigh(&D::with(..), K)`: the borrowed `D` is a temporary
                // that lives to the end of the statement, across an await
                // of `K` or of the code around the call.
                let tag = self.fresh("b");
                let x = self.int(d);
                let temp = Expr::call(Ty::D, "D::with", vec![Expr::string(&tag), x]);
                let borrowed = Expr::new(Ty::Other, Kind::Unary("&", Box::new(temp)));
                let k = self.int(d);
                Expr::call(Ty::Int, "weigh", vec![borrowed, k])
            }
        }
    }

    fn int_leaf(&mut self) -> Expr {
        let ints = self.vars_of(VTy::Int, |e, i| e.readable(i));
        let u32s = self.vars_of(VTy::U32, |e, i| e.readable(i));
        let ds = self.vars_of(VTy::D, |e, i| e.readable(i));
        let refs = self.vars_of(VTy::RefD, |e, i| e.readable(i));
        let pairs = self.vars_of(VTy::Pair, |e, i| e.readable(i));
        let muts = self.vars_of(VTy::RefMutI, |e, i| e.readable(i));
        let vecs = self.vars_of(VTy::VecI, |e, i| e.readable(i));
        let w = |v: &Vec<usize>, n: u32| if v.is_empty() { 0 } else { n };
        match self.rng.weighted(&[
            6,
            w(&ints, 10),
            w(&u32s, 3),
            w(&ds, 6),
            w(&refs, 5),
            w(&pairs, 4),
            w(&muts, 3),
            w(&vecs, 3),
        ]) {
            0 => Expr::int(self.rng.range(0, 9)),
            1 => {
                let i = self.pick(&ints).unwrap();
                self.var_atom(i, Ty::Int)
            }
            2 => {
                let i = self.pick(&u32s).unwrap();
                Expr::new(
                    Ty::Int,
                    Kind::Cast(Box::new(self.var_atom(i, Ty::Other)), "i64"),
                )
            }
            3 => {
                let i = self.pick(&ds).unwrap();
                Expr::method(Ty::Int, self.var_atom(i, Ty::D), "get", vec![])
            }
            4 => {
                let i = self.pick(&refs).unwrap();
                Expr::method(Ty::Int, self.var_atom(i, Ty::Other), "get", vec![])
            }
            5 => {
                let i = self.pick(&pairs).unwrap();
                let p = self.var_atom(i, Ty::Pair);
                match (self.env.vars[i].st, self.rng.below(3)) {
                    (St::Live, 0) => Expr::method(Ty::Int, p, "sum", vec![]),
                    (St::Live, 1) => Expr::method(
                        Ty::Int,
                        Expr::new(Ty::D, Kind::Field(Box::new(p), "d".into())),
                        "get",
                        vec![],
                    ),
                    _ => Expr::new(Ty::Int, Kind::Field(Box::new(p), "n".into())),
                }
            }
            6 => {
                let i = self.pick(&muts).unwrap();
                Expr::new(
                    Ty::Int,
                    Kind::Unary("*", Box::new(self.var_atom(i, Ty::Other))),
                )
            }
            _ => {
                let i = self.pick(&vecs).unwrap();
                let v = self.var_atom(i, Ty::VecI);
                if self.rng.chance(50) {
                    let len = Expr::method(Ty::Other, v, "len", vec![]);
                    Expr::new(Ty::Int, Kind::Cast(Box::new(len), "i64"))
                } else {
                    let it = Expr::method(Ty::Other, v, "iter", vec![]);
                    Expr::method(Ty::Int, it, "sum::<i64>", vec![])
                }
            }
        }
    }

    /// `recv.get()` or `recv.touch(ARG)`, `recv` a `D` place or temporary.
    fn method_on_d(&mut self, recv: Expr, d: u32) -> Expr {
        if self.rng.chance(40) {
            Expr::method(Ty::Int, recv, "get", vec![])
        } else {
            let arg = self.int(d);
            Expr::method(Ty::Int, recv, "touch", vec![arg])
        }
    }

    /// A method on a local `D` (or a reference to one, or a pair's `d`),
    /// whose receiver stays borrowed while the argument (which may await)
    /// is evaluated.
    fn method_on_local_d(&mut self, d: u32) -> Expr {
        let cands = self.env.pick_all(|e, i| {
            e.readable(i)
                && match e.vars[i].ty {
                    VTy::D | VTy::RefD => true,
                    VTy::Pair => e.vars[i].st == St::Live,
                    _ => false,
                }
        });
        let Some(i) = self.pick(&cands) else {
            return self.int(d);
        };
        let recv = match self.env.vars[i].ty {
            VTy::Pair => Expr::new(
                Ty::D,
                Kind::Field(Box::new(self.var_atom(i, Ty::Pair)), "d".into()),
            ),
            VTy::D => self.var_atom(i, Ty::D),
            _ => self.var_atom(i, Ty::Other),
        };
        self.env.vars[i].shared += 1;
        let e = self.method_on_d(recv, d);
        self.env.vars[i].shared -= 1;
        e
    }

    /// Awaits a future of `ty` built from a value of `ty`.
    fn await_of(&mut self, ty: Ty, d: u32) -> Expr {
        let tag = self.fresh("w");
        let choice = self.rng.weighted(&[8, 3, 3, 2]);
        let v = self.value_of(ty, d);
        let fut = match choice {
            0 => Expr::call(Ty::Other, "value", vec![Expr::string(&tag), v]),
            1 => {
                let n = Expr::atom(Ty::Other, self.rng.range(0, 2).to_string());
                Expr::call(Ty::Other, "pending_n", vec![Expr::string(&tag), n, v])
            }
            2 => Expr::call(Ty::Other, "ready_now", vec![v]),
            _ => Expr::call(Ty::Other, "into_fut", vec![Expr::string(&tag), v]),
        };
        Expr::awaited(ty, fut)
    }

    fn value_of(&mut self, ty: Ty, d: u32) -> Expr {
        match ty {
            Ty::Int => self.int(d),
            Ty::Bool => self.bool_(d),
            Ty::D => self.d_expr(d),
            Ty::Pair => self.pair_expr(d),
            Ty::VecI => self.vec_expr(d),
            Ty::Unit => {
                let b = self.block(None, 2);
                Expr::new(Ty::Unit, Kind::Block(None, b))
            }
            _ => unreachable!("no values of {ty:?}"),
        }
    }

    /// The value of a `return`, with no exit inside it: a `break` to a
    /// labelled block there would go on after the block, with what the
    /// value moved, where the path of the `return` diverges.
    fn returned_value(&mut self, d: u32) -> Expr {
        let targets = std::mem::take(&mut self.targets);
        let v = self.ret_value(d);
        self.targets = targets;
        v
    }

    fn ret_value(&mut self, d: u32) -> Expr {
        let x = self.int(d);
        match self.ret {
            Ret::Int => x,
            Ret::Result if self.rng.chance(80) => Expr::call(Ty::Other, "Ok", vec![x]),
            Ret::Result => Expr::call(Ty::Other, "Err", vec![x]),
        }
    }

    // -----------------------------------------------------------------
    // Other types

    fn bool_(&mut self, depth: u32) -> Expr {
        let before = self.env.snapshot();
        let e = self.bool_plain(depth);
        self.own_macro_expr(e, &before)
    }

    fn bool_plain(&mut self, depth: u32) -> Expr {
        let d = depth.saturating_sub(1);
        match self
            .rng
            .weighted(&[10, 3, 3, 4, 2, 2, if depth > 0 { 2 } else { 0 }])
        {
            0 => {
                let ops = ["<", ">", "==", "!=", "<=", ">="];
                let op = ops[self.rng.below(ops.len())];
                let l = self.int(d);
                let r = self.int(d);
                Expr::binary(Ty::Bool, op, l, r)
            }
            1 => {
                let op = if self.rng.chance(50) { "&&" } else { "||" };
                let l = self.bool_(d);
                // The right operand runs only sometimes: a join.
                let base = self.env.snapshot();
                let (r, s, dv) = self.branch(&base, |g| g.bool_(d));
                self.join(&base, vec![(s, dv)], false);
                Expr::binary(Ty::Bool, op, l, r)
            }
            2 => {
                let x = self.bool_(d);
                Expr::new(Ty::Bool, Kind::Unary("!", Box::new(x)))
            }
            3 if depth > 0 => self.await_of(Ty::Bool, d),
            4 => {
                let tag = self.fresh("e");
                let b = Expr::atom(Ty::Bool, if self.rng.chance(50) { "true" } else { "false" });
                Expr::call(Ty::Bool, "ev", vec![Expr::string(&tag), b])
            }
            5 => {
                let o = self.opt(d);
                Expr::method(Ty::Bool, o, "is_some", vec![])
            }
            _ => {
                let x = self.int(d);
                let k = Expr::int(self.rng.range(0, 5));
                Expr::binary(Ty::Bool, "<", x, k)
            }
        }
    }

    /// An owned `D`.
    fn d_expr(&mut self, depth: u32) -> Expr {
        let d = depth.saturating_sub(1);
        let movable = self.vars_of(VTy::D, |e, i| e.movable(i));
        let pairs = self.vars_of(VTy::Pair, |e, i| e.movable(i));
        let nest_ok = self.nest < 4 && depth > 0;
        match self.rng.weighted(&[
            12,
            if movable.is_empty() { 0 } else { 6 },
            if depth > 0 { 4 } else { 0 },
            if nest_ok { 2 } else { 0 },
            if nest_ok { 1 } else { 0 },
            if pairs.is_empty() {
                0
            } else {
                self.unless("partial-moves", 2)
            },
            if depth > 0 { 1 } else { 0 },
        ]) {
            0 => self.new_d(d),
            1 => {
                let i = self.pick(&movable).unwrap();
                self.env.vars[i].st = St::Moved;
                self.var_atom(i, Ty::D)
            }
            2 => self.await_of(Ty::D, d),
            3 => self.if_expr(Ty::D, d),
            4 => {
                let b = self.block(Some(Ty::D), 2);
                Expr::new(Ty::D, Kind::Block(None, b))
            }
            5 => {
                // Partial move out of a pair local.
                let i = self.pick(&pairs).unwrap();
                self.env.vars[i].st = St::FieldMoved;
                Expr::new(
                    Ty::D,
                    Kind::Field(Box::new(self.var_atom(i, Ty::Pair)), "d".into()),
                )
            }
            _ => {
                // Move the field out of a temporary pair.
                let p = self.pair_literal(d);
                Expr::new(Ty::D, Kind::Field(Box::new(p), "d".into()))
            }
        }
    }

    fn new_d(&mut self, d: u32) -> Expr {
        let tag = self.fresh("t");
        self.new_d_named(&tag, d)
    }

    fn new_d_named(&mut self, name: &str, d: u32) -> Expr {
        if self.rng.chance(25) {
            Expr::call(Ty::D, "D::new", vec![Expr::string(name)])
        } else {
            let v = self.int(d);
            Expr::call(Ty::D, "D::with", vec![Expr::string(name), v])
        }
    }

    /// `Pair { n, d }` with the fields in either order (the order of
    /// evaluation).
    fn pair_literal(&mut self, d: u32) -> Expr {
        let mut fields = Vec::new();
        if self.rng.chance(50) {
            fields.push(("n".to_string(), self.int(d)));
            fields.push(("d".to_string(), self.d_expr(d)));
        } else {
            fields.push(("d".to_string(), self.d_expr(d)));
            fields.push(("n".to_string(), self.int(d)));
        }
        Expr::new(Ty::Pair, Kind::Struct("Pair".into(), fields))
    }

    fn pair_expr(&mut self, depth: u32) -> Expr {
        let d = depth.saturating_sub(1);
        let movable = self.vars_of(VTy::Pair, |e, i| e.movable(i));
        match self.rng.weighted(&[
            6,
            if movable.is_empty() { 0 } else { 2 },
            if depth > 0 { 2 } else { 0 },
        ]) {
            0 => self.pair_literal(d),
            1 => {
                let i = self.pick(&movable).unwrap();
                self.env.vars[i].st = St::Moved;
                self.var_atom(i, Ty::Pair)
            }
            _ => self.await_of(Ty::Pair, d),
        }
    }

    fn vec_literal(&mut self, d: u32) -> (Expr, i64) {
        let n = self.rng.range(1, 3);
        let elems = (0..n).map(|_| self.int(d.min(1))).collect();
        (
            Expr::new(
                Ty::VecI,
                Kind::Macro {
                    name: "vec".into(),
                    brackets: true,
                    args: elems,
                },
            ),
            n,
        )
    }

    fn vec_expr(&mut self, depth: u32) -> Expr {
        let d = depth.saturating_sub(1);
        let movable = self.vars_of(VTy::VecI, |e, i| e.movable(i));
        match self.rng.weighted(&[
            6,
            if movable.is_empty() { 0 } else { 2 },
            if depth > 0 { 2 } else { 0 },
        ]) {
            0 => self.vec_literal(d).0,
            1 => {
                let i = self.pick(&movable).unwrap();
                self.env.vars[i].st = St::Moved;
                self.var_atom(i, Ty::VecI)
            }
            _ => self.await_of(Ty::VecI, d),
        }
    }

    /// An `Option<i64>`.
    fn opt(&mut self, d: u32) -> Expr {
        let x = self.int(d);
        let o = Expr::call(Ty::OptI, "some_if", vec![x]);
        if self.rng.chance(30) {
            let tag = self.fresh("w");
            Expr::awaited(
                Ty::OptI,
                Expr::call(Ty::Other, "value", vec![Expr::string(&tag), o]),
            )
        } else {
            o
        }
    }

    /// A `Result<i64, i64>` (for `?`).
    fn res(&mut self, d: u32) -> Expr {
        let x = self.int(d);
        let r = Expr::call(Ty::ResI, "ck", vec![x]);
        if self.rng.chance(40) {
            let tag = self.fresh("w");
            Expr::awaited(
                Ty::ResI,
                Expr::call(Ty::Other, "value", vec![Expr::string(&tag), r]),
            )
        } else {
            r
        }
    }

    // -----------------------------------------------------------------
    // Control flow (expressions of any type, `Unit` for statements)

    /// A block whose tail has type `tail` (`None`: no tail, type `()`),
    /// with up to `max` statements.
    fn block(&mut self, tail: Option<Ty>, max: usize) -> Block {
        self.block_with(tail, max, |_, _| None)
    }

    /// Like [`Gen::block`]; `forced(g, i)` may generate statement `i`
    /// itself (returning it).
    fn block_with(
        &mut self,
        tail: Option<Ty>,
        max: usize,
        mut forced: impl FnMut(&mut Self, usize) -> Option<Stmt>,
    ) -> Block {
        self.env.push_scope();
        self.nest += 1;
        let n = if self.nest > 4 {
            0
        } else {
            self.rng.below(max + 1)
        };
        let mut stmts = Vec::new();
        for i in 0..n.max(1) {
            if self.diverged {
                break;
            }
            if let Some(s) = forced(self, i) {
                stmts.push(s);
                continue;
            }
            if i >= n || self.budget == 0 {
                continue;
            }
            self.budget -= 1;
            stmts.push(self.stmt());
        }
        let tail = match tail {
            Some(ty) if !self.diverged => Some(self.value_of(ty, 2)),
            _ => None,
        };
        self.nest -= 1;
        self.env.pop_scope();
        Block::of(stmts, tail)
    }

    fn if_expr(&mut self, ty: Ty, d: u32) -> Expr {
        let unit = ty == Ty::Unit;
        let tail = if unit { None } else { Some(ty) };
        // Bindings of `if let` live in the then-branch only.
        self.env.push_scope();
        let conds = self.conds(d);
        let base = self.env.snapshot();
        let (then, s1, d1) = self.branch(&base, |g| g.block(tail, 2));
        self.env.pop_scope();
        let mut ends = vec![(s1, d1)];
        let els = if !unit || self.rng.chance(60) {
            let (els, s2, d2) = self.branch(&base, |g| {
                if g.rng.chance(20) && g.nest < 4 {
                    let inner = g.if_expr(ty, d);
                    Block::of(vec![], Some(inner))
                } else {
                    g.block(tail, 2)
                }
            });
            ends.push((s2, d2));
            Some(els)
        } else {
            None
        };
        let exhaustive = els.is_some();
        self.join(&base, ends, exhaustive);
        Expr::new(ty, Kind::If(conds, then, els))
    }

    /// The condition of an `if`: a boolean, an `if let`, or a let chain.
    fn conds(&mut self, d: u32) -> Vec<Cond> {
        match self.rng.weighted(&[6, 2, self.unless("let-chains", 1)]) {
            0 => vec![Cond::Expr(self.bool_(d))],
            k => {
                let o = self.opt(d);
                let name = self.local_name("a");
                let mut conds = vec![Cond::Let(format!("Some({name})"), o)];
                self.env.declare(name, VTy::Int, false, None);
                if k == 2 {
                    // Evaluated only if the pattern matched: nothing may
                    // be moved in it.
                    let was = self.env.in_guard;
                    self.env.in_guard = true;
                    conds.push(Cond::Expr(self.bool_(d)));
                    self.env.in_guard = was;
                }
                conds
            }
        }
    }

    /// `match INT { literal arms, a binding arm with a guard, _ }`.
    fn match_int(&mut self, ty: Ty, d: u32) -> Expr {
        let scrut = self.int(d);
        let base = self.env.snapshot();
        let mut arms = Vec::new();
        let mut ends = Vec::new();
        let mut lits: Vec<i64> = Vec::new();
        for _ in 0..self.rng.range(1, 3) {
            let k = self.rng.range(0, 6);
            if lits.contains(&k) {
                continue;
            }
            lits.push(k);
            let pat = if self.rng.chance(20) {
                format!("{k} | {}", k + 10)
            } else {
                k.to_string()
            };
            let (body, s, dv) = self.branch(&base, |g| g.arm_body(ty, d));
            ends.push((s, dv));
            arms.push(Arm {
                pat,
                guard: None,
                body,
            });
        }
        if self.rng.chance(50) {
            let (arm, s, dv) = self.branch(&base, |g| {
                g.env.push_scope();
                let name = g.local_name("a");
                g.env.declare(name.clone(), VTy::Int, false, None);
                let guard = g.guard(d);
                let body = g.arm_body(ty, d);
                g.env.pop_scope();
                Arm {
                    pat: name,
                    guard: Some(guard),
                    body,
                }
            });
            ends.push((s, dv));
            arms.push(arm);
        }
        let (body, s, dv) = self.branch(&base, |g| g.arm_body(ty, d));
        ends.push((s, dv));
        arms.push(Arm {
            pat: "_".into(),
            guard: None,
            body,
        });
        self.join(&base, ends, true);
        Expr::new(ty, Kind::Match(Box::new(scrut), arms))
    }

    /// `match (INT, D) { (0, d) => .., (a, _) if GUARD => .., (_, d) => .. }`:
    /// bindings moved out of the scrutinee, a guard that fails with the
    /// scrutinee still alive.
    fn match_tuple(&mut self, ty: Ty, d: u32) -> Expr {
        let i = self.int(d);
        let dd = self.d_expr(d);
        let scrut = Expr::new(Ty::Other, Kind::Tuple(vec![i, dd]));
        let base = self.env.snapshot();
        let mut arms = Vec::new();
        let mut ends = Vec::new();
        let k = self.rng.range(0, 4);
        let (arm, s, dv) = self.branch(&base, |g| {
            g.env.push_scope();
            let name = g.local_name("d");
            g.env.declare(name.clone(), VTy::D, false, None);
            let body = g.arm_body(ty, d);
            g.env.pop_scope();
            Arm {
                pat: format!("({k}, {name})"),
                guard: None,
                body,
            }
        });
        ends.push((s, dv));
        arms.push(arm);
        if self.rng.chance(60) {
            let (arm, s, dv) = self.branch(&base, |g| {
                g.env.push_scope();
                let name = g.local_name("a");
                g.env.declare(name.clone(), VTy::Int, false, None);
                let guard = g.guard(d);
                let body = g.arm_body(ty, d);
                g.env.pop_scope();
                Arm {
                    pat: format!("({name}, _)"),
                    guard: Some(guard),
                    body,
                }
            });
            ends.push((s, dv));
            arms.push(arm);
        }
        let (arm, s, dv) = self.branch(&base, |g| {
            g.env.push_scope();
            let name = g.local_name("d");
            // `ref d`: a borrow of the scrutinee (kept through the arm, which
            // may await), where the other arms move its parts out.
            let by_ref = g.rng.chance(25);
            let mutable = !by_ref && g.rng.chance(20);
            let vty = if by_ref { VTy::RefD } else { VTy::D };
            g.env.declare(name.clone(), vty, mutable, None);
            let body = g.arm_body(ty, d);
            g.env.pop_scope();
            let m = match (by_ref, mutable) {
                (true, _) => "ref ",
                (false, true) => "mut ",
                (false, false) => "",
            };
            Arm {
                pat: format!("(_, {m}{name})"),
                guard: None,
                body,
            }
        });
        ends.push((s, dv));
        arms.push(arm);
        self.join(&base, ends, true);
        Expr::new(ty, Kind::Match(Box::new(scrut), arms))
    }

    /// A match guard: moves nothing (rustc forbids it), may await.
    fn guard(&mut self, d: u32) -> Expr {
        let was = self.env.in_guard;
        self.env.in_guard = true;
        let g = self.bool_(d.max(1));
        self.env.in_guard = was;
        g
    }

    fn arm_body(&mut self, ty: Ty, d: u32) -> Expr {
        if ty != Ty::Unit && self.rng.chance(55) {
            self.value_of(ty, d)
        } else {
            let tail = if ty == Ty::Unit { None } else { Some(ty) };
            let b = self.block(tail, 2);
            Expr::new(ty, Kind::Block(None, b))
        }
    }

    /// `'b: { .. if C { break 'b V; } .. TAIL }`.
    fn labelled_block(&mut self, ty: Ty) -> Expr {
        let label = self.fresh("b");
        let value = ty != Ty::Unit;
        self.targets.push(Target {
            label: label.clone(),
            is_loop: false,
            value,
        });
        self.env.lblock_depth += 1;
        let at = self.rng.below(3);
        let tail = if value { Some(ty) } else { None };
        let b = self.block_with(tail, 3, |g, i| {
            (i == at).then(|| {
                let t = g.targets.len() - 1;
                g.exit_stmt(Some(t))
            })
        });
        self.env.lblock_depth -= 1;
        self.targets.pop();
        // A `break` to the label (or a `return`) may have ended it: the
        // code after the block runs either way.
        self.diverged = false;
        Expr::new(ty, Kind::Block(Some(label), b))
    }

    /// How many more iterations the loop nest can afford.
    fn loop_limit(&mut self) -> Option<i64> {
        let max = 12 / self.iter_mult;
        if max < 1 || self.nest >= 4 {
            return None;
        }
        Some(self.rng.range(1, max.min(3)))
    }

    /// Runs `f` for a loop body with `limit` iterations: locals outside the
    /// loop cannot be moved in it, and the state after the loop is the
    /// state before.
    fn in_loop<T>(
        &mut self,
        label: &str,
        value: bool,
        limit: i64,
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        let base = self.env.snapshot();
        self.env.loop_depth += 1;
        self.iter_mult *= limit;
        self.targets.push(Target {
            label: label.to_string(),
            is_loop: true,
            value,
        });
        let t = f(self);
        self.targets.pop();
        self.iter_mult /= limit;
        self.env.loop_depth -= 1;
        self.env.restore(&base);
        self.diverged = false;
        t
    }

    /// A counted `loop`; `value`: an `i64` expression (`break 'l V`).
    fn loop_(&mut self, value: bool) -> Expr {
        let ty = if value { Ty::Int } else { Ty::Unit };
        let Some(limit) = self.loop_limit() else {
            return if value {
                self.int(1)
            } else {
                self.simple_stmt_expr()
            };
        };
        let label = self.fresh("l");
        let counter = self.fresh("c");
        let (exit, body) = self.in_loop(&label, value, limit, |g| {
            // The exit's value runs once the count is reached: a `continue`
            // of this loop from it would never end the loop (seed 10000
            // program 3495 hung so).
            // It sits inside the loop's body: an unlabelled `break` there
            // would leave this loop, not the one the targets say is
            // innermost (seed 20261126 programs 1362, 1371: E0308).
            // And it runs after the body, so what it does (assigning a
            // moved field again) is not the body's state: the body is
            // generated from the state before it (seed 20261132 program 84
            // used `p3.d` in the body because the exit assigned it: E0382).
            let own = g.targets.pop();
            g.outside_innermost += 1;
            let before = g.env.snapshot();
            let exit = value.then(|| Box::new(g.int(1)));
            g.env.restore(&before);
            g.outside_innermost -= 1;
            g.targets.extend(own);
            let at = g.rng.below(3);
            let body = g.block_with(None, 3, |g, i| {
                (i == at && g.rng.chance(70)).then(|| g.exit_stmt(None))
            });
            (exit, body)
        });
        Expr::new(
            ty,
            Kind::Loop {
                label,
                counter,
                limit,
                exit,
                body,
            },
        )
    }

    fn while_(&mut self) -> Expr {
        let Some(limit) = self.loop_limit() else {
            return self.simple_stmt_expr();
        };
        let label = self.fresh("l");
        let counter = self.fresh("c");
        let (cond, body) = self.in_loop(&label, false, limit, |g| {
            // The condition runs before the body counts the iteration: a
            // `continue` of this loop from it would never end the loop, so
            // it may leave only to loops around this one, and by label.
            let own = g.targets.pop();
            g.outside_innermost += 1;
            let cond = g.rng.chance(70).then(|| Box::new(g.bool_(2)));
            g.outside_innermost -= 1;
            g.targets.extend(own);
            let at = g.rng.below(3);
            let body = g.block_with(None, 3, |g, i| {
                (i == at && g.rng.chance(40)).then(|| g.exit_stmt(None))
            });
            (cond, body)
        });
        Expr::new(
            Ty::Unit,
            Kind::While {
                label,
                counter,
                limit,
                cond,
                body,
            },
        )
    }

    /// `while let Some(a) = v.pop() { .. }` over a local vector the body
    /// cannot grow.
    fn while_let(&mut self) -> Expr {
        let vecs = self.vars_of(VTy::VecI, |e, i| {
            e.assignable(i) && e.vars[i].st == St::Live
        });
        let (Some(v), Some(_)) = (self.pick(&vecs), self.loop_limit()) else {
            return self.simple_stmt_expr();
        };
        let limit = 4;
        let label = self.fresh("l");
        let name = self.fresh("a");
        let expr = Expr::method(Ty::OptI, self.var_atom(v, Ty::VecI), "pop", vec![]);
        self.env.vars[v].shared += 1;
        let body = self.in_loop(&label, false, limit, |g| {
            g.env.push_scope();
            g.env.declare(name.clone(), VTy::Int, false, None);
            let at = g.rng.below(3);
            let b = g.block_with(None, 2, |g, i| {
                (i == at && g.rng.chance(40)).then(|| g.exit_stmt(None))
            });
            g.env.pop_scope();
            b
        });
        self.env.vars[v].shared -= 1;
        Expr::new(
            Ty::Unit,
            Kind::WhileLet {
                label,
                pat: format!("Some({name})"),
                expr: Box::new(expr),
                body,
            },
        )
    }

    fn for_(&mut self) -> Expr {
        if self.loop_limit().is_none() {
            return self.simple_stmt_expr();
        }
        let max = (12 / self.iter_mult).clamp(1, 3);
        let label = self.fresh("l");
        let name = self.fresh("a");
        let vecs = self.vars_of(VTy::VecI, |e, i| e.readable(i));
        let choice =
            self.rng
                .weighted(&[3, 3, if vecs.is_empty() || max < 3 { 0 } else { 3 }, 2, 2]);
        let k = self.rng.range(1, max);
        // (iterable, pattern, item type, iterations, local to keep borrowed)
        let (iter, pat, vty, limit, lock) = match choice {
            0 => (
                Expr::atom(Ty::Other, format!("0..{k}")),
                name.clone(),
                VTy::Int,
                k,
                None,
            ),
            1 => {
                let tag = self.fresh("it");
                let it = Expr::call(
                    Ty::Other,
                    "log_iter",
                    vec![Expr::string(&tag), Expr::atom(Ty::Other, k.to_string())],
                );
                (it, name.clone(), VTy::U32, k, None)
            }
            2 => {
                let v = self.pick(&vecs).unwrap();
                let it = Expr::method(Ty::Other, self.var_atom(v, Ty::VecI), "iter", vec![]);
                (it, format!("&{name}"), VTy::Int, 4, Some(v))
            }
            3 => {
                let (lit, n) = self.vec_literal(1);
                (lit, name.clone(), VTy::Int, n.min(max), None)
            }
            _ => {
                let (lit, n) = self.vec_literal(1);
                let tag = self.fresh("w");
                let fut = Expr::call(Ty::Other, "value", vec![Expr::string(&tag), lit]);
                (
                    Expr::awaited(Ty::VecI, fut),
                    name.clone(),
                    VTy::Int,
                    n.min(max),
                    None,
                )
            }
        };
        let _ = limit;
        if let Some(v) = lock {
            self.env.vars[v].shared += 1;
        }
        let body = self.in_loop(&label, false, k.max(1), |g| {
            g.env.push_scope();
            g.env.declare(name.clone(), vty, false, None);
            let at = g.rng.below(3);
            let b = g.block_with(None, 3, |g, i| {
                (i == at && g.rng.chance(40)).then(|| g.exit_stmt(None))
            });
            g.env.pop_scope();
            b
        });
        if let Some(v) = lock {
            self.env.vars[v].shared -= 1;
        }
        Expr::new(
            Ty::Unit,
            Kind::For {
                label,
                pat,
                iter: Box::new(iter),
                body,
            },
        )
    }

    /// `if C { [S;] EXIT; }`, EXIT a `return`, or a `break`/`continue` to
    /// an enclosing target (`target`: that one).
    fn exit_stmt(&mut self, target: Option<usize>) -> Stmt {
        let cond = self.bool_(2);
        let base = self.env.snapshot();
        let (then, s, dv) = self.branch(&base, |g| {
            g.env.push_scope();
            let mut stmts = Vec::new();
            if g.rng.chance(30) && g.budget > 0 {
                g.budget -= 1;
                stmts.push(g.simple_stmt());
            }
            if !g.diverged {
                let exit = g.exit_expr(target);
                stmts.push(Stmt::Expr(exit));
            }
            g.env.pop_scope();
            Block::of(stmts, None)
        });
        self.join(&base, vec![(s, dv)], false);
        Stmt::Expr(Expr::new(
            Ty::Unit,
            Kind::If(vec![Cond::Expr(cond)], then, None),
        ))
    }

    /// `return V`, `break 'l [V]` or `continue 'l`. Sets `diverged` when
    /// the state on this path may be dropped at the next join.
    fn exit_expr(&mut self, target: Option<usize>) -> Expr {
        let t = match target {
            Some(t) => Some(t),
            None if !self.targets.is_empty() && self.rng.chance(75) => {
                Some(self.rng.below(self.targets.len()))
            }
            None => None,
        };
        let Some(t) = t else {
            let v = self.returned_value(1);
            self.diverged = true;
            return Expr::new(Ty::Never, Kind::Return(Some(Box::new(v))));
        };
        let label = self.targets[t].label.clone();
        let is_loop = self.targets[t].is_loop;
        let innermost = t + 1 == self.targets.len();
        let label_text =
            if innermost && is_loop && self.rng.chance(50) && self.outside_innermost == 0 {
                None
            } else {
                Some(label)
            };
        let e = if is_loop && target.is_none() && self.rng.chance(40) {
            Kind::Continue(label_text)
        } else if self.targets[t].value {
            let v = self.int(1);
            Kind::Break(label_text, Some(Box::new(v)))
        } else {
            Kind::Break(label_text, None)
        };
        // A break out of a labelled block joins the code after it with
        // this path's state: it must not be dropped.
        self.diverged = is_loop;
        Expr::new(Ty::Never, e)
    }

    // -----------------------------------------------------------------
    // Statements

    fn stmt(&mut self) -> Stmt {
        let nest_ok = self.nest < 4;
        let in_loop = self.targets.iter().any(|t| t.is_loop);
        let result = self.ret == Ret::Result;
        match self.rng.weighted(&[
            10,                          // 0 let i64
            8,                           // 1 let D
            3,                           // 2 let Pair
            2,                           // 3 let Vec
            2,                           // 4 let tuple pattern
            4,                           // 5 let &D
            2,                           // 6 let &mut i64
            2,                           // 7 let-else
            2,                           // 8 let _ = D
            10,                          // 9 simple statement
            if nest_ok { 6 } else { 0 }, // 10 if
            if nest_ok { 3 } else { 0 }, // 11 match
            if nest_ok {
                self.unless("match-tuple", 2)
            } else {
                0
            }, // 12 match binding D
            if nest_ok { 3 } else { 0 }, // 13 loop
            if nest_ok { 3 } else { 0 }, // 14 while
            if nest_ok { 1 } else { 0 }, // 15 while let
            if nest_ok { 4 } else { 0 }, // 16 for
            if nest_ok { 2 } else { 0 }, // 17 block
            if nest_ok { 2 } else { 0 }, // 18 labelled block
            3,                           // 19 early exit
            if in_loop { 3 } else { 0 }, // 20 break / continue
            if result { 3 } else { 0 },  // 21 ?
            1,                           // 22 panic or assert!
            self.unless("own-macros", 6), // 23 a macro of the program's own
            self.unless("format-let", 3), // 24 let _f = format!(..)
        ]) {
            0 => {
                let init = self.int(3);
                let name = self.local_name("a");
                let mutable = self.rng.chance(40);
                self.env.declare(name.clone(), VTy::Int, mutable, None);
                self.let_(mutable, &name, init)
            }
            1 => {
                let name = self.local_name("d");
                let init = if self.rng.chance(60) {
                    let tag = self.fresh("d");
                    self.new_d_named(&tag, 2)
                } else {
                    self.d_expr(3)
                };
                let mutable = self.rng.chance(30);
                self.env.declare(name.clone(), VTy::D, mutable, None);
                self.let_(mutable, &name, init)
            }
            2 => {
                let init = self.pair_expr(3);
                let name = self.local_name("p");
                let mutable = self.rng.chance(40);
                self.env.declare(name.clone(), VTy::Pair, mutable, None);
                self.let_(mutable, &name, init)
            }
            3 => {
                let init = self.vec_expr(2);
                let name = self.local_name("v");
                let mutable = self.rng.chance(60);
                self.env.declare(name.clone(), VTy::VecI, mutable, None);
                self.let_(mutable, &name, init)
            }
            4 => {
                let a = self.int(2);
                let dd = self.d_expr(2);
                let an = self.local_name("a");
                let dn = self.fresh("d");
                self.env.declare(an.clone(), VTy::Int, false, None);
                self.env.declare(dn.clone(), VTy::D, false, None);
                Stmt::Let {
                    pat: format!("({an}, {dn})"),
                    init: Expr::new(Ty::Other, Kind::Tuple(vec![a, dd])),
                    els: None,
                }
            }
            5 => self.let_ref(),
            6 => {
                let ints =
                    self.vars_of(VTy::Int, |e, i| e.assignable(i) && e.vars[i].st == St::Live);
                let Some(t) = self.pick(&ints) else {
                    return self.simple_stmt();
                };
                let name = self.local_name("m");
                let init = Expr::new(
                    Ty::Other,
                    Kind::Unary("&mut ", Box::new(self.var_atom(t, Ty::Int))),
                );
                self.env.declare(name.clone(), VTy::RefMutI, false, Some(t));
                self.let_(false, &name, init)
            }
            7 => {
                let init = self.opt(2);
                let base = self.env.snapshot();
                let (els, s, dv) = self.branch(&base, |g| {
                    let exit = g.exit_expr(None);
                    Block::of(vec![Stmt::Expr(exit)], None)
                });
                self.join(&base, vec![(s, dv)], false);
                let name = self.local_name("a");
                self.env.declare(name.clone(), VTy::Int, false, None);
                Stmt::Let {
                    pat: format!("Some({name})"),
                    init,
                    els: Some(els),
                }
            }
            8 => {
                let init = self.d_expr(2);
                Stmt::Let {
                    pat: "_".into(),
                    init,
                    els: None,
                }
            }
            9 => self.simple_stmt(),
            10 => Stmt::Expr(self.if_expr(Ty::Unit, 2)),
            11 => Stmt::Expr(self.match_int(Ty::Unit, 2)),
            12 => Stmt::Expr(self.match_tuple(Ty::Unit, 2)),
            13 => Stmt::Expr(self.loop_(false)),
            14 => Stmt::Expr(self.while_()),
            15 => Stmt::Expr(self.while_let()),
            16 => Stmt::Expr(self.for_()),
            17 => {
                let b = self.block(None, 3);
                Stmt::Expr(Expr::new(Ty::Unit, Kind::Block(None, b)))
            }
            18 => Stmt::Expr(self.labelled_block(Ty::Unit)),
            19 => self.exit_stmt(None),
            20 => {
                let loops: Vec<usize> = (0..self.targets.len())
                    .filter(|&t| self.targets[t].is_loop)
                    .collect();
                let t = self.pick(&loops);
                self.exit_stmt(t)
            }
            21 => {
                let r = self.res(2);
                Stmt::Expr(Expr::new(Ty::Int, Kind::Try(Box::new(r))))
            }
            23 => Stmt::Expr(self.own_macro_stmt()),
            24 => self.format_let(),
            _ => {
                if self.rng.chance(50) {
                    // `assert!(c)`: its message is the condition as rustc
                    // prints it, which the lowering must not show
                    // rewritten. A shallow condition of one line: what the
                    // macro words as rustc does (a block, an `if`, or a
                    // condition rustc breaks over lines is worded by
                    // `stringify!`, LIMITATIONS.md).
                    let c = self.bool_(1);
                    if crate::print::expr(&c).len() > 60 {
                        return Stmt::Expr(Expr::new(Ty::Unit, Kind::Call("drop".into(), vec![c])));
                    }
                    return Stmt::Expr(Expr::new(
                        Ty::Unit,
                        Kind::Macro {
                            name: "assert".into(),
                            brackets: false,
                            args: vec![c],
                        },
                    ));
                }
                let c = self.bool_(2);
                let p = Expr::new(
                    Ty::Never,
                    Kind::Macro {
                        name: "panic".into(),
                        brackets: false,
                        args: vec![Expr::string(&self.fresh("panic "))],
                    },
                );
                let base = self.env.snapshot();
                let (then, s, _) = self.branch(&base, |g| {
                    g.diverged = true;
                    Block::of(vec![Stmt::Expr(p)], None)
                });
                self.join(&base, vec![(s, true)], false);
                Stmt::Expr(Expr::new(
                    Ty::Unit,
                    Kind::If(vec![Cond::Expr(c)], then, None),
                ))
            }
        }
    }

    /// `let _fN = format!("{:?} {}", D::with(..), X);` (the arguments in
    /// either order, X may await), or `log(format!(..));`, or `let _fN =
    /// Some(format!(..));`: the `D` is a temporary of the macro's block,
    /// dropped at its end, after the awaits of the arguments after it. The
    /// binding is never used.
    fn format_let(&mut self) -> Stmt {
        // (Generated in the order they are evaluated, as everything is: the
        // picture of the locals follows the program's moves.)
        let d = |g: &mut Gen| {
            let tag = g.fresh("f");
            let x = g.int(2);
            Expr::call(Ty::D, "D::with", vec![Expr::string(&tag), x])
        };
        // (The integer through `ev`: a format argument is borrowed to the
        // macro's end, and a later argument may assign a local it names.)
        let n = |g: &mut Gen| {
            let tag = g.fresh("e");
            let x = g.int(2);
            Expr::call(Ty::Int, "ev", vec![Expr::string(&tag), x])
        };
        let args = if self.rng.chance(50) {
            let d = d(self);
            vec![Expr::string("{:?} {}"), d, n(self)]
        } else {
            let n = n(self);
            vec![Expr::string("{} {:?}"), n, d(self)]
        };
        let format = Expr::new(
            Ty::Other,
            Kind::Macro {
                name: "format".into(),
                brackets: false,
                args,
            },
        );
        // The `format!` a `let`'s value, or inside a call that runs code
        // after it (its arguments drop before), or wrapped in `Some`.
        match self.rng.weighted(&[2, 1, 1]) {
            0 => {
                let name = format!("_{}", self.fresh("f"));
                self.let_(false, &name, format)
            }
            1 => Stmt::Expr(Expr::call(Ty::Unit, "log", vec![format])),
            _ => {
                let name = format!("_{}", self.fresh("f"));
                self.let_(false, &name, Expr::call(Ty::Other, "Some", vec![format]))
            }
        }
    }

    fn let_(&mut self, mutable: bool, name: &str, init: Expr) -> Stmt {
        Stmt::Let {
            pat: if mutable {
                format!("mut {name}")
            } else {
                name.to_string()
            },
            init,
            els: None,
        }
    }

    /// `let r = &d;`, `let r = &p.d;` or `let r = &D::with(..);` (a
    /// temporary extended to the reference's scope).
    fn let_ref(&mut self) -> Stmt {
        let ds = self.vars_of(VTy::D, |e, i| e.readable(i));
        let pairs = self.vars_of(VTy::Pair, |e, i| e.readable(i) && e.vars[i].st == St::Live);
        let (init, target) = match self.rng.weighted(&[
            if ds.is_empty() { 0 } else { 5 },
            if pairs.is_empty() { 0 } else { 2 },
            2,
        ]) {
            0 => {
                let t = self.pick(&ds).unwrap();
                (self.var_atom(t, Ty::D), Some(t))
            }
            1 => {
                let t = self.pick(&pairs).unwrap();
                (
                    Expr::new(
                        Ty::D,
                        Kind::Field(Box::new(self.var_atom(t, Ty::Pair)), "d".into()),
                    ),
                    Some(t),
                )
            }
            _ => (self.new_d(1), None),
        };
        let name = self.local_name("r");
        self.env.declare(name.clone(), VTy::RefD, false, target);
        self.let_(
            false,
            &name,
            Expr::new(Ty::Other, Kind::Unary("&", Box::new(init))),
        )
    }

    /// Awaits, calls, assignments, drops: no nested blocks.
    fn simple_stmt(&mut self) -> Stmt {
        Stmt::Expr(self.simple_stmt_expr())
    }

    fn simple_stmt_expr(&mut self) -> Expr {
        let assignable = self.env.pick_all(|e, i| {
            e.assignable(i) && matches!(e.vars[i].ty, VTy::Int | VTy::D | VTy::Pair)
        });
        let muts = self.vars_of(VTy::RefMutI, |e, i| e.readable(i));
        let pushable = self.vars_of(VTy::VecI, |e, i| {
            e.assignable(i) && e.vars[i].st == St::Live && e.loop_depth == 0
        });
        match self.rng.weighted(&[
            8,
            4,
            2,
            3,
            if assignable.is_empty() { 0 } else { 8 },
            if muts.is_empty() { 0 } else { 3 },
            if pushable.is_empty() { 0 } else { 2 },
            4,
            self.unless("own-macros", 5),
        ]) {
            0 => {
                let tag = self.fresh("s");
                Expr::awaited(
                    Ty::Unit,
                    Expr::call(Ty::Other, "suspend", vec![Expr::string(&tag)]),
                )
            }
            1 => {
                let ty = [Ty::Int, Ty::D, Ty::Pair][self.rng.weighted(&[5, 3, 1])];
                self.await_of(ty, 2)
            }
            2 => {
                let tag = self.fresh("log");
                Expr::call(Ty::Unit, "log", vec![Expr::string(&tag)])
            }
            3 => {
                let x = self.d_expr(2);
                Expr::call(Ty::Unit, "drop", vec![x])
            }
            4 => self.assign(&assignable),
            5 => {
                let m = self.pick(&muts).unwrap();
                let v = self.int(2);
                let place = Expr::new(
                    Ty::Int,
                    Kind::Unary("*", Box::new(self.var_atom(m, Ty::Other))),
                );
                Expr::new(Ty::Unit, Kind::Assign("+=", Box::new(place), Box::new(v)))
            }
            6 => {
                let v = self.pick(&pushable).unwrap();
                self.env.vars[v].shared += 1;
                let x = self.int(2);
                self.env.vars[v].shared -= 1;
                Expr::method(Ty::Unit, self.var_atom(v, Ty::VecI), "push", vec![x])
            }
            7 => self.int(3),
            _ => self.own_macro_stmt(),
        }
    }

    /// `x = V`, `x += V`, `p.n += V`, `p.d = V`, `d = V` (dropping the old
    /// value, or initialising a moved local again).
    fn assign(&mut self, cands: &[usize]) -> Expr {
        let i = self.pick(cands).unwrap();
        let var = self.env.vars[i].clone();
        // The value is evaluated first; it may read the local, not move it.
        self.env.vars[i].shared += 1;
        let (place, op, value) = match var.ty {
            VTy::Int if var.st == St::Live && self.rng.chance(60) => {
                let op = if self.rng.chance(50) { "+=" } else { "-=" };
                (self.var_atom(i, Ty::Int), op, self.int(2))
            }
            VTy::Int => (self.var_atom(i, Ty::Int), "=", self.int(2)),
            VTy::D => (self.var_atom(i, Ty::D), "=", self.d_expr(2)),
            _ => match var.st {
                St::Moved => (self.var_atom(i, Ty::Pair), "=", self.pair_expr(2)),
                St::FieldMoved => (
                    Expr::new(
                        Ty::D,
                        Kind::Field(Box::new(self.var_atom(i, Ty::Pair)), "d".into()),
                    ),
                    "=",
                    self.d_expr(2),
                ),
                St::Live => match self.rng.below(3) {
                    0 => (
                        Expr::new(
                            Ty::Int,
                            Kind::Field(Box::new(self.var_atom(i, Ty::Pair)), "n".into()),
                        ),
                        "+=",
                        self.int(2),
                    ),
                    1 => (
                        Expr::new(
                            Ty::D,
                            Kind::Field(Box::new(self.var_atom(i, Ty::Pair)), "d".into()),
                        ),
                        "=",
                        self.d_expr(2),
                    ),
                    _ => (self.var_atom(i, Ty::Pair), "=", self.pair_expr(2)),
                },
            },
        };
        self.env.vars[i].shared -= 1;
        // Assigning the whole local, or the moved field, initialises it.
        if op == "=" && !matches!(place.kind, Kind::Field(_, ref f) if f == "n") {
            self.env.vars[i].st = St::Live;
        }
        Expr::new(Ty::Unit, Kind::Assign(op, Box::new(place), Box::new(value)))
    }

    // -----------------------------------------------------------------
    // Macros of the program's own (`crate::own_macros`)

    /// `e` (generated from the state `before`), sometimes passed through
    /// `mac_id!(e)` or `mac_tt!(e)`: where it moved nothing, is pure (no
    /// await, exit or logged temporary) and names only locals that may be
    /// lent, outside guards and let chains.
    fn own_macro_expr(&mut self, e: Expr, before: &Snapshot) -> Expr {
        if self.unless("own-macros", 1) == 0 || self.env.in_guard || !self.rng.chance(15) {
            return e;
        }
        if self.env.snapshot() != *before || !crate::own_macros::pure(&e) || !self.may_name(&e) {
            return e;
        }
        // Mostly macros that name locals (a literal alone lends nothing).
        if crate::own_macros::atom_names(&e).is_empty() && !self.rng.chance(15) {
            return e;
        }
        let name = if self.rng.chance(60) {
            "mac_id"
        } else {
            "mac_tt"
        };
        Expr::new(
            e.ty,
            Kind::Macro {
                name: name.into(),
                brackets: false,
                args: vec![e],
            },
        )
    }

    /// Whether every local `e` names may be lent to a macro here.
    fn may_name(&self, e: &Expr) -> bool {
        crate::own_macros::atom_names(e)
            .iter()
            .all(|n| self.env.by_name(n).is_some_and(|i| self.env.lendable(i)))
    }

    /// A statement macro of the program's own naming locals:
    /// `mac_log!(a1, d2, p3.n)` (by reference), `mac_fmt!("{a1} {d2:?}")`
    /// (inline captures), `mac_tt!(a1 += V)` (a `mut` integer assigned),
    /// `mac_chk!(C)` (panics inside the macro if `C`).
    fn own_macro_stmt(&mut self) -> Expr {
        let cands = self.env.pick_all(|e, i| e.lendable(i));
        let ints = self.vars_of(VTy::Int, |e, i| e.lendable(i) && e.assignable(i));
        let fmt_cands: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&i| self.env.vars[i].ty != VTy::Pair)
            .collect();
        match self.rng.weighted(&[
            4,
            if fmt_cands.is_empty() { 0 } else { 3 },
            if ints.is_empty() { 0 } else { 6 },
            self.unless("lend-panic", 3),
        ]) {
            0 => {
                let n = self.rng.range(1, 3);
                let mut args = Vec::new();
                for _ in 0..n {
                    let Some(i) = self.pick(&cands) else {
                        args.push(Expr::int(self.rng.range(0, 9)));
                        continue;
                    };
                    let v = self.var_atom(i, Ty::Other);
                    let by_value = self.rng.chance(50);
                    let a = match self.env.vars[i].ty {
                        // `Ty::Other` throughout: the shrinker must not
                        // put a `D` temporary here (it would drop when the
                        // macro ends, LIMITATIONS.md).
                        VTy::D | VTy::RefD if !by_value => {
                            Expr::method(Ty::Other, v, "get", vec![])
                        }
                        VTy::Pair => match self.rng.below(3) {
                            0 => Expr::new(Ty::Other, Kind::Field(Box::new(v), "n".into())),
                            1 => Expr::new(Ty::Other, Kind::Field(Box::new(v), "d".into())),
                            _ => Expr::method(Ty::Other, v, "sum", vec![]),
                        },
                        VTy::VecI if !by_value => Expr::method(Ty::Other, v, "len", vec![]),
                        VTy::RefMutI if !by_value => {
                            Expr::new(Ty::Other, Kind::Unary("*", Box::new(v)))
                        }
                        _ => v,
                    };
                    args.push(a);
                }
                Expr::new(
                    Ty::Unit,
                    Kind::Macro {
                        name: "mac_log".into(),
                        brackets: false,
                        args,
                    },
                )
            }
            1 => {
                let mut text = String::from("mac");
                for _ in 0..self.rng.range(1, 2) {
                    let i = self.pick(&fmt_cands).unwrap();
                    let v = &self.env.vars[i];
                    let spec = match v.ty {
                        VTy::Int | VTy::U32 | VTy::RefMutI => "",
                        _ => ":?",
                    };
                    text.push_str(&format!(" {}={{{}{spec}}}", v.name, v.name));
                }
                Expr::new(
                    Ty::Unit,
                    Kind::Macro {
                        name: "mac_fmt".into(),
                        brackets: false,
                        args: vec![Expr::string(&text)],
                    },
                )
            }
            3 => {
                // `mac_chk!(C)`: panics inside the macro while it is lent
                // values (the lent locals drop in the unwinding).
                let before = self.env.snapshot();
                let c = self.bool_(1);
                if self.env.snapshot() != before
                    || !crate::own_macros::pure(&c)
                    || !self.may_name(&c)
                    || crate::own_macros::atom_names(&c).is_empty()
                {
                    return Expr::call(Ty::Unit, "drop", vec![c]);
                }
                Expr::new(
                    Ty::Unit,
                    Kind::Macro {
                        name: "mac_chk".into(),
                        brackets: false,
                        args: vec![c],
                    },
                )
            }
            _ => {
                let i = self.pick(&ints).unwrap();
                self.env.vars[i].shared += 1;
                let before = self.env.snapshot();
                // Mostly a leaf: what awaits or moves is not passed
                // through a macro (then the assignment is written bare).
                let depth = if self.rng.chance(70) { 0 } else { 1 };
                let v = self.int(depth);
                self.env.vars[i].shared -= 1;
                // Not `=`: `mac_tt!(a = V)` is a key given a value, which the
                // lowering does not take for a use of `a` (E0425, LIMITATIONS.md).
                let op = ["+=", "-="][self.rng.below(2)];
                let assign = Expr::new(
                    Ty::Unit,
                    Kind::Assign(op, Box::new(self.var_atom(i, Ty::Int)), Box::new(v)),
                );
                let Kind::Assign(_, _, v) = &assign.kind else {
                    unreachable!()
                };
                if self.env.snapshot() != before || !crate::own_macros::pure(v) || !self.may_name(v)
                {
                    return assign;
                }
                Expr::new(
                    Ty::Unit,
                    Kind::Macro {
                        name: "mac_tt".into(),
                        brackets: false,
                        args: vec![assign],
                    },
                )
            }
        }
    }
}
