//! Functions another attribute has already rewritten around an `async`
//! block: `#[async_trait]`, `#[tokio::main]`, `#[tokio::test]`.
//!
//! Written above `#[coroutine]`, those attributes expand first and hand it a
//! plain `fn` whose body builds one `async` block and does something with it
//! (boxes it, or runs it on a runtime). The coroutine lowers that block, and
//! the function keeps its signature and every other statement, with the
//! coroutine where the block was.
//!
//! ```text
//! Input:  fn call<'life0, 'async_trait>(&'life0 self, x: u64) -> Pin<Box<dyn Future<Output = u64> + Send + 'async_trait>>
//!         where .. { Box::pin(async move { let __self = self; let x = x; .. }) }
//! Output: fn call<'life0, 'async_trait>(&'life0 self, x: u64) -> Pin<Box<dyn Future<Output = u64> + Send + 'async_trait>>
//!         where .. { Box::pin({ <shadow>; let __coroutine = { .. }; __coroutine }) }
//!
//! Input:  fn it_works() { let body = async { .. }; tokio::pin!(body); let body: Pin<&mut dyn Future<Output = ()>> = body; { return rt.block_on(body); } }
//! Output: fn it_works() { let body = { <shadow>; let __coroutine = { .. }; __coroutine }; tokio::pin!(body); .. }
//! ```
//!
//! Accepted: the block is the first statement's (`let body = async { .. };`,
//! or a call `f(async move { .. })`), so that it can use nothing but the
//! function's arguments; a block that is not `move` only in a function
//! without arguments (the coroutine takes them by value). Its output type is
//! the `T` of the first `Future<Output = T>` the function names (in its
//! return type or a later statement), or else the function's return type.

use proc_macro2::TokenStream;
use syn::visit::Visit;
use syn::{Block, Expr, ReturnType, Signature, Stmt, Type};

/// The function around the block.
pub struct Enclosing {
    /// The function's statements, the block among them.
    pub stmts: Vec<Stmt>,
    /// The block's output type.
    pub output: Type,
}

/// The block to lower and the function around it, if `body` has the shape
/// described above.
pub fn find(sig: &Signature, body: &Block) -> Option<(Block, Enclosing)> {
    let mut stmts = body.stmts.clone();
    let block = match async_block(&mut stmts)? {
        Expr::Async(a) if a.attrs.is_empty() => a,
        _ => return None,
    };
    if block.capture.is_none() && !sig.inputs.is_empty() {
        return None;
    }
    let block = block.block.clone();
    let output = future_output(sig, &stmts)?;
    Some((block, Enclosing { stmts, output }))
}

/// The function's statements with the block replaced by `coroutine` (an
/// expression's tokens).
pub fn replace(enclosing: &Enclosing, coroutine: TokenStream) -> Vec<Stmt> {
    let mut stmts = enclosing.stmts.clone();
    if let Some(block) = async_block(&mut stmts) {
        *block = Expr::Verbatim(coroutine);
    }
    stmts
}

/// The `async` block of the first statement: `let pat = async { .. };` or
/// a call with it among the arguments, `f(async move { .. })`.
fn async_block(stmts: &mut [Stmt]) -> Option<&mut Expr> {
    match stmts.first_mut()? {
        Stmt::Local(local) => {
            let init = local.init.as_mut()?;
            if init.diverge.is_some() {
                return None;
            }
            matches!(*init.expr, Expr::Async(_)).then_some(&mut *init.expr)
        }
        Stmt::Expr(Expr::Call(call), _) => {
            let mut blocks = call.args.iter_mut().filter(|a| matches!(a, Expr::Async(_)));
            let block = blocks.next()?;
            blocks.next().is_none().then_some(block)
        }
        _ => None,
    }
}

/// `T` of the first `Future<Output = T>` in the return type or the
/// statements, else the return type.
fn future_output(sig: &Signature, stmts: &[Stmt]) -> Option<Type> {
    let mut find = FindOutput(None);
    if let ReturnType::Type(_, ty) = &sig.output {
        find.visit_type(ty);
    }
    for stmt in stmts {
        if find.0.is_none() {
            find.visit_stmt(stmt);
        }
    }
    find.0.or_else(|| match &sig.output {
        ReturnType::Default => Some(syn::parse_quote!(())),
        ReturnType::Type(_, ty) => Some((**ty).clone()),
    })
}

struct FindOutput(Option<Type>);

impl<'ast> Visit<'ast> for FindOutput {
    fn visit_path_segment(&mut self, seg: &'ast syn::PathSegment) {
        if self.0.is_some() {
            return;
        }
        if seg.ident == "Future" {
            if let syn::PathArguments::AngleBracketed(args) = &seg.arguments {
                for arg in &args.args {
                    if let syn::GenericArgument::AssocType(a) = arg {
                        if a.ident == "Output" {
                            self.0 = Some(a.ty.clone());
                            return;
                        }
                    }
                }
            }
        }
        syn::visit::visit_path_segment(self, seg);
    }

    // The block's own code is not the function's.
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn found(item: &str) -> Option<(String, String)> {
        let f: syn::ItemFn = syn::parse_str(item).expect("fn");
        let (block, enclosing) = find(&f.sig, &f.block)?;
        Some((
            block.to_token_stream().to_string(),
            enclosing.output.to_token_stream().to_string(),
        ))
    }

    #[test]
    fn async_trait_shape() {
        let (block, output) = found(
            "fn f<'a, 'b>(&'a self, x: u64) -> Pin<Box<dyn Future<Output = u64> + Send + 'b>> \
             { Box::pin(async move { let x = x; step(x).await }) }",
        )
        .expect("found");
        assert_eq!(block, "{ let x = x ; step (x) . await }");
        assert_eq!(output, "u64");
    }

    #[test]
    fn tokio_test_and_main_shapes() {
        let (_, output) = found(
            "fn t() { let body = async { step(1).await; }; pin!(body); \
             let body: Pin<&mut dyn Future<Output = ()>> = body; { return rt.block_on(body); } }",
        )
        .expect("found");
        assert_eq!(output, "()");
        let (_, output) = found(
            "fn main() -> Result<(), E> { let body = async { step(1).await?; Ok(()) }; \
             let body = { body }; { return rt.block_on(body); } }",
        )
        .expect("found");
        assert_eq!(output, "Result < () , E >");
    }

    #[test]
    fn other_shapes_are_not_taken() {
        // The block is not the first statement's: it could use a local.
        assert!(found("fn f() { let n = 1; let b = async move { n }; run(b) }").is_none());
        // Not `move`, with arguments it would borrow.
        assert!(found("fn f(x: u64) { run(async { x }) }").is_none());
        // Two blocks.
        assert!(found("fn f() { join(async {}, async {}) }").is_none());
        // No block.
        assert!(found("fn f() -> u64 { 1 }").is_none());
    }
}
