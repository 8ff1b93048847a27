#include "platform/http/metrics.hpp"

#include <fmt/format.h>

namespace qt::http {
namespace {
// Label values are route patterns and methods (no user input), but escape anyway.
std::string label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
}  // namespace

void Metrics::observe(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status}];
  auto& s = latency_[route];
  ++s.count;
  s.sum += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++s.buckets[i];
}

void Metrics::add_gauge(std::string name, std::string help, Sampler sampler) {
  std::lock_guard lock(mutex_);
  gauges_.emplace_back(std::move(name), std::move(help), std::move(sampler));
}

std::string Metrics::render() const {
  std::string out;
  std::vector<std::tuple<std::string, std::string, Sampler>> gauges;
  {
    std::lock_guard lock(mutex_);
    out += "# HELP quartier_http_requests_total HTTP requests by method, route pattern and status.\n";
    out += "# TYPE quartier_http_requests_total counter\n";
    for (const auto& [key, n] : requests_)
      out += fmt::format("quartier_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                         label(std::get<0>(key)), label(std::get<1>(key)), std::get<2>(key), n);
    out += "# HELP quartier_http_request_duration_seconds Time from request read to response written.\n";
    out += "# TYPE quartier_http_request_duration_seconds histogram\n";
    for (const auto& [route, s] : latency_) {
      const auto r = label(route);
      for (std::size_t i = 0; i < kBuckets.size(); ++i)
        out += fmt::format("quartier_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", r,
                           kBuckets[i], s.buckets[i]);
      out += fmt::format("quartier_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", r, s.count);
      out += fmt::format("quartier_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", r, s.sum);
      out += fmt::format("quartier_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", r, s.count);
    }
    gauges = gauges_;
  }
  out += "# HELP quartier_http_open_connections Client connections open now.\n";
  out += "# TYPE quartier_http_open_connections gauge\n";
  out += fmt::format("quartier_http_open_connections {}\n", open_connections());
  for (const auto& [name, help, sampler] : gauges) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n", name, help, name);
    for (const auto& [labels, value] : sampler())
      out += labels.empty() ? fmt::format("{} {}\n", name, value) : fmt::format("{}{{{}}} {}\n", name, labels, value);
  }
  return out;
}

}  // namespace qt::http
