//! Shared by the example programs (each includes it with
//! `#[path = "support/mod.rs"] mod support;`): a tiny HTTP GET client written
//! on coro's `TcpStream`, the book's delay server, and how an example finds a
//! server to talk to.
#![allow(dead_code)] // each example uses a different part

pub mod delay_server;
pub mod http;

use std::net::SocketAddr;
use std::time::Duration;

/// The delay server to use: the address given as the program's first
/// argument (for example a `cargo run --example delay_server` running
/// elsewhere), or else one started in this process on a free port.
pub fn server_from_args() -> SocketAddr {
    if let Some(arg) = std::env::args().nth(1) {
        match arg.parse() {
            Ok(addr) => return addr,
            Err(error) => {
                eprintln!("not a socket address: {arg:?} ({error}); usage: [HOST:PORT]");
                std::process::exit(2);
            }
        }
    }
    match delay_server::start_in_background() {
        Ok(addr) => {
            println!("(started a delay server in this process on {addr})");
            addr
        }
        Err(error) => {
            eprintln!("could not start a delay server: {error}");
            std::process::exit(1);
        }
    }
}

/// `1.23 s`.
pub fn secs(duration: Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}
