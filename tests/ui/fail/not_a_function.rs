// The macro's own error: not a function.
#[coro::coroutine]
struct Frame {
    x: u32,
}

fn main() {
    let _ = Frame { x: 1 };
}
