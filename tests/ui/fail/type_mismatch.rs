// Native: E0308 mismatched types, on `"ten"`.
async fn tick() {}

#[coro::coroutine]
async fn f() -> u32 {
    tick().await;
    let n: u32 = "ten";
    tick().await;
    n
}

fn main() {
    let _ = f();
}
