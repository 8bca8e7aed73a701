// Spawns a thread for every part but the last, and sums the last part on the calling
// thread while the others run: "the caller would only wait anyway".
//
// expect: failed
// message: the thread that called sum_by summed a part itself

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
        let mut handles = Vec::new();
        for index in 0..parts - 1 {
            let length = if index < longer { base + 1 } else { base };
            let (part, tail) = rest.split_at(length);
            rest = tail;
            handles.push(scope.spawn(move || part.iter().map(|&x| f(x)).sum::<u64>()));
        }
        let mine: u64 = rest.iter().map(|&x| f(x)).sum();
        mine + handles.into_iter().map(|h| h.join().unwrap()).sum::<u64>()
    })
}
