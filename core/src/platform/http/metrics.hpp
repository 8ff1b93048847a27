#pragma once
// Prometheus metrics of the HTTP server: requests by route and status, a latency histogram,
// open connections, and gauges that other modules register (DB pool use, plugin states).
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace qt::http {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                       0.1,   0.25,   0.5,   1.0,  2.5,   5.0};

  void observe(const std::string& method, const std::string& route, int status, double seconds);
  void connection_opened() { open_connections_.fetch_add(1, std::memory_order_relaxed); }
  void connection_closed() { open_connections_.fetch_sub(1, std::memory_order_relaxed); }
  std::int64_t open_connections() const { return open_connections_.load(std::memory_order_relaxed); }

  // A gauge read at scrape time: name, help text, and a function returning labelled samples
  // ({"", value} for an unlabelled gauge, or {"state=\"in_use\"", value}).
  using Sampler = std::function<std::vector<std::pair<std::string, double>>()>;
  void add_gauge(std::string name, std::string help, Sampler sampler);

  std::string render() const;  // Prometheus text exposition format 0.0.4

 private:
  struct Series {
    std::uint64_t count = 0;
    double sum = 0;
    std::array<std::uint64_t, kBuckets.size()> buckets{};
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;  // method, route, status
  std::map<std::string, Series> latency_;                                          // by route
  std::vector<std::tuple<std::string, std::string, Sampler>> gauges_;
  std::atomic<std::int64_t> open_connections_{0};
};

}  // namespace qt::http
