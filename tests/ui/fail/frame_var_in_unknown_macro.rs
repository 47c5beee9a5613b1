// The macro's own error: a value that lives across an `.await` used inside
// a macro the lowering cannot see into, where it cannot be lent to the
// macro: bound by a pattern (the shadow copy cannot make it `mut`), or
// named inside a closure.
macro_rules! show {
    ($($t:tt)*) => {
        let _ = $($t)*.len();
    };
}

async fn tick() {}

#[coro::coroutine]
async fn f() {
    let (name, _count) = (String::from("frame"), 1);
    tick().await;
    show!(name);
    tick().await;
    drop(name);
}

#[coro::coroutine]
async fn g() {
    let name = String::from("frame");
    tick().await;
    let shown = || {
        show!(name);
    };
    shown();
    tick().await;
    drop(name);
}

fn main() {
    let _ = f();
    let _ = g();
}
