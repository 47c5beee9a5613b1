// A field moved out of a value whose type the function never names, while
// the value is used again (its other fields still drop at the end of its
// scope): the value's dropper is written where the field is moved out, where
// rustc knows the type. (Rejected by the lowering before fuzz seed 1
// programs 61, 76 and 82.)
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
