//! The storage of a frame: `Slot`s for values, `Flags` for their drop flags,
//! `StateCell` for the state.

use core::cell::UnsafeCell;
use core::mem::MaybeUninit;

/// Storage for one value that lives across a suspension point: a local, an
/// argument, a temporary or the future being awaited.
///
/// A slot never moves once its frame is pinned, so a value in it may be
/// borrowed by another value of the same frame (`let it = v.iter()`). The
/// generated code reaches a frame only through a shared reference, so the
/// value sits in an `UnsafeCell`. Whether the slot holds a value is bit
/// `BIT` of the frame's [`Flags`] (rustc's drop flag for a moved-from
/// local); keeping the flags together makes a slot exactly as large as its
/// value, so slots of scopes that are never alive together can overlap in a
/// `union` and their flags stay valid.
///
/// Every method is `unsafe` or returns a raw pointer: the generated code
/// calls them only where the dead shadow copy of the user's body (see the
/// macro) has proven the same accesses sound under rustc's borrow checker.
#[repr(transparent)]
pub struct Slot<T, const BIT: usize> {
    value: UnsafeCell<MaybeUninit<T>>,
}

// SAFETY: whether the frame may be sent or shared is decided by its shadow
// field, `PhantomData` of the shadow copy's future: rustc's own async fn
// future for the same body, which holds exactly the values this frame holds
// at each suspension point (the lowering keeps rustc's drop order). So a slot
// adds no condition of its own; without this, an error for a value held
// across an await would name our slot instead of rustc's "future cannot be
// sent between threads safely". Code that hands a slot's value to another
// thread is the user's, and the shadow copy type-checks it as written.
unsafe impl<T, const BIT: usize> Send for Slot<T, BIT> {}
// SAFETY: as above; `&Frame` gives no access without `poll`, which holds the
// frame's `Pin<&mut _>` exclusively.
unsafe impl<T, const BIT: usize> Sync for Slot<T, BIT> {}

impl<T, const BIT: usize> Slot<T, BIT> {
    /// Whether the slot keeps its flag. A value without drop glue needs
    /// none (as rustc keeps no drop flag for it): dropping it does nothing,
    /// so whether the slot holds one never matters, and the poll does not
    /// pay for setting, clearing and testing the bit.
    const FLAGGED: bool = core::mem::needs_drop::<T>();

    /// A slot holding `value` (an argument, stored at the call); its flag is
    /// set in the frame's initial [`Flags`].
    #[inline(always)]
    pub const fn new(value: T) -> Self {
        Slot {
            value: UnsafeCell::new(MaybeUninit::new(value)),
        }
    }

    /// An empty slot.
    #[inline(always)]
    pub const fn uninit() -> Self {
        Slot {
            value: UnsafeCell::new(MaybeUninit::uninit()),
        }
    }

    /// The place of the value: the generated code writes `(*slot.ptr())`
    /// wherever the user wrote the variable in a place context.
    #[inline(always)]
    pub fn ptr(&self) -> *mut T {
        self.value.get().cast()
    }

    /// The place of the value, for code in closures and `async` blocks.
    #[inline(always)]
    pub fn place(&self) -> SendPtr<T> {
        SendPtr(self.ptr())
    }

    /// Stores a value into an empty slot (a `let`, or a re-initialisation
    /// after a move).
    ///
    /// # Safety
    /// The slot is empty, or holds a value that must be forgotten.
    #[inline(always)]
    pub unsafe fn write<const N: usize>(&self, live: &Flags<N>, value: T) {
        // SAFETY: no reference to the old contents is alive (the caller's
        // contract), so writing through the cell's pointer is exclusive.
        unsafe { self.ptr().write(value) };
        if Self::FLAGGED {
            live.set(BIT);
        }
    }

    /// Moves the value out (a use of the variable in a value context).
    ///
    /// # Safety
    /// The slot holds a value (the shadow copy has proven the variable
    /// initialised here).
    #[inline(always)]
    pub unsafe fn take<const N: usize>(&self, live: &Flags<N>) -> T {
        if Self::FLAGGED {
            live.clear(BIT);
        }
        // SAFETY: initialised, per the caller; the flag now says it is moved,
        // so it is neither read as a value nor dropped again.
        unsafe { self.ptr().read() }
    }

    /// Gives up the value without moving it: a [`super::Taken`] owns it
    /// where it is (a receiver spilled before awaiting arguments).
    ///
    /// # Safety
    /// The slot holds a value, which the caller hands to a `Taken`.
    #[inline(always)]
    pub unsafe fn disown<const N: usize>(&self, live: &Flags<N>) {
        if Self::FLAGGED {
            live.clear(BIT);
        }
    }

    /// Assigns to the variable: drops the old value if there is one, then
    /// stores the new one, as `x = value` does.
    ///
    /// # Safety
    /// No borrow of the old value is alive (the shadow copy's borrow check).
    #[inline(always)]
    pub unsafe fn set<const N: usize>(&self, live: &Flags<N>, value: T) {
        // SAFETY: forwarded from the caller.
        unsafe {
            self.drop_if_init(live);
            self.write(live, value);
        }
    }

    /// Moves the value out if the slot holds one, to drop what a pattern left
    /// of it: so `None` for a value without drop glue, whose flag is not kept.
    ///
    /// # Safety
    /// No borrow of the value is alive.
    #[inline(always)]
    pub unsafe fn take_if_init<const N: usize>(&self, live: &Flags<N>) -> Option<T> {
        if Self::FLAGGED && live.is_set(BIT) {
            // SAFETY: initialised (the flag), not borrowed (the caller).
            Some(unsafe { self.take(live) })
        } else {
            None
        }
    }

    /// Drops the value if the slot holds one (the end of the variable's scope,
    /// or the frame dropped while suspended).
    ///
    /// # Safety
    /// No borrow of the value is alive.
    #[inline(always)]
    pub unsafe fn drop_if_init<const N: usize>(&self, live: &Flags<N>) {
        if Self::FLAGGED && live.is_set(BIT) {
            live.clear(BIT);
            // SAFETY: initialised (the flag), not borrowed (the caller), and
            // marked empty before dropping so a panicking drop is not repeated.
            unsafe { self.ptr().drop_in_place() };
        }
    }
}

/// The future an `.await` polls. A frame holds one at a time (all its
/// awaitees share storage), and the frame's state says which: the awaitee of
/// `AwaitK` is alive exactly while the state is `AwaitK` (a ready awaitee is
/// dropped after the state moves on to `Running`), so it needs no drop flag.
#[repr(transparent)]
pub struct Awaitee<F> {
    future: UnsafeCell<MaybeUninit<F>>,
}

// SAFETY: as for `Slot`: the shadow copy decides.
unsafe impl<F> Send for Awaitee<F> {}
// SAFETY: as for `Slot`.
unsafe impl<F> Sync for Awaitee<F> {}

impl<F> Awaitee<F> {
    #[inline(always)]
    pub const fn uninit() -> Self {
        Awaitee {
            future: UnsafeCell::new(MaybeUninit::uninit()),
        }
    }

    /// Stores the future (just before the state becomes its `AwaitK`).
    ///
    /// # Safety
    /// No other awaitee of the frame is alive.
    #[inline(always)]
    pub unsafe fn put(&self, future: F) {
        // SAFETY: the storage is free (the caller's contract).
        unsafe { self.future.get().cast::<F>().write(future) }
    }

    /// Polls it once, pinned where it is.
    ///
    /// # Safety
    /// It is alive (the state is its `AwaitK`) and the frame is pinned.
    #[inline(always)]
    pub unsafe fn poll(&self, cx: &mut core::task::Context<'_>) -> core::task::Poll<F::Output>
    where
        F: core::future::Future,
    {
        // SAFETY: alive and never moved (the caller's contract).
        unsafe { core::pin::Pin::new_unchecked(&mut *self.future.get().cast::<F>()).poll(cx) }
    }

    /// Drops it in place.
    ///
    /// # Safety
    /// It is alive, and the state no longer says so (a panicking drop must
    /// not be repeated).
    #[inline(always)]
    pub unsafe fn drop_in_place(&self) {
        // SAFETY: alive (the caller's contract).
        unsafe { self.future.get().cast::<F>().drop_in_place() }
    }
}

/// The drop flags of a frame's slots: bit `i` says whether slot `i` holds a
/// value.
#[repr(transparent)]
pub struct Flags<const N: usize>(UnsafeCell<[u8; N]>);

// SAFETY: like `StateCell`: only the coroutine's `poll` (which holds it
// exclusively) and the code it runs touch the flags.
unsafe impl<const N: usize> Sync for Flags<N> {}

impl<const N: usize> Flags<N> {
    /// Flags with the given bits set (the arguments').
    #[inline(always)]
    pub const fn new(bits: [u8; N]) -> Self {
        Flags(UnsafeCell::new(bits))
    }

    #[inline(always)]
    pub fn is_set(&self, bit: usize) -> bool {
        // SAFETY: see the `Sync` impl; no reference to the bytes escapes.
        unsafe { (*self.0.get())[bit / 8] & (1 << (bit % 8)) != 0 }
    }

    #[inline(always)]
    pub fn set(&self, bit: usize) {
        // SAFETY: as in `is_set`.
        unsafe { (*self.0.get())[bit / 8] |= 1 << (bit % 8) }
    }

    #[inline(always)]
    pub fn clear(&self, bit: usize) {
        // SAFETY: as in `is_set`.
        unsafe { (*self.0.get())[bit / 8] &= !(1 << (bit % 8)) }
    }
}

/// A raw pointer to a slot's value that is `Send` when the value is, as a
/// `&mut T` would be: code inside a closure or `async` block writes a place
/// as `(*slot.place().0)`, so that what it holds across its own awaits is
/// this wrapper, not a bare raw pointer (which would make it `!Send`).
pub struct SendPtr<T>(pub *mut T);

// SAFETY: it stands for the `&mut T` or `&T` the shadow copy checked.
unsafe impl<T: Send> Send for SendPtr<T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Sync for SendPtr<T> {}

/// The state of a frame: which suspension point it is at.
///
/// A `Cell` would make every coroutine `!Sync`; rustc's are `Sync` when what
/// they hold is. Only the coroutine's `poll` reads or writes the state, and
/// it holds the coroutine exclusively (`Pin<&mut _>`), so sharing a frame
/// between threads shares no access to it.
pub struct StateCell<S>(UnsafeCell<S>);

// SAFETY: see above: no access through a shared reference outside `poll`.
unsafe impl<S: Send> Sync for StateCell<S> {}

impl<S> StateCell<S> {
    #[inline(always)]
    pub const fn new(state: S) -> Self {
        StateCell(UnsafeCell::new(state))
    }

    #[inline(always)]
    pub fn set(&self, state: S) {
        // SAFETY: only `poll` (exclusive) and the frame's own drop use the
        // state, and neither keeps a reference to it.
        unsafe { *self.0.get() = state }
    }

    /// Sets `panicked`, unless the state says the coroutine has returned
    /// (`returned`): a poll after completion panics, and so does every
    /// later one, saying so, as rustc's coroutines do.
    #[inline(always)]
    pub fn poison(&self, panicked: S, returned: fn(&S) -> bool) {
        // SAFETY: as `set`; the reference ends before the write.
        if !returned(unsafe { &*self.0.get() }) {
            self.set(panicked);
        }
    }

    /// The state's place, which the poll reads and writes directly
    /// (`match *__coro_state`, `*__coro_state = State::AwaitRead`): a call
    /// per transition costs rustc a little to check, at every transition of
    /// every coroutine. Only `poll` (which holds the coroutine exclusively)
    /// and the frame's own drop use it.
    #[inline(always)]
    pub fn ptr(&self) -> *mut S {
        self.0.get()
    }
}

/// A reference made into a pointer, for the `async move` blocks the lowering
/// wraps an `.await`, a statement or a `select!` in: it carries no lifetime
/// (so the block can be stored in the frame whatever lifetimes the function
/// has), and is `Send` and `Sync` as the reference would be for a `&mut T`
/// and a `&T` use.
pub struct Unbound<T: ?Sized>(*const T);

impl<T: ?Sized> Clone for Unbound<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: ?Sized> Copy for Unbound<T> {}

// SAFETY: the block reads, moves and writes through it as code holding
// `&mut T` would (and the shadow copy has checked that such a borrow is
// valid there).
unsafe impl<T: ?Sized + Send> Send for Unbound<T> {}
// SAFETY: shared access to the block gives no access to the value.
unsafe impl<T: ?Sized + Sync> Sync for Unbound<T> {}

impl<T: ?Sized> Unbound<T> {
    #[inline(always)]
    pub fn new(r: &T) -> Self {
        Unbound(r)
    }
}

impl<T: ?Sized> core::ops::Deref for Unbound<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: the block that holds this pointer lives in the frame that
        // holds the slot or flags, is dropped before them (it was declared
        // after), and runs only while the frame is pinned.
        unsafe { &*self.0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use std::string::String;

    #[test]
    fn only_values_with_drop_glue_keep_a_flag() {
        let live = Flags::new([0u8]);
        let plain: Slot<u64, 0> = Slot::uninit();
        let owned: Slot<String, 1> = Slot::uninit();
        // SAFETY: each slot is written before it is read, and nothing
        // borrows them.
        unsafe {
            plain.write(&live, 7);
            owned.write(&live, String::from("x"));
            assert!(!live.is_set(0));
            assert!(live.is_set(1));
            // Nothing to drop in `plain`; `owned` hands its value over once.
            assert_eq!(plain.take_if_init(&live), None);
            assert_eq!(owned.take_if_init(&live).as_deref(), Some("x"));
            assert!(!live.is_set(1));
            assert_eq!(owned.take_if_init(&live), None);
            assert_eq!(plain.take(&live), 7);
        }
    }
}
