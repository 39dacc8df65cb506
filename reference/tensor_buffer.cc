#include "reference/tensor_buffer.h"

#include <cstring>
#include <new>
#include <utility>
#include <vector>

namespace onnxforge::reference {
namespace {

// Blocks are aligned for the widest vector loads.
constexpr std::align_val_t kAlignment{64};
// Blocks from this size up are rounded up to whole pages and kept when freed.
constexpr size_t kPage = 4096;
constexpr size_t kMaxKeptBlocks = 64;
constexpr size_t kMaxKeptBytes = size_t{32} << 20;

uint8_t* NewBlock(size_t capacity) {
  return static_cast<uint8_t*>(::operator new(capacity, kAlignment));
}

void DeleteBlock(uint8_t* block) { ::operator delete(block, kAlignment); }

// The freed blocks one thread keeps, oldest first.
class FreeBlocks {
 public:
  struct Block {
    uint8_t* data;
    size_t capacity;
  };

  ~FreeBlocks();

  // The smallest kept block of `capacity` bytes up to twice that, the most
  // recently freed of equal ones (its bytes are likelier still in cache),
  // taken out of the cache; {nullptr, 0} when there is none.
  Block Take(size_t capacity) {
    size_t best = blocks_.size();
    for (size_t i = blocks_.size(); i-- > 0;) {
      const size_t have = blocks_[i].capacity;
      if (have >= capacity && have / 2 <= capacity &&
          (best == blocks_.size() || have < blocks_[best].capacity)) {
        best = i;
      }
    }
    if (best == blocks_.size()) return {nullptr, 0};
    const Block block = blocks_[best];
    blocks_.erase(blocks_.begin() + best);
    bytes_ -= block.capacity;
    return block;
  }

  // Keeps `block`, first freeing the oldest blocks as the limits require.
  void Give(Block block) {
    if (block.capacity > kMaxKeptBytes) {
      DeleteBlock(block.data);
      return;
    }
    size_t evict = 0;
    while (evict < blocks_.size() &&
           (blocks_.size() - evict >= kMaxKeptBlocks || bytes_ + block.capacity > kMaxKeptBytes)) {
      DeleteBlock(blocks_[evict].data);
      bytes_ -= blocks_[evict].capacity;
      ++evict;
    }
    blocks_.erase(blocks_.begin(), blocks_.begin() + evict);
    blocks_.push_back(block);
    bytes_ += block.capacity;
  }

 private:
  std::vector<Block> blocks_;
  size_t bytes_ = 0;
};

// Set once the thread's cache is destroyed at thread exit: buffers freed
// after that (by other thread-local or static objects) go straight back.
thread_local bool cache_destroyed = false;

FreeBlocks::~FreeBlocks() {
  for (const Block& block : blocks_) DeleteBlock(block.data);
  cache_destroyed = true;
}

FreeBlocks* ThreadCache() {
  if (cache_destroyed) return nullptr;
  thread_local FreeBlocks cache;
  return &cache;
}

size_t CapacityFor(size_t size) { return size < kPage ? size : (size + kPage - 1) / kPage * kPage; }

}  // namespace

TensorBuffer::TensorBuffer(size_t size, Fill fill) : size_(size) {
  if (size > 0) {
    capacity_ = CapacityFor(size);
    FreeBlocks* cache = capacity_ >= kPage ? ThreadCache() : nullptr;
    const FreeBlocks::Block kept = cache != nullptr ? cache->Take(capacity_) : FreeBlocks::Block{};
    if (kept.data != nullptr) {
      data_ = kept.data;
      capacity_ = kept.capacity;
    } else {
      data_ = NewBlock(capacity_);
    }
  }
  if (fill == Fill::kZero && size_ > 0) std::memset(data_, 0, size_);
}

TensorBuffer::TensorBuffer(const TensorBuffer& other) : TensorBuffer(other.size_, Fill::kNone) {
  if (size_ > 0) std::memcpy(data_, other.data_, size_);
}

TensorBuffer::TensorBuffer(TensorBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)) {}

TensorBuffer& TensorBuffer::operator=(const TensorBuffer& other) {
  if (this != &other) *this = TensorBuffer(other);
  return *this;
}

TensorBuffer& TensorBuffer::operator=(TensorBuffer&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

TensorBuffer::~TensorBuffer() { Release(); }

void TensorBuffer::Release() {
  if (data_ == nullptr) return;
  FreeBlocks* cache = capacity_ >= kPage ? ThreadCache() : nullptr;
  if (cache != nullptr) {
    cache->Give({data_, capacity_});
  } else {
    DeleteBlock(data_);
  }
  data_ = nullptr;
  size_ = capacity_ = 0;
}

bool TensorBuffer::operator==(const TensorBuffer& other) const {
  return size_ == other.size_ && (size_ == 0 || std::memcmp(data_, other.data_, size_) == 0);
}

}  // namespace onnxforge::reference
