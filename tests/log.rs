//! log's macros under `#[coro::coroutine]`, logging values that live across
//! awaits (in the coroutine's frame): the records must be those of the same
//! `async fn` compiled by rustc.

use std::sync::Mutex;

/// Keeps every record as `LEVEL target: message`.
struct Recorder(Mutex<Vec<String>>);

impl log::Log for Recorder {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        self.0.lock().expect("records").push(format!(
            "{} {}: {}",
            record.level(),
            record.target(),
            record.args()
        ));
    }

    fn flush(&self) {}
}

static RECORDER: Recorder = Recorder(Mutex::new(Vec::new()));

macro_rules! cases {
    ($attr:path) => {
        #[$attr]
        pub async fn copy(from: String, mut sizes: Vec<usize>) -> usize {
            log::info!("copying {} ({} parts)", from, sizes.len());
            coro::runtime::yield_now().await;
            sizes.push(from.len());
            log::debug!(target: "copy", "sizes {sizes:?} from {from}");
            coro::runtime::yield_now().await;
            log::log!(log::Level::Warn, "done: {}", sizes.iter().sum::<usize>());
            sizes.len() + from.len()
        }
    };
}

mod native {
    cases!(coro::__private::identity);
}

mod lowered {
    cases!(coro::coroutine);
}

fn records<T>(run: impl FnOnce() -> T) -> (T, Vec<String>) {
    RECORDER.0.lock().expect("records").clear();
    let out = run();
    (
        out,
        std::mem::take(&mut *RECORDER.0.lock().expect("records")),
    )
}

#[test]
fn records_match_the_native_async_fn() {
    log::set_logger(&RECORDER).expect("the only logger");
    log::set_max_level(log::LevelFilter::Trace);
    let (native, native_records) =
        records(|| coro::runtime::block_on(native::copy("ab".into(), vec![1, 2])));
    let (lowered, lowered_records) =
        records(|| coro::runtime::block_on(lowered::copy("ab".into(), vec![1, 2])));
    assert_eq!(native, 5);
    assert_eq!(lowered, native);
    assert_eq!(
        native_records,
        [
            "INFO log::native: copying ab (2 parts)",
            "DEBUG copy: sizes [1, 2, 2] from ab",
            "WARN log::native: done: 5",
        ]
    );
    // The same records, but for the module path in the default target.
    let lowered_records: Vec<String> = lowered_records
        .iter()
        .map(|r| r.replace("log::lowered", "log::native"))
        .collect();
    assert_eq!(lowered_records, native_records);
}
