// A limitation: a field moved out by a pattern and then assigned again,
// in a value that lives across an `.await`. Natively this compiles.
async fn tick() {}

#[coro::coroutine]
async fn f() -> String {
    let mut pair = (String::from("a"), String::from("b"));
    let (first, _) = pair;
    tick().await;
    pair.0 = String::from("c");
    first + &pair.0 + &pair.1
}

fn main() {
    let _ = f();
}
