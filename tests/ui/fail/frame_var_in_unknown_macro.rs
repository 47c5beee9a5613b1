// The macro's own error: a value that lives across an `.await` used inside
// a macro the lowering cannot see into.
macro_rules! show {
    ($($t:tt)*) => {
        let _ = $($t)*.len();
    };
}

async fn tick() {}

#[coro::coroutine]
async fn f() {
    let name = String::from("frame");
    tick().await;
    show!(name);
    tick().await;
    drop(name);
}

fn main() {
    let _ = f();
}
