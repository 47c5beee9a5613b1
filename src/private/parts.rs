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
/// the frame value, so each binding is a reference to its part, `&mut P`
/// (or `&P` through a shared reference in the value). What rustc's binding
/// is, `N`, a copy of the match never run tells (matching the value itself,
/// [`Witness`]): the part, `P`, where the value owns it, which is read out;
/// or the reference itself, where the binding reaches the part through a
/// reference in the value (`(_, (end, _))` of a `(&u32, &mut (u32, D))`: the
/// default binding mode turns `ref mut` at the `&mut`), or where the value
/// is itself a `&mut` (`let s = slot_mut(v);`): it stays a reference.
pub trait TakeBound<N> {
    /// # Safety
    /// Where the part is read out: the caller has set the drop flag that
    /// makes the value's dropper forget it.
    unsafe fn take_bound(self, native: Witness<N>) -> N;
}

/// The type of rustc's own binding, `N` (never a value: see [`TakeBound`]).
pub struct Witness<N>(PhantomData<N>);

impl<N> Witness<N> {
    /// The type of the part `at` takes of what `native` holds: the
    /// bindings of the match never run. Neither is called or read.
    #[inline(always)]
    pub fn at<W>(_native: &Option<W>, _at: impl FnOnce(W) -> N) -> Self {
        Witness(PhantomData)
    }
}

impl<T> TakeBound<T> for &mut T {
    #[inline(always)]
    unsafe fn take_bound(self, _: Witness<T>) -> T {
        // SAFETY: per the caller, the part has one owner from here: this.
        unsafe { core::ptr::read(self) }
    }
}

impl<'a, T: ?Sized> TakeBound<&'a mut T> for &'a mut T {
    #[inline(always)]
    unsafe fn take_bound(self, _: Witness<&'a mut T>) -> &'a mut T {
        self
    }
}

impl<'a, T: ?Sized> TakeBound<&'a T> for &'a T {
    #[inline(always)]
    unsafe fn take_bound(self, _: Witness<&'a T>) -> &'a T {
        self
    }
}
