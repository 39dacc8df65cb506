// The decision-tree engine behind TreeEnsembleClassifier, TreeEnsembleRegressor
// and TreeEnsemble.
//
// Both attribute forms compile into one flat array of nodes:
//   - the ml-1/3 form (ListedTrees) names every node, leaves included, by
//     (tree id, node id), and lists the leaves' votes by the same ids;
//   - the ml-5 form (IndexedTrees) gives interior nodes and leaves as two
//     position-indexed lists, roots by position, and set-membership nodes.
// A compiled node is a threshold, a feature, a test and two child positions;
// a leaf points to itself on both sides, so a walk is a fixed point
// iteration without branches on the node kind. Set-membership nodes become
// chains of equality tests. The leaves' votes sit in one array, each leaf's
// run found by its position (one combined vote per target and leaf).
//
// Evaluate takes the rows in blocks; for each tree, a block's rows walk it
// several at a time in lockstep, so that the tree's nodes stay in cache and
// independent walks overlap their memory latency.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "reference/tensor.h"

namespace onnxforge::reference::trees {

// How the trees' votes for one target combine.
enum class Aggregate : uint8_t { kAverage = 0, kSum = 1, kMin = 2, kMax = 3 };

// "AVERAGE", "SUM", "MIN" or "MAX" (ml-1/3); 0..3 (TreeEnsemble-5).
absl::StatusOr<Aggregate> ParseAggregate(const std::string& name);
absl::StatusOr<Aggregate> AggregateFromCode(int64_t code);

// A node's test of its feature value x against its threshold t; the
// numbering is TreeEnsemble-5's (6, set membership, compiles into kEq tests).
enum class NodeMode : uint8_t { kLeq = 0, kLt, kGte, kGt, kEq, kNeq, kLeaf = 7 };

// "BRANCH_LEQ" ... "BRANCH_NEQ" or "LEAF"; `position` is for the message.
absl::StatusOr<NodeMode> ParseNodeMode(const std::string& mode, int64_t position);

// The ml-1/3 attributes, named after their attribute's suffix. Votes are the
// class_* (classifier) or target_* (regressor) attributes. The spans view
// the attributes and must outlive compilation.
struct ListedTrees {
  absl::Span<const int64_t> tree_ids;
  absl::Span<const int64_t> node_ids;
  absl::Span<const int64_t> feature_ids;
  std::vector<NodeMode> modes;
  std::vector<double> values;  // thresholds
  absl::Span<const int64_t> true_node_ids;
  absl::Span<const int64_t> false_node_ids;
  absl::Span<const int64_t> missing_tracks_true;  // empty: all 0
  absl::Span<const int64_t> vote_tree_ids;
  absl::Span<const int64_t> vote_node_ids;
  absl::Span<const int64_t> vote_targets;
  std::vector<double> vote_weights;
  // Attribute names for messages: "class" or "target".
  std::string vote_prefix = "target";
};

// TreeEnsemble-5's attributes. Modes are 0 LEQ, 1 LT, 2 GTE, 3 GT, 4 EQ,
// 5 NEQ, 6 MEMBER; membership_values holds the MEMBER nodes' sets in node
// order, each ended by NaN.
struct IndexedTrees {
  absl::Span<const int64_t> tree_roots;
  absl::Span<const int64_t> feature_ids;
  std::vector<int64_t> modes;
  std::vector<double> splits;
  absl::Span<const int64_t> true_node_ids;
  absl::Span<const int64_t> false_node_ids;
  absl::Span<const int64_t> true_leafs;
  absl::Span<const int64_t> false_leafs;
  absl::Span<const int64_t> missing_tracks_true;  // empty: all 0
  std::vector<double> membership_values;
  absl::Span<const int64_t> leaf_targets;
  std::vector<double> leaf_weights;
};

class CompiledTrees {
 public:
  // Compiles the trees for `num_targets` targets (or classes) combined by
  // `aggregate`. With `double_thresholds` the tests compare in double
  // precision, else in float (thresholds given as floats lose nothing).
  // Errors name the attribute and position at fault: unknown modes,
  // children or votes that name no node, ids out of range, cycles.
  static absl::StatusOr<CompiledTrees> FromListed(const ListedTrees& trees, int64_t num_targets,
                                                  Aggregate aggregate, bool double_thresholds);
  static absl::StatusOr<CompiledTrees> FromIndexed(const IndexedTrees& trees, int64_t num_targets,
                                                   Aggregate aggregate, bool double_thresholds);

  int64_t num_trees() const { return static_cast<int64_t>(roots_.size()); }
  int64_t num_targets() const { return num_targets_; }

  // Runs every row of X ([N, F], or [F] as one row; float, double, float16,
  // bfloat16, int32 or int64) through the trees and returns N * num_targets
  // aggregated scores, row by row: the sum (AVERAGE: the mean over the trees)
  // or the minimum or maximum of the reached votes; 0 for a target no
  // reached leaf votes for. `rows` receives N.
  absl::StatusOr<std::vector<double>> Evaluate(const Tensor& x, int64_t* rows) const;

  // The compiled forms; public for the evaluation templates in the .cc.
  template <typename T>
  struct Node {
    T threshold;
    int32_t feature;
    // The false ([0]) and true ([1]) branches; a leaf's own position twice.
    int32_t next[2];
    NodeMode mode;
    bool nan_goes_true;  // a NaN feature takes the true branch
  };
  struct Vote {
    int32_t target;
    double weight;
  };

 private:
  class Builder;

  // Checks the trees for cycles (which would make a walk endless).
  absl::Status CheckAcyclic() const;

  template <typename T>
  absl::StatusOr<std::vector<double>> EvaluateAs(const Tensor& x, int64_t rows,
                                                 int64_t columns) const;

  bool double_thresholds_ = false;
  Aggregate aggregate_ = Aggregate::kSum;
  int64_t num_targets_ = 1;
  int32_t max_feature_ = -1;
  bool uniform_mode_ = true;  // every interior node has the same mode
  bool tracks_nan_ = false;   // some node sends NaN to its true branch
  NodeMode first_mode_ = NodeMode::kLeaf;
  std::vector<Node<float>> float_nodes_;
  std::vector<Node<double>> double_nodes_;
  // The votes of node i are votes_[first_vote_[i] .. first_vote_[i + 1]).
  std::vector<Vote> votes_;
  std::vector<int32_t> first_vote_;
  std::vector<int32_t> roots_;
};

}  // namespace onnxforge::reference::trees
