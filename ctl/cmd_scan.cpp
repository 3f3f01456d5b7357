// mikhakctl scan: reads barcodes from image files through the kiosk's own reader, one JSON line
// per file, so that a technician can check a photographed or printed notice, and a script can
// compare readers.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "mikhak/domain/notice_payload.hpp"
#include "mikhak/domain/signing_key.hpp"
#include "mikhak/scanner/barcode_reader.hpp"
#include "mikhak/scanner/image_source.hpp"

namespace mikhak::ctl {
namespace {

namespace fs = std::filesystem;
using scanner::BarcodeFormat;

struct FormatName {
  std::string_view name;
  BarcodeFormat format;
};
// The names --formats takes and the output uses.
constexpr FormatName kFormats[] = {
    {"qr", BarcodeFormat::QrCode},
    {"code128", BarcodeFormat::Code128},
    {"pdf417", BarcodeFormat::Pdf417},
    {"datamatrix", BarcodeFormat::DataMatrix},
};

std::string_view nameOf(BarcodeFormat format) {
  for (const auto& f : kFormats) {
    if (f.format == format && format != BarcodeFormat::None) return f.name;
  }
  return "unknown";
}

Result<BarcodeFormat> parseFormats(const std::string& list) {
  BarcodeFormat formats = BarcodeFormat::None;
  std::stringstream in(list);
  for (std::string name; std::getline(in, name, ',');) {
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto* known = std::find_if(std::begin(kFormats), std::end(kFormats),
                                     [&](const FormatName& f) { return f.name == name; });
    if (known != std::end(kFormats) && known->format != BarcodeFormat::None) {
      formats = formats | known->format;
    } else if (known != std::end(kFormats)) {
      return Error{"format '" + name + "' is not supported by this build's reader"};
    } else {
      return Error{"unknown format '" + name + "' (qr, code128, pdf417, datamatrix)"};
    }
  }
  if (formats == BarcodeFormat::None) return Error{"--formats names no format"};
  return formats;
}

// A public key PEM, or a consulate's private key (the server's FILE.key.pem) for its public half.
Result<domain::VerifyKey> readVerifyKey(const fs::path& file) {
  std::ifstream in(file);
  if (!in) return Error{"no key at " + file.string()};
  std::stringstream pem;
  pem << in.rdbuf();
  auto key = domain::VerifyKey::fromPem(pem.str());
  if (key) return key;
  if (auto signing = domain::SigningKey::fromPem(pem.str())) {
    return domain::VerifyKey::fromPem(signing->publicKeyPem());
  }
  return Error{file.string() + ": " + key.error().message};
}

// Keys by file, read once: without --key every folder's own consulate.pub.pem (where
// `mikhakctl notice --demo` puts it beside the notices).
class KeyRing {
 public:
  explicit KeyRing(std::string keyFile) : keyFile_(std::move(keyFile)) {}

  Result<const domain::VerifyKey*> keyFor(const fs::path& image) {
    const fs::path file =
        keyFile_.empty() ? image.parent_path() / "consulate.pub.pem" : fs::path(keyFile_);
    auto it = keys_.find(file);
    if (it == keys_.end()) it = keys_.emplace(file, readVerifyKey(file)).first;
    if (!it->second) return Error{"--verify: " + it->second.error().message};
    return &*it->second;
  }

 private:
  std::string keyFile_;
  std::map<fs::path, Result<domain::VerifyKey>> keys_;
};

nlohmann::ordered_json resultJson(const scanner::Decoded& d, const domain::VerifyKey* key) {
  const scanner::PixelBox& b = d.box;
  nlohmann::ordered_json out = {
      {"text", d.text},
      {"format", nameOf(d.format)},
      // The reader gives an axis-aligned box; its corners clockwise from the top left.
      {"corners", {{b.left, b.top}, {b.right, b.top}, {b.right, b.bottom}, {b.left, b.bottom}}},
      {"inverted", d.inverted},
  };
  if (key != nullptr) {
    out["verdict"] = domain::verdictName(domain::readPayload(d.text, *key).verdict);
  }
  return out;
}

}  // namespace

Runner addScanCommand(CLI::App& app) {
  struct Options {
    std::string formats;
    bool verify = false;
    std::string key;
    std::vector<std::string> files;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "scan",
      "Read barcodes from PNG or JPEG files (or folders of them) as the kiosk does. One JSON "
      "line a file: {\"file\", \"width\", \"height\", \"ms\" (decode time), \"results\": "
      "[{\"text\", \"format\", \"corners\", \"inverted\", \"verdict\"}]}; an image with no "
      "barcode has empty results. A file that cannot be read gets {\"file\", \"error\"} and the "
      "exit status is 1");
  cmd->add_option("--formats", options->formats,
                  "Comma-separated: qr, code128, pdf417, datamatrix (default: all of them that "
                  "this build's reader knows)");
  auto* verify =
      cmd->add_flag("--verify", options->verify,
                    "Add each result's verdict: valid, typo, forged, malformed or not-ours");
  cmd->add_option("--key", options->key,
                  "The consulate's public key PEM, or its private key (default with --verify: "
                  "consulate.pub.pem beside each image)")
      ->needs(verify);
  cmd->add_option("files", options->files, "Image files or folders")->required();
  return [options] {
    BarcodeFormat formats = BarcodeFormat::None;
    for (const auto& f : kFormats) formats = formats | f.format;
    if (!options->formats.empty()) {
      auto parsed = parseFormats(options->formats);
      if (!parsed) {
        std::cerr << "mikhakctl scan: " << parsed.error().message << '\n';
        return 2;
      }
      formats = *parsed;
    }
    // As the kiosk reads: every listed format, phone screens in dark mode included.
    const scanner::ReadOptions read{.formats = formats, .tryInverted = true, .tryHarder = true};
    KeyRing keys(options->key);
    bool failed = false;
    const auto print = [](const nlohmann::ordered_json& line) {
      // Flushed a line at a time: a script can read results while a long list is still going.
      std::cout << line.dump() << std::endl;
    };
    const auto printError = [&](const fs::path& file, const std::string& message) {
      print({{"file", file.string()}, {"error", message}});
      failed = true;
    };
    for (const std::string& argument : options->files) {
      // A file, or a folder's *.png, *.jpg and *.jpeg in name order.
      auto source = scanner::ImageSource::open(argument);
      if (!source) {
        printError(argument, source.error().message);
        continue;
      }
      while (auto image = source->next()) {
        if (!image->frame) {
          printError(image->file, image->frame.error().message);
          continue;
        }
        const domain::VerifyKey* key = nullptr;
        if (options->verify) {
          auto found = keys.keyFor(image->file);
          if (!found) {
            printError(image->file, found.error().message);
            continue;
          }
          key = *found;
        }
        const scanner::GreyFrame& frame = *image->frame;
        const auto start = std::chrono::steady_clock::now();
        const std::vector<scanner::Decoded> decoded = scanner::readBarcodes(frame.view(), read);
        const std::chrono::duration<double, std::milli> elapsed =
            std::chrono::steady_clock::now() - start;
        nlohmann::ordered_json line = {{"file", image->file.string()},
                                       {"width", frame.width},
                                       {"height", frame.height},
                                       {"ms", std::round(elapsed.count() * 100) / 100},
                                       {"results", nlohmann::ordered_json::array()}};
        for (const scanner::Decoded& d : decoded) line["results"].push_back(resultJson(d, key));
        print(line);
      }
    }
    return failed ? 1 : 0;
  };
}

}  // namespace mikhak::ctl
