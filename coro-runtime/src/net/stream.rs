//! [`TcpStream`].

use std::fmt;
use std::future::poll_fn;
use std::io::{self, IoSlice, Read, Write};
use std::net::{self, Shutdown, SocketAddr, ToSocketAddrs};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_io::{AsyncRead, AsyncWrite};

use super::each_addr;
use crate::reactor::{Direction, IoSource};

/// A TCP connection.
///
/// Reading and writing take `&mut self`: one task reads and writes at a time
/// (the reactor keeps one waker per direction). `read` returns `Ok(0)` once the
/// peer has closed its side and everything it sent has been read; errors such
/// as a reset connection are returned as `io::Error`s.
pub struct TcpStream {
    io: IoSource<mio::net::TcpStream>,
}

impl TcpStream {
    /// Opens a connection to `addr` (the first address it resolves to that
    /// accepts). A refused connection is an `Err` of kind `ConnectionRefused`.
    pub async fn connect<A: ToSocketAddrs>(addr: A) -> io::Result<TcpStream> {
        each_addr(addr, TcpStream::connect_addr).await
    }

    async fn connect_addr(addr: SocketAddr) -> io::Result<TcpStream> {
        let stream = TcpStream::from_mio(mio::net::TcpStream::connect(addr)?)?;
        // A non-blocking connect is done when the socket turns writable; then
        // either an error is pending, or the socket has a peer.
        poll_fn(|cx| {
            stream.io.poll_io(
                cx,
                Direction::Write,
                |socket| match socket.take_error()? {
                    Some(error) => Err(error),
                    None => match socket.peer_addr() {
                        Ok(_) => Ok(()),
                        Err(error) if error.kind() == io::ErrorKind::NotConnected => {
                            Err(io::ErrorKind::WouldBlock.into())
                        }
                        Err(error) => Err(error),
                    },
                },
                |_| false,
            )
        })
        .await?;
        Ok(stream)
    }

    /// Wraps a connected stream of the standard library (it is made
    /// non-blocking).
    pub fn from_std(stream: net::TcpStream) -> io::Result<TcpStream> {
        stream.set_nonblocking(true)?;
        TcpStream::from_mio(mio::net::TcpStream::from_std(stream))
    }

    pub(crate) fn from_mio(stream: mio::net::TcpStream) -> io::Result<TcpStream> {
        Ok(TcpStream {
            io: IoSource::new(stream)?,
        })
    }

    /// Reads some bytes into `buf`, waiting until at least one is available;
    /// returns how many. `Ok(0)` means the peer closed its side (or `buf` is
    /// empty).
    pub async fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        poll_fn(|cx| self.poll_read_priv(cx, buf)).await
    }

    /// Reads exactly `buf.len()` bytes. If the peer closes first, returns an
    /// error of kind `UnexpectedEof` (the bytes read so far are in `buf`).
    pub async fn read_exact(&mut self, mut buf: &mut [u8]) -> io::Result<()> {
        while !buf.is_empty() {
            match self.read(buf).await? {
                0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                n => buf = &mut buf[n..],
            }
        }
        Ok(())
    }

    /// Reads until the peer closes its side, appending to `buf`; returns how
    /// many bytes were appended. On an error, the bytes read before it stay in
    /// `buf`.
    pub async fn read_to_end(&mut self, buf: &mut Vec<u8>) -> io::Result<usize> {
        const CHUNK: usize = 16 * 1024;
        let start = buf.len();
        poll_fn(|cx| {
            loop {
                let len = buf.len();
                if buf.capacity() - len < CHUNK / 4 {
                    buf.reserve(CHUNK.max(len / 2));
                }
                // Grow `buf` with zeros only for the duration of this call, so
                // that it never holds anything but the bytes read, even if the
                // future is dropped while waiting.
                let room = (buf.capacity() - len).min(4 * CHUNK);
                buf.resize(len + room, 0);
                let polled = self.poll_read_priv(cx, &mut buf[len..]);
                let read = match &polled {
                    Poll::Ready(Ok(n)) => *n,
                    _ => 0,
                };
                buf.truncate(len + read);
                match polled {
                    Poll::Ready(Ok(0)) => return Poll::Ready(Ok(buf.len() - start)),
                    Poll::Ready(Ok(_)) => {}
                    Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
                    Poll::Pending => return Poll::Pending,
                }
            }
        })
        .await
    }

    /// Writes some bytes of `buf`, waiting until the socket can take at least
    /// one; returns how many.
    pub async fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        poll_fn(|cx| self.poll_write_priv(cx, buf)).await
    }

    /// Writes all of `buf`.
    pub async fn write_all(&mut self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            match self.write(buf).await? {
                0 => return Err(io::ErrorKind::WriteZero.into()),
                n => buf = &buf[n..],
            }
        }
        Ok(())
    }

    /// Flushes: nothing to do for TCP (writes go straight to the kernel), so
    /// it completes at once.
    pub async fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// Shuts down the writing side: the peer reads end-of-stream once it has
    /// read everything written before. Reading still works.
    pub async fn shutdown(&mut self) -> io::Result<()> {
        self.io.get().shutdown(Shutdown::Write)
    }

    /// The address of the peer.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.io.get().peer_addr()
    }

    /// The local address of the connection.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.get().local_addr()
    }

    /// Sets `TCP_NODELAY` (disables Nagle's algorithm).
    pub fn set_nodelay(&self, nodelay: bool) -> io::Result<()> {
        self.io.get().set_nodelay(nodelay)
    }

    /// Whether `TCP_NODELAY` is set.
    pub fn nodelay(&self) -> io::Result<bool> {
        self.io.get().nodelay()
    }

    fn poll_read_priv(&self, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
        if buf.is_empty() {
            return Poll::Ready(Ok(0));
        }
        let len = buf.len();
        self.io.poll_io(
            cx,
            Direction::Read,
            |mut socket| socket.read(buf),
            |&n| n > 0 && n < len,
        )
    }

    fn poll_write_priv(&self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        if buf.is_empty() {
            return Poll::Ready(Ok(0));
        }
        let len = buf.len();
        self.io.poll_io(
            cx,
            Direction::Write,
            |mut socket| socket.write(buf),
            |&n| n < len,
        )
    }
}

impl AsyncRead for TcpStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        self.poll_read_priv(cx, buf)
    }
}

impl AsyncWrite for TcpStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.poll_write_priv(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let len: usize = bufs.iter().map(|buf| buf.len()).sum();
        if len == 0 {
            return Poll::Ready(Ok(0));
        }
        self.io.poll_io(
            cx,
            Direction::Write,
            |mut socket| socket.write_vectored(bufs),
            |&n| n < len,
        )
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_close(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(self.io.get().shutdown(Shutdown::Write))
    }
}

impl fmt::Debug for TcpStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TcpStream")
            .field("local_addr", &self.local_addr().ok())
            .field("peer_addr", &self.peer_addr().ok())
            .finish()
    }
}
