//! Two GETs, one after the other (the book's first `async_main`): the second
//! request starts when the first has answered, so the time is the sum of the
//! delays.

#[path = "support/mod.rs"]
mod support;

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use coro::runtime::block_on;
use support::http;

/// The delays of the two requests, in milliseconds.
pub const DELAYS_MS: [u64; 2] = [600, 400];

/// What happened.
#[derive(Debug)]
pub struct Report {
    pub bodies: Vec<String>,
    pub elapsed: Duration,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "two sequential GETs (delays {} + {} ms): {:?} in {} total",
            DELAYS_MS[0],
            DELAYS_MS[1],
            self.bodies,
            support::secs(self.elapsed)
        )
    }
}

#[coro::coroutine]
pub async fn run(addr: SocketAddr) -> io::Result<Report> {
    let start = Instant::now();
    println!("Program starting");
    let first = http::get(addr, &format!("/{}/HelloAsyncAwait", DELAYS_MS[0])).await?;
    println!("{}", first.body);
    let second = http::get(addr, &format!("/{}/HelloAsyncAwait", DELAYS_MS[1])).await?;
    println!("{}", second.body);
    Ok(Report {
        bodies: vec![first.body, second.body],
        elapsed: start.elapsed(),
    })
}

fn main() -> io::Result<()> {
    let addr = support::server_from_args();
    let report = block_on(run(addr))?;
    println!("{report}");
    Ok(())
}
