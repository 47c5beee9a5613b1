//! The reactor: one process-wide `mio::Poll` (epoll on Linux, kqueue on the
//! BSDs and macOS) shared by every thread that runs `block_on`.
//!
//! # Registration and readiness
//!
//! Each socket is registered once, edge-triggered, for reading and writing.
//! Its token indexes a table of [`IoEntry`]s (token → entry, with a generation
//! so a stale event for a reused slot is ignored). An entry holds the socket's
//! readiness (an atomic word: a readable bit, a writable bit and a tick counted
//! up on every event) and the wakers of the task waiting to read and the task
//! waiting to write.
//!
//! An I/O operation tries the syscall while the entry says ready; on
//! `WouldBlock` it clears the bit, but only if no event arrived since it read
//! the readiness (same tick), stores its waker and re-checks, all under the
//! entry's lock, which the dispatcher also takes: so an event is never lost
//! between "would block" and "waker stored". Spurious and duplicate wakeups
//! just make the task try again.
//!
//! # Who polls: one leader, the others park
//!
//! Several threads may sleep at once, but only one can sit in `Poll::poll`.
//! The design is *leader/followers*: a thread with nothing to do becomes the
//! leader if there is none, and polls with a timeout of its own next timer;
//! otherwise it registers as a follower and parks its thread (with the same
//! kind of timeout). The leader dispatches every event: wakers of its own
//! tasks just queue them (the local path, no atomics), wakers of other
//! threads' tasks go to their remote queues and unpark those threads. When the
//! leader has work of its own, it gives up leadership and unparks one
//! follower, which becomes the next leader when it has nothing else to do. A
//! follower woken with work of its own passes the baton on.
//!
//! Why this design: with one thread (the common case, and every benchmark),
//! the thread that sleeps is the one that polls, so readiness reaches a task
//! with no cross-thread handoff at all, like a per-thread reactor. With
//! several, there is still one poll for the whole process and never a thread
//! whose only job is to poll (the book's design, which costs a thread switch
//! per event). A thread blocked in the poll is woken for its own remote wakes
//! through a `mio::Waker`; a parked follower through `Thread::unpark`
//! (see [`Shared::notify`](crate::executor::Shared::notify)).
//!
//! Wakers are woken after every lock is released: the dispatcher collects them
//! first.

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::task::{Context, Poll, Waker};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

use mio::event::Source;
use mio::{Events, Interest, Token};

use crate::executor::{self, Local, POLLING, RUNNING, with_current};

/// The token of the reactor's `mio::Waker`.
const WAKE_TOKEN: Token = Token(usize::MAX);

/// Bits of a token: the low half is the table index, the high half the slot's
/// generation (the top value is left out, it would make `WAKE_TOKEN`).
const INDEX_BITS: u32 = usize::BITS / 2;
const INDEX_MASK: usize = (1 << INDEX_BITS) - 1;
const GENERATION_MASK: usize = (1 << (usize::BITS - INDEX_BITS - 1)) - 1;

/// Readiness bits of [`IoEntry::readiness`]; the rest of the word is the tick.
const READABLE: usize = 1 << 0;
const WRITABLE: usize = 1 << 1;
/// The peer closed its writing side (or the connection is gone): reads will
/// not block any more. Unlike `READABLE`, a short read does not clear it, since
/// no new event will come (only a `WouldBlock` does, defensively).
const READ_CLOSED: usize = 1 << 2;
const READY_BITS: usize = READABLE | WRITABLE | READ_CLOSED;
const TICK_SHIFT: u32 = 3;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // No user code runs under the reactor's locks, so a poisoned lock still
    // guards consistent data.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Which way an operation goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    Read,
    Write,
}

impl Direction {
    /// The bits that mean an operation in this direction may not block.
    fn ready_mask(self) -> usize {
        match self {
            Direction::Read => READABLE | READ_CLOSED,
            Direction::Write => WRITABLE,
        }
    }

    /// The bits a short read or write clears.
    fn drained_mask(self) -> usize {
        match self {
            Direction::Read => READABLE,
            Direction::Write => WRITABLE,
        }
    }

    fn index(self) -> usize {
        match self {
            Direction::Read => 0,
            Direction::Write => 1,
        }
    }
}

/// The reactor's state for one socket.
pub(crate) struct IoEntry {
    /// `READABLE | WRITABLE` bits and, above them, the event tick.
    readiness: AtomicUsize,
    /// The waker of the task waiting to read, and of the one waiting to write.
    wakers: Mutex<[Option<Waker>; 2]>,
}

impl IoEntry {
    fn new() -> IoEntry {
        IoEntry {
            // Optimistic: a new socket is tried once before anyone waits. A
            // `WouldBlock` then clears the bit.
            readiness: AtomicUsize::new(READABLE | WRITABLE),
            wakers: Mutex::new([None, None]),
        }
    }

    /// Records an event: sets `bits` and counts the tick up.
    fn set_ready(&self, bits: usize) {
        let mut current = self.readiness.load(Ordering::Acquire);
        loop {
            let tick = (current >> TICK_SHIFT).wrapping_add(1);
            let new = (tick << TICK_SHIFT) | (current & READY_BITS) | bits;
            match self.readiness.compare_exchange_weak(
                current,
                new,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return,
                Err(actual) => current = actual,
            }
        }
    }

    /// Clears `mask` if no event arrived since `seen` was read.
    fn clear(&self, mask: usize, seen: usize) {
        let _ = self.readiness.compare_exchange(
            seen,
            seen & !mask,
            Ordering::AcqRel,
            Ordering::Acquire,
        );
    }

    /// `Ready(readiness word)` if `direction` is ready, else stores the waker.
    fn poll_ready(&self, cx: &mut Context<'_>, direction: Direction) -> Poll<usize> {
        let current = self.readiness.load(Ordering::Acquire);
        if current & direction.ready_mask() != 0 {
            return Poll::Ready(current);
        }
        let stale = {
            let mut wakers = lock(&self.wakers);
            // Checked again under the lock the dispatcher takes after setting
            // readiness: either we see its event here, or it sees our waker.
            let current = self.readiness.load(Ordering::Acquire);
            if current & direction.ready_mask() != 0 {
                return Poll::Ready(current);
            }
            let slot = &mut wakers[direction.index()];
            match slot {
                Some(waker) if waker.will_wake(cx.waker()) => None,
                _ => slot.replace(cx.waker().clone()),
            }
        };
        drop(stale);
        Poll::Pending
    }
}

/// A small slab: token → entry.
#[derive(Default)]
struct Table {
    slots: Vec<Slot>,
    free: Vec<usize>,
}

struct Slot {
    generation: usize,
    entry: Option<Arc<IoEntry>>,
}

impl Table {
    fn insert(&mut self, entry: Arc<IoEntry>) -> io::Result<Token> {
        let index = match self.free.pop() {
            Some(index) => index,
            None => {
                let index = self.slots.len();
                if index > INDEX_MASK {
                    return Err(io::Error::other(
                        "coro reactor: too many registered sockets",
                    ));
                }
                self.slots.push(Slot {
                    generation: 0,
                    entry: None,
                });
                index
            }
        };
        let slot = &mut self.slots[index];
        slot.entry = Some(entry);
        Ok(Token((slot.generation << INDEX_BITS) | index))
    }

    fn get(&self, token: Token) -> Option<&Arc<IoEntry>> {
        let slot = self.slots.get(token.0 & INDEX_MASK)?;
        if slot.generation != token.0 >> INDEX_BITS {
            return None;
        }
        slot.entry.as_ref()
    }

    fn remove(&mut self, token: Token) -> Option<Arc<IoEntry>> {
        let index = token.0 & INDEX_MASK;
        let slot = self.slots.get_mut(index)?;
        if slot.generation != token.0 >> INDEX_BITS || slot.entry.is_none() {
            return None;
        }
        slot.generation = (slot.generation + 1) & GENERATION_MASK;
        self.free.push(index);
        slot.entry.take()
    }
}

/// Who leads, who follows.
#[derive(Default)]
struct Coordination {
    /// A thread holds the leadership (it polls, or is about to).
    leader: bool,
    /// Parked threads that would lead if asked: executor id and thread.
    followers: Vec<(u64, Thread)>,
}

/// The `mio::Poll` and its event buffer, used by the leader only.
struct Driver {
    poll: mio::Poll,
    events: Events,
}

/// The process-wide reactor.
pub(crate) struct Reactor {
    /// For (de)registering sockets from any thread without the driver.
    registry: mio::Registry,
    /// Interrupts the leader's poll.
    waker: mio::Waker,
    driver: Mutex<Driver>,
    table: Mutex<Table>,
    coordination: Mutex<Coordination>,
    /// Number of registered sockets: busy executors check I/O only if any.
    sources: AtomicUsize,
}

static REACTOR: OnceLock<Reactor> = OnceLock::new();

/// The reactor, if any socket was ever made.
pub(crate) fn get() -> Option<&'static Reactor> {
    REACTOR.get()
}

/// The reactor, made on first use.
pub(crate) fn get_or_init() -> io::Result<&'static Reactor> {
    if let Some(reactor) = REACTOR.get() {
        return Ok(reactor);
    }
    let reactor = Reactor::new()?;
    // If another thread won the race, ours is dropped and theirs returned.
    Ok(REACTOR.get_or_init(|| reactor))
}

impl Reactor {
    fn new() -> io::Result<Reactor> {
        let poll = mio::Poll::new()?;
        let registry = poll.registry().try_clone()?;
        let waker = mio::Waker::new(poll.registry(), WAKE_TOKEN)?;
        Ok(Reactor {
            registry,
            waker,
            driver: Mutex::new(Driver {
                poll,
                events: Events::with_capacity(1024),
            }),
            table: Mutex::new(Table::default()),
            coordination: Mutex::new(Coordination::default()),
            sources: AtomicUsize::new(0),
        })
    }

    /// Interrupts the leader's poll (a notification for the leader's
    /// executor, see `Shared::notify`).
    pub(crate) fn wake_leader(&self) {
        // An error would mean the eventfd is gone; the leader then wakes at its
        // timeout at the latest. Nothing better to do from a waker.
        let _ = self.waker.wake();
    }

    /// Sleeps until `local` has work, `deadline` passes, or (as a follower) it
    /// is handed the leadership.
    pub(crate) fn park(&self, local: &Local, deadline: Option<Instant>) {
        let became_leader = {
            let mut coordination = lock(&self.coordination);
            if coordination.leader {
                coordination.followers.push((local.id, thread::current()));
                false
            } else {
                coordination.leader = true;
                true
            }
        };
        if became_leader {
            self.lead(local, deadline, false);
            return;
        }
        local.shared.sleep_unless_notified(deadline);
        let baton = {
            let mut coordination = lock(&self.coordination);
            coordination.followers.retain(|(id, _)| *id != local.id);
            if !coordination.leader && local.has_work() {
                // We may have been unparked to lead, but have work of our own:
                // pass the leadership on to another sleeper.
                coordination.followers.pop()
            } else {
                None
            }
        };
        if let Some((_, thread)) = baton {
            thread.unpark();
        }
    }

    /// Polls without blocking, if no other thread leads; for busy executors.
    pub(crate) fn poll_now(&self, local: &Local) {
        if self.sources.load(Ordering::Relaxed) == 0 {
            return;
        }
        {
            let mut coordination = lock(&self.coordination);
            if coordination.leader {
                return;
            }
            coordination.leader = true;
        }
        self.lead(local, None, true);
    }

    /// Polls as the leader until `local` has work (or once, if `once`), then
    /// gives up the leadership.
    fn lead(&self, local: &Local, deadline: Option<Instant>, once: bool) {
        let shared = &*local.shared;
        let mut wakers = std::mem::take(&mut *local.io_wakers.borrow_mut());
        loop {
            {
                let mut driver = lock(&self.driver);
                let Driver { poll, events } = &mut *driver;
                shared.park_state.store(POLLING, Ordering::SeqCst);
                let timeout = if once || shared.notified.load(Ordering::SeqCst) {
                    Some(Duration::ZERO)
                } else {
                    deadline.map(|deadline| deadline.saturating_duration_since(Instant::now()))
                };
                let polled = poll.poll(events, timeout);
                shared.park_state.store(RUNNING, Ordering::SeqCst);
                match polled {
                    Ok(()) => {}
                    Err(error) if error.kind() == io::ErrorKind::Interrupted => events.clear(),
                    Err(error) => {
                        panic!("coro reactor: polling the OS event queue failed: {error}")
                    }
                }
                self.collect(events, &mut wakers);
            }
            // Outside every lock.
            for waker in wakers.drain(..) {
                waker.wake();
            }
            if once
                || local.has_work()
                || deadline.is_some_and(|deadline| Instant::now() >= deadline)
            {
                break;
            }
        }
        *local.io_wakers.borrow_mut() = wakers;
        let next = {
            let mut coordination = lock(&self.coordination);
            coordination.leader = false;
            coordination.followers.pop()
        };
        if let Some((_, thread)) = next {
            thread.unpark();
        }
    }

    /// Turns events into readiness and collects the wakers to wake.
    fn collect(&self, events: &Events, wakers: &mut Vec<Waker>) {
        if events.is_empty() {
            return;
        }
        let table = lock(&self.table);
        for event in events.iter() {
            let Some(entry) = table.get(event.token()) else {
                // The waker's token, or a socket deregistered since.
                continue;
            };
            let mut bits = 0;
            if event.is_readable() || event.is_error() {
                bits |= READABLE;
            }
            if event.is_read_closed() {
                bits |= READABLE | READ_CLOSED;
            }
            if event.is_writable() || event.is_write_closed() || event.is_error() {
                bits |= WRITABLE;
            }
            if bits == 0 {
                continue;
            }
            entry.set_ready(bits);
            let mut slots = lock(&entry.wakers);
            if bits & READABLE != 0 {
                wakers.extend(slots[Direction::Read.index()].take());
            }
            if bits & WRITABLE != 0 {
                wakers.extend(slots[Direction::Write.index()].take());
            }
        }
    }
}

/// A socket registered with the reactor; deregistered when dropped.
pub(crate) struct IoSource<S: Source> {
    source: S,
    entry: Arc<IoEntry>,
    token: Token,
    reactor: &'static Reactor,
}

impl<S: Source> IoSource<S> {
    /// Registers `source` for reading and writing.
    pub(crate) fn new(mut source: S) -> io::Result<IoSource<S>> {
        let reactor = get_or_init()?;
        let entry = Arc::new(IoEntry::new());
        let token = lock(&reactor.table).insert(Arc::clone(&entry))?;
        let registered =
            reactor
                .registry
                .register(&mut source, token, Interest::READABLE | Interest::WRITABLE);
        if let Err(error) = registered {
            lock(&reactor.table).remove(token);
            return Err(error);
        }
        reactor.sources.fetch_add(1, Ordering::Relaxed);
        Ok(IoSource {
            source,
            entry,
            token,
            reactor,
        })
    }

    /// The socket.
    pub(crate) fn get(&self) -> &S {
        &self.source
    }

    /// Runs the non-blocking operation `op` until it does not block, waiting
    /// for `direction`'s readiness in between.
    ///
    /// `short_means_drained(result)`: for stream sockets, a read or write that
    /// moved fewer bytes than asked means the kernel buffer was drained (or
    /// filled); the readiness is cleared then too, which saves the syscall
    /// that would only say `WouldBlock`. Edge-triggered readiness makes that
    /// safe: new data after that point produces a new event.
    ///
    /// An operation that must wait when no thread is in `block_on` (a
    /// socket polled only by another executor, futures' `block_on`, a
    /// hand-made one) is an error: only threads in `block_on` drive the
    /// reactor, so its waker would never be woken, and the task would hang
    /// silently. While one is (on another thread), it drives the reactor for
    /// this socket too, and the operation waits.
    pub(crate) fn poll_io<R>(
        &self,
        cx: &mut Context<'_>,
        direction: Direction,
        mut op: impl FnMut(&S) -> io::Result<R>,
        short_means_drained: impl Fn(&R) -> bool,
    ) -> Poll<io::Result<R>> {
        loop {
            let seen = match self.entry.poll_ready(cx, direction) {
                Poll::Ready(seen) => seen,
                // (The waker just stored stays until the next poll or the
                // socket's drop: a wake of it is only spurious.)
                Poll::Pending if with_current(|_| ()).is_none() && !executor::any_running() => {
                    return Poll::Ready(Err(outside_block_on()));
                }
                Poll::Pending => return Poll::Pending,
            };
            match op(&self.source) {
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                    self.entry.clear(direction.ready_mask(), seen);
                }
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Ok(result) => {
                    if short_means_drained(&result) {
                        self.entry.clear(direction.drained_mask(), seen);
                    }
                    return Poll::Ready(Ok(result));
                }
                Err(error) => return Poll::Ready(Err(error)),
            }
        }
    }
}

/// The error of an I/O operation that would wait outside `block_on`.
fn outside_block_on() -> io::Error {
    io::Error::other(
        "coro::runtime::net: a socket had to wait outside block_on; only a thread running \
         coro's block_on drives the reactor, so run this future (or the task polling it) there",
    )
}

impl<S: Source> Drop for IoSource<S> {
    fn drop(&mut self) {
        // Errors here (the socket already closed by the OS) leave nothing to
        // undo.
        let _ = self.reactor.registry.deregister(&mut self.source);
        let entry = lock(&self.reactor.table).remove(self.token);
        self.reactor.sources.fetch_sub(1, Ordering::Relaxed);
        drop(entry);
        // Wakers still stored are dropped with the last `Arc` of the entry,
        // outside the table lock.
    }
}
