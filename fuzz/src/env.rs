//! The generator's picture of the locals: their types, whether they are
//! initialised, and what borrows them. Conservative by design: whatever this
//! allows, rustc's type and borrow checker accepts, so that every generated
//! program compiles natively.
//!
//! - A local moved on some path is treated as moved on all paths (it may be
//!   assigned again, never read).
//! - A borrow held in a local lasts until that local's scope ends (lexical,
//!   not NLL); a borrow taken for a method receiver lasts while its
//!   arguments are generated.
//! - Inside a loop, locals declared outside it are never moved (the next
//!   iteration would see them moved), so the state after a loop is the state
//!   before it.
//! - Inside a labelled block, locals declared outside it are never assigned
//!   while moved (a `break` before the assignment would leave them moved),
//!   so the state at every `break` is covered by the state at the end.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum VTy {
    Int,
    /// The item of `log_iter`: read as `(x as i64)`.
    U32,
    D,
    Pair,
    VecI,
    /// `&D`
    RefD,
    /// `&mut i64`
    RefMutI,
}

/// Initialisation state, ordered: merging branches takes the maximum.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum St {
    Live,
    /// A `Pair` whose `d` was moved out.
    FieldMoved,
    Moved,
}

#[derive(Clone, Debug)]
pub struct Var {
    pub name: String,
    pub ty: VTy,
    pub mutable: bool,
    pub st: St,
    /// Shared borrows alive (held by reference locals or a receiver).
    pub shared: u32,
    pub mut_borrowed: bool,
    /// Loop nesting at the declaration.
    pub loop_depth: usize,
    /// Labelled-block nesting at the declaration.
    pub lblock_depth: usize,
    pub in_scope: bool,
    /// For reference locals: the local they borrow (`None` for a borrowed
    /// temporary, extended to the reference's scope).
    pub target: Option<usize>,
}

#[derive(Default)]
pub struct Env {
    pub vars: Vec<Var>,
    scopes: Vec<Vec<usize>>,
    pub loop_depth: usize,
    pub lblock_depth: usize,
    /// Inside a match guard: nothing may be moved or assigned.
    pub in_guard: bool,
}

pub type Snapshot = Vec<St>;

impl Env {
    pub fn push_scope(&mut self) {
        self.scopes.push(Vec::new());
    }

    /// Ends a scope: its locals are gone, and so are the borrows they held.
    pub fn pop_scope(&mut self) {
        let ids = self.scopes.pop().expect("scope underflow");
        for &i in ids.iter().rev() {
            self.vars[i].in_scope = false;
            if let Some(t) = self.vars[i].target {
                match self.vars[i].ty {
                    VTy::RefD => self.vars[t].shared -= 1,
                    VTy::RefMutI => self.vars[t].mut_borrowed = false,
                    _ => {}
                }
            }
        }
    }

    pub fn declare(
        &mut self,
        name: String,
        ty: VTy,
        mutable: bool,
        target: Option<usize>,
    ) -> usize {
        let id = self.vars.len();
        if let Some(t) = target {
            match ty {
                VTy::RefD => self.vars[t].shared += 1,
                VTy::RefMutI => self.vars[t].mut_borrowed = true,
                _ => {}
            }
        }
        self.vars.push(Var {
            name,
            ty,
            mutable,
            st: St::Live,
            shared: 0,
            mut_borrowed: false,
            loop_depth: self.loop_depth,
            lblock_depth: self.lblock_depth,
            in_scope: true,
            target,
        });
        self.scopes
            .last_mut()
            .expect("declaration outside any scope")
            .push(id);
        id
    }

    /// In scope and not shadowed by a later local of the same name.
    pub fn visible(&self, i: usize) -> bool {
        let v = &self.vars[i];
        v.in_scope
            && !self.vars[i + 1..]
                .iter()
                .any(|w| w.in_scope && w.name == v.name)
    }

    /// May be read (`d.get()`, `a`, `p.n`): visible, initialised, not
    /// mutably borrowed. A pair with a moved field can still be read by
    /// field (`p.n`), which callers check with `st`.
    pub fn readable(&self, i: usize) -> bool {
        let v = &self.vars[i];
        self.visible(i) && v.st != St::Moved && !v.mut_borrowed
    }

    /// May be named inside a macro of the program's own, which the
    /// lowering lends the value to where it is held across an await:
    /// readable, whole, and borrowed by nothing (moving it back would
    /// invalidate the borrow, E0502 lowered).
    pub fn lendable(&self, i: usize) -> bool {
        let v = &self.vars[i];
        self.readable(i) && v.st == St::Live && v.shared == 0 && !v.mut_borrowed
    }

    /// The visible local named `name`.
    pub fn by_name(&self, name: &str) -> Option<usize> {
        (0..self.vars.len()).find(|&i| self.vars[i].name == name && self.visible(i))
    }

    /// May be moved out of here.
    pub fn movable(&self, i: usize) -> bool {
        let v = &self.vars[i];
        self.readable(i)
            && v.st == St::Live
            && v.shared == 0
            && v.loop_depth == self.loop_depth
            && !self.in_guard
    }

    /// May be assigned (`x = ..`, `x += ..`, `p.d = ..`), whatever its state.
    pub fn assignable(&self, i: usize) -> bool {
        let v = &self.vars[i];
        self.visible(i)
            && v.mutable
            && v.shared == 0
            && !v.mut_borrowed
            && !self.in_guard
            && (v.st == St::Live || v.lblock_depth == self.lblock_depth)
    }

    pub fn snapshot(&self) -> Snapshot {
        self.vars.iter().map(|v| v.st).collect()
    }

    pub fn restore(&mut self, s: &[St]) {
        for (v, &st) in self.vars.iter_mut().zip(s) {
            v.st = st;
        }
    }

    /// The state after a join of the `branches` (each a snapshot).
    pub fn merge(branches: &[Snapshot], len: usize) -> Snapshot {
        (0..len)
            .map(|i| branches.iter().map(|b| b[i]).max().unwrap_or(St::Live))
            .collect()
    }

    /// Every local satisfying `f`, by id.
    pub fn pick_all(&self, f: impl Fn(&Env, usize) -> bool) -> Vec<usize> {
        (0..self.vars.len()).filter(|&i| f(self, i)).collect()
    }
}
