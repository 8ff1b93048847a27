#pragma once
// The content module's part of the privacy rights (registered as provider "content"):
// export everything a person made or received here; erase what is theirs and anonymise what
// others keep (their comments in others' threads stay as "deleted" without text, so replies
// keep their place).
#include <cstdint>

#include <boost/json/value.hpp>
#include <soci/soci.h>

namespace qt::content {

boost::json::value export_person(soci::session& s, std::int64_t user_id);
void erase_person(soci::session& s, std::int64_t user_id);

}  // namespace qt::content
