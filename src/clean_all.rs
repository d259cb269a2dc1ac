//! Cleaning many in-memory documents on a thread pool, the results handed back in
//! input order.

use std::collections::VecDeque;
use std::panic::{self, AssertUnwindSafe};

use rayon::prelude::*;

use crate::{Article, CleanError, Input, Options};

/// How many documents are cleaned in parallel before their results are handed on.
const CHUNK: usize = 256;

/// Clean every input on a pool of `threads` worker threads (0: one per CPU) and
/// return the results in input order, whatever the number of threads.
///
/// The iterator is lazy: each time its results run out it takes the next chunk of
/// (up to 256) inputs from `inputs` and cleans them in parallel, so only one chunk of
/// documents and records is held at a time however many inputs there are. A panic
/// inside the cleaner becomes [`CleanError::Internal`] for that input; the others go
/// on. If the thread pool cannot be started, the inputs are cleaned on the calling
/// thread.
///
/// ```
/// use deboil::{clean_all, Input, Options};
///
/// let pages = vec![
///     Input::new(b"A headline\n\nThe first paragraph of the story, long enough to read as prose.\n".to_vec()),
///     Input::new(vec![0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n']),
/// ];
/// let results: Vec<_> = clean_all(pages, &Options::default(), 2).collect();
/// assert_eq!(results[0].as_ref().unwrap().title.as_deref(), Some("A headline"));
/// assert_eq!(results[1].as_ref().unwrap_err().kind(), "binary");
/// ```
pub fn clean_all<'a, I>(inputs: I, options: &Options, threads: usize) -> CleanAll<'a, I::IntoIter>
where
    I: IntoIterator<Item = Input<'a>>,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .ok();
    CleanAll {
        inputs: inputs.into_iter(),
        options: options.clone(),
        pool,
        ready: VecDeque::new(),
    }
}

/// The results of [`clean_all`], in input order.
pub struct CleanAll<'a, I: Iterator<Item = Input<'a>>> {
    inputs: I,
    options: Options,
    pool: Option<rayon::ThreadPool>,
    ready: VecDeque<Result<Article, CleanError>>,
}

impl<'a, I: Iterator<Item = Input<'a>>> CleanAll<'a, I> {
    /// Clean the next chunk of inputs into `ready`.
    fn fill(&mut self) {
        let chunk: Vec<Input<'a>> = self.inputs.by_ref().take(CHUNK).collect();
        let options = &self.options;
        let results: Vec<_> = match &self.pool {
            Some(pool) => pool.install(|| chunk.par_iter().map(|i| guarded(i, options)).collect()),
            None => chunk.iter().map(|i| guarded(i, options)).collect(),
        };
        self.ready.extend(results);
    }
}

impl<'a, I: Iterator<Item = Input<'a>>> Iterator for CleanAll<'a, I> {
    type Item = Result<Article, CleanError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.ready.is_empty() {
            self.fill();
        }
        self.ready.pop_front()
    }
}

impl<'a, I: Iterator<Item = Input<'a>>> std::fmt::Debug for CleanAll<'a, I> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CleanAll")
            .field("options", &self.options)
            .field("ready", &self.ready.len())
            .finish_non_exhaustive()
    }
}

/// [`crate::clean`], a panic inside it turned into [`CleanError::Internal`].
pub(crate) fn guarded(input: &Input<'_>, options: &Options) -> Result<Article, CleanError> {
    panic::catch_unwind(AssertUnwindSafe(|| crate::clean(input, options)))
        .unwrap_or_else(|payload| Err(CleanError::Internal(panic_message(payload.as_ref()))))
}

/// The message carried by a panic payload.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(i: usize) -> String {
        format!("Story {i}\n\nThe paragraph of story number {i}, long enough to be prose.\n")
    }

    #[test]
    fn results_come_in_input_order_across_chunks_and_threads() {
        let texts: Vec<String> = (0..CHUNK + 37).map(story).collect();
        for threads in [1, 3] {
            let inputs = texts.iter().map(|t| Input::new(t.as_bytes()));
            let titles: Vec<String> = clean_all(inputs, &Options::default(), threads)
                .map(|r| r.unwrap().title.unwrap())
                .collect();
            let expected: Vec<String> = (0..texts.len()).map(|i| format!("Story {i}")).collect();
            assert_eq!(titles, expected, "{threads} threads");
        }
    }

    #[test]
    fn inputs_are_taken_one_chunk_at_a_time() {
        let taken = std::cell::Cell::new(0usize);
        let inputs = (0..3 * CHUNK).map(|i| {
            taken.set(taken.get() + 1);
            Input::new(story(i).into_bytes())
        });
        let mut results = clean_all(inputs, &Options::default(), 2);
        assert!(results.next().unwrap().is_ok());
        assert_eq!(taken.get(), CHUNK);
        assert_eq!(results.count(), 3 * CHUNK - 1);
    }

    #[test]
    fn errors_stay_in_place_and_nothing_is_lost() {
        let options = Options::default().with_max_bytes(100);
        let inputs = vec![
            Input::new(story(0).into_bytes()),
            Input::new(vec![b'a'; 101]),
            Input::new(Vec::new()),
        ];
        let results: Vec<_> = clean_all(inputs, &options, 0).collect();
        assert_eq!(results.len(), 3);
        assert!(results[0].is_ok() && results[2].is_ok());
        assert!(matches!(
            results[1],
            Err(CleanError::TooLarge { limit: 100 })
        ));
        assert_eq!(clean_all(Vec::new(), &options, 1).count(), 0);
    }
}
