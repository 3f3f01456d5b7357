#include "server_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace mikhak::test {

ServerProcess::ServerProcess(std::vector<std::string> args, std::filesystem::path log, Ready ready)
    : args_(std::move(args)), log_(std::move(log)), ready_(std::move(ready)) {
  start();
}

ServerProcess::ServerProcess(const std::filesystem::path& db, int port,
                             std::vector<std::string> extra, Ready ready)
    : log_(), ready_(std::move(ready)) {
  args_ = {MIKHAK_SERVER_BINARY, "--db", db.string(), "--listen",
           "127.0.0.1:" + std::to_string(port)};
  args_.insert(args_.end(), extra.begin(), extra.end());
  if (!ready_) ready_ = [port] { return healthAnswers(port); };
  start();
  if (!running()) ADD_FAILURE() << "mikhak-server did not start on port " << port;
}

bool ServerProcess::healthAnswers(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(std::chrono::milliseconds(200));
  const auto answer = client.Get("/api/v1/health");
  return answer && answer->status == 200;
}

void ServerProcess::start() {
  std::vector<char*> argv;
  for (auto& a : args_) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int out = log_.empty()
                      ? ::open("/dev/null", O_WRONLY | O_CLOEXEC)
                      : ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  pid_ = ::fork();
  if (pid_ == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlives a test run that crashed
    ::dup2(out, STDOUT_FILENO);
    if (!log_.empty()) ::dup2(out, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {  // exited: port taken, or a bad option
      pid_ = 0;
      return;
    }
    if (ready_()) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop();
}

void ServerProcess::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = 0;
}

bool ServerProcess::restart() {
  stop();
  start();
  return running();
}

}  // namespace mikhak::test
