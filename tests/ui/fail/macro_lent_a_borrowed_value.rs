// A value held across an `.await` is lent to a macro the lowering cannot
// see into (moved into a local of its name and back): not while something
// still borrows it. The shadow copy borrows it mutably just before the
// macro, so rustc's borrow check says so (E0502).
macro_rules! show {
    ($($t:tt)*) => {
        let _ = $($t)*.len();
    };
}

async fn tick() {}

#[coro::coroutine]
async fn f() -> usize {
    let name = String::from("frame");
    let first = &name[..1];
    tick().await;
    show!(name);
    first.len()
}

fn main() {
    let _ = f();
}
