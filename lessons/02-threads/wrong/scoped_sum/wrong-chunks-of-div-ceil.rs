// Cuts the slice into `chunks(len.div_ceil(threads))`: 10 numbers on 6 threads become
// five chunks of 2, so one thread fewer works, and 10 on 4 become 3 + 3 + 3 + 1.
//
// expect: failed
// message: len.div_ceil(threads)

use std::thread;

/// The sum of `f(x)` over `numbers`, on `threads` scoped threads with balanced parts.
pub fn sum_by<F>(numbers: &[u64], threads: usize, f: F) -> u64
where
    F: Fn(u64) -> u64 + Sync,
{
    if numbers.is_empty() {
        return 0;
    }
    let size = numbers.len().div_ceil(threads.max(1));
    let f = &f;
    thread::scope(|scope| {
        let handles: Vec<_> = numbers
            .chunks(size)
            .map(|chunk| scope.spawn(move || chunk.iter().map(|&x| f(x)).sum::<u64>()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
