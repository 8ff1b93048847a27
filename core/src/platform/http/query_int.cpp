#include "platform/http/query_int.hpp"

#include <charconv>
#include <limits>
#include <string>

#include <boost/json/object.hpp>

#include "platform/http/response.hpp"

namespace qt::http {

std::int64_t query_int(const Request& req, std::string_view name, std::int64_t fallback, std::int64_t lo,
                       std::int64_t hi) {
  const auto v = req.query_param(name);
  if (!v || v->empty()) return fallback;
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec == std::errc() && end == v->data() + v->size() && out >= lo && out <= hi) return out;
  const std::string n(name);
  const bool open_ended = hi == std::numeric_limits<std::int64_t>::max();
  const std::string de = open_ended ? "eine ganze Zahl ab " + std::to_string(lo)
                                    : "eine ganze Zahl von " + std::to_string(lo) + " bis " + std::to_string(hi);
  const std::string en = open_ended ? "a whole number from " + std::to_string(lo) + " up"
                                    : "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
  boost::json::object details{{"parameter", n}, {"min", lo}};
  if (!open_ended) details["max"] = hi;
  throw HttpError(400, "invalid_parameter",
                  "Der Parameter „" + n + "“ muss " + de + " sein. / The parameter '" + n + "' must be " + en + ".",
                  std::move(details));
}

}  // namespace qt::http
