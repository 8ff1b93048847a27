#pragma once
// The HTTP routes of the content module (JSON, under /api). Handlers are thin: they read the
// request, build the Viewer from req.user_id/req.role (set by the accounts gate) and call the
// services, which check access themselves.
#include "content/store.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "live/hub.hpp"
#include "moderation/moderation.hpp"
#include "notify/notifier.hpp"
#include "search/search.hpp"
#include "stream/actions.hpp"
#include "stream/feed.hpp"

namespace qt::stream {

struct RouteDeps {
  db::Database& db;
  const content::Store& store;
  const Feed& feed;
  const Actions& actions;
  const notify::Notifier& notifier;
  const moderation::Moderation& moderation;
  const search::Search& search;
};

// GET /api/stream, POST /api/posts, /api/content/{id} (GET, PATCH, DELETE), revisions,
// comments, reaction, report, pin, POST /api/announcements, DELETE /api/comments/{id},
// POST /api/comments/{id}/report, POST /api/reports.
void add_content_routes(http::Router& r, const RouteDeps& d);
// GET /api/notifications, POST /api/notifications/read, POST /api/admin/digests/run, GET /api/search.
void add_notification_and_search_routes(http::Router& r, const RouteDeps& d);
// GET /api/moderation/reports, POST /api/moderation/actions, GET /api/moderation/log.
void add_moderation_routes(http::Router& r, const RouteDeps& d);

// The Viewer of a request (reads the person's neighbourhood).
content::Viewer viewer_of(const RouteDeps& d, const http::Request& req);

}  // namespace qt::stream
