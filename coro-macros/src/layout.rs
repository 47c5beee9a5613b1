//! Where each frame var lives in the frame: slots of scopes that are never
//! alive together share storage, and so do the futures of `.await`s.
//!
//! Sibling scopes — consecutive statements (with their temporaries and
//! awaitees), the branches of an `if`, the arms of a `match`, consecutive
//! blocks — are never in scope at the same time, so their slots go into a
//! `union`, one member per scope. The future of an `.await` is alive only
//! while the coroutine is suspended there, so it is a member of its own
//! beside its scope's children. A scope's own vars and its one union form a
//! struct; a scope with a single child that holds frame vars is folded into
//! its parent, and a member that holds a single slot is that slot.
//!
//! Drop flags stay outside (in the frame's `Flags`), so a slot is as large as
//! its value and a flag is always meaningful: a scope's vars are dropped
//! (flags cleared) before any sibling's run. Awaitees need no flag: the
//! state says which one is alive.
//!
//! Input (scopes, frame vars):
//!   body { a; stmt { t, await x } ; stmt { await y } ; if { b } else { c } }
//! Output:
//!   Frame { a, overlap: union { stmt_3: Stmt3 { t, x_future },
//!           y_future, b, c } }

use crate::ir::*;
use proc_macro2::Span;
use std::collections::BTreeSet;
use syn::Ident;

/// A struct of slots, with at most one union of overlapping members.
pub struct Part {
    /// The struct type's name (the frame's own name for the root).
    pub ty: Ident,
    /// Frame vars stored directly in this part, in declaration order.
    pub vars: Vec<VarId>,
    pub overlap: Option<Overlap>,
}

/// A union of members that are never alive together.
pub struct Overlap {
    pub ty: Ident,
    pub members: Vec<Member>,
}

pub enum Member {
    /// The vars of a scope (and of the scopes below it): a struct.
    Part { field: Ident, part: Part },
    /// A single slot or awaitee, under its own field name.
    Slot(VarId),
}

pub struct Layout {
    pub root: Part,
    /// Per frame var: the field path from the frame to its slot.
    pub paths: Vec<Option<Vec<Ident>>>,
    /// Per frame var that needs one (not an awaitee): its drop flag's bit.
    pub bits: Vec<Option<usize>>,
    /// Per partial scrutinee (see `partial`), per arm that moves: the bit
    /// that says it did.
    pub partial_bits: Vec<Vec<Option<usize>>>,
    /// How many drop flags the frame has.
    pub flag_count: usize,
}

impl Layout {
    /// The uses that may have moved parts of `v` out: per use, the patterns
    /// of its arms that bind, with their bits.
    pub fn partial_arms(&self, partials: &[crate::partial::Partial], v: VarId) -> crate::partial::Groups {
        partials
            .iter()
            .enumerate()
            .filter(|(_, p)| p.var == v)
            .map(|(h, partial)| {
                partial
                    .arms
                    .iter()
                    .zip(&self.partial_bits[h])
                    .filter_map(|(pat, bit)| Some(((*bit)?, pat.clone()?)))
                    .collect()
            })
            .collect()
    }
}

pub fn compute(
    body: &Body,
    in_frame: &[bool],
    frame_vars: &[VarId],
    partials: &[crate::partial::Partial],
    fields: &[Option<Ident>],
    prefix: &str,
    frame_ty: &Ident,
) -> Layout {
    let mut children: Vec<Vec<ScopeId>> = vec![Vec::new(); body.scopes.len()];
    let mut roots = Vec::new();
    for (s, scope) in body.scopes.iter().enumerate() {
        match scope.parent {
            Some(p) => children[p].push(s),
            None => roots.push(s),
        }
    }
    let mut holds = vec![false; body.scopes.len()];
    for s in (0..body.scopes.len()).rev() {
        holds[s] = body.scopes[s].vars.iter().any(|&v| in_frame[v]) || children[s].iter().any(|&c| holds[c]);
    }
    let cx = Cx { body, in_frame, children: &children, holds: &holds, prefix };
    // The function's outermost scope (its parameters) is the frame itself.
    let mut root = Part { ty: frame_ty.clone(), vars: Vec::new(), overlap: None };
    for &r in &roots {
        let part = cx.part(r, frame_ty.clone());
        root.vars.extend(part.vars);
        if root.overlap.is_none() {
            root.overlap = part.overlap;
        }
    }
    let mut paths = vec![None; body.vars.len()];
    record_paths(&root, &mut Vec::new(), fields, &mut paths);
    let mut bits = vec![None; body.vars.len()];
    let mut flag_count = 0;
    for &v in frame_vars.iter().filter(|&&v| !is_awaitee(body, v)) {
        bits[v] = Some(flag_count);
        flag_count += 1;
    }
    let partial_bits = partials
        .iter()
        .map(|p| {
            p.arms
                .iter()
                .map(|arm| {
                    arm.as_ref().map(|_| {
                        flag_count += 1;
                        flag_count - 1
                    })
                })
                .collect()
        })
        .collect();
    Layout { root, paths, bits, partial_bits, flag_count }
}

pub fn is_awaitee(body: &Body, v: VarId) -> bool {
    matches!(body.vars[v].kind, VarKind::Awaitee(_))
}

struct Cx<'a> {
    body: &'a Body,
    in_frame: &'a [bool],
    children: &'a [Vec<ScopeId>],
    holds: &'a [bool],
    prefix: &'a str,
}

/// What a scope's union would hold.
enum Child {
    Scope(ScopeId),
    Awaitee(VarId),
}

impl Cx<'_> {
    fn part(&self, scope: ScopeId, ty: Ident) -> Part {
        let in_scope = || self.body.scopes[scope].vars.iter().copied().filter(|&v| self.in_frame[v]);
        let mut vars: Vec<VarId> = in_scope().filter(|&v| !is_awaitee(self.body, v)).collect();
        let kids: Vec<Child> = self.children[scope]
            .iter()
            .copied()
            .filter(|&c| self.holds[c])
            .map(Child::Scope)
            .chain(in_scope().filter(|&v| is_awaitee(self.body, v)).map(Child::Awaitee))
            .collect();
        let overlap = match kids.as_slice() {
            [] => None,
            // One child: nothing to overlap it with; fold it in.
            [Child::Awaitee(v)] => {
                vars.push(*v);
                None
            }
            [Child::Scope(only)] => {
                let folded = self.part(*only, ty.clone());
                vars.extend(folded.vars);
                folded.overlap
            }
            _ => Some(Overlap {
                ty: Ident::new(&format!("{}Overlap{scope}", self.prefix), Span::call_site()),
                members: kids.iter().map(|kid| self.member(kid)).collect(),
            }),
        };
        vars.sort_unstable();
        Part { ty, vars, overlap }
    }

    fn member(&self, kid: &Child) -> Member {
        let k = match *kid {
            Child::Awaitee(v) => return Member::Slot(v),
            Child::Scope(k) => k,
        };
        let kind = self.body.scopes[k].kind;
        let ty = Ident::new(&format!("{}{}{k}", self.prefix, crate::names::camel_case(kind)), Span::call_site());
        let part = self.part(k, ty);
        match (part.vars.as_slice(), &part.overlap) {
            ([only], None) => Member::Slot(*only),
            _ => Member::Part { field: scope_field(self.body, k), part },
        }
    }
}

/// The union field of a scope's part (names reserves these).
pub fn scope_field(body: &Body, scope: ScopeId) -> Ident {
    Ident::new(&format!("{}_{scope}", body.scopes[scope].kind), Span::call_site())
}

fn record_paths(part: &Part, prefix: &mut Vec<Ident>, fields: &[Option<Ident>], paths: &mut [Option<Vec<Ident>>]) {
    let field = |v: VarId| fields[v].clone().expect("a frame var");
    for &v in &part.vars {
        let mut path = prefix.clone();
        path.push(field(v));
        paths[v] = Some(path);
    }
    let Some(overlap) = &part.overlap else { return };
    prefix.push(Ident::new("overlap", Span::call_site()));
    for member in &overlap.members {
        match member {
            Member::Slot(v) => {
                let mut path = prefix.clone();
                path.push(field(*v));
                paths[*v] = Some(path);
            }
            Member::Part { field, part } => {
                prefix.push(field.clone());
                record_paths(part, prefix, fields, paths);
                prefix.pop();
            }
        }
    }
    prefix.pop();
}

/// Frame vars in a member and the parts below it.
pub fn vars_below(member: &Member) -> BTreeSet<VarId> {
    match member {
        Member::Slot(v) => BTreeSet::from([*v]),
        Member::Part { part, .. } => part_vars(part),
    }
}

pub fn part_vars(part: &Part) -> BTreeSet<VarId> {
    let mut out: BTreeSet<VarId> = part.vars.iter().copied().collect();
    if let Some(overlap) = &part.overlap {
        for member in &overlap.members {
            out.extend(vars_below(member));
        }
    }
    out
}
