// mikhak-bench-load: a constant-rate HTTP load generator for mikhak-server, for the latency targets
// that wrk cannot test (wrk sends as fast as the server answers, so its latencies are those of an
// overloaded server). Request k is due at start + k/rate; free workers take the next due request,
// each over its own keep-alive connection, and its latency is counted from when it was due, not
// from when it was sent, so a server that falls behind shows it (no coordinated omission).
//
// Modes: lookup (a kiosk's retried check-in: the same request id and code every time), checkin
// (a new code and request id each time: a new ticket), call-next (round-robin over counters).
// Helpers for scripts: health (wait for /api/v1/health), login (print the session cookie),
// status (queue depths from the dashboard). --rate 0 sends as fast as the workers can.
#include <httplib.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;
  double rate = 500;
  double seconds = 10;
  long count = 0;  // 0: rate x seconds
  int threads = 8;
  std::string mode = "lookup";
  std::string tokenFile;
  std::string codesFile;
  long codesFrom = 0;  // the slice of the codes file this run may use
  long codesTo = -1;
  std::string requestId = "bench-lookup";  // lookup: the retried request's id
  std::string cookie;
  std::string login;
  std::string password;
  std::vector<int> counters;
  double grace = 10;  // seconds past the end before requests still due are dropped
};

std::string firstLine(const std::string& file) {
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line)) throw std::runtime_error("cannot read " + file);
  return line;
}

std::vector<std::string> readLines(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::unique_ptr<httplib::Client> connect(const Options& o) {
  auto client = std::make_unique<httplib::Client>(o.host, o.port);
  client->set_keep_alive(true);
  // httplib writes the headers and the body separately: with Nagle, the body waits for the
  // server's delayed ACK (40 ms).
  client->set_tcp_nodelay(true);
  client->set_connection_timeout(5);
  client->set_read_timeout(60);
  return client;
}

std::string checkInBody(const std::string& requestId, const std::string& code) {
  return json{{"request_id", requestId}, {"code", code}}.dump();
}

// The session cookie ("mikhak_session=...") from a log-in; Argon2id makes this take a while.
std::string logIn(const Options& o) {
  auto client = connect(o);
  const auto result =
      client->Post("/api/v1/staff/login", json{{"login", o.login}, {"password", o.password}}.dump(),
                   "application/json");
  if (!result || result->status != 200) {
    throw std::runtime_error("log-in failed: " +
                             (result ? std::to_string(result->status) + " " + result->body
                                     : httplib::to_string(result.error())));
  }
  const std::string setCookie = result->get_header_value("Set-Cookie");
  return setCookie.substr(0, setCookie.find(';'));
}

// What one request of the run is: built from its sequence number, so workers share no state.
class RequestMaker {
 public:
  explicit RequestMaker(const Options& o) : options_(o) {
    if (o.mode == "lookup" || o.mode == "checkin") {
      if (o.tokenFile.empty() || o.codesFile.empty())
        throw std::runtime_error(o.mode + " needs --token-file and --codes-file");
      headers_.emplace("Authorization", "Bearer " + firstLine(o.tokenFile));
      codes_ = readLines(o.codesFile);
      const long to = o.codesTo < 0 ? static_cast<long>(codes_.size())
                                    : std::min<long>(o.codesTo, static_cast<long>(codes_.size()));
      if (o.codesFrom < 0 || o.codesFrom >= to) throw std::runtime_error("empty codes slice");
      codes_ = {codes_.begin() + o.codesFrom, codes_.begin() + to};
      // A fresh run id keeps request ids unique when the same database is loaded twice.
      runId_ =
          std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 1000000);
    } else if (o.mode == "call-next") {
      headers_.emplace("Cookie", o.cookie.empty() ? logIn(o) : o.cookie);
      if (o.counters.empty()) throw std::runtime_error("call-next needs --counters");
    } else {
      throw std::runtime_error("unknown mode " + o.mode);
    }
  }

  // The number of distinct requests available (checkin uses each code once).
  long limit() const { return options_.mode == "checkin" ? static_cast<long>(codes_.size()) : -1; }
  // The status that means "done as asked".
  int goodStatus() const { return options_.mode == "call-next" ? 200 : 201; }

  httplib::Result send(httplib::Client& client, long k) const {
    if (options_.mode == "lookup") {
      return client.Post("/api/v1/check-ins", headers_,
                         checkInBody(options_.requestId, codes_.front()), "application/json");
    }
    if (options_.mode == "checkin") {
      return client.Post("/api/v1/check-ins", headers_,
                         checkInBody("load-" + runId_ + "-" + std::to_string(k),
                                     codes_[static_cast<std::size_t>(k)]),
                         "application/json");
    }
    const int counter = options_.counters[static_cast<std::size_t>(k) % options_.counters.size()];
    return client.Post("/api/v1/counters/" + std::to_string(counter) + "/call-next", headers_, "{}",
                       "application/json");
  }

  // Before timing: the retried request has to have been made once.
  void prime() const {
    if (options_.mode != "lookup") return;
    auto client = connect(options_);
    const auto result = send(*client, 0);
    if (!result || (result->status != 201 && result->status != 200)) {
      throw std::runtime_error("the lookup's first check-in failed: " +
                               (result ? std::to_string(result->status) + " " + result->body
                                       : httplib::to_string(result.error())));
    }
  }

 private:
  const Options& options_;
  httplib::Headers headers_;
  std::vector<std::string> codes_;
  std::string runId_;
};

struct WorkerTally {
  std::vector<double> latencyMs;  // from when the request was due
  std::vector<double> serviceMs;  // from when it was sent
  std::map<int, long> statuses;   // 0: no answer (connection error)
  Clock::time_point lastDone{};
};

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto index = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1));
  return sorted[index];
}

int runLoad(const Options& o) {
  const RequestMaker maker(o);
  maker.prime();
  long total = o.count > 0 ? o.count : static_cast<long>(o.rate * o.seconds);
  if (o.rate <= 0 && o.count <= 0) total = -1;  // as fast as possible, for --seconds
  if (maker.limit() >= 0 && (total < 0 || total > maker.limit())) {
    if (total >= 0) {
      std::cerr << "mikhak-bench-load: only " << maker.limit() << " codes for " << total
                << " requests; sending " << maker.limit() << '\n';
    }
    total = maker.limit();
  }

  std::atomic<long> next{0};
  std::atomic<long> dropped{0};
  std::vector<WorkerTally> tallies(static_cast<std::size_t>(o.threads));
  const auto period =
      o.rate > 0 ? std::chrono::duration<double>(1.0 / o.rate) : std::chrono::duration<double>(0);
  const auto start = Clock::now() + std::chrono::milliseconds(50);  // a head start for the workers
  const auto end = start + std::chrono::duration<double>(o.seconds);
  const auto giveUp = end + std::chrono::duration<double>(o.grace);

  std::vector<std::thread> workers;
  for (int w = 0; w < o.threads; ++w) {
    workers.emplace_back([&, w] {
      WorkerTally& tally = tallies[static_cast<std::size_t>(w)];
      auto client = connect(o);
      while (true) {
        const long k = next.fetch_add(1);
        if (total >= 0 && k >= total) break;
        const auto due =
            start + std::chrono::duration_cast<Clock::duration>(period * static_cast<double>(k));
        if (o.rate > 0) {
          std::this_thread::sleep_until(due);
        } else if (Clock::now() >= end) {
          break;  // closed loop: --count requests, or as many as --seconds allow
        }
        const auto sent = Clock::now();
        if (sent >= giveUp) {
          dropped.fetch_add(1);
          continue;
        }
        const auto result = maker.send(*client, k);
        const auto done = Clock::now();
        ++tally.statuses[result ? result->status : 0];
        // Closed loop: there is no schedule, so latency is service time.
        const auto from = o.rate > 0 ? due : sent;
        tally.latencyMs.push_back(std::chrono::duration<double, std::milli>(done - from).count());
        tally.serviceMs.push_back(std::chrono::duration<double, std::milli>(done - sent).count());
        tally.lastDone = std::max(tally.lastDone, done);
      }
    });
  }
  for (auto& worker : workers) worker.join();

  std::vector<double> latency;
  std::vector<double> service;
  std::map<int, long> statuses;
  Clock::time_point lastDone = start;
  for (const auto& t : tallies) {
    latency.insert(latency.end(), t.latencyMs.begin(), t.latencyMs.end());
    service.insert(service.end(), t.serviceMs.begin(), t.serviceMs.end());
    for (const auto& [status, n] : t.statuses) statuses[status] += n;
    lastDone = std::max(lastDone, t.lastDone);
  }
  std::sort(latency.begin(), latency.end());
  std::sort(service.begin(), service.end());
  const double elapsed = std::chrono::duration<double>(lastDone - start).count();
  const long good = statuses[maker.goodStatus()];
  const double achieved = elapsed > 0 ? static_cast<double>(latency.size()) / elapsed : 0;
  const double goodRate = elapsed > 0 ? static_cast<double>(good) / elapsed : 0;

  std::ostringstream statusText;
  for (const auto& [status, n] : statuses) {
    if (n > 0) statusText << (statusText.tellp() > 0 ? " " : "") << status << ":" << n;
  }
  if (o.rate > 0) {
    std::printf("mode %s, %.0f/s for %.1f s, %d workers\n", o.mode.c_str(), o.rate, o.seconds,
                o.threads);
  } else {
    std::printf("mode %s, as fast as %d workers go\n", o.mode.c_str(), o.threads);
  }
  std::printf("  sent %zu in %.2f s: %.1f/s (%s %.1f/s); statuses %s; dropped %ld\n",
              latency.size(), elapsed, achieved, o.mode == "call-next" ? "called" : "ok", goodRate,
              statusText.str().c_str(), dropped.load());
  std::printf("  latency from schedule, ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n",
              percentile(latency, 50), percentile(latency, 90), percentile(latency, 99),
              latency.empty() ? 0.0 : latency.back());
  std::printf("  service time, ms:          p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n",
              percentile(service, 50), percentile(service, 90), percentile(service, 99),
              service.empty() ? 0.0 : service.back());
  // One line for scripts.
  std::printf(
      "RESULT mode=%s target=%.0f requests=%zu good=%ld rate=%.1f good_rate=%.1f p50_ms=%.2f "
      "p90_ms=%.2f p99_ms=%.2f max_ms=%.2f dropped=%ld statuses=%s\n",
      o.mode.c_str(), o.rate, latency.size(), good, achieved, goodRate, percentile(latency, 50),
      percentile(latency, 90), percentile(latency, 99), latency.empty() ? 0.0 : latency.back(),
      dropped.load(), statusText.str().c_str());
  return 0;
}

int waitHealthy(const Options& o) {
  const auto until = Clock::now() + std::chrono::duration<double>(o.seconds);
  while (Clock::now() < until) {
    httplib::Client client(o.host, o.port);
    client.set_connection_timeout(1);
    if (const auto result = client.Get("/api/v1/health"); result && result->status == 200) {
      std::cout << result->body << '\n';
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::cerr << "mikhak-bench-load: no answer from /api/v1/health\n";
  return 1;
}

// Tickets waiting, called, done: from the supervisor's dashboard.
int printStatus(const Options& o) {
  auto client = connect(o);
  const httplib::Headers headers{{"Cookie", o.cookie.empty() ? logIn(o) : o.cookie}};
  const auto result = client->Get("/api/v1/dashboard", headers);
  if (!result || result->status != 200) throw std::runtime_error("no dashboard");
  long waiting = 0;
  long serving = 0;
  long done = 0;
  const json dashboard =
      json::parse(result->body);  // named: a range-for over a temporary's member dangles
  for (const auto& s : dashboard.at("services")) {
    waiting += s.at("waiting").get<long>();
    serving += s.at("serving").get<long>();
    done += s.at("done").get<long>();
  }
  std::printf("waiting=%ld serving=%ld done=%ld\n", waiting, serving, done);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"mikhak-bench-load: constant-rate load on mikhak-server, with latency percentiles"};
  Options o;
  app.add_option("--url-host", o.host, "Server host")->capture_default_str();
  app.add_option("--port", o.port, "Server port")->required();
  app.add_option("--mode", o.mode, "lookup | checkin | call-next | health | login | status")
      ->capture_default_str();
  app.add_option("--rate", o.rate, "Requests per second; 0: as fast as possible")
      ->capture_default_str();
  app.add_option("--seconds", o.seconds, "How long")->capture_default_str();
  app.add_option("--count", o.count, "How many requests (default: rate x seconds)");
  app.add_option("--threads", o.threads, "Workers, one keep-alive connection each")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  app.add_option("--token-file", o.tokenFile, "The kiosk's bearer token (first line)");
  app.add_option("--codes-file", o.codesFile, "Tracking codes or QR payloads, one a line");
  app.add_option("--codes-from", o.codesFrom, "First line of the codes file to use (from 0)")
      ->capture_default_str();
  app.add_option("--codes-to", o.codesTo, "Line after the last to use (default: the end)");
  app.add_option("--request-id", o.requestId, "lookup: the retried request's id")
      ->capture_default_str();
  app.add_option("--cookie", o.cookie, "Staff session cookie, mikhak_session=...");
  app.add_option("--login", o.login, "Staff log-in (instead of --cookie)");
  app.add_option("--password", o.password, "Staff password");
  app.add_option("--password-file", o.password, "Staff password, from a file")
      ->transform([](const std::string& file) {
        try {
          return firstLine(file);
        } catch (const std::exception& e) {
          throw CLI::ValidationError(e.what());
        }
      });
  app.add_option("--counters", o.counters, "call-next: counter numbers, e.g. 1,2,3")
      ->delimiter(',');
  app.add_option("--grace", o.grace, "Seconds past the end before due requests are dropped")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  try {
    if (o.mode == "health") return waitHealthy(o);
    if (o.mode == "login") {
      std::cout << logIn(o) << '\n';
      return 0;
    }
    if (o.mode == "status") return printStatus(o);
    return runLoad(o);
  } catch (const std::exception& e) {
    std::cerr << "mikhak-bench-load: " << e.what() << '\n';
    return 1;
  }
}
