//! Where an arithmetic panic of a built-in operator (overflow, division by
//! zero) says it happened: at the operator's expression, as in rustc's
//! `async fn`, also when an operand is a value the lowering rewrote (an
//! argument, a value held across an await, an awaited value). Each case
//! records the line the operator stands on (the one after its `line!()`)
//! before it panics; the panic hook records the line the panic reports.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

static EXPECTED: AtomicU32 = AtomicU32::new(0);
static SEEN: Mutex<Vec<(u32, u32, String)>> = Mutex::new(Vec::new());

fn expect(line: u32) {
    EXPECTED.store(line, Ordering::SeqCst);
}

async fn n(x: u8) -> u8 {
    coro::runtime::yield_now().await;
    x
}

#[coro::coroutine]
async fn add_argument(a: u8) -> u8 {
    expect(line!() + 1);
    a + 200
}

// (`acc = acc + x`, not `+=`: a compound assignment is another expression.)
#[allow(clippy::assign_op_pattern)]
#[coro::coroutine]
async fn add_in_loop(xs: Vec<u8>) -> u8 {
    let mut acc = 0u8;
    for x in xs {
        n(1).await;
        expect(line!() + 1);
        acc = acc + x;
    }
    acc
}

#[coro::coroutine]
async fn divide_by_awaited(a: u8) -> u8 {
    expect(line!() + 1);
    a / n(0).await
}

#[coro::coroutine]
async fn in_places(which: u8, a: u8, shift: u32, v: Vec<u8>) -> usize {
    let b = n(a).await;
    match which {
        0 => {
            expect(line!() + 1);
            usize::from(v[usize::from(b - 250)])
        }
        1 => {
            expect(line!() + 1);
            vec![b + 100].len()
        }
        2 => {
            expect(line!() + 1);
            if b * 2 > 0 { 1 } else { 0 }
        }
        _ => {
            expect(line!() + 1);
            usize::from(b << shift)
        }
    }
}

pub struct Pair {
    pub x: u8,
    pub name: String,
}

#[coro::coroutine]
async fn field_operand(p: Pair) -> usize {
    n(0).await;
    let name = p.name;
    expect(line!() + 1);
    usize::from(p.x + 200) + name.len()
}

#[test]
fn operator_panics_report_the_expression_location() {
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().expect("a location");
        let message = info.payload_as_str().unwrap_or_default().to_string();
        let expected = EXPECTED.load(Ordering::SeqCst);
        SEEN.lock()
            .expect("seen")
            .push((location.line(), expected, message));
    }));
    let run = |f: &dyn Fn()| {
        let f = std::panic::AssertUnwindSafe(f);
        assert!(std::panic::catch_unwind(f).is_err(), "panics");
    };
    run(&|| {
        coro::runtime::block_on(add_argument(100));
    });
    run(&|| {
        coro::runtime::block_on(add_in_loop(vec![200, 100]));
    });
    run(&|| {
        coro::runtime::block_on(divide_by_awaited(7));
    });
    run(&|| {
        let p = Pair {
            x: 100,
            name: String::new(),
        };
        coro::runtime::block_on(field_operand(p));
    });
    for which in 0..4 {
        run(&|| {
            coro::runtime::block_on(in_places(which, 200, 9, vec![1]));
        });
    }
    let _ = std::panic::take_hook();
    let seen = SEEN.lock().expect("seen").clone();
    assert_eq!(seen.len(), 8, "{seen:?}");
    for (line, expected, message) in seen {
        assert_eq!(line, expected, "panic with message {message:?}");
    }
}
