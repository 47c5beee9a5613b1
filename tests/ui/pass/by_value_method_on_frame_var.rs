// A method that takes `self` by value, called on a variable that lives
// across an `.await`, at its last use: method resolution tells the
// lowering to move the variable out first, as rustc's own async fn does.
// With arguments of any kind, and with arguments that await: then the
// receiver is moved out before them, into a temporary the call takes.
struct Conn;

impl Conn {
    async fn close(self) -> u32 {
        1
    }

    fn shutdown(self, code: u32) -> u32 {
        code
    }

    async fn close_with(self, code: u32) -> u32 {
        code
    }
}

async fn tick() {}

fn code() -> u32 {
    1
}

async fn code_later() -> u32 {
    2
}

async fn fallback() -> String {
    String::new()
}

#[coro::coroutine]
async fn f() -> u32 {
    let conn = Conn;
    let other = Conn;
    tick().await;
    let code = 2;
    conn.close().await + other.shutdown(code)
}

#[coro::coroutine]
async fn computed_argument() -> u32 {
    let conn = Conn;
    tick().await;
    conn.close_with(code()).await
}

#[coro::coroutine]
async fn awaiting_argument() -> u32 {
    let conn = Conn;
    tick().await;
    conn.close_with(code_later().await).await
}

#[coro::coroutine]
async fn std_method_with_awaiting_argument() -> String {
    let o = Some(String::from("o"));
    tick().await;
    o.unwrap_or(fallback().await)
}

fn main() {
    let _ = f();
    let _ = computed_argument();
    let _ = awaiting_argument();
    let _ = std_method_with_awaiting_argument();
}
