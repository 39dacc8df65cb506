"""The attributes of an ai.onnx.ml TreeEnsemble, gathered from scikit-learn
trees with numpy, a whole tree at a time.

A TreeEnsemble lists interior nodes and leaves apart, and each leaf adds one
weight to one target: a tree whose leaves hold several values (class
probabilities, several regression outputs) is written once per target.

sklearn compares float32 features with float64 thresholds; each threshold
is stored as the largest float32 not above it, which keeps `x <= t` exact
for every float32 x.
"""
import numpy as np

BRANCH_LEQ = 0
SUM = 1


def float_floor(values):
    """The largest float32 at or below each value."""
    values = np.asarray(values, dtype=np.float64)
    as_float = values.astype(np.float32)
    over = as_float.astype(np.float64) > values
    as_float[over] = np.nextafter(as_float[over], np.float32(-np.inf))
    return as_float


def node_depths(tree):
    """The depth of every node of a sklearn Tree (the root's is 0)."""
    depth = np.zeros(tree.node_count, dtype=np.int64)
    frontier = np.array([0])
    level = 0
    while frontier.size:
        depth[frontier] = level
        children = np.concatenate([tree.children_left[frontier], tree.children_right[frontier]])
        frontier = children[children >= 0]
        level += 1
    return depth


class TreeEnsembleArrays:
    """Accumulates trees; attributes() gives TreeEnsemble's attributes."""

    def __init__(self):
        self._chunks = {k: [] for k in ("roots", "features", "splits", "true_ids", "true_leafs",
                                        "false_ids", "false_leafs", "leaf_targets",
                                        "leaf_weights")}
        self._nodes = 0
        self._leaves = 0

    def add_tree(self, tree, node_values, target=0, features=None):
        """Adds a sklearn Tree whose leaf i adds node_values[i] to `target`,
        unless every leaf adds 0 (the trees are summed: it changes nothing).
        `features` maps the tree's feature indices to the input's (bagged
        features), when given."""
        left, right = tree.children_left, tree.children_right
        is_leaf = left == -1
        leaves = np.flatnonzero(is_leaf)
        weights = np.asarray(node_values, dtype=np.float32)[leaves]
        if not np.any(weights):
            return
        interior = np.flatnonzero(~is_leaf)
        chunks = self._chunks
        position = np.empty(tree.node_count, dtype=np.int64)
        position[leaves] = self._leaves + np.arange(leaves.size)
        if interior.size == 0:
            self._add_split_to_one_leaf(position[0])
        else:
            position[interior] = self._nodes + np.arange(interior.size)
            feature = tree.feature[interior].astype(np.int64)
            if features is not None:
                feature = np.asarray(features, dtype=np.int64)[feature]
            chunks["roots"].append(position[:1])
            chunks["features"].append(feature)
            chunks["splits"].append(float_floor(tree.threshold[interior]))
            for side, child in (("true", left[interior]), ("false", right[interior])):
                chunks[side + "_ids"].append(position[child])
                chunks[side + "_leafs"].append(is_leaf[child].astype(np.int64))
            self._nodes += interior.size
        chunks["leaf_targets"].append(np.full(leaves.size, target, dtype=np.int64))
        chunks["leaf_weights"].append(weights)
        self._leaves += leaves.size

    def _add_split_to_one_leaf(self, leaf):
        """A tree root whose branches both reach leaf `leaf`: how a tree
        that is one leaf is written (TreeEnsemble's roots are splits)."""
        for key, value in (("roots", self._nodes), ("features", 0), ("true_ids", leaf),
                           ("false_ids", leaf), ("true_leafs", 1), ("false_leafs", 1)):
            self._chunks[key].append(np.array([value], np.int64))
        self._chunks["splits"].append(np.zeros(1, np.float32))
        self._nodes += 1

    def _add_zero_tree(self):
        """One leaf adding 0 to target 0: an ensemble needs a tree."""
        self._add_split_to_one_leaf(self._leaves)
        self._chunks["leaf_targets"].append(np.zeros(1, np.int64))
        self._chunks["leaf_weights"].append(np.zeros(1, np.float32))
        self._leaves += 1

    def attributes(self, n_targets):
        """Keyword arguments for ops.ml.TreeEnsemble: the trees summed per
        target, no post transform."""
        if self._nodes == 0:
            self._add_zero_tree()
        c = {k: np.concatenate(v) for k, v in self._chunks.items()}
        return dict(
            tree_roots=c["roots"].astype(np.int64),
            nodes_featureids=c["features"].astype(np.int64),
            nodes_splits=c["splits"].astype(np.float32),
            nodes_modes=np.full(self._nodes, BRANCH_LEQ, dtype=np.uint8),
            nodes_truenodeids=c["true_ids"].astype(np.int64),
            nodes_trueleafs=c["true_leafs"].astype(np.int64),
            nodes_falsenodeids=c["false_ids"].astype(np.int64),
            nodes_falseleafs=c["false_leafs"].astype(np.int64),
            leaf_targetids=c["leaf_targets"].astype(np.int64),
            leaf_weights=c["leaf_weights"].astype(np.float32),
            n_targets=int(n_targets),
            aggregate_function=SUM,
            post_transform=0,
        )
