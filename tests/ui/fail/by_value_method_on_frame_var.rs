// A limitation (README, "Limitations"): a method that takes `self` by value,
// called on a variable that lives across an `.await`, with an argument that
// is more than a literal or a path (a call, or an await: the receiver would
// be moved out only after it), is called on the variable in place, which
// rustc rejects (E0507 on the variable). Natively this compiles.
// Workaround: `{ conn }.close(code()).await`.
// (With plain arguments it compiles: tests/ui/pass/by_value_method_on_frame_var.rs.)
struct Conn;

impl Conn {
    async fn close(self, code: u32) -> u32 {
        code
    }
}

async fn tick() {}

fn code() -> u32 {
    1
}

#[coro::coroutine]
async fn f() -> u32 {
    let conn = Conn;
    tick().await;
    conn.close(code()).await
}

async fn code_later() -> u32 {
    2
}

#[coro::coroutine]
async fn g() -> u32 {
    let conn = Conn;
    tick().await;
    conn.close(code_later().await).await
}

fn main() {
    let _ = g();
    let _ = f();
}
