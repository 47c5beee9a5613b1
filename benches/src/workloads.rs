//! Executor workloads, the same runtime-neutral code for every runtime: the
//! futures are plain `async` blocks, a self-waking `YieldOnce`, and the
//! channels of `futures` (oneshot) and `async-channel` (bounded), which work on
//! any executor. Only spawning, joining and (for the sleeps) the timer are the
//! runtime's own.
//!
//! Each workload times itself from inside `block_on` (runtime construction is
//! not measured) and returns nanoseconds per operation.

use std::time::{Duration, Instant};

use futures::channel::oneshot;

use crate::poll::yield_once;
use crate::rt::{Coro, Pool, Rt, Smol, Tokio};
use crate::stats::{Table, median, num, quantile, ratio};

/// Spawn `n` empty tasks, then join them all. ns per task.
pub fn spawn_join<R: Rt>(n: usize) -> f64 {
    R::block_on(async move {
        let start = Instant::now();
        let handles: Vec<_> = (0..n).map(|_| R::spawn(async {})).collect();
        for handle in handles {
            handle.await;
        }
        start.elapsed().as_nanos() as f64 / n as f64
    })
}

/// `tasks` tasks each waking itself `wakes` times. ns per wake.
pub fn self_wakes<R: Rt>(tasks: usize, wakes: usize) -> f64 {
    R::block_on(async move {
        let start = Instant::now();
        let handles: Vec<_> = (0..tasks)
            .map(|_| {
                R::spawn(async move {
                    for _ in 0..wakes {
                        yield_once().await;
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.await;
        }
        start.elapsed().as_nanos() as f64 / (tasks * wakes) as f64
    })
}

/// A chain of `n` tasks, each spawning the next; the last one signals. ns per
/// task.
pub fn chain<R: Rt>(n: usize) -> f64 {
    fn link<R: Rt>(done: oneshot::Sender<()>, n: usize) {
        if n == 0 {
            let _ = done.send(());
        } else {
            R::spawn_detached(async move { link::<R>(done, n - 1) });
        }
    }
    R::block_on(async move {
        let start = Instant::now();
        let (done, wait) = oneshot::channel();
        R::spawn_detached(async move { link::<R>(done, n) });
        wait.await.expect("chain");
        start.elapsed().as_nanos() as f64 / n as f64
    })
}

/// `n` concurrent ping-pongs over oneshot channels: each pinger spawns a
/// ponger, sends it a ping and awaits its pong. ns per ping-pong.
pub fn ping_pong<R: Rt>(n: usize) -> f64 {
    R::block_on(async move {
        let start = Instant::now();
        let handles: Vec<_> = (0..n)
            .map(|_| {
                R::spawn(async {
                    let (ping_tx, ping_rx) = oneshot::channel::<()>();
                    let (pong_tx, pong_rx) = oneshot::channel::<()>();
                    R::spawn_detached(async move {
                        ping_rx.await.expect("ping");
                        pong_tx.send(()).expect("pong");
                    });
                    ping_tx.send(()).expect("ping");
                    pong_rx.await.expect("pong");
                })
            })
            .collect();
        for handle in handles {
            handle.await;
        }
        start.elapsed().as_nanos() as f64 / n as f64
    })
}

/// A ring of `tasks` members joined by `bounded(1)` channels, one token going
/// round `laps` times: member 0 is the measuring block itself, members
/// 1..tasks are spawned tasks; member `i` reads channel `i` and writes channel
/// `i + 1` (mod `tasks`). ns per hop.
pub fn ring<R: Rt>(tasks: usize, laps: usize) -> f64 {
    R::block_on(async move {
        let start = Instant::now();
        let (txs, rxs): (Vec<_>, Vec<_>) =
            (0..tasks).map(|_| async_channel::bounded::<u64>(1)).unzip();
        let handles: Vec<_> = (1..tasks)
            .map(|i| {
                let rx = rxs[i].clone();
                let tx = txs[(i + 1) % tasks].clone();
                R::spawn(async move {
                    for _ in 0..laps {
                        let token = rx.recv().await.expect("ring");
                        tx.send(token + 1).await.expect("ring");
                    }
                })
            })
            .collect();
        let (to_next, from_last) = (txs[1 % tasks].clone(), rxs[0].clone());
        drop((txs, rxs));
        let mut token = 0;
        for _ in 0..laps {
            to_next.send(token + 1).await.expect("ring");
            token = from_last.recv().await.expect("ring");
        }
        for handle in handles {
            handle.await;
        }
        assert_eq!(token, (tasks * laps) as u64);
        start.elapsed().as_nanos() as f64 / (tasks * laps) as f64
    })
}

/// One row per runtime: (name, ns per op) medians.
pub type Rows = Vec<(&'static str, f64)>;

/// Runs `f::<R>()` for every runtime, interleaved, `reps` times; medians.
macro_rules! interleave {
    ($reps:expr, |$r:ident| $body:expr) => {{
        let mut coro = Vec::new();
        let mut tokio = Vec::new();
        let mut smol = Vec::new();
        let mut pool = Vec::new();
        // One warm-up round, not recorded.
        for rep in 0..=$reps {
            let a = {
                type $r = Coro;
                $body
            };
            let b = {
                type $r = Tokio;
                $body
            };
            let c = {
                type $r = Smol;
                $body
            };
            let d = {
                type $r = Pool;
                $body
            };
            if rep > 0 {
                coro.push(a);
                tokio.push(b);
                smol.push(c);
                pool.push(d);
            }
        }
        vec![
            (Coro::NAME, median(&mut coro)),
            (Tokio::NAME, median(&mut tokio)),
            (Smol::NAME, median(&mut smol)),
            (Pool::NAME, median(&mut pool)),
        ]
    }};
}

/// The ratio of coro's figure to the best peer's (lower is better for all the
/// figures here), and that peer.
pub fn versus_best_peer(rows: &Rows) -> (f64, &'static str) {
    let coro = rows[0].1;
    let (name, best) = rows[1..]
        .iter()
        .copied()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .expect("peers");
    (coro / best, name)
}

/// A summary line for BENCHMARKS.md: workload, coro/best peer.
pub struct Summary {
    pub workload: String,
    pub rows: Rows,
}

pub fn report(reps: usize) -> Vec<Summary> {
    let s = crate::scale() as usize;
    let mut out = Vec::new();
    let mut run = |name: String, rows: Rows| {
        out.push(Summary {
            workload: name,
            rows,
        })
    };
    for n in [1_000, 25_000, 100_000] {
        let n = (n / s).max(10);
        run(
            format!("spawn+join {n} empty tasks (ns/task)"),
            interleave!(reps, |R| spawn_join::<R>(n)),
        );
    }
    let wakes = (1000 / s).max(2);
    run(
        format!("200 tasks × {wakes} self-wakes (ns/wake)"),
        interleave!(reps, |R| self_wakes::<R>(200, wakes)),
    );
    let n = (1000 / s).max(10);
    run(
        format!("chain of {n} tasks spawning the next (ns/task)"),
        interleave!(reps, |R| chain::<R>(n)),
    );
    run(
        format!("{n} oneshot ping-pongs (ns/ping-pong)"),
        interleave!(reps, |R| ping_pong::<R>(n)),
    );
    let laps = (300 / s).max(2);
    run(
        format!("ring of 300 tasks, bounded(1), {laps} laps (ns/hop)"),
        interleave!(reps, |R| ring::<R>(300, laps)),
    );
    print_table(
        "## Executors: the same workloads on each runtime (ns per operation, median)",
        &out,
    );
    out
}

pub fn print_table(title: &str, summaries: &[Summary]) {
    println!("{title}\n");
    let mut table = Table::new(&[
        "workload",
        Coro::NAME,
        Tokio::NAME,
        Smol::NAME,
        Pool::NAME,
        "coro / best peer",
    ]);
    for s in summaries {
        let (r, peer) = versus_best_peer(&s.rows);
        let mut cells = vec![s.workload.clone()];
        cells.extend(s.rows.iter().map(|(_, v)| num(*v)));
        cells.push(format!("{} ({peer})", ratio(r)));
        table.row(cells);
    }
    table.print();
}

/// 10,000 concurrent sleeps of 1 ms: wall time, and how late each sleeper
/// woke (overshoot past its deadline).
pub fn sleeps<R: Rt>(n: usize) -> (f64, f64, f64) {
    R::block_on(async move {
        let start = Instant::now();
        let handles: Vec<_> = (0..n)
            .map(|_| {
                R::spawn(async move {
                    let begin = Instant::now();
                    R::sleep(Duration::from_millis(1)).await;
                    begin.elapsed().as_nanos() as f64 - 1e6
                })
            })
            .collect();
        let mut late = Vec::with_capacity(n);
        for handle in handles {
            late.push(handle.await);
        }
        let wall = start.elapsed().as_nanos() as f64;
        late.sort_by(f64::total_cmp);
        let mean = late.iter().sum::<f64>() / late.len() as f64;
        (wall / 1e6, mean / 1e3, quantile(&late, 0.99) / 1e3)
    })
}

pub fn report_sleeps(reps: usize) -> Vec<Summary> {
    let n = (10_000 / crate::scale() as usize).max(10);
    let mut wall: [Vec<f64>; 4] = Default::default();
    let mut mean: [Vec<f64>; 4] = Default::default();
    let mut p99: [Vec<f64>; 4] = Default::default();
    for rep in 0..=reps {
        let results = [
            sleeps::<Coro>(n),
            sleeps::<Tokio>(n),
            sleeps::<Smol>(n),
            sleeps::<Pool>(n),
        ];
        if rep == 0 {
            continue;
        }
        for (i, (w, m, p)) in results.into_iter().enumerate() {
            wall[i].push(w);
            mean[i].push(m);
            p99[i].push(p);
        }
    }
    let names = [Coro::NAME, Tokio::NAME, Smol::NAME, Pool::NAME];
    let rows = |v: &mut [Vec<f64>; 4]| -> Rows {
        names
            .iter()
            .zip(v.iter_mut())
            .map(|(n, v)| (*n, median(v)))
            .collect()
    };
    let out = vec![
        Summary {
            workload: format!("{n} concurrent 1 ms sleeps: wall time (ms)"),
            rows: rows(&mut wall),
        },
        Summary {
            workload: "… mean overshoot past the deadline (µs)".into(),
            rows: rows(&mut mean),
        },
        Summary {
            workload: "… p99 overshoot (µs)".into(),
            rows: rows(&mut p99),
        },
    ];
    print_table("## Timers (median of runs)", &out);
    out
}

/// Runs one workload on one runtime `reps` times at its full size and prints
/// the median: for profiling (`perf record`) one runtime at a time.
/// `WORKLOAD` is `spawn-join-1k`, `spawn-join-25k`, `spawn-join-100k`,
/// `self-wakes`, `chain`, `ping-pong`, `ring` or `sleeps`; `RUNTIME` is `coro`,
/// `tokio`, `async-executor` or `futures`.
pub fn once(args: &[String]) {
    fn on<R: Rt>(workload: &str) -> f64 {
        match workload {
            "spawn-join-1k" => spawn_join::<R>(1_000),
            "spawn-join-25k" => spawn_join::<R>(25_000),
            "spawn-join-100k" => spawn_join::<R>(100_000),
            "self-wakes" => self_wakes::<R>(200, 1000),
            "chain" => chain::<R>(1000),
            "ping-pong" => ping_pong::<R>(1000),
            "ring" => ring::<R>(300, 300),
            "sleeps" => sleeps::<R>(10_000).0,
            other => panic!("unknown workload {other}"),
        }
    }
    let workload = args[0].as_str();
    let reps: usize = args.get(2).map_or(100, |r| r.parse().expect("reps"));
    let mut samples: Vec<f64> = (0..reps)
        .map(|_| match args[1].as_str() {
            "coro" => on::<Coro>(workload),
            "tokio" => on::<Tokio>(workload),
            "async-executor" => on::<Smol>(workload),
            "futures" => on::<Pool>(workload),
            other => panic!("unknown runtime {other}"),
        })
        .collect();
    println!(
        "{workload} on {}: median {}",
        args[1],
        num(median(&mut samples))
    );
}
