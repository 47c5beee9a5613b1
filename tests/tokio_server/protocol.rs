//! The wire protocol: one command per line, one response per line (a few
//! responses are followed by a body).
//!
//! ```text
//! PING                    -> PONG
//! SET key value...        -> OK                  (the value is the rest of the line)
//! GET key                 -> VALUE value | NIL
//! DEL key                 -> DELETED | NIL
//! INCR key [by]           -> INT n
//! MGET a b                -> VALUES 2, then VALUE v | NIL for a, then for b
//! PUTB key len\n<bytes>   -> OK                  (len raw bytes follow the line)
//! GETB key                -> BYTES len\n<bytes> | NIL
//! SUB                     -> SUBSCRIBED          (then MSG text for every PUB,
//!                                                 LAGGED n if n were missed)
//! PUB text...             -> PUBLISHED n         (n: subscribers reached)
//! STATS                   -> STATS connections=n commands=n errors=n
//! QUIT                    -> BYE, then the server closes the connection
//! ```
//!
//! A malformed command is answered with `ERR reason` and the connection stays
//! open. On shutdown the server sends `SHUTDOWN` and closes the connection.

use std::fmt;

use tokio::io::{AsyncWrite, AsyncWriteExt};

/// The largest value `PUTB` accepts.
pub const MAX_VALUE: usize = 16 * 1024 * 1024;

/// How much of a `GETB` body is written per `write_all`.
const WRITE_CHUNK: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Ping,
    Get { key: String },
    Set { key: String, value: String },
    Del { key: String },
    Incr { key: String, by: i64 },
    MGet { first: String, second: String },
    PutBytes { key: String, len: usize },
    GetBytes { key: String },
    Sub,
    Pub { message: String },
    Stats,
    Quit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    Unknown(String),
    Arity { usage: &'static str },
    NotANumber(String),
    TooLarge(usize),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => write!(f, "empty command"),
            ParseError::Unknown(name) => write!(f, "unknown command '{name}'"),
            ParseError::Arity { usage } => write!(f, "wrong number of arguments, usage: {usage}"),
            ParseError::NotANumber(text) => write!(f, "not a number: '{text}'"),
            ParseError::TooLarge(len) => {
                write!(f, "value too large: {len} bytes (max {MAX_VALUE})")
            }
        }
    }
}

impl std::error::Error for ParseError {}

impl Command {
    /// Parses one line, without its line terminator.
    pub fn parse(line: &str) -> Result<Command, ParseError> {
        let line = line.trim_start();
        if line.trim_end().is_empty() {
            return Err(ParseError::Empty);
        }
        let (name, rest) = line.split_once(' ').unwrap_or((line, ""));
        let args: Vec<&str> = rest.split_whitespace().collect();
        let one = |usage| match args[..] {
            [key] => Ok(key.to_owned()),
            _ => Err(ParseError::Arity { usage }),
        };
        match name.to_ascii_uppercase().as_str() {
            "PING" if args.is_empty() => Ok(Command::Ping),
            "PING" => Err(ParseError::Arity { usage: "PING" }),
            "GET" => one("GET key").map(|key| Command::Get { key }),
            "DEL" => one("DEL key").map(|key| Command::Del { key }),
            "GETB" => one("GETB key").map(|key| Command::GetBytes { key }),
            "SET" => match rest.split_once(' ') {
                Some((key, value)) if !key.is_empty() => Ok(Command::Set {
                    key: key.to_owned(),
                    value: value.to_owned(),
                }),
                _ => Err(ParseError::Arity {
                    usage: "SET key value",
                }),
            },
            "INCR" => match args[..] {
                [key] => Ok(Command::Incr {
                    key: key.to_owned(),
                    by: 1,
                }),
                [key, by] => by
                    .parse()
                    .map(|by| Command::Incr {
                        key: key.to_owned(),
                        by,
                    })
                    .map_err(|_| ParseError::NotANumber(by.to_owned())),
                _ => Err(ParseError::Arity {
                    usage: "INCR key [by]",
                }),
            },
            "MGET" => match args[..] {
                [first, second] => Ok(Command::MGet {
                    first: first.to_owned(),
                    second: second.to_owned(),
                }),
                _ => Err(ParseError::Arity { usage: "MGET a b" }),
            },
            "PUTB" => match args[..] {
                [key, len] => match len.parse() {
                    Ok(len) if len > MAX_VALUE => Err(ParseError::TooLarge(len)),
                    Ok(len) => Ok(Command::PutBytes {
                        key: key.to_owned(),
                        len,
                    }),
                    Err(_) => Err(ParseError::NotANumber(len.to_owned())),
                },
                _ => Err(ParseError::Arity {
                    usage: "PUTB key len",
                }),
            },
            "SUB" if args.is_empty() => Ok(Command::Sub),
            "SUB" => Err(ParseError::Arity { usage: "SUB" }),
            "PUB" if !rest.is_empty() => Ok(Command::Pub {
                message: rest.to_owned(),
            }),
            "PUB" => Err(ParseError::Arity { usage: "PUB text" }),
            "STATS" if args.is_empty() => Ok(Command::Stats),
            "STATS" => Err(ParseError::Arity { usage: "STATS" }),
            "QUIT" => Ok(Command::Quit),
            _ => Err(ParseError::Unknown(name.to_owned())),
        }
    }
}

/// What the server answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    Pong,
    Ok,
    Nil,
    Deleted,
    Value(String),
    Int(i64),
    Values(Vec<Response>),
    Bytes(std::sync::Arc<[u8]>),
    Subscribed,
    Published(usize),
    Stats {
        connections: u64,
        commands: u64,
        errors: usize,
    },
    Bye,
    Shutdown,
    Error(String),
}

impl Response {
    /// Writes the response, with its body if it has one.
    #[coro::coroutine]
    pub async fn write_to<W: AsyncWrite + Unpin + ?Sized>(&self, w: &mut W) -> std::io::Result<()> {
        match self {
            Response::Values(values) => {
                write_line(w, &format!("VALUES {}", values.len())).await?;
                for value in values {
                    write_line(w, &value.header()).await?;
                }
                Ok(())
            }
            Response::Bytes(bytes) => {
                w.write_all(format!("BYTES {}\n", bytes.len()).as_bytes())
                    .await?;
                for chunk in bytes.chunks(WRITE_CHUNK) {
                    w.write_all(chunk).await?;
                }
                Ok(())
            }
            other => write_line(w, &other.header()).await,
        }
    }

    /// The response's first line, without the terminator.
    fn header(&self) -> String {
        match self {
            Response::Pong => "PONG".to_owned(),
            Response::Ok => "OK".to_owned(),
            Response::Nil => "NIL".to_owned(),
            Response::Deleted => "DELETED".to_owned(),
            Response::Value(v) => format!("VALUE {v}"),
            Response::Int(n) => format!("INT {n}"),
            Response::Values(values) => format!("VALUES {}", values.len()),
            Response::Bytes(bytes) => format!("BYTES {}", bytes.len()),
            Response::Subscribed => "SUBSCRIBED".to_owned(),
            Response::Published(n) => format!("PUBLISHED {n}"),
            Response::Stats {
                connections,
                commands,
                errors,
            } => format!("STATS connections={connections} commands={commands} errors={errors}"),
            Response::Bye => "BYE".to_owned(),
            Response::Shutdown => "SHUTDOWN".to_owned(),
            Response::Error(reason) => format!("ERR {reason}"),
        }
    }
}

/// Writes `line` and a `\n`.
#[coro::coroutine]
pub async fn write_line<W: AsyncWrite + Unpin + ?Sized>(
    w: &mut W,
    line: &str,
) -> std::io::Result<()> {
    let mut buf = Vec::with_capacity(line.len() + 1);
    buf.extend_from_slice(line.as_bytes());
    buf.push(b'\n');
    w.write_all(&buf).await
}
