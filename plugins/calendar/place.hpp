#pragma once
#include "event.hpp"

namespace calendar {
// Sets the event's neighbourhood (its container's, else where its coordinates lie) and refuses
// coordinates outside the outline of the neighbourhood whose calendar it is in.
void check_place(Event& e);
}  // namespace calendar
