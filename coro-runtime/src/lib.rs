//! The coro runtime: an executor, wakers, a reactor over the OS event queue,
//! timers and TCP. Used through the facade as `coro::runtime`.
//!
//! It is the runtime that *Asynchronous Programming in Rust* (C. F. Samson)
//! builds by hand (an executor, wakers, a reactor over epoll and a delay-server
//! client), made small enough to read and fast enough to compete:
//!
//! * [`block_on`] runs a future on the current thread, together with the tasks
//!   it [`spawn`]s. Tasks need not be `Send`. When nothing is ready, the thread
//!   sleeps in the reactor; it never spins.
//! * A task is one allocation; its waker points at it. Waking a task on its
//!   own thread is a flag and a queue push, with no lock and no atomic
//!   read-modify-write; waking it from another thread goes through a queue
//!   and a notification. Every state flag and transition is documented in
//!   `src/task/state.rs`; the waking paths in `src/executor/mod.rs`; the
//!   reactor's leader/followers design in `src/reactor.rs`.
//! * One reactor (mio: epoll, kqueue) serves every thread in `block_on`; the
//!   thread that sleeps polls it, and the others park (leader/followers).
//! * [`time`] has [`sleep`](time::sleep), [`timeout`](time::timeout) and
//!   [`interval`](time::interval); [`net`] has [`TcpListener`](net::TcpListener)
//!   and [`TcpStream`](net::TcpStream).
//!
//! ```
//! use coro_runtime::{block_on, join_all, spawn, time::sleep, yield_now};
//! use std::time::Duration;
//!
//! let outputs = block_on(async {
//!     let handles: Vec<_> = (0..3)
//!         .map(|i| {
//!             spawn(async move {
//!                 sleep(Duration::from_millis(10 * i)).await;
//!                 yield_now().await;
//!                 i * 10
//!             })
//!         })
//!         .collect();
//!     join_all(handles).await
//! });
//! assert_eq!(outputs, [0, 10, 20]);
//! ```

#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]
#![warn(clippy::undocumented_unsafe_blocks)]

mod executor;
mod join_all;
pub mod net;
mod reactor;
mod task;
pub mod time;
mod yield_now;

pub use executor::{block_on, spawn};
pub use join_all::{JoinAll, join_all};
pub use task::JoinHandle;
pub use yield_now::{YieldNow, yield_now};
