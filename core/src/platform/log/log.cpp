#include "platform/log/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "platform/util/json_escape.hpp"

namespace qt::log {
namespace {

std::atomic<int> g_min_level{static_cast<int>(Level::info)};
std::atomic<int> g_format{static_cast<int>(Format::json)};
std::mutex g_write_mutex;

constexpr std::string_view level_name(Level l) {
  switch (l) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warn: return "warn";
    case Level::error: return "error";
  }
  return "info";
}

void append_value(std::string& out, const Field& f, bool json) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string_view>) {
          out += '"';
          util::append_json_escaped(out, v);
          out += '"';
        } else if constexpr (std::is_same_v<T, bool>) {
          out += v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, double>) {
          out += fmt::format("{:.3f}", v);
        } else {
          out += fmt::format("{}", v);
        }
      },
      f.value);
  (void)json;
}

}  // namespace

void configure(Level min_level, Format format) {
  g_min_level = static_cast<int>(min_level);
  g_format = static_cast<int>(format);
}

bool parse_level(std::string_view name, Level& out) {
  for (Level l : {Level::debug, Level::info, Level::warn, Level::error})
    if (name == level_name(l)) {
      out = l;
      return true;
    }
  return false;
}

bool enabled(Level level) { return static_cast<int>(level) >= g_min_level.load(std::memory_order_relaxed); }

void write(Level level, std::string_view msg, std::initializer_list<Field> fields) {
  if (!enabled(level)) return;
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::time_point_cast<std::chrono::milliseconds>(now);
  std::string line;
  line.reserve(160);
  if (static_cast<Format>(g_format.load()) == Format::json) {
    line += fmt::format("{{\"ts\":\"{:%FT%T}Z\",\"level\":\"{}\",\"msg\":\"", ms, level_name(level));
    util::append_json_escaped(line, msg);
    line += '"';
    for (const auto& f : fields) {
      line += ",\"";
      util::append_json_escaped(line, f.key);
      line += "\":";
      append_value(line, f, true);
    }
    line += "}\n";
  } else {
    // Escaped as in JSON here too, so control characters never break a line.
    line += fmt::format("{:%FT%T}Z {:5} ", ms, level_name(level));
    util::append_json_escaped(line, msg);
    for (const auto& f : fields) {
      line += ' ';
      util::append_json_escaped(line, f.key);
      line += '=';
      append_value(line, f, false);
    }
    line += '\n';
  }
  std::lock_guard lock(g_write_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace qt::log
