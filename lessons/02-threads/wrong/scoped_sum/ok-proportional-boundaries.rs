// Cuts the slice at the boundaries `index * len / parts` (lengths then differ by at
// most one, the longer parts spread out instead of first), and collects the handles
// with an iterator.

use std::thread;

/// The sum of `f(x)` over `numbers`, on `threads` scoped threads with balanced parts.
pub fn sum_by<F>(numbers: &[u64], threads: usize, f: F) -> u64
where
    F: Fn(u64) -> u64 + Sync,
{
    let len = numbers.len();
    let parts = threads.clamp(1, len.max(1)).min(len);
    let f = &f;
    thread::scope(|scope| {
        let handles: Vec<_> = (0..parts)
            .map(|index| {
                let part = &numbers[index * len / parts..(index + 1) * len / parts];
                scope.spawn(move || part.iter().map(|&x| f(x)).sum::<u64>())
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a summing thread panicked"))
            .sum()
    })
}
