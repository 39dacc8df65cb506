// The tree engine against a direct reading of the attributes: random
// ensembles in both attribute forms, every mode and aggregate, NaN
// features, shared and scattered node ids; and the errors of malformed trees.
#include "reference/ops/tree_ensemble.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace onnxforge::reference::trees {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One random tree, nodes in depth-first order; leaves carry their votes.
struct RawNode {
  bool leaf = false;
  int feature = 0;
  int mode = 0;  // 0..5 as TreeEnsemble-5 numbers them; 6: membership
  double threshold = 0;
  std::vector<double> members;
  bool nan_true = false;
  int on_true = -1, on_false = -1;           // positions in the tree
  std::vector<std::pair<int, double>> votes;  // (target, weight)
};
using RawTree = std::vector<RawNode>;

bool Test(const RawNode& n, double x) {
  bool holds = false;
  switch (n.mode) {
    case 0: holds = x <= n.threshold; break;
    case 1: holds = x < n.threshold; break;
    case 2: holds = x >= n.threshold; break;
    case 3: holds = x > n.threshold; break;
    case 4: holds = x == n.threshold; break;
    case 5: holds = x != n.threshold; break;
    case 6:
      for (double m : n.members) holds = holds || x == m;
      break;
  }
  return holds || (n.nan_true && std::isnan(x));
}

// The spec read directly: walk each tree, combine every reached vote.
std::vector<double> Direct(const std::vector<RawTree>& trees, const std::vector<float>& x,
                           int64_t rows, int64_t columns, int64_t targets, Aggregate agg) {
  std::vector<double> out(rows * targets, 0.0);
  for (int64_t r = 0; r < rows; ++r) {
    std::vector<bool> seen(targets, false);
    for (const RawTree& tree : trees) {
      int at = 0;
      while (!tree[at].leaf) {
        at = Test(tree[at], x[r * columns + tree[at].feature]) ? tree[at].on_true
                                                                : tree[at].on_false;
      }
      for (const auto& [target, weight] : tree[at].votes) {
        double& s = out[r * targets + target];
        if (agg == Aggregate::kSum || agg == Aggregate::kAverage) {
          s += weight;
        } else if (!seen[target]) {
          s = weight;
          seen[target] = true;
        } else {
          s = agg == Aggregate::kMin ? std::min(s, weight) : std::max(s, weight);
        }
      }
    }
    if (agg == Aggregate::kAverage) {
      for (int64_t t = 0; t < targets; ++t) out[r * targets + t] /= trees.size();
    }
  }
  return out;
}

class RandomTrees {
 public:
  RandomTrees(uint32_t seed, int columns, int targets, bool members)
      : rng_(seed), columns_(columns), targets_(targets), members_(members) {}

  RawTree Tree(int depth) {
    RawTree tree;
    Grow(&tree, depth);
    return tree;
  }

  std::vector<float> Rows(int rows) {
    std::vector<float> x(rows * columns_);
    for (float& v : x) {
      const int kind = Uniform(0, 9);
      // Small integers make equality tests and membership hit.
      v = kind == 0 ? std::numeric_limits<float>::quiet_NaN()
                    : kind < 5 ? static_cast<float>(Uniform(-3, 3))
                               : std::uniform_real_distribution<float>(-3, 3)(rng_);
    }
    return x;
  }

 private:
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  int Grow(RawTree* tree, int depth) {
    const int at = static_cast<int>(tree->size());
    tree->emplace_back();
    if (depth == 0 || Uniform(0, 5) == 0) {
      RawNode& leaf = (*tree)[at];
      leaf.leaf = true;
      const int votes = Uniform(0, 3);
      for (int v = 0; v < votes; ++v) {
        leaf.votes.push_back({Uniform(0, targets_ - 1), Uniform(-20, 20) / 4.0});
      }
      return at;
    }
    RawNode node;
    node.feature = Uniform(0, columns_ - 1);
    node.mode = Uniform(0, members_ ? 6 : 5);
    node.threshold = Uniform(-6, 6) / 2.0;
    if (node.mode == 6) {
      const int count = Uniform(0, 3);
      for (int m = 0; m < count; ++m) node.members.push_back(Uniform(-3, 3));
    }
    node.nan_true = Uniform(0, 2) == 0;
    node.on_true = Grow(tree, depth - 1);
    node.on_false = Grow(tree, depth - 1);
    (*tree)[at] = node;
    return at;
  }

  std::mt19937 rng_;
  int columns_, targets_;
  bool members_;
};


// The ml-1/3 form; node ids are scattered (id = 7 * position + 3) in odd
// trees to exercise both id lookups, and trees are listed in reverse id order.
struct ListedStorage {
  std::vector<int64_t> tree_ids, node_ids, feature_ids, true_ids, false_ids, missing;
  std::vector<int64_t> vote_trees, vote_nodes, vote_targets;
  ListedTrees trees;

  explicit ListedStorage(const std::vector<RawTree>& raw) {
    for (int t = static_cast<int>(raw.size()) - 1; t >= 0; --t) {
      auto id = [t](int position) -> int64_t { return t % 2 ? 7 * position + 3 : position; };
      for (size_t p = 0; p < raw[t].size(); ++p) {
        const RawNode& n = raw[t][p];
        tree_ids.push_back(t);
        node_ids.push_back(id(p));
        feature_ids.push_back(n.feature);
        trees.modes.push_back(n.leaf ? NodeMode::kLeaf : static_cast<NodeMode>(n.mode));
        trees.values.push_back(n.threshold);
        true_ids.push_back(n.leaf ? 0 : id(n.on_true));
        false_ids.push_back(n.leaf ? 0 : id(n.on_false));
        missing.push_back(n.nan_true);
        for (const auto& [target, weight] : n.votes) {
          vote_trees.push_back(t);
          vote_nodes.push_back(id(p));
          vote_targets.push_back(target);
          trees.vote_weights.push_back(weight);
        }
      }
    }
    trees.tree_ids = tree_ids;
    trees.node_ids = node_ids;
    trees.feature_ids = feature_ids;
    trees.true_node_ids = true_ids;
    trees.false_node_ids = false_ids;
    trees.missing_tracks_true = missing;
    trees.vote_tree_ids = vote_trees;
    trees.vote_node_ids = vote_nodes;
    trees.vote_targets = vote_targets;
  }
};

// The ml-5 form: interior nodes and leaves numbered separately, tree by
// tree in depth-first order. A leaf holds exactly one vote there, so the
// trees given have been through OneVotePerLeaf.
struct IndexedStorage {
  std::vector<int64_t> roots, feature_ids, true_ids, false_ids, true_leafs, false_leafs, missing;
  std::vector<int64_t> leaf_targets;
  IndexedTrees trees;

  explicit IndexedStorage(const std::vector<RawTree>& raw) {
    for (const RawTree& tree : raw) {
      std::vector<int64_t> number(tree.size());
      int64_t interior = static_cast<int64_t>(feature_ids.size());
      int64_t leaves = static_cast<int64_t>(leaf_targets.size());
      for (size_t p = 0; p < tree.size(); ++p) {
        if (tree[p].leaf) {
          number[p] = leaves++;
          leaf_targets.push_back(tree[p].votes.at(0).first);
          trees.leaf_weights.push_back(tree[p].votes.at(0).second);
        } else {
          number[p] = interior++;
          feature_ids.push_back(tree[p].feature);
          trees.modes.push_back(tree[p].mode);
          trees.splits.push_back(tree[p].threshold);
          missing.push_back(tree[p].nan_true);
          true_ids.push_back(0);
          false_ids.push_back(0);
          true_leafs.push_back(0);
          false_leafs.push_back(0);
        }
      }
      if (tree[0].leaf) {
        // A lone leaf: one node whose branches both reach it.
        roots.push_back(static_cast<int64_t>(feature_ids.size()));
        feature_ids.push_back(0);
        trees.modes.push_back(0);
        trees.splits.push_back(0);
        missing.push_back(0);
        true_ids.push_back(number[0]);
        false_ids.push_back(number[0]);
        true_leafs.push_back(1);
        false_leafs.push_back(1);
        continue;
      }
      roots.push_back(number[0]);
      for (size_t p = 0; p < tree.size(); ++p) {
        if (tree[p].leaf) continue;
        const int64_t i = number[p];
        true_ids[i] = number[tree[p].on_true];
        true_leafs[i] = tree[tree[p].on_true].leaf;
        false_ids[i] = number[tree[p].on_false];
        false_leafs[i] = tree[tree[p].on_false].leaf;
      }
    }
    trees.tree_roots = roots;
    trees.feature_ids = feature_ids;
    trees.true_node_ids = true_ids;
    trees.false_node_ids = false_ids;
    trees.true_leafs = true_leafs;
    trees.false_leafs = false_leafs;
    trees.missing_tracks_true = missing;
    trees.leaf_targets = leaf_targets;
  }
};

void OneVotePerLeaf(std::vector<RawTree>* trees) {
  for (RawTree& tree : *trees) {
    for (RawNode& n : tree) {
      if (!n.leaf) continue;
      if (n.votes.empty()) n.votes.push_back({0, 1.0});
      n.votes.resize(1);
    }
  }
}

// The membership sets of interior nodes, in the order IndexedStorage
// numbers them (tree by tree, depth-first).
std::vector<double> MembershipValues(const std::vector<RawTree>& trees) {
  std::vector<double> values;
  for (const RawTree& tree : trees) {
    for (const RawNode& n : tree) {
      if (n.leaf || n.mode != 6) continue;
      values.insert(values.end(), n.members.begin(), n.members.end());
      values.push_back(kNaN);
    }
  }
  return values;
}

void ExpectNear(const std::vector<double>& expected, const std::vector<double>& got) {
  ASSERT_EQ(expected.size(), got.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(expected[i], got[i], 1e-9) << "at " << i;
  }
}

TEST(TreeEnsembleTest, ListedFormMatchesDirectReading) {
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    for (Aggregate agg : {Aggregate::kSum, Aggregate::kAverage, Aggregate::kMin, Aggregate::kMax}) {
      RandomTrees random(seed, /*columns=*/3, /*targets=*/3, /*members=*/false);
      std::vector<RawTree> raw;
      for (int t = 0; t < 1 + static_cast<int>(seed % 5); ++t) raw.push_back(random.Tree(5));
      const std::vector<float> x = random.Rows(37);
      ListedStorage listed(raw);
      for (bool double_thresholds : {false, true}) {
        auto compiled = CompiledTrees::FromListed(listed.trees, 3, agg, double_thresholds);
        ASSERT_TRUE(compiled.ok()) << compiled.status();
        int64_t rows = 0;
        auto scores = compiled->Evaluate(Tensor::FromVector<float>({37, 3}, x), &rows);
        ASSERT_TRUE(scores.ok()) << scores.status();
        EXPECT_EQ(rows, 37);
        // Trees were listed in reverse; the engine orders them by id,
        // which changes nothing but the order of the sums.
        ExpectNear(Direct(raw, x, 37, 3, 3, agg), *scores);
      }
    }
  }
}

TEST(TreeEnsembleTest, IndexedFormMatchesDirectReading) {
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    for (Aggregate agg : {Aggregate::kSum, Aggregate::kAverage, Aggregate::kMin, Aggregate::kMax}) {
      RandomTrees random(seed, /*columns=*/2, /*targets=*/2, /*members=*/true);
      std::vector<RawTree> raw;
      for (int t = 0; t < 1 + static_cast<int>(seed % 4); ++t) raw.push_back(random.Tree(4));
      OneVotePerLeaf(&raw);
      const std::vector<float> x = random.Rows(21);
      IndexedStorage indexed(raw);
      indexed.trees.membership_values = MembershipValues(raw);
      auto compiled = CompiledTrees::FromIndexed(indexed.trees, 2, agg, false);
      ASSERT_TRUE(compiled.ok()) << compiled.status();
      int64_t rows = 0;
      auto scores = compiled->Evaluate(Tensor::FromVector<float>({21, 2}, x), &rows);
      ASSERT_TRUE(scores.ok()) << scores.status();
      ExpectNear(Direct(raw, x, 21, 2, 2, agg), *scores);
    }
  }
}

TEST(TreeEnsembleTest, FeatureTypesConvert) {
  // x0 <= 1.5 ? 1 : 2, given rows of every feature type.
  std::vector<int64_t> ids = {0, 0, 0}, nodes = {0, 1, 2}, features = {0, 0, 0};
  std::vector<int64_t> on_true = {1, 0, 0}, on_false = {2, 0, 0};
  std::vector<int64_t> vote_trees = {0, 0}, vote_nodes = {1, 2}, targets = {0, 0};
  ListedTrees t;
  t.tree_ids = ids;
  t.node_ids = nodes;
  t.feature_ids = features;
  t.modes = {NodeMode::kLeq, NodeMode::kLeaf, NodeMode::kLeaf};
  t.values = {1.5, 0, 0};
  t.true_node_ids = on_true;
  t.false_node_ids = on_false;
  t.vote_tree_ids = vote_trees;
  t.vote_node_ids = vote_nodes;
  t.vote_targets = targets;
  t.vote_weights = {1.0, 2.0};
  auto compiled = CompiledTrees::FromListed(t, 1, Aggregate::kSum, true);
  ASSERT_TRUE(compiled.ok()) << compiled.status();
  int64_t rows = 0;
  for (const Tensor& x :
       {Tensor::Vector<int64_t>({1, 2}), Tensor::Vector<int32_t>({1, 2}),
        Tensor::Vector<double>({1.5, 1.75}), Tensor::Vector<Float16>({Float16(1.5), Float16(2)})}) {
    auto one_row = x.Reshaped({2, 1});
    ASSERT_TRUE(one_row.ok());
    auto scores = compiled->Evaluate(*one_row, &rows);
    ASSERT_TRUE(scores.ok()) << scores.status();
    EXPECT_EQ(*scores, (std::vector<double>{1.0, 2.0})) << x.DebugString();
  }
  // A 1-D X is one row; a feature past its end is an error.
  auto scores = compiled->Evaluate(Tensor::Vector<float>({3.0f}), &rows);
  ASSERT_TRUE(scores.ok());
  EXPECT_EQ(rows, 1);
  EXPECT_EQ(*scores, std::vector<double>{2.0});
  auto empty = compiled->Evaluate(Tensor::FromVector<float>({1, 0}, {}), &rows);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(std::string(empty.status().message()),
            "the trees test feature 0 but input 'X' has 0 features per row");
}

ListedTrees OneTree(const std::vector<int64_t>& nodes, const std::vector<int64_t>& on_true,
                    const std::vector<int64_t>& on_false, std::vector<int64_t>* storage) {
  // storage holds, in order: tree ids, features, vote trees, vote nodes, vote targets.
  const size_t n = nodes.size();
  storage->assign(n * 2 + 3, 0);
  ListedTrees t;
  t.tree_ids = absl::MakeConstSpan(storage->data(), n);
  t.node_ids = nodes;
  t.feature_ids = absl::MakeConstSpan(storage->data() + n, n);
  for (size_t i = 0; i < n; ++i) t.modes.push_back(on_true[i] < 0 ? NodeMode::kLeaf : NodeMode::kLeq);
  t.values.assign(n, 0.0);
  t.true_node_ids = on_true;
  t.false_node_ids = on_false;
  (*storage)[2 * n + 1] = nodes.back();
  t.vote_tree_ids = absl::MakeConstSpan(storage->data() + 2 * n, 1);
  t.vote_node_ids = absl::MakeConstSpan(storage->data() + 2 * n + 1, 1);
  t.vote_targets = absl::MakeConstSpan(storage->data() + 2 * n + 2, 1);
  t.vote_weights = {1.0};
  return t;
}

std::string CompileError(const ListedTrees& t) {
  auto compiled = CompiledTrees::FromListed(t, 1, Aggregate::kSum, false);
  return compiled.ok() ? "" : std::string(compiled.status().message());
}

TEST(TreeEnsembleTest, MalformedListedTrees) {
  std::vector<int64_t> storage;
  const std::vector<int64_t> nodes = {0, 1, 2}, leaf_true = {1, -1, -1}, leaf_false = {2, -1, -1};
  EXPECT_EQ(CompileError(OneTree(nodes, leaf_true, leaf_false, &storage)), "");

  const std::vector<int64_t> twice = {0, 1, 1};
  EXPECT_EQ(CompileError(OneTree(twice, leaf_true, leaf_false, &storage)),
            "node 1 of tree 0 is listed twice in 'nodes_treeids'/'nodes_nodeids' (positions 1 "
            "and 2)");

  const std::vector<int64_t> loop_true = {1, 0, -1}, loop_false = {2, 2, -1};
  EXPECT_EQ(CompileError(OneTree(nodes, loop_true, loop_false, &storage)),
            "the trees loop: node 1 (in the order compiled) leads back to node 0 on its own "
            "path; a tree must not contain cycles");

  const std::vector<int64_t> self_true = {0, -1, -1};
  EXPECT_EQ(CompileError(OneTree(nodes, self_true, leaf_false, &storage)),
            "the trees loop: node 0 (in the order compiled) leads back to node 0 on its own "
            "path; a tree must not contain cycles");

  EXPECT_EQ(std::string(ParseNodeMode("BRANCH_LE", 4).status().message()),
            "attribute 'nodes_modes' holds 'BRANCH_LE' at position 4; expected BRANCH_LEQ, "
            "BRANCH_LT, BRANCH_GTE, BRANCH_GT, BRANCH_EQ, BRANCH_NEQ or LEAF");

  ListedTrees short_values = OneTree(nodes, leaf_true, leaf_false, &storage);
  short_values.values.pop_back();
  EXPECT_EQ(CompileError(short_values),
            "attribute 'nodes_values' has 2 values but there are 3 nodes");

  ListedTrees bad_target = OneTree(nodes, leaf_true, leaf_false, &storage);
  const std::vector<int64_t> target = {1};
  bad_target.vote_targets = target;
  EXPECT_EQ(CompileError(bad_target),
            "attribute 'target_ids' holds 1 at position 0; it must be in [0, 1) as there are 1 "
            "targets");
}

TEST(TreeEnsembleTest, MembershipChainsAndEmptySets) {
  // x0 in {} ? 1 : (x0 in {2, 4} ? 2 : 3), NaN taking the false branches.
  const std::vector<int64_t> roots = {0}, features = {0, 0}, on_true = {0, 1}, on_false = {1, 2};
  const std::vector<int64_t> true_leafs = {1, 1}, false_leafs = {0, 1}, targets = {0, 0, 0};
  IndexedTrees t;
  t.tree_roots = roots;
  t.feature_ids = features;
  t.modes = {6, 6};
  t.splits = {0, 0};
  t.true_node_ids = on_true;
  t.false_node_ids = on_false;
  t.true_leafs = true_leafs;
  t.false_leafs = false_leafs;
  t.membership_values = {kNaN, 2, 4, kNaN};
  t.leaf_targets = targets;
  t.leaf_weights = {1, 2, 3};
  auto compiled = CompiledTrees::FromIndexed(t, 1, Aggregate::kSum, false);
  ASSERT_TRUE(compiled.ok()) << compiled.status();
  int64_t rows = 0;
  auto scores = compiled->Evaluate(
      Tensor::FromVector<float>({5, 1}, {2, 3, 4, std::numeric_limits<float>::quiet_NaN(), 0}),
      &rows);
  ASSERT_TRUE(scores.ok()) << scores.status();
  EXPECT_EQ(*scores, (std::vector<double>{2, 3, 2, 3, 3}));

  t.membership_values = {2, 4};  // one set, unterminated: too few
  auto missing = CompiledTrees::FromIndexed(t, 1, Aggregate::kSum, false);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(std::string(missing.status().message()),
            "attribute 'membership_values' holds 1 NaN-separated sets but 'nodes_modes' has 2 "
            "BRANCH_MEMBER (6) nodes; each needs one set");
}

}  // namespace
}  // namespace onnxforge::reference::trees
