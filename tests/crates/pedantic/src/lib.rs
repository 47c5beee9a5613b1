//! The expansion is warning-free under the strictest lints a user crate is
//! likely to set (checked by `cargo clippy -p coro-check-pedantic` in CI).

#![deny(warnings, clippy::all, clippy::pedantic)]
// (Of the nursery: the bounds the lowering adds to a signature join the
// predicates already there.)
#![deny(clippy::type_repetition_in_bounds)]

extern crate alloc;

include!("../../common/coroutines.rs");

#[cfg(test)]
mod tests {
    #[test]
    fn coroutines_run_under_deny_warnings() {
        super::check_all();
    }
}
