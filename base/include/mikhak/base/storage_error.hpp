#pragma once

#include <stdexcept>
#include <string>

namespace mikhak::base {

// A storage failure. A conflict (a uniqueness or other constraint refused the change) is the
// caller's to handle; anything else (disk full, database gone) is not the data's fault.
class StorageError : public std::runtime_error {
 public:
  StorageError(const std::string& message, bool conflict, bool full)
      : std::runtime_error(message), conflict_(conflict), full_(full) {}
  bool conflict() const { return conflict_; }
  bool full() const { return full_; }  // the disk, or a size limit, is full

 private:
  bool conflict_;
  bool full_;
};

}  // namespace mikhak::base
