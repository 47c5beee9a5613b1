// `#[tracing::instrument]` expands after `#[coroutine]` when written below it,
// and would then see a plain function returning a future: it would trace only
// the creation of the future. The macro says where to put it instead.

#[coro::coroutine]
#[tracing::instrument]
async fn fetch(id: u64) -> u64 {
    std::future::ready(id).await
}

fn main() {
    let _ = fetch(1);
}
