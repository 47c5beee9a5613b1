#[coroutine]
async fn serve_until_shutdown(listener: TcpListener, mut shutdown: Receiver<()>) -> io::Result<u32> {
    let mut served = 0;
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _) = accepted?;
                handle(stream).await;
                served += 1;
            }
            _ = shutdown.recv() => return Ok(served),
        }
    }
}
