//! What several core tests need: paths into the repository (built from
//! `CARGO_MANIFEST_DIR`, never from the working directory), the sample
//! diagrams, byte mutations for the fuzz tests, and (from `tests/common`,
//! shared with the cli tests) the `seams` binary.

#[path = "../../common/mod.rs"]
mod common;
pub mod document;

pub use common::{root, run, run_in, seams, stderr, stdout};

use proptest::prelude::*;
use seams::file;
use seams::model::Diagram;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The `.ron` files directly in `folder` (a path from the repository root,
/// or an absolute one), sorted. Fails when there are none: a test over no
/// files proves nothing.
pub fn ron_files(folder: impl AsRef<Path>) -> Vec<PathBuf> {
    let folder = root().join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|e| e.expect("folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .ron files in {}", folder.display());
    files
}

/// The photo-sharing example, the one built into the editor.
pub const EXAMPLE: &str = include_str!("../../../assets/examples/photo-sharing.ron");

/// [`EXAMPLE`], loaded.
pub fn example() -> Diagram {
    file::load_str(EXAMPLE).expect("the example loads")
}

/// One byte edit: where, the byte, and what to do there (0 = overwrite,
/// 1 = delete, 2 = insert).
pub type ByteEdit = (proptest::sample::Index, u8, u8);

/// A run of `count` byte edits, for [`mutate`].
pub fn byte_edits(count: Range<usize>) -> impl Strategy<Value = Vec<ByteEdit>> {
    proptest::collection::vec(
        (any::<proptest::sample::Index>(), any::<u8>(), 0u8..3),
        count,
    )
}

/// Applies `edits` to `bytes` in order (an emptied buffer stays empty).
pub fn mutate(bytes: &mut Vec<u8>, edits: &[ByteEdit]) {
    for (at, byte, op) in edits {
        if bytes.is_empty() {
            break;
        }
        let i = at.index(bytes.len());
        match op {
            0 => bytes[i] = *byte,
            1 => {
                bytes.remove(i);
            }
            _ => bytes.insert(i, *byte),
        }
    }
}
