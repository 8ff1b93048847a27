#include "web/push/push_routes.hpp"

#include <boost/json.hpp>

#include "domain/credentials/sessions.hpp"
#include "platform/db/transaction.hpp"
#include "platform/http/response.hpp"
#include "web/stream_json.hpp"

namespace qt::push {
namespace {

using http::Access;
using http::Request;
using http::Response;

Response config(const PushRouteDeps& d, Request&) {
  auto r = Response::json(boost::json::object{{"enabled", true},
                                              {"public_key", d.public_key},
                                              {"topics", boost::json::array{"mentions", "replies", "urgent"}}});
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response list(const PushRouteDeps& d, Request& req) {
  boost::json::array items;
  {
    auto lease = d.db.read();
    for (const auto& s : d.subscriptions.list(*lease, req.user_id)) items.push_back(Subscriptions::to_json(s));
  }
  auto r = Response::json(boost::json::object{{"items", std::move(items)}});
  r.set_header("Cache-Control", "no-store");
  return r;
}

const boost::json::object& object_field(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_object())
    throw http::HttpError(400, "invalid_subscription", std::string(key) + " fehlt oder ist kein Objekt. / " +
                                                           std::string(key) + " is missing or not an object.");
  return v->as_object();
}

std::string required(const boost::json::object& o, std::string_view key, std::size_t max_len) {
  auto v = stream::web::str(o, key, max_len);
  if (!v || v->empty())
    throw http::HttpError(400, "invalid_subscription", std::string(key) + " fehlt. / " + std::string(key) + " is missing.");
  return *v;
}

NewSubscription read_subscription(const Request& req) {
  const auto body = stream::web::body(req, "endpoint,keys,topics,expirationTime");
  NewSubscription in;
  in.endpoint = required(body, "endpoint", 2000);
  const auto& keys = object_field(body, "keys");
  in.p256dh = required(keys, "p256dh", 200);
  in.auth = required(keys, "auth", 100);
  if (const auto* t = body.if_contains("topics")) {
    if (!t->is_array())
      throw http::HttpError(400, "invalid_subscription", "topics muss eine Liste sein. / topics must be a list.");
    in.topics = Subscriptions::topics_from(t->as_array());
  }
  in.label = accounts::summarise_user_agent(std::string(req.header("user-agent").value_or("")));
  return in;
}

Response save(const PushRouteDeps& d, Request& req) {
  const auto in = read_subscription(req);
  bool created = false;
  Subscription sub;
  {
    auto lease = d.db.write();
    db::Transaction tx(*lease);
    sub = d.subscriptions.save(*lease, req.user_id, in, created);
    tx.commit();
  }
  return Response::json(Subscriptions::to_json(sub), created ? 201 : 200);
}

Response remove(const PushRouteDeps& d, Request& req) {
  const auto id = req.id_param("id");
  bool removed = false;
  {
    auto lease = d.db.write();
    removed = d.subscriptions.remove(*lease, req.user_id, id);
  }
  if (!removed)
    throw http::HttpError(404, "not_found", "Dieses Gerät ist nicht (mehr) für Push eingetragen. / "
                                            "This device is not (or no longer) registered for push.");
  return Response::no_content();
}

using Fn = Response (*)(const PushRouteDeps&, Request&);
http::Handler handler(const PushRouteDeps& d, Fn f) {
  return [&d, f](Request& req) { return f(d, req); };
}

}  // namespace

void add_push_routes(http::Router& r, const PushRouteDeps& d) {
  const http::RouteOptions user{Access::user};
  r.get("/api/push/config", handler(d, config), user);
  r.get("/api/push/subscriptions", handler(d, list), user);
  r.post("/api/push/subscriptions", handler(d, save), user);
  r.del("/api/push/subscriptions/{id}", handler(d, remove), user);
}

}  // namespace qt::push
