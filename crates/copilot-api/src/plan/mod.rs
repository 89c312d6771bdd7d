//! Planning of long work: write batches and selection rules, the paced page loader, retries.
