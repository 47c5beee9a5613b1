#[coroutine]
async fn send_all(&mut self, messages: Vec<Message>) -> io::Result<usize> {
    let mut sent = 0;
    for message in messages {
        self.stream.write_all(message.as_bytes()).await?;
        sent += 1;
    }
    self.stream.flush().await?;
    Ok(sent)
}
