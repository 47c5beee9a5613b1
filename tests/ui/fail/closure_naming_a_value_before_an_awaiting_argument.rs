// A closure literal that names a value of the coroutine (`|s| s.len() + k`),
// as an argument before one that awaits: rustc types its parameters from
// the callee's bound (`F: Fn(&str) -> usize`), but the lowering makes the
// closure before the await (rustc's order: what it captures is taken
// there), into a temporary that nothing types (E0282; natively it compiles).
// A closure that names no value stays in the call and is typed there.
// Write the parameter's type (`|s: &str| ..`), or bind the awaited value
// to a local first.
async fn n() -> u32 {
    2
}

fn apply<F: Fn(&str) -> usize>(f: F, n: u32) -> usize {
    f("abc") + n as usize
}

#[coro::coroutine]
async fn f(k: usize) -> usize {
    apply(|s| s.len() + k, n().await)
}

fn main() {
    let _ = f(1);
}
