//! `#[expect(clippy::..)]` on a coroutine or in its body, as `#[allow]`.
//!
//! rustc's lints are given on the shadow copy exactly as on the `async fn`,
//! so a rustc lint's `#[expect]` is checked as written. clippy's are not all
//! given: the function is no longer `async` and returns `impl Future`
//! (`unused_async`, `missing_errors_doc` look at that), and the shadow copy
//! is an `async` block the macro writes, whose tail and `return`s it types
//! (`needless_return`, `let_and_return` look at those, and skip code of a
//! macro's making). An expectation of such a lint would be unfulfilled (a
//! warning, an error under `-D warnings`) where the `async fn` fulfils it.
//! So each clippy lint an `#[expect]` names is allowed instead: the
//! lowering never warns where rustc's `async fn` does not, at the price of
//! not reporting an expectation that is unfulfilled in the `async fn` too.
//!
//! ```text
//! Input:  #[expect(clippy::needless_return, unused_mut, reason = "r")]
//! Output: #[cfg_attr(all(), allow(clippy::needless_return, reason = "r"), expect(unused_mut, reason = "r"))]
//! ```

use proc_macro2::TokenStream;
use quote::quote_spanned;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;
use syn::{Attribute, Meta, Token};

/// The attribute with the clippy lints of an `#[expect]` allowed instead.
pub fn relax(attr: &mut Attribute) {
    if !attr.path().is_ident("expect") {
        return;
    }
    let Ok(items) = attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) else {
        return;
    };
    let is_clippy = |m: &Meta| matches!(m, Meta::Path(p) if p.segments.first().is_some_and(|s| s.ident == "clippy"));
    let is_reason = |m: &Meta| matches!(m, Meta::NameValue(nv) if nv.path.is_ident("reason"));
    if !items.iter().any(is_clippy) {
        return;
    }
    let list = |keep: &dyn Fn(&Meta) -> bool| -> TokenStream {
        let kept = items.iter().filter(|m| keep(m) || is_reason(m));
        quote_spanned!(attr.span()=> #(#kept),*)
    };
    let allowed = list(&is_clippy);
    let others = items.iter().any(|m| !is_clippy(m) && !is_reason(m));
    // (`cfg_attr` makes two attributes of one, where the attribute stands.)
    let meta = if others {
        let expected = list(&|m: &Meta| !is_clippy(m));
        quote_spanned!(attr.span()=> cfg_attr(all(), allow(#allowed), expect(#expected)))
    } else {
        quote_spanned!(attr.span()=> allow(#allowed))
    };
    if let Ok(meta) = syn::parse2::<Meta>(meta) {
        attr.meta = meta;
    }
}

/// The same for every attribute in the statements (not in items declared
/// there, which are functions of their own, linted as written).
pub fn relax_in(stmts: &mut [syn::Stmt]) {
    struct Relax;
    impl VisitMut for Relax {
        fn visit_attribute_mut(&mut self, attr: &mut Attribute) {
            relax(attr);
        }
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }
    stmts.iter_mut().for_each(|s| Relax.visit_stmt_mut(s));
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn relaxed(attr: Attribute) -> String {
        let mut attr = attr;
        relax(&mut attr);
        attr.to_token_stream().to_string()
    }

    #[test]
    fn clippy_lints_are_allowed_and_others_still_expected() {
        assert_eq!(
            relaxed(syn::parse_quote!(#[expect(clippy::needless_return)])),
            "# [allow (clippy :: needless_return)]"
        );
        assert_eq!(
            relaxed(syn::parse_quote!(#[expect(clippy::let_and_return, unused_mut, reason = "r")])),
            "# [cfg_attr (all () , allow (clippy :: let_and_return , reason = \"r\") , expect (unused_mut , reason = \"r\"))]"
        );
        assert_eq!(
            relaxed(syn::parse_quote!(#[expect(unused_mut)])),
            "# [expect (unused_mut)]"
        );
        assert_eq!(
            relaxed(syn::parse_quote!(#[allow(clippy::all)])),
            "# [allow (clippy :: all)]"
        );
    }
}
