#include "api.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>

#include "catalogue_json.hpp"
#include "http_json.hpp"
#include "migrations.hpp"
#include "token.hpp"

namespace mikhak::server {
namespace {

using nlohmann::json;

void sendUnauthorized(httplib::Response& response) {
  response.set_header("WWW-Authenticate", "Bearer");
  sendError(response, 401, "unauthorized", "دستگاه شناسایی نشد.", "The kiosk is not recognised.");
}

std::string isoUtc(std::int64_t seconds) {
  const std::chrono::sys_seconds t{std::chrono::seconds(seconds)};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss time{t - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

std::string ticketLabel(const std::string& letter, int number) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%03d", number);
  return letter + "-" + digits;
}

bool isRequestId(const std::string& id) {
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

}  // namespace

Api::Api(Store& store, CheckInService& checkIn, QueueService& queue, OfflineService& offline,
         NowServingHub& hub, const domain::SigningKey& key, base::Journal& journal, Clock now)
    : store_(store),
      checkIn_(checkIn),
      queue_(queue),
      offline_(offline),
      hub_(hub),
      key_(key),
      journal_(journal),
      now_(std::move(now)) {}

const std::vector<RouteSpec>& Api::routes() {
  static const std::vector<RouteSpec> kRoutes{
      {"get", "/api/v1/health", {200}},
      {"get", "/api/v1/services", {200, 401}},
      {"post", "/api/v1/check-ins", {200, 201, 400, 401, 404, 409, 413, 422, 503}},
      {"post", "/api/v1/staff/login", {200, 400, 401, 429}},
      {"post", "/api/v1/staff/logout", {204}},
      {"get", "/api/v1/staff/me", {200, 401}},
      {"get", "/api/v1/counters", {200, 401}},
      {"get", "/api/v1/counters/{number}/queue", {200, 401, 403, 404}},
      {"post", "/api/v1/counters/{number}/call-next", {200, 204, 400, 401, 403, 404}},
      {"post", "/api/v1/counters/{number}/tickets/{id}/recall", {200, 400, 401, 403, 404, 409}},
      {"post", "/api/v1/counters/{number}/tickets/{id}/no-show", {200, 400, 401, 403, 404, 409}},
      {"post", "/api/v1/counters/{number}/tickets/{id}/complete", {200, 400, 401, 403, 404, 409}},
      {"post", "/api/v1/counters/{number}/tickets/{id}/transfer", {200, 400, 401, 403, 404, 409}},
      {"get", "/api/v1/tickets/{id}/audit", {200, 401, 403, 404}},
      {"get", "/api/v1/dashboard", {200, 401, 403}},
      {"get", "/api/v1/now-serving", {200}},
      {"get", "/api/v1/now-serving/events", {200}},
      {"get", "/api/v1/manifest", {200, 401}},
      {"post", "/api/v1/sync", {200, 400, 401, 413}},
      {"post", "/api/v1/heartbeat", {204, 400, 401}},
      {"post", "/api/v1/tickets/{id}/print-result", {204, 400, 401, 404}},
      {"post", "/api/v1/kiosks/enrol", {201, 400, 401, 429}},
      {"get", "/api/v1/kiosks", {200, 401, 403}},
      {"post", "/api/v1/kiosks/enrolment-codes", {201, 400, 401, 403}},
      {"post", "/api/v1/kiosks/{id}/revoke", {200, 400, 401, 403, 404}},
  };
  return kRoutes;
}

void Api::mount(httplib::Server& server) {
  server.set_payload_max_length(kMaxBodyBytes);
  // Each display's event stream holds a worker for as long as it is open, and each idle keep-alive
  // connection one for up to the keep-alive timeout: httplib's default pool of 8 would let a few
  // displays starve the kiosks. httplib owns (and deletes) the queue it is given.
  server.new_task_queue = [] {
    return new httplib::ThreadPool(kWorkers);
  };  // NOLINT(cppcoreguidelines-owning-memory)
  server.set_keep_alive_timeout(2);
  // httplib writes headers and body separately: without this the body waits for the client's
  // delayed ACK, about 40 ms an answer on a kept-alive connection.
  server.set_tcp_nodelay(true);
  server.Get("/api/v1/health",
             [this](const httplib::Request& q, httplib::Response& r) { health(q, r); });
  server.Get("/api/v1/services",
             [this](const httplib::Request& q, httplib::Response& r) { services(q, r); });
  server.Post("/api/v1/check-ins",
              [this](const httplib::Request& q, httplib::Response& r) { checkIn(q, r); });
  server.Get("/api/v1/manifest",
             [this](const httplib::Request& q, httplib::Response& r) { manifest(q, r); });
  server.Post("/api/v1/sync",
              [this](const httplib::Request& q, httplib::Response& r) { sync(q, r); });
  server.Post("/api/v1/heartbeat",
              [this](const httplib::Request& q, httplib::Response& r) { heartbeat(q, r); });
  server.Post(R"(/api/v1/tickets/(\d{1,18})/print-result)",
              [this](const httplib::Request& q, httplib::Response& r) { printResult(q, r); });
  server.Post("/api/v1/kiosks/enrol",
              [this](const httplib::Request& q, httplib::Response& r) { enrol(q, r); });
  mountStaff(server);
  server.set_error_handler([](const httplib::Request&, httplib::Response& r) {
    if (r.status == 413) {
      sendError(r, 413, "too_large", "درخواست بیش از حد بزرگ است.", "The request is too large.");
    } else if (r.status == 404 && r.body.empty()) {
      sendError(r, 404, "not_found", "چنین نشانی‌ای وجود ندارد.",
                "There is no such address.");
    }
  });
  server.set_exception_handler(
      [this](const httplib::Request& q, httplib::Response& r, std::exception_ptr error) {
        // Storage trouble (disk full, database locked too long) is the server's, not the caller's:
        // 503 tells the kiosk to keep the check-in in its outbox and try again.
        std::string_view code = "unavailable";
        std::string what = "an unknown exception";
        try {
          std::rethrow_exception(error);
        } catch (const StoreError& e) {
          if (e.full()) code = "storage_full";
          what = e.what();
        } catch (const std::exception& e) {
          what = e.what();
        }
        // The path holds at most a ticket's id: codes and names travel in bodies, never logged.
        journal_.error("unavailable", q.method + " " + q.path + ": " + what,
                       {{"STATUS", "503"}, {"ERROR", std::string(code)}});
        sendError(r, 503, code, "سرور موقتاً در دسترس نیست.", "The server is unavailable for now.");
      });
}

std::optional<KioskRecord> Api::authenticateKiosk(const httplib::Request& request) {
  const std::string header = request.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() <= kBearer.size() || header.compare(0, kBearer.size(), kBearer) != 0 ||
      header.size() > 256) {
    return std::nullopt;
  }
  auto kiosk = store_.kioskByTokenHash(tokenHash(header.substr(kBearer.size())));
  if (!kiosk || kiosk->revoked) {
    journal_.warning("kiosk_refused",
                     kiosk ? "a revoked kiosk (" + kiosk->id + ") called " + request.path
                           : "an unknown kiosk token called " + request.path,
                     {{"KIOSK", kiosk ? kiosk->id : "unknown"}});
    return std::nullopt;
  }
  return kiosk;
}

void Api::health(const httplib::Request&, httplib::Response& response) {
  // "now" lets `mikhakctl doctor` tell a kiosk whose clock is wrong (its day and its check-in
  // windows would be too).
  sendJson(response, 200,
           {{"status", "ok"},
            {"schema", latestSchemaVersion()},
            {"consulate", checkIn_.consulate().id},
            {"now", now_().time_since_epoch().count()}});
}

void Api::services(const httplib::Request& request, httplib::Response& response) {
  // Kiosks and staff (the console's transfer list) alike.
  if (!authenticateKiosk(request) && !staffMember(request)) return sendUnauthorized(response);
  json list = json::array();
  for (const auto& s : store_.catalogue().services) list.push_back(serviceJson(s));
  // The consulate as its screens and tickets name it, and the zone their times are in.
  const Consulate& c = checkIn_.consulate();
  sendJson(
      response, 200,
      {{"consulate",
        {{"id", c.id}, {"name_fa", c.nameFa}, {"name_en", c.nameEn}, {"time_zone", c.timeZone}}},
       {"services", list}});
}

void Api::checkIn(const httplib::Request& request, httplib::Response& response) {
  const auto kiosk = authenticateKiosk(request);
  if (!kiosk) return sendUnauthorized(response);
  const json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded()) return sendBadRequest(response, "The body is not valid JSON.");
  if (auto problem = checkFields(body, {{"request_id", 64}, {"code", 512}})) {
    return sendBadRequest(response, *problem);
  }
  const std::string requestId = body["request_id"];
  if (!isRequestId(requestId)) {
    return sendBadRequest(response, "request_id may hold only letters, digits, '-' and '_'");
  }

  const CheckInOutcome outcome = checkIn_.checkIn({kiosk->id, requestId, body["code"]});
  const domain::ZoneClock& clock = checkIn_.zoneClock();
  if (const auto* refused = std::get_if<Refused>(&outcome)) {
    const RefusalText& text = refusalText(refused->refusal);
    json extra = json::object();
    if (refused->appointment) {
      const std::chrono::sys_seconds start{std::chrono::seconds(refused->appointment->startsAt)};
      extra["appointment_day"] = clock.day(start);
      extra["appointment_time"] = clock.hoursMinutes(start);
    }
    if (refused->refusal == Refusal::TooEarly)
      extra["opens_at"] = clock.hoursMinutes(refused->opensAt);
    const std::string reason(text.code);
    journal_.info("check_in", "check-in refused at " + kiosk->id + ": " + reason,
                  {{"KIOSK", kiosk->id}, {"OUTCOME", "refused"}, {"REASON", reason}});
    return sendError(response, text.httpStatus, text.code, text.fa, text.en, extra);
  }
  const auto& done = std::get<CheckedIn>(outcome);
  const Appointment& a = done.appointment;
  std::vector<domain::OriginalDocument> originals = done.service.originals;
  originals.insert(originals.end(), a.extraOriginals.begin(), a.extraOriginals.end());
  const std::chrono::sys_seconds start{std::chrono::seconds(a.startsAt)};
  const std::string label = ticketLabel(done.service.letter, done.ticket.number);
  const char* status = done.alreadyCheckedIn ? "already_checked_in" : "checked_in";
  journal_.info("check_in", label + " " + status + " at " + kiosk->id + " for " + done.service.id,
                {{"KIOSK", kiosk->id},
                 {"OUTCOME", status},
                 {"TICKET", label},
                 {"TICKET_ID", std::to_string(done.ticket.id)},
                 {"SERVICE", done.service.id},
                 {"LATE", done.ticket.late ? "1" : "0"}});
  sendJson(response, done.alreadyCheckedIn ? 200 : 201,
           {{"status", status},
            {"ticket",
             {{"id", done.ticket.id},
              {"label", label},
              {"letter", done.service.letter},
              {"letter_fa", done.service.letterFa},
              {"number", done.ticket.number},
              {"day", done.ticket.day},
              {"late", done.ticket.late},
              {"reprints", done.ticket.reprints}}},
            {"applicant",
             {{"display_name_fa", displayName(a.applicant.givenFa, a.applicant.familyFa)},
              {"display_name_en", displayName(a.applicant.givenEn, a.applicant.familyEn)}}},
            {"service",
             {{"id", done.service.id},
              {"name_fa", done.service.nameFa},
              {"name_en", done.service.nameEn}}},
            {"appointment",
             {{"starts_at", isoUtc(a.startsAt)},
              {"day", clock.day(start)},
              {"time", clock.hoursMinutes(start)}}},
            {"originals", originalsJson(originals)},
            {"people_ahead", done.peopleAhead},
            {"estimated_wait_minutes", done.estimatedWait.count()}});
}

void Api::manifest(const httplib::Request& request, httplib::Response& response) {
  const auto kiosk = authenticateKiosk(request);
  if (!kiosk) return sendUnauthorized(response);
  const SignedManifest signedManifest = offline_.manifest(*kiosk);
  sendJson(response, 200,
           {{"manifest", signedManifest.text}, {"signature", signedManifest.signature}});
}

void Api::sync(const httplib::Request& request, httplib::Response& response) {
  const auto kiosk = authenticateKiosk(request);
  if (!kiosk) return sendUnauthorized(response);
  const json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || body.size() != 1 || !body.contains("check_ins") ||
      !body["check_ins"].is_array() || body["check_ins"].size() > 200) {
    return sendBadRequest(response, "Send {\"check_ins\": [...]} with at most 200 entries.");
  }
  std::vector<OfflineCheckIn> batch;
  for (const auto& entry : body["check_ins"]) {
    const bool good = entry.is_object() && entry.size() == 5 && entry.contains("request_id") &&
                      entry["request_id"].is_string() && entry.contains("code") &&
                      entry["code"].is_string() && entry.contains("service") &&
                      entry["service"].is_string() && entry.contains("number") &&
                      entry["number"].is_number_integer() && entry.contains("checked_in_at") &&
                      entry["checked_in_at"].is_number_integer();
    if (!good) {
      return sendBadRequest(response,
                            "Each check-in is {request_id, code, service, number, checked_in_at}.");
    }
    const std::string requestId = entry["request_id"];
    if (requestId.empty() || requestId.size() > 64 || !isRequestId(requestId)) {
      return sendBadRequest(response, "request_id may hold only letters, digits, '-' and '_'");
    }
    const auto number = entry["number"].get<std::int64_t>();
    if (number < 1 || number > 100000) return sendBadRequest(response, "number out of range");
    batch.push_back({requestId, entry["code"], entry["service"], static_cast<int>(number),
                     entry["checked_in_at"].get<std::int64_t>()});
  }
  json results = json::array();
  std::map<std::string, int> counts;
  for (const SyncResult& r : offline_.sync(*kiosk, batch)) {
    ++counts[std::string(toString(r.status))];
    json item = {{"request_id", r.requestId}, {"status", toString(r.status)}};
    if (!r.error.empty()) item["error"] = r.error;
    if (r.ticket) {
      const domain::Service* s = queue_.catalogue().find(r.ticket->serviceId);
      item["ticket"] = {{"id", r.ticket->id},
                        {"label", ticketLabel(s ? s->letter : "?", r.ticket->number)},
                        {"number", r.ticket->number}};
    }
    results.push_back(std::move(item));
  }
  if (!batch.empty()) {
    std::string summary;
    for (const auto& [status, count] : counts) {
      summary += (summary.empty() ? "" : ", ") + std::to_string(count) + " " + status;
    }
    journal_.info(
        "sync",
        kiosk->id + " sent " + std::to_string(batch.size()) + " offline check-ins: " + summary,
        {{"KIOSK", kiosk->id}, {"COUNT", std::to_string(batch.size())}, {"SUMMARY", summary}});
  }
  sendJson(response, 200, {{"results", results}});
}

void Api::heartbeat(const httplib::Request& request, httplib::Response& response) {
  const auto kiosk = authenticateKiosk(request);
  if (!kiosk) return sendUnauthorized(response);
  const json body = json::parse(request.body, nullptr, false);
  const auto oneOf = [](const json& value, std::initializer_list<const char*> allowed) {
    return value.is_string() && std::any_of(allowed.begin(), allowed.end(), [&](const char* a) {
             return value.get<std::string>() == a;
           });
  };
  const auto count = [](const json& value) {
    return value.is_number_integer() && value.get<std::int64_t>() >= 0;
  };
  const bool good =
      body.is_object() && body.size() == 5 && body.contains("version") &&
      body["version"].is_string() && body["version"].get<std::string>().size() <= 32 &&
      body.contains("printer") &&
      oneOf(body["printer"], {"ok", "paper_near_end", "paper_out", "cover_open", "offline"}) &&
      body.contains("scanner") && oneOf(body["scanner"], {"ok", "offline", "none"}) &&
      body.contains("manifest_age_seconds") && count(body["manifest_age_seconds"]) &&
      body.contains("outbox_depth") && count(body["outbox_depth"]);
  if (!good) {
    return sendBadRequest(response,
                          "A heartbeat is {version, printer: ok|paper_near_end|paper_out|"
                          "cover_open|offline, scanner: ok|offline|none, manifest_age_seconds, "
                          "outbox_depth}.");
  }
  store_.recordHeartbeat(kiosk->id, now_().time_since_epoch().count(), body.dump());
  response.status = 204;
}

// The kiosk says whether the ticket reached paper (pitfalls.md: a number issued but never printed
// is called to an empty room unless staff know).
void Api::printResult(const httplib::Request& request, httplib::Response& response) {
  const auto kiosk = authenticateKiosk(request);
  if (!kiosk) return sendUnauthorized(response);
  const json body = json::parse(request.body, nullptr, false);
  const bool good = body.is_object() && body.contains("printed") && body["printed"].is_boolean() &&
                    std::all_of(body.items().begin(), body.items().end(),
                                [](const auto& item) { return item.key() == "printed"; });
  if (!good) return sendBadRequest(response, "A print result is {printed: true|false}.");
  const std::int64_t id = std::stoll(request.matches[1].str());
  const bool printed = body["printed"].get<bool>();
  if (!store_.recordPrint(id, printed, kiosk->id, now_().time_since_epoch().count())) {
    return sendError(response, 404, "no_such_ticket", "چنین نوبتی صادر نشده است.",
                     "No such ticket.");
  }
  // A ticket that did not reach paper is a warning: the applicant has only the number on screen.
  journal_.write(
      printed ? base::LogPriority::Info : base::LogPriority::Warning, "print_result",
      "ticket " + std::to_string(id) + (printed ? " printed" : " NOT printed") + " at " + kiosk->id,
      {{"KIOSK", kiosk->id}, {"TICKET_ID", std::to_string(id)}, {"PRINTED", printed ? "1" : "0"}});
  response.status = 204;
}

void Api::enrol(const httplib::Request& request, httplib::Response& response) {
  const json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded()) return sendBadRequest(response, "The body is not valid JSON.");
  if (auto problem = checkFields(body, {{"code", 16}})) return sendBadRequest(response, *problem);
  const auto now = now_();
  if (!throttle_.allowed("enrol", now)) {
    journal_.warning("enrol", "kiosk enrolment locked after wrong codes", {{"OUTCOME", "locked"}});
    return sendError(
        response, 429, "locked",
        "تلاش‌های نادرست زیاد بود. ۱۵ دقیقه دیگر امتحان "
        "کنید.",
        "Too many wrong codes: try again in 15 minutes.");
  }
  std::string code = body["code"];
  std::erase(code, '-');
  std::transform(code.begin(), code.end(), code.begin(), [](char c) {
    return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  });
  const auto grant = store_.takeEnrolmentCode(tokenHash(code), now.time_since_epoch().count());
  if (!grant) {
    throttle_.failed("enrol", now);
    journal_.warning("enrol", "a wrong or expired enrolment code", {{"OUTCOME", "refused"}});
    return sendError(response, 401, "bad_enrolment_code", "کد ثبت دستگاه نادرست یا منقضی است.",
                     "The enrolment code is wrong or has expired.");
  }
  const std::string token = newToken();
  const std::string id = "kiosk-" + tokenHash(token).substr(0, 8);
  store_.addKiosk({.id = id,
                   .name = grant->kioskName,
                   .tokenHash = tokenHash(token),
                   .enrolledBy = grant->issuedBy,
                   .enrolledAt = now.time_since_epoch().count()});
  journal_.notice("enrol", id + " (" + grant->kioskName + ") enrolled",
                  {{"OUTCOME", "enrolled"}, {"KIOSK", id}, {"KIOSK_NAME", grant->kioskName}});
  sendJson(response, 201,
           {{"kiosk_id", id},
            {"name", grant->kioskName},
            {"token", token},
            {"consulate", checkIn_.consulate().id},
            {"public_key_pem", key_.publicKeyPem()}});
}

}  // namespace mikhak::server
