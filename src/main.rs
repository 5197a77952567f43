// The shell's allocator. Talc is smaller than the standard library's dlmalloc in
// wasm (about 2 KB gzip less) and faster at what the app does most: many short
// vectors per search. The page is single-threaded (no atomics).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    clippings::mount();
}
