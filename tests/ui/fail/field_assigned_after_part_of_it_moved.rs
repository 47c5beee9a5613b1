// A field assigned after a field of it was moved out (`p.inner = ..` after
// `let s = p.inner.s;`), where `p` lives across an `.await`: rustc drops
// what is left of the old `p.inner`; the lowering cannot tell what that is.
// Rejected, pointing at the assignment: the part read out must be `Copy`
// (E0277), which, copied, leaves the field whole (`p.pos = (p.pos.0 + 1,
// ..)` works). Natively this compiles.
struct Inner {
    s: String,
    n: u32,
}

struct P {
    inner: Inner,
}

async fn tick() {}

#[coro::coroutine]
async fn f() -> usize {
    let mut p = P { inner: Inner { s: "a".into(), n: 1 } };
    tick().await;
    let s = p.inner.s;
    p.inner = Inner { s: "b".into(), n: 2 };
    tick().await;
    s.len() + p.inner.s.len() + p.inner.n as usize
}

fn main() {
    let _ = f();
}
