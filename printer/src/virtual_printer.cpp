#include "mikhak/printer/virtual_printer.hpp"

#include <algorithm>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace mikhak::printer {

VirtualPrinter::VirtualPrinter(Options options)
    : options_(options), page_(options.widthDots > 0 ? options.widthDots : 1, 0) {
  if (options_.widthDots < 1) throw std::invalid_argument("VirtualPrinter: widthDots must be > 0");
  if (options_.paperOutAfter == 0) {
    rowsLeft_ = std::max(0, options_.tailRows);
    paperOut_ = rowsLeft_ == 0;
  }
}

std::vector<std::uint8_t> VirtualPrinter::receive(std::span<const std::uint8_t> bytes) {
  std::vector<EscPosCommand> commands;
  parser_.feed(bytes, commands);
  std::vector<std::uint8_t> answer;
  for (const auto& command : commands) apply(command, answer);
  return answer;
}

void VirtualPrinter::endOfStream() { parser_.reset(); }

std::vector<text::MonoBitmap> VirtualPrinter::takeTickets() { return std::exchange(done_, {}); }

PrinterStatus VirtualPrinter::status() const {
  PrinterStatus s;
  s.coverOpen = options_.coverOpen;
  s.paperOut = paperOut_;
  // The near-end sensor sees the last roll's tail, and still does once it has run out.
  s.paperNearEnd = rowsLeft_ >= 0;
  // Like a real printer, it goes offline while it cannot print.
  s.online = !options_.offline && !s.coverOpen && !s.paperOut;
  return s;
}

void VirtualPrinter::refill() {
  paperOut_ = false;
  rowsLeft_ = -1;
  options_.paperOutAfter = -1;
  options_.coverOpen = false;
  clearPage();
}

void VirtualPrinter::setCoverOpen(bool open) { options_.coverOpen = open; }

void VirtualPrinter::setOffline(bool offline) { options_.offline = offline; }

void VirtualPrinter::apply(const EscPosCommand& command, std::vector<std::uint8_t>& answer) {
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, escpos::Initialize>) {
          clearPage();
        } else if constexpr (std::is_same_v<T, escpos::Raster>) {
          printBand(c);
        } else if constexpr (std::is_same_v<T, escpos::Feed>) {
          feedRows(c.lines * kRowsPerLine);
        } else if constexpr (std::is_same_v<T, escpos::Cut>) {
          feedRows(c.feed);
          cut();
        } else if constexpr (std::is_same_v<T, escpos::StatusRequest>) {
          if (c.n >= 1 && c.n <= 4) answer.push_back(statusByte(status(), c.n));
        }
        // Unknown: text, settings and images we do not draw leave no mark.
      },
      command);
}

bool VirtualPrinter::canPrint() const {
  return !options_.offline && !options_.coverOpen && !paperOut_;
}

bool VirtualPrinter::advancePaper() {
  if (paperOut_) return false;
  if (rowsLeft_ >= 0) {
    if (rowsLeft_ == 0) {
      paperOut_ = true;
      return false;
    }
    // The roll's end passing the sensor is paper out at once, before anything else is asked.
    if (--rowsLeft_ == 0) paperOut_ = true;
  }
  return true;
}

void VirtualPrinter::printBand(const escpos::Raster& raster) {
  if (!canPrint()) return;  // nothing moves: the rows are lost, as the host's bytes were sent
  const text::MonoBitmap& band = raster.band;
  const int scaleX = (raster.mode & 1) ? 2 : 1;
  const int scaleY = (raster.mode & 2) ? 2 : 1;
  const int pageRowBytes = text::MonoBitmap::bytesPerRow(options_.widthDots);
  const int bandRowBytes = text::MonoBitmap::bytesPerRow(band.width);
  const int spare = pageRowBytes * 8 - options_.widthDots;
  const auto lastMask = static_cast<std::uint8_t>(0xFF << spare);
  const int inkWidth = std::min(band.width * scaleX, options_.widthDots);
  std::vector<std::uint8_t> row(static_cast<std::size_t>(pageRowBytes));
  for (int y = 0; y < band.height; ++y) {
    std::fill(row.begin(), row.end(), std::uint8_t{0});
    if (scaleX == 1) {
      const auto first = band.bits.begin() + static_cast<std::ptrdiff_t>(y) * bandRowBytes;
      std::copy_n(first, std::min(bandRowBytes, pageRowBytes), row.begin());
    } else {
      for (int x = 0; x < inkWidth; ++x) {
        if (band.at(x / scaleX, y)) row[x / 8] |= static_cast<std::uint8_t>(0x80 >> (x % 8));
      }
    }
    row.back() &= lastMask;  // clipped at the paper's edge
    for (int repeat = 0; repeat < scaleY; ++repeat) {
      if (!advancePaper()) return;  // the rest of the band falls off the end of the roll
      printedSinceCut_ = true;
      if (page_.height < options_.maxPageRows) {
        page_.bits.insert(page_.bits.end(), row.begin(), row.end());
        ++page_.height;
      }
    }
  }
}

void VirtualPrinter::feedRows(int rows) {
  if (!canPrint()) return;
  const auto rowBytes = static_cast<std::size_t>(text::MonoBitmap::bytesPerRow(page_.width));
  for (int i = 0; i < rows; ++i) {
    if (!advancePaper()) return;
    if (page_.height < options_.maxPageRows) {
      page_.bits.resize(page_.bits.size() + rowBytes, 0);
      ++page_.height;
    }
  }
}

void VirtualPrinter::cut() {
  // Out of paper (or offline, cover open) the cutter does nothing: the stub stays on the page.
  if (!canPrint()) return;
  if (printedSinceCut_) {
    done_.push_back(std::move(page_));
    ++cut_;
    if (options_.paperOutAfter >= 0 && cut_ >= options_.paperOutAfter && rowsLeft_ < 0) {
      rowsLeft_ = std::max(0, options_.tailRows);
      paperOut_ = rowsLeft_ == 0;
    }
  }
  clearPage();
}

void VirtualPrinter::clearPage() {
  page_ = text::MonoBitmap(options_.widthDots, 0);
  printedSinceCut_ = false;
}

}  // namespace mikhak::printer
