#pragma once
// The admin's view of the durable jobs (platform/jobs/durable.hpp):
//   GET  /api/admin/jobs[?state=pending|done|failed&limit=N]  newest first, with last run and error
//   POST /api/admin/jobs/{id}/retry                           a failed (or waiting) job runs now
#include "platform/http/router.hpp"
#include "platform/jobs/durable.hpp"

namespace qt::web {

void add_job_routes(http::Router& r, jobs::Durable& durable);

}  // namespace qt::web
