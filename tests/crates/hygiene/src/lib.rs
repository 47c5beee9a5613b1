//! A tripwire (pin-project's trick): this crate defines items named like
//! everything an expansion might reach for without an absolute path. If the
//! macro wrote `Poll`, `core::...`, `Option` or `drop(..)`, these would be
//! picked instead and the crate would not compile.

#![allow(dead_code, unused_macros, non_camel_case_types, clippy::all)]

extern crate alloc;

mod core {}
mod std {}
struct coro;
struct Poll;
struct Pin;
trait Future {}
struct Option;
struct Some;
struct None;
struct Ok;
struct Err;
struct Result;
struct Context;
struct PhantomData;
struct ManuallyDrop;
struct Box;
struct Vec;
fn drop() {}
fn unreachable() {}
macro_rules! unreachable {
    () => {
        compile_error!("the expansion used an unqualified `unreachable!`")
    };
}
macro_rules! panic {
    ($($t:tt)*) => {
        compile_error!("the expansion used an unqualified `panic!`")
    };
}

include!("../../common/coroutines.rs");

#[cfg(test)]
mod tests {
    #[test]
    fn coroutines_run_with_shadowed_names() {
        super::check_all();
    }
}
