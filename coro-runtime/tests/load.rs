//! Load: 1,000 echo connections open at once on loopback, every byte
//! accounted for. The server runs on one thread and the clients on another,
//! sharing the reactor.

use std::cell::{Cell, RefCell};
use std::future::poll_fn;
use std::io;
use std::net::SocketAddr;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::task::{Poll, Waker};
use std::thread;
use std::time::{Duration, Instant};

use coro_runtime::net::{TcpListener, TcpStream};
use coro_runtime::time::{sleep, timeout};
use coro_runtime::{block_on, join_all, spawn};

const CONNECTIONS: usize = 1000;
/// Bytes each client sends (and gets back), in `ROUNDS` messages.
const PER_CONNECTION: usize = 16 * 1024;
const ROUNDS: usize = 8;

/// Server-side accounting.
#[derive(Default)]
struct ServerStats {
    accepted: AtomicUsize,
    open: AtomicUsize,
    max_open: AtomicUsize,
    echoed: AtomicU64,
    errors: AtomicUsize,
}

/// Makes sure this process may open enough sockets (two per connection).
fn raise_open_file_limit(needed: u64) {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `getrlimit` writes the limit into the struct we own.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        return;
    }
    if limit.rlim_cur >= needed as libc::rlim_t {
        return;
    }
    limit.rlim_cur = limit.rlim_max.min(needed as libc::rlim_t);
    // SAFETY: `setrlimit` reads the struct we own.
    unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &limit) };
}

async fn echo(mut stream: TcpStream, stats: Arc<ServerStats>) -> io::Result<()> {
    let open = stats.open.fetch_add(1, Ordering::SeqCst) + 1;
    stats.max_open.fetch_max(open, Ordering::SeqCst);
    let mut buf = vec![0; 4096];
    let result = async {
        loop {
            let n = stream.read(&mut buf).await?;
            if n == 0 {
                return stream.shutdown().await;
            }
            stream.write_all(&buf[..n]).await?;
            stats.echoed.fetch_add(n as u64, Ordering::Relaxed);
        }
    }
    .await;
    stats.open.fetch_sub(1, Ordering::SeqCst);
    result
}

fn start_server(stats: Arc<ServerStats>) -> SocketAddr {
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    thread::Builder::new()
        .name("echo-server".into())
        .spawn(move || {
            block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                loop {
                    match listener.accept().await {
                        Ok((stream, _)) => {
                            stats.accepted.fetch_add(1, Ordering::SeqCst);
                            let stats = stats.clone();
                            drop(spawn(async move {
                                if echo(stream, stats.clone()).await.is_err() {
                                    stats.errors.fetch_add(1, Ordering::SeqCst);
                                }
                            }));
                        }
                        Err(error) => panic!("accept failed: {error}"),
                    }
                }
            })
        })
        .unwrap();
    addr_rx.recv().unwrap()
}

/// The bytes client `id` sends in round `round`.
fn message(id: usize, round: usize) -> Vec<u8> {
    let len = PER_CONNECTION / ROUNDS;
    (0..len)
        .map(|i| (id * 131 + round * 17 + i) as u8)
        .collect()
}

/// Lets tasks of one executor wait until all of them have arrived.
struct Barrier {
    remaining: Cell<usize>,
    waiting: RefCell<Vec<Waker>>,
}

impl Barrier {
    fn new(count: usize) -> Barrier {
        Barrier {
            remaining: Cell::new(count),
            waiting: RefCell::new(Vec::new()),
        }
    }

    async fn wait(&self) {
        self.remaining.set(self.remaining.get() - 1);
        if self.remaining.get() == 0 {
            for waker in self.waiting.take() {
                waker.wake();
            }
            return;
        }
        poll_fn(|cx| {
            if self.remaining.get() == 0 {
                Poll::Ready(())
            } else {
                self.waiting.borrow_mut().push(cx.waker().clone());
                Poll::Pending
            }
        })
        .await
    }
}

/// Ping-pong: send one message, read exactly its echo, compare, repeat. After
/// the first round (which proves the server accepted the connection) every
/// client waits for all the others, so all connections are open at once.
async fn client(
    mut stream: TcpStream,
    id: usize,
    all_open: Rc<Barrier>,
) -> io::Result<(usize, usize)> {
    let mut sent = 0;
    let mut received = 0;
    let mut buf = vec![0; PER_CONNECTION / ROUNDS];
    for round in 0..ROUNDS {
        let message = message(id, round);
        stream.write_all(&message).await?;
        sent += message.len();
        stream.read_exact(&mut buf).await?;
        received += buf.len();
        if buf != message {
            return Err(io::Error::other(format!(
                "client {id}: round {round} came back different"
            )));
        }
        if round == 0 {
            all_open.wait().await;
        }
    }
    stream.shutdown().await?;
    // After our shutdown the server shuts down too: nothing more arrives.
    let mut rest = Vec::new();
    stream.read_to_end(&mut rest).await?;
    received += rest.len();
    Ok((sent, received))
}

#[test]
#[cfg_attr(miri, ignore)] // sockets
fn a_thousand_concurrent_echo_connections() {
    raise_open_file_limit(2 * CONNECTIONS as u64 + 256);
    let stats = Arc::new(ServerStats::default());
    let addr = start_server(stats.clone());
    let stats_view = stats.clone();
    let start = Instant::now();
    let (sent, received) = block_on(timeout(Duration::from_secs(120), async move {
        // Connect in batches of 100, each accepted before the next: the
        // listen backlog is 128, and handshakes that overflow it complete only
        // when the kernel retransmits (seconds later, under load).
        let mut streams = Vec::with_capacity(CONNECTIONS);
        for batch in (0..CONNECTIONS).collect::<Vec<_>>().chunks(100) {
            for stream in join_all(batch.iter().map(|_| TcpStream::connect(addr))).await {
                streams.push(stream?);
            }
            while stats_view.accepted.load(Ordering::SeqCst) < streams.len() {
                sleep(Duration::from_millis(1)).await;
            }
        }
        let all_open = Rc::new(Barrier::new(CONNECTIONS));
        let results = join_all(
            streams
                .into_iter()
                .enumerate()
                .map(|(id, stream)| spawn(client(stream, id, all_open.clone()))),
        )
        .await;
        let mut sent = 0;
        let mut received = 0;
        for result in results {
            let (s, r) = result?;
            sent += s;
            received += r;
        }
        io::Result::Ok((sent, received))
    }))
    .expect("load test timed out")
    .expect("I/O error in a client");
    let elapsed = start.elapsed();

    let expected = CONNECTIONS * PER_CONNECTION;
    assert_eq!(sent, expected, "bytes sent");
    assert_eq!(received, expected, "bytes received");
    // The server's echo of the last bytes may be counted just after the
    // client saw them; give its counters a moment to settle.
    let settle = Instant::now();
    while (stats.echoed.load(Ordering::SeqCst) as usize) < expected
        && settle.elapsed() < Duration::from_secs(10)
    {
        thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(
        stats.echoed.load(Ordering::SeqCst) as usize,
        expected,
        "bytes echoed"
    );
    assert_eq!(stats.accepted.load(Ordering::SeqCst), CONNECTIONS);
    assert_eq!(
        stats.max_open.load(Ordering::SeqCst),
        CONNECTIONS,
        "all connections open at once"
    );
    assert_eq!(stats.errors.load(Ordering::SeqCst), 0);
    eprintln!("{CONNECTIONS} connections, {expected} bytes each way, in {elapsed:.2?}");
}
