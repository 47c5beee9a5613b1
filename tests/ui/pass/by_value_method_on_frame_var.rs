// A method that takes `self` by value, called on a variable that lives
// across an `.await`, at its last use: method resolution tells the
// lowering to move the variable out first, as rustc's own async fn does.
// With arguments of any kind, and with arguments that await: then the
// receiver is moved out before them, into a temporary the call takes. A
// method with generic parameters is typed by the call's arguments.
struct Conn;

struct Builder(String);

impl Builder {
    fn name<S: Into<String>>(self, s: S) -> Self {
        Builder(self.0 + &s.into())
    }

    fn map_len<F: Fn(usize) -> usize>(self, f: F) -> usize {
        f(self.0.len())
    }
}

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

#[coro::coroutine]
async fn generic_method() -> usize {
    let builder = Builder(String::new());
    let other = Builder(String::new());
    let plus_one = |n| n + 1;
    tick().await;
    builder.name("x").0.len() + other.map_len(plus_one)
}

#[coro::coroutine]
async fn builder_in_a_loop() -> usize {
    let mut builder = Builder(String::new());
    for i in 0..3 {
        builder = builder.name(i.to_string());
        tick().await;
    }
    builder.0.len()
}

fn main() {
    let _ = builder_in_a_loop();
    let _ = generic_method();
    let _ = f();
    let _ = computed_argument();
    let _ = awaiting_argument();
    let _ = std_method_with_awaiting_argument();
}
