// Coroutines compiled unchanged by three user crates: one `#![no_std]`, one
// under `#![deny(warnings, clippy::all, clippy::pedantic)]`, and one that
// defines its own `core`, `std`, `Poll`, `Pin`, `Future`, `Option`, `Some`,
// `drop` and `coro`. Only `::core`, `::alloc` and `::coro` paths are used
// here, and no prelude name those crates shadow; locals are named like the
// macro's own helpers.

/// Ready after being polled `polls` times, waking itself in between.
pub struct Yield {
    polls: u32,
}

impl ::core::future::Future for Yield {
    type Output = u32;

    fn poll(
        mut self: ::core::pin::Pin<&mut Self>,
        cx: &mut ::core::task::Context<'_>,
    ) -> ::core::task::Poll<u32> {
        if self.polls == 0 {
            ::core::task::Poll::Ready(1)
        } else {
            self.polls -= 1;
            cx.waker().wake_by_ref();
            ::core::task::Poll::Pending
        }
    }
}

#[must_use]
pub fn yield_now(polls: u32) -> Yield {
    Yield { polls }
}

/// Straight-line code, with locals named like the lowering's own, and
/// `#[must_use]` (about the output of an `async fn`; the returned future
/// is `must_use` already, and clippy must not find it doubled).
#[::coro::coroutine]
#[must_use]
pub async fn straight_line(state: u32) -> u32 {
    let __frame = state + 1;
    let cx = yield_now(1).await;
    let __f = __frame * 2;
    let live = yield_now(2).await + cx;
    let overlap = __f + live;
    let shadow = yield_now(0).await;
    overlap + shadow
}

/// A loop with a `break` value and a `continue`.
#[::coro::coroutine]
pub async fn looping(limit: u32) -> u32 {
    let mut total = 0;
    let mut i = 0;
    let last = loop {
        i += 1;
        if i % 2 == 0 {
            continue;
        }
        total += yield_now(1).await;
        if i >= limit {
            break i;
        }
    };
    total + last
}

/// A body that only `return` leaves (an accept loop's shape): its tail has
/// type `!`, and nothing after it may be reachable code.
///
/// # Errors
/// `Err(n)` once the running sum passes `limit`.
#[::coro::coroutine]
pub async fn endless(limit: u32) -> ::core::result::Result<(), u32> {
    let mut sum = 0;
    loop {
        sum += yield_now(3).await;
        if sum > limit {
            return ::core::result::Result::Err(sum);
        }
    }
}

/// A `match` whose arms await, on an enum of the user's.
pub enum Shape {
    Circle(u32),
    Square(u32, u32),
    Empty,
}

#[::coro::coroutine]
pub async fn matching(shape: Shape) -> u32 {
    match shape {
        Shape::Circle(r) => r * yield_now(1).await,
        Shape::Square(w, _) => w + yield_now(2).await,
        Shape::Empty => 0,
    }
}

/// A borrow of a local held across awaits (the frame borrows itself).
#[::coro::coroutine]
pub async fn self_borrow() -> usize {
    let words = ::alloc::vec![1_u32, 2, 3];
    let mut sum = 0;
    for w in &words {
        sum += *w + yield_now(1).await;
    }
    let first = &words[0];
    yield_now(1).await;
    usize::try_from(sum + *first).unwrap_or(usize::MAX)
}

/// `?` on a `Result`.
#[::coro::coroutine]
pub async fn question_mark(input: u32) -> ::core::result::Result<u32, u32> {
    let doubled = ::core::result::Result::<u32, u32>::Ok(input * 2)?;
    let checked = if doubled > 100 {
        ::core::result::Result::Err(doubled)
    } else {
        ::core::result::Result::Ok(doubled + yield_now(1).await)
    };
    checked
}

/// A method on a generic type, borrowing `self` across an await.
pub struct Counter<T> {
    items: ::alloc::vec::Vec<T>,
}

impl<T: Clone> Counter<T> {
    #[must_use]
    pub fn new(items: ::alloc::vec::Vec<T>) -> Self {
        Counter { items }
    }

    #[::coro::coroutine]
    pub async fn count_slowly(&self) -> usize {
        let mut n = 0;
        for _ in &self.items {
            yield_now(1).await;
            n += 1;
        }
        n
    }

    #[::coro::coroutine]
    pub async fn push_later(&mut self, item: T) -> usize {
        yield_now(1).await;
        self.items.push(item);
        self.items.len()
    }
}

/// A generic free function with a `where` clause.
#[::coro::coroutine]
pub async fn generic<T>(value: T, times: u32) -> ::alloc::vec::Vec<T>
where
    T: Clone,
{
    let mut out = ::alloc::vec::Vec::new();
    for _ in 0..times {
        yield_now(1).await;
        out.push(value.clone());
    }
    out
}

/// Sums a vector it takes by value.
#[must_use]
pub fn consume(items: ::alloc::vec::Vec<u32>) -> u32 {
    items.into_iter().sum()
}

/// `Some(n)` for odd `n`.
#[must_use]
pub fn odd(n: u32) -> ::core::option::Option<u32> {
    if n % 2 == 1 { ::core::option::Option::Some(n) } else { ::core::option::Option::None }
}

/// A local moved before the first await while a younger one lives on in
/// the frame (the lowering guards the panic drop order there); an `if let`
/// whose condition awaits, with an `else`; breaks with values to two labels
/// from a statement that runs as a native block.
#[::coro::coroutine]
pub async fn guarded(flag: u32) -> u32 {
    let words = ::alloc::vec![1_u32, 2];
    let kept = ::alloc::vec![3_u32];
    let total = consume(words) + yield_now(1).await;
    let extra = if let ::core::option::Option::Some(n) = odd(yield_now(flag).await + flag) {
        n * 2
    } else {
        1
    };
    let mut round = 0;
    let labelled = 'outer: loop {
        round += 1;
        let inner: u32 = 'inner: {
            (::alloc::vec![round].len(), {
                let ::core::option::Option::Some(n) = odd(round) else {
                    break 'outer round + yield_now(1).await;
                };
                if n > 2 {
                    break 'inner n;
                }
                yield_now(1).await
            })
                .1
        };
        if inner > 100 {
            break 0;
        }
    };
    total + extra + kept[0] + labelled
}

/// Items named like the types the macro generates for this function (its
/// frame `NamedLikeItsFrameFrame` and states `NamedLikeItsFrameState`): the
/// generated ones take other names, so the user's are neither hidden nor
/// defined twice.
#[::coro::coroutine]
pub async fn named_like_its_frame(seed: u32) -> u32 {
    struct NamedLikeItsFrameFrame(u32);
    enum NamedLikeItsFrameState {
        Ready(u32),
    }
    let frame = NamedLikeItsFrameFrame(seed);
    let NamedLikeItsFrameState::Ready(state) = NamedLikeItsFrameState::Ready(yield_now(1).await);
    frame.0 + state
}

/// Locals named like the references the poll binds at its top (its state
/// cell, drop flags, the frame for its guards, and the slot of `n`), kept
/// across awaits and returned early with `?` (an exit, with its guard): the
/// user's names and the generated ones do not meet.
#[::coro::coroutine]
pub async fn named_like_slot_refs(n: u32) -> ::core::result::Result<u32, u32> {
    let __coro_slot_n = n + 1;
    let __coro_state = yield_now(1).await + __coro_slot_n;
    let __coro_live = __coro_state * 2;
    let __coro_frame = checked(yield_now(1).await + __coro_live)?;
    ::core::result::Result::Ok(__coro_frame + n + __coro_slot_n)
}

fn checked(v: u32) -> ::core::result::Result<u32, u32> {
    if v > 100 {
        ::core::result::Result::Err(v)
    } else {
        ::core::result::Result::Ok(v)
    }
}

/// Receivers evaluated before arguments that await: moved out (`std`'s
/// by-value `Option::map_or`, `Ord::max`, a by-value method of the value's
/// type), or used in place (a `&mut self` method), as rustc evaluates them.
#[::coro::coroutine]
pub async fn receivers_before_awaiting_arguments(seed: u32) -> u32 {
    let maybe = ::core::option::Option::Some(seed);
    let mut counter = Tally(seed);
    let tally = Tally(1);
    let __coro_recv = seed + 1;
    yield_now(1).await;
    let a = maybe.map_or(yield_now(1).await, |v| v * 2);
    let b = counter.bump(yield_now(2).await);
    let c = __coro_recv.max(yield_now(1).await) + tally.into_inner(yield_now(1).await);
    a + b + c + counter.0
}

/// A value with a method that borrows it and one that takes it.
pub struct Tally(u32);

impl Tally {
    fn bump(&mut self, by: u32) -> u32 {
        self.0 += by;
        self.0
    }

    fn into_inner(self, plus: u32) -> u32 {
        self.0 + plus
    }
}

/// Runs a future to completion on this thread (every future here wakes
/// itself before returning `Pending`).
pub fn run<F: ::core::future::Future>(future: F) -> F::Output {
    let mut future = ::core::pin::pin!(future);
    let mut cx = ::core::task::Context::from_waker(::core::task::Waker::noop());
    loop {
        if let ::core::task::Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
    }
}

/// `let _ = value;` on values of `Copy` types and on references, across an
/// await: the lowering discards them without a call rustc's lints would
/// flag (`dropping_copy_types`, `dropping_references`).
#[::coro::coroutine]
pub async fn discards(n: u32) -> u32 {
    let kept = n + 1;
    let _ = yield_now(1).await;
    let _ = &kept;
    let _ = kept.checked_add(1);
    let _ = (kept, yield_now(0).await);
    kept
}

/// An older API, kept for its callers.
#[deprecated(note = "call `yield_now`")]
#[must_use]
pub fn yield_old(polls: u32) -> Yield {
    yield_now(polls)
}

/// Lints the user allows on a statement (found by a crate of realistic
/// code): `deprecated` on a call awaited in a `let`, and the lints rustc
/// gives on what the lowering moves into the frame's code
/// (`dropping_references`, `unused_comparisons`,
/// `suspicious_double_ref_op`). The shadow copy lints the user's code
/// with those attributes; the lowered copy must add none of its own.
#[::coro::coroutine]
pub async fn statement_allows(n: u32, name: &str) -> usize {
    #[allow(deprecated)]
    let a = yield_old(1).await;
    #[allow(dropping_references)]
    ::core::mem::drop(&name);
    #[allow(unused_comparisons, clippy::absurd_extreme_comparisons)]
    let positive = n >= 0;
    #[allow(suspicious_double_ref_op)]
    let copied: &str = (&name).clone();
    let b = yield_now(1).await;
    copied.len() + usize::from(positive) + (a + b + n) as usize
}

/// clippy's lints on an `async fn`'s tail and `return`s, expected on the
/// function and on a statement (found by a crate of realistic code): the
/// lowering does not give them (its shadow copy types the tail and the
/// `return`s), and must not leave the expectations unfulfilled.
#[::coro::coroutine]
#[expect(clippy::needless_return, reason = "a guard clause style")]
pub async fn expects_clippy_lint(n: u32) -> u32 {
    let m = n + yield_now(1).await;
    return m;
}

/// The same on the statement.
#[::coro::coroutine]
pub async fn expects_clippy_lint_on_statement(n: u32) -> u32 {
    let m = n + yield_now(1).await;
    #[expect(clippy::needless_return)]
    return m;
}

/// Two numbers, taken by value.
pub struct Pair {
    pub first: u32,
    pub second: u32,
}

/// Assigns fields of arguments taken by value (`self` too) before reading
/// them: the shadow copy of the body captures each argument whole, as the
/// `async fn` holds it (a field captured alone, then assigned, is "value
/// captured by `pair.first` is never read").
#[::coro::coroutine]
pub async fn assigns_argument_fields(mut pair: Pair, mut other: Pair) -> u32 {
    pair.first = yield_now(1).await + 4;
    other.second = 2;
    let Pair { first, .. } = pair;
    first + pair.second + other.second
}

impl Pair {
    /// As [`assigns_argument_fields`], on `self`.
    #[::coro::coroutine]
    pub async fn reset(mut self) -> u32 {
        self.first = 0;
        self.first + yield_now(1).await + self.second
    }
}

/// A `let` chain whose middle `let` binds an awaited value irrefutably:
/// rustc lints no `let` there (`irrefutable_let_patterns`), nor may the
/// lowering's own.
#[::coro::coroutine]
pub async fn let_chain_binding_awaited(input: ::core::option::Option<u32>) -> u32 {
    if let ::core::option::Option::Some(polls) = input
        && let ready = yield_now(polls).await
        && ready > 0
    {
        return ready + polls;
    }
    0
}

/// A reader whose methods are named like std's traits' (`next`,
/// `default`), as stream-like types write them: clippy's
/// `should_implement_trait` skips an `async fn`, and must skip its lowering.
pub struct Frames {
    left: ::alloc::vec::Vec<u32>,
}

impl Frames {
    #[::coro::coroutine]
    pub async fn next(&mut self) -> ::core::option::Option<u32> {
        yield_now(1).await;
        self.left.pop()
    }

    #[::coro::coroutine]
    pub async fn default() -> Self {
        yield_now(1).await;
        Frames { left: ::alloc::vec![1, 2] }
    }
}

/// A closure naming a value held across an await, whose result is a `let`
/// under a `#[cfg]` that holds, as its alternative's is (clippy's own
/// `cfg_let_and_return`): rustc keeps that attribute on the `let`, and
/// clippy's `let_and_return` leaves such a `let` alone, in the lowered
/// copy of the closure too.
#[::coro::coroutine]
pub async fn cfg_let_and_return_in_closure(step: u32) -> u32 {
    let base = yield_now(1).await + step;
    let add = |n: u32| {
        #[cfg(target_pointer_width = "16")]
        let sum = n + 1;
        #[cfg(not(target_pointer_width = "16"))]
        let sum = n + base;
        sum
    };
    yield_now(1).await;
    add(1)
}

/// Values held across awaits named inside a macro of the user's own, a
/// `mut` one and two bound by a pattern: lent to it (moved out of the frame
/// into locals of their names and back), and the shadow copy's `mut` for
/// its check quiet.
macro_rules! tally {
    ($total:ident += $($value:expr),*) => {
        $( $total += $value; )*
    };
}

#[::coro::coroutine]
pub async fn lent_to_own_macro(step: u32, pair: (u32, u32)) -> u32 {
    let mut total = step;
    let (first, second) = pair;
    yield_now(1).await;
    tally!(total += first, second);
    yield_now(1).await;
    total
}

/// Lint attributes on arguments: rustc's `async fn` keeps them on the
/// local it binds each argument to, where the body's uses are linted (an
/// unused one allowed, a `mut` one never mutated expected).
#[::coro::coroutine]
pub async fn argument_lint_attributes(
    #[allow(unused_variables)] unused: u32,
    #[expect(unused_mut)] mut kept: u32,
    #[allow(unused_variables)] (first, second): (u32, u32),
) -> u32 {
    yield_now(1).await;
    kept + first
}

/// Runs every coroutine above and checks its result.
///
/// # Panics
/// If a coroutine returns what its plain `async fn` would not.
pub fn check_all() {
    assert_eq!(run(straight_line(1)), 7);
    let pair = |first, second| Pair { first, second };
    // yield_now(1) is 1: first 5, second 10, other's second 2.
    assert_eq!(run(assigns_argument_fields(pair(3, 10), pair(7, 8))), 17);
    assert_eq!(run(pair(3, 10).reset()), 11);
    assert_eq!(run(let_chain_binding_awaited(::core::option::Option::Some(2))), 3);
    assert_eq!(run(let_chain_binding_awaited(::core::option::Option::None)), 0);
    assert_eq!(run(looping(5)), 8);
    assert_eq!(run(endless(10)), ::core::result::Result::Err(11));
    assert_eq!(run(matching(Shape::Circle(3))), 3);
    assert_eq!(run(matching(Shape::Square(4, 9))), 5);
    assert_eq!(run(matching(Shape::Empty)), 0);
    assert_eq!(run(self_borrow()), 10);
    assert_eq!(run(question_mark(3)), ::core::result::Result::Ok(7));
    assert_eq!(run(question_mark(60)), ::core::result::Result::Err(120));
    let mut counter = Counter::new(::alloc::vec![1_u8, 2]);
    assert_eq!(run(counter.count_slowly()), 2);
    assert_eq!(run(counter.push_later(3)), 3);
    assert_eq!(run(generic('x', 3)), ::alloc::vec!['x', 'x', 'x']);
    // total 1 + 2 + 1; odd(1 + 1) is None: 1; kept 3; `round` 2 is even: 2 + 1.
    assert_eq!(run(guarded(1)), 4 + 1 + 3 + 3);
    // odd(1 + 2) is 3: 6.
    assert_eq!(run(guarded(2)), 4 + 6 + 3 + 3);
    assert_eq!(run(named_like_its_frame(4)), 5);
    // slot_n 3, state 1 + 3, live 8, frame 1 + 8: 9 + 2 + 3.
    assert_eq!(run(named_like_slot_refs(2)), ::core::result::Result::Ok(14));
    assert_eq!(run(named_like_slot_refs(60)), ::core::result::Result::Err(1 + 2 * 62));
    // a = 2 * 2, b = 2 + 1, c = max(3, 1) + (1 + 1), then counter 3.
    assert_eq!(run(receivers_before_awaiting_arguments(2)), 4 + 3 + 5 + 3);
    assert_eq!(run(discards(2)), 3);
    assert_eq!(run(statement_allows(2, "ab")), 2 + 1 + 4);
    assert_eq!(run(expects_clippy_lint(2)), 3);
    assert_eq!(run(expects_clippy_lint_on_statement(2)), 3);
    assert_eq!(run(cfg_let_and_return_in_closure(2)), 1 + 1 + 2);
    assert_eq!(run(argument_lint_attributes(1, 2, (3, 4))), 2 + 3);
    assert_eq!(run(lent_to_own_macro(1, (2, 3))), 1 + 2 + 3);
    let mut frames = run(Frames::default());
    assert_eq!(run(frames.next()), ::core::option::Option::Some(2));
}
