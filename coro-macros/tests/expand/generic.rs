#[coroutine]
async fn first_ready<T, F>(futures: Vec<F>, fallback: T) -> T
where
    F: Future<Output = Option<T>>,
{
    for future in futures {
        if let Some(value) = future.await {
            return value;
        }
    }
    fallback
}
