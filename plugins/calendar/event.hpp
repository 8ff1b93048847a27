#pragma once
// An event: its row in calendar_events, how it is stored with its occurrences, who may do what
// with it, and its JSON. The core item (content_id) carries the stream card, comments and search.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

#include "recurrence.hpp"

namespace calendar {

struct Event {
  std::int64_t id = 0, content_id = 0, container_id = 0, neighbourhood_id = 0, organiser_id = 0;
  std::string uid, title, description, category = "other", tz;
  bool all_day = false;
  std::string starts_local, ends_local, rrule;  // local times as the API takes them
  std::vector<std::string> exdates;
  std::vector<std::string> rdates;  // RFC 5545 RDATE: extra dates, API local form like exdates
  std::string address;
  std::optional<double> lat, lon;
  std::string online_url;
  std::optional<std::int64_t> capacity;
  std::string accessibility;
  bool step_free = false, sign_language = false, attendees_public = false, truncated = false;
  std::string contact;
  std::int64_t created_at = 0, updated_at = 0;
  std::int64_t import_id = 0;  // imported from an external iCal feed (changed only there); 0 = own
  std::string image_key, image_thumb;  // blobs of the picture and its thumbnail; "" = none
  std::int64_t department_id = 0;      // a department calendar's event (in the city container); 0 = none

  Schedule schedule() const { return Schedule{tz, all_day, starts_local, ends_local, rrule, exdates, rdates}; }
  // A series (dates by RRULE or RDATE, each with its recurrence id), not a single event.
  bool recurring() const { return !rrule.empty() || !rdates.empty(); }
};

std::optional<Event> find_event(std::int64_t id);
std::optional<Event> find_by_content(std::int64_t content_id);
std::map<std::string, Override> overrides_of(std::int64_t event_id);
// Inserts (id 0) or updates the row; returns the id.
std::int64_t save_event(Event& e);
// Expands the schedule (with its overrides) and replaces the stored occurrences; the first and
// the last occurrence (UTC ms) and whether the bound cut it.
struct Stored {
  std::int64_t first_start = 0, last_end = 0;
  bool truncated = false;
};
Stored store_occurrences(const Event& e);
// The same from an expansion already made (with the event's overrides); `fresh`: a new event,
// nothing stored to replace.
Stored store_expansion(const Event& e, const Expansion& x, bool fresh);
// A new event (id 0) with its dates and its core item, each written once: the row first under
// a provisional content id (negative, never shown), so the item's card names the event's id
// from the start; then the item, then the row points at it. `author` 0 = the organiser.
void insert_event(Event& e, const Expansion& x, const std::string& visibility, std::int64_t author = 0);

// 404 unless the person may read the event's core item (the core's rule, hidden items too).
Event load_readable(std::int64_t event_id, std::int64_t user);
// The organiser, a moderator or admin, or an owner/moderator of the event's group; for an
// imported event also whoever may add events to its calendar (attendees, messages); for a
// department's event that department's staff.
bool may_manage(const Event& e, std::int64_t user, int role);
void require_manage(const Event& e, std::int64_t user, int role);
// 409 for an imported event: it changes only at its source (the next poll would undo it).
void require_not_imported(const Event& e);

// May this person publish events into the container? The core's write rule (ABI 1.3), and on
// top of it: city and neighbourhood calendars take residents' events only if the municipality
// allows it ([plugins.calendar] residents_may_publish), a group's calendar its owners' and
// moderators' events, a profile none.
bool may_publish(std::int64_t user, int role, const quartier::ContainerView& c);

// The event as the API shows it (never the organiser's e-mail: only their display name).
boost::json::object event_json(const Event& e);
// The core item of an event (kind calendar.event) with its card; expires once the last date is over.
quartier::Content content_of(const Event& e, const Expansion& x, const std::string& visibility);
// The core item again after a change outside the body (its card: dates, place, picture).
void sync_item(const Event& e);
// The card the core shows in streams (ABI 1.2 content model).
std::string card_json(const Event& e, const Stored& s);

std::string join(const std::vector<std::string>& v, char sep);
std::vector<std::string> split(const std::string& s, char sep);

}  // namespace calendar
