// The macro's own error: it takes no arguments.
#[coro::coroutine(boxed)]
async fn f() {}

fn main() {
    let _ = f();
}
