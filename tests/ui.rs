//! Compile-time behaviour: the macro's own errors point at the user's tokens
//! and say what is accepted; an error in the user's code is rustc's own,
//! once, as for the plain `async fn` (each case names the native error it
//! matches); and what the lowering cannot do is rejected, never miscompiled.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
