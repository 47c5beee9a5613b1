//! The key-value store behind the server.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

/// A stored value: shared, so that a `GETB` can write it without holding the
/// store's lock.
pub type Value = Arc<[u8]>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAnInteger;

impl fmt::Display for NotAnInteger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("value is not an integer or out of range")
    }
}

/// A store the server can sit on. Async so that a store backed by another
/// service fits too.
pub trait Store {
    async fn get(&self, key: &str) -> Option<Value>;
    async fn set(&self, key: String, value: Value) -> Option<Value>;
    async fn remove(&self, key: &str) -> Option<Value>;
    async fn incr(&self, key: &str, by: i64) -> Result<i64, NotAnInteger>;

    /// Two lookups at once.
    #[coro::coroutine]
    async fn get_pair(&self, first: &str, second: &str) -> (Option<Value>, Option<Value>) {
        tokio::join!(self.get(first), self.get(second))
    }
}

/// The in-memory store: a `HashMap` behind a std `Mutex`, locked only
/// briefly and never across an await.
#[derive(Default)]
pub struct MemStore {
    entries: Mutex<HashMap<String, Value>>,
}

impl MemStore {
    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, Value>> {
        // A panic while holding the lock cannot leave the map half-updated:
        // every critical section is a single map operation.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Store for MemStore {
    #[coro::coroutine]
    async fn get(&self, key: &str) -> Option<Value> {
        self.entries().get(key).cloned()
    }

    #[coro::coroutine]
    async fn set(&self, key: String, value: Value) -> Option<Value> {
        self.entries().insert(key, value)
    }

    #[coro::coroutine]
    async fn remove(&self, key: &str) -> Option<Value> {
        self.entries().remove(key)
    }

    #[coro::coroutine]
    async fn incr(&self, key: &str, by: i64) -> Result<i64, NotAnInteger> {
        let mut entries = self.entries();
        let current = match entries.get(key) {
            Some(value) => std::str::from_utf8(value)
                .ok()
                .and_then(|text| text.parse::<i64>().ok())
                .ok_or(NotAnInteger)?,
            None => 0,
        };
        let next = current.checked_add(by).ok_or(NotAnInteger)?;
        entries.insert(key.to_owned(), next.to_string().into_bytes().into());
        Ok(next)
    }
}
