//! The generated programs: a small syntax tree of an `async fn` body.
//!
//! Just enough structure for the shrinker to remove statements and replace
//! expressions by simpler ones of the same type; everything the shrinker
//! never touches (patterns, loop counters, tags) is kept as text. Loops carry
//! their own iteration counters, so that no reduction can make a program run
//! forever.

/// The type of an expression, as far as the shrinker needs it: an expression
/// may be replaced by another of the same type.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ty {
    Unit,
    Int,
    Bool,
    /// The harness's drop-logging `D`.
    D,
    /// The prelude's `Pair { n: i64, d: D }`.
    Pair,
    VecI,
    OptI,
    ResI,
    /// `!`: `return`, `break`, `continue`.
    Never,
    /// References and anything else that has no simple replacement.
    Other,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ret {
    /// `-> i64`
    Int,
    /// `-> Result<i64, i64>`: the body may use `?`.
    Result,
}

#[derive(Clone, Debug)]
pub struct Program {
    /// The case module's name (`fuzz_s1_17`).
    pub name: String,
    pub ret: Ret,
    pub body: Block,
}

#[derive(Clone, Debug, Default)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub tail: Option<Box<Expr>>,
}

#[derive(Clone, Debug)]
pub enum Stmt {
    /// `let PAT = INIT;` or `let PAT = INIT else { ELSE };`
    Let {
        pat: String,
        init: Expr,
        els: Option<Block>,
    },
    /// `EXPR;` (no `;` after a unit block-like expression).
    Expr(Expr),
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub ty: Ty,
    pub kind: Kind,
}

#[derive(Clone, Debug)]
pub struct Arm {
    pub pat: String,
    pub guard: Option<Expr>,
    pub body: Expr,
}

/// One operand of an `if` condition: an expression or a `let` (a let chain
/// when there are several, joined by `&&`).
#[derive(Clone, Debug)]
pub enum Cond {
    Expr(Expr),
    Let(String, Expr),
}

#[derive(Clone, Debug)]
pub enum Kind {
    /// A literal, a path or a variable, printed as is.
    Atom(String),
    Call(String, Vec<Expr>),
    Method(Box<Expr>, String, Vec<Expr>),
    /// `name!(args)`, or `name![args]` when `brackets`.
    Macro {
        name: String,
        brackets: bool,
        args: Vec<Expr>,
    },
    Await(Box<Expr>),
    Try(Box<Expr>),
    Field(Box<Expr>, String),
    Unary(&'static str, Box<Expr>),
    Binary(&'static str, Box<Expr>, Box<Expr>),
    Cast(Box<Expr>, &'static str),
    Tuple(Vec<Expr>),
    Struct(String, Vec<(String, Expr)>),
    Block(Option<String>, Block),
    If(Vec<Cond>, Block, Option<Block>),
    Match(Box<Expr>, Vec<Arm>),
    /// `{ let mut COUNTER = 0; 'LABEL: loop { COUNTER += 1; if COUNTER > LIMIT
    /// { break 'LABEL EXIT; } BODY } }`
    Loop {
        label: String,
        counter: String,
        limit: i64,
        exit: Option<Box<Expr>>,
        body: Block,
    },
    /// `{ let mut COUNTER = 0; 'LABEL: while COUNTER < LIMIT && COND {
    /// COUNTER += 1; BODY } }`
    While {
        label: String,
        counter: String,
        limit: i64,
        cond: Option<Box<Expr>>,
        body: Block,
    },
    /// `'LABEL: while let PAT = EXPR { BODY }` (bounded: EXPR pops a vector
    /// that the body cannot grow).
    WhileLet {
        label: String,
        pat: String,
        expr: Box<Expr>,
        body: Block,
    },
    For {
        label: String,
        pat: String,
        iter: Box<Expr>,
        body: Block,
    },
    Break(Option<String>, Option<Box<Expr>>),
    Continue(Option<String>),
    Return(Option<Box<Expr>>),
    /// `PLACE OP VALUE` with `OP` one of `=`, `+=`, `-=`.
    Assign(&'static str, Box<Expr>, Box<Expr>),
}

impl Expr {
    pub fn new(ty: Ty, kind: Kind) -> Expr {
        Expr { ty, kind }
    }

    pub fn atom(ty: Ty, text: impl Into<String>) -> Expr {
        Expr::new(ty, Kind::Atom(text.into()))
    }

    pub fn int(v: i64) -> Expr {
        Expr::atom(Ty::Int, v.to_string())
    }

    pub fn call(ty: Ty, f: impl Into<String>, args: Vec<Expr>) -> Expr {
        Expr::new(ty, Kind::Call(f.into(), args))
    }

    pub fn method(ty: Ty, recv: Expr, m: impl Into<String>, args: Vec<Expr>) -> Expr {
        Expr::new(ty, Kind::Method(Box::new(recv), m.into(), args))
    }

    pub fn string(s: &str) -> Expr {
        Expr::atom(Ty::Other, format!("{s:?}"))
    }

    pub fn awaited(ty: Ty, fut: Expr) -> Expr {
        Expr::new(ty, Kind::Await(Box::new(fut)))
    }

    pub fn binary(ty: Ty, op: &'static str, l: Expr, r: Expr) -> Expr {
        Expr::new(ty, Kind::Binary(op, Box::new(l), Box::new(r)))
    }

    /// Whether the expression is block-like (ends a statement without `;`).
    pub fn is_block_like(&self) -> bool {
        matches!(
            self.kind,
            Kind::Block(..)
                | Kind::If(..)
                | Kind::Match(..)
                | Kind::Loop { .. }
                | Kind::While { .. }
                | Kind::WhileLet { .. }
                | Kind::For { .. }
        )
    }
}

impl Block {
    pub fn of(stmts: Vec<Stmt>, tail: Option<Expr>) -> Block {
        Block {
            stmts,
            tail: tail.map(Box::new),
        }
    }
}
