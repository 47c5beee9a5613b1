//! The task waker: its data pointer is the task itself, so cloning is one
//! reference-count increment and waking allocates nothing.
//!
//! Waking goes one of two ways (decided in [`crate::executor::wake_task`]):
//! on the owner thread while its executor is running, the task is pushed on the
//! executor's run queue with plain (non-atomic) flag updates; anywhere else it
//! goes through the executor's remote queue and a notification.

use std::task::{RawWaker, RawWakerVTable, Waker};

use super::TaskRef;
use crate::executor;

static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake, wake_by_ref, drop_waker);

/// A waker for `task` that owns no reference. Wrap it in `ManuallyDrop` and
/// use it only while the task is kept alive by another reference.
///
/// # Safety
/// `task` must be alive for as long as the waker (and anything it is lent to
/// without cloning) is used.
pub(crate) unsafe fn borrowed(task: TaskRef) -> Waker {
    // SAFETY: the vtable's functions uphold the `RawWaker` contract for a data
    // pointer made by `TaskRef::as_ptr`; the caller keeps the task alive and
    // never drops this waker, so no reference is released that was not taken.
    unsafe { Waker::from_raw(RawWaker::new(task.as_ptr(), &VTABLE)) }
}

unsafe fn clone(data: *const ()) -> RawWaker {
    // SAFETY: `data` comes from `TaskRef::as_ptr` (all wakers with this vtable
    // are made by `borrowed` or by this function).
    let task = unsafe { TaskRef::from_ptr(data) };
    // SAFETY: the waker being cloned keeps the task alive; the new waker owns
    // the new reference.
    unsafe { task.inc_ref() };
    RawWaker::new(data, &VTABLE)
}

unsafe fn wake(data: *const ()) {
    // SAFETY: as in `clone`; this waker owns a reference, handed on to
    // `wake_task`.
    let task = unsafe { TaskRef::from_ptr(data) };
    // SAFETY: the reference owned by this (consumed) waker is passed on.
    unsafe { executor::wake_task(task, true) };
}

unsafe fn wake_by_ref(data: *const ()) {
    // SAFETY: as in `clone`.
    let task = unsafe { TaskRef::from_ptr(data) };
    // SAFETY: the waker is borrowed and keeps the task alive during the call.
    unsafe { executor::wake_task(task, false) };
}

unsafe fn drop_waker(data: *const ()) {
    // SAFETY: as in `clone`.
    let task = unsafe { TaskRef::from_ptr(data) };
    // SAFETY: the dropped waker owned this reference.
    unsafe { task.release() };
}
