//! What the write tests share: names to write and a run that revokes them, driven one send at a time.

use super::kind::WriteKind;
use super::plan::WritePlan;
use super::run::{WriteRun, WriteStep};
use crate::plan::retry::RetryPolicy;

pub(super) fn users(count: usize) -> Vec<String> {
    (0..count).map(|n| format!("user-{n}")).collect()
}

pub(super) fn revoke_run(names: Vec<String>) -> WriteRun {
    WriteRun::new(WritePlan::new(WriteKind::RevokeUsers, "acme", names), RetryPolicy::default(), 1)
}

/// Sends the next batch at `now`, returning its index and names.
pub(super) fn send(run: &mut WriteRun, now: u64) -> (usize, Vec<String>) {
    match run.poll(now) {
        WriteStep::Send { batch_index, request } => (batch_index, request.names().to_vec()),
        other => panic!("expected a send at {now}, got {other:?}"),
    }
}
