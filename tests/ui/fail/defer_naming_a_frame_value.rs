// A `defer!` (scopeguard's, here a copy of its shape) naming a value held
// across an await: its guard lives to the end of the loop body, which
// lending the value to the macro would end at the macro (the guard dropped
// at once). Rejected, where it was a silent change of the drop order; the
// same guard written as a `let` the lowering sees works. LIMITATIONS.md.
pub struct Guard<F: FnMut()>(F);

impl<F: FnMut()> Drop for Guard<F> {
    fn drop(&mut self) {
        (self.0)()
    }
}

macro_rules! defer {
    ($($t:tt)*) => {
        let _guard = Guard(|| { $($t)* });
    };
}

async fn step(i: u32) -> u32 {
    i
}

#[coro::coroutine]
pub async fn deferred_in_loop(n: u32) -> u32 {
    let mut total = 0;
    for i in 0..n {
        defer! { println!("end of iteration {i}"); }
        total += step(i).await;
        println!("iteration {i}");
    }
    total
}

fn main() {}
