#pragma once
// The meinBerlin adapter: reads the public lists (/api/projects/, /api/plans/) as
// /work/shared/reference/meinberlin-api.md describes them, leniently: both datetime formats,
// relative and absolute URLs, unknown fields ignored, optional fields missing, markup stripped,
// a malformed record skipped with its reason (the rest imported). A second source (Decidim's or
// CONSUL's GraphQL) is another adapter that yields the same SourceProject list (see README.md).
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace participation {

// What any source yields; the store (importer.cpp) knows nothing about meinBerlin.
struct SourceProject {
  std::string external_id, kind, title, description, organisation, district, phase, url;
  std::string image, image_alt, image_copyright;
  bool active = false;
  std::optional<std::int64_t> end_at;  // UTC ms
  std::optional<double> lat, lon;
};

struct Parsed {
  std::vector<SourceProject> projects;
  std::vector<std::string> skipped;  // one reason per malformed record
};

// A body that is not a JSON array throws std::runtime_error naming what came instead.
// kind: "project" or "plan"; base: "https://mein.berlin.de" (relative URLs are made absolute).
Parsed parse_meinberlin(std::string_view body, std::string_view kind, std::string_view base);

// Kept: the configured districts and city-wide projects ("Gesamtstädtisch"); all when none configured.
bool district_kept(const std::string& district, const std::vector<std::string>& districts);

// ISO 8601 with offset ("2026-07-31T23:59:00+02:00") or the older "2019-05-31 21:59:00+00:00".
std::optional<std::int64_t> parse_datetime(std::string_view s);

// Text without HTML tags, with the common entities decoded and white space collapsed.
std::string strip_markup(std::string_view s);

}  // namespace participation
