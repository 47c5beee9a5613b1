//! A small tokio server written the usual way, with every `async fn` lowered
//! by `#[coro::coroutine]`, tested against real clients on loopback.
//!
//! - `server.rs`: the accept loop, the connection tasks, graceful shutdown.
//! - `protocol.rs`: commands and responses (the protocol is described there).
//! - `store.rs`: the key-value store, behind a trait with async methods.
//! - `client.rs`: the test server and a line client.
//!
//! The tests are coroutines too, under `#[tokio::test]`.

mod client;
mod protocol;
mod server;
mod store;

use std::io;
use std::time::{Duration, Instant};

use client::{Client, TestServer, request_both, within};

/// The test's `?` errors: i/o errors from the client.
type TestResult = io::Result<()>;

#[tokio::test]
#[coro::coroutine]
async fn ping_set_get_del_incr() -> TestResult {
    let server = TestServer::start().await;
    let mut c = server.connect().await;
    assert_eq!(c.request("PING").await?, "PONG");
    assert_eq!(c.request("GET greeting").await?, "NIL");
    assert_eq!(c.request("SET greeting hello, world").await?, "OK");
    assert_eq!(c.request("GET greeting").await?, "VALUE hello, world");
    assert_eq!(c.request("SET greeting  two spaces").await?, "OK");
    assert_eq!(c.request("GET greeting").await?, "VALUE  two spaces");
    assert_eq!(c.request("get greeting").await?, "VALUE  two spaces");
    assert_eq!(c.request("DEL greeting").await?, "DELETED");
    assert_eq!(c.request("DEL greeting").await?, "NIL");
    assert_eq!(c.request("GET greeting").await?, "NIL");
    assert_eq!(c.request("INCR hits").await?, "INT 1");
    assert_eq!(c.request("INCR hits 41").await?, "INT 42");
    assert_eq!(c.request("INCR hits -50").await?, "INT -8");
    assert_eq!(c.request("GET hits").await?, "VALUE -8");
    // `\r\n` line endings are accepted too.
    c.send_raw(b"PING\r\n").await?;
    assert_eq!(c.expect_line().await?, "PONG");
    assert_eq!(
        c.request("STATS").await?,
        "STATS connections=1 commands=16 errors=0"
    );
    drop(c);
    let summary = server.stop().await;
    assert_eq!(summary.connections, 1);
    assert_eq!(summary.commands, 16);
    assert!(summary.errors.is_empty(), "{:?}", summary.errors);
    Ok(())
}

#[tokio::test]
#[coro::coroutine]
async fn malformed_commands_get_an_error_line() -> TestResult {
    let server = TestServer::start().await;
    let mut c = server.connect().await;
    let cases = [
        ("FROB x", "ERR unknown command 'FROB'"),
        ("", "ERR empty command"),
        ("   ", "ERR empty command"),
        ("GET", "ERR wrong number of arguments, usage: GET key"),
        ("GET a b", "ERR wrong number of arguments, usage: GET key"),
        (
            "SET lonely",
            "ERR wrong number of arguments, usage: SET key value",
        ),
        ("PING now", "ERR wrong number of arguments, usage: PING"),
        ("INCR n many", "ERR not a number: 'many'"),
        (
            "INCR",
            "ERR wrong number of arguments, usage: INCR key [by]",
        ),
        ("MGET a", "ERR wrong number of arguments, usage: MGET a b"),
        ("PUTB k -1", "ERR not a number: '-1'"),
        (
            "PUTB k 999999999",
            "ERR value too large: 999999999 bytes (max 16777216)",
        ),
        ("PUB", "ERR wrong number of arguments, usage: PUB text"),
    ];
    for (command, expected) in cases {
        assert_eq!(c.request(command).await?, expected, "for {command:?}");
    }
    // Errors from the store, not the parser.
    assert_eq!(c.request("SET word hello").await?, "OK");
    assert_eq!(
        c.request("INCR word").await?,
        "ERR value is not an integer or out of range"
    );
    assert_eq!(c.request(&format!("SET max {}", i64::MAX)).await?, "OK");
    assert_eq!(
        c.request("INCR max").await?,
        "ERR value is not an integer or out of range"
    );
    // Invalid UTF-8 in a command line is an i/o error for `read_line`: the
    // server drops that connection. Others are unaffected.
    let mut bad = server.connect().await;
    bad.send_raw(b"SET k \xff\xfe\n").await?;
    assert_eq!(bad.read_to_eof().await?, Vec::<String>::new());
    // The first connection survived every error.
    assert_eq!(c.request("PING").await?, "PONG");
    assert_eq!(c.request("GET k").await?, "NIL");
    drop(c);
    let summary = server.stop().await;
    assert_eq!(summary.commands, 19);
    assert_eq!(
        summary.errors,
        ["i/o error: invalid utf-8 sequence of 1 bytes from index 6"]
    );
    Ok(())
}

/// One of the many concurrent clients: its own keys, a shared counter, and
/// every response checked.
#[coro::coroutine]
async fn client_session(addr: std::net::SocketAddr, id: usize) -> io::Result<usize> {
    let mut c = Client::connect(addr).await?;
    let mut checked = 0;
    for round in 0..10 {
        let key = format!("client{id}:key{round}");
        let value = format!("value {id} {round}");
        let set = c.request(&format!("SET {key} {value}")).await?;
        assert_eq!(set, "OK", "client {id} round {round}");
        match c
            .request(&format!("GET {key}"))
            .await?
            .strip_prefix("VALUE ")
        {
            Some(got) => assert_eq!(got, value, "client {id} round {round}"),
            None => panic!("client {id} round {round}: no value"),
        }
        let incr = c.request("INCR shared").await?;
        let n: i64 = incr.strip_prefix("INT ").unwrap().parse().unwrap();
        assert!((1..=500).contains(&n), "client {id}: {incr}");
        checked += 3;
    }
    let values = c
        .mget(&format!("client{id}:key0"), &format!("client{id}:key9"))
        .await?;
    assert_eq!(
        values,
        [format!("VALUE value {id} 0"), format!("VALUE value {id} 9")]
    );
    assert_eq!(c.request("QUIT").await?, "BYE");
    assert_eq!(c.read_line().await?, None);
    Ok(checked + 2)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[coro::coroutine]
async fn fifty_concurrent_clients() -> TestResult {
    let server = TestServer::start().await;
    let sessions: Vec<_> = (0..50)
        .map(|id| tokio::spawn(client_session(server.addr, id)))
        .collect();
    let mut checked = 0;
    for session in sessions {
        checked += within("client session", session).await??;
    }
    assert_eq!(checked, 50 * 32);
    let mut c = server.connect().await;
    assert_eq!(c.request("GET shared").await?, "VALUE 500");
    drop(c);
    let summary = server.stop().await;
    assert_eq!(summary.connections, 51);
    assert_eq!(summary.commands, 50 * 32 + 1);
    assert!(summary.errors.is_empty(), "{:?}", summary.errors);
    Ok(())
}

#[tokio::test]
#[coro::coroutine]
async fn mget_and_concurrent_requests() -> TestResult {
    let server = TestServer::start().await;
    let mut a = server.connect().await;
    let mut b = server.connect().await;
    let (x, y) = request_both(&mut a, "SET x 1", &mut b, "SET y 2").await?;
    assert_eq!((x.as_str(), y.as_str()), ("OK", "OK"));
    let (x, y) = request_both(&mut a, "GET y", &mut b, "GET x").await?;
    assert_eq!((x.as_str(), y.as_str()), ("VALUE 2", "VALUE 1"));
    assert_eq!(a.mget("x", "y").await?, ["VALUE 1", "VALUE 2"]);
    assert_eq!(b.mget("nope", "y").await?, ["NIL", "VALUE 2"]);
    assert_eq!(a.put_bytes("bin", b"\x00\n").await?, "OK");
    assert_eq!(
        b.mget("bin", "x").await?,
        ["ERR value is binary, use GETB", "VALUE 1"]
    );
    drop((a, b));
    let summary = server.stop().await;
    assert_eq!(summary.commands, 8);
    Ok(())
}

/// Asks for `STATS` until `done` accepts the line (the server records a
/// finished connection a little after the client sees it close).
#[coro::coroutine]
async fn wait_for_stats(c: &mut Client, done: impl Fn(&str) -> bool) -> io::Result<String> {
    let started = Instant::now();
    let stats = loop {
        let stats = c.request("STATS").await?;
        if done(&stats) {
            break stats;
        }
        assert!(started.elapsed() < client::STEP, "still {stats}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    Ok(stats)
}

#[tokio::test]
#[coro::coroutine]
async fn client_disconnects_mid_line() -> TestResult {
    let server = TestServer::start().await;
    // Hangs up for good in the middle of a command.
    let mut gone = server.connect().await;
    assert_eq!(gone.request("PING").await?, "PONG");
    gone.send_raw(b"SET half a comm").await?;
    drop(gone);
    // Stops sending in the middle of a command, and waits for the server to
    // close its side.
    let mut half = server.connect().await;
    half.send_raw(b"SET other").await?;
    half.finish_sending().await?;
    assert_eq!(half.read_to_eof().await?, Vec::<String>::new());

    let mut c = server.connect().await;
    // STATS counts itself: only the connection and error counts are known.
    let stats = wait_for_stats(&mut c, |stats| stats.ends_with(" errors=2")).await?;
    assert!(stats.starts_with("STATS connections=3 "), "{stats}");
    assert_eq!(c.request("GET half").await?, "NIL");
    assert_eq!(c.request("GET other").await?, "NIL");
    assert_eq!(c.request("SET half whole").await?, "OK");
    assert_eq!(c.request("GET half").await?, "VALUE whole");
    drop(c);
    let summary = server.stop().await;
    assert_eq!(
        summary.errors,
        [
            "connection 1: client disconnected mid-line after 15 bytes",
            "connection 2: client disconnected mid-line after 9 bytes",
        ]
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[coro::coroutine]
async fn shutdown_with_clients_connected() -> TestResult {
    let server = TestServer::start().await;
    let addr = server.addr;
    let mut idle = server.connect().await;
    assert_eq!(idle.request("PING").await?, "PONG");
    let mut subscriber = server.connect().await;
    assert_eq!(subscriber.request("SUB").await?, "SUBSCRIBED");
    let mut typing = server.connect().await;
    assert_eq!(typing.request("SET a 1").await?, "OK");
    typing.send_raw(b"GET a").await?;
    // Many idle connections that only said hello.
    let mut crowd = Vec::new();
    for _ in 0..20 {
        let mut c = server.connect().await;
        assert_eq!(c.request("PING").await?, "PONG");
        crowd.push(c);
    }

    let started = Instant::now();
    let summary = server.stop().await;
    // Every connection finished on its own: no waiting for the grace period.
    assert!(started.elapsed() < Duration::from_secs(4));
    assert_eq!(summary.connections, 23);
    assert_eq!(summary.commands, 23);
    assert!(summary.errors.is_empty(), "{:?}", summary.errors);

    // Everyone is told, then sees EOF.
    for c in [&mut idle, &mut subscriber, &mut typing]
        .into_iter()
        .chain(crowd.iter_mut())
    {
        assert_eq!(c.read_to_eof().await?, ["SHUTDOWN"]);
    }
    // The listener is closed.
    let refused = Client::connect(addr).await;
    assert_eq!(
        refused.err().map(|e| e.kind()),
        Some(io::ErrorKind::ConnectionRefused)
    );
    Ok(())
}

/// `len` bytes of every value, newlines and invalid UTF-8 included.
fn pattern(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i % 251) as u8 ^ (i >> 12) as u8)
        .collect()
}

#[tokio::test]
#[coro::coroutine]
async fn large_values_round_trip_byte_exact() -> TestResult {
    let server = TestServer::start().await;
    let mut c = server.connect().await;
    let binary = pattern(1 << 20);
    assert_eq!(c.put_bytes("blob", &binary).await?, "OK");
    // Framing intact after the body.
    assert_eq!(c.request("PING").await?, "PONG");
    assert_eq!(c.get_bytes("blob").await?.as_deref(), Some(&binary[..]));
    assert_eq!(c.get_bytes("missing").await?, None);
    assert_eq!(
        c.request("GET blob").await?,
        "ERR value is binary, use GETB"
    );
    assert_eq!(c.put_bytes("empty", b"").await?, "OK");
    assert_eq!(c.get_bytes("empty").await?, Some(Vec::new()));

    // A 1 MiB line.
    let text: String = (0..1 << 20)
        .map(|i| char::from(b'!' + (i % 94) as u8))
        .collect();
    assert_eq!(c.request(&format!("SET line {text}")).await?, "OK");
    let got = c.request("GET line").await?;
    assert_eq!(got.len(), "VALUE ".len() + text.len());
    assert!(got == format!("VALUE {text}"), "the 1 MiB value differs");
    // A text value is also readable as bytes.
    assert_eq!(c.get_bytes("line").await?.as_deref(), Some(text.as_bytes()));

    // Two clients moving large values at once.
    let mut other = server.connect().await;
    let reversed: Vec<u8> = binary.iter().rev().copied().collect();
    let (put, got) = tokio::try_join!(other.put_bytes("reversed", &reversed), c.get_bytes("blob"))?;
    assert_eq!(put, "OK");
    assert!(got.as_deref() == Some(&binary[..]));
    assert!(other.get_bytes("reversed").await?.as_deref() == Some(&reversed[..]));
    drop((c, other));
    server.stop().await;
    Ok(())
}

#[tokio::test]
#[coro::coroutine]
async fn chat_pub_sub() -> TestResult {
    let server = TestServer::start().await;
    let mut alice = server.connect().await;
    let mut bob = server.connect().await;
    let mut carol = server.connect().await;
    assert_eq!(carol.request("PUB nobody listens").await?, "PUBLISHED 0");
    assert_eq!(alice.request("SUB").await?, "SUBSCRIBED");
    assert_eq!(alice.request("SUB").await?, "SUBSCRIBED");
    assert_eq!(bob.request("SUB").await?, "SUBSCRIBED");
    assert_eq!(carol.request("PUB hello, everyone").await?, "PUBLISHED 2");
    assert_eq!(alice.expect_line().await?, "MSG hello, everyone");
    assert_eq!(bob.expect_line().await?, "MSG hello, everyone");
    // A subscriber that publishes gets its own message too; the two lines
    // arrive in either order, each one whole.
    alice.send("PUB from alice").await?;
    let mut lines = [alice.expect_line().await?, alice.expect_line().await?];
    lines.sort();
    assert_eq!(lines, ["MSG from alice", "PUBLISHED 2"]);
    assert_eq!(bob.expect_line().await?, "MSG from alice");
    // Responses and messages interleave only at line boundaries, and the
    // messages arrive in order.
    for i in 0..20 {
        carol.send(&format!("PUB message {i}")).await?;
        bob.send(&format!("INCR n{i}")).await?;
    }
    let mut messages = Vec::new();
    let mut responses = Vec::new();
    for _ in 0..40 {
        let line = bob.expect_line().await?;
        match line.strip_prefix("MSG ") {
            Some(message) => messages.push(message.to_owned()),
            None => responses.push(line),
        }
    }
    let expected: Vec<String> = (0..20).map(|i| format!("message {i}")).collect();
    assert_eq!(messages, expected);
    assert_eq!(responses, ["INT 1"; 20]);
    for _ in 0..20 {
        assert_eq!(carol.expect_line().await?, "PUBLISHED 2");
    }
    drop((alice, bob, carol));
    let summary = server.stop().await;
    assert_eq!(summary.commands, 46);
    Ok(())
}

#[tokio::test]
#[coro::coroutine]
async fn quit_closes_the_connection() -> TestResult {
    let server = TestServer::start().await;
    let mut c = server.connect().await;
    // Pipelined: the three commands in one write.
    c.send("SET k v\nGET k\nQUIT").await?;
    assert_eq!(c.read_to_eof().await?, ["OK", "VALUE v", "BYE"]);
    let summary = server.stop().await;
    assert_eq!(summary.commands, 3);
    Ok(())
}

fn assert_send<T: Send>(_: &T) {}
fn assert_spawnable<T: std::future::Future + Send + 'static>(_: &T) {}

#[tokio::test]
#[coro::coroutine]
async fn server_futures_are_send() -> TestResult {
    let listener = server::bind("127.0.0.1:0").await?;
    let (_shutdown, signal) = tokio::sync::watch::channel(false);
    let serve = server::serve(listener, signal.clone());
    assert_spawnable(&serve);
    drop(serve);

    let server = std::sync::Arc::new(server::Server::new(signal));
    let execute = server.execute(protocol::Command::Ping);
    assert_send(&execute);
    assert_eq!(execute.await, protocol::Response::Pong);

    let mut reader: &[u8] = b"abc";
    let read = server::read_value(&mut reader, 3);
    assert_send(&read);
    assert_eq!(read.await?, b"abc");

    let mut out = Vec::new();
    let response = protocol::Response::Int(7);
    let write = response.write_to(&mut out);
    assert_send(&write);
    write.await?;
    assert_eq!(out, b"INT 7\n");

    let store = store::MemStore::default();
    let pair = store::Store::get_pair(&store, "a", "b");
    assert_send(&pair);
    assert_eq!(pair.await, (None, None));
    Ok(())
}
