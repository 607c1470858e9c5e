//! Lists of items per node packed into two vectors.

/// Adjacency lists packed into two vectors (compressed sparse rows): the
/// items of node `i` are `items[starts[i]..starts[i + 1]]`. Building it
/// costs two passes over the pairs and no allocation per node.
#[derive(Clone, Debug, Default)]
pub struct Adjacency<T> {
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy + Default> Adjacency<T> {
    /// Packs `(node, item)` pairs for `nodes` nodes; items keep their order.
    ///
    /// # Panics
    ///
    /// When a pair names a node `>= nodes`.
    #[must_use]
    pub fn build(nodes: usize, pairs: &[(u32, T)]) -> Self {
        let mut starts = vec![0u32; nodes + 1];
        for &(node, _) in pairs {
            starts[node as usize + 1] += 1;
        }
        for i in 0..nodes {
            starts[i + 1] += starts[i];
        }
        let mut fill = starts.clone();
        let mut items = vec![T::default(); pairs.len()];
        for &(node, item) in pairs {
            let slot = &mut fill[node as usize];
            items[*slot as usize] = item;
            *slot += 1;
        }
        Adjacency { starts, items }
    }

    /// The items of `node`.
    ///
    /// # Panics
    ///
    /// When `node` is not below the number of nodes built with (the rules
    /// call this in their innermost loops: no second bounds check).
    #[must_use]
    pub fn of(&self, node: usize) -> &[T] {
        &self.items[self.starts[node] as usize..self.starts[node + 1] as usize]
    }

    /// How many nodes there are.
    #[must_use]
    pub fn nodes(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_stay_in_order_per_node() {
        let lists = Adjacency::build(3, &[(2, 'a'), (0, 'b'), (2, 'c')]);
        assert_eq!(lists.of(0), ['b']);
        assert!(lists.of(1).is_empty());
        assert_eq!(lists.of(2), ['a', 'c']);
        assert_eq!(lists.nodes(), 3);
    }
}
