// A limitation: a closure that is not `move` and calls a method taking
// `self` on a value held across an `.await` (rustc moves the value into the
// closure when it is made). Syntax cannot tell `finish(self)` from
// `finish(&self)`, which would only borrow the value: rejected (E0507).
// A value the closure uses by value (`|| consume(guard)`) is taken into it;
// see the differential case `non_move_closure_takes_value_it_moves`.
struct D(String);

impl D {
    fn finish(self) -> usize {
        self.0.len()
    }
}

async fn tick() {}

#[coro::coroutine]
async fn f() -> usize {
    let release;
    {
        let guard = D("guard".into());
        tick().await;
        release = || guard.finish();
    }
    tick().await;
    release()
}

fn main() {
    let _ = f();
}
