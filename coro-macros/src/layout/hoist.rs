//! Small values moved up to the frame's own struct.
//!
//! A union member that is a struct (`with_x: { x, overlap: .. }`) pays its
//! own alignment padding: a `bool` beside a word-aligned union costs a word
//! there. rustc packs such values next to its state byte. Where the code
//! shows that a var is small (its type is evident from a value written to
//! it), it moves to the frame's struct, next to the state and the drop
//! flags, if the layout is smaller by the guessed sizes so.
//!
//! Input:  `Frame { state, live, overlap: union { fut_a, with_first: { first: bool, overlap: union { fut_b } } } }`
//! Output: `Frame { state, live, first, overlap: union { fut_a, with_first: { overlap: union { fut_b } } } }`

use super::{Member, Part, guessed_layout};
use crate::ir::*;
use syn::Expr;

/// Per var, its size and alignment if a value written to it shows its type:
/// a `bool` (a literal, a comparison, `&&`, `||`, a method named as one
/// returns it, `is_empty`), a `char` literal, a suffixed literal, a cast to
/// a primitive type or a count (`len()`); a var written with the value of
/// such a var has its size too.
pub fn evident_sizes(body: &Body) -> Vec<Option<(usize, usize)>> {
    let mut sizes = vec![None; body.vars.len()];
    let mut copies: Vec<(VarId, VarId)> = Vec::new();
    for list in &body.lists {
        for stmt in list {
            let Stmt::Init { var, value } = stmt else {
                continue;
            };
            match evident_size(&value.expr) {
                Some(size) => sizes[*var] = Some(size),
                None => {
                    if let Some(m) = crate::partial::sole_mention(&value.expr) {
                        copies.push((*var, body.mentions[m].var));
                    }
                }
            }
        }
    }
    // A copy has its source's type (and the source its copy's).
    let mut changed = true;
    while changed {
        changed = false;
        for &(a, b) in &copies {
            match (sizes[a], sizes[b]) {
                (None, Some(s)) => sizes[a] = Some(s),
                (Some(s), None) => sizes[b] = Some(s),
                _ => continue,
            }
            changed = true;
        }
    }
    sizes
}

fn evident_size(e: &Expr) -> Option<(usize, usize)> {
    use syn::BinOp::*;
    match e {
        Expr::Paren(p) => evident_size(&p.expr),
        Expr::Group(g) => evident_size(&g.expr),
        Expr::Lit(l) => match &l.lit {
            syn::Lit::Bool(_) => Some((1, 1)),
            syn::Lit::Char(_) => Some((4, 4)),
            syn::Lit::Int(i) => primitive_size(i.suffix()),
            syn::Lit::Float(f) => primitive_size(f.suffix()),
            _ => None,
        },
        Expr::Binary(b) => match b.op {
            And(_) | Or(_) | Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_) => Some((1, 1)),
            _ => None,
        },
        Expr::Cast(c) => match &*c.ty {
            syn::Type::Path(p) => primitive_size(&p.path.get_ident()?.to_string()),
            _ => None,
        },
        Expr::MethodCall(m) => method_result_size(&m.method.to_string(), m.args.len()),
        _ => None,
    }
}

/// The size and alignment of what std's methods of these names return,
/// as Rust's naming conventions have them: a flag (`v.is_empty()`,
/// `s.contains(x)`, `a.eq(&b)`), an ordering, or a count (`v.len()`).
/// (Such a result borrows nothing either: see
/// `analyse::result_borrows_nothing`.)
pub fn method_result_size(method: &str, args: usize) -> Option<(usize, usize)> {
    Some(match (method, args) {
        ("is_empty" | "is_some" | "is_none" | "is_ok" | "is_err", 0)
        | ("contains" | "contains_key" | "starts_with" | "ends_with" | "any" | "all", 1) => (1, 1),
        (method, 1) if crate::analyse::compares(method) => (1, 1),
        ("len" | "count" | "capacity", 0) => primitive_size("usize")?,
        _ => return None,
    })
}

/// The size and alignment of a primitive type named `name` (on a 64-bit
/// target; a guess elsewhere, which only steers the layout).
fn primitive_size(name: &str) -> Option<(usize, usize)> {
    Some(match name {
        "bool" | "u8" | "i8" => (1, 1),
        "u16" | "i16" => (2, 2),
        "u32" | "i32" | "f32" | "char" => (4, 4),
        "u64" | "i64" | "f64" | "usize" | "isize" => (8, 8),
        _ => return None,
    })
}

/// Moves each var of a nested struct whose size is evident up to `root`,
/// one at a time, while that makes the frame smaller by `guesses` (the
/// evident sizes included).
pub fn hoist(root: &mut Part, evident: &[Option<(usize, usize)>], guesses: &[(usize, usize)]) {
    let mut candidates: Vec<VarId> = Vec::new();
    if let Some(overlap) = &root.overlap {
        for member in &overlap.members {
            if let Member::Part { part, .. } = member {
                nested_vars(part, &mut candidates);
            }
        }
    }
    candidates.retain(|&v| evident[v].is_some());
    let mut size = guessed_layout(root, guesses, true).0;
    for v in candidates {
        let mut trial = root.clone();
        remove(&mut trial, v);
        trial.vars.push(v);
        trial.vars.sort_unstable();
        let trial_size = guessed_layout(&trial, guesses, true).0;
        if trial_size < size {
            *root = trial;
            size = trial_size;
        }
    }
}

/// Takes `v` out of the struct below `part` that stores it.
fn remove(part: &mut Part, v: VarId) {
    part.vars.retain(|&w| w != v);
    if let Some(overlap) = &mut part.overlap {
        for member in &mut overlap.members {
            if let Member::Part { part, .. } = member {
                remove(part, v);
            }
        }
    }
}

/// The vars stored in `part` and in the structs below it.
fn nested_vars(part: &Part, out: &mut Vec<VarId>) {
    out.extend(part.vars.iter().copied());
    if let Some(overlap) = &part.overlap {
        for member in &overlap.members {
            if let Member::Part { part, .. } = member {
                nested_vars(part, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Member;
    use super::super::tests::{part, with};
    use super::*;

    #[test]
    fn sizes_evident_from_values() {
        let size = |e: &str| evident_size(&syn::parse_str(e).expect("an expression"));
        assert_eq!(size("a < b"), Some((1, 1)));
        assert_eq!(size("(x && y)"), Some((1, 1)));
        assert_eq!(size("false"), Some((1, 1)));
        assert_eq!(size("n as u16"), Some((2, 2)));
        assert_eq!(size("'c'"), Some((4, 4)));
        assert_eq!(size("5u64"), Some((8, 8)));
        assert_eq!(size("v.is_empty()"), Some((1, 1)));
        assert_eq!(size("s.contains(&x)"), Some((1, 1)));
        assert_eq!(size("v.len()"), Some((8, 8)));
        assert_eq!(size("v.len(1)"), None);
        // An unsuffixed literal's type is inferred; `a + b` is any type.
        assert_eq!(size("5"), None);
        assert_eq!(size("a + b"), None);
        assert_eq!(size("n as Wrapper"), None);
    }

    // 0: a future; 1: a bool; 2: a future alive with the bool.
    #[test]
    fn a_bool_beside_a_union_moves_to_the_state() {
        let guesses = [(64, 8), (1, 1), (64, 8)];
        let evident = [None, Some((1, 1)), None];
        let mut root = part(
            &[],
            vec![Member::Slot(0), with(&[1], vec![Member::Slot(2)])],
        );
        assert_eq!(guessed_layout(&root, &guesses, true).0, 80);
        hoist(&mut root, &evident, &guesses);
        assert_eq!(root.vars, vec![1]);
        assert_eq!(guessed_layout(&root, &guesses, true).0, 72);
    }

    // The bool's member is smaller than the other: it fills that member's
    // padding already, and stays.
    #[test]
    fn a_bool_that_costs_nothing_where_it_is_stays() {
        let guesses = [(64, 8), (1, 1), (8, 8)];
        let evident = [None, Some((1, 1)), None];
        let mut root = part(
            &[],
            vec![Member::Slot(0), with(&[1], vec![Member::Slot(2)])],
        );
        hoist(&mut root, &evident, &guesses);
        assert!(root.vars.is_empty());
    }
}
