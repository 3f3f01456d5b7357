// The kiosk's barcode reader on the scanner test corpus (tests/scanner/corpus: camera frames of
// real appointment notices, 1280 x 720, in classes of trouble), against the peers installed on
// the machine, on the same images written as PNG: ZXingReader (zxing-cpp-tools, with its
// defaults and with -noscale) and zbarimg (zbar-tools, --quiet --raw).
//
// Per class and overall: frames read (the target's exact text among the texts returned), wrong
// reads (any text not on the frame) and time per frame, median and p95. Ours is timed in the
// process, as the kiosk calls it (the best of --repeat runs of each frame; also once from the
// PNG file, decoding included); a peer is timed per image as a whole process, start-up and PNG
// decoding included, and again per image over one run of many files (its own per-image cost).
// Goal (the scanner issue): read at least as many as the best peer, in less time per image.

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "corpus.hpp"
#include "mikhak/scanner/barcode_reader.hpp"
#include "mikhak/scanner/image_source.hpp"
#include "mikhak/text/png.hpp"

extern char** environ;

namespace mikhak::scanner::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Outcome {
  bool read = false;
  bool wrong = false;
  bool crashed = false;  // the process died (a signal) rather than answer
  double ms = 0;
};

struct Tool {
  std::string name;
  std::vector<Outcome> outcomes;  // one a frame, in corpus order
  double batchMsPerImage = -1;    // peers: one process for many files
  int batchRuns = 0;
};

// A pipe's end, closed when dropped.
class Descriptor {
 public:
  explicit Descriptor(int fd = -1) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

struct ProcessRun {
  bool exited = false;  // false: killed by a signal (ZXingReader's assert aborts), or no start
  int status = 0;
  std::string out;
  double ms = 0;
};

// Runs a program (found in PATH) with its standard output captured and its errors dropped;
// the time is from before the spawn to after the exit.
ProcessRun runProcess(const std::vector<std::string>& arguments) {
  ProcessRun run;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return run;
  Descriptor readEnd(fds[0]);
  Descriptor writeEnd(fds[1]);
  std::vector<std::string> args = arguments;
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, writeEnd.get(), STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  const auto start = Clock::now();
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return run;
  writeEnd.reset();
  char buffer[65536];
  for (ssize_t n; (n = ::read(readEnd.get(), buffer, sizeof buffer)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    run.out.append(buffer, static_cast<std::size_t>(n));
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.ms = msSince(start);
  run.exited = WIFEXITED(status);
  run.status = run.exited ? WEXITSTATUS(status) : -1;
  return run;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// ZXingReader -1: `FILE FORMAT "TEXT"` a barcode, `FILE None` for none.
std::vector<std::string> zxingTexts(const std::string& out) {
  std::vector<std::string> texts;
  for (const std::string& line : lines(out)) {
    const auto open = line.find('"');
    const auto close = line.rfind('"');
    if (open != std::string::npos && close > open) {
      texts.push_back(line.substr(open + 1, close - open - 1));
    }
  }
  return texts;
}

Outcome outcomeOf(const CorpusFrame& frame, const std::vector<std::string>& texts, double ms) {
  const Judgement j = judge(frame, texts);
  return {j.read, !j.wrong.empty(), false, ms};
}

Tool runOurs(const std::vector<CorpusFrame>& corpus, bool tryInverted, int repeat) {
  Tool tool{tryInverted ? "mikhak (kiosk)" : "mikhak (no invert)", {}, -1, 0};
  const ReadOptions options{.formats = readerFormats(), .tryInverted = tryInverted};
  for (const CorpusFrame& frame : corpus) {
    double best = 1e300;
    std::vector<std::string> texts;
    for (int r = 0; r < repeat; ++r) {
      const auto start = Clock::now();
      const auto decoded = readBarcodes(frame.image.view(), options);
      best = std::min(best, msSince(start));
      texts.clear();
      for (const Decoded& d : decoded) texts.push_back(d.text);
    }
    tool.outcomes.push_back(outcomeOf(frame, texts, best));
  }
  return tool;
}

// Ours from the PNG file, as `mikhakctl scan` does: decoding the file is part of the cost.
Tool runOursFromFiles(const std::vector<CorpusFrame>& corpus, const std::vector<fs::path>& files) {
  Tool tool{"mikhak (from PNG)", {}, -1, 0};
  const ReadOptions options{.formats = readerFormats(), .tryInverted = true};
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    const auto start = Clock::now();
    std::vector<std::string> texts;
    if (auto image = readImageFile(files[i])) {
      for (const Decoded& d : readBarcodes(image->view(), options)) texts.push_back(d.text);
    }
    tool.outcomes.push_back(outcomeOf(corpus[i], texts, msSince(start)));
  }
  return tool;
}

// A peer, one process an image; then the whole list through as few processes as it allows: a
// process that dies (ZXingReader's assert) takes the rest of its list with it, so the list is
// cut after each image that killed it on its own.
Tool runPeer(const std::string& name, const std::vector<std::string>& command,
             std::vector<std::string> (*parse)(const std::string&),
             const std::vector<CorpusFrame>& corpus, const std::vector<fs::path>& files) {
  Tool tool{name, {}, -1, 0};
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    std::vector<std::string> args = command;
    args.push_back(files[i].string());
    const ProcessRun run = runProcess(args);
    Outcome outcome = outcomeOf(corpus[i], parse(run.out), run.ms);
    outcome.crashed = !run.exited;
    tool.outcomes.push_back(outcome);
  }
  double total = 0;
  std::vector<std::string> args = command;
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    args.push_back(files[i].string());
    if (tool.outcomes[i].crashed || i + 1 == corpus.size()) {
      total += runProcess(args).ms;
      ++tool.batchRuns;
      args = command;
    }
  }
  tool.batchMsPerImage = total / static_cast<double>(corpus.size());
  return tool;
}

std::vector<std::string> zbarTexts(const std::string& out) { return lines(out); }

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

struct Tally {
  int read = 0;
  int targets = 0;
  int wrong = 0;
  int crashed = 0;
  std::vector<double> ms;
};

Tally tally(const Tool& tool, const std::vector<CorpusFrame>& corpus,
            std::optional<FrameClass> only) {
  Tally t;
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    if (only && corpus[i].frameClass != *only) continue;
    const Outcome& o = tool.outcomes[i];
    if (corpus[i].target) ++t.targets;
    t.read += o.read ? 1 : 0;
    t.wrong += o.wrong ? 1 : 0;
    t.crashed += o.crashed ? 1 : 0;
    t.ms.push_back(o.ms);
  }
  return t;
}

void printTables(const std::vector<Tool>& tools, const std::vector<CorpusFrame>& corpus) {
  std::printf(
      "\nFrames read per class (target's exact text returned); a crash counts as not read\n");
  std::printf("%-14s", "class");
  for (const Tool& t : tools) std::printf(" %20s", t.name.c_str());
  std::printf("\n");
  for (FrameClass c : kFrameClasses) {
    std::printf("%-14s", std::string(className(c)).c_str());
    for (const Tool& t : tools) {
      const Tally s = tally(t, corpus, c);
      if (s.targets == 0 && s.ms.empty()) {
        std::printf(" %20s", "-");
        continue;
      }
      char cell[48];
      if (s.targets == 0) {
        std::snprintf(cell, sizeof cell, "(nothing) %d wrong", s.wrong);
      } else {
        std::snprintf(cell, sizeof cell, "%d/%d %3.0f%%%s", s.read, s.targets,
                      100.0 * s.read / s.targets, s.crashed ? "*" : "");
      }
      std::printf(" %20s", cell);
    }
    std::printf("\n");
  }
  const auto row = [&](const char* label, auto cell) {
    std::printf("%-14s", label);
    for (const Tool& t : tools)
      std::printf(" %20s", cell(t, tally(t, corpus, std::nullopt)).c_str());
    std::printf("\n");
  };
  const auto format = [](const char* f, auto... v) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, f, v...);
    return std::string(buffer);
  };
  row("overall", [&](const Tool&, const Tally& s) {
    return format("%d/%d %.1f%%", s.read, s.targets, 100.0 * s.read / std::max(1, s.targets));
  });
  row("wrong reads", [&](const Tool&, const Tally& s) { return format("%d", s.wrong); });
  row("crashes", [&](const Tool&, const Tally& s) { return format("%d", s.crashed); });
  row("median ms",
      [&](const Tool&, const Tally& s) { return format("%.1f", percentile(s.ms, 0.5)); });
  row("p95 ms",
      [&](const Tool&, const Tally& s) { return format("%.1f", percentile(s.ms, 0.95)); });
  row("batch ms/img", [&](const Tool& t, const Tally&) {
    return t.batchMsPerImage < 0 ? std::string("-")
                                 : format("%.1f (%d runs)", t.batchMsPerImage, t.batchRuns);
  });

  std::printf("\nOurs per class, ms per frame (median / p95)\n%-14s", "class");
  for (const Tool& t : tools) {
    if (t.batchMsPerImage < 0) std::printf(" %20s", t.name.c_str());
  }
  std::printf("\n");
  for (FrameClass c : kFrameClasses) {
    std::printf("%-14s", std::string(className(c)).c_str());
    for (const Tool& t : tools) {
      if (t.batchMsPerImage >= 0) continue;
      const Tally s = tally(t, corpus, c);
      std::printf(" %20s",
                  format("%.1f / %.1f", percentile(s.ms, 0.5), percentile(s.ms, 0.95)).c_str());
    }
    std::printf("\n");
  }
}

int run(int argc, char** argv) {
  CLI::App app{"mikhak-bench-scanner: the barcode reader against ZXingReader and zbarimg"};
  int framesPerClass = 20;
  int repeat = 3;
  std::string keep;
  bool noPeers = false;
  app.add_option("--frames", framesPerClass, "Frames per class")->check(CLI::Range(1, 200));
  app.add_option("--repeat", repeat, "Runs of our reader per frame (the best counts)")
      ->check(CLI::Range(1, 50));
  app.add_option("--keep", keep, "Write the frames as PNG into this folder and keep them");
  app.add_flag("--no-peers", noPeers, "Our reader only");
  CLI11_PARSE(app, argc, argv);

  auto start = Clock::now();
  auto generated = generateCorpus({.framesPerClass = framesPerClass});
  if (!generated) {
    std::fprintf(stderr, "mikhak-bench-scanner: %s\n", generated.error().message.c_str());
    return 1;
  }
  const std::vector<CorpusFrame>& corpus = *generated;
  std::printf("Corpus: %zu classes x %d frames, %dx%d grey, generated in %.1f s\n",
              kFrameClasses.size(), framesPerClass, corpus.front().image.width,
              corpus.front().image.height, msSince(start) / 1000);

  const fs::path dir = keep.empty() ? fs::temp_directory_path() /
                                          ("mikhak-bench-scanner-" + std::to_string(::getpid()))
                                    : fs::path(keep);
  fs::create_directories(dir);
  std::vector<fs::path> files;
  for (const CorpusFrame& frame : corpus) {
    text::GreyBitmap coverage(frame.image.width, frame.image.height);
    for (std::size_t i = 0; i < coverage.pixels.size(); ++i) {
      coverage.pixels[i] = static_cast<std::uint8_t>(255 - frame.image.pixels[i]);
    }
    files.push_back(dir / (frame.name + ".png"));
    if (auto written = text::writePng(files.back(), coverage); !written) {
      std::fprintf(stderr, "mikhak-bench-scanner: %s\n", written.error().message.c_str());
      return 1;
    }
  }

  std::vector<Tool> tools;
  tools.push_back(runOurs(corpus, true, repeat));
  tools.push_back(runOurs(corpus, false, repeat));
  tools.push_back(runOursFromFiles(corpus, files));
  if (!noPeers) {
    tools.push_back(runPeer("ZXingReader", {"ZXingReader", "-1"}, zxingTexts, corpus, files));
    tools.push_back(runPeer("ZXingReader -noscale", {"ZXingReader", "-1", "-noscale"}, zxingTexts,
                            corpus, files));
    tools.push_back(
        runPeer("zbarimg", {"zbarimg", "--nodbus", "--quiet", "--raw"}, zbarTexts, corpus, files));
  }
  printTables(tools, corpus);
  const bool crashed = std::any_of(tools.begin(), tools.end(), [](const Tool& t) {
    return std::any_of(t.outcomes.begin(), t.outcomes.end(),
                       [](const Outcome& o) { return o.crashed; });
  });
  if (crashed) {
    std::printf(
        "\n* the peer crashed on some frames (ZXingReader 1.4 aborts on an assert, zxing-cpp "
        "#740, when it finds a Code 128 on two layers of its downscaled pyramid).");
  }
  std::printf(
      "\nOurs is timed in the process (best of %d runs), the image already in memory; \"from "
      "PNG\" adds reading the file. Peers' times are whole processes, start-up and PNG "
      "decoding included; \"batch\" is one process for all the files (cut after any crash).\n",
      repeat);
  if (keep.empty()) fs::remove_all(dir);
  return 0;
}

}  // namespace
}  // namespace mikhak::scanner::test

int main(int argc, char** argv) { return mikhak::scanner::test::run(argc, argv); }
