// A limitation (LIMITATIONS.md): a method that takes `self` by
// value, called on a field of a variable that lives across an `.await`
// (rustc moves the field out of it, a partial move). The lowering calls it
// on the field in place, which rustc rejects (E0507). Natively this
// compiles. Workaround: take the variable apart first
// (`let Pair { conn, n } = pair;`).
struct Conn;

impl Conn {
    fn close(self) -> u32 {
        1
    }
}

struct Pair {
    conn: Conn,
    n: u32,
}

async fn tick() {}

#[coro::coroutine]
async fn f() -> u32 {
    let pair = Pair { conn: Conn, n: 2 };
    tick().await;
    pair.conn.close() + pair.n
}

fn main() {
    let _ = f();
}
