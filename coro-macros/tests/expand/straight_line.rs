#[coroutine]
async fn fetch_page(client: &Client, url: String) -> usize {
    let request = client.get(&url);
    let response = request.send().await;
    let body = response.text().await;
    body.len()
}
