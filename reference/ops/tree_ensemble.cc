#include "reference/ops/tree_ensemble.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "reference/kernel.h"

namespace onnxforge::reference::trees {

using Mode = NodeMode;

absl::StatusOr<Aggregate> ParseAggregate(const std::string& name) {
  if (name == "AVERAGE") return Aggregate::kAverage;
  if (name == "SUM") return Aggregate::kSum;
  if (name == "MIN") return Aggregate::kMin;
  if (name == "MAX") return Aggregate::kMax;
  return KernelError("attribute 'aggregate_function' must be AVERAGE, SUM, MIN or MAX, got '",
                     name, "'");
}

absl::StatusOr<NodeMode> ParseNodeMode(const std::string& mode, int64_t position) {
  if (mode == "BRANCH_LEQ") return NodeMode::kLeq;
  if (mode == "BRANCH_LT") return NodeMode::kLt;
  if (mode == "BRANCH_GTE") return NodeMode::kGte;
  if (mode == "BRANCH_GT") return NodeMode::kGt;
  if (mode == "BRANCH_EQ") return NodeMode::kEq;
  if (mode == "BRANCH_NEQ") return NodeMode::kNeq;
  if (mode == "LEAF") return NodeMode::kLeaf;
  return KernelError("attribute 'nodes_modes' holds '", mode, "' at position ", position,
                     "; expected BRANCH_LEQ, BRANCH_LT, BRANCH_GTE, BRANCH_GT, BRANCH_EQ, ",
                     "BRANCH_NEQ or LEAF");
}

absl::StatusOr<Aggregate> AggregateFromCode(int64_t code) {
  if (code < 0 || code > 3) {
    return KernelError("attribute 'aggregate_function' must be 0 (AVERAGE), 1 (SUM), 2 (MIN) ",
                       "or 3 (MAX), got ", code);
  }
  return static_cast<Aggregate>(code);
}

// ---- Compiling ------------------------------------------------------------------

// Collects nodes with double thresholds and votes by leaf position, then
// lays them out: votes grouped per leaf (one combined vote per target), and
// nodes in the precision asked for.
class CompiledTrees::Builder {
 public:
  Builder(int64_t num_targets, Aggregate aggregate) {
    out_.num_targets_ = num_targets;
    out_.aggregate_ = aggregate;
  }

  std::vector<Node<double>>& nodes() { return nodes_; }
  std::vector<int32_t>& roots() { return out_.roots_; }

  void AddVote(int32_t leaf, int32_t target, double weight) {
    pending_.push_back({leaf, target, weight});
  }

  absl::StatusOr<CompiledTrees> Finish(bool double_thresholds) {
    if (nodes_.size() >= static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      return KernelError("the ensemble has ", nodes_.size(), " nodes; at most ",
                         std::numeric_limits<int32_t>::max() - 1, " are supported");
    }
    GroupVotes();
    out_.double_thresholds_ = double_thresholds;
    bool first = true;
    for (size_t i = 0; i < nodes_.size(); ++i) {
      Node<double>& node = nodes_[i];
      if (node.mode == Mode::kLeaf) {
        // A leaf is its own child: walks stop moving there.
        const int32_t self = static_cast<int32_t>(i);
        node = {0.0, 0, {self, self}, Mode::kLeaf, false};
        continue;
      }
      out_.max_feature_ = std::max(out_.max_feature_, node.feature);
      out_.tracks_nan_ = out_.tracks_nan_ || node.nan_goes_true;
      if (first) out_.first_mode_ = node.mode;
      out_.uniform_mode_ = out_.uniform_mode_ && node.mode == out_.first_mode_;
      first = false;
    }
    if (double_thresholds) {
      out_.double_nodes_ = std::move(nodes_);
    } else {
      out_.float_nodes_.reserve(nodes_.size());
      for (const Node<double>& n : nodes_) {
        out_.float_nodes_.push_back({static_cast<float>(n.threshold), n.feature,
                                     {n.next[0], n.next[1]}, n.mode, n.nan_goes_true});
      }
    }
    ONNXFORGE_RETURN_IF_ERROR(out_.CheckAcyclic());
    return std::move(out_);
  }

 private:
  struct PendingVote {
    int32_t leaf;
    int32_t target;
    double weight;
  };

  // Sorts the votes by leaf and target and merges a leaf's votes for one
  // target as the aggregate would (a leaf is reached once per tree, so its
  // votes for a target count as one combined vote). first_vote_ then
  // indexes each node's run.
  void GroupVotes() {
    const auto by_leaf_and_target = [](const PendingVote& a, const PendingVote& b) {
      return a.leaf != b.leaf ? a.leaf < b.leaf : a.target < b.target;
    };
    // Converters list votes in node order, so the sort is usually skipped.
    if (!std::is_sorted(pending_.begin(), pending_.end(), by_leaf_and_target)) {
      std::stable_sort(pending_.begin(), pending_.end(), by_leaf_and_target);
    }
    std::vector<Vote>& votes = out_.votes_;
    std::vector<int32_t>& first_vote = out_.first_vote_;
    first_vote.assign(nodes_.size() + 1, 0);
    int32_t node = 0;
    for (size_t i = 0; i < pending_.size(); ++i) {
      const PendingVote& v = pending_[i];
      for (; node <= v.leaf; ++node) first_vote[node] = static_cast<int32_t>(votes.size());
      if (i > 0 && pending_[i - 1].leaf == v.leaf && pending_[i - 1].target == v.target) {
        votes.back().weight = Combine(votes.back().weight, v.weight);
      } else {
        votes.push_back({v.target, v.weight});
      }
    }
    for (; node <= static_cast<int32_t>(nodes_.size()); ++node) {
      first_vote[node] = static_cast<int32_t>(votes.size());
    }
  }

  double Combine(double a, double b) const {
    switch (out_.aggregate_) {
      case Aggregate::kMin:
        return std::min(a, b);
      case Aggregate::kMax:
        return std::max(a, b);
      default:
        return a + b;
    }
  }

  CompiledTrees out_;
  std::vector<Node<double>> nodes_;
  std::vector<PendingVote> pending_;
};

namespace {

// An error unless `values` has `count` entries (or may be empty, when `optional`).
absl::Status CheckLength(const std::string& attr, size_t size, size_t count,
                         const std::string& count_of, bool optional = false) {
  if (size == count || (optional && size == 0)) return absl::OkStatus();
  return KernelError("attribute '", attr, "' has ", size, " values but there are ", count, " ",
                     count_of);
}

absl::Status CheckFeature(const std::string& attr, int64_t position, int64_t feature) {
  if (feature < 0 || feature >= std::numeric_limits<int32_t>::max()) {
    return KernelError("attribute '", attr, "' holds feature ", feature, " at position ", position,
                       "; features count from 0");
  }
  return absl::OkStatus();
}

absl::Status CheckTarget(const std::string& attr, int64_t position, int64_t target,
                         int64_t num_targets, const std::string& what) {
  if (target < 0 || target >= num_targets) {
    return KernelError("attribute '", attr, "' holds ", target, " at position ", position,
                       "; it must be in [0, ", num_targets, ") as there are ", num_targets, " ",
                       what);
  }
  return absl::OkStatus();
}


// Finds a node's position from its (tree id, node id). Node ids within a
// tree are usually 0..k-1, so each tree gets a table indexed by node id;
// trees with scattered ids fall back to a hash map.
class NodeIndex {
 public:
  static absl::StatusOr<NodeIndex> Build(absl::Span<const int64_t> tree_ids,
                                         absl::Span<const int64_t> node_ids) {
    NodeIndex index;
    // Pass 1: the trees, their id ranges and roots (first listed node).
    std::vector<int32_t> tree_of(tree_ids.size());
    for (size_t i = 0; i < tree_ids.size(); ++i) {
      const int32_t tree = index.AddTree(tree_ids[i], static_cast<int32_t>(i));
      tree_of[i] = tree;
      Tree& entry = index.trees_[tree];
      entry.min_id = std::min(entry.min_id, node_ids[i]);
      entry.max_id = std::max(entry.max_id, node_ids[i]);
      ++entry.count;
    }
    // Pass 2: the position of each node.
    for (Tree& tree : index.trees_) {
      const uint64_t span = static_cast<uint64_t>(tree.max_id) - static_cast<uint64_t>(tree.min_id);
      tree.dense = span <= 2 * static_cast<uint64_t>(tree.count) + 64;
      if (tree.dense) tree.table.assign(span + 1, -1);
    }
    for (size_t i = 0; i < tree_ids.size(); ++i) {
      Tree& tree = index.trees_[tree_of[i]];
      int32_t* slot = nullptr;
      if (tree.dense) {
        slot = &tree.table[node_ids[i] - tree.min_id];
      } else {
        slot = &tree.sparse.try_emplace(node_ids[i], -1).first->second;
      }
      if (*slot >= 0) {
        return KernelError("node ", node_ids[i], " of tree ", tree_ids[i],
                           " is listed twice in 'nodes_treeids'/'nodes_nodeids' (positions ",
                           *slot, " and ", i, ")");
      }
      *slot = static_cast<int32_t>(i);
    }
    return index;
  }

  // The node's position, or -1.
  int32_t Find(int64_t tree_id, int64_t node_id) const {
    const int32_t t = FindTree(tree_id);
    if (t < 0) return -1;
    const Tree& tree = trees_[t];
    if (node_id < tree.min_id || node_id > tree.max_id) return -1;
    if (tree.dense) return tree.table[node_id - tree.min_id];
    const auto it = tree.sparse.find(node_id);
    return it == tree.sparse.end() ? -1 : it->second;
  }

  // The roots, trees in increasing id order.
  std::vector<int32_t> Roots() const {
    std::vector<std::pair<int64_t, int32_t>> by_id;
    for (const Tree& tree : trees_) by_id.push_back({tree.id, tree.root});
    std::sort(by_id.begin(), by_id.end());
    std::vector<int32_t> roots;
    for (const auto& [id, root] : by_id) roots.push_back(root);
    return roots;
  }

 private:
  struct Tree {
    int64_t id = 0;
    int32_t root = 0;
    int64_t min_id = std::numeric_limits<int64_t>::max();
    int64_t max_id = std::numeric_limits<int64_t>::min();
    int64_t count = 0;
    bool dense = false;
    std::vector<int32_t> table;
    absl::flat_hash_map<int64_t, int32_t> sparse;
  };

  // Nodes come grouped by tree, so the last tree found is checked first.
  int32_t FindTree(int64_t tree_id) const {
    if (last_ >= 0 && trees_[last_].id == tree_id) return last_;
    const auto it = tree_of_id_.find(tree_id);
    if (it == tree_of_id_.end()) return -1;
    last_ = it->second;
    return last_;
  }

  int32_t AddTree(int64_t tree_id, int32_t position) {
    const int32_t found = FindTree(tree_id);
    if (found >= 0) return found;
    const int32_t tree = static_cast<int32_t>(trees_.size());
    tree_of_id_.emplace(tree_id, tree);
    trees_.push_back(Tree());
    trees_.back().id = tree_id;
    trees_.back().root = position;
    last_ = tree;
    return tree;
  }

  std::vector<Tree> trees_;
  absl::flat_hash_map<int64_t, int32_t> tree_of_id_;
  mutable int32_t last_ = -1;
};

}  // namespace

absl::StatusOr<CompiledTrees> CompiledTrees::FromListed(const ListedTrees& t, int64_t num_targets,
                                                        Aggregate aggregate,
                                                        bool double_thresholds) {
  const size_t n = t.tree_ids.size();
  ONNXFORGE_RETURN_IF_ERROR(CheckLength("nodes_nodeids", t.node_ids.size(), n, "nodes"));
  ONNXFORGE_RETURN_IF_ERROR(CheckLength("nodes_featureids", t.feature_ids.size(), n, "nodes"));
  ONNXFORGE_RETURN_IF_ERROR(CheckLength("nodes_modes", t.modes.size(), n, "nodes"));
  ONNXFORGE_RETURN_IF_ERROR(CheckLength("nodes_values", t.values.size(), n, "nodes"));
  ONNXFORGE_RETURN_IF_ERROR(CheckLength("nodes_truenodeids", t.true_node_ids.size(), n, "nodes"));
  ONNXFORGE_RETURN_IF_ERROR(
      CheckLength("nodes_falsenodeids", t.false_node_ids.size(), n, "nodes"));
  ONNXFORGE_RETURN_IF_ERROR(CheckLength("nodes_missing_value_tracks_true",
                                        t.missing_tracks_true.size(), n, "nodes", true));
  const std::string& prefix = t.vote_prefix;
  const size_t num_votes = t.vote_tree_ids.size();
  ONNXFORGE_RETURN_IF_ERROR(
      CheckLength(prefix + "_nodeids", t.vote_node_ids.size(), num_votes, "leaf votes"));
  ONNXFORGE_RETURN_IF_ERROR(
      CheckLength(prefix + "_ids", t.vote_targets.size(), num_votes, "leaf votes"));
  ONNXFORGE_RETURN_IF_ERROR(
      CheckLength(prefix + "_weights", t.vote_weights.size(), num_votes, "leaf votes"));
  if (n >= static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    return KernelError("the ensemble has ", n, " nodes, more than supported");
  }

  ONNXFORGE_ASSIGN_OR_RETURN(const NodeIndex index, NodeIndex::Build(t.tree_ids, t.node_ids));

  Builder builder(num_targets, aggregate);
  std::vector<Node<double>>& nodes = builder.nodes();
  nodes.reserve(n);
  auto child = [&](size_t i, int64_t id, const char* attr) -> absl::StatusOr<int32_t> {
    const int32_t position = index.Find(t.tree_ids[i], id);
    if (position < 0) {
      return KernelError("attribute '", attr, "' sends node ", t.node_ids[i], " of tree ",
                         t.tree_ids[i], " to node ", id, ", which that tree does not have");
    }
    return position;
  };
  for (size_t i = 0; i < n; ++i) {
    const Mode mode = t.modes[i];
    Node<double> node{t.values[i], 0, {0, 0}, mode, false};
    if (mode != Mode::kLeaf) {
      ONNXFORGE_RETURN_IF_ERROR(CheckFeature("nodes_featureids", i, t.feature_ids[i]));
      node.feature = static_cast<int32_t>(t.feature_ids[i]);
      ONNXFORGE_ASSIGN_OR_RETURN(node.next[1], child(i, t.true_node_ids[i], "nodes_truenodeids"));
      ONNXFORGE_ASSIGN_OR_RETURN(node.next[0],
                                 child(i, t.false_node_ids[i], "nodes_falsenodeids"));
      node.nan_goes_true = !t.missing_tracks_true.empty() && t.missing_tracks_true[i] != 0;
    }
    nodes.push_back(node);
  }

  for (size_t j = 0; j < num_votes; ++j) {
    const int32_t position = index.Find(t.vote_tree_ids[j], t.vote_node_ids[j]);
    if (position < 0) {
      return KernelError("leaf vote ", j, " ('", prefix, "_treeids'/'", prefix,
                         "_nodeids') names node ", t.vote_node_ids[j], " of tree ",
                         t.vote_tree_ids[j], ", which is not among the nodes");
    }
    ONNXFORGE_RETURN_IF_ERROR(CheckTarget(prefix + "_ids", j, t.vote_targets[j], num_targets,
                                          prefix == "class" ? "classes" : "targets"));
    // Votes on interior nodes are never reached; older converters wrote
    // some, so they are ignored rather than refused.
    if (nodes[position].mode != Mode::kLeaf) continue;
    builder.AddVote(position, static_cast<int32_t>(t.vote_targets[j]), t.vote_weights[j]);
  }

  builder.roots() = index.Roots();
  return builder.Finish(double_thresholds);
}

absl::StatusOr<CompiledTrees> CompiledTrees::FromIndexed(const IndexedTrees& t,
                                                         int64_t num_targets, Aggregate aggregate,
                                                         bool double_thresholds) {
  const size_t n = t.splits.size();
  const std::string nodes_of = "nodes in 'nodes_splits'";
  ONNXFORGE_RETURN_IF_ERROR(CheckLength("nodes_featureids", t.feature_ids.size(), n, nodes_of));
  ONNXFORGE_RETURN_IF_ERROR(CheckLength("nodes_modes", t.modes.size(), n, nodes_of));
  ONNXFORGE_RETURN_IF_ERROR(
      CheckLength("nodes_truenodeids", t.true_node_ids.size(), n, nodes_of));
  ONNXFORGE_RETURN_IF_ERROR(
      CheckLength("nodes_falsenodeids", t.false_node_ids.size(), n, nodes_of));
  ONNXFORGE_RETURN_IF_ERROR(CheckLength("nodes_trueleafs", t.true_leafs.size(), n, nodes_of));
  ONNXFORGE_RETURN_IF_ERROR(CheckLength("nodes_falseleafs", t.false_leafs.size(), n, nodes_of));
  ONNXFORGE_RETURN_IF_ERROR(CheckLength("nodes_missing_value_tracks_true",
                                        t.missing_tracks_true.size(), n, nodes_of, true));
  const size_t num_leaves = t.leaf_targets.size();
  ONNXFORGE_RETURN_IF_ERROR(CheckLength("leaf_weights", t.leaf_weights.size(), num_leaves,
                                        "leaves in 'leaf_targetids'"));
  if (n + num_leaves + t.membership_values.size() >=
      static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    return KernelError("the ensemble has ", n + num_leaves, " nodes, more than supported");
  }

  // The membership sets, in the order of the MEMBER nodes.
  std::vector<std::vector<double>> sets;
  {
    std::vector<double> current;
    bool open = false;
    for (double v : t.membership_values) {
      if (std::isnan(v)) {
        sets.push_back(std::move(current));
        current.clear();
        open = false;
      } else {
        current.push_back(v);
        open = true;
      }
    }
    if (open) sets.push_back(std::move(current));
  }
  const size_t member_nodes = std::count(t.modes.begin(), t.modes.end(), int64_t{6});
  if (sets.size() != member_nodes) {
    return KernelError("attribute 'membership_values' holds ", sets.size(),
                       " NaN-separated sets but 'nodes_modes' has ", member_nodes,
                       " BRANCH_MEMBER (6) nodes; each needs one set");
  }

  Builder builder(num_targets, aggregate);
  std::vector<Node<double>>& nodes = builder.nodes();
  // Interior nodes first, then the leaves, then the chains MEMBER nodes unroll into.
  nodes.resize(n + num_leaves, Node<double>{0.0, 0, {0, 0}, Mode::kLeaf, false});
  auto branch = [&](size_t i, int64_t id, int64_t is_leaf, const char* ids_attr,
                    const char* leafs_attr) -> absl::StatusOr<int32_t> {
    if (is_leaf != 0) {
      if (id < 0 || id >= static_cast<int64_t>(num_leaves)) {
        return KernelError("attribute '", ids_attr, "' holds ", id, " at position ", i,
                           ", a leaf by '", leafs_attr, "', but there are ", num_leaves,
                           " leaves");
      }
      return static_cast<int32_t>(n + id);
    }
    if (id < 0 || id >= static_cast<int64_t>(n)) {
      return KernelError("attribute '", ids_attr, "' holds ", id, " at position ", i,
                         ", a node by '", leafs_attr, "', but there are ", n, " nodes");
    }
    return static_cast<int32_t>(id);
  };
  size_t next_set = 0;
  for (size_t i = 0; i < n; ++i) {
    const int64_t code = t.modes[i];
    if (code < 0 || code > 6) {
      return KernelError("attribute 'nodes_modes' holds ", code, " at position ", i,
                         "; modes are 0 (BRANCH_LEQ) to 6 (BRANCH_MEMBER)");
    }
    ONNXFORGE_RETURN_IF_ERROR(CheckFeature("nodes_featureids", i, t.feature_ids[i]));
    ONNXFORGE_ASSIGN_OR_RETURN(
        const int32_t on_true,
        branch(i, t.true_node_ids[i], t.true_leafs[i], "nodes_truenodeids", "nodes_trueleafs"));
    ONNXFORGE_ASSIGN_OR_RETURN(
        const int32_t on_false,
        branch(i, t.false_node_ids[i], t.false_leafs[i], "nodes_falsenodeids", "nodes_falseleafs"));
    const bool nan_true = !t.missing_tracks_true.empty() && t.missing_tracks_true[i] != 0;
    const int32_t feature = static_cast<int32_t>(t.feature_ids[i]);
    if (code != 6) {
      nodes[i] = {t.splits[i], feature, {on_false, on_true}, static_cast<Mode>(code), nan_true};
      continue;
    }
    // x in {a, b, c}: x == a, else x == b, else x == c, each true test
    // leading to the true branch. An empty set tests against NaN, which
    // nothing equals.
    // The first test takes the node's own place; the others are appended,
    // each failing over to the next.
    const std::vector<double>& set = sets[next_set++];
    const size_t links = std::max<size_t>(set.size(), 1);
    for (size_t k = 0; k < links; ++k) {
      const int32_t appended_next = static_cast<int32_t>(nodes.size() + (k == 0 ? 0 : 1));
      const int32_t next = k + 1 == links ? on_false : appended_next;
      const double value = set.empty() ? std::numeric_limits<double>::quiet_NaN() : set[k];
      const Node<double> link{value, feature, {next, on_true}, Mode::kEq, nan_true};
      if (k == 0) {
        nodes[i] = link;
      } else {
        nodes.push_back(link);
      }
    }
  }

  for (size_t j = 0; j < num_leaves; ++j) {
    ONNXFORGE_RETURN_IF_ERROR(
        CheckTarget("leaf_targetids", j, t.leaf_targets[j], num_targets, "targets"));
    builder.AddVote(static_cast<int32_t>(n + j), static_cast<int32_t>(t.leaf_targets[j]),
                    t.leaf_weights[j]);
  }
  for (size_t r = 0; r < t.tree_roots.size(); ++r) {
    const int64_t root = t.tree_roots[r];
    if (root < 0 || root >= static_cast<int64_t>(n)) {
      return KernelError("attribute 'tree_roots' holds ", root, " at position ", r,
                         " but there are ", n, " nodes");
    }
    builder.roots().push_back(static_cast<int32_t>(root));
  }
  return builder.Finish(double_thresholds);
}

absl::Status CompiledTrees::CheckAcyclic() const {
  const size_t n = double_thresholds_ ? double_nodes_.size() : float_nodes_.size();
  auto children = [&](int32_t i, int32_t* a, int32_t* b) {
    if (double_thresholds_) {
      const Node<double>& node = double_nodes_[i];
      if (node.mode == Mode::kLeaf) return false;
      *a = node.next[0];
      *b = node.next[1];
    } else {
      const Node<float>& node = float_nodes_[i];
      if (node.mode == Mode::kLeaf) return false;
      *a = node.next[0];
      *b = node.next[1];
    }
    return true;
  };
  // Depth-first search; 1 marks nodes on the current path, 2 finished ones.
  // A finished node may be shared; reaching a node on the path is a cycle.
  std::vector<uint8_t> state(n, 0);
  std::vector<int32_t> stack;
  for (int32_t root : roots_) {
    if (state[root] != 0) continue;
    stack.push_back(root);
    while (!stack.empty()) {
      const int32_t top = stack.back();
      if (top < 0) {  // leaving ~top
        state[~top] = 2;
        stack.pop_back();
        continue;
      }
      stack.back() = ~top;
      state[top] = 1;
      int32_t a = 0, b = 0;
      if (!children(top, &a, &b)) continue;
      for (int32_t c : {a, b}) {
        if (state[c] == 1) {
          return KernelError("the trees loop: node ", top, " (in the order compiled) leads back ",
                             "to node ", c, " on its own path; a tree must not contain cycles");
        }
        if (state[c] == 0) stack.push_back(c);
      }
    }
  }
  return absl::OkStatus();
}

// ---- Evaluating -----------------------------------------------------------------

namespace {

// Rows per block: a block's scores and features stay in cache while every
// tree runs over it.
constexpr int64_t kRowBlock = 128;
// Rows walking one tree in lockstep.
constexpr int kLockstep = 8;

// The test of a node; kMode is the mode of every interior node, or kLeaf
// when modes differ and each node's own decides.
template <Mode kMode, typename T>
inline bool Holds(Mode mode, T value, T threshold) {
  switch (kMode == Mode::kLeaf ? mode : kMode) {
    case Mode::kLeq:
      return value <= threshold;
    case Mode::kLt:
      return value < threshold;
    case Mode::kGte:
      return value >= threshold;
    case Mode::kGt:
      return value > threshold;
    case Mode::kEq:
      return value == threshold;
    case Mode::kNeq:
      return value != threshold;
    default:
      return false;
  }
}

// Walks kLockstep rows from `root` until every one stands on a leaf (a
// leaf leads to itself); at[k] receives row k's leaf.
template <Mode kMode, bool kTracksNan, typename T>
inline void Descend(const CompiledTrees::Node<T>* nodes, int32_t root,
                    const T* const (&rows)[kLockstep], int32_t (&at)[kLockstep]) {
  for (int k = 0; k < kLockstep; ++k) at[k] = root;
  bool moving = true;
  while (moving) {
    moving = false;
    for (int k = 0; k < kLockstep; ++k) {
      const CompiledTrees::Node<T>& node = nodes[at[k]];
      const T value = rows[k][node.feature];
      // Branch-free: the outcome indexes the children.
      bool go_true = Holds<kMode>(node.mode, value, node.threshold);
      if constexpr (kTracksNan) go_true = go_true | (node.nan_goes_true & std::isnan(value));
      const int32_t next = node.next[go_true];
      moving = moving | (next != at[k]);
      at[k] = next;
    }
  }
}

// Where the reached leaves' votes go.
struct Accumulator {
  const CompiledTrees::Vote* votes;
  const int32_t* first_vote;
  int64_t num_targets;
  Aggregate aggregate;
  double* scores;    // [rows, num_targets]
  uint8_t* reached;  // MIN and MAX: whether a target has a vote yet

  void Add(int64_t row, int32_t leaf) const {
    const CompiledTrees::Vote* vote = votes + first_vote[leaf];
    const CompiledTrees::Vote* end = votes + first_vote[leaf + 1];
    double* row_scores = scores + row * num_targets;
    if (aggregate == Aggregate::kSum || aggregate == Aggregate::kAverage) {
      for (; vote != end; ++vote) row_scores[vote->target] += vote->weight;
      return;
    }
    uint8_t* row_reached = reached + row * num_targets;
    for (; vote != end; ++vote) {
      double& score = row_scores[vote->target];
      uint8_t& seen = row_reached[vote->target];
      if (!seen) {
        score = vote->weight;
        seen = 1;
      } else if (aggregate == Aggregate::kMin ? vote->weight < score : vote->weight > score) {
        score = vote->weight;
      }
    }
  }
};

template <Mode kMode, bool kTracksNan, typename T>
void RunRows(const CompiledTrees::Node<T>* nodes, const std::vector<int32_t>& roots, const T* x,
             int64_t columns, int64_t rows, const Accumulator& acc) {
  // Rows of a lockstep group past the end repeat the last row; their leaves
  // are not counted. A tree that tests nothing reads feature 0 of a
  // zero-width row, so such rows point at a dummy value.
  static const T kNoFeatures[1] = {T(0)};
  for (int64_t begin = 0; begin < rows; begin += kRowBlock) {
    const int64_t end = std::min(rows, begin + kRowBlock);
    for (int32_t root : roots) {
      for (int64_t first = begin; first < end; first += kLockstep) {
        const T* group[kLockstep];
        for (int k = 0; k < kLockstep; ++k) {
          const int64_t r = std::min(first + k, end - 1);
          group[k] = columns == 0 ? kNoFeatures : x + r * columns;
        }
        int32_t leaves[kLockstep];
        Descend<kMode, kTracksNan>(nodes, root, group, leaves);
        const int count = static_cast<int>(std::min<int64_t>(kLockstep, end - first));
        for (int k = 0; k < count; ++k) acc.Add(first + k, leaves[k]);
      }
    }
  }
}

template <bool kTracksNan, typename T>
void RunRowsForMode(bool uniform, Mode mode, const CompiledTrees::Node<T>* nodes,
                    const std::vector<int32_t>& roots, const T* x, int64_t columns, int64_t rows,
                    const Accumulator& acc) {
  switch (uniform ? mode : Mode::kLeaf) {
    case Mode::kLeq:
      return RunRows<Mode::kLeq, kTracksNan>(nodes, roots, x, columns, rows, acc);
    case Mode::kLt:
      return RunRows<Mode::kLt, kTracksNan>(nodes, roots, x, columns, rows, acc);
    case Mode::kGte:
      return RunRows<Mode::kGte, kTracksNan>(nodes, roots, x, columns, rows, acc);
    case Mode::kGt:
      return RunRows<Mode::kGt, kTracksNan>(nodes, roots, x, columns, rows, acc);
    case Mode::kEq:
      return RunRows<Mode::kEq, kTracksNan>(nodes, roots, x, columns, rows, acc);
    case Mode::kNeq:
      return RunRows<Mode::kNeq, kTracksNan>(nodes, roots, x, columns, rows, acc);
    default:
      return RunRows<Mode::kLeaf, kTracksNan>(nodes, roots, x, columns, rows, acc);
  }
}

using FeatureTypes = TypeList<float, double, Float16, BFloat16, int32_t, int64_t>;

}  // namespace

template <typename T>
absl::StatusOr<std::vector<double>> CompiledTrees::EvaluateAs(const Tensor& x, int64_t rows,
                                                              int64_t columns) const {
  // The features in T: in place when X already is, else converted once.
  std::vector<T> converted;
  const T* data = nullptr;
  if (x.type() == kElementTypeOf<T>) {
    data = x.data<T>().data();
  } else {
    ONNXFORGE_RETURN_IF_ERROR(Dispatch<FeatureTypes>(x.type(), [&](auto tag) -> absl::Status {
      using In = ONNXFORGE_TYPE(tag);
      const auto in = x.data<In>();
      converted.resize(in.size());
      for (size_t i = 0; i < in.size(); ++i) converted[i] = static_cast<T>(in[i]);
      return absl::OkStatus();
    }));
    data = converted.data();
  }

  std::vector<double> scores(rows * num_targets_, 0.0);
  std::vector<uint8_t> reached;
  if (aggregate_ == Aggregate::kMin || aggregate_ == Aggregate::kMax) {
    reached.assign(scores.size(), 0);
  }
  const Accumulator acc{votes_.data(),  first_vote_.data(), num_targets_,
                        aggregate_,     scores.data(),      reached.data()};
  const Node<T>* nodes = nullptr;
  if constexpr (std::is_same_v<T, double>) {
    nodes = double_nodes_.data();
  } else {
    nodes = float_nodes_.data();
  }
  if (tracks_nan_) {
    RunRowsForMode<true>(uniform_mode_, first_mode_, nodes, roots_, data, columns, rows, acc);
  } else {
    RunRowsForMode<false>(uniform_mode_, first_mode_, nodes, roots_, data, columns, rows, acc);
  }
  if (aggregate_ == Aggregate::kAverage && !roots_.empty()) {
    const double trees = static_cast<double>(roots_.size());
    for (double& s : scores) s /= trees;
  }
  return scores;
}

absl::StatusOr<std::vector<double>> CompiledTrees::Evaluate(const Tensor& x,
                                                            int64_t* rows) const {
  if (x.rank() != 1 && x.rank() != 2) {
    return KernelError("input 'X' must be [N, F] (or [F] for one row), got shape ",
                       x.DebugString());
  }
  if (!IsOneOf(x.type(), FeatureTypes{})) {
    return KernelError("input 'X' has element type ", ElementTypeString(x.type()),
                       "; the trees read float, double, float16, bfloat16, int32 or int64");
  }
  *rows = x.rank() == 1 ? 1 : x.dim(0);
  const int64_t columns = x.rank() == 1 ? x.dim(0) : x.dim(1);
  if (*rows > 0 && num_targets_ > kMaxTensorBytes / static_cast<int64_t>(sizeof(double)) / *rows) {
    return KernelError("the result would hold ", *rows, " rows of ", num_targets_,
                       " targets, more than the evaluator's limit of ", kMaxTensorBytes,
                       " bytes per tensor");
  }
  if (max_feature_ >= columns && *rows > 0) {
    return KernelError("the trees test feature ", max_feature_, " but input 'X' has ", columns,
                       " features per row");
  }
  if (double_thresholds_) return EvaluateAs<double>(x, *rows, columns);
  return EvaluateAs<float>(x, *rows, columns);
}

}  // namespace onnxforge::reference::trees
