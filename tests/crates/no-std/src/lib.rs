//! `#[coro::coroutine]` in a `#![no_std]` crate: the expansion names only
//! `::core` and `::coro`.

#![no_std]

extern crate alloc;

include!("../../common/coroutines.rs");

#[cfg(test)]
mod tests {
    #[test]
    fn coroutines_run_without_std() {
        super::check_all();
    }
}
