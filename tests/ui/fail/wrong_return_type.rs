// Native: E0308 mismatched types, on the tail expression.
async fn tick() {}

#[coro::coroutine]
async fn f() -> u32 {
    tick().await;
    "done"
}

fn main() {
    let _ = f();
}
