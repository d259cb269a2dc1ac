//! An ordered parallel map with a bounded window: items are taken from an iterator one
//! at a time, worked on by every thread of a pool as soon as a thread is free, and handed
//! to a sink on the calling thread in the iterator's order.
//!
//! Unlike cleaning in chunks, no thread waits for the slowest item of a chunk: a slow
//! item holds back only the sink (which must keep the order), while the other threads go
//! on with the items after it. At most `window` items are out at once (taken from the
//! iterator and not yet given to the sink), which bounds memory whatever the number of
//! items or the time one of them takes.

use std::collections::{BTreeMap, VecDeque};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Condvar, Mutex, MutexGuard};

/// A worker's result for one item, or the payload of the panic it raised.
type Worked<R> = std::thread::Result<R>;

/// What the feeder, the workers and the sink share, under one lock.
struct State<T, R> {
    /// Items taken from the iterator, waiting for a worker, with their index.
    queue: VecDeque<(usize, T)>,
    /// Items worked on, waiting for the sink, by index.
    finished: BTreeMap<usize, (T, Worked<R>)>,
    /// Items taken from the iterator and not yet given to the sink.
    out: usize,
    /// The iterator is exhausted.
    fed_all: bool,
    /// The sink stopped (an error or a panic): everyone stops.
    closed: bool,
}

/// The shared state and the condition variable every change is announced on.
struct Exchange<T, R> {
    state: Mutex<State<T, R>>,
    changed: Condvar,
}

impl<T, R> Exchange<T, R> {
    fn new() -> Self {
        Exchange {
            state: Mutex::new(State {
                queue: VecDeque::new(),
                finished: BTreeMap::new(),
                out: 0,
                fed_all: false,
                closed: false,
            }),
            changed: Condvar::new(),
        }
    }

    /// The state, even if a thread panicked holding it (every change to it is one
    /// whole step, so it is never left half made).
    fn lock(&self) -> MutexGuard<'_, State<T, R>> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Wait on the condition variable until `ready` holds.
    fn wait_until<'a>(
        &self,
        guard: MutexGuard<'a, State<T, R>>,
        mut ready: impl FnMut(&State<T, R>) -> bool,
    ) -> MutexGuard<'a, State<T, R>> {
        self.changed
            .wait_while(guard, |state| !ready(state))
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Change the state and wake every waiting thread.
    fn update(&self, change: impl FnOnce(&mut State<T, R>)) {
        change(&mut self.lock());
        self.changed.notify_all();
    }
}

/// Closes the exchange when dropped, so that the feeder and the workers stop when the
/// sink returns early or panics.
struct CloseOnDrop<'a, T, R>(&'a Exchange<T, R>);

impl<T, R> Drop for CloseOnDrop<'_, T, R> {
    fn drop(&mut self) {
        self.0.update(|state| state.closed = true);
    }
}

/// Run `work(index, &item)` for every item of `items` on every thread of `pool`, and
/// hand each item with its result to `sink` on the calling thread, in the order of
/// `items`. At most `window` (at least 1) items are out at once. An error from the sink
/// stops the run and is returned; a panic in `work` or `sink` is raised again on the
/// calling thread once the other threads have stopped.
pub fn ordered_map<T, R, E, I, W, S>(
    pool: &rayon::ThreadPool,
    window: usize,
    items: I,
    work: W,
    mut sink: S,
) -> Result<(), E>
where
    T: Send,
    R: Send,
    I: Iterator<Item = T> + Send,
    W: Fn(usize, &T) -> R + Sync,
    S: FnMut(T, R) -> Result<(), E>,
{
    let exchange = Exchange::new();
    let window = window.max(1);
    std::thread::scope(|scope| {
        let _close = CloseOnDrop(&exchange);
        let (exchange, work) = (&exchange, &work);
        scope.spawn(move || feed(exchange, window, items));
        scope.spawn(move || pool.broadcast(|_| work_loop(exchange, work)));
        let mut next = 0;
        while let Some((item, worked)) = take_next(exchange, next) {
            next += 1;
            match worked {
                Ok(result) => sink(item, result)?,
                Err(payload) => panic::resume_unwind(payload),
            }
        }
        Ok(())
    })
}

/// The feeder: take items while fewer than `window` are out, until the iterator ends or
/// the run is closed. The iterator is advanced without the lock held (it may block, as
/// a reader of a file does).
fn feed<T, R>(exchange: &Exchange<T, R>, window: usize, items: impl Iterator<Item = T>) {
    let mut items = items.enumerate();
    loop {
        let state = exchange.wait_until(exchange.lock(), |s| s.out < window || s.closed);
        if state.closed {
            return;
        }
        drop(state);
        let Some((index, item)) = items.next() else {
            break;
        };
        exchange.update(|state| {
            state.queue.push_back((index, item));
            state.out += 1;
        });
    }
    exchange.update(|state| state.fed_all = true);
}

/// A worker: take queued items and work on them until all are done or the run is
/// closed. A panic in `work` is caught and handed to the sink with the item.
fn work_loop<T, R, W>(exchange: &Exchange<T, R>, work: &W)
where
    W: Fn(usize, &T) -> R,
{
    loop {
        let mut state = exchange.wait_until(exchange.lock(), |s| {
            !s.queue.is_empty() || s.fed_all || s.closed
        });
        if state.closed {
            return;
        }
        let Some((index, item)) = state.queue.pop_front() else {
            return; // fed_all and nothing queued: the run is over for this worker.
        };
        drop(state);
        let worked = panic::catch_unwind(AssertUnwindSafe(|| work(index, &item)));
        exchange.update(|state| {
            state.finished.insert(index, (item, worked));
        });
    }
}

/// The sink's next item (number `next`) with its result, waiting for it; `None` when
/// every item has been handed over.
fn take_next<T, R>(exchange: &Exchange<T, R>, next: usize) -> Option<(T, Worked<R>)> {
    let mut state = exchange.wait_until(exchange.lock(), |s| {
        s.finished.contains_key(&next) || (s.fed_all && s.out == 0)
    });
    let taken = state.finished.remove(&next)?;
    state.out -= 1;
    drop(state);
    exchange.changed.notify_all();
    Some(taken)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    /// Items whose work takes longer for some: the results still come in order.
    #[test]
    fn results_come_in_order_whatever_the_work_time() {
        for threads in [1, 2, 4] {
            let mut seen = Vec::new();
            let work = |index: usize, item: &u64| {
                if index % 7 == 0 {
                    std::thread::sleep(Duration::from_millis(3));
                }
                item * 2
            };
            ordered_map(&pool(threads), 5, 0..100u64, work, |item, doubled| {
                assert_eq!(doubled, item * 2);
                seen.push(item);
                Ok::<(), ()>(())
            })
            .unwrap();
            assert_eq!(seen, (0..100).collect::<Vec<_>>(), "{threads} threads");
        }
    }

    /// No more than `window` items are ever out of the iterator and not yet sunk.
    #[test]
    fn never_more_than_the_window_is_out() {
        let taken = AtomicUsize::new(0);
        let items = (0..200).inspect(|_| {
            taken.fetch_add(1, Ordering::SeqCst);
        });
        let mut sunk = 0;
        ordered_map(
            &pool(3),
            8,
            items,
            |_, _| (),
            |_, ()| {
                sunk += 1;
                let out = taken.load(Ordering::SeqCst) - sunk;
                assert!(out <= 8, "{out} items out with a window of 8");
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(sunk, 200);
    }

    /// One slow item does not stop the other threads: while it is worked on, the items
    /// after it (up to the window) are finished by the other thread.
    #[test]
    fn a_slow_item_does_not_hold_back_the_other_threads() {
        let finished_while_slow = AtomicUsize::new(0);
        let slow_done = std::sync::atomic::AtomicBool::new(false);
        let work = |index: usize, _: &usize| {
            if index == 0 {
                std::thread::sleep(Duration::from_millis(200));
                slow_done.store(true, Ordering::SeqCst);
            } else if !slow_done.load(Ordering::SeqCst) {
                finished_while_slow.fetch_add(1, Ordering::SeqCst);
            }
        };
        ordered_map(&pool(2), 16, 0..40usize, work, |_, ()| Ok::<(), ()>(())).unwrap();
        assert_eq!(finished_while_slow.load(Ordering::SeqCst), 15);
    }

    /// An error from the sink stops the run and is returned; the iterator is not
    /// drained to its end.
    #[test]
    fn a_sink_error_stops_the_run() {
        let taken = AtomicUsize::new(0);
        let items = (0..10_000).inspect(|_| {
            taken.fetch_add(1, Ordering::SeqCst);
        });
        let result = ordered_map(
            &pool(2),
            4,
            items,
            |_, item: &i32| *item,
            |item, _| {
                if item == 10 {
                    Err(item)
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result, Err(10));
        assert!(taken.load(Ordering::SeqCst) < 100);
    }

    /// A panic in the work is raised again on the calling thread, not lost or hung.
    #[test]
    fn a_panic_in_the_work_is_raised_on_the_calling_thread() {
        let caught = panic::catch_unwind(|| {
            ordered_map(
                &pool(2),
                4,
                0..50,
                |_, item: &i32| {
                    assert!(*item != 20, "item twenty");
                },
                |_, ()| Ok::<(), ()>(()),
            )
        });
        assert!(caught.is_err());
    }

    /// No items: the sink is never called and the run ends.
    #[test]
    fn no_items_is_an_empty_run() {
        let mut calls = 0;
        ordered_map(
            &pool(2),
            4,
            std::iter::empty::<u8>(),
            |_, _| (),
            |_, ()| {
                calls += 1;
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(calls, 0);
    }
}
