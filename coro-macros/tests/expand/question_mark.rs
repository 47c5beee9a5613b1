#[coroutine]
async fn load_config(path: &str) -> Result<Config, Error> {
    let text = read_to_string(path).await?;
    let config = parse(&text)?;
    validate(&config).await?;
    Ok(config)
}
