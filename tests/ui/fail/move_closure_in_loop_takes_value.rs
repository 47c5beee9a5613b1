// A `move` closure made in a loop that names a frame value only inside a
// macro (`format!("{}", p.tag)`): rustc copies `p.tag` in each time; the
// lowering would take the whole of `p` out of the frame at each iteration
// (a double free). Rejected, as for a value used again after. Natively this
// compiles. Workaround: `let tag = p.tag;` in the loop, named in the closure.
struct P {
    tag: i64,
    name: String,
}

async fn tick() {}

#[coro::coroutine]
async fn f() -> usize {
    let p = P { tag: 3, name: "p".into() };
    tick().await;
    let mut n = 0;
    for _ in 0..2 {
        let c = move || format!("{}", p.tag);
        n += c().len();
    }
    tick().await;
    n + p.name.len()
}

fn main() {
    let _ = f();
}
