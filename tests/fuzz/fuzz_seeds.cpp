// Writes the fuzzers' starting corpus into the folder given: payloads signed with the fuzzer's
// key (valid, altered, bare codes, Persian digits) and ESC/POS streams from the real encoder.
//   fuzz_seeds OUT_DIR

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "fuzz_key.hpp"
#include "mikhak/domain/notice_payload.hpp"
#include "mikhak/domain/signing_key.hpp"
#include "mikhak/domain/tracking_code.hpp"
#include "mikhak/printer/escpos.hpp"

namespace {

void write(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: fuzz_seeds OUT_DIR\n";
    return 2;
  }
  using namespace mikhak;
  const std::filesystem::path out = argv[1];
  std::filesystem::create_directories(out / "payload");
  std::filesystem::create_directories(out / "escpos");
  const auto key = domain::SigningKey::fromPem(fuzz::kPrivateKeyPem).value();
  const auto code = std::get<domain::TrackingCode>(domain::TrackingCode::parse("48210093175268"));
  const std::string payload = domain::encodeNoticePayload({code, "LON", 1795514400}, key);
  write(out / "payload/valid", payload);
  std::string altered = payload;
  altered[10] = altered[10] == '1' ? '2' : '1';
  write(out / "payload/altered", altered);
  write(out / "payload/bare", code.digits());
  write(out / "payload/grouped", "4821-0093-1752-68");
  write(out / "payload/typo", "48210093175269");
  write(out / "payload/persian", "۴۸۲۱۰۰۹۳۱۷۵۲۶۸");
  write(out / "payload/wedge", code.digits() + "\r\n");

  text::MonoBitmap image(40, 30);
  for (int y = 0; y < 30; ++y) {
    for (int x = 0; x < 40; ++x) {
      if ((x + y) % 3 == 0) image.set(x, y);
    }
  }
  const auto ticket = printer::encodeRaster(image, {.maxBandBytes = 50});
  write(out / "escpos/ticket", std::string(ticket.begin(), ticket.end()));
  const auto status = printer::statusRequest(4);
  write(out / "escpos/status", std::string(status.begin(), status.end()));
  std::cout << "fuzz_seeds: " << out.string() << '\n';
  return 0;
}
