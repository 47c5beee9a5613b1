//! The grammar of tracing's and log's macros, so that the values they log
//! can be frame values.
//!
//! `info!(id, ?addr, "read {} bytes", n)` names `id`, `addr` and `n`; when
//! they live across an await they are in the frame, and the lowering must
//! rewrite each mention into an access to its slot. An unknown macro cannot
//! be rewritten, so these were rejected. Parsed here:
//!
//! - labels: `target: expr`, `parent: expr`, `name: expr`, `logger: expr`;
//! - positional expressions: the level of `event!`, `span!` and `log!`;
//! - fields (tracing): `name = value`, `name = ?value`, `name = %value`, and
//!   the shorthands `name`, `?name`, `%name` (a name may be dotted,
//!   `conn.peer`);
//! - a string literal: the format string of an event (then its arguments,
//!   `expr` or `name = expr`), or the name of a span (then its fields).
//!
//! A shorthand whose value the lowering rewrites is written out (`?addr`
//! becomes `addr = ?(*slot_addr)`) so that the field keeps its name: tracing
//! names the field after the shorthand's tokens. One left alone is written
//! back as it was. Anything else (log's key-values after a `;`, a field
//! named by a string or a `{ const }`) leaves the macro unparsed, as before.
//!
//! ```text
//! Input:  info!(target: "net", id, ?addr, "read {} bytes", n)
//! Output: info!(target: "net", id = (*slot_id), addr = ?(*slot_addr), "read {} bytes", (*slot_n))
//! ```
//!
//! Every value is read in place (`Ctx::Place`): both crates take their
//! arguments by reference.

use super::code::Ctx;
use super::macros::{Lead, MacroArg, MacroArgs, format_argument};
use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Expr, Ident, LitStr, Token};

/// The macros of this grammar: events (and log's records), and spans.
pub fn kind(name: &str) -> Option<Kind> {
    match name {
        "trace" | "debug" | "info" | "warn" | "error" | "event" | "log" => Some(Kind::Event),
        "span" | "trace_span" | "debug_span" | "info_span" | "warn_span" | "error_span" => {
            Some(Kind::Span)
        }
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string literal is the format string; its arguments follow.
    Event,
    /// A string literal is the span's name; fields follow.
    Span,
}

pub fn parse(mac: &syn::Macro, kind: Kind) -> Option<MacroArgs> {
    let parser = |input: ParseStream| {
        let mut args = Vec::new();
        let mut fmt = None;
        let mut named_span = false;
        while !input.is_empty() {
            if input.peek(LitStr) && (kind == Kind::Event || !named_span) {
                let lit: LitStr = input.parse()?;
                if kind == Kind::Span {
                    named_span = true;
                    args.push(arg(syn::parse_quote!(#lit), None));
                } else {
                    fmt = Some(args.len());
                    args.push(arg(syn::parse_quote!(#lit), None));
                    format_arguments(input, &mut args)?;
                    break;
                }
            } else if let Some(label) = label(input)? {
                let value: Expr = input.parse()?;
                args.push(arg(value, Some(quote!(#label:))));
            } else {
                args.push(field_or_expr(input)?);
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(MacroArgs {
            args,
            fmt,
            repeat: false,
            pat: None,
            template: None,
        })
    };
    parser.parse2(mac.tokens.clone()).ok()
}

fn arg(expr: Expr, lead: Option<TokenStream>) -> MacroArg {
    MacroArg {
        expr,
        ctx: Ctx::Place,
        name: None,
        lead: lead.map(|tokens| Lead {
            tokens,
            shorthand: None,
        }),
    }
}

/// A shorthand field (`?addr`, `id`): `name = value` if the value is
/// rewritten, as written otherwise.
fn shorthand(value: Expr, lead: TokenStream, written: TokenStream) -> MacroArg {
    let text = value.to_token_stream().to_string();
    MacroArg {
        expr: value,
        ctx: Ctx::Place,
        name: None,
        lead: Some(Lead {
            tokens: lead,
            shorthand: Some((written, text)),
        }),
    }
}

/// `target:`, `parent:`, `name:` or `logger:` (not a path's `::`).
fn label(input: ParseStream) -> syn::Result<Option<Ident>> {
    let fork = input.fork();
    let Ok(ident) = fork.parse::<Ident>() else {
        return Ok(None);
    };
    let is_label = ["target", "parent", "name", "logger"]
        .iter()
        .any(|l| ident == l);
    if !is_label || !fork.peek(Token![:]) || fork.peek(Token![::]) {
        return Ok(None);
    }
    let ident: Ident = input.parse()?;
    input.parse::<Token![:]>()?;
    Ok(Some(ident))
}

/// A field (`name`, `?name`, `name = value`, `name = %value`) or a
/// positional expression (a level: `Level::INFO`).
fn field_or_expr(input: ParseStream) -> syn::Result<MacroArg> {
    if let Some(sigil) = sigil(input)? {
        // `?name` / `%name`: `name = ?name`.
        let name = field_name(input)?;
        let value = name_as_expr(&name)?;
        return Ok(shorthand(
            value,
            quote!(#name = #sigil),
            quote!(#sigil #name),
        ));
    }
    let fork = input.fork();
    if field_name(&fork).is_ok() {
        if fork.is_empty() || fork.peek(Token![,]) {
            // `name`: `name = name`.
            let name = field_name(input)?;
            let value = name_as_expr(&name)?;
            return Ok(shorthand(value, quote!(#name =), name));
        }
        if fork.peek(Token![=]) && !fork.peek(Token![==]) {
            let name = field_name(input)?;
            input.parse::<Token![=]>()?;
            let sigil = sigil(input)?;
            let value: Expr = input.parse()?;
            return Ok(arg(value, Some(quote!(#name = #sigil))));
        }
    }
    let value: Expr = input.parse()?;
    Ok(arg(value, None))
}

/// `?` (record with `Debug`) or `%` (with `Display`).
fn sigil(input: ParseStream) -> syn::Result<Option<TokenStream>> {
    if input.peek(Token![?]) {
        let q: Token![?] = input.parse()?;
        return Ok(Some(q.into_token_stream()));
    }
    if input.peek(Token![%]) {
        let p: Token![%] = input.parse()?;
        return Ok(Some(p.into_token_stream()));
    }
    Ok(None)
}

/// `ident` or `ident.ident..`: a field's name. A keyword too, as tracing's
/// `$($k:ident).+` takes it: `?self`, `self.port` in a method, `type = 1`.
fn field_name(input: ParseStream) -> syn::Result<TokenStream> {
    let first = Ident::parse_any(input)?;
    let mut name = first.into_token_stream();
    while input.peek(Token![.]) && !input.peek(Token![..]) {
        let dot: Token![.] = input.parse()?;
        let part = Ident::parse_any(input)?;
        dot.to_tokens(&mut name);
        part.to_tokens(&mut name);
    }
    Ok(name)
}

/// The value a shorthand field records: the name read as an expression.
fn name_as_expr(name: &TokenStream) -> syn::Result<Expr> {
    syn::parse2(name.clone())
}

/// After the format string: `expr` or `name = expr`, comma separated.
fn format_arguments(input: ParseStream, args: &mut Vec<MacroArg>) -> syn::Result<()> {
    while input.peek(Token![,]) {
        input.parse::<Token![,]>()?;
        if input.is_empty() {
            break;
        }
        args.push(format_argument(input.parse()?));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(src: &str, kind: Kind) -> Option<String> {
        let mac: syn::Macro = syn::parse_str(src).expect("macro");
        Some(parse(&mac, kind)?.tokens().to_string())
    }

    #[test]
    fn event_fields_and_format() {
        assert_eq!(
            round_trip(
                "info!(target: \"net\", id, ?addr, %peer.ip, n = 3, m = ?v, \"read {} {x}\", n, y = 2)",
                Kind::Event
            )
            .as_deref(),
            Some(
                "target : \"net\" , id , ? addr , % peer . ip , n = 3 , m = ? v , \
                 \"read {} {x}\" , n , y = 2"
            )
        );
    }

    #[test]
    fn a_rewritten_shorthand_is_written_out_under_its_name() {
        let mac: syn::Macro = syn::parse_str("info!(id, ?addr, %peer.ip, \"m\")").expect("macro");
        let mut args = parse(&mac, Kind::Event).expect("parses");
        for arg in args.exprs_mut() {
            let e = &arg.expr;
            arg.expr = syn::parse_quote!((*slot(#e)));
        }
        assert_eq!(
            args.tokens().to_string(),
            "id = (* slot (id)) , addr = ? (* slot (addr)) , peer . ip = % (* slot (peer . ip)) , \"m\""
        );
    }

    #[test]
    fn levels_and_spans() {
        assert_eq!(
            round_trip("event!(Level::INFO, x, \"m\")", Kind::Event).as_deref(),
            Some("Level :: INFO , x , \"m\"")
        );
        assert_eq!(
            round_trip("info_span!(\"req\", id, path = %p)", Kind::Span).as_deref(),
            Some("\"req\" , id , path = % p")
        );
        assert_eq!(
            round_trip("log!(log::Level::Warn, \"w {}\", a)", Kind::Event).as_deref(),
            Some("log :: Level :: Warn , \"w {}\" , a")
        );
    }

    #[test]
    fn keywords_name_fields() {
        assert_eq!(
            round_trip(
                "debug!(?self, self.port, r#type = 1, \"m {}\", self.id)",
                Kind::Event
            )
            .as_deref(),
            Some("? self , self . port , r#type = 1 , \"m {}\" , self . id")
        );
    }

    #[test]
    fn unknown_shapes_are_not_parsed() {
        // log's key-values end in `;`.
        assert!(round_trip("info!(a = 1; \"m\")", Kind::Event).is_none());
        // A field named by a string.
        assert!(round_trip("info!(\"a.b\" = 1, \"m\")", Kind::Event).is_none());
    }
}
