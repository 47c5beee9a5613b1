// `.await` in every expression position. Every operand is wrapped in `ev`
// so that the log shows the evaluation order, and the futures are created
// inside `ev` too where the moment of their creation matters.

/// Logs its three arguments (after all were evaluated).
fn f3(a: u32, b: u32, c: u32) -> u32 {
    log(format!("f3({a}, {b}, {c})"));
    a * 100 + b * 10 + c
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct P {
    a: u32,
    b: u32,
}

/// A number whose `+=` is a user-defined `AddAssign` (operand order differs
/// from the primitive `+=`).
#[derive(Debug)]
pub struct Acc(i64);

impl std::ops::AddAssign<i64> for Acc {
    fn add_assign(&mut self, rhs: i64) {
        log(format!("add_assign {} += {rhs}", self.0));
        self.0 += rhs;
    }
}

/// Await in the first call argument.
pub mod call_arg_first {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        f3(value("a", 1).await, ev("b", 2), ev("c", 3))
    }
}

/// Await in the middle call argument: the first is evaluated before it.
pub mod call_arg_middle {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        f3(ev("a", 1), ev("b", value("b", 2)).await, ev("c", 3))
    }
}

/// Await in the last call argument; earlier arguments are held across it.
pub mod call_arg_last {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        f3(ev("a", 1), ev("b", 2), value("c", 3).await)
    }
}

/// Await in every argument, each future created inside `ev`.
pub mod call_args_all_awaited {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        f3(
            ev("mk a", value("a", 1)).await,
            ev("mk b", value("b", 2)).await,
            ev("mk c", value("c", 3)).await,
        )
    }
}

/// An awaited value as method receiver, with an evaluated argument.
pub mod method_receiver {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        value("recv", D::with("r", 5)).await.touch(ev("arg", 1))
    }
}

/// A chain of method calls on an awaited value, with an await in a later
/// argument of the chain.
pub mod method_chain {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> usize {
        value("s", String::from("ab"))
            .await
            .repeat(ev("n", value("n", 3)).await)
            .to_uppercase()
            .len()
            + ev("tail", 1)
    }
}

/// Await in a method argument, the receiver a local borrowed across it.
pub mod method_argument {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::with("d", 10);
        d.touch(value("arg", 5).await) + d.touch(ev("second", 1))
    }
}

/// Binary operator: both sides awaited, left first.
pub mod binary_both_sides {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        ev("lhs", value("l", 10).await) - ev("rhs", value("r", 3).await)
    }
}

/// Binary operator whose left side is an owned value held across the
/// right side's await.
pub mod binary_lhs_held_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> String {
        ev("lhs", String::from("left-")) + &value("r", String::from("right")).await
    }
}

/// Comparisons of awaited values (`<`, `==` on Strings).
pub mod comparison {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (bool, bool) {
        let lt = value("a", 1).await < ev("b", value("b", 2)).await;
        let eq = value("s1", String::from("x")).await == value("s2", String::from("x")).await;
        (lt, eq)
    }
}

/// `&&` short-circuits: the right side's future is never created or polled
/// when the left is false.
pub mod lazy_and_short_circuit {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (bool, bool) {
        let first = value("l1", false).await && ev("mk r1", value("r1", true)).await;
        let second = value("l2", true).await && ev("mk r2", value("r2", true)).await;
        (first, second)
    }
}

/// `||` short-circuits: the right side is skipped when the left is true.
pub mod lazy_or_short_circuit {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (bool, bool) {
        let first = value("l1", true).await || ev("mk r1", value("r1", false)).await;
        let second = ev("l2", false) || ev("mk r2", value("r2", false)).await;
        (first, second)
    }
}

/// Unary operators on awaited operands: `-`, `!`, `*`.
pub mod unary_ops {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (i32, bool, u32) {
        let neg = -value("n", 3).await;
        let not = !value("b", false).await;
        let boxed = *value("box", Box::new(9u32)).await;
        (neg, not, boxed)
    }
}

/// `x += f().await` on a local of primitive type.
pub mod compound_assign_local {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut x = ev("init", 1);
        x += value("a", 2).await;
        x *= ev("b", value("b", 5)).await;
        x
    }
}

/// `arr[i().await] += g().await` on primitives: rustc evaluates the right
/// operand before the indexed place.
pub mod compound_assign_index_primitive {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> [i32; 3] {
        let mut arr = [1, 2, 3];
        arr[ev("idx", value("i", 1).await)] += ev("rhs", value("g", 10).await);
        arr
    }
}

/// `v[i().await] += g().await` with an overloaded `AddAssign`: the place is
/// evaluated before the right operand.
pub mod compound_assign_index_overloaded {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<Acc> {
        let mut v = vec![Acc(1), Acc(2)];
        v[ev("idx", value("i", 0).await)] += ev("rhs", value("g", 5).await);
        v
    }
}

/// Indexing with an awaited index, the indexed vector evaluated first.
pub mod index_awaited {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let v = vec![10, 20, 30];
        ev("base", &v)[ev("idx", value("i", 2).await)] + value("arr", [1u32, 2, 3]).await[1]
    }
}

/// Field access on an awaited struct.
pub mod field_of_awaited_struct {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        value("p", P { a: 1, b: 2 }).await.b + value("t", (3u32, 4u32)).await.0
    }
}

/// Struct literal with fields written in a different order than declared:
/// they are evaluated in the written order.
pub mod struct_literal {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> P {
        P {
            b: ev("b", value("b", 2).await),
            a: ev("a", value("a", 1).await),
        }
    }
}

/// Tuple and array literals with awaits among plain operands.
pub mod tuple_and_array_literals {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> ((u32, String, u32), [u32; 3]) {
        let t = (
            ev("t0", 0),
            value("t1", String::from("one")).await,
            ev("t2", 2),
        );
        let a = [ev("a0", 5), value("a1", 6).await, value("a2", 7).await];
        (t, a)
    }
}

/// Array repeat expression `[e.await; N]`: the operand is evaluated once.
pub mod array_repeat {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> [u8; 4] {
        [value("r", 7).await; 4]
    }
}

/// Casts of awaited values (truncating, float to int).
pub mod casts {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (u8, i32, u64) {
        (
            value("a", 300u32).await as u8,
            value("b", 2.9f64).await as i32,
            value("c", -1i8).await as u64,
        )
    }
}

/// `&f().await`: a reference to the awaited temporary, lifetime-extended by
/// the `let`.
pub mod reference_to_awaited {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let r = &value("a", D::with("x", 3)).await;
        suspend("s").await;
        r.get()
    }
}

/// Nested awaits: `f(g().await).await` and `value(value(..).await).await`.
pub mod nested_awaits {
    use super::*;

    #[self::coroutine]
    async fn double(x: u32) -> u32 {
        value("double", x * 2).await
    }

    #[self::coroutine]
    pub async fn run() -> u32 {
        let a = double(value("inner", 3).await).await;
        let b = value("outer", value("inner2", 4).await + 1).await;
        a + b
    }
}

/// Ranges with awaited bounds.
pub mod ranges {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (u32, usize) {
        let sum = (value("lo", 1u32).await..ev("hi", value("hi", 5)).await).sum();
        let incl = (ev("a", 0)..=value("b", 3usize).await).count();
        (sum, incl)
    }
}

/// A block expression with a local and an await inside a `let`.
pub mod block_expression {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let outer = D::with("outer", 1);
        let x = {
            let inner = D::with("inner", 2);
            value("a", 10).await + inner.get()
        };
        log("after block");
        x + outer.get()
    }
}

/// `.await` inside an `unsafe` block.
pub mod unsafe_block {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let x = 41u32;
        let p = &x as *const u32;
        // SAFETY: `p` points at `x`, alive and unmodified.
        unsafe { value("a", 1).await + *p }
    }
}

/// A future stored in a local and awaited later: it is created (and its
/// arguments evaluated) before the statements in between.
pub mod await_stored_future {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let fut = ev("create", value("stored", 5));
        log("between");
        let other = value("other", 1).await;
        fut.await + other
    }
}

/// `.await` on an `IntoFuture` type: `into_future` is called by the await.
pub mod await_into_future {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let f = into_fut("i", 3);
        log("before await");
        f.await + into_fut("j", 4).await
    }
}

/// `.await` on `Pin<&mut F>` and on `&mut F` (an `Unpin` future by
/// reference): the future itself outlives the await.
pub mod await_by_reference {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut a = value("a", 1);
        let x = (&mut a).await;
        log("a awaited by &mut");
        let mut b = std::pin::pin!(value("b", 2));
        let y = b.as_mut().await;
        log("b awaited by Pin<&mut>");
        x + y
    }
}

/// `.await` on a `Pin<Box<dyn Future>>`.
pub mod await_boxed_dyn {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let b: std::pin::Pin<Box<dyn std::future::Future<Output = u32>>> =
            Box::pin(value("boxed", 8));
        let c: std::pin::Pin<Box<dyn std::future::Future<Output = u32> + Send>> =
            Box::pin(async { value("in box", 1).await });
        b.await + c.await
    }
}

/// `return f().await` from the middle of a body, skipping the rest.
pub mod return_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _d = D::new("d");
        if ev("cond", true) {
            return value("r", 3).await;
        }
        log("unreachable");
        value("never", 0).await
    }
}

/// `let else` with an awaited scrutinee: taken and not taken, the `else`
/// block awaiting before it returns.
pub mod let_else {
    use super::*;

    #[self::coroutine]
    async fn get(v: Option<u32>) -> u32 {
        let Some(x) = value("scrutinee", v).await else {
            let _e = D::new("else-local");
            suspend("else").await;
            return 0;
        };
        x
    }

    #[self::coroutine]
    pub async fn run() -> (u32, u32) {
        (get(Some(5)).await, get(None).await)
    }
}

/// Closures created between awaits, capturing awaited values.
pub mod closure_creation_between_awaits {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let base = value("base", 10).await;
        let add = |x: u32| base + x;
        let y = value("y", 2).await;
        let mul = move |x: u32| x * y;
        mul(add(value("z", 1).await))
    }
}

/// Deref of an awaited reference-like value and `?`-free chain of calls
/// with awaits in both receiver and argument positions.
pub mod receiver_and_argument_both_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        value("recv", D::with("r", 1))
            .await
            .touch(value("arg", 2).await)
    }
}

/// Destructuring assignments to values that live across awaits: a tuple,
/// a nested array with `_`, a tuple struct, a struct with `..`, and one
/// whose right side awaits. rustc evaluates the right side, binds it, then
/// assigns each place in order (the old values drop there).
pub mod destructuring_assignment {
    use super::*;

    pub struct Pair(D, i64);

    impl Pair {
        fn name(&self) -> &str {
            self.0.name()
        }
    }

    pub struct Point {
        x: i64,
        y: i64,
        z: i64,
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let (mut a, mut b) = (0i64, 1i64);
        for _ in 0..5 {
            (a, b) = (b, a + b);
            suspend("step").await;
        }
        let mut d = D::with("d0", 0);
        let mut n = ev("n", 0);
        let mut v = [0i64; 2];
        suspend("s1").await;
        let before = (d.get(), n, Pair(D::new("q"), 0).name().len());
        (d, [v[1], _], Pair(_, n)) = (D::with("d1", 1), [7, 8], Pair(D::new("p"), 9));
        let (mut x, mut y);
        let p = Point { x: 1, y: 2, z: 3 };
        let z = p.z;
        Point { x, y, .. } = p;
        suspend("s2").await;
        (x, y) = (value("y", y).await, x);
        format!("{a} {b} {before:?} {} {v:?} {n} {x} {y} {z}", d.get())
    }
}

/// Found by writing simulation code: a comparison whose left operand
/// dereferences a reference twice (`**w == d().await`, `w: &W` with
/// `W: Deref`, or `&Box<i64>`), its right operand awaiting. The left
/// operand, a place, was kept before the await with its pointer `*w` taken
/// as a value, moving the `W` out of the reference (E0507).
pub mod double_dereference_compared_with_an_await {
    use super::*;
    use std::ops::Deref;

    pub struct W(i64);

    impl Deref for W {
        type Target = i64;
        fn deref(&self) -> &i64 {
            &self.0
        }
    }

    #[self::coroutine]
    async fn eq(w: &W) -> bool {
        **w == value("rhs", 4).await
    }

    #[allow(clippy::borrowed_box)] // the shape found
    #[self::coroutine]
    async fn lt(b: &Box<i64>) -> bool {
        **b < value("rhs", 5).await
    }

    #[self::coroutine]
    pub async fn run() -> (bool, bool, bool) {
        (eq(&W(4)).await, lt(&Box::new(4)).await, eq(&W(3)).await)
    }
}

/// Found by writing builders: a struct update whose base lives across
/// awaits and whose `Copy` fields the literal also reads
/// (`Conf { extra: b.extra + 1, level: f().await, ..b }`). The reads copy
/// the fields where they are; the base moves the fields the literal does
/// not name, and the ones it names stay in `b` to the end of its scope.
/// (E0507 before: a field read and the base could not both take parts of
/// `b`.)
pub mod struct_update_reading_fields_of_its_base {
    use super::*;

    pub struct Conf {
        name: D,
        level: i64,
        extra: i64,
        tag: D,
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64, i64) {
        let b = Conf {
            name: D::with("name", 1),
            level: 2,
            extra: 3,
            tag: D::with("tag", 4),
        };
        suspend("between").await;
        let c = Conf {
            extra: b.extra + 1,
            level: value("level", 20).await + b.level,
            tag: D::with("tag2", 40),
            ..b
        };
        suspend("after").await;
        log(format!("old level {}", b.level));
        (c.name.get(), c.level, c.extra, c.tag.get())
    }
}

/// Found by writing tree code: `*b` read as a value, `b` a `Box` held
/// across an await (`eval(*left)`, `let e = *boxed;`): the contents move
/// out of the `Box`, as rustc lets a `Box` do. A reference and a smart
/// pointer of your own (whose `Deref` has effects to log) are read through
/// in place, and the pointer stays to the end of its scope. (E0507 before,
/// for the `Box`.)
pub mod box_contents_moved_out_by_deref {
    use super::*;

    pub enum Tree {
        Leaf(D),
        Node(Box<Tree>, Box<Tree>),
    }

    #[self::coroutine]
    async fn sum(t: Tree) -> i64 {
        suspend("visit").await;
        match t {
            Tree::Leaf(d) => d.get(),
            Tree::Node(left, right) => {
                let l = Box::pin(sum(*left)).await;
                suspend("between").await;
                let r = *right;
                l + Box::pin(sum(r)).await
            }
        }
    }

    pub struct Guard(D, i64);

    impl std::ops::Deref for Guard {
        type Target = i64;

        fn deref(&self) -> &i64 {
            log(format!("deref {}", self.0.name()));
            &self.1
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64) {
        let t = Tree::Node(
            Box::new(Tree::Leaf(D::with("l", 1))),
            Box::new(Tree::Node(
                Box::new(Tree::Leaf(D::with("rl", 2))),
                Box::new(Tree::Leaf(D::with("rr", 3))),
            )),
        );
        let total = sum(t).await;
        let boxed = Box::new(D::with("boxed", 10));
        let guard = Guard(D::with("guard", 20), 5);
        let n = 7i64;
        let r = &n;
        suspend("held").await;
        let d = *boxed;
        let g = *guard;
        log(format!("unboxed {} read {} and {}", d.get(), g, *r));
        suspend("after").await;
        (total, d.get() + g + *r)
    }
}

/// A field assigned a value that only the field's type coerces
/// (`Some(&name)` for an `Option<&str>`), where the field is written
/// through the frame because a by-value method moved it before
/// (`m.0.map_or(..)`): the value is typed by the field, as in an
/// assignment (found by the nineteenth session's helper: E0308).
pub mod field_assigned_a_value_its_type_coerces {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> usize {
        let name = String::from("name");
        let mut m: (Option<&str>, D) = (None, D::new("m"));
        let before = m.0.map_or(0, |s| s.len());
        suspend("a").await;
        m.0 = Some(&name);
        suspend("b").await;
        log(format!("{:?} {}", m.0, m.1.get()));
        before + m.0.map_or(0, |s| s.len())
    }
}
