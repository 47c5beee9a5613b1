// A coroutine that awaits itself through `Box::pin`, as rustc's own async
// fns may since Rust 1.77: the recursive await runs in an `async` block of
// the lowering's own, whose state (as rustc's) may hold its own type, where
// the frame's type could not (E0720). Methods recurse too, and the future
// is `Send`.
#[coro::coroutine]
async fn fib(n: u64) -> u64 {
    if n < 2 {
        n
    } else {
        Box::pin(fib(n - 1)).await + Box::pin(fib(n - 2)).await
    }
}

struct Tree(Vec<Tree>);

impl Tree {
    #[coro::coroutine]
    async fn count(&self) -> usize {
        let mut total = 1;
        for child in &self.0 {
            total += Box::pin(child.count()).await;
        }
        total
    }
}

fn assert_send<T: Send>(_: &T) {}

fn main() {
    assert_send(&fib(10));
    assert_send(&Tree(Vec::new()).count());
}
