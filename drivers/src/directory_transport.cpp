#include "directory_transport.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cstdio>   // renameat2
#include <cstdlib>  // mkostemps

#include <cerrno>
#include <string>
#include <system_error>
#include <utility>

#include "io_outcome.hpp"

namespace mikhak::drivers {
namespace {

constexpr std::string_view kPrefix = "ticket-";
constexpr std::string_view kSuffix = ".bin";

std::string ticketName(std::uint64_t number) {
  std::string digits = std::to_string(number);
  if (digits.size() < 6) digits.insert(0, 6 - digits.size(), '0');
  return std::string(kPrefix) + digits + std::string(kSuffix);
}

// The number in "ticket-000042.bin", or nothing for any other name.
std::optional<std::uint64_t> ticketNumber(std::string_view name) {
  if (name.size() <= kPrefix.size() + kSuffix.size() || !name.starts_with(kPrefix) ||
      !name.ends_with(kSuffix)) {
    return std::nullopt;
  }
  const auto digits = name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
  if (digits.size() > 18) return std::nullopt;  // no overflow
  std::uint64_t number = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    number = number * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return number;
}

IoFailure failureOf(int error) {
  switch (error) {
    case EACCES:
    case EPERM:
    case EROFS:
      return IoFailure::Denied;
    case ENOENT:
    case ENOTDIR:
      return IoFailure::NotFound;
    default:
      return IoFailure::Io;
  }
}

}  // namespace

DirectoryTransport::DirectoryTransport(PrinterUri uri) : uri_(std::move(uri)) {}

DirectoryTransport::~DirectoryTransport() { discardJob(); }

std::string DirectoryTransport::describe() const { return uri_.text(); }

void DirectoryTransport::close() {
  discardJob();
  next_.reset();  // someone may have changed the folder meanwhile: look again
}

void DirectoryTransport::discardJob() {
  if (!job_) return;
  job_.reset();
  ::unlink(jobPath_.c_str());
  jobPath_.clear();
}

std::uint64_t DirectoryTransport::firstFreeNumber() const {
  std::uint64_t highest = 0;
  std::error_code error;
  for (std::filesystem::directory_iterator it(uri_.path, error), end; !error && it != end;
       it.increment(error)) {
    if (const auto number = ticketNumber(it->path().filename().string())) {
      if (*number > highest) highest = *number;
    }
  }
  return highest + 1;
}

std::optional<IoError> DirectoryTransport::beginJob() {
  std::error_code created;
  std::filesystem::create_directories(uri_.path, created);
  if (created) {
    return IoError{failureOf(created.value()),
                   describe() + ": cannot create the folder: " + created.message()};
  }
  // Hidden and not ending in .bin: a watcher looking for tickets skips it.
  std::string name = (uri_.path / ".ticket-XXXXXX.part").string();
  const int fd = ::mkostemps(name.data(), 5, O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    return IoError{failureOf(error),
                   describe() + ": cannot create a ticket file: " + errnoText(error)};
  }
  job_.reset(fd);
  jobPath_ = name;
  (void)::fchmod(fd, 0644);  // mkstemp makes it 0600; the display may run as another user
  if (!next_) next_ = firstFreeNumber();
  return std::nullopt;
}

IoOutcome DirectoryTransport::write(std::span<const std::uint8_t> data,
                                    std::chrono::milliseconds /*timeout*/) {
  if (data.empty()) return succeeded(0);
  if (!job_) {
    if (auto error = beginJob()) return IoOutcome{0, std::move(error)};
  }
  // A local file: writes do not wait on a device, so the timeout has nothing to bound.
  std::size_t written = 0;
  while (written < data.size()) {
    const auto n = ::write(job_.get(), data.data() + written, data.size() - written);
    if (n > 0) {
      written += static_cast<std::size_t>(n);
      continue;
    }
    const int error = n < 0 ? errno : ENOSPC;
    if (error == EINTR) continue;
    // Nothing of this ticket is kept, so nothing counts as written.
    discardJob();
    if (error == ENOSPC || error == EDQUOT) {
      return failed(0, IoFailure::Io, describe() + ": the disk is full; the ticket was discarded");
    }
    return failed(
        0, failureOf(error),
        describe() + ": write failed: " + errnoText(error) + "; the ticket was discarded");
  }
  return succeeded(written);
}

IoOutcome DirectoryTransport::read(std::span<std::uint8_t> /*buffer*/,
                                   std::chrono::milliseconds /*timeout*/) {
  return failed(0, IoFailure::Timeout, describe() + ": a folder cannot answer");
}

std::optional<std::filesystem::path> DirectoryTransport::endJob() {
  if (!job_) return std::nullopt;
  // On disk before it has its final name: a power cut leaves no empty ticket behind.
  if (::fdatasync(job_.get()) != 0) {
    discardJob();
    return std::nullopt;
  }
  job_.reset();
  for (;;) {
    const auto target = uri_.path / ticketName(*next_);
    // NOREPLACE: another writer (or a file copied in) already has this number: take the next.
    int result =
        ::renameat2(AT_FDCWD, jobPath_.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE);
    if (result != 0 && (errno == EINVAL || errno == ENOSYS)) {
      // Filesystems without RENAME_NOREPLACE (some network and FUSE ones).
      std::error_code exists;
      if (std::filesystem::exists(target, exists)) {
        errno = EEXIST;
      } else {
        result = ::rename(jobPath_.c_str(), target.c_str());
      }
    }
    if (result == 0) {
      ++*next_;
      jobPath_.clear();
      return target;
    }
    if (errno != EEXIST) break;
    ++*next_;
  }
  ::unlink(jobPath_.c_str());
  jobPath_.clear();
  return std::nullopt;
}

}  // namespace mikhak::drivers
