#[coroutine]
async fn sum_readings(sensor: &mut Sensor, count: usize) -> u64 {
    let mut total = 0;
    for _ in 0..count {
        let reading = sensor.read().await;
        if reading == 0 {
            break;
        }
        total += reading;
    }
    total
}
