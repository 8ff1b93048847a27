#include "blobs.hpp"

#include <boost/json.hpp>

namespace files {

namespace {
bool referenced(const std::string& key) {
  quartier::Statement s("SELECT 1 FROM files_items WHERE blob_key = :k OR preview_key = :k"
                        " UNION ALL SELECT 1 FROM files_versions WHERE blob_key = :k OR preview_key = :k");
  s.bind("k", key);
  return s.step();
}
}  // namespace

void drop_if_unused(const std::string& key) {
  if (!key.empty() && !referenced(key)) quartier::remove_blob(key);
}

void sweep_later(const std::vector<std::string>& keys) {
  boost::json::array list;
  for (const auto& k : keys)
    if (!k.empty()) list.push_back(boost::json::string(k));
  if (list.empty()) return;
  quartier::job_enqueue("sweep_blobs", boost::json::serialize(boost::json::object{{"keys", list}}));
}

void add_blob_jobs(quartier::Plugin&) {
  quartier::job_handler("sweep_blobs", [](const quartier::JobInfo& job) {
    const auto payload = boost::json::parse(job.payload);
    for (const auto& k : payload.at("keys").as_array()) drop_if_unused(std::string(k.as_string()));
  });
}

}  // namespace files
