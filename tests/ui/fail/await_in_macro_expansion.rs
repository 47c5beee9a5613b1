// A limitation: an attribute sees a macro's arguments, not its expansion,
// so an `.await` that only the expansion contains is left to rustc, which
// rejects it outside an `async` body (E0728). Natively this compiles.
macro_rules! await_both {
    ($a:expr, $b:expr) => {
        ($a.await, $b.await)
    };
}

async fn one() -> u32 {
    1
}

#[coro::coroutine]
async fn f() -> (u32, u32) {
    await_both!(one(), one())
}

fn main() {
    let _ = f();
}
