//! The runtimes under test, behind one trait, so every workload is the same
//! code (the same futures, channels and wakes) monomorphised for each.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

/// A single-threaded runtime: `block_on` runs a future and the tasks it spawns.
pub trait Rt: 'static {
    const NAME: &'static str;
    /// A join handle whose output is the task's (panics propagate as panics).
    type Join<T: 'static>: Future<Output = T> + 'static;
    fn block_on<F: Future + 'static>(future: F) -> F::Output;
    /// Spawns a task. The workloads' futures are all `Send`, so tokio can
    /// run them on its current-thread scheduler without a `LocalSet`; the
    /// other runtimes do not need the bound.
    fn spawn<F>(future: F) -> Self::Join<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static;
    /// Spawns a task nobody joins.
    fn spawn_detached<F: Future<Output = ()> + Send + 'static>(future: F);
    /// The runtime's own timer.
    fn sleep(duration: Duration) -> impl Future<Output = ()> + Send + 'static;
}

/// `coro::runtime`.
pub struct Coro;

impl Rt for Coro {
    const NAME: &'static str = "coro";
    type Join<T: 'static> = coro::runtime::JoinHandle<T>;
    fn block_on<F: Future + 'static>(future: F) -> F::Output {
        coro::runtime::block_on(future)
    }
    fn spawn<F>(future: F) -> Self::Join<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        coro::runtime::spawn(future)
    }
    fn spawn_detached<F: Future<Output = ()> + Send + 'static>(future: F) {
        drop(coro::runtime::spawn(future));
    }
    fn sleep(duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        coro::runtime::time::sleep(duration)
    }
}

/// tokio's current-thread runtime. Every workload's futures are `Send`, so no
/// `LocalSet` is needed: tasks go to the runtime's own scheduler with
/// `tokio::spawn`, tokio's fastest single-threaded configuration.
pub struct Tokio;

/// tokio's `JoinHandle` with the `JoinError` unwrapped.
pub struct TokioJoin<T>(tokio::task::JoinHandle<T>);

impl<T> Future for TokioJoin<T> {
    type Output = T;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        Pin::new(&mut self.0)
            .poll(cx)
            .map(|r| r.expect("tokio task failed"))
    }
}

impl Rt for Tokio {
    const NAME: &'static str = "tokio";
    type Join<T: 'static> = TokioJoin<T>;
    fn block_on<F: Future + 'static>(future: F) -> F::Output {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("tokio runtime");
        runtime.block_on(future)
    }
    fn spawn<F>(future: F) -> Self::Join<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        TokioJoin(tokio::spawn(future))
    }
    fn spawn_detached<F: Future<Output = ()> + Send + 'static>(future: F) {
        drop(tokio::spawn(future));
    }
    fn sleep(duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        tokio::time::sleep(duration)
    }
}

thread_local! {
    static SMOL: RefCell<Option<Rc<async_executor::LocalExecutor<'static>>>> =
        const { RefCell::new(None) };
    static POOL: RefCell<Option<futures::executor::LocalSpawner>> = const { RefCell::new(None) };
}

/// async-executor's `LocalExecutor`, run by `async_io::block_on` (as
/// `smol::block_on` does), so async-io's reactor and timers are driven on this
/// thread while it would otherwise sleep.
pub struct Smol;

impl Rt for Smol {
    const NAME: &'static str = "async-executor";
    type Join<T: 'static> = async_executor::Task<T>;
    fn block_on<F: Future + 'static>(future: F) -> F::Output {
        let executor = Rc::new(async_executor::LocalExecutor::new());
        SMOL.with(|cell| *cell.borrow_mut() = Some(executor.clone()));
        let output = async_io::block_on(executor.run(future));
        SMOL.with(|cell| cell.borrow_mut().take());
        // Drops the tasks that are left.
        drop(executor);
        output
    }
    fn spawn<F>(future: F) -> Self::Join<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        SMOL.with(|cell| {
            cell.borrow()
                .as_ref()
                .expect("inside block_on")
                .spawn(future)
        })
    }
    fn spawn_detached<F: Future<Output = ()> + Send + 'static>(future: F) {
        Self::spawn(future).detach();
    }
    fn sleep(duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        let timer = async_io::Timer::after(duration);
        async move {
            timer.await;
        }
    }
}

/// futures' `LocalPool`. It has no reactor or timer of its own: timers and
/// sockets are async-io's, driven by async-io's own thread, which wakes the
/// pool's thread.
pub struct Pool;

impl Rt for Pool {
    const NAME: &'static str = "futures LocalPool";
    type Join<T: 'static> = futures::future::RemoteHandle<T>;
    fn block_on<F: Future + 'static>(future: F) -> F::Output {
        let mut pool = futures::executor::LocalPool::new();
        POOL.with(|cell| *cell.borrow_mut() = Some(pool.spawner()));
        let output = pool.run_until(future);
        POOL.with(|cell| cell.borrow_mut().take());
        drop(pool);
        output
    }
    fn spawn<F>(future: F) -> Self::Join<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        use futures::task::LocalSpawnExt;
        POOL.with(|cell| {
            cell.borrow()
                .as_ref()
                .expect("inside block_on")
                .spawn_local_with_handle(future)
                .expect("spawn")
        })
    }
    fn spawn_detached<F: Future<Output = ()> + Send + 'static>(future: F) {
        use futures::task::LocalSpawnExt;
        POOL.with(|cell| {
            cell.borrow()
                .as_ref()
                .expect("inside block_on")
                .spawn_local(future)
                .expect("spawn")
        })
    }
    fn sleep(duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        Smol::sleep(duration)
    }
}

/// Pins the calling thread to `core` (Linux); does nothing if that fails.
pub fn pin_to_core(core: usize) {
    #[cfg(target_os = "linux")]
    // SAFETY: `set` is a plain bit set on the stack, initialised by CPU_ZERO;
    // sched_setaffinity only reads it.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_ZERO(&mut set);
        libc::CPU_SET(core, &mut set);
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = core;
}

/// The number of cores online (not `available_parallelism`, which shrinks to
/// one once this thread is pinned).
pub fn cores() -> usize {
    // SAFETY: sysconf only reads a system setting.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    usize::try_from(n).unwrap_or(1).max(1)
}

/// Raises the soft open-file limit to the hard one.
pub fn raise_fd_limit() {
    // SAFETY: getrlimit/setrlimit read and write the `rlimit` on our stack.
    unsafe {
        let mut limit: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max
        {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

/// The 1, 5 and 15 minute load averages (`/proc/loadavg`), or `?`: the
/// machine may be shared, and the numbers mean less the busier it is.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "?".into())
}
