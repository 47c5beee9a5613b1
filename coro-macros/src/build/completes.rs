//! Code that never completes, as syntax shows: the shadow copy leaves such
//! a tail untyped, and a branch ending so has no value to write.

/// Whether syntax shows that `e` never completes: a `return`, a `loop`
/// nothing breaks out of, a `panic!`-like macro, `std::process::exit`, or
/// a block, `if`/`else` or `match` all of whose ways end so.
pub fn never_completes(e: &syn::Expr) -> bool {
    use syn::Expr;
    match e {
        Expr::Return(_) => true,
        Expr::Paren(p) => never_completes(&p.expr),
        Expr::Loop(l) => !breaks_out(&l.body, l.label.as_ref().map(|l| &l.name.ident)),
        Expr::Macro(m) => super::macros::always_panics(&m.mac),
        Expr::Call(c) => crate::syntax::path_ends_with(&c.func, &["process", "exit"]),
        Expr::Block(b) if b.label.is_none() => block_never_completes(&b.block),
        Expr::Unsafe(u) => block_never_completes(&u.block),
        Expr::If(i) => {
            block_never_completes(&i.then_branch)
                && i.else_branch
                    .as_ref()
                    .is_some_and(|(_, e)| never_completes(e))
        }
        Expr::Match(m) => !m.arms.is_empty() && m.arms.iter().all(|a| never_completes(&a.body)),
        _ => false,
    }
}

/// Whether the last statement of `b` never completes (see
/// [`never_completes`]).
pub fn block_never_completes(b: &syn::Block) -> bool {
    match b.stmts.last() {
        Some(syn::Stmt::Expr(e, _)) => never_completes(e),
        Some(syn::Stmt::Macro(m)) => never_completes(&syn::Expr::Macro(syn::ExprMacro {
            attrs: Vec::new(),
            mac: m.mac.clone(),
        })),
        _ => false,
    }
}

/// Whether a `break` in `body` leaves the loop labelled `label` (or the
/// innermost loop, for a bare `break` outside nested loops). Closures,
/// `async` blocks and items are other bodies; a macro whose tokens say
/// `break` may break out.
fn breaks_out(body: &syn::Block, label: Option<&syn::Ident>) -> bool {
    use syn::visit::Visit;
    struct Find<'a> {
        label: Option<&'a syn::Ident>,
        depth: usize,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Find<'_> {
        fn visit_expr_break(&mut self, b: &'ast syn::ExprBreak) {
            match &b.label {
                None if self.depth == 0 => self.found = true,
                Some(l) if self.label.is_some_and(|mine| l.ident == *mine) => self.found = true,
                _ => {}
            }
            syn::visit::visit_expr_break(self, b);
        }
        fn visit_expr_loop(&mut self, l: &'ast syn::ExprLoop) {
            self.depth += 1;
            syn::visit::visit_expr_loop(self, l);
            self.depth -= 1;
        }
        fn visit_expr_while(&mut self, w: &'ast syn::ExprWhile) {
            self.visit_expr(&w.cond);
            self.depth += 1;
            self.visit_block(&w.body);
            self.depth -= 1;
        }
        fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
            self.visit_expr(&f.expr);
            self.depth += 1;
            self.visit_block(&f.body);
            self.depth -= 1;
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            self.found |= crate::syntax::any_ident(m.tokens.clone(), &|i| i == "break");
        }
    }
    let mut find = Find {
        label,
        depth: 0,
        found: false,
    };
    find.visit_block(body);
    find.found
}
