//! Lint attributes on expressions, dropped from the lowered copy.
//!
//! `#[allow(unreachable_code)] __ret` is a valid tail of a block (as
//! `#[async_trait]` writes it), but the lowering moves tails and operands
//! into other positions (`let __coro_ret: T = __ret;`), where an attribute
//! on an expression is unstable (E0658). In the lowered copy lints are the
//! macro's own business (one `#[allow]` covers it). The shadow copy keeps
//! the user's attributes, so that rustc still lints the user's code, and
//! checks each `#[expect]`, as written; where it types a tail or a `return`
//! value (`let __coro_ret: T = value;`), the value's lint attributes move to
//! that `let` (`take`).
//!
//! ```text
//! Input:  let r = #[allow(clippy::cast_possible_truncation)] (n as u8); #[allow(unreachable_code)] r
//! Output: let r = (n as u8); r
//! ```

use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Expr, Stmt};

/// The statements without lint attributes on their expressions.
pub fn strip(stmts: &mut [Stmt]) {
    let mut visitor = Strip;
    stmts.iter_mut().for_each(|s| visitor.visit_stmt_mut(s));
}

/// Takes the lint attributes off `e` itself (not off its operands).
pub fn take(e: &mut Expr) -> Vec<Attribute> {
    let Some(attrs) = expr_attrs(e) else {
        return Vec::new();
    };
    let (lints, others) = std::mem::take(attrs).into_iter().partition(is_lint_level);
    *attrs = others;
    lints
}

pub fn is_lint_level(attr: &Attribute) -> bool {
    ["allow", "warn", "deny", "forbid", "expect"]
        .iter()
        .any(|level| attr.path().is_ident(level))
}

struct Strip;

impl VisitMut for Strip {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if let Some(attrs) = expr_attrs(e) {
            attrs.retain(|a| !is_lint_level(a));
        }
        visit_mut::visit_expr_mut(self, e);
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// The outer attributes of an expression.
fn expr_attrs(e: &mut Expr) -> Option<&mut Vec<Attribute>> {
    Some(match e {
        Expr::Array(x) => &mut x.attrs,
        Expr::Assign(x) => &mut x.attrs,
        Expr::Async(x) => &mut x.attrs,
        Expr::Await(x) => &mut x.attrs,
        Expr::Binary(x) => &mut x.attrs,
        Expr::Block(x) => &mut x.attrs,
        Expr::Break(x) => &mut x.attrs,
        Expr::Call(x) => &mut x.attrs,
        Expr::Cast(x) => &mut x.attrs,
        Expr::Closure(x) => &mut x.attrs,
        Expr::Const(x) => &mut x.attrs,
        Expr::Continue(x) => &mut x.attrs,
        Expr::Field(x) => &mut x.attrs,
        Expr::ForLoop(x) => &mut x.attrs,
        Expr::Group(x) => &mut x.attrs,
        Expr::If(x) => &mut x.attrs,
        Expr::Index(x) => &mut x.attrs,
        Expr::Infer(x) => &mut x.attrs,
        Expr::Let(x) => &mut x.attrs,
        Expr::Lit(x) => &mut x.attrs,
        Expr::Loop(x) => &mut x.attrs,
        Expr::Macro(x) => &mut x.attrs,
        Expr::Match(x) => &mut x.attrs,
        Expr::MethodCall(x) => &mut x.attrs,
        Expr::Paren(x) => &mut x.attrs,
        Expr::Path(x) => &mut x.attrs,
        Expr::Range(x) => &mut x.attrs,
        Expr::RawAddr(x) => &mut x.attrs,
        Expr::Reference(x) => &mut x.attrs,
        Expr::Repeat(x) => &mut x.attrs,
        Expr::Return(x) => &mut x.attrs,
        Expr::Struct(x) => &mut x.attrs,
        Expr::Try(x) => &mut x.attrs,
        Expr::TryBlock(x) => &mut x.attrs,
        Expr::Tuple(x) => &mut x.attrs,
        Expr::Unary(x) => &mut x.attrs,
        Expr::Unsafe(x) => &mut x.attrs,
        Expr::While(x) => &mut x.attrs,
        Expr::Yield(x) => &mut x.attrs,
        _ => return None,
    })
}

// Input:  `pub async fn next(&mut self) -> Option<Frame>`
// Output: `#[allow(clippy::should_implement_trait)] pub fn next(&mut self)
//         -> impl Future<Output = Option<Frame>>`
/// Whether a method of this name is one clippy's `should_implement_trait`
/// compares with std's traits' (`next`, `default`, `from_str`, ..). The lint
/// skips an `async fn`, whose output is a future and so no trait's; the
/// lowered function is not `async`, and gets an `allow` of it, as the
/// `async fn` has none to give.
pub fn std_trait_method_name(name: &str) -> bool {
    matches!(
        name,
        "add"
            | "as_mut"
            | "as_ref"
            | "bitand"
            | "bitor"
            | "bitxor"
            | "borrow"
            | "borrow_mut"
            | "clone"
            | "cmp"
            | "default"
            | "deref"
            | "deref_mut"
            | "div"
            | "drop"
            | "eq"
            | "from_iter"
            | "from_str"
            | "hash"
            | "index"
            | "index_mut"
            | "into_iter"
            | "mul"
            | "neg"
            | "next"
            | "not"
            | "rem"
            | "shl"
            | "shr"
            | "sub"
    )
}
