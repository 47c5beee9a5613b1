//! `Slot<T>`: one home in a frame for one value.

use core::cell::{Cell, UnsafeCell};
use core::mem::MaybeUninit;

/// Storage for one value that lives across a suspension point: a local, an
/// argument, a temporary or the future being awaited.
///
/// A slot never moves once its frame is pinned, so a value in it may be
/// borrowed by another value of the same frame (`let it = v.iter()`). The
/// generated code reaches a frame only through a shared reference, so the
/// value sits in an `UnsafeCell` and the slot carries its own drop flag
/// (`init`), which is what rustc's drop flags are for a moved-from local.
///
/// Every method is `unsafe` or returns a raw pointer: the generated code
/// calls them only where the dead shadow copy of the user's body (see the
/// macro) has proven the same accesses sound under rustc's borrow checker.
pub struct Slot<T> {
    value: UnsafeCell<MaybeUninit<T>>,
    init: Cell<bool>,
}

// SAFETY: a `Slot` owns its `T` like an `Option<T>` would; sending the frame
// sends the value.
unsafe impl<T: Send> Send for Slot<T> {}
// SAFETY: the frame is mutated only by its `poll`, which holds the frame's
// `Pin<&mut _>` exclusively; a `&Slot` reaching another thread (captured by a
// closure of the user's code) gives that thread what a `&T` or `&mut T` would,
// as the shadow copy's borrow check has allowed.
unsafe impl<T: Sync> Sync for Slot<T> {}

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

impl<S: Copy> StateCell<S> {
    #[inline(always)]
    pub const fn new(state: S) -> Self {
        StateCell(UnsafeCell::new(state))
    }

    #[inline(always)]
    pub fn get(&self) -> S {
        // SAFETY: only `poll` (exclusive) and the frame's own drop read it.
        unsafe { *self.0.get() }
    }

    #[inline(always)]
    pub fn set(&self, state: S) {
        // SAFETY: as in `get`.
        unsafe { *self.0.get() = state }
    }
}

/// A slot reached from an `async move` block the lowering wraps an `.await`
/// or a `select!` in: a pointer (it carries no lifetime, so the block can be
/// stored in the frame whatever lifetimes the function has), that gives the
/// block what `&mut T` would for `Send`, and what `&T` would for `Sync`.
pub struct SlotPtr<T>(*const Slot<T>);

impl<T> Clone for SlotPtr<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for SlotPtr<T> {}

// SAFETY: the block reads, moves and writes the value as code holding
// `&mut T` would (and the shadow copy has checked that such a borrow is
// valid there).
unsafe impl<T: Send> Send for SlotPtr<T> {}
// SAFETY: shared access to the block gives no access to the value.
unsafe impl<T: Sync> Sync for SlotPtr<T> {}

impl<T> SlotPtr<T> {
    #[inline(always)]
    pub fn new(slot: &Slot<T>) -> Self {
        SlotPtr(slot)
    }
}

impl<T> core::ops::Deref for SlotPtr<T> {
    type Target = Slot<T>;
    #[inline(always)]
    fn deref(&self) -> &Slot<T> {
        // SAFETY: the block that holds this pointer lives in the frame that
        // holds the slot, is dropped before the slot (it was declared after
        // it), and runs only while the frame is pinned.
        unsafe { &*self.0 }
    }
}

impl<T> Slot<T> {
    /// A slot holding `value` (an argument, stored at the call).
    #[inline(always)]
    pub const fn new(value: T) -> Self {
        Slot {
            value: UnsafeCell::new(MaybeUninit::new(value)),
            init: Cell::new(true),
        }
    }

    /// An empty slot.
    #[inline(always)]
    pub const fn uninit() -> Self {
        Slot {
            value: UnsafeCell::new(MaybeUninit::uninit()),
            init: Cell::new(false),
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

    /// Whether the slot holds a value (its drop flag).
    #[inline(always)]
    pub fn is_init(&self) -> bool {
        self.init.get()
    }

    /// Stores a value into an empty slot (a `let`, or a re-initialisation
    /// after a move).
    ///
    /// # Safety
    /// The slot is empty, or holds a value that must be forgotten.
    #[inline(always)]
    pub unsafe fn write(&self, value: T) {
        // SAFETY: no reference to the old contents is alive (the caller's
        // contract), so writing through the cell's pointer is exclusive.
        unsafe { self.ptr().write(value) };
        self.init.set(true);
    }

    /// Moves the value out (a use of the variable in a value context).
    ///
    /// # Safety
    /// The slot holds a value (the shadow copy has proven the variable
    /// initialised here).
    #[inline(always)]
    pub unsafe fn take(&self) -> T {
        self.init.set(false);
        // SAFETY: initialised, per the caller; the flag now says it is moved,
        // so it is neither read as a value nor dropped again.
        unsafe { self.ptr().read() }
    }

    /// Assigns to the variable: drops the old value if there is one, then
    /// stores the new one, as `x = value` does.
    ///
    /// # Safety
    /// No borrow of the old value is alive (the shadow copy's borrow check).
    #[inline(always)]
    pub unsafe fn set(&self, value: T) {
        // SAFETY: forwarded from the caller.
        unsafe {
            self.drop_if_init();
            self.write(value);
        }
    }

    /// Drops the value if the slot holds one (the end of the variable's scope,
    /// or the frame dropped while suspended).
    ///
    /// # Safety
    /// No borrow of the value is alive.
    #[inline(always)]
    pub unsafe fn drop_if_init(&self) {
        if self.init.replace(false) {
            // SAFETY: initialised (the flag), not borrowed (the caller), and
            // marked empty before dropping so a panicking drop is not repeated.
            unsafe { self.ptr().drop_in_place() };
        }
    }
}
