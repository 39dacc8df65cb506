// NodeStateCache: what kernels derive from a node once and reuse on every
// later run of the same Evaluator (a tree ensemble compiled from its
// attributes, say), so that a run pays only for the data it is given.
//
// A state is keyed by the node (its address in the Evaluator's model, which
// outlives the cache), the state's C++ type and a kernel-chosen variant (an
// input's element type, when the state depends on it). States are immutable
// once kept and shared through shared_ptr, so concurrent runs of one
// Evaluator may read them; a mutex guards the map. Kernels reach the cache
// through KernelContext::KeptState.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "ir/onnx.pb.h"

namespace onnxforge::reference {

class NodeStateCache {
 public:
  struct Key {
    const NodeProto* node = nullptr;
    const void* type = nullptr;  // TypeTag<State>()
    int64_t variant = 0;

    bool operator==(const Key& other) const {
      return node == other.node && type == other.type && variant == other.variant;
    }
    template <typename H>
    friend H AbslHashValue(H h, const Key& key) {
      return H::combine(std::move(h), key.node, key.type, key.variant);
    }
  };

  // One address per C++ type, telling states of different types apart.
  template <typename State>
  static const void* TypeTag() {
    static const char tag = 0;
    return &tag;
  }

  NodeStateCache() = default;
  // A copy starts empty: the states belong to the nodes of the model the
  // original runs, not to the copy's.
  NodeStateCache(const NodeStateCache&) {}
  NodeStateCache& operator=(const NodeStateCache& other);

  // The state kept for `key`, or null.
  std::shared_ptr<const void> Find(const Key& key) const;
  // Keeps `state` for `key` unless a state is kept already (a concurrent
  // run built it first); returns the state kept.
  std::shared_ptr<const void> Insert(const Key& key, std::shared_ptr<const void> state);
  // The number of states kept.
  size_t size() const;

 private:
  mutable absl::Mutex mutex_;
  absl::flat_hash_map<Key, std::shared_ptr<const void>> states_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace onnxforge::reference
