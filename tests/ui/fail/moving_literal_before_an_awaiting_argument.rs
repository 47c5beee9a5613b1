// A literal that moves a value (`Box::new(name)`) inside a tuple argument
// before an argument that awaits: rustc coerces the tuple's `Box<String>` to
// the parameter's `Box<dyn Debug>`, but the lowering evaluates the tuple
// into a temporary before the await (rustc's order: the value moves there,
// and drops with the statement's temporaries if the await is cancelled),
// where nothing types it (E0308; natively it compiles). Bind the part with
// its type first: `let b: Box<dyn Debug> = Box::new(name);`.
use std::fmt::Debug;

async fn n() -> u32 {
    2
}

fn show(p: (Box<dyn Debug>, u8), k: u32) -> usize {
    format!("{:?}", p.0).len() + k as usize
}

#[coro::coroutine]
async fn f(name: String) -> usize {
    show((Box::new(name), 1), n().await)
}

fn main() {
    let _ = f(String::new());
}
