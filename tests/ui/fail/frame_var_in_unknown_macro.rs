// The macro's own error: a value that lives across an `.await` used inside
// a macro the lowering cannot see into, where it cannot be lent to the
// macro: inside a closure, in a statement that awaits after the macro
// (which runs as rustc's own `async` block), after a struct update moved
// fields out of it, or where the macro's value is used as a place (it may expand to
// the value's own place, which the lent value is not).
macro_rules! show {
    ($($t:tt)*) => {
        let _ = $($t)*.len();
    };
}

async fn tick() {}

#[coro::coroutine]
async fn f() {
    let name = String::from("frame");
    tick().await;
    let shown = || {
        show!(name);
    };
    shown();
    tick().await;
    drop(name);
}

pub struct Three {
    a: String,
    b: String,
    c: u32,
}

#[coro::coroutine]
async fn g(t: Three) -> usize {
    let u = Three { a: String::new(), ..t };
    tick().await;
    show!(t.a);
    u.b.len() + u.c as usize
}

#[coro::coroutine]
async fn h() -> usize {
    let name = String::from("frame");
    tick().await;
    let n = show_len!(name) + len_of("awaited").await;
    n + name.len()
}

macro_rules! show_len {
    ($e:expr) => {
        $e.len()
    };
}
use show_len;

async fn len_of(s: &str) -> usize {
    s.len()
}

macro_rules! same {
    ($e:expr) => {
        $e
    };
}

#[coro::coroutine]
async fn i() -> u64 {
    let mut total = 1_u64;
    tick().await;
    same!(total) += 1;
    total
}

fn main() {
    let _ = f();
    let _ = g(Three { a: String::new(), b: String::new(), c: 1 });
    let _ = h();
    let _ = i();
}
