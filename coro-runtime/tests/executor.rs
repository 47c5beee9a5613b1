//! The executor: spawn, join, abort, panics, shutdown, and wakes from the same
//! thread, from other threads, and while a task is running. No sockets: all of
//! it runs under Miri.

use std::cell::{Cell, RefCell};
use std::future::{Future, pending, poll_fn};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use coro_runtime::{JoinHandle, block_on, join_all, spawn, yield_now};
use futures::channel::{mpsc as fmpsc, oneshot};
use futures::{SinkExt, StreamExt};

/// Scales a count down under Miri, which is slow.
fn n(native: usize, miri: usize) -> usize {
    if cfg!(miri) { miri } else { native }
}

/// Sets its flag when dropped.
struct DropFlag(Rc<Cell<bool>>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

#[test]
fn block_on_returns_the_output() {
    assert_eq!(block_on(async { 7 }), 7);
    // Twice on the same thread: executors do not leak into each other.
    assert_eq!(block_on(async { "again" }), "again");
}

#[test]
fn spawn_and_join() {
    let outputs = block_on(async {
        let handles: Vec<JoinHandle<usize>> =
            (0..10).map(|i| spawn(async move { i * 2 })).collect();
        let mut outputs = Vec::new();
        for handle in handles {
            outputs.push(handle.await);
        }
        outputs
    });
    assert_eq!(outputs, (0..10).map(|i| i * 2).collect::<Vec<_>>());
}

#[test]
fn many_tasks_that_yield() {
    let count = n(10_000, 200);
    let total = block_on(async move {
        let handles: Vec<_> = (0..count)
            .map(|i| {
                spawn(async move {
                    for _ in 0..3 {
                        yield_now().await;
                    }
                    i
                })
            })
            .collect();
        join_all(handles).await.into_iter().sum::<usize>()
    });
    assert_eq!(total, count * (count - 1) / 2);
}

#[test]
fn a_task_awaits_another_task() {
    let value = block_on(async {
        let inner = spawn(async {
            yield_now().await;
            5
        });
        let outer = spawn(async move { inner.await + 1 });
        outer.await
    });
    assert_eq!(value, 6);
}

#[test]
fn tasks_need_not_be_send() {
    let log = Rc::new(RefCell::new(Vec::new()));
    block_on({
        let log = log.clone();
        async move {
            let a = spawn({
                let log = log.clone();
                async move {
                    log.borrow_mut().push("a1");
                    yield_now().await;
                    log.borrow_mut().push("a2");
                }
            });
            let b = spawn({
                let log = log.clone();
                async move {
                    log.borrow_mut().push("b1");
                    yield_now().await;
                    log.borrow_mut().push("b2");
                }
            });
            a.await;
            b.await;
        }
    });
    // FIFO run queue: the two tasks interleave at their yields.
    assert_eq!(*log.borrow(), ["a1", "b1", "a2", "b2"]);
}

#[test]
fn dropping_the_handle_detaches() {
    let done = Rc::new(Cell::new(false));
    block_on({
        let done = done.clone();
        async move {
            drop(spawn({
                let done = done.clone();
                async move {
                    yield_now().await;
                    done.set(true);
                }
            }));
            while !done.get() {
                yield_now().await;
            }
        }
    });
    assert!(done.get());
}

#[test]
fn detached_output_is_dropped_when_the_task_completes() {
    let dropped = Rc::new(Cell::new(false));
    block_on({
        let dropped = dropped.clone();
        async move {
            let handle = spawn({
                let dropped = dropped.clone();
                async move { DropFlag(dropped) }
            });
            drop(handle);
            yield_now().await;
            yield_now().await;
            assert!(
                dropped.get(),
                "output of a detached task is dropped once it completes"
            );
        }
    });
}

#[test]
fn unawaited_output_is_dropped_with_the_handle() {
    let dropped = Rc::new(Cell::new(false));
    block_on({
        let dropped = dropped.clone();
        async move {
            let handle = spawn({
                let dropped = dropped.clone();
                async move { DropFlag(dropped) }
            });
            yield_now().await;
            assert!(handle.is_finished());
            assert!(!dropped.get(), "the output waits for the handle");
            drop(handle);
            assert!(dropped.get());
        }
    });
}

#[test]
fn abort_an_idle_task() {
    let dropped = Rc::new(Cell::new(false));
    let polls = Rc::new(Cell::new(0));
    block_on({
        let dropped = dropped.clone();
        let polls = polls.clone();
        async move {
            let handle = spawn({
                let flag = DropFlag(dropped.clone());
                let polls = polls.clone();
                async move {
                    let _flag = flag;
                    poll_fn(|_| {
                        polls.set(polls.get() + 1);
                        Poll::<()>::Pending
                    })
                    .await;
                }
            });
            yield_now().await;
            assert_eq!(polls.get(), 1);
            assert!(!handle.is_finished());
            handle.abort();
            assert!(
                !dropped.get(),
                "the executor drops the future, not abort itself"
            );
            yield_now().await;
            assert!(dropped.get());
            assert!(handle.is_finished());
            // Awaiting an aborted task panics: there is no output.
            let awaited = catch_unwind(AssertUnwindSafe(|| {
                let mut handle = handle;
                let waker = Waker::noop();
                let _ = Pin::new(&mut handle).poll(&mut Context::from_waker(waker));
            }));
            let message = awaited.unwrap_err();
            assert!(
                message
                    .downcast_ref::<&str>()
                    .is_some_and(|m| m.contains("cancelled"))
            );
        }
    });
    assert_eq!(polls.get(), 1, "an aborted task is not polled again");
}

#[test]
fn abort_before_first_poll() {
    let polled = Rc::new(Cell::new(false));
    block_on({
        let polled = polled.clone();
        async move {
            let handle = spawn({
                let polled = polled.clone();
                async move { polled.set(true) }
            });
            handle.abort();
            yield_now().await;
            yield_now().await;
            assert!(handle.is_finished());
        }
    });
    assert!(!polled.get());
}

#[test]
fn abort_after_completion_keeps_the_output() {
    let value = block_on(async {
        let handle = spawn(async { 11 });
        yield_now().await;
        handle.abort();
        handle.await
    });
    assert_eq!(value, 11);
}

#[test]
fn a_task_aborts_itself_while_running() {
    let dropped = Rc::new(Cell::new(false));
    let after_abort = Rc::new(Cell::new(false));
    block_on({
        let dropped = dropped.clone();
        let after_abort = after_abort.clone();
        async move {
            let slot: Rc<RefCell<Option<JoinHandle<()>>>> = Rc::new(RefCell::new(None));
            let handle = spawn({
                let slot = slot.clone();
                let flag = DropFlag(dropped.clone());
                let after_abort = after_abort.clone();
                async move {
                    let _flag = flag;
                    yield_now().await;
                    if let Some(me) = slot.borrow().as_ref() {
                        me.abort();
                    }
                    yield_now().await;
                    after_abort.set(true);
                }
            });
            // The task is the only one holding a handle to itself.
            *slot.borrow_mut() = Some(handle);
            for _ in 0..4 {
                yield_now().await;
            }
            assert!(dropped.get());
            assert!(slot.borrow().as_ref().is_some_and(JoinHandle::is_finished));
        }
    });
    assert!(!after_abort.get());
}

#[test]
fn a_panic_in_a_task_resumes_on_await() {
    let caught = catch_unwind(|| {
        block_on(async {
            let handle = spawn(async {
                yield_now().await;
                panic!("boom in a task");
            });
            handle.await
        })
    });
    let payload = caught.unwrap_err();
    assert_eq!(payload.downcast_ref::<&str>(), Some(&"boom in a task"));
}

#[test]
fn a_panicking_detached_task_does_not_stop_the_executor() {
    let value = block_on(async {
        drop(spawn(async { panic!("detached boom") }));
        let other = spawn(async {
            yield_now().await;
            3
        });
        other.await
    });
    assert_eq!(value, 3);
}

#[test]
fn a_panic_in_the_main_future_propagates_and_cancels_tasks() {
    let dropped = Rc::new(Cell::new(false));
    let caught = catch_unwind(AssertUnwindSafe(|| {
        block_on({
            let dropped = dropped.clone();
            async move {
                let flag = DropFlag(dropped);
                drop(spawn(async move {
                    let _flag = flag;
                    pending::<()>().await;
                }));
                yield_now().await;
                panic!("main boom");
            }
        })
    }));
    assert!(caught.is_err());
    assert!(dropped.get());
    // The thread can run a new executor afterwards.
    assert_eq!(block_on(async { 1 }), 1);
}

#[test]
fn unfinished_tasks_are_cancelled_when_block_on_returns() {
    let dropped = Rc::new(Cell::new(0));
    struct Count(Rc<Cell<usize>>);
    impl Drop for Count {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }
    block_on({
        let dropped = dropped.clone();
        async move {
            for _ in 0..3 {
                let count = Count(dropped.clone());
                drop(spawn(async move {
                    let _count = count;
                    pending::<()>().await;
                }));
            }
            // One never even polled:
            let count = Count(dropped.clone());
            drop(spawn(async move {
                let _count = count;
            }));
            yield_now().await;
        }
    });
    // 3 pending futures dropped at shutdown; the 4th completed (its future was
    // dropped when it did).
    assert_eq!(dropped.get(), 4);
}

#[test]
fn a_future_dropped_at_shutdown_may_spawn_and_wake() {
    struct SpawnOnDrop;
    impl Drop for SpawnOnDrop {
        fn drop(&mut self) {
            // Spawning during shutdown is allowed; the task is cancelled too.
            drop(spawn(async { unreachable!("runs after shutdown") }));
        }
    }
    block_on(async {
        let guard = SpawnOnDrop;
        drop(spawn(async move {
            let _guard = guard;
            pending::<()>().await;
        }));
        yield_now().await;
    });
}

#[test]
#[should_panic(expected = "outside block_on")]
fn spawn_outside_block_on_panics() {
    drop(spawn(async {}));
}

#[test]
#[should_panic(expected = "inside block_on")]
fn nested_block_on_panics() {
    block_on(async {
        block_on(async {});
    });
}

/// A future that hands its waker to `tx` once and completes when `flag` is set.
fn wait_for_flag(flag: Arc<AtomicBool>, tx: mpsc::Sender<Waker>) -> impl Future<Output = ()> {
    let mut sent = false;
    poll_fn(move |cx| {
        if flag.load(Ordering::Acquire) {
            return Poll::Ready(());
        }
        if !sent {
            sent = true;
            let _ = tx.send(cx.waker().clone());
        }
        Poll::Pending
    })
}

#[test]
fn the_main_future_is_woken_from_another_thread() {
    let flag = Arc::new(AtomicBool::new(false));
    let (tx, rx) = mpsc::channel::<Waker>();
    let waker_thread = thread::spawn({
        let flag = flag.clone();
        move || {
            let waker = rx.recv().unwrap();
            thread::sleep(Duration::from_millis(10));
            flag.store(true, Ordering::Release);
            waker.wake();
        }
    });
    block_on(wait_for_flag(flag, tx));
    waker_thread.join().unwrap();
}

#[test]
fn a_task_is_woken_from_another_thread() {
    let flag = Arc::new(AtomicBool::new(false));
    let (tx, rx) = mpsc::channel::<Waker>();
    let waker_thread = thread::spawn({
        let flag = flag.clone();
        move || {
            let waker = rx.recv().unwrap();
            thread::sleep(Duration::from_millis(10));
            flag.store(true, Ordering::Release);
            // Several times and by reference: duplicates are harmless.
            waker.wake_by_ref();
            waker.wake_by_ref();
            waker.wake();
        }
    });
    let value = block_on(async move {
        let task = spawn(async move {
            wait_for_flag(flag, tx).await;
            9
        });
        task.await
    });
    assert_eq!(value, 9);
    waker_thread.join().unwrap();
}

#[test]
fn a_task_woken_while_running_runs_again() {
    // From its own thread: wake itself during its poll.
    let polls = Rc::new(Cell::new(0));
    block_on({
        let polls = polls.clone();
        async move {
            spawn(poll_fn(move |cx| {
                polls.set(polls.get() + 1);
                if polls.get() < 3 {
                    cx.waker().wake_by_ref();
                    Poll::Pending
                } else {
                    Poll::Ready(())
                }
            }))
            .await
        }
    });
    assert_eq!(polls.get(), 3);

    // From another thread, while the task is being polled: the remote path
    // must not lose the wake, and must not queue the task twice.
    let value = block_on(async {
        spawn(async {
            let mut round = 0;
            poll_fn(|cx| {
                round += 1;
                if round == 4 {
                    return Poll::Ready(round);
                }
                let waker = cx.waker().clone();
                let woken = Arc::new(AtomicBool::new(false));
                let helper = thread::spawn({
                    let woken = woken.clone();
                    move || {
                        waker.wake();
                        woken.store(true, Ordering::Release);
                    }
                });
                // Still inside poll when the other thread wakes us.
                helper.join().unwrap();
                assert!(woken.load(Ordering::Acquire));
                Poll::Pending
            })
            .await
        })
        .await
    });
    assert_eq!(value, 4);
}

#[test]
fn wakers_outlive_their_executor() {
    let stash: Rc<RefCell<Vec<Waker>>> = Rc::new(RefCell::new(Vec::new()));
    block_on({
        let stash = stash.clone();
        async move {
            let stash2 = stash.clone();
            drop(spawn(poll_fn(move |cx| {
                stash2.borrow_mut().push(cx.waker().clone());
                Poll::<()>::Pending
            })));
            yield_now().await;
            poll_fn(|cx| {
                stash.borrow_mut().push(cx.waker().clone());
                Poll::Ready(())
            })
            .await;
        }
    });
    let wakers = stash.take();
    assert_eq!(wakers.len(), 2);
    // On this thread, outside any executor, and inside another one.
    for waker in &wakers {
        waker.wake_by_ref();
    }
    block_on(async {
        for waker in &wakers {
            waker.wake_by_ref();
        }
    });
    // And from another thread; then the last references go there.
    thread::spawn(move || {
        for waker in wakers {
            waker.wake();
        }
    })
    .join()
    .unwrap();
}

/// Each message carries the sender for the reply.
struct Ball {
    value: usize,
    back: oneshot::Sender<Ball>,
}

#[test]
fn oneshot_ping_pong() {
    let rounds = n(1000, 50);
    let value = block_on(async move {
        let (to_pong, pong_rx) = oneshot::channel::<Ball>();
        let pong = spawn(async move {
            let mut inbox = pong_rx;
            while let Ok(ball) = inbox.await {
                let (tx, rx) = oneshot::channel();
                if ball
                    .back
                    .send(Ball {
                        value: ball.value + 1,
                        back: tx,
                    })
                    .is_err()
                {
                    break;
                }
                inbox = rx;
            }
        });
        let mut to_pong = to_pong;
        let mut value = 0;
        for _ in 0..rounds {
            let (back, reply) = oneshot::channel();
            assert!(to_pong.send(Ball { value, back }).is_ok());
            let ball = reply.await.unwrap();
            value = ball.value;
            to_pong = ball.back;
        }
        drop(to_pong);
        pong.await;
        value
    });
    assert_eq!(value, rounds);
}

#[test]
fn channel_ping_pong_between_tasks() {
    let rounds = n(2000, 50);
    let last = block_on(async move {
        let (mut ping_tx, mut ping_rx) = fmpsc::channel::<usize>(1);
        let (mut pong_tx, mut pong_rx) = fmpsc::channel::<usize>(1);
        let ponger = spawn(async move {
            while let Some(value) = ping_rx.next().await {
                if pong_tx.send(value + 1).await.is_err() {
                    break;
                }
            }
        });
        let mut value = 0;
        for _ in 0..rounds {
            ping_tx.send(value).await.unwrap();
            value = pong_rx.next().await.unwrap();
        }
        drop(ping_tx);
        ponger.await;
        value
    });
    assert_eq!(last, rounds);
}

#[test]
fn a_ring_of_bounded_channels() {
    let tasks = n(50, 5);
    let laps = n(100, 4);
    let value = block_on(async move {
        // Task i reads channel i and writes channel i + 1; we write channel 0
        // and read the last one.
        let (mut input, mut next_inbox) = fmpsc::channel::<usize>(1);
        let mut handles = Vec::new();
        for _ in 0..tasks {
            let (mut out, rx) = fmpsc::channel::<usize>(1);
            let mut inbox = std::mem::replace(&mut next_inbox, rx);
            handles.push(spawn(async move {
                while let Some(value) = inbox.next().await {
                    if out.send(value + 1).await.is_err() {
                        break;
                    }
                }
            }));
        }
        let mut output = next_inbox;
        let mut value = 0;
        for _ in 0..laps {
            input.send(value).await.unwrap();
            value = output.next().await.unwrap();
        }
        // Closing the input closes the ring, task by task.
        drop(input);
        join_all(handles).await;
        assert_eq!(output.next().await, None);
        value
    });
    assert_eq!(value, tasks * laps);
}

#[test]
fn a_channel_fed_from_other_threads() {
    let per_thread = n(1000, 20);
    let threads = 4;
    let (tx, mut rx) = fmpsc::unbounded::<usize>();
    let producers: Vec<_> = (0..threads)
        .map(|t| {
            let tx = tx.clone();
            thread::spawn(move || {
                for i in 0..per_thread {
                    tx.unbounded_send(t * per_thread + i).unwrap();
                }
            })
        })
        .collect();
    drop(tx);
    let (count, sum) = block_on(async move {
        let consumer = spawn(async move {
            let mut count = 0;
            let mut sum = 0;
            while let Some(value) = rx.next().await {
                count += 1;
                sum += value;
            }
            (count, sum)
        });
        consumer.await
    });
    for producer in producers {
        producer.join().unwrap();
    }
    let total = threads * per_thread;
    assert_eq!(count, total);
    assert_eq!(sum, total * (total - 1) / 2);
}

#[test]
fn several_threads_run_block_on_at_once() {
    let finished = Arc::new(AtomicUsize::new(0));
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let finished = finished.clone();
            thread::spawn(move || {
                let value = block_on(async move {
                    let handles: Vec<_> = (0..10)
                        .map(|i| {
                            spawn(async move {
                                yield_now().await;
                                t * 100 + i
                            })
                        })
                        .collect();
                    join_all(handles).await.into_iter().sum::<usize>()
                });
                finished.fetch_add(1, Ordering::Relaxed);
                value
            })
        })
        .collect();
    let sums: Vec<usize> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(sums, (0..4).map(|t| t * 1000 + 45).collect::<Vec<_>>());
    assert_eq!(finished.load(Ordering::Relaxed), 4);
}

#[test]
fn join_all_keeps_input_order_and_polls_only_woken_children() {
    let polls = Rc::new(Cell::new(0usize));
    let count = n(1000, 30);
    let outputs = block_on({
        let polls = polls.clone();
        async move {
            let senders: Rc<RefCell<Vec<oneshot::Sender<usize>>>> = Rc::default();
            let futures: Vec<_> = (0..count)
                .map(|i| {
                    let (tx, rx) = oneshot::channel();
                    senders.borrow_mut().push(tx);
                    let polls = polls.clone();
                    let mut rx = rx;
                    poll_fn(move |cx| {
                        polls.set(polls.get() + 1);
                        Pin::new(&mut rx).poll(cx).map(|v| v.unwrap() + i)
                    })
                })
                .collect();
            // Complete the children one at a time, in reverse order, each on
            // its own turn of the executor.
            let feeder = spawn({
                let senders = senders.clone();
                async move {
                    let senders = std::mem::take(&mut *senders.borrow_mut());
                    for tx in senders.into_iter().rev() {
                        tx.send(1000).unwrap();
                        yield_now().await;
                    }
                }
            });
            let outputs = join_all(futures).await;
            feeder.await;
            outputs
        }
    });
    assert_eq!(outputs, (0..count).map(|i| i + 1000).collect::<Vec<_>>());
    // Each child: one poll at first, one when its value arrives (plus at most
    // a few spurious ones), not `count` polls per wake.
    assert!(
        polls.get() <= 3 * count,
        "{} polls for {count} children",
        polls.get()
    );
}

#[test]
fn join_all_of_nothing() {
    let empty: Vec<std::future::Ready<u8>> = Vec::new();
    assert!(block_on(join_all(empty)).is_empty());
}

#[test]
fn join_all_children_woken_from_other_threads() {
    let shared = Arc::new(Mutex::new(Vec::<Waker>::new()));
    let flags: Vec<Arc<AtomicBool>> = (0..3).map(|_| Arc::new(AtomicBool::new(false))).collect();
    let wakers_thread = thread::spawn({
        let shared = shared.clone();
        let flags = flags.clone();
        move || {
            loop {
                let wakers = std::mem::take(&mut *shared.lock().unwrap());
                if wakers.len() == 3 {
                    for (waker, flag) in wakers.into_iter().zip(&flags) {
                        flag.store(true, Ordering::Release);
                        waker.wake();
                    }
                    return;
                }
                shared.lock().unwrap().extend(wakers);
                thread::yield_now();
            }
        }
    });
    let outputs = block_on(join_all(flags.iter().enumerate().map(|(i, flag)| {
        let flag = flag.clone();
        let shared = shared.clone();
        let mut registered = false;
        poll_fn(move |cx| {
            if flag.load(Ordering::Acquire) {
                return Poll::Ready(i);
            }
            if !registered {
                registered = true;
                shared.lock().unwrap().push(cx.waker().clone());
            }
            Poll::Pending
        })
    })));
    wakers_thread.join().unwrap();
    assert_eq!(outputs, [0, 1, 2]);
}

#[test]
fn yield_now_lets_others_run() {
    let counter = Rc::new(Cell::new(0));
    block_on({
        let counter = counter.clone();
        async move {
            let other = spawn({
                let counter = counter.clone();
                async move { counter.set(counter.get() + 1) }
            });
            assert_eq!(counter.get(), 0, "spawn does not run the task inline");
            yield_now().await;
            assert_eq!(counter.get(), 1);
            other.await;
        }
    });
}
