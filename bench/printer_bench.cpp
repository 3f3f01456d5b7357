// Times the queue ticket from content to printer bytes: layout and raster by the text engine
// (cold: caches emptied; warm: the kiosk's steady state), ESC/POS encoding alone, and the bytes a
// ticket costs. Then the same image through a peer encoder from the npm registry
// (@point-of-sale/receipt-printer-encoder, bench/peer), for the encode-only ratio.
// Target (the printer issue): under 5 ms to render and encode on one core.

#include <benchmark/benchmark.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "mikhak/drivers/printer_uri.hpp"
#include "mikhak/drivers/transport.hpp"
#include "mikhak/printer/escpos.hpp"
#include "mikhak/printer/ticket.hpp"
#include "mikhak/printer/ticket_layout.hpp"
#include "mikhak/text/text_engine.hpp"
#include "virtual_printer_server.hpp"

namespace mikhak::printer {
namespace {

text::TextEngine& engine() {
  static text::TextEngine instance = std::move(text::TextEngine::createDefault().value());
  return instance;
}

TicketContent sample() {
  TicketContent t = ticketFromJson(sampleTicketJson()).value();
  // A version-2 QR code's worth of modules (25 x 25), as the kiosk draws for a ticket reference;
  // the pattern does not matter to the timing.
  t.qrModules = text::MonoBitmap(25, 25);
  for (int y = 0; y < 25; ++y) {
    for (int x = 0; x < 25; ++x) {
      if ((x * 7 + y * 3) % 5 < 2) t.qrModules.set(x, y);
    }
  }
  return t;
}

TicketWording wording(text::Language language) {
  return loadTicketWording(std::filesystem::path(MIKHAK_SOURCE_ASSETS) / "translations/ticket.toml",
                           language)
      .value();
}

void renderAndEncode(benchmark::State& state, bool cold) {
  const auto language = state.range(1) ? text::Language::English : text::Language::Persian;
  const TicketContent ticket = sample();
  const TicketWording words = wording(language);
  const TicketLayoutOptions options{.widthDots = static_cast<int>(state.range(0)),
                                    .language = language};
  std::size_t bytes = 0;
  for (auto _ : state) {
    if (cold) {
      state.PauseTiming();
      engine().clearCaches();
      state.ResumeTiming();
    }
    const RenderedTicket rendered = renderTicket(engine(), ticket, words, options).value();
    const auto escpos = encodeRaster(rendered.mono, {});
    bytes = escpos.size();
    benchmark::DoNotOptimize(escpos.data());
  }
  state.counters["bytes_per_ticket"] = static_cast<double>(bytes);
}

void BM_TicketRenderEncodeWarm(benchmark::State& state) { renderAndEncode(state, false); }
void BM_TicketRenderEncodeCold(benchmark::State& state) { renderAndEncode(state, true); }
// Args: width in dots, language (0 Persian, 1 English).
BENCHMARK(BM_TicketRenderEncodeWarm)
    ->Args({576, 0})
    ->Args({576, 1})
    ->Args({384, 0})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TicketRenderEncodeCold)->Args({576, 0})->Unit(benchmark::kMillisecond);

text::MonoBitmap sampleImage() {
  return renderTicket(engine(), sample(), wording(text::Language::Persian), {}).value().mono;
}

void BM_EncodeOnly(benchmark::State& state) {
  const text::MonoBitmap image = sampleImage();
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto escpos = encodeRaster(image, {});
    bytes = escpos.size();
    benchmark::DoNotOptimize(escpos.data());
  }
  state.counters["bytes_per_ticket"] = static_cast<double>(bytes);
}
BENCHMARK(BM_EncodeOnly)->Unit(benchmark::kMicrosecond);

// One ticket's bytes through the TCP transport to the virtual printer on loopback, until the
// printer answers the status request sent after it: the virtual printer answers only once the
// ticket is decoded and written as a PNG, so this is the whole trip, the PNG included.
void BM_PushThroughTcpToTheVirtualPrinter(benchmark::State& state) {
  const auto out = std::filesystem::temp_directory_path() / "mikhak-bench-printer";
  std::filesystem::remove_all(out);
  auto server = ctl::VirtualPrinterServer::start({.host = "127.0.0.1", .port = 0, .outDir = out});
  if (!server) {
    state.SkipWithError(server.error().message.c_str());
    return;
  }
  auto uri = drivers::parsePrinterUri("tcp://127.0.0.1:" + std::to_string((*server)->port()));
  auto transport = std::move(drivers::makeTransport(*uri).value());
  auto bytes = encodeRaster(sampleImage(), {});
  const auto request = statusRequest(1);
  bytes.insert(bytes.end(), request.begin(), request.end());
  for (auto _ : state) {
    if (!transport->write(bytes, std::chrono::seconds(5)).ok()) {
      state.SkipWithError("write failed");
      break;
    }
    std::array<std::uint8_t, 1> answer{};
    if (!transport->read(answer, std::chrono::seconds(5)).ok()) {
      state.SkipWithError("no status answer");
      break;
    }
  }
  state.counters["bytes_per_ticket"] = static_cast<double>(bytes.size());
  state.counters["tickets"] = static_cast<double>((*server)->ticketsWritten());
  (*server)->stop();
  std::filesystem::remove_all(out);
}
BENCHMARK(BM_PushThroughTcpToTheVirtualPrinter)->Unit(benchmark::kMillisecond);

// The peer on the same image, run by Node.js when bench/peer is installed (make bench does it).
void comparePeer() {
  const std::filesystem::path peer = std::filesystem::path(MIKHAK_BENCH_DIR) / "peer";
  if (!std::filesystem::exists(peer / "node_modules/@point-of-sale/receipt-printer-encoder")) {
    std::printf("peer: bench/peer not installed (npm ci there), no comparison\n");
    return;
  }
  // The peer starts from a grey image and thresholds it at 128, as ours does: both are timed from
  // the same grey ticket (the layout's coverage, written as luminance) to ESC/POS bytes.
  const text::GreyBitmap grey =
      renderTicket(engine(), sample(), wording(text::Language::Persian), {}).value().grey;
  const text::MonoBitmap image = text::threshold(grey);
  const auto pgm = std::filesystem::temp_directory_path() / "mikhak-bench-ticket.pgm";
  {
    std::ofstream out(pgm, std::ios::binary);
    out << "P5\n" << grey.width << ' ' << grey.height << "\n255\n";
    for (const std::uint8_t coverage : grey.pixels) out.put(static_cast<char>(255 - coverage));
  }
  // Ours, timed the same way as the peer's loop: many runs, the mean.
  constexpr int kIterations = 200;
  std::size_t ourBytes = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kIterations; ++i) ourBytes = encodeRaster(text::threshold(grey), {}).size();
  const double ourMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() /
      kIterations;
  const std::string command = "node " + (peer / "escpos_peer.mjs").string() + " " + pgm.string() +
                              " " + std::to_string(kIterations);
  std::FILE* pipe = ::popen(command.c_str(), "r");
  char line[256] = {};
  const bool read = pipe != nullptr && std::fgets(line, sizeof line, pipe) != nullptr;
  if (pipe != nullptr) ::pclose(pipe);
  std::filesystem::remove(pgm);
  double peerMs = 0;
  long peerBytes = 0;
  if (!read ||
      std::sscanf(line, "{\"ms_per_ticket\":%lf,\"bytes\":%ld}", &peerMs, &peerBytes) != 2) {
    std::printf("peer: no result from %s\n", command.c_str());
    return;
  }
  std::printf(
      "\nGrey ticket image to ESC/POS (threshold 128, raster, cut), same %dx%d image, mean of %d:\n"
      "  %-44s %9.4f ms %8zu bytes\n  %-44s %9.4f ms %8ld bytes\n"
      "  ratio (Mikhak / peer): %.5f (the peer takes %.0f times as long)\n",
      image.width, image.height, kIterations, "Mikhak threshold + encodeRaster", ourMs, ourBytes,
      "@point-of-sale/receipt-printer-encoder 4.0.1", peerMs, peerBytes, ourMs / peerMs,
      peerMs / ourMs);
}

}  // namespace
}  // namespace mikhak::printer

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  mikhak::printer::comparePeer();
  return 0;
}
