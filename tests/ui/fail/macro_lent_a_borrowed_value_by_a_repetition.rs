// As `macro_lent_a_borrowed_value.rs`, for calls a `macro_rules!` writes by
// repetition (`$( show!($v); )*`): their `show` and `!` are the same
// tokens, and each call is still checked for the values it is lent (here
// `a`, still borrowed by `first`: E0502).
macro_rules! show {
    ($e:expr) => {
        let _ = $e.len();
    };
}

macro_rules! showing {
    ($name:ident, $borrowed:ident; $($v:ident),*) => {
        #[coro::coroutine]
        async fn $name() -> usize {
            $( let $v = String::from(stringify!($v)); )*
            let first = &$borrowed[..1];
            tick().await;
            $( show!($v); )*
            first.len()
        }
    };
}

async fn tick() {}

showing!(f, a; a, b);

fn main() {
    let _ = f();
}
