//! A counter kept across awaits (the book's coroutine with variables): the
//! local `counter` lives in the future's state between the two requests.

#[path = "support/mod.rs"]
mod support;

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use coro::runtime::block_on;
use support::http;

#[derive(Debug)]
pub struct Report {
    pub counter: usize,
    pub bodies: Vec<String>,
    pub elapsed: Duration,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a counter kept across 2 awaits: counter = {}, {:?} in {}",
            self.counter,
            self.bodies,
            support::secs(self.elapsed)
        )
    }
}

#[coro::coroutine]
pub async fn run(addr: SocketAddr) -> io::Result<Report> {
    let start = Instant::now();
    let mut counter = 0;
    let mut bodies = Vec::new();
    println!("Program starting");
    let txt = http::get(addr, "/600/HelloAsyncAwait").await?;
    println!("{}", txt.body);
    counter += 1;
    bodies.push(txt.body);
    let txt = http::get(addr, "/400/HelloAsyncAwait").await?;
    println!("{}", txt.body);
    counter += 1;
    bodies.push(txt.body);
    println!("Received {counter} responses.");
    Ok(Report {
        counter,
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
