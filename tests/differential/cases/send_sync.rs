// `Send`/`Sync` follow the values live across awaits. Every case's future
// is compared native vs lowered (as for every case of the suite); for
// these, `main.rs` also asserts the expected native answer.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Mutex;

fn show(r: &Rc<u32>, n: u32) -> u32 {
    log(format!("show {r} {n}"));
    **r + n
}

/// An `Rc` held across an await: `!Send` and `!Sync`.
pub mod rc_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let rc = Rc::new(1);
        suspend("s").await;
        *rc
    }
}

/// An `Rc` used and dropped (end of scope) before the await: `Send + Sync`.
pub mod rc_scoped_before_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let n = {
            let rc = Rc::new(2);
            *rc
        };
        suspend("s").await;
        n
    }
}

/// An `Rc` borrowed (`*rc`), then moved into `drop()` before the await:
/// still `!Send` natively, because rustc keeps a once-borrowed local's
/// storage alive to the end of its scope.
pub mod rc_dropped_before_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let rc = Rc::new(3);
        let n = *rc;
        drop(rc);
        suspend("s").await;
        n
    }
}

/// An `Rc` never borrowed, moved into `drop()` before the await.
pub mod rc_moved_unborrowed_before_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let rc = Rc::new(3);
        drop(rc);
        value("s", 4).await
    }
}

/// An `Rc` temporary of the statement that awaits: `!Send`.
pub mod rc_temporary_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        show(&Rc::new(4), value("n", 1).await)
    }
}

/// A shadowed `Rc` is still alive (until the end of its scope): `!Send`.
pub mod shadowed_rc_still_alive {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let x = Rc::new(5);
        let x = *x;
        suspend("s").await;
        x
    }
}

/// A `MutexGuard` held across an await: `!Send`.
pub mod mutex_guard_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let m = Mutex::new(6u32);
        let mut g = m.lock().unwrap();
        *g += value("a", 1).await;
        *g
    }
}

/// A `MutexGuard` dropped before the await: `Send`.
pub mod mutex_guard_dropped_before_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let m = Mutex::new(7u32);
        {
            let mut g = m.lock().unwrap();
            *g += 1;
        }
        suspend("s").await;
        m.into_inner().unwrap()
    }
}

/// A `&Cell` held across an await: `!Send` (`Cell` is `!Sync`), `!Sync`.
pub mod cell_reference_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let c = Cell::new(8u32);
        let r = &c;
        suspend("s").await;
        r.set(r.get() + 1);
        c.get()
    }
}

/// An owned `Cell` across an await, never borrowed across it: `Send`, but
/// `!Sync`.
pub mod owned_cell_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let c = Cell::new(9u32);
        c.set(c.get() + 1);
        suspend("s").await;
        c.get()
    }
}

/// A raw pointer across an await: `!Send`, `!Sync`.
pub mod raw_pointer_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let x = 10u32;
        let p = &x as *const u32;
        suspend("s").await;
        // SAFETY: `p` points at `x`, alive and unmodified.
        unsafe { *p }
    }
}

/// Only `Send + Sync` values (numbers, `String`, `D`, `Vec`) across awaits.
pub mod plain_send_and_sync {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> usize {
        let s = String::from("s");
        let d = D::new("d");
        let v = vec![1u8, 2];
        suspend("s").await;
        s.len() + d.name().len() + v.len()
    }
}

/// An `Rc` moved into an async block that is awaited: `!Send`.
pub mod rc_inside_awaited_block {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let rc = Rc::new(11);
        async move {
            suspend("in block").await;
            *rc
        }
        .await
    }
}
