// The macro's own error: a value that lives across an `.await` named by an
// inline capture (`{w}`) of a format string given to a macro the lowering
// cannot see into, where it cannot be lent to the macro (inside a closure).
macro_rules! my_log {
    ($($t:tt)*) => {
        let _ = format!($($t)*);
    };
}

async fn tick() {}

#[coro::coroutine]
async fn f(n: u64) -> u64 {
    let w = n + 1;
    tick().await;
    let log = || {
        my_log!("w={w}");
    };
    log();
    w
}

fn main() {
    let _ = f(1);
}
