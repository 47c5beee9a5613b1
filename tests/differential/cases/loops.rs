// Loops: `loop`/`while`/`while let`/`for` over ranges, vectors, adapters
// and logging iterators; labels; `break`/`continue` with values; `return`
// from loops; per-iteration drops.

/// `loop` with an awaited exit condition and `break value.await`.
pub mod loop_break_value {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut i = 0;
        let r = loop {
            let _iter = D::new(format!("iter{i}"));
            i += 1;
            if value(format!("check{i}"), i).await >= 3 {
                break value("break", i * 10).await;
            }
        };
        log("after loop");
        r
    }
}

/// `while` with an awaited condition.
pub mod while_awaited_condition {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut i = 0;
        while value(format!("cond{i}"), i < 3).await {
            i += 1;
        }
        i
    }
}

/// `while let` popping drop-logging values, awaiting with each.
pub mod while_let_pop {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut stack = vec![D::with("a", 1), D::with("b", 2), D::with("c", 3)];
        let mut sum = 0;
        while let Some(d) = stack.pop() {
            sum += value(format!("with {}", d.name()), d.get()).await;
        }
        sum
    }
}

/// `while let` whose scrutinee is awaited.
pub mod while_let_awaited_scrutinee {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut it = vec![1, 2, 3].into_iter();
        let mut sum = 0;
        while let Some(x) = value("next", it.next()).await {
            sum += x;
        }
        sum
    }
}

/// `for` over a range, one await per iteration.
pub mod for_range {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut sum = 0;
        for i in ev("lo", 0)..ev("hi", 4) {
            sum += value(format!("i{i}"), i).await;
        }
        sum
    }
}

/// `for` over a vector by value: each element is dropped at the end of its
/// iteration; on cancellation the rest of the vector is dropped too.
pub mod for_vec_by_value {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let v = vec![D::with("a", 1), D::with("b", 2), D::with("c", 3)];
        let mut sum = 0;
        for d in v {
            suspend(format!("at {}", d.name())).await;
            sum += d.get();
        }
        log("after loop");
        sum
    }
}

/// `for` over a vector by reference, the vector borrowed across awaits.
pub mod for_vec_by_ref {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let v = vec![D::with("a", 1), D::with("b", 2)];
        let mut sum = 0;
        for d in &v {
            sum += value(format!("at {}", d.name()), d.get()).await;
        }
        log("after loop");
        sum + v.len() as i64
    }
}

/// `for` over iterator adapters (`enumerate`, `filter`, `map`).
pub mod for_iterator_adapters {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<(usize, u32)> {
        let v = vec![1u32, 2, 3, 4, 5];
        let mut out = Vec::new();
        for (i, x) in v
            .iter()
            .enumerate()
            .filter(|(_, x)| ev("filter", **x % 2 == 1))
            .map(|(i, x)| (i, x * 10))
        {
            out.push((i, value(format!("item{i}"), x).await));
        }
        out
    }
}

/// `for` over a custom iterator that logs `next` and its drop.
pub mod for_logging_iterator {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut sum = 0;
        for i in log_iter("it", 3) {
            sum += value(format!("body{i}"), i).await;
        }
        log("after loop");
        sum
    }
}

/// The iterable of a `for` is itself awaited.
pub mod for_over_awaited_iterable {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut sum = 0;
        for x in value("iterable", vec![4u32, 5]).await {
            sum += value(format!("x{x}"), x).await;
        }
        sum
    }
}

/// Labeled `continue 'outer` and `break 'outer` from an inner loop.
pub mod labeled_break_continue {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<(u32, u32)> {
        let mut seen = Vec::new();
        'outer: for i in 0..3 {
            let _o = D::new(format!("outer{i}"));
            for j in 0..3 {
                let _inner = D::new(format!("inner{i}{j}"));
                if value(format!("c{i}{j}"), j == 1 && i == 0).await {
                    continue 'outer;
                }
                if j == 2 && i == 1 {
                    break 'outer;
                }
                seen.push((i, j));
            }
        }
        seen
    }
}

/// `break 'outer value` out of two nested `loop`s.
pub mod break_value_from_nested_loop {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut n = 0;
        let r = 'outer: loop {
            let _a = D::new(format!("outer{n}"));
            loop {
                let _b = D::new(format!("inner{n}"));
                n += 1;
                if value(format!("n{n}"), n).await % 3 == 0 {
                    break 'outer value("result", n * 100).await;
                }
                if n % 2 == 0 {
                    break;
                }
            }
        };
        r
    }
}

/// `return` from inside a `for` loop drops the current element, the rest of
/// the iterator and the outer locals, in that order.
pub mod return_from_loop {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let _outer = D::new("outer");
        for d in vec![D::with("a", 1), D::with("b", 2), D::with("c", 3)] {
            if value(format!("check {}", d.name()), d.get()).await == 2 {
                return d.get();
            }
        }
        0
    }
}

/// `continue` drops the iteration's locals before the next iteration.
pub mod continue_drops_iteration_locals {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut kept = 0;
        for i in 0..4u32 {
            let _d = D::new(format!("d{i}"));
            if value(format!("skip{i}"), i % 2 == 0).await {
                continue;
            }
            suspend(format!("kept{i}")).await;
            kept += i;
        }
        kept
    }
}

/// A `while` loop with an iterator (`v.iter()`) held across awaits in the
/// body.
pub mod while_with_manual_next {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let v = vec![D::with("a", 1), D::with("b", 2)];
        let mut it = v.iter();
        let mut sum = 0;
        while let Some(d) = it.next() {
            suspend(format!("at {}", d.name())).await;
            sum += d.get();
        }
        sum
    }
}

/// More states than one nest of labelled blocks holds (`CHUNK`, 32): the
/// poll splits them into nests, and transitions between nests, forward and
/// back (the loop), go through the dispatch.
pub mod states_in_several_nests {
    use super::*;

    // 34 states: `Start`, the loop's head and exit, and 31 awaits. One
    // iteration is enough to take the back edge (and keeps the case cheap
    // under Miri, which runs it cancelled after every poll).
    #[self::coroutine]
    pub async fn run() -> i64 {
        let held = D::new("held");
        let mut s = 0;
        for i in 0..1 {
            s += value("a0", i).await;
            s += value("a1", i + 1).await;
            s += value("a2", i + 2).await;
            s += value("a3", i + 3).await;
            s += value("a4", i + 4).await;
            s += value("a5", i + 5).await;
            s += value("a6", i + 6).await;
            s += value("a7", i + 7).await;
            s += value("a8", i + 8).await;
            s += value("a9", i + 9).await;
            s += value("a10", i + 10).await;
            s += value("a11", i + 11).await;
            s += value("a12", i + 12).await;
            s += value("a13", i + 13).await;
            s += value("a14", i + 14).await;
            s += value("a15", i + 15).await;
            s += value("a16", i + 16).await;
            s += value("a17", i + 17).await;
            s += value("a18", i + 18).await;
            s += value("a19", i + 19).await;
            s += value("a20", i + 20).await;
            s += value("a21", i + 21).await;
            s += value("a22", i + 22).await;
            s += value("a23", i + 23).await;
            s += value("a24", i + 24).await;
            s += value("a25", i + 25).await;
            s += value("a26", i + 26).await;
            s += value("a27", i + 27).await;
            s += value("a28", i + 28).await;
            s += value("a29", i + 29).await;
            s += value("a30", i + 30).await;
        }
        s + held.get()
    }
}

/// A `while let` scrutinee's temporary (the awaited tuple) lives through
/// the body and drops at the end of each iteration, before the next
/// condition; on the last test, before the loop's exit. The body suspends
/// in one iteration only.
pub mod while_let_scrutinee_temporary_drops_each_iteration {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut it = vec![1, 2, 3].into_iter();
        let mut n = 0;
        while let Some(x) = value("next", (D::new("t"), it.next())).await.1 {
            n += ev("body", x);
            if x == 2 {
                suspend("mid").await;
            }
        }
        ev("after", n)
    }
}

/// A value declared in a loop's body and moved before the body's await
/// needs no home in the frame (each iteration declares a new one); a
/// `continue` before the move drops it after the younger value the frame
/// holds, as rustc does.
pub mod value_moved_before_await_in_loop_body {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut total = 0;
        for i in 0..4 {
            let d = D::with(format!("d{i}"), i);
            let held = D::with(format!("held{i}"), 10 * i);
            if i == 1 {
                continue;
            }
            if i == 3 {
                break;
            }
            total += D::into_inner(d);
            suspend(format!("s{i}")).await;
            total += held.get();
        }
        total
    }
}

/// A `for` loop's variable over a range, and a local set from a literal,
/// used only before the awaits in their scope (formatted, compared): their
/// types have no drop glue, so the frame need not keep them, as rustc does
/// not.
pub mod values_without_drop_glue_used_before_await_only {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut sum = 0;
        for i in 0..3 {
            log(format!("at {i}"));
            if i == 1 {
                continue;
            }
            sum += value(format!("v{}", i), 2).await;
        }
        let n = 7;
        log(format!("n {n}"));
        suspend("end").await;
        sum
    }
}

/// A loop whose body, after an await, gives a vector its element type (a
/// future), and a loop after it that awaits those futures and calls a
/// method on their outputs. rustc needs the element type before the method
/// call: the lowering now lays out the loop's body before the code after
/// the loop, in the order of the source. (E0282 before: the code after the
/// loop came first in the poll.)
pub mod element_type_given_in_loop_body_after_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<Vec<i64>, i64> {
        let mut futs = Vec::new();
        for i in 0..3 {
            let n = value("n", i).await;
            futs.push(value("f", if n < 2 { Ok(n) } else { Err(n) }));
        }
        let mut out = Vec::new();
        for f in futs {
            out.push(f.await.map(|x| x * 10).or_else(|e| if e == 2 { Ok(-1) } else { Err(e) })?);
        }
        Ok(out)
    }
}

/// The state-machine and builder idiom `c = c.step(k).await;` and
/// `b = b.tag(n);` in loops, on a value held across awaits: each call takes
/// the value, and the assignment gives the variable a new one before any
/// later use. (E0507 before: the lowering saw the use after the loop, past
/// a `break`, or the next round of the loop, as a use of the value moved.)
pub mod value_reassigned_from_its_own_by_value_method_in_loops {
    use super::*;

    pub struct Machine(D);

    impl Machine {
        #[self::coroutine]
        async fn step(self, k: i64) -> Machine {
            let n = self.0.get();
            suspend(format!("step {n}+{k}")).await;
            Machine(D::with(format!("m{}", n + k), n + k))
        }

        fn tag(self, k: i64) -> Machine {
            let n = self.0.get();
            Machine(D::with(format!("t{}", n * 10 + k), n * 10 + k))
        }

        fn done(&self) -> bool {
            self.0.get() > 2
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64, i64) {
        let mut a = Machine(D::with("a", 0));
        loop {
            a = a.step(1).await;
            if a.done() {
                break;
            }
        }
        let mut w = Machine(D::with("w", 0));
        while !w.done() {
            w = w.step(2).await;
        }
        let ks = vec![1, 2];
        let mut f = Machine(D::with("f", 0));
        for k in ks.iter().rev() {
            f = f.step(*k).await;
        }
        let mut b = Machine(D::with("b", 1));
        for k in ks {
            if k != 1 {
                b = b.tag(k);
            }
            suspend("tagged").await;
        }
        (a.0.get(), w.0.get(), f.0.get(), b.0.get())
    }
}

/// The linked-list walk: in a loop whose body awaits, a `match` moves the
/// next node out of a field of the current one and reassigns the variable
/// in the arm that goes on; every other arm leaves the loop (`break`,
/// `return`). The move runs again only on the new value. Also an `if let`
/// whose `else` leaves, and the walk written as an assignment of a `match`.
pub mod list_walk_moves_next_out_and_reassigns {
    use super::*;

    pub struct Node {
        pub tag: D,
        pub next: Option<Box<Node>>,
    }

    fn list(names: &[&str]) -> Option<Box<Node>> {
        let mut head = None;
        for (i, name) in names.iter().enumerate().rev() {
            head = Some(Box::new(Node {
                tag: D::with(*name, i as i64),
                next: head,
            }));
        }
        head
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64) {
        let mut node = list(&["a", "b", "c"]).unwrap();
        loop {
            suspend(node.tag.name()).await;
            match node.next {
                Some(n) => node = n,
                None => break,
            }
        }
        let mut other = list(&["p", "q"]).unwrap();
        let found = loop {
            let n = value("step", other.tag.get()).await;
            if n > 5 {
                return (n, 0, 0);
            }
            if let Some(next) = other.next {
                other = next;
            } else {
                break n;
            }
        };
        let mut third = list(&["x", "y", "z"]).unwrap();
        let mut seen = 0;
        while seen < 10 {
            seen += value("seen", 1).await;
            third = match third.next {
                Some(n) => n,
                None => break,
            };
        }
        (node.tag.get() * 100 + found * 10 + third.tag.get(), seen, other.tag.get())
    }
}

/// In a loop whose body awaits, a field moved out of a value held across
/// the await and assigned anew before the loop comes round (a batcher's
/// `let batch = b.buf; b.buf = Vec::new();`), also moved straight into an
/// awaited call; and in a loop without an await.
pub mod field_moved_out_and_assigned_anew_in_loop {
    use super::*;

    pub struct Batcher {
        pub buf: Vec<D>,
        pub last: D,
        pub sent: i64,
    }

    async fn send(batch: Vec<D>) -> i64 {
        suspend("send").await;
        batch.iter().map(|d| d.get()).sum()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut b = Batcher { buf: Vec::new(), last: D::new("last0"), sent: 0 };
        let mut total = 0;
        for i in 0..5 {
            b.buf.push(D::with(format!("item{i}"), i));
            if b.buf.len() == 2 {
                let batch = b.buf;
                b.buf = Vec::new();
                total += send(batch).await;
                b.sent += 1;
            }
        }
        for i in 1..3 {
            total += value("last", b.last).await.get();
            b.last = D::with(format!("last{i}"), i);
        }
        // (A loop without an await, inside a statement.)
        for i in 5..9 {
            b.buf.push(D::with(format!("sync{i}"), i));
            if b.buf.len() == 2 {
                let batch = b.buf;
                b.buf = Vec::new();
                total += batch.iter().map(|d| d.get()).sum::<i64>();
            }
        }
        suspend("after sync").await;
        total * 100 + b.sent * 10 + b.buf.len() as i64 + b.last.get()
    }
}

/// In a loop whose body awaits, a field moved out of a value held across
/// the await and given anew by an assignment in each branch of an `if`
/// (and in every arm of a `match`, one arm leaving the loop) before the
/// loop comes round.
pub mod field_moved_out_and_assigned_in_each_branch_in_loop {
    use super::*;

    pub struct S {
        pub buf: Vec<D>,
        pub tag: D,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut s = S { buf: vec![D::with("b0", 1)], tag: D::new("tag") };
        let mut total = 0;
        for n in 0..4 {
            let batch = s.buf;
            total += value("batch", batch.len() as i64).await;
            if n % 2 == 0 {
                s.buf = Vec::new();
            } else {
                s.buf = vec![D::with(format!("b{n}"), n)];
            }
            drop(batch);
        }
        let mut m = 0;
        loop {
            let batch = s.buf;
            suspend("m").await;
            total += batch.iter().map(|d| d.get()).sum::<i64>();
            match m {
                0 => s.buf = vec![D::with("m0", 7)],
                1 => {
                    log("one");
                    s.buf = Vec::new();
                }
                _ => {
                    s.buf = vec![D::with("last", 9)];
                    break;
                }
            }
            m += 1;
        }
        // (An `else if` chain, one branch assigning the whole value.)
        for n in 0..3 {
            let batch = s.buf;
            value("chain", ()).await;
            total += batch.len() as i64;
            if n == 0 {
                s.buf = vec![D::with("c0", 3)];
            } else if n == 1 {
                s = S { buf: Vec::new(), tag: D::with("tag1", 4) };
            } else {
                s.buf = Vec::new();
            }
        }
        // (A loop without an await.)
        for n in 5..9 {
            let batch = s.buf;
            total += batch.iter().map(|d| d.get()).sum::<i64>();
            if n % 2 == 0 {
                s.buf = vec![D::with(format!("s{n}"), n)];
            } else {
                s.buf = Vec::new();
            }
        }
        suspend("after sync").await;
        total * 10 + s.buf.len() as i64 + s.tag.get()
    }
}

/// In a loop whose body awaits, a field moved out of a value held across
/// the await and given anew in each branch of an `if` or `match` one
/// branch of which awaits (`if .. { x().await; s.buf = .. } else { s.buf =
/// .. }`), or both.
pub mod field_moved_out_and_assigned_in_branches_that_await_in_loop {
    use super::*;

    pub struct S {
        pub buf: Vec<D>,
        pub tag: D,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut s = S { buf: vec![D::with("b0", 1)], tag: D::new("tag") };
        let mut total = 0;
        for n in 0..4 {
            let batch = s.buf;
            total += value("batch", batch.len() as i64).await;
            if n % 2 == 0 {
                suspend("even").await;
                s.buf = Vec::new();
            } else {
                s.buf = vec![D::with(format!("b{n}"), n)];
            }
            drop(batch);
        }
        for n in 0..3 {
            let batch = s.buf;
            total += batch.len() as i64;
            match n {
                0 => s.buf = vec![D::with("m0", 7)],
                1 => {
                    s.buf = Vec::new();
                    suspend("one").await;
                }
                _ => {
                    value("two", ()).await;
                    s.buf = vec![D::with("m2", 8)];
                }
            }
        }
        for n in 0..2 {
            let batch = s.buf;
            if n == 0 {
                suspend("a").await;
                s.buf = batch;
            } else {
                suspend("b").await;
                s.buf = Vec::new();
                drop(batch);
            }
        }
        total * 10 + s.buf.len() as i64 + s.tag.get()
    }
}

/// In a loop whose body awaits, a field moved out of a value held across
/// the await and given anew in a branch that then leaves by `continue` or
/// `break` (`if .. { s.buf = Vec::new(); continue; }`), and after it.
pub mod field_moved_out_and_assigned_before_continue_in_loop {
    use super::*;

    pub struct S {
        pub buf: Vec<D>,
        pub tag: D,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut s = S { buf: vec![D::with("b0", 1)], tag: D::new("tag") };
        let mut total = 0;
        for n in 0..5 {
            let batch = s.buf;
            total += value("batch", batch.len() as i64).await;
            if n % 2 == 0 {
                s.buf = Vec::new();
                log("skip");
                continue;
            }
            if n == 3 {
                s.buf = vec![D::with("last", 3)];
                break;
            }
            s.buf = vec![D::with(format!("b{n}"), n)];
        }
        let mut k = 0;
        loop {
            let batch = s.buf;
            suspend("k").await;
            k += 1;
            match k {
                1 => {
                    s.buf = batch;
                    continue;
                }
                2 => s.buf = Vec::new(),
                _ => {
                    s.buf = vec![D::with("end", 9)];
                    drop(batch);
                    break;
                }
            }
        }
        total * 10 + s.buf.len() as i64 + s.tag.get()
    }
}

/// A `move` closure (owning a value with drop glue, and a counter) called in
/// a `while let` on a method call whose body awaits: a call that runs again
/// is never the closure's last use, so it stays in place.
pub mod move_closure_called_in_while_let_that_awaits {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::with("captured", 10);
        let f = move |x: i64| x + d.get();
        let mut n = 0;
        let mut next_id = move || {
            n += 1;
            n
        };
        let mut it = vec![1, 2, 3].into_iter();
        let mut total = 0;
        while let Some(p) = it.next() {
            let w = value("w", p).await;
            total += f(w) * next_id();
        }
        log("end");
        total
    }
}

/// An event loop: `loop { match next().await { .. } }` whose arms await,
/// one of them `None => break on_shutdown(ticks)`, an `FnOnce` held
/// across the awaits: the arm leaves the loop, so the call is the
/// closure's last use (moved out, called once).
pub mod fn_once_called_in_an_arm_that_breaks {
    use super::*;

    async fn next(src: &mut Vec<i64>) -> Option<i64> {
        suspend("next").await;
        src.pop()
    }

    #[self::coroutine]
    async fn event_loop(mut src: Vec<i64>, conn: D) -> i64 {
        let on_shutdown = move |ticks: i64| {
            let n = conn.get();
            drop(conn);
            ticks * 100 + n
        };
        let mut ticks = 0;
        let code = loop {
            match next(&mut src).await {
                Some(1) => match ticks {
                    0 => log("first"),
                    _ => log("again"),
                },
                Some(t) => {
                    ticks += 1;
                    let n = value("persist", t).await;
                    log(format!("tick {n}"));
                }
                None => break on_shutdown(ticks),
            }
        };
        log("after loop");
        code
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        event_loop(vec![3, 1, 2], D::with("conn", 7)).await
    }
}

/// A `for` loop over owned items whose pattern leaves part of the item
/// unbound (`_`, `(a, _)`, `Pair { a, .. }`) or binds it by `ref`, with an
/// await in the body: the rest of the item lives to the end of the body,
/// as in rustc's `match next() { Some(pat) => body }` (and drops there if
/// cancelled).
pub mod for_pattern_leaving_part_of_the_item {
    use super::*;

    // (`b` is only dropped: never read.)
    #[allow(dead_code)]
    pub struct Pair {
        pub a: D,
        pub b: D,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut total = 0;
        for _ in vec![D::new("w0"), D::new("w1")] {
            suspend("wild").await;
        }
        for (a, _) in vec![(D::with("a0", 1), D::new("b0")), (D::with("a1", 2), D::new("b1"))] {
            suspend("tuple").await;
            total += a.get();
        }
        for Pair { a, .. } in vec![Pair { a: D::with("pa", 3), b: D::new("pb") }] {
            total += value("struct", a.get()).await;
        }
        for ref d in vec![D::with("r0", 4)] {
            suspend("ref").await;
            total += d.get();
        }
        total
    }
}


/// `for .. in &mut it` over an iterator of owned items (`let mut it =
/// v.into_iter();`, also after adapters), the body awaiting: a pattern
/// leaving part of the item keeps it to the end of the body (it dropped
/// at once, silently), and a field moved out of the item works (was
/// E0507): the items were taken for references, as `&mut v`'s are.
pub mod for_over_mut_ref_of_owning_iterator {
    use super::*;

    pub struct Rec {
        name: D,
        n: i64,
    }

    #[self::coroutine]
    async fn firsts(v: Vec<(D, D)>) -> usize {
        let mut it = v.into_iter();
        let mut seen = 0;
        for (a, _) in &mut it {
            log(format!("got {}", a.name()));
            suspend("firsts").await;
            seen += 1;
            if seen == 2 {
                break;
            }
        }
        seen + it.count()
    }

    #[self::coroutine]
    async fn names(v: Vec<Rec>) -> i64 {
        let mut it = v.into_iter().peekable();
        let mut sum = 0;
        for r in &mut it {
            suspend("names").await;
            let name = r.name;
            sum += name.get() + r.n;
        }
        sum
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let pairs = (1..=3).map(|i| (D::new(format!("a{i}")), D::new(format!("b{i}"))));
        let a = firsts(pairs.collect()).await as i64;
        let recs = vec![Rec { name: D::with("r1", 5), n: 1 }, Rec { name: D::with("r2", 7), n: 2 }];
        a * 100 + names(recs).await
    }
}

/// A list walked by `if let` and by a `match` with a `_` arm, whose
/// `Some(node)` takes the `Box` out of the `Option` in place, `node` held
/// across an await and `cur` given anew from it. The arm takes all of the
/// value, so the value is given up whole: the drop of what a pattern left
/// would read the `Option` again, its `Box` with it, while `node` owns it
/// (Miri reported undefined behaviour under both models for `walk` of
/// `while_let_on_places` and for these; run the case under Miri to check).
pub mod list_walked_by_moving_payload_in_place {
    use super::*;

    pub struct Node {
        d: D,
        next: Option<Box<Node>>,
    }

    fn list(tag: &str, n: i64) -> Option<Box<Node>> {
        (1..=n).rev().fold(None, |next, i| {
            Some(Box::new(Node { d: D::with(format!("{tag}{i}"), i), next }))
        })
    }

    #[self::coroutine]
    async fn by_if_let(mut cur: Option<Box<Node>>) -> i64 {
        let mut sum = 0;
        suspend("start").await;
        loop {
            if let Some(node) = cur {
                sum += node.d.get();
                suspend("node").await;
                cur = node.next;
            } else {
                break;
            }
        }
        sum
    }

    #[self::coroutine]
    async fn by_match(mut cur: Option<Box<Node>>) -> i64 {
        let mut sum = 0;
        suspend("start").await;
        loop {
            match cur {
                Some(node) => {
                    sum += node.d.get();
                    suspend("node").await;
                    cur = node.next;
                }
                _ => break,
            }
        }
        let _later = D::new("later");
        suspend("end").await;
        sum
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        by_if_let(list("i", 3)).await * 100 + by_match(list("m", 2)).await
    }
}

/// `while let` on places whose pattern moves out of them (rewritten as the
/// `loop { match .. }` rustc makes of it): a list walked through an
/// `Option<Box<_>>` held across awaits, a `Copy` field of `&mut self`, a
/// `Copy` local (after a `while let` on a struct's field taken out), and a
/// labelled loop left from an inner one.
pub mod while_let_on_places {
    use super::*;

    pub struct Node {
        d: D,
        next: Option<Box<Node>>,
    }

    fn list(n: i64) -> Option<Box<Node>> {
        (1..=n).rev().fold(None, |next, i| {
            Some(Box::new(Node { d: D::with(format!("n{i}"), i), next }))
        })
    }

    #[self::coroutine]
    async fn walk(mut cur: Option<Box<Node>>) -> i64 {
        let mut sum = 0;
        suspend("start").await;
        while let Some(node) = cur {
            sum += node.d.get();
            suspend("node").await;
            cur = node.next;
        }
        sum
    }

    #[self::coroutine]
    async fn walk_quietly(mut cur: Option<Box<Node>>) -> i64 {
        let mut sum = 0;
        suspend("start").await;
        while let Some(node) = cur {
            sum += node.d.get();
            cur = node.next;
        }
        suspend("end").await;
        sum
    }

    pub struct Walker {
        pos: Option<i64>,
    }

    impl Walker {
        #[self::coroutine]
        async fn steps(&mut self) -> i64 {
            let mut n = 0;
            while let Some(p) = self.pos {
                suspend("step").await;
                n += p;
                self.pos = if p < 3 { Some(p + 1) } else { None };
            }
            n
        }
    }

    pub struct Slot {
        item: Option<D>,
        tag: D,
    }

    #[self::coroutine]
    async fn refill() -> i64 {
        let mut s = Slot {
            item: Some(D::with("i1", 1)),
            tag: D::new("tag"),
        };
        let mut k = Some(2_i64);
        suspend("s").await;
        let mut n = 0;
        while let Some(d) = s.item.take() {
            n += d.get();
            s.item = if n < 3 { Some(D::with("i2", 2)) } else { None };
        }
        while let Some(x) = k {
            n += x;
            k = if x > 0 { Some(x - 1) } else { None };
        }
        let _later = D::new("later");
        suspend("after").await;
        n + s.tag.get() + k.unwrap_or(9)
    }

    #[self::coroutine]
    async fn labelled() -> i64 {
        let mut w: Result<D, D> = Ok(D::with("l1", 1));
        suspend("s").await;
        let mut n = 0;
        'outer: while let Ok(d) = w {
            n += d.get();
            w = Err(D::with("lerr", 7));
            for i in 0..3 {
                if i == 1 {
                    continue 'outer;
                }
                n += 10;
            }
        }
        suspend("after").await;
        n
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut walker = Walker { pos: Some(1) };
        walk(list(3)).await
            + 10 * walk_quietly(list(2)).await
            + 100 * walker.steps().await
            + 1000 * refill().await
            + 100_000 * labelled().await
    }
}

/// A field of a value held across an await, moved out by the pattern of a
/// `while let` (or of a `match` in a `loop`) and given anew in the arm
/// that moves it, every other arm leaving the loop with `break`: the
/// value stays in the frame and its other fields drop with it, as rustc's.
/// Also where the body awaits before the assignment, and with a guarded
/// arm.
pub mod field_moved_in_loop_given_anew {
    use super::*;

    pub struct S {
        item: Option<D>,
        tag: D,
        n: i64,
    }

    fn s(n: i64) -> S {
        S { item: Some(D::with("a", 1)), tag: D::new("tag"), n }
    }

    #[self::coroutine]
    async fn while_let() -> i64 {
        let mut s = s(10);
        suspend("held").await;
        let mut total = 0;
        while let Some(d) = s.item {
            total += d.get();
            s.item = None;
        }
        suspend("after").await;
        total + s.n
    }

    #[self::coroutine]
    async fn while_let_refilled() -> i64 {
        let mut s = s(20);
        suspend("held").await;
        let mut total = 0;
        while let Some(d) = s.item {
            total += d.get();
            let _g = D::new(format!("g{total}"));
            s.item = if total < 4 { Some(D::with(format!("r{total}"), total + 1)) } else { None };
            log(format!("refilled {}", s.item.is_some()));
        }
        suspend("after").await;
        total + s.n + s.tag.get()
    }

    #[self::coroutine]
    async fn loop_match() -> i64 {
        let mut s = s(30);
        suspend("held").await;
        let mut total = 0;
        loop {
            match s.item {
                Some(d) => {
                    total += d.get();
                    s.item = if total < 3 { Some(D::with("m", 2)) } else { None };
                }
                None => break,
            }
        }
        suspend("after").await;
        total + s.n
    }

    #[self::coroutine]
    async fn awaiting_body() -> i64 {
        let mut s = s(40);
        suspend("held").await;
        let mut total = 0;
        while let Some(d) = s.item {
            total += value(format!("with {}", d.name()), d.get()).await;
            s.item = if total < 3 { Some(D::with("w", 2)) } else { None };
            suspend("body").await;
        }
        suspend("after").await;
        total + s.n
    }

    #[self::coroutine]
    async fn guarded() -> i64 {
        let mut s = s(50);
        s.item = Some(D::with("big", 7));
        suspend("held").await;
        let mut total = 0;
        loop {
            match s.item {
                Some(d) if d.get() > 5 => {
                    total += d.get();
                    s.item = Some(D::with("small", 2));
                }
                Some(d) => {
                    total += 100 * d.get();
                    s.item = None;
                }
                None => break,
            }
        }
        suspend("after").await;
        total + s.n
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        while_let().await
            + 1000 * while_let_refilled().await
            + 1_000_000 * loop_match().await
            + 1_000_000_000 * awaiting_body().await
            + 1_000_000_000_000 * guarded().await
    }
}
