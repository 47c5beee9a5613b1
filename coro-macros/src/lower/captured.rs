//! The capture of a var that a closure (or `async` block) that is not
//! `move` takes as its type decides (`Captures::decided`), and its uses in
//! the closure (`Form::Captured`); see `__private::capture`.
//!
//! ```text
//! // Input:  let f = || { guard.touch(); guard.finish() };
//! // Output: let f = {
//! //             let __coro_kind_4 = <probe of `touch` on guard's type>;
//! //             let __coro_kind_5 = <probe of `finish`>;
//! //             let mut __coro_cap_guard = capture(<guard Copy?>,
//! //                 PlaceRecv.or(__coro_kind_4).or(__coro_kind_5))
//! //                 .capture(<slot ptr>, || <take guard out of its slot>);
//! //             move || {
//! //                 __coro_cap_guard.reach(__coro_kind_4).touch();
//! //                 __coro_cap_guard.reach(__coro_kind_5).finish()
//! //             }
//! //         };
//! ```

use super::{KindOf, Lowerer, ProbedCallShape, probe_decide, probe_imports, probed_kind};
use super::{reader_imports, reader_kind, std_recv_imports, std_recv_kind};
use crate::analyse::{CapturedUse, Form, StdTakers};
use crate::ir::*;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote_spanned};
use syn::Ident;

impl Lowerer<'_> {
    /// The local a closure's capture of `var` is held in (hygienic).
    fn capture_ident(&self, var: VarId, span: Span) -> Ident {
        let field = self.names.fields[var].as_ref().expect("a frame var");
        let mut ident = format_ident!("__coro_cap_{}", field, span = Span::mixed_site());
        ident.set_span(ident.span().located_at(span));
        ident
    }

    /// The local the kind of use `id` is held in (see `capture_lets`).
    fn kind_ident(id: MentionId, span: Span) -> Ident {
        let mut ident = format_ident!("__coro_kind_{}", id, span = Span::mixed_site());
        ident.set_span(ident.span().located_at(span));
        ident
    }

    /// The lets before a closure that capture `d.var` as its type decides:
    /// the kind of each use that may take it, then the capture.
    pub(super) fn decided_capture_lets(&self, d: &DecidedCapture) -> TokenStream {
        let var = d.var;
        let span = self.capture_span_of(d);
        let (slot, live) = (self.slot(var), self.live());
        let recv = Ident::new("__coro_recv", span);
        let mut lets = TokenStream::new();
        // (A use moved whatever the type starts the kinds taken.)
        let mut uses = if d
            .uses
            .iter()
            .any(|&(id, _)| self.captured_use(id) == Some(&CapturedUse::Value))
        {
            quote_spanned!(span=> ::coro::__private::TakeRecv)
        } else {
            quote_spanned!(span=> ::coro::__private::PlaceRecv)
        };
        for &(id, _) in &d.uses {
            let Some(CapturedUse::Receiver(form)) = self.captured_use(id) else {
                continue;
            };
            let m = &self.body.mentions[id];
            let (imports, KindOf { lets: probe, kind }) = receiver_kind(m.span, form, &recv);
            let ident = Self::kind_ident(id, m.span);
            lets.extend(quote_spanned! {m.span=>
                let #ident = {
                    #[allow(unused_imports)]
                    use ::coro::__private::{#imports};
                    let #recv = #slot.ptr();
                    #probe
                    #kind
                };
            });
            uses = quote_spanned!(span=> #uses.or(#ident));
        }
        let cap = self.capture_ident(var, span);
        lets.extend(quote_spanned! {span=>
            #[allow(unused_mut)]
            let mut #cap = {
                #[allow(unused_imports)]
                use ::coro::__private::{ProbeCaptureCopy as _, ProbeCaptureOther as _};
                let #recv = #slot.ptr();
                ::coro::__private::capture(
                    (&::coro::__private::CaptureProbe(#recv)).copy_kind(),
                    #uses,
                )
                .capture(#recv, || #slot.take(&*#live))
            };
        });
        lets
    }

    /// A use in the closure of a var it captured as its type decides.
    pub(super) fn captured_tokens(
        &self,
        id: MentionId,
        m: &Mention,
        u: &CapturedUse,
    ) -> TokenStream {
        let span = m.span;
        let cap = self.capture_ident(m.var, span);
        let reach = |kind: TokenStream| {
            quote_spanned! {span=> ({
                #[allow(unused_imports)]
                use ::coro::__private::CaptureUse as _;
                #cap.reach(#kind)
            })}
        };
        match u {
            CapturedUse::Value => reach(quote_spanned!(span=> ::coro::__private::TakeRecv)),
            CapturedUse::Place => quote_spanned!(span=> (*#cap.ptr())),
            CapturedUse::Receiver(_) => {
                let kind = Self::kind_ident(id, span);
                reach(quote::ToTokens::into_token_stream(kind))
            }
        }
    }

    // Input:  `move || guard.finish()`, `guard` captured as its type decides
    // Output: `move || { if false { let _moved = __coro_cap_guard; loop {} }
    //         <guard reached>.finish() }`
    /// Makes a closure that captures vars as their types decide (capture
    /// list `id`) `FnOnce` if one is taken by value, as rustc's is: its
    /// uses reach the capture by reference (see `__private::ByValue`), so
    /// the closure's body moves each capture, where it never runs (a copy,
    /// for a capture by reference). Otherwise a call at a use that is not
    /// the last would borrow the closure (`Fn`), and what the capture
    /// holds would drop at the end of the closure's scope, not with the
    /// call (`if c { g.finish() } else { 0 }`).
    pub(super) fn mark_once(&self, id: usize, closure: &mut syn::ExprClosure) {
        let caps: Vec<Ident> = self.body.captures[id]
            .decided
            .iter()
            .filter(|d| self.an.in_frame[d.var])
            .map(|d| self.capture_ident(d.var, self.capture_span_of(d)))
            .collect();
        if caps.is_empty() {
            return;
        }
        let span = syn::spanned::Spanned::span(&closure.body);
        let body = &closure.body;
        *closure.body = syn::parse_quote_spanned! {span=> {
            if false {
                #(let _moved = #caps;)*
                loop {}
            }
            #body
        }};
    }

    fn captured_use(&self, id: MentionId) -> Option<&CapturedUse> {
        match &self.an.forms[id] {
            Form::Captured(u) => Some(u),
            _ => None,
        }
    }

    /// Where the closure first names the var.
    fn capture_span_of(&self, d: &DecidedCapture) -> Span {
        d.uses
            .first()
            .map_or_else(Span::call_site, |&(id, _)| self.body.mentions[id].span)
    }
}

/// The kind (`TakeRecv` or `PlaceRecv`) a receiver's `form` picks, and the
/// traits its probes need, on the value `recv` points to.
fn receiver_kind(span: Span, form: &Form, recv: &Ident) -> (TokenStream, KindOf) {
    match form {
        Form::TakeOrd => (
            quote_spanned!(span=> ProbeOrdRecv as _, ProbeOtherRecv as _),
            KindOf::of(quote_spanned!(span=> (&::coro::__private::RecvProbe(#recv)).recv_kind())),
        ),
        Form::TakeStd => (
            std_recv_imports(span, StdTakers::All),
            KindOf::of(std_recv_kind(span, recv)),
        ),
        Form::TakeReader(family) => (
            reader_imports(span),
            KindOf::of(reader_kind(span, *family, recv)),
        ),
        Form::TakeProbed {
            method,
            args,
            closures,
            takers,
            turbofish,
            ..
        } => {
            let shape = ProbedCallShape::new(method, *args, closures, turbofish);
            let decide = probe_decide(span, &shape, false, *takers, recv);
            (
                probe_imports(span, *takers),
                KindOf::of(probed_kind(
                    span,
                    *takers,
                    recv,
                    quote_spanned!(span=> (&#decide)),
                )),
            )
        }
        _ => unreachable!("`CapturedUse::of` picks a receiver's kind by these forms"),
    }
}
