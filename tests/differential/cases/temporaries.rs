// Temporaries: a temporary created before an `.await` in the same statement
// lives across it; scrutinee, condition and tail-expression temporaries
// follow the edition 2024 scopes.

/// Logs both referenced values and the number; a call whose arguments
/// include temporaries and an await.
fn combine(a: &D, b: &D, n: i64) -> i64 {
    log(format!("combine({}, {}, {n})", a.name(), b.name()));
    n
}

/// Logs `"weigh NAME K"`: a call that borrows a temporary `D`, which lives
/// to the end of the statement.
fn weigh(d: &D, k: i64) -> i64 {
    log(format!("weigh {} {k}", d.name()));
    d.get() + k
}

/// `Some(number)` if the number is non-zero: a fallible lookup through a
/// temporary.
fn nonzero(d: &D) -> Option<i64> {
    let v = d.get();
    if v != 0 { Some(v) } else { None }
}

/// Reads through a reference after suspending: the referent (a temporary of
/// the caller's statement) must outlive the whole awaited call.
#[self::coroutine]
async fn read_later(d: &D) -> i64 {
    suspend("read_later").await;
    d.get()
}

pub struct Holder<'a> {
    d: &'a D,
}

pub struct Pair {
    a: D,
    b: D,
}

fn make_pair() -> Pair {
    log("make_pair");
    Pair {
        a: D::with("pair.a", 1),
        b: D::with("pair.b", 2),
    }
}

/// `temp().method(f().await)`: the receiver temporary lives across the
/// argument's await and is dropped at the end of the statement.
pub mod receiver_temporary_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let n = D::with("temp", 1).touch(value("arg", 2).await);
        log("after statement");
        n
    }
}

/// Two reference temporaries and an await in one call: both live across the
/// await and drop in reverse order of creation at the `;`.
pub mod two_temporaries_in_call {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let n = combine(&D::new("t1"), &D::new("t2"), value("n", 3).await);
        log("after statement");
        n
    }
}

/// A temporary passed by reference into an awaited coroutine lives until the
/// end of the statement, across the callee's suspensions.
pub mod temporary_borrowed_by_awaited_call {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let n = read_later(&D::with("temp", 4)).await + ev("rhs", 1);
        log("after statement");
        n
    }
}

/// Temporaries in a `let` initializer are not extended: dropped at the `;`,
/// after the await in the same initializer.
pub mod let_initializer_temporary {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let n = D::with("temp", 5).get() + value("a", 1).await;
        log("after let");
        suspend("s").await;
        n
    }
}

/// `let x = &temp();` extends the temporary to the end of the block, across
/// later awaits.
pub mod let_reference_lifetime_extension {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let x = &D::with("extended", 6);
        suspend("s1").await;
        let inner = {
            let y = &D::with("inner-extended", 1);
            suspend("s2").await;
            y.get()
        };
        log("after inner block");
        x.get() + inner
    }
}

/// Lifetime extension through a struct literal's `&temp()` field.
pub mod extension_through_struct_literal {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let h = Holder {
            d: &D::with("in-struct", 7),
        };
        suspend("s").await;
        h.d.get()
    }
}

/// `match temp().get() { _ => f().await }`: the scrutinee's temporary lives
/// to the end of the `match`, across the arm's await.
pub mod match_scrutinee_temporary_across_arm {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let n = match D::with("scrutinee", 2).get() {
            2 => value("arm", 20).await,
            _ => 0,
        };
        log("after match");
        n
    }
}

/// `match make_pair().a { _ => f().await }`: the scrutinee is a place in a
/// temporary, which lives (whole) to the end of the `match`, across the
/// arm's await; a binding by reference keeps pointing into it.
pub mod match_on_field_of_temporary {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let x = match make_pair().a {
            _ => value("arm", 10).await,
        };
        log("after first match");
        let y = match make_pair().b {
            ref d => {
                suspend("ref arm").await;
                d.get()
            }
        };
        log("after second match");
        x + y
    }
}

/// Temporaries of an `if` condition are dropped before the branch runs.
pub mod if_condition_temporary {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        if D::with("cond", 1).get() == 1 {
            value("then", 1).await
        } else {
            value("else", 2).await
        }
    }
}

/// Edition 2024: an `if let` scrutinee's temporaries drop before the `else`
/// block runs.
pub mod if_let_temporary_dropped_before_else {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        if let Some(v) = nonzero(&D::with("scrutinee", 0)) {
            v
        } else {
            log("in else");
            value("else", 9).await
        }
    }
}

/// An `if let` scrutinee's temporaries live through the `then` block,
/// across its await.
pub mod if_let_temporary_lives_through_then {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let r = if let Some(v) = nonzero(&D::with("scrutinee", 3)) {
            log("in then");
            v + value("then", 1).await
        } else {
            0
        };
        log("after if let");
        r
    }
}

/// `while` condition temporaries are dropped each iteration before the body.
pub mod while_condition_temporary {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut i = 0;
        while D::with(format!("cond{i}"), i).get() < 2 {
            i += value(format!("body{i}"), 1).await as i64;
        }
        i as u32
    }
}

/// Edition 2024: the tail expression's temporaries drop before the body's
/// locals.
pub mod tail_expression_temporary {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let local = D::with("local", 1);
        suspend("s").await;
        D::with("tail-temp", 2).get() + local.get()
    }
}

/// A tail-expression temporary created before an await in the tail
/// expression itself lives across it.
pub mod tail_expression_temporary_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let _local = D::new("local");
        D::with("tail-temp", 1).touch(value("a", 2).await)
    }
}

/// A block's tail-expression temporaries (inside a `let`) drop at the end
/// of the block, before the block's locals (edition 2024).
pub mod block_tail_temporary {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let x = {
            let l = D::with("block-local", 1);
            D::with("block-tail", 2).touch(value("a", 3).await) + l.get()
        };
        log("after block");
        x
    }
}

/// A temporary in a match arm's expression is dropped at the end of the
/// arm, across the arm's awaits.
pub mod match_arm_temporary {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let n = match value("scrutinee", 1).await {
            1 => D::with("arm-temp", 1).touch(value("arm", 1).await),
            _ => 0,
        };
        log("after match");
        n
    }
}

/// Temporaries of an `.await`'s operand expression (the future is built
/// from a temporary) live until the end of the statement.
pub mod awaited_operand_temporary {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let n = value("a", D::with("operand-temp", 3).get()).await + ev("after", 1);
        log("after statement");
        n
    }
}

/// A method called on a temporary, as the left operand of an operator
/// whose right operand awaits: the receiver temporary lives to the end of
/// the statement, across the await.
pub mod receiver_temporary_in_spilled_operand {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let n = D::with("receiver", 1).get() + value("right", 2).await;
        log("after statement");
        let m = (0, D::new("tuple")).0 + [D::with("array", 3).get()][0] + value("again", 4).await;
        n + m
    }
}

/// Temporaries used mutably: the output of an `.await` as the receiver of
/// a `&mut self` method (`lock.write().await.insert(..)`) or borrowed
/// `&mut`, and a receiver evaluated before an argument that awaits. They
/// drop at the end of their statements. (The lowering's vars for them were
/// not `mut`: E0596.)
pub mod temporaries_used_mutably {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<i64> {
        value("g", vec![D::with("a", 1)]).await.push(D::with("b", 2));
        let taken = std::mem::take(&mut value("t", vec![D::with("c", 3)]).await);
        let mut sorted = vec![D::with("z", 9), D::with("y", 8)];
        sorted.sort_by_key(|d| d.get());
        let len = vec![D::with("e", 5)].len() + { let mut v = vec![0]; v.push(value("p", 1).await); v.len() };
        vec![D::with("f", 6)].push(value("d", D::with("d", 4)).await);
        log("end");
        vec![taken.len() as i64, len as i64, sorted[0].get()]
    }
}

/// Temporaries a `let` extends through a place in them (`&*temp`,
/// `&temp[i]`, `&temp.f`) and through a variant's constructor
/// (`Some(&temp)`): they live to the end of the block, across the awaits,
/// as in rustc (a guard held so is still held after the await), and drop
/// there in reverse order of creation.
pub mod let_extends_temporaries_through_places_and_constructors {
    use super::*;

    pub struct Holder {
        inner: D,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = &*Box::new(D::with("boxed", 1));
        let b = &vec![D::with("v0", 2), D::with("v1", 3)][1];
        let c = &Holder { inner: D::with("field", 4) }.inner;
        let d = Some(&D::with("some", 5));
        let e = &*value("awaited", Box::new(D::with("awaited box", 6))).await;
        suspend("s1").await;
        log("after s1");
        a.get() + b.get() + c.get() + d.map_or(0, |d| d.get()) + e.get()
    }
}

/// Temporaries borrowed in the tails of a block, an `if`/`else` and `match`
/// arms that a `let` initialiser is: rustc extends them to the end of the
/// enclosing block, across the awaits; only the branch taken makes one.
/// One binding is used after the await, one is not (its temporary still
/// lives to the end of the block).
pub mod let_extends_temporaries_in_branch_tails {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = { &D::with("block", 1) };
        let b = if ev("c", true) { &D::with("then", 2) } else { &D::with("else", 3) };
        let c = match ev("n", 1) {
            0 => &D::with("arm0", 4),
            _ => {
                log("arm1");
                &D::with("arm1", 5)
            }
        };
        let _unused = if ev("d", false) { &D::new("then2") } else { &D::new("else2") };
        suspend("s1").await;
        log("after s1");
        a.get() + b.get() + c.get()
    }
}

/// The same through a tuple, a struct literal, a constructor and a cast in
/// the tails (`if c { (&a(), 1) } else { .. }`), a place inside a temporary
/// (`&make().a`), an awaited temporary, and an `if` inside a tuple: rustc
/// extends those temporaries too.
pub mod let_extends_temporaries_inside_constructors_in_branch_tails {
    use super::*;

    pub struct Held<'a> {
        d: &'a D,
        n: i64,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let (a, n) = if ev("c", true) { (&D::with("then", 2), 1) } else { (&D::with("else", 3), 2) };
        let p = match ev("m", 0) {
            0 => Held { d: &D::with("arm0", 4), n: 10 },
            _ => Held { d: &D::with("arm1", 5), n: 20 },
        };
        let o = { Some(&D::with("some", 6)) };
        let (t, k) = (if ev("e", false) { &D::new("then2") } else { &D::new("else2") }, 7);
        let _unused = if ev("d", true) { [&D::new("then3")] } else { [&D::new("else3")] };
        let f = if ev("f", true) { &make_pair().a } else { &*Box::new(D::new("boxed")) };
        let (g, _) = if ev("g", true) { (&value("g", D::with("awaited", 8)).await, 0) } else { (&D::new("plain"), 1) };
        suspend("s1").await;
        log("after s1");
        a.get() + n + p.d.get() + p.n + o.map_or(0, |d| d.get()) + t.get() + k + f.get() + g.get()
    }
}

/// Found by writing codec code: a typed `let` whose literal borrows a
/// temporary the binding extends (`&[1, 2, 3]`), after constant elements
/// (`(1, b"ab")`). Those were evaluated first into temporaries of their
/// own, which lost the coercion the annotation gives them (`&[u8; 2]` to
/// `&[u8]`: E0308). A constant has no effect to order: it stays in place.
pub mod typed_let_keeps_coercions_of_constant_elements {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> usize {
        suspend("s").await;
        let frames: [(u8, &[u8]); 2] = [(1, b"ab"), (2, &[1, 2, 3])];
        let held: (&[u8], i64, &Vec<i64>) = (b"xyz", -1, &vec![ev("v", 4)]);
        suspend("t").await;
        frames[0].1.len() + frames[1].1.len() + held.0.len() + held.2.len() + held.1.unsigned_abs() as usize
    }
}

/// Found by writing cleanup code: a `let` (or `let .. else`) whose pattern
/// reads through a reference into the awaited value's temporary
/// (`Some(&n)`, `&first`), or matches a slice of it (`[a, b]`). The
/// pattern is matched before the temporary drops at the end of the `let`,
/// and a failing `else` runs after it dropped. (E0716 and E0277 before: the
/// temporary dropped before the pattern read through it.)
pub mod pattern_reads_through_awaited_temporary {
    use super::*;

    pub struct Bag {
        items: Vec<i64>,
        _guard: D,
    }

    fn bag(items: Vec<i64>, name: &str) -> Bag {
        Bag {
            items,
            _guard: D::new(name),
        }
    }

    impl Bag {
        fn at(&self, i: usize) -> Option<&i64> {
            self.items.get(i)
        }
    }

    #[self::coroutine]
    async fn pick(i: usize) -> i64 {
        let Some(&n) = value("bag", bag(vec![10, 20], "bag")).await.at(i) else {
            log("else");
            return -1;
        };
        log("after let");
        let &first = value("bag2", bag(vec![5], "bag2")).await.at(0).unwrap();
        let [a, b] = value("pair", vec![1i64, 2]).await[..] else {
            return -2;
        };
        n + first + a + b
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64) {
        (pick(1).await, pick(5).await)
    }
}

/// Found by writing macros: the left operand of `&&` or `||` awaits and
/// leaves a temporary (`value(..).await.get() == 1 && ev(..)`): each
/// operand of a lazy operator is a scope of its temporaries, so the
/// awaited `D` drops before the right operand runs (natively, in an `if`
/// condition, in `matches!`). It dropped at the end of the statement.
pub mod lazy_operator_left_operand_temporary_drops_before_right {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (bool, bool, bool) {
        let a = value("left", D::with("t1", 1)).await.get() == 1 && ev("right", 1) > 0;
        let b = value("or", D::with("t2", 2)).await.get() == 1 || ev("else", 2) > 0;
        let c = if matches!(value("m", D::with("t3", 3)).await.get(), 1..=3) && ev("cond", true) {
            log("then");
            true
        } else {
            false
        };
        (a, b, c)
    }
}

/// A `match`, `if let` or `for` on a place reached through a temporary
/// guard (`*c.borrow()`, `&mut *c.borrow_mut()`, `&*c.borrow()`) whose body
/// awaits: the guard stays held to the end of the `match`, of the `if
/// let`'s body (and is gone in its `else`), of the loop. It was dropped
/// before the body's first await (the `RefCell` free again there), and a
/// binding used after that await was E0716.
pub mod guard_in_a_place_scrutinee_held_through_the_body {
    use super::*;
    use std::cell::RefCell;

    fn state<T>(c: &RefCell<T>) -> &'static str {
        if c.try_borrow_mut().is_ok() { "free" } else { "held" }
    }

    #[self::coroutine]
    async fn probe<T>(tag: &str, c: &RefCell<T>) -> i64 {
        log(format!("{tag}: {}", state(c)));
        suspend(tag).await;
        1
    }

    #[self::coroutine]
    async fn by_match(c: &RefCell<Option<i64>>) -> i64 {
        match *c.borrow() {
            Some(n) => n + probe("match", c).await,
            None => 0,
        }
    }

    #[self::coroutine]
    async fn by_if_let(c: &RefCell<Option<i64>>) -> i64 {
        if let Some(n) = *c.borrow() {
            n + probe("then", c).await
        } else {
            *c.borrow_mut() = Some(9);
            probe("else", c).await
        }
    }

    #[self::coroutine]
    async fn by_mut_match(c: &RefCell<Vec<i64>>) -> usize {
        match &mut *c.borrow_mut() {
            v => {
                probe("mut match", c).await;
                v.push(3);
                v.len()
            }
        }
    }

    #[self::coroutine]
    async fn by_for(c: &RefCell<Vec<i64>>) -> i64 {
        let mut s = 0;
        for x in &*c.borrow() {
            s += x * probe("for", c).await;
        }
        log(format!("after for: {}", state(c)));
        s
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let some = RefCell::new(Some(3));
        let none = RefCell::new(None);
        let v = RefCell::new(vec![1, 2]);
        let a = by_match(&some).await + by_match(&none).await;
        let b = by_if_let(&some).await + by_if_let(&none).await;
        let c = by_mut_match(&v).await as i64;
        a * 1000 + b * 100 + c * 10 + by_for(&v).await
    }
}

/// A `let` with a destructuring pattern and a type (`let (a, n): (&str,
/// usize) = (&make(), 1);`) whose value borrows a temporary the binding
/// extends, the borrow needing a coercion (`&String` to `&str`, `&Vec<u8>`
/// to `&[u8]`), and a `let .. else` so (`let Some(x): Option<&str> =
/// Some(&make()) else { .. }`). Was E0308: the value was kept untyped.
pub mod typed_destructuring_let_of_extended_temporaries {
    use super::*;

    fn make(tag: &str) -> String {
        log(format!("make {tag}"));
        tag.repeat(2)
    }

    #[self::coroutine]
    pub async fn run() -> usize {
        let (a, n): (&str, usize) = (&make("a"), 1);
        let (b, m): (&[u8], usize) = (&vec![1u8, 2, 3], 2);
        let (c, d): (&str, &str) = (&value("c", String::from("ccc")).await, "d");
        let Some(x): Option<&str> = Some(&make("x")) else {
            return 0;
        };
        suspend("after").await;
        a.len() + n + b.len() + m + c.len() + d.len() + x.len()
    }
}

/// A `let .. else` whose pattern binds by `ref` into the initialiser's
/// temporary (`let Some(ref s) = make(n) else { .. };`), the binding used
/// after an await: rustc extends the temporary to the end of the block
/// when the pattern matches (after the `let`'s own bindings, before the
/// block's later locals are dropped) and drops it before the `else` when it
/// does not (nor does it keep an awaited initialiser's value through the
/// `else`). Was E0716 (temporary dropped while borrowed).
pub mod let_else_ref_binding_extends_temporary {
    use super::*;

    fn make(n: u32) -> Option<String> {
        log(format!("make {n}"));
        (n > 0).then(|| "s".repeat(n as usize))
    }

    fn made(ok: bool) -> Result<D, D> {
        log(format!("made {ok}"));
        if ok { Ok(D::with("ok", 1)) } else { Err(D::with("err", 2)) }
    }

    #[self::coroutine]
    async fn len(n: u32) -> usize {
        let Some(ref s) = make(n) else {
            return 0;
        };
        value("a", 1).await;
        s.len()
    }

    #[self::coroutine]
    async fn held(ok: bool) -> i64 {
        let _before = D::new("before");
        let (Ok(ref d), _x) = (made(ok), D::new("x")) else {
            log("else");
            suspend("else").await;
            return -1;
        };
        let _after = D::new("after");
        suspend("held").await;
        log("end of block");
        d.get()
    }

    /// By value, the initialiser awaiting: its value, not matched, drops
    /// before the `else` too.
    #[self::coroutine]
    async fn awaited(ok: bool) -> i64 {
        let Ok(d) = value("made", made(ok)).await else {
            log("else");
            return -1;
        };
        suspend("awaited").await;
        d.get()
    }

    #[self::coroutine]
    pub async fn run() -> (usize, usize, i64, i64, i64, i64, i64) {
        let (a, b) = (len(3).await, len(0).await);
        let c = {
            let Some(ref d) = Some(D::with("t", 3)) else {
                unreachable!()
            };
            let _later = D::new("later");
            suspend("in block").await;
            d.get()
        };
        log("after block");
        let (d, e) = (held(true).await, held(false).await);
        (a, b, c, d, e, awaited(true).await, awaited(false).await)
    }
}

/// A `let .. else` whose initialiser borrows temporaries that the `let`
/// extends (`let (true, x) = (ok, &D::new("t")) else { .. };`): when the
/// pattern fails, rustc drops them before the `else` runs, after the
/// initialiser's value, youngest first. They were dropped after the
/// `else`, at the end of the block.
pub mod let_else_failing_drops_extended_temporaries_before_else {
    use super::*;

    #[self::coroutine]
    async fn one(ok: bool) -> i64 {
        let _a = D::new("a");
        let (true, x) = (ok, &D::with("t", 1)) else {
            log("else");
            return 0;
        };
        suspend("one").await;
        x.get()
    }

    #[self::coroutine]
    async fn two(ok: bool) -> i64 {
        let _a = D::new("a");
        let (true, x, _, y) = (ok, &D::with("t", 1), 5, &D::with("u", 2)) else {
            log("else");
            suspend("else").await;
            return 0;
        };
        suspend("two").await;
        x.get() + y.get()
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64, i64) {
        (one(true).await, one(false).await, two(true).await, two(false).await)
    }
}

/// A `let .. else` through a held value (an initialiser that awaits, or
/// borrows a temporary the `let` extends) whose pattern matches but
/// leaves part of the value unbound (`_`, `..`): rustc drops that part at
/// the end of the `let`, before the next statement (and before the
/// initialiser's temporaries); it was kept to the end of the block. When
/// the pattern fails, the whole value drops before those temporaries (it
/// dropped after them). A plain `let` leaving a part of a value whose
/// initialiser runs natively (a temporary across its await) drops it
/// before that temporary too.
pub mod let_else_drops_unbound_part_at_end_of_let {
    use super::*;

    fn pair(ok: bool, t: &D) -> (Result<i64, D>, D) {
        log(format!("pair {ok} {}", t.name()));
        let r = if ok { Ok(7) } else { Err(D::new("err")) };
        (r, D::new("rest"))
    }

    #[self::coroutine]
    async fn extended(ok: bool) -> i64 {
        let _a = D::new("a");
        let (true, r, _) = (ok, &D::with("t", 1), D::new("b")) else {
            log("else");
            return 0;
        };
        log("after let");
        suspend("extended").await;
        r.get()
    }

    #[self::coroutine]
    async fn awaited(ok: bool) -> i64 {
        let _a = D::new("a");
        let (Ok(n), _) = value("pair", pair(ok, &D::new("t"))).await else {
            log("else");
            suspend("else").await;
            return 0;
        };
        log("after let");
        suspend("awaited").await;
        n
    }

    #[self::coroutine]
    async fn fields(ok: bool) -> i64 {
        let _a = D::new("a");
        let (true, Pair { a, .. }, r) = (ok, value("p", make_pair()).await, &D::with("t", 3))
        else {
            log("else");
            return 0;
        };
        log("after let");
        suspend("fields").await;
        a.get() + r.get()
    }

    /// Every part bound: not matched, the value drops before the
    /// initialiser's temporary, then the `else` runs.
    #[self::coroutine]
    async fn bound(ok: bool) -> i64 {
        let _a = D::new("a");
        let (Ok(n), rest) = value("pair", pair(ok, &D::new("t"))).await else {
            log("else");
            return 0;
        };
        log("after let");
        suspend("bound").await;
        n + rest.get()
    }

    /// A plain `let` (no `else`) leaving a part: dropped at its end too,
    /// before the initialiser's temporary.
    #[self::coroutine]
    async fn plain(ok: bool) -> i64 {
        let (r, _) = value("pair", pair(ok, &D::new("t"))).await;
        log("after let");
        suspend("plain").await;
        r.map_or(-1, |n| n)
    }

    /// With a type: the value is coerced to it, then matched.
    #[self::coroutine]
    async fn typed(ok: bool) -> i64 {
        let (Ok(n), _, r): (Result<i64, D>, D, &D) = (
            pair(ok, &D::new("t")).0,
            {
                suspend("s").await;
                D::new("c")
            },
            &D::new("u"),
        ) else {
            log("else");
            return 0;
        };
        log(format!("after let {}", r.name()));
        suspend("typed").await;
        n
    }

    /// With a type, every part bound.
    #[self::coroutine]
    async fn typed_bound(ok: bool) -> i64 {
        let (Ok(n), r): (Result<i64, D>, &D) = (pair(ok, &D::new("t")).0, &D::new("u")) else {
            log("else");
            return 0;
        };
        log(format!("after let {}", r.name()));
        suspend("typed_bound").await;
        n
    }

    #[self::coroutine]
    pub async fn run() -> Vec<i64> {
        vec![
            extended(true).await,
            extended(false).await,
            awaited(true).await,
            awaited(false).await,
            fields(true).await,
            fields(false).await,
            typed(true).await,
            typed(false).await,
            bound(true).await,
            bound(false).await,
            plain(true).await,
            plain(false).await,
            typed_bound(true).await,
            typed_bound(false).await,
        ]
    }
}

/// Borrowed temporaries of calls (`&D::new("t")`, `&s.repeat(2)`,
/// `&format!(..)`, `&vec![..]`) that live across a later await of their
/// statement, in every construct that keeps a statement's temporaries:
/// where the lowering keeps them itself (their statements no longer run as
/// an `async` block of their own), dropped at the end of the statement,
/// after its value, youngest first; and borrowed literals, which rustc
/// promotes to constants.
pub mod borrowed_call_temporaries_in_every_construct {
    use super::*;

    fn sum_of(a: &D, b: &str) -> i64 {
        a.get() + b.len() as i64
    }

    #[self::coroutine]
    async fn statement() -> i64 {
        let mut n = 0;
        n += weigh(&D::with("s1", 1), value("s", 2).await);
        weigh(&D::new("s2"), value("s2", 3).await);
        log("after statements");
        n
    }

    #[self::coroutine]
    async fn nested_and_method(s: &str) -> i64 {
        let n = sum_of(&D::with("outer", weigh(&D::with("inner", 1), 1)), &s.repeat(2))
            + weigh(&D::new("late"), value("n", 4).await);
        log("after let");
        n
    }

    #[self::coroutine]
    async fn scrutinee() -> i64 {
        match weigh(&D::with("m", 3), 0) {
            0 => 0,
            n => weigh(&D::new("arm"), value("arm", n).await),
        }
    }

    #[self::coroutine]
    async fn conditions(k: i64) -> i64 {
        let mut total = 0;
        if weigh(&D::with("c", k), 0) > 1 {
            total += value("then", 1).await;
        } else {
            total += value("else", 2).await;
        }
        if let Some(n) = Some(weigh(&D::with("l", k), 0)).filter(|n| *n > 1) {
            total += value("let then", n).await;
        } else {
            total += value("let else", 3).await;
        }
        let mut i = 0;
        while weigh(&D::with("w", i), 0) < 2 {
            i += value("while", 1).await;
        }
        while let Some(n) = Some(weigh(&D::with("wl", i), 0)).filter(|n| *n < 4) {
            i = n + value("while let", 1).await;
        }
        for x in vec![weigh(&D::with("f", 1), 0); 2] {
            total += value("for", x).await;
        }
        total + i
    }

    #[self::coroutine]
    async fn tail_and_return(early: bool) -> i64 {
        if early {
            return weigh(&D::new("ret"), value("ret", 5).await);
        }
        weigh(&D::new("tail"), value("tail", 6).await)
    }

    // Inside a parenthesised operation (kept by the lowering too), a
    // macro's arguments and a negation (left to rustc).
    #[self::coroutine]
    async fn inside_whole_operands() -> i64 {
        let n = (weigh(&D::new("p"), 0) + 1) * value("x", 2).await;
        let v = vec![weigh(&D::new("v"), 0), value("v", 3).await];
        n + v[0] - weigh(&D::new("neg"), -weigh(&D::new("inner"), 0)) + value("y", 1).await
    }

    // After the awaits of an operation's operands, inside the future
    // awaited last (found by the fuzzer, seed 20261283, program 339: the
    // temporary dropped before that await).
    #[self::coroutine]
    async fn after_an_operands_await() -> i64 {
        value("outer", value("inner", 1).await - weigh(&D::new("z"), 0)).await
            + weigh(&D::new("y"), 1) * value("last", 2).await
    }

    fn sum_slice(v: &[i64], pair: &(i64, &str), k: i64) -> i64 {
        log(format!("sum_slice {}", pair.1));
        v.iter().sum::<i64>() + pair.0 + k
    }

    fn count(items: &[D], label: &str, k: i64) -> i64 {
        log(format!("count {label} {}", items.len()));
        items.iter().map(D::get).sum::<i64>() + label.len() as i64 + k
    }

    // Borrowed `format!` and `vec!` values.
    #[self::coroutine]
    async fn macros(n: i64) -> i64 {
        count(
            &vec![D::with(format!("v{n}"), n), ev("b", D::new("v"))],
            &format!("{:?}", D::with("label", n)),
            value("k", 3).await,
        )
    }

    // Borrowed literals are constants rustc promotes: no temporary at all.
    #[self::coroutine]
    async fn promoted_literals() -> i64 {
        sum_slice(&[1, -2, 3], &(4, "four"), value("lit", 5).await)
            + weigh(&D::new("after"), -1)
    }

    #[self::coroutine]
    async fn unbound_part() -> i64 {
        let (n, _) = (weigh(&D::new("u"), value("u", 7).await), D::new("rest"));
        log("after let");
        n
    }

    #[self::coroutine]
    pub async fn run() -> Vec<i64> {
        vec![
            statement().await,
            nested_and_method("xy").await,
            scrutinee().await,
            conditions(1).await,
            conditions(3).await,
            tail_and_return(true).await,
            tail_and_return(false).await,
            unbound_part().await,
            inside_whole_operands().await,
            after_an_operands_await().await,
            promoted_literals().await,
            macros(2).await,
        ]
    }
}

/// A field or an element read out of a temporary (a call's result, an
/// awaited value, a tuple or array literal) before a later await of its
/// statement: rustc keeps the temporary to the end of the statement,
/// across that await, and drops what the read left of it there (on
/// cancellation too).
pub mod projected_temporaries_in_every_construct {
    use super::*;

    pub struct Pair {
        pub n: i64,
        pub d: D,
    }

    fn pair(tag: &str, n: i64) -> Pair {
        log(format!("make {tag}"));
        Pair { n, d: D::new(tag) }
    }

    fn add(a: i64, b: i64) -> i64 {
        a + b
    }

    #[self::coroutine]
    async fn operands(k: i64) -> i64 {
        let a = pair("call", k).n + value("a", 1).await;
        let b = value("awaited", pair("inner", 2)).await.n + value("b", 2).await;
        let c = (ev("t", 3), D::new("tuple")).0 * value("c", 3).await;
        let d = [D::with("e0", 4), D::with("e1", 5)][1].get() - value("d", 4).await;
        let e = add(pair("arg", 5).n, value("e", 5).await);
        log("end");
        a + b + c + d + e
    }

    #[self::coroutine]
    async fn moved_out(k: i64) -> i64 {
        let n = pair("moved", k).d.consume(value("m", 1).await);
        let m = add(pair("rest", 2).d.into_inner(), value("r", 2).await);
        n + m
    }

    #[self::coroutine]
    async fn nested(k: i64) -> i64 {
        let n = ((pair("inner", k).n, D::new("outer")).0 + 1) * value("x", 2).await;
        let v = vec![D::with("v0", 1), D::with("v1", 2)];
        let m = v[ev("i", 1)].get() + vec![pair("in vec", 3)][0].n + value("y", 1).await;
        n + m + v.len() as i64
    }

    #[self::coroutine]
    async fn statements(k: i64) -> i64 {
        let mut total = 0;
        total += pair("compound", k).n + value("c", 1).await;
        if k > 0 {
            return pair("return", k).n + value("r", 2).await + total;
        }
        pair("tail", 3).n + value("t", 3).await
    }

    #[self::coroutine]
    async fn constructs(k: i64) -> i64 {
        let mut n = 0;
        if pair("condition", k).n + value("c", 1).await > 1 {
            n += value("then", 1).await;
        } else {
            n += ev("else", 2);
        }
        while pair("loop", n).n * value("w", 1).await < 4 {
            n += 1;
        }
        n += match pair("scrutinee", k).n + value("s", 1).await {
            2 => value("arm", 10).await,
            _ => 0,
        };
        let Some(m) = Some(pair("let else", 5).n + value("l", 1).await) else {
            return 0;
        };
        n + m
    }

    #[self::coroutine]
    async fn awaited_fields(k: i64) -> i64 {
        let a = (value("field future", k), D::new("beside")).0.await;
        let b = (D::new("first"), value("second", 2)).1.await + ev("after", 1);
        a + b
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64, i64, i64, i64, i64, i64) {
        (
            operands(1).await,
            moved_out(2).await,
            nested(3).await,
            statements(1).await,
            statements(0).await,
            constructs(1).await,
            constructs(0).await,
            awaited_fields(4).await,
        )
    }
}

/// The temporaries of a `match` scrutinee whose arms await: rustc keeps
/// them to the end of the statement (for a `while let`, of the iteration),
/// through the arms' awaits. The lowering keeps the scrutinee in a var
/// through the arms, with homes for the temporaries it borrows or reads a
/// part of: a borrowed call's result, an awaited tuple whose element the
/// pattern matches, a field of a call's result, an element of a `vec!`
/// (bound by `ref`), the contents of a `Box` (bound by `ref`, and copied
/// out of a temporary one). In a statement,
/// a `let`, a tail, an operand, a guard, and a `while let`; cancelled at
/// every await.
pub mod match_scrutinee_temporaries_through_awaiting_arms {
    use super::*;

    #[self::coroutine]
    async fn positions(k: i64) -> i64 {
        match weigh(&D::with("statement", k), 0) {
            0 => log("zero"),
            n => log(format!("n {}", value("s", n).await)),
        };
        let a = match weigh(&D::with("let", k), 1) {
            1 => 0,
            n => value("l", n).await,
        };
        let b = 1 + match value("tuple", (D::new("left"), Some(k))).await.1 {
            Some(x) => value("o", x).await,
            None => 0,
        };
        let c = match D::with("field", k).get() {
            n if value("guard", n > 1).await => n,
            n => -n,
        };
        let d = match (D::with("rest", k), D::with("moved", k)).1 {
            d => value("m", d.get()).await,
        };
        let e = match (D::with("kept", k), 1).0 {
            ref d if d.get() > 0 => value("r", d.get()).await,
            _ => 0,
        };
        let f = match vec![D::with("v0", k), D::with("v1", k)][1] {
            ref d => value("i", d.get()).await,
        };
        let boxed = Box::new(D::with("boxed", k));
        let g = match *boxed {
            ref d if d.get() > 1 => value("b", d.get()).await,
            _ => 0,
        };
        let h = match *Box::new(Some(k)) {
            Some(n) if value("g", n > 1).await => n,
            _ => 0,
        };
        log("before tail");
        a + b + c + d + e + f + g + h + match weigh(&D::with("tail", k), 2) {
            n => value("t", n).await,
        }
    }

    #[self::coroutine]
    async fn while_let(k: i64) -> i64 {
        let mut n = 0;
        while let Some(x) = value("next", (D::with("pair", n), (n < k).then_some(n))).await.1 {
            n += 1;
            if x % 2 == 0 {
                suspend("even").await;
            }
            log("end of body");
        }
        n
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64, i64) {
        (positions(0).await, positions(2).await, while_let(3).await, while_let(0).await)
    }
}
