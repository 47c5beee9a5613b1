// A limitation: a closure that is not `move` and moves a value held across
// an `.await` (rustc moves the value into the closure when it is made).
// Rejected (E0507). Moving it out of the frame where the closure runs the
// use instead would be unsound: the closure may outlive the value's scope,
// as `release` outlives `guard` here. Natively this compiles.
struct D(String);

async fn tick() {}

fn consume(d: D) -> usize {
    d.0.len()
}

#[coro::coroutine]
async fn f() -> usize {
    let release;
    {
        let guard = D("guard".into());
        tick().await;
        release = || consume(guard);
    }
    tick().await;
    release()
}

fn main() {
    let _ = f();
}
