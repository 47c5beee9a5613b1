//! Dropping what uses that moved parts out of a frame value left of it.
//!
//! A frame value some of whose parts a pattern or a field read moved out
//! (`let (a, _) = pair;`, `let d = p.d;`) drops the rest at the end of its
//! scope, as rustc drops a partly moved local: its *dropper* gets the value
//! and which uses moved, forgets the parts they moved and lets the others
//! drop. The dropper is a closure the macro writes (see its `partial`
//! module) that captures nothing, so a [`Dropper`] stores nothing: only its
//! type. The closure is written once, at the end of the poll (never run),
//! where rustc knows the value's type from the code before it: a value
//! that holds a reference (`top: &Expr`) is matched through it, and
//! `forget(value.d)` types.

use super::Slot;
use core::marker::PhantomData;

/// Drops a frame value given which of the uses that move its parts did.
pub trait DropParts<V, const N: usize> {
    fn drop_parts(&self, value: V, moved: [bool; N]);
}

/// The type of a frame value's dropper, `F`: a closure that captures
/// nothing (see [`Dropper::bind`]).
pub struct Dropper<F>(PhantomData<F>);

// SAFETY: a `Dropper` holds no data: `F` captures nothing, and the value it
// is called with is the frame's (whose `Send`/`Sync` its shadow field
// decides, see `Slot`).
unsafe impl<F> Send for Dropper<F> {}
// SAFETY: as above.
unsafe impl<F> Sync for Dropper<F> {}

impl<F> Dropper<F> {
    #[inline(always)]
    pub const fn new() -> Self {
        Dropper(PhantomData)
    }

    /// Gives the dropper its type: `dropper`, a closure that captures
    /// nothing, written where rustc knows the type of the value in `slot`
    /// (which ties the closure's parameter to it). Never called: the
    /// closure is made anew when the value drops ([`DropParts`]).
    #[inline(always)]
    pub fn bind<V, const BIT: usize, const N: usize>(&self, _slot: &Slot<V, BIT>, dropper: F)
    where
        F: Fn(V, [bool; N]) + Copy,
    {
        let _ = dropper;
    }
}

impl<F> Default for Dropper<F> {
    fn default() -> Self {
        Self::new()
    }
}

impl<V, const N: usize, F: Fn(V, [bool; N]) + Copy> DropParts<V, N> for Dropper<F> {
    #[inline(always)]
    fn drop_parts(&self, value: V, moved: [bool; N]) {
        const { assert!(core::mem::size_of::<F>() == 0, "a dropper captures nothing") };
        // SAFETY: `F` is the type of a closure the macro wrote that captures
        // nothing (`bind`): a type of size 0 without fields, so any value of
        // it is the closure, and a dangling pointer is valid for reading a
        // value of size 0.
        let dropper: F = unsafe { core::ptr::read(core::ptr::NonNull::<F>::dangling().as_ptr()) };
        dropper(value, moved)
    }
}

/// What a binding of a pattern that moves parts out gives the arm (see the
/// macro's `partial`): the pattern matches the `&mut` the lowering takes of
/// the frame value, so a binding by value is a `&mut` to the part, which is
/// read out ([`Owned`]); one through a shared reference in the value (a
/// value that is a reference syntax does not show, `top: &Expr`) is that
/// reference, which rustc's binding is too. A value that is itself a `&mut`
/// (`let s = slot_mut(v);`) gives `&mut` bindings that reborrow through it
/// ([`Reborrow`], see [`MutRefProbe`]): they stay references too.
pub trait TakeBound<K> {
    type Part;
    /// # Safety
    /// For a `&mut` of an [`Owned`] value: the part is read out, so the
    /// caller has set the drop flag that makes the value's dropper forget
    /// it.
    unsafe fn take_bound(self, kind: K) -> Self::Part;
}

/// The matched value owns its parts: a `&mut` binding is read out.
#[derive(Clone, Copy)]
pub struct Owned;
/// The matched value is a `&mut`: its bindings reborrow through it.
#[derive(Clone, Copy)]
pub struct Reborrow;

impl<T> TakeBound<Owned> for &mut T {
    type Part = T;
    #[inline(always)]
    unsafe fn take_bound(self, _: Owned) -> T {
        // SAFETY: per the caller, the part has one owner from here: this.
        unsafe { core::ptr::read(self) }
    }
}

impl<'a, T: ?Sized> TakeBound<Reborrow> for &'a mut T {
    type Part = &'a mut T;
    #[inline(always)]
    unsafe fn take_bound(self, _: Reborrow) -> &'a mut T {
        self
    }
}

impl<'a, K, T: ?Sized> TakeBound<K> for &'a T {
    type Part = &'a T;
    #[inline(always)]
    unsafe fn take_bound(self, _: K) -> &'a T {
        self
    }
}

/// Asks whether the matched value (the type `P` points to) is a `&mut`:
/// [`ProbeReborrow`] answers first (by value) for one, [`ProbeOwned`] (after
/// autoref) for anything else. Holds no pointer: only its type.
pub struct MutRefProbe<P>(PhantomData<P>);

impl<P> MutRefProbe<P> {
    /// The probe of the value `ptr` points to (never read).
    #[inline(always)]
    pub fn of(_ptr: P) -> Self {
        MutRefProbe(PhantomData)
    }
}

/// The probe of the field at `place` of the value `ptr` points to: `place`
/// is never called, only its type read.
#[inline(always)]
pub fn field_probe<V, F>(
    _ptr: *mut V,
    _place: impl FnOnce(*mut V) -> *mut F,
) -> MutRefProbe<*mut F> {
    MutRefProbe(PhantomData)
}

pub trait ProbeReborrow {
    #[inline(always)]
    fn kind(&self) -> Reborrow {
        Reborrow
    }
}

impl<T: ?Sized> ProbeReborrow for MutRefProbe<*mut &mut T> {}

pub trait ProbeOwned {
    #[inline(always)]
    fn kind(&self) -> Owned {
        Owned
    }
}

impl<P> ProbeOwned for &MutRefProbe<P> {}
