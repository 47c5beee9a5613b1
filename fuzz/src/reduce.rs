//! One-step reductions of a program, for the shrinker: remove statements
//! (in chunks, then one by one), unwrap a block-like statement into its
//! body, keep only a sub-expression of an expression statement, replace an
//! expression by a leaf or by a sub-expression of the same type, drop
//! `else` branches, match arms and loop iterations.
//!
//! A reduction may produce a program that rustc rejects (a removed `let`
//! whose local is still used): [`names_resolve`] filters the commonest
//! such candidates cheaply, the build filters the rest.

use std::collections::HashSet;

use crate::ast::*;
use crate::print;

/// Every one-step reduction of `p` that is smaller than `p`, smallest
/// first, without duplicates or unresolved names.
pub fn candidates(p: &Program) -> Vec<Program> {
    let size = print::size(p);
    let mut seen = HashSet::new();
    let mut out: Vec<(usize, Program)> = block_variants(&p.body)
        .into_iter()
        .map(|body| Program { body, ..p.clone() })
        .filter(|q| names_resolve(&q.body))
        .filter_map(|q| {
            let s = print::size(&q);
            (s < size && seen.insert(print::body(&q.body))).then_some((s, q))
        })
        .collect();
    out.sort_by_key(|(s, _)| *s);
    out.into_iter().map(|(_, q)| q).collect()
}

fn block_variants(b: &Block) -> Vec<Block> {
    let n = b.stmts.len();
    let mut out = Vec::new();
    // Chunks of statements, halving.
    let mut len = n;
    while len >= 1 {
        for start in (0..n).step_by(len) {
            let mut nb = b.clone();
            nb.stmts.drain(start..(start + len).min(n));
            out.push(nb);
        }
        len /= 2;
    }
    for i in 0..n {
        for rep in stmt_variants(&b.stmts[i]) {
            let mut nb = b.clone();
            nb.stmts.splice(i..i + 1, rep);
            out.push(nb);
        }
    }
    if let Some(t) = &b.tail {
        for v in expr_variants(t) {
            let mut nb = b.clone();
            nb.tail = Some(Box::new(v));
            out.push(nb);
        }
    }
    out
}

fn stmt_variants(s: &Stmt) -> Vec<Vec<Stmt>> {
    let mut out = Vec::new();
    match s {
        Stmt::Let { pat, init, els } => {
            for v in expr_variants(init) {
                out.push(vec![Stmt::Let {
                    pat: pat.clone(),
                    init: v,
                    els: els.clone(),
                }]);
            }
            if let Some(e) = els {
                for v in block_variants(e) {
                    out.push(vec![Stmt::Let {
                        pat: pat.clone(),
                        init: init.clone(),
                        els: Some(v),
                    }]);
                }
            }
            // Keep the initialiser's effects, drop the binding.
            if els.is_none() {
                out.push(vec![Stmt::Expr(init.clone())]);
            }
        }
        Stmt::Expr(e) => {
            // Unwrap a block-like statement: its body in place of it.
            for b in inner_blocks(e) {
                let mut stmts = b.stmts.clone();
                if let Some(t) = &b.tail {
                    stmts.push(Stmt::Expr((**t).clone()));
                }
                out.push(stmts);
                out.push(vec![Stmt::Expr(Expr::new(
                    Ty::Unit,
                    Kind::Block(None, b.clone()),
                ))]);
            }
            // In statement position any part may stand alone.
            let mut copy = e.clone();
            for part in parts_mut(&mut copy) {
                if let Part::E(x) = part {
                    out.push(vec![Stmt::Expr(x.clone())]);
                }
            }
            for v in expr_variants(e) {
                out.push(vec![Stmt::Expr(v)]);
            }
        }
    }
    out
}

/// The blocks a block-like expression runs.
fn inner_blocks(e: &Expr) -> Vec<Block> {
    match &e.kind {
        Kind::Block(_, b) => vec![b.clone()],
        Kind::If(_, t, els) => std::iter::once(t.clone()).chain(els.clone()).collect(),
        Kind::Loop { body, .. }
        | Kind::While { body, .. }
        | Kind::WhileLet { body, .. }
        | Kind::For { body, .. } => vec![body.clone()],
        Kind::Match(_, arms) => arms
            .iter()
            .filter_map(|a| match &a.body.kind {
                Kind::Block(_, b) => Some(b.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A simple expression of type `ty`.
fn leaf(ty: Ty) -> Option<Expr> {
    let text = match ty {
        Ty::Int => "0",
        Ty::Bool => "false",
        Ty::D => "D::new(\"z\")",
        Ty::Pair => "Pair { n: 0, d: D::new(\"z\") }",
        Ty::VecI => "vec![0]",
        Ty::OptI => "Some(1)",
        Ty::ResI => "Ok::<i64, i64>(1)",
        _ => return None,
    };
    Some(Expr::atom(ty, text))
}

fn expr_variants(e: &Expr) -> Vec<Expr> {
    let mut out = Vec::new();
    let is_leaf = match (&e.kind, leaf(e.ty)) {
        (Kind::Atom(t), Some(l)) => {
            matches!(&l.kind, Kind::Atom(lt) if lt == t) || t.parse::<i64>().is_ok()
        }
        _ => false,
    };
    if !is_leaf {
        out.extend(leaf(e.ty));
        if e.ty == Ty::Bool {
            out.push(Expr::atom(Ty::Bool, "true"));
        }
    }
    if !matches!(e.ty, Ty::Other | Ty::Never | Ty::Unit) {
        let mut found = Vec::new();
        same_typed(e, e.ty, &mut found);
        out.extend(found);
    }
    // Structural reductions.
    match &e.kind {
        Kind::If(conds, t, Some(_)) if e.ty == Ty::Unit => {
            out.push(Expr::new(e.ty, Kind::If(conds.clone(), t.clone(), None)));
        }
        Kind::If(conds, t, els) if conds.len() > 1 => {
            let mut c = conds.clone();
            c.truncate(1);
            out.push(Expr::new(e.ty, Kind::If(c, t.clone(), els.clone())));
        }
        Kind::Match(s, arms) => {
            for i in 0..arms.len().saturating_sub(1) {
                let mut a = arms.clone();
                a.remove(i);
                out.push(Expr::new(e.ty, Kind::Match(s.clone(), a)));
            }
            for i in 0..arms.len() {
                if arms[i].guard.is_some() {
                    let mut a = arms.clone();
                    a[i].guard = None;
                    out.push(Expr::new(e.ty, Kind::Match(s.clone(), a)));
                }
            }
        }
        Kind::Loop { limit, .. } | Kind::While { limit, .. } if *limit > 1 => {
            let mut c = e.clone();
            if let Kind::Loop { limit, .. } | Kind::While { limit, .. } = &mut c.kind {
                *limit = 1;
            }
            out.push(c);
        }
        _ => {}
    }
    if let Kind::While { cond: Some(_), .. } = &e.kind {
        let mut c = e.clone();
        if let Kind::While { cond, .. } = &mut c.kind {
            *cond = None;
        }
        out.push(c);
    }
    // Reduce one part, recursively.
    let mut copy = e.clone();
    let n = parts_mut(&mut copy).len();
    for k in 0..n {
        let mut probe = e.clone();
        let variants: Vec<PartVal> = match parts_mut(&mut probe).swap_remove(k) {
            Part::E(x) => expr_variants(x).into_iter().map(PartVal::E).collect(),
            Part::B(b) => block_variants(b).into_iter().map(PartVal::B).collect(),
        };
        for v in variants {
            let mut c = e.clone();
            match (parts_mut(&mut c).swap_remove(k), v) {
                (Part::E(x), PartVal::E(v)) => *x = v,
                (Part::B(b), PartVal::B(v)) => *b = v,
                _ => unreachable!("part kinds are stable"),
            }
            out.push(c);
        }
    }
    out
}

/// The nearest sub-expressions of `e` of type `ty` (not inside nested
/// statements).
fn same_typed(e: &Expr, ty: Ty, out: &mut Vec<Expr>) {
    let mut copy = e.clone();
    for part in parts_mut(&mut copy) {
        match part {
            Part::E(x) if x.ty == ty => out.push(x.clone()),
            Part::E(x) => same_typed(x, ty, out),
            Part::B(b) => {
                if let Some(t) = &b.tail {
                    if t.ty == ty {
                        out.push((**t).clone());
                    } else {
                        same_typed(t, ty, out);
                    }
                }
            }
        }
    }
}

pub enum Part<'a> {
    E(&'a mut Expr),
    B(&'a mut Block),
}

enum PartVal {
    E(Expr),
    B(Block),
}

/// The direct parts of an expression, in a fixed order.
pub fn parts_mut(e: &mut Expr) -> Vec<Part<'_>> {
    use Part::{B, E};
    match &mut e.kind {
        Kind::Atom(_) | Kind::Continue(_) => vec![],
        Kind::Call(_, args) | Kind::Tuple(args) | Kind::Macro { args, .. } => {
            args.iter_mut().map(E).collect()
        }
        Kind::Method(r, _, args) => std::iter::once(E(r))
            .chain(args.iter_mut().map(E))
            .collect(),
        Kind::Await(x)
        | Kind::Try(x)
        | Kind::Field(x, _)
        | Kind::Unary(_, x)
        | Kind::Cast(x, _) => {
            vec![E(x)]
        }
        Kind::Binary(_, l, r) | Kind::Assign(_, l, r) => vec![E(l), E(r)],
        Kind::Struct(_, fields) => fields.iter_mut().map(|(_, v)| E(v)).collect(),
        Kind::Block(_, b) => vec![B(b)],
        Kind::If(conds, t, els) => {
            let mut v: Vec<Part<'_>> = conds
                .iter_mut()
                .map(|c| match c {
                    Cond::Expr(x) | Cond::Let(_, x) => E(x),
                })
                .collect();
            v.push(B(t));
            if let Some(b) = els {
                v.push(B(b));
            }
            v
        }
        Kind::Match(s, arms) => {
            let mut v = vec![E(s)];
            for a in arms {
                if let Some(g) = &mut a.guard {
                    v.push(E(g));
                }
                v.push(E(&mut a.body));
            }
            v
        }
        Kind::Loop { exit, body, .. } => {
            let mut v: Vec<Part<'_>> = exit.iter_mut().map(|x| E(x)).collect();
            v.push(B(body));
            v
        }
        Kind::While { cond, body, .. } => {
            let mut v: Vec<Part<'_>> = cond.iter_mut().map(|x| E(x)).collect();
            v.push(B(body));
            v
        }
        Kind::WhileLet { expr, body, .. }
        | Kind::For {
            iter: expr, body, ..
        } => {
            vec![E(expr), B(body)]
        }
        Kind::Break(_, v) | Kind::Return(v) => v.iter_mut().map(|x| E(x)).collect(),
    }
}

// ---------------------------------------------------------------------
// A cheap check that every local and label used is declared

/// Whether every generated local (`a1`, `d2`, ...) and label used in `b`
/// is declared in an enclosing scope before its use.
pub fn names_resolve(b: &Block) -> bool {
    let mut sc = Scopes {
        names: vec![Vec::new()],
        labels: Vec::new(),
    };
    sc.block(b)
}

struct Scopes {
    names: Vec<Vec<String>>,
    labels: Vec<String>,
}

/// Generated local names: a letter then digits.
pub fn local_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_str = false;
    for ch in text.chars().chain(std::iter::once(' ')) {
        if ch == '"' {
            in_str = !in_str;
        }
        if !in_str && (ch.is_ascii_alphanumeric() || ch == '_') {
            cur.push(ch);
        } else {
            if is_local(&cur) {
                out.push(cur.clone());
            }
            cur.clear();
        }
    }
    out
}

fn is_local(w: &str) -> bool {
    let mut cs = w.chars();
    matches!(cs.next(), Some('a' | 'd' | 'p' | 'v' | 'r' | 'm'))
        && w.len() > 1
        && cs.all(|c| c.is_ascii_digit())
}

impl Scopes {
    fn declared(&self, n: &str) -> bool {
        self.names.iter().any(|s| s.iter().any(|x| x == n))
    }

    fn declare_pat(&mut self, pat: &str) {
        let names = local_names(pat);
        self.names.last_mut().expect("scope").extend(names);
    }

    fn block(&mut self, b: &Block) -> bool {
        self.names.push(Vec::new());
        let mut ok = true;
        for s in &b.stmts {
            ok = ok
                && match s {
                    Stmt::Let { pat, init, els } => {
                        let r = self.expr(init) && els.as_ref().is_none_or(|e| self.block(e));
                        self.declare_pat(pat);
                        r
                    }
                    Stmt::Expr(e) => self.expr(e),
                };
        }
        ok = ok && b.tail.as_ref().is_none_or(|t| self.expr(t));
        self.names.pop();
        ok
    }

    fn label_ok(&self, l: &Option<String>) -> bool {
        l.as_ref().is_none_or(|l| self.labels.contains(l))
    }

    fn expr(&mut self, e: &Expr) -> bool {
        match &e.kind {
            Kind::Atom(t) => local_names(t).iter().all(|n| self.declared(n)),
            Kind::Break(l, v) => self.label_ok(l) && v.as_ref().is_none_or(|v| self.expr(v)),
            Kind::Continue(l) => self.label_ok(l),
            Kind::Block(label, b) => self.labelled(label.clone(), |s| s.block(b)),
            Kind::If(conds, t, els) => {
                self.names.push(Vec::new());
                let mut ok = true;
                for c in conds {
                    ok = ok
                        && match c {
                            Cond::Expr(x) => self.expr(x),
                            Cond::Let(p, x) => {
                                let r = self.expr(x);
                                self.declare_pat(p);
                                r
                            }
                        };
                }
                ok = ok && self.block(t);
                self.names.pop();
                ok && els.as_ref().is_none_or(|b| self.block(b))
            }
            Kind::Match(s, arms) => {
                self.expr(s)
                    && arms.iter().all(|a| {
                        self.names.push(Vec::new());
                        self.declare_pat(&a.pat);
                        let ok =
                            a.guard.as_ref().is_none_or(|g| self.expr(g)) && self.expr(&a.body);
                        self.names.pop();
                        ok
                    })
            }
            Kind::Loop {
                label, exit, body, ..
            } => self.labelled(Some(label.clone()), |s| {
                exit.as_ref().is_none_or(|x| s.expr(x)) && s.block(body)
            }),
            Kind::While {
                label, cond, body, ..
            } => self.labelled(Some(label.clone()), |s| {
                cond.as_ref().is_none_or(|x| s.expr(x)) && s.block(body)
            }),
            Kind::WhileLet {
                label,
                pat,
                expr,
                body,
            }
            | Kind::For {
                label,
                pat,
                iter: expr,
                body,
            } => {
                self.expr(expr)
                    && self.labelled(Some(label.clone()), |s| {
                        s.names.push(Vec::new());
                        s.declare_pat(pat);
                        let ok = s.block(body);
                        s.names.pop();
                        ok
                    })
            }
            _ => {
                let mut copy = e.clone();
                let parts: Vec<PartVal> = parts_mut(&mut copy)
                    .into_iter()
                    .map(|p| match p {
                        Part::E(x) => PartVal::E(x.clone()),
                        Part::B(b) => PartVal::B(b.clone()),
                    })
                    .collect();
                parts.iter().all(|p| match p {
                    PartVal::E(x) => self.expr(x),
                    PartVal::B(b) => self.block(b),
                })
            }
        }
    }

    fn labelled(&mut self, label: Option<String>, f: impl FnOnce(&mut Self) -> bool) -> bool {
        let pushed = label.is_some();
        if let Some(l) = label {
            self.labels.push(l);
        }
        let ok = f(self);
        if pushed {
            self.labels.pop();
        }
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate;

    #[test]
    fn generated_programs_resolve_and_reduce() {
        for i in 0..40 {
            let p = generate::program(7, i, &[]);
            assert!(names_resolve(&p.body), "program {i} has unresolved names");
            let size = print::size(&p);
            for c in candidates(&p).iter().take(50) {
                assert!(print::size(c) < size);
            }
        }
    }

    #[test]
    fn a_removed_let_is_caught() {
        let p = generate::program(3, 1, &[]);
        let mut body = p.body.clone();
        if let Some(pos) = body
            .stmts
            .iter()
            .position(|s| matches!(s, Stmt::Let { pat, .. } if is_local(pat)))
        {
            body.stmts.remove(pos);
            // Not necessarily unresolved (the local may be unused), but
            // the check must not panic.
            let _ = names_resolve(&body);
        }
        assert!(local_names("Some(a12)") == vec!["a12".to_string()]);
        assert!(local_names("\"d3\"").is_empty());
    }
}
