// Native: E0382 borrow of moved value `s`.
async fn tick() {}

#[coro::coroutine]
async fn f() -> usize {
    let s = String::from("moved");
    tick().await;
    drop(s);
    tick().await;
    s.len()
}

fn main() {
    let _ = f();
}
