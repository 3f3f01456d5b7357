#pragma once

// What the technician's tools are tested against: a real mikhak-server (DemoServer) and a
// technician's enrolment codes from it.

#include <nlohmann/json.hpp>

#include <string>

#include "demo_server.hpp"
#include "free_port.hpp"

namespace mikhak::ctl::test {

// A fresh one-time enrolment code, as the technician's page of the staff console makes it.
inline std::string newEnrolmentCode(const mikhak::test::DemoServer& server,
                                    const std::string& name = "hall-1") {
  const auto cookie = server.staffCookie("technician");
  if (!cookie) {
    ADD_FAILURE() << "the technician cannot log in";
    return {};
  }
  httplib::Client http = server.client();
  const auto answer = http.Post("/api/v1/kiosks/enrolment-codes", {{"Cookie", *cookie}},
                                nlohmann::json{{"name", name}}.dump(), "application/json");
  if (!answer || answer->status != 201) {
    ADD_FAILURE() << "no enrolment code: " << (answer ? answer->body : "no answer");
    return {};
  }
  return nlohmann::json::parse(answer->body)["code"].get<std::string>();
}

// GET /api/v1/services with this token: 200 when the server takes it.
inline int servicesStatus(const mikhak::test::DemoServer& server, const std::string& token) {
  httplib::Client http = server.client();
  const auto answer = http.Get("/api/v1/services", {{"Authorization", "Bearer " + token}});
  return answer ? answer->status : 0;
}

}  // namespace mikhak::ctl::test
