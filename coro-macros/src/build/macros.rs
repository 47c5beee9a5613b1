//! Macros in the body: the ones whose grammar is known are parsed, so that
//! the lowering can see (and rewrite) the expressions inside them.
//!
//! - `format!`, `println!`, `write!`, `assert_eq!`, `panic!`, ...: a few
//!   leading expressions, a format string and its arguments. Arguments are
//!   used by reference (as `format_args!` does), and a format string may
//!   capture variables implicitly (`"{x}"`).
//! - `vec!`, `dbg!`: expressions, used by value.
//! - `matches!`: a scrutinee and a pattern.
//! - `stringify!`, `concat!`, `env!`, ...: never evaluate their tokens.
//! - `select!`, `join!`, `try_join!`: suspend (they expand to `.await`); the
//!   lowering takes them apart itself.
//! - tracing's and log's `info!`, `event!`, `info_span!`, ...: labels,
//!   fields and a format string (`logging`).
//! - serde_json's `json!`: its values and keys are expressions (`json`).
//!
//! Anything else is opaque: left alone, and rejected by `lower` only if it
//! names a variable that lives in the frame.

use super::code::Ctx;
use proc_macro2::{Delimiter, TokenStream};
use quote::{ToTokens, quote};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, LitStr, Pat, Token};

pub enum MacroKind {
    /// Tokens never evaluated, or a macro we do not know.
    Opaque,
    /// Known not to evaluate anything: leave alone, no mentions.
    Inert,
    /// Expands to `.await`.
    Suspending,
    /// Known argument grammar.
    Args(Shape),
}

#[derive(Clone, Copy)]
pub enum Shape {
    /// `before` expressions (used as `before_ctx`), then an optional format
    /// string and its arguments (used by reference).
    Format { before: usize, before_ctx: Ctx },
    /// Expressions used by value; `vec![x; n]` too.
    Exprs,
    /// `matches!(scrutinee, pattern)`.
    Matches,
    /// tracing's and log's events and spans (see `logging`).
    Logging(super::logging::Kind),
    /// serde_json's `json!` (see `json`).
    Json,
}

/// The last segment of the macro's path: `tokio::select!` is `select`.
pub fn name(mac: &syn::Macro) -> String {
    mac.path
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

pub fn classify(mac: &syn::Macro) -> MacroKind {
    classify_name(&name(mac))
}

/// How a macro of this name is lowered (see [`classify`]).
pub fn classify_name(name: &str) -> MacroKind {
    let format = |before, before_ctx| MacroKind::Args(Shape::Format { before, before_ctx });
    match name {
        "print" | "println" | "eprint" | "eprintln" | "format" | "format_args" | "panic"
        | "unreachable" | "todo" | "unimplemented" | "anyhow" | "bail" => format(0, Ctx::Place),
        "write" | "writeln" => format(1, Ctx::Place),
        "assert" | "debug_assert" | "ensure" => format(1, Ctx::Value),
        "assert_eq" | "assert_ne" | "debug_assert_eq" | "debug_assert_ne" => format(2, Ctx::Place),
        // (std's `pin!(value)`: its value, evaluated in place; tokio's and
        // futures' `pin!(a, b)` statements are lowered before, see
        // `stmt::pinning_statement`.)
        "vec" | "dbg" | "pin" => MacroKind::Args(Shape::Exprs),
        "matches" => MacroKind::Args(Shape::Matches),
        "json" => MacroKind::Args(Shape::Json),
        "stringify" | "concat" | "env" | "option_env" | "include" | "include_str"
        | "include_bytes" | "cfg" | "line" | "column" | "file" | "module_path"
        | "compile_error" => MacroKind::Inert,
        _ if is_suspending(name) => MacroKind::Suspending,
        _ => match super::logging::kind(name) {
            Some(kind) => MacroKind::Args(Shape::Logging(kind)),
            None => MacroKind::Opaque,
        },
    }
}

/// A literal, or a macro that expands to one (`concat!("a", 1)`,
/// `line!()`, `stringify!(..)`): a constant, which a format argument
/// borrows as it is (no temporary to keep, nothing to evaluate early).
pub fn is_constant(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) => true,
        Expr::Macro(m) => matches!(
            name(&m.mac).as_str(),
            "stringify"
                | "concat"
                | "env"
                | "option_env"
                | "include_str"
                | "include_bytes"
                | "cfg"
                | "line"
                | "column"
                | "file"
                | "module_path"
        ),
        _ => false,
    }
}

/// Whether the macro expands to a block (`format!` is `must_use({ .. })`,
/// `println!` is `{ _print(..); }`): the temporaries of its arguments drop
/// when it ends, not at the end of the enclosing statement.
pub fn is_scoped(mac: &syn::Macro) -> bool {
    is_format_block(mac) || super::logging::kind(&name(mac)).is_some()
}

/// std's `format!`, `print!` and the like: a block that formats its
/// arguments, whose temporaries end with it.
pub fn is_format_block(mac: &syn::Macro) -> bool {
    matches!(
        name(mac).as_str(),
        "format" | "print" | "println" | "eprint" | "eprintln"
    )
}

fn is_suspending(name: &str) -> bool {
    matches!(
        name,
        "select" | "select_biased" | "join" | "try_join" | "pending" | "poll"
    )
}

/// Whether a macro suspends: it expands to `.await`, or its tokens contain
/// `.await` and it evaluates them (`stringify!(f().await)` does not).
pub fn macro_suspends(mac: &syn::Macro) -> bool {
    is_suspending(&name(mac))
        || (tokens_have_await(&mac.tokens) && !matches!(classify(mac), MacroKind::Inert))
}

/// Whether tokens contain `.await`, or a suspending macro's invocation
/// (`assert_eq!(poll!(f), Poll::Pending)`), outside `async` blocks (whose
/// awaits are their own).
pub fn tokens_have_await(tokens: &TokenStream) -> bool {
    let mut prev_dot = false;
    // `async` or `async move` just before: the next brace group is the
    // body of an async block.
    let mut in_async_prefix = false;
    // The name just before a `!`: a macro's, if a group follows.
    let mut last_ident: Option<String> = None;
    let mut bang_after: Option<String> = None;
    for tt in tokens.clone() {
        let invoked = bang_after.take();
        match tt {
            proc_macro2::TokenTree::Ident(i) if prev_dot && i == "await" => return true,
            proc_macro2::TokenTree::Ident(i) => {
                in_async_prefix = i == "async" || (in_async_prefix && i == "move");
                prev_dot = false;
                last_ident = Some(i.to_string());
                continue;
            }
            proc_macro2::TokenTree::Group(_) if invoked.as_deref().is_some_and(is_suspending) => {
                return true;
            }
            proc_macro2::TokenTree::Group(g) => {
                let async_body = in_async_prefix && g.delimiter() == Delimiter::Brace;
                if !async_body && tokens_have_await(&g.stream()) {
                    return true;
                }
                prev_dot = false;
                in_async_prefix = false;
            }
            proc_macro2::TokenTree::Punct(p) => {
                prev_dot = p.as_char() == '.';
                in_async_prefix = false;
                if p.as_char() == '!' {
                    bang_after = last_ident.take();
                }
            }
            _ => {
                prev_dot = false;
                in_async_prefix = false;
            }
        }
        last_ident = None;
    }
    false
}

/// One argument of a parsed macro.
pub struct MacroArg {
    pub expr: Expr,
    pub ctx: Ctx,
    /// `name = expr` (a named format argument).
    pub name: Option<Ident>,
    /// Tokens written before the expression instead of a `name =`: a
    /// label (`target:`) or a logging field (`id =`, `addr = %`).
    pub lead: Option<Lead>,
}

/// What precedes an argument's expression (see `MacroArg::lead`).
pub struct Lead {
    pub tokens: TokenStream,
    /// A logging field written as a shorthand (`?addr`), and the text of its
    /// expression then (`addr`): written back as it was unless the lowering
    /// rewrote the expression (`addr = ?(*slot)`).
    pub shorthand: Option<(TokenStream, String)>,
}

/// A parsed macro invocation.
pub struct MacroArgs {
    pub args: Vec<MacroArg>,
    /// Index of the format string among `args`, if any.
    pub fmt: Option<usize>,
    /// `vec![x; n]`.
    pub repeat: bool,
    /// `matches!`'s pattern.
    pub pat: Option<Pat>,
    /// `json!`'s structure around its expressions.
    pub template: Option<super::json::Template>,
}

/// Rewrites each argument expression of a macro of known grammar in place
/// (unknown macros are left alone).
pub fn rewrite_args(mac: &mut syn::Macro, mut f: impl FnMut(&mut Expr)) {
    let MacroKind::Args(shape) = classify(mac) else {
        return;
    };
    let Some(mut args) = parse_args(mac, &shape) else {
        return;
    };
    for arg in args.exprs_mut() {
        f(&mut arg.expr);
    }
    mac.tokens = args.tokens();
}

/// `vec!`'s arguments: expressions between commas, or `elem; n` (then
/// `true`, with the two).
pub fn parse_exprs(tokens: TokenStream) -> Option<(Vec<Expr>, bool)> {
    let parser = |input: ParseStream| {
        if input.is_empty() {
            return Ok((Vec::new(), false));
        }
        let first: Expr = input.parse()?;
        if input.peek(Token![;]) {
            input.parse::<Token![;]>()?;
            let len: Expr = input.parse()?;
            return Ok((vec![first, len], true));
        }
        let mut exprs = vec![first];
        while input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
            exprs.push(input.parse()?);
        }
        Ok((exprs, false))
    };
    parser.parse2(tokens).ok()
}

pub fn parse_args(mac: &syn::Macro, shape: &Shape) -> Option<MacroArgs> {
    let shape = *shape;
    match shape {
        Shape::Logging(kind) => super::logging::parse(mac, kind),
        Shape::Json => {
            let (args, template) = super::json::parse(&mac.tokens)?;
            Some(MacroArgs {
                args,
                fmt: None,
                repeat: false,
                pat: None,
                template: Some(template),
            })
        }
        Shape::Matches => {
            let parser = |input: ParseStream| {
                let scrutinee: Expr = input.parse()?;
                input.parse::<Token![,]>()?;
                let pat = Pat::parse_multi_with_leading_vert(input)?;
                let guard = if input.peek(Token![if]) {
                    let if_token: Token![if] = input.parse()?;
                    let guard: Expr = input.parse()?;
                    Some((if_token, guard))
                } else {
                    None
                };
                let _ = input.parse::<Option<Token![,]>>()?;
                Ok((scrutinee, pat, guard))
            };
            let (scrutinee, pat, guard) = parser.parse2(mac.tokens.clone()).ok()?;
            let mut args = vec![MacroArg {
                expr: scrutinee,
                ctx: Ctx::Place,
                name: None,
                lead: None,
            }];
            if let Some((_, guard)) = guard {
                args.push(MacroArg {
                    expr: guard,
                    ctx: Ctx::Value,
                    name: None,
                    lead: None,
                });
            }
            Some(MacroArgs {
                args,
                fmt: None,
                repeat: false,
                pat: Some(pat),
                template: None,
            })
        }
        Shape::Exprs => {
            let (exprs, repeat) = parse_exprs(mac.tokens.clone())?;
            let args = exprs
                .into_iter()
                .map(|expr| MacroArg {
                    expr,
                    ctx: Ctx::Value,
                    name: None,
                    lead: None,
                })
                .collect();
            Some(MacroArgs {
                args,
                fmt: None,
                repeat,
                pat: None,
                template: None,
            })
        }
        Shape::Format { before, before_ctx } => {
            let exprs = format_arguments.parse2(mac.tokens.clone()).ok()?;
            let mut args = Vec::new();
            let mut fmt = None;
            for (i, expr) in exprs.into_iter().enumerate() {
                if i < before {
                    args.push(MacroArg {
                        expr,
                        ctx: before_ctx,
                        name: None,
                        lead: None,
                    });
                    continue;
                }
                if fmt.is_none() && i == before {
                    if let Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(_),
                        ..
                    }) = &expr
                    {
                        fmt = Some(args.len());
                        args.push(MacroArg {
                            expr,
                            ctx: Ctx::Place,
                            name: None,
                            lead: None,
                        });
                        continue;
                    }
                }
                args.push(match expr {
                    expr if fmt.is_some() => format_argument(expr),
                    // No format string: anyhow's `anyhow!(err)`, `bail!(err)`,
                    // `ensure!(cond, err)` make the error of that value, moved
                    // (std's macros want a literal there).
                    expr if i == before => MacroArg {
                        expr,
                        ctx: Ctx::Value,
                        name: None,
                        lead: None,
                    },
                    expr => MacroArg {
                        expr,
                        ctx: Ctx::Place,
                        name: None,
                        lead: None,
                    },
                });
            }
            Some(MacroArgs {
                args,
                fmt,
                repeat: false,
                pat: None,
                template: None,
            })
        }
    }
}

/// A formatting macro's arguments, as expressions: a named one as an
/// assignment (`name = expr`), whose name may be a keyword
/// (`format!("{type}", type = ty)`), which rustc accepts there.
fn format_arguments(input: ParseStream) -> syn::Result<Punctuated<Expr, Token![,]>> {
    Punctuated::parse_terminated_with(input, |input| {
        let named =
            input.peek(Ident::peek_any) && input.peek2(Token![=]) && !input.peek2(Token![==]);
        if !named {
            return input.parse();
        }
        let name = Ident::parse_any(input)?;
        let eq: Token![=] = input.parse()?;
        let right: Expr = input.parse()?;
        Ok(Expr::Assign(syn::ExprAssign {
            attrs: Vec::new(),
            left: Box::new(Expr::Path(syn::ExprPath {
                attrs: Vec::new(),
                qself: None,
                path: name.into(),
            })),
            eq_token: eq,
            right: Box::new(right),
        }))
    })
}

/// An argument after a format string: `name = expr` (named) or `expr`,
/// used by reference as `format_args!` uses it.
pub fn format_argument(expr: Expr) -> MacroArg {
    let (expr, name) = match expr {
        Expr::Assign(a) if path_ident(&a.left).is_some() => (*a.right, path_ident(&a.left)),
        expr => (expr, None),
    };
    MacroArg {
        expr,
        ctx: Ctx::Place,
        name,
        lead: None,
    }
}

fn path_ident(e: &Expr) -> Option<Ident> {
    match e {
        Expr::Path(p) if p.qself.is_none() => p.path.get_ident().cloned(),
        _ => None,
    }
}

impl MacroArgs {
    pub fn exprs_mut(&mut self) -> impl Iterator<Item = &mut MacroArg> {
        self.args.iter_mut().filter(|a| !is_str_lit(&a.expr))
    }

    /// As `exprs_mut`, each with whether it is an argument of the format
    /// string (`x` in `format!("{}", x)`): borrowed only to be read.
    pub fn exprs_mut_formatted(&mut self) -> impl Iterator<Item = (bool, &mut MacroArg)> {
        let fmt = self.fmt;
        self.args
            .iter_mut()
            .enumerate()
            .filter(|(_, a)| !is_str_lit(&a.expr))
            .map(move |(i, a)| (fmt.is_some_and(|f| i > f), a))
    }

    pub fn format_string(&self) -> Option<LitStr> {
        let arg = &self.args[self.fmt?];
        match &arg.expr {
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.clone()),
            _ => None,
        }
    }

    pub fn has_named(&self, name: &str) -> bool {
        self.args
            .iter()
            .any(|a| a.name.as_ref().is_some_and(|n| n == name))
    }

    pub fn push_named(&mut self, name: Ident, expr: Expr) {
        self.args.push(MacroArg {
            expr,
            ctx: Ctx::Place,
            name: Some(name),
            lead: None,
        });
    }

    /// The invocation again, with the (rewritten) arguments.
    pub fn into_macro_expr(self, mac: &syn::Macro) -> Expr {
        let tokens = self.tokens();
        let path = &mac.path;
        let bang = &mac.bang_token;
        let body = arguments_group(mac, tokens);
        syn::parse2(quote!(#path #bang #body)).expect("a macro invocation")
    }

    pub fn tokens(&self) -> TokenStream {
        if let Some(template) = &self.template {
            let exprs: Vec<&Expr> = self.args.iter().map(|a| &a.expr).collect();
            return template.render(&exprs);
        }
        if self.repeat {
            let (a, b) = (&self.args[0].expr, &self.args[1].expr);
            return quote!(#a; #b);
        }
        if let Some(pat) = &self.pat {
            let scrutinee = &self.args[0].expr;
            return match self.args.get(1) {
                Some(guard) => {
                    let guard = &guard.expr;
                    quote!(#scrutinee, #pat if #guard)
                }
                None => quote!(#scrutinee, #pat),
            };
        }
        let mut out = TokenStream::new();
        for (i, arg) in self.args.iter().enumerate() {
            if i > 0 {
                out.extend(quote!(,));
            }
            if let Some(lead) = &arg.lead {
                if let Some((written, text)) = &lead.shorthand {
                    if arg.expr.to_token_stream().to_string() == *text {
                        out.extend(written.clone());
                        continue;
                    }
                }
                out.extend(lead.tokens.clone());
            } else if let Some(name) = &arg.name {
                name.to_tokens(&mut out);
                out.extend(quote!(=));
            }
            arg.expr.to_tokens(&mut out);
        }
        out
    }
}

fn is_str_lit(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(_),
            ..
        })
    )
}

/// Whether a string literal among `tokens` (in groups too) captures a
/// name `pred` accepts implicitly, as a format string would.
pub fn any_implicit_capture(tokens: proc_macro2::TokenStream, pred: &dyn Fn(&str) -> bool) -> bool {
    tokens.into_iter().any(|tt| match tt {
        proc_macro2::TokenTree::Literal(l) => syn::parse2::<LitStr>(l.into_token_stream())
            .is_ok_and(|fmt| implicit_captures(&fmt).iter().any(|name| pred(name))),
        proc_macro2::TokenTree::Group(g) => any_implicit_capture(g.stream(), pred),
        _ => false,
    })
}

/// Names a format string captures implicitly: `{x}`, `{x:?}`, `{:w$}`.
pub fn implicit_captures(fmt: &LitStr) -> Vec<String> {
    let s = fmt.value();
    let mut names = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '{' {
            if chars.peek() == Some(&'{') {
                chars.next();
                continue;
            }
            let mut spec = String::new();
            for c in chars.by_ref() {
                if c == '}' {
                    break;
                }
                spec.push(c);
            }
            let (arg, format) = spec.split_once(':').unwrap_or((&spec, ""));
            let arg = arg.trim();
            if is_ident(arg) {
                names.push(arg.to_string());
            }
            // Width and precision may name arguments, always just before a
            // `$` (`{:w$}`, `{:.p$e}`, `{:0w$}`, `{:>w$x}`, `{:w$?}`): the
            // identifier that ends there (after a `0` flag or a fill).
            let mut rest = format;
            while let Some(at) = rest.find('$') {
                let before = &rest[..at];
                let start = before
                    .char_indices()
                    .rev()
                    .take_while(|&(_, c)| c.is_alphanumeric() || c == '_')
                    .last()
                    .map_or(at, |(i, _)| i);
                let name = before[start..].trim_start_matches(|c: char| c.is_ascii_digit());
                if is_ident(name) {
                    names.push(name.to_string());
                }
                rest = &rest[at + 1..];
            }
        } else if c == '}' && chars.peek() == Some(&'}') {
            chars.next();
        }
    }
    names.dedup();
    names
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
        && s != "_"
}

/// Whether `mac` is one of std's macros that always panic (`panic!`,
/// `unreachable!`, `todo!`, `unimplemented!`): it never completes.
pub fn always_panics(mac: &syn::Macro) -> bool {
    matches!(
        name(mac).as_str(),
        "panic" | "unreachable" | "todo" | "unimplemented"
    )
}

/// `tokens` in `mac`'s delimiters, with the user's span: the invocation's
/// span runs from the path to them, and with one of the macro's own, rustc
/// would take the invocation for the macro's, and `panic!`'s location
/// (which `#[track_caller]` reports) for the attribute's.
fn arguments_group(mac: &syn::Macro, tokens: TokenStream) -> proc_macro2::Group {
    let delimiter = match mac.delimiter {
        syn::MacroDelimiter::Paren(_) => Delimiter::Parenthesis,
        syn::MacroDelimiter::Brace(_) => Delimiter::Brace,
        syn::MacroDelimiter::Bracket(_) => Delimiter::Bracket,
    };
    let mut group = proc_macro2::Group::new(delimiter, tokens);
    group.set_span(mac.delimiter.span().join());
    group
}

/// `debug_assert_eq!(a, f().await)`: std's `debug_assert*!` is the
/// assertion under `if cfg!(debug_assertions)`, so that nothing of it runs
/// without them. Written out so, to be lowered like any code (the
/// invocation keeps the user's spans, which a panic's location reports).
pub fn debug_assertion(mac: &syn::Macro) -> Option<Expr> {
    let name = name(mac);
    let plain = name.strip_prefix("debug_")?;
    if !matches!(plain, "assert" | "assert_eq" | "assert_ne") {
        return None;
    }
    let span = mac.path.segments.last()?.ident.span();
    let plain = syn::Ident::new(plain, span);
    let args = arguments_group(mac, mac.tokens.clone());
    syn::parse2(quote::quote_spanned! {span=>
        { if ::core::cfg!(debug_assertions) { ::core::#plain! #args } }
    })
    .ok()
}

/// `assert!(c, "{}", x.await)`: the message is evaluated only when the
/// assertion fails, so an `.await` in it must not run before the check. Such
/// an assertion is written out as the `if`/`panic!` it stands for (with std's
/// message for `assert_eq!`/`assert_ne!`), to be lowered like any code; so
/// is `assert!(f().await.ok())` (with the message `self_printing` gave it).
pub fn assert_with_suspending_message(mac: &syn::Macro) -> Option<Expr> {
    let name = name(mac);
    let (operands, debug) = match name.as_str() {
        "assert" => (1, false),
        "debug_assert" => (1, true),
        "assert_eq" | "assert_ne" => (2, false),
        "debug_assert_eq" | "debug_assert_ne" => (2, true),
        _ => return None,
    };
    let exprs = format_arguments.parse2(mac.tokens.clone()).ok()?;
    let exprs: Vec<Expr> = exprs.into_iter().collect();
    let message = exprs.get(operands..).filter(|m| !m.is_empty())?;
    // (Nor may a condition's temporaries outlive the check: `assert!(c)` is
    // `if !c { panic!(..) }`, whose condition drops them before the
    // message is evaluated. One that awaits is written out too.)
    let condition_awaits = operands == 1 && super::code::has_await(&exprs[0]);
    if !message.iter().any(super::code::has_await) && !condition_awaits {
        return None;
    }
    let span = mac
        .path
        .segments
        .last()
        .map(|s| s.ident.span())
        .unwrap_or_else(proc_macro2::Span::call_site);
    let check = if operands == 1 {
        let cond = &exprs[0];
        quote::quote_spanned! {span=>
            if !(#cond) {
                ::core::panic!(#(#message),*)
            }
        }
    } else {
        let (left, right) = (&exprs[0], &exprs[1]);
        let (op, text) = if name.ends_with("eq") {
            (quote!(==), "==")
        } else {
            (quote!(!=), "!=")
        };
        let header =
            format!("assertion `left {text} right` failed: {{}}\n  left: {{:?}}\n right: {{:?}}");
        let l = syn::Ident::new("__coro_left", proc_macro2::Span::mixed_site());
        let r = syn::Ident::new("__coro_right", proc_macro2::Span::mixed_site());
        quote::quote_spanned! {span=>
            match (&(#left), &(#right)) {
                (#l, #r) => {
                    if !(*#l #op *#r) {
                        ::core::panic!(#header, ::core::format_args!(#(#message),*), &*#l, &*#r)
                    }
                }
            }
        }
    };
    let check = if debug {
        quote::quote!(if ::core::cfg!(debug_assertions) { #check })
    } else {
        check
    };
    syn::parse2(quote::quote!({ #check })).ok()
}

/// An argument of a macro, between top-level commas: an expression, or
/// tokens that are not one (a pattern, `x; n`).
pub enum MacroItem {
    Expr(Expr),
    Raw(TokenStream),
}

impl syn::parse::Parse for MacroItem {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let fork = input.fork();
        if let Ok(e) = fork.parse::<Expr>() {
            if fork.is_empty() || fork.peek(Token![,]) {
                syn::parse::discouraged::Speculative::advance_to(input, &fork);
                return Ok(MacroItem::Expr(e));
            }
        }
        let mut tokens = TokenStream::new();
        while !input.is_empty() && !input.peek(Token![,]) {
            let tt: proc_macro2::TokenTree = input.parse()?;
            tokens.extend(std::iter::once(tt));
        }
        Ok(MacroItem::Raw(tokens))
    }
}

/// A macro's arguments as the lowering rewrites them (`lower`) and the
/// partial-move analysis reads them (`partial`): one parser for both, so
/// that both see the same expressions.
pub fn macro_items(tokens: TokenStream) -> syn::Result<Punctuated<MacroItem, Token![,]>> {
    Punctuated::<MacroItem, Token![,]>::parse_terminated.parse2(tokens)
}
