// `select!`/`join!`/`pin!` from tokio, futures and std, with `return`, `?`,
// `break` and `continue` inside select arms. `biased;` everywhere so that
// polling order is deterministic. These macros expand to code that awaits
// and pins: the attribute sees only their unexpanded tokens.

use futures::FutureExt;

#[derive(Debug, PartialEq)]
pub struct Failed(&'static str);

/// `tokio::select!` (biased): the first branch to complete wins; the other
/// branch's pending future is dropped; the handler awaits.
pub mod tokio_select_first_wins {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _d = D::new("held");
        tokio::select! {
            biased;
            a = pending_n("slow", 3, 1) => a,
            b = value("fast", 2) => b + value("handler", 10).await,
        }
    }
}

/// `return` from inside a `tokio::select!` handler.
pub mod tokio_select_return_in_arm {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _d = D::new("local");
        let x = tokio::select! {
            biased;
            a = value("a", 1) => {
                let _h = D::new("handler");
                return value("ret", a + 100).await;
            }
            b = pending_n("b", 5, 2) => b,
        };
        log("not reached");
        x
    }
}

/// `?` inside a `tokio::select!` handler.
pub mod tokio_select_question_in_arm {
    use super::*;

    #[self::coroutine]
    async fn f(ok: bool) -> Result<u32, Failed> {
        let _d = D::new("local");
        let v = tokio::select! {
            biased;
            r = value("r", if ok { Ok(1) } else { Err(Failed("r")) }) => r?,
            _ = pending_n("other", 4, ()) => 0,
        };
        Ok(v + value("after", 10).await)
    }

    #[self::coroutine]
    pub async fn run() -> (Result<u32, Failed>, Result<u32, Failed>) {
        (f(true).await, f(false).await)
    }
}

/// `break` and `continue` inside `tokio::select!` handlers in a loop.
pub mod tokio_select_break_continue {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<u32> {
        let mut seen = Vec::new();
        let mut i = 0u32;
        loop {
            i += 1;
            let _iter = D::new(format!("iter{i}"));
            tokio::select! {
                biased;
                x = value(format!("v{i}"), i) => {
                    if x == 2 {
                        continue;
                    }
                    if x == 4 {
                        break;
                    }
                    seen.push(x);
                }
                _ = pending_n(format!("p{i}"), 3, ()) => {}
            }
        }
        seen
    }
}

/// A `tokio::select!` whose patterns do not match falls to `else`; a
/// disabled branch (`, if false`) is never polled.
pub mod tokio_select_else_and_precondition {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let enabled = ev("cond", false);
        tokio::select! {
            biased;
            Some(x) = value("none", None::<u32>) => x,
            y = value("disabled", 5), if enabled => y,
            else => value("else", 9).await,
        }
    }
}

/// `tokio::join!` polls every future each time, in order.
pub mod tokio_join {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (u32, String, i64) {
        let d = D::with("borrowed", 3);
        tokio::join!(
            pending_n("a", 1, 1),
            async { value("b", String::from("two")).await },
            async { value("c", d.get()).await },
        )
    }
}

/// `tokio::try_join!` stops at the first error, dropping the others.
pub mod tokio_try_join_error {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<(u32, u32), Failed> {
        let _d = D::new("local");
        let r = tokio::try_join!(
            pending_n("slow", 3, Ok::<u32, Failed>(1)),
            pending_n("fails", 1, Err::<u32, Failed>(Failed("fails"))),
        );
        log("after try_join");
        r
    }
}

/// `tokio::pin!` a future, then await it by `&mut` after polling it once.
pub mod tokio_pin {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let fut = track("pinned", async { pending_n("inner", 2, 4).await });
        tokio::pin!(fut);
        let first = futures::poll!(fut.as_mut()).is_pending();
        log(format!("first poll pending: {first}"));
        (&mut fut).await
    }
}

/// `futures::join!`.
pub mod futures_join {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (u32, u32) {
        let _d = D::new("local");
        futures::join!(pending_n("a", 2, 1), value("b", 2))
    }
}

/// `futures::try_join!` with an error: the pending one is dropped.
pub mod futures_try_join_error {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<(u32, u32), Failed> {
        futures::try_join!(pending_n("slow", 3, Ok::<u32, Failed>(1)), async {
            value("fails", Err::<u32, Failed>(Failed("x"))).await
        },)
    }
}

/// `futures::select_biased!` over fused futures.
pub mod futures_select_biased {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _d = D::new("local");
        futures::select_biased! {
            a = pending_n("slow", 4, 1).fuse() => a,
            b = value("fast", 2).fuse() => b + value("handler", 20).await,
        }
    }
}

/// `return` and `?` inside `futures::select_biased!` handlers.
pub mod futures_select_return_and_question {
    use super::*;

    #[self::coroutine]
    async fn f(mode: u32) -> Result<u32, Failed> {
        let _d = D::new(format!("local{mode}"));
        let r = futures::select_biased! {
            x = value("x", mode).fuse() => {
                if x == 0 {
                    return Ok(value("ret", 100).await);
                }
                if x == 1 {
                    Err(Failed("one"))?;
                }
                x
            }
            y = pending_n("y", 3, 7u32).fuse() => y,
        };
        Ok(r + value("after", 1).await)
    }

    #[self::coroutine]
    pub async fn run() -> Vec<Result<u32, Failed>> {
        vec![f(0).await, f(1).await, f(2).await]
    }
}

/// `futures::select_biased!` in a loop over pinned fused futures declared
/// outside it, with `complete =>` breaking out.
pub mod futures_select_loop_complete {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<u32> {
        let mut a = value("a", 1).fuse();
        let mut b = pending_n("b", 2, 2).fuse();
        let mut got = Vec::new();
        loop {
            futures::select_biased! {
                x = a => got.push(x),
                y = b => {
                    got.push(y);
                    continue;
                }
                complete => break,
            }
            suspend(format!("after {}", got.len())).await;
        }
        got
    }
}

/// `futures::pin_mut!` and awaiting the pinned reference.
pub mod futures_pin_mut {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let d = D::with("captured", 5);
        let fut = async move { value("inner", d.get() as u32).await };
        futures::pin_mut!(fut);
        suspend("between").await;
        fut.await
    }
}

/// `std::pin::pin!` plus `futures::poll!`: poll a sub-future by hand, do
/// other work, then finish it.
pub mod std_pin_and_poll {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut fut = std::pin::pin!(track("sub", async {
            let _inner = D::new("inner");
            pending_n("p", 2, 7).await
        }));
        let first = futures::poll!(fut.as_mut());
        log(format!("first: {first:?}"));
        let other = value("other", 1).await;
        fut.await + other
    }
}

/// A `tokio::select!` whose branch futures borrow a frame local and await
/// inside async blocks.
pub mod tokio_select_borrowing_branches {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::with("shared", 2);
        let r = tokio::select! {
            biased;
            a = async { pending_n("a", 2, d.get()).await } => a,
            b = async { value("b", d.get() * 10).await } => b,
        };
        r + d.get()
    }
}

/// Found by writing book-style code: a bare `select!` imported from
/// futures, given a future by name. futures' borrows it: the future stays,
/// and is awaited after. The lowering took the macro for tokio's, moved
/// the future out, dropped it at the end of the `select!`, and the later
/// `.await` polled a dropped future.
pub mod futures_bare_select_borrows_named_future {
    use super::*;
    use futures::select;
    use std::cell::Cell;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    thread_local! {
        static GO: Cell<bool> = const { Cell::new(false) };
    }

    /// Pending, unlogged and without a wake, until `GO`: futures' `select!`
    /// polls its branches in a random order, so whether it polls this one
    /// must not show.
    pub struct Quiet(Option<D>);

    impl Future for Quiet {
        type Output = D;
        fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<D> {
            if !GO.get() {
                return Poll::Pending;
            }
            Poll::Ready(self.0.take().expect("polled after completion"))
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        GO.set(false);
        let mut slow = Box::pin(Quiet(Some(D::with("slow", 7))).fuse());
        let first = select! {
            d = slow => d.get(),
            n = futures::future::ready(2).fuse() => n,
        };
        log("after select");
        GO.set(true);
        suspend("s1").await;
        first + slow.await.get()
    }
}

/// Found by writing book-style code: an `async move` block or a `move`
/// closure inside a `select!` (a branch's future, a handler) that captures
/// a value held across an await. Its captures were left unwritten (E0425).
pub mod move_blocks_inside_select_capture_frame_values {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        f(4).await
    }

    #[self::coroutine]
    async fn f(k: i64) -> i64 {
        let s = D::with("s", 3);
        suspend("s1").await;
        tokio::select! {
            biased;
            x = async move { value("inner", s.get()).await } => {
                let f = move || x + k;
                f()
            }
            _ = std::future::pending::<()>() => 0,
        }
    }
}

/// Found by writing network code: a `select!` branch whose handler is a
/// block without a comma, followed by a branch whose pattern starts with
/// `(`: the block and the pattern were read as one call ("expected `,`").
pub mod select_block_handler_then_tuple_pattern {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let _d = D::new("local");
        tokio::select! {
            biased;
            x = std::future::pending::<i64>() => { x }
            (a, b) = value("pair", (3i64, 4i64)) => a + b,
        }
    }
}

/// Found by writing programs: std's `pin!` as an operand of an awaited
/// call (`join(pin!(a), pin!(b)).await`). rustc keeps each pinned value to
/// the end of the statement, across the await; the lowering dropped it
/// before the await (E0716). It now keeps it in a home of the frame and
/// pins it there.
pub mod std_pin_in_awaited_call {
    use super::*;
    use futures::future::{Either, join, select};
    use std::pin::pin;

    #[self::coroutine]
    pub(super) async fn held(name: &str, v: i64, polls: usize) -> i64 {
        let d = D::with(name, v);
        pending_n(format!("{name} waits"), polls, ()).await;
        d.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let tag = D::new("tag");
        let (a, b) = join(pin!(held("a", 1, 1)), pin!(held("b", 2, 2))).await;
        let r = match select(pin!(held("slow", 10, 3)), pin!(held("fast", 5, 1))).await {
            Either::Left((v, _)) => v,
            Either::Right((v, _)) => {
                log("fast first");
                v
            }
        };
        log(format!("selected {r} {}", tag.name()));
        a + b + r
    }
}

/// Found by writing retry loops: a `tokio::select!` whose branch returns
/// from the function, in a statement the lowering runs as a native block
/// (a `for` loop over `v.into_iter().enumerate()` with a tuple pattern).
/// The block's exits are rewritten to leave it as a `Flow`, but not those
/// inside the `select!`'s handlers (E0308, `Flow` against the return type).
pub mod select_returning_inside_a_native_statement {
    use super::*;

    #[self::coroutine]
    async fn attempts(costs: Vec<i64>, stop_at: usize) -> i64 {
        for (i, c) in costs.into_iter().enumerate() {
            let r = tokio::select! {
                biased;
                _ = value(format!("stop? {i}"), ()), if i == stop_at => return -1,
                r = value(format!("attempt {i}"), c) => r,
            };
            log(format!("attempt {i} -> {r}"));
        }
        7
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64) {
        (attempts(vec![1, 2], 5).await, attempts(vec![3, 4], 1).await)
    }
}

/// Found by writing macros: a `?` in an argument of `tokio::join!` or
/// `futures::join!` (`tokio::join!(a(x.parse()?), ..)`), or in a branch's
/// future of `tokio::select!`, which natively leaves the function: the
/// macro makes its futures in the function's own code. (E0277 before: the
/// lowering's `async` block around the macro took the `?` for its own.)
pub mod question_mark_in_join_arguments {
    use super::*;

    #[self::coroutine]
    async fn both(x: &str, y: &str) -> Result<i64, std::num::ParseIntError> {
        let _d = D::new("held");
        let (p, q) = tokio::join!(value("p", x.parse::<i64>()?), value("q", y.parse::<i64>()?));
        let (r, s) = futures::join!(value("r", 1), value("s", y.parse::<i64>()?));
        Ok(p + q + r + s)
    }

    #[self::coroutine]
    async fn first(x: &str) -> Result<i64, std::num::ParseIntError> {
        let _d = D::new("held");
        let v = tokio::select! {
            biased;
            v = value("x", x.parse::<i64>()?) => v,
            w = pending_n("slow", 3, 0) => w,
        };
        Ok(v)
    }

    #[self::coroutine]
    pub async fn run() -> (Vec<Result<i64, String>>,) {
        let mut out = Vec::new();
        for (x, y) in [("1", "2"), ("1", "z")] {
            out.push(both(x, y).await.map_err(|e| e.to_string()));
            out.push(first(y).await.map_err(|e| e.to_string()));
        }
        (out,)
    }
}

/// Found by writing low-level code: a suspending macro (`futures::poll!`,
/// `tokio::join!`) as an argument of a macro the lowering parses
/// (`assert_eq!(poll!(f.as_mut()), Poll::Pending)`, `format!("{:?}",
/// tokio::join!(..))`). The outer macro suspends too. (E0728 before: no
/// `.await` showed in its tokens, so the inner macro's landed in the poll
/// function.)
pub mod suspending_macro_inside_a_formatting_macro {
    use super::*;
    use std::task::Poll;

    #[self::coroutine]
    pub async fn run() -> (String, bool, Vec<i64>) {
        let mut f = std::pin::pin!(value("f", 4));
        assert_eq!(futures::poll!(f.as_mut()), Poll::Pending);
        let joined = format!("{:?}", tokio::join!(value("a", 1), value("b", 2)));
        let ready = matches!(futures::poll!(f.as_mut()), Poll::Ready(4));
        let v = vec![futures::join!(value("c", 5), suspend("d")).0];
        (joined, ready, v)
    }
}

/// A `?` in a branch's future of a bare `select!` (tokio's, imported with
/// `use tokio::select`), and a `?` inside a macro's arguments in a
/// `tokio::select!` branch's future and a `tokio::join!` operand: the
/// macro makes them inside its `async` block, which the `?` leaves as a
/// `Flow` that the coroutine performs.
pub mod question_mark_in_bare_select_and_inside_macro_arguments {
    use super::*;
    use tokio::select;

    #[self::coroutine]
    async fn bare(x: &str) -> Result<i64, std::num::ParseIntError> {
        let _d = D::new("held");
        let v = select! {
            biased;
            v = value("x", x.parse::<i64>()?) => v + 1,
            w = pending_n("slow", 3, 0) => w,
        };
        Ok(v)
    }

    #[self::coroutine]
    async fn in_format(x: &str) -> Result<i64, std::num::ParseIntError> {
        let v = tokio::select! {
            biased;
            v = value("f", format!("id={}", x.parse::<i64>()?)) => v.len() as i64,
            w = pending_n("slow", 3, 0) => w,
        };
        let (a, b) = tokio::join!(value("a", format!("{}", x.parse::<i64>()?)), value("b", 2));
        Ok(v + a.len() as i64 + b)
    }

    #[self::coroutine]
    pub async fn run() -> (Vec<Result<i64, String>>,) {
        let mut out = Vec::new();
        for x in ["4", "z"] {
            out.push(bare(x).await.map_err(|e| e.to_string()));
            out.push(in_format(x).await.map_err(|e| e.to_string()));
        }
        (out,)
    }
}

/// Exits inside the futures of `select!`s and `join!`s that only the
/// library's expansion evaluates in its order: a `?` in futures'
/// `select_biased!` and in a tokio branch's precondition (evaluated before
/// any future is made), a `return` in a future after one already made, and
/// a `break` and a `continue` in `join!`'s futures. Each leaves the macro's
/// `async` block, dropping the futures made so far, then the coroutine's
/// values (E0277 and E0308 before, for the first two: the `?` was the
/// block's).
pub mod exits_in_select_and_join_futures {
    use super::*;

    #[self::coroutine]
    async fn futures_select(x: &str) -> Result<i64, std::num::ParseIntError> {
        let _d = D::new("held");
        let v = futures::select_biased! {
            v = value(format!("x {x}"), x.parse::<i64>()?).fuse() => v,
            w = pending_n("slow", 3, 0).fuse() => w,
        };
        Ok(v + value("after", 1).await)
    }

    #[self::coroutine]
    async fn precondition(x: &str, on: bool) -> Result<i64, std::num::ParseIntError> {
        let _d = D::new("held");
        let v = tokio::select! {
            biased;
            v = value("p", ev("made p", 5)), if on && x.parse::<i64>()? > 0 => v,
            w = value("q", D::new("made q").get()), if !on => w,
            else => -1,
        };
        Ok(v)
    }

    #[self::coroutine]
    async fn returning(n: i64) -> i64 {
        let _d = D::new("held");
        let (a, b) = tokio::join!(
            value("a", D::with("a", n)),
            value("b", if n > 1 { return n * 100 } else { n }),
        );
        a.get() + b
    }

    #[self::coroutine]
    async fn looping() -> Vec<i64> {
        let mut out = Vec::new();
        for i in 0..4i64 {
            let _d = D::with("iteration", i);
            let (a, b) = futures::join!(
                value("a", D::with("a", i)),
                value("b", match i { 1 => continue, 3 => break, _ => i }),
            );
            out.push(a.get() + b);
        }
        out
    }

    #[self::coroutine]
    pub async fn run() -> (Vec<Result<i64, String>>, Vec<i64>, Vec<i64>) {
        let mut results = Vec::new();
        for x in ["4", "z", "-2"] {
            results.push(futures_select(x).await.map_err(|e| e.to_string()));
            for on in [true, false] {
                results.push(precondition(x, on).await.map_err(|e| e.to_string()));
            }
        }
        let returned = vec![returning(1).await, returning(2).await];
        (results, returned, looping().await)
    }
}

/// `tokio::pin!(s)` and `futures::pin_mut!(s)` on values declared before
/// other locals (and on an argument): the macros move the value into a new
/// variable of its name there, so it drops as a local declared at the
/// macro, before the ones declared earlier.
pub mod pin_macros_move_the_value_where_they_stand {
    use super::*;

    #[self::coroutine]
    async fn pinned_argument(s: D, a: D) -> i64 {
        futures::pin_mut!(s);
        suspend("arg").await;
        s.get() + a.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let s = D::with("s", 1);
        let t = D::with("t", 2);
        let _a = D::new("a");
        futures::pin_mut!(s);
        tokio::pin!(t);
        let _b = D::new("b");
        suspend("s").await;
        let n = pinned_argument(D::with("arg-s", 3), D::with("arg-a", 4)).await;
        s.get() + t.get() + n
    }
}


/// Fields moved out of values held across awaits inside `tokio::select!`:
/// in a handler (`let name = room.name;`), in a branch's future
/// (`consume(room.tag)`), and returned from a method taking `self` (`return
/// (self.stats, n)`); the rest of each value drops at the end of its scope.
/// Was E0507 (a move out of a raw pointer).
pub mod fields_moved_inside_select {
    use super::*;

    pub struct Room {
        id: u32,
        name: D,
        tag: D,
        rest: D,
    }

    // (`log` is never read: it only drops, after `stats` is moved out.)
    #[allow(dead_code)]
    pub struct Worker {
        stats: D,
        log: D,
    }

    impl Worker {
        // (A `return` from the handler is what the case is about.)
        #[allow(clippy::needless_return)]
        #[self::coroutine]
        async fn finish(self, n: u32) -> (D, u32) {
            suspend("finish").await;
            tokio::select! {
                biased;
                k = value("k", n) => return (self.stats, k),
            }
        }
    }

    fn consume(d: D) -> Leaf<i64> {
        value("consume", d.get())
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let room = Room {
            id: 2,
            name: D::with("name", 5),
            tag: D::with("tag", 7),
            rest: D::with("rest", 1),
        };
        suspend("start").await;
        let got = tokio::select! {
            biased;
            t = consume(room.tag) => {
                let name = room.name;
                log("moved name");
                suspend("in handler").await;
                t + name.get() + i64::from(room.id)
            }
        };
        log("after select");
        let w = Worker {
            stats: D::with("stats", 3),
            log: D::with("log", 4),
        };
        let (stats, k) = w.finish(6).await;
        suspend("end").await;
        got + stats.get() + i64::from(k) + room.rest.get()
    }
}

/// std's `pin!` in an array and a tuple a `let` binds (the pinned values
/// live as long as the binding, as rustc extends them), over frame values
/// (`pin!(x)`, `x` made before an await), and awaited at once with an
/// operand naming a frame value (`pin!(held(k)).await`). Were E0716 and a
/// "cannot see into `pin!`" error.
pub mod std_pin_extended_by_let_and_awaited_at_once {
    use super::std_pin_in_awaited_call::held;
    use super::*;
    use std::pin::pin;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let k = 5;
        let x = held("x", 1, 2);
        let y = held("y", 2, 1);
        suspend("made").await;
        let (a, b) = (pin!(x), pin!(y));
        let s = b.await + a.await;
        log("after pair");
        let c = pin!(held("c", k, 1)).await;
        let mut futs = [pin!(held("f3", 3, 1)), pin!(held("f4", 4, 2))];
        let mut sum = 0;
        for f in futs.iter_mut() {
            sum += f.as_mut().await;
        }
        log("after array");
        s * 1000 + c * 100 + sum
    }
}

/// `tokio::select!` branches that are `async` blocks, not `move`, calling
/// a method that takes a value held across an await (`finish(self)`):
/// the branch that loses is dropped at the end of the `select!` with the
/// value it took; a method that borrows (`peek(&self)`) leaves its value
/// in place, to drop at the end of its scope.
pub mod select_blocks_taking_values_by_method {
    use super::*;

    pub struct Guard(D);

    impl Guard {
        pub fn finish(self) -> i64 {
            log("finish");
            self.0.get()
        }

        pub fn peek(&self) -> i64 {
            self.0.get() + 100
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let fast = Guard(D::with("fast", 1));
        let slow = Guard(D::with("slow", 2));
        let kept = Guard(D::with("kept", 3));
        suspend("start").await;
        let r = tokio::select! {
            biased;
            a = async { pending_n("slow", 3, 0).await + slow.finish() } => a,
            b = async { value("fast", 10).await + fast.finish() + kept.peek() } => b,
        };
        log("selected");
        suspend("end").await;
        r + kept.peek()
    }
}

/// Pinning in a crate (here a module) that forbids `unsafe` code, as many
/// services do: `tokio::pin!(deadline)` before a `select!` loop,
/// `futures::pin_mut!`, std's `pin!` bound by a `let` and as an operand.
/// rustc's macros carry their own `unsafe`, which the lint does not see;
/// the lowering's rewrite of them was spanned at the user's tokens ("usage
/// of an `unsafe` block", an error under `forbid(unsafe_code)`). Found by a
/// crate of service code (a batcher flushing on a pinned deadline).
pub mod pinning_where_unsafe_code_is_forbidden {
    #![forbid(unsafe_code)]
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let fut = track("pinned", async { pending_n("inner", 2, 4).await });
        tokio::pin!(fut);
        let other = value("other", 1);
        futures::pin_mut!(other);
        let a = (&mut fut).await + other.await;
        let b = std::pin::pin!(value("std", 2));
        let c = futures::future::join(std::pin::pin!(value("j1", 3)), std::pin::pin!(value("j2", 4))).await;
        a + b.await + c.0 + c.1
    }
}
