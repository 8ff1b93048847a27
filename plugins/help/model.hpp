#pragma once
// A help request and an offer as the plugin stores them, the fixed vocabularies (categories,
// when, urgency, status) with their German and English names, and who may see what.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

namespace help {

bool valid_category(std::string_view c);
std::string category_de(std::string_view c);
std::string category_en(std::string_view c);
// "shopping, errands, ..." for error messages.
std::string category_list();

struct Request {
  std::int64_t id = 0, content_id = 0, asker_id = 0, neighbourhood_id = 0;
  std::string category, text, when_kind, urgency, status;
  std::optional<std::int64_t> due_at, helper_id, closed_at;
  bool risk_group = false;
  std::int64_t created_at = 0, updated_at = 0;
};

// The columns read_request expects, in order.
inline constexpr const char* kRequestCols =
    "id, content_id, asker_id, neighbourhood_id, category, text, when_kind, urgency, status, due_at, helper_id, "
    "closed_at, risk_group, created_at, updated_at";
Request read_request(const quartier::Statement& s);
std::optional<Request> find_request(std::int64_t id);
// 404 when absent.
Request load_request(std::int64_t id);

// What a person is to a request; decides what they see.
struct Relation {
  bool asker = false, helper = false, matched = false, responded = false, staff = false;
  bool coordinator = false;    // admin of a group coordinating the request's neighbourhood
  bool may_read = false;       // the request itself
  bool sees_risk = false;      // the risk-group mark: asker, matched helpers and the helper only
};
Relation relation_of(const Request& r, std::int64_t user, int role);

// The request as JSON for a viewer; risk_group only when rel.sees_risk.
boost::json::object to_json(const Request& r, const Relation& rel, std::string_view lang);
// The stream card's data (status, category, when, urgency; never the risk mark).
std::string card_json(const Request& r, std::int64_t responses);

// The safety note every request carries, in the request's language.
std::string safety_note(std::string_view lang);

std::int64_t count_responses(std::int64_t request_id);

}  // namespace help
