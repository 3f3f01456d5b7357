#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "mikhak/printer/ticket.hpp"
#include "mikhak/printer/ticket_layout.hpp"
#include "mikhak/scanner/barcode_reader.hpp"
#include "mikhak/scanner/barcode_writer.hpp"
#include "mikhak/text/bitmap.hpp"
#include "mikhak/text/text_engine.hpp"

namespace mikhak::printer::test {

inline std::filesystem::path dataDir() {
  return std::filesystem::path(MIKHAK_TEST_DATA) / "printer";
}
inline std::filesystem::path wordingFile() {
  return std::filesystem::path(MIKHAK_TEST_DATA) / "../assets/translations/ticket.toml";
}

// One engine for the whole test program: fonts are slow to load.
inline text::TextEngine& engine() {
  static text::TextEngine instance = std::move(text::TextEngine::createDefault().value());
  return instance;
}

// The QR code's modules, as the kiosk draws them with the scanner module's writer.
inline text::MonoBitmap qrModules(const std::string& payload) {
  const auto qr = scanner::renderQr(payload, {.modulePixels = 1, .quietZoneModules = 0}).value();
  text::MonoBitmap modules(qr.width, qr.height);
  for (int y = 0; y < qr.height; ++y) {
    for (int x = 0; x < qr.width; ++x) {
      if (qr.at(x, y) >= 128) modules.set(x, y);
    }
  }
  return modules;
}

// The built-in sample, with its QR code drawn.
inline TicketContent sampleTicket() {
  TicketContent ticket = ticketFromJson(sampleTicketJson()).value();
  ticket.qrModules = qrModules(ticket.ticketRef);
  return ticket;
}

inline RenderedTicket render(const TicketContent& ticket, text::Language language, int width,
                             Rasterization rasterization = Rasterization::Threshold) {
  const TicketWording wording = loadTicketWording(wordingFile(), language).value();
  return renderTicket(engine(), ticket, wording,
                      {.widthDots = width, .language = language, .rasterization = rasterization})
      .value();
}

inline text::GreyBitmap toGrey(const text::MonoBitmap& mono) {
  text::GreyBitmap grey(mono.width, mono.height);
  for (int y = 0; y < mono.height; ++y) {
    for (int x = 0; x < mono.width; ++x) grey.at(x, y) = mono.at(x, y) ? 255 : 0;
  }
  return grey;
}

// What a counter's scanner would read off the printed ticket (ink dark on white).
inline std::vector<scanner::Decoded> readTicket(const text::MonoBitmap& mono) {
  std::vector<std::uint8_t> luma(static_cast<std::size_t>(mono.width) * mono.height);
  for (int y = 0; y < mono.height; ++y) {
    for (int x = 0; x < mono.width; ++x) {
      luma[static_cast<std::size_t>(y) * mono.width + x] = mono.at(x, y) ? 0 : 255;
    }
  }
  return scanner::readBarcodes({luma.data(), mono.width, mono.height, mono.width});
}

}  // namespace mikhak::printer::test
