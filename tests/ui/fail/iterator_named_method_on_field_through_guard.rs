// A limitation (LIMITATIONS.md): at the last use of a guard (any
// smart pointer but a `Box`: a `RefMut`, a `MutexGuard`) held across an
// `.await`, a method named like one std's iterators take by value, called
// on a field that is no iterator (`g.items.last()`, `items: Vec<u32>`,
// slice's `last(&self)`). rustc borrows the field through the guard's
// `Deref`; the lowering calls the method in place too, but the drop of
// the rest of the guard, written for the case that the field is an
// iterator moved out, moves the field out of the guard (E0507). Natively
// this compiles. Workaround: borrow the field (`(&g.items).last()`).
use std::cell::RefCell;

struct Table {
    items: Vec<u32>,
}

async fn tick() {}

#[coro::coroutine]
async fn f(t: &RefCell<Table>) -> u32 {
    let g = t.borrow_mut();
    tick().await;
    *g.items.last().unwrap()
}

fn main() {
    let t = RefCell::new(Table { items: vec![1] });
    let _ = f(&t);
}
