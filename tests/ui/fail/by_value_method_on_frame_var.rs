// A limitation (README, "Limitations"): a method that takes `self` by value,
// called on a variable that lives across an `.await`, is called on the
// variable in place, which rustc rejects (E0507 on the variable). Natively
// this compiles. Workaround: `{ conn }.close().await`.
struct Conn;

impl Conn {
    async fn close(self) -> u32 {
        1
    }
}

async fn tick() {}

#[coro::coroutine]
async fn f() -> u32 {
    let conn = Conn;
    tick().await;
    conn.close().await
}

fn main() {
    let _ = f();
}
