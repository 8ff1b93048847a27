#include "domain/content/events.hpp"

#include <string>

#include <boost/json.hpp>

#include "platform/events/bus.hpp"

namespace qt::content::events_out {
namespace {

void publish(const events::Bus* bus, soci::session& s, std::string_view topic, boost::json::object payload) {
  if (bus) bus->publish_after_commit(s, std::string(topic), boost::json::value(std::move(payload)));
}

}  // namespace

void item(const events::Bus* bus, soci::session& s, std::string_view what, const Item& item, std::int64_t actor_id) {
  boost::json::object o{{"id", item.id},
                        {"container_id", item.container_id},
                        {"kind", item.kind},
                        {"owner", item.owner},
                        {"author_id", item.author_id},
                        {"actor_id", actor_id}};
  publish(bus, s, "content." + std::string(what), std::move(o));
}

void comment(const events::Bus* bus, soci::session& s, std::string_view what, std::int64_t comment_id,
             const Item& item, std::int64_t author_id, std::int64_t actor_id) {
  boost::json::object o{{"id", comment_id},           {"content_id", item.id},
                        {"container_id", item.container_id}, {"kind", item.kind},
                        {"owner", item.owner},        {"author_id", author_id},
                        {"actor_id", actor_id}};
  publish(bus, s, "comment." + std::string(what), std::move(o));
}

void membership(const events::Bus* bus, soci::session& s, std::string_view what, const Container& c,
                const Membership& m, std::int64_t actor_id) {
  boost::json::object o{{"container_id", c.id},
                        {"container_kind", c.kind},
                        {"owner", c.owner},
                        {"user_id", m.user_id},
                        {"role", std::string(to_string(m.role))},
                        {"state", std::string(to_string(m.state))},
                        {"actor_id", actor_id}};
  publish(bus, s, "membership." + std::string(what), std::move(o));
}

void container_deleted(const events::Bus* bus, soci::session& s, const Container& c, std::int64_t actor_id) {
  boost::json::object o{{"id", c.id}, {"kind", c.kind}, {"owner", c.owner}, {"actor_id", actor_id}};
  publish(bus, s, "container.deleted", std::move(o));
}

}  // namespace qt::content::events_out
