//! Dropping what uses that moved parts out of a frame value left of it.
//!
//! A frame value some of whose parts a pattern or a field read moved out
//! (`let (a, _) = pair;`, `let d = p.d;`) drops the rest at the end of its
//! scope, as rustc drops a partly moved local: its *dropper* gets the value
//! and which uses moved, forgets the parts they moved and lets the others
//! drop. The dropper is a closure the macro writes (see its `partial`
//! module); where it names no type that rustc can infer the value's type
//! from (`forget(value.d)` for a field read out of a value whose type the
//! syntax does not name), it is written at each use that moves, where the
//! value's type is known, and stored as a function pointer in a
//! [`LateDropper`].

use super::Slot;
use core::cell::UnsafeCell;

/// Drops a frame value given which of the uses that move its parts did.
pub trait DropParts<V, const N: usize> {
    fn drop_parts(&self, value: V, moved: [bool; N]);
}

impl<V, const N: usize, F: Fn(V, [bool; N])> DropParts<V, N> for F {
    #[inline(always)]
    fn drop_parts(&self, value: V, moved: [bool; N]) {
        self(value, moved)
    }
}

/// A dropper as a function pointer: the value, and which uses moved.
type DropperFn<V, const N: usize> = fn(V, [bool; N]);

/// A dropper stored when a use first moves a part out: until then the
/// value drops whole.
pub struct LateDropper<V, const N: usize> {
    dropper: UnsafeCell<Option<DropperFn<V, N>>>,
}

// SAFETY: a function pointer holds no data, and the value it is called with
// is the frame's (whose `Send`/`Sync` its shadow field decides, see `Slot`).
unsafe impl<V, const N: usize> Send for LateDropper<V, N> {}
// SAFETY: as above; `&Frame` gives no access without `poll` or the frame's
// drop, which hold the frame exclusively.
unsafe impl<V, const N: usize> Sync for LateDropper<V, N> {}

impl<V, const N: usize> LateDropper<V, N> {
    #[inline(always)]
    pub const fn new() -> Self {
        LateDropper {
            dropper: UnsafeCell::new(None),
        }
    }

    /// Stores the dropper of the value in `slot` (which ties the dropper's
    /// type to the value's, so that the closure passed here is checked
    /// knowing it).
    ///
    /// # Safety
    /// Called by the frame's `poll` (which holds the frame exclusively), not
    /// while `drop_parts` runs.
    #[inline(always)]
    pub unsafe fn set<const BIT: usize>(&self, _slot: &Slot<V, BIT>, dropper: DropperFn<V, N>) {
        // SAFETY: per the caller, no other access to the cell is alive.
        unsafe { *self.dropper.get() = Some(dropper) }
    }
}

impl<V, const N: usize> Default for LateDropper<V, N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<V, const N: usize> DropParts<V, N> for LateDropper<V, N> {
    #[inline(always)]
    fn drop_parts(&self, value: V, moved: [bool; N]) {
        // SAFETY: only `set` writes the cell, never while the frame drops a
        // value (`poll` and the frame's drop do not overlap).
        match unsafe { *self.dropper.get() } {
            Some(dropper) => dropper(value, moved),
            None => drop(value),
        }
    }
}
