// Panics inside `poll`: the locals live at the panic point drop during
// unwinding (in the log), and `check` polls once more to see that the
// future is poisoned ("`async fn` resumed after panicking").

/// Panics (maybe) after two awaits.
#[self::coroutine]
async fn maybe_panic(really: bool) -> i64 {
    let _a = D::new("callee-a");
    suspend("callee").await;
    if really {
        panic!("callee panicked");
    }
    1
}

/// A panic in a segment after some awaits: live locals drop in reverse.
pub mod panic_after_awaits {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _a = D::new("a");
        suspend("s1").await;
        let _b = D::new("b");
        {
            let _inner = D::new("inner");
            suspend("s2").await;
        }
        if ev("cond", true) {
            panic!("boom after {} awaits", 2);
        }
        value("never", 1).await
    }
}

/// A panic inside an awaited future's `poll`: the awaited future and the
/// locals drop during unwinding.
pub mod panic_inside_awaited_poll {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _a = D::new("a");
        let x = value("first", 1).await;
        let _b = D::new("b");
        x + boom_after("leaf", 2).await
    }
}

/// A panic in a nested coroutine unwinds through both frames.
pub mod panic_in_nested_coroutine {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let _outer = D::new("outer");
        let ok = maybe_panic(false).await;
        let _between = D::new("between");
        ok + maybe_panic(true).await
    }
}

/// A panic while the statement's temporaries are alive: they drop during
/// unwinding.
pub mod panic_with_live_temporaries {
    use super::*;

    fn pair(a: &D, n: u32) -> u32 {
        log(format!("pair({}, {n})", a.name()));
        n
    }

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _local = D::new("local");
        pair(&D::new("temp"), boom_after("arg", 1).await)
    }
}

/// A panic in the argument of a generic method taking `self` by value, at
/// the receiver's last use: the receiver is already moved into the call,
/// so unwinding drops it first, before the earlier locals.
pub mod panic_in_argument_of_generic_by_value_method {
    use super::*;

    pub struct Builder(D);

    impl Builder {
        fn with<N: Into<u32>>(self, n: N) -> u32 {
            self.0.get() as u32 + n.into()
        }
    }

    fn explode(tag: &str) -> u8 {
        log(tag);
        panic!("boom {tag}")
    }

    #[self::coroutine]
    pub async fn run() -> u32 {
        let b = Builder(D::with("b", 1));
        let _later = D::new("later");
        suspend("s").await;
        b.with(explode("arg"))
    }
}

/// A failing `assert_eq!` after awaits.
pub mod failing_assert_after_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _d = D::new("d");
        let x = value("x", 1).await;
        assert_eq!(x, value("y", 2).await, "x={x}");
        x
    }
}

/// A panic in a `for` loop over a logging iterator: the iterator and the
/// current element drop during unwinding.
pub mod panic_in_loop {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut sum = 0;
        for i in log_iter("it", 5) {
            let _d = D::new(format!("iter{i}"));
            sum += value(format!("i{i}"), i).await;
            if i == 2 {
                panic!("at iteration {i}");
            }
        }
        sum
    }
}

/// `unwrap` on `None` after an await, in a closure called across awaits.
pub mod panic_in_closure {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _d = D::new("d");
        let get = |o: Option<u32>| o.unwrap();
        let a = get(value("some", Some(1)).await);
        a + get(value("none", None).await)
    }
}

/// A panic inside a `tokio::select!` handler.
pub mod panic_in_select_arm {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _d = D::new("d");
        tokio::select! {
            biased;
            x = value("a", 1u32) => {
                let _h = D::new("handler");
                suspend("handler").await;
                if x == 1 {
                    panic!("in select arm");
                }
                x
            }
            y = pending_n("b", 4, 2u32) => y,
        }
    }
}

/// A panic in an async block awaited by the coroutine.
pub mod panic_in_async_block {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let d = D::new("captured");
        let r = async move {
            let _inner = D::new("inner");
            suspend("block").await;
            if d.name() == "captured" {
                panic!("in async block");
            }
            1
        }
        .await;
        r + 1
    }
}

/// A failing `assert!` without a message, whose condition names values held
/// in the frame: the message is the condition's source, as rustc words it,
/// not the lowering's rewritten access to the slots.
pub mod failing_assert_names_frame_values {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> usize {
        let v = vec![D::new("a")];
        let y = value("y", 12).await;
        value("z", 0).await;
        debug_assert!(v.len() == 1);
        assert!(y < 10 && v.len() == 1);
        y + v.len()
    }
}

/// A failing `assert!` whose condition has generic arguments (a turbofish,
/// a typed closure parameter): its message prints them as rustc does
/// (`v.iter().sum::<i64>() == 9`). Found by coro-fuzz (seed 20261147
/// program 74).
pub mod failing_assert_with_generic_arguments {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let v = value("v", vec![3i64, 1]).await;
        assert!(Some(1).map(|x: i32| x as u8) == Some::<u8>(1));
        assert!(v.iter().sum::<i64>() == 9);
        v.len() as i64
    }
}

/// A failing `assert!` inside `vec![..]` whose elements await: its message
/// is the user's condition, not the lowering's access to the frame value
/// it names. Found by coro-fuzz (seed 7 program 184, in CI).
pub mod failing_assert_inside_vec_names_frame_value {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> usize {
        let d = D::new("d");
        suspend("s").await;
        let v = vec![
            match ev("m", 1) {
                _ => {
                    assert!(d.name().is_empty());
                    1
                }
            },
            value("w", 2).await,
        ];
        v.len()
    }
}

/// The same with braces in the condition (a closure's block): its source
/// cannot be a format string, and goes through `"{}"`.
pub mod failing_assert_with_braces_names_frame_values {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> usize {
        let v = vec![D::with("a", 1)];
        let y = value("y", 12).await;
        value("z", 0).await;
        assert!(v.iter().any(|d| { d.get() > y as i64 }));
        y
    }
}

/// Found by writing application code: an arm that suspends and then ends
/// in `panic!(..);` (a block of type `!`), as the value of a `let`. The
/// arm's `()` was written into the `match`'s value (E0308); taken, it
/// panics after its await, with the frame's values dropping in unwinding.
pub mod arm_ending_in_panic_statement {
    use super::*;

    #[self::coroutine]
    async fn get(r: Result<u32, String>) -> u32 {
        let _g = D::new("g");
        let v = match r {
            Ok(v) => v,
            Err(e) => {
                suspend("err").await;
                panic!("{e}");
            }
        };
        let w = if v > 1 {
            v
        } else {
            suspend("small").await;
            unreachable!("small {v}");
        };
        w
    }

    #[self::coroutine]
    pub async fn run() -> u32 {
        let a = get(Ok(3)).await;
        a + get(Err(String::from("bad"))).await
    }
}

/// An `async fn` returning `!` (whose future's output a plain `fn` cannot
/// name `!` on stable Rust), awaited where a value is expected and as the
/// last statement: it panics after its await.
pub mod async_fn_returning_never {
    use super::*;

    #[self::coroutine]
    async fn fail(why: &str) -> ! {
        let _d = D::new("fail");
        suspend("fail").await;
        panic!("failed: {why}")
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a: i64 = if ev("ok", true) { 5 } else { fail("not taken").await };
        let _b = D::with("b", a);
        fail("taken").await
    }
}

/// Found by a crate of guard code: a body whose last statement is a
/// panic (`panic!("poison");`, with its `;`) in a function returning a
/// value: rustc's block diverges there and fits any return type. (The
/// lowering returned `()` after it: E0308.)
pub mod body_ending_in_panic_statement {
    use super::*;

    #[self::coroutine]
    async fn fail(really: bool) -> u32 {
        let _g = D::new("guard");
        let n = value("held", 1).await;
        if really {
            return n;
        }
        panic!("poisoned after {n}");
    }

    #[self::coroutine]
    async fn never(n: u32) -> u32 {
        suspend("never").await;
        unreachable!("never {n}");
    }

    #[self::coroutine]
    pub async fn run() -> u32 {
        let a = fail(true).await;
        let _b = D::with("b", i64::from(a));
        if ev("skip", false) {
            return never(a).await;
        }
        fail(false).await
    }
}

/// The same with a statement that only types show diverging: a call of a
/// function returning `!` (`fatal(n);`), the await of an `async fn`
/// returning `!`. (E0308 as well.)
pub mod body_ending_in_diverging_call {
    use super::*;

    fn fatal(n: u32) -> ! {
        panic!("fatal {n}")
    }

    #[self::coroutine]
    async fn give_up(n: u32) -> ! {
        let _d = D::new("give_up");
        suspend("give_up").await;
        fatal(n)
    }

    #[self::coroutine]
    async fn check(n: u32) -> u32 {
        let _g = D::new("check");
        let k = value("k", n).await;
        if k < 2 {
            return k;
        }
        fatal(k);
    }

    #[self::coroutine]
    async fn check_async(n: u32) -> Option<u32> {
        let _g = D::new("check_async");
        let k = value("k2", n).await;
        if k < 2 {
            return Some(k);
        }
        give_up(k).await;
    }

    #[self::coroutine]
    pub async fn run() -> u32 {
        let a = check(1).await;
        let b = check_async(a).await.unwrap_or(0);
        let _b = D::with("b", i64::from(b));
        if ev("which", a == 1) {
            check_async(a + 4).await.unwrap_or(0)
        } else {
            check(a + 4).await
        }
    }
}

/// Found by writing assertions: a failing `assert!` whose condition awaits
/// and leaves a temporary (`assert!(value(..).await.get() < 10, "{}",
/// ev(..))`, and without a message): `assert!(c)` is `if !c { panic!(..) }`,
/// whose condition drops the temporary before the message is evaluated and
/// the panic starts. (It dropped while unwinding, after the message.)
pub mod failing_assert_condition_temporary_drops_before_message {
    use super::*;

    #[self::coroutine]
    async fn check(v: i64, with_message: bool) {
        if with_message {
            assert!(value("cond", D::with("t", v)).await.get() < 10, "v={}", ev("message", v));
        } else {
            assert!(value("bare", D::with("u", v)).await.get() < 10);
        }
        log("passed");
    }

    #[self::coroutine]
    pub async fn run() -> u32 {
        check(1, true).await;
        check(2, false).await;
        let _d = D::new("held");
        check(50, true).await;
        0
    }
}

/// A panic inside a macro of one's own that is lent a value held across an
/// await (see `macros::own_macros_lent_frame_values`): the values drop in
/// reverse declaration order, the lent one among them.
pub mod panic_inside_own_macro_lent_frame_value {
    use super::*;

    macro_rules! check_small {
        ($d:expr) => {
            if $d.get() > 2 {
                panic!("too big");
            }
        };
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let older = D::with("older", 1);
        let lent = D::with("lent", 3);
        let younger = D::with("younger", 2);
        suspend("s1").await;
        check_small!(older);
        check_small!(lent);
        suspend("s2").await;
        older.get() + lent.get() + younger.get()
    }
}
