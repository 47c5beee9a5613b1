//! The state and the drop flags in the frame's union: where the frame's
//! struct has a union, every member of it starts with the struct's vars,
//! the state and the drop flags, so that a member's small values share a
//! word with the state, as they do in rustc's layout.

use super::{Cx, Member, Part};
use crate::ir::*;
use proc_macro2::Span;
use syn::{Expr, Ident};

/// The fields every member of the frame's union starts with, in this
/// order: `before`, the state, the drop flags, `after`.
#[derive(Clone, Default)]
pub struct Head {
    pub before: Vec<VarId>,
    pub after: Vec<VarId>,
}

impl Head {
    pub fn vars(&self) -> impl Iterator<Item = VarId> + '_ {
        self.before.iter().chain(&self.after).copied()
    }
}

impl Cx<'_> {
    /// Puts the state and the drop flags in the union of `root`: every
    /// member becomes a `#[repr(C)]` struct that starts with the vars of
    /// `root`, the state and the flags (the same fields in every member, so
    /// at the same offsets: any member reaches them), then has the member's
    /// own vars, the smallest guessed first. Those then share a word with
    /// the state, as in rustc's layout, where each suspension point's
    /// values are laid out after its tag; in a struct of their own beside
    /// the state, they paid its padding. The vars of `root` that hold
    /// values smaller than a word (see `small_values`) come after the
    /// state; the others before it, the largest alignment guessed first, so
    /// that the state takes their tail's padding.
    ///
    /// Input:  `Frame { state, live, d, n, overlap: union { fut_a, with_x: { fut_b, x } } }`
    /// (`n` and `x` small, `d` of a type not shown)
    /// Output: `Frame { overlap: union { fut_a: { d, state, live, n, fut_a }, with_x: { d, state, live, n, x, fut_b } } }`
    pub(super) fn head(&self, root: &mut Part, guesses: &[(usize, usize)], small: &[bool]) -> Head {
        let (mut after, mut before): (Vec<VarId>, Vec<VarId>) = std::mem::take(&mut root.vars)
            .into_iter()
            .partition(|&v| small[v]);
        before.sort_by_key(|&v| (std::cmp::Reverse(guesses[v].1), v));
        after.sort_by_key(|&v| (guesses[v].1, v));
        let overlap = root.overlap.as_mut().expect("a union");
        for member in &mut overlap.members {
            match member {
                Member::Slot(v) => {
                    let field = self.field(*v);
                    let ty = self.type_name(&format!(
                        "{}At{}",
                        self.prefix,
                        crate::names::camel_case(&field)
                    ));
                    *member = Member::Part {
                        field: Ident::new(&field, Span::call_site()),
                        part: Part {
                            ty,
                            vars: vec![*v],
                            overlap: None,
                        },
                    };
                }
                Member::Part { part, .. } => part.vars.sort_by_key(|&v| (guesses[v].1, v)),
            }
        }
        Head { before, after }
    }
}

/// Whether the frame's struct has a union with a member holding a value
/// smaller than a word (see `small_values`) beside others: one that may
/// share a word with the state, which it could not in the member's own
/// struct. (Not a value only guessed small: the guess is wrong as often as
/// not, and the head costs rustc more to check.)
pub(super) fn worth_it(root: &Part, small: &[bool]) -> bool {
    root.overlap.as_ref().is_some_and(|overlap| {
        overlap.members.iter().any(|m| match m {
            Member::Part { part, .. } => part.vars.iter().any(|&v| small[v]),
            Member::Slot(_) => false,
        })
    })
}

/// Per var, whether the values written to it are surely or probably
/// smaller than a word: an evident size (see `hoist::evident_sizes`) below
/// a word, or an integer literal without a suffix (an `i32` unless
/// inferred otherwise).
pub(super) fn small_values(body: &Body, evident: &[Option<(usize, usize)>]) -> Vec<bool> {
    let mut small: Vec<bool> = evident
        .iter()
        .map(|e| e.is_some_and(|(_, align)| align < 8))
        .collect();
    for stmt in body.lists.iter().flatten() {
        if let Stmt::Init { var, value } = stmt {
            small[*var] |= unsuffixed_integer(&value.expr);
        }
    }
    small
}

fn unsuffixed_integer(e: &Expr) -> bool {
    match e {
        Expr::Lit(l) => matches!(&l.lit, syn::Lit::Int(i) if i.suffix().is_empty()),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => unsuffixed_integer(&u.expr),
        Expr::Paren(p) => unsuffixed_integer(&p.expr),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{part, with};
    use super::*;

    fn cx_test(fields: &[Option<Ident>], f: impl FnOnce(&Cx)) {
        let cx = Cx {
            conflict: &|_, _| false,
            fields,
            prefix: "Run",
            types: Default::default(),
        };
        f(&cx)
    }

    fn fields(names: &[&str]) -> Vec<Option<Ident>> {
        names
            .iter()
            .map(|n| Some(Ident::new(n, Span::call_site())))
            .collect()
    }

    // 0: a future; 1: an `i32` beside 2, a future.
    #[test]
    fn worth_it_when_a_member_holds_a_small_value_beside_others() {
        let small = [false, true, false];
        let root = part(&[], vec![Member::Slot(0), with(&[1, 2], vec![])]);
        assert!(worth_it(&root, &small));
        assert!(!worth_it(&root, &[false; 3]));
        let slots = part(&[1], vec![Member::Slot(0), Member::Slot(2)]);
        assert!(!worth_it(&slots, &small));
    }

    // 0: `n`, a `bool`; 1: `d`, of a type not shown; 2: `it`, an
    // iterator; 3: a future; 4: `x`, small, beside 5, a future.
    #[test]
    fn root_vars_go_around_the_state_and_members_start_small() {
        let guesses = [(1, 1), (4, 4), (16, 8), (64, 8), (4, 4), (64, 8)];
        let small = [true, false, false, false, false, false];
        let names = fields(&["n", "d", "it", "fut_a", "x", "fut_b"]);
        let mut root = part(&[0, 1, 2], vec![Member::Slot(3), with(&[5, 4], vec![])]);
        cx_test(&names, |cx| {
            let head = cx.head(&mut root, &guesses, &small);
            // The word-aligned first, then those of unknown type; the state;
            // then the small ones.
            assert_eq!(head.before, vec![2, 1]);
            assert_eq!(head.after, vec![0]);
        });
        assert!(root.vars.is_empty());
        let members = &root.overlap.as_ref().expect("a union").members;
        let Member::Part { field, part } = &members[0] else {
            panic!("a slot member becomes a struct");
        };
        assert_eq!(
            (field.to_string(), part.ty.to_string()),
            ("fut_a".into(), "RunAtFutA".into())
        );
        assert_eq!(part.vars, vec![3]);
        let Member::Part { part, .. } = &members[1] else {
            panic!("a struct member stays one");
        };
        assert_eq!(part.vars, vec![4, 5]);
    }

    #[test]
    fn unsuffixed_integers() {
        let int = |e: &str| unsuffixed_integer(&syn::parse_str(e).expect("an expression"));
        assert!(int("0"));
        assert!(int("-(1)"));
        assert!(!int("0u64"));
        assert!(!int("1.5"));
        assert!(!int("n"));
    }
}
