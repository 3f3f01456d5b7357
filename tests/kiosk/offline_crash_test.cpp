// Power cuts during offline check-ins: a child process checks applicants in and is killed
// (SIGKILL) at random moments, again and again; after each kill the file is whole, every answer
// the child gave is in the outbox, and no ticket number is used twice.
//
// SIGKILL loses what the process had not handed to the kernel; a power cut also loses what the
// kernel had not written to the disk, which synchronous=FULL covers (fsync at each commit).
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "offline_manifest_maker.hpp"
#include "offline_store.hpp"
#include "sqlite_rows.hpp"

namespace mikhak::kiosk {
namespace {

using namespace std::chrono;

constexpr int kApplicants = 200;

// Runs in the child: checks everyone from `from` on in, in order (one done before a kill but not
// reported gets its ticket again), and reports "index number" on the pipe once each answer has
// returned.
[[noreturn]] void checkInEveryone(const std::filesystem::path& file, const std::string& publicPem,
                                  const std::vector<test::MadeAppointment>& applicants,
                                  std::size_t from, int out) {
  auto store =
      OfflineStore::open(file, std::move(domain::VerifyKey::fromPem(publicPem).value()), "LON");
  if (!store) ::_exit(2);
  for (std::size_t i = from; i < applicants.size(); ++i) {
    const auto answer = (*store)->checkInOffline(applicants[i].code, "c-" + std::to_string(i),
                                                 test::kManifestMorning);
    if (!answer) ::_exit(3);
    const auto* accepted = std::get_if<CheckInAccepted>(&*answer);
    if (accepted == nullptr) ::_exit(4);
    const std::string line =
        std::to_string(i) + " " + accepted->ticket.label.substr(2) + "\n";  // "P-037" -> 037
    if (::write(out, line.data(), line.size()) != static_cast<ssize_t>(line.size())) ::_exit(5);
  }
  ::_exit(0);
}

TEST(OfflineCrash, KilledAtRandomMomentsLosesNoAnswerAndUsesNoNumberTwice) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("mikhak-offline-crash-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto file = dir / "offline.db";

  test::ManifestMaker maker;
  maker.blockFirst = 1;
  maker.blockLast = 1000;
  for (int i = 0; i < kApplicants; ++i) maker.add(test::kManifestMorning + minutes(i % 10));
  const auto applicants = maker.appointments();
  {
    auto store = OfflineStore::open(file, maker.verifyKey(), "LON");
    ASSERT_TRUE(store);
    const auto [text, signature] = maker.signedText(maker.json());
    ASSERT_TRUE((*store)->saveManifest(text, signature, test::kManifestMorning));
  }
  const std::string publicPem = maker.signingKey().publicKeyPem();

  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);
  std::map<int, int> reported;  // applicant -> number, as the child said
  int kills = 0;
  bool finished = false;
  for (int round = 0; round < 400 && !finished; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(fds[0]);
      checkInEveryone(file, publicPem, applicants, reported.size(), fds[1]);
    }
    ::close(fds[1]);
    // Let it answer a few (none, in some rounds: killed while opening), then cut at a random
    // moment of the next check-ins.
    std::string text;
    char buffer[4096];
    const auto wanted = std::uniform_int_distribution<long>(0, 6)(random);
    while (std::count(text.begin(), text.end(), '\n') < wanted) {
      const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
      if (n <= 0) break;  // finished
      text.append(buffer, static_cast<std::size_t>(n));
    }
    std::this_thread::sleep_for(microseconds(std::uniform_int_distribution<int>(0, 3000)(random)));
    int status = 0;
    if (::waitpid(child, &status, WNOHANG) == 0) {
      ::kill(child, SIGKILL);
      ::waitpid(child, &status, 0);
      ++kills;
    } else {
      ASSERT_TRUE(WIFEXITED(status));
      ASSERT_EQ(WEXITSTATUS(status), 0) << "the child failed";
      finished = true;
    }
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) {
      text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    std::istringstream lines(text);
    for (int index = 0, number = 0; lines >> index >> number;) {
      const auto [it, fresh] = reported.emplace(index, number);
      EXPECT_EQ(it->second, number) << "applicant " << index << " got two numbers";
    }

    // After the cut: the file is whole, and holds every reported answer.
    ASSERT_EQ(mikhak::test::sqliteRows(file, "PRAGMA integrity_check"),
              (std::vector<std::vector<std::string>>{{"ok"}}));
    std::map<std::string, int> numberOfCode;
    std::set<int> numbers;
    for (const auto& row : mikhak::test::sqliteRows(file, "SELECT code, number FROM outbox")) {
      numberOfCode[row[0]] = std::stoi(row[1]);
      EXPECT_TRUE(numbers.insert(std::stoi(row[1])).second) << "number " << row[1] << " twice";
    }
    for (const auto& [index, number] : reported) {
      const auto it = numberOfCode.find(applicants[static_cast<std::size_t>(index)].code);
      ASSERT_NE(it, numberOfCode.end()) << "applicant " << index << " answered but not recorded";
      EXPECT_EQ(it->second, number);
    }
    // Numbers are taken in order with their check-in: no number is lost either.
    if (!numbers.empty()) {
      EXPECT_EQ(*numbers.begin(), 1);
      EXPECT_EQ(*numbers.rbegin(), static_cast<int>(numbers.size()));
      EXPECT_EQ(mikhak::test::sqliteRows(file, "SELECT last_number FROM block_use")[0][0],
                std::to_string(numbers.size()));
    }
  }
  EXPECT_TRUE(finished) << "the child never got through";
  EXPECT_GT(kills, 20);
  EXPECT_EQ(reported.size(), static_cast<std::size_t>(kApplicants));
  std::cout << "[          ] " << kills << " kills\n";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mikhak::kiosk
