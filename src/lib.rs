//! coro: async/await made visible.
#![no_std]

pub use coro_macros::coroutine;

#[cfg(feature = "runtime")]
pub use coro_runtime as runtime;
