#include "business.hpp"

#include <algorithm>
#include <array>
#include <mutex>
#include <unordered_map>

#include "photos.hpp"
#include "util.hpp"

namespace market {

const char* const kBusinessCols =
    "id, name, category, neighbourhood_id, address, lat, lon, hours, delivery, pickup, payment, step_free, accessibility,"
    " description, links, verified_at, created_by, created_at, updated_at";

Business read_business(const quartier::Statement& s) {
  Business b;
  b.id = s.int64(0);
  b.name = s.text(1);
  b.category = s.text(2);
  b.neighbourhood_id = s.int64(3);
  b.address = s.text(4);
  b.lat = s.real(5);
  b.lon = s.real(6);
  b.hours = s.text(7);
  b.delivery = s.int64(8) != 0;
  b.pickup = s.int64(9) != 0;
  b.payment = s.text(10);
  b.step_free = s.int64(11) != 0;
  b.accessibility = s.text(12);
  b.description = s.text(13);
  b.links = s.text(14);
  b.verified_at = s.optional_int64(15);
  b.created_by = s.int64(16);
  b.created_at = s.int64(17);
  b.updated_at = s.int64(18);
  return b;
}

std::optional<Business> find_business(std::int64_t id) {
  quartier::Statement s(std::string("SELECT ") + kBusinessCols + " FROM market_businesses WHERE id = :id");
  s.bind("id", id);
  if (!s.step()) return std::nullopt;
  return read_business(s);
}

Business require_business(std::int64_t id) {
  auto b = find_business(id);
  if (!b) not_found();
  return *b;
}

bool is_manager(std::int64_t business, std::int64_t user) {
  if (user == 0) return false;
  quartier::Statement s("SELECT 1 FROM market_managers WHERE business_id = :b AND user_id = :u");
  s.bind("b", business).bind("u", user);
  return s.step();
}

void require_manager(const quartier::Request& req, const Business& b) {
  if (is_staff(req) || is_manager(b.id, req.user_id())) return;
  forbidden("Nur wer dieses Profil verwaltet, darf das ändern.", "Only the people who manage this profile may change it.");
}

bool valid_business_category(std::string_view c) {
  static constexpr std::array<std::string_view, 7> kCats = {"shop", "craft", "restaurant", "market_stall",
                                                             "social_enterprise", "service", "other"};
  return std::find(kCats.begin(), kCats.end(), c) != kCats.end();
}

std::shared_ptr<const Hours> hours_of(const Business& b) {
  struct Entry {
    std::string text;  // the stored JSON: two saves in one millisecond still differ here
    std::shared_ptr<const Hours> hours;
  };
  static std::mutex mu;
  static std::unordered_map<std::int64_t, Entry> cache;
  {
    std::lock_guard lock(mu);
    auto it = cache.find(b.id);
    if (it != cache.end() && it->second.text == b.hours) return it->second.hours;
  }
  auto parsed = std::make_shared<const Hours>(parse_stored_hours(b.hours));
  std::lock_guard lock(mu);
  if (cache.size() > 100000) cache.clear();  // bounded; refilled as profiles are read
  cache[b.id] = Entry{b.hours, parsed};
  return parsed;
}

bool open_now(const Business& b) {
  return open_at(*hours_of(b), municipality_zone(), std::chrono::system_clock::now());
}

Viewer viewer_of(std::int64_t user) {
  Viewer v;
  v.id = user;
  if (user == 0) return v;
  quartier::Statement m("SELECT business_id FROM market_managers WHERE user_id = :u");
  m.bind("u", user);
  while (m.step()) v.manages.insert(m.int64(0));
  quartier::Statement f("SELECT business_id FROM market_follows WHERE user_id = :u");
  f.bind("u", user);
  while (f.step()) v.follows.insert(f.int64(0));
  return v;
}

namespace {
boost::json::value parsed(const std::string& text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  return ec ? boost::json::value(boost::json::array()) : v;
}

}  // namespace

boost::json::object business_json(const Business& b, std::int64_t viewer) { return business_json(b, viewer_of(viewer)); }

boost::json::object business_json(const Business& b, const Viewer& viewer) {
  const auto hours = hours_of(b);
  boost::json::object o{{"id", b.id},
                        {"name", b.name},
                        {"category", b.category},
                        {"neighbourhood_id", b.neighbourhood_id},
                        {"address", b.address},
                        {"lat", b.lat},
                        {"lon", b.lon},
                        {"hours", hours_json(*hours)},
                        {"open_now", open_at(*hours, municipality_zone(), std::chrono::system_clock::now())},
                        {"delivery", b.delivery},
                        {"pickup", b.pickup},
                        {"payment", parsed(b.payment)},
                        {"step_free", b.step_free},
                        {"accessibility", b.accessibility},
                        {"description", b.description},
                        {"description_html", quartier::render_markdown(b.description)},
                        {"links", parsed(b.links)},
                        {"verified", b.verified_at.has_value()},
                        {"verified_at", b.verified_at ? boost::json::value(*b.verified_at) : boost::json::value(nullptr)},
                        {"created_at", b.created_at},
                        {"updated_at", b.updated_at}};
  o["is_manager"] = viewer.manages.count(b.id) > 0;
  o["following"] = viewer.follows.count(b.id) > 0;
  o["photos"] = photos_json(photos_of(PhotoOwner::business, b.id));
  return o;
}

boost::json::object business_card(const Business& b, const Viewer& viewer) {
  return {{"id", b.id},
          {"name", b.name},
          {"category", b.category},
          {"neighbourhood_id", b.neighbourhood_id},
          {"address", b.address},
          {"open_now", open_now(b)},
          {"delivery", b.delivery},
          {"pickup", b.pickup},
          {"step_free", b.step_free},
          {"verified", b.verified_at.has_value()},
          {"is_manager", viewer.manages.count(b.id) > 0},
          {"following", viewer.follows.count(b.id) > 0}};
}

}  // namespace market
