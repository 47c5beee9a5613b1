//! `Coroutine`: the `Future` that wraps a generated frame and its `poll`.

use core::future::Future;
use core::marker::PhantomPinned;
use core::pin::Pin;
use core::task::{Context, Poll};

/// What the generated frame type tells the wrapper.
///
/// # Safety
/// `cancel` must drop exactly the values the frame holds, in the order rustc
/// would drop them, and leave every slot empty.
pub unsafe trait Frame {
    /// Drops the values of slots `first..` that hold one, in reverse order of
    /// declaration (rustc's drop order). `drop_from(0)` empties the frame.
    ///
    /// # Safety
    /// No borrow of any of those slots is alive.
    unsafe fn drop_from(&self, first: usize);

    /// Marks the coroutine as finished by a panic: a later poll panics, as
    /// rustc's does.
    fn poison(&self);
}

/// A future made of a frame and a poll function.
///
/// `poll` is a closure the macro writes inside the user's function, so its
/// body is type-checked there and rustc infers the frame's slot types from
/// it; it captures nothing, so it is zero-sized.
pub struct Coroutine<F: Frame, P> {
    frame: F,
    poll: P,
    _pinned: PhantomPinned,
}

impl<F: Frame, P> Coroutine<F, P> {
    /// Wraps a frame (its arguments stored, every other slot empty) and the
    /// function that advances it.
    #[inline(always)]
    pub fn new<T>(frame: F, poll: P) -> Self
    where
        P: FnMut(&F, &mut Context<'_>) -> Poll<T>,
    {
        Coroutine {
            frame,
            poll,
            _pinned: PhantomPinned,
        }
    }
}

impl<F: Frame, P, T> Future for Coroutine<F, P>
where
    P: FnMut(&F, &mut Context<'_>) -> Poll<T>,
{
    type Output = T;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // SAFETY: nothing is moved out of `self`; the frame stays where it is
        // for as long as the coroutine lives, which is what the borrows held
        // between its slots rely on.
        let this = unsafe { self.get_unchecked_mut() };
        let frame = &this.frame;
        let poison = PoisonOnUnwind(frame);
        let result = (this.poll)(frame, cx);
        core::mem::forget(poison);
        result
    }
}

impl<F: Frame, P> Drop for Coroutine<F, P> {
    fn drop(&mut self) {
        // If a value's drop panics, the others are still dropped while
        // unwinding, as rustc's coroutines and structs drop theirs.
        let rest = DropRestOnUnwind(&self.frame);
        // SAFETY: `&mut self`: no borrow of the frame is alive.
        unsafe { self.frame.drop_from(0) };
        core::mem::forget(rest);
    }
}

/// Dropped only while unwinding out of a frame's `drop_from(0)` (a value's
/// drop panicked): drops what is left. Each slot is marked empty before its
/// value drops, and an awaitee's state moves on first, so nothing drops
/// twice.
struct DropRestOnUnwind<'a, F: Frame>(&'a F);

impl<F: Frame> Drop for DropRestOnUnwind<'_, F> {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: the coroutine is being dropped: no borrow of its frame is
        // alive, and the slots already dropped are marked empty.
        unsafe { self.0.drop_from(0) };
    }
}

/// Dropped only while unwinding out of a poll: drops what the frame holds (as
/// rustc's unwinding drops a coroutine's live locals) and poisons it.
struct PoisonOnUnwind<'a, F: Frame>(&'a F);

impl<F: Frame> Drop for PoisonOnUnwind<'_, F> {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: the poll that borrowed the slots has unwound. Dropped
        // before poisoning: the state still says which awaitee is alive.
        unsafe { self.0.drop_from(0) };
        self.0.poison();
    }
}

/// Declared at the top of a state's arm that has exits leaving scopes: the
/// exit arms it with the first slot to drop, then leaves the arm; the arm's
/// Rust locals drop first (they are younger), then this guard drops the
/// frame values of the scopes left, so the drop order is rustc's.
///
/// It holds the frame as `&dyn Frame`, which the poll binds once at its top:
/// a guard generic over the frame's type would make rustc prove `Frame` for
/// it, with every slot type still being inferred, at each state that has
/// one (see `frame::slot_refs` in `coro-macros`).
pub struct ExitGuard<'a> {
    frame: &'a dyn Frame,
    first: core::cell::Cell<usize>,
}

impl<'a> ExitGuard<'a> {
    #[inline(always)]
    pub fn new(frame: &'a dyn Frame) -> Self {
        ExitGuard {
            frame,
            first: core::cell::Cell::new(usize::MAX),
        }
    }

    /// On leaving the arm, drop the frame's values from slot `first` on.
    #[inline(always)]
    pub fn arm(&self, first: usize) {
        self.first.set(first);
    }
}

impl Drop for ExitGuard<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        let first = self.first.get();
        if first != usize::MAX {
            // SAFETY: armed just before leaving the arm, when the scopes are
            // left and nothing borrows their values any more.
            unsafe { self.frame.drop_from(first) }
        }
    }
}

/// Declared just after a local of the poll function that frame values
/// declared after it may outlive: while a panic unwinds, it drops those
/// frame values (slots `first..`) before the local drops, so that unwinding
/// drops both kinds in one reverse declaration order, as rustc's does. So
/// it does on a `return` or `break` that leaves the local's scope, once the
/// state's [`ExitGuard`] is armed (`with_exit`): that guard, declared before
/// the local, drops the older values after it. On any other exit from the
/// local's scope it does nothing: the frame values live on (across a
/// suspension) or have been dropped already.
///
/// Telling an unwind from a normal exit needs `std`; without the `std`
/// feature the guard does nothing while unwinding, and a panic drops the
/// poll function's locals before the frame's values.
///
/// Like [`ExitGuard`], it holds the frame as `&dyn Frame`.
pub struct UnwindGuard<'a> {
    frame: &'a dyn Frame,
    first: usize,
    exit: Option<&'a ExitGuard<'a>>,
}

impl<'a> UnwindGuard<'a> {
    #[inline(always)]
    pub fn new(frame: &'a dyn Frame, first: usize) -> Self {
        UnwindGuard {
            frame,
            first,
            exit: None,
        }
    }

    /// In a state whose exits drop frame values: also drops the younger
    /// values when an exit leaves the local's scope.
    #[inline(always)]
    pub fn with_exit(frame: &'a dyn Frame, first: usize, exit: &'a ExitGuard<'a>) -> Self {
        UnwindGuard {
            frame,
            first,
            exit: Some(exit),
        }
    }
}

impl Drop for UnwindGuard<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        #[cfg(feature = "std")]
        if std::thread::panicking() {
            // SAFETY: unwinding out of the poll: the locals declared after
            // the guard (which may borrow these slots) have dropped, and
            // nothing runs the poll's code again. The slots' flags say which
            // hold a value; `Coroutine`'s own guard then drops the rest.
            unsafe { self.frame.drop_from(self.first) };
            // An awaitee those drops reached is not dropped again.
            self.frame.poison();
            return;
        }
        let armed = self.exit.map_or(usize::MAX, |exit| exit.first.get());
        if armed != usize::MAX {
            // SAFETY: an exit armed the state's guard just before leaving
            // the local's scope (see `ExitGuard::drop`): the locals declared
            // after this guard have dropped and nothing borrows the values
            // of the scopes left. Each slot's flag clears as it drops, so
            // the exit guard's own `drop_from` later skips these.
            unsafe { self.frame.drop_from(self.first.max(armed)) };
        }
    }
}
