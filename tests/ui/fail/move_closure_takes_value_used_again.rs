// A `move` closure naming a frame value only inside a macro
// (`format!("{}", p.name)`), where the value is used again after: rustc
// captures only `p.name`; the lowering would take the whole of `p` out of
// the frame, which only a `Copy` value allows. Rejected, pointing at the
// closure's mention. Natively this compiles. Workaround: `let name =
// p.name;` before the closure, and name `name` in it.
struct Parts {
    name: String,
    body: String,
}

async fn tick() {}

#[coro::coroutine]
async fn f() -> usize {
    let p = Parts { name: "a".into(), body: "b".into() };
    tick().await;
    let c = move || format!("{}", p.name);
    tick().await;
    c().len() + p.body.len()
}

fn main() {
    let _ = f();
}
