// Native: E0515 cannot return reference to local variable `local`.
async fn tick() {}

#[coro::coroutine]
async fn f<'a>() -> &'a str {
    let local = String::from("local");
    tick().await;
    &local
}

fn main() {
    let _ = f();
}
