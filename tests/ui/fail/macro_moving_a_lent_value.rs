// A value held across an `.await` lent to a macro the lowering cannot see
// into is moved back into the frame after it: a macro that moves it (which
// rustc's `async fn` accepts) leaves nothing to move back (E0382).
macro_rules! consume {
    ($v:expr) => {
        drop($v)
    };
}

async fn tick() {}

#[coro::coroutine]
async fn f() {
    let name = String::from("frame");
    tick().await;
    consume!(name);
    tick().await;
}

fn main() {
    let _ = f();
}
