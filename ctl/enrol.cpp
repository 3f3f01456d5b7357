#include "enrol.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "mikhak/domain/signing_key.hpp"
#include "server_call.hpp"

namespace mikhak::ctl {
namespace {

std::string systemError(const std::string& doing, const std::filesystem::path& file) {
  return "enrol: cannot " + doing + " " + file.string() + ": " + std::strerror(errno);
}

// Writes the whole file under a temporary name in the same folder and renames it into place, so
// the kiosk never reads half a token and an old file stays whole if anything fails. `owner`: a
// uid to give the file, or -1.
Result<Ok> writeAtomically(const std::filesystem::path& file, const std::string& text, mode_t mode,
                           uid_t owner, gid_t group) {
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  std::string temporary = file.string() + ".XXXXXX";
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) return Error{systemError("create a file beside", file)};
  const auto fail = [&](const std::string& doing) {
    Error error{systemError(doing, temporary)};
    ::close(fd);
    ::unlink(temporary.c_str());
    return error;
  };
  if (::fchmod(fd, mode) != 0) return fail("set the mode of");
  if (owner != static_cast<uid_t>(-1) && ::fchown(fd, owner, group) != 0) {
    return fail("give to the kiosk's user");
  }
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("write");
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("flush");
  if (::close(fd) != 0) {
    Error error{systemError("close", temporary)};
    ::unlink(temporary.c_str());
    return error;
  }
  if (::rename(temporary.c_str(), file.c_str()) != 0) {
    Error error{systemError("rename into", file)};
    ::unlink(temporary.c_str());
    return error;
  }
  // The rename itself survives a power cut once the folder is flushed.
  const std::string folder = file.has_parent_path() ? file.parent_path().string() : ".";
  if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Ok{};
}

std::string userName(uid_t uid) {
  if (const passwd* user = ::getpwuid(uid)) return user->pw_name;
  return "uid " + std::to_string(uid);
}

std::string serverMessage(const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_object() && json.contains("error") && json["error"].is_object()) {
    const auto& error = json["error"];
    if (error.contains("message_en") && error["message_en"].is_string()) {
      return error["message_en"].get<std::string>();
    }
  }
  return {};
}

}  // namespace

Result<Enrolment> enrol(const EnrolOptions& options) {
  std::error_code ec;
  if (!options.force && std::filesystem::exists(options.tokenFile, ec)) {
    return Error{"enrol: this kiosk already has a token in " + options.tokenFile.string() +
                 "; to enrol it again, use --force (then revoke the old kiosk entry on the "
                 "technician's page)"};
  }
  if (options.code.empty()) return Error{"enrol: no enrolment code given"};

  const ServerCallReply reply =
      callServer({options.serverUrl, options.connectTimeout, options.readTimeout},
                 "/api/v1/kiosks/enrol", nlohmann::json{{"code", options.code}}.dump());
  if (reply.status != kiosk::ReplyStatus::Answered) {
    return Error{"enrol: cannot reach the server at " + options.serverUrl + " (" + reply.problem +
                 " error" + "); check the address, the network and that the server is running"};
  }
  switch (reply.httpStatus) {
    case 201:
      break;
    case 401:
      return Error{
          "enrol: the server does not accept this code: it is wrong, expired (codes last 15 "
          "minutes) or already used; make a new one on the technician's page of the staff "
          "console"};
    case 429:
      return Error{
          "enrol: the server refuses enrolments for now after too many wrong codes; wait 15 "
          "minutes, then try again with a new code"};
    default: {
      const std::string said = serverMessage(reply.body);
      return Error{"enrol: the server answered HTTP " + std::to_string(reply.httpStatus) +
                   (said.empty() ? std::string() : ": " + said)};
    }
  }

  const auto answer = nlohmann::json::parse(reply.body, nullptr, false);
  const auto text = [&answer](const char* key) -> std::string {
    if (!answer.is_object() || !answer.contains(key) || !answer[key].is_string()) return {};
    return answer[key].get<std::string>();
  };
  Enrolment done{text("kiosk_id"),  text("name"),          text("consulate"),
                 options.tokenFile, options.publicKeyFile, userName(::geteuid())};
  const std::string token = text("token");
  const std::string publicKey = text("public_key_pem");
  if (token.empty() || token.find_first_of(" \t\r\n") != std::string::npos ||
      done.kioskId.empty() || !domain::VerifyKey::fromPem(publicKey)) {
    return Error{"enrol: the server's answer is not an enrolment (no token or no valid key)"};
  }

  uid_t owner = static_cast<uid_t>(-1);
  gid_t group = static_cast<gid_t>(-1);
  if (::geteuid() == 0) {
    if (const passwd* user = ::getpwnam(options.kioskUser.c_str())) {
      owner = user->pw_uid;
      group = user->pw_gid;
      done.tokenOwner = options.kioskUser;
    }
  }
  if (auto written = writeAtomically(options.tokenFile, token + "\n", 0600, owner, group);
      !written) {
    return Error{written.error().message +
                 " (the kiosk is enrolled on the server but has no token: revoke it on the "
                 "technician's page and enrol again with a new code)"};
  }
  if (auto written = writeAtomically(options.publicKeyFile, publicKey, 0644, static_cast<uid_t>(-1),
                                     static_cast<gid_t>(-1));
      !written) {
    return written.error();
  }
  return done;
}

}  // namespace mikhak::ctl
