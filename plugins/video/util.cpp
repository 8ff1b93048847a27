#include "util.hpp"

#include <array>
#include <chrono>
#include <stdexcept>

#include <sodium.h>

namespace video {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

quartier::HttpError error(int status, std::string code, std::string_view de, std::string_view en) {
  return quartier::HttpError(status, std::move(code), std::string(de) + " / " + std::string(en));
}

boost::json::object body_object(const quartier::Request& req) {
  if (req.body().find_first_not_of(" \t\r\n") == std::string_view::npos) return {};
  boost::system::error_code ec;
  auto v = boost::json::parse(req.body(), ec);
  if (ec || !v.is_object())
    throw error(400, "invalid_body", "Die Anfrage ist kein JSON-Objekt.", "The request body is not a JSON object.");
  return std::move(v.as_object());
}

namespace {
quartier::HttpError wrong_type(std::string_view key, std::string_view de, std::string_view en) {
  return error(400, "invalid_" + std::string(key), "Das Feld '" + std::string(key) + "' muss " + std::string(de) + " sein.",
               "The field '" + std::string(key) + "' must be " + std::string(en) + ".");
}
}  // namespace

std::optional<std::string> opt_string(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) throw wrong_type(key, "ein Text", "a string");
  return std::string(v->as_string());
}

std::optional<std::int64_t> opt_int(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_int64()) throw wrong_type(key, "eine ganze Zahl", "an integer");
  return v->as_int64();
}

std::optional<bool> opt_bool(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_bool()) throw wrong_type(key, "true oder false", "true or false");
  return v->as_bool();
}

void send(quartier::Response& res, const boost::json::value& v, int status) { res.json(boost::json::serialize(v), status); }

std::string random_slug() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), variant);
  out.resize(out.find('\0'));
  return out;
}

}  // namespace video
