// An item of the body named like a type of the signature's output
// (`type Result<T> = ..;` in a function returning `Result<u32, String>`):
// rustc resolves the signature outside the body, but the lowering writes the
// output type inside it, where the item shadows the name (E0107 here).
// Declare the item outside the function, or name it otherwise.
async fn tick() {}

#[coro::coroutine]
async fn f() -> Result<u32, String> {
    type Result<T> = std::result::Result<T, String>;
    let r: Result<u32> = Ok(1);
    tick().await;
    r
}

fn main() {
    let _ = f();
}
