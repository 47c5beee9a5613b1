//! [`TcpListener`].

use std::fmt;
use std::future::poll_fn;
use std::io;
use std::net::{self, SocketAddr, ToSocketAddrs};
use std::task::{Context, Poll};

use super::{TcpStream, each_addr};
use crate::reactor::{Direction, IoSource};

/// A TCP socket server, listening for connections.
///
/// ```
/// use coro_runtime::{block_on, net::TcpListener};
///
/// # if cfg!(miri) { return; } // Miri has no sockets
/// block_on(async {
///     let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
///     assert!(listener.local_addr().unwrap().port() != 0);
/// });
/// ```
pub struct TcpListener {
    io: IoSource<mio::net::TcpListener>,
}

impl TcpListener {
    /// Creates a listener bound to `addr` (the first address it resolves to
    /// that can be bound). Port 0 asks the OS for a free port; see
    /// [`local_addr`](TcpListener::local_addr).
    ///
    /// The listen backlog is 128, as in the standard library: a burst of more
    /// connection attempts than that, faster than they are accepted, makes
    /// the kernel drop handshakes (the clients retry after a second or more).
    /// For another backlog, configure a standard listener (for example with
    /// the `socket2` crate) and wrap it with [`from_std`](TcpListener::from_std).
    pub async fn bind<A: ToSocketAddrs>(addr: A) -> io::Result<TcpListener> {
        each_addr(addr, |addr| async move {
            TcpListener::from_mio(mio::net::TcpListener::bind(addr)?)
        })
        .await
    }

    /// Wraps a listener of the standard library (it is made non-blocking).
    pub fn from_std(listener: net::TcpListener) -> io::Result<TcpListener> {
        listener.set_nonblocking(true)?;
        TcpListener::from_mio(mio::net::TcpListener::from_std(listener))
    }

    fn from_mio(listener: mio::net::TcpListener) -> io::Result<TcpListener> {
        Ok(TcpListener {
            io: IoSource::new(listener)?,
        })
    }

    /// Waits for a connection; returns the new stream and the peer's address.
    pub async fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        poll_fn(|cx| self.poll_accept(cx)).await
    }

    /// Polls for a connection.
    pub fn poll_accept(&self, cx: &mut Context<'_>) -> Poll<io::Result<(TcpStream, SocketAddr)>> {
        match self
            .io
            .poll_io(cx, Direction::Read, |listener| listener.accept(), |_| false)
        {
            Poll::Ready(Ok((stream, peer))) => {
                Poll::Ready(TcpStream::from_mio(stream).map(|stream| (stream, peer)))
            }
            Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
            Poll::Pending => Poll::Pending,
        }
    }

    /// The address the listener is bound to.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.get().local_addr()
    }
}

impl fmt::Debug for TcpListener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TcpListener")
            .field("local_addr", &self.local_addr().ok())
            .finish()
    }
}
