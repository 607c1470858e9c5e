//! Turning "the diagram before" and "the diagram after" into granular edits.

use super::Edit;
use crate::model::{Diagram, Interface, Module, Team, Unit};
use std::collections::{HashMap, HashSet};

/// An element list the diff can work on: each element has a string id and
/// there are three ways of changing the list.
trait Listed: Clone + PartialEq {
    fn key(&self) -> &str;
    fn insert(index: usize, item: Self) -> Edit;
    fn remove(index: usize) -> Edit;
    fn replace(index: usize, item: Self) -> Edit;
}

macro_rules! listed {
    ($ty:ty, $insert:ident, $remove:ident, $replace:ident, $field:ident, $wrap:expr) => {
        impl Listed for $ty {
            fn key(&self) -> &str {
                self.id.as_str()
            }
            fn insert(index: usize, item: Self) -> Edit {
                Edit::$insert {
                    index,
                    $field: $wrap(item),
                }
            }
            fn remove(index: usize) -> Edit {
                Edit::$remove { index }
            }
            fn replace(index: usize, item: Self) -> Edit {
                Edit::$replace {
                    index,
                    $field: $wrap(item),
                }
            }
        }
    };
}

listed!(
    Module,
    InsertModule,
    RemoveModule,
    ReplaceModule,
    module,
    Box::new
);
listed!(Unit, InsertUnit, RemoveUnit, ReplaceUnit, unit, Box::new);
listed!(
    Interface,
    InsertInterface,
    RemoveInterface,
    ReplaceInterface,
    interface,
    Box::new
);
listed!(
    Team,
    InsertTeam,
    RemoveTeam,
    ReplaceTeam,
    team,
    std::convert::identity
);

pub(super) fn between(old: &Diagram, new: &Diagram) -> Edit {
    let mut edits = Vec::new();
    // Removals of referenced elements are only valid once what refers to
    // them is gone, and inserts only once what they refer to exists; since
    // the batch is validated as a whole this order is a matter of taste, but
    // keeping it natural makes batches easy to read in a debugger.
    if old.title != new.title {
        edits.push(Edit::SetTitle(new.title.clone()));
    }
    if old.settings != new.settings {
        edits.push(Edit::SetSettings(new.settings.clone()));
    }
    diff_list(&old.interfaces, &new.interfaces, &mut edits);
    diff_list(&old.modules, &new.modules, &mut edits);
    diff_list(&old.units, &new.units, &mut edits);
    diff_list(&old.teams, &new.teams, &mut edits);
    if old.accepted != new.accepted {
        edits.push(Edit::SetAccepted(new.accepted.clone()));
    }
    Edit::Batch(edits)
}

fn diff_list<T: Listed>(old: &[T], new: &[T], edits: &mut Vec<Edit>) {
    if old == new {
        return;
    }
    let new_keys: HashSet<&str> = new.iter().map(Listed::key).collect();
    let old_by_key: HashMap<&str, &T> = old.iter().map(|item| (item.key(), item)).collect();

    // The elements both lists hold must appear in the same relative order,
    // and ids must be unique, or the insert/replace walk below is wrong.
    let kept_in_old: Vec<&str> = old
        .iter()
        .map(Listed::key)
        .filter(|k| new_keys.contains(k))
        .collect();
    let kept_in_new: Vec<&str> = new
        .iter()
        .map(Listed::key)
        .filter(|k| old_by_key.contains_key(k))
        .collect();
    let unique = old_by_key.len() == old.len() && new_keys.len() == new.len();
    if kept_in_old != kept_in_new || !unique {
        for index in (0..old.len()).rev() {
            edits.push(T::remove(index));
        }
        for (index, item) in new.iter().enumerate() {
            edits.push(T::insert(index, item.clone()));
        }
        return;
    }

    for (index, item) in old.iter().enumerate().rev() {
        if !new_keys.contains(item.key()) {
            edits.push(T::remove(index));
        }
    }
    // Now the list holds exactly the kept elements, in order; walking `new`
    // front to back, each position is either a kept element (replace it if
    // it changed) or a new one (insert it there).
    for (index, item) in new.iter().enumerate() {
        match old_by_key.get(item.key()) {
            Some(before) if *before == item => {}
            Some(_) => edits.push(T::replace(index, item.clone())),
            None => edits.push(T::insert(index, item.clone())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InterfaceKind, ModuleId, ModuleKind};

    fn modules(ids: &[&str]) -> Diagram {
        let mut d = Diagram::new();
        for id in ids {
            d.modules.push(Module::new(*id, *id, ModuleKind::Component));
        }
        d
    }

    #[test]
    fn diff_applies_to_the_new_diagram_and_back() {
        let old = modules(&["a", "b", "c", "d"]);
        let mut new = modules(&["x", "a", "c", "y", "d", "z"]);
        new.modules[2].name = "C renamed".into();
        new.interfaces.push(Interface::new(
            "a->x",
            ModuleId::new("a"),
            ModuleId::new("x"),
            InterfaceKind::Rpc,
        ));
        let mut d = old.clone();
        let inverse = Edit::between(&old, &new).apply(&mut d).expect("valid");
        assert_eq!(d, new);
        inverse.apply(&mut d).expect("valid");
        assert_eq!(d, old);
    }

    #[test]
    fn reordering_falls_back_to_rebuilding() {
        let old = modules(&["a", "b", "c"]);
        let new = modules(&["c", "a", "b"]);
        let mut d = old.clone();
        let inverse = Edit::between(&old, &new).apply(&mut d).expect("valid");
        assert_eq!(d, new);
        inverse.apply(&mut d).expect("valid");
        assert_eq!(d, old);
    }

    #[test]
    fn no_change_is_a_noop() {
        let d = modules(&["a", "b"]);
        assert!(Edit::between(&d, &d).is_noop());
    }
}
