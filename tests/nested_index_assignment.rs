//! An assignment to an element of a nested array whose inner index and
//! right side both await: `a[1][v(2).await] = v(7).await`. The language
//! evaluates the place `a[1][i]` (after the index's await) before the right
//! side, then writes there. Found by the seventh crate of realistic code:
//! rustc 1.95's own `async fn` (and nightly 1.97's, debug and release)
//! writes to `a[0][2]` instead, so this is not a differential case; the
//! lowering's result is checked against the same code without `async`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// Suspends once (the await really suspends), then completes with `x`.
struct Later(Option<usize>, bool);

impl Future for Later {
    type Output = usize;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        if std::mem::replace(&mut self.1, true) {
            Poll::Ready(self.0.take().expect("polled after completion"))
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn v(x: usize) -> Later {
    Later(Some(x), false)
}

#[coro::coroutine]
async fn assign_through_two_indexes() -> [[usize; 3]; 2] {
    let mut a = [[0usize; 3]; 2];
    a[1][v(2).await] = v(7).await;
    a[v(0).await][v(1).await] = v(5).await;
    a
}

fn run<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = Box::pin(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

#[test]
fn writes_the_element_the_indexes_name() {
    let expected = {
        let mut a = [[0usize; 3]; 2];
        a[1][2] = 7;
        a[0][1] = 5;
        a
    };
    assert_eq!(run(assign_through_two_indexes()), expected);
}
