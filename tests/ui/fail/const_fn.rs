// The macro's own error, on `const`.
#[coro::coroutine]
const fn answer() -> u32 {
    42
}

fn main() {
    let _ = answer();
}
