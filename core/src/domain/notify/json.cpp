#include "domain/notify/json.hpp"

#include <boost/json.hpp>

namespace qt::notify {

boost::json::value to_json(const Notification& n) {
  boost::json::object o;
  o["id"] = n.id;
  o["kind"] = n.kind;
  o["payload"] = n.payload;
  o["link"] = n.link;
  o["urgent"] = n.urgency == Urgency::urgent;
  o["actor_id"] = n.actor_id;
  o["content_id"] = n.content_id;
  o["created_at"] = n.created_at;
  o["read"] = n.read_at.has_value();
  if (n.read_at) o["read_at"] = *n.read_at;
  return o;
}

boost::json::value to_json(const Notification& n, const Context& context) {
  auto v = to_json(n);
  auto& o = v.as_object();
  if (auto a = context.actors.find(n.actor_id); a != context.actors.end()) o["actor_name"] = a->second;
  if (auto p = context.places.find(n.content_id); p != context.places.end())
    o["where"] = boost::json::object{{"name", p->second.name}, {"kind", p->second.kind}};
  return v;
}

}  // namespace qt::notify
