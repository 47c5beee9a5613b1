// Native: E0499 cannot borrow `v` as mutable more than once at a time.
async fn tick() {}

#[coro::coroutine]
async fn f() {
    let mut v = vec![1];
    let a = &mut v;
    tick().await;
    let b = &mut v;
    a.push(2);
    b.push(3);
}

fn main() {
    let _ = f();
}
