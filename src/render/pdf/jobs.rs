//! Independent pieces of slow work, shared out longest first: each core takes the next
//! piece as soon as it is free, so the longest ones (a Chinese face's subset) start at once
//! instead of being left to one core at the end while the other waits.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

/// Runs `run` on every job, in the order given (put the longest first), on every free core;
/// each worker keeps one `init()` state for all the jobs it takes. The results come back in
/// the jobs' order, whichever core ran them, so the output never depends on timing.
pub fn run_all<J, S, R>(
    jobs: &[J],
    init: impl Fn() -> S + Sync + Send,
    run: impl Fn(&mut S, &J) -> R + Sync + Send,
) -> Vec<R>
where
    J: Sync,
    R: Send,
{
    let next = AtomicUsize::new(0);
    let workers = rayon::current_num_threads().clamp(1, jobs.len().max(1));
    let mut done: Vec<(usize, R)> = (0..workers)
        .into_par_iter()
        .flat_map_iter(|_| {
            let mut state = init();
            let mut mine = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                mine.push((i, run(&mut state, job)));
            }
            mine
        })
        .collect();
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_runs_once_and_results_keep_the_jobs_order() {
        let jobs: Vec<u64> = (0..200).rev().collect();
        let out = run_all(
            &jobs,
            || 0u64,
            |count, j| {
                *count += 1;
                (*j * 3, *count)
            },
        );
        assert_eq!(
            out.iter().map(|(v, _)| *v).collect::<Vec<_>>(),
            jobs.iter().map(|j| j * 3).collect::<Vec<_>>()
        );
        // a worker's state lives across the jobs it takes
        assert!(out.iter().any(|(_, n)| *n > 1));
    }

    #[test]
    fn no_jobs_no_results() {
        let out: Vec<u8> = run_all(&[] as &[u8], || (), |(), j| *j);
        assert!(out.is_empty());
    }
}
