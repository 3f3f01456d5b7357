#pragma once

// The real mikhak-server (MIKHAK_SERVER_BINARY) as a child process of a test: started, waited for
// until it serves, killed with SIGKILL (as a power cut or a crash would) and started again.

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace mikhak::test {

class ServerProcess {
 public:
  // True once the server serves.
  using Ready = std::function<bool()>;

  // Runs `args` (args[0]: the program) with standard output and error appended to `log`, or
  // output dropped and errors left on the test's own when `log` is empty. Waits up to 20 s for
  // `ready`; running() is false if the program exited first or never got ready.
  ServerProcess(std::vector<std::string> args, std::filesystem::path log, Ready ready);
  // mikhak-server --db DB --listen 127.0.0.1:PORT EXTRA..., ready when plain HTTP health answers
  // 200 (or when `ready` says so). A server that does not start is a test failure.
  ServerProcess(const std::filesystem::path& db, int port, std::vector<std::string> extra = {},
                Ready ready = {});
  ~ServerProcess() { stop(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool running() const { return pid_ > 0; }
  // SIGKILL; the port is closed when this returns.
  void stop();
  // Stops it and starts it again with the same arguments. False if it did not start.
  bool restart();

  // GET /api/v1/health over plain HTTP answers 200.
  static bool healthAnswers(int port);

 private:
  void start();

  std::vector<std::string> args_;
  std::filesystem::path log_;
  Ready ready_;
  pid_t pid_ = 0;
};

}  // namespace mikhak::test
