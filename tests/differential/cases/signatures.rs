// Parameters: patterns in parameters, `mut` parameters, `unsafe async fn`,
// and when arguments are dropped (rustc moves every argument into the
// future at the call; unused ones drop when the future completes or is
// dropped).

pub struct Two {
    x: D,
    y: D,
}

/// Three drop-logging arguments, one used.
#[self::coroutine]
async fn take3(a: D, b: D, c: D) -> i64 {
    log(format!("take3 body, first {}", a.name()));
    suspend("take3").await;
    let local = D::new("take3-local");
    log(format!("local {}", local.name()));
    b.get() + c.name().len() as i64
}

/// Tuple pattern in a parameter.
pub mod tuple_pattern_parameter {
    use super::*;

    #[self::coroutine]
    async fn f((a, b): (u32, u32), (c, _): (D, D)) -> i64 {
        suspend("f").await;
        (a * 10 + b) as i64 + c.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        f((1, 2), (D::with("c", 100), D::new("ignored"))).await
    }
}

/// A struct pattern with `..` in a parameter: the bound field is moved out,
/// the rest of the argument drops when the future completes.
pub mod struct_pattern_parameter {
    use super::*;

    #[self::coroutine]
    async fn f(Two { x, .. }: Two) -> i64 {
        suspend("f").await;
        let v = x.get();
        drop(x);
        log("x dropped");
        suspend("g").await;
        v
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let two = Two {
            x: D::with("x", 1),
            y: D::new("y"),
        };
        let r = f(two).await;
        log("after call");
        r
    }
}

/// Reading both fields of a struct pattern parameter.
pub mod struct_pattern_all_fields {
    use super::*;

    #[self::coroutine]
    async fn f(Two { y, x }: Two) -> i64 {
        suspend("f").await;
        x.get() * 10 + y.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        f(Two {
            x: D::with("x", 1),
            y: D::with("y", 2),
        })
        .await
    }
}

/// `mut` parameters modified across awaits.
pub mod mut_parameter {
    use super::*;

    #[self::coroutine]
    async fn count_down(mut n: u32, mut acc: Vec<u32>) -> Vec<u32> {
        while n > 0 {
            acc.push(value(format!("n{n}"), n).await);
            n -= 1;
        }
        acc
    }

    #[self::coroutine]
    pub async fn run() -> Vec<u32> {
        count_down(3, vec![0]).await
    }
}

/// Arguments are dropped when the future completes, after the body's
/// locals.
pub mod arguments_dropped_at_completion {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let r = take3(D::new("a"), D::with("b", 2), D::new("c")).await;
        log("after call");
        r
    }
}

/// A coroutine future created (arguments moved in) and dropped without ever
/// being polled drops its arguments.
pub mod unpolled_future_drops_arguments {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let fut = take3(D::new("a"), D::new("b"), D::new("c"));
        log("created");
        suspend("s").await;
        drop(fut);
        log("dropped");
        value("end", 1).await
    }
}

/// A coroutine future polled once (suspended inside) and then dropped drops
/// its locals and arguments.
pub mod partially_polled_future_drops_arguments {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> bool {
        let pending = {
            let mut fut = std::pin::pin!(take3(D::new("a"), D::new("b"), D::new("c")));
            futures::poll!(fut.as_mut()).is_pending()
        };
        log("after drop");
        suspend("end").await;
        pending
    }
}

/// A `_` parameter is not dropped at the call: it lives until the future
/// completes (an `_name` one too).
pub mod wildcard_parameter_kept_alive {
    use super::*;

    #[self::coroutine]
    async fn f(_: D, _named: D, n: u32) -> u32 {
        log("body starts");
        value("f", n).await
    }

    #[self::coroutine]
    pub async fn run() -> u32 {
        let r = f(D::new("wild"), D::new("named"), 4).await;
        log("after call");
        r
    }
}

/// Reference patterns in parameters: `&x: &u32`, `&(a, b): &(u32, u32)`.
pub mod reference_patterns {
    use super::*;

    #[self::coroutine]
    async fn f(&x: &u32, &(a, b): &(u32, u32)) -> u32 {
        suspend("f").await;
        x + a * b
    }

    #[self::coroutine]
    pub async fn run() -> u32 {
        let t = (2, 3);
        f(&1, &t).await
    }
}

/// Nested tuple pattern with a `_` hole: the unbound part of the argument
/// lives until the future completes.
pub mod nested_pattern_with_hole {
    use super::*;

    #[self::coroutine]
    async fn f((a, (b, _)): (D, (D, D))) -> i64 {
        suspend("f").await;
        a.get() + b.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        f((D::with("a", 1), (D::with("b", 2), D::new("hole")))).await
    }
}

/// Call-site argument evaluation: the arguments (one awaited) are evaluated
/// in order and moved into the callee's future before it is polled.
pub mod call_site_argument_order {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        take3(
            ev("arg a", D::new("a")),
            value("arg b", D::with("b", 5)).await,
            ev("arg c", D::new("c")),
        )
        .await
    }
}

/// An argument dropped explicitly early in the body is not dropped again.
pub mod argument_dropped_early {
    use super::*;

    #[self::coroutine]
    async fn f(a: D, b: D) -> i64 {
        drop(a);
        log("a dropped");
        suspend("f").await;
        b.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        f(D::new("a"), D::with("b", 1)).await
    }
}

/// `unsafe async fn`, called inside an `unsafe` block.
pub mod unsafe_async_fn {
    use super::*;

    /// # Safety
    /// `p` must be valid for reads until the future completes.
    #[self::coroutine]
    async unsafe fn read_later(p: *const u32) -> u32 {
        suspend("read_later").await;
        // SAFETY: the caller guarantees `p` is valid.
        unsafe { *p }
    }

    #[self::coroutine]
    pub async fn run() -> u32 {
        let x = 9u32;
        // SAFETY: `x` outlives the awaited future.
        unsafe { read_later(&x).await }
    }
}

/// `impl Trait` arguments whose lifetimes are elided (`Item = &str`,
/// `+ '_`), which an `async fn` may leave out and a plain `fn` may not; a
/// `Fn(&str)` bound's lifetime is higher-ranked and stays elided.
pub mod impl_trait_arguments_with_elided_lifetimes {
    use super::*;

    #[self::coroutine]
    async fn join(
        parts: impl IntoIterator<Item = &str>,
        names: impl Iterator<Item = &D> + '_,
        shout: impl Fn(&str) -> String,
    ) -> String {
        suspend("join").await;
        let names: Vec<&str> = names.map(D::name).collect();
        let parts: Vec<String> = parts.into_iter().map(&shout).collect();
        format!("{} {}", parts.join(","), names.join("+"))
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let ds = [D::new("x"), D::new("y")];
        join(["a", "b"], ds.iter(), |s| s.to_uppercase()).await
    }
}

/// Generic functions with lifetimes in their signatures (an elided `&mut`,
/// a named `'a`, an output that elides its lifetime) whose frames hold a
/// borrow of a generic argument across an await: the borrow is stored
/// under a lifetime of the lowering's own that every other one outlives
/// (without it, E0311).
pub mod generic_fns_with_lifetimes_borrowing_across_awaits {
    use super::*;

    #[self::coroutine]
    async fn drain_into<T: Clone>(items: Vec<T>, out: &mut Vec<T>) -> usize {
        let it = items.iter();
        suspend("drain").await;
        out.extend(it.cloned());
        out.len()
    }

    #[self::coroutine]
    async fn tagged<'a, T: AsRef<str>>(words: Vec<T>, tag: &'a str) -> String {
        let mut it = words.iter();
        suspend(tag).await;
        let first = it.next().map_or("", |w| w.as_ref()).to_string();
        format!("{tag}:{first}")
    }

    #[self::coroutine]
    async fn pick<T: AsRef<str>>(words: Vec<T>, fallback: &str) -> &str {
        let longest = words.iter().map(|w| w.as_ref().len()).max();
        suspend("pick").await;
        if longest.unwrap_or(0) > fallback.len() { "long" } else { fallback }
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let mut out = vec![ev("o", 1i64)];
        let n = drain_into(vec![ev("a", 2i64), ev("b", 3)], &mut out).await;
        let t = tagged(vec![String::from("w")], "t").await;
        let p = pick(vec!["ab", "abcd"], "abc").await;
        let _d = D::new("d");
        format!("{n} {t} {p} {}", out.iter().sum::<i64>())
    }
}

/// A pattern argument before named ones: rustc binds each argument in
/// turn, so at completion or cancellation the later arguments drop before
/// the earlier pattern's bindings (`u`, then `y`, `x`; then `w`, `v`).
pub mod pattern_arguments_drop_in_turn {
    use super::*;

    #[self::coroutine]
    async fn g((x, y): (D, D), u: D, (v, w): (D, D)) -> i64 {
        suspend("g").await;
        x.get() + y.get() + u.get() + v.get() + w.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let pair = (D::with("x", 1), D::with("y", 2));
        g(pair, D::with("u", 3), (D::with("v", 4), D::with("w", 5))).await
    }
}

/// Found by writing error-handling code: an output with `impl Trait`
/// inside a generic type (`Result<impl Iterator<Item = i64>, String>`). The
/// body's `Ok(..)` and `Err("..".into())` were not typed by the declared
/// `String` (E0282, E0283); the body now sees the output as
/// `Result<_, String>`.
pub mod output_with_impl_trait_inside {
    use super::*;

    #[self::coroutine]
    async fn evens(v: Vec<i64>) -> Result<impl Iterator<Item = i64>, String> {
        if v.is_empty() {
            return Err("empty".into());
        }
        suspend("s").await;
        Ok(v.into_iter().filter(|n| n % 2 == 0))
    }

    #[self::coroutine]
    pub async fn run() -> (Vec<i64>, String) {
        let found = evens(vec![1, 2, 3, 4]).await.map(|i| i.collect::<Vec<_>>());
        let empty = evens(Vec::new()).await.err().unwrap_or_default();
        (found.unwrap_or_default(), empty)
    }
}

/// Found by writing Advent-of-Code-style parsers: an output that is `impl
/// Iterator<Item = ..>` (with `+ '_`), whose bound alone types the body
/// (`s.split(',').map(|x| x.trim().parse().unwrap())`: the `parse` is of
/// an `i64` because the items are; `sum()` of a `u32`). rustc's `async fn`
/// infers through the opaque type's bounds, the lowered code through the
/// returned `impl Future`'s; the shadow copy's `async` block saw neither
/// (E0284, E0283). Its returned values are now coerced to a `&dyn` of the
/// trait, which gives it the bound.
pub mod impl_iterator_output_bound_types_the_body {
    use super::*;

    fn item<T: std::str::FromStr>(x: &str) -> T
    where
        T::Err: std::fmt::Debug,
    {
        x.trim().parse().unwrap()
    }

    #[self::coroutine]
    async fn numbers(s: &str) -> impl Iterator<Item = i64> + '_ {
        if value("empty", s.is_empty()).await {
            return "0".split(',').map(item);
        }
        s.split(',').map(item)
    }

    #[self::coroutine]
    async fn parsed(s: &str) -> impl Iterator<Item = i64> + '_ {
        let sep = value("sep", ',').await;
        s.split(sep).map(|x| x.trim().parse().unwrap())
    }

    pub struct Rows {
        rows: Vec<Vec<u8>>,
    }

    impl Rows {
        #[self::coroutine]
        async fn sums(&self) -> impl Iterator<Item = u32> + Send + '_ {
            suspend("sums").await;
            self.rows.iter().map(|r| r.iter().map(|&b| u32::from(b)).sum())
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64, Vec<u32>) {
        let a = numbers("1, 2,3").await.sum();
        let b = numbers("").await.sum();
        let c = parsed("4, 5").await.sum();
        let rows = Rows { rows: vec![vec![1, 2], vec![3]] };
        let d = rows.sums().await.collect();
        (a, b, c, d)
    }
}

/// Arguments the body never names, in a coroutine without awaits: each has
/// its own home (they all hold their values until the first poll).
pub mod unused_arguments_without_await {
    use super::*;

    #[self::coroutine]
    async fn stub(_a: D, _b: D, _n: u32) -> i64 {
        log("stub body");
        7
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let pending = stub(D::new("x"), D::new("y"), 3);
        suspend("between").await;
        pending.await + stub(D::new("z"), D::new("w"), 4).await
    }
}

/// `ref mut` bindings in argument patterns (`ref mut counter: u32`,
/// `(ref mut a, b): (u32, D)`, `Cfg { ref mut name, n }: Cfg`), with and
/// without awaits: they borrow the argument's own local, which rustc's
/// lowering makes `mut`. Was E0596 (the argument was not `mut`).
pub mod ref_mut_bindings_in_argument_patterns {
    use super::*;

    pub struct Cfg {
        name: String,
        n: u32,
    }

    // (The `ref mut` argument is what the case is about.)
    #[allow(clippy::toplevel_ref_arg)]
    #[self::coroutine]
    async fn bump(ref mut counter: u32) -> u32 {
        *counter += 1;
        *counter
    }

    #[self::coroutine]
    async fn add((ref mut a, b): (u32, D)) -> u32 {
        suspend("add").await;
        *a += u32::try_from(b.get()).unwrap_or(0);
        *a
    }

    #[self::coroutine]
    async fn rename(Cfg { ref mut name, n }: Cfg) -> String {
        name.push('!');
        value("rename", ()).await;
        format!("{name}{n}")
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let a = bump(5).await;
        let b = add((5, D::with("b", 2))).await;
        let c = rename(Cfg { name: "x".into(), n: 3 }).await;
        format!("{a} {b} {c}")
    }
}
