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

/// Logs `"weigh NAME K"`: a call that borrows a temporary `D`, which lives
/// to the end of the statement.
#[allow(dead_code)]
pub fn weigh(d: &D, k: i64) -> i64 {
    log(format!("weigh {} {k}", d.name()));
    d.get().wrapping_add(k)
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
