//! The part of an executor that other threads can reach: the remote queue of
//! tasks woken from elsewhere, the notification flags, and how to wake the
//! executor's thread when it sleeps.

use std::mem;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering::SeqCst};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::{self, Thread};
use std::time::Instant;

use crate::reactor;
use crate::task::TaskRef;

/// The executor's thread is running (not asleep): a notification needs no
/// unpark, the thread checks `notified` before it sleeps.
pub(crate) const RUNNING: u8 = 0;
/// The executor's thread is parked (`thread::park`), as a follower of the
/// reactor or with no reactor at all: notify with `Thread::unpark`.
pub(crate) const PARKED: u8 = 1;
/// The executor's thread is the reactor's leader, blocked in the OS poll:
/// notify with the reactor's `mio::Waker`.
pub(crate) const POLLING: u8 = 2;

/// A task pushed on a remote queue, owning one reference.
pub(crate) struct RemoteTask(pub(crate) TaskRef);

// SAFETY: a `RemoteTask` owns a counted reference to the task. While it crosses
// threads, only the header's atomic parts (`refs`, `remote_queued`) and its
// immutable parts are used; the owner-thread parts are used only after the
// owner thread has taken it off the queue, and freeing on another thread is
// sound because the stage is empty by then (see `task::state`, part 2).
unsafe impl Send for RemoteTask {}

struct Remote {
    /// The executor has shut down: nobody will take tasks off the queue.
    closed: bool,
    tasks: Vec<RemoteTask>,
}

/// Shared by the executor (owner thread), its tasks' headers and wakers (any
/// thread), and the main future's waker.
pub(crate) struct Shared {
    remote: Mutex<Remote>,
    /// Something was pushed on the remote queue or `main_woken` was set since
    /// the owner last looked. Set by `notify`, cleared by the owner before it
    /// drains.
    pub(crate) notified: AtomicBool,
    /// The main future (the one given to `block_on`) was woken from another
    /// thread.
    pub(crate) main_woken: AtomicBool,
    /// [`RUNNING`], [`PARKED`] or [`POLLING`]: how to wake the owner thread.
    pub(crate) park_state: AtomicU8,
    /// The owner thread.
    thread: Thread,
}

impl Shared {
    pub(crate) fn new() -> Shared {
        Shared {
            remote: Mutex::new(Remote {
                closed: false,
                tasks: Vec::new(),
            }),
            notified: AtomicBool::new(false),
            main_woken: AtomicBool::new(false),
            park_state: AtomicU8::new(RUNNING),
            thread: thread::current(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Remote> {
        // No code that can panic runs under this lock except `Vec::push`
        // running out of memory; a poisoned queue is still consistent.
        self.remote.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Pushes a task woken on another thread and notifies the owner thread.
    /// Hands the task back if the executor has shut down.
    pub(crate) fn push_remote(&self, task: RemoteTask) -> Result<(), RemoteTask> {
        {
            let mut remote = self.lock();
            if remote.closed {
                return Err(task);
            }
            remote.tasks.push(task);
        }
        self.notify();
        Ok(())
    }

    /// Moves the remote queue into `into`, which must be empty (its capacity
    /// is reused by the queue).
    pub(crate) fn take_remote(&self, into: &mut Vec<RemoteTask>) {
        debug_assert!(into.is_empty());
        mem::swap(&mut self.lock().tasks, into);
    }

    /// Marks the executor shut down and returns what was still queued.
    pub(crate) fn close(&self) -> Vec<RemoteTask> {
        let mut remote = self.lock();
        remote.closed = true;
        mem::take(&mut remote.tasks)
    }

    /// Makes sure the owner thread looks at the remote queue and `main_woken`
    /// soon: if it sleeps, wake it.
    ///
    /// Pairs with [`Shared::sleep_unless_notified`] and the reactor's leader:
    /// the owner stores its `park_state` and then loads `notified`; we store
    /// `notified` and then load `park_state`, all `SeqCst`. So either the owner
    /// sees `notified` and does not sleep, or we see that it sleeps and wake it.
    pub(crate) fn notify(&self) {
        if self.notified.swap(true, SeqCst) {
            // Already notified and not yet drained: whoever set it woke the
            // owner, and the owner drains everything pushed so far.
            return;
        }
        match self.park_state.load(SeqCst) {
            PARKED => self.thread.unpark(),
            POLLING => {
                if let Some(reactor) = reactor::get() {
                    reactor.wake_leader();
                }
            }
            _ => {}
        }
    }

    /// Parks the owner thread until notified, unparked, or `deadline`.
    /// Returns at once if a notification is already pending. Spurious returns
    /// are possible; the caller loops.
    pub(crate) fn sleep_unless_notified(&self, deadline: Option<Instant>) {
        self.park_state.store(PARKED, SeqCst);
        if !self.notified.load(SeqCst) {
            match deadline {
                Some(deadline) => {
                    let now = Instant::now();
                    if deadline > now {
                        thread::park_timeout(deadline - now);
                    }
                }
                None => thread::park(),
            }
        }
        self.park_state.store(RUNNING, SeqCst);
    }
}
