// A limitation (README, "Limitations"): a method that takes `self` by
// value, called on a variable that lives across an `.await`, with an
// argument that awaits. rustc moves the receiver into the call before the
// argument runs (cancelled during that await, it drops first); the lowering
// can move it only at the call, so it calls it in place, which rustc rejects
// (E0507 on the variable). Natively this compiles. Workaround:
// `{ o }.unwrap_or(fallback().await)`.
async fn tick() {}

async fn fallback() -> String {
    String::new()
}

#[coro::coroutine]
async fn f() -> String {
    let o = Some(String::from("o"));
    tick().await;
    o.unwrap_or(fallback().await)
}

fn main() {
    let _ = f();
}
