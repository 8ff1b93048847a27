#pragma once
// A resident's listing as stored, its JSON and card, and the category rules.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

namespace market {

struct Listing {
  std::int64_t id = 0, content_id = 0, author_id = 0, neighbourhood_id = 0, expires_at = 0, created_at = 0, updated_at = 0;
  std::string type, category, condition, title, description, area, state, author_name;
  std::optional<std::int64_t> price_cents;
  std::optional<double> lat, lon;  // the pickup point on a ~200 m grid; none = the neighbourhood
};

extern const char* const kListingCols;  // with kListingFrom: the listing and its author's name
extern const char* const kListingFrom;
Listing read_listing(const quartier::Statement& s);
std::optional<Listing> find_listing(std::int64_t id);
// 404 unless the person may read the listing's content (the core's rules for its neighbourhood).
Listing readable_listing(const quartier::Request& req, std::int64_t id);

bool valid_listing_type(std::string_view t);
bool valid_condition(std::string_view c);
const std::vector<std::string>& listing_categories();
// Built-in (weapons, medicines, animals for sale) plus [plugins.market] forbidden_categories.
bool forbidden_category(std::string_view category, std::string_view type);

// With its photos (photos.hpp) when `with_photos`; a list shows the first one only.
boost::json::object listing_json(const Listing& l, std::int64_t viewer, bool with_photos = true);
std::string listing_card(const Listing& l);  // the stream card's JSON, with the first photo
// Writes title, Markdown text and card to the listing's core content item.
void sync_listing_item(const Listing& l);

}  // namespace market
