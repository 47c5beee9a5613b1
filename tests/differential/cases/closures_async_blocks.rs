// Nested `async` blocks and closures capturing frame locals by reference
// and by move, awaited later; closures called across awaits; async
// closures.

/// An async block borrowing a local, created before an await and awaited
/// after it.
pub mod async_block_borrowing_local {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::with("local", 2);
        let fut = async { value("in block", d.get()).await * 10 };
        suspend("between").await;
        let x = fut.await;
        x + d.get()
    }
}

/// An `async move` block owns its capture and drops it when it completes.
pub mod async_move_block_owns_capture {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::with("moved", 3);
        let fut = async move {
            suspend("in block").await;
            d.get()
        };
        log("created");
        let x = fut.await;
        log("after await");
        x
    }
}

/// An async block that is never awaited: its captures drop with it.
pub mod async_block_never_awaited {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let d = D::new("captured");
        let fut = async move {
            log("never runs");
            d.get()
        };
        suspend("s").await;
        drop(fut);
        log("after drop");
        value("end", 1).await
    }
}

/// An async block polled once (suspended inside) and then dropped: its
/// inner locals and captures drop in order.
pub mod async_block_polled_then_dropped {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> bool {
        let d = D::new("captured");
        let pending = {
            let mut fut = std::pin::pin!(async move {
                let _inner = D::new("inner");
                suspend("in block").await;
                d.get()
            });
            futures::poll!(fut.as_mut()).is_pending()
        };
        log("after block");
        suspend("end").await;
        pending
    }
}

/// A tracked async block: its cancellation when the outer future is dropped
/// shows in the log.
pub mod tracked_async_block {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _outer = D::new("outer");
        track("block", async {
            let _inner = D::new("inner");
            value("a", 1).await + value("b", 2).await
        })
        .await
    }
}

/// Nested async blocks, each awaiting.
pub mod nested_async_blocks {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        async {
            let a = async { value("innermost", 1).await }.await;
            a + value("middle", 2).await
        }
        .await
            + value("outer", 3).await
    }
}

/// `return` inside an async block returns from the block, not from the
/// enclosing coroutine.
pub mod return_inside_async_block {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let r = async {
            let _d = D::new("block");
            if value("c", true).await {
                return 1;
            }
            2
        }
        .await;
        log("coroutine continues");
        r + value("after", 10).await
    }
}

/// `?` inside an async block propagates to the block's result.
pub mod question_inside_async_block {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (Result<u32, String>, u32) {
        let r: Result<u32, String> = async {
            let _d = D::new("block");
            let x = value("a", Err::<u32, _>(String::from("bad"))).await?;
            Ok(x + value("never", 1).await)
        }
        .await;
        (r, value("after", 5).await)
    }
}

/// Futures of async blocks created in a loop, collected, then awaited one by
/// one: unawaited ones are dropped on cancellation.
pub mod collected_async_blocks {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let futs: Vec<_> = (0..3u32)
            .map(|i| {
                let d = D::new(format!("cap{i}"));
                async move {
                    let x = value(format!("f{i}"), i).await;
                    drop(d);
                    x
                }
            })
            .collect();
        let mut sum = 0;
        for f in futs {
            sum += f.await;
        }
        sum
    }
}

/// An `FnMut` closure mutating a local, called with awaited arguments across
/// awaits.
pub mod closure_called_across_awaits {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (u32, u32) {
        let mut count = 0;
        let mut add = |n: u32| {
            count += n;
            log(format!("add {n} -> {count}"));
            count
        };
        add(value("a", 1).await);
        suspend("between").await;
        let last = add(value("b", 2).await);
        (last, count)
    }
}

/// A `move` closure owning a drop-logging value, held across awaits and
/// dropped at the end of the scope.
pub mod move_closure_held_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::with("captured", 4);
        let c = move || d.get();
        let x = c() + value("a", 1).await;
        suspend("s").await;
        x + c()
    }
}

/// A closure that returns a future, called twice and awaited.
pub mod closure_returning_future {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let base = value("base", 100).await;
        let make = |tag: &str, x: u32| value(tag, base + x);
        make("a", 1).await + make("b", 2).await
    }
}

/// An async closure (`async |x| ...`) called twice.
pub mod async_closure {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let c = async |x: u32| value(format!("c{x}"), x).await + 1;
        c(1).await + c(2).await
    }
}

/// An async closure borrowing a local, called across awaits.
pub mod async_closure_borrowing_local {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::with("borrowed", 5);
        let c = async || value("in closure", d.get()).await;
        let a = c().await;
        suspend("between").await;
        a + c().await
    }
}

/// An `async move` closure consuming its capture (`AsyncFnOnce`).
pub mod async_move_closure_once {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::with("owned", 6);
        let c = async move || {
            suspend("in closure").await;
            d.into_inner()
        };
        log("closure created");
        let x = c().await;
        log("after call");
        x
    }
}

/// A closure that builds an async block borrowing a frame local.
pub mod closure_building_borrowing_block {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::with("frame", 7);
        let make = |n: i64| {
            let d = &d;
            async move { value(format!("n{n}"), d.get() + n).await }
        };
        let a = make(1);
        let b = make(2);
        b.await + a.await
    }
}

/// A value moved into an `async move` block only on one branch, and one
/// moved into a `move` closure made in a loop: neither capture is the
/// value's certain end, so each keeps its home (and drops at the end of its
/// scope when not moved).
pub mod move_capture_in_branch_and_loop {
    use super::*;

    // The closure is made and called in one iteration on purpose.
    #[allow(clippy::redundant_closure_call)]
    #[self::coroutine]
    async fn maybe_move(flag: bool) -> i64 {
        let d = D::with("maybe moved", 4);
        let mut n = 0;
        if flag {
            let fut = async move { d.get() };
            n += fut.await;
        }
        suspend("after branch").await;
        let e = D::with("copied", 2);
        let k = e.get();
        for i in 0..2 {
            let add = move |x: i64| x + k + i;
            n = add(n);
            suspend("in loop").await;
        }
        n + e.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        maybe_move(true).await * 100 + maybe_move(false).await
    }
}

/// A coroutine awaiting itself through `Box::pin`: each level's locals drop
/// in rustc's order, also when cancelled in the middle of the recursion.
pub mod recursion_through_box_pin {
    use super::*;

    #[self::coroutine]
    async fn depth(n: i64) -> i64 {
        let _d = D::new(format!("level{n}"));
        if n == 0 {
            return value("bottom", 0).await;
        }
        let here = value(format!("at{n}"), n).await;
        here + Box::pin(depth(n - 1)).await
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        depth(3).await
    }
}

/// A closure (not `move`) whose body is an `async move` block copying a
/// value of the coroutine, stored across an await and called twice: the
/// closure is stored in the frame, so what it captures must not borrow the
/// poll's own locals (the drop flags were captured so: E0716).
pub mod closure_returning_async_move_block {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let base = ev("base", 10);
        let d = D::with("d", 5);
        let c = || async move { value("c", base + 1).await };
        let a = c().await;
        let b = c().await;
        let e = || async { value("e", d.get()).await };
        a + b + e().await
    }
}

/// A closure that names nothing of the coroutine, boxed as a `dyn Fn`
/// (a struct field's type, a parameter's) before an operand that awaits:
/// it is made where it is used, whose type types its parameters (E0282
/// when it was kept in a temporary before the await).
pub mod boxed_closure_before_awaiting_operand {
    use super::*;

    pub struct Cfg {
        f: Box<dyn Fn(&str) -> usize>,
        n: usize,
    }

    fn apply(f: Box<dyn Fn(&str) -> usize>, s: String) -> usize {
        f(&s)
    }

    #[self::coroutine]
    pub async fn run() -> usize {
        let c = Cfg { f: Box::new(|s| s.len()), n: value("n", 2).await };
        let k = apply(Box::new(|s| s.len() * 10), value("s", String::from("abc")).await);
        (c.f)("abcd") + c.n + k
    }
}

/// A closure that is not `move` and moves a value held across an await
/// takes it where it is made (rustc captures it by value), so it may
/// outlive the value's scope. The lowering could neither move it out of
/// its slot inside the closure (E0507) nor when the closure runs (the slot
/// is gone by then): it made the closure `move`. Was a UI test of a
/// rejection.
pub mod non_move_closure_takes_value_it_moves {
    use super::*;

    fn consume(d: D) -> i64 {
        d.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let release;
        {
            let guard = D::with("guard", 3);
            suspend("s1").await;
            release = || consume(guard);
            log("closure made");
        }
        suspend("s2").await;
        let unused = {
            let other = D::with("never run", 5);
            suspend("s3").await;
            let c = || drop(other);
            log("second closure made");
            let _ = &c;
            1
        };
        log("second scope left");
        release() + unused
    }
}

/// `tokio::join!` of a server and an `async` block (not `move`) that
/// hands the sender to a client: the block owns the sender, so the channel
/// closes when the client is done and the server sees the end. A `Copy`
/// value the block also uses by value stays usable after.
pub mod non_move_async_block_in_join_owns_sender {
    use super::*;

    async fn client(tx: std::sync::mpsc::Sender<u32>, n: u32) -> u32 {
        for i in 0..n {
            suspend(format!("send {i}")).await;
            tx.send(i).unwrap();
        }
        log("client done");
        n
    }

    async fn server(rx: std::sync::mpsc::Receiver<u32>) -> u32 {
        let mut sum = 0;
        loop {
            suspend("recv").await;
            match rx.try_recv() {
                Ok(v) => sum += v,
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => break,
            }
        }
        log(format!("server saw the end: {sum}"));
        sum
    }

    #[self::coroutine]
    pub async fn run() -> u32 {
        let (tx, rx) = std::sync::mpsc::channel();
        let n = 3u32;
        let d = D::with("held", 1);
        suspend("start").await;
        let (a, b) = tokio::join!(server(rx), async { client(tx, n).await });
        log(format!("n is still {n}"));
        a + b + d.get() as u32
    }
}

/// A closure that is not `move`, using a `Copy` value by value and
/// borrowing another: made `move` by the lowering, it copies the first and
/// reaches the second through its slot, and stays callable many times.
pub mod non_move_closure_copies_and_borrows {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let n = value("n", 5).await;
        let label = D::with("label", 10);
        let add = |x: i64| x + n + label.get();
        let r = add(1) + add(value("x", 2).await);
        suspend("s").await;
        log(format!("n {n}"));
        r + label.get()
    }
}

/// A non-`move` `async` block that moves one value and reads another,
/// held across awaits and awaited later; dropped unfinished on
/// cancellation with the value it took.
pub mod non_move_async_block_moves_one_value {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::with("d", 1);
        let e = D::with("e", 2);
        suspend("s1").await;
        let fut = async {
            let x = d;
            suspend("in block").await;
            x.get() + e.get()
        };
        log("block made");
        suspend("s2").await;
        let r = fut.await;
        log("block done");
        r + e.get()
    }
}

/// Two coroutines awaiting boxed calls of each other (a recursive-descent
/// parser's shape): each boxed call may be a recursion, so it is awaited
/// in an `async` block (in the frame's type the future would contain its
/// own type: E0720).
pub mod mutual_recursion_through_box_pin {
    use super::*;

    /// `expr := term ('+' expr)?`
    #[self::coroutine]
    async fn expr(tokens: &[char], at: usize) -> (i64, usize) {
        let _d = D::new(format!("expr{at}"));
        let (left, next) = Box::pin(term(tokens, at)).await;
        if tokens.get(next) == Some(&'+') {
            let (right, end) = Box::pin(expr(tokens, next + 1)).await;
            return (left + right, end);
        }
        (left, next)
    }

    /// `term := digit | '(' expr ')'`
    #[self::coroutine]
    async fn term(tokens: &[char], at: usize) -> (i64, usize) {
        suspend(format!("term{at}")).await;
        match tokens[at] {
            '(' => {
                let (v, end) = Box::pin(expr(tokens, at + 1)).await;
                (v * 10, end + 1)
            }
            c => (i64::from(c.to_digit(10).unwrap_or(0)), at + 1),
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, usize) {
        let tokens: Vec<char> = "1+(2+3)+4".chars().collect();
        expr(&tokens, 0).await
    }
}

/// A `move` closure naming a field of a value whose type has a `Drop` impl
/// (rustc captures the value whole) at that variable's last use, with later
/// variables of the same name (another `let d`, a closure's `|d|`, an
/// arm's `Some(d)`): none of them is a use of the first.
pub mod move_closure_at_last_use_before_namesakes {
    use super::*;

    pub struct Guarded(pub D);

    impl Drop for Guarded {
        fn drop(&mut self) {
            log(format!("guarded {}", self.0.name()));
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut total = 0;
        {
            let d = Guarded(D::with("a", 1));
            let f = move || d.0.get();
            suspend("s").await;
            total += f();
        }
        let d = Guarded(D::with("b", 2));
        total += [1, 2].iter().map(|d| d * 10).sum::<i64>();
        match Some(3) {
            Some(d) => total += d,
            None => total -= 1,
        }
        total + d.0.get()
    }
}


/// `FnOnce` closures kept in fields of values held across awaits, called
/// at the value's last use (`(task.cb)(a)`, `(self.done)(n)` in a method
/// taking `self`): the call moves the field out and leaves the rest to
/// drop at the end of its scope, as rustc's partial move does. A `dyn Fn`
/// field called in a loop, or before the value's other fields are used,
/// or through an `Rc`, an `Arc` or a reference, is called in place. Was
/// E0507 (a move out of a raw pointer).
pub mod fn_once_fields_called_at_last_use {
    use super::*;

    pub struct Task {
        name: D,
        cb: Box<dyn FnOnce(i64) -> i64>,
    }

    pub struct Job<F> {
        done: F,
        tag: D,
    }

    impl<F: FnOnce(i64) -> i64> Job<F> {
        #[self::coroutine]
        async fn finish(self, n: i64) -> i64 {
            let k = value("finish", n).await;
            (self.done)(k) + self.tag.get()
        }
    }

    pub struct Ticker {
        tick: Box<dyn Fn(i64) -> i64>,
        count: D,
    }

    pub struct Op {
        f: Box<dyn Fn(i64) -> i64 + Send + Sync>,
    }

    impl Op {
        #[self::coroutine]
        async fn apply(self: std::sync::Arc<Self>, x: i64) -> i64 {
            suspend("apply").await;
            (self.f)(x)
        }
    }

    // Through a pointer (`Rc`, `Arc`, a reference syntax does not show),
    // the call borrows the field.
    #[self::coroutine]
    async fn through_pointers(ops: Vec<Op>) -> i64 {
        let rc = std::rc::Rc::new(Op { f: Box::new(|x| x + 1) });
        let first = ops.first().expect("an op");
        suspend("pointers").await;
        let a = (rc.f)(1) + (first.f)(2);
        a + std::sync::Arc::new(Op { f: Box::new(|x| x * 3) }).apply(4).await
    }

    #[self::coroutine]
    async fn exec(task: Task) -> i64 {
        let a = value("len", task.name.get()).await;
        let r = (task.cb)(a);
        log("called");
        suspend("after call").await;
        r + task.name.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let guard = D::with("captured", 3);
        let task = Task {
            name: D::with("name", 2),
            cb: Box::new(move |x| x * 10 + guard.get()),
        };
        let a = exec(task).await;
        let job = Job {
            done: |x: i64| x + 1,
            tag: D::with("tag", 5),
        };
        let b = job.finish(4).await;
        let t = Ticker {
            tick: Box::new(|x| x * 2),
            count: D::with("count", 1),
        };
        let mut sum = 0;
        for i in 0..3 {
            suspend("tick").await;
            sum += (t.tick)(i);
        }
        let last = (t.tick)(sum);
        suspend("last").await;
        let p = through_pointers(vec![Op { f: Box::new(|x| x - 1) }]).await;
        a + b + last + t.count.get() + p * 1000
    }
}

/// A `move` closure that only borrows what it captures (`move |n|
/// held.len() + n`, `held` a `Vec` of values that log their drop), called at
/// its last use after an await: the call borrows it (`Fn`), so it and what
/// it captured drop at the end of its scope, after later statements. It
/// was moved into the call and dropped there.
pub mod borrowing_move_closure_called_at_last_use {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> usize {
        let held = vec![D::new("l1"), D::new("l2")];
        let f = move |n: usize| held.len() + n;
        suspend("made").await;
        let a = f(1);
        log(format!("called {a}"));
        let other = D::new("other");
        suspend("after").await;
        a + other.name().len()
    }
}

/// An `async` block that is not `move` using fields of a local by value
/// (`consume(c.aux)`, `c.n + 1`), made, then awaited after another await:
/// rustc captures those fields by value where the block is made (a `Copy`
/// one by a borrow), the rest of the local stays and drops at the end of
/// its scope. Was E0507 (a move out of the frame inside the block).
pub mod non_move_block_using_fields_by_value {
    use super::*;

    pub struct Conn {
        name: D,
        aux: D,
        n: i64,
    }

    #[self::coroutine]
    async fn consume(d: D) -> i64 {
        suspend("consume").await;
        d.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let c = Conn { name: D::with("name", 1), aux: D::with("aux", 2), n: 3 };
        suspend("start").await;
        let blk = async { consume(c.aux).await + c.n + c.name.get() };
        log("made");
        suspend("between").await;
        let r = blk.await;
        log(format!("after {r}"));
        suspend("end").await;
        r
    }
}

/// A `move` closure or `async move` block inside a closure that is not
/// `move` (`opt.map(|n| async move { n + name.get() })`), naming a value
/// held across an await at its last use: rustc's outer closure captures
/// the value where it is made, so it drops with that closure (here, after
/// a later statement), even if the closure never runs. Was E0277 (the
/// value taken anew at each call of the outer closure, as in a loop).
pub mod move_block_inside_closure_that_is_not_move {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let name = D::with("name", 2);
        let kept = D::with("kept", 10);
        let unused = D::with("unused", 5);
        suspend("start").await;
        let block = Some(3).map(|n| async move { value("inner", n).await + name.get() });
        log("made");
        let never = None::<i64>.map(|n| move || n + unused.get());
        log(format!("never {}", never.is_some()));
        let r = match block {
            Some(b) => b.await,
            None => 0,
        };
        suspend("after").await;
        let tail = D::with("tail", 7);
        let g = |k: i64| {
            let show = || kept.get() + k;
            let a = show();
            let owned = move || tail.get() * 2;
            a + owned()
        };
        log("closure made");
        suspend("before call").await;
        r + g(1)
    }
}

/// A closure that is not `move` consuming a value held across an await,
/// inside another closure that is not `move` (`opt.map(|k| { let g = ||
/// drop(tok); g(); k })`): rustc's inner closure captures the value by
/// value, so the outer one does too, where it is made; it drops where the
/// inner closure consumes it, or with the outer closure if that never runs.
/// Also two levels deep, beside a `move` closure inside, and a closure
/// consuming a value that one inside it borrows. Was E0507.
pub mod closure_consuming_a_value_inside_closure_that_is_not_move {
    use super::*;

    fn consume(d: D) -> i64 {
        d.get() * 3
    }

    pub struct Guard {
        // (Only dropped.)
        #[allow(dead_code)]
        d: D,
        pub n: i64,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let tok = D::with("tok", 1);
        let never = D::with("never", 2);
        let deep = D::with("deep", 4);
        let kept = D::with("kept", 6);
        let moved = D::with("moved", 8);
        suspend("start").await;
        let opt = Some(3);
        let r = opt.map(|k| {
            let g = || drop(tok);
            g();
            k + 1
        });
        log("mapped");
        let n = None::<i64>.map(|k| {
            let g = || consume(never);
            g() + k
        });
        log(format!("none {}", n.is_none()));
        let h = |k: i64| {
            let mid = || {
                let inner = || consume(deep);
                inner()
            };
            mid() + k + kept.get()
        };
        log("h made");
        suspend("between").await;
        let both = |k: i64| {
            let a = || consume(moved);
            let b = move || k * 2;
            a() + b()
        };
        let guard = Guard { d: D::with("guard", 9), n: 9 };
        suspend("guard").await;
        let fin = || {
            let peek = || guard.n;
            let p = peek();
            drop(guard);
            p
        };
        suspend("before calls").await;
        r.unwrap_or(0) + h(1) + both(5) + kept.get() + fin()
    }
}

/// An `async` closure that is not `move` using `Copy` values held across
/// awaits by value (`async |x| x + offset`), passed where `FnMut` is
/// needed: rustc captures them by reference, so the closure's futures
/// borrow them, not the closure, and it is `FnMut`. It was made `move`
/// (E0277: "async closure does not implement `FnMut` because it captures
/// state from its environment").
pub mod async_closure_using_copy_values_by_value {
    use super::*;

    async fn call_twice<F: FnMut(i64) -> Fut, Fut: std::future::Future<Output = i64>>(
        mut f: F,
    ) -> i64 {
        f(1).await + f(2).await
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        compute(100).await
    }

    #[self::coroutine]
    async fn compute(offset: i64) -> i64 {
        let scale = value("scale", 10).await;
        let held = D::with("held", 3);
        suspend("before").await;
        let a = call_twice(async |x| value("in closure", x * scale).await + offset).await;
        let b = call_twice(async |x| x + held.get() + scale).await;
        a + b
    }
}

/// Closures inside a closure that is not `move`: one consuming a value
/// beside one borrowing another mutably (`|k| { let mut push = ||
/// log_v.push(k); push(); let g = || consume(tok); g() + k }`), an `async`
/// block that is not `move` consuming a value inside one, and one inside a
/// `move` closure inside one. The outer closure takes what is consumed
/// where it is made, and reaches the rest in the frame.
pub mod closures_inside_closure_that_is_not_move_consuming_and_borrowing {
    use super::*;

    fn consume(d: D) -> i64 {
        d.get() * 3
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let tok = D::with("tok", 1);
        let mut log_v: Vec<i64> = Vec::new();
        let other = D::with("other", 5);
        let mid_move = D::with("mid", 7);
        suspend("start").await;
        let f = |k: i64| {
            let mut push = || log_v.push(k);
            push();
            let g = || consume(tok);
            g() + k
        };
        let a = f(2);
        log(format!("log {:?}", log_v));
        suspend("mid").await;
        let fut = Some(1).map(|_k| async { consume(other) });
        let b = match fut {
            Some(f) => f.await,
            None => 0,
        };
        let h = || {
            let m = move || {
                let inner = || consume(mid_move);
                inner()
            };
            m()
        };
        suspend("end").await;
        a + b + h()
    }
}

/// A closure that is not `move` calling a method that takes its receiver
/// by value (`finish(self)`) on a value held across an await: rustc
/// captures the value by value where the closure is made, so it drops with
/// the closure if the closure is never called (here: `unused`), and is
/// consumed by the call otherwise. A method that borrows (`peek(&self)`)
/// captures by reference: the value stays in place and drops at its
/// scope's end.
pub mod non_move_closure_calls_method_taking_self {
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
        let guard = Guard(D::with("guard", 1));
        let kept = Guard(D::with("kept", 2));
        let unused = Guard(D::with("unused", 3));
        suspend("s1").await;
        let f = || guard.finish();
        let p = || kept.peek();
        let u = || unused.finish();
        log("closures made");
        suspend("s2").await;
        let r = p() + f();
        drop(u);
        log("u dropped");
        suspend("s3").await;
        r + p() + kept.peek()
    }
}

/// A closure that is not `move` using a value held across an await both in
/// place and by value (`d.touch(1)`, then `drop(d)`): rustc captures it by
/// value where the closure is made. A `Copy` value whose methods mutate it
/// (`bump(&mut self)`) and take it (`get(self)`) is captured by reference:
/// the closure's changes are seen after it. Made in a loop, a closure
/// taking a value that is called in one iteration and only dropped in the
/// other drops the value with it.
pub mod non_move_closure_touches_then_takes {
    use super::*;

    #[derive(Clone, Copy)]
    pub struct Counter(i64);

    impl Counter {
        pub fn bump(&mut self) {
            self.0 += 1;
        }

        pub fn get(self) -> i64 {
            self.0
        }
    }

    pub struct Guard(D);

    impl Guard {
        pub fn finish(self) -> i64 {
            log("finish");
            self.0.get()
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::with("d", 1);
        let mut c = Counter(10);
        suspend("s1").await;
        let f = || {
            let t = d.touch(1);
            drop(d);
            t
        };
        let mut g = || {
            c.bump();
            c.get()
        };
        log("closures made");
        suspend("s2").await;
        let mut r = f() + g() + g();
        log(format!("counter {}", c.get()));
        for i in 0..2 {
            let guard = Guard(D::with(format!("guard {i}"), i));
            suspend("in loop").await;
            let h = || guard.finish();
            if i == 0 {
                r += h();
            } else {
                log("not called");
            }
        }
        r
    }
}

/// `futures::join!` of `async` blocks that are not `move`: one awaits,
/// then sends on a oneshot sender (`send(self)`: the block owns the
/// sender), one awaits the receiver; a third only asks whether a sender
/// is closed (`is_canceled(&self)`), which stays in place and drops at
/// its scope's end. tokio's oneshot the same way.
pub mod non_move_blocks_in_join_send_on_oneshot {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let (tx, rx) = futures::channel::oneshot::channel::<u32>();
        let (kept, _kept_rx) = futures::channel::oneshot::channel::<u32>();
        let (ttx, trx) = tokio::sync::oneshot::channel::<u32>();
        let d = D::with("held", 1);
        suspend("start").await;
        let (_, got, closed) = futures::join!(
            async {
                let v = value("work", 5).await;
                tx.send(v).ok();
                log("sent");
            },
            async {
                let r = rx.await.ok();
                log(format!("got {r:?}"));
                r.unwrap_or(0)
            },
            async { kept.is_canceled() },
        );
        let (_, tgot) = tokio::join!(
            async {
                suspend("tokio work").await;
                ttx.send(7).ok();
            },
            async { trx.await.unwrap_or(0) },
        );
        log(format!("closed {closed}"));
        suspend("end").await;
        got + tgot + d.get() as u32 + u32::from(kept.is_canceled())
    }
}

/// A closure mutating frame values (`|x| out.push(x)`, `|x| total += x`),
/// called across awaits, then dropped (or forgotten) by hand to end its
/// borrow. The lowered closure reaches them through the frame, which makes
/// it `Copy` where rustc's, borrowing them uniquely, is not: `drop` of it
/// must not lint (`dropping_copy_types`, `forgetting_copy_types`) in the
/// lowered copy, found by a crate of realistic code.
pub mod closure_mutating_frame_values_dropped_by_hand {
    use super::*;

    // (Ending a borrow by hand is the shape tested, not clippy's.)
    #[allow(clippy::drop_non_drop, clippy::forget_non_drop)]
    #[deny(dropping_copy_types, forgetting_copy_types)]
    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::with("d", 1);
        let mut out = Vec::new();
        let mut push = |x: i64| out.push(x + d.get());
        for i in 0..3 {
            push(value("v", i).await);
        }
        drop(push);
        let mut total = 0;
        let mut add = |x: i64| total += x;
        add(value("w", 5).await);
        std::mem::forget(add);
        suspend("s").await;
        out.iter().sum::<i64>() + total
    }
}

/// A closure that is not `move`, inside another that is not `move`,
/// naming a `Copy` value held across an await as an operand (`c + k`), and
/// outliving the outer closure's call (`flat_map` returning the inner
/// `map`; a closure returning a closure): rustc's inner closure borrows
/// `k` through the outer one's borrow. Found by a crate of realistic code
/// (E0373 / "captured variable cannot escape `FnMut` closure body" when
/// the outer closure took a copy of `k`).
pub mod nested_closure_operand_outliving_the_outer_call {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::with("rows", 2);
        let rows = vec![vec![1, 2], vec![3]];
        let k: i64 = value("k", 10).await;
        let all: Vec<i64> = rows.iter().flat_map(|row| row.iter().map(|c| c + k * d.get())).collect();
        suspend("s").await;
        let make = || move |x: i64| x + k;
        let add = || |x: i64| k - x;
        let (f, g) = (make(), add());
        let mut out = vec![];
        rows.iter().for_each(|r| r.iter().for_each(|y| out.push(y * k)));
        value("end", f(1) + g(2) + all.iter().sum::<i64>() + out.iter().sum::<i64>()).await
    }
}

/// Found by a crate of less common Rust: arguments whose type shows they
/// are called through a reference (`impl AsyncFn(i64) -> i64`, `impl
/// Fn(i64) -> i64`), called at their last use. rustc calls them by `&`
/// (`AsyncFn::async_call`, `Fn::call`): they drop, with what they captured,
/// at the end of the body. The lowering moved them into the call: the
/// async closure's future then borrowed a temporary (E0716), and the plain
/// closure's capture dropped at the end of the call. Such an argument is
/// now called in place.
pub mod closure_arguments_called_through_a_reference {
    use super::*;

    #[self::coroutine]
    async fn apply(f: impl AsyncFn(i64) -> i64, g: impl Fn(i64) -> i64) -> i64 {
        let a = f(1).await;
        suspend("between").await;
        let b = f(value("k", 2).await).await;
        let c = g(a + b);
        log("after last call");
        suspend("end").await;
        c
    }

    #[self::coroutine]
    async fn generic<F>(f: F) -> i64
    where
        F: AsyncFn(i64) -> i64,
    {
        let a = f(3).await;
        log("after generic call");
        a
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::new("captured by f");
        let e = D::new("captured by g");
        let x = apply(
            async move |n| {
                suspend("in f").await;
                n + d.get()
            },
            move |n| n + e.get(),
        )
        .await;
        let k = D::new("captured by generic");
        x + generic(async move |n| n + k.get()).await
    }
}

/// As above, for a `let` whose type shows it (`let g: Box<dyn Fn(i64) ->
/// i64> = ..`): its capture dropped at the end of its last call, before
/// what followed, where rustc's drops at the end of the scope.
pub mod boxed_closure_local_called_through_a_reference {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let e = D::new("captured by g");
        let g: Box<dyn Fn(i64) -> i64> = Box::new(move |n| n + e.get());
        suspend("before").await;
        let c = g(value("k", 1).await);
        log("after last call");
        suspend("end").await;
        c
    }
}

/// Found by a crate of less common Rust: a `for` loop's variable over
/// references to boxed closures (`for f in &fs`), called with an argument
/// that awaits (`f(value(..).await)`). The callee is kept in a temporary
/// before the await, as rustc evaluates it first; a reference that needs no
/// home in the frame was kept as the plain reference, which the
/// temporary's handling did not take (E0277, `&Box<dyn Fn(i64) -> i64>:
/// Spilled`). Such a callee now keeps its home.
pub mod reference_to_closure_called_with_awaiting_argument {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<i64> {
        let d = D::new("d");
        let fs: Vec<Box<dyn Fn(i64) -> i64>> = vec![Box::new(|x| x + 1), Box::new(move |x| x * d.get())];
        let mut out = vec![];
        for f in &fs {
            out.push(f(value("arg", 3).await));
        }
        out
    }
}

/// A closure (or `async` block) that is not `move` calling an argument
/// whose type the signature shows is only `FnOnce` (`F: FnOnce() -> Fut`,
/// `impl FnOnce(i64) -> i64`, `Box<dyn FnOnce() -> i64>`): rustc's capture
/// takes the argument by value where the closure is made. Found by a crate
/// of service code (a cache's `get_or_init(|| async { load().await })`:
/// E0507, cannot move out of a raw pointer, when the call reached the
/// argument in its slot).
pub mod fn_once_argument_called_in_a_closure {
    use super::*;

    #[self::coroutine]
    async fn cached<F, Fut>(d: D, load: F) -> i64
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = i64>,
    {
        suspend("before").await;
        let init = || async { load().await + d.get() };
        let fut = init();
        suspend("made").await;
        fut.await
    }

    #[self::coroutine]
    async fn convert(o: Option<i64>, conv: impl FnOnce(i64) -> i64 + Send, cb: Box<dyn FnOnce() -> i64 + Send>) -> i64 {
        let k = value("k", 3).await;
        let a = o.map(|x| conv(x + k)).unwrap_or(0);
        let b = async { cb() * 2 };
        suspend("s").await;
        a + b.await
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let held = D::new("held");
        let a = cached(D::with("d", 1), || async move {
            let v = value("load", 10).await;
            v + held.get()
        })
        .await;
        let c = D::with("c", 5);
        let e = D::new("e");
        let b = convert(Some(1), move |x| x * c.get(), Box::new(move || e.get() + 7)).await;
        a + b
    }
}
