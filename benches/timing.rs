//! The benchmarks' clock: the median of repeated runs, steadier than a mean on a busy machine.

use std::time::{Duration, Instant};

/// The median time of `runs` calls of `f`.
pub fn median(mut f: impl FnMut(), runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}
