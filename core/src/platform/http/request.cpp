#include "platform/http/request.hpp"

#include <charconv>
#include <system_error>

#include <boost/json/object.hpp>

#include "platform/http/response.hpp"
#include "platform/http/url_decode.hpp"
#include "platform/json/utf8.hpp"

namespace qt::http {

BodyFile::~BodyFile() {
  std::error_code ec;
  if (!path.empty()) std::filesystem::remove(path, ec);  // gone already (moved) is fine
}

std::optional<std::string_view> Request::header(std::string_view lower_name) const {
  for (const auto& h : headers)
    if (h.name == lower_name) return std::string_view(h.value);
  return std::nullopt;
}

std::optional<std::string_view> Request::param(std::string_view name) const {
  for (const auto& [k, v] : path_params)
    if (k == name) return std::string_view(v);
  return std::nullopt;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  std::string_view q = query;
  while (!q.empty()) {
    const auto amp = q.find('&');
    const std::string_view pair = q.substr(0, amp);
    const auto eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    if (percent_decode(key, true) == name) {
      auto value = eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1), true);
      // A decoded value is UTF-8 text or a 400 (invalid_parameter, details {"parameter"}): other
      // bytes would reach the database (PostgreSQL refuses them: a 500) and JSON answers.
      if (json::first_invalid_utf8(value))
        throw HttpError(400, "invalid_parameter",
                        "Der Parameter '" + std::string(name) + "' ist kein gültiger UTF-8-Text; bitte die Eingabe "
                        "prüfen. / The parameter '" + std::string(name) + "' is not valid UTF-8 text; please check the input.",
                        boost::json::object{{"parameter", name}});
      return value;
    }
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

std::int64_t Request::id_param(std::string_view name) const {
  const auto v = param(name);
  std::int64_t id = 0;
  if (v) {
    const auto* end = v->data() + v->size();
    const auto [p, ec] = std::from_chars(v->data(), end, id);
    if (ec == std::errc() && p == end && id > 0) return id;
  }
  throw HttpError(400, "invalid_id",
                  "Ungültige Kennung im Pfad (" + std::string(name) +
                      "): erwartet wird eine positive ganze Zahl. / Invalid id in the path: a positive integer is expected.");
}

}  // namespace qt::http
