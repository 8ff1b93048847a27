#pragma once
// Quotas from [plugins.files]: quota_space_mb for each space (a person's, a group's, a
// department's) and quota_site_mb for all files together; 0 = none. An upload that would go over
// either is refused before its content enters the store (the temporary file is dropped).
#include <cstdint>

#include <boost/json.hpp>

#include "space.hpp"

namespace files {

// HttpError 413 "quota_exceeded" when `incoming` more bytes would not fit.
void check_quota(const Space& sp, std::int64_t incoming);
// {"used_bytes", "quota_bytes"} of the space (quota 0 = none), for the UI.
boost::json::object usage_json(const Space& sp);

}  // namespace files
