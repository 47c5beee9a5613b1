//! The book's "multiple threads" program: 12 threads, each running its own
//! `block_on` (its own executor), each spawning 5 requests. All threads share
//! one reactor.

#[path = "support/mod.rs"]
mod support;

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::thread;
use std::time::{Duration, Instant};

use coro::runtime::{block_on, spawn};
use support::http;

pub const THREADS: usize = 12;
pub const REQUESTS_PER_THREAD: usize = 5;

#[derive(Debug)]
pub struct Report {
    /// For each thread, the bodies of its responses, in request order.
    pub per_thread: Vec<Vec<String>>,
    pub elapsed: Duration,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let responses: usize = self.per_thread.iter().map(Vec::len).sum();
        write!(
            f,
            "{THREADS} threads x {REQUESTS_PER_THREAD} requests (delays up to 500 ms): \
             {responses} responses in {} total",
            support::secs(self.elapsed)
        )
    }
}

/// Delay of request `request` on thread `thread`: 100..500 ms.
pub fn delay_ms(thread: usize, request: usize) -> u64 {
    100 * (1 + ((thread + request) % REQUESTS_PER_THREAD) as u64)
}

/// Message of request `request` on thread `thread`.
pub fn message(thread: usize, request: usize) -> String {
    format!("thread-{thread}-request-{request}")
}

#[coro::coroutine]
pub async fn request(addr: SocketAddr, thread: usize, request: usize) -> io::Result<String> {
    let path = format!(
        "/{}/{}",
        delay_ms(thread, request),
        message(thread, request)
    );
    Ok(http::get(addr, &path).await?.body)
}

/// What each thread runs on its executor.
#[coro::coroutine]
pub async fn thread_main(addr: SocketAddr, thread: usize) -> io::Result<Vec<String>> {
    let handles: Vec<_> = (0..REQUESTS_PER_THREAD)
        .map(|i| spawn(request(addr, thread, i)))
        .collect();
    let mut bodies = Vec::new();
    for handle in handles {
        bodies.push(handle.await?);
    }
    Ok(bodies)
}

pub fn run(addr: SocketAddr) -> io::Result<Report> {
    let start = Instant::now();
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            thread::Builder::new()
                .name(format!("exec-{t}"))
                .spawn(move || block_on(thread_main(addr, t)))
        })
        .collect::<io::Result<_>>()?;
    let mut per_thread = Vec::new();
    for thread in threads {
        let bodies = thread
            .join()
            .map_err(|_| io::Error::other("an executor thread panicked"))??;
        per_thread.push(bodies);
    }
    Ok(Report {
        per_thread,
        elapsed: start.elapsed(),
    })
}

fn main() -> io::Result<()> {
    let addr = support::server_from_args();
    let report = run(addr)?;
    for (t, bodies) in report.per_thread.iter().enumerate() {
        println!("exec-{t}: {bodies:?}");
    }
    println!("{report}");
    Ok(())
}
