// A limitation (LIMITATIONS.md): a field that a struct update moved
// out of its base, then assigned again, in a value that lives across an
// `.await`. The base keeps only the fields the literal names, and its drop
// would skip the new value. Natively this compiles.
async fn tick() {}

struct Config {
    name: String,
    path: String,
}

#[coro::coroutine]
async fn f() -> String {
    let mut base = Config { name: String::from("a"), path: String::from("/") };
    tick().await;
    let copy = Config { name: String::from("b"), ..base };
    base.path = String::from("/tmp");
    copy.path + &base.name + &base.path
}

fn main() {
    let _ = f();
}
