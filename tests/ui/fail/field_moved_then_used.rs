// A limitation: a field moved out of a value whose type the function never
// names, while the value is used again, is rejected with a message that
// says what to write instead. Natively this compiles.
pub struct Response {
    pub status: u16,
    pub body: String,
}

async fn fetch() -> Response {
    Response { status: 200, body: String::from("ok") }
}

async fn tick() {}

#[coro::coroutine]
async fn f() -> (String, u16) {
    let response = fetch().await;
    let body = response.body;
    tick().await;
    (body, response.status)
}

fn main() {
    let _ = f();
}
