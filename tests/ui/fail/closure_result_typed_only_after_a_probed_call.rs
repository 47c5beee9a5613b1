// A method of a value held across an await, called at its last use (so
// method resolution is asked whether it takes the value), given a closure
// without parameters whose result only the code after the call types: the
// `?` types `Ok(1)`'s error. The probe's copy of the closure, which types
// its result, sees nothing after the call (E0282). Awaited at once
// (`cell.get_or_try_init(|| async { Ok(1) }).await?`) it works: what the
// futures resolve to ties the copy's result to the user's.
// LIMITATIONS.md: name the type (`Ok::<_, E>(1)`), or `{ c }.run(..)`.
pub struct C;

impl C {
    pub fn run<F: FnOnce() -> Result<u8, E>, E>(&self, f: F) -> Result<u8, E> {
        f()
    }
}

async fn tick() {}

#[coro::coroutine]
async fn once<E>() -> Result<u8, E> {
    let c = C;
    tick().await;
    let v = c.run(|| Ok(1))?;
    Ok(v)
}

fn main() {
    let _ = once::<()>();
}
