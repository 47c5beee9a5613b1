// The macro's own error: it lowers `async fn`s only.
#[coro::coroutine]
fn plain() -> u32 {
    1
}

fn main() {
    let _ = plain();
}
