// The macro's own error: a trait method needs its body to be lowered.
trait Service {
    #[coro::coroutine]
    async fn call(&self) -> u32;
}

fn main() {}
