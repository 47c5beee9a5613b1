// Native: E0277 the `?` operator can only be used on `Result`s ... in an
// async function that returns `Result`.
async fn maybe() -> Option<u32> {
    Some(1)
}

#[coro::coroutine]
async fn f() -> Result<u32, String> {
    let n = maybe().await?;
    Ok(n)
}

fn main() {
    let _ = f();
}
