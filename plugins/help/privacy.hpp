#pragma once
// The person's part of the data export, and erasure with the account: their requests (with
// their own risk-group mark), offers, offers to help, matches and thanks.
#include <cstdint>
#include <string>

namespace help {

std::string export_person(std::int64_t user);
// Inside the core's deletion transaction.
void erase_person(std::int64_t user);

}  // namespace help
