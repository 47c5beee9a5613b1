// A method of an `#[async_trait]` impl, as `#[coroutine]` receives it:
// async_trait has already boxed the body (`Box::pin(async move { .. })`).
// The coroutine lowers the block, keeps the signature and boxes itself.
#[coroutine]
fn fetch<'life0, 'async_trait>(
    &'life0 self,
    key: String,
) -> ::core::pin::Pin<
    Box<dyn ::core::future::Future<Output = usize> + ::core::marker::Send + 'async_trait>,
>
where
    'life0: 'async_trait,
    Self: 'async_trait,
{
    Box::pin(async move {
        let __self = self;
        let key = key;
        let __ret: usize = {
            let page = __self.client.get(&key).await;
            page.len()
        };
        #[allow(unreachable_code)]
        __ret
    })
}
