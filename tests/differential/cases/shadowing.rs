// Shadowing across awaits: a shadowed binding is still alive (and dropped
// at the end of its scope, after the shadowing one).

/// A shadowed drop-logging binding stays alive across later awaits and is
/// dropped after the binding that shadows it.
pub mod shadowed_value_still_alive {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let x = D::with("x1", 1);
        suspend("s1").await;
        let x = D::with("x2", x.get() + 1);
        suspend("s2").await;
        x.get()
    }
}

/// `let x = f().await; let x = x + g().await;`
pub mod shadow_using_previous {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> String {
        let x = value("a", 1).await;
        let x = x + value("b", 2).await;
        let x = format!("{x}{}", value("c", 3).await);
        x
    }
}

/// Shadowing inside a loop body: each iteration's bindings drop in reverse.
pub mod shadow_in_loop {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut total = 0;
        for i in 0..2 {
            let v = D::with(format!("v{i}a"), i);
            suspend(format!("s{i}")).await;
            let v = D::with(format!("v{i}b"), v.get() * 10);
            total += value(format!("t{i}"), v.get()).await;
        }
        total
    }
}

/// A nested block shadows an outer binding; after the block the outer one is
/// visible again.
pub mod shadow_in_nested_block {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (i64, i64) {
        let x = D::with("outer", 1);
        let inner = {
            let x = D::with("inner", 2);
            suspend("inner").await;
            x.get()
        };
        suspend("outer").await;
        (inner, x.get())
    }
}

/// Shadowing by moving the old value into the new one.
pub mod shadow_by_move {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (i64, usize) {
        let x = D::with("moved", 3);
        suspend("s1").await;
        let x = vec![x];
        suspend("s2").await;
        let x = (x.len(), x);
        (x.1[0].get(), x.0)
    }
}

/// A match arm binding shadows an outer local of the same name.
pub mod shadow_in_match_arm {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::with("outer", 1);
        let r = match value("m", Some(D::with("arm", 2))).await {
            Some(d) => {
                suspend("arm").await;
                d.get()
            }
            None => 0,
        };
        r + d.get()
    }
}

/// Shadowing with a different type across awaits, the first still borrowed
/// by the second.
pub mod shadow_borrowing_previous {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> usize {
        let s = value("s", String::from("abc")).await;
        let s = s.as_str();
        suspend("between").await;
        let s = &s[1..];
        value("len", s.len()).await
    }
}

/// A `let` binding whose name starts with a capital letter (allowed under
/// `non_snake_case`), used after an await: a lone identifier in a `let` is
/// a binding whatever its case (E0425 before: it was taken for a constant).
#[allow(non_snake_case, clippy::needless_late_init)]
pub mod capitalised_let_binding {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let N = ev("n", 3);
        let M: i64;
        M = value("m", 4).await;
        let K = value("k", 5).await;
        N * M + K
    }
}
