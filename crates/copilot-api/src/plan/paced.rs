//! The shape every paced state machine of the core shares (the page loader, a session of writes), so
//! that the app has one driver for them: it asks the machine what to do at a time, sends or aborts or
//! waits as told, and hands every answer back. The machine decides everything; the driver has a clock
//! and a network. Here too: which try of a request is current (a late answer from an earlier try is
//! stale), and how long the driver may wait before asking again.

use std::collections::HashMap;
use std::hash::Hash;

use crate::error::ApiError;

/// What the driver does next. After `Send` or `Abort`, it asks again at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PacedStep<K, R> {
    /// Start these requests, each under its key; hand each answer in under the same key.
    Send(Vec<(K, R)>),
    /// Abort the requests under these keys; their late answers, if any, are ignored.
    Abort(Vec<K>),
    /// Nothing to do before this time (ms since the epoch), unless an answer arrives first.
    WaitUntil(u64),
    /// The work is over, done or stopped: the machine holds the result.
    Finished,
}

/// A clock-free machine that paces requests: the driver passes the time in.
pub trait Paced {
    /// What names one request while it is out (a page number, a batch).
    type Key: Copy + Eq + Hash;
    /// What the driver needs to send one.
    type Request;
    /// A successful answer.
    type Answer;

    /// What to do at `now_ms`.
    fn next_step(&mut self, now_ms: u64) -> PacedStep<Self::Key, Self::Request>;

    /// Hands in the answer to the request under `key`.
    fn hand_in(&mut self, key: Self::Key, answer: Result<Self::Answer, ApiError>, now_ms: u64);

    /// The Stop button: nothing new is sent afterwards. Returns the keys whose requests to abort (those
    /// left out may still answer, and their answers still count).
    fn stop(&mut self) -> Vec<Self::Key>;
}

/// The longest a driver waits without asking again, so that Stop is heard within a quarter second.
pub const LONGEST_WAIT_MS: u64 = 250;

/// How long to wait, at `now_ms`, for a machine that said `WaitUntil(until_ms)`: at least a millisecond
/// (a timer of 0 would spin), at most [`LONGEST_WAIT_MS`].
pub fn wait_ms(until_ms: u64, now_ms: u64) -> u64 {
    until_ms.saturating_sub(now_ms).clamp(1, LONGEST_WAIT_MS)
}

/// The requests a driver has out: each key's current try and what aborts it (`H`, an AbortController in
/// the browser). An answer from an earlier try of a key (one that was aborted or timed out before its
/// retry went out) is stale: it must neither be taken for the retry's answer nor take away the retry's
/// abort.
#[derive(Debug)]
pub struct CurrentTries<K, H> {
    next_try: u64,
    current: HashMap<K, (u64, H)>,
}

impl<K, H> Default for CurrentTries<K, H> {
    fn default() -> Self {
        Self { next_try: 0, current: HashMap::new() }
    }
}

impl<K: Copy + Eq + Hash, H> CurrentTries<K, H> {
    /// Records a new try under `key`, which aborts with `abort`; returns the try's id, to come back with
    /// its answer. A try still recorded under the key is forgotten: it is stale from now on.
    pub fn start(&mut self, key: K, abort: H) -> u64 {
        self.next_try += 1;
        self.current.insert(key, (self.next_try, abort));
        self.next_try
    }

    /// Forgets the tries under these keys and gives their aborts, to be used.
    pub fn abort(&mut self, keys: impl IntoIterator<Item = K>) -> Vec<H> {
        keys.into_iter().filter_map(|key| self.current.remove(&key)).map(|(_, abort)| abort).collect()
    }

    /// An answer came for `try_id` under `key`: `Some` with its abort when that try is the current one
    /// (forgotten now: a failed try is to be aborted too, since a timeout answers before the fetch itself
    /// gives up), `None` when the answer is stale and to be dropped.
    pub fn finish(&mut self, key: K, try_id: u64) -> Option<H> {
        if self.current.get(&key).is_none_or(|(current, _)| *current != try_id) {
            return None;
        }
        self.current.remove(&key).map(|(_, abort)| abort)
    }

    /// How many tries are out.
    pub fn len(&self) -> usize {
        self.current.len()
    }

    pub fn is_empty(&self) -> bool {
        self.current.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_of_the_current_try_is_taken_with_its_abort() {
        let mut tries = CurrentTries::default();
        let id = tries.start(3_u32, "abort page 3");
        assert_eq!(tries.finish(3, id), Some("abort page 3"));
        assert!(tries.is_empty(), "a finished try is forgotten");
        assert_eq!(tries.finish(3, id), None, "and a second answer to it is dropped");
    }

    #[test]
    fn a_late_answer_of_an_earlier_try_is_stale_and_keeps_the_retry_abortable() {
        let mut tries = CurrentTries::default();
        let first = tries.start(1_u32, "first");
        let retry = tries.start(1, "retry");
        assert_ne!(first, retry);
        assert_eq!(tries.finish(1, first), None);
        assert_eq!(tries.len(), 1, "the retry is still out");
        assert_eq!(tries.abort([1]), vec!["retry"]);
    }

    #[test]
    fn aborting_gives_the_aborts_of_the_keys_out_and_their_answers_are_then_stale() {
        let mut tries = CurrentTries::default();
        let one = tries.start(1_u32, 'a');
        tries.start(2, 'b');
        assert_eq!(tries.abort([1, 7]), vec!['a'], "a key not out has nothing to abort");
        assert_eq!(tries.finish(1, one), None);
        assert_eq!(tries.len(), 1);
    }

    #[test]
    fn a_wait_is_at_least_a_millisecond_and_at_most_a_quarter_second() {
        assert_eq!(wait_ms(1_000, 1_000), 1, "a time already come still waits a little, never spins");
        assert_eq!(wait_ms(900, 1_000), 1);
        assert_eq!(wait_ms(1_100, 1_000), 100);
        assert_eq!(wait_ms(61_000, 1_000), LONGEST_WAIT_MS, "Stop is heard within a quarter second");
    }
}
