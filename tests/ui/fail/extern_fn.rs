// The macro's own error, on the ABI.
#[coro::coroutine]
extern "C" fn callback() {}

fn main() {
    callback();
}
