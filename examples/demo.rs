//! The demonstration: starts the book's delay server in this process (on a
//! background thread with its own `block_on`, on a free port), runs every
//! example program against it, and prints what happened and how long each
//! took.
//!
//! ```sh
//! cargo run --release --example demo
//! ```
// Each example module includes `support` as well, so that it also builds as
// a program of its own: the copies are intended.
#![allow(clippy::duplicate_mod)]

#[path = "support/mod.rs"]
mod support;

#[allow(dead_code)]
mod counter;
#[allow(dead_code)]
mod hundred_staggered;
#[allow(dead_code)]
mod join_all;
#[allow(dead_code)]
mod sequential_gets;
#[allow(dead_code)]
mod spawn_five;
#[allow(dead_code)]
mod string_writer;
#[allow(dead_code)]
mod twelve_threads;

use std::fmt::Display;
use std::io;
use std::time::Instant;

use coro::runtime::block_on;

/// Runs one program and prints its report.
fn show<R: Display>(title: &str, program: impl FnOnce() -> io::Result<R>) -> io::Result<()> {
    println!("\n== {title}");
    let report = program()?;
    println!("=> {report}");
    Ok(())
}

fn main() -> io::Result<()> {
    let start = Instant::now();
    let addr = support::delay_server::start_in_background()?;
    println!("coro demo: the book's programs on coro's runtime");
    println!("delay server (coro, in this process, own thread + block_on): http://{addr}");

    show("two sequential GETs", || {
        block_on(sequential_gets::run(addr))
    })?;
    show("join_all of five GETs", || block_on(join_all::run(addr)))?;
    show("a coroutine that spawns five requests", || {
        block_on(spawn_five::run(addr))
    })?;
    show("12 threads, each with its own block_on", || {
        twelve_threads::run(addr)
    })?;
    show("a counter kept across awaits", || {
        block_on(counter::run(addr))
    })?;
    show("a &mut String writer kept across awaits", || {
        block_on(string_writer::run(addr))
    })?;
    show("100 spawned requests with staggered delays", || {
        block_on(hundred_staggered::run(addr))
    })?;

    println!("\nall programs done in {}", support::secs(start.elapsed()));
    Ok(())
}
