//! serde_json's `json!`, so that the values it builds from can be frame
//! values.
//!
//! `json!({ "id": id, "tags": [first, "x"], "n": v.len() })` names `id`,
//! `first` and `v`; when they live across an await they are in the frame,
//! and each mention must become an access to its slot. `json!` is parsed as
//! its own grammar: `null`, `true`, `false`, arrays, objects whose keys are
//! expressions up to a lone `:` (used by value: `json!` calls `.into()` on
//! them), and any other value an expression up to the next comma (used by
//! reference: `json!` calls `to_value(&value)`). The invocation is written
//! back with each expression in its place, rewritten.
//!
//! ```text
//! Input:  json!({ "id": id, "tags": [first, "x"] })
//! Output: json!({ "id": (*slot_id), "tags": [(*slot_first), "x"] })
//! ```

use super::code::Ctx;
use super::macros::MacroArg;
use proc_macro2::{Delimiter, Group, Spacing, TokenStream, TokenTree};
use quote::ToTokens;
use syn::Expr;

/// The invocation's tokens with a hole for each expression.
pub struct Template(Vec<Piece>);

enum Piece {
    Tokens(TokenStream),
    /// The expression at this index of the parsed arguments.
    Expr(usize),
    Group(Delimiter, proc_macro2::Span, Template),
}

/// The expressions of a `json!` invocation, in order, and its template.
pub fn parse(tokens: &TokenStream) -> Option<(Vec<MacroArg>, Template)> {
    let mut args = Vec::new();
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let template = value(&trees, &mut args)?;
    Some((args, template))
}

impl Template {
    /// The tokens again, with `exprs` (in parse order) in the holes.
    pub fn render(&self, exprs: &[&Expr]) -> TokenStream {
        let mut out = TokenStream::new();
        for piece in &self.0 {
            match piece {
                Piece::Tokens(t) => out.extend(t.clone()),
                Piece::Expr(i) => exprs[*i].to_tokens(&mut out),
                Piece::Group(delimiter, span, inner) => {
                    let mut group = Group::new(*delimiter, inner.render(exprs));
                    group.set_span(*span);
                    out.extend([TokenTree::Group(group)]);
                }
            }
        }
        out
    }
}

/// One JSON value: a literal word, an array, an object or an expression.
fn value(trees: &[TokenTree], args: &mut Vec<MacroArg>) -> Option<Template> {
    match trees {
        [] => None,
        [TokenTree::Ident(word)] if word == "null" || word == "true" || word == "false" => {
            Some(Template(vec![Piece::Tokens(word.to_token_stream())]))
        }
        [TokenTree::Group(g)] if g.delimiter() == Delimiter::Bracket => group(g, args, value),
        [TokenTree::Group(g)] if g.delimiter() == Delimiter::Brace => {
            group(g, args, |entry, args| {
                let colon = lone_colon(entry)?;
                let (key, rest) = entry.split_at(colon);
                let mut pieces = expression(key, Ctx::Value, args)?.0;
                pieces.push(Piece::Tokens(rest[0].to_token_stream()));
                pieces.extend(value(&rest[1..], args)?.0);
                Some(Template(pieces))
            })
        }
        _ => expression(trees, Ctx::Place, args),
    }
}

/// An expression: a hole (a string or other literal stays as written).
fn expression(trees: &[TokenTree], ctx: Ctx, args: &mut Vec<MacroArg>) -> Option<Template> {
    if let [TokenTree::Literal(lit)] = trees {
        return Some(Template(vec![Piece::Tokens(lit.to_token_stream())]));
    }
    let expr: Expr = syn::parse2(trees.iter().cloned().collect()).ok()?;
    args.push(MacroArg {
        expr,
        ctx,
        name: None,
        lead: None,
    });
    Some(Template(vec![Piece::Expr(args.len() - 1)]))
}

/// An array or object: each comma-separated item of `g` through `item`,
/// the commas between them, in `g`'s delimiters.
fn group(
    g: &Group,
    args: &mut Vec<MacroArg>,
    mut item: impl FnMut(&[TokenTree], &mut Vec<MacroArg>) -> Option<Template>,
) -> Option<Template> {
    let inner: Vec<TokenTree> = g.stream().into_iter().collect();
    let mut pieces = Vec::new();
    for (i, tokens) in split_commas(&inner).into_iter().enumerate() {
        if i > 0 {
            pieces.push(Piece::Tokens(quote::quote!(,)));
        }
        pieces.extend(item(tokens, args)?.0);
    }
    Some(Template(vec![Piece::Group(
        g.delimiter(),
        g.span(),
        Template(pieces),
    )]))
}

/// The items between top-level commas (a trailing one ends the last).
fn split_commas(trees: &[TokenTree]) -> Vec<&[TokenTree]> {
    let mut items = Vec::new();
    let mut start = 0;
    for (i, t) in trees.iter().enumerate() {
        if matches!(t, TokenTree::Punct(p) if p.as_char() == ',') {
            items.push(&trees[start..i]);
            start = i + 1;
        }
    }
    if start < trees.len() {
        items.push(&trees[start..]);
    }
    items
}

/// The index of the first `:` that is not half of a `::`.
fn lone_colon(trees: &[TokenTree]) -> Option<usize> {
    let colon = |t: &TokenTree| matches!(t, TokenTree::Punct(p) if p.as_char() == ':');
    let joint = |t: &TokenTree| matches!(t, TokenTree::Punct(p) if p.spacing() == Spacing::Joint);
    (0..trees.len()).find(|&i| {
        colon(&trees[i])
            && !(joint(&trees[i]) && trees.get(i + 1).is_some_and(colon))
            && !(i > 0 && colon(&trees[i - 1]) && joint(&trees[i - 1]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(src: &str) -> Option<(usize, String)> {
        let tokens: TokenStream = src.parse().expect("tokens");
        let (args, template) = parse(&tokens)?;
        let exprs: Vec<&Expr> = args.iter().map(|a| &a.expr).collect();
        Some((args.len(), template.render(&exprs).to_string()))
    }

    #[test]
    fn objects_arrays_and_values() {
        let (n, out) = round_trip(
            "{ \"id\": id, \"tags\": [first, \"x\", null], \"n\": v.len() + 1, key: true, \
             Kind::A: { \"deep\": [1, -2] }, }",
        )
        .expect("parses");
        // id, first, v.len() + 1, key, Kind::A and -2 (1 is a literal).
        assert_eq!(n, 6, "{out}");
        assert_eq!(
            out,
            "{ \"id\" : id , \"tags\" : [first , \"x\" , null] , \"n\" : v . len () + 1 , \
             key : true , Kind :: A : { \"deep\" : [1 , - 2] } }"
        );
    }

    #[test]
    fn a_plain_value() {
        assert_eq!(round_trip("x.name").map(|(n, _)| n), Some(1));
        assert_eq!(round_trip("null").map(|(n, _)| n), Some(0));
    }

    #[test]
    fn malformed_is_not_parsed() {
        assert!(round_trip("{ \"a\" 1 }").is_none());
        assert!(round_trip("").is_none());
    }
}
