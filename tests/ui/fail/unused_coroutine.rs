// rustc warns of an `async fn` that is never used; it must warn of the same
// function under `#[coroutine]` (lints on an item whose span ends in a
// macro's tokens are the macro's, and rustc keeps them quiet).
#![deny(dead_code)]

#[coro::coroutine]
async fn never_called(x: u64) -> u64 {
    std::future::ready(x).await + 1
}

fn main() {}
