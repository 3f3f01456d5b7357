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

TEST_F(OpenApiServed, EveryDocumentedRouteAnswers) {
  httplib::Client client("127.0.0.1", port_);
  for (const auto& [route, statuses] : documented()) {
    const auto& [method, path] = route;
    const auto result =
        method == "get" ? client.Get(path) : client.Post(path, "{}", "application/json");
    ASSERT_TRUE(result) << method << " " << path;
    EXPECT_NE(result->status, 404) << method << " " << path << " is not served";
    EXPECT_TRUE(statuses.count(result->status))
        << method << " " << path << " answered " << result->status << ", not documented";
  }
}

}  // namespace
}  // namespace mikhak::server::test
