//! The receiver of a method that std's iterators, `Option`, `Result` and
//! `Poll` (and the extension traits of futures and streams) take by value
//! (`it.sum()`, `opt.unwrap()`, `fut.map(f)`), called on a frame
//! value at its last use, where syntax cannot tell whose method it is: the
//! value's type decides, through method resolution ("autoref
//! specialisation").
//!
//! ```text
//! (&RecvProbe(p)).recv_kind()   // TakeRecv for those std types, else PlaceRecv
//!     .recv(p, || slot.take(live))   // the value moved out, or `&mut InSlot` to it in place
//!     .sum()
//! ```
//!
//! Moving out a value whose method borrows it (`pair.sum()` with
//! `fn sum(&self)`) would drop it at the end of the statement instead of
//! the end of its scope; leaving in place a value whose method takes it by
//! value is a compile error (a move out of a `&mut`), not a silent change.
//!
//! Any other method (`server.stop()`, `conn.close(code)`) is asked of
//! method resolution itself ([`decide`]): the call is resolved once more,
//! on the value by value, next to a trait of the coroutine's own that gives
//! every type a method of that name taking `self` (and arguments of any
//! type, or [`ProbeArg`]s where the call's arguments do not type them). A method of
//! the value's type that takes `self` by value is found at the same step,
//! and an inherent one wins; one that takes `&self` or `&mut self` is found
//! only at the autoref step after it, so the coroutine's wins:
//!
//! ```text
//! trait ReceiverProbe_write_Trait_method_value { fn stop(self) -> Borrows; }     // in a block of its own
//! impl<T> ReceiverProbe_write_Trait_method_value for T { .. }
//! (&decide((&CopyProbe(p)).target(), (&BoxProbe(p)).target(),
//!     |v, b, (), ()| (v.stop(), b.stop())))      // Decide<(usize, Borrows)> or Decide<(Borrows, Borrows)>
//!     .recv_kind()                              // TakeRecv unless both are `Borrows`: PlaceRecv
//!     .recv(p, || slot.take(live))
//!     .stop()
//! ```
//!
//! A `Box` of a sized value is asked twice: as its contents (`CopyProbe`'s
//! target, whose methods taking `self` its auto-deref reaches) and as the
//! box (`BoxProbe`'s, whose contents' methods taking `self: Box<Self>` are
//! found there). Any other value's second question is asked of
//! [`NotProbed`], which only the probe's own method answers.
//!
//! A `Copy` value is never probed (it is used in place, where a method
//! taking `self` copies it), so a trait method taking `self` of a `Copy`
//! type does not meet the probe's; nor is a `&mut` reference (used in
//! place, it is reborrowed), whose target's trait methods taking `&mut self`
//! would. On any other type, a trait method taking
//! `self` makes the probe's call ambiguous (E0034, naming `ReceiverProbe_write_Trait_method_value`):
//! it could not be called in place either (E0507). Nor can a method taking
//! `self` by value whose parameters are generic (`fn send<M: Into<Msg>>(self,
//! m: M)`) when the probe's arguments get no type (E0283): the call's own
//! arguments type them (see [`ProbedCall`], and [`ProbedSpill`] where they
//! await), except arguments that name the variable (not awaiting), or a
//! `move` closure before an argument that names what it copies.

use core::marker::PhantomData;
use core::task::Poll;

/// A pointer to a frame value, probed for its type.
pub struct RecvProbe<T>(pub *mut T);

/// One of std's types whose methods of the name take `self`: move out.
/// (`Copy`: a closure's use of a captured value keeps the kind its capture
/// was decided by, see `capture`.)
#[derive(Clone, Copy)]
pub struct TakeRecv;
/// Anything else: used in place.
#[derive(Clone, Copy)]
pub struct PlaceRecv;

/// A frame value used in place as a method's receiver, reached as `&mut
/// InSlot<T>`: method resolution reaches the value through `Deref` for a
/// method taking `&self` and through `DerefMut` for one taking `&mut self`,
/// so a `&self` method gets a shared reference, as rustc's autoref gives it
/// (`g.count()` with `fn count(&self)`), and a `&mut self` one a `&mut`.
///
/// Handing every such call a `&mut T` instead would claim the value for the
/// call: a shared borrow of it still in use (`let x = g.label(); let n =
/// g.count(); x.len() + n`) would be invalidated (Stacked Borrows reports
/// it). `InSlot` is `!Unpin` (`PhantomPinned`), and a `&mut` to a `!Unpin`
/// type asserts no uniqueness (rustc gives it no `noalias`, and Stacked
/// Borrows does not retag it as unique), so only the reference its `Deref`
/// or `DerefMut` gives the method says what the method may do.
#[repr(transparent)]
pub struct InSlot<T>(T, core::marker::PhantomPinned);

impl<T> InSlot<T> {
    /// The value `value` points to, as a receiver.
    ///
    /// # Safety
    /// `value` points to an initialised value in a slot of the frame (which
    /// does not move while the coroutine lives), and no `&mut` to it is in
    /// use while the returned reference is.
    #[inline(always)]
    pub(crate) unsafe fn reach<'a>(value: *mut T) -> &'a mut InSlot<T> {
        // SAFETY: `InSlot<T>` is `repr(transparent)` over `T` (its other
        // field is of size 0), so the pointer is one to an `InSlot<T>`;
        // valid and not otherwise borrowed mutably, per the caller.
        unsafe { &mut *value.cast::<InSlot<T>>() }
    }

    /// The value `value` points to, as a shared receiver.
    ///
    /// # Safety
    /// `value` points to an initialised value, valid for reads while the
    /// returned reference is in use, which no `&mut` then writes.
    #[inline(always)]
    pub(crate) unsafe fn reach_shared<'a>(value: *const T) -> &'a InSlot<T> {
        // SAFETY: as in `reach`, the pointer is one to an `InSlot<T>`;
        // valid and not written meanwhile, per the caller.
        unsafe { &*value.cast::<InSlot<T>>() }
    }
}

impl<T> core::ops::Deref for InSlot<T> {
    type Target = T;

    #[inline(always)]
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> core::ops::DerefMut for InSlot<T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

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

/// Found first (by value) for a future: the methods of futures' extension
/// traits of these names (`map`, `then`, `inspect`) take `self`.
pub trait ProbeFutureRecv {
    #[inline(always)]
    fn recv_kind(&self) -> TakeRecv {
        TakeRecv
    }
}

impl<T: core::future::Future> ProbeFutureRecv for RecvProbe<T> {}

/// Found first (by value) for a stream: the methods of its extension traits
/// (futures', tokio-stream's) of these names (`map`, `filter`, `take`,
/// `collect`) take `self`.
pub trait ProbeStreamRecv {
    #[inline(always)]
    fn recv_kind(&self) -> TakeRecv {
        TakeRecv
    }
}

impl<T: futures_core::Stream> ProbeStreamRecv for RecvProbe<T> {}

/// Found first (by value) for a sink (futures' `Sink` of some `Item`,
/// which method resolution infers): the methods of `SinkExt` of these
/// names (`with`, `buffer`, `fanout`) take `self`. In scope only for those
/// names (see `StdTakers::Sinks` in the macro).
pub trait ProbeSinkRecv<Item> {
    #[inline(always)]
    fn recv_kind(&self) -> TakeRecv {
        TakeRecv
    }
}

impl<T: futures_sink::Sink<Item>, Item> ProbeSinkRecv<Item> for RecvProbe<T> {}

/// Found first (by value) for a reader (futures' `AsyncRead`): the methods
/// of `AsyncReadExt` of these names (`split`, `take`, `chain`) take `self`.
/// In scope only for those names (see `StdTakers::AllAndReaders` in the
/// macro), so a reader's own methods of the other names are still asked.
/// (Without the `std` feature, no type is a reader.)
pub trait ProbeAsyncReadRecv {
    #[inline(always)]
    fn recv_kind(&self) -> TakeRecv {
        TakeRecv
    }
}

#[cfg(feature = "std")]
impl<T: futures_io::AsyncRead> ProbeAsyncReadRecv for RecvProbe<T> {}

/// Found otherwise (after autoref).
pub trait ProbeOtherRecv {
    #[inline(always)]
    fn recv_kind(&self) -> PlaceRecv {
        PlaceRecv
    }
}

impl<T> ProbeOtherRecv for &RecvProbe<T> {}

/// A pointer to a frame value read through by `*` as a value (`f(*b)`),
/// at its last use, probed for its type: a `Box` gives up its contents,
/// moved out whole (rustc lets a `Box` held in a local do that, which the
/// value in its slot is not), and a raw pointer is copied out; anything
/// else (a reference, a smart pointer) is read through in place.
///
/// ```text
/// *(&DerefProbe(p)).recv_kind()              // TakeRecv for a `Box`, else PlaceRecv
///     .deref_operand(p, || slot.take(live))  // the `Box` moved out, or `&*value`
/// ```
pub struct DerefProbe<T>(pub *mut T);

/// Found first (by value) for a `Box` and a raw pointer.
pub trait ProbeTakenDeref {
    #[inline(always)]
    fn recv_kind(&self) -> TakeRecv {
        TakeRecv
    }
}

// (A `Box` needs `alloc`, which only the `std` feature brings in: without
// it, a `Box` is read through as any pointer, E0507 for what is not `Copy`.)
#[cfg(feature = "std")]
impl<T: ?Sized> ProbeTakenDeref for DerefProbe<std::boxed::Box<T>> {}
impl<T: ?Sized> ProbeTakenDeref for DerefProbe<*const T> {}
impl<T: ?Sized> ProbeTakenDeref for DerefProbe<*mut T> {}

impl<T> ProbeOtherRecv for &DerefProbe<T> {}

/// The probe's answer: the method borrows its receiver. Returned by the
/// coroutine's own probe trait, which method resolution picks only when the
/// value's type has no method of the name taking `self`.
pub struct Borrows;

/// The type of the arguments of the probe's own method: the probe's call
/// passes the closure's parameters, which take this type when the probe's
/// method is the one found (the value's method gives them its own types).
pub struct ProbeArg;

/// What the probe's call returned: [`Borrows`], or the method's own output;
/// `A`: the types of its arguments, `Q`: the output of the user's call
/// (see [`ProbedCall`]).
pub struct Decide<R, A, Q = ()>(Covariant<(R, A, Q)>);

/// Types a helper is covariant in, never holding their values (nor their
/// auto traits: a `fn` pointer is `Send` and `Sync`).
type Covariant<T> = PhantomData<fn() -> T>;

/// The receiver type the probe resolves its call on: the frame value's
/// type, or [`NotProbed`] for a `Copy` value (see [`CopyProbe`]).
pub struct ProbeAs<U>(PhantomData<U>);

/// Stands in for a `Copy` receiver, so that the probe's call resolves to the
/// probe's own method (used in place).
pub struct NotProbed;

/// Resolves `call` on a value of the probed type, and on the value's own
/// type where that is a `Box` (`boxed`, see [`BoxProbe`]), with arguments
/// typed by the method found (never runs it): its first answer is the
/// method found on the probed type, its second the one on the box. `A2`,
/// the arguments of the call on the box, are their own types: where the
/// probe's method is found, they are [`ProbeArg`]s.
#[inline(always)]
#[allow(clippy::type_complexity)]
pub fn decide<U, B, A, A2, R, S>(
    _receiver: ProbeAs<U>,
    _boxed: ProbeAs<B>,
    _call: impl FnOnce(U, B, A, A2) -> (R, S),
) -> Decide<(R, S), A> {
    Decide(PhantomData)
}

/// [`decide`] where the call's arguments type both calls (see
/// [`ProbedCall`]): the same arguments. `typed`: the user's call on the
/// value (of type `value`, see [`TypingProbe`]), out of the probe's reach, which
/// gives the arguments the types of the method's parameters as
/// expectations even where the probe's own method is found (`&[&name]`
/// coerces to a `&[&str]` only so), and its output, `Q`, the user's call's
/// (what types a method generic only in its output; not where a closure
/// literal is among the arguments of a call at hand, whose type that
/// output may name: the macro's `probe_decide`; a call spilled before an
/// awaiting argument keeps the tie). Written after a `loop {}`, it is
/// typed but not borrow-checked.
#[inline(always)]
#[allow(clippy::type_complexity)]
pub fn decide_typed<U, B, T, A, R, S, Q>(
    _receiver: ProbeAs<U>,
    _boxed: ProbeAs<B>,
    _value: ProbeAs<T>,
    _typed: impl FnOnce(T, A, PhantomData<Q>),
    _call: impl FnOnce(U, B, A, A) -> (R, S),
) -> Decide<(R, S), A, Q> {
    Decide(PhantomData)
}

/// A pointer to a frame value, for the receiver its typing call (see
/// [`decide_typed`]) is made on: the value by value, as a method taking
/// `self` gets it. A method that borrows finds the same method through its
/// autoref as the user's call does through [`InSlot`], whose `Deref` leads
/// to the value: a reference (always used in place, see [`CopyProbe`],
/// [`StdProbe`]) resolves as natively (`reader.read(buf)` on `reader: &mut
/// R`, `R: AsyncRead`: `Read<'_, R>`).
pub struct TypingProbe<T>(pub *mut T);

impl<T> TypingProbe<T> {
    /// The type the typing call is made on.
    #[inline(always)]
    pub fn typing(&self) -> ProbeAs<T> {
        ProbeAs(PhantomData)
    }

    /// A value of that type, for a copy of the user's call that types the
    /// results of its closure literals (see [`ResultShape`]), written
    /// after a `loop {}`: never called.
    #[inline(always)]
    pub fn value(&self) -> T {
        unreachable!("the probe's copy of the call is never made")
    }
}

/// The result type, `R`, of a closure literal without parameters among a
/// probed call's arguments (see [`decide_typed`]). The probe's call passes
/// a closure of its own in its place, `|| shape.value()`, which returns
/// `R`; and a copy of the user's closure, `|| shape.ret(body)`, written
/// after a `loop {}` (typed, never made, not borrow-checked) after the
/// probe, types `R` as the user's closure's result. Without it, a method
/// whose own type parameter in its output only that result types (`fn
/// make<A>(self, f: impl Fn() -> A) -> A`) would leave the probe's answer
/// to unify with [`Borrows`] when the kind is picked.
///
/// ```text
/// let shape = ResultShape::new();
/// let d = decide_typed(.., |v, b, (), ()| (v.make(|| shape.value()), ..));
/// if false { loop {} let _ = || shape.ret(0); }   // `|| 0`: R is {integer}
/// d
/// ```
///
/// A bound's own result type reaches `R` first, through the probe's
/// closure (`impl Fn() -> Box<dyn Display>`), and types the copy's body as
/// rustc types the user's, which may coerce to it (`|| Box::new(5)`).
///
/// A closure literal with parameters, which only the method's bounds and
/// the other arguments type, gets its shape where the probed call is typed
/// by its arguments: the probe passes `move |_| shape.value()`, and its
/// copy is an argument of a copy of the whole call on a value of the
/// receiver's type ([`TypingProbe::value`]), with copies of the other
/// arguments, after the same `loop {}`:
///
/// ```text
/// if false { loop {} let _ = TypingProbe(p).value().with(1, |v| shape.ret(v.len())); }
/// ```
pub struct ResultShape<R>(Covariant<R>);

impl<R> Clone for ResultShape<R> {
    #[inline(always)]
    fn clone(&self) -> Self {
        *self
    }
}

impl<R> Copy for ResultShape<R> {}

impl<R> ResultShape<R> {
    #[inline(always)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        ResultShape(PhantomData)
    }

    /// The result, in the probe's closure, which is never called.
    #[inline(always)]
    pub fn value(self) -> R {
        unreachable!("the probe's closures are never called")
    }

    /// The user's closure's body, in its copy, which is never made.
    #[inline(always)]
    pub fn ret(self, result: R) -> R {
        result
    }
}

/// Gives `Q` (the user's call's output, see [`decide_typed`]) the type of
/// the output of the typing call.
#[inline(always)]
pub fn typed_as<Q>(_output: PhantomData<Q>, _typed: Q) {}

/// Gives the future `Q` (the user's call's output, see [`decide_typed`]),
/// awaited at once, the output of the typing call's future. Where closure
/// literals are among the arguments, the two futures are not one type (an
/// `async fn` method's future names its closure's type), but what they
/// resolve to is: that types a closure's result that only the code after
/// the `.await` types (`cell.get_or_try_init(|| async { Ok(v) }).await?`,
/// whose error type the `?` gives), in the copy of the closure that types
/// the probe's (see [`ResultShape`]).
#[inline(always)]
pub fn typed_as_awaited<Q, P>(_output: PhantomData<Q>, _typed: P)
where
    Q: core::future::IntoFuture,
    P: core::future::IntoFuture<Output = Q::Output>,
{
}

/// Found first (by value) when the probe's own method was called, on the
/// probed type and on the box alike.
pub trait DecidePlace {
    #[inline(always)]
    fn recv_kind(&self) -> PlaceRecv {
        PlaceRecv
    }
}

impl<A, Q> DecidePlace for Decide<(Borrows, Borrows), A, Q> {}

/// Found otherwise (after autoref): the value's method takes `self`.
pub trait DecideTake {
    #[inline(always)]
    fn recv_kind(&self) -> TakeRecv {
        TakeRecv
    }
}

impl<R, A, Q> DecideTake for &Decide<R, A, Q> {}

// A probed call whose arguments type the probe
//
// `builder.name("x")` with `fn name<S: Into<String>>(self, s: S)`: resolved
// without its arguments, the probe's call cannot tell what `S` is (E0283).
// So where the arguments can (none names the variable, none awaits), they
// are passed to the probe's call too: its closure's parameters, the user's
// call and the arguments share their types.
//
// ```text
// let d = decide_typed(target, box_target, p,
//     |w, (a,), q| { loop {} typed_as(q, w.name(a)); },  // the user's call, typing `A` and `Q`
//     |v, b, (a,), (c,)| (v.name(a), b.name(c)));  // the probe
// d.receiver(p, || slot.take(live))                // ProbedCall: the value moved out, or `&mut InSlot` to it
//     .call(("x",), |d, p| d.recv_kind(), |r, (a,)| r.name(a))
// ```
//
// The receiver's kind (`TakeRecv` or `PlaceRecv`, see [`ProbedKind`]) is
// picked in the closure `|d, p| d.recv_kind()`, which rustc types after
// the call's other arguments (as it types every closure among a call's
// arguments): by then the arguments have typed the probe's answer, which
// may be the method's output, generic in them (`fold<A>(self, init: A,
// ..) -> A`). Picked before, an output not known yet would unify with
// `Borrows` (E0308). `receiver`, generic in the kind, still moves the
// value out (or borrows it) before the arguments run.
//
// Not a closure: rustc types a closure's parameters from the bounds of the
// call it is an argument of, and not through a second call when the bound
// is higher-ranked (`F: FnOnce(&str)`: E0282). Closure literals are
// written in the user's call instead (made there, after the other
// arguments: nothing can tell, unless a `move` closure copies what a later
// argument changes, which the lowering does not probe), and the probe's
// call passes closures of the same number of parameters that are never
// called (`|_| unreachable!()`), typed by the method found just as the
// user's:
//
// ```text
// decide_typed(target, box_target, p, .., |v, b, (a,), (c,)| (v.with(a, |_| unreachable!()), ..))
//     ..
//     .call((n,), |d, p| d.recv_kind(), |r, (a,)| r.with(a, |s| s.len()))
// ```
//
// A closure of the probe's returns what nothing types, which a method's
// output generic only in it (`fn make<A>(self, f: impl Fn() -> A) -> A`)
// would leave to unify with `Borrows`. So a closure literal without
// parameters gets one returning its result type, typed by a copy of the
// literal that is never made (see [`ResultShape`]).
//
// As in rustc's call, the receiver is moved out (or borrowed) before the
// arguments run: if one of them returns early (`?`) or panics, the moved
// value drops with the statement's temporaries.

/// What a probed receiver's kind makes of the value, picked after the
/// call's arguments are typed (see [`ProbedCall`]).
pub trait ProbedKind<'a, T> {
    /// The value itself, or `&mut InSlot` to it (see [`InSlot`]).
    type Recv;

    /// The value moved out (`Moved`), or used in place.
    type Spill;
    /// The value left in its slot, owned by the temporary (`Taken`), or
    /// used in place.
    type SpillInSlot;

    /// # Safety
    /// As [`TakeRecv::recv`] or [`PlaceRecv::recv`].
    unsafe fn receiver(value: *mut T, move_out: impl FnOnce() -> T) -> Self::Recv;

    /// # Safety
    /// As [`TakeRecv::spill`] or [`PlaceRecv::spill`].
    unsafe fn spill(value: *mut T, move_out: impl FnOnce() -> T) -> Self::Spill;

    /// # Safety
    /// As [`TakeRecv::spill_in_slot`] or [`PlaceRecv::spill_in_slot`].
    unsafe fn spill_in_slot(value: *mut T, disown: impl FnOnce()) -> Self::SpillInSlot;
}

impl<'a, T: 'a> ProbedKind<'a, T> for TakeRecv {
    type Recv = T;
    type Spill = Moved<T>;
    type SpillInSlot = Taken<'a, T>;

    #[inline(always)]
    unsafe fn receiver(value: *mut T, move_out: impl FnOnce() -> T) -> T {
        // SAFETY: per the caller.
        unsafe { TakeRecv.recv(value, move_out) }
    }

    #[inline(always)]
    unsafe fn spill(value: *mut T, move_out: impl FnOnce() -> T) -> Moved<T> {
        // SAFETY: per the caller.
        unsafe { TakeRecv.spill(value, move_out) }
    }

    #[inline(always)]
    unsafe fn spill_in_slot(value: *mut T, disown: impl FnOnce()) -> Taken<'a, T> {
        // SAFETY: per the caller.
        unsafe { TakeRecv.spill_in_slot(value, disown) }
    }
}

impl<'a, T: 'a> ProbedKind<'a, T> for PlaceRecv {
    type Recv = &'a mut InSlot<T>;
    type Spill = InPlace<'a, T>;
    type SpillInSlot = InPlace<'a, T>;

    #[inline(always)]
    unsafe fn receiver(value: *mut T, move_out: impl FnOnce() -> T) -> &'a mut InSlot<T> {
        // SAFETY: per the caller.
        unsafe { PlaceRecv.recv(value, move_out) }
    }

    #[inline(always)]
    unsafe fn spill(value: *mut T, move_out: impl FnOnce() -> T) -> InPlace<'a, T> {
        // SAFETY: per the caller.
        unsafe { PlaceRecv.spill(value, move_out) }
    }

    #[inline(always)]
    unsafe fn spill_in_slot(value: *mut T, disown: impl FnOnce()) -> InPlace<'a, T> {
        // SAFETY: per the caller.
        unsafe { PlaceRecv.spill_in_slot(value, disown) }
    }
}

impl<R, A, Q> Decide<R, A, Q> {
    /// The probed call on the value `value` points to: moved out of its
    /// slot (`move_out`), or `&mut InSlot` to it in place, as `K` (picked by the
    /// call, see [`ProbedCall::call`]) says.
    ///
    /// # Safety
    /// As [`ProbedKind::receiver`].
    #[inline(always)]
    #[allow(clippy::type_complexity)]
    pub unsafe fn receiver<'a, K: ProbedKind<'a, T>, T>(
        &self,
        value: *mut T,
        move_out: impl FnOnce() -> T,
    ) -> ProbedCall<Self, T, K, K::Recv> {
        // SAFETY: per the caller.
        ProbedCall(unsafe { K::receiver(value, move_out) }, PhantomData)
    }
}

/// A probed call's receiver, `V`, waiting for the call's arguments (typing
/// `D`, the probe) and its kind, `K`, picked from them; `T`: the value's
/// type.
pub struct ProbedCall<D, T, K, V>(V, Covariant<(D, *const T, K)>);

impl<R, A, Q, T, K, V> ProbedCall<Decide<R, A, Q>, T, K, V> {
    /// Makes the user's call, `call`, on the receiver, once `args` have run
    /// (before `call` is made: it may capture, and the closure literals
    /// the user passed are written in it). `kind`, never called, picks the
    /// receiver's kind from the probe once the arguments are typed.
    #[inline(always)]
    #[allow(clippy::type_complexity)]
    pub fn call(
        self,
        args: A,
        _kind: impl FnOnce(&Decide<R, A, Q>, *mut T) -> K,
        call: impl FnOnce(V, A) -> Q,
    ) -> Q {
        call(self.0, args)
    }
}

/// A pointer to a frame value, probed for `Copy`.
pub struct CopyProbe<T>(pub *mut T);

/// Found first (by value) for a `Copy` value: not probed.
pub trait ProbeCopyTarget {
    #[inline(always)]
    fn target(&self) -> ProbeAs<NotProbed> {
        ProbeAs(PhantomData)
    }
}

impl<T: Copy> ProbeCopyTarget for CopyProbe<T> {}

/// Found first (by value) for a `&mut` reference: not probed either. Used in
/// place, it is reborrowed for a method of its target taking `&mut self`,
/// which the probe's own method would meet at the same step.
pub trait ProbeMutRefTarget {
    #[inline(always)]
    fn target(&self) -> ProbeAs<NotProbed> {
        ProbeAs(PhantomData)
    }
}

impl<T: ?Sized> ProbeMutRefTarget for CopyProbe<&mut T> {}

/// Found first (by value) for a `Box` of a sized value: probed as its
/// contents, whose methods taking `self` its auto-deref reaches (`inner.value()`
/// with `inner: Box<Task>`, `fn value(self)`): a `Box` moved out gives its
/// contents up to such a method, which in place it could not (E0507).
pub trait ProbeBoxTarget<T> {
    #[inline(always)]
    fn target(&self) -> ProbeAs<T> {
        ProbeAs(PhantomData)
    }
}

// (A `Box` needs `alloc`, which only the `std` feature brings in.)
#[cfg(feature = "std")]
impl<T> ProbeBoxTarget<T> for CopyProbe<std::boxed::Box<T>> {}

/// A pointer to a frame value, probed for a `Box` of a sized value a
/// second time, as the box itself: [`ProbeBoxTarget`] probes its contents,
/// where a method of theirs taking `self: Box<Self>` (`child.run()` with
/// `fn run(self: Box<Self>)`) is not found by value (its receiver is the
/// box, found at the box's own step, before the contents').
pub struct BoxProbe<T>(pub *mut T);

/// Found first (by value) for a `Box` of a sized value: probed as the box.
pub trait ProbeBoxSelfTarget<T> {
    #[inline(always)]
    fn target(&self) -> ProbeAs<T> {
        ProbeAs(PhantomData)
    }
}

// (A `Box` needs `alloc`, which only the `std` feature brings in.)
#[cfg(feature = "std")]
impl<T> ProbeBoxSelfTarget<std::boxed::Box<T>> for BoxProbe<std::boxed::Box<T>> {}

/// Found otherwise (after autoref): not probed a second time.
pub trait ProbeNotBoxTarget {
    #[inline(always)]
    fn target(&self) -> ProbeAs<NotProbed> {
        ProbeAs(PhantomData)
    }
}

impl<T> ProbeNotBoxTarget for &BoxProbe<T> {}

impl ProbeAs<NotProbed> {
    /// Not probed (a second time, as a box: see [`BoxProbe`]).
    #[inline(always)]
    pub fn not_probed() -> Self {
        ProbeAs(PhantomData)
    }
}

/// Found otherwise (after autoref): probed as itself.
pub trait ProbeOtherTarget<T> {
    #[inline(always)]
    fn target(&self) -> ProbeAs<T> {
        ProbeAs(PhantomData)
    }
}

impl<T> ProbeOtherTarget<T> for &CopyProbe<T> {}

// The target of a method std's types take by value
//
// `resp.map(f)` on a type of the user's whose `map` takes `self`: the name
// is one of std's (`Form::TakeStd`'s list), so [`RecvProbe`] moves out an
// iterator, `Option`, `Result`, `Poll`, future or stream, and would use
// anything else in place (E0507). The probe of [`decide`] answers for anything else; on
// std's types it would meet their trait methods (`Iterator::map` and the
// probe's `map` both take `self`: E0034), so those are not probed:
//
// ```text
// (&RecvProbe(p)).recv_kind()                      // TakeRecv for std's types
//     .or((&decide((&&StdProbe(p)).target(), ..)).recv_kind())  // else as the type's method says
// ```
//
// `(&&StdProbe(p)).target()` finds, in this order (`&self` methods: the
// impl on `&StdProbe` first, then on `&&StdProbe`, then on `StdProbe`),
// `NotProbed` for a reference (whose target's methods taking `&self` or
// `&mut self` would meet the probe's), `NotProbed` for std's types, and the
// value's own type otherwise. (Not `NotProbed` for any `Copy` value, as
// [`CopyProbe`]: whether a future of an `async` block in the same function
// is `Copy` is not known while its function is type-checked, so method
// resolution would pick that impl, then fail.)

/// A pointer to a frame value whose method has a name std's types take
/// `self` for, probed for the target of [`decide`].
pub struct StdProbe<T>(pub *mut T);

impl<T: ?Sized> ProbeCopyTarget for &StdProbe<&T> {}

impl<T: ?Sized> ProbeMutRefTarget for &StdProbe<&mut T> {}

/// Found second for an iterator: not probed ([`RecvProbe`] moves it out).
pub trait ProbeStdIterTarget {
    #[inline(always)]
    fn target(&self) -> ProbeAs<NotProbed> {
        ProbeAs(PhantomData)
    }
}

impl<T: Iterator> ProbeStdIterTarget for &&StdProbe<T> {}

/// Found second for an `Option`, a `Result` or a `Poll`: not probed
/// ([`RecvProbe`] moves it out).
pub trait ProbeStdTypeTarget {
    #[inline(always)]
    fn target(&self) -> ProbeAs<NotProbed> {
        ProbeAs(PhantomData)
    }
}

/// Found second for a future: not probed ([`RecvProbe`] moves it out).
pub trait ProbeStdFutureTarget {
    #[inline(always)]
    fn target(&self) -> ProbeAs<NotProbed> {
        ProbeAs(PhantomData)
    }
}

impl<T: core::future::Future> ProbeStdFutureTarget for &&StdProbe<T> {}

/// Found second for a stream: not probed ([`RecvProbe`] moves it out).
pub trait ProbeStdStreamTarget {
    #[inline(always)]
    fn target(&self) -> ProbeAs<NotProbed> {
        ProbeAs(PhantomData)
    }
}

impl<T: futures_core::Stream> ProbeStdStreamTarget for &&StdProbe<T> {}

/// A pointer to a frame value whose method `any` or `all` is called at
/// its last use: futures' `StreamExt` takes `self` for those names,
/// tokio-stream's `&mut self`. On a stream, the macro's own probe of the
/// name, implemented for `&T`, asks method resolution which one is in
/// scope: one taking `self` is found before it (moved out), one taking
/// `&mut self` after it (used in place). Anything else is not probed here.
pub struct StreamAskedProbe<T>(pub *mut T);

/// Found first for a stream: probed as itself.
pub trait ProbeStreamAskedTarget<T> {
    #[inline(always)]
    fn target(&self) -> ProbeAs<T> {
        ProbeAs(PhantomData)
    }
}

impl<T: futures_core::Stream> ProbeStreamAskedTarget<T> for &&StreamAskedProbe<T> {}

/// Found otherwise: not probed (the probe's own method answers).
pub trait ProbeNotStreamAskedTarget {
    #[inline(always)]
    fn target(&self) -> ProbeAs<NotProbed> {
        ProbeAs(PhantomData)
    }
}

impl<T> ProbeNotStreamAskedTarget for StreamAskedProbe<T> {}

/// Found second for a sink, for the names of [`ProbeSinkRecv`]: not probed
/// ([`RecvProbe`] moves it out; the probe's method would meet `SinkExt`'s,
/// E0034).
pub trait ProbeStdSinkTarget<Item> {
    #[inline(always)]
    fn target(&self) -> ProbeAs<NotProbed> {
        ProbeAs(PhantomData)
    }
}

impl<T: futures_sink::Sink<Item>, Item> ProbeStdSinkTarget<Item> for &&StdProbe<T> {}

/// Found second for a reader, for the names of [`ProbeAsyncReadRecv`]: not
/// probed ([`RecvProbe`] moves it out; the probe's method would meet
/// `AsyncReadExt`'s, E0034).
pub trait ProbeStdAsyncReadTarget {
    #[inline(always)]
    fn target(&self) -> ProbeAs<NotProbed> {
        ProbeAs(PhantomData)
    }
}

#[cfg(feature = "std")]
impl<T: futures_io::AsyncRead> ProbeStdAsyncReadTarget for &&StdProbe<T> {}

impl<T> ProbeStdTypeTarget for &&StdProbe<Option<T>> {}
impl<T, E> ProbeStdTypeTarget for &&StdProbe<Result<T, E>> {}
impl<T> ProbeStdTypeTarget for &&StdProbe<Poll<T>> {}

impl<T> ProbeOtherTarget<T> for StdProbe<T> {}

impl TakeRecv {
    /// Either probe's answer: this one moves out.
    #[inline(always)]
    pub fn or<K>(self, _other: K) -> TakeRecv {
        TakeRecv
    }
}

impl PlaceRecv {
    /// Either probe's answer: this one leaves the value in place, so the
    /// other decides.
    #[inline(always)]
    pub fn or<K>(self, other: K) -> K {
        other
    }
}

impl TakeRecv {
    /// # Safety
    /// `move_out` moves the value out of its slot (its last use).
    #[inline(always)]
    pub unsafe fn recv<T>(self, _value: *mut T, move_out: impl FnOnce() -> T) -> T {
        move_out()
    }

    /// As [`TakeRecv::recv`], for a field of a frame value reached through
    /// a `*const` (`config.limit.unwrap_or(30)`, see [`PlaceRecv::recv_field`]).
    ///
    /// # Safety
    /// As [`TakeRecv::recv`].
    #[inline(always)]
    pub unsafe fn recv_field<T>(self, _value: *const T, move_out: impl FnOnce() -> T) -> T {
        move_out()
    }

    /// The `Box` (or raw pointer) moved out of its slot (its last use):
    /// the user's `*` then moves its contents out, and the emptied `Box` is
    /// freed at once.
    ///
    /// # Safety
    /// As [`TakeRecv::recv`].
    #[inline(always)]
    pub unsafe fn deref_operand<T>(self, _value: *mut T, move_out: impl FnOnce() -> T) -> T {
        move_out()
    }
}

impl PlaceRecv {
    /// The field of a frame value a method of the name std's types take
    /// by value is called on, used in place, through a shared reference:
    /// the field is reached with `&raw const`, through a shared `Deref`
    /// (an `Arc`'s, a `Ref`'s) as rustc reaches it to call a `&self`
    /// method or copy a `Copy` value out. (A `&mut self` method of the
    /// name is rustc's E0596 here.)
    ///
    /// # Safety
    /// `value` points to an initialised value, which nothing writes while
    /// the returned reference is alive.
    #[inline(always)]
    pub unsafe fn recv_field<'a, T>(
        self,
        value: *const T,
        _move_out: impl FnOnce() -> T,
    ) -> &'a InSlot<T> {
        // SAFETY: per the caller.
        unsafe { InSlot::reach_shared(value) }
    }

    /// # Safety
    /// `value` points to an initialised value in its slot, which no other
    /// reference uses while the returned one is alive.
    #[inline(always)]
    pub unsafe fn recv<'a, T>(
        self,
        value: *mut T,
        _move_out: impl FnOnce() -> T,
    ) -> &'a mut InSlot<T> {
        // SAFETY: per the caller (the slot is pinned in the frame, so the
        // pointer stays valid for as long as the method call uses it).
        unsafe { InSlot::reach(value) }
    }

    /// What `*value` reads, through a shared reference to it: the user's
    /// `*` then copies it out (or is rustc's E0507, as natively, for a
    /// value that is not `Copy` behind anything but a `Box`).
    ///
    /// # Safety
    /// As [`PlaceRecv::recv`].
    #[inline(always)]
    pub unsafe fn deref_operand<'a, D: core::ops::Deref + 'a>(
        self,
        value: *mut D,
        _move_out: impl FnOnce() -> D,
    ) -> &'a D::Target {
        // SAFETY: per the caller; the reference reads the value in place.
        unsafe { &*value }
    }
}

/// Found first (by value) for a totally ordered value, for `max`, `min`
/// and `clamp`, which `Ord` takes by value (a `Copy` value is copied out,
/// as in place). Others (`f64::max` takes `self` too, a type's own `max`
/// may borrow) are used in place, through `&mut InSlot`, whose `Deref`
/// leads method resolution to their own methods (`Ord`'s cannot meet them:
/// they are not `Ord`).
pub trait ProbeOrdRecv {
    #[inline(always)]
    fn recv_kind(&self) -> TakeRecv {
        TakeRecv
    }
}

impl<T: Ord> ProbeOrdRecv for RecvProbe<T> {}

// ---------------------------------------------------------------------------
// A receiver evaluated before arguments that await
//
// `o.unwrap_or(fallback().await)`: rustc moves `o` into the call (or, for a
// method that borrows it, takes the borrow) before the argument's await, so
// cancelled there, the moved value drops as one of the statement's
// temporaries. The lowering evaluates the receiver into a temporary before
// the arguments too, as whichever the method needs:
//
// ```text
// let t = (&RecvProbe(p)).recv_kind().spill(p, || slot.take(live));  // Moved<T> or InPlace<T>
// <suspend on fallback()>
// Spilled::receiver(t).unwrap_or(output)                             // T, or &mut T
// ```

/// A receiver moved out of its slot before the call's arguments ran.
pub struct Moved<T>(pub T);

/// A receiver taken by value before the call's arguments ran, left where
/// it is until the call: its slot no longer owns it (its drop flag is
/// clear), this does. So a spill costs a pointer, not a second copy of the
/// value, and a cancellation during the arguments' awaits drops the value
/// where this temporary drops, as rustc drops the receiver it moved into
/// the call. The lowering uses it only for a variable that nothing assigns
/// (an argument assigning the moved-from variable would overwrite it).
pub struct Taken<'a, T>(*mut T, PhantomData<&'a mut T>);

impl<T> Taken<'_, T> {
    /// # Safety
    /// `value` points to an initialised value in a slot that no longer owns
    /// it (flag cleared), which nothing else reads, writes or drops until
    /// this is dropped or taken by [`Spilled::receiver`].
    #[inline(always)]
    pub unsafe fn new(value: *mut T) -> Self {
        Taken(value, PhantomData)
    }
}

impl<T> Drop for Taken<'_, T> {
    fn drop(&mut self) {
        // SAFETY: this owns the value (`new`'s contract), and dropping it
        // ends that ownership.
        unsafe { self.0.drop_in_place() }
    }
}

/// A receiver the call uses in place: where it is, reached only when the
/// call is made (after the arguments' awaits), as the reborrow rustc takes.
pub struct InPlace<'a, T>(*mut T, PhantomData<&'a mut T>);

/// A receiver used in place: `value` points into a slot of the frame, which
/// does not move while the coroutine lives.
#[inline(always)]
pub fn in_place<'a, T>(value: *mut T) -> InPlace<'a, T> {
    InPlace(value, PhantomData)
}

impl TakeRecv {
    /// # Safety
    /// As [`TakeRecv::recv`].
    #[inline(always)]
    pub unsafe fn spill<T>(self, _value: *mut T, move_out: impl FnOnce() -> T) -> Moved<T> {
        Moved(move_out())
    }

    /// # Safety
    /// `disown` clears the value's drop flag; then as [`Taken::new`].
    #[inline(always)]
    pub unsafe fn spill_in_slot<'a, T>(self, value: *mut T, disown: impl FnOnce()) -> Taken<'a, T> {
        disown();
        // SAFETY: per the caller.
        unsafe { Taken::new(value) }
    }
}

impl PlaceRecv {
    /// # Safety
    /// `value` points to a value in its slot, which stays there (in scope,
    /// not moved) until the call.
    #[inline(always)]
    pub unsafe fn spill<'a, T>(
        self,
        value: *mut T,
        _move_out: impl FnOnce() -> T,
    ) -> InPlace<'a, T> {
        in_place(value)
    }

    /// # Safety
    /// As [`PlaceRecv::spill`] (the value stays its slot's).
    #[inline(always)]
    pub unsafe fn spill_in_slot<'a, T>(
        self,
        value: *mut T,
        _disown: impl FnOnce(),
    ) -> InPlace<'a, T> {
        in_place(value)
    }
}

/// The receiver a spilled temporary stands for, at the call.
pub trait Spilled {
    type Receiver;

    /// # Safety
    /// For [`InPlace`]: no other reference to the value is alive (the
    /// shadow copy's borrow check of the same call).
    unsafe fn receiver(self) -> Self::Receiver;
}

impl<T> Spilled for Moved<T> {
    type Receiver = T;

    #[inline(always)]
    unsafe fn receiver(self) -> T {
        self.0
    }
}

impl<T> Spilled for Taken<'_, T> {
    type Receiver = T;

    #[inline(always)]
    unsafe fn receiver(self) -> T {
        let this = core::mem::ManuallyDrop::new(self);
        // SAFETY: this owns the value (`Taken::new`'s contract), and hands
        // it over without dropping it.
        unsafe { this.0.read() }
    }
}

impl<'a, T> Spilled for InPlace<'a, T> {
    type Receiver = &'a mut InSlot<T>;

    #[inline(always)]
    unsafe fn receiver(self) -> &'a mut InSlot<T> {
        // SAFETY: the slot still holds the value (`PlaceRecv::spill`'s
        // contract) and nothing else borrows it mutably (the caller's).
        unsafe { InSlot::reach(self.0) }
    }
}

// A probed receiver spilled before arguments that await
//
// `builder.header("k", token().await)` with `fn header<V: Into<String>>(self,
// k: &str, v: V)`: the receiver is moved out (or borrowed) before the await,
// as the probe decides, but the probe can be typed by the call's arguments
// only at the call, after the await. The spilled temporary carries the
// probe's argument types `A`; the call gives them:
//
// ```text
// let t = d.spill(p, || slot.take(live));   // ProbedSpill: Moved<T> or InPlace<T>, as the kind says
// <suspend on token()>
// ProbedSpill::call(t, ("k", output), |d, p| d.recv_kind(), |r, (a, b)| r.header(a, b))
// ```
//
// The kind is picked at the call, as [`ProbedCall`]'s, once the arguments
// have typed the probe's answer; the spill, generic in it, moves the value
// out (or leaves it) before the await.

/// A spilled receiver (see [`Spilled`]) whose probe (`D`) awaits the call's
/// arguments to be typed, and its kind, `K`, picked from them; `T`: the
/// value's type.
///
/// Covariant in the probe's arguments: the frame's slot holds it, and the
/// frame's types' lifetimes span the whole poll, but an argument may borrow
/// a value that lives only at the call (`header("k", &token().await)`).
/// The call's arguments' types, of shorter lifetimes, are a supertype of
/// the slot's, so the borrow need not outlive the poll; method resolution,
/// which decided the probe, does not look at lifetimes.
pub struct ProbedSpill<D, T, K, S>(S, Covariant<(D, *const T, K)>);

impl<R, A, Q> Decide<R, A, Q> {
    /// The value `value` points to, spilled as `K` (picked by the call, see
    /// [`ProbedSpill::call`]) says: moved out of its slot (`move_out`), or
    /// used in place.
    ///
    /// # Safety
    /// As [`TakeRecv::spill`] or [`PlaceRecv::spill`].
    #[inline(always)]
    #[allow(clippy::type_complexity)]
    pub unsafe fn spill<'a, K: ProbedKind<'a, T>, T>(
        &self,
        value: *mut T,
        move_out: impl FnOnce() -> T,
    ) -> ProbedSpill<Self, T, K, K::Spill> {
        // SAFETY: per the caller.
        ProbedSpill(unsafe { K::spill(value, move_out) }, PhantomData)
    }

    /// As [`Decide::spill`], the value left in its slot (`disown` clears
    /// its drop flag) where it is moved out.
    ///
    /// # Safety
    /// As [`TakeRecv::spill_in_slot`] or [`PlaceRecv::spill_in_slot`].
    #[inline(always)]
    #[allow(clippy::type_complexity)]
    pub unsafe fn spill_in_slot<'a, K: ProbedKind<'a, T>, T>(
        &self,
        value: *mut T,
        disown: impl FnOnce(),
    ) -> ProbedSpill<Self, T, K, K::SpillInSlot> {
        // SAFETY: per the caller.
        ProbedSpill(unsafe { K::spill_in_slot(value, disown) }, PhantomData)
    }
}

impl<R, A, Q, T, K, S: Spilled> ProbedSpill<Decide<R, A, Q>, T, K, S> {
    /// Makes the user's call, `call`, on the receiver, with `args`; `kind`,
    /// never called, picks the receiver's kind from the probe once the
    /// arguments are typed.
    ///
    /// # Safety
    /// As [`Spilled::receiver`].
    #[inline(always)]
    #[allow(clippy::type_complexity)]
    pub unsafe fn call(
        self,
        args: A,
        _kind: impl FnOnce(&Decide<R, A, Q>, *mut T) -> K,
        call: impl FnOnce(S::Receiver, A) -> Q,
    ) -> Q {
        // SAFETY: per the caller.
        call(unsafe { self.0.receiver() }, args)
    }
}
