// A `match` whose pattern moves the contents out of a `Box` (`*boxed`,
// `*Box::new(..)`) and whose arm awaits: the lowering matches the contents
// where they are, behind a pointer into the frame, which nothing can move
// out of (E0507), where rustc's own lowering moves them out of the box.
// Move the contents out first (`let d = *boxed;`) and match that.
// LIMITATIONS.md.
pub struct D(pub i64);

async fn value<T>(v: T) -> T {
    v
}

#[coro::coroutine]
pub async fn by_variable(k: i64) -> i64 {
    let boxed = Box::new(D(k));
    match *boxed {
        d => value(d.0).await,
    }
}

#[coro::coroutine]
pub async fn by_temporary(k: i64) -> i64 {
    match *Box::new(D(k)) {
        d => value(d.0).await,
    }
}

fn main() {}
