//! The receiver of a method that std's iterators, `Option`, `Result` and
//! `Poll` take by value (`it.sum()`, `opt.unwrap()`), called on a frame
//! value at its last use, where syntax cannot tell whose method it is: the
//! value's type decides, through method resolution ("autoref
//! specialisation").
//!
//! ```text
//! (&RecvProbe(p)).recv_kind()   // TakeRecv for those std types, else PlaceRecv
//!     .recv(p, || slot.take(live))   // the value moved out, or `&mut` to it in place
//!     .sum()
//! ```
//!
//! Moving out a value whose method borrows it (`pair.sum()` with
//! `fn sum(&self)`) would drop it at the end of the statement instead of
//! the end of its scope; leaving in place a value whose method takes it by
//! value is a compile error (a move out of a `&mut`), not a silent change.

use core::task::Poll;

/// A pointer to a frame value, probed for its type.
pub struct RecvProbe<T>(pub *mut T);

/// One of std's types whose methods of the name take `self`: move out.
pub struct TakeRecv;
/// Anything else: used in place.
pub struct PlaceRecv;

/// Found first (by value) for an iterator.
pub trait ProbeIterRecv {
    #[inline(always)]
    fn recv_kind(&self) -> TakeRecv {
        TakeRecv
    }
}

impl<T: Iterator> ProbeIterRecv for RecvProbe<T> {}

/// Found first (by value) for an `Option`.
pub trait ProbeOptionRecv {
    #[inline(always)]
    fn recv_kind(&self) -> TakeRecv {
        TakeRecv
    }
}

impl<T> ProbeOptionRecv for RecvProbe<Option<T>> {}

/// Found first (by value) for a `Result`.
pub trait ProbeResultRecv {
    #[inline(always)]
    fn recv_kind(&self) -> TakeRecv {
        TakeRecv
    }
}

impl<T, E> ProbeResultRecv for RecvProbe<Result<T, E>> {}

/// Found first (by value) for a `Poll`.
pub trait ProbePollRecv {
    #[inline(always)]
    fn recv_kind(&self) -> TakeRecv {
        TakeRecv
    }
}

impl<T> ProbePollRecv for RecvProbe<Poll<T>> {}

/// Found otherwise (after autoref).
pub trait ProbeOtherRecv {
    #[inline(always)]
    fn recv_kind(&self) -> PlaceRecv {
        PlaceRecv
    }
}

impl<T> ProbeOtherRecv for &RecvProbe<T> {}

impl TakeRecv {
    /// # Safety
    /// `move_out` moves the value out of its slot (its last use).
    #[inline(always)]
    pub unsafe fn recv<T>(self, _value: *mut T, move_out: impl FnOnce() -> T) -> T {
        move_out()
    }
}

impl PlaceRecv {
    /// # Safety
    /// `value` points to an initialised value in its slot, which no other
    /// reference uses while the returned one is alive.
    #[inline(always)]
    pub unsafe fn recv<'a, T>(self, value: *mut T, _move_out: impl FnOnce() -> T) -> &'a mut T {
        // SAFETY: per the caller (the slot is pinned in the frame, so the
        // pointer stays valid for as long as the method call uses it).
        unsafe { &mut *value }
    }
}
