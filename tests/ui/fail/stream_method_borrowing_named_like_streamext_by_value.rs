// A stream's `any` or `all` of a trait taking `&mut self` (tokio-stream's
// `StreamExt::any`, here a trait of one's own of the same shape), called
// at the last use of a stream held across an await: futures' `StreamExt`
// takes `self` for those names, so a stream is moved out of its slot
// into a temporary, which the call's future then borrows across the
// await: E0716. README, Limitations: write `(&mut s).any(..)`.
use futures::Stream;
use std::future::Future;

pub trait ScanExt: Stream + Unpin {
    fn any<F: FnMut(&Self::Item) -> bool>(&mut self, mut f: F) -> impl Future<Output = bool> + '_
    where
        F: 'static,
    {
        async move {
            while let Some(x) = futures::StreamExt::next(self).await {
                if f(&x) {
                    return true;
                }
            }
            false
        }
    }
}

impl<S: Stream + Unpin> ScanExt for S {}

async fn tick() {}

#[coro::coroutine]
async fn has_two() -> bool {
    let mut s = futures::stream::iter(vec![1u32, 2, 3]);
    tick().await;
    s.any(|x| *x == 2).await
}

fn main() {
    let _ = has_two();
}
