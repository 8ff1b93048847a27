// The JSON body readers (web/http_util.hpp over quartier/json_body.hpp) on a request whose body
// is the input, with the field list and limits a typical route uses. Bad bodies must become
// HttpError 400 with a code; the strings they hand on must be valid UTF-8 and within limits.
#include <string>

#include <quartier/json_body.hpp>

#include "fuzz_check.hpp"
#include "platform/json/utf8.hpp"
#include "web/http_util.hpp"

namespace {

using qt::fuzz::check;
namespace web = qt::accounts;

void check_string(const std::string& s, std::size_t max_len) {
  check(s.size() <= max_len, "a string read stays within its limit");
  check(!qt::json::first_invalid_utf8(s), "a string read is valid UTF-8");
}

// Each reader on its own, so one bad field does not hide the others.
template <class Fn>
void expect_400(Fn&& fn) {
  try {
    fn();
  } catch (const qt::http::HttpError& e) {
    check(e.status() == 400, "a bad field is a 400");
    check(!e.code().empty() && e.what()[0] != '\0', "a refusal has a code and a message");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  qt::http::Request req;
  req.method = "POST";
  req.body = std::string(qt::fuzz::as_text(data, size));
  boost::json::object body;
  try {
    body = web::json_body(req, "title, text,count ,public,tags");
  } catch (const qt::http::HttpError& e) {
    check(e.status() == 400, "a body that is no object or has unknown fields is a 400");
    return 0;
  }
  for (const auto& kv : body)
    check(kv.key() == "title" || kv.key() == "text" || kv.key() == "count" || kv.key() == "public" ||
              kv.key() == "tags",
          "json_body lets only allowed fields through");
  expect_400([&] { check_string(web::required_string(body, "title", "Titel / title", 200), 200); });
  expect_400([&] {
    if (auto s = web::optional_string(body, "text", "Text / text", 10000)) check_string(*s, 10000);
  });
  expect_400([&] { (void)web::optional_int(body, "count", "Anzahl / count"); });
  expect_400([&] { (void)web::optional_bool(body, "public", "Öffentlich / public"); });
  try {
    (void)quartier::json::optional_string(body, "tags", 50, quartier::json::Count::code_points);
  } catch (const quartier::JsonBodyError& e) {
    check(e.field() == "tags", "a JsonBodyError names its field");
  }
  return 0;
}
