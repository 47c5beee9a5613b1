//! Poll cost: the same `async fn`s lowered by rustc and by `#[coro::coroutine]`,
//! driven by a bare loop with a no-op waker (no runtime in the measurement).

use std::future::Future;
use std::hint::black_box;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};
use std::time::Instant;

use crate::stats::{Table, median, num, ratio};

/// Polls `future` to completion with a no-op waker, re-polling at once after
/// every `Pending`.
pub fn run<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}

/// Completes on its second poll, waking itself on the first (what a task that
/// yields does).
pub struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

pub fn yield_once() -> YieldOnce {
    YieldOnce(false)
}

macro_rules! corpus {
    ($($body:tt)*) => {
        #[allow(dead_code)]
        pub mod native {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use ::coro::__private::identity as coroutine;
            $($body)*
        }
        #[allow(dead_code)]
        pub mod lowered {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use ::coro::coroutine;
            $($body)*
        }
    };
}

corpus! {
    /// An `async fn` that is ready on its first poll.
    #[self::coroutine]
    async fn ready_value(x: u64) -> u64 {
        black_box(x)
    }

    /// 1e6 awaits of futures that are ready at once: `std::future::ready` and
    /// an `async fn` without awaits, half each.
    #[self::coroutine]
    pub async fn ready_loop(n: u64) -> u64 {
        let mut sum = 0u64;
        for i in 0..n / 2 {
            sum = sum.wrapping_add(std::future::ready(i).await);
            sum = sum.wrapping_add(ready_value(i).await);
        }
        sum
    }

    /// 1e6 awaits of futures that wake themselves and return `Pending` once.
    #[self::coroutine]
    pub async fn yield_loop(n: u64) -> u64 {
        let mut sum = 0u64;
        let mut i = 0;
        while i < n {
            yield_once().await;
            sum = sum.wrapping_add(black_box(i));
            i += 1;
        }
        sum
    }

    #[self::coroutine]
    async fn d9(x: u64) -> u64 { yield_once().await; black_box(x) + 1 }
    #[self::coroutine]
    async fn d8(x: u64) -> u64 { let y = d9(x).await; y + 1 }
    #[self::coroutine]
    async fn d7(x: u64) -> u64 { let y = d8(x).await; y + 1 }
    #[self::coroutine]
    async fn d6(x: u64) -> u64 { let y = d7(x).await; y + 1 }
    #[self::coroutine]
    async fn d5(x: u64) -> u64 { let y = d6(x).await; y + 1 }
    #[self::coroutine]
    async fn d4(x: u64) -> u64 { let y = d5(x).await; y + 1 }
    #[self::coroutine]
    async fn d3(x: u64) -> u64 { let y = d4(x).await; y + 1 }
    #[self::coroutine]
    async fn d2(x: u64) -> u64 { let y = d3(x).await; y + 1 }
    #[self::coroutine]
    async fn d1(x: u64) -> u64 { let y = d2(x).await; y + 1 }
    #[self::coroutine]
    async fn d0(x: u64) -> u64 { let y = d1(x).await; y + 1 }

    /// Calls nested 10 deep, the innermost yielding once: every poll goes
    /// through ten frames. `n` calls, so 10·n awaits and 2·n polls of the
    /// outer loop.
    #[self::coroutine]
    pub async fn nested_loop(n: u64) -> u64 {
        let mut sum = 0u64;
        for i in 0..n {
            sum = sum.wrapping_add(d0(i).await);
        }
        sum
    }

    /// Borrowing a buffer across awaits, as socket code does: each await of
    /// `fill` lends it a slice of a frame-resident array.
    #[self::coroutine]
    async fn fill(buf: &mut [u8], x: u8) -> usize {
        yield_once().await;
        buf[0] = x;
        buf.len()
    }

    #[self::coroutine]
    pub async fn borrow_loop(n: u64) -> u64 {
        let mut buf = [0u8; 64];
        let mut sum = 0u64;
        for i in 0..n {
            sum = sum.wrapping_add(fill(&mut buf[(i % 32) as usize..], i as u8).await as u64);
        }
        sum + buf[0] as u64
    }
}

struct Workload {
    name: &'static str,
    /// Awaits per run, the unit of the ns figure.
    awaits: u64,
    native: fn() -> u64,
    lowered: fn() -> u64,
}

const N: u64 = 1_000_000;

fn workloads(scale: u64) -> Vec<Workload> {
    let n = N / scale;
    vec![
        Workload {
            name: "1e6 awaits of ready futures",
            awaits: n,
            native: || run(native::ready_loop(black_box(N / crate::scale()))),
            lowered: || run(lowered::ready_loop(black_box(N / crate::scale()))),
        },
        Workload {
            name: "1e6 awaits of self-waking futures",
            awaits: n,
            native: || run(native::yield_loop(black_box(N / crate::scale()))),
            lowered: || run(lowered::yield_loop(black_box(N / crate::scale()))),
        },
        Workload {
            name: "1e5 calls nested 10 deep (1e6 awaits)",
            awaits: n,
            native: || run(native::nested_loop(black_box(N / 10 / crate::scale()))),
            lowered: || run(lowered::nested_loop(black_box(N / 10 / crate::scale()))),
        },
        Workload {
            name: "1e6 awaits lending a frame buffer",
            awaits: n,
            native: || run(native::borrow_loop(black_box(N / crate::scale()))),
            lowered: || run(lowered::borrow_loop(black_box(N / crate::scale()))),
        },
    ]
}

/// A workload and where its timings go.
type Timed<'a> = (fn() -> u64, &'a mut Vec<f64>);

/// One row of the poll table: ns per await, native and lowered.
pub struct PollRow {
    pub name: &'static str,
    pub native_ns: f64,
    pub lowered_ns: f64,
}

pub fn report(reps: usize) -> Vec<PollRow> {
    let scale = crate::scale();
    let mut rows = Vec::new();
    for w in workloads(scale) {
        // Same results both ways, and a warm-up.
        assert_eq!((w.native)(), (w.lowered)(), "{}", w.name);
        let mut native = Vec::new();
        let mut lowered = Vec::new();
        for rep in 0..reps {
            // Interleaved, alternating which goes first.
            let order: [Timed<'_>; 2] = if rep % 2 == 0 {
                [(w.native, &mut native), (w.lowered, &mut lowered)]
            } else {
                [(w.lowered, &mut lowered), (w.native, &mut native)]
            };
            for (f, out) in order {
                let start = Instant::now();
                black_box(f());
                out.push(start.elapsed().as_nanos() as f64 / w.awaits as f64);
            }
        }
        rows.push(PollRow {
            name: w.name,
            native_ns: median(&mut native),
            lowered_ns: median(&mut lowered),
        });
    }
    println!(
        "## Poll cost: #[coro::coroutine] vs rustc's async fn (ns per await, median of {reps})\n"
    );
    let mut table = Table::new(&["workload", "rustc ns", "coro ns", "coro/rustc"]);
    for row in &rows {
        table.row(vec![
            row.name.to_string(),
            num(row.native_ns),
            num(row.lowered_ns),
            ratio(row.lowered_ns / row.native_ns),
        ]);
    }
    table.print();
    rows
}
