// Methods: every receiver kind, associated functions using `Self`, async
// fns in trait impls (traits declaring `async fn` and traits declaring
// `fn -> impl Future`), default method bodies.

use std::future::Future;
use std::pin::Pin;

pub struct Res {
    d: D,
    n: u32,
}

impl Res {
    /// An associated function building `Self` after awaiting.
    #[self::coroutine]
    async fn make(name: &str, n: u32) -> Self {
        let n = value(format!("make {name}"), n).await;
        Self {
            d: D::with(name, n as i64),
            n,
        }
    }

    /// `self` by value: consumed and dropped when the future completes.
    #[self::coroutine]
    async fn consume(self) -> i64 {
        let _local = D::new("consume-local");
        suspend("consume").await;
        self.d.get() + self.n as i64
    }

    /// `self` by value with a field moved out: the rest drops at the end.
    #[self::coroutine]
    async fn take_d(self) -> D {
        suspend("take_d").await;
        let d = self.d;
        log("moved d out");
        suspend("after move").await;
        d
    }

    /// `&self`.
    #[self::coroutine]
    async fn peek(&self) -> i64 {
        value("peek", self.d.get()).await
    }

    /// `&mut self`, mutating across awaits.
    #[self::coroutine]
    async fn bump(&mut self, by: u32) -> u32 {
        self.n += value("bump", by).await;
        suspend("bump2").await;
        self.n += Self::helper();
        self.n
    }

    fn helper() -> u32 {
        log("Self::helper");
        1
    }

    /// `self: Pin<&mut Self>`.
    #[self::coroutine]
    async fn pinned(self: Pin<&mut Self>) -> u32 {
        let this = self.get_mut();
        this.n *= value("pinned", 2).await;
        this.n
    }

    /// `self: Box<Self>`.
    #[self::coroutine]
    async fn boxed(self: Box<Self>) -> i64 {
        suspend("boxed").await;
        self.d.get()
    }

    /// `&self` returning a chainable `&Self`.
    #[self::coroutine]
    async fn step(&self, tag: &str) -> &Self {
        suspend(format!("step {tag}")).await;
        self
    }
}

/// A trait declaring `async fn`s, one with a default body.
trait Greeter {
    async fn greet(&self, who: &str) -> String;

    #[self::coroutine]
    async fn greet_twice(&self, who: &str) -> String {
        let _d = D::new("default-body");
        let a = self.greet(who).await;
        let b = self.greet(who).await;
        format!("{a} / {b}")
    }
}

/// A trait declaring `fn -> impl Future`.
trait Counter {
    fn count(&self, from: u32) -> impl Future<Output = u32>;
}

struct English(D);
struct Loud;

impl Greeter for English {
    #[self::coroutine]
    async fn greet(&self, who: &str) -> String {
        let name = value(format!("greet {who}"), who.to_string()).await;
        format!("hello {name} from {}", self.0.name())
    }
}

impl Greeter for Loud {
    #[self::coroutine]
    async fn greet(&self, who: &str) -> String {
        value("loud", who.to_uppercase()).await
    }

    /// Overrides the default body.
    #[self::coroutine]
    async fn greet_twice(&self, who: &str) -> String {
        let once = self.greet(who).await;
        format!("{once}!!")
    }
}

impl Counter for English {
    #[self::coroutine]
    async fn count(&self, from: u32) -> u32 {
        let mut n = from;
        for i in 0..2 {
            n += value(format!("count{i}"), 1).await;
        }
        n + self.0.get() as u32
    }
}

/// Generic over the trait: static dispatch of an async trait method.
#[self::coroutine]
async fn greet_all<G: Greeter>(g: &G, names: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for n in names {
        out.push(g.greet(n).await);
    }
    out
}

/// `self` by value: the receiver (and its fields) drop when the future
/// completes, after the body's locals.
pub mod self_by_value {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let r = Res::make("r", 2).await;
        let x = r.consume().await;
        log("after consume");
        x
    }
}

/// A value that lives across an await, the receiver of a method at its
/// last use: moved out when the method takes `self` by value (`stop`, sync
/// and async, with arguments), used in place when it
/// borrows (`peek`, `poke`, a trait's `&self` method, through a `&mut`
/// value, with generic arguments), so that it
/// still drops at the end of its scope, after the later locals. `Copy`
/// values with a trait method taking `self` are copied. Methods may have
/// the names of the lowering's own helpers.
pub mod last_use_receiver_by_value_or_in_place {
    use super::*;

    pub struct Server(D);

    impl Server {
        fn stop(self) -> i64 {
            log("stop");
            self.0.get()
        }
        async fn stop_async(self) -> i64 {
            suspend("stopping").await;
            self.0.get()
        }
        fn peek(&self) -> i64 {
            self.0.get()
        }
        fn poke(&mut self) -> i64 {
            log("poke");
            self.0.get() + 1
        }
        fn name(&self) -> &str {
            self.0.name()
        }
        fn stop_with(self, code: i64, tag: &str) -> i64 {
            log(format!("stop_with {tag}"));
            self.0.get() + code
        }
        fn peek_plus(&self, k: i64) -> i64 {
            self.0.get() + k
        }
        fn peek_generic<K: Into<i64>>(&self, k: K) -> i64 {
            self.0.get() + k.into()
        }
        /// Named as the lowering's own helpers are.
        fn target(self) -> i64 {
            self.0.get() + 100
        }
        fn recv_kind(&self) -> i64 {
            self.0.get() + 200
        }
    }

    pub trait Describe {
        fn describe(&self) -> i64;
    }

    impl Describe for Server {
        fn describe(&self) -> i64 {
            log("describe");
            self.0.get() * 10
        }
    }

    #[derive(Clone, Copy)]
    pub struct Meters(i64);

    pub trait Doubled {
        fn doubled(self) -> Meters;
    }

    impl Doubled for Meters {
        fn doubled(self) -> Meters {
            Meters(self.0 * 2)
        }
    }

    fn generic_describe<T: Describe>(t: &T) -> i64 {
        t.describe()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = Server(D::with("a", 1));
        let b = Server(D::with("b", 2));
        let mut c = Server(D::with("c", 3));
        let d = Server(D::with("d", 4));
        let e = Server(D::with("e", 5));
        let mut f = Server(D::with("f", 6));
        let g = Server(D::with("g", 7));
        let m = Meters(8);
        let h = Server(D::with("h", 9));
        let i = Server(D::with("i", 10));
        let j = Server(D::with("j", 11));
        let k = Server(D::with("k", 12));
        let l = Server(D::with("l", 13));
        suspend("s1").await;
        let n1 = a.stop();
        let n2 = b.peek();
        let n3 = c.poke();
        let n4 = d.describe();
        let n5 = e.stop_async().await;
        let f_ref = &mut f;
        suspend("s2").await;
        let n6 = f_ref.poke();
        let name = g.name();
        suspend("s3").await;
        let n7 = m.doubled().0 + h.target() + i.recv_kind();
        let code = value("code", 1).await;
        let n8 = j.stop_with(code, "j") + k.peek_plus(2) + l.peek_generic(3u8);
        let later = D::new("later");
        log(format!("{name} {}", generic_describe(&later_server(&later))));
        suspend("s4").await;
        n1 + n2 + n3 + n4 + n5 + n6 + n7 + n8
    }

    fn later_server(d: &D) -> Server {
        Server(D::with(format!("from {}", d.name()), 0))
    }
}

/// A method called on a value that lives across an await, with an argument
/// that awaits. rustc evaluates the receiver first: one the method takes by
/// value is moved into the call before the argument's await (cancelled
/// there, it drops with the statement's temporaries, before the locals
/// declared after it), one it borrows is borrowed there and used after.
/// By value: std's `Option::unwrap_or`, a method of the value's own type,
/// sync and async, a `Copy` value's, and an `FnOnce` closure called. Borrowed:
/// A value that lives across an await, at its last use the receiver of a
/// method whose parameters are generic (a builder's): the call's arguments
/// type the lowering's probe of how the method takes `self`. By value
/// (`name`, `pair`, `join`, where `&Vec` coerces to `&[i64]`) it is moved
/// into the call; by reference (`show`) it stays, dropped at the end of its
/// scope after the later locals.
pub mod generic_methods_at_last_use {
    use super::*;
    use std::fmt::Display;

    pub struct Builder(D, String);

    impl Builder {
        fn name<S: Into<String>>(self, s: S) -> Builder {
            let s = s.into();
            log(format!("name {s}"));
            Builder(self.0, self.1 + &s)
        }
        fn pair<K: Display, V: Display>(self, k: K, v: V) -> Builder {
            log(format!("pair {k}={v}"));
            Builder(self.0, format!("{}{k}={v};", self.1))
        }
        fn join(self, parts: &[i64]) -> String {
            log("join");
            format!("{}{parts:?}{}", self.1, self.0.get())
        }
        fn show<S: Display>(&self, s: S) -> String {
            format!("{}:{s}", self.0.name())
        }
        fn finish(self) -> String {
            format!("{}{}", self.1, self.0.get())
        }
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let a = Builder(D::with("a", 1), String::new());
        let b = Builder(D::with("b", 2), String::new());
        let c = Builder(D::with("c", 3), String::new());
        let w = Builder(D::with("w", 4), String::new());
        let _later = D::new("later");
        suspend("s1").await;
        let shown = w.show(7u8);
        let a = a.name("x").name(String::from("y"));
        let parts = vec![ev("p1", 1), ev("p2", 2)];
        let joined = c.join(&parts);
        let b = b.pair(ev("k", 'k'), ev("v", 2.5));
        suspend("s2").await;
        format!("{shown} {} {} {joined}", a.finish(), b.finish())
    }
}

/// Arguments of methods called on a value at its last use, which the
/// lowering's probe of the method is typed by, coerce to the parameters'
/// types as in a plain call: `&Vec` to a slice, a `Box` to a trait object,
/// a function to a pointer, a `&mut` reborrowed (usable after the call),
/// an integer literal to the parameter's type.
pub mod probed_call_arguments_coerce {
    use super::*;

    pub trait Weigh {
        fn weight(&self) -> i64;
    }

    impl Weigh for D {
        fn weight(&self) -> i64 {
            self.get() * 100
        }
    }

    pub struct Scale(D);

    impl Scale {
        fn sum(&self, parts: &[i64]) -> i64 {
            parts.iter().sum::<i64>() + self.0.get()
        }
        fn sum_owned(self, parts: &[i64]) -> i64 {
            parts.iter().sum::<i64>() + self.0.get()
        }
        fn weigh(self, w: Box<dyn Weigh>) -> i64 {
            w.weight() + self.0.get()
        }
        fn apply(&self, f: fn(i64) -> i64) -> i64 {
            f(self.0.get())
        }
        fn bump(self, counter: &mut i64) -> i64 {
            *counter += self.0.get();
            *counter
        }
        fn narrow(self, k: u8) -> i64 {
            i64::from(k) + self.0.get()
        }
    }

    fn double(n: i64) -> i64 {
        n * 2
    }

    #[self::coroutine]
    pub async fn run() -> Vec<i64> {
        let a = Scale(D::with("a", 1));
        let b = Scale(D::with("b", 2));
        let c = Scale(D::with("c", 3));
        let e = Scale(D::with("e", 4));
        let f = Scale(D::with("f", 5));
        let g = Scale(D::with("g", 6));
        let parts = vec![10, 20];
        let mut counter = 0;
        suspend("s").await;
        let out = vec![
            a.sum(&parts),
            b.sum_owned(&parts),
            c.weigh(Box::new(D::with("boxed", 7))),
            e.apply(double),
            f.bump(&mut counter),
            g.narrow(200),
        ];
        counter += 1;
        suspend("t").await;
        [out, vec![counter]].concat()
    }
}

/// Closures passed to methods of a value that lives across an await, at its
/// last use: a generic method's bounds type a closure's parameters only in
/// the call itself (`&str`, a higher-ranked one, is not inferred through a
/// second call), so the lowering makes the closures that end the arguments
/// in the user's call, after the other arguments, as rustc makes them
/// last. By value (`with`, `with_count`, `keep`) the receiver is moved into
/// the call; by reference (`visit`) it stays, dropped at the end of its
/// scope after the later locals. A `move` closure takes a value held
/// across the await with it (dropped in `keep`).
pub mod closures_passed_to_methods_at_last_use {
    use super::*;

    pub struct Builder(D, String);

    impl Builder {
        fn with<F: FnOnce(&str) -> String>(self, f: F) -> Builder {
            let s = f(self.0.name());
            log(format!("with {s}"));
            Builder(self.0, self.1 + &s)
        }
        fn with_count<F: Fn(&str, usize) -> String>(self, n: usize, f: F) -> Builder {
            let s: String = (0..n).map(|i| f(self.0.name(), i)).collect();
            Builder(self.0, self.1 + &s)
        }
        fn visit<F: FnMut(&D)>(&self, mut f: F) {
            f(&self.0);
        }
        fn keep<F: FnOnce(&mut String) -> bool, G: FnOnce() -> i64>(mut self, f: F, g: G) -> String {
            let kept = f(&mut self.1);
            format!("{}{kept}{}", self.1, g())
        }
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let a = Builder(D::with("a", 1), String::new());
        let b = Builder(D::with("b", 2), String::new());
        let c = Builder(D::with("c", 3), String::new());
        let captured = D::with("captured", 40);
        let _later = D::new("later");
        suspend("s1").await;
        let mut seen = Vec::new();
        c.visit(|d| seen.push(d.get()));
        let a = a.with(|s| s.to_uppercase()).with_count(ev("n", 2), |s, i| format!("{s}{i}"));
        let b = b.with(|s| format!("<{s}>"));
        suspend("s2").await;
        let kept = b.keep(|s| { s.push('!'); true }, move || captured.get() + 2);
        format!("{seen:?} {} {kept}", a.1)
    }
}

/// Closure literals before other arguments of a generic method taking
/// `self`, on values held across an await, at their last use: the closure
/// is made in the call, after the arguments that follow it (a closure that
/// borrows or copies nothing those arguments change cannot tell), with
/// the later argument awaiting too (the receiver is spilled before it).
/// A `move` closure that copies a value no later argument names; one
/// that copies a value the next argument changes is made first, as rustc
/// makes it (the method's parameter is not generic, so the probe needs no
/// argument types). A closure that names no value of the coroutine, before
/// an argument that awaits, is made in the call too (a free function).
pub mod closures_before_other_arguments_at_last_use {
    use super::*;

    pub struct Builder(D);

    impl Builder {
        fn scaled<F: Fn(i64) -> i64>(self, f: F, k: i64) -> i64 {
            log(format!("scaled by {k}"));
            f(self.0.get()) * k
        }
        fn framed<F: FnOnce(&str) -> String, B: std::fmt::Display, G: FnOnce(&str) -> String>(
            self,
            open: F,
            body: B,
            close: G,
        ) -> String {
            format!("{}{body}{}", open(self.0.name()), close(self.0.name()))
        }
    }

    fn apply<F: Fn(&str) -> usize>(f: F, s: String) -> usize {
        f(&s)
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let a = Builder(D::with("a", 1));
        let b = Builder(D::with("b", 2));
        let c = Builder(D::with("c", 3));
        let d = Builder(D::with("d", 4));
        let e = Builder(D::with("e", 5));
        let step = 10;
        let mut bump = 1;
        let _later = D::new("later");
        suspend("s1").await;
        let x = a.scaled(|n| n + 1, ev("k", 2));
        let y = b.scaled(move |n| n + step, value("k", 3).await);
        let text = String::from("body");
        let z = c.framed(|s| format!("<{s}>"), &text, |s| format!("</{s}>"));
        suspend("s2").await;
        let w = d.framed(|s| s.to_uppercase(), value("t", text).await, |s| s.repeat(2));
        let v = e.scaled(move |n| n + bump, {
            bump += 10;
            bump
        });
        let u = apply(|s| s.len(), value("u", String::from("four")).await);
        format!("{x} {y} {z} {w} {v} {u}")
    }
}

/// Methods whose names std's iterators, `Option`, `Result` or futures take
/// `self` for (`map`, `take`, `filter`, `sum`), on values of other types
/// held across an await, at their last use: the value's own method decides
/// (by value: moved into the call; `&self`: left in place, dropped at the
/// end of its scope after the later locals), as it does for an `Option`,
/// an iterator, a future (`FutureExt::map`) and a stream (`StreamExt::map`),
/// moved into theirs. A reference (`&mut`) is reborrowed.
pub mod std_named_methods_of_other_types_at_last_use {
    use super::*;
    use futures::{FutureExt, StreamExt};

    pub struct Sack(D, Vec<i64>);

    impl Sack {
        fn map<F: FnOnce(i64) -> i64>(self, f: F) -> i64 {
            f(self.0.get())
        }
        fn take(self, n: usize) -> Vec<i64> {
            self.1.into_iter().take(n).collect()
        }
        fn filter(&self, min: i64) -> Vec<i64> {
            self.1.iter().copied().filter(|v| *v >= min).collect()
        }
        fn sum(self) -> i64 {
            self.1.iter().sum::<i64>() + self.0.get()
        }
        fn count(&mut self) -> usize {
            self.1.push(0);
            self.1.len()
        }
    }

    #[self::coroutine]
    pub async fn run() -> Vec<i64> {
        let a = Sack(D::with("a", 1), vec![1, 2]);
        let b = Sack(D::with("b", 2), vec![3, 4, 5]);
        let c = Sack(D::with("c", 3), vec![6, 7]);
        let d = Sack(D::with("d", 4), vec![8]);
        let mut e = Sack(D::with("e", 5), vec![]);
        let r = &mut e;
        let o = Some(D::with("o", 6));
        let it = vec![D::with("i1", 7), D::with("i2", 8)].into_iter();
        let fut = value("fut", 9);
        let stream = futures::stream::iter(vec![D::with("s1", 10), D::with("s2", 11)]);
        let _later = D::new("later");
        suspend("s1").await;
        let mapped = a.map(|n| n * 10);
        let taken = b.take(2);
        let filtered = c.filter(7);
        let summed = d.sum();
        let counted = r.count() as i64;
        let from_option = o.map(|d| d.get()).unwrap_or(0);
        let from_iter: i64 = it.map(|d| d.get()).sum();
        let from_future = fut.map(|n| n + 1).await;
        let from_stream: Vec<i64> = stream.map(|d| d.get()).collect().await;
        suspend("s2").await;
        let values = vec![mapped, summed, counted, from_option, from_iter, from_future];
        [values, taken, filtered, from_stream].concat()
    }
}

/// Generic methods of a value that lives across awaits, at its last use,
/// with an argument that awaits: rustc moves the receiver into the call
/// (or borrows it) before that await, so cancelled there, a moved receiver
/// drops with the statement's temporaries, a borrowed one at the end of
/// its scope. Which, the method decides, and its generic parameters only
/// the arguments' types (the probe made before the await is typed at the
/// call, after it). (E0283 before.)
pub mod generic_methods_with_awaiting_arguments {
    use super::*;

    pub struct Builder(D, String);

    impl Builder {
        fn name<S: Into<String>>(self, s: S) -> Builder {
            let s = s.into();
            log(format!("name {s}"));
            Builder(self.0, self.1 + &s)
        }
        fn each<F: Fn(&str) -> String>(self, sep: char, f: F) -> String {
            self.1.split(sep).map(f).collect::<Vec<_>>().join("+")
        }
        fn weigh<N: Into<i64>>(&self, n: N) -> i64 {
            self.0.get() + n.into()
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, String) {
        let a = Builder(D::with("a", 1), String::new());
        let b = Builder(D::with("b", 2), String::from("x"));
        let _later = D::new("later");
        suspend("s1").await;
        let a = a.name(value("n1", String::from("p")).await);
        let w = b.weigh(value("w", 5u8).await);
        let a = a.name(value("n2", "q,r").await);
        let joined = a.each(',', |s| s.to_uppercase());
        (w + b.0.get(), joined)
    }
}

/// A generic method taking `self` by value, at the receiver's last use,
/// whose argument borrows the value an await gives (`&token().await`): the
/// borrow lives only for the call, although the receiver was moved out
/// before the await (the spilled receiver carries the argument's type).
#[allow(clippy::needless_borrows_for_generic_args)]
pub mod generic_method_argument_borrows_awaited_value {
    use super::*;
    use std::fmt::Display;

    pub struct Req(D, String);

    impl Req {
        fn header<V: Display>(self, k: &str, v: V) -> Req {
            log(format!("header {k}={v}"));
            Req(self.0, format!("{}{k}={v};", self.1))
        }
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let r = Req(D::with("r", 1), String::new());
        let _later = D::new("later");
        suspend("s1").await;
        let r = r.header("a", &value("token", D::with("t", 7)).await.get());
        let r = r.header("b", &*value("name", String::from("n")).await);
        r.1
    }
}

/// A generic method taking `self` by value, at the receiver's last use,
/// whose argument returns early (`?`): the receiver is already moved into
/// the call, so it drops with the statement's temporaries, before the
/// later locals.
pub mod generic_by_value_method_argument_returns_early {
    use super::*;

    pub struct Builder(D);

    impl Builder {
        fn with<N: Into<i64>>(self, n: N) -> i64 {
            self.0.get() + n.into()
        }
    }

    fn part(v: i32) -> Result<i32, String> {
        log(format!("part({v})"));
        if v < 0 { Err(format!("bad {v}")) } else { Ok(v) }
    }

    #[self::coroutine]
    pub async fn run() -> Result<i64, String> {
        let a = Builder(D::with("a", 1));
        let b = Builder(D::with("b", 2));
        let _later = D::new("later");
        suspend("s").await;
        let n = a.with(part(3)?);
        let m = b.with(part(-1)?);
        Ok(n + m)
    }
}

/// `&self` and `&mut self` methods, at the value's last use and before
/// other uses.
#[allow(clippy::unnecessary_literal_unwrap)]
pub mod receiver_before_awaiting_arguments {
    use super::*;

    pub struct Conn(D);

    impl Conn {
        fn close_with(self, code: i64, tag: &str) -> i64 {
            log(format!("close_with {tag}"));
            self.0.get() + code
        }
        async fn close_async(self, code: i64) -> i64 {
            suspend("closing").await;
            self.0.get() + code
        }
        fn peek_plus(&self, k: i64) -> i64 {
            log("peek_plus");
            self.0.get() + k
        }
        fn bump(&mut self, k: i64) -> i64 {
            log("bump");
            self.0 = D::with(format!("bumped {}", self.0.name()), self.0.get() + k);
            self.0.get()
        }

        /// `self` as the receiver: taken by value, and borrowed through
        /// `&mut self`.
        #[self::coroutine]
        async fn finish(self, _later: D) -> i64 {
            suspend("finish").await;
            self.close_with(value("fin", 6).await, "self")
        }

        #[self::coroutine]
        async fn grow(&mut self) -> i64 {
            suspend("grow").await;
            self.bump(value("g", 7).await) + self.peek_plus(value("p", 8).await)
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let o = Some(D::with("o", 1));
        let a = Conn(D::with("a", 10));
        let b = Conn(D::with("b", 20));
        let mut c = Conn(D::with("c", 30));
        let d = Conn(D::with("d", 40));
        let n = 3i64;
        let held = D::with("held", 50);
        let once = move |k: i64| {
            let held = held;
            held.get() + k
        };
        let _later = D::new("later");
        suspend("s").await;
        let v = o.unwrap_or(value("w", D::with("w", 2)).await);
        let x1 = a.close_with(value("code", 1).await, "a");
        let x2 = b.peek_plus(value("k", 2).await) + b.peek_plus(0);
        let x3 = c.bump(value("k2", 3).await);
        let x4 = c.bump(value("k3", 4).await);
        let x5 = d.close_async(value("code2", 5).await).await;
        let x6 = n.pow(value("e", 2).await as u32) + n.max(ev("m", 1));
        let x7 = once(value("k4", 6).await);
        let mut e = Conn(D::with("e", 60));
        let x8 = e.grow().await + e.finish(D::new("later arg")).await;
        v.get() + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + ordered().await + arguments_change_the_variable().await
    }

    /// The arguments change the receiver's variable after rustc moved or
    /// copied the receiver out: the call uses the value from before.
    #[self::coroutine]
    async fn arguments_change_the_variable() -> i64 {
        let mut n = 5i64;
        let mut x = D::with("x", 1);
        suspend("c").await;
        let a = n.max(set(&mut n, 100).await);
        let b = x.consume({
            x = D::with("x2", 9);
            value("w", 2).await
        });
        a + b + n + x.get()
    }

    async fn set(n: &mut i64, v: i64) -> i64 {
        suspend("set").await;
        *n = v;
        1
    }

    /// `Ord`'s by-value methods and the comparison methods on values that
    /// live across an await, with plain, computed and awaited arguments.
    #[self::coroutine]
    async fn ordered() -> i64 {
        let n = 5i64;
        let f = 2.5f64;
        let s = String::from("s");
        let t = String::from("t");
        let u = String::from("u");
        suspend("o").await;
        let a = n.max(ev("one", 1)) + n.min(value("nine", 9).await) + n.clamp(0, 4);
        let b = f.max(value("half", 0.5).await).max(ev("f", 1.0)) as i64;
        let c = s.eq(&t) as i64 + s.cmp(&t) as i64 + s.partial_cmp(&t).map_or(7, |o| o as i64);
        let longest = s.max(t).max(value("v", u).await);
        log(format!("longest {longest}"));
        a + b + c + n
    }
}

/// `self` by value with a field moved out partway: the moved field is not
/// dropped by the method, the others are at the end.
pub mod self_partially_moved {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let r = Res {
            d: D::with("field", 1),
            n: 2,
        };
        let d = r.take_d().await;
        log("returned");
        d.get()
    }
}

/// `&self` and `&mut self` methods, `Self::` paths inside the body.
pub mod ref_and_mut_self {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (i64, u32, u32) {
        let mut r = Res::make("r", 3).await;
        let a = r.peek().await;
        let b = r.bump(4).await;
        let c = r.bump(ev("by", 1)).await;
        (a, b, c)
    }
}

/// `self: Pin<&mut Self>` and `self: Box<Self>` receivers.
pub mod pin_and_box_self {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (u32, i64) {
        let mut r = Res::make("pinned", 5).await;
        let a = Pin::new(&mut r).pinned().await;
        let b = Box::new(r).boxed().await;
        (a, b)
    }
}

/// Chained awaited methods returning `&Self`.
pub mod method_chain_of_awaits {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let r = Res::make("chain", 1).await;
        r.step("a").await.step("b").await.peek().await
    }
}

/// An async fn in a trait impl, called through a generic function.
pub mod trait_async_fn_impl {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let g = English(D::new("english"));
        greet_all(&g, &["a", "b"]).await
    }
}

/// A trait's default `async fn` body calling the implementor's method, and
/// an implementor overriding it.
pub mod trait_default_body {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (String, String) {
        let e = English(D::new("english"));
        let a = e.greet_twice("x").await;
        let b = Loud.greet_twice("y").await;
        (a, b)
    }
}

/// An `async fn` implementing a trait method declared as
/// `fn count(&self, ..) -> impl Future`.
pub mod trait_impl_future_method {
    use super::*;

    #[self::coroutine]
    async fn via_trait<C: Counter>(c: &C) -> u32 {
        c.count(10).await
    }

    #[self::coroutine]
    pub async fn run() -> (u32, u32) {
        let e = English(D::with("english", 100));
        let direct = e.count(1).await;
        (direct, via_trait(&e).await)
    }
}

/// A generic impl block's async method with a trait-bounded parameter.
pub mod generic_impl_method {
    use super::*;
    use std::fmt::Debug;

    pub struct Wrapper<T>(T);

    impl<T: Debug + Clone> Wrapper<T> {
        #[self::coroutine]
        async fn show_with<F>(&self, f: F) -> String
        where
            F: Fn(T) -> String,
        {
            let v = value("clone", self.0.clone()).await;
            format!("{:?} -> {}", self.0, f(v))
        }
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let w = Wrapper(vec![1, 2]);
        w.show_with(|v| format!("{}", v.len())).await
    }
}

/// `#[async_trait]`: the attribute on the `impl` rewrites each method into a
/// function returning `Box::pin(async move { .. })` before `#[coroutine]`
/// sees it; the coroutine lowers that block and is boxed in its place. Called
/// through `dyn Store` (the boxed futures are `Send`), with a local and an
/// argument that live across awaits and drop in order on cancellation.
pub mod async_trait_methods {
    use super::*;

    #[async_trait::async_trait]
    pub trait Store: Sync {
        async fn get(&self, key: &str) -> i64;

        async fn joined(&self, a: &str, b: &str) -> i64;

        /// A default body, lowered too.
        #[self::coroutine]
        async fn get_both(&self, a: &str, b: D) -> i64 {
            let x = self.get(a).await;
            let y = value("both", b.get()).await;
            x * 10 + y
        }
    }

    pub struct Map(pub D);

    impl Map {
        /// A future borrowing `self` and both strings, each under its own
        /// lifetime.
        async fn join(&self, a: &str, b: &str) -> i64 {
            suspend("join").await;
            self.0.get() + (a.len() * 10 + b.len()) as i64
        }
    }

    #[async_trait::async_trait]
    impl Store for Map {
        #[self::coroutine]
        async fn get(&self, key: &str) -> i64 {
            let local = D::with(format!("local {key}"), key.len() as i64);
            let v = value(format!("get {key}"), self.0.get()).await;
            suspend("between").await;
            v + local.get()
        }

        /// Awaits a future made from three frame values, each borrowed
        /// under a lifetime of its own (`'life0`, `'life1`, `'life2`).
        #[self::coroutine]
        async fn joined(&self, a: &str, b: &str) -> i64 {
            let first = value("first", 1).await;
            self.join(a, b).await * 100 + first
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64) {
        let map = Map(D::with("map", 3));
        let store: &dyn Store = &map;
        let one = store.get("ab").await;
        let both = store.get_both("c", D::with("b", 7)).await;
        let joined = store.joined("xy", "z").await;
        (one, both + joined)
    }
}

/// `#[async_trait(?Send)]` with `&mut self` and a pattern argument (which
/// `#[async_trait]` binds inside the block): the futures are not `Send`,
/// natively and lowered alike (the value held across the await is an `Rc`).
pub mod async_trait_not_send {
    use super::*;
    use std::rc::Rc;

    #[async_trait::async_trait(?Send)]
    pub trait Counter {
        async fn add(&mut self, pair: (i64, D)) -> i64;
    }

    pub struct Total(i64);

    #[async_trait::async_trait(?Send)]
    impl Counter for Total {
        #[self::coroutine]
        async fn add(&mut self, (n, d): (i64, D)) -> i64 {
            let shared = Rc::new(n);
            self.0 += value("add", *shared).await + d.get();
            suspend("after add").await;
            self.0
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut t = Total(0);
        t.add((1, D::with("d1", 10))).await;
        t.add((2, D::with("d2", 20))).await
    }
}

/// The entry API across awaits: `VacantEntry::insert` and
/// `OccupiedEntry::remove` take the entry by value at its last use, where
/// `HashMap::insert` and `remove` borrow the map (asked of the type, not
/// assumed from the name).
pub mod entry_api_across_awaits {
    use super::*;
    use std::collections::HashMap;
    use std::collections::hash_map::Entry;

    #[self::coroutine]
    async fn toggle(m: &mut HashMap<u8, i64>, k: u8) -> Option<i64> {
        match m.entry(k) {
            Entry::Occupied(o) => {
                suspend("occupied").await;
                Some(o.remove())
            }
            Entry::Vacant(v) => {
                let n = value("new", i64::from(k) * 10).await;
                v.insert(n);
                None
            }
        }
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let mut m = HashMap::new();
        let a = toggle(&mut m, 1).await;
        let mut other = HashMap::new();
        suspend("s1").await;
        other.insert(2u8, value("two", 2i64).await);
        let b = toggle(&mut m, 1).await;
        let c = toggle(&mut other, 2).await;
        let removed = other.remove(&3);
        format!("{a:?} {b:?} {c:?} {removed:?} {} {}", m.len(), other.len())
    }
}

/// Found by writing stream code: methods of futures' stream extension
/// traits taking `self` whose names std's own types use for methods that
/// borrow (`chunks`, `buffered`, `map_ok`), on streams held across an
/// await at their last use. They were asked of method resolution next to
/// the lowering's probe trait, which the extension trait's method made
/// ambiguous (E0034); the value's type now decides, as for `map`. A
/// slice's `chunks` borrows: the vector stays in place and drops at the
/// end of its scope.
pub mod stream_extension_methods_at_last_use {
    use super::*;
    use futures::{StreamExt, TryStreamExt};

    #[self::coroutine]
    pub async fn run() -> (Vec<Vec<i64>>, Vec<i64>, Vec<i64>, Vec<usize>) {
        let s = futures::stream::iter(vec![1, 2, 3]);
        let futs = futures::stream::iter(vec![value("f1", 1), value("f2", 2)]);
        let tries = futures::stream::iter(vec![Ok::<i64, String>(4), Ok(5)]);
        let v = vec![D::with("a", 1), D::with("b", 2), D::with("c", 3)];
        suspend("s1").await;
        let chunks: Vec<Vec<i64>> = s.chunks(2).collect().await;
        let outs: Vec<i64> = futs.buffered(2).collect().await;
        let oks: Vec<i64> = tries.map_ok(|n| n * 10).try_collect().await.unwrap_or_default();
        let lens: Vec<usize> = v.chunks(2).map(|c| c.len()).collect();
        log("slice chunked");
        suspend("s2").await;
        (chunks, outs, oks, lens)
    }
}

/// Found by writing stream code: `any` and `all`, which futures' streams
/// take by value and std's iterators borrow (`&mut self`), at the last use
/// of a value held across an await: the stream is moved into the call, the
/// iterator stays where it is and drops what it has left at its scope's end.
pub mod any_and_all_of_a_stream_or_an_iterator_at_last_use {
    use super::*;
    use futures::{StreamExt, TryStreamExt};

    #[self::coroutine]
    pub async fn run() -> (bool, bool, bool, bool) {
        let mut s = futures::stream::iter(vec![1, 2, 3]);
        let first = s.next().await;
        let tries = futures::stream::iter(vec![Ok::<i64, String>(4), Ok(5)]);
        let mut it = vec![D::with("a", 1), D::with("b", 2), D::with("c", 3)].into_iter();
        suspend("s1").await;
        let any = s.any(|n| async move { n > 2 }).await;
        let all = tries.try_all(|n| async move { n > 3 }).await.unwrap_or(false);
        let found = it.any(|d| d.get() == 2);
        log("iterator searched");
        suspend("s2").await;
        (first == Some(1), any, all, found)
    }
}

/// Found by writing pagination code: `take()` and `replace(v)` on an
/// `Option` local whose type only a later assignment tells (`let mut
/// cursor = None;`), held across awaits. The lowering asked the receiver's
/// type whether the method takes `self` before anything had told it (E0277,
/// `Option<_>: Copy`); these names borrow, as `Option`'s, `Cell`'s and
/// `RefCell`'s do.
pub mod option_take_and_replace_on_a_local_typed_later {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let mut cursor = None;
        let mut last = None;
        let mut seen = Vec::new();
        for page in 0..3 {
            let c = cursor.take();
            let prev = last.replace(page);
            seen.push(format!("{page}: {c:?} {prev:?}"));
            cursor = Some(value(format!("page {page}"), D::with(format!("next{page}"), page)).await);
        }
        seen.push(format!("{:?}", cursor.map(|d| d.get())));
        seen
    }
}

/// Found by writing higher-order code: in a `&self` method, a `move`
/// closure naming `self` with `self` used again after it, and the usual
/// `items.iter().map(|w| async move { self.score(w).await })` fed to
/// `join_all`. (E0425 before: the lowering's name for the captured `self`
/// was written at the user's tokens, where it does not resolve.)
pub mod self_captured_by_move_closure_and_async_block_in_ref_method {
    use super::*;

    pub struct Scorer(i64);

    impl Scorer {
        #[self::coroutine]
        async fn score(&self, w: &str) -> i64 {
            value(format!("score {w}"), self.0 * w.len() as i64).await
        }

        #[self::coroutine]
        pub async fn all(&self, words: &[&str]) -> (i64, Vec<i64>) {
            let base = move || self.0;
            suspend("held").await;
            let scores = futures::future::join_all(words.iter().map(|w| async move { self.score(w).await })).await;
            (base() + self.0, scores)
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, Vec<i64>) {
        let s = Scorer(3);
        s.all(&["a", "bcd"]).await
    }
}

/// Found by writing builders: `async fn build(self)` calling a method std's
/// types take by value on a field (`self.name.unwrap_or_default()`,
/// `self.items.sum()`, `self.tag.unwrap_or(..)`), the value held across
/// awaits. The field's type decides: an `Option` or an iterator moves out
/// (the rest of `self` stays to the end of its scope); a type of yours
/// whose method of that name borrows is used in place. (E0507 before.)
pub mod std_by_value_method_on_a_field {
    use super::*;

    pub struct Counter(D);

    impl Counter {
        fn unwrap_or(&self, n: i64) -> i64 {
            self.0.get() + n
        }
    }

    pub struct Builder {
        name: Option<String>,
        items: std::vec::IntoIter<i64>,
        tag: Option<D>,
        counter: Counter,
        keep: D,
    }

    impl Builder {
        #[self::coroutine]
        async fn build(self) -> (String, i64, i64, i64) {
            suspend("start").await;
            let name = self.name.unwrap_or_default();
            let sum = self.items.sum::<i64>() + self.counter.unwrap_or(1);
            suspend("middle").await;
            let tag = self.tag.unwrap_or(D::new("default"));
            suspend("end").await;
            (name, sum, tag.get(), self.keep.get())
        }
    }

    #[self::coroutine]
    pub async fn run() -> (String, i64, i64, i64) {
        let b = Builder {
            name: Some(String::from("n")),
            items: vec![1, 2, 3].into_iter(),
            tag: Some(D::with("tag", 4)),
            counter: Counter(D::with("counter", 10)),
            keep: D::with("keep", 5),
        };
        b.build().await
    }
}

/// Found by writing plugin code: a method given generic arguments by a
/// turbofish only, at the last use of a value held across an await
/// (`b.downcast::<u32>()` on a `Box<dyn Any>`; a method of your own taking
/// `self`, and one borrowing it, each `::<T>`). The probe of the type names
/// the same generic arguments. (E0507 before, for those taking `self`.)
pub mod by_value_method_with_turbofish_at_last_use {
    use super::*;
    use std::any::Any;

    pub struct Wrapper(D);

    impl Wrapper {
        fn into_number<T: From<i32>>(self) -> T {
            T::from(self.0.get() as i32)
        }

        fn peek<T: From<i32>>(&self) -> T {
            T::from(self.0.get() as i32 + 1)
        }
    }

    #[self::coroutine]
    async fn unbox(b: Box<dyn Any>) -> i64 {
        suspend("held").await;
        match b.downcast::<i64>() {
            Ok(n) => *n,
            Err(_) => -1,
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64, i64) {
        let w = Wrapper(D::with("w", 3));
        let p = Wrapper(D::with("p", 4));
        suspend("wrappers").await;
        let n = w.into_number::<i64>();
        let m = p.peek::<i64>();
        log("after calls");
        (unbox(Box::new(7i64)).await, unbox(Box::new("x")).await, n, m)
    }
}

/// A `Copy` field of a `Deref` target read through the value (`c.id`, `c`
/// held across an await): a copy, `deref` called once per read and never
/// again when `c` drops; also `c` built by a struct literal, whose fields
/// do not include `id`.
pub mod copy_field_read_through_user_deref {
    use super::*;

    pub struct Conn {
        pub id: i64,
        pub tag: D,
    }

    pub struct Pooled {
        pub conn: Option<Conn>,
        pub name: D,
    }

    impl std::ops::Deref for Pooled {
        type Target = Conn;
        fn deref(&self) -> &Conn {
            log(format!("deref {}", self.name.name()));
            self.conn.as_ref().expect("attached")
        }
    }

    fn pooled(name: &str, id: i64) -> Pooled {
        Pooled {
            conn: Some(Conn { id, tag: D::new(format!("{name}-conn")) }),
            name: D::new(name),
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut a = pooled("a", 1);
        let id = a.id;
        suspend("a").await;
        let detached = a.conn.take();
        suspend("detached").await;
        let b = Pooled {
            conn: Some(Conn { id: 2, tag: D::new("b-conn") }),
            name: D::new("b"),
        };
        suspend("b").await;
        let sum = b.id + value("v", 10).await;
        id + sum + detached.map_or(0, |c| c.tag.get())
    }
}

/// `text()`, `json()` and `send()` (names of HTTP clients' by-value
/// methods) on types of one's own, at a value's last use after an await:
/// the type decides. `text(&self) -> &str` lends a borrow kept across an
/// await; `send(self)` moves the value into the call.
pub mod http_method_names_decided_by_type {
    use super::*;

    pub struct Page(D);

    impl Page {
        fn text(&self) -> &str {
            self.0.name()
        }
        fn json(&self) -> i64 {
            self.0.get()
        }
    }

    pub struct Request(D);

    impl Request {
        fn send(self) -> Leaf<i64> {
            value("sent", self.0.get())
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let page = Page(D::with("page", 3));
        let other = Page(D::with("other", 4));
        let request = Request(D::with("request", 5));
        suspend("s").await;
        let text = page.text();
        let n = value("len", text.len() as i64).await;
        let json = other.json();
        let sent = request.send().await;
        log("end");
        n + json + sent
    }
}

/// anyhow's `context` and `with_context` (extension traits' methods taking
/// `self`) on a `Result` and an `Option` held across an await, at their
/// last use: moved into the call, as rustc does; a type of one's own with
/// a `context(&self, ..)` keeps its value.
pub mod anyhow_context_on_values_held_across_awaits {
    use super::*;
    use anyhow::Context as _;

    pub struct Scope(D);

    impl Scope {
        fn context(&self, what: &str) -> i64 {
            log(format!("context {what}"));
            self.0.get()
        }
    }

    fn parse(tag: &str, s: &str) -> Result<i64, std::num::ParseIntError> {
        log(format!("parse {tag}"));
        s.parse()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let r = parse("r", "7");
        let o = Some(D::with("o", 3));
        let scope = Scope(D::with("scope", 1));
        suspend("s").await;
        let a = r.context("first").map_or(-1, |v| v);
        let b = o.with_context(|| "none").map_or(-1, |d| d.get());
        let c = scope.context("mine");
        suspend("t").await;
        log("end");
        a + b + c
    }
}


/// A value moved (`l.into_iter()`) at its last use while a count or a
/// flag computed from it is still in use (`let n = l.len();`, a merge
/// step's `Vec::with_capacity(l.len() + r.len())`, `let n =
/// line.trim().len();`): such results hold no
/// borrow, so the value moves. Was E0507 (left in place for a borrower).
pub mod moved_while_its_length_is_in_use {
    use super::*;

    #[self::coroutine]
    async fn merge(l: Vec<D>, r: Vec<D>) -> Vec<D> {
        suspend("start").await;
        let mut out = Vec::with_capacity(l.len() + r.len());
        let n = l.len();
        let empty = r.is_empty();
        let mut li = l.into_iter();
        let mut ri = r.into_iter();
        suspend("split").await;
        for x in li.by_ref() {
            out.push(x);
        }
        for x in ri.by_ref() {
            out.push(x);
        }
        log(format!("n={n} empty={empty}"));
        out
    }

    #[self::coroutine]
    async fn trimmed_then_bytes(line: String) -> usize {
        suspend("line").await;
        let n = line.trim().len();
        let spaces = line.chars().filter(|c| *c == ' ').count();
        let bytes = line.into_bytes();
        suspend("bytes").await;
        n * 100 + spaces * 10 + bytes.len()
    }

    #[self::coroutine]
    pub async fn run() -> usize {
        let v = merge(vec![D::new("a"), D::new("b")], vec![D::new("c")]).await;
        v.len() + trimmed_then_bytes(String::from(" ab ")).await
    }
}

/// Found by writing programs (`let total: i64 = good.iter().map(|(_, v)|
/// v).sum(); let good = good.into_iter().filter(|(_, v)| *v * 10 >=
/// total).collect();`): a value moved at its last use while a sum, or a
/// `let` of a primitive type, computed from it is still in use. Neither
/// holds a borrow, so the value moves. Was E0507 (left in place for a
/// borrower).
pub mod moved_while_its_sum_is_in_use {
    use super::*;

    #[self::coroutine]
    async fn above_share(v: Vec<(D, i64)>) -> (Vec<i64>, i64) {
        suspend("start").await;
        let total = v.iter().map(|(d, n)| d.get() + n).sum::<i64>();
        let kept: Vec<i64> = v.into_iter().filter(|(_, n)| *n * 3 >= total).map(|(d, n)| d.get() * n).collect();
        suspend("kept").await;
        (kept, total)
    }

    #[self::coroutine]
    async fn above_average(v: Vec<(D, f64)>) -> Vec<String> {
        suspend("start").await;
        let avg: f64 = v.iter().map(|(_, x)| *x).fold(0.0, |a, b| a + b) / v.len() as f64;
        let first: bool = v.first().is_some_and(|(d, _)| d.get() > 0);
        let names = v.into_iter().filter(|(_, x)| *x >= avg).map(|(d, x)| format!("{}:{x}", d.name()));
        suspend("names").await;
        names.chain([format!("{avg} {first}")]).collect()
    }

    #[self::coroutine]
    pub async fn run() -> (Vec<i64>, i64, Vec<String>) {
        let (kept, total) = above_share(vec![(D::with("a", 1), 1), (D::with("b", 2), 5), (D::with("c", 3), 2)]).await;
        let names = above_average(vec![(D::with("x", 1), 1.5), (D::with("y", 0), 4.0), (D::with("z", 2), 0.5)]).await;
        (kept, total, names)
    }
}

/// Found by writing programs (`let n = s.trim().parse::<u32>()?; let
/// bytes = s.into_bytes();`): a value moved at its last use while a
/// number parsed from it (taken out by `?`, `unwrap()` or `expect(..)`)
/// is still in use. `parse`'s result never borrows its receiver. Was
/// E0507 (left in place for a borrower).
pub mod moved_while_a_number_parsed_from_it_is_in_use {
    use super::*;

    #[self::coroutine]
    async fn port_and_bytes(s: String, d: D) -> Result<(u16, Vec<u8>, i64), std::num::ParseIntError> {
        suspend("start").await;
        let port = s.trim().parse::<u16>()?;
        let parts: Vec<D> = vec![d, D::with("e", 2)];
        let small = s.trim().parse::<u8>().unwrap_or_default();
        let first = parts[0].name().parse::<i64>().expect("a number");
        let bytes = s.into_bytes();
        let sum: i64 = parts.into_iter().map(|p| p.get() * 2).sum();
        suspend("bytes").await;
        Ok((port + small as u16, bytes, first + sum))
    }

    #[self::coroutine]
    async fn labelled(label: String) -> (u32, Box<str>) {
        suspend("label").await;
        let n = label.split(':').next_back().unwrap_or("0").parse::<u32>().unwrap();
        let owned = label.into_boxed_str();
        suspend("owned").await;
        (n + owned.len() as u32, owned)
    }

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let mut out = Vec::new();
        for s in [" 80 ", "x"] {
            out.push(format!("{:?}", port_and_bytes(s.to_owned(), D::with("4", 1)).await));
        }
        out.push(format!("{:?}", labelled("a:b:7".to_owned()).await));
        out
    }
}

/// A `let` whose pattern binds every part of a `Box`'s contents (`let
/// T1(n, r) = *self;` in a method taking `self: Box<Self>`, `let Pair(n,
/// s, t) = *b;`), held across an await: the contents move out of the box,
/// as rustc lets a `Box` do. Was E0507 (matched in place, through the
/// frame's pointer).
pub mod box_contents_taken_apart_by_a_let {
    use super::*;

    pub struct T1(i64, D);
    pub struct Pair(i64, D, D);

    impl T1 {
        #[self::coroutine]
        async fn consume(self: Box<Self>) -> i64 {
            suspend("consume").await;
            let T1(n, r) = *self;
            log(format!("got {n} {}", r.name()));
            suspend("after").await;
            n + r.get()
        }
    }

    #[self::coroutine]
    async fn split(b: Box<Pair>) -> i64 {
        suspend("split").await;
        let Pair(n, s, t) = *b;
        log(format!("pair {n}"));
        suspend("after pair").await;
        n + s.get() + t.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = Box::new(T1(3, D::with("r", 1))).consume().await;
        a + split(Box::new(Pair(5, D::with("s", 2), D::with("t", 4)))).await
    }
}

/// A method taking `self` by value of a `Box`'s contents, reached through
/// the box's auto-deref at its last use (`inner.value()`, `b.run()` with
/// `b: Box<Task>`, also recursing `Box::pin(inner.run())`): the method
/// resolution the probe asks is of the contents, so the box moves out and
/// gives them up. A method of the contents taking `&self` (`b.peek()`)
/// still borrows it in place. Was E0507.
pub mod by_value_method_through_a_box {
    use super::*;

    pub enum Task {
        Leaf(i64, D),
        Wrap(Box<Task>),
    }

    impl Task {
        #[self::coroutine]
        async fn run(self) -> i64 {
            suspend("run").await;
            match self {
                Task::Leaf(n, d) => n + d.get(),
                Task::Wrap(inner) => Box::pin(inner.run()).await + 1,
            }
        }

        fn peek(&self) -> i64 {
            match self {
                Task::Leaf(n, _) => *n,
                Task::Wrap(_) => 0,
            }
        }
    }

    #[self::coroutine]
    async fn through(b: Box<Task>) -> i64 {
        suspend("through").await;
        let p = b.peek();
        suspend("peeked").await;
        p * 100 + b.run().await
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = through(Box::new(Task::Leaf(3, D::with("leaf", 4)))).await;
        let b = through(Box::new(Task::Wrap(Box::new(Task::Leaf(5, D::with("deep", 6)))))).await;
        a * 1000 + b
    }
}

/// A method called on a value held across an await, at its last use, with
/// arguments only the method's parameter types type: `&[&name]` for a
/// `&[&str]` (each `&String` coerced), `Some(name)` for an `Option<&str>`,
/// `(&name, 1)` for a `(&str, u8)`, `&|s| s.len()` for a `&dyn Fn(&str)`,
/// `Box::new(|s| ..)` for a `Box<dyn Fn(&str)>`. The arguments were typed
/// on their own, before the call (E0308, E0282).
pub mod arguments_typed_by_the_parameters_at_last_use {
    use super::*;
    use std::collections::BTreeMap;

    pub struct Table {
        tag: D,
    }

    impl Table {
        fn row(&self, cells: &[&str]) -> usize {
            log(format!("row {} {}", self.tag.name(), cells.join("|")));
            cells.len()
        }
        fn pair(&self, p: (&str, u8)) -> usize {
            p.0.len() + p.1 as usize
        }
        fn each(&self, f: &dyn Fn(&str) -> usize) -> usize {
            f("abc")
        }
        fn boxed(self, f: Box<dyn Fn(&str) -> usize>) -> usize {
            f(self.tag.name())
        }
    }

    // (A `&String`, as the user's code had it: `Some(name)` coerces.)
    #[allow(clippy::ptr_arg)]
    #[self::coroutine]
    async fn fill<'a>(m: &mut BTreeMap<&'a str, Option<&'a str>>, name: &'a String) -> usize {
        suspend("fill").await;
        m.insert("k", Some(name));
        m.len()
    }

    #[self::coroutine]
    pub async fn run() -> usize {
        let name = String::from("nm");
        let t = Table { tag: D::new("t") };
        let u = Table { tag: D::new("u") };
        let w = Table { tag: D::new("w") };
        let x = Table { tag: D::new("x") };
        suspend("start").await;
        let a = t.row(&[&name, "lit"]);
        log("after row");
        let b = u.pair((&name, 1));
        let c = w.each(&|s| s.len() * 2);
        let mut m = BTreeMap::new();
        let n = fill(&mut m, &name).await;
        log(format!("{m:?}"));
        let d = x.boxed(Box::new(|s| s.len() + 10));
        log("end");
        a + b + c + n + d
    }
}

/// A method taking `self: Box<Self>` called on a `Box` variable held
/// across an await, at its last use (`child.run().await`, and a sync one,
/// `node.total()`): the box moves out into the call, as for any method
/// taking `self` by value. A method taking `&self` on the same box
/// (`node.peek()`) before still borrows it in place. Was E0507.
pub mod box_self_method_at_last_use {
    use super::*;

    pub struct Node {
        n: i64,
        d: D,
        next: Option<Box<Node>>,
    }

    impl Node {
        #[self::coroutine]
        async fn run(self: Box<Self>) -> i64 {
            suspend(format!("run {}", self.n)).await;
            let below = match self.next {
                Some(next) => Box::pin(next.run()).await,
                None => 0,
            };
            self.n + self.d.get() + below
        }

        #[allow(clippy::boxed_local)]
        fn total(self: Box<Self>) -> i64 {
            log(format!("total {}", self.n));
            self.n * 10 + self.d.get()
        }

        #[allow(clippy::boxed_local)]
        fn add(self: Box<Self>, k: i64, f: impl Fn(i64) -> i64) -> i64 {
            f(self.n + k)
        }

        fn peek(&self) -> i64 {
            self.n
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let child = Box::new(Node {
            n: 1,
            d: D::with("child", 2),
            next: Some(Box::new(Node { n: 3, d: D::with("grandchild", 4), next: None })),
        });
        let node = Box::new(Node { n: 5, d: D::with("node", 6), next: None });
        suspend("start").await;
        let p = node.peek();
        suspend("peeked").await;
        let t = node.total();
        log("after total");
        let r = child.run().await;
        log("after run");
        let (a, b) = (
            Box::new(Node { n: 7, d: D::with("a", 0), next: None }),
            Box::new(Node { n: 8, d: D::with("b", 0), next: None }),
        );
        suspend("pair").await;
        // (Arguments that type the probe, and one that awaits.)
        let x = a.add(ev("k", 2), |v| v * 3);
        log("after add");
        let y = b.add(value("k", 4).await, |v| v + 1);
        log("after add awaited");
        p * 10000 + t * 100 + r + x * 1000 + y
    }
}

/// A method taking `self` and returning one of its own type parameters
/// (`fold<A>(self, init: A, ..) -> A`), called on a value held across an
/// await at its last use, with a literal, a call and a variable for `A`:
/// the value moves into the call (dropped in it). Was E0308 naming
/// `Borrows` (the probe's answer was picked before the arguments typed
/// `A`), before an argument's await too. A method taking `&self` generic
/// only in its return type
/// (`fetch<T: FromStr>(&self) -> Option<T>`, as sqlx's `try_get`), typed
/// by the `let`: the value stays, dropped at the end of its scope.
pub mod by_value_method_generic_in_its_return_at_last_use {
    use super::*;
    use std::str::FromStr;

    pub struct Seq(D, Vec<i64>);

    impl Seq {
        fn fold<A>(self, init: A, f: impl Fn(A, i64) -> A) -> A {
            log(format!("fold {}", self.0.name()));
            self.1.into_iter().fold(init, f)
        }
        fn fetch<T: FromStr>(&self) -> Option<T> {
            log(format!("fetch {}", self.0.name()));
            self.1.len().to_string().parse().ok()
        }
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let s = Seq(D::new("s"), vec![1, 2, 3]);
        let t = Seq(D::new("t"), vec![4, 5]);
        let u = Seq(D::new("u"), vec![6]);
        let cfg = Seq(D::new("cfg"), vec![7, 8]);
        let v = Seq(D::new("v"), vec![2, 3]);
        let init = String::from("<");
        suspend("start").await;
        let a = s.fold(0, |a, x| a + x);
        log("after fold");
        let b = t.fold(ev("init", String::new()), |a, x| format!("{a}{x}"));
        let c = u.fold(init, |a, x| format!("{a}{x}"));
        let n: u32 = cfg.fetch().unwrap();
        log("after fetch");
        // (Moved out before the argument's await.)
        let e = v.fold(value("init", 10).await, |a, x| a * x);
        suspend("end").await;
        format!("{a} {b} {c} {n} {e}")
    }
}

/// Found in the eighteenth session: a method of yours taking `self` whose
/// own type parameter in its output only a closure's result types
/// (`fn make<A>(self, f: impl Fn() -> A) -> A`), at the variable's last
/// use. The probe passed a closure of its own, whose result nothing typed,
/// and took the output for `Borrows`: the value was left in place (E0507).
/// A closure without parameters is now passed with the other arguments, in
/// their order; one capturing by reference, a `move` one (which drops what
/// it owns with the call's parameter), one before an argument that awaits,
/// a receiver that is not at its last use (assigned again, `Copy`), and a
/// `&self` method whose closure names the receiver.
pub mod by_value_method_generic_in_a_closures_result_at_last_use {
    use super::*;
    use std::str::FromStr;

    pub struct Maker(D, i64);

    impl Maker {
        fn make<A>(self, f: impl Fn() -> A) -> A {
            log(format!("make {}", self.0.name()));
            f()
        }
        fn make_once<A>(self, f: impl FnOnce() -> A) -> A {
            log(format!("make_once {}", self.0.name()));
            f()
        }
        fn make_with<A>(self, f: impl Fn() -> A, n: i64) -> (A, i64) {
            log(format!("make_with {} {n}", self.0.name()));
            (f(), n + self.1)
        }
        fn peek<A>(&self, f: impl Fn() -> A) -> A {
            log(format!("peek {}", self.0.name()));
            f()
        }
        fn fetch<T: FromStr>(&self) -> Option<T> {
            log(format!("fetch {}", self.0.name()));
            self.1.to_string().parse().ok()
        }
    }

    #[derive(Clone, Copy)]
    pub struct Small(i64);

    impl Small {
        fn make<A>(self, f: impl Fn(i64) -> A) -> A {
            log(format!("small {}", self.0));
            f(self.0)
        }
        fn made<A>(self, f: impl Fn() -> A) -> A {
            log(format!("small made {}", self.0));
            f()
        }
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let s = Maker(D::new("s"), 1);
        let t = Maker(D::new("t"), 2);
        let u = Maker(D::new("u"), 3);
        let v = Maker(D::new("v"), 4);
        let mut w = Maker(D::new("w"), 5);
        let cfg = Maker(D::new("cfg"), 6);
        let k = D::with("k", 7);
        let m = D::with("m", 8);
        let o = D::with("o", 9);
        let cp = Small(10);
        suspend("start").await;
        let a = s.make(|| 0);
        log("after make");
        let b = t.make(|| k.get() + 1);
        let c = u.make_once(move || m.get() * 2);
        log("after make_once");
        let (d, e) = v.make_with(move || o.get(), value("n", 11).await);
        let n: u32 = cfg.fetch().unwrap();
        let g = cfg.peek(|| cfg.1 + 1);
        let h = w.make(|| ev("in w", 12));
        w = Maker(D::new("w2"), 13);
        suspend("mid").await;
        let i = cp.made(|| 14) + cp.make(|x| x + 1);
        let j = w.make(|| String::from("j"));
        suspend("end").await;
        format!("{a} {b} {c} {d} {e} {n} {g} {h} {i} {j} {}", k.get())
    }
}

fn tag(s: &str) -> String {
    log(format!("tag {s}"));
    s.to_string()
}

/// Arguments that only the method's parameter type types (`&[&name,
/// &tag("z")]` for a `&[&str]`, a reference to a closure for a `&dyn Fn`,
/// a `match` whose arms are `None` and `Some(&n)` for an `Option<&str>`),
/// with effects in them or after them, at the value's last use: they run
/// in order, after the receiver is moved out (`Table::take_*`, dropped in
/// the call) or borrowed (dropped at the end of its scope), and their
/// temporaries live to the end of the statement. Was E0308/E0282.
pub mod arguments_typed_by_the_parameters_with_effects_at_last_use {
    use super::*;

    pub struct Table {
        tag: D,
    }

    impl Table {
        fn row(&self, cells: &[&str]) -> usize {
            log(format!("row {} {}", self.tag.name(), cells.join("|")));
            cells.len()
        }
        fn take_row(self, cells: &[&str]) -> usize {
            log(format!("take_row {} {}", self.tag.name(), cells.join("|")));
            cells.len()
        }
        fn each(&self, f: &dyn Fn(&str) -> usize, s: String) -> usize {
            f(&s) + f(self.tag.name())
        }
        fn take_each(self, f: &dyn Fn(&str) -> usize, s: String) -> usize {
            f(&s) + f(self.tag.name())
        }
        fn opt(&self, x: Option<&str>) -> usize {
            log(format!("opt {} {x:?}", self.tag.name()));
            x.map_or(0, str::len)
        }
        fn take_row_n(self, cells: &[&str], n: usize) -> usize {
            log(format!("take_row_n {} {}", self.tag.name(), cells.join("|")));
            cells.len() + n
        }
        fn take_opt(self, x: Option<&str>) -> usize {
            log(format!("take_opt {} {x:?}", self.tag.name()));
            x.map_or(0, str::len)
        }
    }

    #[self::coroutine]
    pub async fn run() -> usize {
        let name = String::from("nm");
        let n = String::from("nn");
        let k = ev("k", 1);
        let t = Table { tag: D::new("t") };
        let u = Table { tag: D::new("u") };
        let w = Table { tag: D::new("w") };
        let x = Table { tag: D::new("x") };
        let y = Table { tag: D::new("y") };
        let z = Table { tag: D::new("z") };
        let v = Table { tag: D::new("v") };
        suspend("start").await;
        let a = t.row(&[&name, &tag("z")]);
        log("after row");
        let b = u.take_row(&[&name, &tag("y"), D::new("temp").name()]);
        log("after take_row");
        let c = w.each(&|s| s.len() * 2, tag("p"));
        let d = x.take_each(&|s| s.len() * 3, tag("q"));
        let e = y.opt(match k {
            0 => None,
            _ => Some(&n),
        });
        let f = z.take_opt(if k > 0 { Some(&name) } else { None });
        // (Moved out before the second argument's await.)
        let g = v.take_row_n(&[&name, &tag("v")], value("n", 5).await);
        log("end");
        a + b + c + d + e + f + g
    }
}

/// A method of unknown name called at a frame value's last use, while a
/// borrow of the value made by an earlier call is still in use (`let x =
/// g.label(); let n = g.count(); x.len() + n`). rustc's autoref gives
/// `count` a shared reference beside `x`; the lowering asks method
/// resolution whether `count` takes `self`, and, told it borrows, hands it
/// the value in its slot as `&mut InSlot<_>`, through whose `Deref` `count`
/// gets a shared reference too. (Handed a `&mut` to the value itself, as
/// before, Stacked Borrows took it to claim the value and invalidate `x`:
/// Miri reported undefined behaviour under Stacked Borrows, not under Tree
/// Borrows. Run this case under Miri to check it.)
pub mod shared_borrow_alive_across_probed_call_at_last_use {
    use super::*;

    pub struct Named {
        name: String,
        tag: D,
    }

    impl Named {
        pub fn label(&self) -> &String {
            &self.name
        }

        pub fn count(&self) -> usize {
            log("count");
            self.name.len() + self.tag.name().len()
        }
    }

    #[self::coroutine]
    pub async fn run() -> usize {
        let g = Named { name: String::from("abc"), tag: D::new("g") };
        suspend("held").await;
        let x = g.label();
        let n = g.count();
        x.len() + n
    }
}

/// A shared reference held across an await whose `&mut self` method (of
/// the reference itself: tokio's `AsyncReadExt::read` on a `&[u8]`, which
/// advances the slice) returns a future borrowing it, awaited at the
/// reference's last use: used in place, the future borrows the variable's
/// slot, as rustc's borrows the variable. (Found by the twentieth session's
/// helper: handing such a reference over as a copy, which would fix
/// `bytes.split(..)` with `BufRead` in scope, makes the future borrow a
/// temporary, E0596; kept here so that a later fix keeps this working.)
pub mod shared_slice_read_future_at_last_use {
    use super::*;
    use tokio::io::AsyncReadExt;

    #[self::coroutine]
    pub async fn run() -> usize {
        let data = vec![1u8, 2, 3];
        let mut rd: &[u8] = &data;
        suspend("held").await;
        let mut buf = [0u8; 2];
        let n = rd.read(&mut buf).await.unwrap();
        n + buf[0] as usize
    }
}

/// A shared slice held across an await whose inherent method has the name
/// of a method of a trait in scope implemented for `&mut B` (`split`, with
/// `std::io::BufRead` imported: `impl BufRead for &mut B`), called at the
/// slice's last use: rustc finds the slice's own `split` first. Handed a
/// `&mut &[u8]`, method resolution found `BufRead::split` of `&mut &[u8]`
/// first (E0282); through `InSlot`'s `Deref`, it meets the slice's as
/// rustc does.
pub mod slice_method_named_as_bufread_at_last_use {
    use super::*;
    #[allow(unused_imports)] // what makes the name ambiguous
    use std::io::BufRead;

    #[self::coroutine]
    pub async fn run() -> usize {
        let data = vec![1u8, b',', 2, 3, b',', 4];
        let bytes: &[u8] = &data;
        suspend("held").await;
        let parts = bytes.split(|b| *b == b',').map(|p| p.len()).collect::<Vec<_>>();
        log("split");
        parts.len() * 10 + parts[1]
    }
}

/// An element cloned out of a collection, logging its drops.
#[derive(Clone, Default, Debug)]
pub struct El(&'static str, i64);

impl Drop for El {
    fn drop(&mut self) {
        log(format!("drop el {}", self.0));
    }
}

/// Found by writing programs (`let first = v.first().cloned();
/// suspend().await; let total: usize = v.into_iter().map(..).sum();`): a
/// value moved at its last use while an element cloned or copied out of
/// it (`Option`'s `cloned`/`copied` on `first`, `last`, `get`, `get_mut`,
/// `next`, `pop`, `peek`, then `unwrap`, `unwrap_or(..)`,
/// `unwrap_or_default`, `unwrap_or_else`, `expect`, `?`) is still in use.
/// The element is owned: the value moves. Was E0507 (left in place for a
/// borrower).
pub mod moved_while_an_element_cloned_out_of_it_is_in_use {
    use super::*;

    #[self::coroutine]
    async fn first_cloned(v: Vec<String>) -> (Option<String>, usize) {
        let first = v.first().cloned();
        suspend("first").await;
        let total: usize = v.into_iter().map(|s| s.len()).sum();
        suspend("total").await;
        (first, total)
    }

    #[self::coroutine]
    async fn copied_out(v: Vec<i64>, d: D) -> (i64, i64, Vec<i64>) {
        suspend("start").await;
        let k = v.last().copied().unwrap_or(d.get());
        let g = (v.get(1).copied()).unwrap_or_default();
        suspend("copied").await;
        let moved: Vec<i64> = v.into_iter().rev().collect();
        suspend("moved").await;
        (k, g, moved)
    }

    #[allow(clippy::get_first, clippy::iter_next_slice)] // the shapes written
    #[self::coroutine]
    async fn cloned_out(mut v: Vec<El>, mut q: Vec<&'static i64>) -> Option<(i64, Vec<El>, Vec<i64>)> {
        let a = v.get(0).cloned().expect("an element");
        let b = v.iter().next().cloned().unwrap_or_else(|| El("none", 0));
        let c = v.get_mut(1).cloned().unwrap();
        let top = q.pop().copied()?;
        suspend("cloned").await;
        let mut rest: Vec<El> = v.into_iter().rev().collect();
        let others: Vec<i64> = q.into_iter().map(|n| n * 10).collect();
        suspend("rest").await;
        let mut it = rest.drain(..).peekable();
        let p = it.peek().cloned()?;
        let tail: Vec<El> = it.collect();
        suspend("peeked").await;
        Some((a.1 + b.1 + c.1 + top + p.1, tail, others))
    }

    // (A `VecDeque`'s ends and a double-ended iterator's back.)
    #[self::coroutine]
    async fn deque_ends(q: std::collections::VecDeque<El>) -> (i64, Vec<El>) {
        let f = q.front().cloned().unwrap_or_default();
        let b = q.back().cloned().unwrap_or(El("none", 0));
        let l = q.iter().next_back().cloned();
        suspend("ends").await;
        let rest: Vec<El> = q.into_iter().collect();
        suspend("rest").await;
        (f.1 + b.1 + l.map_or(0, |e| e.1), rest)
    }

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let mut out = Vec::new();
        let q: std::collections::VecDeque<El> = vec![El("f", 1), El("m", 2), El("b", 3)].into();
        out.push(format!("{:?}", deque_ends(q).await));
        out.push(format!("{:?}", deque_ends(Default::default()).await));
        out.push(format!("{:?}", first_cloned(vec!["ab".to_owned(), "cde".to_owned()]).await));
        out.push(format!("{:?}", copied_out(vec![3, 4, 5], D::with("d", 7)).await));
        out.push(format!("{:?}", copied_out(Vec::new(), D::with("e", 8)).await));
        let v = vec![El("x", 1), El("y", 2), El("z", 3)];
        out.push(format!("{:?}", cloned_out(v, vec![&10, &20]).await));
        out.push(format!("{:?}", cloned_out(vec![El("p", 1), El("q", 2)], Vec::new()).await));
        out
    }
}

/// Found by writing programs (`let name = list.get(0).map(|s|
/// s.to_string());`, `let s = v[0].clone();`, `let head =
/// v[..2].to_vec();`, then `v.into_iter()`): a value moved at its last use
/// while an owned copy made from it (`to_string`, `to_owned`, `to_vec`,
/// `into_owned`, a `clone` of an element or field, `Option::map` to one
/// of those) is still in use. Was E0507 (left in place for a borrower).
pub mod moved_while_an_owned_copy_made_from_it_is_in_use {
    use super::*;

    pub struct Rec {
        pub tag: String,
        pub els: Vec<El>,
    }

    #[allow(clippy::get_first)] // the shape written
    #[self::coroutine]
    async fn copies(v: Vec<El>, s: String, bytes: Vec<u8>, r: Rec) -> String {
        let name = v.get(0).map(|e| e.0.to_string());
        let head = v[..1].to_vec();
        let c = v[1].clone();
        let t = s.as_str().to_owned();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let tag = r.tag.clone();
        suspend("copies").await;
        let n: i64 = v.into_iter().map(|e| e.1).sum();
        let sb = s.into_bytes();
        let bb = bytes.into_boxed_slice();
        let els = r.els.into_iter().filter(|e| e.1 > 0).count();
        suspend("moved").await;
        format!("{name:?} {head:?} {c:?} {t} {text} {tag} {n} {sb:?} {bb:?} {els}")
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let r = Rec { tag: "t".to_owned(), els: vec![El("r", 9)] };
        copies(vec![El("a", 1), El("b", 2)], "s".to_owned(), b"by".to_vec(), r).await
    }
}

/// Found by writing programs (`let first = v[0];`, `let best =
/// items.first()?.id;`, then `v.into_iter()`): a value moved at its last
/// use while a value read out of it by value, through an index, a field
/// or a `*`, is still in use. Such a read copies (a move out of an index
/// or a borrow is rustc's E0507/E0508), so it holds no borrow of the
/// value. Was E0507 (left in place for a borrower).
pub mod moved_while_a_value_read_out_of_it_is_in_use {
    use super::*;

    #[derive(Clone, Copy, Debug)]
    pub struct Item {
        pub id: u32,
        pub weight: i64,
    }

    #[self::coroutine]
    async fn by_index(v: Vec<i64>, els: Vec<El>, names: [&'static str; 2]) -> (i64, i64, &'static str, Vec<i64>, usize) {
        let first = v[0];
        let w = els[1].1;
        let name = names[1];
        suspend("read").await;
        let rest: Vec<i64> = v.into_iter().skip(1).collect();
        let n = els.into_iter().filter(|e| e.1 > 1).count();
        suspend("moved").await;
        (first, w, name, rest, n)
    }

    #[self::coroutine]
    async fn through_option(items: Vec<Item>) -> Option<(u32, i64, Vec<Item>)> {
        let best = items.first()?.id;
        let w = items.iter().max_by_key(|i| i.weight)?.weight;
        let k = *items.last()?;
        suspend("best").await;
        let sorted: Vec<Item> = items.into_iter().rev().collect();
        suspend("sorted").await;
        Some((best + k.id, w, sorted))
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let a = by_index(vec![4, 5, 6], vec![El("a", 1), El("b", 2)], ["x", "y"]).await;
        let items = vec![Item { id: 1, weight: 7 }, Item { id: 2, weight: 9 }];
        let b = through_option(items).await;
        let c = through_option(Vec::new()).await;
        format!("{a:?} {b:?} {c:?}")
    }
}

/// `Iterator::cloned` is lazy: `let it = v.iter().cloned();` borrows `v`
/// for as long as `it` is in use (across an await here), and `v` moves
/// only after.
pub mod iterator_cloned_kept_across_an_await {
    use super::*;

    #[self::coroutine]
    async fn collected(v: Vec<El>) -> (Vec<El>, Vec<i64>, usize) {
        let it = v.iter().cloned();
        suspend("it").await;
        let out: Vec<El> = it.rev().collect();
        let copied = v.iter().map(|e| e.1).collect::<Vec<_>>().iter().copied().rev().collect::<Vec<i64>>();
        suspend("out").await;
        (out, copied, v.len())
    }

    #[self::coroutine]
    async fn summed(v: Vec<El>) -> (i64, usize) {
        let it = v.iter().cloned();
        suspend("again").await;
        let k: i64 = it.map(|e| e.1).sum();
        let n = v.into_iter().filter(|e| e.1 > 3).count();
        suspend("n").await;
        (k, n)
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let a = collected(vec![El("a", 1), El("b", 2)]).await;
        let b = summed(vec![El("c", 3), El("d", 4)]).await;
        format!("{a:?} {b:?}")
    }
}

/// Found by a crate of library-style code: a method given another argument
/// and a closure literal, on a value held across an await, whose output
/// names the closure's type (an `async fn` method's future captures its
/// type parameters, as does a `-> impl Iterator` since edition 2024): `store.
/// update(k, |old| ..).await`. The probe's typing call passed a closure of
/// its own and tied its output to the user's call's, which made the user's
/// closure the probe's (E0282 on its parameter).
pub mod closure_argument_named_by_the_calls_output {
    use super::*;

    pub struct Store(D, Vec<i64>);

    impl Store {
        #[self::coroutine]
        async fn update<F: FnOnce(Option<i64>) -> i64>(&mut self, k: usize, f: F) -> i64 {
            let old = value("get", self.1.get(k).copied()).await;
            let new = f(old);
            if k < self.1.len() {
                self.1[k] = new;
            }
            new
        }
        async fn with<T, F: FnOnce() -> T>(&self, tag: &'static str, f: F) -> T {
            suspend(tag).await;
            f()
        }
        fn scaled<F: FnMut(i64) -> i64>(self, k: i64, mut f: F) -> impl Iterator<Item = i64> {
            log(format!("scaled {}", self.0.name()));
            self.1.into_iter().map(move |x| f(x) * k)
        }
    }

    /// `st` is last used by the call.
    #[self::coroutine]
    async fn bump(st: &mut Store, k: usize) -> i64 {
        suspend("bump").await;
        st.update(ev("k", k), |old| old.unwrap_or(0) + 10).await
    }

    #[self::coroutine]
    async fn show(st: &Store, d: D) -> String {
        suspend("show").await;
        st.with(ev("tag", "with"), || format!("{}", d.get())).await
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, String, Vec<i64>) {
        let mut st = Store(D::new("st"), vec![1, 2, 3]);
        suspend("start").await;
        let a = bump(&mut st, 1).await;
        let b = st.update(5, |old| old.map_or(-1, |v| v * 2)).await;
        let c = show(&st, D::new("d")).await;
        let v: Vec<i64> = st.scaled(ev("by", 3), |x| x + 1).collect();
        suspend("end").await;
        (a, b, c, v)
    }
}

/// A method generic in its closure's result, given another argument too,
/// on a value held across an await at its last use: `cfg.with(k, |v|
/// v.len())` with `fn with<R: Default>(.., f: impl FnOnce(&[u8]) -> R) ->
/// R`, `it.try_fold(0, |a, x| a.checked_add(x))`, `it.scan(0, |acc, x|
/// ..)`. The probe's stand-in for the closure returned `!`, which met the
/// bound (E0277, `!: Default`) or typed nothing (E0282); now a copy of the
/// user's closure, in a copy of the call that is never made, types it.
pub mod closure_result_types_the_methods_parameter {
    use super::*;

    pub struct Cfg(D, Vec<u8>);

    impl Cfg {
        fn with<R: Default + std::fmt::Debug>(&self, k: u8, f: impl FnOnce(&[u8]) -> R) -> R {
            log(format!("with {}", self.0.name()));
            if k > 0 { f(&self.1) } else { R::default() }
        }
    }

    #[self::coroutine]
    pub async fn run() -> (usize, String, Vec<u32>, Option<u8>, Option<u8>) {
        let cfg = Cfg(D::new("cfg"), vec![1, 2, 3]);
        let other = Cfg(D::new("other"), vec![4]);
        let it = vec![1u32, 2, 3].into_iter();
        let bytes = vec![1u8, 2, 250];
        let more = vec![4u8, 5];
        suspend("start").await;
        let n = cfg.with(ev("k", 1), |v| v.len());
        let s = other.with(0, |v| format!("{v:?}"));
        let sums: Vec<u32> = it
            .scan(ev("init", 0), |acc, x| {
                *acc += x;
                Some(*acc)
            })
            .collect();
        let over = bytes.into_iter().try_fold(0u8, |a, x| a.checked_add(x));
        let ok = more.into_iter().try_fold(ev("init2", 1u8), |a, x| a.checked_mul(x));
        suspend("end").await;
        (n, s, sums, over, ok)
    }
}

/// `Iterator::try_fold` and `try_for_each` take `&mut self` (futures'
/// `TryStreamExt` ones take `self`): on an iterator held across an await,
/// at its last use, the lowering moved it out as for `fold` (E0596, the
/// moved-out value is not `mut`). Now it is used in place, and what it
/// leaves drops at the end of its scope, after "end".
pub mod try_fold_on_an_iterator_held_across_an_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (Option<u8>, Option<i64>, Result<(), i64>) {
        let mut fold = vec![4u8, 5].into_iter();
        let mut held = vec![D::with("h1", 1), D::with("h2", 2), D::with("h3", 3)].into_iter();
        let mut each = vec![D::with("e1", 1), D::with("e2", 2), D::with("e3", 3)].into_iter();
        suspend("start").await;
        let ok = fold.try_fold(ev("init", 1u8), |a, x| a.checked_mul(x));
        let stopped = held.try_fold(0, |a, d| if d.get() > 1 { None } else { Some(a + d.get()) });
        let r = each.try_for_each(|d| if d.get() > 1 { Err(d.get()) } else { Ok(()) });
        suspend("end").await;
        (ok, stopped, r)
    }
}

/// The receiver spilled before an argument that awaits, beside a closure
/// literal whose result alone types the method's parameter, bounded
/// (`fn visit<R: Default>(&mut self, k: usize, f: impl FnMut(&mut i64) ->
/// R) -> R`): where the call is not at hand, the probe's typing call stays
/// tied to the user's call's output, which types that result (untied, the
/// probe's stand-in closure returned `!`: E0277, `!: Default`).
pub mod closure_result_typing_a_method_beside_an_awaiting_argument {
    use super::*;

    pub struct Regs(D, Vec<i64>);

    impl Regs {
        fn visit<R: Default>(&mut self, k: usize, f: impl FnMut(&mut i64) -> R) -> R {
            log(format!("visit {} {k}", self.0.name()));
            self.1.get_mut(k).map(f).unwrap_or_default()
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, String, String) {
        let mut regs = Regs(D::new("regs"), vec![1, 2]);
        suspend("start").await;
        let a = regs.visit(0, |b| {
            *b += 10;
            *b
        });
        let b = regs.visit(value("k", 1).await, |b| b.to_string());
        let mut last = Regs(D::new("last"), vec![5]);
        suspend("mid").await;
        let c = last.visit(value("k2", 7).await, |b| b.to_string());
        (a, b, c)
    }
}

/// Found by writing a proxy on coro's runtime: futures' `AsyncReadExt`
/// methods taking `self` (`split`, `take`, `chain`) on a reader held across
/// an await, at its last use. They were asked of method resolution next to
/// the lowering's probe trait, which the extension trait's method made
/// ambiguous (E0034); a reader now moves out, as a stream does for
/// `StreamExt`'s. A `String`'s `split` still borrows: the string stays in
/// place and drops at the end of its scope.
pub mod async_read_extension_methods_at_last_use {
    use super::*;
    use futures::io::{AsyncRead, AsyncReadExt, AsyncWrite};
    use std::task::{Context, Poll};

    /// An in-memory reader (and writer) that logs its drop through `D`.
    pub struct Src(Vec<u8>, #[allow(dead_code)] D);

    impl AsyncRead for Src {
        fn poll_read(
            mut self: Pin<&mut Self>,
            _cx: &mut Context<'_>,
            buf: &mut [u8],
        ) -> Poll<std::io::Result<usize>> {
            let n = buf.len().min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0.drain(..n);
            Poll::Ready(Ok(n))
        }
    }

    impl AsyncWrite for Src {
        fn poll_write(
            mut self: Pin<&mut Self>,
            _cx: &mut Context<'_>,
            buf: &[u8],
        ) -> Poll<std::io::Result<usize>> {
            self.0.extend_from_slice(buf);
            Poll::Ready(Ok(buf.len()))
        }
        fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
            Poll::Ready(Ok(()))
        }
        fn poll_close(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
            Poll::Ready(Ok(()))
        }
    }

    #[self::coroutine]
    pub async fn run() -> (Vec<u8>, Vec<u8>, Vec<u8>, usize) {
        let whole = Src(vec![1, 2, 3], D::new("whole"));
        let long = Src(vec![4, 5, 6, 7, 8], D::new("long"));
        let head = Src(vec![9], D::new("head"));
        let tail = Src(vec![10, 11], D::new("tail"));
        let line = String::from("a,b,c");
        suspend("s1").await;
        let (mut rd, wr) = whole.split();
        let mut a = Vec::new();
        rd.read_to_end(&mut a).await.unwrap_or_default();
        drop(wr);
        log("halves used");
        let mut b = Vec::new();
        long.take(2).read_to_end(&mut b).await.unwrap_or_default();
        log("took");
        let mut c = Vec::new();
        let mut both = head.chain(tail);
        both.read_to_end(&mut c).await.unwrap_or_default();
        let parts = line.split(',').count();
        suspend("s2").await;
        (a, b, c, parts)
    }
}

/// Found by writing a line protocol server: `let mut lines = reader.lines();`
/// after `reader.read_line(&mut l).await` on a reader held across an
/// await (std's `BufRead`, futures' or tokio's `AsyncBufReadExt`, all of
/// whose `lines` take `self`). `lines` was taken to borrow, as a string's
/// does, and the reader stayed in its slot: E0507. A reader now moves out
/// at its last use; a string, and a type of one's own whose `lines`
/// borrows, stay in place and drop at the end of their scope.
pub mod lines_of_readers_at_last_use {
    use super::*;
    use futures::io::AsyncBufReadExt as _;
    use futures::stream::StreamExt as _;
    use std::io::BufRead as _;
    use tokio::io::AsyncBufReadExt as _;

    /// A reader (std's `Read`, futures' and tokio's `AsyncRead`) that logs
    /// its drop through `D`.
    pub struct Src(pub &'static [u8], #[allow(dead_code)] pub D);

    impl std::io::Read for Src {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.0.read(buf)
        }
    }

    impl futures::io::AsyncRead for Src {
        fn poll_read(
            mut self: Pin<&mut Self>,
            _cx: &mut std::task::Context<'_>,
            buf: &mut [u8],
        ) -> std::task::Poll<std::io::Result<usize>> {
            std::task::Poll::Ready(std::io::Read::read(&mut self.0, buf))
        }
    }

    impl tokio::io::AsyncRead for Src {
        fn poll_read(
            mut self: Pin<&mut Self>,
            _cx: &mut std::task::Context<'_>,
            buf: &mut tokio::io::ReadBuf<'_>,
        ) -> std::task::Poll<std::io::Result<()>> {
            let n = buf.remaining().min(self.0.len());
            buf.put_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            std::task::Poll::Ready(Ok(()))
        }
    }

    /// A type of one's own whose `lines` borrows.
    pub struct Page(D);

    impl Page {
        fn lines(&self) -> usize {
            self.0.get() as usize
        }
    }

    #[self::coroutine]
    async fn std_reader() -> Vec<String> {
        let mut reader = std::io::BufReader::new(Src(b"hello\na\nb", D::new("std")));
        let mut first = String::new();
        reader.read_line(&mut first).unwrap_or_default();
        suspend("std").await;
        let mut out = vec![first];
        for line in reader.lines() {
            out.push(value("std line", line.unwrap_or_default()).await);
        }
        log("std lines done");
        out
    }

    #[self::coroutine]
    async fn futures_reader() -> Vec<String> {
        let mut reader = futures::io::BufReader::new(Src(b"hi\nc\nd", D::new("futures")));
        let mut first = String::new();
        reader.read_line(&mut first).await.unwrap_or_default();
        suspend("futures").await;
        let mut lines = reader.lines();
        let mut out = vec![first];
        while let Some(line) = lines.next().await {
            out.push(value("futures line", line.unwrap_or_default()).await);
        }
        log("futures lines done");
        out
    }

    #[self::coroutine]
    async fn tokio_reader() -> Vec<String> {
        let mut reader = tokio::io::BufReader::new(Src(b"hey\ne\nf", D::new("tokio")));
        let mut first = String::new();
        reader.read_line(&mut first).await.unwrap_or_default();
        suspend("tokio").await;
        let mut lines = reader.lines();
        let mut out = vec![first];
        while let Some(line) = lines.next_line().await.unwrap_or_default() {
            out.push(value("tokio line", line).await);
        }
        log("tokio lines done");
        out
    }

    // A closure that is not `move` takes what its `lines` takes: a reader
    // by value, a string by reference.
    #[self::coroutine]
    async fn in_closures() -> (usize, usize, String) {
        let reader = std::io::BufReader::new(Src(b"g\nh\ni", D::new("captured")));
        let text = String::from("j\nk");
        suspend("closures").await;
        let count = || reader.lines().count();
        let lines = || text.lines().count();
        let n = count();
        log("counted");
        (n, lines(), text)
    }

    #[self::coroutine]
    pub async fn run() -> (Vec<String>, Vec<String>, Vec<String>, usize, usize) {
        let (k, l, _) = in_closures().await;
        let a = std_reader().await;
        let b = futures_reader().await;
        let c = tokio_reader().await;
        let text = String::from("x\ny\nz");
        let page = Page(D::with("page", 4));
        suspend("own").await;
        let n = text.lines().count();
        let m = page.lines();
        log("lines counted");
        suspend("end").await;
        (a, b, c, n + k, m + l)
    }
}

/// std's `Read::bytes`, `take` and `chain` and `BufRead::split`, and
/// tokio's `AsyncReadExt::take`/`chain` and `AsyncBufReadExt::split`, on
/// a reader held across an await, at its last use: all take `self`. They
/// were asked of method resolution next to the lowering's probe trait,
/// whose method of the name met the reader trait's (E0034). A reader of
/// the name's traits is now moved out and not probed; a string's `split`
/// and an iterator's `take` are decided as before.
pub mod reader_methods_taking_self_at_last_use {
    use super::*;
    use std_side::std_readers;
    use tokio_side::tokio_readers;

    // (Each side in a module of its own: `Src` is a reader of both kinds,
    // and with both traits in scope, `take` would be ambiguous natively.)
    mod std_side {
        use super::super::lines_of_readers_at_last_use::Src;
        use super::*;
        use std::io::{BufRead as _, Read as _};

    #[self::coroutine]
    pub async fn std_readers() -> String {
        let whole = std::io::BufReader::new(Src(b"xyz", D::new("bytes src")));
        let fields = std::io::BufReader::new(Src(b"a,b,c", D::new("split src")));
        let long = Src(b"abcdef", D::new("take src"));
        let (head, tail) = (Src(b"12", D::new("head")), Src(b"34", D::new("tail")));
        suspend("std").await;
        let bytes: Vec<u8> = whole.bytes().map(|b| b.unwrap_or_default()).collect();
        log("bytes read");
        let parts: Vec<Vec<u8>> = fields.split(b',').map(|p| p.unwrap_or_default()).collect();
        log("split read");
        let mut taken = String::new();
        long.take(3).read_to_string(&mut taken).unwrap_or_default();
        let mut both = String::new();
        let mut chained = head.chain(tail);
        suspend("chained").await;
        chained.read_to_string(&mut both).unwrap_or_default();
        format!("{bytes:?} {parts:?} {taken} {both}")
    }
    }

    mod tokio_side {
        use super::super::lines_of_readers_at_last_use::Src;
        use super::*;
        use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _};

    #[self::coroutine]
    pub async fn tokio_readers() -> String {
        let fields = tokio::io::BufReader::new(Src(b"d;e", D::new("tokio split src")));
        let long = Src(b"ghijk", D::new("tokio take src"));
        let (head, tail) = (Src(b"5", D::new("tokio head")), Src(b"6", D::new("tokio tail")));
        suspend("tokio").await;
        let mut split = fields.split(b';');
        let mut parts = Vec::new();
        while let Some(part) = split.next_segment().await.unwrap_or_default() {
            parts.push(value("segment", part).await);
        }
        drop(split);
        let mut taken = String::new();
        long.take(2).read_to_string(&mut taken).await.unwrap_or_default();
        let mut both = String::new();
        head.chain(tail).read_to_string(&mut both).await.unwrap_or_default();
        format!("{parts:?} {taken} {both}")
    }
    }

    #[self::coroutine]
    pub async fn run() -> (String, String, usize, Vec<u32>) {
        let a = std_readers().await;
        let b = tokio_readers().await;
        let text = String::from("p,q");
        let numbers = vec![D::with("n1", 1), D::with("n2", 2), D::with("n3", 3)].into_iter();
        suspend("others").await;
        let n = text.split(',').count();
        let firsts: Vec<u32> = numbers.take(2).map(|d| d.get() as u32).collect();
        log("others done");
        suspend("end").await;
        (a, b, n, firsts)
    }
}

/// A method taking `mut self` that assigns `self` or a field of it after
/// its last read (a transaction's `commit` setting `self.done`, read only by
/// its `Drop`): rustc's `async fn` binds `self` as a local of its body and
/// gives no `unused_assignments` warning; the shadow copy, which captures
/// `self` in an `async move` block, drew "value assigned to `self` is never
/// read". Found by a crate of service code (sqlx-style `Tx::commit`).
pub mod by_value_self_assigned_after_its_last_read {
    #![deny(unused_assignments)]
    use super::*;

    pub struct Tx {
        name: &'static str,
        done: bool,
        n: i64,
    }

    impl Drop for Tx {
        fn drop(&mut self) {
            log(format!("drop {} done={} n={}", self.name, self.done, self.n));
        }
    }

    impl Tx {
        #[self::coroutine]
        async fn commit(mut self) -> i64 {
            let k = value("commit", 2).await;
            self.n += k;
            self.done = true;
            k
        }

        #[self::coroutine]
        async fn replace(mut self, by: bool) {
            suspend("replace").await;
            match by {
                true => self = Tx { name: "replaced", done: true, n: 9 },
                false => self.n = 7,
            }
        }

        #[self::coroutine]
        async fn tail(mut self) {
            suspend("tail").await;
            if self.n > 100 { self.n = 0 } else { self.done = true }
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = Tx { name: "a", done: false, n: 1 }.commit().await;
        Tx { name: "b", done: false, n: 1 }.replace(true).await;
        Tx { name: "c", done: false, n: 1 }.replace(false).await;
        Tx { name: "d", done: false, n: 1 }.tail().await;
        a
    }
}

/// A method awaited at once on a value held across an await, given a
/// closure without parameters whose result's error type only the `?` after
/// the call types (tokio's `OnceCell::get_or_try_init(|| async { let v =
/// load().await?; Ok(v) }).await?`): the copy of the closure that types the
/// probe's result gets it from the output of the user's call. Found by a
/// crate of service code (E0282 on the copy's `Ok(..)`).
pub mod closure_result_typed_through_an_awaited_probed_call {
    use super::*;

    pub struct Cell {
        d: D,
    }

    impl Cell {
        async fn get_or_try_init<E, F, Fut>(&self, f: F) -> Result<i64, E>
        where
            F: FnOnce() -> Fut,
            Fut: Future<Output = Result<i64, E>>,
        {
            suspend("init").await;
            f().await.map(|v| v + self.d.get())
        }
    }

    fn check<E>(ok: bool, fail: impl FnOnce() -> E) -> Result<i64, E> {
        if ok { Ok(100) } else { Err(fail()) }
    }

    #[self::coroutine]
    async fn cached<E>(ok: bool, fail: impl FnOnce() -> E + Send) -> Result<i64, E> {
        let cell = Cell { d: D::with("cell", 1) };
        let k = value("k", 2).await;
        let v = cell
            .get_or_try_init(|| async move {
                let x = value("load", 10).await;
                let y = check(ok, fail)?;
                Ok(x + y + k)
            })
            .await?;
        Ok(v)
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let a = cached(true, || "no").await;
        let b = cached(false, || 7u8).await;
        format!("{a:?} {b:?}")
    }
}

/// The lowering's own code gives no lint the user's code does not: a
/// by-value method given a closure literal with parameters, at the last use
/// of a value held across an await, is probed with a typing call that is
/// never made and whose output (here a `Vec`) has a destructor, under
/// `deny(let_underscore_drop)` (and `unused_results`, which the lowered
/// copy of an unused result also gave, once more). Found by checking the
/// lints of a crate of service code against native.
pub mod lowered_code_lints_nothing_of_its_own {
    #![deny(let_underscore_drop, unused_results)]
    use super::*;

    pub struct Bytes(Vec<i64>);

    impl Bytes {
        fn map_all(self, f: impl Fn(i64) -> i64) -> Vec<i64> {
            self.0.into_iter().map(f).collect()
        }

        fn push_made(mut self, f: impl FnOnce() -> i64) -> Vec<i64> {
            self.0.push(f());
            self.0
        }
    }

    #[self::coroutine]
    pub async fn run() -> Vec<i64> {
        let b = Bytes(vec![1, 2, 3]);
        let c = Bytes(vec![4]);
        let d = D::with("d", 5);
        let k = value("k", 10).await;
        let mut v = b.map_all(|x| x * k);
        v.extend(c.push_made(move || d.get() * k));
        suspend("s").await;
        v
    }
}

/// A reader's `async fn next(&mut self)`, as stream-like types of services
/// write it (a frame reader, a subscriber): clippy's
/// `should_implement_trait` skips an `async fn`, whose output is a future,
/// but the lowered function (`fn next(&mut self) -> impl Future`) drew it
/// ("method `next` can be confused for the standard trait method
/// `Iterator::next`"), failing `cargo clippy -- -D warnings`. Found by
/// comparing the clippy warnings of a crate of service code with native.
pub mod async_method_named_like_a_std_trait_method {
    use super::*;

    pub struct Frames {
        left: Vec<i64>,
    }

    impl Frames {
        #[self::coroutine]
        pub async fn next(&mut self) -> Option<i64> {
            suspend("read").await;
            self.left.pop()
        }

        #[self::coroutine]
        pub async fn default() -> Frames {
            suspend("open").await;
            Frames { left: vec![1, 2] }
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut frames = Frames::default().await;
        let mut sum = 0;
        while let Some(n) = frames.next().await {
            sum += n;
        }
        sum
    }
}

/// Found by a crate of guard code: a `Copy` field read by a method std's
/// `Option` takes by value, at the last use of a guard held across an
/// await (`g.limit.unwrap_or(10)`, `limit: Option<u32>`, `g` a
/// `RefMut`): rustc copies the field through the guard's `Deref`, and the
/// guarded value keeps it. The lowering moved the `Option` out, leaving
/// `None` in the guarded value (and in a value whose `Drop` reads it).
pub mod copy_option_field_read_at_last_use_of_guard {
    use super::*;
    use std::cell::RefCell;

    pub struct Limits {
        limit: Option<u32>,
        name: D,
    }

    pub struct Logged {
        limit: Option<u32>,
    }

    impl Drop for Logged {
        fn drop(&mut self) {
            log(format!("drop Logged {:?}", self.limit));
        }
    }

    #[self::coroutine]
    pub async fn run() -> (u32, Option<u32>, u32) {
        let cell = RefCell::new(Limits {
            limit: Some(4),
            name: D::new("limits"),
        });
        let n = {
            let g = cell.borrow_mut();
            suspend("held").await;
            g.limit.unwrap_or(10)
        };
        suspend("after").await;
        let kept = cell.borrow().limit;
        let logged = Logged { limit: Some(7) };
        suspend("logged").await;
        let m = logged.limit.map_or(0, |l| l + 1);
        suspend("end").await;
        (n + cell.borrow().name.get() as u32, kept, m)
    }
}

/// Found by a crate of guard code: at the last use of a value held across
/// an await that reaches its fields through a shared `Deref` only (an
/// `Arc`, a `Ref`), a method std's `Option` or `Result` takes by value on a
/// `Copy` field (`config.limit.unwrap_or(30)`, `r.limit.map(..)`): rustc
/// copies the field out through `Deref`. The lowering reached the field
/// through a `*mut`, which needs `DerefMut` (E0596).
pub mod std_method_on_field_through_shared_deref {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    pub struct Config {
        limit: Option<u32>,
        retries: Result<u32, String>,
        names: Vec<u32>,
        tag: D,
    }

    #[self::coroutine]
    async fn limit(config: Rc<Config>) -> u32 {
        suspend("limit").await;
        config.limit.unwrap_or(30)
    }

    #[self::coroutine]
    async fn retries(config: Rc<Config>) -> u32 {
        let _d = D::new("retries");
        suspend("retries").await;
        config.retries.clone().unwrap_or(1) + config.retries.as_ref().map_or(0, |r| *r)
    }

    #[self::coroutine]
    async fn last_name(cell: &RefCell<Config>) -> u32 {
        let r = cell.borrow();
        suspend("borrowed").await;
        let n = r.limit.map(|l| l * 2).unwrap_or(0);
        n + r.names.len() as u32
    }

    pub struct Counter {
        n: u32,
    }

    impl Counter {
        // A `&mut self` method named like `Option::map`.
        fn map(&mut self, f: impl Fn(u32) -> u32) -> u32 {
            self.n = f(self.n);
            self.n
        }
    }

    pub struct Holder {
        counter: Counter,
        tag: D,
    }

    // (A var that syntax shows holds the struct still reaches the field
    // through `&mut`.)
    #[self::coroutine]
    async fn bump(mut given: Holder) -> u32 {
        let mut h = Holder {
            counter: Counter { n: 1 },
            tag: D::new("holder"),
        };
        suspend("bump").await;
        h.tag.get() as u32 + h.counter.map(|x| x + 1) + given.counter.map(|x| x * 3)
    }

    #[self::coroutine]
    pub async fn run() -> (u32, u32, u32, Option<u32>) {
        let d = bump(Holder {
            counter: Counter { n: 5 },
            tag: D::new("given"),
        })
        .await;
        let config = Rc::new(Config {
            limit: Some(4),
            retries: Ok(2),
            names: vec![7, 8],
            tag: D::new("config"),
        });
        let a = limit(config.clone()).await;
        let b = retries(config.clone()).await;
        let cell = RefCell::new(Config {
            limit: None,
            retries: Err(String::from("none")),
            names: vec![1],
            tag: D::new("cell"),
        });
        let c = last_name(&cell).await;
        let kept = config.limit;
        (a + config.tag.get() as u32, b + d, c + cell.borrow().tag.get() as u32, kept)
    }
}
