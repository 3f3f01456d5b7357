#include "mikhak/scanner/scanner_service.hpp"

#include <algorithm>

#include "mikhak/scanner/camera_source.hpp"
#include "mikhak/scanner/image_source.hpp"
#include "mikhak/scanner/serial_source.hpp"
#include "mikhak/scanner/wedge_source.hpp"

namespace mikhak::scanner {
namespace {

using Clock = std::chrono::steady_clock;

InputRead fromText(TextRead read) {
  return {std::move(read.codes), std::nullopt, std::move(read.ignored), std::move(read.error),
          false};
}

class WedgeInput : public ScanInput {
 public:
  explicit WedgeInput(WedgeSource source) : source_(std::move(source)) {}
  InputRead read(std::chrono::milliseconds timeout) override {
    return fromText(source_.read(timeout));
  }
  void close() override { source_.close(); }
  std::string describe() const override { return source_.describe(); }

 private:
  WedgeSource source_;
};

class SerialInput : public ScanInput {
 public:
  explicit SerialInput(SerialSource source) : source_(std::move(source)) {}
  InputRead read(std::chrono::milliseconds timeout) override {
    return fromText(source_.read(timeout));
  }
  void close() override { source_.close(); }
  std::string describe() const override { return source_.describe(); }

 private:
  SerialSource source_;
};

class CameraInput : public ScanInput {
 public:
  explicit CameraInput(CameraSource source) : source_(std::move(source)) {}
  InputRead read(std::chrono::milliseconds timeout) override {
    FrameRead got = source_.read(timeout);
    InputRead read;
    read.frame = std::move(got.frame);
    if (!got.skipped.empty()) read.ignored.push_back(std::move(got.skipped));
    read.error = std::move(got.error);
    return read;
  }
  void close() override { source_.close(); }
  std::string describe() const override { return source_.describe(); }

 private:
  CameraSource source_;
};

// Every picture once, in name order; then the input is finished.
class ImagesInput : public ScanInput {
 public:
  ImagesInput(ImageSource source, std::string description)
      : source_(std::move(source)), description_(std::move(description)) {}
  InputRead read(std::chrono::milliseconds) override {
    InputRead read;
    auto next = source_.next();
    if (!next) {
      read.finished = true;
      return read;
    }
    if (next->frame) {
      read.frame = std::move(*next->frame);
    } else {
      read.ignored.push_back(next->frame.error().message);
    }
    return read;
  }
  void close() override {}
  std::string describe() const override { return description_; }

 private:
  ImageSource source_;
  std::string description_;
};

}  // namespace

Result<std::unique_ptr<ScanInput>> openInput(const SourceSpec& spec) {
  switch (spec.kind) {
    case SourceSpec::Kind::Evdev: {
      auto source = WedgeSource::fromSpec(spec);
      if (!source) return source.error();
      return std::unique_ptr<ScanInput>(std::make_unique<WedgeInput>(std::move(*source)));
    }
    case SourceSpec::Kind::Serial: {
      auto source = SerialSource::fromSpec(spec);
      if (!source) return source.error();
      return std::unique_ptr<ScanInput>(std::make_unique<SerialInput>(std::move(*source)));
    }
    case SourceSpec::Kind::V4l2: {
      auto source = CameraSource::fromSpec(spec);
      if (!source) return source.error();
      return std::unique_ptr<ScanInput>(std::make_unique<CameraInput>(std::move(*source)));
    }
    case SourceSpec::Kind::Images: {
      auto source = ImageSource::open(spec.path);
      if (!source) return source.error();
      return std::unique_ptr<ScanInput>(
          std::make_unique<ImagesInput>(std::move(*source), spec.text()));
    }
  }
  return Error{"scanner: unknown source kind"};
}

ScannerService::ScannerService(std::vector<std::unique_ptr<ScanInput>> inputs, Options options)
    : options_(std::move(options)), inputs_(std::move(inputs)), running_(inputs_.size()) {
  for (auto& input : inputs_) {
    threads_.emplace_back([this, &input] {
      run(*input);
      {
        const std::lock_guard lock(mutex_);
        --running_;
      }
      changed_.notify_all();
    });
  }
}

bool ScannerService::finished() const {
  const std::lock_guard lock(mutex_);
  return running_ == 0;
}

ScannerService::~ScannerService() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  for (auto& thread : threads_) thread.join();
}

std::vector<ScanEvent> ScannerService::poll() {
  const std::lock_guard lock(mutex_);
  std::vector<ScanEvent> events(std::make_move_iterator(events_.begin()),
                                std::make_move_iterator(events_.end()));
  events_.clear();
  return events;
}

std::optional<ScanEvent> ScannerService::waitEvent(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (!changed_.wait_for(lock, timeout, [this] { return !events_.empty() || running_ == 0; }) ||
      events_.empty()) {
    return std::nullopt;
  }
  ScanEvent event = std::move(events_.front());
  events_.pop_front();
  return event;
}

std::size_t ScannerService::dropped() const {
  const std::lock_guard lock(mutex_);
  return dropped_;
}

void ScannerService::publish(ScanEvent event) {
  {
    const std::lock_guard lock(mutex_);
    if (events_.size() >= options_.queueLimit) {
      events_.pop_front();  // a UI that stopped polling must not make the kiosk run out of memory
      ++dropped_;
    }
    events_.push_back(std::move(event));
  }
  changed_.notify_all();
}

bool ScannerService::isRepeat(const std::string& text) {
  const std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  // Forget what is older than the window, so the map stays small however long the kiosk runs.
  std::erase_if(lastSeen_,
                [&](const auto& entry) { return now - entry.second >= options_.repeatWindow; });
  const auto [at, inserted] = lastSeen_.try_emplace(text, now);
  if (!inserted) at->second = now;  // still held under the camera: keep it quiet
  return !inserted;
}

void ScannerService::run(ScanInput& input) {
  const std::string name = input.describe();
  bool down = false;
  const auto stopping = [this] {
    const std::lock_guard lock(mutex_);
    return stop_;
  };
  const auto pause = [this](std::chrono::milliseconds how_long) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, how_long, [this] { return stop_; });
  };
  while (!stopping()) {
    InputRead read = input.read(options_.readTimeout);
    if (read.finished) return;
    if (read.error && read.error->failure != drivers::IoFailure::Timeout) {
      if (!down) publish({ScanEvent::Kind::SourceDown, {}, name, {}, read.error->message, 0});
      down = true;
      input.close();
      pause(options_.retryAfter);
      continue;
    }
    if (down) {
      publish({ScanEvent::Kind::SourceUp, {}, name, {}, {}, 0});
      down = false;
    }
    for (std::string& code : read.codes) {
      if (isRepeat(code)) continue;
      publish({ScanEvent::Kind::Read, std::move(code), name, "scanner", {}, 0});
    }
    if (read.frame) {
      const auto start = Clock::now();
      const auto found = readBarcodes(read.frame->view(), options_.decode);
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      for (const Decoded& d : found) {
        if (isRepeat(d.text)) continue;
        publish({ScanEvent::Kind::Read, d.text, name, std::string(formatName(d.format)), {}, ms});
      }
    }
  }
  input.close();
}

}  // namespace mikhak::scanner
