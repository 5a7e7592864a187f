//! Peak heap while ranking 10^6 providers, against the catalog's own in-memory size.
//!
//! A counting global allocator tracks live bytes. The catalog's size is the live heap it
//! adds (providers, id index, ranking columns); the peak is the highest live heap during
//! `rank`, catalog included. Target: peak < 3 × catalog. Prints the figures and, when
//! `MJ_BENCH_RESULTS` names a directory, writes them to `memory.json` there.

use medjourney::{rank, Method};
use medjourney_benches::{catalog, rank_options, rank_request};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; only counters change.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(now, Relaxed);
        // SAFETY: the caller upholds `alloc`'s contract, passed through as is.
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        // SAFETY: `p` was allocated by `System` with layout `l` (see `alloc`).
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new_size: usize) -> *mut u8 {
        if new_size >= l.size() {
            let now = LIVE.fetch_add(new_size - l.size(), Relaxed) + new_size - l.size();
            PEAK.fetch_max(now, Relaxed);
        } else {
            LIVE.fetch_sub(l.size() - new_size, Relaxed);
        }
        // SAFETY: the caller upholds `realloc`'s contract, passed through as is.
        unsafe { System.realloc(p, l, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const PROVIDERS: usize = 1_000_000;

fn main() {
    let request = rank_request().unwrap_or_else(|e| panic!("request: {e}"));
    let before = LIVE.load(Relaxed);
    let cat = catalog(PROVIDERS).unwrap_or_else(|e| panic!("catalog: {e}"));
    let catalog_bytes = LIVE.load(Relaxed) - before;
    let mut extra = 0usize;
    let mut candidates = 0;
    for method in [Method::WeightedSum, Method::Topsis] {
        let options = rank_options(method, 100).unwrap_or_else(|e| panic!("options: {e}"));
        let base = LIVE.load(Relaxed);
        PEAK.store(base, Relaxed);
        let ranking = rank(&cat, &request, &options).unwrap_or_else(|e| panic!("rank: {e}"));
        candidates = ranking.candidates;
        extra = extra.max(PEAK.load(Relaxed) - base);
        drop(ranking);
    }
    let ratio = (catalog_bytes + extra) as f64 / catalog_bytes as f64;
    println!(
        "rank_memory: {PROVIDERS} providers ({candidates} candidates): catalog {:.1} MB, \
         extra peak while ranking {:.1} MB, peak / catalog {ratio:.2} (target < 3)",
        catalog_bytes as f64 / 1e6,
        extra as f64 / 1e6
    );
    if let Ok(dir) = std::env::var("MJ_BENCH_RESULTS") {
        let json = format!(
            "{{\"providers\": {PROVIDERS}, \"candidates\": {candidates}, \"catalogBytes\": {catalog_bytes}, \
             \"rankExtraPeakBytes\": {extra}, \"peakRatio\": {ratio}}}\n"
        );
        let path = std::path::Path::new(&dir).join("memory.json");
        if let Err(e) = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&path, json)) {
            eprintln!("rank_memory: {}: {e}", path.display());
            std::process::exit(1);
        }
    }
}
