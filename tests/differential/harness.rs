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

/// Appends an event to this thread's log.
pub fn log(event: impl Into<String>) {
    let event = event.into();
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
// Values that log their drop

/// A value that logs `"drop NAME"` when dropped. `D::with(name, v)` also
/// carries a number; `get` logs `"use NAME"` and returns it.
pub struct D {
    name: String,
    v: i64,
}

impl D {
    pub fn new(name: impl Into<String>) -> D {
        D::with(name, 0)
    }

    pub fn with(name: impl Into<String>, v: i64) -> D {
        D {
            name: name.into(),
            v,
        }
    }

    /// Logs `"use NAME"` and returns the number.
    pub fn get(&self) -> i64 {
        log(format!("use {}", self.name));
        self.v
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Logs `"NAME.touch(ARG)"` and returns `self`'s number plus `arg`: a
    /// method whose receiver is a temporary and whose argument awaits.
    pub fn touch(&self, arg: i64) -> i64 {
        log(format!("{}.touch({arg})", self.name));
        self.v + arg
    }

    /// Consumes the value (dropping it) and returns its number.
    pub fn into_inner(self) -> i64 {
        log(format!("into_inner {}", self.name));
        self.v
    }
}

impl Drop for D {
    fn drop(&mut self) {
        log(format!("drop {}", self.name));
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

/// A drop-logging value, as a function (reads better as a temporary).
pub fn d(name: &str) -> D {
    D::new(name)
}

// ---------------------------------------------------------------------------
// Leaf futures

/// A future that logs `"poll TAG"` on every poll, returns `Pending` `n`
/// times (waking its waker first each time), then `Ready(value)`. When it is
/// dropped it logs `"done TAG"` if it completed and `"cancel TAG"` otherwise,
/// so the log shows exactly when an awaited future is dropped, and that a
/// suspended one is dropped on cancellation.
pub struct Leaf<T> {
    tag: String,
    remaining: usize,
    value: Option<T>,
    done: bool,
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
        if self.done {
            log(format!("done {}", self.tag));
        } else {
            log(format!("cancel {}", self.tag));
        }
    }
}

/// Suspends once, then completes with `()`.
pub fn suspend(tag: impl Into<String>) -> Leaf<()> {
    pending_n(tag, 1, ())
}

/// Suspends once, then completes with `v`.
pub fn value<T>(tag: impl Into<String>, v: T) -> Leaf<T> {
    pending_n(tag, 1, v)
}

/// Suspends `n` times, then completes with `v`.
pub fn pending_n<T>(tag: impl Into<String>, n: usize, v: T) -> Leaf<T> {
    Leaf {
        tag: tag.into(),
        remaining: n,
        value: Some(v),
        done: false,
    }
}

/// Ready on its first poll; logs nothing. An `.await` that does not suspend.
pub fn ready_now<T>(v: T) -> std::future::Ready<T> {
    std::future::ready(v)
}

/// Wraps any future: logs `"poll TAG"` before each poll, `"ready TAG"` when
/// it completes, and on drop `"done TAG"` or `"cancel TAG"` like [`Leaf`].
/// Use it on async blocks and calls of other coroutines whose drop matters.
pub fn track<F: Future>(tag: impl Into<String>, fut: F) -> Tracked<F> {
    Tracked {
        tag: tag.into(),
        done: false,
        fut: Box::pin(fut),
    }
}

pub struct Tracked<F> {
    tag: String,
    done: bool,
    fut: Pin<Box<F>>,
}

impl<F: Future> Future for Tracked<F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        log(format!("poll {}", self.tag));
        let out = self.fut.as_mut().poll(cx);
        if out.is_ready() {
            log(format!("ready {}", self.tag));
            self.done = true;
        }
        out
    }
}

impl<F> Drop for Tracked<F> {
    fn drop(&mut self) {
        if self.done {
            log(format!("done {}", self.tag));
        } else {
            log(format!("cancel {}", self.tag));
        }
    }
}

/// Suspends `n` times, then panics with `"boom TAG"` (inside the awaited
/// future's poll).
pub fn boom_after(tag: impl Into<String>, n: usize) -> Boom {
    Boom {
        tag: tag.into(),
        remaining: n,
    }
}

pub struct Boom {
    tag: String,
    remaining: usize,
}

impl Future for Boom {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
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
        log(format!("drop {}", self.tag));
    }
}

/// An `IntoFuture` (not a `Future`) that logs `"into_future TAG"` when the
/// `.await` converts it, and then behaves like [`value`].
pub fn into_fut<T>(tag: &str, v: T) -> LogIntoFuture<T> {
    LogIntoFuture {
        tag: tag.to_string(),
        v,
    }
}

pub struct LogIntoFuture<T> {
    tag: String,
    v: T,
}

impl<T> IntoFuture for LogIntoFuture<T> {
    type Output = T;
    type IntoFuture = Leaf<T>;
    fn into_future(self) -> Leaf<T> {
        log(format!("into_future {}", self.tag));
        value(self.tag, self.v)
    }
}

// ---------------------------------------------------------------------------
// A logging iterator

/// Yields `0..n`, logging `"next TAG"` on every call of `next` and
/// `"drop TAG"` when dropped.
pub struct LogIter {
    tag: String,
    i: u32,
    n: u32,
}

pub fn log_iter(tag: &str, n: u32) -> LogIter {
    LogIter {
        tag: tag.to_string(),
        i: 0,
        n,
    }
}

impl Iterator for LogIter {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
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
        log(format!("drop {}", self.tag));
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
pub fn record<F: Future>(make: impl Fn() -> F, polls: Option<usize>) -> Record
where
    F::Output: Debug,
{
    let full = full_run(&make);
    let mut sections = vec![("run to completion".to_string(), full.log)];
    if full.finished {
        for k in cancel_points(polls.unwrap_or(full.polls)) {
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
    let n = record(&native, None);
    let l = record(&lowered, Some(n.polls));
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
