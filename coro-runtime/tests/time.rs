//! Timers: ordering, cancellation by drop, timeout, interval. Small real
//! sleeps; runs under Miri (whose clock is virtual).

use std::cell::{Cell, RefCell};
use std::future::{Future, pending};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Waker};
use std::time::{Duration, Instant};

use coro_runtime::time::{Elapsed, interval, interval_at, sleep, sleep_until, timeout};
use coro_runtime::{block_on, join_all, spawn, yield_now};

fn ms(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

/// Time allowed for registering a handful of timers before the first one is
/// due, so that tests of their order do not depend on how fast (or loaded) the
/// machine is. Miri's clock is virtual and runs fast relative to its
/// interpretation, and sleeping there costs no real time.
fn margin() -> Duration {
    if cfg!(miri) {
        Duration::from_secs(10)
    } else {
        ms(300)
    }
}

#[test]
fn sleep_waits_at_least_its_duration() {
    let start = Instant::now();
    block_on(sleep(ms(20)));
    assert!(start.elapsed() >= ms(20));
}

#[test]
fn a_sleep_made_outside_block_on_works_inside() {
    let start = Instant::now();
    let nap = sleep(ms(10));
    block_on(nap);
    assert!(start.elapsed() >= ms(10));
}

#[test]
#[should_panic(expected = "outside block_on")]
fn polling_a_sleep_outside_block_on_panics() {
    let mut nap = sleep(ms(10));
    let _ = Pin::new(&mut nap).poll(&mut Context::from_waker(Waker::noop()));
}

#[test]
fn a_deadline_in_the_past_completes_at_once() {
    let before = Instant::now();
    block_on(async {
        sleep_until(before).await;
        sleep(Duration::ZERO).await;
    });
}

#[test]
fn timers_fire_in_deadline_order() {
    let order = Rc::new(RefCell::new(Vec::new()));
    block_on({
        let order = order.clone();
        async move {
            let start = Instant::now() + margin();
            let handles: Vec<_> = [30u64, 10, 0, 20, 5]
                .into_iter()
                .map(|delay| {
                    let order = order.clone();
                    spawn(async move {
                        sleep_until(start + ms(delay)).await;
                        order.borrow_mut().push(delay);
                    })
                })
                .collect();
            join_all(handles).await;
        }
    });
    assert_eq!(*order.borrow(), [0, 5, 10, 20, 30]);
}

#[test]
fn timers_with_the_same_deadline_fire_in_registration_order() {
    let order = Rc::new(RefCell::new(Vec::new()));
    block_on({
        let order = order.clone();
        async move {
            let deadline = Instant::now() + margin();
            let handles: Vec<_> = (0..5)
                .map(|i| {
                    let order = order.clone();
                    spawn(async move {
                        sleep_until(deadline).await;
                        order.borrow_mut().push(i);
                    })
                })
                .collect();
            join_all(handles).await;
        }
    });
    assert_eq!(*order.borrow(), [0, 1, 2, 3, 4]);
}

#[test]
fn sleeps_run_concurrently() {
    let count = if cfg!(miri) { 20 } else { 10_000 };
    let start = Instant::now();
    let woken = block_on(async move {
        let handles: Vec<_> = (0..count)
            .map(|i| {
                spawn(async move {
                    sleep(ms(10 + (i % 10) as u64)).await;
                    1
                })
            })
            .collect();
        join_all(handles).await.into_iter().sum::<usize>()
    });
    assert_eq!(woken, count);
    let elapsed = start.elapsed();
    assert!(elapsed >= ms(19));
    // Generous: sequential would take count * 10 ms. (Miri's clock counts
    // interpretation time: no bound there.)
    if !cfg!(miri) {
        assert!(elapsed < ms(10) * count as u32 / 2, "{elapsed:?}");
    }
}

#[test]
fn dropping_a_sleep_cancels_it() {
    let fired = Rc::new(Cell::new(false));
    block_on({
        let fired = fired.clone();
        async move {
            // A task that would set `fired` after 20 ms is aborted after 1 ms:
            // its sleep is dropped with it and never wakes anything.
            let handle = spawn({
                let fired = fired.clone();
                async move {
                    sleep(ms(20)).await;
                    fired.set(true);
                }
            });
            sleep(ms(1)).await;
            handle.abort();
            sleep(ms(40)).await;
        }
    });
    assert!(!fired.get());
}

#[test]
fn timeout_returns_the_output_in_time() {
    let result = block_on(timeout(ms(500), async {
        sleep(ms(1)).await;
        "done"
    }));
    assert_eq!(result, Ok("done"));
}

#[test]
fn timeout_elapses_and_drops_the_future() {
    struct Flag(Rc<Cell<bool>>);
    impl Drop for Flag {
        fn drop(&mut self) {
            self.0.set(true);
        }
    }
    let dropped = Rc::new(Cell::new(false));
    let start = Instant::now();
    let result = block_on({
        let flag = Flag(dropped.clone());
        timeout(ms(10), async move {
            let _flag = flag;
            pending::<()>().await;
        })
    });
    let elapsed: Elapsed = result.unwrap_err();
    assert_eq!(elapsed.to_string(), "deadline has elapsed");
    assert!(start.elapsed() >= ms(10));
    assert!(dropped.get());
    let error: std::io::Error = elapsed.into();
    assert_eq!(error.kind(), std::io::ErrorKind::TimedOut);
}

#[test]
fn interval_ticks_on_a_grid() {
    block_on(async {
        let start = Instant::now();
        let mut clock = interval_at(start, ms(10));
        assert_eq!(clock.period(), ms(10));
        let mut ticks = Vec::new();
        for _ in 0..4 {
            ticks.push(clock.tick().await);
        }
        // Every tick is on the grid, in order, and none comes early. (On a
        // loaded machine some may be skipped: that is the missed-tick rule.)
        assert_eq!(ticks[0], start);
        for pair in ticks.windows(2) {
            assert!(pair[1] > pair[0]);
        }
        for tick in &ticks {
            assert_eq!((*tick - start).as_nanos() % ms(10).as_nanos(), 0);
        }
        assert!(ticks[3] - start >= ms(30));
        assert!(start.elapsed() >= ticks[3] - start);
    });
}

#[test]
fn interval_skips_missed_ticks() {
    block_on(async {
        let start = Instant::now();
        let period = ms(10);
        let on_grid = |tick: Instant| (tick - start).as_nanos() % period.as_nanos() == 0;
        let mut clock = interval_at(start, period);
        assert_eq!(clock.tick().await, start);
        // Block the thread for three and a half periods.
        std::thread::sleep(ms(35));
        let behind = Instant::now();
        // The tick that is due is delivered at once...
        let due = clock.tick().await;
        assert!(
            due > start && due <= behind && on_grid(due),
            "{:?}",
            due - start
        );
        // ...and then the grid resumes with the first tick still ahead: the
        // ones missed while blocked are skipped, not delivered in a burst.
        let next = clock.tick().await;
        assert!(next >= behind && on_grid(next), "{:?}", next - start);
    });
}

#[test]
#[should_panic(expected = "non-zero")]
fn interval_of_zero_panics() {
    let _ = interval(Duration::ZERO);
}

#[test]
fn reset_moves_the_deadline() {
    block_on(async {
        let start = Instant::now();
        let mut nap = sleep(Duration::from_secs(3600));
        // Register it once, then move it close.
        let _ = timeout(ms(1), &mut nap).await;
        nap.reset(Instant::now() + ms(5));
        (&mut nap).await;
        assert!(nap.is_elapsed());
        assert!(start.elapsed() < Duration::from_secs(3600));
    });
}

#[test]
fn a_busy_task_does_not_starve_timers() {
    let start = Instant::now();
    block_on(async {
        // Keeps the run queue non-empty forever; cancelled when block_on
        // returns.
        drop(spawn(async {
            loop {
                yield_now().await;
            }
        }));
        sleep(ms(10)).await;
    });
    assert!(start.elapsed() >= ms(10));
}

#[test]
fn timers_on_several_threads() {
    let threads: Vec<_> = (0..3u64)
        .map(|t| {
            std::thread::spawn(move || {
                let start = Instant::now();
                block_on(sleep(ms(5 + 5 * t)));
                start.elapsed()
            })
        })
        .collect();
    for (t, thread) in threads.into_iter().enumerate() {
        assert!(thread.join().unwrap() >= ms(5 + 5 * t as u64));
    }
}
