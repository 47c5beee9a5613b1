//! The receiver of a method that readers take by value, at its last use,
//! where syntax cannot tell whose method it is: `reader.lines()` (std's
//! `BufRead`, futures' and tokio's `AsyncBufReadExt`), `reader.split(b',')`
//! (std's `BufRead`, tokio's `AsyncBufReadExt`), `file.bytes()` (std's
//! `Read`), `stream.take(n)` and `a.chain(b)` (std's `Read`, futures' and
//! tokio's `AsyncReadExt`). A string's `lines` and `split` borrow it, and
//! so may one's own type's methods. The value's type decides, through
//! method resolution ("autoref specialisation"):
//!
//! ```text
//! (&&&ReaderProbe::<_, Lines>(p)).recv_kind()   // TakeRecv for a reader, else PlaceRecv
//!     .recv(p, || slot.take(live))               // the value moved out, or `&mut InSlot` to it
//!     .lines()
//! ```
//!
//! A type may be a reader of more than one kind (`std::io::Cursor` is all
//! three), so each kind is asked at a step of its own, one reference
//! further from the probe than the one before: method resolution stops at
//! the first step with a method, and never sees two (E0034). The answer
//! is the same at every step.
//!
//! `lines` is taken to borrow on anything else (a string's, the common
//! case). The other names are asked of method resolution on anything else,
//! next to a probe's own method of the name (`__private::decide`), which a
//! reader must not meet: its extension trait's method would make the call
//! ambiguous (E0034). So a reader is not probed: [`ReaderTarget::target_or`]
//! gives `NotProbed` for it, and the target the probe would have asked for
//! anything else.
//!
//! ```text
//! (&&&ReaderProbe::<_, TakeChain>(p)).recv_kind()
//!     .or((&decide((&&&ReaderProbe::<_, TakeChain>(p)).target_or(target), ..)).recv_kind())
//! ```

use super::recv::{NotProbed, PlaceRecv, ProbeAs, TakeRecv};
use core::marker::PhantomData;

/// `lines()`: std's `BufRead`, futures' and tokio's `AsyncBufRead`.
pub struct Lines;
/// `split(byte)`: std's `BufRead`, tokio's `AsyncBufRead`.
pub struct SplitOn;
/// `bytes()`: std's `Read`.
pub struct Bytes;
/// `take(n)`, `chain(r)`: std's `Read`, futures' and tokio's `AsyncRead`.
pub struct TakeChain;

/// A pointer to a frame value, probed for being a reader whose method of
/// the family `F` ([`Lines`], [`SplitOn`], [`Bytes`], [`TakeChain`]) takes
/// it by value.
pub struct ReaderProbe<T, F>(pub *mut T, pub PhantomData<F>);

impl<T, F> ReaderProbe<T, F> {
    #[inline(always)]
    pub fn new(value: *mut T) -> Self {
        ReaderProbe(value, PhantomData)
    }
}

// (`Copy` whatever `T`: the last step takes the probe by value, through
// the references the call site puts around it.)
impl<T, F> Clone for ReaderProbe<T, F> {
    #[inline(always)]
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, F> Copy for ReaderProbe<T, F> {}

/// A reader's answers, at every step that finds one: moved out, and not
/// probed.
macro_rules! reader_answers {
    () => {
        #[inline(always)]
        fn recv_kind(&self) -> TakeRecv {
            TakeRecv
        }

        #[inline(always)]
        fn target_or<X>(&self, _other: X) -> ProbeAs<NotProbed> {
            ProbeAs::not_probed()
        }
    };
}

/// Found first (behind two references): std's readers.
pub trait ProbeStdReader {
    reader_answers!();
}

#[cfg(feature = "std")]
impl<T: std::io::BufRead> ProbeStdReader for &&ReaderProbe<T, Lines> {}
#[cfg(feature = "std")]
impl<T: std::io::BufRead> ProbeStdReader for &&ReaderProbe<T, SplitOn> {}
#[cfg(feature = "std")]
impl<T: std::io::Read> ProbeStdReader for &&ReaderProbe<T, Bytes> {}
#[cfg(feature = "std")]
impl<T: std::io::Read> ProbeStdReader for &&ReaderProbe<T, TakeChain> {}

/// Found second (behind one reference): futures' readers.
pub trait ProbeFuturesReader {
    reader_answers!();
}

#[cfg(feature = "std")]
impl<T: futures_io::AsyncBufRead> ProbeFuturesReader for &ReaderProbe<T, Lines> {}
#[cfg(feature = "std")]
impl<T: futures_io::AsyncRead> ProbeFuturesReader for &ReaderProbe<T, TakeChain> {}

/// Found third: tokio's readers (with the `tokio` feature).
pub trait ProbeTokioReader {
    reader_answers!();
}

#[cfg(feature = "tokio")]
impl<T: tokio::io::AsyncBufRead> ProbeTokioReader for ReaderProbe<T, Lines> {}
#[cfg(feature = "tokio")]
impl<T: tokio::io::AsyncBufRead> ProbeTokioReader for ReaderProbe<T, SplitOn> {}
#[cfg(feature = "tokio")]
impl<T: tokio::io::AsyncRead> ProbeTokioReader for ReaderProbe<T, TakeChain> {}

/// Found otherwise (the probe itself, by value): no reader. Used in place
/// (`lines`), or asked as the probe asks anything else.
pub trait ReaderTarget: Sized {
    #[inline(always)]
    fn recv_kind(self) -> PlaceRecv {
        PlaceRecv
    }

    /// The target the probe asks for a value that is no reader: `other`.
    #[inline(always)]
    fn target_or<X>(self, other: X) -> X {
        other
    }
}

impl<T, F> ReaderTarget for ReaderProbe<T, F> {}

#[cfg(all(test, feature = "std"))]
mod tests {
    use super::*;
    use core::any::{Any, TypeId};

    // (Each probe is written out at its type, as the lowering writes it: a
    // generic function would ask about `T`, which is no reader.)
    macro_rules! kind_of {
        ($family:ty, $value:expr) => {{
            let p: *mut _ = &mut $value;
            (&&&ReaderProbe::<_, $family>::new(p)).recv_kind().type_id()
        }};
    }

    #[test]
    fn readers_move_out_strings_stay() {
        let take = TypeId::of::<TakeRecv>();
        let place = TypeId::of::<PlaceRecv>();
        let mut reader = std::io::BufReader::new(&b"a\nb"[..]);
        assert_eq!(kind_of!(Lines, reader), take);
        assert_eq!(kind_of!(SplitOn, reader), take);
        assert_eq!(kind_of!(Bytes, reader), take);
        // std's `BufRead`, futures' and tokio's `AsyncBufRead` at once.
        let mut cursor = std::io::Cursor::new(std::vec![1u8]);
        assert_eq!(kind_of!(Lines, cursor), take);
        assert_eq!(kind_of!(TakeChain, cursor), take);
        // futures' only.
        let mut futures_reader = futures::io::BufReader::new(futures::io::empty());
        assert_eq!(kind_of!(Lines, futures_reader), take);
        assert_eq!(kind_of!(SplitOn, futures_reader), place);
        assert_eq!(kind_of!(Bytes, futures_reader), place);
        // `str::lines` borrows.
        let mut text = std::string::String::from("a\nb");
        assert_eq!(kind_of!(Lines, text), place);
        assert_eq!(kind_of!(TakeChain, text), place);
    }

    #[test]
    // (The references are the probe's steps, which clippy sees as needless
    // where the last step answers.)
    #[allow(clippy::needless_borrow)]
    fn readers_are_not_probed() {
        let mut cursor = std::io::Cursor::new(std::vec![1u8]);
        let p: *mut _ = &mut cursor;
        let target = (&&&ReaderProbe::<_, TakeChain>::new(p)).target_or(7u8);
        assert_eq!(target.type_id(), TypeId::of::<ProbeAs<NotProbed>>());
        let mut text = std::string::String::new();
        let p: *mut _ = &mut text;
        assert_eq!((&&&ReaderProbe::<_, TakeChain>::new(p)).target_or(7u8), 7);
    }
}
