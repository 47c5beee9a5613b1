//! [`yield_now`].

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Lets the executor run the other ready tasks before the caller continues:
/// the first poll wakes the task and returns `Pending`, so it goes to the back
/// of the run queue; the second completes.
///
/// ```
/// use coro_runtime::{block_on, spawn, yield_now};
/// use std::{cell::RefCell, rc::Rc};
///
/// let log = Rc::new(RefCell::new(Vec::new()));
/// block_on({
///     let log = log.clone();
///     async move {
///         let other = spawn({
///             let log = log.clone();
///             async move { log.borrow_mut().push("task") }
///         });
///         yield_now().await; // the spawned task runs here
///         log.borrow_mut().push("main");
///         other.await;
///     }
/// });
/// assert_eq!(*log.borrow(), ["task", "main"]);
/// ```
pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

/// Future returned by [`yield_now`].
#[derive(Debug)]
#[must_use = "futures do nothing unless polled"]
pub struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
