// The macro's own error: a value that lives across an `.await` used inside
// a macro the lowering cannot see into, where it cannot be lent to the
// macro: inside a closure, in a statement that awaits after the macro
// (which runs as rustc's own `async` block), or after part of it was moved
// out.
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

#[coro::coroutine]
async fn g() {
    let pair = (String::from("first"), String::from("second"));
    let (first, _) = pair;
    tick().await;
    show!(pair.1);
    drop(first);
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

fn main() {
    let _ = f();
    let _ = g();
    let _ = h();
}
