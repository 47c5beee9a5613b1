//! The `#[coroutine]` attribute of coro.

use proc_macro::TokenStream;

/// Lowers an `async fn` into an explicit state-machine coroutine.
#[proc_macro_attribute]
pub fn coroutine(_args: TokenStream, item: TokenStream) -> TokenStream {
    item
}
