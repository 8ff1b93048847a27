#include "group.hpp"

#include <array>

namespace groups {

Group read_group(const quartier::Statement& s) {
  Group g;
  g.id = s.int64(0);
  g.container_id = s.int64(1);
  g.slug = s.text(2);
  g.name = s.text(3);
  g.description = s.text(4);
  g.image = s.text(5);
  g.neighbourhood_id = s.optional_int64(6);
  g.category = s.text(7);
  g.visibility = s.text(8);
  g.created_by = s.int64(9);
  g.created_at = s.int64(10);
  g.updated_at = s.int64(11);
  if (auto key = s.optional_text(12)) g.picture_key = *key;
  return g;
}

std::optional<Group> find_by_slug(std::string_view slug) {
  quartier::Statement s(std::string("SELECT ") + kGroupCols + " FROM groups_groups WHERE slug = :slug");
  s.bind("slug", slug);
  if (!s.step()) return std::nullopt;
  return read_group(s);
}

std::optional<Group> find_by_id(std::int64_t id) {
  quartier::Statement s(std::string("SELECT ") + kGroupCols + " FROM groups_groups WHERE id = :id");
  s.bind("id", id);
  if (!s.step()) return std::nullopt;
  return read_group(s);
}

std::vector<Group> find_by_containers(const std::vector<std::int64_t>& ids) {
  std::vector<Group> out;
  // Bounded IN lists: one statement per 200 ids.
  for (std::size_t start = 0; start < ids.size(); start += 200) {
    const std::size_t end = std::min(ids.size(), start + 200);
    std::string sql = std::string("SELECT ") + kGroupCols + " FROM groups_groups WHERE container_id IN (";
    for (std::size_t i = start; i < end; ++i) sql += (i == start ? ":c" : ", :c") + std::to_string(i - start);
    sql += ") ORDER BY name, id";
    quartier::Statement s(sql);
    for (std::size_t i = start; i < end; ++i) s.bind("c" + std::to_string(i - start), ids[i]);
    while (s.step()) out.push_back(read_group(s));
  }
  return out;
}

bool valid_category(std::string_view c) {
  static constexpr std::array<std::string_view, 6> all{"verein", "initiative", "schule", "nachbarschaft", "verwaltung", "other"};
  for (auto x : all)
    if (x == c) return true;
  return false;
}

bool valid_visibility(std::string_view v) { return v == "public" || v == "private" || v == "hidden"; }

std::string container_visibility(std::string_view v) {
  if (v == "public") return "public";
  if (v == "hidden") return "hidden";
  return "members";
}

bool valid_slug(std::string_view s) {
  if (s.size() < 2 || s.size() > 64 || s.front() == '-' || s.back() == '-') return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

std::string slug_from_name(std::string_view name) {
  std::string out;
  auto add = [&](std::string_view part) {
    for (char c : part) {
      if (out.size() >= 60) return;
      if (c == '-') {
        if (!out.empty() && out.back() != '-') out += '-';
      } else {
        out += c;
      }
    }
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c >= 'A' && c <= 'Z') {
      add(std::string(1, static_cast<char>(c - 'A' + 'a')));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      add(std::string(1, static_cast<char>(c)));
    } else if (c == 0xC3 && i + 1 < name.size()) {  // the German letters in UTF-8
      const auto d = static_cast<unsigned char>(name[++i]);
      switch (d) {
        case 0xA4: case 0x84: add("ae"); break;  // ä Ä
        case 0xB6: case 0x96: add("oe"); break;  // ö Ö
        case 0xBC: case 0x9C: add("ue"); break;  // ü Ü
        case 0x9F: add("ss"); break;             // ß
        default: add("-");
      }
    } else if (c >= 0x80) {
      while (i + 1 < name.size() && (static_cast<unsigned char>(name[i + 1]) & 0xC0) == 0x80) ++i;
      add("-");
    } else {
      add("-");
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

const char* role_name(int role) {
  switch (role) {
    case QT_MEMBER_OWNER: return "owner";
    case QT_MEMBER_MODERATOR: return "moderator";
    default: return "member";
  }
}

std::optional<int> role_from(std::string_view name) {
  if (name == "owner") return QT_MEMBER_OWNER;
  if (name == "moderator") return QT_MEMBER_MODERATOR;
  if (name == "member") return QT_MEMBER_MEMBER;
  return std::nullopt;
}

Caller caller_in(const quartier::Request& req, const Group& g) {
  Caller c;
  c.user_id = req.user_id();
  c.site_role = req.role();
  if (c.user_id != 0) c.role = quartier::member_role(g.container_id, c.user_id);
  return c;
}

void not_found() {
  throw quartier::HttpError(404, "not_found",
                            "Diese Gruppe gibt es nicht (oder sie ist nicht sichtbar). / This group does not exist "
                            "(or is not visible to you).");
}

Found load_visible(const quartier::Request& req) {
  auto slug = req.param("slug");
  if (!slug) not_found();
  auto g = find_by_slug(*slug);
  if (!g) not_found();
  auto c = caller_in(req, *g);
  if (g->visibility == "hidden" && !c.member() && !c.admin()) not_found();
  return {std::move(*g), c};
}

void require_manager(const Caller& c) {
  if (!c.manager())
    throw quartier::HttpError(403, "forbidden",
                              "Das dürfen nur Verantwortliche der Gruppe (Eigentümer, Moderation). / Only the group's "
                              "owners and moderators may do this.");
}

void require_owner(const Caller& c) {
  if (!c.owner())
    throw quartier::HttpError(403, "forbidden",
                              "Das dürfen nur Eigentümer der Gruppe. / Only the group's owners may do this.");
}

int owner_count(const Group& g) {
  int n = 0;
  std::int64_t after = 0;
  for (;;) {
    auto page = quartier::members(g.container_id, after, 1000);
    for (const auto& m : page)
      if (m.role == QT_MEMBER_OWNER) ++n;
    if (page.size() < 1000) break;
    after = page.back().user_id;
  }
  return n;
}

void lock_group(const Group& g) {
  quartier::Statement s("UPDATE groups_groups SET updated_at = updated_at WHERE id = :id");
  s.bind("id", g.id);
  s.run();
}

namespace {
// The uploaded picture's address (the key's start in it, so a new picture is a new address),
// else an older path on this server, else null.
boost::json::value image_json(const Group& g) {
  if (!g.picture_key.empty())
    return boost::json::value("/api/p/groups/groups/" + g.slug + "/picture?v=" + g.picture_key.substr(0, 16));
  if (g.image.empty()) return nullptr;
  return boost::json::value(g.image);
}
}  // namespace

boost::json::object to_json(const Group& g) {
  boost::json::object o{{"id", g.id},
                        {"slug", g.slug},
                        {"name", g.name},
                        {"description", g.description},
                        {"image", image_json(g)},
                        {"category", g.category},
                        {"visibility", g.visibility},
                        {"container_id", g.container_id},
                        {"created_at", g.created_at}};
  o["neighbourhood_id"] = g.neighbourhood_id ? boost::json::value(*g.neighbourhood_id) : boost::json::value(nullptr);
  return o;
}

boost::json::object to_json(const Group& g, const Caller& c, bool with_counts) {
  auto o = to_json(g);
  o["my_role"] = c.role ? boost::json::value(role_name(*c.role)) : boost::json::value(nullptr);
  o["can_manage"] = c.manager();
  if (with_counts) {
    std::int64_t n = 0, after = 0;
    for (;;) {
      auto page = quartier::members(g.container_id, after, 1000);
      n += static_cast<std::int64_t>(page.size());
      if (page.size() < 1000) break;
      after = page.back().user_id;
    }
    o["member_count"] = n;
  }
  return o;
}

}  // namespace groups
