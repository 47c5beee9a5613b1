//! TCP echo on loopback: each runtime serves, in this process, on one core; a
//! separate process (this binary re-run with `--loadgen`), pinned to another
//! core, generates closed-loop load and measures requests per second and
//! latency.
//!
//! Every runtime gets the same kind of listener (a standard one, bound the
//! same way, made non-blocking and handed to the runtime) and runs the same
//! echo loop: read up to 4 KiB, write it all back; `TCP_NODELAY` on both ends.

use std::future::Future;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener as StdListener};
use std::pin::pin;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use futures::channel::oneshot;

use crate::rt::{Coro, Pool, Rt, Smol, Tokio, pin_to_core, raise_fd_limit};
use crate::stats::{Table, median, num, quantile, ratio};

/// A runtime that can serve TCP echo.
pub trait Echo: Rt {
    fn serve(listener: StdListener) -> impl Future<Output = ()> + 'static;
}

impl Echo for Coro {
    // The trait promises a `'static` future; written out, the impls show it.
    #[allow(clippy::manual_async_fn)]
    fn serve(listener: StdListener) -> impl Future<Output = ()> + 'static {
        async move {
            let listener = coro::runtime::net::TcpListener::from_std(listener).expect("listener");
            loop {
                let (mut stream, _) = listener.accept().await.expect("accept");
                stream.set_nodelay(true).expect("nodelay");
                Self::spawn_detached(async move {
                    let mut buf = [0u8; 4096];
                    loop {
                        match stream.read(&mut buf).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => {
                                if stream.write_all(&buf[..n]).await.is_err() {
                                    break;
                                }
                            }
                        }
                    }
                });
            }
        }
    }
}

impl Echo for Tokio {
    // The trait promises a `'static` future; written out, the impls show it.
    #[allow(clippy::manual_async_fn)]
    fn serve(listener: StdListener) -> impl Future<Output = ()> + 'static {
        async move {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            loop {
                let (mut stream, _) = listener.accept().await.expect("accept");
                stream.set_nodelay(true).expect("nodelay");
                Self::spawn_detached(async move {
                    let mut buf = [0u8; 4096];
                    loop {
                        match stream.read(&mut buf).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => {
                                if stream.write_all(&buf[..n]).await.is_err() {
                                    break;
                                }
                            }
                        }
                    }
                });
            }
        }
    }
}

/// async-io's sockets, for async-executor and for futures' `LocalPool` (which
/// has no reactor: async-io's thread drives it then).
// The trait promises a `'static` future; written out, the impls show it.
#[allow(clippy::manual_async_fn)]
fn serve_async_io<R: Rt>(listener: StdListener) -> impl Future<Output = ()> + 'static {
    async move {
        use futures_lite::{AsyncReadExt, AsyncWriteExt};
        let listener = async_io::Async::new(listener).expect("listener");
        loop {
            let (mut stream, _) = listener.accept().await.expect("accept");
            stream.get_ref().set_nodelay(true).expect("nodelay");
            R::spawn_detached(async move {
                let mut buf = [0u8; 4096];
                loop {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            if stream.write_all(&buf[..n]).await.is_err() {
                                break;
                            }
                        }
                    }
                }
            });
        }
    }
}

impl Echo for Smol {
    // The trait promises a `'static` future; written out, the impls show it.
    #[allow(clippy::manual_async_fn)]
    fn serve(listener: StdListener) -> impl Future<Output = ()> + 'static {
        serve_async_io::<Self>(listener)
    }
}

impl Echo for Pool {
    // The trait promises a `'static` future; written out, the impls show it.
    #[allow(clippy::manual_async_fn)]
    fn serve(listener: StdListener) -> impl Future<Output = ()> + 'static {
        serve_async_io::<Self>(listener)
    }
}

/// What the load generator measured.
#[derive(Clone, Copy, Debug, Default)]
pub struct Load {
    pub rps: f64,
    pub p50_us: f64,
    pub p99_us: f64,
    /// CPU time the serving process spent per request (µs).
    pub server_cpu_us: f64,
    /// How busy the load generator kept its core over the window (0..=1).
    pub client_busy: f64,
    /// Share of the window the server thread spent runnable but waiting for
    /// its core (taken by other processes: the machine may be shared).
    pub server_waited: f64,
    /// The same for the load generator.
    pub client_waited: f64,
}

/// Nanoseconds thread `tid` (of this process; 0 for the calling thread) has
/// spent runnable but waiting for a CPU, from the scheduler's statistics
/// (`/proc/.../schedstat`, second field); 0 where unavailable.
pub fn run_delay_ns(tid: i32) -> f64 {
    let path = if tid == 0 {
        "/proc/thread-self/schedstat".to_string()
    } else {
        format!("/proc/self/task/{tid}/schedstat")
    };
    std::fs::read_to_string(path)
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|f| f.parse().ok()))
        .unwrap_or(0.0)
}

#[cfg(target_os = "linux")]
fn gettid() -> i32 {
    // SAFETY: gettid has no preconditions.
    unsafe { libc::gettid() }
}

#[cfg(not(target_os = "linux"))]
fn gettid() -> i32 {
    0
}

/// Serves echo with `R` on a thread pinned to core 0 while a load-generator
/// process pinned to core 1 (if there is one) runs.
pub fn run<R: Echo>(conns: usize, size: usize, measure: Duration) -> Load {
    let listener = StdListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let addr = listener.local_addr().expect("addr");
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let (tid_tx, tid_rx) = std::sync::mpsc::channel::<i32>();
    // Named so that profiles can tell the runtimes apart.
    let name: String = format!("srv-{}", R::NAME).chars().take(15).collect();
    let server = std::thread::Builder::new()
        .name(name)
        .spawn(move || {
            pin_to_core(0);
            let _ = tid_tx.send(gettid());
            R::block_on(async move {
                let serve = pin!(R::serve(listener));
                let _ = futures::future::select(serve, stop_rx).await;
            });
        })
        .expect("server thread");
    let tid = tid_rx.recv().expect("server thread id");
    let load = loadgen(addr, conns, size, measure, tid);
    let _ = stop_tx.send(());
    server.join().expect("server thread");
    load
}

/// CPU time (user + system) this process has used so far, in µs.
fn process_cpu_us() -> f64 {
    // SAFETY: getrusage writes the `rusage` on our stack.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let us = |t: libc::timeval| t.tv_sec as f64 * 1e6 + t.tv_usec as f64;
    us(usage.ru_utime) + us(usage.ru_stime)
}

fn loadgen(addr: SocketAddr, conns: usize, size: usize, measure: Duration, server: i32) -> Load {
    use std::io::BufRead;
    let core = if crate::rt::cores() >= 2 { 1 } else { 0 };
    let exe = std::env::current_exe().expect("current_exe");
    let mut child = Command::new(exe)
        .args([
            "--loadgen".to_string(),
            addr.to_string(),
            conns.to_string(),
            size.to_string(),
            (measure.as_millis() / 4).max(20).to_string(),
            measure.as_millis().to_string(),
            core.to_string(),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("run the load generator");
    // The generator says when its measurement window opens and closes, so
    // the server's CPU time (all of this process's, whose main thread only
    // waits here) is counted over the same window.
    let mut lines = std::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut cpu_start = 0.0;
    let mut cpu = 0.0;
    let mut waited_start = 0.0;
    let mut waited = 0.0;
    let mut result = None;
    for line in lines.by_ref() {
        let line = line.expect("load generator output");
        match line.as_str() {
            "start" => {
                cpu_start = process_cpu_us();
                waited_start = run_delay_ns(server);
            }
            "end" => {
                cpu = process_cpu_us() - cpu_start;
                waited = run_delay_ns(server) - waited_start;
            }
            _ => result = Some(line),
        }
    }
    assert!(
        child.wait().expect("wait").success(),
        "load generator failed"
    );
    let fields: Vec<f64> = result
        .expect("load generator result")
        .split_whitespace()
        .map(|f| f.parse().expect("load generator output"))
        .collect();
    let requests = fields[0] * measure.as_secs_f64();
    Load {
        rps: fields[0],
        p50_us: fields[1],
        p99_us: fields[2],
        server_cpu_us: cpu / requests.max(1.0),
        client_busy: fields[3],
        server_waited: waited / (measure.as_secs_f64() * 1e9),
        client_waited: fields[4],
    }
}

/// The load generator's entry point: `--loadgen ADDR CONNS SIZE WARMUP_MS
/// MEASURE_MS CORE`. Prints `rps p50_us p99_us busy waited`.
pub fn loadgen_main(args: &[String]) {
    let addr: SocketAddr = args[0].parse().expect("addr");
    let conns: usize = args[1].parse().expect("conns");
    let size: usize = args[2].parse().expect("size");
    let warmup = Duration::from_millis(args[3].parse().expect("warmup"));
    let measure = Duration::from_millis(args[4].parse().expect("measure"));
    let core: usize = args[5].parse().expect("core");
    pin_to_core(core);
    raise_fd_limit();
    match generate(addr, conns, size, warmup, measure) {
        Ok(load) => println!(
            "{} {} {} {} {}",
            load.rps, load.p50_us, load.p99_us, load.client_busy, load.client_waited
        ),
        Err(error) => {
            eprintln!("load generator: {error}");
            std::process::exit(1);
        }
    }
}

struct Conn {
    stream: mio::net::TcpStream,
    /// Bytes of the current request still to write.
    to_write: usize,
    /// Bytes of the echo still to read.
    to_read: usize,
    sent_at: Instant,
}

/// Closed loop: every connection has one request in flight; when its echo is
/// complete, the latency is recorded (inside the measurement window) and the
/// next request is sent.
fn generate(
    addr: SocketAddr,
    conns: usize,
    size: usize,
    warmup: Duration,
    measure: Duration,
) -> io::Result<Load> {
    use mio::{Events, Interest, Poll, Token};
    let mut poll = Poll::new()?;
    let mut events = Events::with_capacity(1024);
    let message = vec![b'x'; size];
    let mut scratch = vec![0u8; 64 * 1024];
    let mut all = Vec::with_capacity(conns);
    for i in 0..conns {
        // Blocking connects, one at a time: never more than one handshake
        // waits in the listener's backlog.
        let stream = std::net::TcpStream::connect(addr)?;
        stream.set_nodelay(true)?;
        stream.set_nonblocking(true)?;
        let mut stream = mio::net::TcpStream::from_std(stream);
        poll.registry().register(
            &mut stream,
            Token(i),
            Interest::READABLE | Interest::WRITABLE,
        )?;
        all.push(Conn {
            stream,
            to_write: size,
            to_read: size,
            sent_at: Instant::now(),
        });
    }
    let start = Instant::now();
    let measure_from = start + warmup;
    let end = measure_from + measure;
    let mut latencies: Vec<f64> = Vec::with_capacity(1 << 20);
    let mut completed = 0u64;
    // Sends what is left of the current request; false on error.
    fn pump_write(conn: &mut Conn, message: &[u8]) -> io::Result<()> {
        while conn.to_write > 0 {
            let from = message.len() - conn.to_write;
            match conn.stream.write(&message[from..]) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => conn.to_write -= n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
    for conn in &mut all {
        conn.sent_at = Instant::now();
        pump_write(conn, &message)?;
    }
    let mut announced = false;
    let mut cpu_start = 0.0;
    let cpu;
    let waited;
    let mut waited_start = 0.0;
    loop {
        let now = Instant::now();
        if now >= end {
            cpu = process_cpu_us() - cpu_start;
            waited = run_delay_ns(0) - waited_start;
            println!("end");
            break;
        }
        if !announced && now >= measure_from {
            cpu_start = process_cpu_us();
            waited_start = run_delay_ns(0);
            println!("start");
            announced = true;
        }
        let wake_at = if announced { end } else { measure_from };
        poll.poll(&mut events, Some(wake_at - now))?;
        for event in events.iter() {
            let conn = &mut all[event.token().0];
            if event.is_writable() {
                pump_write(conn, &message)?;
            }
            if !event.is_readable() {
                continue;
            }
            loop {
                match conn.stream.read(&mut scratch) {
                    Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
                    Ok(n) => {
                        // One request in flight, so the echo never exceeds it.
                        conn.to_read = conn.to_read.saturating_sub(n);
                        if conn.to_read == 0 {
                            let done = Instant::now();
                            if done >= measure_from && done < end {
                                latencies.push(done.duration_since(conn.sent_at).as_nanos() as f64);
                                completed += 1;
                            }
                            conn.to_read = size;
                            conn.to_write = size;
                            conn.sent_at = done;
                            pump_write(conn, &message)?;
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
    latencies.sort_by(f64::total_cmp);
    Ok(Load {
        rps: completed as f64 / measure.as_secs_f64(),
        p50_us: quantile(&latencies, 0.5) / 1e3,
        p99_us: quantile(&latencies, 0.99) / 1e3,
        server_cpu_us: 0.0,
        client_busy: cpu / (measure.as_secs_f64() * 1e6),
        server_waited: 0.0,
        client_waited: waited / (measure.as_secs_f64() * 1e9),
    })
}

/// Serves one run with one runtime and prints what the generator measured:
/// for profiling (`perf record`, `strace -c`) one server at a time.
pub fn once(args: &[String]) {
    raise_fd_limit();
    pin_to_core(0);
    let conns: usize = args[1].parse().expect("conns");
    let size: usize = args[2].parse().expect("size");
    let measure = Duration::from_millis(args[3].parse().expect("ms"));
    let load = match args[0].as_str() {
        "coro" => run::<Coro>(conns, size, measure),
        "tokio" => run::<Tokio>(conns, size, measure),
        "async-executor" => run::<Smol>(conns, size, measure),
        "futures" => run::<Pool>(conns, size, measure),
        other => panic!("unknown runtime {other}"),
    };
    println!("{load:?}");
}

/// One TCP configuration's medians for each runtime.
pub struct TcpRow {
    pub conns: usize,
    pub size: usize,
    /// (runtime, load) per runtime, coro first.
    pub loads: Vec<(&'static str, Load)>,
}

pub fn report(reps: usize) -> Vec<TcpRow> {
    raise_fd_limit();
    let smoke = crate::scale() > 1;
    let measure = if smoke {
        Duration::from_millis(100)
    } else {
        Duration::from_millis(1500)
    };
    let configs: &[(usize, usize)] = if smoke {
        &[(4, 26)]
    } else {
        &[(50, 26), (50, 512), (1000, 26), (1000, 512)]
    };
    let mut rows = Vec::new();
    for &(conns, size) in configs {
        let mut samples: [Vec<Load>; 4] = Default::default();
        for rep in 0..reps {
            // Rotate which runtime goes first: a run may leave the machine
            // (sockets in TIME_WAIT, caches, other processes' bursts) in a
            // state that favours or hurts the next one.
            for i in 0..4 {
                let slot = (i + rep) % 4;
                let load = match slot {
                    0 => run::<Coro>(conns, size, measure),
                    1 => run::<Tokio>(conns, size, measure),
                    2 => run::<Smol>(conns, size, measure),
                    _ => run::<Pool>(conns, size, measure),
                };
                samples[slot].push(load);
            }
        }
        let names = [Coro::NAME, Tokio::NAME, Smol::NAME, Pool::NAME];
        let loads = names
            .iter()
            .zip(samples.iter())
            .map(|(name, v)| {
                let mut rps: Vec<f64> = v.iter().map(|l| l.rps).collect();
                let mut p50: Vec<f64> = v.iter().map(|l| l.p50_us).collect();
                let mut p99: Vec<f64> = v.iter().map(|l| l.p99_us).collect();
                let mut cpu: Vec<f64> = v.iter().map(|l| l.server_cpu_us).collect();
                let mut busy: Vec<f64> = v.iter().map(|l| l.client_busy).collect();
                let mut server_waited: Vec<f64> = v.iter().map(|l| l.server_waited).collect();
                let mut client_waited: Vec<f64> = v.iter().map(|l| l.client_waited).collect();
                (
                    *name,
                    Load {
                        rps: median(&mut rps),
                        p50_us: median(&mut p50),
                        p99_us: median(&mut p99),
                        server_cpu_us: median(&mut cpu),
                        client_busy: median(&mut busy),
                        server_waited: median(&mut server_waited),
                        client_waited: median(&mut client_waited),
                    },
                )
            })
            .collect();
        rows.push(TcpRow { conns, size, loads });
    }
    let cores = crate::rt::cores();
    println!(
        "## TCP echo on loopback (server on core 0, load generator process on core {}; median of {reps} runs of {} ms; load average after: {})\n",
        if cores >= 2 { 1 } else { 0 },
        measure.as_millis(),
        crate::rt::load_average()
    );
    let mut table = Table::new(&[
        "connections × message",
        "runtime",
        "requests/s",
        "p50 µs",
        "p99 µs",
        "server CPU µs/req",
        "generator core busy",
        "server / generator waited for CPU",
        "rps / best peer",
        "p99 / best peer",
        "CPU/req / best peer",
    ]);
    for row in &rows {
        let best_rps = row.loads[1..]
            .iter()
            .map(|(_, l)| l.rps)
            .fold(0.0, f64::max);
        let best_p99 = row.loads[1..]
            .iter()
            .map(|(_, l)| l.p99_us)
            .fold(f64::INFINITY, f64::min);
        let best_cpu = row.loads[1..]
            .iter()
            .map(|(_, l)| l.server_cpu_us)
            .fold(f64::INFINITY, f64::min);
        for (name, load) in &row.loads {
            table.row(vec![
                format!("{} × {} B", row.conns, row.size),
                name.to_string(),
                num(load.rps),
                num(load.p50_us),
                num(load.p99_us),
                num(load.server_cpu_us),
                format!("{:.0}%", load.client_busy * 100.0),
                format!(
                    "{:.0}% / {:.0}%",
                    load.server_waited * 100.0,
                    load.client_waited * 100.0
                ),
                ratio(load.rps / best_rps),
                ratio(load.p99_us / best_p99),
                ratio(load.server_cpu_us / best_cpu),
            ]);
        }
    }
    table.print();
    rows
}
