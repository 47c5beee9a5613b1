//! The receiver of `lines()` at its last use, where syntax cannot tell
//! whose method it is: a reader's (`BufRead::lines`, and the `lines` of
//! futures' and tokio's `AsyncBufReadExt`) takes it by value, a string's
//! (`str::lines`) or one's own type's borrows it. The value's type decides,
//! through method resolution ("autoref specialisation"):
//!
//! ```text
//! (&&&LinesProbe(p)).recv_kind()      // TakeRecv for a reader, else PlaceRecv
//!     .recv(p, || slot.take(live))    // the value moved out, or `&mut InSlot` to it
//!     .lines()
//! ```
//!
//! A type may be a reader of more than one kind (`std::io::Cursor` is all
//! three), so each kind is asked at a step of its own, one reference
//! further from the probe than the one before: method resolution stops at
//! the first step with a method, and never sees two (E0034). The answer
//! is the same at every step.
//!
//! `lines` is asked this way, not of method resolution next to a probe's
//! own method of the name (`__private::decide`), because the extension
//! traits' `lines` would meet that method (E0034): a string's `lines` is
//! the common case, and is known to borrow.

use super::recv::{PlaceRecv, TakeRecv};

/// A pointer to a frame value, probed for being a reader whose `lines`
/// takes it by value.
pub struct LinesProbe<T>(pub *mut T);

// (`Copy` whatever `T`: the last step takes the probe by value, through
// the references the call site puts around it.)
impl<T> Clone for LinesProbe<T> {
    #[inline(always)]
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for LinesProbe<T> {}

/// Found first (by value, behind two references): a reader of std's
/// `BufRead`.
pub trait ProbeBufReadLines {
    #[inline(always)]
    fn recv_kind(&self) -> TakeRecv {
        TakeRecv
    }
}

#[cfg(feature = "std")]
impl<T: std::io::BufRead> ProbeBufReadLines for &&LinesProbe<T> {}

/// Found second (behind one reference): a reader of futures'
/// `AsyncBufRead`.
pub trait ProbeAsyncBufReadLines {
    #[inline(always)]
    fn recv_kind(&self) -> TakeRecv {
        TakeRecv
    }
}

#[cfg(feature = "std")]
impl<T: futures_io::AsyncBufRead> ProbeAsyncBufReadLines for &LinesProbe<T> {}

/// Found third: a reader of tokio's `AsyncBufRead` (with the `tokio`
/// feature).
pub trait ProbeTokioBufReadLines {
    #[inline(always)]
    fn recv_kind(&self) -> TakeRecv {
        TakeRecv
    }
}

#[cfg(feature = "tokio")]
impl<T: tokio::io::AsyncBufRead> ProbeTokioBufReadLines for LinesProbe<T> {}

/// Found otherwise (the probe itself, by value): used in place.
pub trait ProbeOtherLines {
    #[inline(always)]
    fn recv_kind(self) -> PlaceRecv
    where
        Self: Sized,
    {
        PlaceRecv
    }
}

impl<T> ProbeOtherLines for LinesProbe<T> {}

#[cfg(all(test, feature = "std"))]
mod tests {
    use super::*;
    use core::any::{Any, TypeId};

    // (Each probe is written out at its type, as the lowering writes it: a
    // generic function would ask about `T`, which is no reader.)
    macro_rules! kind_of {
        ($value:expr) => {{
            let p: *mut _ = &mut $value;
            (&&&LinesProbe(p)).recv_kind().type_id()
        }};
    }

    #[test]
    fn readers_move_out_strings_stay() {
        let take = TypeId::of::<TakeRecv>();
        let place = TypeId::of::<PlaceRecv>();
        let mut reader = std::io::BufReader::new(&b"a\nb"[..]);
        assert_eq!(kind_of!(reader), take);
        // std's `BufRead`, futures' and tokio's `AsyncBufRead` at once.
        let mut cursor = std::io::Cursor::new(std::vec![1u8]);
        assert_eq!(kind_of!(cursor), take);
        // futures' only.
        let mut futures_reader = futures::io::BufReader::new(futures::io::empty());
        assert_eq!(kind_of!(futures_reader), take);
        // `str::lines` borrows.
        let mut text = std::string::String::from("a\nb");
        assert_eq!(kind_of!(text), place);
    }
}
