// Native: the future is not `Send` because an `Rc` is held across an await
// (error: future cannot be sent between threads safely).
use std::rc::Rc;

async fn tick() {}

#[coro::coroutine]
async fn f() -> usize {
    let shared = Rc::new(5);
    tick().await;
    *shared
}

fn require_send<T: Send>(_: T) {}

fn main() {
    require_send(f());
}
