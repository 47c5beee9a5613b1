//! [`JoinHandle`]: awaits a spawned task's output, or aborts the task.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::panic::resume_unwind;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::TaskRef;
use super::raw::Panic;
use super::state::{CANCELLED, COMPLETE, HANDLE, SCHEDULED};
use crate::executor;

/// An owned permission to await a spawned task's output; returned by
/// [`spawn`](crate::spawn).
///
/// * `.await` it to get the task's output. If the task panicked, the panic
///   resumes in the awaiting task.
/// * Dropping it **detaches** the task: it keeps running and its output is
///   dropped when it completes.
/// * [`abort`](JoinHandle::abort) cancels the task.
///
/// A `JoinHandle` is neither `Send` nor `Sync`: the task runs on the thread
/// that spawned it, and the handle talks to it without atomics.
///
/// ```
/// use coro_runtime::{block_on, spawn};
///
/// let sum = block_on(async {
///     let handle = spawn(async { 1 + 2 });
///     handle.await
/// });
/// assert_eq!(sum, 3);
/// ```
pub struct JoinHandle<T> {
    task: TaskRef,
    /// The handle may hold (and drop) a `T`.
    _output: PhantomData<T>,
}

impl<T> Unpin for JoinHandle<T> {}

impl<T> JoinHandle<T> {
    /// Wraps the handle's reference to `task`, whose output type is `T`.
    pub(crate) fn new(task: TaskRef) -> Self {
        JoinHandle {
            task,
            _output: PhantomData,
        }
    }

    /// Cancels the task. Its future is dropped by the executor the next time it
    /// runs its queue (not while the task is being polled), and any await of
    /// this handle then panics, since there is no output. Aborting a task that
    /// has already completed or been cancelled does nothing.
    ///
    /// ```
    /// use coro_runtime::{block_on, spawn, time::sleep, yield_now};
    /// use std::time::Duration;
    ///
    /// block_on(async {
    ///     let handle = spawn(async {
    ///         sleep(Duration::from_secs(3600)).await;
    ///         unreachable!();
    ///     });
    ///     yield_now().await; // let it start
    ///     handle.abort();
    ///     yield_now().await; // let the executor drop it
    ///     assert!(handle.is_finished());
    /// });
    /// ```
    pub fn abort(&self) {
        // SAFETY: the handle holds a reference, and is `!Send`, so this is the
        // owner thread.
        unsafe { executor::abort_task(self.task) }
    }

    /// Whether the task has completed or been cancelled, so that awaiting the
    /// handle will not wait.
    pub fn is_finished(&self) -> bool {
        // SAFETY: the handle holds a reference and is on the owner thread.
        let header = unsafe { self.task.header() };
        let state = header.state.get();
        // A cancelled task still SCHEDULED has not had its future dropped yet.
        state & COMPLETE != 0 || (state & CANCELLED != 0 && state & SCHEDULED == 0)
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // SAFETY: the handle holds a reference; being `!Send`, it is on the
        // owner thread, the only one that touches `state` and `awaiter`.
        let header = unsafe { self.task.header() };
        let state = header.state.get();
        if state & COMPLETE != 0 {
            let mut output: Option<Result<T, Panic>> = None;
            // SAFETY: the task is COMPLETE and not running; `T` is the output
            // type of the future this handle was created for, so `output` is
            // the `Option<Result<F::Output, Panic>>` that `take_output` writes.
            unsafe { (header.vtable.take_output)(self.task, (&raw mut output).cast()) };
            return match output {
                Some(Ok(value)) => Poll::Ready(value),
                Some(Err(panic)) => resume_unwind(panic),
                None => panic!("coro: JoinHandle polled again after it returned the output"),
            };
        }
        if state & CANCELLED != 0 {
            panic!(
                "coro: awaited a task that was cancelled \
                 (by JoinHandle::abort, or because its executor shut down)"
            );
        }
        // SAFETY: owner thread, and no other reference to `awaiter` is live:
        // the executor only takes it out between polls of this handle.
        let slot = unsafe { &mut *header.awaiter.get() };
        let stale = match slot {
            Some(waker) if waker.will_wake(cx.waker()) => None,
            _ => slot.replace(cx.waker().clone()),
        };
        // Dropped after the borrow of the slot ends.
        drop(stale);
        Poll::Pending
    }
}

impl<T> Drop for JoinHandle<T> {
    fn drop(&mut self) {
        // SAFETY: the handle holds a reference until the `release` below and is
        // on the owner thread.
        let header = unsafe { self.task.header() };
        let state = header.state.get();
        header.state.set(state & !HANDLE);
        // SAFETY: owner thread; no other borrow of the slot is live.
        let awaiter = unsafe { (*header.awaiter.get()).take() };
        drop(awaiter);
        if state & COMPLETE != 0 {
            // Nobody will take the output now: drop it here, on the owner
            // thread, so the task is empty when its last reference goes.
            // SAFETY: COMPLETE, so not running; we hold a reference.
            unsafe { (header.vtable.drop_stage)(self.task) };
        }
        // SAFETY: gives up the handle's reference; `header` is not used after.
        unsafe { self.task.release() };
    }
}

impl<T> fmt::Debug for JoinHandle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinHandle")
            .field("task", &self.task.as_ptr())
            .field("finished", &self.is_finished())
            .finish()
    }
}
