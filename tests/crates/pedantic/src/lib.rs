//! The expansion is warning-free under the strictest lints a user crate is
//! likely to set (checked by `cargo clippy -p coro-check-pedantic` in CI).

#![deny(warnings, clippy::all, clippy::pedantic)]

extern crate alloc;

include!("../../common/coroutines.rs");

#[cfg(test)]
mod tests {
    #[test]
    fn coroutines_run_under_deny_warnings() {
        super::check_all();
    }
}
