// A guest's way in: a name, and the host's signed guest token (ABI 1.3 guest_issue) for the
// room's WebSocket, with a room pass that binds it to this room (guest_pass.hpp). Nothing about the
// guest is stored; tokens per address are limited.
#include <quartier/plugin.hpp>

#include "guest_pass.hpp"
#include "limits.hpp"
#include "room.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace video {
namespace {

constexpr std::uint32_t kGuestHours = 4;  // a call's length; the page asks again after that

void guest_token(quartier::Request& req, quartier::Response& res) {
  auto room = find_room(req.param("slug").value_or(""));
  if (!room)
    throw error(404, "room_not_found", "Diesen Raum gibt es nicht (mehr). Bitte den Link prüfen.",
                "There is no such room (any more). Please check the link.");
  if (!room->guests || room->members_only)
    throw error(403, "account_required", "Für diesen Raum bitte anmelden; Gäste ohne Konto sind hier nicht vorgesehen.",
                "Please sign in for this room; it does not take guests without an account.");
  const auto body = body_object(req);
  const std::string name = quartier::clean_name(opt_string(body, "name").value_or(""), 1, 60, "invalid_name");
  const std::string address(quartier::detail::view(quartier::api().req_client_address(req.raw())));
  if (!guest_passes_per_address().allow(address, now_ms()))
    throw error(429, "too_many_guests", "Zu viele Gastzugänge von dieser Adresse. Bitte in einigen Minuten erneut versuchen.",
                "Too many guest passes from this address. Please try again in a few minutes.");
  qt_str token{}, id{};
  quartier::check(quartier::api().guest_issue(quartier::host(), quartier::detail::str(name), kGuestHours * 3600, &token, &id),
                  "guest_issue");
  // Copied before the next host call (the room pass may read its key from the database).
  const std::string token_text(quartier::detail::view(token)), guest_id(quartier::detail::view(id));
  send(res,
       boost::json::object{{"token", token_text}, {"guest_id", guest_id}, {"pass", room_pass(guest_id, room->id)},
                           {"name", name}, {"expires_in", kGuestHours * 3600}},
       201);
}

}  // namespace

void add_guest_routes(quartier::Plugin& plugin) {
  plugin.post("/rooms/{slug}/guest", quartier::Access::public_, guest_token);
}

}  // namespace video
