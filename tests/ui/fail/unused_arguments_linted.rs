// rustc's lints of an `async fn`'s arguments hold for a coroutine too, at
// the argument's own tokens: an unused argument, a `mut` one never mutated.
// (The lowered code uses every argument, to store it in the frame: the
// shadow copy binds each in a local of its body, as rustc's lowering does.)
#![deny(unused_variables, unused_mut)]

#[coro::coroutine]
async fn f(unused: u32, mut never_mutated: u32, mut pushed: String, _quiet: u32) -> usize {
    pushed.push('x');
    never_mutated as usize + pushed.len()
}

fn main() {
    let _ = f(1, 2, String::new(), 3);
}
