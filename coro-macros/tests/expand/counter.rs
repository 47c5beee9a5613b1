/// A counter and a flag beside the loop's future: the frame's state and
/// drop flags start every member of its union, so the small values share
/// their word (`layout::head`).
#[coroutine]
async fn count_steps(start: Connection) -> u32 {
    start.ready().await;
    let mut n = 0;
    let mut done = false;
    while !done {
        n += step(n).await;
        done = n >= 4;
    }
    n
}
