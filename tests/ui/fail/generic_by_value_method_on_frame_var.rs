// A limitation (README, "Limitations"): a method that takes `self` by value
// and has generic parameters, called with a closure on a variable that
// lives across an `.await`, at its last use. The lowering's probe of how
// the method takes its receiver is typed by the call's arguments, but a
// closure's type is known only from the call itself (E0283). Natively this
// compiles. Workaround: `{ builder }.map_len(|n| n + 1)` moves the variable
// out first; a closure bound to a local first works too.
struct Builder(String);

impl Builder {
    fn map_len<F: Fn(usize) -> usize>(self, f: F) -> usize {
        f(self.0.len())
    }
}

async fn tick() {}

#[coro::coroutine]
async fn f() -> usize {
    let builder = Builder(String::new());
    tick().await;
    builder.map_len(|n| n + 1)
}

fn main() {
    let _ = f();
}
