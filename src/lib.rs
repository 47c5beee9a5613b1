//! coro: async/await made visible.
//!
//! `#[coro::coroutine]` rewrites an `async fn` into an explicit state machine
//! that you can read with `cargo expand`: a frame type with one slot per value
//! that lives across an `.await`, one named state per suspension point, and a
//! `poll` that is one `match` over the states. It behaves as rustc's own
//! `async fn` does (results, evaluation and drop order, cancellation, `Send`).
//! [`runtime`] runs any future.
//!
//! ```
//! #[coro::coroutine]
//! async fn total(prices: Vec<u32>) -> u32 {
//!     let mut sum = 0;
//!     for price in prices.iter() {
//!         // `prices`, the iterator borrowing it and `sum` live in the frame.
//!         sum += async { *price }.await;
//!     }
//!     sum
//! }
//!
//! # #[cfg(feature = "runtime")]
//! assert_eq!(coro::runtime::block_on(total(vec![3, 4, 5])), 12);
//! ```
//!
//! Without the default `std` and `runtime` features the crate is `no_std`
//! (the macro and what its expansion uses).
#![no_std]

#[cfg(feature = "std")]
extern crate std;

pub use coro_macros::coroutine;

#[cfg(feature = "runtime")]
pub use coro_runtime as runtime;

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;
