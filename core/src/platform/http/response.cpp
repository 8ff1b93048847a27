#include "platform/http/response.hpp"

#include <algorithm>
#include <cctype>

#include <boost/json/serialize.hpp>

namespace qt::http {
namespace {
bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}
}  // namespace

void Response::set_header(std::string_view name, std::string_view value) {
  for (auto& h : headers)
    if (iequals(h.name, name)) {
      h.value = value;
      return;
    }
  headers.push_back({std::string(name), std::string(value)});
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  for (const auto& h : headers)
    if (iequals(h.name, name)) return std::string_view(h.value);
  return std::nullopt;
}

Response Response::json(const boost::json::value& v, int status) {
  return json_text(boost::json::serialize(v), status);
}

Response Response::json_text(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.set_header("Content-Type", "application/json; charset=utf-8");
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  return r;
}

Response Response::error(int status, std::string_view code, std::string_view message) {
  return error(status, code, message, nullptr);
}

Response Response::error(int status, std::string_view code, std::string_view message,
                         const boost::json::value& details) {
  boost::json::object err{{"code", code}, {"message", message}};
  if (!details.is_null()) err["details"] = details;
  Response r = json(boost::json::object{{"error", std::move(err)}}, status);
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response HttpError::to_response() const { return Response::error(status_, code_, what(), details_); }

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "";
  }
}

}  // namespace qt::http
