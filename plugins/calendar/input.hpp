#pragma once
// An event's fields from a request body, checked: every refusal is a 400 naming the field in
// German and English, and nothing is stored before all of them passed.
#include <boost/json.hpp>

#include "event.hpp"

namespace calendar {

// Applies the members present in `o` to `e` (create: title and starts are required). Checks
// the schedule with libical and the place against the neighbourhood's outline.
void apply_body(Event& e, const boost::json::object& o, bool create);

// The categories an event may have.
bool valid_category(const std::string& c);

}  // namespace calendar
