#pragma once
// Steps shared by the tests of issue 27 ("test holes"): a signed-in person on the real server,
// their cookie, their current session's id, and a raw WebSocket upgrade through HttpClient (so a
// refusal comes back as a normal response, and a wrongly accepted upgrade as status 101).
#include "accounts_fixture.hpp"

#include <string>
#include <vector>

namespace qt::test::holes {

inline std::string cookie_header(Session& s) {
  std::string out;
  for (const auto& [k, v] : s.cookies()) out += (out.empty() ? "" : "; ") + k + "=" + v;
  return out;
}

// The id of the session the client is signed in with (GET /api/me/sessions, "current").
inline std::int64_t current_session_id(Session& s) {
  auto r = s.get("/api/me/sessions");
  INFO(r.body);
  REQUIRE(r.status == 200);
  const auto body = r.json();
  for (const auto& x : body.at("sessions").as_array())
    if (x.at("current").as_bool()) return x.at("id").as_int64();
  FAIL("no current session in " << r.body);
  return 0;
}

// A neighbourhood created by an admin through the API; its id.
inline std::int64_t create_neighbourhood(Session& admin, const std::string& slug, const std::string& name) {
  auto r = admin.send_json("POST", "/api/neighbourhoods", {{"slug", slug}, {"name", name}});
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json().at("id").as_int64();
}

// GET /api/live as a WebSocket upgrade with the given extra headers, on a fresh connection.
inline HttpResponse upgrade(std::uint16_t port, const std::string& cookie,
                            std::vector<std::pair<std::string, std::string>> extra) {
  HttpClient c(port);
  std::vector<std::pair<std::string, std::string>> h{{"Upgrade", "websocket"},
                                                     {"Connection", "Upgrade"},
                                                     {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                                                     {"Sec-WebSocket-Version", "13"}};
  if (!cookie.empty()) h.emplace_back("Cookie", cookie);
  for (auto& e : extra) h.push_back(std::move(e));
  return c.request("GET", "/api/live", {}, std::move(h));
}

}  // namespace qt::test::holes
