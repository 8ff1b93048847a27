#include "push_service.hpp"

#include <stdexcept>
#include <thread>

namespace qt::test {

boost::json::array PushService::wait_messages(const std::string& name, std::size_t count, std::chrono::seconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto got = received(name).at("messages").as_array();
    if (got.size() >= count) return got;
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("push service: " + std::to_string(got.size()) + " of " + std::to_string(count) +
                               " messages for " + name + " arrived in time");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

void PushService::wait_requests(const std::string& name, std::int64_t count, std::chrono::seconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto n = received(name).at("requests").as_int64();
    if (n >= count) return;
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("push service: " + std::to_string(n) + " of " + std::to_string(count) + " requests for " +
                               name + " arrived in time");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace qt::test
