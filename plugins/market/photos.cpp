#include "photos.hpp"

#include <quartier/plugin.hpp>

namespace market {
namespace {

const char* column(PhotoOwner o) { return o == PhotoOwner::listing ? "listing_id" : "business_id"; }

constexpr const char* kCols = "id, listing_id, business_id, uploader_id, blob_key, thumb_key, created_at";

Photo read_photo(const quartier::Statement& s) {
  Photo p;
  p.id = s.int64(0);
  p.owner = s.is_null(1) ? PhotoOwner::business : PhotoOwner::listing;
  p.owner_id = s.is_null(1) ? s.int64(2) : s.int64(1);
  p.uploader_id = s.int64(3);
  p.key = s.text(4);
  p.thumb_key = s.text(5);
  p.created_at = s.int64(6);
  return p;
}

bool referenced(const std::string& key) {
  quartier::Statement s("SELECT 1 FROM market_photos WHERE blob_key = :k OR thumb_key = :k2");
  s.bind("k", key).bind("k2", key);
  return s.step();
}

}  // namespace

std::vector<Photo> photos_of(PhotoOwner owner, std::int64_t owner_id) {
  quartier::Statement s(std::string("SELECT ") + kCols + " FROM market_photos WHERE " + column(owner) + " = :o ORDER BY id");
  s.bind("o", owner_id);
  std::vector<Photo> out;
  while (s.step()) out.push_back(read_photo(s));
  return out;
}

std::map<std::int64_t, Photo> first_photos(PhotoOwner owner, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, Photo> out;
  if (ids.empty()) return out;
  // The ids are integers the plugin read itself, so they are written into the SQL directly.
  std::string in;
  for (auto id : ids) in += (in.empty() ? "" : ",") + std::to_string(id);
  const std::string col = column(owner);
  quartier::Statement s(std::string("SELECT ") + kCols + " FROM market_photos WHERE id IN (SELECT MIN(id) FROM market_photos WHERE " +
                        col + " IN (" + in + ") GROUP BY " + col + ")");
  while (s.step()) {
    auto p = read_photo(s);
    out.emplace(p.owner_id, std::move(p));
  }
  return out;
}

std::optional<Photo> find_photo(std::int64_t id) {
  quartier::Statement s(std::string("SELECT ") + kCols + " FROM market_photos WHERE id = :id");
  s.bind("id", id);
  if (!s.step()) return std::nullopt;
  return read_photo(s);
}

std::string photo_url(const Photo& p, bool thumb) {
  return "/api/p/market/photos/" + std::to_string(p.id) + (thumb ? "/thumb" : "");
}

boost::json::object photo_json(const Photo& p) {
  return {{"id", p.id}, {"url", photo_url(p, false)}, {"thumb_url", photo_url(p, true)}, {"created_at", p.created_at}};
}

boost::json::array photos_json(const std::vector<Photo>& photos) {
  boost::json::array out;
  for (const auto& p : photos) out.push_back(photo_json(p));
  return out;
}

void delete_photos(PhotoOwner owner, std::int64_t owner_id) {
  std::vector<std::string> keys;
  for (const auto& p : photos_of(owner, owner_id)) keys.insert(keys.end(), {p.key, p.thumb_key});
  if (keys.empty()) return;
  quartier::Statement del(std::string("DELETE FROM market_photos WHERE ") + column(owner) + " = :o");
  del.bind("o", owner_id);
  del.run();
  sweep_later(keys);
}

void sweep_later(const std::vector<std::string>& keys) {
  boost::json::array list;
  for (const auto& k : keys)
    if (!k.empty()) list.push_back(boost::json::string(k));
  if (!list.empty()) quartier::job_enqueue("sweep_photos", boost::json::serialize(boost::json::object{{"keys", list}}));
}

void drop_if_unused(const std::string& key) {
  if (!key.empty() && !referenced(key)) quartier::remove_blob(key);
}

void add_photo_jobs() {
  quartier::job_handler("sweep_photos", [](const quartier::JobInfo& job) {
    const auto payload = boost::json::parse(job.payload);
    for (const auto& k : payload.at("keys").as_array()) drop_if_unused(std::string(k.as_string()));
  });
}

}  // namespace market
