// `#[async_trait]` on the `impl` expands first and turns the method into a
// function returning `Box::pin(async move { .. })` before `#[coroutine]` sees
// it: the macro says so instead of only "not `async`".

#[async_trait::async_trait]
trait Service {
    async fn call(&self, x: u64) -> u64;
}

struct Doubler;

#[async_trait::async_trait]
impl Service for Doubler {
    #[coro::coroutine]
    async fn call(&self, x: u64) -> u64 {
        std::future::ready(x * 2).await
    }
}

fn main() {
    let _ = Doubler.call(1);
}
