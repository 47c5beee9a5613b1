// A method generic only in its output, given a closure literal beside
// another argument, at the receiver's last use after an await: the probe's
// typing call is not tied to the user's call's output where a closure
// literal is among the arguments (that output may name the closure's type),
// so nothing types its `T` (E0283). LIMITATIONS.md: name the type in
// a turbofish, `cfg.fetch::<u32>(1, |x| x + 1)`.
use std::str::FromStr;

struct Cfg(Vec<u8>);

impl Cfg {
    fn fetch<T: FromStr>(&self, k: u8, f: impl Fn(u8) -> u8) -> Option<T> {
        self.0.iter().map(|x| f(*x) + k).sum::<u8>().to_string().parse().ok()
    }
}

async fn tick() {}

#[coro::coroutine]
async fn total(cfg: Cfg) -> u32 {
    tick().await;
    let n: u32 = cfg.fetch(1, |x| x + 1).unwrap();
    n
}

fn main() {
    let _ = total(Cfg(vec![1]));
}
