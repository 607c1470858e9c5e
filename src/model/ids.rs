//! Typed element ids.
//!
//! Every element has an id that is unique across the whole diagram (modules,
//! units, interfaces and teams share one namespace). The wrappers keep a
//! module id from being passed where a unit id is expected; validity (non-empty,
//! no whitespace, no `@`) is checked by [`crate::model::validate`].

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a string as an id. Validity is checked by validation, not here.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

typed_id!(
    /// Id of a [`crate::model::Module`].
    ModuleId
);
typed_id!(
    /// Id of a [`crate::model::Interface`].
    InterfaceId
);
typed_id!(
    /// Id of a [`crate::model::Unit`].
    UnitId
);
typed_id!(
    /// Id of a [`crate::model::Team`].
    TeamId
);

/// Whether `id` is a valid element id: non-empty, no whitespace, no `@`.
#[must_use]
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && !id.chars().any(|c| c.is_whitespace() || c == '@')
}

/// Turns a display name into an id stem: lower case, runs of anything that
/// is not a letter or digit become one `-` (`"PNG decoder"` → `png-decoder`).
/// Returns `fallback` when nothing is left.
#[must_use]
pub fn slug(name: &str, fallback: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        fallback.to_owned()
    } else {
        out
    }
}

/// Makes a fresh id from `name`: its [`slug`], or `slug-2`, `slug-3`, ... when
/// `taken` says the plain one is in use.
pub fn fresh_id(name: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    let stem = slug(name, fallback);
    if !taken(&stem) {
        return stem;
    }
    // Ids are finite, so some number below u64::MAX is free.
    (2..u64::MAX)
        .map(|n| format!("{stem}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_design() {
        assert_eq!(slug("PNG decoder", "module"), "png-decoder");
        assert_eq!(slug("  Über  API!! ", "module"), "über-api");
        assert_eq!(slug("@@@", "module"), "module");
    }

    #[test]
    fn fresh_ids_count_up() {
        let taken = ["png-decoder", "png-decoder-2"];
        assert_eq!(
            fresh_id("PNG decoder", "m", |s| taken.contains(&s)),
            "png-decoder-3"
        );
        assert_eq!(fresh_id("Mailer", "m", |s| taken.contains(&s)), "mailer");
    }

    #[test]
    fn id_validity() {
        assert!(is_valid_id("a->b#2"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id("a@b"));
    }
}
