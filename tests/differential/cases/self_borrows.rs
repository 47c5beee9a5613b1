// Values borrowed across awaits: the frame holds both a local and a
// reference into it (a self-referential future), iterators and slices over
// locals, `RefCell` and `Mutex` guards, large arrays.

use std::cell::RefCell;
use std::sync::Mutex;

/// `let r = &v; f().await; use r`.
pub mod reference_to_local_vec {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let v = vec![1u32, 2, 3];
        let r = &v;
        suspend("s").await;
        let first = r[0];
        suspend("s2").await;
        first + r.iter().sum::<u32>()
    }
}

/// An iterator over a local (`v.iter()`) held across awaits.
pub mod iterator_over_local {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<String> {
        let v = vec![D::new("a"), D::new("b"), D::new("c")];
        let mut it = v.iter().rev();
        let mut out = Vec::new();
        while let Some(d) = it.next() {
            out.push(value(format!("at {}", d.name()), d.name().to_string()).await);
        }
        out
    }
}

/// A slice `&buf[..n]` of a local array held across awaits.
pub mod slice_of_local_buffer {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (usize, u32) {
        let mut buf = [0u8; 64];
        let n = value("n", 5usize).await;
        for (i, b) in buf.iter_mut().enumerate().take(n) {
            *b = i as u8 + 1;
        }
        let s = &buf[..n];
        suspend("s").await;
        (s.len(), s.iter().map(|&b| b as u32).sum())
    }
}

/// A `&mut` borrow of a local held across awaits and written through.
pub mod mutable_borrow_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<u32> {
        let mut v = vec![1];
        let r = &mut v;
        r.push(value("a", 2).await);
        suspend("s").await;
        r.push(value("b", 3).await);
        v
    }
}

/// A string slice borrowed from an owned `String` local.
pub mod str_slice_of_local_string {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> String {
        let s = value("s", String::from("hello world")).await;
        let (a, b) = s.split_at(5);
        suspend("between").await;
        format!("[{b}][{a}]")
    }
}

/// A struct holding a reference to another local, both across awaits.
pub mod struct_borrowing_local {
    use super::*;

    pub struct View<'a> {
        items: &'a [D],
        pos: usize,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let items = vec![D::with("a", 1), D::with("b", 2)];
        let mut view = View {
            items: &items,
            pos: 0,
        };
        let mut sum = 0;
        while view.pos < view.items.len() {
            sum += value(format!("pos{}", view.pos), view.items[view.pos].get()).await;
            view.pos += 1;
        }
        sum
    }
}

/// A nested future borrowing a local, created before and awaited after
/// another await.
pub mod nested_future_borrowing_local {
    use super::*;

    #[self::coroutine]
    async fn sum_ref(v: &[D]) -> i64 {
        let mut s = 0;
        for d in v {
            s += value(format!("sum {}", d.name()), d.get()).await;
        }
        s
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let v = vec![D::with("a", 1), D::with("b", 2)];
        let f = sum_ref(&v);
        suspend("between").await;
        f.await
    }
}

/// A `RefCell` mutable borrow guard held across an await: the cell is
/// borrowed during the suspension and released when the guard drops.
pub mod refcell_guard_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (u32, bool, bool) {
        let cell = RefCell::new(1u32);
        let mut g = cell.borrow_mut();
        *g += value("a", 1).await;
        let during = ev("borrowed during", cell.try_borrow().is_err());
        suspend("s").await;
        drop(g);
        let after = ev("borrowed after", cell.try_borrow().is_err());
        suspend("s2").await;
        let v = *cell.borrow();
        (v, during, after)
    }
}

/// A `Mutex` guard held across an await (the future is `!Send`): the lock
/// is held during the suspension and released with the guard.
pub mod mutex_guard_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (Vec<u32>, bool, bool) {
        let m = Mutex::new(vec![1u32]);
        let during;
        {
            let mut g = m.lock().unwrap();
            g.push(value("a", 2).await);
            during = ev("locked during", m.try_lock().is_err());
        }
        let after = ev("locked after", m.try_lock().is_err());
        suspend("s").await;
        let v = m.lock().unwrap().clone();
        (v, during, after)
    }
}

/// A large array (`[u8; 8192]`) alive across awaits.
pub mod large_array_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (u64, u8) {
        let mut buf = [0u8; 8192];
        let fill = value("fill", 3u8).await;
        for (i, b) in buf.iter_mut().enumerate() {
            *b = (i as u8).wrapping_mul(fill);
        }
        suspend("s").await;
        let sum: u64 = buf.iter().map(|&b| b as u64).sum();
        (sum, buf[8191])
    }
}

/// A mutable iterator (`iter_mut`) held across awaits, writing through.
pub mod iter_mut_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Vec<u32> {
        let mut v = vec![1u32, 2, 3];
        for x in v.iter_mut() {
            *x *= value(format!("mul{x}"), 10).await;
        }
        v
    }
}

/// Found by writing low-level code: a raw pointer to a local made with
/// `std::ptr::addr_of_mut!`/`addr_of!`, used after an await, the local not
/// named again. The local is kept in the frame, as for `&raw mut x`. (The
/// lowering did not see the macro's operand as borrowed: the local got no
/// home, and the pointer dangled after the await.)
pub mod raw_pointer_to_local_by_addr_of {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (i64, i64) {
        let mut x = 5i64;
        let y = D::with("y", 7);
        let p = std::ptr::addr_of_mut!(x);
        let q = core::ptr::addr_of!(y);
        suspend("between").await;
        // SAFETY: `x` and `y` live to the end of the function, and nothing
        // else reaches them while the pointers are used.
        unsafe {
            *p += 1;
            (*p, (*q).get())
        }
    }
}

/// Found by library-style code: a `let mut` reference whose own type's
/// method (`impl Source for &[u8]`, taking `&mut self`, as tokio's
/// `AsyncRead for &[u8]`) is awaited: the future borrows the reference
/// itself. The lowering took every method of a reference for one of what
/// it points to, gave the reference no home, and the future borrowed a
/// local of the poll (E0597/E0716).
pub mod mut_reference_borrowed_by_its_own_types_awaited_method {
    use super::*;

    pub trait Source {
        async fn take_one(&mut self, tag: &str) -> Option<u8>;
    }

    impl Source for &[u8] {
        async fn take_one(&mut self, tag: &str) -> Option<u8> {
            suspend(tag).await;
            let (first, rest) = self.split_first()?;
            *self = rest;
            Some(*first)
        }
    }

    #[self::coroutine]
    pub async fn run() -> (Vec<u8>, Option<u8>, Option<u8>) {
        let d = D::new("d");
        let mut r: &[u8] = &[1, 2, 3];
        let mut got = vec![];
        while let Some(b) = r.take_one("loop").await {
            got.push(b + d.get() as u8);
        }
        // Their last uses: nothing needs them after the await but the
        // futures that borrow them.
        let bytes = vec![7u8, 8, 9];
        let mut s = &bytes[ev("from", 1)..];
        let next = s.take_one("next").await;
        let mut t: &[u8] = &[5, 6];
        (got, next, t.take_one("t").await)
    }
}
