// A method that takes `self` by value (without arguments, or with plain
// ones), called on a variable that lives across an `.await`, at its last
// use: method resolution tells the lowering to move the variable out
// first, as rustc's own async fn does.
struct Conn;

impl Conn {
    async fn close(self) -> u32 {
        1
    }

    fn shutdown(self, code: u32) -> u32 {
        code
    }
}

async fn tick() {}

#[coro::coroutine]
async fn f() -> u32 {
    let conn = Conn;
    let other = Conn;
    tick().await;
    let code = 2;
    conn.close().await + other.shutdown(code)
}

fn main() {
    let _ = f();
}
