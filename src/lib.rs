//! coro: async/await made visible.
//!
//! `#[coro::coroutine]` rewrites an `async fn` into an explicit state machine
//! that you can read with `cargo expand`; [`runtime`] runs any future.
#![no_std]

pub use coro_macros::coroutine;

#[cfg(feature = "runtime")]
pub use coro_runtime as runtime;

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;
