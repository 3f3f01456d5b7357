#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "mikhak/base/result.hpp"
#include "mikhak/printer/virtual_printer.hpp"

namespace mikhak::ctl {

// A VirtualPrinter behind a TCP socket, as a network receipt printer on port 9100 is: bytes in,
// status answers back, every cut ticket written as `ticket-0001.png`, ... in the out folder.
//
// One connection at a time, like a printer serving one host: a second connection waits in the
// listen queue until the first closes. A connection that ends mid-command has that command
// forgotten; rows already printed stay on the page until the next `ESC @` (which tears them off)
// or cut. Memory is bounded: one read buffer, the answers to one read, and the parser's band
// limit. Status requests are answered as soon as they are read.
class VirtualPrinterServer {
 public:
  struct Options {
    std::string host = "127.0.0.1";  // a numeric address or name; empty or 0.0.0.0: any
    int port = 9100;                 // 0: the system picks a free port (see port())
    std::filesystem::path outDir;    // made if missing; numbering goes on after tickets there
    printer::VirtualPrinter::Options printer = {};
  };
  // Called on the server's thread (refill()'s caller for its status change), one at a time. They
  // must not call stop().
  struct Events {
    std::function<void(const std::filesystem::path& file, const text::MonoBitmap& ticket)>
        ticketWritten;
    std::function<void(const printer::PrinterStatus& status)> statusChanged;
    std::function<void(const std::string& message)> error;  // a ticket not written, I/O trouble
  };

  // Binds, listens and starts serving on a thread of its own.
  static Result<std::unique_ptr<VirtualPrinterServer>> start(Options options, Events events = {});
  ~VirtualPrinterServer();  // stop()
  VirtualPrinterServer(const VirtualPrinterServer&) = delete;
  VirtualPrinterServer& operator=(const VirtualPrinterServer&) = delete;

  // Closes the connection being served and the listening socket, and joins the thread. From any
  // thread but the server's own; calling it again does nothing.
  void stop();
  int port() const;
  // A new roll of paper (thread-safe): see VirtualPrinter::refill().
  void refill();
  printer::PrinterStatus status() const;
  int ticketsWritten() const;

  struct Impl;
  class Key {  // only start() makes one
    friend class VirtualPrinterServer;
    Key() = default;
  };
  VirtualPrinterServer(Key, std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace mikhak::ctl
