// The macro's own error: a value that lives across an `.await` named by an
// inline capture (`{n}`) of a format string given to a macro the lowering
// cannot see into. rustc resolves the capture where the literal is written,
// where the lowered code has no binding of that name.
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
    my_log!("w={w} n={n}");
    w
}

fn main() {
    let _ = f(1);
}
