// `?` on `Result`, `Option` and `Poll`, with logged `From` conversions, at
// every level: early returns drop the live locals in order.

#[derive(Debug, PartialEq)]
pub struct LowError(&'static str);

/// An error type whose `From<LowError>` logs the conversion.
#[derive(Debug, PartialEq)]
pub struct HighError(String);

impl From<LowError> for HighError {
    fn from(e: LowError) -> HighError {
        log(format!("from {}", e.0));
        HighError(format!("high({})", e.0))
    }
}

/// An error that logs its drop.
#[derive(Debug)]
pub struct DropError(D);

#[self::coroutine]
async fn low(tag: &'static str, ok: bool) -> Result<u32, LowError> {
    let _d = D::new(format!("low {tag}"));
    if value(tag, ok).await {
        Ok(1)
    } else {
        Err(LowError(tag))
    }
}

/// `?` on an awaited `Ok`: execution continues.
pub mod question_ok_path {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<u32, LowError> {
        let a = low("a", true).await?;
        let b = low("b", true).await?;
        Ok(a + b)
    }
}

/// `?` on an awaited `Err` returns early, dropping live locals in reverse
/// order; the rest of the body is skipped.
pub mod question_err_returns_early {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<u32, LowError> {
        let _x = D::new("x");
        let a = low("a", true).await?;
        let _y = D::new("y");
        let b = low("b", false).await?;
        log("not reached");
        suspend("never").await;
        Ok(a + b)
    }
}

/// `?` converts the error with `From` (logged) on the way out.
pub mod question_from_conversion {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<u32, HighError> {
        let _local = D::new("local");
        let a = low("a", true).await?;
        let b = low("b", false).await?;
        Ok(a + b)
    }
}

/// `?` on `Option`.
pub mod question_option {
    use super::*;

    #[self::coroutine]
    async fn get(v: Option<u32>) -> Option<u32> {
        let _d = D::new("get");
        let x = value("opt", v).await?;
        Some(x + value("more", 1).await)
    }

    #[self::coroutine]
    pub async fn run() -> (Option<u32>, Option<u32>) {
        (get(Some(1)).await, get(None).await)
    }
}

/// `?` on `Poll<Result<T, E>>` (yielding `Poll<T>`) and on
/// `Poll<Option<Result<T, E>>>`.
pub mod question_poll {
    use super::*;
    use std::task::Poll;

    #[self::coroutine]
    async fn f(p: Poll<Result<u32, LowError>>) -> Result<Poll<u32>, HighError> {
        let _d = D::new("f");
        let x: Poll<u32> = value("p", p).await?;
        Ok(x)
    }

    #[self::coroutine]
    async fn g(p: Poll<Option<Result<u32, LowError>>>) -> Result<Poll<Option<u32>>, HighError> {
        let x = value("q", p).await?;
        Ok(x)
    }

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        vec![
            format!("{:?}", f(Poll::Ready(Ok(1))).await),
            format!("{:?}", f(Poll::Pending).await),
            format!("{:?}", f(Poll::Ready(Err(LowError("p")))).await),
            format!("{:?}", g(Poll::Ready(Some(Ok(2)))).await),
            format!("{:?}", g(Poll::Ready(None)).await),
            format!("{:?}", g(Poll::Ready(Some(Err(LowError("q"))))).await),
        ]
    }
}

/// `?` inside a loop returns from the function, dropping the loop's locals
/// and iterator.
pub mod question_in_loop {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<u32, HighError> {
        let mut sum = 0;
        for i in log_iter("it", 5) {
            let _d = D::new(format!("iter{i}"));
            sum += low(if i == 2 { "bad" } else { "good" }, i != 2).await?;
        }
        Ok(sum)
    }
}

/// `?` in call arguments: earlier arguments (temporaries) are dropped on the
/// early return.
pub mod question_in_call_arguments {
    use super::*;

    fn pair(a: &D, b: u32, c: u32) -> u32 {
        log(format!("pair({}, {b}, {c})", a.name()));
        b + c
    }

    #[self::coroutine]
    async fn f(ok: bool) -> Result<u32, LowError> {
        Ok(pair(
            &D::new("temp"),
            low("first", true).await?,
            low("second", ok).await?,
        ))
    }

    #[self::coroutine]
    pub async fn run() -> (Result<u32, LowError>, Result<u32, LowError>) {
        (f(true).await, f(false).await)
    }
}

/// `?` on a `Result` whose error logs its drop, propagated through two
/// coroutine levels.
pub mod question_through_levels {
    use super::*;

    #[self::coroutine]
    async fn inner(fail: bool) -> Result<i64, DropError> {
        let x = value("inner", 1).await;
        if fail {
            return Err(DropError(D::with("error", 7)));
        }
        Ok(x)
    }

    #[self::coroutine]
    async fn outer(fail: bool) -> Result<i64, DropError> {
        let _o = D::new("outer");
        let v = inner(fail).await?;
        Ok(v + value("outer", 1).await)
    }

    #[self::coroutine]
    pub async fn run() -> (bool, i64) {
        let a = outer(false).await.is_ok();
        let b = match outer(true).await {
            Err(e) => e.0.get(),
            Ok(_) => -1,
        };
        (a, b)
    }
}

/// `?` in a `match` arm and in a `let else`'s neighbour statement.
pub mod question_in_match_arm {
    use super::*;

    #[self::coroutine]
    async fn f(n: u32) -> Result<u32, HighError> {
        let r = match value("m", n).await {
            0 => low("zero", false).await?,
            k => k + low("k", true).await?,
        };
        Ok(r)
    }

    #[self::coroutine]
    pub async fn run() -> (Result<u32, HighError>, Result<u32, HighError>) {
        (f(3).await, f(0).await)
    }
}

/// `?` directly on an awaited `Result` of a leaf future, inside an
/// expression with held operands.
pub mod question_in_expression {
    use super::*;

    #[self::coroutine]
    async fn f(ok: bool) -> Result<String, LowError> {
        let s = ev("lhs", String::from("a"))
            + &value(
                "rhs",
                if ok {
                    Ok(String::from("b"))
                } else {
                    Err(LowError("rhs"))
                },
            )
            .await?;
        Ok(s)
    }

    #[self::coroutine]
    pub async fn run() -> (Result<String, LowError>, Result<String, LowError>) {
        (f(true).await, f(false).await)
    }
}
