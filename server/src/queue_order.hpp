#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "model.hpp"

namespace mikhak::server {

// The calling policy, in one place. Waiting tickets are called in order of:
//   1. queue time: the appointment's start, or for a late arrival admitted anyway, its arrival
//      (so it waits behind everyone who came on time, but is never starved: later arrivals queue
//      behind it in turn);
//   2. priority flags (elderly, disabled) among tickets with the same queue time: priority breaks
//      ties and never jumps the appointment order, so an ordinary ticket is called no later than
//      the end of its own time slot;
//   3. arrival (check-in) order, then ticket id.
// The store follows the same order in SQL (Store::nextWaiting, Store::countAhead); a test holds
// them to this function.
bool callsBefore(const Ticket& a, const Ticket& b);

// Wait for the people ahead, shared by the counters serving the service: the median of recent
// service times when there are at least three, else the catalogue's typical time.
std::chrono::minutes estimateWait(int peopleAhead, const std::vector<std::int64_t>& recentSeconds,
                                  std::chrono::minutes typical, int counters);

}  // namespace mikhak::server
