#include "privacy.hpp"

#include <vector>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

#include "blobs.hpp"

namespace files {

std::string export_person(std::int64_t user) {
  boost::json::array items;
  quartier::Statement s("SELECT id, space_kind, space_ref, parent_id, is_folder, name, bytes, mime, COALESCE(blob_key, ''),"
                        " created_at, updated_at FROM files_items WHERE owner_id = :u ORDER BY id");
  s.bind("u", user);
  while (s.step()) {
    boost::json::object o{{"id", s.int64(0)},        {"space", s.text(1)},     {"space_id", s.int64(2)},
                          {"parent_id", s.int64(3)}, {"kind", s.int64(4) ? "folder" : "file"},
                          {"name", s.text(5)},       {"created_at", s.int64(9)}, {"updated_at", s.int64(10)}};
    if (!s.int64(4)) {
      o["bytes"] = s.int64(6);
      o["mime"] = s.text(7);
      o["sha256"] = s.text(8);
      o["download"] = "/api/p/files/items/" + std::to_string(s.int64(0)) + "/content";
    }
    items.push_back(std::move(o));
  }
  return boost::json::serialize(boost::json::object{{"items", items}});
}

void erase_person(std::int64_t user) {
  std::vector<std::string> keys;
  {
    quartier::Statement s("SELECT COALESCE(blob_key, ''), COALESCE(preview_key, '') FROM files_items"
                          " WHERE space_kind = 'person' AND space_ref = :u");
    s.bind("u", user);
    while (s.step()) {
      keys.push_back(s.text(0));
      keys.push_back(s.text(1));
    }
  }
  quartier::Statement del("DELETE FROM files_items WHERE space_kind = 'person' AND space_ref = :u");
  del.bind("u", user);
  del.run();
  quartier::Statement anon("UPDATE files_items SET owner_id = 0 WHERE owner_id = :u");
  anon.bind("u", user);
  anon.run();
  quartier::Statement deps("UPDATE files_departments SET created_by = 0 WHERE created_by = :u");
  deps.bind("u", user);
  deps.run();
  sweep_later(keys);
}

}  // namespace files
