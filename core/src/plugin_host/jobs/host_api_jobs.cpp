// ABI 1.2, jobs: durable jobs and schedules of a plugin (job_handler, job_enqueue,
// schedule_every, job_set_error) on the core's jobs::Durable. The jobs run on the core's job
// threads through PluginCall, like timers, so a stopping plugin gets no new runs.
#include <boost/json.hpp>

#include "platform/jobs/durable.hpp"
#include "plugin_host/api/host_api_detail.hpp"

namespace qt::plugin_host::detail {
namespace {

constexpr std::size_t kPayloadMax = 64 * 1024;

// The reason a job handler gave with job_set_error; set only while a handler runs.
thread_local std::string* t_job_error = nullptr;

std::string job_name(const Plugin& p, qt_str name) {
  const std::string n(sv(name));
  const bool ok = !n.empty() && n.size() <= 48 && std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
  if (!ok) throw HostError(QT_ERR_INVALID, "job name '" + n + "' must be 1..48 of a-z, 0-9, '_' and '-'");
  return p.name + "." + n;
}

std::string payload_of(qt_str json) {
  if (json.len == 0) return "{}";
  if (json.len > kPayloadMax) throw HostError(QT_ERR_INVALID, "job payload is larger than 64 KiB");
  boost::system::error_code ec;
  boost::json::parse(sv(json), ec);
  if (ec) throw HostError(QT_ERR_INVALID, "job payload is not valid JSON: " + ec.message());
  return std::string(sv(json));
}

jobs::Durable& durable_of(const qt_host* h) { return *h->host->services().durable; }

void require_handler(const qt_host* h, const std::string& full) {
  if (!durable_of(h).has_handler(full))
    throw HostError(QT_ERR_NOT_FOUND, "no job handler '" + full.substr(h->name.size() + 1) +
                                          "': bind it with job_handler during quartier_plugin_init");
}

// Runs the plugin's handler for one durable run; a failure throws with the reason the admin sees.
void run_handler(Plugin* p, qt_job_handler_fn fn, void* user, const jobs::JobRun& run) {
  PluginCall call(*p, false, "job " + run.name);
  if (!call.ok()) throw jobs::Postpone("plugin '" + p->name + "' is not running");
  clear_last_error();
  const std::string short_name = run.name.substr(p->name.size() + 1);
  qt_job_info info{};
  info.size = sizeof info;
  info.id = run.id;
  info.name = qs(short_name);
  info.payload = qs(run.payload);
  info.due_at = run.due_at;
  info.attempt = run.attempt;
  info.periodic = run.periodic ? 1 : 0;
  info.node = qs(run.node);
  std::string reason;
  t_job_error = &reason;
  qt_status st = QT_ERR_INTERNAL;
  try {
    st = fn(user, &info);
  } catch (...) {
    reason = "the job handler threw an exception";  // a C++ plugin that did not catch
  }
  t_job_error = nullptr;
  if (st == QT_OK) return;
  if (reason.empty()) reason = last_error();
  if (reason.empty()) reason = "the handler returned status " + std::to_string(st);
  throw std::runtime_error(reason);
}

qt_status api_job_handler(qt_host* h, qt_str name, qt_job_handler_fn fn, void* user) {
  return guarded(h, "job_handler", [&] {
    if (!h->in_init) throw HostError(QT_ERR_STATE, "job_handler is only allowed during quartier_plugin_init");
    if (!fn) throw HostError(QT_ERR_INVALID, "job handler is NULL");
    const auto full = job_name(*h, name);
    if (durable_of(h).has_handler(full)) throw HostError(QT_ERR_CONFLICT, "job handler '" + full + "' is bound already");
    Plugin* p = h;
    durable_of(h).handle(full, [p, fn, user](const jobs::JobRun& run) { run_handler(p, fn, user, run); });
    return QT_OK;
  });
}

qt_status api_job_enqueue(qt_host* h, qt_str name, qt_str payload_json, int64_t run_at_ms, int32_t max_attempts,
                          int64_t* out_id) {
  return guarded(h, "job_enqueue", [&] {
    const auto full = job_name(*h, name);
    require_handler(h, full);
    if (max_attempts < 0 || max_attempts > 20)
      throw HostError(QT_ERR_INVALID, "max_attempts must be 0 (the default, 5) to 20");
    const auto payload = payload_of(payload_json);
    CallSession s(h, false);
    const auto id = durable_of(h).enqueue(*s, h->name, full, payload, run_at_ms, max_attempts);
    if (out_id) *out_id = id;
    return QT_OK;
  });
}

qt_status api_schedule_every(qt_host* h, qt_str name, uint64_t interval_ms, qt_str payload_json) {
  return guarded(h, "schedule_every", [&] {
    if (!h->in_init && !h->in_start)
      throw HostError(QT_ERR_STATE, "schedule_every is allowed during quartier_plugin_init and start() only");
    const auto full = job_name(*h, name);
    require_handler(h, full);
    if (interval_ms < 1000 || interval_ms > 366ULL * 24 * 3600 * 1000)
      throw HostError(QT_ERR_INVALID, "schedule interval must be 1000 ms to one year");
    durable_of(h).schedule(h->name, full, static_cast<std::int64_t>(interval_ms), payload_of(payload_json));
    return QT_OK;
  });
}

qt_status api_job_set_error(qt_host* h, qt_str message) {
  return guarded(h, "job_set_error", [&] {
    if (!t_job_error) throw HostError(QT_ERR_STATE, "job_set_error is only allowed inside a job handler");
    *t_job_error = std::string(sv(message).substr(0, 500));
    return QT_OK;
  });
}

}  // namespace

void fill_jobs_api(qt_host_api& a, const HostServices& services) {
  if (services.durable) {
    a.job_handler = api_job_handler;
    a.job_enqueue = api_job_enqueue;
    a.schedule_every = api_schedule_every;
    a.job_set_error = api_job_set_error;
  }
  fill_http_api(a, services);
}

}  // namespace qt::plugin_host::detail
