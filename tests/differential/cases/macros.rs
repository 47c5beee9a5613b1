// `.await` inside macro arguments: the attribute sees these only as
// unexpanded token trees, and the expansions hold references to their
// arguments (`format_args!`) across the awaits.

/// `format!` with awaits among positional and inline arguments.
pub mod format_positional {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> String {
        let x = ev("x", 7);
        format!(
            "{}-{}-{x}-{}",
            value("a", 1).await,
            ev("b", "two"),
            value("c", D::with("c", 3)).await.get()
        )
    }
}

/// A `format!`, `println!` or `print!` whose arguments before an await
/// are values: rustc drops them at the end of the macro's block, after the
/// await; the lowering keeps them in homes of its own to the macro's end
/// (they ran as an `async` block of their own). A method called on the
/// macro's value still makes that a temporary rustc keeps.
pub mod format_value_arguments_before_an_await {
    use super::*;

    #[self::coroutine]
    async fn statements(k: i64) -> String {
        let s = format!(
            "{:?} {} {:?} {n}",
            D::with("first", k),
            ev("second", k + 1),
            value("third", D::new("third")).await,
            n = value("n", 4).await
        );
        println!("{:?}{}", D::new("printed"), value("p", 5).await);
        print!("{:?}{}", ev("before", D::new("ev")), value("q", 6).await);
        log("after statements");
        s
    }

    #[self::coroutine]
    async fn larger_expressions() -> usize {
        let n = format!("{:?}{}", D::new("in a sum"), value("a", 1).await).len()
            + value("b", 2).await;
        if n > 100 {
            return 0;
        }
        format!("{:?}{}", D::new("tail"), value("c", 3).await).len()
    }

    // A block's value: the arguments drop at the end of the macro, before
    // the block's locals.
    #[self::coroutine]
    async fn tails() -> String {
        let _outer = D::new("outer");
        let inner = {
            let _local = D::new("local");
            format!("{:?}{}", D::new("block arg"), value("d", 4).await)
        };
        log("after block");
        let _last = D::new("last");
        format!("{inner}{:?}{}", D::new("tail arg"), value("e", 5).await)
    }

    // Inside other expressions (given to a call that runs code, returned,
    // wrapped in `Some`, a `match` arm's value): the arguments drop where
    // the macro ends, before the code around it goes on.
    #[self::coroutine]
    async fn wrapped(fail: bool) -> Result<String, String> {
        let _local = D::new("local");
        log(format!("{:?}{}", D::new("logged arg"), value("l", 0).await));
        if fail {
            return Err(format!("{:?}{}", D::new("err arg"), value("err", 1).await));
        }
        let some = Some(format!("{:?}{}", D::new("some arg"), value("some", 2).await));
        let arm = match some.as_deref().map(str::len) {
            Some(n) if n > 100 => String::new(),
            _ => format!("{:?}{}", D::new("arm arg"), ev("arm", value("arm", 4).await)),
        };
        log(arm);
        Ok(format!("{some:?}{:?}{}", D::new("ok arg"), value("ok", 3).await))
    }

    #[self::coroutine]
    pub async fn run() -> (String, usize, String, Result<String, String>, Result<String, String>) {
        (
            statements(1).await,
            larger_expressions().await,
            tails().await,
            wrapped(true).await,
            wrapped(false).await,
        )
    }
}

/// `format!` named arguments are evaluated in the written order, not the
/// order they appear in the format string.
pub mod format_named_arguments {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> String {
        format!(
            "{second} {first}",
            first = ev("first", value("f", 1).await),
            second = ev("second", value("s", 2).await),
        )
    }
}

/// `write!` and `writeln!` into a `String`, with awaits in the arguments.
pub mod write_and_writeln {
    use super::*;
    use std::fmt::Write;

    #[self::coroutine]
    pub async fn run() -> String {
        let mut s = String::new();
        write!(s, "{}+", value("a", 1).await).unwrap();
        writeln!(s, "{}={}", ev("b", 2), value("c", 3).await).unwrap();
        write!(&mut s, "{:>4}", value("d", "x").await).unwrap();
        s
    }
}

/// `print!`/`println!` with awaits in the arguments (the output goes to the
/// captured stdout; the log records the operands).
pub mod print_and_println {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let a = value("a", 1).await;
        print!("{} ", ev("p", a));
        println!("{} {}", value("b", 2).await, ev("q", 3));
        a
    }
}

/// `assert!`, `assert_eq!`, `assert_ne!` whose operands await (passing).
pub mod asserts_passing {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        assert!(value("a", true).await, "message {}", ev("msg", 0));
        assert_eq!(value("b", 2).await, ev("rhs", 2));
        assert_ne!(ev("lhs", 1), value("c", 3).await, "ne {}", 1);
        assert_eq!(
            value("d", D::with("d", 1)).await,
            D::with("d", 1),
            "{}",
            value("never formatted", 0).await
        );
        value("end", 4).await
    }
}

/// `vec!` in list form with awaits among the elements.
pub mod vec_list {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<i64> {
        let v = vec![
            value("a", D::with("a", 1)).await,
            D::with("b", 2),
            value("c", D::with("c", 3)).await,
        ];
        v.iter().map(D::get).collect()
    }
}

/// `vec![elem; n]`: both operands awaited, the element cloned.
pub mod vec_repeat {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        vec![value("elem", String::from("x")).await; value("n", 3).await]
    }
}

/// `matches!` with an awaited scrutinee and an awaited guard.
pub mod matches_with_guard {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (bool, bool) {
        let a = matches!(value("a", Some(3)).await, Some(x) if x > value("g", 2).await);
        let b = matches!(value("b", None::<u32>).await, Some(_));
        (a, b)
    }
}

/// `dbg!` returns its (awaited) argument.
pub mod dbg_passthrough {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (u32, String) {
        let x = dbg!(value("a", 5).await);
        let (y, s) = dbg!(value("b", 1).await, String::from("s"));
        (x + y, s)
    }
}

/// A local `macro_rules!` using its argument twice: the awaited expression
/// is evaluated (and its future created and polled) twice.
pub mod local_macro_duplicates_argument {
    use super::*;

    macro_rules! twice {
        ($e:expr) => {
            $e + $e
        };
    }

    // Parked (LIMITATIONS.md, "Macros and attributes"): `.await` inside the
    // arguments of a macro the lowering does not know is a compile error
    // naming the macro (tests/ui/await_in_unknown_macro.rs).
    #[::coro::__private::identity]
    pub async fn run() -> u32 {
        let mut n = 0;
        let r = twice!({
            n += 1;
            value(format!("call{n}"), n).await
        });
        r + n
    }
}

/// A local macro whose expansion contains the `.await` itself (the awaits
/// are not visible in the attribute's input tokens).
pub mod await_inside_macro_expansion {
    use super::*;

    macro_rules! await_both {
        ($a:expr, $b:expr) => {
            ($a.await, $b.await)
        };
    }

    // Parked: the `.await`s appear only in the macro's expansion, which an
    // attribute never sees (tests/ui/await_in_macro_expansion.rs).
    #[::coro::__private::identity]
    pub async fn run() -> (u32, u32) {
        let _d = D::new("held");
        await_both!(value("a", 1), value("b", 2))
    }
}

/// `concat!`/`stringify!` mixed with awaits inside `format!` arguments.
pub mod builtin_macros_mixed {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> String {
        format!(
            "{}{}{}",
            concat!("a", 1),
            value("x", stringify!(b + c)).await,
            line!() > 0
        )
    }
}

/// `format!`s as the elements of a `vec!`, each awaiting a value that needs
/// dropping: the macro's block ends with the `format!`, so its argument drops
/// there, before the next element's await (edition 2024 drops a block's tail
/// temporaries at its end).
pub mod format_argument_drops_at_its_block_end {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        vec![
            format!("{}", value("a", D::new("a")).await.name()),
            format!("{}", value("b", D::new("b")).await.get()),
            format!("{}", value("c", 3).await),
        ]
    }
}

/// anyhow's `bail!` and `ensure!` return from the function inside their
/// expansion, out of sight of the lowering: each runs in a closure whose
/// `return` the coroutine returns again. Their arguments name a value held
/// in the frame (`d`); the error drops the locals as the `return` would.
pub mod anyhow_bail_and_ensure {
    use super::*;
    use anyhow::ensure;

    #[self::coroutine]
    async fn check(n: i64, d: D) -> anyhow::Result<i64> {
        let a = value("a", n).await;
        anyhow::ensure!(a >= 0, "negative: {a} ({})", d.name());
        if a > 10 {
            anyhow::bail!("too big: {} ({})", a, d.get());
        }
        let b = value("b", a * 2).await;
        ensure!(b != 6);
        let c = if b < 100 { b + 1 } else { anyhow::bail!("unreachable") };
        Ok(c + d.get())
    }

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let mut out = Vec::new();
        for n in [-1, 3, 11, 4] {
            let r = check(n, D::with("d", n)).await;
            out.push(match r {
                Ok(v) => v.to_string(),
                Err(e) => e.to_string(),
            });
        }
        out
    }
}

/// `bail!` and `ensure!` whose arguments use `?`: its early return is the
/// closure's too, and converts the error as the function's would.
pub mod anyhow_bail_with_question_mark {
    use super::*;

    fn parse(s: &str) -> Result<i64, std::num::ParseIntError> {
        log("parse");
        s.parse()
    }

    #[self::coroutine]
    async fn check(s: &str) -> anyhow::Result<i64> {
        let t = value("t", s.to_string()).await;
        anyhow::ensure!(parse(&t)? > 0, "not positive: {t}");
        if parse(&t)? > 5 {
            anyhow::bail!("big: {}", parse(&t)?);
        }
        Ok(value("v", parse(&t)?).await)
    }

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let mut out = Vec::new();
        for s in ["x", "-2", "9", "3"] {
            out.push(match check(s).await {
                Ok(v) => v.to_string(),
                Err(e) => e.to_string(),
            });
        }
        out
    }
}

/// A macro the lowering cannot see into names the arguments, which are then
/// moved into an `async move` block (the shape `#[tracing::instrument]`
/// writes above `#[coroutine]`): the arguments move into locals of the body
/// first, as rustc's lowering does, and the macro uses those. `kept` crosses
/// the awaits as a local; every argument drops where rustc drops it, on
/// completion and on cancellation.
pub mod opaque_macro_names_arguments {
    use super::*;

    macro_rules! note {
        ($($e:expr),*) => {
            log(&format!("note {:?}", ($($e,)*)))
        };
    }

    #[self::coroutine]
    async fn traced(d: D, x: i64, mut v: Vec<i64>, kept: D) -> i64 {
        note!(d.name(), x, v.len());
        v.push(x);
        let fut = async move { value("inner", v.len() as i64).await + d.get() };
        let r = ev("outer", fut.await);
        value("after", r).await + kept.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = traced(D::with("d", 3), 4, vec![1], D::with("kept", 5)).await;
        let b = traced(D::with("d2", 1), 2, vec![], D::with("kept2", 0)).await;
        a * 100 + b
    }
}

/// serde_json's `json!` built from values held in the frame: values in
/// objects and arrays (read in place), an expression as a key (moved), a
/// nested object, and literals; each value is evaluated in order.
pub mod json_from_frame_values {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> String {
        let id = value("id", 7u64).await;
        let name = String::from("coro");
        let tags = vec![D::with("t", 1).get(), 2];
        let key = format!("k{}", value("k", 3).await);
        let doc = serde_json::json!({
            "id": id,
            "name": name,
            "tags": [tags[0], ev("second", tags[1]), null, true],
            key: { "len": name.len() + tags.len(), "neg": -1 },
        });
        value("after", 0).await;
        format!("{doc} {id} {name} {}", tags.len())
    }
}

/// `.await` inside `json!`: its operands are evaluated in order around the
/// awaits, as the native `json!` evaluates them.
pub mod json_with_awaits_inside {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> String {
        let n = value("n", 2).await;
        let doc = serde_json::json!({
            "first": ev("first", n),
            "awaited": value("inner", n * 10).await,
            "list": [value("a", 1).await, ev("b", 2)],
        });
        format!("{doc} {n}")
    }
}

/// `bail!` as the `else` of a `let .. else`, which must diverge: the
/// rewritten `bail!` keeps the type `!`.
pub mod anyhow_bail_in_let_else {
    use super::*;

    #[self::coroutine]
    async fn find(n: i64, d: D) -> anyhow::Result<i64> {
        let found = value("lookup", (n > 0).then_some(n)).await;
        let Some(v) = found else {
            anyhow::bail!("nothing for {n} ({})", d.name())
        };
        Ok(value("found", v).await + d.get())
    }

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let mut out = Vec::new();
        for n in [2, -1] {
            out.push(match find(n, D::with("d", n)).await {
                Ok(v) => v.to_string(),
                Err(e) => e.to_string(),
            });
        }
        out
    }
}

/// Found by writing application code: anyhow's `bail!` and `ensure!` with
/// an `.await` in their own arguments. They ran inside an `async` block of
/// the lowering's, from which their `return` returned (E0308); they are
/// now written out as the `return` they expand to.
pub mod anyhow_bail_and_ensure_awaiting_in_arguments {
    use super::*;

    #[self::coroutine]
    async fn check(n: i64, d: D) -> anyhow::Result<i64> {
        anyhow::ensure!(value("cond", n > 0).await, "negative {} ({})", n, d.name());
        if n > 5 {
            anyhow::bail!("too big {} after {}", n, value("wait", 7).await);
        }
        Ok(n + d.get())
    }

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let mut out = Vec::new();
        for n in [2, -1, 9] {
            out.push(match check(n, D::with("d", n)).await {
                Ok(v) => v.to_string(),
                Err(e) => e.to_string(),
            });
        }
        out
    }
}

/// Found by writing programs: anyhow's `ensure!` and `bail!` in a
/// `tokio::select!` handler, with no `.await` in them. The handler's
/// `return` becomes its wrapping block's, which the `return` inside the
/// macros' expansion escaped (E0308, expected `Flow`).
pub mod anyhow_bail_and_ensure_in_select_handler {
    use super::*;

    #[self::coroutine]
    async fn check(n: i64, d: D) -> anyhow::Result<i64> {
        let v = tokio::select! {
            x = value("x", n) => {
                anyhow::ensure!(x != 0, "zero from {}", d.name());
                if x > 5 {
                    anyhow::bail!("too big {}", x);
                }
                x
            }
        };
        Ok(v + d.get())
    }

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let mut out = Vec::new();
        for n in [2, 0, 9] {
            out.push(match check(n, D::with("d", n)).await {
                Ok(v) => v.to_string(),
                Err(e) => e.to_string(),
            });
        }
        out
    }
}

/// Found by writing protocol code: anyhow's macros given an error value
/// rather than a format string (`anyhow!(msg)`, `bail!(msg)`,
/// `ensure!(cond, msg)`), a value held across an await. They move it into
/// the error; the lowering read it in place, as a format argument (E0507).
pub mod anyhow_macros_given_a_value_held_across_an_await {
    use super::*;

    #[self::coroutine]
    async fn fail(k: i64, how: u8) -> anyhow::Result<i64> {
        let msg = format!("error {k}");
        let d = D::with("held", k);
        suspend("s").await;
        match how {
            0 => Err(anyhow::anyhow!(msg)),
            1 => anyhow::bail!(msg),
            _ => {
                anyhow::ensure!(k < 2, msg);
                Ok(d.get())
            }
        }
    }

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let mut out = Vec::new();
        for (k, how) in [(3, 0), (4, 1), (5, 2), (1, 2)] {
            out.push(match fail(k, how).await {
                Ok(v) => v.to_string(),
                Err(e) => e.to_string(),
            });
        }
        out
    }
}

/// Found by writing error-handling code: `vec![elem; n]` whose element or
/// count leaves (`vec![get(n).await?; 2]`, a `break` in the element). The
/// repeat form is no list of expressions, and its tokens were rewritten
/// one by one, leaving the exit's placeholder unresolved (E0425).
pub mod vec_repeat_with_an_exit {
    use super::*;

    #[self::coroutine]
    async fn get(n: i64) -> Result<i64, String> {
        value(format!("get {n}"), if n > 5 { Err(format!("bad {n}")) } else { Ok(n) }).await
    }

    #[self::coroutine]
    async fn repeated(n: i64) -> Result<Vec<i64>, String> {
        let v = vec![get(n).await?; 2];
        let w = vec![0i64; get(n - 1).await? as usize];
        Ok([v, w].concat())
    }

    #[self::coroutine]
    async fn until_error(n: i64) -> Vec<i64> {
        let mut out = vec![];
        for i in 0..3 {
            let r = get(n + i).await;
            out.extend(vec![
                match r {
                    Ok(v) => v,
                    Err(_) => break,
                };
                2
            ]);
        }
        out
    }

    type Got = Result<Vec<i64>, String>;

    #[self::coroutine]
    pub async fn run() -> (Got, Got, Vec<i64>) {
        (repeated(2).await, repeated(9).await, until_error(4).await)
    }
}

/// Found by writing book-style code: std's `ready!` on a future held
/// across an await, inside a `poll_fn` closure, and on an awaited `Poll`
/// in a coroutine whose output is a `Poll`. An unknown macro naming a frame
/// value, or with an `.await` inside, was rejected; it is now written out
/// as the `match` it expands to, whose `return` the lowering sees.
pub mod ready_on_frame_values_and_awaited_polls {
    use super::*;
    use std::task::{Poll, ready};

    #[self::coroutine]
    async fn polled() -> i64 {
        let mut fut = Box::pin(value("inner", 4));
        suspend("before").await;
        let v = std::future::poll_fn(|cx| {
            let v = ready!(fut.as_mut().poll(cx));
            Poll::Ready(v + 1)
        })
        .await;
        suspend("after").await;
        v
    }

    #[self::coroutine]
    async fn poll_output(n: i64) -> Poll<i64> {
        let v = ready!(value("poll", if n > 2 { Poll::Ready(n) } else { Poll::Pending }).await);
        suspend("ready").await;
        Poll::Ready(v + 1)
    }

    #[self::coroutine]
    pub async fn run() -> (i64, Poll<i64>, Poll<i64>) {
        (polled().await, poll_output(1).await, poll_output(5).await)
    }
}

/// Found by writing collection code: `matches!` whose guard awaits and
/// names the pattern's binding. The macro ran inside an `async` block of
/// the lowering's, where the binding was not in scope (E0425); it is now
/// the `match` it expands to.
pub mod matches_with_awaiting_guard {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> usize {
        let v = vec![Some(D::with("a", 2)), None, Some(D::with("b", 3))];
        let mut n = 0;
        for o in &v {
            if matches!(o, Some(d) if value("even", d.get() % 2 == 0).await) {
                n += 1;
            }
        }
        n
    }
}

/// Found by writing a lexer: a `matches!` guard names the pattern's own
/// binding (`Some(c) if c.is_ascii_digit()`), and a variable of the same
/// name lives across an await. The guard reads the binding. (Before, it
/// read the variable: a silently wrong answer, or E0308 for another type.)
pub mod matches_guard_binding_shadows_frame_variable {
    use super::*;

    pub struct Tok {
        name: String,
    }

    #[self::coroutine]
    pub async fn run() -> (bool, bool, bool, String) {
        let c = 'm';
        let name = String::from("n");
        suspend("held").await;
        let digit = matches!(value("next", Some('1')).await, Some(c) if c.is_ascii_digit());
        let tok = Tok {
            name: String::from("long"),
        };
        let long = matches!(&tok, Tok { name, .. } if name.len() > 1);
        let inside = [Some('x'), None]
            .iter()
            .any(|o| matches!(o, Some(c) if *c == 'x'));
        suspend("after").await;
        (digit, long, inside, format!("{c}{name}"))
    }
}

/// Found by writing formatting code: a width or precision that captures a
/// variable held across an await, where the `$` is followed by a type
/// (`{:w$?}`, `{:>w$x}`, `{:.p$e}`) or the width follows the `0` flag
/// (`{:0w$}`). (E0425 before: the lowering did not see the capture.)
pub mod format_width_and_precision_captures {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> String {
        let w = value("w", 6usize).await;
        let p = value("p", 2usize).await;
        let a = format!("[{:0w$}][{:.p$e}]", 42, 1234.5f64);
        let b = format!("[{:w$?}][{:>w$x}][{:^w$.p$}]", "q", 255, 1.0f64 / 3.0);
        suspend("end").await;
        format!("{a}{b} {w} {p}")
    }
}

/// A macro of one's own whose arguments spell a frame variable's name
/// where it names no value: a struct literal's field name, a closure's own
/// parameter, a path's segment, a method's name. Not a use of the variable
/// (which a macro the lowering cannot see into may not make).
pub mod own_macro_spelling_frame_names_that_name_no_value {
    use super::*;

    macro_rules! show {
        ($e:expr) => {
            log(format!("show {:?}", $e))
        };
    }

    // (Printed only.)
    #[allow(dead_code)]
    #[derive(Debug)]
    pub struct P {
        pub x: i64,
        pub y: i64,
    }

    mod y {
        pub const K: i64 = 7;
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let x = value("x", 3).await;
        let y = value("y", 4).await;
        show!(P { x: 1, y: 2 });
        show!(Some(5).map(|x: i64| x + 1));
        show!(y::K);
        show!(P { x: 1, y: 2 }.x);
        suspend("s").await;
        x + y
    }
}

/// A temporary made inside a macro of one's own (`len!("t")` as
/// `D::new("t").get()`) in a statement that awaits after it: it lives to
/// the end of the statement, as rustc keeps it, in an operand, a tuple
/// scrutinee and a `for` loop's iterable.
pub mod own_macro_temporary_lives_to_the_end_of_its_statement {
    use super::*;

    macro_rules! len {
        ($n:expr) => {
            D::with($n, 2).get()
        };
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = len!("t1") + value("v1", 1).await;
        log("after a");
        let b = match (len!("t2"), value("v2", 3).await) {
            (x, y) => x * y,
        };
        let mut c = 0;
        for i in 0..len!("t3") {
            c += value("v3", i).await;
        }
        a + b + c
    }
}

/// A statement macro of one's own that declares a `let` of a value with
/// drop glue (the scope-guard idiom, scopeguard's `defer!`) followed by
/// awaits in its block: the value lives to the end of the block, across
/// the awaits, as rustc keeps it; also with an early `return` after it,
/// and cancelled.
pub mod own_statement_macro_declaring_a_guard {
    use super::*;

    macro_rules! guard {
        ($n:expr) => {
            let _guard = D::new($n);
        };
    }

    #[self::coroutine]
    async fn early(stop: bool) -> i64 {
        guard!("early");
        let n = value("n", 2).await;
        if stop {
            return n;
        }
        n + value("m", 3).await
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut total = 0;
        {
            guard!("block");
            total += value("in block", 1).await;
            log("end of block");
        }
        total += early(true).await + early(false).await;
        total
    }
}


/// A macro of one's own whose expansion names a type of one's own that
/// the function's name would give a generated type (`frame!` making a
/// `CallFrame` in `async fn call`): the tokens do not show the name, so a
/// function calling such a macro names its types `CallCoroFrame`,
/// `CallCoroState`. Was E0560 (the macro's `CallFrame` was the frame).
pub mod user_macro_naming_a_type_like_the_frame {
    use super::*;

    #[derive(Debug)]
    pub struct CallFrame {
        ret: usize,
    }

    #[derive(Debug)]
    pub enum CallState {
        Done(usize),
    }

    macro_rules! frame {
        ($ret:expr) => {
            CallFrame { ret: $ret }
        };
    }

    macro_rules! done {
        ($n:expr) => {
            CallState::Done($n)
        };
    }

    #[self::coroutine]
    async fn call(ret: usize) -> (CallFrame, CallState) {
        let f = {
            let r = value("ret", ret).await;
            frame!(r)
        };
        suspend("between").await;
        log(format!("{f:?}"));
        let n = f.ret + 1;
        (f, done!(n))
    }

    #[self::coroutine]
    pub async fn run() -> usize {
        let (f, CallState::Done(n)) = call(7).await;
        f.ret + n
    }
}

/// Named formatting arguments whose names are keywords (`type = ty`,
/// `ref = ..`), which rustc accepts, naming a value held across an await
/// and beside an argument that awaits. Was rejected as a macro the
/// lowering cannot see into.
pub mod keyword_named_format_arguments {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> String {
        let ty = D::with("ty", 4);
        suspend("start").await;
        let s = format!(
            "{type}/{ref}/{n}",
            type = ty.get(),
            ref = ty.name(),
            n = value("n", 2).await
        );
        log(&s);
        s
    }
}

/// Found by writing programs: anyhow's `ensure!` without a message, whose
/// condition awaits. anyhow makes the message from the condition's text
/// (`Condition failed: `..``); the lowering wrote the macro out as a
/// `return` with a message it did not have (E0308).
pub mod anyhow_ensure_without_message_awaiting_in_condition {
    use super::*;

    #[self::coroutine]
    async fn check(n: i64, d: D) -> anyhow::Result<i64> {
        anyhow::ensure!(value("cond", n > 0).await);
        anyhow::ensure!(n < value("limit", 5).await && d.get() >= 0);
        Ok(n + d.get())
    }

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let mut out = Vec::new();
        for n in [2, -1, 9] {
            out.push(match check(n, D::with("d", n)).await {
                Ok(v) => v.to_string(),
                Err(e) => e.to_string(),
            });
        }
        out
    }
}

/// anyhow's `ensure!` without a message whose condition is a comparison
/// that awaits (on either side, or both). anyhow compares references to
/// both operands (left first) and follows its message with their `Debug`
/// (`(9 vs 7)`), but only where both are `Debug` (not `Opaque`, nor a
/// generic `T` without the bound) and each prints in a few characters
/// without spaces (not `"4 b"`). The lowering wrote it out as an
/// `if !cond` with no message to give it (E0308), and left it as it was in
/// a `select!` handler, whose `return` it escaped (E0308).
pub mod anyhow_ensure_without_message_comparing_awaited {
    use super::*;

    /// Comparable, not `Debug`.
    pub struct Opaque(i64);

    impl PartialEq for Opaque {
        fn eq(&self, other: &Opaque) -> bool {
            log(format!("eq {} {}", self.0, other.0));
            self.0 == other.0
        }
    }

    #[self::coroutine]
    async fn check(n: i64, d: D) -> anyhow::Result<i64> {
        anyhow::ensure!(n < value("limit", 7).await);
        anyhow::ensure!(value("lhs", d.get() * 2).await >= n + 1);
        anyhow::ensure!(value("a", n * 2).await != value("b", 6).await,);
        anyhow::ensure!(Opaque(n) != value("o", Opaque(2)).await);
        anyhow::ensure!(value("s", n.to_string() + " b").await != "4 b");
        anyhow::ensure!(value("dv", D::with("x", n)).await == D::with("x", 1));
        Ok(n + d.get())
    }

    /// In a `select!` handler, where each `ensure!` is written out, with
    /// or without an `.await`.
    #[self::coroutine]
    async fn picked(n: i64, d: D) -> anyhow::Result<i64> {
        let v = tokio::select! {
            x = value("x", n) => {
                anyhow::ensure!(x != 3);
                anyhow::ensure!(d.get() <= x);
                x
            }
        };
        Ok(v + d.get())
    }

    /// In a generic function, anyhow cannot see that `T` is `Debug`.
    #[self::coroutine]
    async fn at_most<T: PartialOrd>(a: T, limit: T) -> anyhow::Result<()> {
        anyhow::ensure!(a <= value("at_most", limit).await);
        Ok(())
    }

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let mut out = Vec::new();
        for n in [9, 0, 3, 2, 4, 5, 1] {
            out.push(match check(n, D::with("d", n)).await {
                Ok(v) => v.to_string(),
                Err(e) => e.to_string(),
            });
        }
        for n in [3, 2, -2] {
            out.push(match picked(n, D::with("p", n.abs())).await {
                Ok(v) => v.to_string(),
                Err(e) => e.to_string(),
            });
        }
        for (a, limit) in [(3, 2), (2, 3)] {
            out.push(format!("{:?}", at_most(a, limit).await.map_err(|e| e.to_string())));
        }
        out
    }
}

/// Found by writing programs (a reporter's `r.line(format_args!("{name}
/// {v}")).await`): `format_args!` given to a call that is awaited. The
/// `Arguments` borrows its arguments through temporaries that live to the
/// end of the statement, across the await; the lowering ended them where
/// it made the future (E0716, E0597). A temporary in an argument
/// (`D::with(..)`) drops after the await, with the statement.
pub mod format_args_given_to_an_awaited_call {
    use super::*;

    #[self::coroutine]
    async fn line(out: &mut Vec<String>, args: std::fmt::Arguments<'_>) -> usize {
        let s = args.to_string();
        suspend("line").await;
        let n = s.len();
        out.push(s);
        n
    }

    #[self::coroutine]
    pub async fn run() -> (Vec<String>, usize) {
        let mut out = Vec::new();
        let mut total = 0;
        for (name, v) in [("a", 1.5), ("bb", 22.25)] {
            total += line(&mut out, format_args!("{name:<4}{v:>7.2}")).await;
        }
        let d = D::with("d", 3);
        let n = line(&mut out, format_args!("{}+{}", D::with("t", 1).get(), d.get())).await;
        line(&mut out, format_args!("{total}/{n}")).await;
        (out, total + n)
    }
}

/// Found by a crate of realistic code: a macro of one's own taking
/// `key = value` arguments (`kv!(id = n)`) whose keys are spelled like
/// values held across an await. A key names no value: not a use of the
/// variable (which was rejected as one the lowering cannot see into). The
/// same shape as an assignment, to a variable outside the frame, is the
/// user's own and runs as written.
pub mod own_macro_keys_spelled_like_frame_values {
    use super::*;

    macro_rules! kv {
        ($($k:ident = $v:expr),* $(,)?) => {
            vec![$((stringify!($k), $v)),*]
        };
    }

    macro_rules! set {
        ($k:ident = $v:expr) => {
            $k = $v
        };
    }

    #[self::coroutine]
    pub async fn run() -> (Vec<(&'static str, i64)>, i64) {
        let d = D::new("d");
        let n = value("n", 1i64).await;
        let mut k = 0i64;
        log(format!("k was {k}"));
        set!(k = ev("set", 5));
        log(format!("k {k}"));
        let pairs = kv!(d = ev("v1", 2), n = 3, k = k);
        suspend("s").await;
        (pairs, n + d.get())
    }
}

/// A coroutine written by a `macro_rules!` that declares locals of its own
/// named like the caller's parameter, which the caller's `$e:expr` and
/// `$body:block` name: rustc's hygiene keeps them apart (the caller's
/// `tmp` is the parameter, the macro's is its own local), in the frame too.
pub mod macro_generated_coroutine_hygiene {
    use super::*;

    macro_rules! scaled {
        ($name:ident, $arg:ident, $e:expr) => {
            #[self::coroutine]
            async fn $name($arg: i64) -> i64 {
                let tmp = value("macro tmp", 100).await;
                suspend("s").await;
                let r = tmp + $e;
                suspend("t").await;
                r + format!("{tmp}").len() as i64
            }
        };
    }
    scaled!(caller_named_tmp, tmp, tmp * 2);
    scaled!(caller_named_k, k, k + 1);

    macro_rules! wrapped {
        ($name:ident, $p:ident, $body:block) => {
            #[self::coroutine]
            async fn $name($p: D) -> i64 {
                let d = D::with("macro d", 1000);
                suspend("a").await;
                let out = $body;
                suspend("b").await;
                out + d.get()
            }
        };
    }
    wrapped!(body_names_d, d, {
        let n = value("n", d.get()).await;
        log(format!("caller's {}", d.name()));
        n
    });

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = caller_named_tmp(3).await;
        let b = caller_named_k(3).await;
        let c = body_names_d(D::with("caller d", 7)).await;
        a * 1_000_000 + b * 10_000 + c
    }
}

/// A coroutine written by a `macro_rules!` whose own closure parameter and
/// `match` arm binding are named like the caller's parameter, which the
/// caller's `$e:expr` inside them names: rustc's hygiene keeps the
/// caller's `x` the parameter (held across the awaits), not the binding.
pub mod macro_generated_coroutine_hygiene_of_bindings {
    use super::*;

    macro_rules! each {
        ($name:ident, $x:ident, $e:expr) => {
            #[self::coroutine]
            async fn $name($x: i64) -> i64 {
                let items = vec![1i64, 2];
                suspend("a").await;
                let s: i64 = items.iter().map(|x| x * 100 + $e).sum();
                suspend("b").await;
                s
            }
        };
    }
    each!(closure_param, x, x);

    macro_rules! arms {
        ($name:ident, $k:ident, $e:expr) => {
            #[self::coroutine]
            async fn $name($k: D) -> i64 {
                let o = Some(5i64);
                suspend("a").await;
                match o {
                    Some(k) => k * 100 + $e,
                    None => $e,
                }
            }
        };
    }
    arms!(arm_binding, k, k.get());

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = closure_param(3).await;
        let b = arm_binding(D::with("caller k", 7)).await;
        a * 10_000 + b
    }
}

/// Macros of one's own naming values held across awaits: each value is
/// lent to the macro (moved into a local of its name and back), so the
/// macro sees it as it would natively, reads it, mutates it, through a
/// `Cell` too, in statements and expressions, in branches and loops, and
/// through an implicit capture of a format string.
pub mod own_macros_lent_frame_values {
    use super::*;
    use std::cell::Cell;

    macro_rules! show {
        ($($t:tt)*) => {
            log(format!("show {}", $($t)*.get()));
        };
    }
    macro_rules! count {
        ($v:expr) => {
            ev("count", $v.len() as i64 * 10)
        };
    }
    macro_rules! push {
        ($v:ident, $x:expr) => {
            $v.push(D::with("pushed", $x))
        };
    }
    macro_rules! bump {
        ($c:ident) => {
            $c.set($c.get() + 1)
        };
    }
    macro_rules! both {
        ($a:expr, $b:expr) => {
            $a.get() * 100 + $b.len() as i64
        };
    }
    macro_rules! say {
        ($fmt:literal) => {
            log(format!($fmt))
        };
    }

    #[self::coroutine]
    async fn held(arg: D, n: i64) -> i64 {
        let name = D::with("name", 4);
        let mut v = vec![D::with("v0", 1)];
        let c = Cell::new(5);
        suspend("s1").await;
        show!(name);
        show!(arg);
        push!(v, 2);
        bump!(c);
        let k = count!(v);
        let k = k + value("k", 1).await;
        if k > n {
            show!(v[1]);
        }
        for i in 0..2 {
            push!(v, i);
        }
        let total = v.len() as i64;
        say!("total {total} with {n}");
        suspend("s2").await;
        k + both!(name, v) + c.get() + arg.get() + total
    }

    // Values bound by patterns: the shadow copy binds them again, `mut`.
    #[self::coroutine]
    async fn bound_by_patterns((p, q): (i64, D), items: Vec<D>) -> i64 {
        let (a, b) = (D::with("a", 1), 2);
        suspend("s1").await;
        show!(a);
        show!(q);
        let mut total = p + b;
        for item in items {
            suspend("item").await;
            show!(item);
            total += item.get();
        }
        if let Some(x) = Some(D::with("x", 3)) {
            suspend("x").await;
            show!(x);
        }
        match Some(D::with("n", 5)) {
            Some(n) => {
                suspend("n").await;
                show!(n);
            }
            None => log("none"),
        }
        let Some(w) = Some(D::with("w", 7)) else {
            return 0;
        };
        suspend("w").await;
        show!(w);
        total + a.get() + q.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let items = vec![D::with("i1", 10), D::with("i2", 20)];
        held(D::with("arg", 7), 3).await
            + held(D::with("arg2", 8), 100).await
            + bound_by_patterns((4, D::with("q", 6)), items).await
    }
}

/// Found by coro-fuzz (seed 20261282 program 252): a macro of one's own
/// as an argument of `format!` (or `println!`, `assert_eq!`'s message),
/// naming a value held across an await. The argument is only borrowed to
/// be read, as `&m!(x)` is, so the value is lent to the macro; it was
/// refused as a place the macro could change. (As with `&m!(x)`, a macro
/// whose value is the lent value itself, `same!(d)`, moves it: E0382.)
pub mod own_macro_as_a_format_argument {
    use super::*;

    macro_rules! same {
        ($($t:tt)*) => {
            $($t)*
        };
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let r = &D::with("r", ready_now(6).await);
        let d = D::with("d", 2);
        suspend("held").await;
        let s = format!("{} {:?}", same!(r.get()), same!(d.get() * 2));
        log(format!("{}", same!(d.get() + 1)));
        value("v", 1).await;
        assert_eq!(r.get(), 6, "{}", same!(d.get()));
        s
    }
}

/// More places a value held across an await is lent to a macro of one's
/// own: in a loop that awaits, a `&mut` held across awaits (moved out and
/// back, then used again), a macro giving a block its value, a braced
/// statement macro, and one naming the same value twice.
pub mod own_macros_lent_in_loops_blocks_and_references {
    use super::*;

    macro_rules! add_to {
        ($v:expr, $x:expr) => {
            $v.push(D::with("pushed", $x))
        };
    }
    macro_rules! total {
        ($v:expr) => {
            $v.iter().map(|d| d.get()).sum::<i64>()
        };
    }
    macro_rules! twice {
        ($a:expr, $b:expr) => {
            $a.get() + $b.get()
        };
    }
    macro_rules! note {
        {$($t:tt)*} => {
            log(format!("note {}", $($t)*));
        };
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut held = vec![D::with("h0", 1)];
        let r = &mut held;
        let d = D::with("d", 5);
        for i in 0..3 {
            suspend("loop").await;
            add_to!(r, i);
            if i == 1 {
                note! { r.len() }
                log("noted");
            }
        }
        add_to!(r, 7);
        let sum = {
            let k = value("k", 2).await;
            k + total!(r)
        };
        suspend("after").await;
        let both = {
            log("block");
            twice!(d, d)
        };
        // Compared, and borrowed shared: only read.
        let compared = i64::from(total!(r) > 3 && twice!(d, d) == 10);
        let shared = &total!(r);
        suspend("shared").await;
        sum + both + compared + *shared + held.len() as i64
    }
}

/// A value lent to a macro of one's own after a `Copy` field of it was
/// read out (`let n = p.n;`, which syntax cannot tell from a move), or a
/// `Copy` part of it bound by a pattern (`match q { Some(k) => .. }`): the
/// lending checks that those parts are `Copy`, and the value is whole (was
/// rejected as partly moved; found by the fuzzer's macros of one's own).
pub mod own_macro_lent_a_value_after_a_copy_field_read {
    use super::*;

    pub struct Holder {
        n: i64,
        d: D,
    }

    macro_rules! show {
        ($e:expr) => {
            log(format!("show {} {}", $e.n, $e.d.get()))
        };
    }

    #[self::coroutine]
    async fn held(h: Holder) -> i64 {
        let n = h.n;
        suspend("s1").await;
        show!(h);
        let k = value("k", n).await;
        k + h.n + h.d.get()
    }

    #[self::coroutine]
    async fn bound(q: Option<i64>, a: i64) -> i64 {
        let k = match q {
            Some(k) => k,
            None => {
                log("none");
                0
            }
        };
        #[allow(clippy::match_single_binding)]
        let b = match a {
            b => b + 1,
        };
        suspend("s").await;
        log(format!("{:?} {}", q, a));
        say!(q, a);
        k + b + value("v", a).await
    }

    macro_rules! say {
        ($($e:expr),*) => {
            log(format!("say {:?}", ($($e,)*)))
        };
    }
    use say;

    #[self::coroutine]
    pub async fn run() -> i64 {
        held(Holder { n: 2, d: D::with("d", 5) }).await + bound(Some(3), 4).await
    }
}
