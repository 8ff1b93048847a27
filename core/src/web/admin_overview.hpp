#pragma once
// The administration's start page in figures: GET /api/admin/overview answers what waits for
// someone (registrations to approve, open reports, mails not yet sent or failed, failed jobs) and
// how many people are active, each one COUNT over an indexed column.
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace qt::web {

void add_overview_routes(http::Router& r, db::Database& db);

}  // namespace qt::web
