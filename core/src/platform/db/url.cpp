#include "platform/db/url.hpp"

namespace qt::db {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Replaces the value of every password=... query/keyword parameter.
std::string mask_query_passwords(std::string s) {
  static constexpr std::string_view key = "password=";
  std::size_t pos = 0;
  while ((pos = s.find(key, pos)) != std::string::npos) {
    const bool at_boundary = pos == 0 || s[pos - 1] == '?' || s[pos - 1] == '&' || s[pos - 1] == ' ';
    pos += key.size();
    if (!at_boundary) continue;
    std::size_t end = s.find_first_of("& ", pos);
    if (end == std::string::npos) end = s.size();
    s.replace(pos, end - pos, "***");
    pos += 3;
  }
  return s;
}

}  // namespace

std::string mask_password(std::string_view url) {
  std::string out(url);
  const auto scheme_end = out.find("://");
  if (scheme_end != std::string::npos) {
    const auto auth_begin = scheme_end + 3;
    auto auth_end = out.find_first_of("/?#", auth_begin);
    if (auth_end == std::string::npos) auth_end = out.size();
    const auto at = out.rfind('@', auth_end);
    if (at != std::string::npos && at >= auth_begin) {
      const auto colon = out.find(':', auth_begin);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  return mask_query_passwords(std::move(out));
}

ParsedUrl parse_url(const std::string& url) {
  ParsedUrl p;
  p.display = mask_password(url);
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
    p.dialect = Dialect::postgresql;
    p.target = url;
    return p;
  }
  if (starts_with(url, "sqlite:")) {
    std::string path = url.substr(7);
    if (starts_with(path, "//")) path.erase(0, 2);  // sqlite:///abs/path
    if (path.empty())
      throw DbError("The database URL \"sqlite:\" names no file. Write e.g. url = \"sqlite:data/quartier.db\".");
    if (path.find('"') != std::string::npos)
      throw DbError("The SQLite path in \"" + p.display + "\" contains a double quote; choose a path without one.");
    p.dialect = Dialect::sqlite;
    p.memory = path == ":memory:";
    p.target = path;
    return p;
  }
  throw DbError("The database URL \"" + p.display +
                "\" is not understood. Use \"sqlite:path/to/quartier.db\" for the embedded database or "
                "\"postgresql://user:password@host:5432/dbname\" for PostgreSQL.");
}

}  // namespace qt::db
