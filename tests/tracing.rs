//! `#[tracing::instrument]` with `#[coro::coroutine]`.
//!
//! Placed above, `instrument` runs first: it writes `span!(.., x = x)` naming
//! the arguments, then moves them into an `async move` block that it awaits
//! inside the span. The coroutine must accept that (the arguments move into
//! locals of the body, as in rustc's lowering) and the span must be entered
//! on every poll, exactly as for the same `async fn` compiled by rustc.

use std::cell::RefCell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Records span entries and exits and, for each event, the span it was
/// emitted in.
#[derive(Default)]
struct Recorder {
    next: AtomicU64,
    names: Mutex<Vec<(u64, String)>>,
    log: Mutex<Vec<String>>,
}

thread_local! {
    static CURRENT: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

impl Recorder {
    fn name(&self, id: u64) -> String {
        let names = self.names.lock().expect("names");
        names
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    }

    fn push(&self, line: String) {
        self.log.lock().expect("log").push(line);
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let mut fields = String::new();
        span.record(
            &mut |field: &tracing::field::Field, value: &dyn std::fmt::Debug| {
                fields.push_str(&format!(" {}={:?}", field.name(), value));
            },
        );
        let name = format!("{}{fields}", span.metadata().name());
        self.names.lock().expect("names").push((id, name));
        Id::from_u64(id)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        // The message, then each other field as ` name=value`.
        let mut message = String::new();
        let mut fields = String::new();
        event.record(
            &mut |field: &tracing::field::Field, value: &dyn std::fmt::Debug| {
                if field.name() == "message" {
                    message.push_str(&format!("{value:?}"));
                } else {
                    fields.push_str(&format!(" {}={value:?}", field.name()));
                }
            },
        );
        message.push_str(&fields);
        let current = CURRENT.with(|c| c.borrow().last().copied());
        let span = current.map(|id| self.name(id)).unwrap_or_default();
        self.push(format!("event {message} in [{span}]"));
    }

    fn enter(&self, span: &Id) {
        CURRENT.with(|c| c.borrow_mut().push(span.into_u64()));
        self.push(format!("enter {}", self.name(span.into_u64())));
    }

    fn exit(&self, span: &Id) {
        CURRENT.with(|c| c.borrow_mut().pop());
        self.push(format!("exit {}", self.name(span.into_u64())));
    }
}

macro_rules! cases {
    ($attr:path) => {
        #[tracing::instrument]
        #[$attr]
        pub async fn fetch(id: u64, name: String) -> usize {
            tracing::info!("before");
            coro::runtime::yield_now().await;
            tracing::info!("after");
            name.len() + id as usize
        }

        #[tracing::instrument(skip(items), fields(count = items.len()))]
        #[$attr]
        pub async fn sum(mut items: Vec<u64>, extra: u64) -> u64 {
            items.push(extra);
            let mut total = 0;
            for item in &items {
                coro::runtime::yield_now().await;
                tracing::info!(item, "adding");
                total += item;
            }
            total
        }
    };
}

/// Events and spans whose fields and format arguments are values that live
/// across awaits (in the coroutine's frame), in every form of tracing's
/// grammar: shorthand, `?`/`%` sigils, `name = value`, dotted names, format
/// arguments and captures, a level, a target.
macro_rules! logging {
    ($attr:path) => {
        #[derive(Debug)]
        pub struct Peer {
            pub port: u16,
        }

        impl Peer {
            /// `self` held across awaits, logged by the shorthands `?self`
            /// and `self.port` (found by a crate of realistic code).
            #[$attr]
            pub async fn report(&self, n: u64) -> u16 {
                coro::runtime::yield_now().await;
                tracing::debug!(?self, self.port, "peer {n}");
                tracing::info!(%n, peer = ?self, "again");
                coro::runtime::yield_now().await;
                self.port
            }
        }

        #[$attr]
        pub async fn serve(id: u64, name: String, peer: Peer) -> usize {
            tracing::info!(id, %name, peer.port, "start {}", name.len());
            let v = vec![id, 2];
            coro::runtime::yield_now().await;
            tracing::debug!(?v, len = v.len(), "got {v:?}");
            let span = tracing::info_span!("work", id, total = ?v.iter().sum::<u64>());
            let entered = span.enter();
            tracing::event!(tracing::Level::WARN, name = name.as_str(), "in span {}", id);
            drop(entered);
            coro::runtime::yield_now().await;
            tracing::info!(target: "serve", port = peer.port, ?name, "done {id}");
            name.len() + v.len() + usize::from(peer.port)
        }
    };
}

mod native_logging {
    logging!(coro::__private::identity);
}

mod lowered_logging {
    logging!(coro::coroutine);
}

#[test]
fn events_and_spans_may_log_values_held_in_the_frame() {
    let (native, native_log) = traced(|| {
        coro::runtime::block_on(native_logging::serve(
            7,
            "abc".into(),
            native_logging::Peer { port: 80 },
        ))
    });
    let (lowered, lowered_log) = traced(|| {
        coro::runtime::block_on(lowered_logging::serve(
            7,
            "abc".into(),
            lowered_logging::Peer { port: 80 },
        ))
    });
    assert_eq!(native, 85);
    assert_eq!(lowered, native);
    assert!(
        native_log.contains(&"event start 3 id=7 name=abc peer.port=80 in []".to_string()),
        "{native_log:#?}"
    );
    assert!(
        native_log.contains(&"event in span 7 name=\"abc\" in [work id=7 total=9]".to_string()),
        "{native_log:#?}"
    );
    assert_eq!(lowered_log, native_log);
}

#[test]
fn events_may_log_self_by_its_shorthand() {
    let (native, native_log) =
        traced(|| coro::runtime::block_on(native_logging::Peer { port: 80 }.report(3)));
    let (lowered, lowered_log) =
        traced(|| coro::runtime::block_on(lowered_logging::Peer { port: 80 }.report(3)));
    assert_eq!(native, 80);
    assert_eq!(lowered, native);
    assert!(
        native_log.contains(&"event peer 3 self=Peer { port: 80 } self.port=80 in []".to_string()),
        "{native_log:#?}"
    );
    assert_eq!(lowered_log, native_log);
}

mod native {
    cases!(coro::__private::identity);
}

mod lowered {
    cases!(coro::coroutine);
}

fn traced<T>(run: impl FnOnce() -> T) -> (T, Vec<String>) {
    let recorder = std::sync::Arc::new(Recorder::default());
    let out = tracing::subscriber::with_default(recorder.clone(), run);
    let log = recorder.log.lock().expect("log").clone();
    (out, log)
}

#[test]
fn instrument_above_coroutine_enters_the_span_on_every_poll() {
    let (native, native_log) = traced(|| coro::runtime::block_on(native::fetch(7, "abc".into())));
    let (lowered, lowered_log) =
        traced(|| coro::runtime::block_on(lowered::fetch(7, "abc".into())));
    assert_eq!(native, 10);
    assert_eq!(lowered, native);
    // Two polls, each inside the span, with an event in each; then the
    // instrumented future's drop, which tracing also runs inside the span.
    let expected = [
        "enter fetch id=7 name=\"abc\"",
        "event before in [fetch id=7 name=\"abc\"]",
        "exit fetch id=7 name=\"abc\"",
        "enter fetch id=7 name=\"abc\"",
        "event after in [fetch id=7 name=\"abc\"]",
        "exit fetch id=7 name=\"abc\"",
        "enter fetch id=7 name=\"abc\"",
        "exit fetch id=7 name=\"abc\"",
    ];
    assert_eq!(native_log, expected);
    assert_eq!(lowered_log, native_log);
}

#[test]
fn instrument_with_skip_and_fields_matches_native() {
    let (native, native_log) = traced(|| coro::runtime::block_on(native::sum(vec![1, 2], 3)));
    let (lowered, lowered_log) = traced(|| coro::runtime::block_on(lowered::sum(vec![1, 2], 3)));
    assert_eq!(native, 6);
    assert_eq!(lowered, native);
    assert!(
        native_log.contains(&"event adding item=3 in [sum extra=3 count=2]".to_string()),
        "{native_log:#?}"
    );
    assert_eq!(lowered_log, native_log);
}
