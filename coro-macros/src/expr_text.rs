//! An expression's text as rustc's pretty printer writes it, for the
//! message of a failing `assert!(cond)` (see `self_printing`).
//!
//! rustc words that message from the parsed condition: one space around a
//! binary operator, none after a unary one, `v[0]`, `f(a, b)`, `|b| *b > 0`.
//! `stringify!` of tokens that went through a proc macro spaces them
//! differently (`! v.is_empty()`, `v [0]`), so the common kinds of
//! expression are printed here the way rustc prints them. Anything else
//! (blocks, `if`, `match`, macros, qualified paths) gives `None`, and so
//! does a text longer than a line, where rustc breaks and indents it: the
//! caller then falls back to `stringify!`.
//!
//! ```text
//! Input:  !v.is_empty() && -(x as i64) < v[0]
//! Output: Some("!v.is_empty() && -(x as i64) < v[0]")
//! ```

use quote::ToTokens;
use syn::{Expr, Pat, Type};

/// The widest text rustc prints on one line.
const LINE: usize = 78;

/// The text, if every part of `e` is of a kind printed here and it fits a
/// line.
pub fn of(e: &Expr) -> Option<String> {
    let mut out = String::new();
    expr(e, &mut out)?;
    (out.len() <= LINE).then_some(out)
}

fn expr(e: &Expr, out: &mut String) -> Option<()> {
    match e {
        Expr::Lit(l) if l.attrs.is_empty() => out.push_str(&l.lit.to_token_stream().to_string()),
        Expr::Path(p) if p.attrs.is_empty() && p.qself.is_none() => path(&p.path, "::<", out)?,
        Expr::Unary(u) => {
            out.push_str(&u.op.to_token_stream().to_string());
            expr(&u.expr, out)?;
        }
        Expr::Binary(b) => {
            expr(&b.left, out)?;
            out.push(' ');
            out.push_str(&b.op.to_token_stream().to_string().replace(' ', ""));
            out.push(' ');
            expr(&b.right, out)?;
        }
        Expr::Paren(p) => {
            out.push('(');
            expr(&p.expr, out)?;
            out.push(')');
        }
        Expr::Call(c) => {
            expr(&c.func, out)?;
            list('(', c.args.iter(), ')', out)?;
        }
        Expr::MethodCall(m) => {
            expr(&m.receiver, out)?;
            out.push('.');
            out.push_str(&m.method.to_string());
            if let Some(t) = &m.turbofish {
                generic_args(t.args.iter(), "::<", out)?;
            }
            list('(', m.args.iter(), ')', out)?;
        }
        Expr::Field(f) => {
            expr(&f.base, out)?;
            out.push('.');
            out.push_str(&f.member.to_token_stream().to_string());
        }
        Expr::Index(i) => {
            expr(&i.expr, out)?;
            out.push('[');
            expr(&i.index, out)?;
            out.push(']');
        }
        Expr::Cast(c) => {
            expr(&c.expr, out)?;
            out.push_str(" as ");
            ty(&c.ty, out)?;
        }
        Expr::Reference(r) => {
            out.push('&');
            if r.mutability.is_some() {
                out.push_str("mut ");
            }
            expr(&r.expr, out)?;
        }
        Expr::Tuple(t) => {
            list('(', t.elems.iter(), ')', out)?;
            if t.elems.len() == 1 {
                // `(a,)`: the comma makes it a tuple.
                out.insert(out.len() - 1, ',');
            }
        }
        Expr::Array(a) => list('[', a.elems.iter(), ']', out)?,
        Expr::Range(r) => {
            if let Some(start) = &r.start {
                expr(start, out)?;
            }
            out.push_str(&r.limits.to_token_stream().to_string());
            if let Some(end) = &r.end {
                expr(end, out)?;
            }
        }
        Expr::Await(a) => {
            expr(&a.base, out)?;
            out.push_str(".await");
        }
        Expr::Try(t) => {
            expr(&t.expr, out)?;
            out.push('?');
        }
        Expr::Closure(c)
            if c.attrs.is_empty()
                && c.lifetimes.is_none()
                && c.constness.is_none()
                && c.asyncness.is_none()
                && matches!(c.output, syn::ReturnType::Default)
                && plain_closure(c) =>
        {
            if c.capture.is_some() {
                out.push_str("move ");
            }
            out.push('|');
            separated(c.inputs.iter(), out, pat)?;
            out.push_str("| ");
            expr(&c.body, out)?;
        }
        _ => return None,
    }
    Some(())
}

/// A closure with no modifier syn keeps apart (`static ||`): it starts
/// with `|` or `move`.
fn plain_closure(c: &syn::ExprClosure) -> bool {
    match c.to_token_stream().into_iter().next() {
        Some(proc_macro2::TokenTree::Punct(p)) => p.as_char() == '|',
        Some(proc_macro2::TokenTree::Ident(i)) => i == "move",
        _ => false,
    }
}

/// `open a, b, c close`.
fn list<'a>(
    open: char,
    items: impl Iterator<Item = &'a Expr>,
    close: char,
    out: &mut String,
) -> Option<()> {
    out.push(open);
    separated(items, out, expr)?;
    out.push(close);
    Some(())
}

/// `a, b, c`, each item written by `each`.
fn separated<'a, T: 'a>(
    items: impl Iterator<Item = &'a T>,
    out: &mut String,
    each: fn(&T, &mut String) -> Option<()>,
) -> Option<()> {
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        each(item, out)?;
    }
    Some(())
}

/// `a::b::c`, `Vec::<u8>::new` (`open` is `::<`) or `Vec<u8>` (`<`).
fn path(p: &syn::Path, open: &str, out: &mut String) -> Option<()> {
    if p.leading_colon.is_some() {
        out.push_str("::");
    }
    for (i, seg) in p.segments.iter().enumerate() {
        if i > 0 {
            out.push_str("::");
        }
        out.push_str(&seg.ident.to_string());
        match &seg.arguments {
            syn::PathArguments::None => {}
            syn::PathArguments::AngleBracketed(a) => generic_args(a.args.iter(), open, out)?,
            syn::PathArguments::Parenthesized(_) => return None,
        }
    }
    Some(())
}

/// `::<A, 'b, 3>` (or `<..>`): types, lifetimes and literal constants.
fn generic_args<'a>(
    args: impl Iterator<Item = &'a syn::GenericArgument>,
    open: &str,
    out: &mut String,
) -> Option<()> {
    out.push_str(open);
    separated(args, out, |arg, out| {
        match arg {
            syn::GenericArgument::Type(t) => ty(t, out)?,
            syn::GenericArgument::Lifetime(l) => out.push_str(&l.to_string()),
            syn::GenericArgument::Const(e) => expr(e, out)?,
            _ => return None,
        }
        Some(())
    })?;
    out.push('>');
    Some(())
}

/// A type as rustc prints it: `Vec<(u8, bool)>`, `&mut [u8]`, `[u8; 4]`.
fn ty(t: &Type, out: &mut String) -> Option<()> {
    match t {
        Type::Path(p) if p.qself.is_none() => path(&p.path, "<", out)?,
        Type::Reference(r) => {
            out.push('&');
            if let Some(l) = &r.lifetime {
                out.push_str(&l.to_string());
                out.push(' ');
            }
            if r.mutability.is_some() {
                out.push_str("mut ");
            }
            ty(&r.elem, out)?;
        }
        Type::Infer(_) => out.push('_'),
        Type::Never(_) => out.push('!'),
        Type::Paren(p) => {
            out.push('(');
            ty(&p.elem, out)?;
            out.push(')');
        }
        Type::Slice(s) => {
            out.push('[');
            ty(&s.elem, out)?;
            out.push(']');
        }
        Type::Array(a) => {
            out.push('[');
            ty(&a.elem, out)?;
            out.push_str("; ");
            expr(&a.len, out)?;
            out.push(']');
        }
        Type::Tuple(t) => {
            out.push('(');
            separated(t.elems.iter(), out, ty)?;
            if t.elems.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        _ => return None,
    }
    Some(())
}

/// A closure's parameter: `b`, `mut b`, `&b`, `_`.
fn pat(p: &Pat, out: &mut String) -> Option<()> {
    match p {
        Pat::Ident(i) if i.by_ref.is_none() && i.subpat.is_none() => {
            if i.mutability.is_some() {
                out.push_str("mut ");
            }
            out.push_str(&i.ident.to_string());
        }
        Pat::Reference(r) => {
            out.push('&');
            if r.mutability.is_some() {
                out.push_str("mut ");
            }
            pat(&r.pat, out)?;
        }
        Pat::Wild(_) => out.push('_'),
        Pat::Type(t) => {
            pat(&t.pat, out)?;
            out.push_str(": ");
            ty(&t.ty, out)?;
        }
        _ => return None,
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(src: &str) -> Option<String> {
        of(&syn::parse_str(src).expect("an expression"))
    }

    #[test]
    fn common_conditions() {
        for (src, printed) in [
            ("!v.is_empty()", "!v.is_empty()"),
            ("! (1 != a)", "!(1 != a)"),
            ("-(x as i64) < 0", "-(x as i64) < 0"),
            ("v [0]==1", "v[0] == 1"),
            ("v.iter().all(|b| *b > 0)", "v.iter().all(|b| *b > 0)"),
            ("f(a,b) >= core::u8::MAX", "f(a, b) >= core::u8::MAX"),
            ("(a, b) == (1,)", "(a, b) == (1,)"),
            ("p.0 + s.len() <= 10", "p.0 + s.len() <= 10"),
            ("x.await? && &y == &\"s\"", "x.await? && &y == &\"s\""),
            ("(0..=3).contains(&n)", "(0..=3).contains(&n)"),
            // Generic arguments, as rustc prints them (checked against its
            // own `assert!` messages).
            ("v.iter().sum::<i64>() == 9", "v.iter().sum::<i64>() == 9"),
            ("s.parse::<u8>().is_err()", "s.parse::<u8>().is_err()"),
            (
                "!Vec::<u8>::new().is_empty()",
                "!Vec::<u8>::new().is_empty()",
            ),
            (
                "HashMap::<&str, Vec<(u8, bool)>>::new().len() == 1",
                "HashMap::<&str, Vec<(u8, bool)>>::new().len() == 1",
            ),
            (
                "std::mem::size_of::<[u8; 4]>() == 3",
                "std::mem::size_of::<[u8; 4]>() == 3",
            ),
            ("None::<&mut [u8]>.is_some()", "None::<&mut [u8]>.is_some()"),
            (
                "Some(1).map(|x: i32| x as u8) == None::<u8>",
                "Some(1).map(|x: i32| x as u8) == None::<u8>",
            ),
        ] {
            assert_eq!(text(src).as_deref(), Some(printed), "{src}");
        }
    }

    #[test]
    fn other_kinds_and_long_texts_are_left_to_stringify() {
        assert_eq!(text("if a { b } else { c }"), None);
        assert_eq!(text("matches!(x, 1 | 2)"), None);
        assert_eq!(text("x.parse::<<T as Tr>::A>().is_ok()"), None);
        let long = (0..20)
            .map(|i| format!("a{i}"))
            .collect::<Vec<_>>()
            .join(" + ");
        assert_eq!(text(&format!("{long} > 0")), None);
    }
}
