//! [`join_all`]: awaits many futures concurrently, returning their outputs in
//! order.
//!
//! Each child future gets a waker of its own that records the child's index in
//! a ready list before waking the parent, so a poll of the [`JoinAll`] polls
//! only the children that were woken: joining `n` futures costs `O(n)` polls
//! in total, not `O(n)` per wake. All the children's wakers live in one
//! allocation made up front; waking allocates nothing.

use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

/// Runs all the futures of `futures` concurrently and completes with their
/// outputs, in the order of the input, once all have completed.
///
/// ```
/// use coro_runtime::{block_on, join_all, spawn, time::sleep};
/// use std::time::Duration;
///
/// // The last one finishes first; the outputs still come in input order.
/// let outputs = block_on(join_all((1..=3).map(|i| async move {
///     sleep(Duration::from_millis(40 - 10 * i)).await;
///     i
/// })));
/// assert_eq!(outputs, [1, 2, 3]);
///
/// // Join handles are futures too.
/// let squares = block_on(async {
///     join_all((0..4).map(|i| spawn(async move { i * i }))).await
/// });
/// assert_eq!(squares, [0, 1, 4, 9]);
/// ```
pub fn join_all<I>(futures: I) -> JoinAll<<I as IntoIterator>::Item>
where
    I: IntoIterator,
    I::Item: Future,
{
    let slots: Box<[Slot<I::Item>]> = futures.into_iter().map(Slot::Pending).collect();
    let n = slots.len();
    let ready = Arc::new_cyclic(|weak| ReadyList {
        nodes: (0..n)
            .map(|index| Node {
                list: weak.as_ptr(),
                index,
                // Every child starts queued: the first poll polls them all.
                queued: AtomicBool::new(true),
            })
            .collect(),
        inner: Mutex::new(Inner {
            ready: (0..n).collect(),
            parent: None,
        }),
    });
    JoinAll {
        slots,
        ready,
        scratch: Vec::new(),
        remaining: n,
    }
}

/// Future returned by [`join_all`].
#[must_use = "futures do nothing unless polled"]
pub struct JoinAll<F: Future> {
    /// The children, boxed so they never move (each is pinned in place), and
    /// then their outputs.
    slots: Box<[Slot<F>]>,
    ready: Arc<ReadyList>,
    /// Spare buffer for draining the ready list.
    scratch: Vec<usize>,
    /// Children not completed yet.
    remaining: usize,
}

// The children are pinned inside the box, not inside `JoinAll`: moving a
// `JoinAll` moves only the box pointer.
impl<F: Future> Unpin for JoinAll<F> {}

enum Slot<F: Future> {
    Pending(F),
    Done(F::Output),
    Taken,
}

/// Shared by the `JoinAll` and its children's wakers (any thread).
struct ReadyList {
    nodes: Box<[Node]>,
    inner: Mutex<Inner>,
}

struct Inner {
    /// Indices of the children woken since the last poll.
    ready: Vec<usize>,
    /// The waker of the task awaiting the `JoinAll`, taken by the first child
    /// wake after each poll.
    parent: Option<Waker>,
}

/// A child's waker points to its node.
struct Node {
    /// The `ReadyList` that holds this node (the `Arc`'s pointee).
    list: *const ReadyList,
    index: usize,
    /// The index is in the ready list already.
    queued: AtomicBool,
}

impl ReadyList {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // Only `Vec::push` and `Option` moves run under the lock.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake, wake_by_ref, drop_waker);

/// The waker of child `index`, borrowing the `JoinAll`'s count of the list.
///
/// # Safety
/// The returned waker must not be dropped (wrap it in `ManuallyDrop`), and
/// `list` must stay alive while it is used.
unsafe fn child_waker(list: &Arc<ReadyList>, index: usize) -> Waker {
    let node: *const Node = &list.nodes[index];
    // SAFETY: the vtable's functions treat the data as a pointer to a `Node`
    // inside an `Arc<ReadyList>` and keep the `Arc`'s count; the caller keeps
    // the list alive and never drops this (uncounted) waker.
    unsafe { Waker::from_raw(RawWaker::new(node.cast(), &VTABLE)) }
}

unsafe fn clone(data: *const ()) -> RawWaker {
    // SAFETY: `data` points to a node of a live `ReadyList` (the waker being
    // cloned keeps it alive); `node.list` came from `Arc::new_cyclic`, so it is
    // the pointer `Arc::into_raw` would give.
    unsafe {
        let node = &*data.cast::<Node>();
        Arc::increment_strong_count(node.list);
    }
    RawWaker::new(data, &VTABLE)
}

unsafe fn wake(data: *const ()) {
    // SAFETY: this waker owns a count of the list until `drop_waker`.
    unsafe {
        wake_by_ref(data);
        drop_waker(data);
    }
}

unsafe fn wake_by_ref(data: *const ()) {
    // SAFETY: the waker keeps the list, and so the node, alive during the call.
    let node = unsafe { &*data.cast::<Node>() };
    // AcqRel: pairs with the `swap(false, Acquire)` in `poll`.
    if node.queued.swap(true, Ordering::AcqRel) {
        return;
    }
    // SAFETY: as above, the list is alive.
    let list = unsafe { &*node.list };
    let parent = {
        let mut inner = list.lock();
        inner.ready.push(node.index);
        inner.parent.take()
    };
    // Woken outside the lock.
    if let Some(parent) = parent {
        parent.wake();
    }
}

unsafe fn drop_waker(data: *const ()) {
    // SAFETY: the dropped waker owned a count of the list; `node` is read
    // before that count is given up.
    unsafe {
        let list = (*data.cast::<Node>()).list;
        Arc::decrement_strong_count(list);
    }
}

impl<F: Future> Future for JoinAll<F> {
    type Output = Vec<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let mut woken = mem::take(&mut this.scratch);
        let stale_parent = {
            let mut inner = this.ready.lock();
            mem::swap(&mut inner.ready, &mut woken);
            // Set in the same critical section that took the ready list: a
            // child woken after this sees the parent waker.
            match &inner.parent {
                Some(parent) if parent.will_wake(cx.waker()) => None,
                _ => inner.parent.replace(cx.waker().clone()),
            }
        };
        drop(stale_parent);
        for index in woken.drain(..) {
            this.ready.nodes[index]
                .queued
                .swap(false, Ordering::Acquire);
            let Slot::Pending(future) = &mut this.slots[index] else {
                continue;
            };
            // SAFETY: the `JoinAll` owns this `Arc` for longer than the poll,
            // and the waker is never dropped.
            let waker = mem::ManuallyDrop::new(unsafe { child_waker(&this.ready, index) });
            let mut child_cx = Context::from_waker(&waker);
            // SAFETY: the child lives in the boxed slice, which is never moved
            // or reallocated while children are pending; it is dropped in place
            // (by the assignment below or with the box).
            let polled = unsafe { Pin::new_unchecked(future) }.poll(&mut child_cx);
            if let Poll::Ready(output) = polled {
                this.slots[index] = Slot::Done(output);
                this.remaining -= 1;
            }
        }
        this.scratch = woken;
        if this.remaining > 0 {
            return Poll::Pending;
        }
        let outputs = this
            .slots
            .iter_mut()
            .map(|slot| match mem::replace(slot, Slot::Taken) {
                Slot::Done(output) => output,
                _ => panic!("coro: JoinAll polled again after it completed"),
            })
            .collect();
        Poll::Ready(outputs)
    }
}

impl<F: Future> std::fmt::Debug for JoinAll<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JoinAll")
            .field("len", &self.slots.len())
            .field("remaining", &self.remaining)
            .finish()
    }
}

// SAFETY: `Node::list` is only a back pointer into the `Arc` that owns the
// node; everything it reaches (`Mutex`, atomics, `Waker`) is `Send + Sync`.
unsafe impl Send for ReadyList {}
// SAFETY: as above.
unsafe impl Sync for ReadyList {}
