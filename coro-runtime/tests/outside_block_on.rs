//! A coro socket polled by another executor in a process where no thread
//! runs `block_on`: nothing drives the reactor. A test binary of its own, so
//! that no other test's `block_on` drives it meanwhile. Real sockets, so
//! ignored under Miri.

use std::io::{self, ErrorKind};
use std::thread;
use std::time::Duration;

use coro_runtime::net::TcpStream;

/// Found by running coro's sockets under another executor (the book's
/// hand-made one, futures' `block_on`): nothing drives the reactor there,
/// so a read that had to wait hung for ever. It is an error now, as the
/// timers' panic is a message, and a read that need not wait still works.
#[test]
#[cfg_attr(miri, ignore)]
fn waiting_outside_block_on_is_an_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (done, outcome) = std::sync::mpsc::channel();
    // Runs on a thread of its own, so that a hang fails the test.
    thread::spawn(move || {
        let result = futures::executor::block_on(async {
            let mut stream = TcpStream::from_std(std::net::TcpStream::connect(addr)?)?;
            let (mut peer, _) = listener.accept()?;
            std::io::Write::write_all(&mut peer, b"ready")?;
            // Give the bytes time to arrive: this read need not wait.
            thread::sleep(Duration::from_millis(50));
            let mut buf = [0; 5];
            stream.read_exact(&mut buf).await?;
            assert_eq!(&buf, b"ready");
            // Nothing more comes: this one would wait.
            let waited = stream.read(&mut buf).await;
            drop(peer);
            io::Result::Ok(waited)
        });
        let _ = done.send(result);
    });
    let waited = outcome
        .recv_timeout(Duration::from_secs(10))
        .expect("a read outside block_on hung")
        .unwrap();
    let error = waited.expect_err("nothing was sent");
    assert_eq!(error.kind(), ErrorKind::Other);
    assert!(error.to_string().contains("outside block_on"), "{error}");
}
