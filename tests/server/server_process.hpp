#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "../support/free_port.hpp"

namespace mikhak::server {

inline int freePort() { return mikhak::test::freeLoopbackPort(); }

// The real server as a child process; SIGKILL on destruction if still running.
class ServerProcess {
 public:
  // Starts mikhak-server with --db and --listen on loopback, and more arguments; waits until
  // `ready` (by default: plain HTTP health answers) says it serves.
  ServerProcess(const std::filesystem::path& db, int port, std::vector<std::string> extra = {},
                std::function<bool()> ready = {})
      : port_(port) {
    pid_ = ::fork();
    if (pid_ == 0) {
      std::vector<std::string> args{MIKHAK_SERVER_BINARY, "--db", db.string(), "--listen",
                                    "127.0.0.1:" + std::to_string(port)};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      const int devnull = ::open("/dev/null", O_WRONLY);
      ::dup2(devnull, STDOUT_FILENO);
      ::execv(MIKHAK_SERVER_BINARY, argv.data());
      ::_exit(127);
    }
    if (!ready) {
      ready = [port] {
        httplib::Client client("127.0.0.1", port);
        auto r = client.Get("/api/v1/health");
        return r && r->status == 200;
      };
    }
    for (int i = 0; i < 500; ++i) {
      if (ready()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "the server did not start";
  }
  ~ServerProcess() { kill(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  void kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = 0;
  }

 private:
  pid_t pid_ = 0;
  int port_;
};

}  // namespace mikhak::server
