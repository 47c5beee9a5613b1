//! Statements lowered by rustc itself, inside an `async move` block that the
//! coroutine awaits in their place.
//!
//! Some statements keep a temporary alive across one of their own awaits,
//! and how long it lives, or whether it is moved, depends on types the macro
//! cannot see:
//!
//! - `let n = Guard::new().get() + fetch().await;` (the `Guard` temporary
//!   lives to the `;`, across the await — unless `get` takes `self`);
//! - `client.get(url).send().await` (the request builder is moved into
//!   `send`, or borrowed by its future: only rustc knows which);
//! - `match lock().state { _ => step().await }` (the scrutinee's temporaries
//!   live through the arms);
//! - `v[i().await] += g().await` (primitives evaluate the right side first,
//!   overloaded `+=` the left).
//!
//! Such a statement runs as rustc lowers it: exactly right by construction.
//! Its `return`, `?`, `break` and `continue` leave the block as a `Flow`,
//! performed by the coroutine (see `select.rs`).
//!
//! Input:  `let n = Guard::new().get() + fetch().await?;`
//! Output: `let n = match async move { Flow::Value(Guard::new().get() + match branch(fetch().await)
//!              { .., Break(r) => return Flow::Return(convert(r)) }) }.await { .. };`

use super::Builder;
use super::code::{Ctx, has_await};
use super::control::is_place;
use super::macros::{self, MacroKind};
use super::select::{Jumps, dispatch, inline_async, wrap_handler};
use quote::quote_spanned;
use syn::spanned::Spanned;
use syn::{Expr, parse_quote_spanned};

/// Where the expression a native block runs stands in the user's code.
/// Which temporaries rustc drops first on the way out of an await depends
/// on it: in `D::new("z").map(match (1, D::new("t")) { _ if f().await =>
/// .. }, ..)` cancelled at the guard's await, `t` drops before `z` where
/// the call is a block's value (edition 2024's scope of a block's tail),
/// and after it where the call is a statement, a `let`'s initialiser or a
/// `match` arm's expression.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// A statement (`e;`): its value is dropped inside the block, where
    /// rustc drops it, before the statement's temporaries.
    Statement,
    /// A block's value (its tail): it stays the tail of a block.
    Tail,
    /// An operand of the code around it (a `let`'s initialiser, a `match`
    /// arm's expression, an `else if`), which the block's value stands for.
    Operand,
}

impl Builder {
    /// The statement expression `e` as a native block awaited in place, if
    /// rustc would keep one of its temporaries alive across one of its
    /// awaits; `None` if the lowering can take it apart exactly.
    ///
    /// Input:  `D::new("z").map(match t() { _ if f().await => 1, _ => 2 }, g)` (a block's tail)
    /// Output: `match async move { Flow::Value({ D::new("z").map(..) }) }.await { .. }`
    pub fn native_statement(&self, e: &Expr, position: Position) -> Option<Expr> {
        self.native_statement_typed(e, position, None)
    }

    /// `native_statement`, for a value rustc expects to be of type
    /// `expected` (a tail's, a typed `let`'s): it is typed so inside the
    /// block, where it coerces as rustc's does (see `select::typed_value`).
    pub fn native_statement_typed(
        &self,
        e: &Expr,
        position: Position,
        expected: Option<&syn::Type>,
    ) -> Option<Expr> {
        self.native_statement_keeping(e, position, expected, Keeps::ALL)
    }

    /// `native_statement_typed`, where the lowering keeps the temporaries
    /// `keeps` says (see `Keeps`) itself.
    pub fn native_statement_keeping(
        &self,
        e: &Expr,
        position: Position,
        expected: Option<&syn::Type>,
        keeps: Keeps,
    ) -> Option<Expr> {
        if !has_await(e) || !temporary_spans_await(e, keeps) {
            return None;
        }
        let span = e.span();
        let (body, expected) = match position {
            Position::Statement => (parse_quote_spanned!(span=> { #e; }), None),
            Position::Tail => (parse_quote_spanned!(span=> { #e }), expected),
            Position::Operand => (e.clone(), expected),
        };
        Some(self.native(body, e, expected))
    }

    // Input:  `guard!("a"); work().await; done()` (`guard!` a macro of
    //         one's own, expanding to `let _g = Guard("a");`)
    // Output: `match async move { Flow::Value({ guard!("a"); work().await;
    //         done() }) }.await { .. }`
    /// The statements from a macro of one's own that is a statement, to
    /// the end of their list, as a native block awaited in place, if they
    /// await: the macro may declare a `let` (scopeguard's `defer!`) that
    /// lives to the end of the block, across those awaits, which the
    /// lowering cannot see.
    pub fn native_rest_after_macro(&self, rest: &[syn::Stmt]) -> Option<Expr> {
        let syn::Stmt::Macro(first) = rest.first()? else {
            return None;
        };
        // (Not one naming a variable of the coroutine, which it could not
        // reach from inside the block: see `Access::Macro`.)
        let unseen = matches!(macros::classify(&first.mac), MacroKind::Opaque)
            && !crate::syntax::any_ident(first.mac.tokens.clone(), &|i| {
                self.lookup(&i.to_string()).is_some()
            })
            && !macros::any_implicit_capture(first.mac.tokens.clone(), &|name| {
                self.lookup(name).is_some()
            });
        let awaits = super::code::block_has_await(&syn::Block {
            brace_token: Default::default(),
            stmts: rest[1..].to_vec(),
        });
        if !unseen || !awaits {
            return None;
        }
        let span = first.span();
        let body: Expr = parse_quote_spanned!(span=> { #(#rest)* });
        Some(self.native(body.clone(), &body, None))
    }

    /// `body` as a native block awaited in place, its exits performed by
    /// the coroutine; `source`, the user's code it stands for (the state's
    /// doc comment); `expected`, the type rustc expects of its value.
    fn native(&self, mut body: Expr, source: &Expr, expected: Option<&syn::Type>) -> Expr {
        let span = source.span();
        let mut jumps = Jumps::new(self.innermost_loop_label());
        jumps.break_types = self.typed_breaks();
        wrap_handler(&mut body, self.ret_ty.as_ref(), expected, &mut jumps);
        let block = inline_async(quote_spanned!(span=> #body), source, span);
        let awaited: Expr = parse_quote_spanned!(span=> (#block).await);
        dispatch(awaited, jumps, span)
    }
}

/// Whether evaluating `e` (a statement's expression) keeps a temporary
/// alive across one of its awaits.
pub fn temporary_spans_await(e: &Expr, keeps: Keeps) -> bool {
    let mut walk = Walk {
        temporary: false,
        spans: false,
        depth: 0,
        keeps,
        hoisted_here: true,
    };
    walk.expr(e);
    walk.spans
}

/// The temporaries across a statement's awaits that the lowering keeps
/// itself (in homes of its own, dropped at the end of the statement), so
/// that the statement need not run as a native block.
#[derive(Clone, Copy, Default)]
pub struct Keeps {
    /// Borrowed results of calls, `format!`s and `vec!`s (see
    /// `hoistable_borrow`), and temporaries whose field or element is read
    /// (see `Walk::keeps_projected`): what `Builder::hoist_borrowed_temporaries`
    /// gives homes.
    pub hoisted_temporaries: bool,
    /// The value arguments of a `format!` or `print!` (see
    /// `macros::is_format_block`): rustc drops them at the end of the
    /// macro's block, and so does the lowering (`Builder::macro_expr`).
    pub format_arguments: bool,
}

impl Keeps {
    pub const ALL: Keeps = Keeps {
        hoisted_temporaries: true,
        format_arguments: true,
    };
}

struct Walk {
    /// A temporary that lives to the end of the statement exists.
    temporary: bool,
    spans: bool,
    /// How deep in the statement's expression the walk is (0: the whole).
    depth: usize,
    keeps: Keeps,
    /// The lowering would give a borrowed temporary here a home: every
    /// expression from the statement's down to here is one that
    /// `Builder::hoist_borrowed_temporaries` takes apart (see
    /// `expr::hoisting_looks_inside`).
    hoisted_here: bool,
}

/// Whether any arm of `m` (its body or its guard) awaits.
fn arms_await(m: &syn::ExprMatch) -> bool {
    m.arms
        .iter()
        .any(|a| has_await(&a.body) || matches!(&a.pat, syn::Pat::Guard(g) if has_await(&g.guard)))
}

/// A `match` whose arms await: the lowering keeps its scrutinee in a var
/// through them (`Builder::match_expr`, by `keep`, which hoists the
/// scrutinee's borrowed and projected temporaries), so the walk of the
/// scrutinee is one that hoisting looks inside. (Its arms are walked as
/// statements of their own.)
fn keeps_its_scrutinee(e: &Expr) -> bool {
    matches!(e, Expr::Match(m) if arms_await(m))
}

/// `&make()`, `&s.to_string()`, `&format!(..)`: a borrowed temporary the
/// lowering keeps in a home of its own to the end of the statement (see
/// `Builder::hoist_borrowed_temporaries`), as rustc does, whatever the
/// types. Not a literal that builds its value from what rustc expects
/// (`&[&name, &s]` coerced to `&[&str]`), which a home of its own would
/// type without; nor a constructor (`&Some(7)`, `&W(4)`), which rustc
/// promotes to a constant when its arguments are: no temporary at all.
fn hoistable_borrow(referent: &Expr) -> bool {
    match crate::syntax::unparenthesised(referent) {
        Expr::MethodCall(_) => true,
        // (`&format!(..)`, `&vec![..]`: a `String`, a `Vec` typed by its
        // elements, never by what is expected of the borrow.)
        Expr::Macro(m) => matches!(macros::name(&m.mac).as_str(), "format" | "vec"),
        Expr::Call(c) => match crate::syntax::unparenthesised(&c.func) {
            Expr::Path(p) => p.path.segments.last().is_some_and(|s| {
                s.ident
                    .to_string()
                    .trim_start_matches("r#")
                    .starts_with(|c: char| c.is_lowercase() || c == '_')
            }),
            _ => false,
        },
        _ => false,
    }
}

impl Walk {
    /// Whether the lowering keeps `base`, the temporary whose field or
    /// element is read here, in a home of its own (see
    /// `Builder::hoist_borrowed_temporaries`): a tuple, struct, array or
    /// call, or an awaited value (already in the lowering's own var).
    fn keeps_projected(&self, base: &Expr) -> bool {
        let base = crate::syntax::unparenthesised(base);
        self.keeps.hoisted_temporaries
            && self.hoisted_here
            && (super::expr::is_temporary_value(base) || matches!(base, Expr::Await(_)))
    }

    fn expr(&mut self, e: &Expr) {
        self.depth += 1;
        let reached = self.hoisted_here;
        self.hoisted_here =
            reached && (super::expr::hoisting_looks_inside(e) || keeps_its_scrutinee(e));
        self.expr_at(e);
        self.hoisted_here = reached;
        self.depth -= 1;
    }

    fn expr_at(&mut self, e: &Expr) {
        match e {
            Expr::Await(a) => {
                self.expr(&a.base);
                if self.temporary {
                    self.spans = true;
                }
            }
            Expr::MethodCall(m) => {
                self.expr(&m.receiver);
                if !is_place(&m.receiver) {
                    self.temporary = true;
                }
                m.args.iter().for_each(|a| self.expr(a));
            }
            Expr::Reference(r) => {
                self.expr(&r.expr);
                let kept = self.keeps.hoisted_temporaries
                    && self.hoisted_here
                    && hoistable_borrow(&r.expr);
                if !is_place(&r.expr) && !kept && !super::expr::is_promoted(r) {
                    self.temporary = true;
                }
            }
            Expr::Field(f) => {
                self.expr(&f.base);
                if !is_place(&f.base) && !self.keeps_projected(&f.base) {
                    self.temporary = true;
                }
            }
            Expr::Index(i) => {
                self.expr(&i.expr);
                if !is_place(&i.expr) && !self.keeps_projected(&i.expr) {
                    self.temporary = true;
                }
                self.expr(&i.index);
            }
            Expr::Binary(b) if crate::syntax::is_compound_assignment(&b.op) => {
                // The order is the types' (primitive: right first; overloaded:
                // left first): only rustc can evaluate it.
                if !is_pure_place(&b.left)
                    && has_effects(&b.right)
                    && (has_await(&b.left) || has_await(&b.right))
                {
                    self.spans = true;
                }
                self.expr(&b.right);
                self.expr(&b.left);
            }
            Expr::Binary(b) if is_comparison(&b.op) => {
                // A primitive comparison reads its left operand before it
                // evaluates the right one; the lowering reads a place on the
                // left after the right's awaits, which is the same unless
                // the right changes that place (`a >= { a += 6; f().await }`,
                // which rustc accepts only for a `Copy` value).
                if has_await(&b.right) && is_pure_place(&b.left) && may_change(&b.right, &b.left) {
                    self.spans = true;
                }
                self.expr(&b.left);
                self.expr(&b.right);
            }
            Expr::Match(m) => {
                self.expr(&m.expr);
                if self.temporary && arms_await(m) {
                    self.spans = true;
                }
                // A `match` inside the statement's expression: the value it
                // matches, if a temporary, lives to the end of the statement
                // (the lowering keeps only the whole statement's own
                // scrutinee through its arms).
                // (One that a literal pattern matches has no drop glue: when
                // it drops does not show.)
                if self.depth > 1
                    && !is_place(&m.expr)
                    && !crate::partial::literal_matched(m.arms.iter().map(|a| &a.pat))
                {
                    self.temporary = true;
                }
            }
            Expr::If(i) => {
                let before = self.temporary;
                self.expr(&i.cond);
                // An `if let` keeps its scrutinee's temporaries through the
                // `then` block; a plain condition drops them before it.
                if self.temporary
                    && is_let_chain(&i.cond)
                    && super::code::block_has_await(&i.then_branch)
                {
                    self.spans = true;
                }
                // A temporary from before the `if` lives through either branch.
                let else_awaits = i.else_branch.as_ref().is_some_and(|(_, e)| has_await(e));
                if before && (super::code::block_has_await(&i.then_branch) || else_awaits) {
                    self.spans = true;
                }
                self.temporary = before;
            }
            Expr::ForLoop(f) => {
                self.expr(&f.expr);
                // The iterable's temporaries live to the loop's end. The
                // lowering ends them where it makes the iterator, before
                // the body: right only if nothing runs in between, which
                // the body does when the loop is lowered at all (it or
                // the iterable suspends).
                if self.temporary && (super::code::block_has_await(&f.body) || has_await(&f.expr)) {
                    self.spans = true;
                }
            }
            Expr::While(w) => {
                let before = self.temporary;
                self.expr(&w.cond);
                if (before || self.temporary && is_let_chain(&w.cond))
                    && super::code::block_has_await(&w.body)
                {
                    self.spans = true;
                }
                self.temporary = before;
            }
            Expr::Let(l) => self.expr(&l.expr),
            // A macro of known grammar evaluates its arguments as part of
            // the statement (`vec![D::new().get()]`): their temporaries live
            // to its end; a format argument is borrowed, so one that is a
            // value is a temporary itself.
            // One the lowering cannot see into may make temporaries of its
            // own (`len!("t")` as `Guard("t").len()`): they live to the end
            // of the statement too.
            Expr::Macro(m) => {
                let shape = match macros::classify(&m.mac) {
                    MacroKind::Args(shape) => shape,
                    MacroKind::Opaque => {
                        self.temporary = true;
                        return;
                    }
                    MacroKind::Inert | MacroKind::Suspending => return,
                };
                let Some(args) = macros::parse_args(&m.mac, &shape) else {
                    return;
                };
                let before = self.temporary;
                // (A format argument that is a value is a temporary the
                // lowering keeps too: it drops it where the macro ends.)
                let kept = self.keeps.format_arguments && macros::is_format_block(&m.mac);
                for arg in &args.args {
                    self.expr(&arg.expr);
                    let value = !is_place(&arg.expr) && !macros::is_constant(&arg.expr);
                    if arg.ctx == Ctx::Place && value && !kept {
                        self.temporary = true;
                    }
                }
                // `format!` and `print!` are blocks: their temporaries are
                // gone when they end.
                if macros::is_scoped(&m.mac) {
                    self.temporary = before;
                }
                // `format_args!` is no block: the `Arguments` it makes
                // borrows the array of its arguments (and a place it
                // captures by name, `"{x}"`, through a temporary
                // reference), which lives to the end of the statement, so
                // across an await of the call it is passed to
                // (`w.line(format_args!("{x}")).await`).
                if macros::name(&m.mac) == "format_args" {
                    self.temporary = true;
                }
            }
            // Statements inside blocks are lowered (and judged) one by one,
            // but a temporary of this statement made before the block lives
            // across the block's awaits; closures and async blocks are not
            // this statement's code.
            Expr::Block(_) | Expr::Unsafe(_) | Expr::Loop(_) if self.temporary && has_await(e) => {
                self.spans = true;
            }
            Expr::Block(_)
            | Expr::Unsafe(_)
            | Expr::Loop(_)
            | Expr::Closure(_)
            | Expr::Async(_)
            | Expr::Const(_) => {}
            Expr::Array(a) => a.elems.iter().for_each(|e| self.expr(e)),
            Expr::Assign(a) => {
                self.expr(&a.right);
                self.expr(&a.left);
            }
            Expr::Binary(b) => {
                self.expr(&b.left);
                self.expr(&b.right);
            }
            Expr::Break(b) => {
                if let Some(v) = &b.expr {
                    self.expr(v);
                }
            }
            Expr::Call(c) => {
                self.expr(&c.func);
                c.args.iter().for_each(|a| self.expr(a));
            }
            Expr::Cast(c) => self.expr(&c.expr),
            Expr::Group(g) => self.expr(&g.expr),
            Expr::Paren(p) => self.expr(&p.expr),
            Expr::Range(r) => {
                if let Some(s) = &r.start {
                    self.expr(s);
                }
                if let Some(s) = &r.end {
                    self.expr(s);
                }
            }
            Expr::RawAddr(r) => self.expr(&r.expr),
            Expr::Repeat(r) => self.expr(&r.expr),
            Expr::Return(r) => {
                if let Some(v) = &r.expr {
                    self.expr(v);
                }
            }
            Expr::Struct(s) => {
                s.fields.iter().for_each(|f| self.expr(&f.expr));
                if let Some(rest) = &s.rest {
                    self.expr(rest);
                }
            }
            Expr::Try(t) => self.expr(&t.expr),
            Expr::Tuple(t) => t.elems.iter().for_each(|e| self.expr(e)),
            Expr::Unary(u) => self.expr(&u.expr),
            _ => {}
        }
    }
}

fn is_let_chain(cond: &Expr) -> bool {
    super::control::let_chain(cond)
}

/// A place whose evaluation has no effects: `x`, `x.f`, `*x`, `x[i]` with a
/// variable or literal index.
fn is_pure_place(e: &Expr) -> bool {
    match e {
        Expr::Path(_) => true,
        Expr::Field(f) => is_pure_place(&f.base),
        Expr::Paren(p) => is_pure_place(&p.expr),
        Expr::Unary(u) => matches!(u.op, syn::UnOp::Deref(_)) && is_pure_place(&u.expr),
        Expr::Index(i) => {
            is_pure_place(&i.expr) && matches!(&*i.index, Expr::Path(_) | Expr::Lit(_))
        }
        _ => false,
    }
}

fn is_comparison(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(op, Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_))
}

/// The variable a pure place starts from (`a` of `a.b[i]`, `*a`).
fn place_root(e: &Expr) -> Option<proc_macro2::Ident> {
    match e {
        Expr::Path(p) => p.path.get_ident().cloned(),
        Expr::Field(f) => place_root(&f.base),
        Expr::Paren(p) => place_root(&p.expr),
        Expr::Unary(u) => place_root(&u.expr),
        Expr::Index(i) => place_root(&i.expr),
        _ => None,
    }
}

/// The fields a place names below its variable, as far as they are fields
/// (`p.a.b` → `[a, b]`; `p.v[i].x` → `[v]`: past an index or a
/// dereference, any part of `p.v` may be meant).
fn place_fields(e: &Expr) -> Vec<&syn::Member> {
    let (base, members) = crate::syntax::field_chain(e);
    match base {
        Expr::Path(_) => members,
        Expr::Index(i) => place_fields(&i.expr),
        Expr::Unary(u) => place_fields(&u.expr),
        _ => Vec::new(),
    }
}

/// Whether two places of one variable may overlap: one's fields begin
/// with the other's (`p` and `p.n`, `p.v` and `p.v[0]`), unlike `p.n`
/// and `p.d`.
fn overlap(a: &Expr, b: &Expr) -> bool {
    let (a, b) = (place_fields(a), place_fields(b));
    a.iter().zip(&b).all(|(x, y)| x == y)
}

/// Whether evaluating `e` may change the place `place` (a variable or a
/// field of one): an assignment to a place overlapping it, `&mut` of one,
/// a method call on one (it may take `&mut self`), or a closure, `async`
/// block or macro that names its variable (not seen into). A plain read
/// does not, nor a change of another field (`p.d.set(1)` for `p.n`).
fn may_change(e: &Expr, place: &Expr) -> bool {
    use syn::visit::Visit;
    struct Find<'a> {
        name: proc_macro2::Ident,
        place: &'a Expr,
        found: bool,
    }
    impl Find<'_> {
        fn rooted(&self, other: &Expr) -> bool {
            place_root(other).is_some_and(|r| r == self.name) && overlap(other, self.place)
        }
        fn named(&self, tokens: proc_macro2::TokenStream) -> bool {
            tokens.into_iter().any(|tt| match tt {
                proc_macro2::TokenTree::Ident(i) => i == self.name,
                proc_macro2::TokenTree::Group(g) => self.named(g.stream()),
                _ => false,
            })
        }
    }
    impl<'ast> Visit<'ast> for Find<'_> {
        fn visit_expr(&mut self, e: &'ast Expr) {
            let changes = match e {
                Expr::Assign(a) => self.rooted(&a.left),
                Expr::Binary(b) if crate::syntax::is_compound_assignment(&b.op) => {
                    self.rooted(&b.left)
                }
                Expr::Reference(r) => r.mutability.is_some() && self.rooted(&r.expr),
                Expr::MethodCall(m) => self.rooted(&m.receiver),
                Expr::Closure(_) | Expr::Async(_) | Expr::Macro(_) => {
                    self.named(quote::ToTokens::to_token_stream(e))
                }
                _ => false,
            };
            if changes {
                self.found = true;
            } else {
                syn::visit::visit_expr(self, e);
            }
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            if self.named(m.tokens.clone()) {
                self.found = true;
            }
        }
    }
    let Some(name) = place_root(place) else {
        return false;
    };
    let mut find = Find {
        name,
        place,
        found: false,
    };
    find.visit_expr(e);
    find.found
}

/// Whether evaluating `e` may have effects (a call, a macro, an await).
fn has_effects(e: &Expr) -> bool {
    !matches!(e, Expr::Lit(_) | Expr::Path(_)) && !is_pure_place(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comparison_operand_changed_by_the_other_is_told_from_one_read() {
        let n: Expr = syn::parse_quote!(n);
        let changes = |src: &str| may_change(&syn::parse_str(src).expect("an expression"), &n);
        assert!(changes("{ n += 6; f().await }"));
        assert!(changes("{ n = 1; f().await }"));
        assert!(changes("g(&mut n.x, f().await)"));
        assert!(changes("n.push(f().await)"));
        assert!(changes("{ let c = || n; f().await }"));
        assert!(changes("vec![n, f().await]"));
        assert!(!changes(
            "match (n, D::new()) { (0, _) => f().await, _ => 1 }"
        ));
        assert!(!changes("g(&n, m.push(f().await))"));
    }

    #[test]
    fn a_change_of_another_field_leaves_a_compared_field_as_it_was() {
        let left: Expr = syn::parse_quote!(p.n);
        let changes = |src: &str| may_change(&syn::parse_str(src).expect("an expression"), &left);
        assert!(!changes("f(p.d.get()).await"));
        assert!(!changes("{ p.d = D::new(); f().await }"));
        assert!(!changes("g(&mut p.m, f().await)"));
        assert!(changes("f(p.get()).await"));
        assert!(changes("{ p.n += 1; f().await }"));
        assert!(changes("g(&mut p.n.x, f().await)"));
        assert!(changes("{ p = P::new(); f().await }"));
        assert!(changes("{ (*p).n = 1; f().await }"));
        let indexed: Expr = syn::parse_quote!(p.v[0]);
        let changes =
            |src: &str| may_change(&syn::parse_str(src).expect("an expression"), &indexed);
        assert!(changes("{ p.v[1] = 2; f().await }"));
        assert!(!changes("{ p.w[0] = 2; f().await }"));
    }
}
