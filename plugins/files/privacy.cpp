#include "privacy.hpp"

#include <vector>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

#include "blobs.hpp"
#include "links.hpp"
#include "versions.hpp"

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
  // The contents they uploaded that are now older versions of a file (theirs or another's).
  boost::json::array versions;
  quartier::Statement v("SELECT v.id, v.item_id, i.name, v.bytes, v.mime, COALESCE(v.blob_key, ''), v.created_at"
                        " FROM files_versions v JOIN files_items i ON i.id = v.item_id WHERE v.uploaded_by = :u ORDER BY v.id");
  v.bind("u", user);
  while (v.step())
    versions.push_back(boost::json::object{
        {"id", v.int64(0)}, {"item_id", v.int64(1)}, {"name", v.text(2)}, {"bytes", v.int64(3)}, {"mime", v.text(4)},
        {"sha256", v.text(5)}, {"created_at", v.int64(6)},
        {"download", "/api/p/files/items/" + std::to_string(v.int64(1)) + "/versions/" + std::to_string(v.int64(0)) + "/content"}});
  return boost::json::serialize(boost::json::object{{"items", items}, {"versions", versions}});
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
  std::vector<std::int64_t> own;
  {
    quartier::Statement s("SELECT id FROM files_items WHERE space_kind = 'person' AND space_ref = :u");
    s.bind("u", user);
    while (s.step()) own.push_back(s.int64(0));
  }
  drop_versions(own);
  drop_links(own);
  quartier::Statement del("DELETE FROM files_items WHERE space_kind = 'person' AND space_ref = :u");
  del.bind("u", user);
  del.run();
  for (const char* sql : {"UPDATE files_items SET owner_id = 0 WHERE owner_id = :u",
                          "UPDATE files_items SET content_by = 0 WHERE content_by = :u",
                          "UPDATE files_versions SET uploaded_by = 0 WHERE uploaded_by = :u",
                          "UPDATE files_links SET created_by = 0 WHERE created_by = :u"}) {
    quartier::Statement anon(sql);
    anon.bind("u", user);
    anon.run();
  }
  quartier::Statement deps("UPDATE files_departments SET created_by = 0 WHERE created_by = :u");
  deps.bind("u", user);
  deps.run();
  sweep_later(keys);
}

}  // namespace files
