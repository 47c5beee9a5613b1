//! TCP on loopback: echo of 1 MiB, many concurrent connections, refused and
//! reset connections, a peer closing mid-read, the futures-io traits, and a
//! server and clients on different threads sharing the reactor. Real sockets,
//! so ignored under Miri.

use std::io::{self, ErrorKind};
use std::net::SocketAddr;
use std::thread;
use std::time::Duration;

use coro_runtime::net::{TcpListener, TcpStream};
use coro_runtime::time::timeout;
use coro_runtime::{block_on, join_all, spawn};
use futures::io::{AsyncReadExt as _, AsyncWriteExt as _};

/// Every test gives up after this long instead of hanging.
const LIMIT: Duration = Duration::from_secs(60);

/// Byte `i` of the test pattern for stream `seed`.
fn pattern(seed: usize, len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| ((i * 31 + seed * 7) % 251) as u8)
        .collect()
}

/// Echoes everything until the peer closes.
async fn echo(mut stream: TcpStream) -> io::Result<u64> {
    let mut buf = vec![0; 16 * 1024];
    let mut total = 0;
    loop {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            stream.shutdown().await?;
            return Ok(total);
        }
        stream.write_all(&buf[..n]).await?;
        total += n as u64;
    }
}

/// Accepts forever, echoing each connection in its own task.
async fn echo_server(listener: TcpListener) -> io::Result<()> {
    loop {
        let (stream, _) = listener.accept().await?;
        drop(spawn(echo(stream)));
    }
}

/// Sends `data` while reading the echo back, on two halves of one stream.
async fn round_trip(stream: TcpStream, data: Vec<u8>) -> io::Result<Vec<u8>> {
    let (mut reader, mut writer) = stream.split();
    let writer = spawn(async move {
        for chunk in data.chunks(7 * 1024 + 13) {
            writer.write_all(chunk).await?;
        }
        writer.close().await?;
        io::Result::Ok(())
    });
    let mut echoed = Vec::new();
    reader.read_to_end(&mut echoed).await?;
    writer.await?;
    Ok(echoed)
}

#[test]
#[cfg_attr(miri, ignore)] // sockets
fn echo_of_one_mebibyte() {
    block_on(timeout(LIMIT, async {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let server = spawn(async move {
            let (stream, _) = listener.accept().await?;
            echo(stream).await
        });
        let data = pattern(1, 1 << 20);
        let echoed = round_trip(TcpStream::connect(addr).await?, data.clone()).await?;
        assert_eq!(echoed.len(), data.len());
        assert!(echoed == data, "echoed bytes differ");
        assert_eq!(server.await?, 1 << 20);
        io::Result::Ok(())
    }))
    .expect("timed out")
    .expect("I/O error");
}

#[test]
#[cfg_attr(miri, ignore)] // sockets
fn many_concurrent_connections() {
    let connections = 200;
    block_on(timeout(LIMIT, async move {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let server = spawn(echo_server(listener));
        let clients = (0..connections).map(|i| async move {
            let mut stream = TcpStream::connect(addr).await?;
            let message = format!("hello from client {i}");
            stream.write_all(message.as_bytes()).await?;
            stream.shutdown().await?;
            let mut reply = Vec::new();
            stream.read_to_end(&mut reply).await?;
            assert_eq!(reply, message.as_bytes());
            io::Result::Ok(())
        });
        for result in join_all(clients).await {
            result?;
        }
        server.abort();
        io::Result::Ok(())
    }))
    .expect("timed out")
    .expect("I/O error");
}

#[test]
#[cfg_attr(miri, ignore)] // sockets
fn server_and_clients_on_different_threads() {
    let (addr_tx, addr_rx) = std::sync::mpsc::channel::<SocketAddr>();
    // The server thread runs until the process exits.
    thread::spawn(move || {
        block_on(async move {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            addr_tx.send(listener.local_addr().unwrap()).unwrap();
            echo_server(listener).await
        })
    });
    let addr = addr_rx.recv().unwrap();
    let clients: Vec<_> = (0..4)
        .map(|t| {
            thread::spawn(move || {
                block_on(timeout(LIMIT, async move {
                    let data = pattern(t, 64 * 1024 + t);
                    let echoed = round_trip(TcpStream::connect(addr).await?, data.clone()).await?;
                    assert!(echoed == data);
                    io::Result::Ok(())
                }))
            })
        })
        .collect();
    for client in clients {
        client
            .join()
            .unwrap()
            .expect("timed out")
            .expect("I/O error");
    }
}

#[test]
#[cfg_attr(miri, ignore)] // sockets
fn connection_refused_is_an_error() {
    // A port that was just free: nothing listens there now.
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let result = block_on(timeout(LIMIT, TcpStream::connect(addr))).expect("timed out");
    assert_eq!(result.unwrap_err().kind(), ErrorKind::ConnectionRefused);
}

#[test]
#[cfg_attr(miri, ignore)] // sockets
fn a_reset_connection_is_an_error() {
    block_on(timeout(LIMIT, async {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let server = spawn(async move {
            let (mut stream, _) = listener.accept().await?;
            // Read one byte of two and close: the unread byte makes the
            // kernel answer with a reset.
            let mut one = [0];
            stream.read_exact(&mut one).await?;
            drop(stream);
            io::Result::Ok(())
        });
        let mut client = TcpStream::connect(addr).await?;
        client.write_all(b"ab").await?;
        server.await?;
        let mut buf = [0; 16];
        let error = client.read(&mut buf).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::ConnectionReset);
        io::Result::Ok(())
    }))
    .expect("timed out")
    .expect("I/O error");
}

#[test]
#[cfg_attr(miri, ignore)] // sockets
fn a_peer_closing_mid_read_loses_no_bytes() {
    block_on(timeout(LIMIT, async {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let sent = pattern(3, 100_000);
        let server = spawn({
            let sent = sent.clone();
            async move {
                let (mut stream, _) = listener.accept().await?;
                stream.write_all(&sent).await?;
                // Closes without waiting for the reader.
                io::Result::Ok(())
            }
        });
        let mut client = TcpStream::connect(addr).await?;
        // Asks for more than will ever come.
        let mut buf = vec![0; sent.len() + 10];
        let error = client.read_exact(&mut buf).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::UnexpectedEof);
        assert!(buf[..sent.len()] == sent[..]);
        // End of stream stays end of stream.
        assert_eq!(client.read(&mut buf).await?, 0);
        server.await
    }))
    .expect("timed out")
    .expect("I/O error");
}

#[test]
#[cfg_attr(miri, ignore)] // sockets
fn read_to_end_returns_everything_the_peer_sent() {
    block_on(timeout(LIMIT, async {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let sent = pattern(5, 300_001);
        let server = spawn({
            let sent = sent.clone();
            async move {
                let (mut stream, peer) = listener.accept().await?;
                assert_eq!(peer, stream.peer_addr()?);
                stream.set_nodelay(true)?;
                assert!(stream.nodelay()?);
                for chunk in sent.chunks(999) {
                    stream.write_all(chunk).await?;
                }
                stream.flush().await?;
                io::Result::Ok(())
            }
        });
        let mut client = TcpStream::connect(addr).await?;
        assert_eq!(client.peer_addr()?, addr);
        let mut received = b"prefix".to_vec();
        let n = client.read_to_end(&mut received).await?;
        assert_eq!(n, sent.len());
        assert!(received[6..] == sent[..]);
        assert_eq!(&received[..6], b"prefix");
        server.await
    }))
    .expect("timed out")
    .expect("I/O error");
}

#[test]
#[cfg_attr(miri, ignore)] // sockets
fn futures_io_combinators_work() {
    block_on(timeout(LIMIT, async {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        // An echo server made of ecosystem parts: split + io::copy.
        let server = spawn(async move {
            let (stream, _) = listener.accept().await?;
            let (mut reader, mut writer) = stream.split();
            let copied = futures::io::copy(&mut reader, &mut writer).await?;
            writer.close().await?;
            io::Result::Ok(copied)
        });
        let data = pattern(9, 200_000);
        let echoed = round_trip(TcpStream::connect(addr).await?, data.clone()).await?;
        assert!(echoed == data);
        assert_eq!(server.await?, data.len() as u64);
        io::Result::Ok(())
    }))
    .expect("timed out")
    .expect("I/O error");
}

#[test]
#[cfg_attr(miri, ignore)] // sockets
fn bind_reports_errors_as_results() {
    block_on(async {
        let first = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let taken = first.local_addr().unwrap();
        let second = TcpListener::bind(taken).await;
        assert_eq!(second.unwrap_err().kind(), ErrorKind::AddrInUse);
        let unresolvable: &[SocketAddr] = &[];
        assert_eq!(
            TcpListener::bind(unresolvable).await.unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
    });
}

#[test]
#[cfg_attr(miri, ignore)] // sockets
fn from_std_streams_and_listeners() {
    let std_listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = std_listener.local_addr().unwrap();
    let std_client = std::net::TcpStream::connect(addr).unwrap();
    block_on(timeout(LIMIT, async move {
        let listener = TcpListener::from_std(std_listener)?;
        let (mut server_side, _) = listener.accept().await?;
        let mut client = TcpStream::from_std(std_client)?;
        client.write_all(b"via std").await?;
        let mut buf = [0; 7];
        server_side.read_exact(&mut buf).await?;
        assert_eq!(&buf, b"via std");
        io::Result::Ok(())
    }))
    .expect("timed out")
    .expect("I/O error");
}

/// A socket polled by another executor while a thread runs `block_on`
/// elsewhere: that thread's reactor delivers its readiness to the other
/// executor's waker, so a read that waits completes, as it did before
/// waiting outside `block_on` became an error where nothing drives the
/// reactor.
#[test]
#[cfg_attr(miri, ignore)]
fn waiting_under_another_executor_while_block_on_runs_elsewhere() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (entered, started) = std::sync::mpsc::channel();
    // Runs coro's executor, idle in the reactor, until the read is done.
    let driver = thread::spawn(move || {
        block_on(async move {
            entered.send(()).unwrap();
            coro_runtime::time::sleep(Duration::from_secs(2)).await;
        })
    });
    started.recv().unwrap();
    let (done, outcome) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let result = futures::executor::block_on(async {
            let mut stream = TcpStream::from_std(std::net::TcpStream::connect(addr)?)?;
            let (mut peer, _) = listener.accept()?;
            // The bytes come after the read has had to wait.
            let writer = thread::spawn(move || {
                thread::sleep(Duration::from_millis(100));
                std::io::Write::write_all(&mut peer, b"later")
            });
            let mut buf = [0; 5];
            stream.read_exact(&mut buf).await?;
            writer.join().expect("the writer")?;
            io::Result::Ok(buf)
        });
        let _ = done.send(result);
    });
    let read = outcome
        .recv_timeout(Duration::from_secs(10))
        .expect("a read under another executor hung")
        .expect("the read fails");
    assert_eq!(&read, b"later");
    driver.join().unwrap();
}
