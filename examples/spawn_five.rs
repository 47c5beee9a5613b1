//! A coroutine that spawns five requests as tasks and then awaits their join
//! handles (the book's executor chapter: `spawn` onto the executor, then
//! `block_on` the main coroutine).

#[path = "support/mod.rs"]
mod support;

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use coro::runtime::{block_on, spawn};
use support::http;

/// Task `i` asks for a delay of `DELAYS_MS[i]`.
pub const DELAYS_MS: [u64; 5] = [500, 400, 300, 200, 100];

#[derive(Debug)]
pub struct Report {
    pub bodies: Vec<String>,
    pub elapsed: Duration,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a coroutine spawned 5 request tasks (delays 500..100 ms, sum 1500 ms): {} total, {:?}",
            support::secs(self.elapsed),
            self.bodies
        )
    }
}

/// The body of one spawned task.
#[coro::coroutine]
pub async fn request(addr: SocketAddr, task: usize) -> io::Result<String> {
    let delay_ms = DELAYS_MS[task];
    let response = http::get(addr, &format!("/{delay_ms}/task-{task}")).await?;
    println!("task {task}: {}", response.body);
    Ok(response.body)
}

/// The main coroutine: spawns the five tasks, then awaits each handle.
#[coro::coroutine]
pub async fn run(addr: SocketAddr) -> io::Result<Report> {
    let start = Instant::now();
    let handles: Vec<_> = (0..DELAYS_MS.len())
        .map(|task| spawn(request(addr, task)))
        .collect();
    let mut bodies = Vec::new();
    for handle in handles {
        bodies.push(handle.await?);
    }
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
