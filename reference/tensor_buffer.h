// TensorBuffer: the bytes behind a Tensor's fixed-width elements.
//
// A run makes a fresh output tensor for every node and frees them all at
// its end. Straight from malloc, the larger buffers would come back each
// run as pages the system has to map and clear again (glibc hands the top
// of its heap back once enough of it is free), and for a small model that
// costs more than the arithmetic. So a freed buffer from 4 KiB up goes to a
// cache of the freeing thread, which keeps up to 64 buffers and 32 MiB (the
// oldest go first); a new buffer takes back the smallest kept one that fits
// it and is at most twice its size. The cache is per thread, so no locking;
// a buffer freed by another thread than the one that made it simply joins
// that thread's cache.
#pragma once

#include <cstddef>
#include <cstdint>

namespace onnxforge::reference {

class TensorBuffer {
 public:
  // Whether a new buffer's bytes start at zero or are left for the caller
  // to write.
  enum class Fill { kZero, kNone };

  TensorBuffer() = default;
  // `size` bytes, zeroed or not. Throws std::bad_alloc when memory runs out
  // (the executor turns that into an error naming the node).
  TensorBuffer(size_t size, Fill fill);
  TensorBuffer(const TensorBuffer& other);
  TensorBuffer(TensorBuffer&& other) noexcept;
  TensorBuffer& operator=(const TensorBuffer& other);
  TensorBuffer& operator=(TensorBuffer&& other) noexcept;
  ~TensorBuffer();

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  uint8_t* begin() { return data_; }
  uint8_t* end() { return data_ + size_; }
  const uint8_t* begin() const { return data_; }
  const uint8_t* end() const { return data_ + size_; }

  // Same size and bytes.
  bool operator==(const TensorBuffer& other) const;
  bool operator!=(const TensorBuffer& other) const { return !(*this == other); }

 private:
  void Release();

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;  // bytes of the block behind data_, at least size_
};

}  // namespace onnxforge::reference
