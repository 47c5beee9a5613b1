// `match`: awaited scrutinees, awaits in arms and guards, bindings (by
// value, by reference, by `ref mut`) held across awaits, or-patterns,
// partial moves out of the scrutinee.

pub enum E {
    Empty,
    One(D),
    Two(D, D),
}

/// An awaited scrutinee, every arm awaiting.
pub mod awaited_scrutinee_and_arms {
    use super::*;

    #[self::coroutine]
    async fn pick(n: u32) -> u32 {
        match value("scrutinee", n).await {
            0 => value("zero", 100).await,
            1 | 2 => value("small", 200).await + n,
            _ => {
                suspend("other").await;
                300
            }
        }
    }

    #[self::coroutine]
    pub async fn run() -> (u32, u32, u32) {
        (pick(0).await, pick(2).await, pick(7).await)
    }
}

/// Guards that await: evaluated in arm order; a failing guard falls through
/// to the next arm.
pub mod awaited_guards {
    use super::*;

    #[self::coroutine]
    async fn classify(n: u32) -> &'static str {
        match n {
            x if value(format!("g1 {x}"), x > 10).await => "big",
            x if ev("g2", x % 2 == 0) && value(format!("g3 {x}"), x > 2).await => "even",
            0 => "zero",
            _ => "other",
        }
    }

    #[self::coroutine]
    pub async fn run() -> Vec<&'static str> {
        vec![
            classify(20).await,
            classify(4).await,
            classify(0).await,
            classify(3).await,
        ]
    }
}

/// A by-value binding of a drop-logging payload, held across the arm's
/// await; the other variants' payloads are dropped with the scrutinee.
pub mod binding_moved_out_of_scrutinee {
    use super::*;

    #[self::coroutine]
    async fn consume(e: E) -> i64 {
        match e {
            E::Empty => value("empty", 0).await,
            E::One(d) => {
                suspend(format!("one {}", d.name())).await;
                d.get()
            }
            E::Two(a, _) => {
                suspend(format!("two {}", a.name())).await;
                a.get()
            }
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64) {
        (
            consume(E::Empty).await,
            consume(E::One(D::with("one", 1))).await,
            consume(E::Two(D::with("first", 2), D::with("second", 3))).await,
        )
    }
}

/// Bindings by reference into a local, held across an await in the arm.
pub mod binding_by_reference {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> usize {
        let v = Some(String::from("hello"));
        let n = match &v {
            Some(s) => {
                suspend("arm").await;
                s.len()
            }
            None => 0,
        };
        n + v.map(|s| s.len()).unwrap_or(0)
    }
}

/// A borrowed scrutinee (`&mut v`, `&v` with a `ref` binding of the
/// reference itself) whose bindings are held across an await: the first
/// needs no home for the reference, the second borrows it.
pub mod borrowed_scrutinee_bindings_across_await {
    use super::*;

    // (The case is a `ref` binding of the reference itself.)
    #[allow(clippy::needless_borrow)]
    #[self::coroutine]
    pub async fn run() -> (usize, usize) {
        let mut v = Some(D::with("v", 1));
        let grown = match &mut v {
            Some(d) => {
                let before = d.get();
                *d = D::with("grown", before + value("grow", 5).await);
                d.get() as usize
            }
            None => 0,
        };
        let w = [D::with("w0", 2), D::with("w1", 3)];
        let seen = match &w {
            ref r @ [first, ..] if first.get() > 1 => {
                suspend("ref").await;
                r.len() + first.get() as usize
            }
            _ => 0,
        };
        (grown, seen)
    }
}

/// `ref mut` bindings mutated across an await.
pub mod ref_mut_binding {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (u32, Vec<u32>) {
        let mut pair = (1u32, vec![1u32]);
        match pair {
            (ref mut n, ref mut v) => {
                *n += value("a", 10).await;
                v.push(value("b", 2).await);
            }
        }
        pair
    }
}

/// `ref` bindings next to bindings by value (a `Copy` number, a moved
/// value) in patterns whose arm or branch awaits while holding the borrow,
/// and other arms moving a part out of the same value: the value stays in
/// place, the borrowed part drops with the rest of it at the end of its
/// scope (or on cancellation), a moved part where its binding does. (The
/// lowering took the value out into a local of the poll, whose borrow the
/// frame then held: E0597.)
pub mod ref_bindings_held_across_awaits {
    use super::*;

    pub enum Msg {
        Name { who: D, n: i64 },
        Data(D, D),
        Stop,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let msgs = vec![
            Msg::Name { who: D::with("w1", 1), n: 2 },
            Msg::Name { who: D::with("w2", 2), n: 0 },
            Msg::Data(D::with("a", 3), D::with("b", 4)),
            Msg::Stop,
            Msg::Data(D::with("unseen", 0), D::with("unseen2", 0)),
        ];
        let mut total = 0;
        for m in msgs {
            match m {
                Msg::Name { ref who, n } if n > 1 => {
                    suspend("name").await;
                    total += who.get() + n;
                }
                Msg::Name { who, .. } => total += who.consume(10),
                Msg::Data(ref a, b) => {
                    let kept = b;
                    suspend("data").await;
                    total += a.get() + kept.get();
                }
                Msg::Stop => break,
            }
            log("after match");
        }
        let pair = Some((D::with("p", 5), 7));
        if let Some((ref d, k)) = pair {
            suspend("pair").await;
            total += d.get() + k;
        }
        let mut triple = (1i64, D::with("moved", 2), D::with("kept", 3));
        match triple {
            (ref mut n, d, _) if *n > 0 => {
                *n += 10;
                suspend("ref mut").await;
                total += *n + d.get();
            }
            _ => {}
        }
        total += triple.0 + triple.2.get();
        let (ref x, y) = (D::with("x", 8), D::with("y", 9));
        suspend("let").await;
        total + x.get() + y.get()
    }
}

/// A `match` on an awaited enum with drop-logging payloads: the arm's
/// binding and the rest of the scrutinee drop at the right moments.
pub mod awaited_enum_scrutinee {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let r = match value("e", E::Two(D::with("x", 1), D::with("y", 2))).await {
            E::Two(x, y) if x.get() == 1 => {
                drop(y);
                suspend("arm").await;
                x.get()
            }
            _ => 0,
        };
        log("after match");
        r
    }
}

/// A match arm with a binding and a guard that fails, then a wildcard that
/// awaits: the scrutinee stays whole.
pub mod guard_fails_scrutinee_kept {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let opt = Some(D::with("kept", 4));
        let n = match opt {
            Some(ref d) if value("guard", d.get() > 10).await => 1,
            Some(d) => {
                suspend("second arm").await;
                d.get()
            }
            None => 0,
        };
        log("after match");
        n
    }
}

/// Nested matches, the inner scrutinee awaited inside an outer arm.
pub mod nested_match {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        match value("outer", Some(2u32)).await {
            Some(x) => match value("inner", x * 3).await {
                6 => value("six", 60).await,
                _ => 0,
            },
            None => 1,
        }
    }
}

/// `return` from a match arm, with a drop-logging local alive.
pub mod return_from_match_arm {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::with("local", 5);
        let x = match value("m", 1u32).await {
            1 => return value("ret", d.get()).await,
            _ => 2,
        };
        log("not reached");
        x
    }
}

/// Or-patterns and bindings `@` over an awaited tuple scrutinee.
pub mod or_patterns_and_at_bindings {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<u32> {
        let mut out = Vec::new();
        for i in 0..4u32 {
            let r = match value(format!("t{i}"), (i, i % 2 == 0)).await {
                (0, _) | (_, false) => value("first", i).await,
                (n @ 1..=3, true) => value("second", n * 10).await,
                _ => 0,
            };
            out.push(r);
        }
        out
    }
}

/// A `match` used as an operand between awaited operands.
pub mod match_as_operand {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        value("l", 1).await
            + match ev("m", 2) {
                2 => value("arm", 20).await,
                _ => 0,
            }
            + value("r", 300).await
    }
}

/// A tuple partly moved by a `let` pattern: the rest stays in the variable,
/// is still usable, and drops at the end of its scope.
pub mod partial_move_then_field_use {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let p = (D::with("a", 1), D::with("b", 2), D::with("c", 3));
        suspend("before").await;
        let (a, _, _) = p;
        suspend("moved").await;
        let x = p.1.get() + a.get();
        drop(a);
        suspend("after drop").await;
        x + p.2.get()
    }
}

/// A variable partly moved by a pattern, then assigned as a whole: the
/// assignment drops only what was left.
pub mod partial_move_then_reassign {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut p = (D::with("a", 1), D::with("b", 2));
        let (a, _) = p;
        suspend("moved").await;
        p = (D::with("c", 3), D::with("d", 4));
        suspend("assigned").await;
        a.get() + p.0.get()
    }
}

/// A `match` without awaits in its arms moving part of a value kept
/// across awaits; the arm that binds nothing moves nothing.
pub mod partial_move_in_plain_match {
    use super::*;

    #[self::coroutine]
    async fn pick(e: E) -> i64 {
        suspend("start").await;
        let n = match e {
            E::Two(mut a, _) => {
                let old = a.get();
                a = D::with("replacement", old * 10);
                a.get()
            }
            E::One(_) => -1,
            E::Empty => 0,
        };
        suspend("matched").await;
        n
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let x = pick(E::Two(D::with("first", 1), D::with("second", 2))).await;
        let y = pick(E::One(D::with("only", 3))).await;
        x + y
    }
}

/// Guards on arms that move part of a value kept across awaits: the guard
/// reads the bindings (by method and by value) before anything moves; an
/// arm whose guard fails moves nothing; the part no pattern binds lives to
/// the end of the `match`, across the arm's awaits.
pub mod guarded_partial_moves {
    use super::*;

    #[self::coroutine]
    async fn pick(e: E, limit: i64) -> i64 {
        suspend("start").await;
        match e {
            E::Two(a, _) if a.get() > limit => value("big", a.get()).await,
            E::Two(_, b) if ev("second", limit > 0) => {
                suspend("in arm").await;
                b.get()
            }
            E::One(d) if d.get() == limit => value("equal", d.get()).await,
            _ => {
                suspend("fallback").await;
                0
            }
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let x = pick(E::Two(D::with("a1", 5), D::with("b1", 6)), 1).await;
        let y = pick(E::Two(D::with("a2", 1), D::with("b2", 7)), 3).await;
        let z = pick(E::One(D::with("one", 4)), 4).await;
        let w = pick(E::Two(D::with("a3", 0), D::with("b3", 0)), 0).await;
        x + y + z + w
    }
}

/// A field of a reference matched, with an arm that suspends: `self.state`
/// with `&self` and `&mut self`, a `&Conn` argument, and `let` bindings of
/// references. The patterns bind `Copy` values out of the place; nothing
/// moves out of the reference (E0507 before: the field was matched as a
/// value that might move).
pub mod field_of_reference_matched_across_await {
    use super::*;

    #[derive(Debug)]
    pub enum State {
        Connecting,
        Up { since: i64 },
    }

    pub struct Conn {
        state: State,
        name: D,
    }

    impl Conn {
        #[self::coroutine]
        async fn drive(&self) -> i64 {
            match self.state {
                State::Connecting => value("connecting", -1).await,
                State::Up { since } => since,
            }
        }

        #[self::coroutine]
        async fn bump(&mut self) -> i64 {
            match self.state {
                State::Up { since } => {
                    suspend("bump").await;
                    self.state = State::Up { since: since + 1 };
                    since
                }
                State::Connecting => 0,
            }
        }
    }

    /// Destructured through the reference (match ergonomics), a field
    /// left unbound: nothing moves out of `c` (E0631 before).
    #[self::coroutine]
    async fn name_of(c: &Conn) -> String {
        let Conn { name, .. } = c;
        let n = name.name().to_string();
        suspend("name_of").await;
        n
    }

    #[self::coroutine]
    async fn peek(c: &Conn) -> i64 {
        match c.state {
            State::Connecting => value("peek", 0).await,
            State::Up { since } => since + c.name.get(),
        }
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let mut up = Conn { state: State::Up { since: 5 }, name: D::with("up", 1) };
        let down = Conn { state: State::Connecting, name: D::with("down", 2) };
        let a = up.drive().await + down.drive().await;
        let b = up.bump().await;
        let r = &up;
        let c = match r.state {
            State::Up { since } => value("r", since).await,
            State::Connecting => 0,
        };
        let t: &Conn = &down;
        let d = match t.state {
            State::Connecting => value("t", 1).await,
            State::Up { since } => since,
        };
        let e = peek(&up).await + peek(&down).await;
        let f = name_of(&down).await;
        format!("{a} {b} {c} {d} {e} {f} {:?}", up.state)
    }
}

/// Found by writing collection code: a local copied from a reference
/// argument (`let mut cur = root;`, a list walk's cursor), matched by a
/// pattern that binds, where an arm awaits and uses the local again. Its
/// patterns were taken to move out of an owned value (E0308).
pub mod reference_copied_into_local_matched_across_await {
    use super::*;

    pub struct Node {
        v: i64,
        next: Option<Box<Node>>,
    }

    #[self::coroutine]
    async fn sum(root: &Option<Box<Node>>) -> i64 {
        let mut cur = root;
        let mut total = 0;
        loop {
            match cur {
                Some(node) => {
                    total += node.v;
                    cur = &node.next;
                }
                None => {
                    suspend("end").await;
                    log(format!("end {}", cur.is_none()));
                    break;
                }
            }
        }
        total
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let list = Some(Box::new(Node { v: 1, next: Some(Box::new(Node { v: 2, next: None })) }));
        sum(&list).await
    }
}

/// Found by writing control-flow code: the loop variable of `for item in &v`
/// (a reference) matched with a guard that awaits. The guard saw its
/// binding one reference off, and the pattern was taken to move out of an
/// owned value (E0308).
#[allow(clippy::manual_flatten)]
pub mod awaiting_guard_on_loop_variable_over_references {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let v = vec![Some(1i64), None, Some(4)];
        let mut acc = 0;
        for item in &v {
            match item {
                Some(n) if value("g", *n > 1).await => acc += *n,
                Some(n) => acc += 10 * *n,
                None => log("none"),
            }
        }
        for item in v.iter() {
            if let Some(n) = item {
                suspend("s").await;
                acc += *n;
            }
        }
        acc
    }
}

/// Found by writing programs: a `match` on a `&str` (or `&[u8]`) held
/// across an await, with string literal arms beside an arm that binds the
/// value, or a guard that awaits. The value is matched through a `&mut` of
/// it there, which a literal pattern, a reference pattern, does not see
/// through as a number does (E0308): it is matched through it explicitly.
pub mod string_literal_arms_of_a_value_matched_in_place {
    use super::*;

    #[self::coroutine]
    async fn check(k: &str) -> bool {
        value(format!("check {k}"), k == "x").await
    }

    #[self::coroutine]
    async fn lengths(cmds: Vec<&'static str>) -> usize {
        let mut t = 0;
        for cmd in cmds {
            let n = match cmd {
                "len" | "size" => cmd.len(),
                other => other.len() + 10,
            };
            suspend("step").await;
            t += n;
        }
        t
    }

    #[self::coroutine]
    async fn codes(text: &str, raw: Vec<&'static [u8]>) -> Vec<u8> {
        let mut out = Vec::new();
        for k in text.split(',') {
            match k {
                k if check(k).await => out.push(1),
                "" => out.push(2),
                k => out.push(k.len() as u8),
            }
        }
        for r in raw {
            match r {
                b"GET" => out.push(3),
                r if value("raw", r.len() > 3).await => out.push(4),
                r => out.push(r.len() as u8),
            }
        }
        out
    }

    #[self::coroutine]
    pub async fn run() -> (usize, Vec<u8>) {
        let n = lengths(vec!["len", "x", "size"]).await;
        (n, codes("x,,yy", vec![b"GET", b"POST", b"PU"]).await)
    }
}

/// Found by writing protocol code: a `match` on a tuple literal holding a
/// reference (`(c, ev)`, `c: &Conn`), whose arms await, some destructuring
/// through the reference and some moving the owned element out. The
/// lowering took every binding for a part moved out of the tuple: the
/// dropper's pattern typed the element as `Conn` (E0308) and `seq` was read
/// as a `u32` (E0614). What destructures through the reference now moves
/// nothing.
pub mod tuple_scrutinee_holding_a_reference {
    use super::*;

    pub struct Conn {
        seq: i64,
        name: D,
    }

    #[self::coroutine]
    async fn handle(c: &Conn, ev: Option<D>) -> i64 {
        match (c, ev) {
            (Conn { seq, .. }, None) => {
                suspend("none").await;
                *seq + 1
            }
            (Conn { name, seq }, Some(d)) if *seq > 10 => {
                suspend("big").await;
                name.get() + d.get()
            }
            (conn, Some(d)) => {
                suspend("some").await;
                conn.name.get() + d.get() + conn.seq
            }
        }
    }

    #[self::coroutine]
    pub async fn run() -> Vec<i64> {
        let small = Conn { seq: 5, name: D::with("small", 1) };
        let big = Conn { seq: 50, name: D::with("big", 2) };
        vec![
            handle(&small, None).await,
            handle(&small, Some(D::with("ev1", 10))).await,
            handle(&big, Some(D::with("ev2", 20))).await,
        ]
    }
}

/// Found by writing protocol code: `(&mut State::Busy(ref mut n), None)`
/// (edition 2024's way to bind by `ref mut` through a `&mut` in a tuple),
/// awaiting, beside an arm moving an owned element out. The arm moves
/// nothing, but matched under the lowering's implicit `&mut` its explicit
/// `&mut` pattern is rejected (E0507 before, then edition 2024's rule); it
/// now matches through that `&mut` explicitly.
pub mod tuple_scrutinee_with_reference_patterns {
    use super::*;

    pub enum State {
        Idle,
        Busy(i64),
    }

    #[self::coroutine]
    async fn step(state: &mut State, cmd: Option<D>) -> i64 {
        match (state, cmd) {
            (&mut State::Busy(ref mut n), None) => {
                suspend("busy").await;
                *n += 1;
                *n
            }
            (_, Some(d)) => {
                suspend("cmd").await;
                d.get()
            }
            _ => 0,
        }
    }

    #[self::coroutine]
    pub async fn run() -> Vec<i64> {
        let mut s = State::Busy(4);
        let mut idle = State::Idle;
        let a = step(&mut s, None).await;
        let b = step(&mut s, Some(D::with("cmd", 3))).await;
        let c = step(&mut idle, None).await;
        let last = match s {
            State::Busy(n) => n,
            State::Idle => -1,
        };
        vec![a, b, c, last]
    }
}

/// Found by writing generic code: `match items.first() { Some(Item { name,
/// .. }) => { x.await; .. } }`, destructuring through the reference in the
/// `Some` of std's lending methods (`first`, `get`), in an arm
/// that awaits. The lowering took the bindings for parts moved out of the
/// `Option`, whose dropper typed it as `Option<Item>` (E0308); what
/// destructures through the reference now moves nothing.
pub mod option_of_reference_destructured {
    use super::*;

    pub struct Item {
        name: D,
        qty: i64,
    }

    #[self::coroutine]
    async fn first_name(items: &[Item]) -> i64 {
        match items.first() {
            Some(Item { name, .. }) => {
                suspend("first").await;
                name.get()
            }
            None => 0,
        }
    }

    #[self::coroutine]
    async fn bump(items: &[Item], i: usize) -> i64 {
        match items.get(i) {
            Some(Item { qty, name }) if *qty > 0 => {
                suspend("positive").await;
                *qty + name.get()
            }
            Some(Item { qty, .. }) => {
                suspend("other").await;
                *qty
            }
            None => -1,
        }
    }

    #[self::coroutine]
    pub async fn run() -> Vec<i64> {
        let v = vec![Item { name: D::with("a", 1), qty: 2 }, Item { name: D::with("b", 2), qty: 0 }];
        let a = first_name(&v).await;
        let b = bump(&v, 0).await;
        let c = bump(&v, 1).await;
        let d = bump(&v, 5).await;
        vec![a, b, c, d, v[0].qty]
    }
}

/// Found by writing a state machine: `if let .. else if let ..` testing one
/// owned enum held across an await, each pattern moving parts out of it
/// (the await before the chain, and inside a branch). The second `let` is
/// reached only when the first pattern failed, which moved nothing. (E0507
/// before: the first `if let` could not move out of the variable in place.)
pub mod if_let_chain_on_one_enum_moving_its_parts {
    use super::*;

    #[self::coroutine]
    async fn describe(e: E) -> i64 {
        suspend("before").await;
        if let E::One(d) = e {
            d.get()
        } else if let E::Two(a, b) = e {
            let first = value("two", a.get()).await;
            first + b.get()
        } else {
            -1
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64) {
        (
            describe(E::One(D::with("one", 1))).await,
            describe(E::Two(D::with("a", 2), D::with("b", 3))).await,
            describe(E::Empty).await,
        )
    }
}

/// Found by writing a queue: a slice pattern matched against
/// `queue.as_slice()` whose arm awaits, in a `match` and a `while let`. The
/// slice is a reference: its pattern binds through it and moves nothing.
/// (E0282 before: the lowering wrote a dropper for parts moved out of it,
/// whose slice pattern could not be typed where the frame is made.)
pub mod slice_pattern_on_as_slice_with_awaiting_arm {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (i64, usize) {
        let mut queue = vec![D::with("a", 1), D::with("b", 2), D::with("c", 3)];
        let head = match queue.as_slice() {
            [first, ..] => value("head", first.get()).await,
            [] => 0,
        };
        let mut seen = 0;
        while let [first, rest @ ..] = queue.as_slice() {
            seen += value(format!("{} then {}", first.name(), rest.len()), 1).await;
            queue.remove(0);
        }
        (head, seen)
    }
}

/// Found by writing a state machine: a `match` on a tuple of a reference
/// and an owned value, one arm testing a variant through the reference
/// and binding only from the owned part (`(Mode::Locked, Some(k)) => k`),
/// another arm awaiting. (E0308 before: the dropper of what arms move out
/// kept the test of the referenced part, and typed that part as a `Mode`.)
pub mod tuple_scrutinee_tests_variant_through_reference {
    use super::*;

    pub enum Mode {
        Open,
        Locked,
    }

    #[self::coroutine]
    async fn handle(mode: &Mode, n: Option<D>) -> i64 {
        match (mode, n) {
            (Mode::Locked, Some(k)) => k.get(),
            (Mode::Open, _) => 1,
            _ => value("wait", 10).await,
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64) {
        (
            handle(&Mode::Open, Some(D::with("a", 3))).await,
            handle(&Mode::Locked, Some(D::with("b", 4))).await,
            handle(&Mode::Locked, None).await,
        )
    }
}

/// Found by writing a state machine: a tuple scrutinee with reference
/// parts (`(&light, tick)`, `(light, inp)` of `&` arguments) and a guard
/// that awaits on a binding made through such a part (`(Some(n), true) if
/// w(*n).await > 0`): the binding is a reference, natively, as the guard
/// sees it. (E0614 and E0308 before.)
pub mod awaiting_guard_on_tuple_with_reference_parts {
    use super::*;

    #[self::coroutine]
    async fn on(light: Option<i64>, tick: bool) -> i64 {
        match (&light, tick) {
            (Some(n), true) if value("guard", *n).await > 0 => n - 1,
            _ => 9,
        }
    }

    #[self::coroutine]
    async fn pick(light: &D, inp: &Option<i64>) -> i64 {
        match (light, inp) {
            (_, Some(p)) if value("big", *p).await > 5 => -1,
            (l, _) => l.get(),
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64, i64) {
        let d = D::with("d", 4);
        (
            on(Some(2), true).await,
            on(None, true).await,
            pick(&d, &Some(7)).await,
            pick(&d, &Some(2)).await,
        )
    }
}

/// Found by writing a router: an arm whose whole pattern is a string
/// literal (or a constant of a `&str`, or such alternatives) and whose
/// guard awaits, on a `&str`: the guard's rewrite tested the pattern
/// through one more reference (`&&str`), which a literal does not match
/// through (E0308 before).
pub mod awaiting_guard_on_string_literal_arm {
    use super::*;

    const HEAD: &str = "HEAD";

    #[self::coroutine]
    async fn route(method: &str) -> i64 {
        match method {
            "GET" if value("allowed", true).await => 1,
            "PUT" | HEAD if value("idempotent", method.len() > 3).await => 2,
            _ => 0,
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64, i64) {
        let owned = String::from("HEAD");
        (
            route("GET").await,
            route(&owned).await,
            route("PUT").await,
            route("POST").await,
        )
    }
}

/// Found by writing collection code: references that syntax shows, one
/// level deeper. A guard that awaits on a binding nested in the `Some` of
/// `peek()` or `last()` (`Some(Reverse(x)) if ok(*x).await`); a tuple
/// pattern of a `for` over a borrowed map (`for (k, val) in &map`, then
/// `match val { Some(n) if ok(*n).await => .. }`); and a local holding an
/// iterator's `find` of references, matched with a part left unbound in an
/// arm that awaits. Each binds through a reference, natively too. (E0614
/// and E0308 before.)
pub mod references_nested_in_some_and_for_tuples {
    use super::*;
    use std::cmp::Reverse;
    use std::collections::{BTreeMap, BinaryHeap};

    #[self::coroutine]
    async fn top(h: &BinaryHeap<Reverse<i64>>, v: &[(i64, D)]) -> (i64, i64) {
        let a = match h.peek() {
            Some(Reverse(x)) if value("even", *x % 2 == 0).await => *x * 10,
            _ => 0,
        };
        let b = match v.last() {
            Some((x, d)) if value("last", *x > 1).await => *x + d.get(),
            _ => 0,
        };
        (a, b)
    }

    #[self::coroutine]
    async fn total(map: BTreeMap<i64, Option<i64>>) -> i64 {
        let mut t = 0;
        for (k, val) in &map {
            match val {
                Some(n) if value(format!("at {k}"), *n % 2 == 0).await => t += k * n,
                _ => t += 1,
            }
        }
        t
    }

    #[self::coroutine]
    async fn pick(routes: &[(&str, D)], want: &str) -> i64 {
        let found = routes.iter().find(|(p, _)| *p == want);
        match found {
            Some((_, d)) => {
                suspend("found").await;
                d.get()
            }
            None => 0,
        }
    }

    #[self::coroutine]
    pub async fn run() -> ((i64, i64), i64, i64) {
        let h: BinaryHeap<_> = [Reverse(4), Reverse(7)].into_iter().collect();
        let v = vec![(1, D::with("a", 1)), (4, D::with("b", 2))];
        let map: BTreeMap<_, _> = [(1, Some(2)), (2, None), (3, Some(3))].into_iter().collect();
        let routes = [("a", D::with("ra", 5)), ("b", D::with("rb", 6))];
        (top(&h, &v).await, total(map).await, pick(&routes, "b").await)
    }
}

/// Found by writing torture code: an array held across an await,
/// destructured by a slice pattern that leaves an element unbound
/// (`let [a, _] = arr;`, `[first, _, last]` in an arm that awaits). What
/// the pattern leaves drops with the rest of the array, by a dropper
/// written once the array's type is known. (E0282 before: a slice pattern
/// cannot tell an array from a slice without it.)
pub mod array_pattern_leaving_elements {
    use super::*;

    // (Strings, not `D`s: cancelled before the pattern runs, rustc drops
    // such an array's elements last to first, the lowering first to last;
    // see LIMITATIONS.md.)
    #[self::coroutine]
    pub async fn run() -> (usize, usize) {
        let arr = [String::from("a"), String::from("bb")];
        suspend("held").await;
        let [a, _] = arr;
        let three = [String::from("c"), String::from("dd"), String::from("eee")];
        suspend("three").await;
        let ends = match three {
            [first, _, last] => {
                suspend("arm").await;
                first.len() + last.len()
            }
        };
        (a.len(), ends)
    }
}

/// A slice pattern in a `let .. else` on a local that a conversion lent
/// (`let s = v.as_slice();`, `as_mut_slice()`): it binds through the
/// reference, and the bindings are used across an await.
pub mod slice_pattern_on_local_lent_by_a_conversion {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut data = vec![1, 2, 3, 4];
        let s = data.as_mut_slice();
        let [x, y, ..] = s else { return -1 };
        *x += *y;
        suspend("mut").await;
        *y += 10;
        let v = vec![D::with("a", 5), D::with("b", 6)];
        let t = v.as_slice();
        let [first, ..] = t else { return -2 };
        suspend("ref").await;
        first.get() + data.iter().sum::<i64>()
    }
}

/// Two struct updates of one base held across an await, naming different
/// fields, in branches that never both run (`if`/`else`, and an early
/// `return` beside the code after it): each moves out what the other
/// literal names, and what each left drops at the base's end.
pub mod struct_updates_of_one_base_in_exclusive_branches {
    use super::*;

    pub struct Conn {
        pub user: D,
        pub token: D,
        pub retries: i64,
    }

    fn conn(tag: &str) -> Conn {
        Conn {
            user: D::new(format!("{tag}-user")),
            token: D::new(format!("{tag}-token")),
            retries: 0,
        }
    }

    #[self::coroutine]
    async fn pick(c: Conn, fail: bool) -> Conn {
        suspend("pick").await;
        let d = if fail {
            Conn { user: D::new("new-user"), ..c }
        } else {
            Conn { token: D::new("new-token"), ..c }
        };
        suspend("after").await;
        d
    }

    #[self::coroutine]
    async fn handshake(c: Conn, ok: Option<i64>) -> Result<Conn, Conn> {
        suspend("handshake").await;
        let Some(n) = ok else {
            return Err(Conn { retries: c.retries + 1, ..c });
        };
        suspend("ok").await;
        Ok(Conn { user: D::with("authed", n), ..c })
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = pick(conn("a"), true).await;
        let b = pick(conn("b"), false).await;
        let e = handshake(conn("e"), None).await;
        let o = handshake(conn("o"), Some(5)).await;
        let r = match (&e, &o) {
            (Err(e), Ok(o)) => e.retries * 10 + o.user.get(),
            _ => -1,
        };
        a.user.get() + b.token.get() + r
    }
}

/// A `match` on an owned value where one arm binds the whole value with
/// `@` and another moves out part of it and awaits: the unbound rest stays
/// to the end of the value's scope (a var) or of the `match` (a
/// temporary, `mem::replace(&mut self.state, ..)`), as rustc keeps it.
pub mod at_binding_arm_beside_partial_move_that_awaits {
    use super::*;

    // (`b` and the `Zero`'s value are only dropped: never read.)
    #[allow(dead_code)]
    pub enum E {
        Two { a: D, b: D },
        Zero(D),
    }

    pub struct Machine {
        pub state: E,
    }

    impl Machine {
        #[self::coroutine]
        async fn step(&mut self) -> i64 {
            match std::mem::replace(&mut self.state, E::Zero(D::new("idle"))) {
                z @ E::Zero(_) => {
                    self.state = z;
                    0
                }
                E::Two { a, .. } => {
                    suspend("step").await;
                    a.get()
                }
            }
        }
    }

    #[self::coroutine]
    async fn pick(s: E) -> i64 {
        let n = match s {
            z @ E::Zero(_) => {
                drop(z);
                0
            }
            E::Two { a, .. } => {
                log("arm start");
                suspend("pick").await;
                a.get()
            }
        };
        log("after match");
        n
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let x = pick(E::Two { a: D::with("a", 1), b: D::new("b") }).await;
        let y = pick(E::Zero(D::new("z"))).await;
        let mut m = Machine { state: E::Two { a: D::with("ma", 5), b: D::new("mb") } };
        let s1 = m.step().await;
        let s2 = m.step().await;
        x + y + s1 + s2
    }
}

/// `@` bindings beside `ref` arms on a value held across an await, in the
/// shapes a retry loop's error classification takes: `Err(e @ Busy(_))`
/// that awaits beside `Err(ref e)`; `Err(ref e @ Gone)` beside a moving
/// `Err(e)` and an arm that awaits; `(ref s, n @ 1..=9)` that awaits beside
/// an arm moving `s`; `(whole @ Light::Yellow(_), other)` beside a `ref`
/// arm that awaits.
pub mod at_bindings_beside_ref_arms {
    use super::*;

    // (The payloads are printed and dropped: never read otherwise.)
    #[allow(dead_code)]
    #[derive(Debug)]
    pub enum Failure {
        Busy(D),
        Gone,
    }

    #[allow(dead_code)]
    #[derive(Debug)]
    pub enum Light {
        Red,
        Yellow(D),
    }

    #[self::coroutine]
    async fn classify(res: Result<i64, Failure>) -> i64 {
        match res {
            Err(e @ Failure::Busy(_)) => {
                suspend("busy").await;
                drop(e);
                1
            }
            Err(ref e) => {
                log(format!("other {e:?}"));
                2
            }
            Ok(v) => v,
        }
    }

    #[self::coroutine]
    async fn gone(res: Result<i64, Failure>) -> i64 {
        match res {
            Ok(v) => value("ok", v).await,
            Err(ref e @ Failure::Gone) => {
                log(format!("gone {e:?}"));
                -1
            }
            Err(e) => {
                drop(e);
                -2
            }
        }
    }

    #[self::coroutine]
    async fn ranged(t: (D, i64)) -> i64 {
        match t {
            (ref s, n @ 1..=9) => {
                suspend("ranged").await;
                s.get() + n
            }
            (s, n) => {
                drop(s);
                n
            }
        }
    }

    #[self::coroutine]
    async fn lights(a: Light, b: Light) -> i64 {
        match (a, b) {
            (whole @ Light::Yellow(_), other) => {
                log(format!("yellow {whole:?} other {other:?}"));
                1
            }
            (Light::Red, ref other) => {
                suspend("red").await;
                log(format!("red vs {other:?}"));
                2
            }
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut t = classify(Ok(1)).await;
        t += classify(Err(Failure::Busy(D::new("busy")))).await * 10;
        t += classify(Err(Failure::Gone)).await * 100;
        t += gone(Ok(3)).await + gone(Err(Failure::Gone)).await;
        t += gone(Err(Failure::Busy(D::new("b2")))).await;
        t += ranged((D::with("r", 5), 4)).await + ranged((D::new("s"), 40)).await;
        t += lights(Light::Red, Light::Yellow(D::new("y"))).await;
        t + lights(Light::Yellow(D::new("y2")), Light::Red).await
    }
}


/// `match self` in `&self` and `&mut self` methods, an arm binding a field
/// through the reference (`Door::Closed { code }`, `code: &u32`) with a
/// guard that awaits and dereferences it. Was E0614 (the binding taken for
/// a value: `self` was not known to be a reference).
pub mod awaiting_guard_on_self_reference {
    use super::*;

    pub enum Door {
        Closed { code: u32, name: D },
        Open,
    }

    impl Door {
        #[self::coroutine]
        async fn check(&self, i: u32) -> u32 {
            match self {
                Door::Closed { code, name } if *code == value("code", i).await => {
                    log(format!("opened {}", name.name()));
                    1
                }
                _ => 0,
            }
        }

        #[self::coroutine]
        async fn bump(&mut self, i: u32) -> u32 {
            match self {
                Door::Closed { code, .. } if *code < value("limit", i).await => {
                    *code += 1;
                    *code
                }
                Door::Closed { code, .. } => *code,
                Door::Open => 0,
            }
        }
    }

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut d = Door::Closed { code: 4, name: D::new("front") };
        let a = d.check(4).await + d.check(3).await + Door::Open.check(1).await;
        let b = d.bump(9).await + d.bump(2).await;
        a * 100 + b
    }
}

/// An arm's binding that holds a reference (`d @ Ev::Dep { .. }` on a
/// `&Ev`, `Some(e @ ..)` of an `Option<&Ev>`, `other` on a `&Ev`) matched
/// again by a `let .. else` whose binding lives across an await: it binds
/// through the reference. Was E0308 (the binding's home typed by value).
pub mod arm_binding_of_a_reference_matched_again {
    use super::*;

    pub enum Ev {
        Dep { acct: u32, amount: i64 },
        Named { name: D },
        Other,
    }

    #[self::coroutine]
    async fn on(ev: &Ev) -> i64 {
        match ev {
            d @ Ev::Dep { .. } => {
                let Ev::Dep { amount, acct } = d else { unreachable!() };
                suspend("dep").await;
                *amount + i64::from(*acct)
            }
            other => {
                let Ev::Named { name } = other else { return 0 };
                suspend("named").await;
                name.get()
            }
        }
    }

    #[self::coroutine]
    async fn first_named(evs: &[Ev]) -> i64 {
        let found = evs.iter().find(|e| matches!(e, Ev::Named { .. }));
        match found {
            Some(e @ Ev::Named { .. }) => {
                let Ev::Named { name } = e else { unreachable!() };
                suspend("found").await;
                log(format!("found {}", name.name()));
                name.get()
            }
            _ => -1,
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let evs = [
            Ev::Dep { acct: 1, amount: 5 },
            Ev::Named { name: D::with("n", 7) },
            Ev::Other,
        ];
        let mut sum = 0;
        for ev in &evs {
            sum = sum * 100 + on(ev).await;
        }
        sum * 100 + first_named(&evs).await
    }
}

/// An `Option<Box<_>>` field moved out of a value held across an await and
/// freed before the rest of the value drops (`let next = node.next;
/// drop(next);`, then `node.tag` used): the rest's drop must not read the
/// freed box again. The field is left `None` where it was (undefined
/// behaviour under Miri before: a typed read of a dangling `Box`).
pub mod option_box_field_freed_before_the_rest_drops {
    use super::*;

    pub struct Node {
        tag: D,
        next: Option<Box<Node>>,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let node = Node {
            tag: D::with("head", 1),
            next: Some(Box::new(Node { tag: D::with("tail", 2), next: None })),
        };
        suspend("start").await;
        let next = node.next;
        let n = next.as_ref().map_or(0, |b| b.tag.get());
        drop(next);
        log("freed the tail");
        suspend("after free").await;
        n + node.tag.get()
    }
}

/// Values that hold references syntax does not show, matched by patterns
/// that leave parts (`E::L(_, a)`, `Some(Route { body, .. })`, `(0, [_,
/// id])`) with an arm that awaits: `top` popped from a `Vec<&E>`, a
/// function of one's own returning `Option<&Route>`, a tuple with a
/// method's slice. The bindings are references, as rustc's are, and
/// nothing moves; the owned value matched the same way next to them still
/// drops its unbound parts at the end of its scope. Was E0308 (the value
/// taken for the pattern's type, and its bindings read out).
pub mod parts_of_values_holding_references {
    use super::*;

    pub enum E {
        V(D),
        L(u8, D),
    }

    pub struct Route {
        path: &'static str,
        body: D,
    }

    fn lookup<'a>(routes: &'a [Route], p: &str) -> Option<&'a Route> {
        routes.iter().find(|r| r.path == p)
    }

    #[self::coroutine]
    async fn walk(mut stack: Vec<&E>) -> i64 {
        let mut n = 0;
        while let Some(top) = stack.pop() {
            match top {
                E::V(v) => {
                    suspend("v").await;
                    n += v.get();
                }
                E::L(_, a) => n += a.get() * 10,
            }
        }
        n
    }

    #[self::coroutine]
    async fn serve(routes: &[Route], p: &str) -> i64 {
        match lookup(routes, p) {
            Some(Route { body, .. }) => value("serve", body.get()).await,
            None => 0,
        }
    }

    #[self::coroutine]
    async fn route(m: u8, segs: Vec<&str>) -> usize {
        match (m, segs.as_slice()) {
            (0, [_, id]) => value("id", id.len()).await,
            (_, [first, ..]) => first.len(),
            _ => 0,
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let (v, l) = (E::V(D::with("v", 1)), E::L(0, D::with("l", 2)));
        let a = walk(vec![&l, &v]).await;
        let routes = vec![Route { path: "/a", body: D::with("body", 5) }];
        let b = serve(&routes, "/a").await + serve(&routes, "/z").await;
        let c = route(0, vec!["users", "abc"]).await + route(1, vec!["x"]).await;
        let owned = E::L(3, D::with("owned", 7));
        suspend("owned").await;
        let d = match owned {
            E::L(k, _) => value("k", k as i64).await,
            E::V(_) => 0,
        };
        log("after owned");
        a + b + c as i64 + d
    }
}

/// Bindings of a destructuring `let` of a reference (`let Machine { state,
/// count } = m;` with `m: &mut Machine`) hold references into it, by
/// default binding mode: one matched later, an arm binding through it and
/// awaiting, another assigning through it (`*state = ..`). They were
/// taken for owned values (E0614, E0277).
pub mod destructured_reference_bindings_matched_across_await {
    use super::*;

    // (`tag` only logs its drop.)
    #[allow(dead_code)]
    pub enum State {
        Buffering { limit: i64, tag: D },
        Done,
    }

    pub struct Machine {
        state: State,
        count: i64,
    }

    #[self::coroutine]
    async fn step(m: &mut Machine) -> i64 {
        let Machine { state, count } = m;
        match state {
            State::Buffering { limit, .. } => {
                suspend("buffering").await;
                let n = *limit + *count;
                *count += 1;
                *state = State::Done;
                n
            }
            State::Done => {
                suspend("done").await;
                *count
            }
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut m = Machine { state: State::Buffering { limit: 7, tag: D::new("tag") }, count: 1 };
        let a = step(&mut m).await;
        let b = step(&mut m).await;
        a * 10 + b
    }
}

/// An `if let` moving out of a value held across an await, the value used
/// again where the pattern failed: after an early `return`, and in the
/// `else`. rustc moves only when the pattern matches. Was E0507 (the
/// pattern matched the value's place by value).
pub mod if_let_moving_out_then_value_used_where_it_failed {
    use super::*;

    pub enum E {
        A(D),
        B(D),
    }

    #[self::coroutine]
    async fn early(e: E) -> i64 {
        suspend("early").await;
        if let E::A(d) = e {
            return d.get();
        }
        if let E::B(d) = &e {
            log(format!("kept {}", d.get()));
        }
        0
    }

    #[self::coroutine]
    async fn otherwise(r: Result<D, D>) -> i64 {
        suspend("otherwise").await;
        if let Ok(d) = r {
            d.get()
        } else {
            log(format!("else {}", r.as_ref().map_or_else(|e| e.get(), |d| d.get())));
            -1
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = early(E::A(D::with("a", 1))).await + early(E::B(D::with("b", 2))).await;
        a + otherwise(Ok(D::with("ok", 3))).await + otherwise(Err(D::with("err", 4))).await
    }
}

/// A value holding a reference syntax does not show (`let p =
/// items.first().unwrap();`), a field of it read, then matched by a
/// pattern that awaits in its guard and binds `a` through it: `a` is a
/// reference, as rustc's is. Was a type error (`types differ in
/// mutability`), and before that a double drop.
pub mod guarded_pattern_through_unseen_reference {
    use super::*;

    pub struct Pair {
        a: D,
        n: i64,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let items = vec![Pair { a: D::with("a", 5), n: 2 }];
        let p = items.first().unwrap();
        suspend("got").await;
        let n = p.n;
        match p {
            Pair { a, .. } if value("guard", true).await => a.get() + n,
            _ => 0,
        }
    }
}

/// Values that are a `&mut` syntax does not show (a function's result,
/// `v.last_mut().unwrap()`, an `if`'s branches), taken apart by patterns
/// that leave parts, with an arm that awaits and assignments through the
/// bindings and the value: the bindings reborrow through it, as rustc's do.
/// They were read out as owned parts (E0614, E0277, E0308).
pub mod patterns_through_unseen_mut_references {
    use super::*;

    // (The `D` only logs its drop.)
    #[allow(dead_code)]
    pub enum Slot {
        Full(i64, D),
        Empty,
    }

    pub struct Tree {
        weight: i64,
        key: i64,
    }

    fn slot_mut(v: &mut [Slot]) -> &mut Slot {
        &mut v[0]
    }

    #[self::coroutine]
    async fn bump(v: &mut [Slot]) -> i64 {
        let s = slot_mut(v);
        match s {
            Slot::Full(n, _) => {
                suspend("full").await;
                *n += 1;
            }
            Slot::Empty => *s = Slot::Full(0, D::new("fresh")),
        }
        match s {
            Slot::Full(n, _) => *n,
            Slot::Empty => -1,
        }
    }

    #[self::coroutine]
    async fn weigh(v: &mut [Tree]) -> i64 {
        let sub = v.last_mut().unwrap();
        let Tree { weight, .. } = sub;
        suspend("weigh").await;
        *weight += 1;
        *weight
    }

    #[self::coroutine]
    async fn pick(left: &mut Option<i64>, right: &mut Option<i64>, k: bool) -> i64 {
        let slot = if k { left } else { right };
        match slot {
            Some(v) => {
                suspend("some").await;
                *v += 10;
                *v
            }
            None => {
                *slot = Some(0);
                0
            }
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut slots = vec![Slot::Full(1, D::new("full")), Slot::Empty];
        let a = bump(&mut slots).await;
        let mut empty = vec![Slot::Empty];
        let b = bump(&mut empty).await;
        let mut trees = vec![Tree { weight: 5, key: 1 }];
        let c = weigh(&mut trees).await + trees[0].key;
        let (mut l, mut r) = (Some(1), None);
        let d = pick(&mut l, &mut r, true).await + pick(&mut l, &mut r, false).await;
        a * 1000 + b * 100 + c * 10 + d + l.unwrap_or(0) + r.unwrap_or(0)
    }
}

/// A `match` on a field of a value the coroutine owns, with a guarded arm
/// binding part of a variant and an arm that awaits: the guarded pattern
/// matches the field in place. The macro panicked ("expected `,`": the
/// guard was written into the dropper's pattern).
pub mod guarded_arm_on_a_field_matched_in_place {
    use super::*;

    // (The `D` only logs its drop.)
    #[allow(dead_code)]
    pub enum P {
        B(i64, D),
        Idle,
    }

    pub struct S {
        v: P,
        tag: D,
    }

    #[self::coroutine]
    async fn run_one(s: S) -> i64 {
        let r = match s.v {
            P::B(n, _) if n > 1 => value("b", n).await,
            _ => 0,
        };
        log(format!("tag {}", s.tag.get()));
        r
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = run_one(S { v: P::B(5, D::new("b5")), tag: D::with("t1", 1) }).await;
        let b = run_one(S { v: P::B(1, D::new("b1")), tag: D::with("t2", 2) }).await;
        let c = run_one(S { v: P::Idle, tag: D::with("t3", 3) }).await;
        a * 100 + b * 10 + c
    }
}

/// A `match` on a tuple literal holding a `&mut` (`match (state, ev)`)
/// whose arm awaits and binds that element with `@`: the tuple owns the
/// `&mut`, and `st @ St::Live(_)` moves the reference itself out of it
/// (rustc accepts). The lowering rejected it (E0507). Also under a guard,
/// one that awaits, and beside an arm leaving a `D` in the tuple.
pub mod at_binding_of_a_mut_reference_in_a_tuple_scrutinee {
    use super::*;

    pub enum St {
        Live(i64),
        Done,
    }

    pub enum Ev {
        Tick,
        Stop(D),
    }

    #[self::coroutine]
    async fn step(state: &mut St, ev: Ev) -> i64 {
        match (state, ev) {
            (st @ St::Live(_), Ev::Tick) => {
                suspend("tick").await;
                let n = match st {
                    St::Live(n) => *n,
                    St::Done => -1,
                };
                *st = St::Done;
                n
            }
            (st, Ev::Stop(d)) => {
                suspend("stop").await;
                *st = St::Live(d.get());
                d.get()
            }
            (_, _) => 0,
        }
    }

    // (The `D` of `Ev::Stop(_)` stays in the tuple to the end of the
    // `match`, across the arm's await, while `st` moves out.)
    #[self::coroutine]
    async fn kept(state: &mut St, ev: Ev, flag: bool) -> i64 {
        match (state, ev) {
            (st @ St::Live(_), Ev::Stop(_)) if flag => {
                suspend("kept").await;
                *st = St::Done;
                1
            }
            (_, Ev::Tick) => {
                suspend("tick").await;
                2
            }
            _ => 0,
        }
    }

    #[self::coroutine]
    async fn guarded(state: &mut St, ev: Ev) -> i64 {
        match (state, ev) {
            (st @ St::Live(_), Ev::Stop(_)) if value("g", true).await => {
                suspend("guarded").await;
                *st = St::Done;
                1
            }
            _ => 0,
        }
    }

    #[self::coroutine]
    async fn held(n: i64) -> i64 {
        let mut s = St::Live(n);
        let state = &mut s;
        suspend("before").await;
        let r = match (state, Ev::Tick) {
            (st @ St::Live(_), Ev::Tick) => {
                value("live", 1).await;
                *st = St::Done;
                1
            }
            (st, _) => {
                value("other", 2).await;
                *st = St::Live(0);
                2
            }
        };
        let last = match s {
            St::Live(n) => n,
            St::Done => -1,
        };
        r * 10 + last
    }

    #[self::coroutine]
    pub async fn run() -> Vec<i64> {
        let mut s = St::Live(4);
        let a = step(&mut s, Ev::Tick).await;
        let b = step(&mut s, Ev::Tick).await;
        let c = step(&mut s, Ev::Stop(D::with("stop", 7))).await;
        let last = match s {
            St::Live(n) => n,
            St::Done => -1,
        };
        let mut k = St::Live(1);
        let d = kept(&mut k, Ev::Stop(D::new("kept")), true).await;
        let e = kept(&mut k, Ev::Stop(D::new("done")), true).await;
        let f = kept(&mut k, Ev::Tick, false).await;
        let mut g = St::Live(2);
        let h = kept(&mut g, Ev::Stop(D::new("no flag")), false).await;
        let done = matches!(k, St::Done) && matches!(g, St::Live(2));
        let mut q = St::Live(5);
        let gq = guarded(&mut q, Ev::Stop(D::new("gq"))).await;
        vec![a, b, c, last, held(3).await, d, e, f, h, i64::from(done), gq]
    }
}

/// Found by writing programs: a slice pattern on a method's result
/// (`match v.as_slice()`) with a guard that awaits. A slice pattern
/// cannot tell an array from a slice, so the scrutinee's type must reach
/// the pattern (E0282 when it did not).
pub mod slice_pattern_on_method_result_with_awaiting_guard {
    use super::*;

    #[self::coroutine]
    async fn first(v: Vec<i64>, d: D) -> i64 {
        match v.as_slice() {
            [a, rest @ ..] if value("g", *a > 1).await => a + rest.len() as i64 + d.get(),
            [a, ..] => *a * 10,
            [] => -1,
        }
    }

    #[self::coroutine]
    pub async fn run() -> Vec<i64> {
        let mut out = Vec::new();
        for v in [vec![3, 4, 5], vec![1, 2], vec![]] {
            out.push(first(v, D::new("d")).await);
        }
        out
    }
}

/// Found by a crate of less common Rust: an `@` binding whose subpattern
/// names a constant (`n @ (LIMIT | 20)`), matching a local held across an
/// await, in an arm that awaits, the binding used after it. The lowering matched the arm through a
/// `&mut` of the kept scrutinee, where the constant does not see through
/// the reference (E0308: expected `&mut i64`, found `i64`); a subpattern
/// without bindings at the top is now matched through the `&mut`.
pub mod at_binding_of_constant_in_awaiting_arm {
    use super::*;

    const LIMIT: i64 = 10;

    #[self::coroutine]
    async fn classify(k: i64) -> i64 {
        let k = value("k", k).await;
        match k {
            small @ 0..=3 => {
                suspend("small").await;
                small
            }
            round @ (LIMIT | 20) => value("round", round).await * 2,
            exact @ LIMIT.. => {
                let d = D::with("big", exact);
                suspend("big").await;
                d.get()
            }
            _ => 0,
        }
    }

    #[self::coroutine]
    pub async fn run() -> Vec<i64> {
        vec![
            classify(2).await,
            classify(20).await,
            classify(10).await,
            classify(15).await,
            classify(5).await,
        ]
    }
}

/// A tuple scrutinee whose pattern leaves only literal elements in place
/// (`(_, d)` against `(4, D::new(..))`): nothing of the tuple is left to
/// drop once the arm binds, so it need not be kept through the arm's
/// awaits. An element that is no literal (`D::new("kept")` under `_`) is
/// still kept to the end of the `match`, and drops after the arm's own
/// values, on cancellation too.
pub mod tuple_scrutinee_leaving_only_literals {
    use super::*;

    #[self::coroutine]
    async fn literals_left(k: i64) -> i64 {
        let held = D::with("held", k);
        let n = match (4, -1, D::with("moved", k)) {
            (_, _, d) => {
                suspend("in arm").await;
                d.get() + value("v", 1).await
            }
        };
        let m = match (k, "s", D::new("bound")) {
            (1, _, d) => d.get(),
            (n, s, d) if n > 1 => {
                value(s, d.get()).await + n
            }
            _ => 0,
        };
        n + m + held.get()
    }

    #[self::coroutine]
    async fn other_part_kept(k: i64) -> i64 {
        match (k, D::new("kept"), D::with("moved", k)) {
            (_, _, d) => {
                let local = D::new("arm local");
                value("w", d.get()).await + local.get()
            }
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64, i64) {
        (
            literals_left(1).await,
            literals_left(2).await,
            literals_left(3).await,
            other_part_kept(4).await,
        )
    }
}
