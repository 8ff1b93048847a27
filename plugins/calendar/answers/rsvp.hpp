#pragma once
// Answers (going / maybe / declined) per occurrence, with capacity and a waiting list that
// moves up by itself in the order people asked; whoever moves up is notified.
#include <boost/json.hpp>

#include "event.hpp"

namespace calendar {

// Per answered occurrence: seats taken, waiting, maybe, and the person's own answer.
boost::json::array rsvp_summary(const Event& e, std::int64_t user);
// Stores an answer; returns the status stored ("waiting" when going did not fit).
std::string answer(const Event& e, const std::string& rid, std::int64_t user, const std::string& status, std::int64_t guests);
// Removes an answer (and moves the waiting list up).
bool withdraw(const Event& e, const std::string& rid, std::int64_t user);
// Moves waiting people up while their seats fit.
void move_up(const Event& e, const std::string& rid);

}  // namespace calendar
