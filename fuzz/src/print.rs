//! Prints a [`Program`] as Rust source, in the differential suite's case
//! format (`pub mod NAME { use super::*; #[self::coroutine] pub async fn
//! run() .. }`).
//!
//! Parenthesises every operand that is not a primary expression, so that the
//! printed text parses as the tree it came from whatever the tree's shape
//! (a block-like expression never starts a statement it does not end, a
//! struct literal never stands bare in a condition).

use crate::ast::*;

/// The attribute on `run`: lowered (`#[self::coroutine]`) or parked
/// (`#[::coro::__private::identity]`, native on both sides).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Attr {
    Coroutine,
    Parked,
}

/// The whole case module. `doc` lines become `///` comments, `comment`
/// lines `//` comments above `run`.
pub fn case_module(p: &Program, attr: Attr, doc: &[String], comment: &[String]) -> String {
    let mut out = String::new();
    for d in doc {
        out.push_str(&format!("/// {d}\n"));
    }
    // Generated code is not tidy (unused labels and values, statements
    // without effect): a saved case must not fail the suite's lints.
    out.push_str("#[allow(unused, unreachable_code, clippy::all)]\n");
    out.push_str(&format!("pub mod {} {{\n    use super::*;\n\n", p.name));
    if crate::own_macros::used(&p.body) {
        for line in crate::own_macros::DEFINITIONS.lines() {
            out.push_str(&format!("    {line}\n"));
        }
        out.push('\n');
    }
    for c in comment {
        out.push_str(&format!("    // {c}\n"));
    }
    let attr = match attr {
        Attr::Coroutine => "#[self::coroutine]",
        Attr::Parked => "#[::coro::__private::identity]",
    };
    let ret = match p.ret {
        Ret::Int => "i64",
        Ret::Result => "Result<i64, i64>",
    };
    out.push_str(&format!("    {attr}\n    pub async fn run() -> {ret} "));
    let mut pr = Printer {
        out: String::new(),
        indent: 1,
    };
    pr.block(&p.body);
    out.push_str(&pr.out);
    out.push_str("\n}\n");
    out
}

/// The body alone (for sizes and tests).
pub fn body(b: &Block) -> String {
    let mut pr = Printer {
        out: String::new(),
        indent: 0,
    };
    pr.block(b);
    pr.out
}

/// One expression as printed in a program.
pub fn expr(e: &Expr) -> String {
    let mut pr = Printer {
        out: String::new(),
        indent: 0,
    };
    pr.expr(e);
    pr.out
}

struct Printer {
    out: String,
    indent: usize,
}

impl Printer {
    fn nl(&mut self) {
        self.out.push('\n');
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
    }

    fn s(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn block(&mut self, b: &Block) {
        self.s("{");
        self.indent += 1;
        for st in &b.stmts {
            self.nl();
            self.stmt(st);
        }
        if let Some(t) = &b.tail {
            self.nl();
            self.expr(t);
        }
        self.indent -= 1;
        self.nl();
        self.s("}");
    }

    fn stmt(&mut self, st: &Stmt) {
        match st {
            Stmt::Let { pat, init, els } => {
                self.s(&format!("let {pat} = "));
                // A `let .. else` initialiser must not end with `}`.
                if els.is_some() && init.is_block_like() {
                    self.paren(init);
                } else {
                    self.expr(init);
                }
                if let Some(e) = els {
                    self.s(" else ");
                    self.block(e);
                }
                self.s(";");
            }
            Stmt::Expr(e) => {
                self.expr(e);
                if !(e.is_block_like() && e.ty == Ty::Unit) {
                    self.s(";");
                }
            }
        }
    }

    fn paren(&mut self, e: &Expr) {
        self.s("(");
        self.expr(e);
        self.s(")");
    }

    /// An operand of a unary, binary, cast or postfix operator.
    fn operand(&mut self, e: &Expr) {
        if is_primary(e) {
            self.expr(e);
        } else {
            self.paren(e);
        }
    }

    /// A condition or scrutinee: a struct literal must be parenthesised.
    fn head(&mut self, e: &Expr) {
        if matches!(e.kind, Kind::Struct(..)) {
            self.paren(e);
        } else {
            self.expr(e);
        }
    }

    fn list(&mut self, es: &[Expr]) {
        for (i, e) in es.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.expr(e);
        }
    }

    fn label(&mut self, l: &str) {
        self.s(&format!("'{l}: "));
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            Kind::Atom(t) => self.s(t),
            Kind::Call(f, args) => {
                self.s(f);
                self.s("(");
                self.list(args);
                self.s(")");
            }
            Kind::Method(r, m, args) => {
                self.operand(r);
                self.s(&format!(".{m}("));
                self.list(args);
                self.s(")");
            }
            Kind::Macro {
                name,
                brackets,
                args,
            } => {
                self.s(&format!("{name}!"));
                self.s(if *brackets { "[" } else { "(" });
                self.list(args);
                self.s(if *brackets { "]" } else { ")" });
            }
            Kind::Await(f) => {
                self.operand(f);
                self.s(".await");
            }
            Kind::Try(f) => {
                self.operand(f);
                self.s("?");
            }
            Kind::Field(r, f) => {
                self.operand(r);
                self.s(&format!(".{f}"));
            }
            Kind::Unary(op, x) => {
                self.s(op);
                self.operand(x);
            }
            Kind::Binary(op, l, r) => {
                self.operand(l);
                self.s(&format!(" {op} "));
                self.operand(r);
            }
            Kind::Cast(x, ty) => {
                self.operand(x);
                self.s(&format!(" as {ty}"));
            }
            Kind::Tuple(es) => {
                self.s("(");
                self.list(es);
                if es.len() == 1 {
                    self.s(",");
                }
                self.s(")");
            }
            Kind::Struct(name, fields) => {
                self.s(&format!("{name} {{ "));
                for (i, (f, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        self.s(", ");
                    }
                    self.s(&format!("{f}: "));
                    self.expr(v);
                }
                self.s(" }");
            }
            Kind::Block(label, b) => {
                if let Some(l) = label {
                    self.label(l);
                }
                self.block(b);
            }
            Kind::If(conds, then, els) => {
                self.s("if ");
                for (i, c) in conds.iter().enumerate() {
                    if i > 0 {
                        self.s(" && ");
                    }
                    match c {
                        // In a let chain every operand binds tighter than `&&`.
                        Cond::Expr(x) if conds.len() > 1 => self.operand(x),
                        Cond::Expr(x) => self.head(x),
                        Cond::Let(p, x) => {
                            self.s(&format!("let {p} = "));
                            if conds.len() > 1 {
                                self.operand(x);
                            } else {
                                self.head(x);
                            }
                        }
                    }
                }
                self.s(" ");
                self.block(then);
                if let Some(b) = els {
                    self.s(" else ");
                    // `else if` for an else block that is only an `if`.
                    match (&b.stmts[..], &b.tail) {
                        ([], Some(t)) if matches!(t.kind, Kind::If(..)) => self.expr(t),
                        _ => self.block(b),
                    }
                }
            }
            Kind::Match(scrut, arms) => {
                self.s("match ");
                self.head(scrut);
                self.s(" {");
                self.indent += 1;
                for a in arms {
                    self.nl();
                    self.s(&a.pat);
                    if let Some(g) = &a.guard {
                        self.s(" if ");
                        self.expr(g);
                    }
                    self.s(" => ");
                    self.expr(&a.body);
                    self.s(",");
                }
                self.indent -= 1;
                self.nl();
                self.s("}");
            }
            Kind::Loop {
                label,
                counter,
                limit,
                exit,
                body,
            } => {
                self.s("{");
                self.indent += 1;
                self.nl();
                self.s(&format!("let mut {counter} = 0;"));
                self.nl();
                self.label(label);
                self.s("loop {");
                self.indent += 1;
                self.nl();
                self.s(&format!("{counter} += 1;"));
                self.nl();
                self.s(&format!("if {counter} > {limit} {{"));
                self.indent += 1;
                self.nl();
                self.s(&format!("break '{label}"));
                if let Some(x) = exit {
                    self.s(" ");
                    self.expr(x);
                }
                self.s(";");
                self.indent -= 1;
                self.nl();
                self.s("}");
                self.block_contents(body);
                self.indent -= 1;
                self.nl();
                self.s("}");
                self.indent -= 1;
                self.nl();
                self.s("}");
            }
            Kind::While {
                label,
                counter,
                limit,
                cond,
                body,
            } => {
                self.s("{");
                self.indent += 1;
                self.nl();
                self.s(&format!("let mut {counter} = 0;"));
                self.nl();
                self.label(label);
                self.s(&format!("while {counter} < {limit}"));
                if let Some(c) = cond {
                    self.s(" && ");
                    self.operand(c);
                }
                self.s(" {");
                self.indent += 1;
                self.nl();
                self.s(&format!("{counter} += 1;"));
                self.block_contents(body);
                self.indent -= 1;
                self.nl();
                self.s("}");
                self.indent -= 1;
                self.nl();
                self.s("}");
            }
            Kind::WhileLet {
                label,
                pat,
                expr,
                body,
            } => {
                self.label(label);
                self.s(&format!("while let {pat} = "));
                self.head(expr);
                self.s(" ");
                self.block(body);
            }
            Kind::For {
                label,
                pat,
                iter,
                body,
            } => {
                self.label(label);
                self.s(&format!("for {pat} in "));
                self.head(iter);
                self.s(" ");
                self.block(body);
            }
            Kind::Break(label, v) => {
                self.s("break");
                if let Some(l) = label {
                    self.s(&format!(" '{l}"));
                }
                if let Some(v) = v {
                    self.s(" ");
                    self.operand(v);
                }
            }
            Kind::Continue(label) => {
                self.s("continue");
                if let Some(l) = label {
                    self.s(&format!(" '{l}"));
                }
            }
            Kind::Return(v) => {
                self.s("return");
                if let Some(v) = v {
                    self.s(" ");
                    self.expr(v);
                }
            }
            Kind::Assign(op, place, v) => {
                self.operand(place);
                self.s(&format!(" {op} "));
                self.expr(v);
            }
        }
    }

    /// The statements and tail of `b`, continuing an open brace.
    fn block_contents(&mut self, b: &Block) {
        for st in &b.stmts {
            self.nl();
            self.stmt(st);
        }
        if let Some(t) = &b.tail {
            self.nl();
            self.stmt(&Stmt::Expr((**t).clone()));
        }
    }
}

/// Expressions that may stand as an operand without parentheses.
fn is_primary(e: &Expr) -> bool {
    matches!(
        e.kind,
        Kind::Atom(_)
            | Kind::Call(..)
            | Kind::Method(..)
            | Kind::Macro { .. }
            | Kind::Await(_)
            | Kind::Try(_)
            | Kind::Field(..)
            | Kind::Tuple(_)
    )
}

/// A size measure for the shrinker: the printed length without whitespace.
pub fn size(p: &Program) -> usize {
    body(&p.body).chars().filter(|c| !c.is_whitespace()).count()
}
