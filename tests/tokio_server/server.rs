//! A small line-based key-value and chat server on tokio.
//!
//! [`serve`] runs the accept loop until the shutdown signal, one task per
//! connection; then it closes the listener, tells every connection to say
//! `SHUTDOWN` and close, and waits for them (aborting whatever is still
//! running after a grace period).

use std::fmt;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Mutex, broadcast, watch};
use tokio::task::{JoinError, JoinHandle, JoinSet};

use crate::protocol::{Command, Response, write_line};
use crate::store::{MemStore, Store};

/// How long shutdown waits for connections before aborting them.
const GRACE: Duration = Duration::from_secs(5);

/// Messages a subscriber may fall behind by before it is told it lagged.
const CHAT_BACKLOG: usize = 256;

#[derive(Debug)]
pub enum ServerError {
    Io(io::Error),
    /// The client closed the connection in the middle of a line.
    Truncated {
        connection: u64,
        bytes: usize,
    },
    /// A connection task panicked or was aborted.
    Task(JoinError),
}

impl fmt::Display for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServerError::Io(e) => write!(f, "i/o error: {e}"),
            ServerError::Truncated { connection, bytes } => write!(
                f,
                "connection {connection}: client disconnected mid-line after {bytes} bytes"
            ),
            ServerError::Task(e) => write!(f, "connection task failed: {e}"),
        }
    }
}

impl std::error::Error for ServerError {}

impl From<io::Error> for ServerError {
    fn from(e: io::Error) -> Self {
        ServerError::Io(e)
    }
}

/// What a server did, returned when it has shut down.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub connections: u64,
    pub commands: u64,
    /// One line per connection that ended with an error.
    pub errors: Vec<String>,
}

/// The write half of a connection, shared by the command loop and the chat
/// forwarder. A tokio `Mutex`: a response is written whole, across awaits,
/// so that a chat message cannot land in the middle of it.
type Writer = Arc<Mutex<OwnedWriteHalf>>;

pub struct Server {
    store: MemStore,
    chat: broadcast::Sender<Arc<str>>,
    shutdown: watch::Receiver<bool>,
    connections: AtomicU64,
    commands: AtomicU64,
    errors: std::sync::Mutex<Vec<String>>,
}

/// Serves `listener` until `shutdown` becomes `true` (or its sender is
/// dropped), then shuts down gracefully.
#[coro::coroutine]
pub async fn serve(
    listener: TcpListener,
    shutdown: watch::Receiver<bool>,
) -> Result<Summary, ServerError> {
    let server = Arc::new(Server::new(shutdown));
    server.run(listener).await
}

/// Binds a listener on `addr` (`127.0.0.1:0` for an ephemeral port).
#[coro::coroutine]
pub async fn bind(addr: &str) -> io::Result<TcpListener> {
    TcpListener::bind(addr).await
}

struct Connection {
    id: u64,
    reader: BufReader<OwnedReadHalf>,
    writer: Writer,
    forwarder: Option<JoinHandle<io::Result<()>>>,
}

impl Connection {
    #[coro::coroutine]
    async fn reply(&self, response: &Response) -> io::Result<()> {
        let mut writer = self.writer.lock().await;
        response.write_to(&mut *writer).await
    }

    /// Stops the chat forwarder and closes the sending side (the client sees
    /// EOF), whatever state the connection is in.
    #[coro::coroutine]
    async fn close(self) {
        if let Some(forwarder) = self.forwarder {
            forwarder.abort();
            // Wait until it has let go of the writer.
            let _ = forwarder.await;
        }
        let mut writer = self.writer.lock().await;
        // The client may be gone already: nothing to tell it then.
        let _ = writer.shutdown().await;
    }
}

impl Server {
    pub fn new(shutdown: watch::Receiver<bool>) -> Server {
        let (chat, _) = broadcast::channel(CHAT_BACKLOG);
        Server {
            store: MemStore::default(),
            chat,
            shutdown,
            connections: AtomicU64::new(0),
            commands: AtomicU64::new(0),
            errors: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// The accept loop, then the graceful shutdown.
    #[coro::coroutine]
    pub async fn run(self: Arc<Self>, listener: TcpListener) -> Result<Summary, ServerError> {
        let mut shutdown = self.shutdown.clone();
        let mut tasks = JoinSet::new();
        loop {
            tokio::select! {
                accepted = listener.accept() => {
                    let (stream, _peer) = match accepted {
                        Ok(connection) => connection,
                        // The peer gave up before we accepted: not our problem.
                        Err(e) if e.kind() == io::ErrorKind::ConnectionAborted => continue,
                        // Out of file descriptors and the like: back off, retry.
                        Err(e) if is_resource_exhaustion(&e) => {
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            continue;
                        }
                        Err(e) => return Err(e.into()),
                    };
                    let id = self.connections.fetch_add(1, Ordering::Relaxed) + 1;
                    tasks.spawn(Arc::clone(&self).handle_connection(stream, id));
                }
                Some(finished) = tasks.join_next(), if !tasks.is_empty() => {
                    self.record(finished);
                }
                _ = shutdown.changed() => break,
            }
        }
        // New clients are refused from here on.
        drop(listener);
        self.drain(tasks).await;
        Ok(self.summary())
    }

    /// Waits for the connection tasks, aborting them after the grace period.
    #[coro::coroutine]
    async fn drain(&self, mut tasks: JoinSet<Result<(), ServerError>>) {
        let deadline = tokio::time::sleep(GRACE);
        tokio::pin!(deadline);
        loop {
            tokio::select! {
                next = tasks.join_next() => match next {
                    Some(finished) => self.record(finished),
                    None => break,
                },
                () = &mut deadline => {
                    tasks.abort_all();
                    while let Some(finished) = tasks.join_next().await {
                        self.record(finished);
                    }
                    break;
                }
            }
        }
    }

    fn record(&self, finished: Result<Result<(), ServerError>, JoinError>) {
        let error = match finished {
            Ok(Ok(())) => return,
            Ok(Err(e)) => e,
            Err(e) => ServerError::Task(e),
        };
        self.errors.lock().unwrap().push(error.to_string());
    }

    fn summary(&self) -> Summary {
        let mut errors = self.errors.lock().unwrap().clone();
        errors.sort();
        Summary {
            connections: self.connections.load(Ordering::Relaxed),
            commands: self.commands.load(Ordering::Relaxed),
            errors,
        }
    }

    /// One connection, from accept to close.
    #[coro::coroutine]
    async fn handle_connection(
        self: Arc<Self>,
        stream: TcpStream,
        id: u64,
    ) -> Result<(), ServerError> {
        stream.set_nodelay(true)?;
        let (read_half, write_half) = stream.into_split();
        let mut connection = Connection {
            id,
            reader: BufReader::new(read_half),
            writer: Arc::new(Mutex::new(write_half)),
            forwarder: None,
        };
        let result = self.command_loop(&mut connection).await;
        connection.close().await;
        result
    }

    #[coro::coroutine]
    async fn command_loop(&self, conn: &mut Connection) -> Result<(), ServerError> {
        let mut shutdown = self.shutdown.clone();
        let mut line = String::new();
        loop {
            line.clear();
            tokio::select! {
                read = conn.reader.read_line(&mut line) => {
                    if read? == 0 {
                        return Ok(());
                    }
                    let Some(text) = line.strip_suffix('\n') else {
                        return Err(ServerError::Truncated { connection: conn.id, bytes: line.len() });
                    };
                    let text = text.strip_suffix('\r').unwrap_or(text);
                    self.commands.fetch_add(1, Ordering::Relaxed);
                    let command = match Command::parse(text) {
                        Ok(command) => command,
                        Err(e) => {
                            conn.reply(&Response::Error(e.to_string())).await?;
                            continue;
                        }
                    };
                    match command {
                        Command::Quit => {
                            conn.reply(&Response::Bye).await?;
                            return Ok(());
                        }
                        Command::PutBytes { key, len } => {
                            let value = read_value(&mut conn.reader, len).await?;
                            self.store.set(key, value.into()).await;
                            conn.reply(&Response::Ok).await?;
                        }
                        Command::Sub => {
                            if conn.forwarder.is_none() {
                                let messages = self.chat.subscribe();
                                conn.forwarder = Some(tokio::spawn(forward_chat(messages, Arc::clone(&conn.writer))));
                            }
                            conn.reply(&Response::Subscribed).await?;
                        }
                        command => {
                            let response = self.execute(command).await;
                            conn.reply(&response).await?;
                        }
                    }
                }
                _ = shutdown.changed() => {
                    conn.reply(&Response::Shutdown).await?;
                    return Ok(());
                }
            }
        }
    }

    /// Runs a command that needs nothing from the connection.
    #[coro::coroutine]
    pub async fn execute(&self, command: Command) -> Response {
        match command {
            Command::Ping => Response::Pong,
            Command::Get { key } => match self.store.get(&key).await {
                Some(value) => text_value(&value),
                None => Response::Nil,
            },
            Command::Set { key, value } => {
                self.store.set(key, value.into_bytes().into()).await;
                Response::Ok
            }
            Command::Del { key } => match self.store.remove(&key).await {
                Some(_) => Response::Deleted,
                None => Response::Nil,
            },
            Command::Incr { key, by } => match self.store.incr(&key, by).await {
                Ok(n) => Response::Int(n),
                Err(e) => Response::Error(e.to_string()),
            },
            Command::MGet { first, second } => {
                let (first, second) = self.store.get_pair(&first, &second).await;
                let values = [first, second]
                    .into_iter()
                    .map(|value| value.map_or(Response::Nil, |v| text_value(&v)))
                    .collect();
                Response::Values(values)
            }
            Command::GetBytes { key } => match self.store.get(&key).await {
                Some(value) => Response::Bytes(value),
                None => Response::Nil,
            },
            Command::Pub { message } => {
                // `send` fails only when nobody is subscribed.
                let reached = self.chat.send(message.into()).unwrap_or(0);
                Response::Published(reached)
            }
            Command::Stats => Response::Stats {
                connections: self.connections.load(Ordering::Relaxed),
                commands: self.commands.load(Ordering::Relaxed),
                errors: self.errors.lock().unwrap().len(),
            },
            Command::PutBytes { .. } | Command::Sub | Command::Quit => {
                Response::Error("command needs the connection".to_owned())
            }
        }
    }
}

fn text_value(value: &[u8]) -> Response {
    match std::str::from_utf8(value) {
        Ok(text) if !text.contains('\n') => Response::Value(text.to_owned()),
        _ => Response::Error("value is binary, use GETB".to_owned()),
    }
}

fn is_resource_exhaustion(e: &io::Error) -> bool {
    // EMFILE, ENFILE, ENOBUFS, ENOMEM
    matches!(e.raw_os_error(), Some(24 | 23 | 105 | 12))
}

/// Reads exactly `len` bytes of a value.
#[coro::coroutine]
pub async fn read_value<R: AsyncRead + Unpin>(reader: &mut R, len: usize) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; len];
    let mut filled = 0;
    loop {
        if filled == len {
            break Ok(buf);
        }
        match reader.read(&mut buf[filled..]).await {
            Ok(0) => {
                break Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!("value ended after {filled} of {len} bytes"),
                ));
            }
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => break Err(e),
        }
    }
}

/// Writes every chat message to a subscribed connection.
#[coro::coroutine]
async fn forward_chat(
    mut messages: broadcast::Receiver<Arc<str>>,
    writer: Writer,
) -> io::Result<()> {
    loop {
        let line = match messages.recv().await {
            Ok(message) => format!("MSG {message}"),
            Err(broadcast::error::RecvError::Lagged(missed)) => format!("LAGGED {missed}"),
            Err(broadcast::error::RecvError::Closed) => break Ok(()),
        };
        let mut writer = writer.lock().await;
        write_line(&mut *writer, &line).await?;
    }
}
