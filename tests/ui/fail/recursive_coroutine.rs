// A limitation: a coroutine that awaits itself through `Box::pin` would have
// a frame containing its own type (E0720). Natively this compiles; box it
// as `Pin<Box<dyn Future<Output = u64>>>` instead.
#[coro::coroutine]
async fn fib(n: u64) -> u64 {
    if n < 2 {
        n
    } else {
        Box::pin(fib(n - 1)).await + Box::pin(fib(n - 2)).await
    }
}

fn main() {
    let _ = fib(10);
}
