// Larger bodies: many suspension points, many locals with overlapping
// lifetimes, recursion through boxed futures, big arrays in disjoint
// scopes (whose frame layout may overlap).

use std::future::Future;
use std::pin::Pin;

/// Recursive through `Box::pin`: lowered, the recursive awaits run in
/// `async` blocks of the lowering's own (see
/// tests/ui/pass/recursive_coroutine.rs).
#[self::coroutine]
async fn fib(n: u32) -> u32 {
    if n < 2 {
        value(format!("fib{n}"), n).await
    } else {
        let a = Box::pin(fib(n - 1)).await;
        let b = Box::pin(fib(n - 2)).await;
        a + b
    }
}

/// Recursion through an explicitly boxed `dyn Future` return type.
fn depth(n: u32) -> Pin<Box<dyn Future<Output = u32>>> {
    Box::pin(depth_inner(n))
}

#[self::coroutine]
async fn depth_inner(n: u32) -> u32 {
    let _d = D::new(format!("depth{n}"));
    if n == 0 {
        value("bottom", 0).await
    } else {
        depth(n - 1).await + 1
    }
}

/// Thirty sequential awaits with locals of varied lifetimes.
pub mod many_sequential_awaits {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u64 {
        let a = D::new("a");
        let mut acc = 0u64;
        acc += value("1", 1).await;
        acc += value("2", 2).await;
        let b = D::new("b");
        acc += value("3", 3).await;
        acc += value("4", 4).await;
        acc += value("5", 5).await;
        {
            let _c = D::new("c");
            acc += value("6", 6).await;
            acc += value("7", 7).await;
        }
        acc += value("8", 8).await;
        let s = value("9", String::from("nine")).await;
        acc += value("10", s.len() as u64).await;
        drop(b);
        acc += value("11", 11).await;
        acc += value("12", 12).await;
        let v: Vec<u64> = vec![value("13", 13).await, value("14", 14).await];
        acc += v.iter().sum::<u64>();
        acc += value("15", 15).await;
        acc += value("16", 16).await;
        let e = D::new("e");
        acc += value("17", 17).await;
        acc += value("18", 18).await;
        acc += value("19", 19).await;
        acc += value("20", a.name().len() as u64).await;
        acc += value("21", 21).await;
        acc += value("22", 22).await;
        acc += value("23", e.name().len() as u64).await;
        acc += value("24", 24).await;
        acc += value("25", 25).await;
        acc += value("26", 26).await;
        acc += value("27", 27).await;
        acc += value("28", 28).await;
        acc += value("29", 29).await;
        acc += value("30", 30).await;
        acc
    }
}

/// Recursion through `Box::pin(fib(..))`.
pub mod recursive_boxed {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        fib(5).await
    }
}

/// Recursion through a function returning `Pin<Box<dyn Future>>`: every
/// level's local drops on cancellation, innermost first.
pub mod recursive_dyn {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        depth(4).await
    }
}

/// Big arrays in two disjoint scopes, and one live across the whole body.
pub mod large_arrays_in_disjoint_scopes {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (u64, u64, u8) {
        let keep = [7u8; 4096];
        let a = {
            let buf = [1u8; 8192];
            suspend("a").await;
            buf.iter().map(|&b| b as u64).sum::<u64>()
        };
        let b = {
            let buf = [2u64; 1024];
            suspend("b").await;
            buf.iter().sum::<u64>()
        };
        (a, b, keep[4095])
    }
}

/// A state machine with many branches, each with its own locals and awaits,
/// driven through several inputs.
pub mod many_branches {
    use super::*;

    #[self::coroutine]
    async fn step(state: u32) -> u32 {
        match state {
            0 => {
                let _d = D::new("s0");
                value("s0", 3).await
            }
            1 => {
                let x = value("s1a", 1).await;
                let y = value("s1b", 1).await;
                x + y + 4
            }
            2 => {
                let mut n = 0;
                for i in 0..2 {
                    n += value(format!("s2.{i}"), 1).await;
                }
                n + 4
            }
            3 => {
                let v = value("s3", vec![D::new("s3.0"), D::new("s3.1")]).await;
                v.len() as u32 + 3
            }
            4 => {
                if value("s4", true).await {
                    1
                } else {
                    2
                }
            }
            5 => {
                let s = value("s5", String::from("x")).await;
                s.len() as u32 + 1
            }
            6 => value("s6", 9).await,
            _ => 99,
        }
    }

    #[self::coroutine]
    pub async fn run() -> Vec<u32> {
        let mut state = 0;
        let mut trace = vec![state];
        while state < 9 {
            state = step(state).await;
            trace.push(state);
        }
        trace
    }
}

/// Nested loops with locals at each level and awaits at every depth.
pub mod nested_loops_many_locals {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let _top = D::new("top");
        let mut total = 0;
        for i in 0..3u32 {
            let _li = D::new(format!("i{i}"));
            total += value(format!("outer{i}"), i).await;
            let mut j = 0;
            while j < i {
                let _lj = D::new(format!("j{i}{j}"));
                total += value(format!("inner{i}{j}"), j).await;
                j += 1;
            }
        }
        total
    }
}

/// A counter and a flag, written with literals, beside a future in the
/// part of the frame after the first await's future: they share the
/// state's word, as they do in rustc's layout
/// (`small_values_share_a_word_with_the_state`).
pub mod counter_and_flag_beside_a_future {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (u32, bool) {
        let _ = value("a", 1u32).await;
        let mut n = 0;
        let mut done = false;
        while !done {
            n += value(format!("step {n}"), 2).await;
            done = n >= 4;
        }
        log(format!("counted {n}"));
        (n, done)
    }
}
