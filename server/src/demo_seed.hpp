#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "mikhak/domain/signing_key.hpp"
#include "mikhak/domain/zone_clock.hpp"
#include "store.hpp"

namespace mikhak::server {

struct DemoSeed {
  std::string kioskToken;                                  // for the demo kiosk
  std::vector<std::pair<std::string, std::string>> staff;  // login, password
  struct Sample {
    std::string code;
    std::string payload;  // the notice's signed QR text
    std::string service;
    std::string time;  // local HH:MM
    std::string status;
  };
  std::vector<Sample> samples;  // a few appointments to try, of different kinds
  int appointments = 0;
};

// Today's demo at one consulate: a kiosk, five counters, staff of each role, and about 300
// appointments from 08:30 to 16:30 spread over the catalogue's services, with realistic Persian and
// Latin names, a few elderly or disabled applicants, a few cancellations and a few booked for
// tomorrow.
DemoSeed seedDemo(Store& store, const Consulate& consulate, const domain::ZoneClock& clock,
                  const domain::SigningKey& key, std::chrono::sys_seconds now);

}  // namespace mikhak::server
