//! The state of a task: what each flag means, who may touch it, and every
//! transition.
//!
//! A task's header keeps its state in three places, split by *who* may touch
//! them. That split is what lets the same-thread path run without a single
//! atomic read-modify-write.
//!
//! # 1. `state: Cell<u8>`: owner-thread flags (no atomics)
//!
//! Read and written **only on the thread that runs the task's executor** (the
//! *owner thread*). Three kinds of code touch it, all on that thread: the
//! executor's run loop, the local wake path (a waker woken on the owner thread
//! while the executor is current), and the [`JoinHandle`](crate::JoinHandle),
//! which is `!Send` and so can only ever be used on the thread that spawned the
//! task. Foreign threads never read these flags; they go through the remote
//! queue instead (part 3).
//!
//! | flag        | set when | cleared when |
//! |-------------|----------|--------------|
//! | [`SCHEDULED`] | a wake finds the task idle (it is pushed on the run queue), or the task is woken while `RUNNING` (it will be pushed back when the poll returns), or `abort` | the run loop pops the task and starts polling it, or cancellation is carried out |
//! | [`RUNNING`]   | the run loop starts `poll` | `poll` returns |
//! | [`COMPLETE`]  | `poll` returned `Ready` (or panicked): the stage now holds the output | never |
//! | [`CANCELLED`] | `JoinHandle::abort` on a task that is not complete, or executor shutdown | never |
//! | [`HANDLE`]    | at spawn: a `JoinHandle` exists | the `JoinHandle` is dropped |
//!
//! Transitions (all on the owner thread):
//!
//! ```text
//! spawn                           -> HANDLE | SCHEDULED            (pushed on the run queue)
//! wake, idle                      -> |= SCHEDULED                  (pushed on the run queue)
//! wake, SCHEDULED|COMPLETE|CANCELLED -> unchanged                  (duplicate or late wake: ignored)
//! wake, RUNNING                   -> |= SCHEDULED                  (not pushed: the run loop re-queues it)
//! run loop pops, not CANCELLED    -> SCHEDULED => RUNNING
//! poll returns Pending            -> &= !RUNNING; if SCHEDULED, pushed again
//! poll returns Ready / panics     -> RUNNING => COMPLETE (SCHEDULED and CANCELLED dropped);
//!                                    output dropped at once if !HANDLE, else the awaiter is woken;
//!                                    the task leaves the executor's list, its reference released
//! abort, not COMPLETE|CANCELLED   -> |= CANCELLED | SCHEDULED      (pushed unless already queued or RUNNING)
//! run loop pops, CANCELLED        -> future dropped, awaiter woken, task leaves the list
//! shutdown                        -> every listed task: |= CANCELLED, future dropped
//! JoinHandle dropped              -> &= !HANDLE; output dropped if COMPLETE
//! ```
//!
//! Invariants the run loop relies on:
//! * a task is in the run queue **iff** it is `SCHEDULED` and neither `RUNNING`
//!   nor in a shut-down executor, so it is never queued twice;
//! * a task in the run queue is in the executor's task list and so holds the
//!   executor's reference: queue entries never dangle and own nothing;
//! * the stage (future or output) is only touched by the run loop while
//!   `RUNNING`, or when not `RUNNING` by the executor (cancellation) and the
//!   `JoinHandle` (taking or dropping the output), all on the owner thread.
//!
//! # 2. `refs: AtomicUsize`: the reference count (any thread)
//!
//! One count for every owner of a pointer to the task:
//! * the executor, from spawn until the task completes or is cancelled (it is
//!   in the executor's intrusive task list for exactly that long);
//! * the `JoinHandle`, until it is dropped;
//! * every `Waker` clone (wakers may live on any thread);
//! * every entry of the executor's remote queue (see part 3).
//!
//! Increments are `Relaxed` (a new reference is made from an existing one);
//! decrements are `Release`, and the thread that takes the count to zero runs an
//! `Acquire` fence and frees the task, as `Arc` does. When the count reaches
//! zero the stage is already empty: the future is dropped by the executor and
//! the output by the executor or the `JoinHandle`, all on the owner thread,
//! before they release their references. So freeing on a foreign thread never
//! runs the (possibly `!Send`) future's or output's destructor there.
//!
//! # 3. `remote_queued: AtomicBool`: foreign wakes (any thread)
//!
//! A waker woken on a thread that is not running the task's executor cannot
//! touch the owner-thread flags. It instead pushes the task, with a reference,
//! on the executor's mutex-protected remote queue and notifies the executor
//! (unparking its thread or waking the reactor's poll). `remote_queued`
//! deduplicates: `swap(true, AcqRel)` that returns `true` means the task is
//! already in the remote queue and the wake is dropped. The owner thread clears
//! it with `swap(false, Acquire)` (pairing with the waker's release, so whatever
//! the waking thread wrote before waking is visible to the next poll) and then
//! takes the local wake path above.

/// The task is in its executor's run queue, or was woken while running and will
/// be queued again when its poll returns.
pub(crate) const SCHEDULED: u8 = 1 << 0;

/// The task's future is being polled right now, on the owner thread.
pub(crate) const RUNNING: u8 = 1 << 1;

/// The future returned `Ready` (or panicked). The stage holds the output (or
/// the panic) until the `JoinHandle` takes or drops it.
pub(crate) const COMPLETE: u8 = 1 << 2;

/// The task was aborted or its executor shut down before it completed. Once the
/// executor has carried it out, the future is dropped and the stage is empty.
pub(crate) const CANCELLED: u8 = 1 << 3;

/// A `JoinHandle` for the task exists (the task is not detached).
pub(crate) const HANDLE: u8 = 1 << 4;
