//! 100 spawned requests with staggered delays: request `i` waits
//! `(100 - i) * 10` ms, so the last spawned finishes first. They all run at
//! once: the total is about the longest delay (1 s), not the sum (50.5 s).

#[path = "support/mod.rs"]
mod support;

use std::cell::RefCell;
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::rc::Rc;
use std::time::{Duration, Instant};

use coro::runtime::{block_on, spawn};
use support::http;

pub const REQUESTS: usize = 100;

/// Delay of request `i`, in milliseconds.
pub fn delay_ms(i: usize) -> u64 {
    ((REQUESTS - i) * 10) as u64
}

#[derive(Debug)]
pub struct Report {
    /// Bodies in request order.
    pub bodies: Vec<String>,
    /// Request indices in the order their responses arrived.
    pub completion_order: Vec<usize>,
    pub elapsed: Duration,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{REQUESTS} spawned requests (delays 1000..10 ms, sum 50.5 s): {} responses in {} total; \
             first back: #{}, last back: #{}",
            self.bodies.len(),
            support::secs(self.elapsed),
            self.completion_order.first().copied().unwrap_or_default(),
            self.completion_order.last().copied().unwrap_or_default(),
        )
    }
}

#[coro::coroutine]
pub async fn request(
    addr: SocketAddr,
    i: usize,
    done: Rc<RefCell<Vec<usize>>>,
) -> io::Result<String> {
    let response = http::get(addr, &format!("/{}/response-{i}", delay_ms(i))).await?;
    done.borrow_mut().push(i);
    Ok(response.body)
}

#[coro::coroutine]
pub async fn run(addr: SocketAddr) -> io::Result<Report> {
    let start = Instant::now();
    let done = Rc::new(RefCell::new(Vec::with_capacity(REQUESTS)));
    let handles: Vec<_> = (0..REQUESTS)
        .map(|i| spawn(request(addr, i, done.clone())))
        .collect();
    let mut bodies = Vec::with_capacity(REQUESTS);
    for handle in handles {
        bodies.push(handle.await?);
    }
    let completion_order = done.borrow().clone();
    Ok(Report {
        bodies,
        completion_order,
        elapsed: start.elapsed(),
    })
}

fn main() -> io::Result<()> {
    let addr = support::server_from_args();
    let report = block_on(run(addr))?;
    println!("{report}");
    Ok(())
}
