//! Whether a pattern that the lowering lets take a frame value out whole
//! names a type with a `Drop` impl (see the macro's `drop_check`): such a
//! type's fields are copied by the pattern and the value stays where it is
//! in rustc's lowering, which moving it out would change (it would drop at
//! the pattern). The type decides, through method resolution ("autoref
//! specialisation"), in a check that never runs:
//!
//! ```text
//! check_patterns(slot.ptr(), |v| {
//!     if let __coro_drop_impl @ Tag(_, _) = v {
//!         pattern_moves_out((&DropImplProbe(__coro_drop_impl)).drop_impl());
//!     }
//! });
//! ```
//!
//! `HasDropImpl` for a type with a `Drop` impl, which `pattern_moves_out`
//! rejects with a message at the user's pattern; `NoDropImpl` otherwise.

/// A reference to a part of a frame value that a pattern binds inside,
/// probed for a `Drop` impl of its type.
pub struct DropImplProbe<'a, T>(pub &'a T);

/// The part's type has a `Drop` impl.
pub struct HasDropImpl;
/// The part's type has none: the pattern moves what it binds out of it.
pub struct NoDropImpl;

/// Found first (by value) for a type with a `Drop` impl.
pub trait ProbeDropImpl {
    #[inline(always)]
    fn drop_impl(&self) -> HasDropImpl {
        HasDropImpl
    }
}

// (A `Drop` bound says nothing about drop glue in general, which is what
// the lint warns of: here the impl itself is the question.)
#[allow(drop_bounds)]
impl<T: Drop> ProbeDropImpl for DropImplProbe<'_, T> {}

/// Found otherwise (after autoref).
pub trait ProbeNoDropImpl {
    #[inline(always)]
    fn drop_impl(&self) -> NoDropImpl {
        NoDropImpl
    }
}

impl<T> ProbeNoDropImpl for &DropImplProbe<'_, T> {}

/// A pattern that binds parts of a value of this type moves them out.
#[diagnostic::on_unimplemented(
    message = "`#[coroutine]` cannot keep this value in place: its type has a `Drop` impl, so rustc copies the fields this pattern binds and leaves the value to drop at the end of its scope",
    label = "a type with a `Drop` impl, destructured by value",
    note = "match through a reference to keep the value where it is: `let &Tag(n, name) = &tag;` (or bind the fields by reading them: `let n = tag.0;`)"
)]
pub trait PatternMovesOut {}

impl PatternMovesOut for NoDropImpl {}

/// Rejects `HasDropImpl` (see [`PatternMovesOut`]).
#[inline(always)]
pub fn pattern_moves_out<K: PatternMovesOut>(_kind: K) {}

/// Types `check` (which never runs) by the value that `slot` points to.
#[inline(always)]
pub fn check_patterns<T>(_slot: *mut T, _check: impl FnOnce(&T)) {}
