// Generic parameters (types, consts), `where` clauses, `impl Trait`
// arguments and returns, elided and named lifetimes, references returned
// from the future.

use std::fmt::Debug;
use std::future::Future;

/// A generic function over `T: Debug`.
pub mod generic_type_parameter {
    use super::*;

    #[self::coroutine]
    async fn wrap<T: Debug>(t: T, n: usize) -> Vec<T>
    where
        T: Clone,
    {
        let n = value(format!("wrap {t:?}"), n).await;
        vec![t; n]
    }

    #[self::coroutine]
    pub async fn run() -> (Vec<u8>, Vec<String>) {
        (wrap(1u8, 2).await, wrap(String::from("s"), 1).await)
    }
}

/// A `where` clause with an associated-type bound.
pub mod where_clause {
    use super::*;

    #[self::coroutine]
    async fn sum_all<I>(it: I) -> u32
    where
        I: IntoIterator<Item = u32>,
        I::IntoIter: ExactSizeIterator,
    {
        let it = it.into_iter();
        let len = value("len", it.len() as u32).await;
        let mut sum = 0;
        for x in it {
            sum += value(format!("x{x}"), x).await;
        }
        sum * 100 + len
    }

    #[self::coroutine]
    pub async fn run() -> u32 {
        sum_all(vec![1, 2, 3]).await
    }
}

/// A const generic parameter.
pub mod const_generic {
    use super::*;

    #[self::coroutine]
    async fn filled<const N: usize>(x: u8) -> [u8; N] {
        [value(format!("fill {N}"), x).await; N]
    }

    #[self::coroutine]
    pub async fn run() -> ([u8; 2], [u8; 3]) {
        (filled::<2>(1).await, filled(2).await)
    }
}

/// An elided lifetime: a `&str` argument borrowed into the result.
pub mod elided_lifetime {
    use super::*;

    #[self::coroutine]
    async fn first_word(s: &str) -> &str {
        suspend("first_word").await;
        s.split(' ').next().unwrap_or("")
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let owned = String::from("hello big world");
        let w = first_word(&owned).await;
        suspend("after").await;
        w.to_string()
    }
}

/// Two named lifetimes, the result tied to one of them.
pub mod named_lifetimes {
    use super::*;

    #[self::coroutine]
    async fn pick<'a, 'b>(a: &'a str, b: &'b str) -> &'a str {
        let take_a = value("cmp", a.len() >= b.len()).await;
        if take_a { a } else { &a[..1] }
    }

    #[self::coroutine]
    pub async fn run() -> (String, String) {
        let a = String::from("long one");
        let r1 = {
            let b = String::from("short");
            pick(&a, &b).await
        };
        let r2 = pick("x", &a).await;
        (r1.to_string(), r2.to_string())
    }
}

/// A returned reference into a borrowed slice of drop-logging values.
pub mod reference_into_slice {
    use super::*;

    #[self::coroutine]
    async fn find<'a>(v: &'a [D], name: &str) -> Option<&'a D> {
        for d in v {
            if value(format!("cmp {}", d.name()), d.name() == name).await {
                return Some(d);
            }
        }
        None
    }

    #[self::coroutine]
    pub async fn run() -> (i64, bool) {
        let v = vec![D::with("a", 1), D::with("b", 2)];
        let found = find(&v, "b").await.map(D::get).unwrap_or(0);
        let missing = find(&v, "z").await.is_none();
        (found, missing)
    }
}

/// An `impl IntoIterator` argument consumed across awaits.
pub mod impl_trait_argument {
    use super::*;

    #[self::coroutine]
    async fn total(it: impl IntoIterator<Item = D>) -> i64 {
        let mut sum = 0;
        for d in it {
            sum += value(format!("item {}", d.name()), d.get()).await;
        }
        sum
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        total(vec![D::with("a", 1), D::with("b", 2)]).await
    }
}

/// A function with generic types and no lifetime in its signature that
/// holds borrows of values of those types across awaits: an element of a
/// `Vec<T>` argument, an iterator over it, an `impl Iterator` argument's
/// `by_ref`. (The frame, the future's hidden type, stores the borrows; with
/// no lifetime in the signature to give them, they needed `T: 'static`,
/// E0310.)
pub mod generic_values_borrowed_across_awaits {
    use super::*;

    #[self::coroutine]
    async fn first_and_rest<T: Debug>(items: Vec<T>, mut extra: impl Iterator<Item = T>) -> Vec<String> {
        let first = items.first();
        suspend("s1").await;
        let mut out: Vec<String> = first.map(|f| format!("{f:?}")).into_iter().collect();
        let rest = items.iter().skip(1);
        let more = extra.by_ref();
        let next = more.next();
        suspend("s2").await;
        out.extend(rest.map(|t| ev("rest", format!("{t:?}"))));
        out.extend(next.map(|t| format!("{t:?}")));
        out.extend(extra.map(|t| format!("+{t:?}")));
        out
    }

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let borrowed = String::from("b");
        let a = first_and_rest(vec![D::with("d1", 1), D::with("d2", 2)], vec![D::with("e", 3)].into_iter()).await;
        let b = first_and_rest(vec![&borrowed[..], "c"], ["x", "y"].into_iter()).await;
        [a, b].concat()
    }
}

/// `impl Future` arguments: awaited inside, in the opposite order of the
/// parameters; dropped unpolled if the callee is cancelled first.
pub mod future_arguments {
    use super::*;

    #[self::coroutine]
    async fn both<A>(a: A, b: impl Future<Output = u32>) -> u32
    where
        A: Future<Output = u32>,
    {
        let _d = D::new("both");
        let y = b.await;
        let x = a.await;
        x * 10 + y
    }

    #[self::coroutine]
    pub async fn run() -> u32 {
        both(value("a", 1u32), pending_n("b", 2, 2u32)).await
    }
}

/// A `&mut` argument mutated across awaits; the caller sees the changes.
pub mod mut_reference_argument {
    use super::*;

    #[self::coroutine]
    async fn push_all(v: &mut Vec<u32>, n: u32) {
        for i in 0..n {
            v.push(value(format!("push{i}"), i).await);
        }
    }

    #[self::coroutine]
    pub async fn run() -> Vec<u32> {
        let mut v = vec![100];
        push_all(&mut v, 2).await;
        push_all(&mut v, 1).await;
        v
    }
}

/// A `&dyn Fn` argument called across awaits, and a higher-ranked bound.
pub mod dyn_and_higher_ranked_arguments {
    use super::*;

    #[self::coroutine]
    async fn apply(f: &dyn Fn(u32) -> u32, x: u32) -> u32 {
        f(value("apply", x).await)
    }

    #[self::coroutine]
    async fn call_with<F>(f: F) -> usize
    where
        F: for<'x> Fn(&'x str) -> usize,
    {
        let s = value("s", String::from("four")).await;
        f(&s)
    }

    #[self::coroutine]
    pub async fn run() -> (u32, usize) {
        let k = 3;
        (apply(&|x| x * k, 5).await, call_with(|s| s.len()).await)
    }
}

/// A turbofish call of a generic coroutine and a `T: 'a` bound.
pub mod turbofish_and_outlives_bound {
    use super::*;
    use std::str::FromStr;

    #[self::coroutine]
    async fn parse<T: FromStr>(s: &str) -> Option<T> {
        value(format!("parse {s}"), s.parse().ok()).await
    }

    #[self::coroutine]
    async fn show<'a, T: Debug + 'a>(t: &'a T) -> String {
        suspend("show").await;
        format!("{t:?}")
    }

    #[self::coroutine]
    pub async fn run() -> (Option<u8>, Option<i32>, String) {
        let a = parse::<u8>("300").await;
        let b = parse::<i32>("-4").await;
        (a, b, show(&vec![1]).await)
    }
}

/// An `impl Iterator` return type, and a struct with a lifetime parameter
/// as argument.
pub mod impl_trait_return_and_struct_lifetime {
    use super::*;

    pub struct View<'a> {
        s: &'a str,
    }

    #[self::coroutine]
    async fn evens(n: u32) -> impl Iterator<Item = u32> {
        let n = value("evens", n).await;
        (0..n).filter(|x| x % 2 == 0)
    }

    #[self::coroutine]
    async fn view_len(v: View<'_>) -> usize {
        suspend("view").await;
        v.s.len()
    }

    #[self::coroutine]
    pub async fn run() -> (Vec<u32>, usize) {
        let s = String::from("abc");
        let n = view_len(View { s: &s }).await;
        (evens(5).await.collect(), n)
    }
}

/// A value that borrows from either of two reference arguments (its
/// lifetime is neither's), held across an await: the frame stores it under
/// a lifetime of the lowering's that both outlive (E0700 without it).
pub mod value_borrowing_from_two_arguments {
    use super::*;

    pub struct Request {
        host: Option<String>,
    }

    pub struct Config {
        default_host: String,
    }

    #[self::coroutine]
    async fn resolve(req: &Request, cfg: &Config) -> usize {
        let host: &str = req.host.as_deref().unwrap_or(&cfg.default_host);
        suspend("resolve").await;
        host.len()
    }

    #[self::coroutine]
    async fn shorter<'a, 'b>(a: &'a str, b: &'b str) -> String {
        let s = if a.len() <= b.len() { a } else { b };
        suspend("shorter").await;
        s.to_uppercase()
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let cfg = Config { default_host: String::from("example.org") };
        let a = resolve(&Request { host: None }, &cfg).await;
        let b = resolve(&Request { host: Some(String::from("a.b")) }, &cfg).await;
        let c = shorter("left", &String::from("right")).await;
        format!("{a} {b} {c}")
    }
}

/// Found by writing generic library code: `&impl Trait` arguments of a
/// function whose frame borrows its own value across an await. Its frame
/// lifetime made them `&'a impl Named + '__coro`, where `+` is ambiguous.
pub mod reference_to_impl_trait_argument_with_frame_lifetime {
    use super::*;

    pub trait Named {
        fn name(&self) -> String;
    }

    impl Named for u8 {
        fn name(&self) -> String {
            format!("u8:{self}")
        }
    }

    #[self::coroutine]
    async fn f(s: &impl Named, o: Option<&mut impl Named>) -> String {
        let v = vec![D::new("v0"), D::new("v1")];
        let r = &v;
        suspend("s").await;
        format!("{} {} {}", s.name(), o.map_or(String::new(), |n| n.name()), r.len())
    }

    #[self::coroutine]
    pub async fn run() -> String {
        f(&7u8, Some(&mut 8u8)).await
    }
}

/// Found by writing text code: in a function with two reference arguments,
/// an awaited call whose operands name two of its values is awaited inside
/// an `async` block of the lowering's (its future may borrow under both
/// lifetimes). A `?`, `return` or `break` in those operands
/// (`add(get(k).await?, word).await`) left that block, not the function
/// (E0308, E0267). The operands are now evaluated before the block.
pub mod leaving_operands_of_a_call_awaited_under_two_lifetimes {
    use super::*;

    #[self::coroutine]
    async fn get(k: &str) -> Option<usize> {
        value(format!("get {k}"), (!k.is_empty()).then_some(k.len())).await
    }

    #[self::coroutine]
    async fn add(a: usize, b: &str) -> String {
        value(format!("add {a}"), format!("{a}{b}")).await
    }

    #[self::coroutine]
    async fn f(k: &str, word: &str) -> Option<usize> {
        let n = add(get(k).await?, word).await;
        let m = add(
            match k.len() {
                1 => return None,
                l => l,
            },
            word,
        )
        .await;
        let o = 'b: {
            add(
                if k.len() > 5 {
                    break 'b String::new();
                } else {
                    1
                },
                word,
            )
            .await
        };
        Some(n.len() + m.len() + o.len())
    }

    #[self::coroutine]
    pub async fn run() -> Vec<Option<usize>> {
        let mut out = Vec::new();
        for k in ["ab", "", "c", "abcdefg"] {
            out.push(f(k, "x").await);
        }
        out
    }
}

/// Found by writing CLI code: a generic future argument pinned with `pin!`
/// and awaited by value, or moved into `futures::future::select` (the
/// usual timeout helper). The pinned future borrows the frame's copy of
/// the argument, and hands that borrow on to the awaited future: the frame
/// gets a lifetime for it. (E0310 before: `F` had to be `'static`.)
pub mod pinned_generic_future_awaited_by_value {
    use super::*;
    use std::future::Future;

    #[self::coroutine]
    async fn run_pinned<F: Future<Output = i64>>(f: F) -> i64 {
        let f = std::pin::pin!(f);
        f.await
    }

    #[self::coroutine]
    async fn first_of<F: Future<Output = i64>>(f: F) -> i64 {
        let f = std::pin::pin!(f);
        let other = std::pin::pin!(value("other", 2));
        match futures::future::select(f, other).await {
            futures::future::Either::Left((n, _)) => n,
            futures::future::Either::Right((n, _)) => -n,
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64) {
        (
            run_pinned(value("pinned", 1)).await,
            first_of(pending_n("slow", 3, 5)).await,
        )
    }
}

/// A turbofish naming a constant, `r.array::<N>()` (a const parameter of
/// the coroutine) and `r.array::<LEN>()` (a `const` item), on a value held
/// across an await: constants, not types.
pub mod turbofish_naming_constants {
    use super::*;

    pub struct R(pub D);

    impl R {
        fn array<const N: usize>(&self) -> [i64; N] {
            [self.0.get(); N]
        }
    }

    const LEN: usize = 3;

    #[self::coroutine]
    async fn read_fixed<const N: usize>(r: R) -> [i64; N] {
        suspend("fixed").await;
        let b = r.array::<LEN>();
        suspend("again").await;
        let a = r.array::<N>();
        [a[0] + b[LEN - 1]; N]
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = read_fixed::<2>(R(D::with("r", 7))).await;
        a.iter().sum()
    }
}


/// A generic coroutine that holds no borrow of its own awaits another that
/// does (`inner` lends `label` to the future it awaits, so it gets the
/// frame lifetime): the outer one's frame holds `inner`'s future, whose
/// lifetime it names with a frame lifetime of its own, so `T` need not be
/// `'static`; an `impl Trait` argument too. Was E0310 at the outer one.
pub mod generic_caller_of_generic_lender {
    use super::*;

    #[self::coroutine]
    async fn measure(tag: &str) -> usize {
        suspend(format!("measure {tag}")).await;
        tag.len()
    }

    #[self::coroutine]
    async fn inner<T: ToString>(x: T) -> usize {
        let label = x.to_string();
        measure(&label).await + 1
    }

    #[self::coroutine]
    async fn outer<T: ToString>(x: T, y: impl ToString) -> usize {
        let a = inner(x).await;
        let b = inner(y).await;
        a * 10 + b
    }

    #[self::coroutine]
    async fn borrowed<T: ToString>(x: &T) -> usize {
        outer(x.to_string(), 7u8).await
    }

    #[self::coroutine]
    pub async fn run() -> usize {
        let local = String::from("local");
        outer(123, "ab").await + borrowed(&local).await
    }
}

/// One of two reference arguments of different lifetimes copied into a
/// local held across an await (`let s = if flag { a } else { b };`): the
/// local's lifetime is their intersection, which the frame names with a
/// lifetime of its own. Was E0700 (captures a lifetime not in bounds).
pub mod reference_arguments_chosen_by_a_flag {
    use super::*;

    #[self::coroutine]
    async fn pick<'a, 'b>(a: &'a str, b: &'b str, flag: bool) -> String {
        let s = if flag { a } else { b };
        suspend("pick").await;
        s.to_uppercase()
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let owned = String::from("right");
        let x = pick("left", &owned, true).await;
        let y = pick("left", &owned, false).await;
        format!("{x} {y}")
    }
}

/// `pub` methods taking `self` by value, of generic types (`impl<W>
/// Writer<W>`, `impl<'a, T> Wrapper<'a, T>`), that borrow `self` across an
/// await: a method with a visibility implements no trait's, so it gets the
/// frame lifetime, bounded by `Self: '__coro` (the `impl`'s parameters it
/// does not see). Were E0310 and E0309.
pub mod pub_by_value_methods_of_generic_types_borrowing_self {
    use super::*;

    pub struct Writer<W> {
        inner: W,
        buf: Vec<u8>,
    }

    #[self::coroutine]
    async fn put<E: Extend<u8>>(out: &mut E, bytes: &[u8]) -> usize {
        suspend("put").await;
        out.extend(bytes.iter().copied());
        bytes.len()
    }

    impl<W: Extend<u8> + Debug> Writer<W> {
        #[self::coroutine]
        pub async fn finish(mut self) -> (W, usize) {
            let n = put(&mut self.inner, &self.buf).await;
            (self.inner, n)
        }
    }

    pub struct Wrapper<'a, T> {
        vals: Vec<T>,
        label: &'a str,
    }

    impl<'a, T: Debug> Wrapper<'a, T> {
        #[self::coroutine]
        pub(crate) async fn describe(self) -> String {
            let mut out = String::from(self.label);
            for v in self.vals.iter() {
                suspend(format!("{v:?}")).await;
                out.push_str(&format!(" {v:?}"));
            }
            out
        }
    }

    #[self::coroutine]
    pub async fn run() -> String {
        let w = Writer { inner: vec![9u8], buf: vec![1, 2] };
        let (inner, n) = w.finish().await;
        let label = String::from("vals:");
        let d = Wrapper { vals: vec![D::new("a"), D::new("b")], label: &label }.describe().await;
        format!("{inner:?} {n} {d}")
    }
}

/// Found by writing programs (a connection's `pub async fn serve(mut
/// self, kv: &mut Map)` in `impl<S: AsyncRead> FramedConn<S>`, awaiting
/// its own `&mut self` methods): a `pub` method taking `self` by value and
/// other references, of a generic type, borrowing `self` across an await.
/// It was left without the frame lifetime, so rustc took the borrows of
/// `self` under the references' lifetime, which `S` need not outlive
/// (E0311). Now the elided lifetimes get names that outlive `'__coro`.
pub mod pub_by_value_method_with_other_references_borrowing_self {
    use super::*;

    pub struct Conn<S> {
        input: S,
        seen: usize,
    }

    impl<S: Iterator<Item = D>> Conn<S> {
        #[self::coroutine]
        async fn next_frame(&mut self) -> Option<D> {
            suspend("next").await;
            let d = self.input.next()?;
            self.seen += 1;
            Some(d)
        }

        #[self::coroutine]
        pub async fn serve(mut self, out: &mut Vec<String>, tag: &str) -> usize {
            while let Some(d) = self.next_frame().await {
                out.push(format!("{tag}{}", d.get()));
            }
            self.seen
        }

        #[self::coroutine]
        pub(crate) async fn first<'a>(mut self, out: &'a mut Vec<String>, x: impl AsRef<str>) -> Option<i64> {
            let d = self.next_frame().await?;
            out.push(x.as_ref().to_owned());
            Some(d.get() + self.seen as i64)
        }
    }

    #[self::coroutine]
    pub async fn run() -> (Vec<String>, usize, Option<i64>) {
        let mut out = Vec::new();
        let tag = String::from("#");
        let c = Conn { input: vec![D::with("a", 1), D::with("b", 2)].into_iter(), seen: 0 };
        let n = c.serve(&mut out, &tag).await;
        let c = Conn { input: vec![D::with("c", 3)].into_iter(), seen: 0 };
        let f = c.first(&mut out, "x").await;
        (out, n, f)
    }
}

/// A variable declared before an await, assigned later a borrow of a
/// variable declared after it (`let mut m: Option<&str> = None; ..await;
/// let k2 = ..; m = Some(&k2);`), the borrowed variable not living across
/// an await: rustc accepts it where `m` is not used after `k2` is gone
/// (its type has no drop glue, or drop glue that does not reach the
/// borrow: `Option<(&D, D)>`). Was E0597: the borrow of a local of the
/// poll, stored in the frame, had to outlive the whole poll.
pub mod earlier_variable_borrowing_a_later_one {
    use super::*;

    #[self::coroutine]
    async fn same_scope() -> usize {
        let mut m: Option<&str> = None;
        log(format!("{m:?}"));
        value("a", 1).await;
        let k2 = String::from("x");
        m = Some(&k2);
        log(format!("{m:?}"));
        k2.len()
    }

    /// The borrowed variable living across an await (in the frame too).
    #[self::coroutine]
    async fn across_await() -> usize {
        let mut m: Option<&str> = None;
        log(format!("{m:?}"));
        value("a", 1).await;
        let k2 = String::from("xyz");
        m = Some(&k2);
        value("b", 2).await;
        log(format!("{m:?}"));
        m.map_or(0, str::len)
    }

    /// The same with drop glue that does not reach the borrow, and a value
    /// of the poll declared after: `last`, `k2`, `in m`, `first` drop in
    /// that order, as rustc drops them.
    #[self::coroutine]
    async fn same_scope_with_drop_glue() -> i64 {
        let _first = D::new("first");
        let mut m: Option<(&D, D)> = None;
        log(format!("{}", m.is_none()));
        suspend("a").await;
        let k2 = D::with("k2", 4);
        m = Some((&k2, D::new("in m")));
        let _last = D::new("last");
        log("end of scope");
        m.as_ref().map_or(0, |(k, _)| k.get())
    }

    // Parked (LIMITATIONS.md, "Other code the lowering rejects"): the borrowed variable declared in
    // a block that does not suspend, a plain local of the poll there
    // (E0597).
    #[::coro::__private::identity]
    async fn inner_block() -> usize {
        let mut m: Option<&str> = None;
        log(format!("{m:?}"));
        value("a", 1).await;
        {
            let k2 = String::from("xy");
            m = Some(&k2);
            log(format!("{m:?}"));
        }
        value("b", 2).await
    }

    #[self::coroutine]
    async fn with_drop_glue() -> i64 {
        let _first = D::new("first");
        let mut m: Option<(&D, D)> = None;
        log(format!("{}", m.is_none()));
        suspend("a").await;
        let k2 = D::with("k2", 5);
        m = Some((&k2, D::new("in m")));
        let n = m.as_ref().map_or(0, |(k, _)| k.get());
        let _last = D::new("last");
        suspend("b").await;
        log("end of scope");
        n
    }

    // Parked, as `inner_block`.
    #[::coro::__private::identity]
    async fn with_drop_glue_inner() -> i64 {
        let mut m: Option<(&D, D)> = None;
        log(format!("{}", m.is_none()));
        suspend("a").await;
        let n = {
            let k2 = D::with("k2", 5);
            m = Some((&k2, D::new("in m")));
            let _inner = D::new("inner");
            m.as_ref().map_or(0, |(k, _)| k.get())
        };
        suspend("b").await;
        log("end of scope");
        n
    }

    #[self::coroutine]
    pub async fn run() -> (usize, i64, usize, usize, i64, i64) {
        (
            same_scope().await,
            same_scope_with_drop_glue().await,
            across_await().await,
            inner_block().await,
            with_drop_glue().await,
            with_drop_glue_inner().await,
        )
    }
}

/// Found by writing a framed connection on coro's runtime: a `pub` method
/// taking `&mut self` or `&self` whose own generic argument (`impl
/// AsRef<[u8]>`, `T: Display`) is borrowed across an await was E0311 (the
/// parameter type may not live long enough), where a `pub` method taking
/// `self` by value got the frame's lifetime. No trait impl's method has a
/// visibility, so these get it too: the receiver's lifetime (named) and
/// the generic types outlive it, and an output that elides a lifetime
/// takes the receiver's, as elision gives it.
pub mod pub_borrowing_method_with_generic_arguments_borrowed_across_an_await {
    use super::*;

    #[self::coroutine]
    async fn total(v: &[i64]) -> i64 {
        suspend("total").await;
        v.iter().sum()
    }

    #[self::coroutine]
    async fn shown(t: &dyn std::fmt::Display) -> String {
        suspend("shown").await;
        t.to_string()
    }

    pub struct Sink {
        sent: Vec<i64>,
        name: String,
        _d: D,
    }

    impl Sink {
        #[self::coroutine]
        pub async fn send(&mut self, payload: impl AsRef<[i64]>) -> usize {
            let n = total(payload.as_ref()).await;
            self.sent.push(n);
            self.sent.len()
        }

        #[self::coroutine]
        pub(crate) async fn label<T: std::fmt::Display>(&'_ self, t: T, extra: &str) -> &str {
            let s = shown(&t).await;
            log(format!("label {s} {extra}"));
            &self.name
        }

        #[self::coroutine]
        pub async fn tagged<'a>(&'a self, tags: impl IntoIterator<Item = i64>) -> (&'a str, i64) {
            let tags: Vec<i64> = tags.into_iter().collect();
            let n = total(&tags).await;
            (self.name.as_str(), n)
        }
    }

    #[self::coroutine]
    pub async fn run() -> (usize, String, (String, i64)) {
        let mut s = Sink { sent: Vec::new(), name: "sink".into(), _d: D::new("sink") };
        s.send([1, 2]).await;
        let n = s.send(vec![3, 4, 5]).await;
        let label = s.label(7, "x").await.to_string();
        let (name, t) = s.tagged([1, 1, 1]).await;
        (n, label, (name.to_string(), t))
    }
}
