//! Any bytes as the JSON of a shard: accepted or refused with a reason, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = newsgraph::check_shard(data);
});
