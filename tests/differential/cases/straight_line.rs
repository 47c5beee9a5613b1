// Straight-line bodies: sequences of awaits, locals around them, nested
// coroutine calls. No branching.

/// Adds two numbers after one suspension each: a coroutine called by others.
#[self::coroutine]
async fn add(a: u32, b: u32) -> u32 {
    let x = value("add.a", a).await;
    let y = value("add.b", b).await;
    x + y
}

/// Three levels of coroutines calling each other.
#[self::coroutine]
async fn level1(n: u32) -> u32 {
    let d = D::new("level1");
    let r = level2(n + 1).await;
    log(format!("level1 {}", d.name()));
    r
}

#[self::coroutine]
async fn level2(n: u32) -> u32 {
    let _d = D::new("level2");
    level3(n * 2).await + 1
}

#[self::coroutine]
async fn level3(n: u32) -> u32 {
    let _d = D::new("level3");
    suspend("level3").await;
    n
}

/// A single await of a future that suspends once, with a local alive across it.
pub mod one_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let d = D::new("a");
        let x = value("v", 1).await;
        log(format!("got {x} {}", d.name()));
        x + 1
    }
}

/// Two awaits in sequence; the first result is kept across the second.
pub mod two_awaits {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let a = value("a", 1).await;
        log(format!("a={a}"));
        let b = value("b", 2).await;
        log(format!("b={b}"));
        a * 10 + b
    }
}

/// Awaits that never suspend (`ready_now`): the whole body runs in one poll.
pub mod ready_awaits_no_suspend {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _d = D::new("d");
        let a = ready_now(ev("a", 3)).await;
        let b = ready_now(ev("b", 4)).await;
        a * b
    }
}

/// Ready and pending awaits interleaved.
pub mod mixed_ready_and_pending {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let a = ready_now(1).await;
        let b = value("b", a + 1).await;
        let c = ready_now(b + 1).await;
        let d = pending_n("d", 3, c + 1).await;
        a + b + c + d
    }
}

/// A future that stays pending for several polls.
pub mod pending_many_polls {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _d = D::new("held");
        pending_n("p", 5, 7).await
    }
}

/// Locals declared between awaits are dropped in reverse order at the end,
/// after the tail expression is evaluated.
pub mod locals_drop_in_reverse {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = D::with("a", 1);
        suspend("s1").await;
        let b = D::with("b", 2);
        suspend("s2").await;
        let c = D::with("c", 3);
        a.get() + b.get() + c.get()
    }
}

/// The result of an await used as a statement is dropped at the `;`.
pub mod await_statement_drops_result {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _keep = D::new("keep");
        value("a", D::new("result")).await;
        log("after statement");
        suspend("s").await;
        1
    }
}

/// `let _ = x.await` drops at once; `let _x = x.await` keeps it to the end.
pub mod let_underscore_vs_named {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _ = value("a", D::new("underscore")).await;
        log("after let _");
        let _named = value("b", D::new("named")).await;
        log("after let _named");
        suspend("s").await;
        2
    }
}

/// Returning a drop-logging value: it is dropped by the caller, not the future.
pub mod return_owned_value {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> D {
        let a = D::new("local");
        let r = value("r", D::with("returned", 5)).await;
        log(format!("local {}", a.name()));
        r
    }
}

/// A unit-returning body.
pub mod unit_result {
    use super::*;

    #[self::coroutine]
    pub async fn run() {
        let d = D::new("d");
        suspend("s").await;
        log(format!("unit {}", d.name()));
    }
}

/// A coroutine awaiting another coroutine (with arguments) twice.
pub mod nested_coroutine_calls {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let x = add(ev("x1", 1), ev("x2", 2)).await;
        let y = add(x, ev("y", 10)).await;
        x + y
    }
}

/// Three nested coroutine levels, each with a drop-logging local.
pub mod three_levels_deep {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _top = D::new("top");
        level1(ev("n", 1)).await
    }
}

/// A body with no await at all.
pub mod no_await_at_all_no_suspend {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = D::with("a", 4);
        let b = D::with("b", 5);
        a.get() * b.get()
    }
}

/// Found by writing programs: a variable named `r#gen` (what `cargo fix
/// --edition` writes for a 2021 `gen`) held across an await. Its frame
/// field was named `gen`, a keyword from edition 2024 on (a parse error at
/// the attribute).
pub mod raw_identifier_reserved_in_edition_2024 {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let r#gen = ev("gen", 2);
        let r#type = D::with("type", 3);
        suspend("s").await;
        r#gen + r#type.get()
    }
}

/// A count and a flag of a value (`v.len()`, `v.is_empty()`), not used
/// after the next await: they have no drop glue, as their methods' names
/// say, so they end at their last use and are not held across it
/// (`counts_and_flags_end_at_their_last_use`).
pub mod counts_and_flags_end_at_their_last_use {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let v = vec![D::new("a"), D::new("b")];
        let n = v.len();
        let empty = v.is_empty();
        log(format!("{n} {empty}"));
        let x = value("a", 1u32).await;
        let m = v.len();
        value("b", 2u32).await;
        x + m as u32
    }
}
