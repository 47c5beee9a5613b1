//! Where a panic of a `#[track_caller]` method called on a value held across
//! an await (`r.expect(".."`), `o.unwrap()`) says it happened: rustc
//! reports the method's name (the call from its name to its closing
//! parenthesis), line and column. Each body is written once and compiled
//! twice, natively and lowered, from the same tokens, so the two must
//! report the same location.

use std::sync::Mutex;

static SEEN: Mutex<Vec<(u32, u32)>> = Mutex::new(Vec::new());

macro_rules! both {
    ($($name:ident($($p:ident: $t:ty),*) -> $r:ty $body:block)*) => {
        mod native {
            $(pub async fn $name($($p: $t),*) -> $r $body)*
        }
        mod lowered {
            $(#[coro::coroutine] pub async fn $name($($p: $t),*) -> $r $body)*
        }
    };
}

both! {
    // A method with an argument at the value's last use: the lowering asks
    // method resolution whether it takes `self` and calls it in a closure
    // of its own.
    expect_tail(r: Result<u32, String>) -> u32 {
        coro::runtime::yield_now().await;
        r.expect("needed a value")
    }
    expect_in_let(r: Result<u32, String>) -> u32 {
        coro::runtime::yield_now().await;
        let n = r.expect("needed a value");
        n + 1
    }
    unwrap_tail(o: Option<u32>) -> u32 {
        coro::runtime::yield_now().await;
        o.unwrap()
    }
}

/// The (line, column) where polling `fut` to completion panics.
fn panics_at<F: std::future::Future>(fut: F) -> (u32, u32) {
    SEEN.lock().expect("seen").clear();
    let run = std::panic::AssertUnwindSafe(|| coro::runtime::block_on(fut));
    assert!(std::panic::catch_unwind(run).is_err(), "it panics");
    SEEN.lock().expect("seen")[0]
}

#[test]
fn track_caller_methods_report_the_call_location() {
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().expect("a location");
        SEEN.lock()
            .expect("seen")
            .push((location.line(), location.column()));
    }));
    let err = || Err::<u32, String>("e".into());
    let pairs = [
        (
            panics_at(native::expect_tail(err())),
            panics_at(lowered::expect_tail(err())),
        ),
        (
            panics_at(native::expect_in_let(err())),
            panics_at(lowered::expect_in_let(err())),
        ),
        (
            panics_at(native::unwrap_tail(None)),
            panics_at(lowered::unwrap_tail(None)),
        ),
    ];
    let _ = std::panic::take_hook();
    for (native, lowered) in pairs {
        assert_eq!(native, lowered, "(line, column) of the panic");
    }
}
