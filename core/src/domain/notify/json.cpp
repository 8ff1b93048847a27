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

}  // namespace qt::notify
