// Answers through the real server on SQLite and PostgreSQL: capacity with guests, a waiting
// list that moves up by itself in order (the person moved up is notified), the attendee list
// for the organisers only unless they chose otherwise, messages and the cancellation notice to
// everyone who answered, and a message to the organiser without their e-mail address.
#include "calendar_fixture.hpp"

using namespace qt::test;
using namespace qt::test::cal;

namespace {
std::string status_of(Person& p, const boost::json::object& e, boost::json::object body) {
  auto r = ok(p.send("PUT", epath(e, "/rsvp"), body));
  return std::string(r.at("status").as_string());
}
bool notified(Person& p, const std::string& needle) {
  return p.get("/api/notifications").body.find(needle) != std::string::npos;
}
}  // namespace

TEST_CASE("answers: capacity, guests, waiting list, attendees, notices", "[calendar][rsvp]") {
  for_each_dialect([](const DbTarget& target) {
    CalendarServer s(target.url);
    auto org = s.person("olga");
    auto anna = s.person("anna");
    auto ben = s.person("ben");
    auto cem = s.person("cem");
    auto dora = s.person("dora");
    const auto city = calendar_of(org, "city").at("id").as_int64();
    auto tour = create_event(org, city, {{"title", "Stadtführung"}, {"capacity", 3}});

    CHECK(anna.send("PUT", epath(tour, "/rsvp"), {{"status", "yes"}}).error_code() == "invalid_status");
    CHECK(anna.send("PUT", epath(tour, "/rsvp"), {{"status", "going"}, {"guests", 11}}).error_code() == "invalid_guests");
    CHECK(status_of(anna, tour, {{"status", "going"}, {"guests", 1}}) == "going");  // 2 of 3 seats
    CHECK(status_of(ben, tour, {{"status", "going"}, {"guests", 1}}) == "waiting");  // 2 more do not fit
    CHECK(status_of(cem, tour, {{"status", "going"}, {"guests", 1}}) == "waiting");
    CHECK(status_of(dora, tour, {{"status", "going"}}) == "waiting");  // 1 would fit, but Ben and Cem were first
    CHECK(status_of(dora, tour, {{"status", "going"}}) == "waiting");  // asking again keeps the place
    auto summary = ok(anna.get(epath(tour))).at("rsvps").as_array();
    REQUIRE(summary.size() == 1);
    CHECK(summary[0].at("going").as_int64() == 2);
    CHECK(summary[0].at("waiting").as_int64() == 3);
    CHECK(summary[0].at("mine").at("status").as_string() == "going");

    // Attendees: the organiser sees them, others do not.
    CHECK(ben.get(epath(tour, "/attendees")).error_code() == "not_organiser");
    auto list = ok(org.get(epath(tour, "/attendees"))).at("attendees").as_array();
    REQUIRE(list.size() == 4);
    CHECK(list[0].at("display_name").as_string() == "anna");
    CHECK(list[1].at("display_name").as_string() == "ben");
    CHECK(list[1].at("status").as_string() == "waiting");
    CHECK(list[3].at("display_name").as_string() == "dora");

    // Anna declines: Ben (2 seats) moves up and is told; Cem (2 more) does not fit, and Dora
    // waits behind him.
    CHECK(status_of(anna, tour, {{"status", "declined"}}) == "declined");
    auto mine = [&](Person& p) { return std::string(ok(p.get(epath(tour))).at("rsvps").as_array()[0].at("mine").at("status").as_string()); };
    CHECK(mine(ben) == "going");
    CHECK(notified(ben, "Nachgerückt"));
    CHECK(mine(cem) == "waiting");
    CHECK(mine(dora) == "waiting");
    // Ben withdraws: Cem (2 seats) and then Dora (1) move up, in that order.
    CHECK(ben.send("DELETE", epath(tour, "/rsvp")).status == 204);
    CHECK(ben.send("DELETE", epath(tour, "/rsvp")).error_code() == "no_answer");
    CHECK(mine(cem) == "going");
    CHECK(notified(cem, "Nachgerückt"));
    CHECK(mine(dora) == "going");
    CHECK(notified(dora, "Nachgerückt"));

    // The organiser opens the list to everyone who may read the event.
    ok(org.send("PATCH", epath(tour), {{"attendees_public", true}}));
    CHECK(ok(ben.get(epath(tour, "/attendees"))).at("attendees").as_array().size() == 3);

    // A message to everyone who answered (not those who declined), and one to the organiser.
    CHECK(ben.send("POST", epath(tour, "/message"), {{"text", "Hallo"}}).status == 403);
    CHECK(org.send("POST", epath(tour, "/message"), {{"text", ""}}).error_code() == "invalid_text");
    CHECK(org.send("POST", epath(tour, "/message"), {{"text", "Treffpunkt ist das Rathaus"}}).status == 204);
    CHECK(notified(cem, "Treffpunkt ist das Rathaus"));
    CHECK_FALSE(notified(anna, "Treffpunkt ist das Rathaus"));
    auto contact = cem.send("POST", epath(tour, "/contact"), {{"text", "Ist es barrierefrei?"}});
    CHECK(contact.status == 201);
    CHECK(contact.body.find("olga@") == std::string::npos);
    CHECK(org.send("POST", epath(tour, "/contact"), {{"text", "Ich selbst"}}).error_code() == "no_organiser");

    // Cancelling the event tells everyone who answered.
    CHECK(org.send("DELETE", epath(tour)).status == 204);
    CHECK(notified(cem, "Abgesagt"));
    CHECK(cem.send("PUT", epath(tour, "/rsvp"), {{"status", "going"}}).status == 404);
  });
}
