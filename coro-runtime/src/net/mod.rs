//! TCP over the reactor: [`TcpListener`] and [`TcpStream`].
//!
//! Every operation is an `async fn` returning `io::Result`: connection
//! refused, reset by the peer, `WouldBlock` (handled inside: the task waits for
//! readiness) and a peer that closes mid-read (`read` returns `Ok(0)`) are
//! results, never panics. [`TcpStream`] also implements the `futures-io`
//! [`AsyncRead`](futures_io::AsyncRead) and [`AsyncWrite`](futures_io::AsyncWrite)
//! traits, so the combinators of the wider ecosystem work on it.
//!
//! Sockets are driven by the reactor of [`block_on`](crate::block_on), which
//! the threads running it poll. A socket polled by another executor works
//! while some thread runs `block_on`; when none does, an operation that has
//! to wait returns an error of kind `Other` instead of waiting for ever (one
//! that can complete at once works anywhere).
//!
//! ```
//! use coro_runtime::{block_on, spawn, net::{TcpListener, TcpStream}};
//!
//! # if cfg!(miri) { return Ok(()); } // Miri has no sockets
//! block_on(async {
//!     let listener = TcpListener::bind("127.0.0.1:0").await?;
//!     let addr = listener.local_addr()?;
//!     let server = spawn(async move {
//!         let (mut stream, _) = listener.accept().await?;
//!         let mut request = Vec::new();
//!         stream.read_to_end(&mut request).await?;
//!         stream.write_all(&request).await?;
//!         std::io::Result::Ok(())
//!     });
//!     let mut client = TcpStream::connect(addr).await?;
//!     client.write_all(b"ping").await?;
//!     client.shutdown().await?; // done writing: the server's read_to_end ends
//!     let mut echo = Vec::new();
//!     client.read_to_end(&mut echo).await?;
//!     assert_eq!(echo, b"ping");
//!     server.await
//! })
//! # ?; Ok::<(), std::io::Error>(())
//! ```

mod listener;
mod stream;

pub use listener::TcpListener;
pub use stream::TcpStream;

use std::io;
use std::net::{SocketAddr, ToSocketAddrs};

/// Resolves `addr` and tries `attempt` on each address until one succeeds.
///
/// Resolution uses the standard library and may block for a host name; IP
/// literals resolve without blocking.
async fn each_addr<A, T, F, Fut>(addr: A, mut attempt: F) -> io::Result<T>
where
    A: ToSocketAddrs,
    F: FnMut(SocketAddr) -> Fut,
    Fut: Future<Output = io::Result<T>>,
{
    let mut last_error = None;
    for addr in addr.to_socket_addrs()? {
        match attempt(addr).await {
            Ok(value) => return Ok(value),
            Err(error) => last_error = Some(error),
        }
    }
    Err(last_error.unwrap_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "could not resolve to any address",
        )
    }))
}
