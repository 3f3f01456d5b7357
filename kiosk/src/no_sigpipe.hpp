#pragma once

#include <csignal>

#include <pthread.h>

namespace mikhak::kiosk {

// A worker that talks HTTP calls this first: a write to a connection the server (or a shutdown
// from our own destructor) closed must fail with EPIPE on this thread, not kill the kiosk with
// SIGPIPE. Blocking it per thread keeps the rest of the process as it was.
inline void blockSigpipeOnThisThread() {
  sigset_t pipe;
  sigemptyset(&pipe);
  sigaddset(&pipe, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
}

}  // namespace mikhak::kiosk
