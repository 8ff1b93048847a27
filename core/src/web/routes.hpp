#pragma once
// The HTTP routes of the content module (JSON, under /api). Handlers are thin: they read the
// request, build the Viewer from req.user_id/req.role (set by the accounts gate) and call the
// services, which check access themselves.
#include "domain/content/images.hpp"
#include "domain/content/store.hpp"
#include "domain/moderation/moderation.hpp"
#include "domain/notify/notifier.hpp"
#include "domain/search/search.hpp"
#include "domain/stream/actions.hpp"
#include "domain/stream/feed.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"
#include "platform/live/hub.hpp"
#include "platform/ratelimit/rate_limiter.hpp"

namespace qt::stream {

struct RouteDeps {
  db::Database& db;
  const content::Store& store;
  const Feed& feed;
  const Actions& actions;
  const notify::Notifier& notifier;
  const moderation::Moderation& moderation;
  const search::Search& search;
  const content::Images& images;
};

// GET /api/stream, POST /api/posts, /api/content/{id} (GET, PATCH, DELETE), revisions,
// comments, reaction, report, pin, POST /api/announcements, DELETE /api/comments/{id},
// POST /api/comments/{id}/report, POST /api/reports.
void add_content_routes(http::Router& r, const RouteDeps& d);
// POST /api/images (uploads, limit per person), GET /api/images/{id} (web/images.cpp).
void add_image_routes(http::Router& r, const RouteDeps& d, accounts::RateLimiter& limiter, accounts::Limit limit);
// GET /api/notifications, POST /api/notifications/read, POST /api/admin/digests/run.
void add_notification_routes(http::Router& r, const RouteDeps& d);
// GET /api/search.
void add_search_routes(http::Router& r, const RouteDeps& d);
// GET /api/moderation/reports, POST /api/moderation/actions, GET|PUT /api/moderation/settings,
// GET /api/moderation/log.
void add_moderation_routes(http::Router& r, const RouteDeps& d);

// A route table's handler from a function of the deps and the request; the deps outlive the router.
using RouteFn = http::Response (*)(const RouteDeps&, http::Request&);
inline http::Handler route_handler(const RouteDeps& d, RouteFn f) {
  return [&d, f](http::Request& req) { return f(d, req); };
}

// The Viewer of a request (reads the person's neighbourhood).
content::Viewer viewer_of(const RouteDeps& d, const http::Request& req);

}  // namespace qt::stream
