#include "reference/node_state.h"

#include <utility>

namespace onnxforge::reference {

NodeStateCache& NodeStateCache::operator=(const NodeStateCache& other) {
  if (this != &other) {
    absl::MutexLock lock(&mutex_);
    states_.clear();
  }
  return *this;
}

std::shared_ptr<const void> NodeStateCache::Find(const Key& key) const {
  absl::MutexLock lock(&mutex_);
  auto it = states_.find(key);
  return it == states_.end() ? nullptr : it->second;
}

std::shared_ptr<const void> NodeStateCache::Insert(const Key& key,
                                                   std::shared_ptr<const void> state) {
  absl::MutexLock lock(&mutex_);
  return states_.try_emplace(key, std::move(state)).first->second;
}

size_t NodeStateCache::size() const {
  absl::MutexLock lock(&mutex_);
  return states_.size();
}

}  // namespace onnxforge::reference
