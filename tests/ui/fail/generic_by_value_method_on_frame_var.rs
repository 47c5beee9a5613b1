// A limitation (README, "Limitations"): a method that takes `self` by value
// and has generic parameters, called on a variable that lives across an
// `.await`, at its last use. The lowering's probe of how the method takes
// its receiver resolves the call without its arguments, so their types
// stay unknown (E0283). Natively this compiles. Workaround:
// `{ builder }.name("x")` moves the variable out first.
struct Builder(String);

impl Builder {
    fn name<S: Into<String>>(self, s: S) -> Self {
        Builder(self.0 + &s.into())
    }
}

async fn tick() {}

#[coro::coroutine]
async fn f() -> String {
    let builder = Builder(String::new());
    tick().await;
    builder.name("x").0
}

fn main() {
    let _ = f();
}
