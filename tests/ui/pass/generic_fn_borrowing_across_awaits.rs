// A function with generic types and no lifetime in its signature whose
// frame holds a borrow of a value of such a type across an await (an
// iterator over a `Vec<T>` argument). Its future is `Send` and `'static`
// when `T` is (so it can be spawned), it accepts a `T` that is not
// `'static`, and a call may still name its type arguments.
async fn tick() {}

#[coro::coroutine]
async fn count_after<T: Send + Sync>(items: Vec<T>) -> usize {
    let it = items.iter();
    tick().await;
    it.count()
}

#[coro::coroutine]
async fn longest(words: impl IntoIterator<Item = String>) -> usize {
    let words: Vec<String> = words.into_iter().collect();
    let longest = words.iter().map(String::len).max();
    tick().await;
    longest.unwrap_or(0)
}

fn assert_send_static<F: std::future::Future + Send + 'static>(_: F) {}

fn main() {
    assert_send_static(count_after(vec![1u8]));
    assert_send_static(count_after::<String>(Vec::new()));
    assert_send_static(longest(vec![String::from("a")]));
    let local = String::from("borrowed");
    let n = coro::runtime::block_on(count_after(vec![&local[..], "x"]));
    assert_eq!(n, 2);
}
