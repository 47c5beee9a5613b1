//! Macros that print their own argument's source: `assert!(cond)` (no
//! message), `debug_assert!(cond)` and `dbg!(expr)`.
//!
//! The lowering rewrites each mention of a frame value (`y` becomes
//! `(*__coro_slot_y.ptr())`). Inside these macros that text reached the
//! user: a failing `assert!(y < 10)` panicked with "assertion failed:
//! (*__coro_slot_y.ptr()) < 10", and `dbg!(y)` printed the same. So, in the
//! lowered copy only, the source text is taken before the rewrite, with
//! `stringify!` of the user's own tokens:
//!
//! ```text
//! Input:  assert!(v.len() > 3);
//! Output: assert!(v.len() > 3, concat!("assertion failed: ", stringify!(v.len() > 3)));
//!
//! Input:  let n = dbg!(y + 1);
//! Output: let n = match y + 1 {
//!             tmp => { eprintln!("[{}:{}:{}] {} = {:#?}", file!(), line!(), column!(), stringify!(y + 1), &tmp); tmp }
//!         };
//! ```
//!
//! `dbg!` is what std's does, and prints the same. rustc words an assertion's
//! message from its parsed condition; `expr_text` prints the common kinds of
//! condition the same way (`!v.is_empty() && v[0] == 1`), as a literal
//! message. Others (a block, an `if`, a macro, a condition longer than a
//! line, which rustc breaks and indents) fall back to `stringify!`, whose
//! spacing and line breaks can differ from rustc's; a brace in that text
//! goes through `"{}"` (it would otherwise be read as a format string),
//! which makes the panic's payload a `String` where rustc's is a
//! `&'static str`.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::quote_spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Stmt};

/// The statements with each self-printing macro rewritten.
pub fn rewrite(stmts: &mut [Stmt]) {
    let mut visitor = Rewrite;
    stmts.iter_mut().for_each(|s| visitor.visit_stmt_mut(s));
}

/// The macro's replacement, if it is one of these.
fn replacement(mac: &syn::Macro) -> Option<Expr> {
    let span = mac.path.segments.last()?.ident.span();
    match crate::build::macros::name(mac).as_str() {
        "assert" | "debug_assert" => assert_with_message(mac, span),
        "dbg" if mac.path.segments.len() == 1 || is_std_path(&mac.path) => dbg(mac, span),
        _ => None,
    }
}

fn is_std_path(path: &syn::Path) -> bool {
    path.segments
        .first()
        .is_some_and(|s| s.ident == "std" || s.ident == "core")
}

/// `assert!(cond)` → `assert!(cond, <message from the source of cond>)`.
fn assert_with_message(mac: &syn::Macro, span: Span) -> Option<Expr> {
    let cond = without_trailing_comma(mac.tokens.clone());
    // With a message already (a top-level comma), it prints no source.
    if cond.is_empty() || has_top_level_comma(&cond) {
        return None;
    }
    let path = &mac.path;
    if let Some(text) = syn::parse2::<Expr>(cond.clone())
        .ok()
        .and_then(|e| crate::expr_text::of(&e))
    {
        // rustc's own wording, as a format string with no argument.
        let text = format!("assertion failed: {text}")
            .replace('{', "{{")
            .replace('}', "}}");
        let message = syn::LitStr::new(&text, span);
        return Some(syn::parse_quote_spanned!(span=> #path!(#cond, #message)));
    }
    let message = quote_spanned! {span=>
        ::core::concat!("assertion failed: ", ::core::stringify!(#cond))
    };
    Some(if has_brace(&cond) {
        syn::parse_quote_spanned!(span=> #path!(#cond, "{}", #message))
    } else {
        syn::parse_quote_spanned!(span=> #path!(#cond, #message))
    })
}

/// `dbg!(a, b)` → std's expansion, with `stringify!` of the user's tokens.
fn dbg(mac: &syn::Macro, span: Span) -> Option<Expr> {
    let args = syn::parse::Parser::parse2(
        syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated,
        mac.tokens.clone(),
    )
    .ok()?;
    let location = quote_spanned! {span=> ::core::file!(), ::core::line!(), ::core::column!() };
    if args.is_empty() {
        return Some(syn::parse_quote_spanned! {span=>
            ::std::eprintln!("[{}:{}:{}]", #location)
        });
    }
    let tmp = syn::Ident::new("__coro_dbg", Span::mixed_site());
    let each: Vec<Expr> = args
        .iter()
        .map(|arg| {
            syn::parse_quote_spanned! {span=>
                match #arg {
                    #tmp => {
                        ::std::eprintln!(
                            "[{}:{}:{}] {} = {:#?}",
                            #location,
                            ::core::stringify!(#arg),
                            &#tmp
                        );
                        #tmp
                    }
                }
            }
        })
        .collect();
    Some(match each.as_slice() {
        [one] => one.clone(),
        many => syn::parse_quote_spanned!(span=> (#(#many),*)),
    })
}

fn without_trailing_comma(tokens: TokenStream) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    if matches!(trees.last(), Some(TokenTree::Punct(p)) if p.as_char() == ',') {
        trees.pop();
    }
    trees.into_iter().collect()
}

/// A comma outside any group: the macro has a message. (A comma inside a
/// generic argument list, `a == Foo::<A, B>::x()`, makes this wrong the safe
/// way: the macro is then left as it was.)
fn has_top_level_comma(tokens: &TokenStream) -> bool {
    tokens
        .clone()
        .into_iter()
        .any(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
}

/// Whether the text of `tokens` holds `{` or `}`.
fn has_brace(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        TokenTree::Group(g) => {
            g.delimiter() == proc_macro2::Delimiter::Brace || has_brace(&g.stream())
        }
        TokenTree::Literal(l) => {
            let text = l.to_string();
            text.contains('{') || text.contains('}')
        }
        _ => false,
    })
}

struct Rewrite;

impl VisitMut for Rewrite {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if let Expr::Macro(m) = e {
            match replacement(&m.mac) {
                Some(new) => *e = new,
                None => self.visit_macro_mut(&mut m.mac),
            }
            return;
        }
        visit_mut::visit_expr_mut(self, e);
    }

    fn visit_stmt_mut(&mut self, s: &mut Stmt) {
        if let Stmt::Macro(m) = s {
            match replacement(&m.mac) {
                Some(new) => {
                    let semi = m.semi_token.unwrap_or_default();
                    *s = Stmt::Expr(new, Some(semi));
                }
                None => self.visit_macro_mut(&mut m.mac),
            }
            return;
        }
        visit_mut::visit_stmt_mut(self, s);
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}

    /// Inside the arguments of std's macros that the lowering rewrites as
    /// code (`vec![match x { _ => { assert!(c); 1 } }]`), as outside them.
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        use crate::build::macros::{MacroItem, macro_items};
        let name = crate::build::macros::name(mac);
        let expression_arguments = matches!(
            name.as_str(),
            "vec"
                | "format"
                | "print"
                | "println"
                | "eprint"
                | "eprintln"
                | "write"
                | "writeln"
                | "panic"
                | "assert"
                | "assert_eq"
                | "assert_ne"
                | "debug_assert"
                | "debug_assert_eq"
                | "debug_assert_ne"
                | "dbg"
                | "matches"
        );
        if !expression_arguments || !mentions_assert(&mac.tokens) {
            return;
        }
        let Ok(mut items) = macro_items(mac.tokens.clone()) else {
            return;
        };
        for item in items.iter_mut() {
            if let MacroItem::Expr(e) = item {
                self.visit_expr_mut(e);
            }
        }
        let tokens = items.pairs().map(|pair| {
            let item = match pair.value() {
                MacroItem::Expr(e) => quote::ToTokens::to_token_stream(e),
                MacroItem::Raw(t) => t.clone(),
            };
            let comma = pair.punct().map(|c| quote::ToTokens::to_token_stream(*c));
            quote::quote!(#item #comma)
        });
        mac.tokens = tokens.collect();
    }
}

/// Whether `tokens` hold an `assert` macro of some kind (a cheap test
/// before parsing a macro's arguments).
fn mentions_assert(tokens: &TokenStream) -> bool {
    crate::syntax::any_ident(tokens.clone(), &|i| i.to_string().contains("assert"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn rewritten(body: &str) -> String {
        let block: syn::Block = syn::parse_str(&format!("{{ {body} }}")).expect("block");
        let mut stmts = block.stmts;
        rewrite(&mut stmts);
        stmts
            .iter()
            .map(|s| s.to_token_stream().to_string())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn assert_without_message_gets_its_source_as_message() {
        let out = rewritten("assert!(y < 10); debug_assert!(!v.is_empty(),);");
        assert!(
            out.contains("assert ! (y < 10 , \"assertion failed: y < 10\")"),
            "{out}"
        );
        assert!(
            out.contains(
                "debug_assert ! (! v . is_empty () , \"assertion failed: !v.is_empty()\")"
            ),
            "{out}"
        );
    }

    #[test]
    fn braces_in_a_printed_message_are_escaped() {
        let out = rewritten("assert!(s == \"{x}\");");
        assert!(
            out.contains(r#""assertion failed: s == \"{{x}}\"""#),
            "{out}"
        );
    }

    #[test]
    fn kinds_not_printed_fall_back_to_stringify() {
        let out = rewritten("assert!(if a { b } else { c });");
        assert!(
            out.contains(":: core :: stringify ! (if a { b } else { c })"),
            "{out}"
        );
    }

    #[test]
    fn assert_with_braces_goes_through_a_placeholder() {
        let out = rewritten("assert!(s == S { a: 1 });");
        assert!(out.contains(", \"{}\" , :: core :: concat !"), "{out}");
    }

    #[test]
    fn assert_with_a_message_is_left_alone() {
        assert_eq!(
            rewritten("assert!(y < 10, \"y is {y}\");"),
            "assert ! (y < 10 , \"y is {y}\") ;"
        );
    }

    #[test]
    fn assert_inside_vec_gets_its_message() {
        let out = rewritten("let v = vec![match x { _ => { assert!(a.len() == 1); 1 } }, 2];");
        assert!(out.contains("assertion failed: a.len() == 1"), "{out}");
    }

    #[test]
    fn dbg_becomes_std_expansion() {
        let out = rewritten("let n = dbg!(y + 1); dbg!(a, b); dbg!();");
        assert_eq!(out.matches(":: std :: eprintln !").count(), 4, "{out}");
        assert!(out.contains(":: core :: stringify ! (y + 1)"), "{out}");
    }
}
