// Drop order: nested scopes, moved-out and conditionally moved locals (drop
// flags), partially moved structs, reassignment, values moved into awaited
// futures. Every case is also cancelled after every poll count by `check`,
// so what is alive at each suspension point is compared too.

pub struct Pair {
    a: D,
    b: D,
}

/// A type with its own `Drop` and drop-logging fields: the struct's `drop`
/// runs before its fields drop, in declaration order.
pub struct Outer {
    name: &'static str,
    _first: D,
    _second: D,
}

impl Drop for Outer {
    fn drop(&mut self) {
        log(format!("drop Outer {}", self.name));
    }
}

fn consume(d: D) {
    log(format!("consume {}", d.name()));
}

/// Locals in nested scopes drop at the end of each scope, innermost first.
pub mod nested_scopes {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _a = D::new("a");
        {
            let _b = D::new("b");
            suspend("in b").await;
            {
                let _c = D::new("c");
                suspend("in c").await;
            }
            log("c closed");
            let _d = D::new("d");
            suspend("in d").await;
        }
        log("b closed");
        value("end", 1).await
    }
}

/// A local moved out (into a function) is not dropped again at the end.
pub mod moved_out_local_not_dropped {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let a = D::new("a");
        let _b = D::new("b");
        suspend("s1").await;
        consume(a);
        suspend("s2").await;
        1
    }
}

/// A local moved out only on one path: a drop flag decides whether it drops
/// at the end (both paths run).
pub mod conditionally_moved_local {
    use super::*;

    #[self::coroutine]
    async fn f(moved: bool) -> u32 {
        let a = D::new(format!("a({moved})"));
        let _b = D::new(format!("b({moved})"));
        if value("cond", moved).await {
            consume(a);
        }
        suspend("after").await;
        2
    }

    #[self::coroutine]
    pub async fn run() -> (u32, u32) {
        (f(true).await, f(false).await)
    }
}

/// A local moved out inside a loop on some iteration only.
pub mod conditionally_moved_in_loop {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut slot = Some(D::new("slot"));
        let mut n = 0;
        for i in 0..3u32 {
            if value(format!("i{i}"), i == 1).await
                && let Some(d) = slot.take()
            {
                consume(d);
            }
            n += i;
        }
        n
    }
}

/// A struct with one field moved out: the other field drops at the end of
/// the scope, not with the moved field.
pub mod partially_moved_struct {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let p = Pair {
            a: D::with("a", 1),
            b: D::with("b", 2),
        };
        let a = p.a;
        suspend("s1").await;
        let x = a.get();
        drop(a);
        suspend("s2").await;
        x + p.b.get()
    }
}

/// A type with `Drop` and drop-logging fields, alive across awaits.
pub mod struct_with_drop_impl {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _o = Outer {
            name: "o",
            _first: D::new("first"),
            _second: D::new("second"),
        };
        suspend("s").await;
        let _p = Outer {
            name: "p",
            _first: D::new("p.first"),
            _second: D::new("p.second"),
        };
        value("end", 3).await
    }
}

/// Assigning to a local drops its old value at the assignment.
pub mod reassignment_drops_old_value {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut x = D::with("x1", 1);
        suspend("s1").await;
        let first = x.get();
        x = D::with("x2", 2);
        log("assigned");
        suspend("s2").await;
        let second = x.get();
        x = value("x3", D::with("x3", 3)).await;
        log("assigned again");
        first + second + x.get()
    }
}

/// A drop-logging value moved into an awaited future: on cancellation it
/// drops with that future.
pub mod value_moved_into_awaited_future {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::with("moved", 5);
        let _keep = D::new("keep");
        let got = pending_n("carrier", 2, d).await;
        log("received");
        got.get()
    }
}

/// A nested coroutine suspended inside: cancelling the outer future drops
/// the inner one (its locals and arguments) before the outer locals.
pub mod nested_coroutine_cancelled {
    use super::*;

    #[self::coroutine]
    async fn inner(arg: D) -> i64 {
        let _local = D::new("inner-local");
        suspend("inner1").await;
        suspend("inner2").await;
        arg.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let _outer = D::new("outer-local");
        track("inner", inner(D::with("arg", 1))).await
    }
}

/// The temporaries of a statement suspended mid-way are dropped on
/// cancellation, after the awaited future, in reverse order.
pub mod suspended_statement_temporaries {
    use super::*;

    fn three(a: &D, b: &D, n: i64) -> i64 {
        log(format!("three({}, {}, {n})", a.name(), b.name()));
        n
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let _local = D::new("local");
        three(&D::new("t1"), &D::new("t2"), pending_n("n", 2, 4).await)
    }
}

/// `Option::take` and `mem::replace` across awaits.
pub mod take_and_replace {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut slot = Some(D::with("first", 1));
        let mut cur = D::with("cur", 10);
        suspend("s1").await;
        let taken = slot.take();
        let old = std::mem::replace(&mut cur, D::with("replacement", 20));
        suspend("s2").await;
        drop(old);
        let t = taken.map(|d| d.get()).unwrap_or(0);
        suspend("s3").await;
        t + cur.get()
    }
}

/// `Vec<D>` and `Box<D>` locals: elements drop in order, after the boxed
/// value declared later.
pub mod containers_drop_order {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> usize {
        let v = vec![D::new("v0"), D::new("v1")];
        suspend("s").await;
        let _b = Box::new(D::new("boxed"));
        let mut w = v;
        w.push(value("pushed", D::new("v2")).await);
        w.len()
    }
}

/// A drop-logging value explicitly dropped between awaits, then a new value
/// under the same name.
pub mod explicit_drop_then_rebind {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = D::with("a1", 1);
        suspend("s1").await;
        drop(a);
        let a = D::with("a2", 2);
        suspend("s2").await;
        a.get()
    }
}

/// A local initialized later (`let x; ... x = ...`) only on one path.
pub mod deferred_initialization {
    use super::*;

    #[self::coroutine]
    async fn f(init: bool) -> i64 {
        let x: D;
        let _first = D::new("first");
        if value("init?", init).await {
            x = D::with("x", 1);
            suspend("initialized").await;
            return x.get();
        }
        suspend("not initialized").await;
        0
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64) {
        (f(true).await, f(false).await)
    }
}

/// A field moved out of a struct kept across awaits, then assigned a new
/// value: the struct is whole again and drops whole; a `Copy` field read
/// and written back in place.
pub mod moved_field_assigned_again {
    use super::*;

    pub struct Counted {
        d: D,
        n: i64,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut c = Counted { d: D::with("first", 1), n: 10 };
        suspend("start").await;
        let old = c.d;
        let n = c.n;
        c.n = n + 1;
        suspend("moved").await;
        c.d = D::with("second", old.get() + 1);
        drop(old);
        suspend("assigned").await;
        c.d.get() + c.n
    }
}

/// Found by writing Advent-of-Code-style simulations: a field assigned
/// whole from `Copy` parts read out of it (`self.pos = (self.pos.0 + dx,
/// self.pos.1 + v().await)`, in a method taking `mut self`, or on a local),
/// the value living across awaits. rustc copies the parts and drops the
/// old field whole at the assignment (a `D` in it too). It was rejected
/// ("cannot assign to this field .. after it was moved out"): a part read
/// out may be moved, which syntax cannot tell; the parts are now checked
/// to be `Copy` instead (E0277 for one that is not, which stays rejected).
pub mod field_assigned_from_copy_parts_read_out_of_it {
    use super::*;

    pub struct Sim {
        pos: (i64, i64),
        mark: (D, i64),
    }

    impl Sim {
        #[self::coroutine]
        async fn step(mut self, dx: i64) -> Self {
            suspend("step").await;
            self.pos = (self.pos.0 + dx, self.pos.1 + value("dy", 1).await);
            self.mark = (D::with("mark", self.pos.0), self.mark.1 + 1);
            suspend("stepped").await;
            self
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64, i64) {
        let mut s = Sim { pos: (0, 0), mark: (D::new("first"), 0) };
        for dx in [1, 2] {
            s = s.step(dx).await;
        }
        let mut t = Sim { pos: (5, 5), mark: (D::new("t"), 9) };
        suspend("t").await;
        t.pos = (t.pos.1 * 2, value("t.pos", t.pos.0).await);
        t.mark = (D::with("t2", t.mark.1), t.mark.1 + t.pos.0);
        suspend("t2").await;
        (s.pos.0 + s.pos.1, s.mark.0.get() + s.mark.1, t.pos.0 + t.pos.1, t.mark.0.get() + t.mark.1)
    }
}

/// Fields of a value whose type the function never names: a `Copy` field
/// read while the value is used again, then a field moved out at the
/// value's last use (the rest of it has no drop to observe).
pub mod field_moved_at_last_use {
    use super::*;

    pub struct Response {
        pub status: i64,
        pub body: D,
    }

    async fn fetch(name: &str, status: i64) -> Response {
        let body = value(format!("fetch {name}"), D::with(name, status * 2)).await;
        Response { status, body }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let first = fetch("first", 1).await;
        let second = fetch("second", 2).await;
        let status = first.status + second.status;
        suspend("both fetched").await;
        let body = first.body;
        suspend("first body moved").await;
        body.get() + second.body.get() + status
    }
}

/// A value moved on one branch only, before that branch suspends: on the
/// other branch it lives on, across the later await, to the end of scope.
pub mod moved_in_one_branch_before_await {
    use super::*;

    #[self::coroutine]
    async fn maybe_consume(flag: bool) -> i64 {
        let d = D::with("maybe consumed", 5);
        let mut n = 1;
        if flag {
            drop(d);
            n = value("in branch", 2).await;
        }
        suspend("after branch").await;
        n
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        maybe_consume(true).await * 10 + maybe_consume(false).await
    }
}

/// The same field of a frame value moved out in two arms of one `match`
/// (they exclude each other): whichever ran, the rest of the value drops
/// at the end of its scope, after later awaits.
pub mod same_field_moved_in_two_arms {
    use super::*;

    pub struct Two {
        pub a: D,
        pub b: D,
    }

    #[self::coroutine]
    async fn pick(k: i64) -> i64 {
        let two = Two { a: D::with("a", 1), b: D::with("b", 2) };
        suspend("before").await;
        let n = match k {
            0 => D::into_inner(two.a),
            1 => {
                let a = two.a;
                a.get() * 10
            }
            _ => 0,
        };
        suspend("after").await;
        n + two.b.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        pick(0).await + pick(1).await + pick(2).await
    }
}

/// A struct update whose base (`..cfg`) lives across awaits: the fields
/// the literal does not name move into the new value; the ones it names
/// stay in `cfg` (readable after), dropped at the end of its scope, after
/// the later locals, or on cancellation. In a method, `Self { .., ..self }`
/// on `self` taken by value. (The lowering used the base in place: E0507.)
pub mod struct_update_base_lives_across_awaits {
    use super::*;

    pub struct Config {
        pub a: D,
        pub b: D,
        pub n: i64,
    }

    impl Config {
        #[self::coroutine]
        async fn renamed(self, b: D) -> Config {
            suspend("renamed").await;
            let out = Self { b, ..self };
            suspend("after").await;
            out
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let cfg = Config { a: D::with("a1", 1), b: D::with("b1", 2), n: 3 };
        suspend("s1").await;
        let later = D::new("later");
        let d = Config { b: D::with("b2", ev("b2 made", 20)), ..cfg };
        log(format!("kept {}", cfg.b.get()));
        suspend("s2").await;
        let e = if d.n > 0 {
            let base = Config { a: D::with("x1", 4), b: D::with("x2", 5), n: 6 };
            suspend("s3").await;
            Config { n: 7, a: D::with("x3", 8), ..base }
        } else {
            Config { a: D::new("never"), b: D::new("never"), n: 0 }
        };
        let f = e.renamed(D::with("r", 9)).await;
        d.a.get() + d.b.get() + d.n + f.a.get() + f.b.get() + f.n + later.get()
    }
}

/// A method that takes `self` whatever the type (`into_iter`, `into_inner`)
/// called on a field of a value that lives across awaits, `self`'s in a
/// method taking `self`: the field moves out (a partial move), the other
/// fields stay, dropped at the end of the value's scope or on
/// cancellation. (The lowering used the field in place: E0507.)
pub mod field_moved_out_by_into_method {
    use super::*;

    pub struct Bag {
        pub items: Vec<D>,
        pub tag: D,
    }

    impl Bag {
        #[self::coroutine]
        async fn drain(self) -> i64 {
            suspend("before").await;
            let total: i64 = self.items.into_iter().map(|d| d.get()).sum();
            suspend("after").await;
            total + self.tag.get()
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let p = Pair { a: D::with("a", 1), b: D::with("b", 2) };
        let bag = Bag { items: vec![D::with("i1", 3), D::with("i2", 4)], tag: D::with("tag", 5) };
        suspend("s").await;
        let n = p.a.into_inner();
        let later = D::new("later");
        suspend("s2").await;
        n + bag.drain().await + later.get()
    }
}

/// Found by writing error-handling code: a `match` whose arm binding the
/// value by value has a guard that fails, the arm taken instead (`_`)
/// awaiting. rustc keeps the value (an await's output to the end of the
/// `match`, a local to the end of its scope) through that arm's awaits;
/// the lowering took `_` to leave nothing and dropped the value at the
/// `match`.
pub mod wildcard_arm_after_failed_guard_keeps_value {
    use super::*;

    #[self::coroutine]
    async fn get(n: i64) -> Result<D, D> {
        value(format!("get {n}"), if n > 0 { Ok(D::with("ok", n)) } else { Err(D::with("err", n)) }).await
    }

    #[self::coroutine]
    async fn of_temporary(n: i64) -> i64 {
        match get(n).await {
            Ok(d) if d.get() > 10 => d.get(),
            _ => {
                log("arm start");
                suspend("arm").await;
                log("arm end");
                2
            }
        }
    }

    #[self::coroutine]
    async fn of_local(n: i64) -> i64 {
        let o = Some(D::with("local", n));
        suspend("before").await;
        let r = match o {
            Some(d) if n > 10 => d.get(),
            _ => {
                log("arm start");
                suspend("arm").await;
                log("arm end");
                3
            }
        };
        log("after match");
        r
    }

    #[self::coroutine]
    pub async fn run() -> Vec<i64> {
        vec![
            of_temporary(1).await,
            of_temporary(20).await,
            of_temporary(-1).await,
            of_local(1).await,
            of_local(20).await,
        ]
    }
}

/// Found by writing an actor: a field assigned (`s.b = ..`) and later moved
/// out by a pattern (`let Pair { b, .. } = s;`), the rest of `s` held across
/// awaits. The lowering rejected the assignment as one after the move; it
/// comes before it, and makes the value whole again.
pub mod field_assigned_then_moved_out_by_pattern {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut s = Pair {
            a: D::with("a", 1),
            b: D::with("b", 2),
        };
        suspend("before").await;
        s.b = D::with("b2", value("new", 20).await);
        let Pair { b, .. } = s;
        suspend("after").await;
        b.get() + s.a.get()
    }
}

/// Found by writing torture code: a pattern naming every field of a value
/// held across an await, `Copy` fields by value and the rest by `ref`
/// (`let M { id, ref log } = cur;`, a tuple, a `match` arm, a let-else),
/// then, after the await, the `ref`-bound field moved out (`let l =
/// cur.record;`). A `ref` binding moves nothing: the field was dropped
/// twice (with a `Vec`, a crash).
pub mod ref_bound_field_moved_out_after_copy_fields_bound {
    use super::*;

    pub struct M {
        id: i64,
        record: D,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let cur = M {
            id: 1,
            record: D::with("record", 2),
        };
        let M { id, ref record } = cur;
        log(format!("id {id} record {}", record.get()));
        suspend("after let").await;
        let l = cur.record;
        let v = (6i64, vec![String::from("s")]);
        let n = match v {
            (n, ref strings) if !strings.is_empty() => n,
            _ => 0,
        };
        suspend("after match").await;
        let strings = v.1;
        let w = (2i64, D::with("w", 7));
        let (m @ 1..=3, ref d) = w else {
            return -1;
        };
        log(format!("w {m} {}", d.get()));
        suspend("after let-else").await;
        let taken = w.1;
        id + l.get() + n + strings.len() as i64 + taken.get()
    }
}

/// As above, the `ref`-bound field of a tuple assigned after the await
/// (`let (ref x, k) = t; .. t.0 = ..;`): rejected before, as an assignment
/// to a field moved out.
pub mod ref_bound_field_assigned_after_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut t = (D::with("t0", 3), 5i64);
        let (ref x, k) = t;
        log(format!("t {} {k}", x.get()));
        suspend("after tuple").await;
        t.0 = D::with("t1", 4);
        t.0.get() + t.1
    }
}

/// Found by writing ownership code: a `Copy` part of a field read out
/// (`let k = node.val.1;`), then the whole field moved out (`let v =
/// node.val;`), the value held across awaits. Both reads ran, and the
/// dropper asked first about the inner one: it forgot only that, and the
/// field was dropped again with the value (a double free with a `String`).
pub mod copy_part_of_field_read_then_field_moved {
    use super::*;

    pub struct Node {
        val: (i64, D),
        name: (u8, String),
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, usize) {
        let node = Node {
            val: (1, D::with("val", 2)),
            name: (3, String::from("abc")),
        };
        suspend("held").await;
        let k = node.val.0;
        let n = node.name.0;
        suspend("between").await;
        let v = node.val;
        let name = node.name;
        log(format!("moved {k} {n}"));
        suspend("after").await;
        (k, v.1.get(), name.1.len() + n as usize)
    }
}

/// Found by writing ownership code: a local annotated with a pointer type
/// (`let node: Box<Node> = ..;`), a field of it read or moved out through
/// the pointer after an await (`node.a`, `node.d`). The annotation names
/// the pointer, not the struct whose field it is. (E0026 before: the
/// lowering's pattern for the field named `Box`.)
pub mod field_of_local_annotated_with_a_pointer_type {
    use super::*;
    use std::rc::Rc;

    pub struct Node {
        a: i64,
        d: D,
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64) {
        let node: Box<Node> = Box::new(Node {
            a: 1,
            d: D::with("boxed", 2),
        });
        let shared: Rc<Node> = Rc::new(Node {
            a: 3,
            d: D::with("shared", 4),
        });
        suspend("held").await;
        let a = node.a;
        let d = node.d;
        let b = shared.a;
        suspend("after").await;
        (a, d.get(), b + shared.d.get())
    }
}

/// Patterns that bind a part of a field of a frame value and leave the
/// rest (`let Inner { b, .. } = o.inner;`, `let (x, _) = o.pair;`, a
/// `match` on `c.req` binding `body` only, an arm that awaits), and a part
/// moved out through a parenthesised field (`(o.inner).b`): rustc moves
/// only the bound parts; the rest stays in the value, is read after, and
/// drops with it at the end of its scope (or on cancellation). The field
/// was taken out whole and its rest dropped at the pattern, then read
/// after it was freed.
pub mod part_of_a_field_moved_by_a_pattern {
    use super::*;

    pub struct Inner {
        a: D,
        b: D,
    }

    // (Some fields only log their drops.)
    #[allow(dead_code)]
    pub struct Holder {
        inner: Inner,
        pair: (D, D),
        c: D,
    }

    // (Some fields only log their drops.)
    #[allow(dead_code)]
    pub enum Req {
        Get { body: D, tag: D },
        Empty,
    }

    pub struct Conn {
        req: Req,
        id: D,
    }

    pub struct Query {
        body: D,
        tag: D,
    }

    // (Some fields only log their drops.)
    #[allow(dead_code)]
    pub struct Wrap {
        q: Query,
        n: D,
    }

    fn holder(n: &str) -> Holder {
        Holder {
            inner: Inner { a: D::with(format!("{n}.a"), 1), b: D::with(format!("{n}.b"), 2) },
            pair: (D::with(format!("{n}.p0"), 3), D::with(format!("{n}.p1"), 4)),
            c: D::with(format!("{n}.c"), 5),
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let o = holder("o");
        let Inner { b, .. } = o.inner;
        let (x, _) = o.pair;
        suspend("after patterns").await;
        log(format!("o.inner.a {} o.pair.1 {}", o.inner.a.get(), o.pair.1.get()));
        drop(b);
        let p = holder("p");
        let pb = (p.inner).b;
        suspend("after paren").await;
        log(format!("p.inner.a {}", p.inner.a.get()));
        let c = Conn { req: Req::Get { body: D::with("body", 6), tag: D::with("tag", 7) }, id: D::new("id") };
        let got = match c.req {
            Req::Get { body, .. } => body.get() + value("get", 10).await,
            Req::Empty => 0,
        };
        suspend("after match").await;
        let q = Query { body: D::with("qbody", 8), tag: D::with("qtag", 9) };
        let w = Wrap { q, n: D::new("n") };
        let got2 = match w.q {
            Query { body, .. } => body.get(),
        };
        suspend("after struct match").await;
        log(format!("w.q.tag {}", w.q.tag.get()));
        x.get() + pb.get() + got + got2 + c.id.name().len() as i64
    }
}

/// Parts of one field moved out one by one (`let a = o.inner.a; let b =
/// o.inner.b;`, then a pattern and a call's argument), an `if let` moving
/// a field's part that may fail, the field read after (past an early
/// `return`, or in the `else`), and the field assigned anew after a part
/// moved: rustc moves only what matched, and the assignment drops only
/// what is left of the old value. The second part dropped twice, a failed
/// pattern's field dropped and then read, and the assignment dropped the
/// moved part again.
pub mod field_parts_moved_by_reads_patterns_and_assignments {
    use super::*;

    pub struct Inner {
        a: D,
        b: D,
        c: D,
    }

    // (Some fields only log their drops.)
    #[allow(dead_code)]
    pub struct Outer {
        inner: Inner,
        res: Result<D, D>,
        opt: Option<D>,
        tag: D,
    }

    fn outer(n: &str, ok: bool) -> Outer {
        let res = if ok { Ok(D::with(format!("{n}.ok"), 1)) } else { Err(D::with(format!("{n}.err"), 2)) };
        Outer {
            inner: Inner {
                a: D::with(format!("{n}.a"), 3),
                b: D::with(format!("{n}.b"), 4),
                c: D::with(format!("{n}.c"), 5),
            },
            res,
            opt: Some(D::with(format!("{n}.opt"), 6)),
            tag: D::new(format!("{n}.tag")),
        }
    }

    #[self::coroutine]
    async fn early(o: Outer) -> i64 {
        suspend("early").await;
        if let Ok(d) = o.res {
            return d.get();
        }
        if let Err(e) = &o.res {
            log(format!("not ok {}", e.get()));
        }
        0
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let o = outer("o", false);
        let a = o.inner.a;
        let b = o.inner.b;
        suspend("after reads").await;
        drop(o.inner.c);
        log(format!("{} {}", a.get(), b.get()));
        let mut p = outer("p", true);
        suspend("p").await;
        let got = if let Ok(d) = p.res {
            d.get()
        } else {
            log("p failed");
            0
        };
        if let Some(x) = p.opt {
            log(format!("opt {}", x.get()));
        }
        p.opt = Some(D::with("p.opt2", 7));
        suspend("after assign").await;
        let q = outer("q", false);
        let lost = match q.res {
            Ok(d) => return d.get(),
            Err(_) => -1,
        };
        if let Err(e) = &q.res {
            log(format!("q kept {}", e.get()));
        }
        suspend("end").await;
        got + lost + early(outer("r", false)).await + early(outer("s", true)).await
            + p.opt.as_ref().map_or(0, |d| d.get())
    }
}

/// A type with its own `Drop` and `Copy` fields, which a pattern can bind
/// by value without moving anything: `drop Tag name` when it drops.
pub struct Tag(pub i64, pub &'static str);

impl Drop for Tag {
    fn drop(&mut self) {
        log(format!("drop Tag {}", self.1));
    }
}

/// A pattern binding every field of a value whose type has a `Drop` impl,
/// the fields `Copy`: rustc copies the fields and moves nothing, so the
/// value stays and drops at the end of its scope, after what is declared
/// after it: matched through a reference (`let &Tag(n, name) = &tag;`),
/// as the lowering asks where the value lives across an await. (`let
/// Tag(n, name) = tag;` there, or the argument `Tag(n, name): Tag`, is
/// rejected: `tests/ui/fail/drop_type_destructured_by_value.rs`; before,
/// the lowering took the value out whole and dropped it at the pattern.)
pub mod drop_type_bound_by_copy_fields_stays {
    use super::*;

    #[self::coroutine]
    async fn arg(tag: Tag, k: i64) -> i64 {
        let &Tag(n, name) = &tag;
        let _later = D::new("arg later");
        suspend(name).await;
        n + k
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let tag = Tag(1, "t");
        suspend("s1").await;
        let &Tag(n, name) = &tag;
        let _later = D::new("later");
        suspend("s2").await;
        log(name);
        n + arg(Tag(2, "a"), 3).await
    }
}

/// The same through a field whose struct has no `Drop` impl and whose
/// other field moves out: the `Drop` part stays in the value and drops at
/// the end of its scope, after what is declared after it.
pub mod drop_type_nested_in_moved_struct_stays {
    use super::*;

    pub struct Holder {
        pub tag: Tag,
        pub d: D,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let h = Holder { tag: Tag(4, "h"), d: D::with("hd", 5) };
        suspend("s1").await;
        let Holder { tag: Tag(n, _), d } = h;
        let _later = D::new("later");
        suspend("s2").await;
        n + d.get()
    }
}

/// A field of a value the coroutine owns, of a type with a `Drop` impl,
/// matched by value with an arm that awaits: rustc copies the bound
/// `Copy` field, the field stays in the value and drops with it (the
/// value's own `Drop` impl allows this too: nothing moves). (The lowering
/// took the field out and dropped it at the end of the `match`; with a
/// `Drop` impl on the value, E0509.)
pub mod drop_type_field_matched_with_awaiting_arm_stays {
    use super::*;

    pub enum State {
        Up(i64),
        Idle,
    }

    impl Drop for State {
        fn drop(&mut self) {
            log("drop State");
        }
    }

    pub struct Conn {
        pub state: State,
        pub d: D,
    }

    pub struct Locked {
        pub state: State,
    }

    impl Drop for Locked {
        fn drop(&mut self) {
            log("drop Locked");
        }
    }

    #[self::coroutine]
    async fn locked(l: Locked) -> i64 {
        suspend("l").await;
        let n = match l.state {
            State::Up(since) => since,
            State::Idle => value("idle", 0).await,
        };
        let _later = D::new("locked later");
        suspend("l2").await;
        n
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let conn = Conn { state: State::Up(7), d: D::with("cd", 1) };
        suspend("s1").await;
        let n = match conn.state {
            State::Up(since) => since,
            State::Idle => value("idle", 0).await,
        };
        let _later = D::new("later");
        suspend("s2").await;
        n + conn.d.get()
            + locked(Locked { state: State::Up(3) }).await
            + locked(Locked { state: State::Idle }).await
    }
}

/// A `match` on a variable held across an await whose arm binding it by
/// value has a guard that fails, the arm taken instead binding nothing and
/// never awaiting (`_ => 2`): rustc moves nothing, and the value stays to
/// the end of its scope, after what is declared after the `match`. (The
/// lowering dropped it at the end of the `match`.)
pub mod failed_guard_quiet_arm_keeps_local {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let o = Some(D::with("o", 1));
        suspend("s1").await;
        let b = ev("b", false);
        let r = match o {
            Some(d) if b => d.get(),
            _ => 2,
        };
        let _later = D::new("later");
        suspend("s2").await;
        r + slices(ev("n", 2)).await
    }

    fn split(n: i64) -> &'static [i64] {
        if n > 1 { &[4, 5] } else { &[6] }
    }

    /// A value whose type syntax does not show (a slice reference),
    /// matched by slice patterns with a quiet `_`: bound through the
    /// reference, nothing moves.
    #[self::coroutine]
    async fn slices(n: i64) -> i64 {
        let pair = split(n);
        suspend("pair").await;
        match pair {
            [hi, lo] => hi + lo,
            [lone] => *lone,
            _ => unreachable!(),
        }
    }
}

/// An `if let` on a variable held across an await, at its last use,
/// whose pattern binds by value and does not match: rustc moves out only
/// when the pattern matches, so the value stays to the end of its scope,
/// after what is declared after it. (The lowering dropped it after the
/// `if let`.)
pub mod unmatched_if_let_keeps_local {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let r: Result<D, D> = Err(D::with("err", 1));
        suspend("s1").await;
        let mut n = 0;
        if let Ok(d) = r {
            n += d.get();
        }
        let _later = D::new("later");
        suspend("s2").await;
        n
    }
}

/// The same for a `while let` in a loop that never awaits (and an `if let`
/// inside an expression): rustc moves out only when the pattern matches,
/// and the value stays to the end of its scope. (The lowering took the
/// value out whole for the `while let`: it dropped at the loop's exit.)
pub mod unmatched_while_let_keeps_local {
    use super::*;

    #[allow(clippy::never_loop)] // the shape rustc moves out of once
    #[self::coroutine]
    pub async fn run() -> i64 {
        let v: Result<D, D> = Err(D::with("verr", 3));
        let w: Result<D, D> = Err(D::with("werr", 2));
        suspend("s1").await;
        let mut n = 0;
        while let Ok(d) = w {
            n += d.get();
            break;
        }
        n += 1 + if let Ok(d) = v { d.get() } else { 0 };
        let _later = D::new("later");
        suspend("s2").await;
        n
    }
}

/// A `while let` on a variable held across an await that matches once,
/// is assigned a value its pattern does not match, and stops: rustc moves
/// the payload out in the iteration that matched, drops the rest of the
/// old value at the assignment, and leaves the new one in place to the end
/// of its scope, after what is declared after the loop.
pub mod while_let_matches_then_keeps_local {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut w: Result<D, D> = Ok(D::with("ok", 2));
        suspend("s1").await;
        let mut n = 0;
        while let Ok(d) = w {
            n += d.get();
            w = Err(D::with("err", 5));
        }
        let _later = D::new("later");
        suspend("s2").await;
        n
    }
}

/// A `while let Some(..)` on an `Option` of a droppable value held across
/// an await, whose pattern does not match (`Some((d, true))` on a `Some`
/// whose flag is `false`): nothing moves, the value stays to the end of
/// its scope. And one that matches, then is given `None` and `Some` of a
/// value the pattern does not match in turn.
pub mod unmatched_while_let_some_keeps_local {
    use super::*;

    #[allow(clippy::never_loop)] // the shape rustc moves out of once
    #[self::coroutine]
    pub async fn run() -> i64 {
        let o: Option<(D, bool)> = Some((D::with("flagged", 1), false));
        let mut p: Option<(D, bool)> = Some((D::with("p1", 3), true));
        suspend("s1").await;
        let mut n = 0;
        while let Some((d, true)) = o {
            n += d.get();
            break;
        }
        let mut i = 0;
        while let Some((d, true)) = p {
            n += d.get();
            i += 1;
            p = if i < 2 {
                Some((D::with("p2", 4), true))
            } else {
                Some((D::with("p3", 5), false))
            };
        }
        let _later = D::new("later");
        suspend("s2").await;
        n
    }
}

/// The same in a loop whose body awaits: the `while let` is lowered into
/// the state machine, and an unmatched value stays to the end of its scope.
pub mod unmatched_awaiting_while_let_keeps_local {
    use super::*;

    #[allow(clippy::never_loop)] // the shape rustc moves out of once
    #[self::coroutine]
    pub async fn run() -> i64 {
        let w: Result<D, D> = Err(D::with("werr", 2));
        let mut q: Option<(D, bool)> = Some((D::with("q1", 3), true));
        suspend("s1").await;
        let mut n = 0;
        while let Ok(d) = w {
            suspend("in").await;
            n += d.get();
            break;
        }
        while let Some((d, true)) = q {
            n += d.get();
            suspend("q").await;
            q = Some((D::with("q2", 4), false));
        }
        let _later = D::new("later");
        suspend("s2").await;
        n
    }
}
