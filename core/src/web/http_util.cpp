#include "web/http_util.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include <boost/url/parse.hpp>
#include <quartier/json_body.hpp>

namespace qt::accounts {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "scheme://host[:port]" of a URL, lower-case, default ports dropped; "" if not a URL.
std::string origin_of(std::string_view url) {
  auto r = boost::urls::parse_absolute_uri(url);
  if (!r || !r->has_authority()) return {};
  std::string scheme = lower(r->scheme());
  std::string out = scheme + "://" + lower(r->encoded_host());
  if (r->has_port()) {
    const std::string port(r->port());
    if (!((scheme == "http" && port == "80") || (scheme == "https" && port == "443"))) out += ":" + port;
  }
  return out;
}

// The reader's refusal in the core's words: a 400 whose message names the field by its label.
http::HttpError as_http_error(const quartier::JsonBodyError& e, std::string_view label, std::string_view allowed) {
  using Kind = quartier::JsonBodyError::Kind;
  const std::string l(label);
  const boost::json::object field{{"field", e.field()}};
  switch (e.kind()) {
    case Kind::not_an_object:
      return http::HttpError(
          400, "invalid_json",
          "Der Inhalt der Anfrage ist kein gültiges JSON-Objekt. / The request body must be a JSON object.");
    case Kind::unknown_field:
      return http::HttpError(400, "unknown_field",
                             "Das Feld \"" + e.field() + "\" ist hier nicht erlaubt; erlaubt: " + std::string(allowed) +
                                 ". / Field not allowed here.",
                             field);
    case Kind::missing:
      return http::HttpError(400, "missing_field", l + " fehlt: bitte angeben. / is required.", field);
    case Kind::not_a_string:
      return http::HttpError(400, "invalid_field", l + ": bitte einen Text angeben. / must be a string.", field);
    case Kind::too_long:
      return http::HttpError(400, "invalid_field",
                             l + " ist zu lang (höchstens " + std::to_string(e.limit()) + " Zeichen). / is too long.",
                             field);
    case Kind::not_an_integer:
      return http::HttpError(400, "invalid_field", l + ": bitte eine ganze Zahl angeben. / must be an integer.", field);
    case Kind::not_a_boolean:
      return http::HttpError(400, "invalid_field", l + ": bitte true oder false angeben. / must be a boolean.", field);
  }
  return http::HttpError(400, e.code(), e.what(), field);
}

}  // namespace

TooManyRequests::TooManyRequests(std::int64_t seconds)
    : http::HttpError(429, "rate_limited",
                      "Zu viele Versuche. Bitte in " + std::to_string(seconds) +
                          " Sekunden erneut versuchen. / Too many attempts; please try again in " +
                          std::to_string(seconds) + " seconds.",
                      boost::json::object{{"retry_after", seconds}}),
      seconds_(seconds) {}

TooManyRequests::TooManyRequests(std::int64_t seconds, std::string code, const std::string& message)
    : http::HttpError(429, std::move(code), message, boost::json::object{{"retry_after", seconds}}), seconds_(seconds) {}

http::Handler with_retry_after(http::Handler h) {
  return [h = std::move(h)](http::Request& req) -> http::Response {
    try {
      return h(req);
    } catch (const TooManyRequests& e) {
      auto r = e.to_response();
      r.set_header("Retry-After", std::to_string(e.seconds()));
      return r;
    }
  };
}

boost::json::object json_body(const http::Request& req, std::string_view allowed) {
  try {
    auto o = quartier::json::parse_object(req.body);
    quartier::json::refuse_unknown(o, allowed);
    return o;
  } catch (const quartier::JsonBodyError& e) {
    throw as_http_error(e, "", allowed);
  }
}

std::optional<std::string> optional_string(const boost::json::object& o, std::string_view key, std::string_view label,
                                           std::size_t max_len) {
  try {
    return quartier::json::optional_string(o, key, max_len);
  } catch (const quartier::JsonBodyError& e) {
    throw as_http_error(e, label, {});
  }
}

std::string required_string(const boost::json::object& o, std::string_view key, std::string_view label,
                            std::size_t max_len) {
  try {
    return quartier::json::required_string(o, key, max_len);
  } catch (const quartier::JsonBodyError& e) {
    throw as_http_error(e, label, {});
  }
}

std::optional<std::int64_t> optional_int(const boost::json::object& o, std::string_view key, std::string_view label) {
  try {
    return quartier::json::optional_int(o, key);
  } catch (const quartier::JsonBodyError& e) {
    throw as_http_error(e, label, {});
  }
}

std::optional<bool> optional_bool(const boost::json::object& o, std::string_view key, std::string_view label) {
  try {
    return quartier::json::optional_bool(o, key);
  } catch (const quartier::JsonBodyError& e) {
    throw as_http_error(e, label, {});
  }
}

std::optional<std::string> cookie(const http::Request& req, std::string_view name) {
  for (const auto& h : req.headers) {
    if (h.name != "cookie") continue;
    std::string_view rest = h.value;
    while (!rest.empty()) {
      const auto semi = rest.find(';');
      std::string_view part = trim(rest.substr(0, semi));
      const auto eq = part.find('=');
      if (eq != std::string_view::npos && trim(part.substr(0, eq)) == name) {
        std::string_view v = trim(part.substr(eq + 1));
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
        return std::string(v);
      }
      if (semi == std::string_view::npos) break;
      rest.remove_prefix(semi + 1);
    }
  }
  return std::nullopt;
}

std::string own_origin(const http::Request& req, const std::string& public_url) {
  if (!public_url.empty()) return origin_of(public_url);
  const auto host = req.header("host");
  if (!host) return {};
  return origin_of(std::string(req.tls ? "https://" : "http://") + std::string(trim(*host)));
}

std::optional<http::Response> cross_site_refusal(const http::Request& req, const std::string& public_url) {
  if (auto site = req.header("sec-fetch-site"); site && lower(trim(*site)) == "cross-site")
    return http::Response::error(403, "cross_site",
                                 "Anfragen von fremden Websites sind nicht erlaubt. Bitte Quartier direkt aufrufen. / "
                                 "Requests from other sites are refused.");
  if (auto origin = req.header("origin")) {
    const std::string mine = own_origin(req, public_url);
    const std::string theirs = lower(trim(*origin)) == "null" ? std::string("null") : origin_of(trim(*origin));
    if (mine.empty() || theirs != mine)
      return http::Response::error(403, "foreign_origin",
                                   "Die Anfrage kommt von einer fremden Adresse (Origin). Bitte Quartier direkt "
                                   "aufrufen. / The request's Origin is not this server.");
  }
  return std::nullopt;
}

std::string pick_language(const http::Request& req, const std::string& user_language,
                          const std::vector<std::string>& languages, const std::string& default_language) {
  auto supported = [&](const std::string& l) { return std::find(languages.begin(), languages.end(), l) != languages.end(); };
  if (!user_language.empty() && supported(user_language)) return user_language;
  if (auto al = req.header("accept-language")) {
    // Highest q first; ties keep the header's order.
    struct Candidate { std::string lang; double q; std::size_t pos; };
    std::vector<Candidate> cands;
    std::string_view rest = *al;
    std::size_t pos = 0;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      std::string_view item = trim(rest.substr(0, comma));
      double q = 1.0;
      if (const auto semi = item.find(';'); semi != std::string_view::npos) {
        std::string_view params = trim(item.substr(semi + 1));
        if (params.rfind("q=", 0) == 0) {
          try {
            q = std::stod(std::string(params.substr(2)));
          } catch (...) {
            q = 0;
          }
        }
        item = trim(item.substr(0, semi));
      }
      std::string lang = lower(item.substr(0, item.find('-')));
      if (!lang.empty() && q > 0) cands.push_back({lang, q, pos++});
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    std::stable_sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) { return a.q > b.q; });
    for (const auto& c : cands)
      if (supported(c.lang)) return c.lang;
  }
  return default_language;
}

}  // namespace qt::accounts
