// Gives every part `len / parts` numbers and the last one the remainder too: 10
// numbers on 4 threads are 2 + 2 + 2 + 4, and the longest part decides the time.
//
// expect: failed
// message: the parts are unbalanced

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
    let base = numbers.len() / parts;
    let f = &f;
    thread::scope(|scope| {
        let mut handles = Vec::new();
        for index in 0..parts {
            let start = index * base;
            let end = if index == parts - 1 {
                numbers.len()
            } else {
                start + base
            };
            let part = &numbers[start..end];
            handles.push(scope.spawn(move || part.iter().map(|&x| f(x)).sum::<u64>()));
        }
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
