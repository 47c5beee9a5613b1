// A limitation (LIMITATIONS.md): a method that takes `self` by value
// and has generic parameters, called on a variable that lives across an
// `.await`, at its last use, with a `move` closure followed by an argument
// that names what the closure copies. The lowering's probe of how the
// method takes its receiver is typed by the call's arguments, but a
// closure's parameter types are known only from the call itself (E0283).
// Closures are made in the call (tests/differential,
// `closures_before_other_arguments_at_last_use`), after the other
// arguments: this one would copy `k` after the next argument changed it.
// Natively this compiles. Workaround: `{ builder }.scaled(..)` moves the
// variable out first; a closure bound to a local first works too.
struct Builder(String);

impl Builder {
    fn scaled<F: Fn(usize) -> usize, K: Into<usize>>(self, f: F, k: K) -> usize {
        f(self.0.len()) * k.into()
    }
}

async fn tick() {}

#[coro::coroutine]
async fn f() -> usize {
    let builder = Builder(String::new());
    let mut k = 1u8;
    tick().await;
    builder.scaled(move |n| n + usize::from(k), {
        k += 1;
        k
    })
}

fn main() {
    let _ = f();
}
