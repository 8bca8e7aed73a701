// Caps the parts at the number of numbers, but applies `max(1)` last
// (`threads.min(len).max(1)`): with no numbers, one thread still starts to sum nothing.
//
// expect: failed
// message: started 1 thread(s), expected 0

use std::thread;

/// The sum of `f(x)` over `numbers`, on `threads` scoped threads with balanced parts.
pub fn sum_by<F>(numbers: &[u64], threads: usize, f: F) -> u64
where
    F: Fn(u64) -> u64 + Sync,
{
    let parts = threads.min(numbers.len()).max(1);
    let (base, longer) = (numbers.len() / parts, numbers.len() % parts);
    let f = &f;
    thread::scope(|scope| {
        let mut rest = numbers;
        let mut handles = Vec::new();
        for index in 0..parts {
            let length = if index < longer { base + 1 } else { base };
            let (part, tail) = rest.split_at(length);
            rest = tail;
            handles.push(scope.spawn(move || part.iter().map(|&x| f(x)).sum::<u64>()));
        }
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
