#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "mikhak/base/result.hpp"
#include "mikhak/drivers/transport.hpp"
#include "mikhak/scanner/barcode_reader.hpp"
#include "mikhak/scanner/grey_frame.hpp"
#include "mikhak/scanner/source_spec.hpp"

namespace mikhak::scanner {

// What one read of an input gave: codes read by the device itself (keyboard wedge, serial), or a
// frame to look for barcodes in (camera, image file).
struct InputRead {
  std::vector<std::string> codes;
  std::optional<GreyFrame> frame;
  std::vector<std::string> ignored;       // set aside, and why (for the log; never the text)
  std::optional<drivers::IoError> error;  // Timeout when nothing came
  bool finished = false;                  // nothing more will ever come (every image read)
};

// One configured source, read by a thread of its own. Not thread-safe.
class ScanInput {
 public:
  virtual ~ScanInput() = default;
  virtual InputRead read(std::chrono::milliseconds timeout) = 0;
  virtual void close() = 0;
  virtual std::string describe() const = 0;
};

// The input for a spec: evdev, serial, v4l2 or images. Devices open lazily, on the first read.
Result<std::unique_ptr<ScanInput>> openInput(const SourceSpec& spec);

// Something for the kiosk to act on.
struct ScanEvent {
  enum class Kind {
    Read,        // a code: `text`, from `source` (`format`: "QR Code", "keyboard", "serial", ...)
    SourceDown,  // `source` stopped answering (`problem` says why); it is retried
    SourceUp,    // `source` answers again
  };
  Kind kind = Kind::Read;
  std::string text;
  std::string source;
  std::string format;
  std::string problem;
  double decodeMs = 0;  // Read from a frame: the decoder's time
};

// Reads every configured source on a thread of its own, decodes frames there (never on the UI
// thread), and hands the UI thread the results through a bounded queue it polls each frame. The
// same text from any source within `repeatWindow` is reported once: a notice held under a camera
// is seen in every frame, and people scan twice when nothing seems to happen.
class ScannerService {
 public:
  struct Options {
    std::chrono::milliseconds repeatWindow{3000};
    std::size_t queueLimit = 32;                 // more events than this and the oldest are dropped
    std::chrono::milliseconds readTimeout{200};  // how often a thread looks for a stop
    std::chrono::milliseconds retryAfter{2000};  // a device that is gone is looked for again
    ReadOptions decode{kAllFormats, true, true};
  };
  ScannerService(std::vector<std::unique_ptr<ScanInput>> inputs, Options options);
  ~ScannerService();
  ScannerService(const ScannerService&) = delete;
  ScannerService& operator=(const ScannerService&) = delete;

  // Events since the last call; never blocks.
  std::vector<ScanEvent> poll();
  // The next event, waiting at most `timeout` (for tools and tests).
  std::optional<ScanEvent> waitEvent(std::chrono::milliseconds timeout);
  // Events dropped because the queue was full.
  std::size_t dropped() const;
  // Every input has finished (only image inputs ever do): nothing more will come.
  bool finished() const;

 private:
  void run(ScanInput& input);
  void publish(ScanEvent event);
  bool isRepeat(const std::string& text);

  const Options options_;
  std::vector<std::unique_ptr<ScanInput>> inputs_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<ScanEvent> events_;
  std::unordered_map<std::string, std::chrono::steady_clock::time_point> lastSeen_;
  std::size_t dropped_ = 0;
  std::size_t running_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;  // last: started once everything above exists
};

}  // namespace mikhak::scanner
