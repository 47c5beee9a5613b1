// A closure literal whose type the method's output names (`scan`'s
// `Scan<I, St, F>`), on a value held across an await at its last use,
// given another argument that awaits: the question whether `scan` takes
// the iterator by value is asked before the await, where the call is not
// at hand, and its typing call, tied to the user's output, passes a
// closure of its own, which the user's then must be (E0282).
// LIMITATIONS.md: bind the awaited value to a local first.
async fn tick() {}

async fn init() -> u32 {
    100
}

#[coro::coroutine]
async fn running_sums(v: Vec<u32>) -> Vec<u32> {
    let running = v.into_iter();
    tick().await;
    running
        .scan(init().await, |acc, x| {
            *acc += x;
            Some(*acc)
        })
        .collect()
}

fn main() {
    let _ = running_sums(vec![1]);
}
