// A value held across an `.await`, lent to a macro the lowering cannot see
// into after a field of it was read out (`let name = p.name;`, a move or a
// copy: syntax cannot tell) or bound by a pattern (`let Pair { name, .. } =
// p;`), must have had that part copied: the lending checks that it is
// `Copy` (E0277). (Here the macro uses only the other field, which rustc's
// `async fn` accepts.)
macro_rules! show {
    ($e:expr) => {
        let _ = $e.n;
    };
}

pub struct Pair {
    n: u32,
    name: String,
}

async fn tick() {}

#[coro::coroutine]
async fn f(p: Pair) -> usize {
    let name = p.name;
    tick().await;
    show!(p);
    name.len()
}

#[coro::coroutine]
async fn g(p: Pair) -> usize {
    let Pair { name, .. } = p;
    tick().await;
    show!(p);
    name.len()
}

fn main() {
    let _ = f(Pair { n: 1, name: String::new() });
    let _ = g(Pair { n: 1, name: String::new() });
}
