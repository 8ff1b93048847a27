// The off-thread pools of Lane::cpu and Lane::wait (server_impl.hpp's Lanes).
#include <algorithm>
#include <thread>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "platform/http/server_impl.hpp"

namespace qt::http {

void Lanes::start(const ServerOptions& o) {
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const int cpu = o.cpu_threads > 0 ? o.cpu_threads : cores;
  cpu_.pool = std::make_unique<asio::thread_pool>(static_cast<std::size_t>(cpu));
  cpu_.limit = o.cpu_queue;
  cpu_.nice = 5;
  wait_.pool = std::make_unique<asio::thread_pool>(static_cast<std::size_t>(std::max(1, o.wait_threads)));
  wait_.limit = o.wait_queue;
}

void Lanes::join() {
  for (auto* p : {&cpu_, &wait_})
    if (p->pool) p->pool->join();
}

void Lanes::Pool::lower_priority() const {
  if (!nice) return;
  // The cpu lane runs at lower priority: when the cores are busy, the I/O threads' short
  // requests go first and a login takes a little longer. Once per thread.
  thread_local const bool lowered = setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), nice) == 0;
  (void)lowered;
}

}  // namespace qt::http
