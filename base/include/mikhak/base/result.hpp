#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace mikhak {

// What went wrong with data or hardware, as a value. Messages start with their component
// ("FontSet: cannot open ..."). Programming mistakes throw instead.
struct Error {
  std::string message;
};

// A value or the Error that kept it from being made (std::expected is C++23).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return checked(); }
  const T& value() const& { return const_cast<Result*>(this)->checked(); }
  T&& value() && { return std::move(checked()); }
  T& operator*() & { return checked(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &checked(); }
  const T* operator->() const { return &value(); }

  const Error& error() const {
    if (ok()) throw std::logic_error("Result: error() on a value");
    return std::get<1>(state_);
  }

 private:
  T& checked() {
    if (!ok())
      throw std::logic_error("Result: value() on an error: " + std::get<1>(state_).message);
    return std::get<0>(state_);
  }
  std::variant<T, Error> state_;
};

// Success carries nothing.
struct Ok {};

}  // namespace mikhak
