// SIGINT/SIGTERM handling: see interrupt.hpp for the contract.
#include "sim/cli/interrupt.hpp"

namespace gs::cli {
namespace {

std::atomic<bool> g_requested{false};
std::atomic<int> g_signal{0};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_signal(int sig) {
  if (g_requested.exchange(true)) {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
  }
  g_signal.store(sig);
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_requested.store(false);
  g_signal.store(0);
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &previous_int_);
  sigaction(SIGTERM, &action, &previous_term_);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &previous_int_, nullptr);
  sigaction(SIGTERM, &previous_term_, nullptr);
}

const std::atomic<bool>& InterruptGuard::requested() {
  return g_requested;
}
int InterruptGuard::signal_number() {
  return g_signal.load();
}

}  // namespace gs::cli
