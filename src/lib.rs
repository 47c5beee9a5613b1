//! coro: async/await made visible.
#![no_std]

pub use coro_macros::coroutine;

#[cfg(feature = "runtime")]
pub use coro_runtime as runtime;

/// Support for the code `#[coroutine]` emits. Not a public API: names and
/// signatures change without notice.
#[doc(hidden)]
pub mod __private {
    /// An attribute that leaves the item unchanged, so that a test can compile
    /// one source both natively and lowered.
    pub use coro_macros::identity;
}
