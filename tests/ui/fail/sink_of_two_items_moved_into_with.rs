// A sink implementing futures' `Sink` for two item types, moved into
// `SinkExt::with` at its last use after an await: the lowering asks
// whether the value is a sink of some item, which method resolution
// cannot infer from two impls (E0283), where rustc's own call infers the
// item from the closure's output. LIMITATIONS.md.
use futures::{Sink, SinkExt};
use std::pin::Pin;
use std::task::{Context, Poll};

pub struct Two(pub Vec<String>);

impl Sink<u32> for Two {
    type Error = ();
    fn poll_ready(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), ()>> {
        Poll::Ready(Ok(()))
    }
    fn start_send(mut self: Pin<&mut Self>, item: u32) -> Result<(), ()> {
        self.0.push(item.to_string());
        Ok(())
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), ()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_close(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), ()>> {
        Poll::Ready(Ok(()))
    }
}

impl Sink<String> for Two {
    type Error = ();
    fn poll_ready(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), ()>> {
        Poll::Ready(Ok(()))
    }
    fn start_send(mut self: Pin<&mut Self>, item: String) -> Result<(), ()> {
        self.0.push(item);
        Ok(())
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), ()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_close(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), ()>> {
        Poll::Ready(Ok(()))
    }
}

async fn tick() {}

#[coro::coroutine]
async fn send_one() -> usize {
    let t = Two(Vec::new());
    tick().await;
    let mut w = t.with(|x: u8| futures::future::ready(Ok::<u32, ()>(x as u32)));
    w.send(3).await.unwrap();
    w.into_inner().0.len()
}

fn main() {
    let _ = send_one();
}
