// Items declared in a nested block are declared with the body's, where the
// code after an await (in another state) can see them, only if their names
// are theirs alone: two blocks declaring a `helper` each keep theirs in
// place, out of scope after the await (E0425). Give them distinct names,
// or declare the item at the top of the body.
async fn tick() {}

#[coro::coroutine]
async fn f() -> usize {
    let a = {
        fn helper() -> usize {
            1
        }
        tick().await;
        helper()
    };
    let b = {
        fn helper() -> usize {
            2
        }
        tick().await;
        helper()
    };
    a + b
}

fn main() {
    let _ = f();
}
