//! Timers: [`sleep`], [`sleep_until`], [`timeout`] and [`interval`].
//!
//! Each executor keeps its timers in an ordered map from `(deadline, sequence
//! number)` to the waker to wake, so timers with the same deadline fire in the
//! order they were registered. The run loop fires the expired ones and sleeps
//! (in the reactor or parked) until the earliest one left.
//!
//! A timer future only computes its deadline when created, so it may be
//! created anywhere, also outside `block_on`. It registers with the executor
//! that first polls it and must be polled inside `block_on`. Dropping it
//! cancels the registration (on the thread that registered it; dropped on
//! another thread, it leaves a stale entry that fires once, spuriously).
//!
//! ```
//! use coro_runtime::{block_on, time};
//! use std::time::{Duration, Instant};
//!
//! block_on(async {
//!     let start = Instant::now();
//!     time::sleep(Duration::from_millis(20)).await;
//!     assert!(start.elapsed() >= Duration::from_millis(20));
//!
//!     let slow = time::sleep(Duration::from_secs(60));
//!     assert!(time::timeout(Duration::from_millis(5), slow).await.is_err());
//! });
//! ```

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt;
use std::future::{Future, poll_fn};
use std::io;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use pin_project_lite::pin_project;

use crate::executor::{Local, with_current};

/// The timers of one executor (owner thread only).
#[derive(Default)]
pub(crate) struct Timers {
    map: BTreeMap<(Instant, u64), Waker>,
    next_seq: u64,
}

impl Timers {
    fn insert(&mut self, deadline: Instant, waker: Waker) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.map.insert((deadline, seq), waker);
        seq
    }

    fn remove(&mut self, key: (Instant, u64)) -> Option<Waker> {
        self.map.remove(&key)
    }
}

/// Wakes the timers of `local` whose deadline has passed; returns the earliest
/// deadline left.
pub(crate) fn fire_expired(local: &Local) -> Option<Instant> {
    if local.timers.borrow().map.is_empty() {
        return None;
    }
    let now = Instant::now();
    loop {
        let waker = {
            let mut timers = local.timers.borrow_mut();
            let entry = timers.map.first_entry()?;
            if entry.key().0 > now {
                return Some(entry.key().0);
            }
            entry.remove()
        };
        // Woken outside the borrow: the wake may register another timer.
        waker.wake();
    }
}

/// Where a [`Sleep`] is registered.
#[derive(Clone, Copy, Debug)]
struct Registration {
    executor: u64,
    seq: u64,
}

/// Future returned by [`sleep`] and [`sleep_until`]: completes at its deadline.
#[derive(Debug)]
#[must_use = "futures do nothing unless polled"]
pub struct Sleep {
    deadline: Instant,
    registration: Option<Registration>,
}

/// Waits until `duration` has passed (counted from this call).
///
/// # Panics
///
/// The returned future panics if polled outside [`block_on`](crate::block_on).
pub fn sleep(duration: Duration) -> Sleep {
    sleep_until(far_future_if_overflow(Instant::now(), duration))
}

/// Waits until `deadline`.
///
/// # Panics
///
/// The returned future panics if polled outside [`block_on`](crate::block_on).
pub fn sleep_until(deadline: Instant) -> Sleep {
    Sleep {
        deadline,
        registration: None,
    }
}

fn far_future_if_overflow(start: Instant, duration: Duration) -> Instant {
    start
        .checked_add(duration)
        .unwrap_or_else(|| start + Duration::from_secs(86_400 * 365 * 30))
}

impl Sleep {
    /// The instant at which the future completes.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// Whether the deadline has passed.
    pub fn is_elapsed(&self) -> bool {
        Instant::now() >= self.deadline
    }

    /// Moves the deadline (earlier or later); the future can be awaited again.
    pub fn reset(&mut self, deadline: Instant) {
        self.deregister();
        self.deadline = deadline;
    }

    fn deregister(&mut self) {
        let Some(registration) = self.registration.take() else {
            return;
        };
        let key = (self.deadline, registration.seq);
        let stale = with_current(|local| {
            if local.id != registration.executor {
                return None;
            }
            // `try_borrow_mut`: never panic in a destructor; if the timers are
            // busy the entry stays and fires once, spuriously.
            local
                .timers
                .try_borrow_mut()
                .ok()
                .and_then(|mut timers| timers.remove(key))
        });
        drop(stale);
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        let deadline = this.deadline;
        let registration = this.registration;
        if registration.is_none() && Instant::now() >= deadline {
            return Poll::Ready(());
        }
        let polled = with_current(|local| {
            let mut timers = local.timers.borrow_mut();
            match registration {
                Some(registration) if registration.executor == local.id => {
                    let key = (deadline, registration.seq);
                    match timers.map.get_mut(&key) {
                        // The entry is gone, so `fire_expired` fired it, which
                        // it does only once the deadline has passed (the only
                        // other removal, `deregister`, also forgets the
                        // registration): ready, without reading the clock.
                        None => Polled::Ready(None),
                        Some(_) if Instant::now() >= deadline => Polled::Ready(timers.remove(key)),
                        Some(waker) if waker.will_wake(cx.waker()) => {
                            Polled::Pending(registration, None)
                        }
                        Some(waker) => {
                            let stale = mem::replace(waker, cx.waker().clone());
                            Polled::Pending(registration, Some(stale))
                        }
                    }
                }
                // Not registered yet, or registered with an executor this
                // future has since left (whose entry, if any, fires once,
                // spuriously): register here.
                _ => {
                    // An unregistered sleep was checked against the clock
                    // above, before borrowing the timers.
                    if registration.is_some() && Instant::now() >= deadline {
                        return Polled::Ready(None);
                    }
                    let seq = timers.insert(deadline, cx.waker().clone());
                    let registration = Registration {
                        executor: local.id,
                        seq,
                    };
                    Polled::Pending(registration, None)
                }
            }
        });
        // Wakers are dropped outside the borrow of the timers.
        match polled {
            Some(Polled::Ready(stale)) => {
                this.registration = None;
                drop(stale);
                Poll::Ready(())
            }
            Some(Polled::Pending(registration, stale)) => {
                this.registration = Some(registration);
                drop(stale);
                Poll::Pending
            }
            None if Instant::now() >= deadline => {
                this.registration = None;
                Poll::Ready(())
            }
            None => panic!(
                "coro::runtime::time: a timer was polled outside block_on; timers are driven by \
                 the executor that polls them"
            ),
        }
    }
}

/// What a poll of a [`Sleep`] found, with a waker to drop once the timers are
/// no longer borrowed.
enum Polled {
    Ready(Option<Waker>),
    Pending(Registration, Option<Waker>),
}

impl Drop for Sleep {
    fn drop(&mut self) {
        self.deregister();
    }
}

/// Error returned by [`timeout`] when the deadline passes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed(());

impl fmt::Display for Elapsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("deadline has elapsed")
    }
}

impl Error for Elapsed {}

impl From<Elapsed> for io::Error {
    fn from(elapsed: Elapsed) -> io::Error {
        io::Error::new(io::ErrorKind::TimedOut, elapsed)
    }
}

pin_project! {
    /// Future returned by [`timeout`].
    #[derive(Debug)]
    #[must_use = "futures do nothing unless polled"]
    pub struct Timeout<F> {
        #[pin]
        future: F,
        sleep: Sleep,
    }
}

/// Runs `future`, giving up after `duration`: `Ok(output)` if it completed in
/// time, `Err(Elapsed)` otherwise (the future is then dropped with the
/// `Timeout`).
pub fn timeout<F: Future>(duration: Duration, future: F) -> Timeout<F> {
    Timeout {
        future,
        sleep: sleep(duration),
    }
}

impl<F: Future> Future for Timeout<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if let Poll::Ready(output) = this.future.poll(cx) {
            return Poll::Ready(Ok(output));
        }
        match Pin::new(this.sleep).poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(Elapsed(()))),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// A clock that ticks every `period`; made by [`interval`].
///
/// The first tick completes at once. If the ticks fall behind (the task was
/// busy for longer than a period), the missed ticks are skipped: the next tick
/// is the first one of the original schedule that is still in the future.
#[derive(Debug)]
pub struct Interval {
    period: Duration,
    sleep: Sleep,
}

/// A clock that ticks every `period`, starting now.
///
/// ```
/// use coro_runtime::{block_on, time::interval};
/// use std::time::{Duration, Instant};
///
/// block_on(async {
///     let start = Instant::now();
///     let mut clock = interval(Duration::from_millis(10));
///     for _ in 0..3 {
///         clock.tick().await;
///     }
///     assert!(start.elapsed() >= Duration::from_millis(20));
/// });
/// ```
///
/// # Panics
///
/// If `period` is zero.
pub fn interval(period: Duration) -> Interval {
    interval_at(Instant::now(), period)
}

/// A clock that ticks every `period`, first at `start`.
///
/// # Panics
///
/// If `period` is zero.
pub fn interval_at(start: Instant, period: Duration) -> Interval {
    assert!(
        !period.is_zero(),
        "coro::runtime::time::interval: the period must be non-zero"
    );
    Interval {
        period,
        sleep: sleep_until(start),
    }
}

impl Interval {
    /// Waits for the next tick and returns its scheduled instant.
    pub async fn tick(&mut self) -> Instant {
        poll_fn(|cx| self.poll_tick(cx)).await
    }

    /// Polls for the next tick.
    pub fn poll_tick(&mut self, cx: &mut Context<'_>) -> Poll<Instant> {
        if Pin::new(&mut self.sleep).poll(cx).is_pending() {
            return Poll::Pending;
        }
        let tick = self.sleep.deadline();
        let now = Instant::now();
        let mut next = far_future_if_overflow(tick, self.period);
        if next <= now {
            // Behind schedule: skip to the first future tick of the grid.
            let behind = now.duration_since(tick).as_nanos();
            let periods = behind / self.period.as_nanos() + 1;
            let skip = u32::try_from(periods).unwrap_or(u32::MAX);
            next = self
                .period
                .checked_mul(skip)
                .map_or(now + self.period, |offset| {
                    far_future_if_overflow(tick, offset)
                });
        }
        self.sleep.reset(next);
        Poll::Ready(tick)
    }

    /// The period.
    pub fn period(&self) -> Duration {
        self.period
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block_on;

    /// How many timers the current executor holds.
    fn registered() -> usize {
        with_current(|local| local.timers.borrow().map.len()).expect("inside block_on")
    }

    /// Polls `future` once with the task's waker.
    async fn poll_once<F: Future + Unpin>(future: &mut F) -> Poll<F::Output> {
        poll_fn(|cx| Poll::Ready(Pin::new(&mut *future).poll(cx))).await
    }

    #[test]
    fn a_dropped_sleep_leaves_no_timer() {
        block_on(async {
            let mut nap = sleep(Duration::from_secs(3600));
            assert!(poll_once(&mut nap).await.is_pending());
            assert_eq!(registered(), 1);
            // Polled again by the same task: still one entry.
            assert!(poll_once(&mut nap).await.is_pending());
            assert_eq!(registered(), 1);
            drop(nap);
            assert_eq!(registered(), 0);
        });
    }

    #[test]
    fn a_timeout_whose_future_wins_leaves_no_timer() {
        block_on(async {
            let result = timeout(Duration::from_secs(3600), crate::yield_now()).await;
            assert!(result.is_ok());
            assert_eq!(registered(), 0);
        });
    }

    #[test]
    fn a_sleep_polled_past_its_deadline_before_it_fires_is_ready() {
        block_on(async {
            let mut nap = sleep(Duration::from_millis(50));
            assert!(poll_once(&mut nap).await.is_pending());
            assert_eq!(registered(), 1);
            // Blocks the executor, so its timer cannot fire before the next
            // poll: that poll finds the entry still there, past its deadline.
            std::thread::sleep(Duration::from_millis(60));
            assert!(poll_once(&mut nap).await.is_ready());
            assert_eq!(registered(), 0);
        });
    }

    #[test]
    fn a_completed_sleep_leaves_no_timer() {
        block_on(async {
            sleep(Duration::from_millis(1)).await;
            assert_eq!(registered(), 0);
            let mut nap = sleep(Duration::from_millis(1));
            assert!(poll_once(&mut nap).await.is_pending());
            nap.reset(Instant::now());
            assert_eq!(registered(), 0, "reset removes the old entry");
            nap.await;
        });
    }
}
