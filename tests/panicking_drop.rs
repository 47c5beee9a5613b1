//! Dropping a suspended coroutine (cancelling it) when one of its values
//! panics in `Drop`: the other values are still dropped while the panic
//! unwinds, in the same order as rustc's own coroutine drops them, whether
//! the panicking value is a local or the future being awaited.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn log(s: String) {
    LOG.lock().unwrap_or_else(|e| e.into_inner()).push(s);
}

struct D(&'static str, bool);

impl Drop for D {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
        if self.1 {
            panic!("{} failed", self.0);
        }
    }
}

/// Never ready; panics when dropped.
struct Stuck;

impl Drop for Stuck {
    fn drop(&mut self) {
        log("drop stuck".to_string());
        panic!("stuck failed");
    }
}

impl Future for Stuck {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        Poll::Pending
    }
}

async fn locals_native() {
    let _a = D("a", false);
    let _b = D("b", true);
    let _c = D("c", false);
    std::future::pending::<()>().await;
}

#[coro::coroutine]
async fn locals_lowered() {
    let _a = D("a", false);
    let _b = D("b", true);
    let _c = D("c", false);
    std::future::pending::<()>().await;
}

async fn awaitee_native() {
    let _a = D("a", false);
    Stuck.await;
}

#[coro::coroutine]
async fn awaitee_lowered() {
    let _a = D("a", false);
    Stuck.await;
}

/// Polls `fut` once, drops it catching the panic; what was logged.
fn cancel<F: Future>(fut: F) -> Vec<String> {
    let mut fut = Box::pin(fut);
    let _ = fut.as_mut().poll(&mut Context::from_waker(Waker::noop()));
    let caught = catch_unwind(AssertUnwindSafe(|| drop(fut))).is_err();
    let mut log = std::mem::take(&mut *LOG.lock().unwrap_or_else(|e| e.into_inner()));
    log.push(format!("caught: {caught}"));
    log
}

#[test]
fn the_other_values_drop_when_one_panics() {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let native = (cancel(locals_native()), cancel(awaitee_native()));
    let lowered = (cancel(locals_lowered()), cancel(awaitee_lowered()));
    std::panic::set_hook(hook);
    assert_eq!(native.0, ["drop c", "drop b", "drop a", "caught: true"]);
    assert_eq!(native.1, ["drop stuck", "drop a", "caught: true"]);
    assert_eq!(lowered, native);
}
