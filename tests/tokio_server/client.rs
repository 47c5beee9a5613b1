//! Test support: a server on an ephemeral loopback port and a line client.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::server::{self, ServerError, Summary};

/// How long any one test step may take before the test fails instead of
/// hanging.
pub const STEP: Duration = Duration::from_secs(20);

/// Awaits `future`, failing the test if it takes longer than [`STEP`].
#[coro::coroutine]
pub async fn within<F: Future>(what: &str, future: F) -> F::Output {
    match tokio::time::timeout(STEP, future).await {
        Ok(output) => output,
        Err(_) => panic!("{what}: no answer within {STEP:?}"),
    }
}

/// A running server.
pub struct TestServer {
    pub addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    task: JoinHandle<Result<Summary, ServerError>>,
}

impl TestServer {
    #[coro::coroutine]
    pub async fn start() -> TestServer {
        let listener = server::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().unwrap();
        let (shutdown, signal) = watch::channel(false);
        let task = tokio::spawn(server::serve(listener, signal));
        TestServer {
            addr,
            shutdown,
            task,
        }
    }

    #[coro::coroutine]
    pub async fn connect(&self) -> Client {
        within("connect", Client::connect(self.addr))
            .await
            .expect("connect to the test server")
    }

    /// Signals shutdown and waits for the server to return.
    #[coro::coroutine]
    pub async fn stop(self) -> Summary {
        self.shutdown.send(true).expect("server still listening");
        let joined = within("server shutdown", self.task).await;
        joined
            .expect("server task panicked")
            .expect("server failed")
    }
}

/// One client connection: requests are lines, responses are lines.
pub struct Client {
    reader: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
}

impl Client {
    #[coro::coroutine]
    pub async fn connect(addr: SocketAddr) -> io::Result<Client> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        let (read_half, writer) = stream.into_split();
        Ok(Client {
            reader: BufReader::new(read_half),
            writer,
        })
    }

    /// Sends raw bytes, as they are.
    #[coro::coroutine]
    pub async fn send_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.writer.write_all(bytes).await
    }

    #[coro::coroutine]
    pub async fn send(&mut self, line: &str) -> io::Result<()> {
        self.send_raw(format!("{line}\n").as_bytes()).await
    }

    /// The next line without its `\n`, or `None` at EOF.
    #[coro::coroutine]
    pub async fn read_line(&mut self) -> io::Result<Option<String>> {
        let mut line = String::new();
        match within("read_line", self.reader.read_line(&mut line)).await? {
            0 => Ok(None),
            _ => match line.strip_suffix('\n') {
                Some(text) => Ok(Some(text.to_owned())),
                None => Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!("server closed mid-line: {line:?}"),
                )),
            },
        }
    }

    /// The next line; EOF is an error.
    #[coro::coroutine]
    pub async fn expect_line(&mut self) -> io::Result<String> {
        self.read_line()
            .await?
            .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "server closed"))
    }

    /// Sends one command and reads its one-line response.
    #[coro::coroutine]
    pub async fn request(&mut self, line: &str) -> io::Result<String> {
        self.send(line).await?;
        self.expect_line().await
    }

    /// `MGET a b`: the two value lines.
    #[coro::coroutine]
    pub async fn mget(&mut self, first: &str, second: &str) -> io::Result<Vec<String>> {
        let header = self.request(&format!("MGET {first} {second}")).await?;
        let count: usize = match header.strip_prefix("VALUES ") {
            Some(n) => n.parse().map_err(|_| bad_response(&header))?,
            None => return Err(bad_response(&header)),
        };
        let mut values = Vec::with_capacity(count);
        for _ in 0..count {
            values.push(self.expect_line().await?);
        }
        Ok(values)
    }

    /// `PUTB key len` and the bytes; the response line.
    #[coro::coroutine]
    pub async fn put_bytes(&mut self, key: &str, value: &[u8]) -> io::Result<String> {
        self.send(&format!("PUTB {key} {}", value.len())).await?;
        // Several writes, as a client streaming a file would.
        for chunk in value.chunks(100_000) {
            self.send_raw(chunk).await?;
        }
        self.expect_line().await
    }

    /// `GETB key`: the value, or `None` for `NIL`.
    #[coro::coroutine]
    pub async fn get_bytes(&mut self, key: &str) -> io::Result<Option<Vec<u8>>> {
        let header = self.request(&format!("GETB {key}")).await?;
        if header == "NIL" {
            return Ok(None);
        }
        let len: usize = header
            .strip_prefix("BYTES ")
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| bad_response(&header))?;
        let value = within("GETB body", server::read_value(&mut self.reader, len)).await?;
        Ok(Some(value))
    }

    /// Closes the sending side: the server sees EOF, the client can still read.
    #[coro::coroutine]
    pub async fn finish_sending(&mut self) -> io::Result<()> {
        self.writer.shutdown().await
    }

    /// Reads until the server closes the connection, returning every line.
    #[coro::coroutine]
    pub async fn read_to_eof(&mut self) -> io::Result<Vec<String>> {
        let mut lines = Vec::new();
        while let Some(line) = self.read_line().await? {
            lines.push(line);
        }
        Ok(lines)
    }
}

fn bad_response(line: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("unexpected response {line:?}"),
    )
}

/// Two requests on two connections at once.
#[coro::coroutine]
pub async fn request_both(
    a: &mut Client,
    first: &str,
    b: &mut Client,
    second: &str,
) -> io::Result<(String, String)> {
    tokio::try_join!(a.request(first), b.request(second))
}
