#![allow(dead_code)]
use std::mem::{size_of, ManuallyDrop, MaybeUninit};
struct F32([u64; 4]);
#[derive(Clone, Copy)] enum Sub { A, B, Running }
union Inner { mv: ManuallyDrop<MaybeUninit<[u64; 3]>>, fut: ManuallyDrop<MaybeUninit<F32>> }
// today's shape
union Top { a: ManuallyDrop<MaybeUninit<F32>>, b: ManuallyDrop<(MaybeUninit<i32>, MaybeUninit<F32>)>, c: ManuallyDrop<(MaybeUninit<i32>, Inner)> }
struct Today { state: u8, live: u8, top: Top }
// enum of members, sub-state inside each
enum Members {
    Start,
    M0 { sub: Sub, a: MaybeUninit<F32> },
    M1 { sub: Sub, x: MaybeUninit<i32>, b: MaybeUninit<F32> },
    M2 { sub: Sub, x: MaybeUninit<i32>, inner: Inner },
    Returned, Panicked,
}
struct WithLive { live: u8, m: Members }
enum MembersLive {
    Start,
    M0 { sub: Sub, live: u8, a: MaybeUninit<F32> },
    M1 { sub: Sub, live: u8, x: MaybeUninit<i32>, b: MaybeUninit<F32> },
    M2 { sub: Sub, live: u8, x: MaybeUninit<i32>, inner: Inner },
    Returned, Panicked,
}
fn main() {
    println!("today {} enum {} enum+live outside {} live inside {}", size_of::<Today>(), size_of::<Members>(), size_of::<WithLive>(), size_of::<MembersLive>());
}
