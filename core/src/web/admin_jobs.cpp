#include "web/admin_jobs.hpp"

#include <boost/json.hpp>

#include "platform/http/query_int.hpp"

namespace qt::web {
namespace {

using http::HttpError;
using http::Request;
using http::Response;

boost::json::value opt(const std::optional<std::int64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::object job_json(const jobs::JobRow& j, std::int64_t now) {
  return {{"id", j.id},
          {"owner", j.owner},
          {"name", j.name},
          {"kind", j.interval_ms > 0 ? "schedule" : "once"},
          {"interval_ms", j.interval_ms},
          {"state", j.state},
          {"running", j.lease_until > now},
          {"node", j.lease_until > now ? j.lease_node : j.last_node},
          {"run_at", j.run_at},
          {"attempts", j.attempts},
          {"max_attempts", j.max_attempts},
          {"runs", j.runs},
          {"failures", j.failures},
          {"last_run_at", opt(j.last_run_at)},
          {"last_ok_at", opt(j.last_ok_at)},
          {"last_error", j.last_error},
          {"created_at", j.created_at}};
}

Response list_jobs(jobs::Durable& d, Request& req) {
  const auto state = req.query_param("state").value_or("");
  if (!state.empty() && state != "pending" && state != "done" && state != "failed")
    throw HttpError(400, "invalid_parameter",
                    "state muss pending, done oder failed sein. / state must be pending, done or failed.");
  const auto limit = http::query_int(req, "limit", 100, 1, 500);
  const auto now = jobs::Durable::now_ms();
  boost::json::array out;
  for (const auto& j : d.list(state, static_cast<int>(limit))) out.push_back(job_json(j, now));
  return Response::json(boost::json::object{{"jobs", std::move(out)}, {"node", d.node()}});
}

Response retry_job(jobs::Durable& d, Request& req) {
  const auto id = req.id_param("id");
  const auto job = d.get(id);
  if (!job) throw HttpError(404, "not_found", "Diesen Auftrag gibt es nicht. / There is no such job.");
  if (!d.retry_now(id))
    throw HttpError(409, "job_done",
                    "Der Auftrag ist schon erledigt und läuft nicht noch einmal. / The job is done already and "
                    "does not run again.");
  return Response::json(job_json(*d.get(id), jobs::Durable::now_ms()));
}

}  // namespace

void add_job_routes(http::Router& r, jobs::Durable& durable) {
  const http::RouteOptions admin{http::Access::admin, true, "core"};
  r.get("/api/admin/jobs", [&durable](Request& q) { return list_jobs(durable, q); }, admin);
  r.post("/api/admin/jobs/{id}/retry", [&durable](Request& q) { return retry_job(durable, q); }, admin);
}

}  // namespace qt::web
