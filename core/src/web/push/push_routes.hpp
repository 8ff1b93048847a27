#pragma once
// Web Push routes: GET /api/push/config (the VAPID public key a browser subscribes with),
// GET|POST /api/push/subscriptions and DELETE /api/push/subscriptions/{id}: the person's own
// devices, as the settings list them.
#include "domain/push/subscriptions.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace qt::push {

struct PushRouteDeps {
  db::Database& db;
  const Subscriptions& subscriptions;
  std::string public_key;  // base64url VAPID public key
};

void add_push_routes(http::Router& r, const PushRouteDeps& d);

}  // namespace qt::push
