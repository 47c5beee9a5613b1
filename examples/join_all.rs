//! `join_all` of five GETs: the requests run concurrently, so the total time
//! is about the longest delay, not the sum; the responses come back in the
//! order of the requests.

#[path = "support/mod.rs"]
mod support;

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use coro::runtime::{block_on, join_all};
use support::http;

/// The delays of the five requests, in milliseconds.
pub const DELAYS_MS: [u64; 5] = [1000, 800, 600, 400, 200];

#[derive(Debug)]
pub struct Report {
    pub bodies: Vec<String>,
    pub elapsed: Duration,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "join_all of 5 requests (delays 1000..200 ms, sum 3000 ms): {} total, responses in order: {:?}",
            support::secs(self.elapsed),
            self.bodies
        )
    }
}

/// One request of the five.
#[coro::coroutine]
pub async fn request(addr: SocketAddr, delay_ms: u64) -> io::Result<String> {
    let response = http::get(addr, &format!("/{delay_ms}/request-{delay_ms}")).await?;
    Ok(response.body)
}

#[coro::coroutine]
pub async fn run(addr: SocketAddr) -> io::Result<Report> {
    let start = Instant::now();
    let results = join_all(DELAYS_MS.map(|delay_ms| request(addr, delay_ms))).await;
    let bodies = results.into_iter().collect::<io::Result<Vec<_>>>()?;
    Ok(Report {
        bodies,
        elapsed: start.elapsed(),
    })
}

fn main() -> io::Result<()> {
    let addr = support::server_from_args();
    let report = block_on(run(addr))?;
    println!("{report}");
    Ok(())
}
