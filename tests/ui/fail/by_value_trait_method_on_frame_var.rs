// A limitation (LIMITATIONS.md): a trait method that takes `self`
// by value, called without arguments on a variable that lives across an
// `.await` and is not `Copy`, is ambiguous with the lowering's probe of how
// the method takes its receiver (E0034, naming `ReceiverProbe_write_Trait_method_value`). Natively
// this compiles. Workaround: `{ conn }.finish()`, or `Finish::finish(conn)`.
struct Conn;

trait Finish {
    fn finish(self) -> u32;
}

impl Finish for Conn {
    fn finish(self) -> u32 {
        1
    }
}

async fn tick() {}

#[coro::coroutine]
async fn f() -> u32 {
    let conn = Conn;
    tick().await;
    conn.finish()
}

fn main() {
    let _ = f();
}
