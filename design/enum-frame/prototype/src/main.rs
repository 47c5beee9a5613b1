//! A hand-lowered coroutine whose frame's top level is an `enum` (one
//! variant per group of values alive together, the sub-state and drop flags
//! inside each variant), so that rustc lays out the tag beside each
//! variant's small values. Slots are reached by offsets measured on a dummy
//! value, so no reference to the enum is ever made.
use std::cell::UnsafeCell;
use std::future::Future;
use std::mem::MaybeUninit;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

#[repr(transparent)]
struct Slot<T>(UnsafeCell<MaybeUninit<T>>);
impl<T> Slot<T> {
    fn uninit() -> Self { Slot(UnsafeCell::new(MaybeUninit::uninit())) }
    fn ptr(&self) -> *mut T { self.0.get().cast() }
}

/// Pending once, then ready with its value.
struct Value<T>(Option<T>, bool);
impl<T: Unpin> Future for Value<T> {
    type Output = T;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        if !self.1 { self.1 = true; cx.waker().wake_by_ref(); return Poll::Pending; }
        Poll::Ready(self.0.take().unwrap())
    }
}
fn value<T>(t: T) -> Value<T> { Value(Some(t), false) }

/// Fills a buffer it borrows, across a suspension: a self-borrow of the frame.
async fn fill(buf: &mut [u8; 16], k: u8) -> usize {
    value(()).await;
    for b in buf.iter_mut() { *b = k; }
    buf.len()
}

// The function lowered:
// async fn run(k: u8) -> usize {
//     let x = value(k).await;                 // A: awaitee a
//     let mut buf = [0u8; 16];
//     let n = fill(&mut buf, x).await;        // B: x, buf, awaitee b (borrows buf)
//     let y = n + value(buf[3] as usize).await; // C: n, awaitee c
//     y
// }
#[derive(Clone, Copy)] enum SubA { Await }
#[derive(Clone, Copy)] enum SubB { Await }
#[derive(Clone, Copy)] enum SubC { Await }

enum Members<FA, FB, FC> {
    Start,
    A { sub: SubA, a: Slot<FA> },
    B { sub: SubB, x: Slot<u8>, buf: Slot<[u8; 16]>, b: Slot<FB> },
    C { sub: SubC, n: Slot<usize>, c: Slot<FC> },
    Returned,
}

struct Frame<FA, FB, FC> {
    k: Slot<u8>,
    members: Members<FA, FB, FC>,
}

/// The offset of a field of a variant, measured on a value of that variant
/// on the stack (constant-folded when optimised).
fn offset<E, T>(make: impl FnOnce() -> E, field: impl FnOnce(&E) -> Option<&T>) -> usize {
    let dummy = make();
    let f = field(&dummy).expect("the variant made") as *const T as usize;
    f - (&raw const dummy) as usize
}

/// A field's slot in the frame's enum, whatever variant it holds now.
///
/// # Safety
/// `members` points to a live frame's enum and `off` is the offset of a
/// field of type `Slot<T>` in one of its variants.
unsafe fn at<'a, M, T>(members: *const M, off: usize) -> &'a Slot<T> {
    // SAFETY: in bounds and aligned (an offset measured on a value of the
    // enum's type); a `&Slot` is an `UnsafeCell`, so the reference asserts
    // nothing of the bytes, whichever variant holds them.
    unsafe { &*members.cast::<u8>().add(off).cast::<Slot<T>>() }
}

fn run(k: u8) -> impl Future<Output = usize> {
    type FA = Value<u8>;
    struct Coro<FB, FC, MakeB> { frame: Frame<FA, FB, FC>, make_b: MakeB }
    // (The real lowering infers FB and FC from closures; spelled here.)
    fn build<FB: Future<Output = usize>, FC: Future<Output = usize>, MakeB>(k: u8, make_b: MakeB)
        -> Coro<FB, FC, MakeB>
    where MakeB: Fn(*mut [u8; 16], u8) -> FB {
        Coro { frame: Frame { k: Slot(UnsafeCell::new(MaybeUninit::new(k))), members: Members::Start }, make_b }
    }
    impl<FB: Future<Output = usize>, FC: Future<Output = usize>, MakeB> Future for Coro<FB, FC, MakeB>
    where MakeB: Fn(*mut [u8; 16], u8) -> FB, FC: From<usize> {
        type Output = usize;
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
            // SAFETY: the frame never moves (pinned); slots are reached by
            // raw offsets from this pointer, never through `&mut Members`.
            unsafe {
                let this = self.get_unchecked_mut();
                let make_b = &this.make_b;
                let m: *mut Members<FA, FB, FC> = &raw mut this.frame.members;
                let k = &this.frame.k;
                let a_off = offset(|| Members::<FA, FB, FC>::A { sub: SubA::Await, a: Slot::uninit() },
                    |e| match e { Members::A { a, .. } => Some(a), _ => None });
                let x_off = offset(|| Members::<FA, FB, FC>::B { sub: SubB::Await, x: Slot::uninit(), buf: Slot::uninit(), b: Slot::uninit() },
                    |e| match e { Members::B { x, .. } => Some(x), _ => None });
                let buf_off = offset(|| Members::<FA, FB, FC>::B { sub: SubB::Await, x: Slot::uninit(), buf: Slot::uninit(), b: Slot::uninit() },
                    |e| match e { Members::B { buf, .. } => Some(buf), _ => None });
                let b_off = offset(|| Members::<FA, FB, FC>::B { sub: SubB::Await, x: Slot::uninit(), buf: Slot::uninit(), b: Slot::uninit() },
                    |e| match e { Members::B { b, .. } => Some(b), _ => None });
                let n_off = offset(|| Members::<FA, FB, FC>::C { sub: SubC::Await, n: Slot::uninit(), c: Slot::uninit() },
                    |e| match e { Members::C { n, .. } => Some(n), _ => None });
                let c_off = offset(|| Members::<FA, FB, FC>::C { sub: SubC::Await, n: Slot::uninit(), c: Slot::uninit() },
                    |e| match e { Members::C { c, .. } => Some(c), _ => None });
                let a: &Slot<FA> = at(m, a_off);
                let x: &Slot<u8> = at(m, x_off);
                let buf: &Slot<[u8; 16]> = at(m, buf_off);
                let b: &Slot<FB> = at(m, b_off);
                let n: &Slot<usize> = at(m, n_off);
                let c: &Slot<FC> = at(m, c_off);
                // The dispatch reads the tag and the sub-state only.
                let state = match *m {
                    Members::Start => 0,
                    Members::A { sub: SubA::Await, .. } => 1,
                    Members::B { sub: SubB::Await, .. } => 2,
                    Members::C { sub: SubC::Await, .. } => 3,
                    Members::Returned => panic!("polled after completion"),
                };
                if state == 0 {
                    m.write(Members::A { sub: SubA::Await, a: Slot::uninit() });
                    a.ptr().write(value(*k.ptr()));
                }
                if state <= 1 {
                    let Poll::Ready(xv) = Pin::new_unchecked(&mut *a.ptr()).poll(cx) else { return Poll::Pending };
                    a.ptr().drop_in_place();
                    m.write(Members::B { sub: SubB::Await, x: Slot::uninit(), buf: Slot::uninit(), b: Slot::uninit() });
                    x.ptr().write(xv);
                    buf.ptr().write([0u8; 16]);
                    b.ptr().write(make_b(buf.ptr(), *x.ptr()));
                }
                if state <= 2 {
                    let Poll::Ready(nv) = Pin::new_unchecked(&mut *b.ptr()).poll(cx) else { return Poll::Pending };
                    b.ptr().drop_in_place();
                    let third = (*buf.ptr())[3] as usize;
                    m.write(Members::C { sub: SubC::Await, n: Slot::uninit(), c: Slot::uninit() });
                    n.ptr().write(nv);
                    c.ptr().write(FC::from(third));
                }
                let Poll::Ready(cv) = Pin::new_unchecked(&mut *c.ptr()).poll(cx) else { return Poll::Pending };
                c.ptr().drop_in_place();
                let y = *n.ptr() + cv;
                m.write(Members::Returned);
                Poll::Ready(y)
            }
        }
    }
    struct Val(Value<usize>);
    impl From<usize> for Val { fn from(v: usize) -> Self { Val(value(v)) } }
    impl Future for Val { type Output = usize; fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> { Pin::new(&mut self.0).poll(cx) } }
    // SAFETY: `p` is the buffer's slot in the pinned frame, written just
    // before, and nothing else uses it while the future `b` lives.
    build::<_, Val, _>(k, |p: *mut [u8; 16], x| fill(unsafe { &mut *p }, x))
}

async fn native(k: u8) -> usize {
    let x = value(k).await;
    let mut buf = [0u8; 16];
    let n = fill(&mut buf, x).await;
    let y = n + value(buf[3] as usize).await;
    y
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

fn main() {
    let (a, b) = (run(7), native(7));
    println!("size: enum frame {} native {}", std::mem::size_of_val(&a), std::mem::size_of_val(&b));
    let (ra, rb) = (block_on(a), block_on(b));
    assert_eq!(ra, rb);
    println!("result {ra} {rb}");
}
