#pragma once
// The market's part of a person's data export and account erasure.
#include <cstdint>
#include <string>

namespace market {

// Their listings, the profiles they manage, the businesses they follow, their business posts.
std::string export_person(std::int64_t user);
// Their listings and follows go; the profiles they managed stay for the other managers (or, with
// none left, for the municipality to hand over), without the person's name on them.
void erase_person(std::int64_t user);

}  // namespace market
