#include "content_events.hpp"

#include <boost/json.hpp>

#include "photos.hpp"

namespace market {
namespace {

void on_content(std::string_view topic, std::string_view json) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return;
  const auto& o = v.as_object();
  const auto* owner = o.if_contains("owner");
  const auto* id = o.if_contains("id");
  if (!owner || !id || !owner->is_string() || owner->as_string() != "market" || !id->is_int64()) return;
  if (topic == "content.deleted") {  // a moderator deleted a listing: its photos go with it
    quartier::Statement l("SELECT id FROM market_listings WHERE content_id = :c");
    l.bind("c", id->as_int64());
    if (l.step()) delete_photos(PhotoOwner::listing, l.int64(0));
  }
  for (const char* table : {"market_listings", "market_posts"}) {
    std::string sql = topic == "content.deleted" ? std::string("DELETE FROM ") + table + " WHERE content_id = :c"
                                                 : std::string("UPDATE ") + table + " SET hidden = :h WHERE content_id = :c";
    quartier::Statement s(sql);
    if (topic != "content.deleted") s.bind("h", topic == "content.hidden" ? 1 : 0);
    s.bind("c", id->as_int64());
    s.run();
  }
}

}  // namespace

void subscribe_content_events(quartier::Plugin& plugin) {
  for (const char* topic : {"content.hidden", "content.unhidden", "content.deleted"}) plugin.subscribe(topic, on_content);
}

}  // namespace market
