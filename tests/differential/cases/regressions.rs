// Regression cases found by the random-program fuzzer (fuzz/README.md),
// shrunk. A case marked `BUG(fuzz)` is parked (compiled natively on both
// sides) until the lowering handles it: write `#[self::coroutine]` on its
// `run` to test the fix.
//
// The fuzzer's vocabulary (a copy of fuzz/prelude.rs, kept here so that
// these cases do not change when the fuzzer's does):

// The random-program fuzzer's vocabulary beyond the harness (see
// fuzz/README.md): a struct with a drop-logging field, a logging call, and
// the `Result`/`Option` sources for `?`, `if let` and `let else`. Every item
// is `allow(dead_code)`: a topic need not use all of them.

#[allow(dead_code)]
pub struct Pair {
    pub n: i64,
    pub d: D,
}

#[allow(dead_code)]
impl Pair {
    /// Logs `"sum NAME"` (and `"use NAME"`), returns `n` plus `d`'s number.
    pub fn sum(&self) -> i64 {
        log(format!("sum {}", self.d.name()));
        self.n.wrapping_add(self.d.get())
    }
}

/// Logs `"add(A, B)"`: shows when a call happens relative to its operands.
#[allow(dead_code)]
pub fn add(a: i64, b: i64) -> i64 {
    log(format!("add({a}, {b})"));
    a.wrapping_add(b)
}

/// `Err(v)` for `v` ≡ 3 (mod 4), else `Ok(v)`; logs `"ck(V)"`.
#[allow(dead_code)]
pub fn ck(v: i64) -> Result<i64, i64> {
    log(format!("ck({v})"));
    if v.rem_euclid(4) == 3 { Err(v) } else { Ok(v) }
}

/// `None` for multiples of 3, else `Some(v)`; logs `"some_if(V)"`.
#[allow(dead_code)]
pub fn some_if(v: i64) -> Option<i64> {
    log(format!("some_if({v})"));
    if v.rem_euclid(3) == 0 { None } else { Some(v) }
}

/// Found by coro-fuzz (seed 1 programs 8, 10, 23, ...), minimised by hand:
/// a let chain whose only `let` awaits its scrutinee. (A chain with a
/// second `let`, as in control_flow::let_chain, compiles.)
pub mod let_chain_one_awaited_let {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        if let Some(a) = value("w", Some(4)).await && ev("gt", a > 0) {
            a
        } else {
            0
        }
    }
}

/// Found by coro-fuzz (seed 1 programs 11, 27, 35, ...), minimised by
/// hand: an awaiting guard in a match on a tuple temporary whose other
/// arm binds a field by value.
pub mod awaiting_guard_on_tuple_temporary {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        match (0, D::new("z")) {
            (a, _) if value("g", true).await => a,
            (_, d) => d.get(),
        }
    }
}

/// Found by coro-fuzz (seed 1 program 1, shrunk; programs 18, 43, 55, 59
/// show the same): the part of a match scrutinee temporary that no pattern
/// binds must live until the end of the match, also when the arm taken has
/// a guard.
pub mod guarded_arm_keeps_scrutinee_temporary {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        match (0, D::new("z")) {
            (a, _) if true => value("w", a).await,
            (_, _d) => 0,
        }
    }
}
