//! Where a panic of a coroutine's own code says it happened: std's panicking
//! macros are `#[track_caller]` through their expansion, so the location is
//! the invocation's, which the lowering must leave the user's (it rebuilds
//! some invocations around the values it rewrites). Each case panics with
//! `line!()` of its own invocation in the message, and the panic hook
//! records the location the panic reports.

use std::sync::Mutex;

static SEEN: Mutex<Vec<(u32, String)>> = Mutex::new(Vec::new());

/// Suspends once, so that the panics below run in a later state.
struct YieldOnce(bool);

impl std::future::Future for YieldOnce {
    type Output = ();
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<()> {
        if self.0 {
            return std::task::Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        std::task::Poll::Pending
    }
}

/// 5, after a suspension.
async fn five() -> u32 {
    YieldOnce(false).await;
    5
}

#[coro::coroutine]
async fn fails(which: u8) -> u32 {
    let kept = vec![u32::from(which)];
    YieldOnce(false).await;
    match which {
        0 => panic!("line={}", line!()),
        1 => {
            assert_eq!(kept.len(), 2, "line={}", line!());
            0
        }
        2 => {
            assert!(kept.is_empty(), "line={}", line!());
            0
        }
        3 => unreachable!("line={}", line!()),
        4 => todo!("line={}", line!()),
        5 => {
            // (On one line: the location is the invocation's first line.)
            debug_assert_ne!(kept[0], five().await, "line={}", line!());
            0
        }
        _ => {
            let n = kept[0];
            let f = move || -> u32 { panic!("line={}", line!() + n - n) };
            f()
        }
    }
}

#[test]
fn panics_report_the_invocation_location() {
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().expect("a location");
        let message = info.payload_as_str().unwrap_or_default().to_string();
        SEEN.lock().expect("seen").push((location.line(), message));
    }));
    for which in 0..7u8 {
        let result = std::panic::catch_unwind(|| coro::runtime::block_on(fails(which)));
        assert!(result.is_err(), "case {which} panics");
    }
    let _ = std::panic::take_hook();
    let seen = SEEN.lock().expect("seen").clone();
    assert_eq!(seen.len(), 7, "{seen:?}");
    for (line, message) in seen {
        // The message holds `line=` and `line!()` of the invocation (among
        // the assertion's own words, if any).
        let expected: u32 = message
            .split("line=")
            .nth(1)
            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|digits| digits.parse().ok())
            .unwrap_or_else(|| panic!("a line number in {message:?}"));
        assert_eq!(line, expected, "panic with message {message:?}");
    }
}
