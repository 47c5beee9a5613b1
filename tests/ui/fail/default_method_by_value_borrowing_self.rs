// A trait's default method taking `self` by value, holding a borrow of
// `self` across an await (an async iterator's `collect_vec`): the frame
// stores the future of `self.next()` under a lifetime the method cannot
// declare (the trait's signature would change, and every impl overriding
// it would have to repeat it), so `Self` must be `'static`: E0310.
// LIMITATIONS.md: take `&mut self`, or leave the method unannotated.
#![allow(async_fn_in_trait)]

pub trait AsyncIter {
    type Item;
    async fn next(&mut self) -> Option<Self::Item>;

    #[coro::coroutine]
    async fn collect_vec(mut self) -> Vec<Self::Item>
    where
        Self: Sized,
    {
        let mut v = Vec::new();
        while let Some(x) = self.next().await {
            v.push(x);
        }
        v
    }
}

fn main() {}
