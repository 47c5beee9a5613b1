//! The raw task: one heap allocation holding the header and the future, whose
//! space the output reuses once the future completes.

use std::any::Any;
use std::cell::{Cell, UnsafeCell};
use std::future::Future;
use std::mem::ManuallyDrop;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::ptr::{self, NonNull};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering, fence};
use std::task::{Context, Poll, Waker};

use crate::executor::Shared;

/// A panic caught while polling a task, resumed when its `JoinHandle` is
/// awaited.
pub(crate) type Panic = Box<dyn Any + Send + 'static>;

/// The part of a task that does not depend on the future's type. It is the
/// first field of the `#[repr(C)]` [`TaskCell`], so a pointer to the cell is a
/// pointer to the header.
///
/// See [`state`](super::state) for who may touch which field.
pub(crate) struct Header {
    /// Reference count; any thread. See [`state`](super::state), part 2.
    pub(crate) refs: AtomicUsize,
    /// The task sits in its executor's remote queue; any thread. See
    /// [`state`](super::state), part 3.
    pub(crate) remote_queued: AtomicBool,
    /// Owner-thread flags ([`SCHEDULED`](super::state::SCHEDULED), ...).
    pub(crate) state: Cell<u8>,
    /// Links of the executor's intrusive list of live tasks; owner thread only.
    pub(crate) prev: Cell<Option<TaskRef>>,
    pub(crate) next: Cell<Option<TaskRef>>,
    /// The waker of whoever awaits the `JoinHandle`; owner thread only.
    pub(crate) awaiter: UnsafeCell<Option<Waker>>,
    /// The executor the task belongs to. Immutable after spawn; its identity
    /// (`Arc::as_ptr`) tells a waker whether it runs on the owner thread, and
    /// its remote queue is where foreign wakes go. Holding the `Arc` keeps that
    /// queue alive for as long as any waker can reach it.
    pub(crate) shared: Arc<Shared>,
    /// Type-specific operations; immutable.
    pub(crate) vtable: &'static TaskVtable,
}

/// Operations that need the future's type.
pub(crate) struct TaskVtable {
    /// Polls the future once, catching a panic. Returns `true` when it completed
    /// (the stage then holds the output or the panic).
    pub(crate) poll: unsafe fn(TaskRef) -> bool,
    /// Empties the stage: drops the future or the output, whichever is there,
    /// catching a panic from its destructor.
    pub(crate) drop_stage: unsafe fn(TaskRef),
    /// Moves the output into `*dst`, which is an
    /// `Option<Result<F::Output, Panic>>`, leaving the stage empty.
    pub(crate) take_output: unsafe fn(TaskRef, *mut ()),
    /// Frees the allocation. The stage must be empty.
    pub(crate) dealloc: unsafe fn(TaskRef),
}

/// What the task's allocation holds besides the header.
pub(crate) enum Stage<F: Future> {
    /// The future, not yet complete.
    Running(F),
    /// The future's output, or the panic it raised.
    Finished(Result<F::Output, Panic>),
    /// Nothing: the output was taken or dropped, or the future was cancelled.
    Consumed,
}

/// The task's single allocation.
#[repr(C)]
pub(crate) struct TaskCell<F: Future> {
    header: Header,
    stage: UnsafeCell<Stage<F>>,
}

/// A pointer to a task's header, carrying the provenance of the whole
/// allocation (it always comes from `Box::into_raw` of the [`TaskCell`], never
/// from a reference to the header).
///
/// It owns nothing by itself: whoever holds one either holds a counted
/// reference or knows the task is kept alive by one (see [`state`](super::state)).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct TaskRef(NonNull<Header>);

impl TaskRef {
    /// The header.
    ///
    /// # Safety
    /// The task must be alive (some reference to it is held) for `'a`.
    #[inline]
    pub(crate) unsafe fn header<'a>(self) -> &'a Header {
        // SAFETY: the caller guarantees the allocation is alive; the header is
        // only accessed through shared references (its mutable parts are
        // `Cell`, `UnsafeCell` and atomics).
        unsafe { self.0.as_ref() }
    }

    /// The raw pointer, for a `RawWaker`'s data.
    #[inline]
    pub(crate) fn as_ptr(self) -> *const () {
        self.0.as_ptr().cast_const().cast()
    }

    /// Rebuilds a `TaskRef` from a `RawWaker`'s data.
    ///
    /// # Safety
    /// `ptr` must come from [`TaskRef::as_ptr`].
    #[inline]
    pub(crate) unsafe fn from_ptr(ptr: *const ()) -> TaskRef {
        // SAFETY: `as_ptr` returned a non-null pointer; the caller guarantees
        // this is one.
        TaskRef(unsafe { NonNull::new_unchecked(ptr.cast_mut().cast()) })
    }

    /// Adds a reference (a waker clone, a remote-queue entry).
    ///
    /// # Safety
    /// The caller must already hold a reference, so the task is alive.
    #[inline]
    pub(crate) unsafe fn inc_ref(self) {
        // SAFETY: the caller holds a reference.
        let header = unsafe { self.header() };
        // Relaxed: a new reference is made from an existing one, which already
        // keeps the task alive; nothing is published.
        let old = header.refs.fetch_add(1, Ordering::Relaxed);
        if old > isize::MAX as usize {
            // Leaked wakers would otherwise overflow the count and free a live
            // task; abort like `Arc` does.
            std::process::abort();
        }
    }

    /// Drops a reference, freeing the task when it was the last.
    ///
    /// # Safety
    /// The caller must hold the reference it gives up, and must not use the
    /// task afterwards unless it holds another one.
    #[inline]
    pub(crate) unsafe fn release(self) {
        // SAFETY: the caller holds a reference until this decrement.
        let header = unsafe { self.header() };
        // Release: everything this owner did to the task happens before the
        // free, which runs after the Acquire fence below on whichever thread
        // drops the last reference.
        if header.refs.fetch_sub(1, Ordering::Release) == 1 {
            fence(Ordering::Acquire);
            let dealloc = header.vtable.dealloc;
            // SAFETY: the count reached zero, so no other reference exists and
            // `header` is not used again.
            unsafe { dealloc(self) };
        }
    }
}

impl<F: Future> TaskCell<F> {
    const VTABLE: TaskVtable = TaskVtable {
        poll: Self::poll,
        drop_stage: Self::drop_stage,
        take_output: Self::take_output,
        dealloc: Self::dealloc,
    };

    /// Allocates a task with two references (the executor's and the
    /// `JoinHandle`'s) and the given owner-thread flags.
    pub(crate) fn allocate(future: F, shared: Arc<Shared>, state: u8) -> TaskRef {
        let cell = Box::new(TaskCell {
            header: Header {
                refs: AtomicUsize::new(2),
                remote_queued: AtomicBool::new(false),
                state: Cell::new(state),
                prev: Cell::new(None),
                next: Cell::new(None),
                awaiter: UnsafeCell::new(None),
                shared,
                vtable: &Self::VTABLE,
            },
            stage: UnsafeCell::new(Stage::Running(future)),
        });
        // `TaskCell` is `repr(C)` with the header first, so the cell's address
        // is the header's; the pointer keeps the whole allocation's provenance.
        TaskRef(NonNull::from(Box::leak(cell)).cast())
    }

    /// The stage of `task`.
    ///
    /// # Safety
    /// `task` must be a live task allocated as a `TaskCell<F>`.
    #[inline]
    unsafe fn stage(task: TaskRef) -> *mut Stage<F> {
        let cell = task.0.cast::<TaskCell<F>>().as_ptr();
        // SAFETY: the caller guarantees `cell` points to a live `TaskCell<F>`;
        // `addr_of!` reads no memory and makes no reference to the cell.
        unsafe { UnsafeCell::raw_get(ptr::addr_of!((*cell).stage)) }
    }

    /// # Safety
    /// Called by the run loop on the owner thread, with the task `RUNNING`, its
    /// stage `Running`, and the executor's reference held.
    unsafe fn poll(task: TaskRef) -> bool {
        // SAFETY: the caller's contract.
        let stage = unsafe { Self::stage(task) };
        // A waker borrowed for this poll: it holds no count of its own (the
        // executor's keeps the task alive), so it must not be dropped.
        // SAFETY: `task` is live and the data pointer comes from `as_ptr`.
        let waker = ManuallyDrop::new(unsafe { super::waker::borrowed(task) });
        let mut cx = Context::from_waker(&waker);
        let polled = catch_unwind(AssertUnwindSafe(|| {
            // SAFETY: RUNNING gives the run loop exclusive access to the stage
            // (nobody else touches it while the task runs, see `state`).
            let Stage::Running(future) = (unsafe { &mut *stage }) else {
                unreachable!("coro: polled a task whose future is gone");
            };
            // SAFETY: the future lives in the heap allocation and is never
            // moved until it is dropped in place, so pinning it is sound.
            let future = unsafe { Pin::new_unchecked(future) };
            future.poll(&mut cx)
        }));
        let output = match polled {
            Ok(Poll::Pending) => return false,
            Ok(Poll::Ready(value)) => Ok(value),
            Err(panic) => Err(panic),
        };
        // Drop the finished future in place before storing the output over it.
        // A panic from its destructor is discarded: the output (or the first
        // panic) is what the task produced.
        // SAFETY: exclusive access as above; the stage holds `Running`, which is
        // dropped exactly once here and then overwritten without being read.
        let _ = catch_unwind(AssertUnwindSafe(|| unsafe { ptr::drop_in_place(stage) }));
        // SAFETY: the old value was dropped just above, so `write` must not
        // drop it again.
        unsafe { ptr::write(stage, Stage::Finished(output)) };
        true
    }

    /// # Safety
    /// Owner thread, task not `RUNNING`, caller holds a reference.
    unsafe fn drop_stage(task: TaskRef) {
        // SAFETY: the caller's contract.
        let stage = unsafe { Self::stage(task) };
        // Dropped in place: the future is pinned, so it must not be moved out
        // first (it may point into itself). Nothing else touches the stage
        // while its destructor runs: the task is not RUNNING, and the
        // `JoinHandle` only touches the stage of a COMPLETE task, whose output
        // is dropped here only from the handle's own destructor.
        // SAFETY: exclusive access as just said; the value is dropped exactly
        // once (a panicking destructor still counts as dropped), then
        // overwritten without being read.
        let _ = catch_unwind(AssertUnwindSafe(|| unsafe { ptr::drop_in_place(stage) }));
        // SAFETY: as above.
        unsafe { ptr::write(stage, Stage::Consumed) };
    }

    /// # Safety
    /// Owner thread, task `COMPLETE`, caller holds a reference, `dst` points to
    /// an `Option<Result<F::Output, Panic>>`.
    unsafe fn take_output(task: TaskRef, dst: *mut ()) {
        // SAFETY: the caller's contract.
        let stage = unsafe { Self::stage(task) };
        // SAFETY: exclusive access, as in `drop_stage`.
        if !matches!(unsafe { &*stage }, Stage::Finished(_)) {
            // Already taken (a COMPLETE task never holds its future).
            return;
        }
        // SAFETY: as above; the output is not pinned, so moving it out is
        // fine, and `Consumed` takes its place.
        if let Stage::Finished(output) = unsafe { ptr::replace(stage, Stage::Consumed) } {
            // SAFETY: the caller guarantees the type and validity of `dst`.
            unsafe { *dst.cast::<Option<Result<F::Output, Panic>>>() = Some(output) };
        }
    }

    /// # Safety
    /// The reference count is zero.
    unsafe fn dealloc(task: TaskRef) {
        let cell = task.0.cast::<TaskCell<F>>().as_ptr();
        // SAFETY: the count is zero, so this is the only pointer in use; it came
        // from `Box::leak` in `allocate`. The stage is `Consumed` (see `state`,
        // part 2), so dropping the box runs no future or output destructor, only
        // the header's (`Arc<Shared>` and an empty `Option<Waker>`), which are
        // `Send` and fine on any thread.
        let cell = unsafe { Box::from_raw(cell) };
        debug_assert!(matches!(
            // SAFETY: we own the box.
            unsafe { &*cell.stage.get() },
            Stage::Consumed
        ));
        drop(cell);
    }
}
