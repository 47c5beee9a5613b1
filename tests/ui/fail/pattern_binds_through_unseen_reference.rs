// A limitation, and a memory error it once was: `p` holds a reference that
// syntax does not show (`items.first().unwrap()`), a field of it is read
// (so its dropper is written at the uses), and a pattern that awaits in its
// guard binds `a` through it. Natively `a` is `&D`. The lowering matches
// the value by `&mut` and reads each binding out by value: it read the `D`
// behind the reference, which then dropped twice. It is now a type error
// (`types differ in mutability`). Write the type: `let p: &Pair = ..`.
struct D(String);

struct Pair {
    a: D,
    n: usize,
}

async fn ready() -> bool {
    true
}

#[coro::coroutine]
async fn f(items: Vec<Pair>) -> usize {
    let p = items.first().unwrap();
    ready().await;
    let n = p.n;
    match p {
        Pair { a, .. } if ready().await => a.0.len() + n,
        _ => 0,
    }
}

fn main() {
    let _ = f(Vec::new());
}
