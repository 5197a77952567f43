// The shell's allocator: talc, 0.6 KB gzip smaller in the shell than the standard
// library's dlmalloc (and faster in wasm by its authors' benchmarks). The page is
// single-threaded (no atomics).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    clippings::mount();
}
