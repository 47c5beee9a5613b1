// A limitation (LIMITATIONS.md): a method with a lifetime (`&self`)
// and a generic type of its own, holding a borrow of a value of that type
// across an await. The frame stores the borrow under the one lifetime the
// returned `impl Future` may name, `&self`'s, which `R` need not outlive
// (E0311); rustc's own lowering hides the borrow in its coroutine. A
// function without lifetimes gets one of its own, but a method may
// implement a trait's, whose lifetimes it must keep. Workaround: the bound
// rustc suggests (`R: 'a` with `&'a self`).
struct Reader(Vec<u8>);

impl Reader {
    #[coro::coroutine]
    async fn total<R: Iterator<Item = u8>>(&self, mut extra: R) -> usize {
        let more = extra.by_ref();
        tick().await;
        more.count() + self.0.len()
    }
}

async fn tick() {}

fn main() {
    let _ = Reader(Vec::new()).total(std::iter::empty());
}
