#include "plugin_host/sql_params.hpp"

#include <cctype>

namespace qt::plugin_host {
namespace {

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Copies a quoted run starting at sql[i] (the opening quote) through its closing quote.
std::size_t copy_quoted(std::string_view sql, std::size_t i, char quote, std::string& out) {
  out += sql[i++];
  while (i < sql.size()) {
    char c = sql[i++];
    out += c;
    if (c == quote) {
      if (i < sql.size() && sql[i] == quote) {  // doubled quote escapes itself
        out += sql[i++];
        continue;
      }
      break;
    }
  }
  return i;
}

}  // namespace

PositionalSql to_positional(std::string_view sql) {
  PositionalSql r;
  r.sql.reserve(sql.size() + 8);
  std::size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      i = copy_quoted(sql, i, c, r.sql);
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      auto end = sql.find('\n', i);
      if (end == std::string_view::npos) end = sql.size();
      r.sql.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      auto end = sql.find("*/", i + 2);
      end = end == std::string_view::npos ? sql.size() : end + 2;
      r.sql.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '$' && i + 1 < sql.size() && (sql[i + 1] == '$' || name_start(sql[i + 1]))) {
      // Dollar quote $tag$...$tag$ (a $ followed by digits is already positional: copy it).
      std::size_t j = i + 1;
      while (j < sql.size() && name_char(sql[j])) ++j;
      if (j < sql.size() && sql[j] == '$') {
        auto tag = sql.substr(i, j - i + 1);
        auto end = sql.find(tag, j + 1);
        end = end == std::string_view::npos ? sql.size() : end + tag.size();
        r.sql.append(sql.substr(i, end - i));
        i = end;
      } else {
        r.sql.append(sql.substr(i, j - i));
        i = j;
      }
    } else if (c == ':' && i + 1 < sql.size() && sql[i + 1] == ':') {
      r.sql += "::";
      i += 2;
    } else if (c == ':' && i + 1 < sql.size() && name_start(sql[i + 1])) {
      std::size_t j = i + 1;
      while (j < sql.size() && name_char(sql[j])) ++j;
      std::string name(sql.substr(i + 1, j - i - 1));
      std::size_t index = 0;
      while (index < r.names.size() && r.names[index] != name) ++index;
      if (index == r.names.size()) r.names.push_back(name);
      r.sql += '$';
      r.sql += std::to_string(index + 1);
      i = j;
    } else {
      r.sql += c;
      ++i;
    }
  }
  return r;
}

bool is_read_only_sql(std::string_view sql) {
  std::size_t i = 0;
  while (i < sql.size()) {
    if (std::isspace(static_cast<unsigned char>(sql[i]))) {
      ++i;
    } else if (sql.substr(i, 2) == "--") {
      auto end = sql.find('\n', i);
      i = end == std::string_view::npos ? sql.size() : end + 1;
    } else if (sql.substr(i, 2) == "/*") {
      auto end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else if (sql[i] == '(') {
      ++i;
    } else {
      break;
    }
  }
  std::string word;
  while (i < sql.size() && name_char(sql[i]))
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
  return word == "SELECT" || word == "VALUES" || word == "EXPLAIN";
}

}  // namespace qt::plugin_host
