//! The npm package's WebAssembly module. The bindings are all in `medjourney-wasm`; their
//! `#[wasm_bindgen]` exports are linked into this cdylib as they are. It is a crate of its
//! own only for its build profile: the root of a link-time-optimised build sets the
//! optimisation level of the LTO pass over the whole module (see the root Cargo.toml).

pub use medjourney_wasm::*;
