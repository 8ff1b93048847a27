#include "listing.hpp"

#include <algorithm>
#include <array>

#include "photos.hpp"
#include "util.hpp"

namespace market {

const char* const kListingCols =
    "l.id, l.content_id, l.author_id, l.neighbourhood_id, l.type, l.category, l.item_condition, l.price_cents, l.title,"
    " l.description, l.area, l.state, l.expires_at, l.created_at, l.updated_at, u.display_name,"
    " l.lat, l.lon";
const char* const kListingFrom = " FROM market_listings l JOIN plugin_users u ON u.id = l.author_id";

Listing read_listing(const quartier::Statement& s) {
  Listing l;
  l.id = s.int64(0);
  l.content_id = s.int64(1);
  l.author_id = s.int64(2);
  l.neighbourhood_id = s.int64(3);
  l.type = s.text(4);
  l.category = s.text(5);
  l.condition = s.text(6);
  l.price_cents = s.optional_int64(7);
  l.title = s.text(8);
  l.description = s.text(9);
  l.area = s.text(10);
  l.state = s.text(11);
  l.expires_at = s.int64(12);
  l.created_at = s.int64(13);
  l.updated_at = s.int64(14);
  l.author_name = s.text(15);
  if (!s.is_null(16) && !s.is_null(17)) l.lat = s.real(16), l.lon = s.real(17);
  return l;
}

std::optional<Listing> find_listing(std::int64_t id) {
  quartier::Statement s(std::string("SELECT ") + kListingCols + kListingFrom + " WHERE l.id = :id");
  s.bind("id", id);
  if (!s.step()) return std::nullopt;
  return read_listing(s);
}

Listing readable_listing(const quartier::Request& req, std::int64_t id) {
  auto l = find_listing(id);
  if (!l || !quartier::can_read_content(req.user_id(), l->content_id)) not_found();
  return *l;
}

bool valid_listing_type(std::string_view t) {
  static constexpr std::array<std::string_view, 6> kTypes = {"search", "offer", "give_away", "lend", "swap", "sell"};
  return std::find(kTypes.begin(), kTypes.end(), t) != kTypes.end();
}

bool valid_condition(std::string_view c) {
  static constexpr std::array<std::string_view, 5> kConds = {"new", "like_new", "good", "used", "not_applicable"};
  return std::find(kConds.begin(), kConds.end(), c) != kConds.end();
}

const std::vector<std::string>& listing_categories() {
  static const std::vector<std::string> cats = {"household", "furniture", "clothing", "children", "books", "media",
                                                "electronics", "garden", "tools", "sports", "bikes", "food",
                                                "services", "animals", "other"};
  return cats;
}

bool forbidden_category(std::string_view category, std::string_view type) {
  if (category == "weapons" || category == "medicines") return true;
  if (category == "animals" && type == "sell") return true;  // animals are given a home, not sold
  const auto extra = setting_list("forbidden_categories");
  return std::find(extra.begin(), extra.end(), category) != extra.end();
}

boost::json::object listing_json(const Listing& l, std::int64_t viewer, bool with_photos) {
  boost::json::object o{{"id", l.id},
          {"content_id", l.content_id},
          {"author_id", l.author_id},
          {"author_name", l.author_name},
          {"neighbourhood_id", l.neighbourhood_id},
          {"type", l.type},
          {"category", l.category},
          {"condition", l.condition},
          {"price_cents", l.price_cents ? boost::json::value(*l.price_cents) : boost::json::value(nullptr)},
          {"free", l.type == "give_away" || (l.price_cents && *l.price_cents == 0)},
          {"title", l.title},
          {"description", l.description},
          {"area", l.area},
          {"state", l.state},
          {"expires_at", l.expires_at},
          {"created_at", l.created_at},
          {"updated_at", l.updated_at},
          {"mine", viewer == l.author_id}};
  o["location"] = l.lat ? boost::json::value(boost::json::object{{"lat", *l.lat}, {"lon", *l.lon}}) : boost::json::value(nullptr);
  if (with_photos) o["photos"] = photos_json(photos_of(PhotoOwner::listing, l.id));
  return o;
}

std::string listing_card(const Listing& l) {
  const auto first = first_photos(PhotoOwner::listing, {l.id});
  return boost::json::serialize(boost::json::object{
      {"listing_id", l.id},
      {"type", l.type},
      {"category", l.category},
      {"price_cents", l.price_cents ? boost::json::value(*l.price_cents) : boost::json::value(nullptr)},
      {"state", l.state},
      {"area", l.area},
      {"photo", first.empty() ? boost::json::value(nullptr) : boost::json::value(photo_url(first.begin()->second, true))}});
}

void sync_listing_item(const Listing& l) {
  quartier::Content c;
  c.title = l.title;
  c.body = l.description;
  c.markdown = true;  // the core renders and sanitises it to body_html like a post
  c.card_json = listing_card(l);
  quartier::update_content(l.content_id, c);
}

}  // namespace market
