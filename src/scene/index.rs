//! Id → position lookups for one scene build.
//!
//! Like [`crate::model::Diagram::index`], but only for what the scene looks
//! up (modules, units, teams) and with FxHash (`rustc_hash`): the canvas
//! rebuilds the scene after every edit, and SipHash over tens of thousands
//! of ids was a sizeable share of a build.

use crate::model::Diagram;
use rustc_hash::{FxBuildHasher, FxHashMap};

/// A `HashMap` with [`rustc_hash::FxHasher`].
pub(super) type FastMap<K, V> = FxHashMap<K, V>;

/// Positions of modules, units and teams by id.
pub(super) struct SceneIndex<'a> {
    /// Module position in `Diagram::modules`.
    pub(super) modules: FastMap<&'a str, usize>,
    /// Unit position in `Diagram::units`.
    pub(super) units: FastMap<&'a str, usize>,
    /// Team position in `Diagram::teams`.
    pub(super) teams: FastMap<&'a str, usize>,
}

impl<'a> SceneIndex<'a> {
    pub(super) fn new(diagram: &'a Diagram) -> Self {
        fn positions<'a, T>(
            items: &'a [T],
            id: impl Fn(&'a T) -> &'a str,
        ) -> FastMap<&'a str, usize> {
            let mut map = FastMap::with_capacity_and_hasher(items.len(), FxBuildHasher);
            for (i, item) in items.iter().enumerate() {
                map.insert(id(item), i);
            }
            map
        }
        SceneIndex {
            modules: positions(&diagram.modules, |m| m.id.as_str()),
            units: positions(&diagram.units, |u| u.id.as_str()),
            teams: positions(&diagram.teams, |t| t.id.as_str()),
        }
    }
}
