// server/openapi.yaml is kept true: every route served is described with exactly the statuses it
// can answer, and every described route is served (probed over HTTP).
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>

#include "server_fixture.hpp"

namespace mikhak::server::test {
namespace {

using Routes = std::map<std::pair<std::string, std::string>, std::set<int>>;

Routes documented() {
  const YAML::Node spec = YAML::LoadFile(std::string(MIKHAK_SERVER_DIR) + "/openapi.yaml");
  EXPECT_EQ(spec["openapi"].as<std::string>().substr(0, 2), "3.");
  Routes routes;
  for (const auto& path : spec["paths"]) {
    for (const auto& operation : path.second) {
      auto& statuses = routes[{operation.first.as<std::string>(), path.first.as<std::string>()}];
      for (const auto& response : operation.second["responses"]) {
        statuses.insert(std::stoi(response.first.as<std::string>()));
      }
    }
  }
  return routes;
}

Routes served() {
  Routes routes;
  for (const auto& r : Api::routes()) {
    routes[{r.method, r.path}] = std::set<int>(r.statuses.begin(), r.statuses.end());
  }
  return routes;
}

TEST(OpenApi, DescribesExactlyTheRoutesServedWithTheirStatuses) {
  EXPECT_EQ(documented(), served());
}

class OpenApiServed : public ServerFixture {};

// Path parameters filled with real-looking values.
std::string concrete(std::string path) {
  for (const std::string name : {"{number}", "{id}"}) {
    for (auto at = path.find(name); at != std::string::npos; at = path.find(name)) {
      path.replace(at, name.size(), "1");
    }
  }
  return path;
}

TEST_F(OpenApiServed, EveryDocumentedRouteAnswers) {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(5);
  for (const auto& [route, statuses] : documented()) {
    const auto& [method, path] = route;
    int status = 0;
    if (method == "get") {
      // Streams never end: the status line is enough.
      client.Get(
          concrete(path),
          [&](const httplib::Response& r) {
            status = r.status;
            return r.get_header_value("Content-Type") != "text/event-stream";
          },
          [](const char*, std::size_t) { return true; });
    } else {
      const auto result = client.Post(concrete(path), "{}", "application/json");
      ASSERT_TRUE(result) << method << " " << path;
      status = result->status;
    }
    EXPECT_NE(status, 404) << method << " " << path << " is not served";
    EXPECT_TRUE(statuses.count(status))
        << method << " " << path << " answered " << status << ", not documented";
  }
}

}  // namespace
}  // namespace mikhak::server::test
