//! A tiny HTTP/1.1 GET client on coro's `TcpStream`: the book's `Http::get`.
//! Enough for the delay server; not a general client.

use std::io;
use std::net::SocketAddr;

use coro::runtime::net::TcpStream;

/// A response: status code and body, plus the raw text the book prints.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub body: String,
    pub raw: String,
}

/// `GET {path}` from the server at `addr`, reading until the server closes
/// the connection (`Connection: close`).
#[coro::coroutine]
pub async fn get(addr: SocketAddr, path: &str) -> io::Result<Response> {
    let mut stream = TcpStream::connect(addr).await?;
    let request = format!(
        "GET {path} HTTP/1.1\r\n\
         Host: {addr}\r\n\
         Connection: close\r\n\
         \r\n"
    );
    stream.write_all(request.as_bytes()).await?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).await?;
    parse(bytes)
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("bad HTTP response: {what}"),
    )
}

fn parse(bytes: Vec<u8>) -> io::Result<Response> {
    let raw = String::from_utf8(bytes).map_err(|_| invalid("not UTF-8"))?;
    let (head, body) = raw
        .split_once("\r\n\r\n")
        .ok_or_else(|| invalid("no end of headers"))?;
    let status_line = head.lines().next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| invalid("no status code"))?;
    Ok(Response {
        status,
        body: body.to_string(),
        raw: raw.clone(),
    })
}
