// The macro's own error: `.await` inside a macro whose grammar it does not
// know. It names the macro and says what to write instead.
macro_rules! twice {
    ($e:expr) => {
        $e + $e
    };
}

async fn one() -> u32 {
    1
}

#[coro::coroutine]
async fn f() -> u32 {
    twice!(one().await)
}

fn main() {
    let _ = f();
}
