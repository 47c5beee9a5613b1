//! The coro runtime: an executor, wakers, a reactor over the OS event queue,
//! timers and TCP.
