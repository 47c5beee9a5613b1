// A macro of the user's own naming a value held across an await: the value
// is lent to it, moved out of its slot into a local of its name and back;
// the shadow copy borrows it mutably just before the macro.
#[coroutine]
async fn report(name: String) -> usize {
    let count = lookup(&name).await;
    log_line!(name, count);
    save(count).await;
    count + name.len()
}
