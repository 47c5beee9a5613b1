// A method whose type parameter only a closure literal's result types
// (`scan`'s `B`, through `Option<B>`), on a value held across an await at
// its last use, given another argument that awaits: the question whether
// `scan` takes the iterator by value is asked before the await, where the
// call, whose copy types the closure elsewhere, is not at hand (E0282).
// README, Limitations: bind the awaited value to a local first.
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
