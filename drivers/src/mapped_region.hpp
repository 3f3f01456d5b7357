#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

namespace mikhak::drivers {

// Owns one mmap'd region (a camera's frame buffer) and unmaps it once.
class MappedRegion {
 public:
  MappedRegion() = default;
  // Takes a region mmap returned (not MAP_FAILED).
  MappedRegion(void* address, std::size_t length) : address_(address), length_(length) {}
  MappedRegion(MappedRegion&& other) noexcept
      : address_(std::exchange(other.address_, nullptr)),
        length_(std::exchange(other.length_, 0)) {}
  MappedRegion& operator=(MappedRegion&& other) noexcept {
    if (this != &other) {
      reset();
      address_ = std::exchange(other.address_, nullptr);
      length_ = std::exchange(other.length_, 0);
    }
    return *this;
  }
  MappedRegion(const MappedRegion&) = delete;
  MappedRegion& operator=(const MappedRegion&) = delete;
  ~MappedRegion() { reset(); }

  std::span<const std::uint8_t> bytes() const {
    return {static_cast<const std::uint8_t*>(address_), length_};
  }
  void reset() {
    if (address_ != nullptr) ::munmap(address_, length_);
    address_ = nullptr;
    length_ = 0;
  }

 private:
  void* address_ = nullptr;
  std::size_t length_ = 0;
};

}  // namespace mikhak::drivers
