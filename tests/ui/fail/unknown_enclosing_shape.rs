// `#[tokio::test]` expands first, then `#[tracing::instrument]` wraps
// tokio's plain function in a span guard: the `async` block is no longer in
// the first statement, a shape `#[coroutine]` does not lower. (rustc would
// run it; the macro says which shapes it knows and how to order them.)

#[tokio::test]
#[tracing::instrument]
#[coro::coroutine]
async fn a_test() {
    std::future::ready(1).await;
}

fn main() {}
