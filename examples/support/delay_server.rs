//! The book's test server, on coro's own runtime: `GET /{delay_ms}/{message}`
//! answers `message` after `delay_ms` milliseconds.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use coro::runtime::net::{TcpListener, TcpStream};
use coro::runtime::time::sleep;
use coro::runtime::{block_on, spawn};

/// Longest request head accepted.
const MAX_HEAD: usize = 8 * 1024;
/// Longest delay honoured (one minute).
const MAX_DELAY_MS: u64 = 60_000;

/// Accepts connections forever, each handled by its own task.
#[coro::coroutine]
pub async fn serve(listener: TcpListener) -> io::Result<()> {
    loop {
        match listener.accept().await {
            Ok((stream, _peer)) => {
                drop(spawn(handle_logged(stream)));
            }
            // Per-connection failures (the client gave up before we accepted,
            // too many open files for a moment): keep serving.
            Err(error) => {
                eprintln!("delay server: accept failed: {error}");
                sleep(Duration::from_millis(10)).await;
            }
        }
    }
}

/// Starts a delay server on a free port of 127.0.0.1, on a background thread
/// with its own `block_on`; returns its address. It runs until the process
/// exits.
pub fn start_in_background() -> io::Result<SocketAddr> {
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("delay-server".into())
        .spawn(move || block_on(run_reporting_addr(addr_tx)))?;
    addr_rx
        .recv()
        .map_err(|_| io::Error::other("the delay server thread stopped"))?
}

#[coro::coroutine]
async fn run_reporting_addr(addr_tx: std::sync::mpsc::Sender<io::Result<SocketAddr>>) {
    let listener = match TcpListener::bind("127.0.0.1:0").await {
        Ok(listener) => listener,
        Err(error) => {
            let _ = addr_tx.send(Err(error));
            return;
        }
    };
    let _ = addr_tx.send(listener.local_addr());
    if let Err(error) = serve(listener).await {
        eprintln!("delay server stopped: {error}");
    }
}

#[coro::coroutine]
async fn handle_logged(stream: TcpStream) {
    if let Err(error) = handle(stream).await {
        // A client that went away is its business, not the server's.
        if error.kind() != io::ErrorKind::ConnectionReset
            && error.kind() != io::ErrorKind::BrokenPipe
        {
            eprintln!("delay server: {error}");
        }
    }
}

/// Reads one request, waits, answers, closes.
#[coro::coroutine]
pub async fn handle(mut stream: TcpStream) -> io::Result<()> {
    let head = read_head(&mut stream).await?;
    let (status, body, delay) = route(&head);
    if let Some(delay) = delay {
        sleep(delay).await;
    }
    let response = format!(
        "HTTP/1.1 {status}\r\n\
         content-type: text/plain; charset=utf-8\r\n\
         content-length: {}\r\n\
         connection: close\r\n\
         \r\n\
         {body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

/// Reads up to the blank line that ends the request head.
#[coro::coroutine]
async fn read_head(stream: &mut TcpStream) -> io::Result<String> {
    let mut head = Vec::new();
    let mut buf = [0; 1024];
    while !head.windows(4).any(|window| window == b"\r\n\r\n") {
        if head.len() > MAX_HEAD {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "request head too long",
            ));
        }
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "client closed mid-request",
            ));
        }
        head.extend_from_slice(&buf[..n]);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

/// `GET /{delay_ms}/{message}` → (status, body, delay).
fn route(head: &str) -> (&'static str, String, Option<Duration>) {
    let mut request_line = head.lines().next().unwrap_or_default().split_whitespace();
    let (Some(method), Some(path)) = (request_line.next(), request_line.next()) else {
        return ("400 Bad Request", "bad request\n".into(), None);
    };
    if method != "GET" {
        return ("405 Method Not Allowed", "only GET\n".into(), None);
    }
    let mut parts = path.trim_start_matches('/').splitn(2, '/');
    let delay = parts.next().and_then(|delay| delay.parse::<u64>().ok());
    match (delay, parts.next()) {
        (Some(delay_ms), Some(message)) => (
            "200 OK",
            message.to_string(),
            Some(Duration::from_millis(delay_ms.min(MAX_DELAY_MS))),
        ),
        _ => (
            "404 Not Found",
            "use GET /{delay_ms}/{message}\n".into(),
            None,
        ),
    }
}
