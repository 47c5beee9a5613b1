//! The executor: [`block_on`] runs a future and the tasks it [`spawn`]s on the
//! current thread.
//!
//! # Structure
//!
//! Each call of `block_on` makes an executor in two parts:
//!
//! * [`Local`], on `block_on`'s stack and reachable through a thread-local
//!   pointer while it runs: the run queue (a `VecDeque` of task pointers, no
//!   atomics), the intrusive list of live tasks, the timers and a few flags.
//!   Only the owner thread touches it.
//! * [`Shared`], in an `Arc` that every task's header also holds: the remote
//!   queue for wakes from other threads, and how to wake the owner thread.
//!
//! # Waking
//!
//! A task waker woken on the owner thread while its executor is the current
//! one (the usual case: a task waking another, a timer firing, the reactor
//! dispatching readiness for a socket of this thread) finds the executor
//! through the thread-local pointer and pushes the task on the run queue:
//! no lock, no atomic read-modify-write. Anywhere else (another thread, or
//! after `block_on` returned) the waker pushes the task, with a reference, on
//! the remote queue (a mutex-protected `Vec`, deduplicated by the task's
//! `remote_queued` flag) and then notifies the executor: it unparks the owner
//! thread if it is parked, or wakes the reactor's poll if the owner thread is
//! the one blocked in it. See [`Shared::notify`] for why no wake is lost.
//!
//! # The run loop
//!
//! ```text
//! loop {
//!     drain the remote queue into the run queue
//!     poll the main future if it was woken
//!     poll up to BUDGET tasks from the run queue
//!     fire expired timers
//!     if there is work: continue (checking I/O without blocking now and then)
//!     else: sleep in the reactor (or park, if no I/O exists) until the next timer
//! }
//! ```
//!
//! When `block_on` returns (or unwinds), the executor shuts down: tasks that
//! have not completed are cancelled (their futures dropped, on this thread),
//! and later wakes of them do nothing.

mod main_waker;
mod shared;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::mem;
use std::pin::{Pin, pin};
use std::ptr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::task::{Context, Poll, Waker};

pub(crate) use shared::{POLLING, RUNNING, RemoteTask, Shared};

use crate::reactor;
use crate::task::state::{CANCELLED, COMPLETE, HANDLE, RUNNING as TASK_RUNNING, SCHEDULED};
use crate::task::{JoinHandle, TaskCell, TaskRef};
use crate::time::Timers;

/// How many tasks the executor polls before it looks at the remote queue,
/// the main future, timers and (when busy) I/O again.
const BUDGET: usize = 64;

thread_local! {
    /// The executor running on this thread, if any: set by `block_on` for as
    /// long as its `Local` lives, null otherwise.
    static CURRENT: Cell<*const Local> = const { Cell::new(ptr::null()) };
}

/// How many threads are in `block_on` now: while any is, the reactor is
/// driven (one of them polls it when idle, and checks it when busy), also
/// for sockets polled by another executor on another thread.
static RUNNING_EXECUTORS: AtomicUsize = AtomicUsize::new(0);

/// Whether some thread is in `block_on`, driving the reactor (see
/// `RUNNING_EXECUTORS`). A hint: that thread may leave `block_on` right after.
pub(crate) fn any_running() -> bool {
    RUNNING_EXECUTORS.load(Ordering::Relaxed) > 0
}

/// Runs `f` with the executor of the current thread, if `block_on` is running
/// on it.
#[inline]
pub(crate) fn with_current<R>(f: impl FnOnce(&Local) -> R) -> Option<R> {
    // `try_with`: wakers may be woken or dropped while thread-locals are being
    // destroyed; there is no executor then.
    let current = CURRENT.try_with(Cell::get).unwrap_or(ptr::null());
    if current.is_null() {
        return None;
    }
    // SAFETY: CURRENT is non-null only between `Enter::new` and the drop of its
    // `ClearCurrent`, and the `Local` it points to outlives both (it is declared
    // before them in `block_on`). Everything in `Local` is behind `Cell` or
    // `RefCell`, so a shared reference is all anyone gets.
    Some(f(unsafe { &*current }))
}

/// The owner-thread half of an executor.
pub(crate) struct Local {
    /// Unique among all executors ever made in this process (unlike an
    /// address, which a later executor may reuse): timers record it.
    pub(crate) id: u64,
    /// The half other threads can reach; its address is the executor's
    /// identity.
    pub(crate) shared: Arc<Shared>,
    /// Tasks to poll, in wake order. Entries own no reference: a queued task is
    /// `SCHEDULED` and in the task list, which keeps it alive.
    run_queue: RefCell<VecDeque<TaskRef>>,
    /// Head of the intrusive list of tasks that have not completed or been
    /// cancelled; the list holds the executor's reference to each.
    head: Cell<Option<TaskRef>>,
    /// The main future was woken on this thread.
    main_woken: Cell<bool>,
    /// Shutting down: nothing is queued any more.
    closing: Cell<bool>,
    /// Timers of this executor, see [`crate::time`].
    pub(crate) timers: RefCell<Timers>,
    /// Spare buffer for draining the remote queue.
    remote_buf: RefCell<Vec<RemoteTask>>,
    /// Spare buffer for wakers collected from the reactor.
    pub(crate) io_wakers: RefCell<Vec<Waker>>,
    /// Turns of the run loop, to test that an idle executor sleeps.
    #[cfg(test)]
    turns: Cell<usize>,
}

impl Local {
    fn new() -> Local {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        Local {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            shared: Arc::new(Shared::new()),
            run_queue: RefCell::new(VecDeque::with_capacity(64)),
            head: Cell::new(None),
            main_woken: Cell::new(true),
            closing: Cell::new(false),
            timers: RefCell::new(Timers::default()),
            remote_buf: RefCell::new(Vec::new()),
            io_wakers: RefCell::new(Vec::new()),
            #[cfg(test)]
            turns: Cell::new(0),
        }
    }

    /// Whether there is something to do without waiting.
    pub(crate) fn has_work(&self) -> bool {
        !self.run_queue.borrow().is_empty()
            || self.main_woken.get()
            || self.shared.notified.load(Ordering::Relaxed)
    }

    fn run<T>(&self, mut main: Pin<&mut dyn Future<Output = T>>, cx: &mut Context<'_>) -> T {
        loop {
            #[cfg(test)]
            self.turns.set(self.turns.get() + 1);
            self.drain_remote();
            if self.main_woken.replace(false) {
                if let Poll::Ready(output) = main.as_mut().poll(cx) {
                    return output;
                }
            }
            let mut polled = 0;
            while polled < BUDGET {
                let Some(task) = self.pop() else { break };
                // SAFETY: a queued task is in the task list, so alive; we are
                // on the owner thread.
                unsafe { self.run_task(task) };
                polled += 1;
            }
            let next_timer = crate::time::fire_expired(self);
            if self.has_work() {
                if polled == BUDGET {
                    // Busy: let I/O readiness in now and then so tasks that
                    // wait for sockets are not starved by tasks that keep
                    // waking each other.
                    if let Some(reactor) = reactor::get() {
                        reactor.poll_now(self);
                    }
                }
                continue;
            }
            match reactor::get() {
                Some(reactor) => reactor.park(self, next_timer),
                None => self.shared.sleep_unless_notified(next_timer),
            }
        }
    }

    fn pop(&self) -> Option<TaskRef> {
        self.run_queue.borrow_mut().pop_front()
    }

    fn push(&self, task: TaskRef) {
        if !self.closing.get() {
            self.run_queue.borrow_mut().push_back(task);
        }
    }

    /// The local wake path (owner thread, this executor current).
    ///
    /// # Safety
    /// `task` belongs to this executor and is alive.
    unsafe fn schedule(&self, task: TaskRef) {
        // SAFETY: the caller's contract; owner thread.
        let header = unsafe { task.header() };
        let state = header.state.get();
        if state & (SCHEDULED | COMPLETE | CANCELLED) != 0 {
            // Already queued (or to be re-queued), or nothing left to run.
            return;
        }
        header.state.set(state | SCHEDULED);
        if state & TASK_RUNNING == 0 {
            self.push(task);
        }
        // Else it is being polled: `run_task` re-queues it when the poll
        // returns.
    }

    /// Polls one task from the run queue.
    ///
    /// # Safety
    /// `task` was taken off this executor's run queue.
    unsafe fn run_task(&self, task: TaskRef) {
        // SAFETY: a queued task is alive (see `run_queue`); owner thread.
        let header = unsafe { task.header() };
        let state = header.state.get();
        debug_assert!(state & SCHEDULED != 0 && state & TASK_RUNNING == 0);
        if state & CANCELLED != 0 {
            // SAFETY: alive, not running, in the list.
            unsafe { self.cancel_now(task) };
            return;
        }
        header.state.set((state & !SCHEDULED) | TASK_RUNNING);
        // SAFETY: RUNNING, stage `Running` (not complete, not cancelled), the
        // list's reference keeps it alive.
        let completed = unsafe { (header.vtable.poll)(task) };
        let state = header.state.get() & !TASK_RUNNING;
        if completed {
            header
                .state
                .set((state & !(SCHEDULED | CANCELLED)) | COMPLETE);
            if state & HANDLE == 0 {
                // Detached: nobody wants the output.
                // SAFETY: COMPLETE and not running.
                unsafe { (header.vtable.drop_stage)(task) };
            } else {
                // SAFETY: owner thread; the handle is not being polled now.
                let awaiter = unsafe { (*header.awaiter.get()).take() };
                if let Some(waker) = awaiter {
                    waker.wake();
                }
            }
            self.unlink(task);
            // SAFETY: the list's reference, given up as the task leaves it.
            unsafe { task.release() };
        } else if state & CANCELLED != 0 {
            // Aborted while it was being polled.
            header.state.set(state);
            // SAFETY: alive, not running, in the list.
            unsafe { self.cancel_now(task) };
        } else {
            header.state.set(state);
            if state & SCHEDULED != 0 {
                // Woken while it was being polled.
                self.push(task);
            }
        }
    }

    /// Drops a cancelled task's future and takes it off the list.
    ///
    /// # Safety
    /// `task` is alive, not running, not complete, and in this executor's list.
    unsafe fn cancel_now(&self, task: TaskRef) {
        // SAFETY: the caller's contract.
        let header = unsafe { task.header() };
        header
            .state
            .set((header.state.get() & !SCHEDULED) | CANCELLED);
        // User code may run here (the future's destructor); the task stays in
        // the list, so a wake of it sees CANCELLED and does nothing.
        // SAFETY: not running; the list's reference keeps it alive.
        unsafe { (header.vtable.drop_stage)(task) };
        // SAFETY: owner thread.
        let awaiter = unsafe { (*header.awaiter.get()).take() };
        if let Some(waker) = awaiter {
            waker.wake();
        }
        self.unlink(task);
        // SAFETY: the list's reference, given up as the task leaves it.
        unsafe { task.release() };
    }

    fn link(&self, task: TaskRef) {
        // SAFETY: the task was just allocated and is alive; owner thread.
        let header = unsafe { task.header() };
        let old_head = self.head.get();
        header.prev.set(None);
        header.next.set(old_head);
        if let Some(old_head) = old_head {
            // SAFETY: tasks in the list are alive.
            unsafe { old_head.header() }.prev.set(Some(task));
        }
        self.head.set(Some(task));
    }

    fn unlink(&self, task: TaskRef) {
        // SAFETY: `task` is in the list (the caller still holds the list's
        // reference), and so are its neighbours.
        let header = unsafe { task.header() };
        let prev = header.prev.take();
        let next = header.next.take();
        match prev {
            // SAFETY: in the list, so alive.
            Some(prev) => unsafe { prev.header() }.next.set(next),
            None => self.head.set(next),
        }
        if let Some(next) = next {
            // SAFETY: in the list, so alive.
            unsafe { next.header() }.prev.set(prev);
        }
    }

    fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let task = TaskCell::allocate(future, Arc::clone(&self.shared), HANDLE | SCHEDULED);
        // One reference is the list's, the other the handle's.
        self.link(task);
        self.push(task);
        JoinHandle::new(task)
    }

    /// Moves tasks woken from other threads onto the run queue.
    fn drain_remote(&self) {
        let shared = &*self.shared;
        if !shared.notified.load(Ordering::Relaxed)
            || !shared.notified.swap(false, Ordering::SeqCst)
        {
            return;
        }
        if shared.main_woken.swap(false, Ordering::SeqCst) {
            self.main_woken.set(true);
        }
        let mut tasks = mem::take(&mut *self.remote_buf.borrow_mut());
        shared.take_remote(&mut tasks);
        for RemoteTask(task) in tasks.drain(..) {
            // SAFETY: the entry owns a reference.
            let header = unsafe { task.header() };
            // Acquire: pairs with the waker's `swap(true, AcqRel)`, so what the
            // waking thread did before waking is visible to the next poll.
            header.remote_queued.swap(false, Ordering::Acquire);
            // SAFETY: the task belongs to this executor (it was on its queue)
            // and the entry's reference keeps it alive.
            unsafe { self.schedule(task) };
            // SAFETY: the entry's reference, given up.
            unsafe { task.release() };
        }
        *self.remote_buf.borrow_mut() = tasks;
    }

    /// Cancels every task that is left and drops the timers.
    fn shutdown(&self) {
        self.closing.set(true);
        self.run_queue.borrow_mut().clear();
        for RemoteTask(task) in self.shared.close() {
            // SAFETY: the entry owns a reference, given up here.
            unsafe { task.release() };
        }
        while let Some(task) = self.head.get() {
            // SAFETY: in the list, so alive; nothing runs, so not RUNNING; not
            // complete (complete tasks leave the list).
            unsafe { self.cancel_now(task) };
        }
        // Dropped outside the borrow: dropping a waker may free a task.
        let timers = mem::take(&mut *self.timers.borrow_mut());
        drop(timers);
    }
}

/// Marks this thread as running `local` for the guard's lifetime; shuts the
/// executor down when dropped.
struct Enter<'a> {
    local: &'a Local,
}

impl<'a> Enter<'a> {
    #[track_caller]
    fn new(local: &'a Local) -> Enter<'a> {
        CURRENT.with(|current| {
            if !current.get().is_null() {
                panic!(
                    "coro::runtime::block_on called from inside block_on on the same thread; \
                     it would block the executor that runs the caller: `.await` the future instead"
                );
            }
            current.set(local);
        });
        RUNNING_EXECUTORS.fetch_add(1, Ordering::Relaxed);
        Enter { local }
    }
}

impl Drop for Enter<'_> {
    fn drop(&mut self) {
        struct ClearCurrent;
        impl Drop for ClearCurrent {
            fn drop(&mut self) {
                let _ = CURRENT.try_with(|current| current.set(ptr::null()));
                RUNNING_EXECUTORS.fetch_sub(1, Ordering::Relaxed);
            }
        }
        // The executor stays current during shutdown, so futures dropped there
        // can still use timers, spawn (the new task is cancelled too) and wake.
        let _clear = ClearCurrent;
        self.local.shutdown();
    }
}

/// Runs `future` on the current thread until it completes, together with the
/// tasks it [`spawn`]s, and returns its output.
///
/// When no task is ready, the thread sleeps: in the reactor (the OS event
/// queue) if the process uses sockets, parked otherwise, until a waker, a timer
/// or I/O readiness needs it. Tasks still running when `future` completes are
/// cancelled (dropped).
///
/// Several threads may run `block_on` at the same time; they share one
/// reactor.
///
/// # Panics
///
/// If `future` panics, or if called from inside `block_on` on the same
/// thread.
///
/// ```
/// use coro_runtime::{block_on, time::sleep};
/// use std::time::Duration;
///
/// let answer = block_on(async {
///     sleep(Duration::from_millis(1)).await;
///     42
/// });
/// assert_eq!(answer, 42);
/// ```
#[track_caller]
pub fn block_on<F: Future>(future: F) -> F::Output {
    let local = Local::new();
    let _enter = Enter::new(&local);
    // Declared after `_enter`, so dropped before the executor shuts down.
    let mut future = pin!(future);
    let waker = main_waker::new(&local.shared);
    let mut cx = Context::from_waker(&waker);
    local.run(future.as_mut(), &mut cx)
}

/// Spawns a task onto the executor of the current thread and returns a
/// [`JoinHandle`] for its output.
///
/// The future need not be `Send`: it runs on this thread only. It starts
/// running the next time the executor gets to its queue (not inside `spawn`).
///
/// # Panics
///
/// If called outside [`block_on`]: a task needs a running executor.
///
/// ```
/// use coro_runtime::{block_on, spawn};
/// use std::rc::Rc;
///
/// let total = block_on(async {
///     let shared = Rc::new(20); // not Send: fine
///     let tasks: Vec<_> = (1..=2)
///         .map(|i| {
///             let shared = shared.clone();
///             spawn(async move { *shared + i })
///         })
///         .collect();
///     let mut total = 0;
///     for task in tasks {
///         total += task.await;
///     }
///     total
/// });
/// assert_eq!(total, 43);
/// ```
#[track_caller]
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    let mut future = Some(future);
    match with_current(|local| future.take().map(|future| local.spawn(future))) {
        Some(Some(handle)) => handle,
        _ => panic!(
            "coro::runtime::spawn called outside block_on: a task runs on the executor of the \
             thread that spawns it, so call spawn from inside a future run by block_on"
        ),
    }
}

/// A task waker was woken. `owned`: the waker was consumed and its reference
/// is passed on.
///
/// # Safety
/// `task` is alive; if `owned`, the caller gives up one reference.
pub(crate) unsafe fn wake_task(task: TaskRef, owned: bool) {
    // SAFETY: the caller keeps the task alive.
    let header = unsafe { task.header() };
    let local = with_current(|local| {
        if Arc::ptr_eq(&local.shared, &header.shared) {
            // SAFETY: the task belongs to `local`, which is current, so this is
            // the owner thread; it is alive.
            unsafe { local.schedule(task) };
            true
        } else {
            false
        }
    });
    if local == Some(true) {
        if owned {
            // SAFETY: the consumed waker's reference.
            unsafe { task.release() };
        }
        return;
    }
    // SAFETY: forwarded from our caller.
    unsafe { wake_remote(task, owned) }
}

/// The foreign wake path: remote queue plus notification.
///
/// # Safety
/// As for [`wake_task`].
unsafe fn wake_remote(task: TaskRef, owned: bool) {
    // SAFETY: the caller keeps the task alive.
    let header = unsafe { task.header() };
    if header.remote_queued.swap(true, Ordering::AcqRel) {
        // Already on the remote queue; that entry will run it.
        if owned {
            // SAFETY: the consumed waker's reference.
            unsafe { task.release() };
        }
        return;
    }
    if !owned {
        // SAFETY: the borrowed waker keeps the task alive; the new reference
        // belongs to the queue entry.
        unsafe { task.inc_ref() };
    }
    // Our own count of the executor's `Shared`: once the entry is pushed, the
    // owner thread may drain it and free the task (and with it the header's
    // `Arc`) while `push_remote` is still notifying.
    let shared = Arc::clone(&header.shared);
    if let Err(RemoteTask(task)) = shared.push_remote(RemoteTask(task)) {
        // The executor has shut down; the task will never run again.
        // SAFETY: the entry's reference, given up.
        unsafe { task.release() };
    }
}

/// `JoinHandle::abort`.
///
/// # Safety
/// Owner thread (the handle is `!Send`), and the caller holds a reference.
pub(crate) unsafe fn abort_task(task: TaskRef) {
    // SAFETY: the caller's contract.
    let header = unsafe { task.header() };
    let state = header.state.get();
    if state & (COMPLETE | CANCELLED) != 0 {
        return;
    }
    header.state.set(state | CANCELLED | SCHEDULED);
    if state & (SCHEDULED | TASK_RUNNING) != 0 {
        // Queued already, or running: the run loop sees CANCELLED when it gets
        // to it.
        return;
    }
    // Idle: queue it so the run loop drops the future. The task is neither
    // complete nor cancelled, so its executor has not shut down: it is the one
    // `block_on` runs on this thread right now.
    let queued = with_current(|local| {
        let mine = Arc::ptr_eq(&local.shared, &header.shared);
        if mine {
            local.push(task);
        }
        mine
    });
    debug_assert_eq!(
        queued,
        Some(true),
        "aborted a task of an executor that is not running"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn turns() -> usize {
        with_current(|local| local.turns.get()).expect("inside block_on")
    }

    #[test]
    fn an_idle_executor_sleeps_instead_of_spinning() {
        block_on(async {
            let before = turns();
            crate::time::sleep(Duration::from_millis(30)).await;
            // One turn to start sleeping, one when the timer fires; a few more
            // for spurious unparks at most. A busy loop would make thousands.
            let spent = turns() - before;
            assert!(spent <= 5, "{spent} turns of the run loop for one sleep");
        });
    }

    #[test]
    fn a_remote_wake_unparks_the_executor() {
        block_on(async {
            let before = turns();
            let (tx, rx) = std::sync::mpsc::channel::<Waker>();
            let thread = std::thread::spawn(move || {
                let waker = rx.recv().unwrap();
                std::thread::sleep(Duration::from_millis(20));
                waker.wake();
            });
            let mut sent = false;
            std::future::poll_fn(|cx| {
                if sent {
                    return Poll::Ready(());
                }
                sent = true;
                tx.send(cx.waker().clone()).unwrap();
                Poll::Pending
            })
            .await;
            thread.join().unwrap();
            let spent = turns() - before;
            assert!(spent <= 5, "{spent} turns of the run loop while waiting");
        });
    }
}
