//! The waker of the main future (the one given to `block_on`). Its data
//! pointer is the executor's [`Shared`], counted like an `Arc`.

use std::ptr;
use std::sync::Arc;
use std::sync::atomic::Ordering::SeqCst;
use std::task::{RawWaker, RawWakerVTable, Waker};

use super::{Shared, with_current};

static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake, wake_by_ref, drop_waker);

/// A waker that marks the main future of `shared`'s executor as woken.
pub(crate) fn new(shared: &Arc<Shared>) -> Waker {
    let data = Arc::into_raw(Arc::clone(shared)).cast::<()>();
    // SAFETY: the data pointer owns one strong count of an `Arc<Shared>`, which
    // the vtable functions below clone, use and release accordingly.
    unsafe { Waker::from_raw(RawWaker::new(data, &VTABLE)) }
}

unsafe fn clone(data: *const ()) -> RawWaker {
    // SAFETY: `data` came from `Arc::into_raw` and the waker being cloned holds
    // a strong count, so the `Arc` is alive.
    unsafe { Arc::increment_strong_count(data.cast::<Shared>()) };
    RawWaker::new(data, &VTABLE)
}

unsafe fn wake(data: *const ()) {
    // SAFETY: this waker holds a strong count until `drop_waker`.
    unsafe {
        wake_by_ref(data);
        drop_waker(data);
    }
}

unsafe fn wake_by_ref(data: *const ()) {
    let target = data.cast::<Shared>();
    // On the owner thread, inside this executor: a plain flag.
    let woke_locally = with_current(|local| {
        let mine = ptr::eq(Arc::as_ptr(&local.shared), target);
        if mine {
            local.main_woken.set(true);
        }
        mine
    });
    if woke_locally != Some(true) {
        // SAFETY: the waker holds a strong count, so `Shared` is alive for the
        // duration of this call.
        let shared = unsafe { &*target };
        shared.main_woken.store(true, SeqCst);
        shared.notify();
    }
}

unsafe fn drop_waker(data: *const ()) {
    // SAFETY: the dropped waker owned this strong count.
    unsafe { Arc::decrement_strong_count(data.cast::<Shared>()) };
}
