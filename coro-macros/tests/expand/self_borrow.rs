#[coroutine]
async fn checksum(reader: &mut Reader) -> u32 {
    let mut buf = [0u8; 64];
    let n = reader.read(&mut buf).await;
    let data = &buf[..n];
    let mut sum = 0u32;
    for byte in data {
        sum = sum.wrapping_add(u32::from(*byte));
        yield_now().await;
    }
    sum
}
