// Native: E0502, `v` borrowed as immutable (by `first`, held across the
// await) and then pushed to.
async fn tick() {}

#[coro::coroutine]
async fn f() -> u32 {
    let mut v = vec![1, 2, 3];
    let first = &v[0];
    tick().await;
    v.push(4);
    *first
}

fn main() {
    let _ = f();
}
