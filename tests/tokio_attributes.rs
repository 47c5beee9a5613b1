//! `#[tokio::test]` and `#[tokio::main]` above `#[coro::coroutine]`.
//!
//! tokio's attributes expand first and wrap the body in an `async` block
//! that they run on a runtime; the coroutine lowers that block in place.
//! Each test checks a result that depends on the lowered body running to
//! the end (its own assertions included).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

async fn step(x: u64) -> u64 {
    tokio::task::yield_now().await;
    x
}

#[tokio::test]
#[coro::coroutine]
async fn a_test_body_is_lowered() {
    let v = vec![1u64, 2, 3];
    let mut total = 0;
    for x in &v {
        total += step(*x).await;
    }
    assert_eq!(total, 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[coro::coroutine]
async fn a_test_returning_result_spawns_tasks() -> Result<(), String> {
    let count = Arc::new(AtomicUsize::new(0));
    let mut handles = Vec::new();
    for i in 0..4u64 {
        let count = count.clone();
        handles.push(tokio::spawn(async move {
            count.fetch_add(1, Ordering::SeqCst);
            step(i).await
        }));
    }
    let mut sum = 0;
    for h in handles {
        sum += h.await.map_err(|e| e.to_string())?;
    }
    if sum != 6 {
        return Err(format!("sum {sum}"));
    }
    assert_eq!(count.load(Ordering::SeqCst), 4);
    Ok(())
}

/// `#[tokio::main]` on a function other than `main`: a plain `fn` that
/// builds a runtime and blocks on the lowered body.
#[tokio::main(flavor = "current_thread")]
#[coro::coroutine]
async fn run_to_completion() -> u64 {
    let label = String::from("steps");
    let a = step(label.len() as u64).await;
    let b = step(a * 2).await;
    a + b
}

#[test]
fn tokio_main_runs_the_lowered_body() {
    assert_eq!(run_to_completion(), 15);
}

/// A test the coroutine fails: the assertion inside the lowered body must
/// reach the test harness as a panic.
#[tokio::test]
#[coro::coroutine]
#[should_panic(expected = "lowered body ran")]
async fn a_panic_in_the_lowered_body_fails_the_test() {
    let n = step(3).await;
    assert!(n != 3, "lowered body ran");
}
