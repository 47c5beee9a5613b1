// A limitation (README, "Limitations"): a method that takes `self` by value
// and has generic parameters, called on a variable that lives across an
// `.await`, at its last use, with a closure followed by another argument.
// The lowering's probe of how the method takes its receiver is typed by the
// call's arguments, but a closure's parameter types are known only from
// the call itself (E0283); the closures that end the arguments are made in
// the call (tests/differential, `closures_passed_to_methods_at_last_use`),
// a closure before another argument cannot be without changing the order
// in which the arguments run. Natively this compiles. Workaround:
// `{ builder }.scaled(|n| n + 1, 2)` moves the variable out first; a
// closure bound to a local first works too.
struct Builder(String);

impl Builder {
    fn scaled<F: Fn(usize) -> usize>(self, f: F, k: usize) -> usize {
        f(self.0.len()) * k
    }
}

async fn tick() {}

#[coro::coroutine]
async fn f() -> usize {
    let builder = Builder(String::new());
    tick().await;
    builder.scaled(|n| n + 1, 2)
}

fn main() {
    let _ = f();
}
