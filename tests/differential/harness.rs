//! The differential harness: an event log, drop-logging values, leaf futures
//! that really suspend, and [`check`], which drives a native and a lowered
//! future through the same schedule (run to completion, cancel after every
//! possible number of polls, poll after completion or after a panic) and
//! compares everything observable.
//!
//! Everything here is deterministic and single-threaded: the log is a
//! thread-local (libtest runs each test on its own thread, and `check` clears
//! the log before every run), and every leaf future wakes its waker before it
//! returns `Pending`, so that a plain poll loop drives any case to completion.

use std::cell::RefCell;
use std::fmt::{self, Debug};
use std::future::{Future, IntoFuture};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

// ---------------------------------------------------------------------------
// The event log

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Whether `CORO_DIFF_TRACE` is set: then every event is also printed to
/// stderr as it happens (with `--nocapture`), so that when lowered code
/// crashes the test binary (a double free of a `String`, say) the events
/// before the crash are visible.
fn tracing() -> bool {
    static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRACE.get_or_init(|| std::env::var_os("CORO_DIFF_TRACE").is_some())
}

/// Appends an event to this thread's log.
pub fn log(event: impl Into<String>) {
    let event = event.into();
    if tracing() {
        eprintln!("[trace] {event}");
    }
    LOG.with(|l| l.borrow_mut().push(event));
}

/// Takes (and clears) this thread's log.
pub fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// Logs `tag` and returns `v`: wrap every operand in it, so that the log
/// shows the order in which operands were evaluated.
pub fn ev<T>(tag: &str, v: T) -> T {
    log(tag);
    v
}

// ---------------------------------------------------------------------------
// Inline names and the life canary
//
// Every harness value keeps its name inline (no heap) and a canary word, so
// that lowered code dropping a value twice (or using a dropped one) shows up
// as a `DOUBLE DROP ...` / `USE AFTER DROP ...` event in the compared log
// instead of freeing memory twice and crashing the whole test binary.

const NAME_CAP: usize = 46;

/// A short string stored inline (longer names are truncated).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Name {
    len: u8,
    buf: [u8; NAME_CAP],
}

impl Name {
    pub fn new(s: &str) -> Name {
        let mut end = s.len().min(NAME_CAP);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let mut buf = [0; NAME_CAP];
        buf[..end].copy_from_slice(&s.as_bytes()[..end]);
        Name {
            len: end as u8,
            buf,
        }
    }

    pub fn as_str(&self) -> &str {
        self.buf
            .get(..self.len as usize)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("<corrupt name>")
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Debug::fmt(self.as_str(), f)
    }
}

const ALIVE: u32 = 0x0A11_CE55;
const DEAD: u32 = 0x0DEA_DD0D;

/// Marks `life` dead; returns the event prefix for the drop: `None` for a
/// first drop, else what went wrong.
fn kill(life: &mut u32) -> Option<&'static str> {
    let was = *life;
    *life = DEAD;
    match was {
        ALIVE => None,
        DEAD => Some("DOUBLE DROP"),
        _ => Some("DROP OF CORRUPT"),
    }
}

fn check_alive(life: u32, what: &str, name: &Name) {
    if life != ALIVE {
        log(format!("USE AFTER DROP {what} {name}"));
    }
}

// ---------------------------------------------------------------------------
// Values that log their drop

/// A value that logs `"drop NAME"` when dropped. `D::with(name, v)` also
/// carries a number; `get` logs `"use NAME"` and returns it. Holds no heap
/// memory (see [`Name`]).
pub struct D {
    name: Name,
    v: i64,
    life: u32,
}

impl D {
    pub fn new(name: impl AsRef<str>) -> D {
        D::with(name, 0)
    }

    pub fn with(name: impl AsRef<str>, v: i64) -> D {
        D {
            name: Name::new(name.as_ref()),
            v,
            life: ALIVE,
        }
    }

    /// Logs `"use NAME"` and returns the number.
    pub fn get(&self) -> i64 {
        check_alive(self.life, "D", &self.name);
        log(format!("use {}", self.name));
        self.v
    }

    pub fn name(&self) -> &str {
        check_alive(self.life, "D", &self.name);
        self.name.as_str()
    }

    /// Logs `"NAME.touch(ARG)"` and returns `self`'s number plus `arg`: a
    /// method whose receiver is a temporary and whose argument awaits.
    pub fn touch(&self, arg: i64) -> i64 {
        check_alive(self.life, "D", &self.name);
        log(format!("{}.touch({arg})", self.name));
        self.v + arg
    }

    /// Logs `"NAME.consume(ARG)"`, consumes the value (dropping it) and
    /// returns its number plus `arg`: a method taking `self` by value whose
    /// argument may await (rustc moves the receiver in before it runs).
    pub fn consume(self, arg: i64) -> i64 {
        check_alive(self.life, "D", &self.name);
        log(format!("{}.consume({arg})", self.name));
        self.v + arg
    }

    /// As [`D::consume`], with a generic parameter: `ARG`'s type is known
    /// only from the call's argument.
    pub fn consume_into<N: Into<i64>>(self, arg: N) -> i64 {
        self.consume(arg.into())
    }

    /// As [`D::consume`], adding what `f` makes of the value's name: a
    /// method with a name std's iterators take `self` for, whose closure's
    /// parameter type (`&str`) only the call's higher-ranked bound gives.
    pub fn map<F: FnOnce(&str) -> i64>(self, arg: i64, f: F) -> i64 {
        check_alive(self.life, "D", &self.name);
        let n = f(self.name());
        self.consume(arg + n)
    }

    /// Consumes the value (dropping it) and returns its number.
    pub fn into_inner(self) -> i64 {
        check_alive(self.life, "D", &self.name);
        log(format!("into_inner {}", self.name));
        self.v
    }
}

impl Drop for D {
    fn drop(&mut self) {
        match kill(&mut self.life) {
            None => log(format!("drop {}", self.name)),
            Some(what) => log(format!("{what} D {}", self.name)),
        }
    }
}

impl Debug for D {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "D({}={})", self.name, self.v)
    }
}

impl PartialEq for D {
    fn eq(&self, other: &D) -> bool {
        self.name == other.name && self.v == other.v
    }
}

// ---------------------------------------------------------------------------
// Leaf futures

/// A future that logs `"poll TAG"` on every poll, returns `Pending` `n`
/// times (waking its waker first each time), then `Ready(value)`. When it is
/// dropped it logs `"done TAG"` if it completed and `"cancel TAG"` otherwise,
/// so the log shows exactly when an awaited future is dropped, and that a
/// suspended one is dropped on cancellation. (Its `value` may hold heap
/// memory: a double drop of a `Leaf<String>` can still crash.)
pub struct Leaf<T> {
    tag: Name,
    remaining: usize,
    value: Option<T>,
    done: bool,
    life: u32,
}

impl<T> Unpin for Leaf<T> {}

impl<T> Future for Leaf<T> {
    type Output = T;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        log(format!("poll {}", self.tag));
        assert!(
            !self.done,
            "leaf future {} polled after completion",
            self.tag
        );
        if self.remaining > 0 {
            self.remaining -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            self.done = true;
            Poll::Ready(self.value.take().expect("leaf value"))
        }
    }
}

impl<T> Drop for Leaf<T> {
    fn drop(&mut self) {
        if let Some(what) = kill(&mut self.life) {
            log(format!("{what} future {}", self.tag));
        } else if self.done {
            log(format!("done {}", self.tag));
        } else {
            log(format!("cancel {}", self.tag));
        }
    }
}

/// Suspends once, then completes with `()`.
pub fn suspend(tag: impl AsRef<str>) -> Leaf<()> {
    pending_n(tag, 1, ())
}

/// Suspends once, then completes with `v`.
pub fn value<T>(tag: impl AsRef<str>, v: T) -> Leaf<T> {
    pending_n(tag, 1, v)
}

/// Suspends `n` times, then completes with `v`.
pub fn pending_n<T>(tag: impl AsRef<str>, n: usize, v: T) -> Leaf<T> {
    Leaf {
        tag: Name::new(tag.as_ref()),
        remaining: n,
        value: Some(v),
        done: false,
        life: ALIVE,
    }
}

/// Ready on its first poll; logs nothing. An `.await` that does not suspend.
pub fn ready_now<T>(v: T) -> std::future::Ready<T> {
    std::future::ready(v)
}

/// Wraps any future: logs `"poll TAG"` before each poll, `"ready TAG"` when
/// it completes, and on drop `"done TAG"` or `"cancel TAG"` like [`Leaf`].
/// Use it on async blocks and calls of other coroutines whose drop matters.
/// The future is kept inline (pinned with the wrapper).
pub fn track<F: Future>(tag: impl AsRef<str>, fut: F) -> Tracked<F> {
    Tracked {
        tag: Name::new(tag.as_ref()),
        done: false,
        life: ALIVE,
        fut,
    }
}

pub struct Tracked<F> {
    tag: Name,
    done: bool,
    life: u32,
    fut: F,
}

impl<F: Future> Future for Tracked<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // SAFETY: `fut` is structurally pinned: it is never moved out of a
        // pinned `Tracked` (not in `drop` either), and `Tracked` is `Unpin`
        // only if `F` is.
        let this = unsafe { self.get_unchecked_mut() };
        check_alive(this.life, "future", &this.tag);
        log(format!("poll {}", this.tag));
        let out = unsafe { Pin::new_unchecked(&mut this.fut) }.poll(cx);
        if out.is_ready() {
            log(format!("ready {}", this.tag));
            this.done = true;
        }
        out
    }
}

impl<F> Drop for Tracked<F> {
    fn drop(&mut self) {
        if let Some(what) = kill(&mut self.life) {
            log(format!("{what} future {}", self.tag));
        } else if self.done {
            log(format!("done {}", self.tag));
        } else {
            log(format!("cancel {}", self.tag));
        }
    }
}

/// Suspends `n` times, then panics with `"boom TAG"` (inside the awaited
/// future's poll). Logs `"drop TAG"` when dropped.
pub fn boom_after(tag: impl AsRef<str>, n: usize) -> Boom {
    Boom {
        tag: Name::new(tag.as_ref()),
        remaining: n,
        life: ALIVE,
    }
}

pub struct Boom {
    tag: Name,
    remaining: usize,
    life: u32,
}

impl Future for Boom {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        check_alive(self.life, "future", &self.tag);
        log(format!("poll {}", self.tag));
        if self.remaining > 0 {
            self.remaining -= 1;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        panic!("boom {}", self.tag);
    }
}

impl Drop for Boom {
    fn drop(&mut self) {
        match kill(&mut self.life) {
            None => log(format!("drop {}", self.tag)),
            Some(what) => log(format!("{what} future {}", self.tag)),
        }
    }
}

/// An `IntoFuture` (not a `Future`) that logs `"into_future TAG"` when the
/// `.await` converts it, and then behaves like [`value`].
pub fn into_fut<T>(tag: &str, v: T) -> LogIntoFuture<T> {
    LogIntoFuture {
        tag: Name::new(tag),
        v,
    }
}

pub struct LogIntoFuture<T> {
    tag: Name,
    v: T,
}

impl<T> IntoFuture for LogIntoFuture<T> {
    type Output = T;
    type IntoFuture = Leaf<T>;
    fn into_future(self) -> Leaf<T> {
        log(format!("into_future {}", self.tag));
        value(self.tag.as_str(), self.v)
    }
}

// ---------------------------------------------------------------------------
// A logging iterator

/// Yields `0..n`, logging `"next TAG"` on every call of `next` and
/// `"drop TAG"` when dropped.
pub struct LogIter {
    tag: Name,
    i: u32,
    n: u32,
    life: u32,
}

pub fn log_iter(tag: &str, n: u32) -> LogIter {
    LogIter {
        tag: Name::new(tag),
        i: 0,
        n,
        life: ALIVE,
    }
}

impl Iterator for LogIter {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        check_alive(self.life, "iterator", &self.tag);
        log(format!("next {}", self.tag));
        if self.i < self.n {
            self.i += 1;
            Some(self.i - 1)
        } else {
            None
        }
    }
}

impl Drop for LogIter {
    fn drop(&mut self) {
        match kill(&mut self.life) {
            None => log(format!("drop {}", self.tag)),
            Some(what) => log(format!("{what} iterator {}", self.tag)),
        }
    }
}

// ---------------------------------------------------------------------------
// Send / Sync probes (autoref specialization on the concrete type)

pub struct Probe<T: ?Sized>(pub std::marker::PhantomData<T>);

pub fn probe<T>(_: &T) -> Probe<T> {
    Probe(std::marker::PhantomData)
}

pub trait IsSendYes {
    fn is_send(&self) -> bool {
        true
    }
}
impl<T: Send> IsSendYes for Probe<T> {}
pub trait IsSendNo {
    fn is_send(&self) -> bool {
        false
    }
}
impl<T> IsSendNo for &Probe<T> {}

pub trait IsSyncYes {
    fn is_sync(&self) -> bool {
        true
    }
}
impl<T: Sync> IsSyncYes for Probe<T> {}
pub trait IsSyncNo {
    fn is_sync(&self) -> bool {
        false
    }
}
impl<T> IsSyncNo for &Probe<T> {}

/// Whether the (concrete) type of `$e` is `Send`. Evaluates `$e`.
#[macro_export]
macro_rules! is_send {
    ($e:expr) => {{
        #[allow(unused_imports)]
        use $crate::harness::{IsSendNo as _, IsSendYes as _};
        let value = $e;
        (&$crate::harness::probe(&value)).is_send()
    }};
}

/// Whether the (concrete) type of `$e` is `Sync`. Evaluates `$e`.
#[macro_export]
macro_rules! is_sync {
    ($e:expr) => {{
        #[allow(unused_imports)]
        use $crate::harness::{IsSyncNo as _, IsSyncYes as _};
        let value = $e;
        (&$crate::harness::probe(&value)).is_sync()
    }};
}

// ---------------------------------------------------------------------------
// Driving futures

struct CountingWaker(AtomicUsize);

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// A poll loop gives up after this many polls (a case that never completes).
const MAX_POLLS: usize = 10_000;

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "<non-string panic payload>".to_string()
    }
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` under `catch_unwind` without the panic hook's report (and
/// backtrace) on this thread: the panics it catches are expected and logged.
/// Panics elsewhere (a failing assertion) are reported as usual.
fn catch_quietly<R>(f: impl FnOnce() -> R) -> std::thread::Result<R> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                default(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result
}

/// Polls once under `catch_unwind`, logging the outcome when it is not
/// `Pending`. Returns `Some(())` once the future is finished (ready or
/// panicked).
fn poll_logged<F: Future>(fut: Pin<&mut F>, cx: &mut Context<'_>, wakes: &AtomicUsize) -> Option<()>
where
    F::Output: Debug,
{
    let before = wakes.load(Ordering::SeqCst);
    match catch_quietly(|| fut.poll(cx)) {
        Ok(Poll::Ready(v)) => {
            log(format!("=> ready {v:?}"));
            drop(v);
            Some(())
        }
        Ok(Poll::Pending) => {
            if wakes.load(Ordering::SeqCst) == before {
                log("=> pending without a wake");
            }
            None
        }
        Err(payload) => {
            log(format!("=> panicked: {}", panic_message(&*payload)));
            Some(())
        }
    }
}

/// Drops the future under `catch_unwind`, logging a panic.
fn drop_logged<F>(fut: F) {
    log("-- drop");
    if let Err(payload) = catch_quietly(move || drop(fut)) {
        log(format!("=> drop panicked: {}", panic_message(&*payload)));
    }
}

/// What one future did under the full run: the log (with `-- poll N`
/// markers and outcomes), the number of polls up to and including the one
/// that finished it, and whether it finished at all.
struct FullRun {
    log: Vec<String>,
    polls: usize,
    finished: bool,
    size: usize,
}

fn full_run<F: Future>(make: &impl Fn() -> F) -> FullRun
where
    F::Output: Debug,
{
    take_log();
    let counter = Arc::new(CountingWaker(AtomicUsize::new(0)));
    let waker = Waker::from(counter.clone());
    let mut cx = Context::from_waker(&waker);
    let fut = make();
    let size = std::mem::size_of_val(&fut);
    let mut fut = Box::pin(fut);
    let mut polls = 0;
    let mut finished = false;
    while polls < MAX_POLLS {
        polls += 1;
        log(format!("-- poll {polls}"));
        if poll_logged(fut.as_mut(), &mut cx, &counter.0).is_some() {
            finished = true;
            break;
        }
    }
    if finished {
        // Completed or panicked: one more poll must panic (and say why).
        log("-- poll again");
        // A second `Ready` (wrong) and the expected panic are both logged
        // by `poll_logged`; so is a `Pending` without a wake, but not one
        // with a wake: say so.
        let before = counter.0.load(Ordering::SeqCst);
        if poll_logged(fut.as_mut(), &mut cx, &counter.0).is_none()
            && counter.0.load(Ordering::SeqCst) != before
        {
            log("=> pending (after waking)");
        }
    } else {
        log(format!("=> still pending after {MAX_POLLS} polls"));
    }
    drop_logged(fut);
    log(format!("-- wakes: {}", counter.0.load(Ordering::SeqCst)));
    FullRun {
        log: take_log(),
        polls,
        finished,
        size,
    }
}

/// Polls a fresh future `k` times, then drops it; returns the log.
fn cancelled_run<F: Future>(make: &impl Fn() -> F, k: usize) -> Vec<String>
where
    F::Output: Debug,
{
    take_log();
    let counter = Arc::new(CountingWaker(AtomicUsize::new(0)));
    let waker = Waker::from(counter.clone());
    let mut cx = Context::from_waker(&waker);
    let mut fut = Box::pin(make());
    for i in 1..=k {
        log(format!("-- poll {i}"));
        if poll_logged(fut.as_mut(), &mut cx, &counter.0).is_some() {
            log("=> finished before the cancellation point");
            break;
        }
    }
    drop_logged(fut);
    take_log()
}

/// One section of a record: a label (`"run to completion"`,
/// `"cancelled after 2 polls"`) and its events.
type Section = (String, Vec<String>);

/// Everything `check` observed of one future function.
pub struct Record {
    pub sections: Vec<Section>,
    pub polls: usize,
    pub size: usize,
}

/// Whether to run the cancellation sweep, and for how many `k`:
/// `CORO_DIFF_CANCEL=none` skips it, `CORO_DIFF_CANCEL=N` keeps the first
/// `N` values of `k` (0 included) and the last one; unset or `all`: every `k`.
fn cancel_points(polls: usize) -> Vec<usize> {
    let all: Vec<usize> = (0..polls).collect();
    match std::env::var("CORO_DIFF_CANCEL").as_deref() {
        Err(_) | Ok("all") | Ok("") => all,
        Ok("none") | Ok("0") => Vec::new(),
        Ok(n) => {
            let n: usize = n
                .parse()
                .expect("CORO_DIFF_CANCEL must be `all`, `none` or a number");
            let mut some: Vec<usize> = all.iter().copied().take(n).collect();
            if let Some(&last) = all.last() {
                if !some.contains(&last) {
                    some.push(last);
                }
            }
            some
        }
    }
}

/// Records everything observable about the future `make` returns: the full
/// run, then a cancellation run for each `k` of [`cancel_points`] of `polls`
/// (the native run's poll count, so that both records have the same
/// sections; `None`: this run's own count).
pub fn record<F: Future>(which: &str, make: impl Fn() -> F, polls: Option<usize>) -> Record
where
    F::Output: Debug,
{
    if tracing() {
        eprintln!("[trace] ===== {which}: run to completion");
    }
    let full = full_run(&make);
    let mut sections = vec![("run to completion".to_string(), full.log)];
    if full.finished {
        for k in cancel_points(polls.unwrap_or(full.polls)) {
            if tracing() {
                eprintln!("[trace] ===== {which}: cancelled after {k} poll(s)");
            }
            sections.push((
                format!("cancelled after {k} poll(s)"),
                cancelled_run(&make, k),
            ));
        }
    }
    Record {
        sections,
        polls: full.polls,
        size: full.size,
    }
}

/// `Send` and `Sync` of a case's two futures: `(native, lowered)` each.
pub struct AutoTraits {
    pub send: (bool, bool),
    pub sync: (bool, bool),
}

/// The differential check of one case. For `native` and `lowered` alike:
///
/// 1. run a fresh future to completion with a counting waker, logging
///    `-- poll N` before each poll, its result (`=> ready {:?}`) or panic
///    message (`=> panicked: ...`), a `Pending` returned without waking
///    the waker, then one more poll (`-- poll again`, which must panic with
///    the same message as native), the drop of the finished future, and the
///    number of wakes;
/// 2. for every `k` in `0..polls` (`polls` = polls the native run needed),
///    poll a fresh future `k` times and drop it, logging what happens;
///
/// and then assert that both records are equal, section by section, and
/// that `Send` and `Sync` agree. The native run must suspend at least once,
/// unless the case name contains `no_suspend`, in which case it must
/// complete on its first poll. All problems found are reported together in
/// one panic, behaviour first, with a side-by-side diff of the first
/// differing sections. `CORO_DIFF_SHOW=1` (with `--nocapture`) prints the
/// native record.
pub fn check<N, L>(case: &str, native: impl Fn() -> N, lowered: impl Fn() -> L, auto: AutoTraits)
where
    N: Future,
    L: Future,
    N::Output: Debug,
    L::Output: Debug,
{
    let n = record("native", &native, None);
    let l = record("lowered", &lowered, Some(n.polls));
    if std::env::var_os("CORO_DIFF_SHOW").is_some() {
        // `CORO_DIFF_SHOW=1 cargo test --test differential CASE -- --nocapture`
        // prints what the native future did.
        for (label, events) in &n.sections {
            println!("== {case}: {label}");
            for e in events {
                println!("   {e}");
            }
        }
    }
    let mut problems = Vec::new();
    if let Some(report) = diff_records(case, &n, &l) {
        problems.push(report);
    }
    let not = |b: bool| if b { "" } else { "!" };
    if auto.send.0 != auto.send.1 {
        problems.push(format!(
            "case {case}: native future is {}Send, lowered is {}Send",
            not(auto.send.0),
            not(auto.send.1)
        ));
    }
    if auto.sync.0 != auto.sync.1 {
        problems.push(format!(
            "case {case}: native future is {}Sync, lowered is {}Sync",
            not(auto.sync.0),
            not(auto.sync.1)
        ));
    }
    if case.contains("no_suspend") {
        if n.polls != 1 {
            problems.push(format!(
                "case {case}: the name says no_suspend, but the native run took {} polls",
                n.polls
            ));
        }
    } else if n.polls < 2 {
        problems.push(format!(
            "case {case}: the native run never suspended (1 poll); every case \
             should suspend at least once, or say `no_suspend` in its name"
        ));
    }
    if !problems.is_empty() {
        panic!("{}", problems.join("\n"));
    }
}

/// `None` if equal, else a readable report.
pub fn diff_records(case: &str, n: &Record, l: &Record) -> Option<String> {
    if n.sections == l.sections {
        return None;
    }
    let mut out = format!("case {case}: the lowered future differs from the native one\n");
    let mut shown = 0;
    let len = n.sections.len().max(l.sections.len());
    for i in 0..len {
        let ns = n.sections.get(i);
        let ls = l.sections.get(i);
        if ns == ls {
            continue;
        }
        shown += 1;
        if shown > 3 {
            out.push_str("(further differing sections not shown)\n");
            break;
        }
        let label = ns.or(ls).map(|s| s.0.as_str()).unwrap_or("?");
        let empty = Vec::new();
        let ne = ns.map(|s| &s.1).unwrap_or(&empty);
        let le = ls.map(|s| &s.1).unwrap_or(&empty);
        out.push_str(&side_by_side(label, ne, le));
    }
    Some(out)
}

fn side_by_side(label: &str, n: &[String], l: &[String]) -> String {
    let first = n
        .iter()
        .zip(l)
        .position(|(a, b)| a != b)
        .unwrap_or(n.len().min(l.len()));
    let width = n.iter().map(|e| e.len()).max().unwrap_or(0).clamp(6, 48);
    let mut out = format!(
        "\n== {label}: first difference at event #{first}\n   {:<width$} | lowered\n",
        "native"
    );
    for i in 0..n.len().max(l.len()) {
        let a = n.get(i).map(String::as_str).unwrap_or("");
        let b = l.get(i).map(String::as_str).unwrap_or("");
        let mark = if i >= first && a != b { "!!" } else { "  " };
        out.push_str(&format!("{mark} {a:<width$} | {b}\n"));
    }
    out
}
