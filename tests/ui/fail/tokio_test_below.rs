// `#[tokio::test]` written below `#[coroutine]` expands after it and would
// see a plain function returning a future (tokio's own error would say the
// `async` keyword is missing). The macro says where to put it instead.

#[coro::coroutine]
#[tokio::test]
async fn a_test() {
    std::future::ready(1).await;
}

fn main() {}
