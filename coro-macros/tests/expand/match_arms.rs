#[coroutine]
async fn handle(command: Command, store: &Store) -> Reply {
    match command {
        Command::Get(key) => {
            let value = store.get(&key).await;
            Reply::Value(value)
        }
        Command::Set(key, value) => {
            store.set(key, value).await;
            Reply::Ok
        }
        Command::Ping => Reply::Pong,
    }
}
