// Which migration files apply to a dialect: names, versions, duplicates.
#include <algorithm>
#include <map>
#include <regex>

#include "platform/db/migrations.hpp"
#include "platform/util/embedded.hpp"

namespace qt::db {

namespace {

struct Parsed {
  int version = 0;
  std::string base;     // "0010_people"
  std::string dialect;  // "", "sqlite" or "postgresql"
};

Parsed parse_name(const std::string& name) {
  static const std::regex pattern(R"(^(\d{4,9})_([A-Za-z0-9_-]+?)(\.(sqlite|postgresql))?\.sql$)");
  std::smatch m;
  if (!std::regex_match(name, m, pattern))
    throw DbError("The migration file name \"" + name +
                  "\" is not understood. Name it NNNN_what.sql (both databases) or NNNN_what.sqlite.sql / "
                  "NNNN_what.postgresql.sql (one of them), with a number of at least four digits.");
  Parsed p;
  p.version = std::stoi(m[1].str());
  if (p.version <= 0) throw DbError("The migration file \"" + name + "\" has version 0; numbering starts at 0001.");
  p.base = m[1].str() + "_" + m[2].str();
  p.dialect = m[4].str();
  return p;
}

}  // namespace

std::vector<Migration> select_migrations(const std::vector<std::pair<std::string, std::string>>& files,
                                         Dialect dialect) {
  struct Entry {
    std::string base;
    std::map<std::string, const std::pair<std::string, std::string>*> by_dialect;  // "" / sqlite / postgresql
  };
  std::map<int, Entry> versions;
  for (const auto& file : files) {
    const Parsed p = parse_name(file.first);
    auto& entry = versions[p.version];
    const bool clash = !entry.by_dialect.empty() &&
                       (entry.base != p.base || entry.by_dialect.count(p.dialect) || p.dialect.empty() ||
                        entry.by_dialect.count(""));
    if (clash) {
      std::string others;
      for (const auto& [d, f] : entry.by_dialect) others += (others.empty() ? "" : ", ") + f->first;
      throw DbError("Two migration files claim version " + std::to_string(p.version) + ": " + file.first + " and " +
                    others + ". Each version is one file for both databases or one .sqlite.sql plus one "
                    ".postgresql.sql of the same name; renumber the newer one.");
    }
    entry.base = p.base;
    entry.by_dialect[p.dialect] = &file;
  }
  std::vector<Migration> out;
  const std::string wanted(dialect_name(dialect));
  for (const auto& [version, entry] : versions) {
    auto it = entry.by_dialect.find("");
    if (it == entry.by_dialect.end()) it = entry.by_dialect.find(wanted);
    if (it == entry.by_dialect.end()) continue;  // a version only the other database needs
    out.push_back(Migration{version, it->second->first, it->second->second});
  }
  return out;
}

std::vector<Migration> core_migrations(Dialect dialect) {
  static constexpr std::string_view prefix = "migrations/";
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& f : embedded::files()) {
    if (f.name.substr(0, prefix.size()) != prefix) continue;
    const auto name = f.name.substr(prefix.size());
    if (name.find('/') != std::string_view::npos) continue;
    files.emplace_back(std::string(name), std::string(f.data));
  }
  return select_migrations(files, dialect);
}

}  // namespace qt::db
