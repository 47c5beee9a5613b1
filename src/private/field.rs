//! Reading a field of a frame value in a value context (`v.f`), where syntax
//! cannot tell a copy from a move: the field's type decides, through method
//! resolution ("autoref specialisation").
//!
//! ```text
//! (&FieldProbe(p)).field_kind()   // CopyField if the field is `Copy`, else MoveField
//!     .read(p, || slot.take(live).f)   // copy in place, or move the whole value out
//! ```
//!
//! A move takes the value out of its slot, moves the field out of it, and
//! drops the rest at once; the macro emits it only at the value's last use.
//! Elsewhere it emits `.copy(p)`, which a moved field fails with a message
//! that says what to do.

/// A pointer to a field, probed for the field's `Copy`-ness.
pub struct FieldProbe<T>(pub *const T);

/// The field is `Copy`: read in place.
pub struct CopyField;
/// The field is not `Copy`: a move.
pub struct MoveField;

/// Found first (by value) when `T: Copy`.
pub trait ProbeCopy {
    #[inline(always)]
    fn field_kind(&self) -> CopyField {
        CopyField
    }
}

impl<T: Copy> ProbeCopy for FieldProbe<T> {}

/// Found otherwise (after autoref).
pub trait ProbeMove {
    #[inline(always)]
    fn field_kind(&self) -> MoveField {
        MoveField
    }
}

impl<T> ProbeMove for &FieldProbe<T> {}

impl CopyField {
    /// # Safety
    /// `field` points to an initialised field.
    #[inline(always)]
    pub unsafe fn read<T: Copy>(self, field: *const T, _move_out: impl FnOnce() -> T) -> T {
        // SAFETY: per the caller; `T: Copy`, so the frame keeps its value.
        unsafe { *field }
    }

    /// # Safety
    /// As `read`.
    #[inline(always)]
    pub unsafe fn copy<T: Copy>(self, field: *const T) -> T {
        // SAFETY: as in `read`.
        unsafe { *field }
    }
}

impl MoveField {
    /// # Safety
    /// `move_out` moves the value out of its slot (its last use).
    #[inline(always)]
    pub unsafe fn read<T>(self, _field: *const T, move_out: impl FnOnce() -> T) -> T {
        move_out()
    }

    /// Never callable: `T` does not implement the marker.
    ///
    /// # Safety
    /// Not callable.
    pub unsafe fn copy<T: FieldMovedOutOfFrameValue>(self, _field: *const T) -> T {
        unreachable!()
    }
}

/// Implemented by no type: the bound that reports a field moved out of a
/// frame value that is used again.
#[diagnostic::on_unimplemented(
    message = "`#[coroutine]` cannot move this field (a `{Self}`) out of a value that lives across an `.await` and is used again",
    label = "moved out of a value kept in the coroutine's frame",
    note = "a field is moved out of a frame value only at the value's last use, or when syntax names the value's type (`self`, `let v: T = ..`, `let v = T {{ .. }}`)",
    note = "move the parts out together instead: `let T {{ field, .. }} = value;`, or clone the field"
)]
pub trait FieldMovedOutOfFrameValue {}

/// A frame value a `move` closure (or `async move` block) takes whole,
/// which the function uses again after: natively the closure captured only
/// the places it names (`p.name`), or a copy. The lowering takes the whole
/// value, which is sound only for a `Copy` one: it stays in its slot too.
#[diagnostic::on_unimplemented(
    message = "`#[coroutine]` cannot move `{Self}` into this `move` closure or `async move` block: it lives across an `.await` and is used again after, and natively the closure captures only the fields it names; move those out first (`let name = p.name;`) and name them in the closure",
    label = "the closure would take the whole value out of the coroutine's frame"
)]
pub trait CapturedAndUsedAgain {}

#[diagnostic::do_not_recommend]
impl<T: Copy> CapturedAndUsedAgain for T {}

/// Checks, at compile time, that a value taken whole by a `move` closure and
/// used again after is `Copy` (see [`CapturedAndUsedAgain`]).
#[inline(always)]
pub fn captured_and_used_again<T: CapturedAndUsedAgain>(_value: &T) {}

/// A field an `async` block that is not `move` uses by value, moved out of
/// its value where the block is made (as rustc captures it) and taken by
/// value inside, so that the block owns it (see the macro's
/// `captured_fields`).
pub struct CapturedField<T>(pub T);

impl<T> CapturedField<T> {
    /// The field.
    #[inline(always)]
    pub fn take(captured: Self) -> T {
        captured.0
    }
}

/// A part of a frame value moved out while the rest stays in its slot
/// (`let next = node.next;`, see the macro's `partial`), through a pointer
/// to it. The rest's drop later reads the whole value and forgets the part:
/// a `Copy` part is copied and left as it was (`TakeCopyPart`: it may be
/// read again, and behind a guard's `Deref` it is the guarded value's own,
/// `g.limit.unwrap_or(10)` with `limit: Option<u32>`, as rustc copies it);
/// an `Option` is left `None` (`TakeOptionPart`), so that no stale copy of
/// what it held (a `Box` freed since, or still owned elsewhere) is read
/// again; anything else is read out and left as it was (`TakeOtherPart`).
///
/// ```text
/// (&&MovedPart(p)).take_part()   // ptr::read(p) for a `Copy` part, ptr::replace(p, None)
///                                // for another `Option`, else ptr::read(p)
/// ```
pub struct MovedPart<T>(pub *const T);

impl<T> Clone for MovedPart<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for MovedPart<T> {}

/// Found first (by value, on `&&MovedPart`) for a `Copy` part.
pub trait TakeCopyPart<T> {
    /// # Safety
    /// As [`TakeOptionPart::take_part`].
    unsafe fn take_part(&self) -> T;
}

impl<T: Copy> TakeCopyPart<T> for &MovedPart<T> {
    #[inline(always)]
    unsafe fn take_part(&self) -> T {
        // SAFETY: per the caller, `self.0` points to an initialised part;
        // a `Copy` value read out leaves it as it was, still valid.
        unsafe { core::ptr::read(self.0) }
    }
}

/// Found next (by value, after one dereference) for an `Option`.
pub trait TakeOptionPart<T> {
    /// # Safety
    /// The pointer points to an initialised part that the caller now owns.
    unsafe fn take_part(&self) -> T;
}

impl<T> TakeOptionPart<Option<T>> for MovedPart<Option<T>> {
    #[inline(always)]
    unsafe fn take_part(&self) -> Option<T> {
        // SAFETY: per the caller, `self.0` points to an initialised
        // `Option` in a frame slot, which the coroutine may write (the
        // pointer is made from the slot's own `*mut`); `None` stays in its
        // place, which nothing reads but the rest's drop, as `None`.
        unsafe { core::ptr::replace(self.0.cast_mut(), None) }
    }
}

/// Found otherwise (by value, after two dereferences: `MovedPart` is
/// `Copy`).
pub trait TakeOtherPart<T> {
    /// # Safety
    /// As [`TakeOptionPart::take_part`].
    unsafe fn take_part(self) -> T;
}

impl<T> TakeOtherPart<T> for MovedPart<T> {
    #[inline(always)]
    unsafe fn take_part(self) -> T {
        // SAFETY: per the caller; the rest's drop forgets the copy left.
        unsafe { core::ptr::read(self.0) }
    }
}
