#pragma once
// Quotas from [plugins.files]: quota_person_mb for a person's private space, quota_group_mb for
// a group's, quota_department_mb for a department's (each 0 = quota_space_mb, the limit for any
// space), and quota_site_mb for the whole site; 0 = none. A space counts every file it holds,
// the trash included (the trash keeps the content for 30 days); the site counts each stored
// content once (the blob store keeps identical files once). An upload that would go over
// either is refused before its content enters the store.
#include <cstdint>

#include <boost/json.hpp>

#include "space.hpp"

namespace files {

// Reads and checks the quota settings (throws quartier::Error for a negative one).
void load_quotas();
// HttpError 413 "quota_exceeded" when `incoming` more bytes would not fit the space, 507
// "storage_full" when they would not fit the site.
void check_quota(const Space& sp, std::int64_t incoming);
// The same check, made again in the transaction that inserts the row, so that two uploads at
// once cannot both take the last space (SQLite's writer lock; an advisory lock on PostgreSQL).
void check_quota_locked(const Space& sp, std::int64_t incoming);
// {"used_bytes", "trash_bytes", "quota_bytes"} of the space (quota 0 = none); with `site`, also
// {"site": {"used_bytes", "quota_bytes"}} (for admins).
boost::json::object usage_json(const Space& sp, bool site);

}  // namespace files
