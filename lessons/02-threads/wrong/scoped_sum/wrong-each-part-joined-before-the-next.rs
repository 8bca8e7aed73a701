// Joins each part's thread right after spawning it, so the parts are summed one after
// another: correct sums, no parallelism.
//
// expect: failed
// message: the parts were summed one after another

use std::thread;

/// The sum of `f(x)` over `numbers`, on `threads` scoped threads with balanced parts.
pub fn sum_by<F>(numbers: &[u64], threads: usize, f: F) -> u64
where
    F: Fn(u64) -> u64 + Sync,
{
    let parts = threads.max(1).min(numbers.len());
    if parts == 0 {
        return 0;
    }
    let (base, longer) = (numbers.len() / parts, numbers.len() % parts);
    let f = &f;
    thread::scope(|scope| {
        let mut rest = numbers;
        let mut total = 0;
        for index in 0..parts {
            let length = if index < longer { base + 1 } else { base };
            let (part, tail) = rest.split_at(length);
            rest = tail;
            total += scope
                .spawn(move || part.iter().map(|&x| f(x)).sum::<u64>())
                .join()
                .unwrap();
        }
        total
    })
}
