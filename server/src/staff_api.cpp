// The staff's routes: log-in, the counters' queues, the supervisor's dashboard, and the
// waiting-room display's "now serving" state and event stream.
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "api.hpp"
#include "http_json.hpp"
#include "token.hpp"

namespace mikhak::server {
namespace {

using nlohmann::json;

std::string sessionToken(const httplib::Request& request, std::string_view name) {
  const std::string cookies = request.get_header_value("Cookie");
  std::size_t at = 0;
  while (at < cookies.size()) {
    const std::size_t end = std::min(cookies.find(';', at), cookies.size());
    std::string_view pair(cookies.data() + at, end - at);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
        pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
    at = end + 1;
  }
  return {};
}

void sendNotLoggedIn(httplib::Response& response) {
  sendError(response, 401, "login_required", "لطفاً وارد شوید.", "Please log in.");
}

void sendForbidden(httplib::Response& response) {
  sendError(response, 403, "forbidden", "این کار در اختیار نقش شما نیست.",
            "Your role does not allow this.");
}

void sendQueueError(httplib::Response& response, QueueError error) {
  switch (error) {
    case QueueError::NoSuchTicket:
      return sendError(response, 404, toString(error), "چنین نوبتی وجود ندارد.", "No such ticket.");
    case QueueError::NoSuchCounter:
      return sendError(response, 404, toString(error),
                       "چنین باجه‌ای وجود ندارد.", "No such counter.");
    case QueueError::NoSuchService:
      return sendError(response, 400, toString(error), "خدمت مقصد مشخص نیست.",
                       "Name a service or a counter to transfer to.");
    case QueueError::WrongState:
      return sendError(response, 409, toString(error), "این نوبت در این وضعیت نیست.",
                       "The ticket is not in a state that allows this.");
    case QueueError::TooFewRecalls:
      return sendError(response, 409, toString(error),
                       "پیش از ثبت عدم حضور، نوبت را دوباره فراخوانی کنید.",
                       "Recall the ticket before marking it as not present.");
    case QueueError::OtherCounter:
      return sendError(response, 409, toString(error), "این نوبت در باجه دیگری است.",
                       "The ticket is at another counter.");
  }
}

std::string label(const domain::Service* service, int number) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%03d", number);
  return (service ? service->letter : std::string("?")) + "-" + digits;
}

json callJson(const CallEvent& e) {
  return {{"sequence", e.sequence},
          {"label", e.label},
          {"letter", e.letter},
          {"letter_fa", e.letterFa},
          {"number", e.number},
          {"counter", e.counter},
          {"counter_fa", e.counterFa},
          {"counter_en", e.counterEn},
          {"service_fa", e.serviceFa},
          {"service_en", e.serviceEn},
          {"at", e.at},
          {"recall", e.recall}};
}

// A kiosk's health as the supervisor sees it, and why it needs attention: its printer is not
// ready, its scanner is gone, it has not been heard from for two minutes, check-ins made offline
// are piling up, or its copy of the day's appointments is over an hour old.
json kioskJson(const KioskRecord& k, std::int64_t now) {
  const json status = json::parse(k.statusJson, nullptr, false);
  const bool reported = status.is_object() && !status.empty();
  json reasons = json::array();
  if (!k.revoked) {
    if (k.lastSeen == 0 || now - k.lastSeen > 120) reasons.push_back("silent");
    if (reported && status.value("printer", "ok") != "ok") reasons.push_back("printer");
    if (reported && status.value("scanner", "ok") == "offline") reasons.push_back("scanner");
    if (reported && status.value("outbox_depth", 0) > 0 && now - k.lastSeen <= 120 &&
        status.value("manifest_age_seconds", 0) > 300) {
      reasons.push_back("outbox");  // offline for five minutes with check-ins waiting
    }
    if (reported && status.value("manifest_age_seconds", 0) > 3600) reasons.push_back("manifest");
  }
  return {{"id", k.id},
          {"name", k.name},
          {"revoked", k.revoked},
          {"last_seen", k.lastSeen},
          {"status", reported ? status : json::object()},
          {"alert", !reasons.empty()},
          {"alert_reasons", reasons},
          {"enrolled_by", k.enrolledBy},
          {"enrolled_at", k.enrolledAt},
          {"revoked_by", k.revokedBy},
          {"revoked_at", k.revokedAt}};
}

// Eight characters from an alphabet without look-alikes (0/O, 1/I): about 40 bits, typed once.
std::string newEnrolmentCode() {
  static constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::array<unsigned char, 8> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("enrolment: no randomness");
  }
  std::string code;
  for (const unsigned char b : bytes) code += kAlphabet[b % kAlphabet.size()];
  return code;
}

bool hasRole(const StaffMember& member, std::initializer_list<Role> roles) {
  return std::find(roles.begin(), roles.end(), member.role) != roles.end();
}

int pathNumber(const httplib::Request& request, std::size_t index) {
  const std::string text = request.matches[index];
  return text.size() > 9 ? -1 : std::stoi(text);
}

}  // namespace

void Api::mountStaff(httplib::Server& server) {
  const auto bind = [this](Handler handler) {
    return [this, handler](const httplib::Request& q, httplib::Response& r) {
      (this->*handler)(q, r);
    };
  };
  server.Post("/api/v1/staff/login", bind(&Api::login));
  server.Post("/api/v1/staff/logout", bind(&Api::logout));
  server.Get("/api/v1/staff/me", bind(&Api::me));
  server.Get("/api/v1/counters", bind(&Api::counters));
  server.Get(R"(/api/v1/counters/(\d+)/queue)", bind(&Api::counterQueue));
  server.Post(R"(/api/v1/counters/(\d+)/call-next)", bind(&Api::callNext));
  server.Post(R"(/api/v1/counters/(\d+)/tickets/(\d+)/(recall|no-show|complete|transfer))",
              bind(&Api::ticketAction));
  server.Get(R"(/api/v1/tickets/(\d+)/audit)", bind(&Api::audit));
  server.Get("/api/v1/dashboard", bind(&Api::dashboard));
  server.Get("/api/v1/now-serving", bind(&Api::nowServing));
  server.Get("/api/v1/now-serving/events", bind(&Api::nowServingEvents));
  server.Get("/api/v1/kiosks", bind(&Api::listKiosks));
  server.Post("/api/v1/kiosks/enrolment-codes", bind(&Api::enrolmentCode));
  server.Post(R"(/api/v1/kiosks/([a-z0-9-]{1,40})/revoke)", bind(&Api::revokeKiosk));
}

std::optional<StaffMember> Api::staffMember(const httplib::Request& request) {
  const std::string token = sessionToken(request, kSessionCookie);
  if (token.empty() || token.size() > 128) return std::nullopt;
  return store_.staffBySession(tokenHash(token), now_().time_since_epoch().count());
}

void Api::login(const httplib::Request& request, httplib::Response& response) {
  const json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !isJson(request)) return sendBadRequest(response, "Send JSON.");
  if (auto problem = checkFields(body, {{"login", 64}, {"password", 256}})) {
    return sendBadRequest(response, *problem);
  }
  const std::string login = body["login"];
  const auto now = now_();
  // The login typed is not logged: a password typed into the wrong field would be.
  if (!throttle_.allowed(login, now)) {
    journal_.warning("staff_login", "a staff account is locked after failed log-ins",
                     {{"OUTCOME", "locked"}});
    return sendError(response, 429, "locked",
                     "ورود به این حساب موقتاً بسته است. ۱۵ دقیقه دیگر امتحان کنید.",
                     "Too many failed log-ins: this account is locked for 15 minutes.");
  }
  const auto member = store_.staffByLogin(login);
  // Verify against a real hash even for an unknown login, so the answer takes as long.
  static const std::string kDecoy = hashPassword("decoy password for unknown logins");
  const bool good =
      verifyPassword(member ? member->passwordHash : kDecoy, body["password"].get<std::string>()) &&
      member;
  if (!good) {
    throttle_.failed(login, now);
    journal_.warning("staff_login", "a staff log-in was refused", {{"OUTCOME", "refused"}});
    return sendError(response, 401, "bad_login", "نام کاربری یا گذرواژه نادرست است.",
                     "Wrong login or password.");
  }
  throttle_.succeeded(login);
  journal_.info("staff_login", "staff member " + std::to_string(member->id) + " logged in",
                {{"OUTCOME", "logged_in"},
                 {"STAFF_ID", std::to_string(member->id)},
                 {"ROLE", std::string(toString(member->role))}});
  const std::string token = newToken();
  store_.addSession(tokenHash(token), member->id,
                    (now + std::chrono::duration_cast<std::chrono::seconds>(kSessionLength))
                        .time_since_epoch()
                        .count());
  response.set_header("Set-Cookie",
                      std::string(kSessionCookie) + "=" + token +
                          "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                          std::to_string(std::chrono::seconds(kSessionLength).count()));
  sendJson(response, 200,
           {{"login", member->login},
            {"display_name", member->displayName},
            {"role", toString(member->role)}});
}

void Api::logout(const httplib::Request& request, httplib::Response& response) {
  const std::string token = sessionToken(request, kSessionCookie);
  if (!token.empty() && token.size() <= 128) store_.deleteSession(tokenHash(token));
  response.set_header("Set-Cookie", std::string(kSessionCookie) +
                                        "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  response.status = 204;
}

void Api::me(const httplib::Request& request, httplib::Response& response) {
  const auto member = staffMember(request);
  if (!member) return sendNotLoggedIn(response);
  sendJson(response, 200,
           {{"login", member->login},
            {"display_name", member->displayName},
            {"role", toString(member->role)}});
}

void Api::counters(const httplib::Request& request, httplib::Response& response) {
  if (!staffMember(request)) return sendNotLoggedIn(response);
  json list = json::array();
  for (const auto& c : store_.counters()) {
    list.push_back({{"number", c.number},
                    {"name_fa", c.nameFa},
                    {"name_en", c.nameEn},
                    {"services", c.services}});
  }
  sendJson(response, 200, {{"counters", list}});
}

void Api::counterQueue(const httplib::Request& request, httplib::Response& response) {
  const auto member = staffMember(request);
  if (!member) return sendNotLoggedIn(response);
  if (!hasRole(*member, {Role::Counter, Role::Supervisor})) return sendForbidden(response);
  const auto waiting = queue_.waitingFor(pathNumber(request, 1));
  if (const auto* error = std::get_if<QueueError>(&waiting))
    return sendQueueError(response, *error);
  const domain::ZoneClock& clock = checkIn_.zoneClock();
  json list = json::array();
  for (const Ticket& t : std::get<std::vector<Ticket>>(waiting)) {
    const domain::Service* s = queue_.catalogue().find(t.serviceId);
    list.push_back({{"id", t.id},
                    {"label", label(s, t.number)},
                    {"service_id", t.serviceId},
                    {"service_fa", s ? s->nameFa : ""},
                    {"service_en", s ? s->nameEn : ""},
                    {"queue_time", clock.hoursMinutes(std::chrono::sys_seconds(
                                       std::chrono::seconds(t.queueTime)))},
                    {"elderly", (t.priority & kPriorityElderly) != 0},
                    {"disabled", (t.priority & kPriorityDisabled) != 0},
                    {"late", t.late},
                    {"transferred_here", t.pinnedCounter.has_value()},
                    {"printed", t.printed ? json(*t.printed) : json(nullptr)}});
  }
  json current = nullptr;
  for (const Ticket& t : store_.ticketsOfDay(queue_.today(), TicketState::Called)) {
    if (t.counter == pathNumber(request, 1)) {
      const domain::Service* s = queue_.catalogue().find(t.serviceId);
      current = {{"id", t.id},
                 {"label", label(s, t.number)},
                 {"letter_fa", s ? s->letterFa : ""},
                 {"number", t.number},
                 {"service_id", t.serviceId},
                 {"service_fa", s ? s->nameFa : ""},
                 {"service_en", s ? s->nameEn : ""},
                 {"elderly", (t.priority & kPriorityElderly) != 0},
                 {"disabled", (t.priority & kPriorityDisabled) != 0},
                 {"late", t.late},
                 {"transferred_here", t.pinnedCounter.has_value()},
                 {"recalls", t.recalls},
                 {"recalls_before_no_show", queue_.rules().recallsBeforeNoShow}};
    }
  }
  sendJson(response, 200, {{"waiting", list}, {"current", current}});
}

void Api::callNext(const httplib::Request& request, httplib::Response& response) {
  const auto member = staffMember(request);
  if (!member) return sendNotLoggedIn(response);
  if (!hasRole(*member, {Role::Counter, Role::Supervisor})) return sendForbidden(response);
  if (!isJson(request)) return sendBadRequest(response, "Send Content-Type: application/json.");
  const auto outcome = queue_.callNext(pathNumber(request, 1), member->login);
  if (const auto* error = std::get_if<QueueError>(&outcome))
    return sendQueueError(response, *error);
  const auto& ticket = std::get<std::optional<Ticket>>(outcome);
  if (!ticket) {
    response.status = 204;
    return;
  }
  const domain::Service* s = queue_.catalogue().find(ticket->serviceId);
  const int counter = pathNumber(request, 1);
  const std::string called = label(s, ticket->number);
  journal_.info("call", called + " called to counter " + std::to_string(counter),
                {{"TICKET", called},
                 {"TICKET_ID", std::to_string(ticket->id)},
                 {"COUNTER", std::to_string(counter)},
                 {"STAFF_ID", std::to_string(member->id)}});
  sendJson(response, 200,
           {{"id", ticket->id},
            {"label", called},
            {"service_fa", s ? s->nameFa : ""},
            {"service_en", s ? s->nameEn : ""},
            {"state", toString(ticket->state)}});
}

void Api::ticketAction(const httplib::Request& request, httplib::Response& response) {
  const auto member = staffMember(request);
  if (!member) return sendNotLoggedIn(response);
  if (!hasRole(*member, {Role::Counter, Role::Supervisor})) return sendForbidden(response);
  if (!isJson(request)) return sendBadRequest(response, "Send Content-Type: application/json.");
  const int counter = pathNumber(request, 1);
  const std::int64_t id = std::stoll(std::string(request.matches[2]).substr(0, 18));
  const std::string action = request.matches[3];
  QueueOutcome outcome = QueueError::WrongState;
  if (action == "transfer") {
    const json body = json::parse(request.body, nullptr, false);
    if (body.is_discarded()) return sendBadRequest(response, "The body is not valid JSON.");
    if (auto problem = checkFields(body, {{"service", 64, false}, {"counter", 4, false}})) {
      return sendBadRequest(response, *problem);
    }
    std::optional<int> toCounter;
    if (body.contains("counter")) {
      const std::string text = body["counter"];
      if (!std::all_of(text.begin(), text.end(), ::isdigit))
        return sendBadRequest(response, "counter must be a number");
      toCounter = std::stoi(text);
    }
    outcome = queue_.transfer(id, counter, member->login, body.value("service", std::string()),
                              toCounter);
  } else if (action == "recall") {
    outcome = queue_.recall(id, counter, member->login);
  } else if (action == "no-show") {
    outcome = queue_.noShow(id, counter, member->login);
  } else {
    outcome = queue_.complete(id, counter, member->login);
  }
  if (const auto* error = std::get_if<QueueError>(&outcome))
    return sendQueueError(response, *error);
  const auto& t = std::get<Ticket>(outcome);
  journal_.info("ticket",
                "ticket " + std::to_string(t.id) + " " + action + " at counter " +
                    std::to_string(counter) + ": now " + std::string(toString(t.state)),
                {{"TICKET_ID", std::to_string(t.id)},
                 {"ACTION", action},
                 {"STATE", std::string(toString(t.state))},
                 {"COUNTER", std::to_string(counter)},
                 {"STAFF_ID", std::to_string(member->id)}});
  sendJson(response, 200,
           {{"id", t.id},
            {"state", toString(t.state)},
            {"service_id", t.serviceId},
            {"recalls", t.recalls}});
}

void Api::audit(const httplib::Request& request, httplib::Response& response) {
  const auto member = staffMember(request);
  if (!member) return sendNotLoggedIn(response);
  if (!hasRole(*member, {Role::Supervisor})) return sendForbidden(response);
  const std::int64_t id = std::stoll(std::string(request.matches[1]).substr(0, 18));
  if (!store_.ticketById(id)) return sendQueueError(response, QueueError::NoSuchTicket);
  json list = json::array();
  for (const auto& e : store_.auditOf(id)) {
    list.push_back({{"at", e.at},
                    {"actor", e.actor},
                    {"action", e.action},
                    {"from", e.fromState},
                    {"to", e.toState},
                    {"from_service", e.fromService},
                    {"to_service", e.toService},
                    {"counter", e.counter ? json(*e.counter) : json(nullptr)}});
  }
  sendJson(response, 200, {{"audit", list}});
}

void Api::dashboard(const httplib::Request& request, httplib::Response& response) {
  const auto member = staffMember(request);
  if (!member) return sendNotLoggedIn(response);
  if (!hasRole(*member, {Role::Supervisor})) return sendForbidden(response);
  struct Figures {
    int waiting = 0, called = 0, done = 0, noShow = 0;
    std::int64_t waitSeconds = 0;
    int waited = 0;
  };
  std::map<std::string, Figures> byService;
  for (const Ticket& t : store_.ticketsOfDay(queue_.today())) {
    Figures& f = byService[t.serviceId];
    switch (t.state) {
      case TicketState::Waiting:
        ++f.waiting;
        break;
      case TicketState::Called:
      case TicketState::Serving:
        ++f.called;
        break;
      case TicketState::Done:
        ++f.done;
        break;
      case TicketState::NoShow:
        ++f.noShow;
        break;
    }
    if (t.calledAt > 0) {
      f.waitSeconds += std::max<std::int64_t>(0, t.calledAt - t.checkedInAt);
      ++f.waited;
    }
  }
  json services = json::array();
  for (const auto& s : queue_.catalogue().services) {
    const Figures f = byService[s.id];
    const auto recent = store_.recentServiceSeconds(s.id, 50);
    std::int64_t serviceSeconds = 0;
    for (const auto v : recent) serviceSeconds += v;
    services.push_back(
        {{"id", s.id},
         {"name_fa", s.nameFa},
         {"name_en", s.nameEn},
         {"waiting", f.waiting},
         {"serving", f.called},
         {"done", f.done},
         {"no_show", f.noShow},
         {"average_wait_minutes", f.waited ? f.waitSeconds / f.waited / 60 : 0},
         {"average_service_minutes",
          recent.empty() ? 0 : serviceSeconds / static_cast<std::int64_t>(recent.size()) / 60}});
  }
  json kiosks = json::array();
  for (const auto& k : store_.kiosks())
    kiosks.push_back(kioskJson(k, now_().time_since_epoch().count()));
  sendJson(response, 200, {{"day", queue_.today()}, {"services", services}, {"kiosks", kiosks}});
}

void Api::nowServing(const httplib::Request&, httplib::Response& response) {
  json calls = json::array();
  for (const auto& e : hub_.snapshot().first) calls.push_back(callJson(e));
  sendJson(response, 200, {{"calls", calls}});
}

void Api::nowServingEvents(const httplib::Request&, httplib::Response& response) {
  if (openStreams_->load() >= kMaxEventStreams) {
    response.set_header("Retry-After", "10");
    return sendError(response, 503, "too_many_displays", "نمایشگرهای متصل بیش از حد مجاز است.",
                     "Too many displays are connected.");
  }
  response.set_header("Cache-Control", "no-store");
  response.set_header("X-Accel-Buffering", "no");
  // Counts the stream while httplib holds its provider (until it ends or the client leaves).
  struct StreamSlot {
    explicit StreamSlot(std::shared_ptr<std::atomic<int>> counter) : open(std::move(counter)) {
      ++*open;
    }
    ~StreamSlot() { --*open; }
    StreamSlot(const StreamSlot&) = delete;
    StreamSlot& operator=(const StreamSlot&) = delete;
    std::shared_ptr<std::atomic<int>> open;
  };
  auto slot = std::make_shared<StreamSlot>(openStreams_);
  response.set_chunked_content_provider(
      "text/event-stream", [this, slot, sequence = std::uint64_t{0}, started = false](
                               std::size_t, httplib::DataSink& sink) mutable {
        const auto send = [&](const std::string& text) {
          return sink.write(text.data(), text.size());
        };
        if (!started) {
          // The whole state first, on every (re)connection: a display that missed calls catches up.
          started = true;
          const auto [recent, last] = hub_.snapshot();
          sequence = last;
          json calls = json::array();
          for (const auto& e : recent) calls.push_back(callJson(e));
          return send("retry: 2000\nid: " + std::to_string(last) +
                      "\nevent: state\ndata: " + json{{"calls", calls}}.dump() + "\n\n");
        }
        const auto events = hub_.waitAfter(sequence, streamKeepAlive_);
        if (hub_.stopped()) {
          sink.done();
          return false;
        }
        if (events.empty()) return send(": keep-alive\n\n");
        for (const auto& e : events) {
          if (!send("id: " + std::to_string(e.sequence) +
                    "\nevent: call\ndata: " + callJson(e).dump() + "\n\n")) {
            return false;
          }
          sequence = e.sequence;
        }
        return true;
      });
}

void Api::listKiosks(const httplib::Request& request, httplib::Response& response) {
  const auto member = staffMember(request);
  if (!member) return sendNotLoggedIn(response);
  if (!hasRole(*member, {Role::Technician, Role::Supervisor})) return sendForbidden(response);
  json list = json::array();
  const auto now = now_().time_since_epoch().count();
  for (const auto& k : store_.kiosks()) list.push_back(kioskJson(k, now));
  sendJson(response, 200, {{"now", now}, {"kiosks", list}});
}

void Api::enrolmentCode(const httplib::Request& request, httplib::Response& response) {
  const auto member = staffMember(request);
  if (!member) return sendNotLoggedIn(response);
  if (!hasRole(*member, {Role::Technician})) return sendForbidden(response);
  const json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !isJson(request)) return sendBadRequest(response, "Send JSON.");
  if (auto problem = checkFields(body, {{"name", 64}})) return sendBadRequest(response, *problem);
  const std::string code = newEnrolmentCode();
  const auto expires = now_() + std::chrono::minutes(15);
  store_.addEnrolmentCode(tokenHash(code), body["name"].get<std::string>(),
                          expires.time_since_epoch().count(), member->login);
  journal_.notice(
      "enrolment_code", "an enrolment code for " + body["name"].get<std::string>() + " was issued",
      {{"KIOSK_NAME", body["name"].get<std::string>()}, {"STAFF_ID", std::to_string(member->id)}});
  sendJson(response, 201,
           {{"code", code.substr(0, 4) + "-" + code.substr(4)},
            {"expires_at", expires.time_since_epoch().count()}});
}

void Api::revokeKiosk(const httplib::Request& request, httplib::Response& response) {
  const auto member = staffMember(request);
  if (!member) return sendNotLoggedIn(response);
  if (!hasRole(*member, {Role::Technician})) return sendForbidden(response);
  if (!isJson(request)) return sendBadRequest(response, "Send Content-Type: application/json.");
  const std::string id = request.matches[1];
  if (!store_.revokeKiosk(id, now_().time_since_epoch().count(), member->login)) {
    return sendError(response, 404, "no_such_kiosk", "چنین دستگاهی ثبت نشده است.",
                     "No such kiosk.");
  }
  journal_.notice("revoke", id + " revoked",
                  {{"KIOSK", id}, {"STAFF_ID", std::to_string(member->id)}});
  sendJson(response, 200, {{"id", id}, {"revoked", true}});
}

}  // namespace mikhak::server
