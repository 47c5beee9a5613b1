//! The book's delay server, on coro: `GET /{delay_ms}/{message}` answers
//! `message` after `delay_ms` milliseconds. Every other example talks to it.
//!
//! ```sh
//! cargo run --example delay_server            # 127.0.0.1:8080
//! cargo run --example delay_server -- 127.0.0.1:9000
//! curl http://127.0.0.1:8080/500/HelloWorld   # after half a second: HelloWorld
//! ```

#[path = "support/mod.rs"]
mod support;

use std::io;

use coro::runtime::block_on;
use coro::runtime::net::TcpListener;

/// Binds `addr` and serves forever; `on_ready` gets the bound address.
#[coro::coroutine]
pub async fn run(addr: &str, on_ready: impl FnOnce(std::net::SocketAddr)) -> io::Result<()> {
    let listener = TcpListener::bind(addr).await?;
    on_ready(listener.local_addr()?);
    support::delay_server::serve(listener).await
}

fn main() {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8080".to_string());
    let served = block_on(run(&addr, |bound| {
        println!("delay server listening on http://{bound} (GET /{{delay_ms}}/{{message}})");
    }));
    if let Err(error) = served {
        eprintln!("delay server on {addr}: {error}");
        std::process::exit(1);
    }
}
