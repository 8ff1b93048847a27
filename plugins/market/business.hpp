#pragma once
// A business profile as stored, its JSON, and who may change it.
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

#include "hours.hpp"

namespace market {

struct Business {
  std::int64_t id = 0, neighbourhood_id = 0, created_by = 0, created_at = 0, updated_at = 0;
  std::string name, category, address, hours, payment, accessibility, description, links;
  double lat = 0, lon = 0;
  bool delivery = false, pickup = false, step_free = false;
  std::optional<std::int64_t> verified_at;
};

extern const char* const kBusinessCols;
Business read_business(const quartier::Statement& s);
std::optional<Business> find_business(std::int64_t id);
Business require_business(std::int64_t id);  // 404 when absent

bool is_manager(std::int64_t business, std::int64_t user);
// Managers, and the municipality (staff, moderators, admins); 403 for everyone else.
void require_manager(const quartier::Request& req, const Business& b);

bool valid_business_category(std::string_view c);
// The stored hours, parsed once per version of them (the directory evaluates many).
std::shared_ptr<const Hours> hours_of(const Business& b);
bool open_now(const Business& b);

// What the person asking has to do with businesses: which they manage and follow.
struct Viewer {
  std::int64_t id = 0;
  std::set<std::int64_t> manages, follows;
};
Viewer viewer_of(std::int64_t user);

// The public profile with is_manager and following for the viewer; the Markdown text also as
// description_html, rendered and sanitised by the core like a post (ABI 1.5 markdown_render).
boost::json::object business_json(const Business& b, const Viewer& viewer);
boost::json::object business_json(const Business& b, std::int64_t viewer);
// The directory's short form: what a list shows, without hours, texts and links.
boost::json::object business_card(const Business& b, const Viewer& viewer);

}  // namespace market
