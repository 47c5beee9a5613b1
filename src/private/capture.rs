//! A frame value that a closure (or `async` block) that is not `move`
//! captures as its type decides: by value if some use in the closure needs
//! it by value (`|| tx.send(5)` with `fn send(self, ..)`, `|| { g.touch();
//! drop(g) }`), else by reference (`|| tx.is_closed()`), as rustc's capture
//! analysis does after method resolution.
//!
//! The lowering cannot move a value out of its slot inside the closure (the
//! slot is behind a pointer), nor when the closure runs (rustc takes it
//! where the closure is made, and the closure may outlive the slot's scope).
//! So the closure is made `move`, and takes, where it is made, either the
//! value ([`ByValue`]) or a pointer to its slot ([`ByRef`]), as the kinds
//! of its uses decide (each a `TakeRecv` or `PlaceRecv`, by the same probes
//! as a method's receiver at its last use, see `recv`):
//!
//! ```text
//! let k0 = <probe of `send` on the value>;                 // TakeRecv or PlaceRecv
//! let mut cap = capture((&CaptureProbe(p)).copy_kind(), PlaceRecv.or(k0))
//!     .capture(p, || slot.take(live));                     // ByValue<T> or ByRef<T, _>
//! move || cap.reach(k0).send(5)                            // T, or `&mut T` in place
//! ```
//!
//! A `Copy` value is never taken (rustc captures a reference to it, and
//! copies it where it is used by value). Any other value is taken if any
//! use takes it. A use that does not take it (a place, a method that
//! borrows) reaches the value where the capture holds it (`*cap.ptr()`).

use core::cell::{Cell, UnsafeCell};
use core::marker::PhantomData;
use core::mem::MaybeUninit;

use super::{InSlot, PlaceRecv, TakeRecv};

/// A pointer to a frame value, probed for `Copy`.
pub struct CaptureProbe<T>(pub *mut T);

/// The value is `Copy`: a closure captures it by reference.
pub struct IsCopy;
/// The value is not `Copy`: a closure captures it by value if a use takes it.
pub struct NotCopy;

/// Found first (by value) for a `Copy` value.
pub trait ProbeCaptureCopy {
    #[inline(always)]
    fn copy_kind(&self) -> IsCopy {
        IsCopy
    }
}

impl<T: Copy> ProbeCaptureCopy for CaptureProbe<T> {}

/// Found otherwise (after autoref).
pub trait ProbeCaptureOther {
    #[inline(always)]
    fn copy_kind(&self) -> NotCopy {
        NotCopy
    }
}

impl<T> ProbeCaptureOther for &CaptureProbe<T> {}

/// How a closure captures a value: `C` whether it is `Copy`, `K` whether
/// any use takes it (`TakeRecv`) or none does (`PlaceRecv`).
pub struct Capture<C, K>(PhantomData<(C, K)>);

/// The capture of a value that is `C` and whose uses are `K` (see
/// [`Capture`]).
#[inline(always)]
pub fn capture<C, K>(_copy: C, _uses: K) -> Capture<C, K> {
    Capture(PhantomData)
}

impl<K> Capture<IsCopy, K> {
    /// A `Copy` value: by reference.
    ///
    /// # Safety
    /// `value` points to the value in its slot, which stays there (pinned,
    /// not moved out) for as long as the closure uses it: the shadow copy's
    /// borrow check of the closure's borrow.
    #[inline(always)]
    pub unsafe fn capture<T>(self, value: *mut T, _take: impl FnOnce() -> T) -> ByRef<T, IsCopy> {
        ByRef(value, PhantomData)
    }
}

impl Capture<NotCopy, PlaceRecv> {
    /// No use takes the value: by reference.
    ///
    /// # Safety
    /// As for `Capture<IsCopy, _>`.
    #[inline(always)]
    pub unsafe fn capture<T>(self, value: *mut T, _take: impl FnOnce() -> T) -> ByRef<T, NotCopy> {
        ByRef(value, PhantomData)
    }
}

impl Capture<NotCopy, TakeRecv> {
    /// A use takes the value: by value, moved out of its slot (`take`).
    ///
    /// # Safety
    /// `take` moves the initialised value out of its slot.
    #[inline(always)]
    pub unsafe fn capture<T>(self, _value: *mut T, take: impl FnOnce() -> T) -> ByValue<T> {
        ByValue {
            value: UnsafeCell::new(MaybeUninit::new(take())),
            live: Cell::new(true),
        }
    }
}

/// A value a closure captured by value: its uses reach it here; one that
/// takes it moves it out, and what is left drops with the closure.
///
/// Reached through `&self`, so that a use that only borrows it keeps the
/// closure callable in place; the closure is `FnOnce` all the same, as
/// rustc's is (a by-value use of the capture the lowering adds to its
/// body, never run, says so: see `lower::captured`), so it is called, and
/// takes the value, at most once.
pub struct ByValue<T> {
    value: UnsafeCell<MaybeUninit<T>>,
    live: Cell<bool>,
}

// SAFETY: a closure holding a `ByValue<T>` is shared only as rustc's
// closure holding the `T` is (the shadow copy checks that one), and it is
// `FnOnce`: a shared reference reaches the value only through the places of
// the user's uses of it, which that check allowed, and takes it (clearing
// `live`) only in the one call.
unsafe impl<T: Sync> Sync for ByValue<T> {}

impl<T> ByValue<T> {
    /// The value's place, for a use that does not take it.
    #[inline(always)]
    pub fn ptr(&self) -> *mut T {
        self.value.get().cast()
    }
}

impl<T> Drop for ByValue<T> {
    fn drop(&mut self) {
        if self.live.get() {
            // SAFETY: `live`: the value is initialised and was not taken.
            unsafe { self.value.get_mut().assume_init_drop() }
        }
    }
}

/// A value a closure captured by reference: a pointer to its slot. (`C`:
/// whether it is `Copy`, which a use by value may then copy.)
pub struct ByRef<T, C>(*mut T, PhantomData<C>);

impl<T, C> Clone for ByRef<T, C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, C> Copy for ByRef<T, C> {}

// SAFETY: it stands for the reference rustc's closure captures, which the
// shadow copy checks; as the slot references the other uses in closures go
// through (`Slot` is `Sync` whatever its value), it adds no condition.
unsafe impl<T, C> Send for ByRef<T, C> {}
// SAFETY: as above.
unsafe impl<T, C> Sync for ByRef<T, C> {}

impl<T, C> ByRef<T, C> {
    /// The value's place in its slot.
    #[inline(always)]
    pub fn ptr(self) -> *mut T {
        self.0
    }
}

/// A use of a captured value whose kind `K` decides what it gets: the value
/// (`TakeRecv`: a method taking `self`, or a move) or `&mut InSlot` to it where the
/// capture holds it (`PlaceRecv`).
pub trait CaptureUse<'a, K> {
    type Out;

    /// # Safety
    /// For `PlaceRecv`: no other reference to the value is in use while the
    /// returned one is (the shadow copy's borrow check of the same use).
    /// For `TakeRecv` on an [`ByValue`]: the value was not taken before (the
    /// shadow copy's move check).
    unsafe fn reach(self, kind: K) -> Self::Out;
}

impl<'a, T: 'a> CaptureUse<'a, TakeRecv> for &ByValue<T> {
    type Out = T;

    #[inline(always)]
    unsafe fn reach(self, _kind: TakeRecv) -> T {
        self.live.set(false);
        // SAFETY: initialised and not taken before (the caller's); `live`
        // now says it is taken, so it is not dropped again.
        unsafe { self.ptr().read() }
    }
}

impl<'a, T: 'a> CaptureUse<'a, PlaceRecv> for &ByValue<T> {
    type Out = &'a mut InSlot<T>;

    #[inline(always)]
    unsafe fn reach(self, _kind: PlaceRecv) -> &'a mut InSlot<T> {
        // SAFETY: initialised (not taken: the shadow copy's move check);
        // exclusive, per the caller. The closure holding it outlives the use.
        unsafe { InSlot::reach(self.ptr()) }
    }
}

impl<'a, T: Copy + 'a> CaptureUse<'a, TakeRecv> for ByRef<T, IsCopy> {
    type Out = T;

    #[inline(always)]
    unsafe fn reach(self, _kind: TakeRecv) -> T {
        // SAFETY: the slot holds the value while the closure borrows it
        // (`Capture::capture`'s contract); a `Copy` value is copied out.
        unsafe { self.ptr().read() }
    }
}

impl<'a, T: 'a, C> CaptureUse<'a, PlaceRecv> for ByRef<T, C> {
    type Out = &'a mut InSlot<T>;

    #[inline(always)]
    unsafe fn reach(self, _kind: PlaceRecv) -> &'a mut InSlot<T> {
        // SAFETY: the slot holds the value (`Capture::capture`'s
        // contract); exclusive, per the caller.
        unsafe { InSlot::reach(self.ptr()) }
    }
}
