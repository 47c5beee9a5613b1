//! What polling a coroutine again after it completed says, each time: a
//! panic "`async fn` resumed after completion", as rustc's own async fn
//! does on every such poll (the first one caught must not poison it into
//! "resumed after panicking").

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::task::{Context, Waker};

async fn native() -> u32 {
    std::future::ready(1).await
}

#[coro::coroutine]
async fn lowered() -> u32 {
    std::future::ready(1).await
}

/// Polls `fut` four times, catching each panic; what each poll gave.
fn polls<F: Future<Output = u32>>(fut: F) -> Vec<String> {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = Box::pin(fut);
    (0..4)
        .map(
            |_| match catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(&mut cx))) {
                Ok(p) => format!("{p:?}"),
                Err(e) => e.downcast_ref::<&str>().map_or_else(
                    || "a panic without a message".to_string(),
                    |m| m.to_string(),
                ),
            },
        )
        .collect()
}

#[test]
fn every_poll_after_completion_says_so() {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let (native, lowered) = (polls(native()), polls(lowered()));
    std::panic::set_hook(hook);
    assert_eq!(native[0], "Ready(1)");
    assert_eq!(native[3], "`async fn` resumed after completion");
    assert_eq!(lowered, native);
}
