//! A `&mut String` writer kept across awaits (the book's coroutine with
//! references): the future holds a borrow of its own local `buffer` while it
//! waits, which is why futures must be pinned.

#[path = "support/mod.rs"]
mod support;

use std::fmt::{self, Write as _};
use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use coro::runtime::block_on;
use support::http;

#[derive(Debug)]
pub struct Report {
    pub buffer: String,
    pub elapsed: Duration,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a &mut String writer kept across 2 awaits: wrote {} responses into the borrowed buffer in {}",
            self.buffer.matches("HelloAsyncAwait").count(),
            support::secs(self.elapsed)
        )
    }
}

#[coro::coroutine]
pub async fn run(addr: SocketAddr) -> io::Result<Report> {
    let start = Instant::now();
    let mut buffer = String::from("\nBUFFER:\n----\n");
    let writer = &mut buffer;
    println!("Program starting");
    let txt = http::get(addr, "/600/HelloAsyncAwait").await?;
    writeln!(writer, "{}", txt.body).map_err(io::Error::other)?;
    let txt = http::get(addr, "/400/HelloAsyncAwait").await?;
    writeln!(writer, "{}", txt.body).map_err(io::Error::other)?;
    println!("{buffer}");
    Ok(Report {
        buffer,
        elapsed: start.elapsed(),
    })
}

fn main() -> io::Result<()> {
    let addr = support::server_from_args();
    let report = block_on(run(addr))?;
    println!("{report}");
    Ok(())
}
