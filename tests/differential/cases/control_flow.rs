// Branching: `if`/`else` chains, `if let`, let chains, labeled blocks,
// early `return` dropping live locals, diverging branches.

/// Decides with an awaited condition, then awaits in the chosen branch.
#[self::coroutine]
async fn branch(c: bool) -> u32 {
    let _d = D::new(format!("branch({c})"));
    if value("cond", c).await {
        value("then", 1).await
    } else {
        value("else", 2).await
    }
}

/// Awaited `if` condition, both branches awaiting.
pub mod if_else_awaited_condition {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (u32, u32) {
        (branch(true).await, branch(false).await)
    }
}

/// An `else if` chain: each condition awaited in turn until one holds.
pub mod else_if_chain {
    use super::*;

    #[self::coroutine]
    async fn classify(n: u32) -> &'static str {
        if ev("c1", value("c1", n).await > 10) {
            "big"
        } else if ev("c2", value("c2", n).await > 5) {
            value("mid", "medium").await
        } else if value("c3", n == 0).await {
            "zero"
        } else {
            suspend("small").await;
            "small"
        }
    }

    #[self::coroutine]
    pub async fn run() -> Vec<&'static str> {
        vec![
            classify(20).await,
            classify(7).await,
            classify(0).await,
            classify(1).await,
        ]
    }
}

/// `if` without `else` as a statement, the body awaiting and mutating.
pub mod if_without_else {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let mut x = 1;
        if value("c", true).await {
            x += value("body", 10).await;
        }
        if value("c2", false).await {
            x += value("skipped", 100).await;
        }
        x
    }
}

/// `if let` on an awaited scrutinee, binding a drop-logging value that lives
/// across the then-block's await.
pub mod if_let_awaited_scrutinee {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut total = 0;
        if let Some(d) = value("some", Some(D::with("bound", 2))).await {
            suspend("then").await;
            total += d.get();
        }
        if let Some(d) = value("none", None::<D>).await {
            total += d.get();
        } else {
            total += value("else", 100).await;
        }
        total
    }
}

/// Edition 2024 let chains: `if let Some(x) = a.await && x > 3 && b.await`.
pub mod let_chain {
    use super::*;

    #[self::coroutine]
    async fn test(v: Option<u32>, flag: bool) -> u32 {
        if let Some(x) = value("opt", v).await
            && ev("gt", x > 3)
            && ev("mk flag", value("flag", flag)).await
            && let Some(y) = value("second", Some(x * 2)).await
        {
            y
        } else {
            0
        }
    }

    #[self::coroutine]
    pub async fn run() -> Vec<u32> {
        // Taken; fails at the pattern; fails at `x > 3`; fails at the flag.
        vec![
            test(Some(5), true).await,
            test(None, true).await,
            test(Some(1), true).await,
            test(Some(9), false).await,
        ]
    }
}

/// A labeled block left early with `break 'label value` after an await.
pub mod labeled_block_break {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _outer = D::new("outer");
        let x = 'blk: {
            let _inner = D::new("inner");
            if value("c", true).await {
                break 'blk value("break", 7).await;
            }
            log("not reached");
            0
        };
        log("after block");
        x
    }
}

/// `return` from two scopes deep drops the inner then the outer locals.
pub mod early_return_drops_in_order {
    use super::*;

    #[self::coroutine]
    async fn f(early: bool) -> i64 {
        let a = D::with("a", 1);
        {
            let b = D::with("b", 2);
            suspend("s1").await;
            if value("early?", early).await {
                let c = D::with("c", 3);
                return b.get() + c.get();
            }
        }
        let d = D::with("d", 4);
        suspend("s2").await;
        a.get() + d.get()
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64) {
        (f(true).await, f(false).await)
    }
}

/// A diverging `else` branch (`return`) in an `if` used as a value.
pub mod diverging_branch {
    use super::*;

    #[self::coroutine]
    async fn f(c: bool) -> u32 {
        let _d = D::new("d");
        let x: u32 = if value("c", c).await {
            value("then", 5).await
        } else {
            return ev("diverge", 99);
        };
        x + 1
    }

    #[self::coroutine]
    pub async fn run() -> (u32, u32) {
        (f(true).await, f(false).await)
    }
}

/// Early return out of a deeply nested `if` inside a `match` arm.
pub mod return_from_nested_expression {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = D::with("a", 1);
        let n = match value("m", 3).await {
            3 => {
                let b = D::with("b", 2);
                if value("c", true).await {
                    return a.get() + b.get() + 100;
                }
                b.get()
            }
            _ => 0,
        };
        n + a.get()
    }
}

/// An `if` whose both branches are blocks with locals and awaits, used as a
/// call argument after an evaluated argument.
pub mod if_as_call_argument {
    use super::*;

    fn pair(a: i64, b: i64) -> i64 {
        log(format!("pair({a}, {b})"));
        a * 10 + b
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        pair(
            ev("first", 1),
            if value("c", false).await {
                0
            } else {
                let d = D::with("else-local", 2);
                suspend("else").await;
                d.get()
            },
        )
    }
}

/// `let .. else` on a place (a slice of a local, a tuple local) whose
/// `else` awaits: the pattern matches the place itself, which may be
/// unsized (`v[..]`). (The lowering moved the place into a var of its own
/// first: E0282, or E0277 for the unsized slice.)
pub mod let_else_on_place_whose_else_awaits {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let nums = vec![1i64, 2, 3];
        let [a, b, ..] = nums[..] else {
            return value("short", 0).await;
        };
        let pair = (D::with("p", 5), 7i64);
        let (_, 7) = pair else {
            suspend("not seven").await;
            return -1;
        };
        let short = vec![4i64];
        let [x, y, ..] = short[..] else {
            let d = D::with("in else", 10);
            return value("w", d.get()).await + a + b + pair.1;
        };
        x + y
    }
}

/// `#[cfg]` on statements, `match` arms and struct-literal fields, with
/// awaits under them: the coroutine is expanded once per predicate's
/// value, so what a `cfg` turns off never runs (`any()` is false, `all()`
/// true, `debug_assertions` either).
pub mod cfg_on_statements_arms_and_fields {
    use super::*;

    pub struct Conf {
        a: i64,
        b: i64,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let n = ev("n", 1);
        #[cfg(any())]
        let n = value("off", 7).await;
        #[cfg(all())]
        let n = n + value("on", 10).await;
        #[cfg(any())]
        log("never");
        #[cfg(debug_assertions)]
        suspend("debug").await;
        #[cfg(not(debug_assertions))]
        suspend("release").await;
        let m = match ev("m", 0) {
            #[cfg(any())]
            0 => value("off arm", 100).await,
            _ => value("arm", 2).await,
        };
        let c = Conf {
            #[cfg(all())]
            a: value("a", 3).await,
            #[cfg(any())]
            a: 300,
            b: 4,
        };
        n + m + c.a + c.b
    }
}

/// Found by a crate of less common Rust: `#[cfg]` on the elements of an
/// array, a tuple, `vec!`, and on a call's and a method call's arguments
/// (rustc accepts attributes there), and a `#[cfg_attr(p, cfg(q))]` on a
/// statement. rustc removes what they turn off; the lowering ran it
/// (`vec![#[cfg(any())] value("off", 0).await, ..]` awaited and logged
/// "off", and a tuple got a third element: E0308).
pub mod cfg_on_elements_and_arguments {
    use super::*;

    fn add(a: i64, b: i64) -> i64 {
        a + b
    }

    #[self::coroutine]
    pub async fn run() -> (Vec<i64>, (i64, i64), i64, i64, i64) {
        let mut n = ev("n", 1);
        let arr = [
            #[cfg(any())]
            value("off arr", 100).await,
            value("arr", 2).await,
        ];
        let v = vec![
            #[cfg(any())]
            value("off vec", 100).await,
            value("vec", arr[0]).await,
            #[cfg(all())]
            value("vec on", 3).await,
        ];
        let t = (
            #[cfg(any())]
            value("off tuple", 100).await,
            value("tuple", 4).await,
            #[cfg(all())]
            value("tuple on", 5).await,
        );
        let c = add(
            #[cfg(any())]
            value("off arg", 100).await,
            value("arg", 6).await,
            7,
        );
        let d = D::new("d");
        let m = d.touch(
            #[cfg(any())]
            value("off method arg", 100).await,
            value("method arg", 8).await,
        );
        #[cfg_attr(all(), cfg(any()))]
        {
            n += value("off cfg_attr", 100).await;
        }
        #[cfg_attr(any(), cfg(any()))]
        {
            n += value("on cfg_attr", 9).await;
        }
        (v, t, c, m, n)
    }
}

/// As above, a `#[cfg]` only on an element of `vec!` (the lowering looked
/// for predicates on statements, arms and fields only, so it ran the
/// element turned off).
pub mod cfg_on_vec_element_only {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<i64> {
        vec![
            #[cfg(any())]
            value("off", 0).await,
            value("on", 1).await,
        ]
    }
}

/// Found by writing library code: an argument under `#[cfg]` (rustc
/// removes it after the macro ran, which named it in the frame). The
/// coroutine is expanded once with the argument and once without.
/// (E0425 before.)
pub mod cfg_on_arguments {
    use super::*;

    #[self::coroutine]
    async fn scaled(#[cfg(any())] extra: D, n: i64, #[cfg(all())] factor: i64) -> i64 {
        let d = D::with("d", n);
        suspend("scale").await;
        d.get() * factor
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        scaled(3, 10).await
    }
}

/// Found by writing programs: an `if` or `match` whose branch awaits, whose
/// branches' values coerce to the type expected of them (a typed `let`'s,
/// the function's for its tail): `Box<u8>` and `Box<u32>` to
/// `Box<dyn Display>`, `Ok(&mut String)` to `Result<&String, ()>`, byte
/// strings of two lengths to `&[u8]`. The value is held in a var of the
/// lowering's that each branch writes, typed by the first branch (E0308);
/// it now has the expected type, and so has a block's value inside a branch.
pub mod branches_coerce_to_the_expected_type {
    use super::*;
    use std::collections::BTreeMap;
    use std::collections::btree_map::Entry;
    use std::fmt::Display;

    #[self::coroutine]
    async fn boxed(c: bool) -> Box<dyn Display> {
        match c {
            true => Box::new(1u8),
            false => Box::new(value("n", 7u32).await),
        }
    }

    #[self::coroutine]
    async fn entry(m: &mut BTreeMap<u32, String>, k: u32) -> Result<&String, ()> {
        match m.entry(k) {
            Entry::Occupied(e) => Ok(e.into_mut()),
            Entry::Vacant(v) => {
                let n = value("n", 9).await;
                Ok(v.insert(n.to_string()))
            }
        }
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let s: &[u8] = if ev("c1", true) {
            b"xy"
        } else {
            suspend("s1").await;
            b"xyz"
        };
        let t: &[u8] = if ev("c2", false) {
            b"xy"
        } else {
            suspend("s2").await;
            b"xyz"
        };
        let mut m = BTreeMap::new();
        m.insert(1, "one".to_string());
        let a = entry(&mut m, 1).await.cloned();
        let b = entry(&mut m, 2).await.cloned();
        let (x, y) = (boxed(true).await, boxed(false).await);
        format!("{x} {y} {} {} {a:?} {b:?}", s.len(), t.len())
    }
}

/// Found by writing plugin code: a `loop` whose body awaits, or a labelled
/// block, typed by a `let` (`Box<dyn Debug>`) or as the function's tail,
/// whose `break` values are `Box`es of different types: each coerces to the
/// expected type, as a branch's value does. (E0308 before: the first
/// `break` typed the others.)
pub mod break_values_coerce_to_the_expected_type {
    use super::*;
    use std::fmt::Debug;

    // (Loops that end at their first round: the case is their values.)
    #[allow(clippy::never_loop)]
    #[self::coroutine]
    async fn pick(n: i64) -> Box<dyn Debug> {
        let looped: Box<dyn Debug> = loop {
            if value("tick", n).await > 1 {
                break Box::new(1u8);
            }
            break Box::new("s");
        };
        let labelled: Box<dyn Debug> = 'b: {
            if value("label", n).await > 3 {
                break 'b Box::new(2u16);
            }
            Box::new(format!("{looped:?}"))
        };
        loop {
            if value("tail", n).await > 5 {
                break Box::new((looped, labelled));
            }
            break Box::new(-1i32);
        }
    }

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let mut out = Vec::new();
        for n in [0, 2, 4, 6] {
            out.push(format!("{:?}", pick(n).await));
        }
        out
    }
}

/// Found by writing Advent-of-Code-style parsers: a value whose
/// temporaries live across its own await (`"..".trim()` made into a
/// `String` inside it), so that the statement runs as an `async` block
/// awaited in place, and which coerces inside a constructor to the type
/// expected of it: `Err(Box::new(BadLine(..)))` returned, as the tail, a
/// branch's tail or a match arm's value, or bound by a typed `let`, to a
/// `Result<_, Box<dyn Error>>`. The block's output was typed by the value
/// alone, `Result<_, Box<BadLine>>`, which does not coerce once whole
/// (E0308); the value is now typed inside the block.
pub mod native_statement_values_coerce_to_the_expected_type {
    use super::*;
    use std::error::Error;
    use std::fmt;

    #[derive(Debug)]
    pub struct BadLine(pub String);

    impl fmt::Display for BadLine {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "bad line {}", self.0)
        }
    }

    impl Error for BadLine {}

    #[self::coroutine]
    async fn parse(line: &str) -> Result<u32, Box<dyn Error>> {
        if line.is_empty() {
            return Err(Box::new(BadLine(value("empty", " - ".trim().to_string()).await)));
        }
        match line.len() {
            1 => Err(Box::new(BadLine(value("short", line.trim().to_string()).await))),
            2 => {
                let e: Result<u32, Box<dyn Error>> =
                    Err(Box::new(BadLine(value("two", line.trim().to_string()).await)));
                e
            }
            _ if line.starts_with('#') => {
                suspend("comment").await;
                Err(Box::new(BadLine(value("comment", line.trim().to_string()).await)))
            }
            _ => Ok(line.trim().parse::<u32>()?),
        }
    }

    #[self::coroutine]
    async fn last(line: &str) -> Result<u32, Box<dyn Error>> {
        suspend("last").await;
        Err(Box::new(BadLine(value("last", line.trim().to_string()).await)))
    }

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let mut out = Vec::new();
        for line in ["", "x", "ab", "#abc", "123", "1x3"] {
            out.push(match parse(line).await {
                Ok(n) => n.to_string(),
                Err(e) => e.to_string(),
            });
        }
        out.push(format!("{:?}", last(" z ").await.map_err(|e| e.to_string())));
        out
    }
}

/// As `native_statement_values_coerce_to_the_expected_type`, for the
/// `break` values of a `loop` or labelled block, and the branches of an
/// `if`, that a typed `let` or the function's tail expects to be of a
/// type: `break Err(Box::new(BadLine(..)))` run as an `async` block took
/// its value out typed by itself (E0308); it is now typed by the
/// construct's expected type where it is made.
pub mod native_break_values_coerce_to_the_expected_type {
    use super::native_statement_values_coerce_to_the_expected_type::BadLine;
    use super::*;
    use std::error::Error;

    // (Loops that end at their first round: the case is their values.)
    #[allow(clippy::never_loop)]
    #[self::coroutine]
    async fn first(line: &str, n: Option<u32>) -> Result<u32, Box<dyn Error>> {
        let looped: Result<u32, Box<dyn Error>> = loop {
            if line.is_empty() {
                break Err(Box::new(BadLine(value("loop", line.trim().to_string()).await)));
            }
            break Ok(1);
        };
        let labelled: Result<u32, Box<dyn Error>> = 'b: {
            if line.len() == 1 {
                break 'b Err(Box::new(BadLine(value("label", line.trim().to_string()).await)));
            }
            Ok(looped? + 1)
        };
        let branch: Result<u32, Box<dyn Error>> = if let Some(n) = n {
            Ok(n)
        } else {
            Err(Box::new(BadLine(value("else", line.trim().to_string()).await)))
        };
        match labelled? * branch? {
            0 => loop {
                break Err(Box::new(BadLine(value("arm", line.trim().to_string()).await)));
            },
            k => Ok(k),
        }
    }

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let mut out = Vec::new();
        for (line, n) in [("", Some(1)), ("x", Some(1)), ("ab", None), ("ab", Some(0)), ("ab", Some(3))] {
            out.push(match first(line, n).await {
                Ok(n) => n.to_string(),
                Err(e) => e.to_string(),
            });
        }
        out
    }
}

/// A tail that a `return` before it leaves unreachable, allowed by the
/// user (`return k; #[allow(unreachable_code)] { v.await }`): rustc's
/// `async fn` gives no warning. The shadow copy wrapped the tail, to type
/// it, in a block of its own that the allow did not cover ("unreachable
/// expression" at the attribute, an error under `deny`).
pub mod allowed_unreachable_tail_after_a_return {
    #![deny(unreachable_code)]
    use super::*;

    #[self::coroutine]
    async fn early(d: D) -> i64 {
        let k = value("k", 1).await;
        return k + d.get();
        #[allow(unreachable_code)]
        {
            value("never", 2).await
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        early(D::with("d", 3)).await
    }
}
