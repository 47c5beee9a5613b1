//! Support for the code `#[coroutine]` emits. Not a public API: names and
//! signatures change without notice.
//!
//! The generated code has no types of its own to lean on (a proc macro sees
//! tokens, not types), so everything it does to the frame goes through the
//! small generic helpers here, whose type parameters rustc infers.

mod capture;
mod coroutine;
mod drop_check;
mod field;
mod parts;
mod reader;
mod recv;
mod slot;
mod try_op;

pub use capture::{
    ByRef, ByValue, Capture, CaptureProbe, CaptureUse, IsCopy, NotCopy, ProbeCaptureCopy,
    ProbeCaptureOther, capture,
};
pub use coroutine::{Coroutine, ExitGuard, Frame, UnwindGuard};
pub use drop_check::{
    DropImplProbe, HasDropImpl, NoDropImpl, PatternMovesOut, ProbeDropImpl, ProbeNoDropImpl,
    check_patterns, pattern_moves_out,
};
pub use field::{
    CapturedAndUsedAgain, CapturedField, CopyField, FieldMovedOutOfFrameValue, FieldProbe,
    MoveField, MovedPart, ProbeCopy, ProbeMove, TakeCopyPart, TakeOptionPart, TakeOtherPart,
    captured_and_used_again,
};
pub use parts::{DropParts, Dropper, TakeBound, Witness};
pub use reader::{
    Bytes, Lines, ProbeFuturesReader, ProbeStdReader, ProbeTokioReader, ReaderProbe, ReaderTarget,
    SplitOn, TakeChain,
};
pub use recv::{
    Borrows, BoxProbe, CopyProbe, Decide, DecidePlace, DecideTake, DerefProbe, InPlace, InSlot,
    Moved, NotProbed, PlaceRecv, ProbeArg, ProbeAs, ProbeAsyncReadRecv, ProbeBoxSelfTarget,
    ProbeBoxTarget, ProbeCopyTarget, ProbeFutureRecv, ProbeIterRecv, ProbeMutRefTarget,
    ProbeNotBoxTarget, ProbeNotStreamAskedTarget, ProbeOptionRecv, ProbeOrdRecv, ProbeOtherRecv,
    ProbeOtherTarget, ProbePollRecv, ProbeResultRecv, ProbeSinkRecv, ProbeStdAsyncReadTarget,
    ProbeStdFutureTarget, ProbeStdIterTarget, ProbeStdSinkTarget, ProbeStdStreamTarget,
    ProbeStdTypeTarget, ProbeStreamAskedTarget, ProbeStreamRecv, ProbeTakenDeref, ProbedCall,
    ProbedKind, ProbedSpill, RecvProbe, ResultShape, Spilled, StdProbe, StreamAskedProbe, TakeRecv,
    Taken, TypingProbe, decide, decide_typed, in_place, typed_as, typed_as_awaited,
};
pub use slot::{Awaitee, Flags, SendPtr, Slot, StateCell, Unbound};
pub use try_op::Branch;

/// How the handler of a `select!` the lowering wrapped in an `async` block
/// finished: with a value, or with a `return` (or `?`) or a `break`/
/// `continue` that the coroutine itself then performs.
pub enum Flow<V, R, B = ()> {
    Value(V),
    Return(R),
    /// The `k`-th `break`/`continue` of the handlers.
    Jump(u32),
    /// The `k`-th `break` of the handlers, with its value (evaluated where
    /// the `break` is, where its names are in scope). Breaks to different
    /// labels carry values of different types: `B` is a [`Carry`] chain
    /// with one link per label.
    JumpWith(u32, B),
}

/// The value of a `break` out of a wrapped block, tagged with its label:
/// the values for labels 0, 1, 2.. are `Here(v)`, `Next(Here(v))`,
/// `Next(Next(Here(v)))`.., and the chain ends in `Infallible`, so that
/// one label's `Carry<T, Infallible>` is laid out as `T` alone.
pub enum Carry<T, Rest> {
    Here(T),
    Next(Rest),
}

/// An attribute that leaves the item unchanged, so that a test can compile
/// one source both natively and lowered.
pub use coro_macros::identity;

pub use core::future::{Future, IntoFuture};
pub use core::marker::{PhantomData, PhantomPinned};
pub use core::ops::ControlFlow;
pub use core::pin::Pin;
pub use core::task::{Context, Poll};

/// The never type `!`, which stable Rust lets a function pointer's return
/// type name, and nothing else: `async fn f() -> !` returns
/// `impl Future<Output = Never>`.
pub type Never = <fn() -> ! as FnOutput>::Output;

/// The output type of a function pointer (see [`Never`]).
pub trait FnOutput {
    type Output;
}

impl<T> FnOutput for fn() -> T {
    type Output = T;
}

/// `IntoFuture::into_future`, named so that an expansion reads as what it is.
#[inline(always)]
pub fn into_future<F: IntoFuture>(f: F) -> F::IntoFuture {
    f.into_future()
}

/// Drops `value` here: `let _ = value;` (a value, not a place) and the end
/// of a local's scope where the lowering orders drops itself. Not
/// `mem::drop`, which rustc's lints flag for `Copy` values and references,
/// pointing at the user's tokens.
#[inline(always)]
pub fn discard<T>(_value: T) {}

/// In the shadow copy, just before a macro the lowering cannot see into
/// that is lent a frame value: borrows the variable mutably, so that
/// rustc's check of the shadow copy rejects the lending where anything
/// still borrows the value (moving it out of its slot and back would
/// invalidate that borrow). See `lend` in `coro-macros`.
#[inline(always)]
pub fn lent<T: ?Sized>(_value: &mut T) {}

/// The value of an `async fn` body that ends in a statement, for an output
/// type other than `()`: rustc accepts such a body only where its end is
/// unreachable (its last statement diverges, as `fatal(1);` of a
/// `fn fatal(..) -> !` does), and so does the shadow copy that rustc checks
/// beside the coroutine. Reached anyway (an output type that is `()` under
/// another name, `type Unit = ();`), it gives that `()`.
#[inline(always)]
pub fn fell_off_end<T>() -> T {
    if core::mem::size_of::<T>() == 0 && core::mem::align_of::<T>() == 1 {
        // SAFETY: the shadow copy type checks this body with rustc's own
        // lowering, where the end of a body that ends in a statement has
        // type `()` and is reachable only if the output type `T` is `()`
        // (otherwise rustc proved the last statement diverges). So here
        // `T` is `()`, a zero-sized type for which any bytes, none, are a
        // valid value.
        unsafe { core::mem::zeroed() }
    } else {
        unreachable!("the end of an `async fn` body whose last statement diverges")
    }
}

/// The `PhantomData` of a value's type: lets the frame carry the type of the
/// shadow `async` block (see `Frame`) without holding one.
#[inline(always)]
pub fn phantom_of<T>(_: &T) -> PhantomData<T> {
    PhantomData
}

/// `value`, typed by the place `_place` points to: the value written to a
/// field the lowering writes through a pointer (`partial::field_write`), or
/// to a var some of whose parts may have been read out, is checked against
/// the place's type, so it coerces as in an assignment (`m.0 =
/// Some(&name)` for an `Option<&str>` field, `best = (n, &name)` for a
/// `(usize, &str)`).
#[inline(always)]
pub fn typed_as_place<T>(_place: *mut T, value: T) -> T {
    value
}

/// `value`, typed as `T`: a value the lowering moves out of the code that
/// makes it (a `return`'s, or a tail's, inside a statement run as an
/// `async` block, `build::native`) is checked against the type rustc
/// expects of it there (the function's output, a typed `let`'s), so that
/// it coerces where rustc's does, inside it (`Err(Box::new(e))` to a
/// `Result<_, Box<dyn Error>>`), not once it is whole.
#[inline(always)]
pub fn typed<T>(value: T) -> T {
    value
}

/// Compiles only for a `Copy` part: a value that lives across an await,
/// lent to a macro the lowering cannot see into (moved into a local and
/// back, see `lend` in `coro-macros`) after a field of it was read out,
/// must have had that field copied, not moved out: the local would
/// otherwise hold (and, on a panic in the macro, drop) the moved field
/// again.
#[inline(always)]
pub fn lent_to_a_macro_after_a_part_was_read_out_must_be_copy<T: Copy>(_part: *const T) {}

/// As [`lent_to_a_macro_after_a_part_was_read_out_must_be_copy`], for a
/// part a pattern bound by value (`match q { Some(k) => .. }`), named by
/// the same pattern matched by reference in code that never runs.
#[inline(always)]
pub fn lent_to_a_macro_after_a_part_was_bound_must_be_copy<T: Copy>(_part: &T) {}

/// Compiles only for a `Copy` part: a part read out of a value that lives
/// across an await, whose enclosing field is then assigned whole (`p.pos =
/// (p.pos.0 + 1, ..)`), must have been copied, not moved out, for the
/// assignment to drop the old field whole as rustc's does
/// (`partial::copied_parts`). A part that is not `Copy` is E0277 here.
#[inline(always)]
pub fn part_read_before_its_field_is_assigned_must_be_copy<T: Copy>(_part: *const T) {}

/// A value of any type, for code that never runs: the shadow copy's first
/// `return`, which gives its `async` block the function's return type.
pub fn value_of_type<T>() -> T {
    unreachable!("the shadow copy of a coroutine's body never runs")
}

/// The output of a future that is ready at its first poll: the `async` block
/// in which the lowering converts the residual of a `?` into the function's
/// return type (with `?` itself, as rustc does).
#[inline(always)]
pub fn residual_into<F: Future>(future: F) -> F::Output {
    let future = core::pin::pin!(future);
    match future.poll(&mut Context::from_waker(core::task::Waker::noop())) {
        Poll::Ready(value) => value,
        Poll::Pending => unreachable!("a `?` conversion does not suspend"),
    }
}

/// The frame reference with a lifetime the caller chooses: borrows of frame
/// values may be stored in the frame (the frame never moves once pinned).
///
/// # Safety
/// The caller uses the reference only while the frame is alive and pinned.
#[inline(always)]
pub unsafe fn unbound<'a, F>(frame: &F) -> &'a F {
    // SAFETY: per the caller.
    unsafe { &*core::ptr::from_ref(frame) }
}

/// A part of the frame (a struct of slots in one of its unions) reached
/// from its union member without a reference to the struct: a reference to
/// a struct asserts that its padding is not written (a shared read of those
/// bytes, under Stacked Borrows), where another member's slot may hold a
/// value that a `&mut` kept in the frame points to (`let b = pin!(v);`,
/// after a part of an earlier statement). The poll reaches the part's
/// slots through the pointer, by references to them alone.
#[inline(always)]
pub const fn part_ptr<T>(member: *const core::mem::ManuallyDrop<T>) -> *const T {
    // (`ManuallyDrop<T>` is `repr(transparent)` over `T`.)
    member.cast()
}

/// `pin!(value)` as an operand of an awaited expression
/// (`join(pin!(a), pin!(b)).await`): the lowering keeps `value` in a home of
/// the frame, as rustc keeps `pin!`'s temporary to the end of the
/// statement, and pins it there.
///
/// # Safety
/// `home` is a home of the coroutine's frame, which never moves once
/// polled, and the lowering never moves its value out: it drops it in
/// place at the end of the statement, or with the frame.
#[inline(always)]
pub unsafe fn pin_kept<T>(home: &mut T) -> core::pin::Pin<&mut T> {
    // SAFETY: per the caller, the value stays at this address until it is
    // dropped.
    unsafe { core::pin::Pin::new_unchecked(home) }
}

/// Panics as rustc's own coroutines do when polled after completion.
#[cold]
#[track_caller]
pub fn resumed_after_completion() -> ! {
    panic!("`async fn` resumed after completion")
}

/// Panics as rustc's own coroutines do when polled after a panic.
#[cold]
#[track_caller]
pub fn resumed_after_panicking() -> ! {
    panic!("`async fn` resumed after panicking")
}
