// Native: E0728 `await` is only allowed inside `async` functions and blocks.
async fn one() -> u32 {
    1
}

#[coro::coroutine]
async fn f() -> u32 {
    let g = || one().await;
    g()
}

fn main() {
    let _ = f();
}
