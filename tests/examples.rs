//! Each example program of `examples/`, run against a delay server started in
//! this process, with assertions on what it reports. Timing bounds are
//! generous (concurrent means "less than the sum of the delays"), so a loaded
//! machine does not make them fail.
#![cfg(feature = "runtime")]
// Each example module includes `support` as well, so that it also builds as
// a program of its own: the copies are intended.
#![allow(clippy::duplicate_mod)]

#[path = "../examples/support/mod.rs"]
mod support;

#[allow(dead_code)]
#[path = "../examples/counter.rs"]
mod counter;
#[allow(dead_code)]
#[path = "../examples/delay_server.rs"]
mod delay_server;
#[allow(dead_code)]
#[path = "../examples/hundred_staggered.rs"]
mod hundred_staggered;
#[allow(dead_code)]
#[path = "../examples/join_all.rs"]
mod join_all;
#[allow(dead_code)]
#[path = "../examples/sequential_gets.rs"]
mod sequential_gets;
#[allow(dead_code)]
#[path = "../examples/spawn_five.rs"]
mod spawn_five;
#[allow(dead_code)]
#[path = "../examples/string_writer.rs"]
mod string_writer;
#[allow(dead_code)]
#[path = "../examples/twelve_threads.rs"]
mod twelve_threads;

use std::collections::HashSet;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use coro::runtime::{block_on, join_all as join};

/// A delay server of the test's own (tests run in parallel; one server per
/// test keeps each burst of connections within the listen backlog of 128).
fn server() -> SocketAddr {
    support::delay_server::start_in_background().expect("delay server")
}

fn ms(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

#[test]
#[cfg_attr(miri, ignore)]
fn the_delay_server_example_answers_after_the_delay() {
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        block_on(delay_server::run("127.0.0.1:0", move |addr| {
            addr_tx.send(addr).unwrap();
        }))
    });
    let addr = addr_rx.recv().unwrap();
    block_on(async move {
        let start = Instant::now();
        let response = support::http::get(addr, "/150/HelloWorld").await.unwrap();
        assert!(start.elapsed() >= ms(150));
        assert_eq!(response.status, 200);
        assert_eq!(response.body, "HelloWorld");

        let missing = support::http::get(addr, "/not-a-delay").await.unwrap();
        assert_eq!(missing.status, 404);

        // The server handles requests concurrently: five 400 ms requests
        // take less than their sum.
        let start = Instant::now();
        let bodies = join((0..5).map(|i| async move {
            support::http::get(addr, &format!("/400/concurrent-{i}"))
                .await
                .unwrap()
                .body
        }))
        .await;
        let expected: Vec<String> = (0..5).map(|i| format!("concurrent-{i}")).collect();
        assert_eq!(bodies, expected);
        assert!(start.elapsed() >= ms(400));
        assert!(start.elapsed() < ms(2000), "{:?}", start.elapsed());
    });
}

#[test]
#[cfg_attr(miri, ignore)]
fn sequential_gets_take_the_sum_of_the_delays() {
    let report = block_on(sequential_gets::run(server())).unwrap();
    assert_eq!(report.bodies, ["HelloAsyncAwait", "HelloAsyncAwait"]);
    let sum: u64 = sequential_gets::DELAYS_MS.iter().sum();
    assert!(report.elapsed >= ms(sum), "{:?}", report.elapsed);
}

#[test]
#[cfg_attr(miri, ignore)]
fn join_all_of_five_takes_about_the_longest_delay() {
    let report = block_on(join_all::run(server())).unwrap();
    let expected: Vec<String> = join_all::DELAYS_MS
        .iter()
        .map(|d| format!("request-{d}"))
        .collect();
    assert_eq!(report.bodies, expected, "responses in request order");
    let longest = *join_all::DELAYS_MS.iter().max().unwrap();
    let sum: u64 = join_all::DELAYS_MS.iter().sum();
    assert!(report.elapsed >= ms(longest), "{:?}", report.elapsed);
    assert!(
        report.elapsed < ms(sum),
        "not concurrent: {:?}",
        report.elapsed
    );
}

#[test]
#[cfg_attr(miri, ignore)]
fn a_coroutine_spawns_five_concurrent_requests() {
    let report = block_on(spawn_five::run(server())).unwrap();
    let expected: Vec<String> = (0..5).map(|task| format!("task-{task}")).collect();
    assert_eq!(report.bodies, expected);
    let sum: u64 = spawn_five::DELAYS_MS.iter().sum();
    assert!(report.elapsed >= ms(*spawn_five::DELAYS_MS.iter().max().unwrap()));
    assert!(
        report.elapsed < ms(sum),
        "not concurrent: {:?}",
        report.elapsed
    );
}

#[test]
#[cfg_attr(miri, ignore)]
fn twelve_threads_each_get_their_five_responses() {
    let report = twelve_threads::run(server()).unwrap();
    assert_eq!(report.per_thread.len(), twelve_threads::THREADS);
    let mut sum = 0;
    for (thread, bodies) in report.per_thread.iter().enumerate() {
        let expected: Vec<String> = (0..twelve_threads::REQUESTS_PER_THREAD)
            .map(|request| twelve_threads::message(thread, request))
            .collect();
        assert_eq!(bodies, &expected, "thread {thread}");
        sum += (0..twelve_threads::REQUESTS_PER_THREAD)
            .map(|request| twelve_threads::delay_ms(thread, request))
            .sum::<u64>();
    }
    assert!(report.elapsed >= ms(500));
    assert!(
        report.elapsed < ms(sum),
        "threads not concurrent: {:?}",
        report.elapsed
    );
}

#[test]
#[cfg_attr(miri, ignore)]
fn the_counter_survives_the_awaits() {
    let report = block_on(counter::run(server())).unwrap();
    assert_eq!(report.counter, 2);
    assert_eq!(report.bodies, ["HelloAsyncAwait", "HelloAsyncAwait"]);
    assert!(
        report.elapsed >= ms(1000),
        "sequential: {:?}",
        report.elapsed
    );
}

#[test]
#[cfg_attr(miri, ignore)]
fn the_string_writer_survives_the_awaits() {
    let report = block_on(string_writer::run(server())).unwrap();
    assert_eq!(
        report.buffer,
        "\nBUFFER:\n----\nHelloAsyncAwait\nHelloAsyncAwait\n"
    );
    assert!(
        report.elapsed >= ms(1000),
        "sequential: {:?}",
        report.elapsed
    );
}

#[test]
#[cfg_attr(miri, ignore)]
fn a_hundred_staggered_requests_run_concurrently() {
    let report = block_on(hundred_staggered::run(server())).unwrap();
    let n = hundred_staggered::REQUESTS;
    let expected: Vec<String> = (0..n).map(|i| format!("response-{i}")).collect();
    assert_eq!(report.bodies, expected);
    let finished: HashSet<usize> = report.completion_order.iter().copied().collect();
    assert_eq!(finished.len(), n, "every request finished exactly once");
    // Shorter delays come back first: request 99 waits 10 ms, request 0 a
    // second. (Loose: only which half each end falls in.)
    assert!(
        report.completion_order[0] >= n / 2,
        "{:?}",
        report.completion_order
    );
    assert!(
        report.completion_order[n - 1] < n / 2,
        "{:?}",
        report.completion_order
    );
    let sum: u64 = (0..n).map(hundred_staggered::delay_ms).sum();
    assert!(report.elapsed >= ms(hundred_staggered::delay_ms(0)));
    assert!(
        report.elapsed < ms(sum),
        "not concurrent: {:?}",
        report.elapsed
    );
}
