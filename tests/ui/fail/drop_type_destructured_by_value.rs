// A pattern binding the (`Copy`) fields of a value whose type has a `Drop`
// impl, where the value lives across an await: rustc copies the fields and
// leaves the value to drop at the end of its scope; the lowering, which
// takes such a value out of the frame whole, says so at the pattern rather
// than drop it there. (A type without a `Drop` impl, `Plain`, is moved out
// as rustc moves it; matched through a reference, `Tag` stays; and a
// pattern that leaves a part, `Ok(Tag(n, _))`, keeps the value in place.)
pub struct Tag(pub u32, pub &'static str);

impl Drop for Tag {
    fn drop(&mut self) {}
}

pub struct Plain(pub u32, pub String);

async fn tick() {}

#[coro::coroutine]
async fn let_pattern(tag: Tag, kept: Tag, plain: Plain) -> u32 {
    tick().await;
    let Plain(k, s) = plain;
    let &Tag(m, _) = &kept;
    let Tag(n, name) = tag;
    tick().await;
    n + m + k + name.len() as u32 + s.len() as u32
}

#[coro::coroutine]
async fn match_arms(tag: Result<Tag, Tag>) -> u32 {
    tick().await;
    match tag {
        Ok(Tag(n, name)) | Err(Tag(n, name)) => n + name.len() as u32,
    }
}

#[coro::coroutine]
async fn part_left(tag: Result<Tag, Tag>) -> u32 {
    tick().await;
    match tag {
        Ok(Tag(n, _)) => n,
        Err(Tag(n, name)) => n + name.len() as u32,
    }
}

#[coro::coroutine]
async fn argument_pattern(Tag(n, name): Tag) -> u32 {
    tick().await;
    n + name.len() as u32
}

fn main() {
    let _ = let_pattern(Tag(1, "t"), Tag(2, "k"), Plain(2, String::new()));
    let _ = match_arms(Ok(Tag(1, "t")));
    let _ = part_left(Ok(Tag(1, "t")));
    let _ = argument_pattern(Tag(1, "t"));
}
