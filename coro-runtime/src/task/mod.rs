//! Tasks: the raw task (header, state flags, reference count), its waker and
//! its [`JoinHandle`].
//!
//! A spawned task is **one allocation**: a [`Header`] followed by the future,
//! whose space the output reuses when the future completes. The waker's data
//! pointer is the task, so waking needs no `Arc<Mutex<..>>` and no allocation;
//! on the thread that runs the task's executor it needs no atomic
//! read-modify-write either. [`state`] documents every flag and transition.

mod join;
mod raw;
pub(crate) mod state;
pub(crate) mod waker;

pub use join::JoinHandle;
pub(crate) use raw::{TaskCell, TaskRef};
